// django.db.models.enums at the shell: a `class Visibility(models.TextChoices)` (or
// IntegerChoices) written in models.py, inside a model class or at the prompt, as Django 3.2
// makes it: an enum class whose members are str (int) values with a `.label`, `.name` and
// `.value`, `<Visibility.PUBLIC: 'public'>` as repr and the value as str(); the class has
// `.choices`, `.values`, `.labels`, `.names`, lookup by value `Visibility('public')` and by name
// `Visibility['PUBLIC']`, iteration, len() and `in` (members or values).
#pragma once

#include <string>

#include "core/python/ast.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

//! "TextChoices", "IntegerChoices" or "Choices" when a base of the class statement names one
//! (bare or as `models.X`); empty otherwise.
std::string choices_base(const py::Stmt& class_def);

//! Builds the enum class of such a statement, its body run in a class frame over `enclosing`'s
//! globals. Null with the exception pending when a member's value cannot be made (an
//! IntegerChoices value that int() refuses).
shell::ClassRef make_choices_class(shell::Interp& in, const py::Stmt& class_def, const std::string& base,
                                   const std::string& module, const std::string& qualname, shell::Frame& enclosing);

//! django.db.models.Choices / TextChoices / IntegerChoices themselves (the bases), made once
//! per session: `isinstance(member, models.TextChoices)`, and how a class statement at the
//! prompt is recognised.
shell::ClassRef choices_base_class(shell::Interp& in, const std::string& name);

}  // namespace gramlab::orm

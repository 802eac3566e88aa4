// django.db.models.functions beyond the first few (Lower, Upper, Length, Concat, Coalesce, ...
// in expressions.cpp): Extract*, Trunc* and Now (functions/datetime.py), Cast and NullIf
// (comparison.py), Substr, Left, Right, StrIndex, Reverse, LPad, RPad, Repeat, Ord, Chr, MD5 and
// SHA256 (text.py), the math functions (math.py) and the window functions with Window
// (window.py, expressions.py). This file holds their constructors with
// Django's argument checks, the output field each resolves to, and the checks Extract and Trunc
// make once their source is resolved. Their SQL is the compiler's (Compiler::compile_expr); the
// SQLite functions it calls are core/backends/sqlite's, with Python's semantics.
#pragma once

#include "core/orm/expressions.hpp"

namespace gramlab::orm {

//! Installs the functions into django.db.models.functions, and Window into django.db.models.
void install_db_functions(shell::Interp& in, shell::ModuleObj& models, shell::ModuleObj& functions);

//! Sets e's output for a function of this file (NumericOutputFieldMixin, the classes with a
//! fixed output_field, output_field= given); false for a function it does not know.
bool function_output(ExprNode& e);

//! What Extract's and Trunc's resolve_expression and as_sql check once the source is resolved
//! (the source's type, the kind's spelling, the truncation the output can take), and the
//! SQLite function they compile to. True for any other node; false with the exception pending.
bool resolve_function(shell::Interp& in, ExprNode& e);

//! The field class an expression outputs ("IntegerField", "CharField", ...), or "" unknown.
std::string output_class(const ExprNode& e);
//! isinstance(<a field of class a>, <class b>) for the field classes expressions output.
bool is_field_subclass(const std::string& a, const std::string& b);

class Query;
//! Exists(qs) / Subquery(qs) met by the outer query: a copy of the inner query whose
//! OuterRef(name)s are the outer query's columns, its ordering dropped unless sliced.
bool resolve_subquery(shell::Interp& in, Query& outer, ExprNode& e);

//! The source field an Extract/Trunc reads (through a foreign key to its target's field).
const models::Field* function_source_field(shell::Interp& in, const ExprNode& e);

}  // namespace gramlab::orm

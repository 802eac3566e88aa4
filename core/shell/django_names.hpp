// Which names the Django 3.2 modules gramlab imports from really have (generated from real
// Django by scripts/django_names.py into django_names.inc). A name Django has and gramlab does
// not implement is "not supported in gramlab", never a claim that Django lacks it.
#pragma once

#include <string>

namespace gramlab::shell {

//! True when Django 3.2's `module` (dotted, "django.db.models") has the public name `name`.
bool django_has_name(const std::string& module, const std::string& name);

}  // namespace gramlab::shell

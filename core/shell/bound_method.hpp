// Methods of classes Django defines in Python (QuerySet.count, Model.delete, a manager's
// methods), implemented in C++ but shown as Python shows a bound method: repr(qs.count) is
// "<bound method QuerySet.count of <QuerySet [...]>>", which evaluates repr(qs) (and so may run
// its query), not the "<built-in method ...>" of a method of a builtin type.
#pragma once

#include <functional>
#include <string>

#include "core/shell/object.hpp"

namespace gramlab::shell {

//! A C++ function shown as the Python function `qualname` ("<function Model.delete at 0x...>").
Ref python_function(const std::string& qualname, const std::string& name, std::function<Ref(Interp&, Args&)> fn);

//! `fn` bound to `self`: called as fn(in, self, args), shown as "<bound method `qualname` of ...>".
Ref bound_method(const std::string& qualname, const std::string& name, Ref self,
                 std::function<Ref(Interp&, Ref&, Args&)> fn);
//! The same for the qualname `qualname_prefix` + `name` ("QuerySet." "count"): the prefix is a
//! string literal, so an attribute access builds no qualname string.
Ref bound_method_in(const char* qualname_prefix, const std::string& name, Ref self,
                 std::function<Ref(Interp&, Ref&, Args&)> fn);

//! The same for a fixed qualname that is a string literal (kManagerMethodQualname).
Ref bound_method_static(const char* qualname, const std::string& name, Ref self,
                        std::function<Ref(Interp&, Ref&, Args&)> fn);

//! The __qualname__ of the functions Django's BaseManager copies from QuerySet.
inline constexpr const char* kManagerMethodQualname =
    "BaseManager._get_queryset_methods.<locals>.create_method.<locals>.manager_method";

}  // namespace gramlab::shell

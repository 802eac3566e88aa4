// Python's builtins as the shell offers them: functions (print, len, str, int, range, ...),
// the builtin classes, the methods of str/list/dict, and the string formatting used by
// f-strings and the % operator.
#pragma once

#include <string>

#include "core/shell/interp.hpp"

namespace gramlab::shell {

//! Fills in.builtins and the builtin classes (called once by the Interp constructor).
void install_builtins(Interp& in);

//! format(value, spec): f-string replacement fields.
bool format_value(Interp& in, const Ref& value, const std::string& spec, std::string& out);

//! 'text' % args
Ref percent_format(Interp& in, const std::string& fmt, const Ref& args);

//! super(cls, self)
Ref make_super(Interp& in, const ClassRef& cls, const Ref& self);

//! A builtin method bound to `self`.
Ref method(const std::string& name, Ref self, std::function<Ref(Interp&, Ref&, Args&)> fn);

//! Checks a builtin's positional/keyword arity with CPython's message; false + TypeError.
bool check_args(Interp& in, const std::string& fname, const Args& a, size_t min_pos, size_t max_pos,
                bool allow_kw = false);

//! Binds `fname(names...)` (the first `required` without defaults; positional or keyword) with
//! CPython's messages; `out` gets one entry per name, null when not given. `implicit` counts a
//! bound method's self in the "takes N positional arguments" messages (QuerySet.using()).
bool bind_params(Interp& in, const std::string& fname, const Args& a, const std::vector<std::string>& names,
                 size_t required, std::vector<Ref>& out, size_t implicit = 0);

}  // namespace gramlab::shell

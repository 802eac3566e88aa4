// The SyntaxErrors CPython raises after parsing, while building the symbol table and compiling
// (Python/symtable.c, Python/compile.c): a `return` outside a function, `break` / `continue`
// outside a loop, a starred expression where none may stand, `nonlocal` at module level or
// without a binding in an enclosing function. CPython reports them before any of the input
// runs, so a shell statement `print(1); return` prints nothing; checking them here, once per
// parse, keeps gramlab from running the statement's first half.
#pragma once

#include <optional>

#include "core/common/error.hpp"
#include "core/python/ast.hpp"

namespace gramlab::py {

//! The error CPython would report for a parsed module, or nothing: the symbol table's errors
//! first (in source order), then the compiler's (in source order), as CPython finds them.
std::optional<Error> compile_check(const Module& module);

}  // namespace gramlab::py

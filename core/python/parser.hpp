// Python-subset parser: source text → py::Module, collecting SyntaxErrors with spans
// instead of stopping at the first. Shared by the models.py reader, the migration-file
// loader, settings.py and the shell.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.hpp"
#include "core/python/ast.hpp"

namespace gramlab::py {

struct ParseResult {
    Module module;
    //! SyntaxError / IndentationError / TabError, Python's wording where possible
    //! ("invalid syntax", "unexpected indent", "expected ':'", "unterminated string literal
    //! (detected at line 3)", ...). Kind is the exception class name.
    std::vector<Error> errors;
    bool ok() const { return errors.empty(); }
};

//! Parses a whole file (or a block of shell statements). `file` is copied into each Error.
//! Never crashes on any input (fuzzed); nesting deeper than 200 levels is a SyntaxError
//! ("too many nested parentheses" / "too many levels of indentation") rather than a
//! stack overflow. Input that parses is then checked as CPython's compiler checks it
//! (compile_checks.hpp: `return` outside a function, a misplaced `*x`, ...).
ParseResult parse_module(std::string_view source, const std::string& file = "");

//! Renders an expression back to Python source (normalised: single quotes for strings
//! as Python's repr does, spaces around binary operators). Used by the migration writer
//! and the shell's echo of code.
std::string unparse(const Expr& e);

}  // namespace gramlab::py

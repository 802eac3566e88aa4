// Diagnostics collected by parsers and checks (never stop at the first one), and the one
// renderer that turns a diagnostic into "file:line:col: message" plus the source line and
// carets. Used by the CLI, the playground and the tests alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.hpp"
#include "core/common/source_span.hpp"

namespace gramlab {

enum class Severity { kError, kWarning, kInfo };

struct Diagnostic {
    Severity severity = Severity::kError;
    std::string id;       // stable id, e.g. "syntax.E001", "models.E015"
    std::string message;
    std::string file;
    SourceSpan span;
};

//! Renders:
//!   models.py:3:15: SyntaxError: invalid syntax
//!       name = models.CharField(max_length=)
//!                                         ^
std::string render_diagnostic(std::string_view source, const std::string& file, SourceSpan span,
                              const std::string& headline);

//! Renders an Error the same way (headline "Kind: message").
std::string render_error(std::string_view source, const Error& e);

}  // namespace gramlab

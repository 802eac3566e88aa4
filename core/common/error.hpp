// User-facing errors: a kind named after the Python/Django exception a learner would see,
// a message, an optional hint, and the span in the user's text it points at.
// Mirrors how Django reports exceptions (`FieldError: Cannot resolve keyword ...`).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/common/source_span.hpp"

namespace gramlab {

struct Error {
    std::string kind;     // "SyntaxError", "FieldError", "TypeError", "CommandError", ...
    std::string message;  // exactly as Django/Python would print it after "Kind: "
    std::string hint;     // optional extra line for learners
    std::string file;     // file the span refers to (may be empty)
    SourceSpan span;

    static Error make(std::string kind, std::string message, SourceSpan span = {}) {
        Error e;
        e.kind = std::move(kind);
        e.message = std::move(message);
        e.span = span;
        return e;
    }
    //! "Kind: message", the last line of a Python traceback.
    std::string to_string() const { return message.empty() ? kind : kind + ": " + message; }
};

}  // namespace gramlab

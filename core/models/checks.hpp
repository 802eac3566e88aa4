// System checks with Django's ids and messages (fields.E120, fields.E304, models.E015, ...)
// and their rendering in Django's layout ("System check identified N issues").
// Mirrors django/core/checks/ and the check() methods of fields and models.
#pragma once

#include <string>
#include <vector>

#include "core/models/base.hpp"

namespace gramlab::models {

enum class CheckLevel { kDebug = 10, kInfo = 20, kWarning = 30, kError = 40, kCritical = 50 };

struct CheckMessage {
    CheckLevel level = CheckLevel::kError;
    std::string id;    // "fields.E120"
    std::string msg;
    std::string hint;  // empty if none
    std::string obj;   // "app.Model.field", "app.Model", or "?"
    std::string file;  // where the object is defined (for editors), may be empty
    SourceSpan span;
    bool is_serious() const { return level >= CheckLevel::kError; }
    //! "obj: (id) msg" + "\n\tHINT: hint", as CheckMessage.__str__.
    std::string to_string() const;
};

//! Runs every model and field check over the installed models, plus auth's user-model checks.
std::vector<CheckMessage> run_checks(const Apps& apps);

//! Formats the result as `manage.py check` does. `serious` is set when any error is
//! present (Django then raises SystemCheckError: the text goes to stderr, exit code 1).
struct CheckReport {
    std::string text;
    bool serious = false;
    bool to_stderr = false;
};
CheckReport format_check_report(const std::vector<CheckMessage>& messages, bool display_num_errors = true);

}  // namespace gramlab::models

// A POSIX sh subset for run:/script: blocks and deploy.sh: words with quotes, $X/${X} (expanded
// later, by sh_expand), assignments, redirects (> >> < 2> 2>&1), pipes, && || ; and comments.
// Syntax errors are phrased like dash (Debian's /bin/sh): `deploy.sh: 3: Syntax error: "&&" unexpected`.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/result.hpp"

namespace gramlab::deploy {

//! A word as written, quotes included ("${HOME}/x", 'a b'); expansion happens at run time.
struct ShWord {
    std::string raw;
    SourceSpan span;
};

struct ShRedirect {
    std::string op;  // ">", ">>", "<", "2>", "2>>", "2>&1", ">&2"
    ShWord target;   // empty raw for 2>&1 and >&2
};

struct ShCommand {
    std::vector<std::pair<std::string, ShWord>> assigns;  // NAME=value before the command name
    std::vector<ShWord> words;
    std::vector<ShRedirect> redirects;
    SourceSpan span;
};

struct ShPipeline {
    std::vector<ShCommand> commands;
    bool negate = false;  // `! cmd`
};

//! p1 && p2 || p3 : ops[i] joins pipelines[i] and pipelines[i+1].
struct ShAndOr {
    std::vector<ShPipeline> pipelines;
    std::vector<std::string> ops;
};

struct ShScript {
    std::vector<ShAndOr> items;
};

//! Parses a script. `file` names it in errors (dash prints the script name, or "sh" for -c).
//!   parse_sh("echo a &&\n&& b", "deploy.sh") → Error{kind "Syntax error", message "\"&&\" unexpected", line 2}
Result<ShScript> parse_sh(std::string_view text, const std::string& file);

//! dash's one-line rendering of a parse error: `deploy.sh: 2: Syntax error: "&&" unexpected`.
std::string sh_error_line(std::string_view text, const Error& e);

}  // namespace gramlab::deploy

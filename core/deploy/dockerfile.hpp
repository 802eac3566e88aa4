// Dockerfile parser: instructions with their arguments, exec (JSON) or shell form, line
// continuations and comments, as the Docker classic builder reads them
// (https://docs.docker.com/engine/reference/builder/). Errors are phrased as `docker build` prints
// them: `Error response from daemon: dockerfile parse error line 3: unknown instruction: FORM`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace gramlab::deploy {

struct DockerInstruction {
    std::string keyword;             // upper case: FROM, RUN, CMD, ...
    std::string original;            // the instruction as the builder echoes it ("FROM ubuntu"), continuations joined
    std::vector<std::string> args;   // exec form: the JSON items; shell form: one string; ENV/ARG/LABEL: "K=V"...
    std::vector<std::string> flags;  // leading --flags (COPY --from=..., --chown=...)
    bool exec_form = false;          // written as a JSON array
    int line = 0;
    SourceSpan span;
};

struct Dockerfile {
    std::vector<DockerInstruction> instructions;
};

//! Parses a Dockerfile; `file` names it in errors. Checks each instruction's argument count as
//! the builder does (FROM requires either one or three arguments, COPY needs two, ...).
Result<Dockerfile> parse_dockerfile(std::string_view text, const std::string& file);

//! The words of a JSON array `["a","b"]`, or false when `text` is not one (then it is shell form).
bool parse_json_string_array(std::string_view text, std::vector<std::string>& out);

}  // namespace gramlab::deploy

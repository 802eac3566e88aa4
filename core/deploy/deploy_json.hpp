// The deploy simulator's JSON contract (docs/deploy.md), shared by `gramlab deploy --json` and
// the playground: the world, each step {index, title, status, changes, logs}, errors with
// file/line/column, and terminal command results {command, stdout, stderr, exit_code}.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/common/error.hpp"
#include "core/deploy/timeline.hpp"
#include "core/deploy/world.hpp"

namespace gramlab::deploy {

nlohmann::ordered_json world_to_json(const World& w);
nlohmann::ordered_json step_to_json(const Step& s);
//! {kind, message, file, line, column, rendered}; `source` is the text the span points into.
nlohmann::ordered_json error_to_json(const Error& e, std::string_view source);
nlohmann::ordered_json command_to_json(const std::string& command, const std::string& out, const std::string& err,
                                       int code);
//! One line of JSON (invalid UTF-8 replaced, never throws).
std::string dump_line(const nlohmann::ordered_json& j);

}  // namespace gramlab::deploy

// The deploy simulator's JSON contract (docs/deploy.md), shared by `gramlab deploy --json` and
// the playground: the world, each step {index, title, status, changes, logs}, errors with
// file/line/column, and terminal command results {command, stdout, stderr, exit_code}.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/common/error.hpp"
#include "core/deploy/http_flow.hpp"
#include "core/deploy/simulator.hpp"
#include "core/deploy/timeline.hpp"
#include "core/deploy/world.hpp"

namespace gramlab::deploy {

nlohmann::ordered_json world_to_json(const World& w);
nlohmann::ordered_json step_to_json(const Step& s);
//! {kind, message, file, line, column, rendered}; `source` is the text the span points into.
nlohmann::ordered_json error_to_json(const Error& e, std::string_view source);
nlohmann::ordered_json command_to_json(const std::string& command, const std::string& out, const std::string& err,
                                       int code);
//! `gramlab deploy --json`'s summary object: {steps, position, faults, failed, errors, world};
//! `failed` is whether a step up to the position failed; `files` are the scenario's files
//! (the errors' `rendered` source lines come from them).
nlohmann::ordered_json summary_to_json(const Simulator& sim, const std::map<std::string, std::string>& files);
//! A request sent through the world (the Deploy window's "send request"): {request, connected,
//! curl_error, status, reason, headers: [[name, value]], body, trace}.
nlohmann::ordered_json http_outcome_to_json(const HttpRequest& req, const HttpOutcome& o);
//! One line of JSON (invalid UTF-8 replaced, never throws).
std::string dump_line(const nlohmann::ordered_json& j);

}  // namespace gramlab::deploy

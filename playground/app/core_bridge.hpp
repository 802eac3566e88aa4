// The playground's only way to the core: calls out to window.gramlab (web/gramlab.js) through
// EM_JS, and the exported callback playground_on_result() that receives the JSON answers and
// turns them into AppState structs. Keeps the ImGui module free of the core (and of SQLite).
#pragma once

#include <string>
#include <vector>

#include "playground/app/app_state.hpp"

namespace gramlab::playground {

//! Sends `text` to gramlab.shell(); the answer arrives in the next frames (shell.running
//! stays true until then).
void request_shell(AppState& app, const std::string& text);
//! gramlab.stop(): ends the running statement.
void request_stop();
//! Parses the `gramlab shell --json` array into entries; on bad JSON returns one error entry.
std::vector<ShellEntry> parse_shell_results(const std::string& json);

//! The AppState the callback writes into (set once by main).
void bind_app_state(AppState* app);

}  // namespace gramlab::playground

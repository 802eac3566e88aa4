// The playground's only way to the core: calls out to window.gramlab (web/gramlab.js) through
// EM_JS, and the exported callback playground_on_result() that receives the JSON answers and
// turns them into AppState structs. Keeps the ImGui module free of the core (and of SQLite).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "playground/app/app_state.hpp"

namespace gramlab::playground {

//! Sends `text` to gramlab.shell(); the answer arrives in the next frames (shell.running
//! stays true until then).
void request_shell(AppState& app, const std::string& text);
//! gramlab.stop(): ends the running statement.
void request_stop();
//! Parses the `gramlab shell --json` array into entries; on bad JSON returns one error entry.
//! When `last_result` is given, the last statement's "result" table (if any) goes there.
std::vector<ShellEntry> parse_shell_results(const std::string& json, ResultsState* last_result = nullptr);
//! Flattens one "result" object ({kind, model, columns, rows, truncated}) into `out`;
//! false when it is not one.
bool parse_result_table(const nlohmann::json& result, const std::string& statement, ResultsState& out);
//! The rows the playground asks the core for (gramlab.shell's result_rows).
inline constexpr int kResultRows = 100000;

//! Models window: asks for the workspace's models.py (arrives in app.models.text).
void request_models_text(AppState& app);
//! Models window: "check", "makemigrations" or "migrate"; an edited models.py is sent first
//! (gramlab.setFile), which restarts the shell session, so the startup imports run again.
void request_models_command(AppState& app, const std::string& action);
//! Schema window: gramlab.schema() into app.schema.
void request_schema(AppState& app);
//! Data window: runs `statement` (a values_list of one table) for its rows.
void request_data_rows(AppState& app, const std::string& statement);
//! Data window: runs a generated ORM edit (`Post.objects.filter(pk=3).update(...)`).
void request_data_edit(AppState& app, const std::string& statement);

//! SQL window: gramlab.explain() of query `query` of statement `entry` into app.sql.explains.
void request_explain(AppState& app, size_t entry, size_t query);
//! Workspace menu: "exportFile" (download), "importFile" (file picker), "reset" (the example
//! again) or "shareLink" (copied to the clipboard). Import and reset refresh every window.
void request_workspace_action(AppState& app, const std::string& op);
//! Deploy window: gramlab.deploy.pipeline(move) ("" stays; "goto" moves to `position`).
void request_deploy(AppState& app, const std::string& move, int position = 0);
//! Deploy window: gramlab.deploy.setFault(name, on); the answer is the pipeline again.
void request_deploy_fault(AppState& app, const std::string& fault, bool on);
//! Deploy window: gramlab.deploy.request(path, {method}) into app.deploy.response.
void request_deploy_http(AppState& app, const std::string& method, const std::string& path);
//! gramlab.deploy.sh(lines); `kind` "deploy:sh" (the Deploy terminal) or "help:sh" (a tour).
void request_deploy_sh(AppState& app, const std::string& kind, const std::string& lines);

//! The AppState the callback writes into (set once by main).
void bind_app_state(AppState* app);

}  // namespace gramlab::playground

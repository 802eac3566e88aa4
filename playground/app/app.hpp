// The playground's windows: one draw function per window over plain state (Dear ImGui's
// ExampleApp style); draw_app() draws the menu bar and every open window.
#pragma once

#include <string>

#include "playground/app/app_state.hpp"

namespace gramlab::playground {

void draw_app(AppState& app);
//! A console like `manage.py shell`: history, multi-line input, Ctrl+Enter runs.
void draw_shell_window(AppState& app, bool* p_open);
//! Every query of every statement, with parameters and time; the query count per statement;
//! N+1 patterns with their rewrite; QuerySet evaluations; EXPLAIN QUERY PLAN in plain words.
void draw_sql_window(AppState& app, bool* p_open);
//! `statement` with `.fix` after the first `Model.objects` of `model_label` ("instagram.Post"),
//! "" when the statement has none: the N+1 rewrite the SQL window offers.
std::string rewrite_with_fix(const std::string& statement, const std::string& model_label, const std::string& fix);
//! The last QuerySet / list a statement echoed, as a sortable, virtualised table.
void draw_results_window(AppState& app, bool* p_open);
//! models.py with line numbers, colours and check messages at their line; Check, Make
//! migrations and Migrate with the migration file and its SQL.
void draw_models_window(AppState& app, bool* p_open);
//! The ER diagram of the model registry (pan, zoom); a click shows the table's DDL.
void draw_schema_window(AppState& app, bool* p_open);
//! Every table's rows; a cell edit runs a generated ORM statement.
void draw_data_window(AppState& app, bool* p_open);
//! The deploy pipeline as a timeline, the world as panels, the request path, faults, a terminal.
void draw_deploy_window(AppState& app, bool* p_open);
//! The ORM cheat sheet (runnable snippets) and the guided tours of the deploy lessons.
void draw_help_window(AppState& app, bool* p_open);

}  // namespace gramlab::playground

// The playground's windows: one draw function per window over plain state (Dear ImGui's
// ExampleApp style); draw_app() draws the menu bar and every open window.
#pragma once

#include "playground/app/app_state.hpp"

namespace gramlab::playground {

void draw_app(AppState& app);
//! A console like `manage.py shell`: history, multi-line input, Ctrl+Enter runs.
void draw_shell_window(AppState& app, bool* p_open);
//! Every query of every statement, with parameters and time; the query count per statement.
void draw_sql_window(AppState& app, bool* p_open);

}  // namespace gramlab::playground

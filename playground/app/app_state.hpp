// The playground's state as plain structs (Dear ImGui style): one struct per window, owned by
// AppState, drawn by one function per window (app.hpp). No core types here: the app talks to
// the core only through web/gramlab.js (core_bridge.hpp), so results arrive as these structs.
#pragma once

#include <string>
#include <vector>

namespace gramlab::playground {

//! One query of a statement, as `gramlab shell --json` reports it.
struct QueryView {
    std::string sql;
    std::string params;  // the params array as JSON text: ["kim_minji", 3]
    double ms = 0.0;
};

//! One console statement and what the core printed for it.
struct ShellEntry {
    std::string statement;
    std::string output;  // what the console printed ("" when nothing)
    std::string error;   // "Type: message" as the traceback's last line, "" when none
    std::vector<QueryView> queries;
};

struct ShellState {
    static constexpr size_t kInputSize = 64 * 1024;
    std::vector<char> input = std::vector<char>(kInputSize, '\0');
    std::vector<std::string> history;  // run inputs, oldest first
    int history_pos = -1;              // -1: editing a new line; else an index into history
    std::string draft;                 // the new line kept while browsing history
    std::vector<ShellEntry> entries;
    bool running = false;
    bool scroll_to_bottom = false;
    bool refocus_input = true;
    bool show_query_counts = true;     // "(2 queries)" beside each statement
    std::string pending;               // the input being run
};

struct SqlState {
    size_t seen = 0;  // entries shown last frame (scrolls to the newest when it grows)
};

struct AppState {
    //! Run once at start, shown in the console like typed input (the example's names).
    std::string startup = "from instagram.models import *\nfrom django.db.models import Q, F, Count";
    bool started = false;
    ShellState shell;
    SqlState sql;
    bool show_shell = true;
    bool show_sql = true;
    bool show_about = false;
    std::string status = "ready";
};

}  // namespace gramlab::playground

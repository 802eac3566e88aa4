// The playground's state as plain structs (Dear ImGui style): one struct per window, owned by
// AppState, drawn by one function per window (app.hpp). No core types here: the app talks to
// the core only through web/gramlab.js (core_bridge.hpp), so results arrive as these structs.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace gramlab::playground {

//! One query of a statement, as `gramlab shell --json` reports it.
struct QueryView {
    std::string sql;
    std::string params;  // the params array as JSON text: ["kim_minji", 3]
    double ms = 0.0;
};

//! When a QuerySet ran its query or reused its result cache (the shell JSON's "evaluations").
struct EvaluationView {
    std::string model, reason;  // "instagram.Post", "iteration"
    bool cache_reused = false;
    int query = -1;             // index into the statement's queries (-1: none, the cache)
};

//! A relation loaded lazily once per row (the shell JSON's "n_plus_one").
struct NPlusOneView {
    std::string model, relation, fix;  // "instagram.Post", "post_author", "select_related('post_author')"
    std::vector<int> queries;          // the repeated queries (indexes)
    int queries_before = 0, queries_after = 0;
};

//! One console statement and what the core printed for it.
struct ShellEntry {
    std::string statement;
    std::string output;  // what the console printed ("" when nothing)
    std::string error;   // "Type: message" as the traceback's last line, "" when none
    std::vector<QueryView> queries;
    std::vector<EvaluationView> evaluations;
    std::vector<NPlusOneView> n_plus_one;
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
    float input_rect[4] = {0, 0, 0, 0};  // where the input box was drawn last frame (tests click it)
    bool keep_focus = false;           // the running input came from another window: do not take focus
};

//! gramlab.explain()'s answer for one query: the plan in plain words and index suggestions.
struct ExplainStepView {
    int depth = 0;
    std::string detail, explanation;
    bool full_scan = false;
};
struct ExplainView {
    bool busy = true;
    std::string error;
    std::vector<ExplainStepView> steps;
    std::vector<std::string> suggestions;
};

struct SqlState {
    size_t seen = 0;  // entries shown last frame (scrolls to the newest when it grows)
    //! Explain results by (statement index, query index).
    std::map<std::pair<size_t, size_t>, ExplainView> explains;
    //! Where the newest statement's first Explain button and first N+1 rewrite button were
    //! drawn last frame (x0, y0, x1, y1; tests click them).
    float explain_rect[4] = {0, 0, 0, 0};
    float rewrite_rect[4] = {0, 0, 0, 0};
};

//! The last table-shaped value a statement echoed: the shell JSON's "result" (a QuerySet,
//! values(), values_list(), a list, one instance), flattened so 100k rows stay cheap to draw.
struct ResultsState {
    enum class Cell : unsigned char { kNull, kNumber, kBool, kText };
    bool has = false;
    std::string statement;  // the statement that echoed it
    std::string kind;       // "queryset", "values", "values_list", "list", "object", ...
    std::string model;      // "instagram.Post" or ""
    std::vector<std::string> columns;
    size_t rows = 0;
    bool truncated = false;  // the core sent only the first `rows`
    //! Cell (r, c) = index r * columns.size() + c: its text is text[start[i], start[i + 1]).
    std::string text;
    std::vector<unsigned> start;
    std::vector<Cell> cell;
    std::vector<double> number;  // the value of kNumber / kBool cells (for sorting)
    std::vector<unsigned> order;  // display order: row indexes, sorted by the clicked header
    bool resort = false;          // order must be recomputed from the table's sort specs
    int generation = 0;           // bumped by each new result (the table scrolls to the top)
    int sort_column = -1;         // -1: the core's order
    bool sort_descending = false;
    //! Where each header ("#" first) was drawn last frame: x0, y0, x1, y1 (tests click them).
    std::vector<float> header_rects;
};

//! One system-check message (or the import error) of models.py, at its line.
struct CheckMessageView {
    std::string level;  // "ERROR", "WARNING", ...
    std::string id;     // "fields.E120", or "SyntaxError" when models.py does not import
    std::string message, hint, obj;
    std::string file;   // "models.py" ("" when unknown)
    int line = 0, column = 0;
};

struct ModelsState {
    static constexpr size_t kTextSize = 256 * 1024;
    std::vector<char> text = std::vector<char>(kTextSize, '\0');  // models.py being edited
    bool requested = false;  // the workspace's models.py was asked for
    bool loaded = false;
    bool dirty = false;      // edited since the core last read it (sent before the next command)
    bool busy = false;
    std::string action;      // the command running: "check", "makemigrations", "migrate"
    int check_exit = -1;     // -1: not checked yet
    std::string check_text;  // what `manage.py check` printed
    std::vector<CheckMessageView> messages;
    std::string makemigrations_out;
    std::vector<std::pair<std::string, std::string>> migration_files;  // (path, text) just written
    std::string migrate_out;
    std::vector<std::pair<std::string, std::string>> migrate_sql;  // (migration, SQL) just applied
    int goto_line = 0;       // scroll the editor to this line next frame (1-based; 0: none)
    int show_tab = 0;        // select this output tab next frame: 1 Check, 2 Migration file, 3 Migrate
    float editor_rect[4] = {0, 0, 0, 0};  // where the editor was drawn last frame (tests click it)
    float button_rects[12] = {};          // Check, Make migrations, Migrate: x0, y0, x1, y1 each
};

//! The model registry as gramlab.schema() gives it, plus the diagram's layout and view.
struct SchemaField {
    std::string name, type, db_type;
    bool null = false, primary_key = false, unique = false;
    std::string related_model, relation;  // relation: "foreign_key", "one_to_one", "many_to_many", ""
};
struct SchemaModel {
    std::string label, name, db_table, ddl;
    std::vector<SchemaField> fields;
    bool other_app = false;  // a model of another app that a relation points to
    float x = 0, y = 0;      // layout position (diagram units)
    float w = 0, h = 0;      // size (diagram units), set when drawn
};
struct SchemaEdge {
    int from = -1, to = -1;  // indexes into models
    std::string field, kind, cardinality;  // cardinality "N:1", "1:1", "N:M"
    bool null = false;
};
struct SchemaState {
    bool requested = false;
    bool loaded = false;
    std::string error;  // models.py does not import
    std::vector<SchemaModel> models;
    std::vector<SchemaEdge> edges;
    float pan_x = 20, pan_y = 20, zoom = 1.0f;
    int selected = -1;
    bool fit = true;  // fit the diagram into the view next frame
    float canvas_rect[4] = {0, 0, 0, 0};  // where the diagram was drawn last frame (tests click it)
};

//! The Data window: one table's rows (through the ORM), and the cell being edited.
struct DataState {
    int table = -1;            // index into schema.models
    bool loading = false;
    ResultsState rows;         // the table's rows (values_list of its concrete columns)
    std::string rows_statement;  // the statement that gave them (run again after an edit)
    std::vector<std::string> attnames;  // the columns' attnames ("post_author_id")
    int sel_row = -1, sel_col = -1;     // the selected cell
    int edit_row = -1, edit_col = -1;   // the cell being edited (indexes into rows)
    std::vector<char> edit = std::vector<char>(4096, '\0');
    std::string last_statement;  // the generated ORM statement of the last edit
    std::string last_output;     // its output, or the error
    bool last_failed = false;
    float table_rect[4] = {0, 0, 0, 0};
    std::vector<float> table_item_rects;  // each table's entry in the list (x0, y0, x1, y1), for tests
    std::vector<float> row0_rects;        // the first row's cells, for tests
};

//! The Deploy window: the pipeline's recorded steps, the world at the position (from
//! gramlab.deploy.pipeline()), playback, the "send request" box and a small host terminal.
struct DeployChangeView {
    std::string op, path, before, after;
};
struct DeployStepView {
    int index = 0;
    std::string title, status;  // status "ok" | "failed" | "skipped"
    std::vector<std::string> logs;
    std::vector<DeployChangeView> changes;
};
struct DeployContainerView {
    std::string name, id, image, status;
    int exit_code = 0;
    std::vector<std::string> ports, networks, processes;
};
struct DeployImageView {
    std::string id, tags, cmd, entrypoint;
};
//! The world at the pipeline's position (docs/deploy.md "world").
struct DeployWorldView {
    std::string instance, runner_status, pushed_commit;
    bool host_alive = true;
    std::vector<std::pair<std::string, std::string>> host_ports;  // "80" → "docker-proxy ubuntu_nginx_1"
    std::vector<DeployImageView> images;
    std::vector<DeployContainerView> containers;
    std::vector<std::string> networks, volumes;
    std::vector<std::pair<std::string, std::string>> databases;  // name → "12288 bytes: posts_post 2 rows, ..."
    std::vector<std::pair<std::string, std::string>> requests;   // "GET /api/posts/" → "200 via ..."
    std::vector<std::pair<std::string, std::string>> files;      // "runner:/...", "host:/..." → "dir" / "file N bytes #h"
};
//! A request sent with the "send request" box (gramlab.deploy.request()).
struct DeployResponseView {
    bool has = false;
    std::string request;
    bool connected = false;
    std::string curl_error;
    int status = 0;
    std::string reason, body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<std::string> trace;
};
struct DeployState {
    bool requested = false;
    bool loaded = false;
    bool busy = false;
    std::string error;  // no scenario, or a call failed
    std::vector<DeployStepView> steps;
    int position = 0;
    bool failed = false;  // a step up to the position failed
    std::vector<std::string> all_faults, faults;
    std::vector<std::string> scenario_errors;  // parse errors of scenario files, rendered
    DeployWorldView world;
    int selected = -1;         // the step whose logs/changes are shown (-1: the one at the position)
    bool playing = false;      // Play: one step forward every kPlayInterval seconds until the end
    double next_play = 0.0;
    static constexpr double kPlayInterval = 0.8;
    char path[256] = "/api/posts/";
    int method = 0;  // 0 GET, 1 POST, 2 HEAD
    bool request_busy = false;
    DeployResponseView response;
    bool select_response = false;  // a response arrived: show its tab next frame
    // The host terminal (gramlab.deploy.sh): its own world, separate from the timeline.
    std::vector<char> term_input = std::vector<char>(1024, '\0');
    std::vector<std::pair<std::string, std::string>> term_lines;  // command → its output
    bool term_busy = false;
    bool term_scroll = false;
    //! Where the buttons were drawn last frame (tests click them): Reset, Back, Step, Play,
    //! End, Send — x0, y0, x1, y1 each.
    float button_rects[24] = {};
};

//! The Help window: the ORM cheat sheet and the guided tours.
struct HelpState {
    int tour = -1;  // the open tour (-1: the list), an index into the tours
    int page = 0;   // the tour's page
    std::vector<std::pair<std::string, std::string>> tour_output;  // command → output of "Try it"
    bool busy = false;
};

struct AppState {
    //! Run once at start, shown in the console like typed input (the example's names).
    std::string startup = "from instagram.models import *\nfrom django.db.models import Q, F, Count";
    bool started = false;
    ShellState shell;
    SqlState sql;
    ResultsState results;
    ModelsState models;
    SchemaState schema;
    DataState data;
    DeployState deploy;
    HelpState help;
    bool show_shell = true;
    bool show_sql = true;
    bool show_results = true;
    bool show_models = false;
    bool show_schema = false;
    bool show_data = false;
    bool show_deploy = false;
    bool show_help = false;
    bool show_about = false;
    std::string status = "ready";
};

}  // namespace gramlab::playground

// Exported hooks for tests/e2e (see test_hooks.hpp): `playground_show_window(name, open)`
// and `playground_state()`, a JSON summary of the windows' state, called through
// window.playground.ccall(...). They read and set the same plain state the menus do.
#include "playground/app/test_hooks.hpp"

#include <cstring>
#include <string>
#include <vector>

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

#include "playground/app/app_state.hpp"
#include "playground/app/i18n.hpp"
#include "playground/app/text_input.hpp"

namespace gramlab::playground {

namespace {

AppState* g_app = nullptr;
std::string g_state;

EM_JS(void, js_record_frame_time, (double ms), {
    if (Array.isArray(window.gramlabFrameTimes)) window.gramlabFrameTimes.push(ms);
});

bool* window_flag(AppState& app, const std::string& name) {
    if (name == "Shell") return &app.show_shell;
    if (name == "SQL") return &app.show_sql;
    if (name == "Results") return &app.show_results;
    if (name == "Models") return &app.show_models;
    if (name == "Schema") return &app.show_schema;
    if (name == "Data") return &app.show_data;
    if (name == "Deploy") return &app.show_deploy;
    if (name == "Help") return &app.show_help;
    return nullptr;
}

std::string cell_text(const ResultsState& r, size_t row, size_t col) {
    size_t k = row * r.columns.size() + col;
    if (r.cell[k] == ResultsState::Cell::kNull) return "None";
    return r.text.substr(r.start[k], r.start[k + 1] - r.start[k]);
}

}  // namespace

void bind_test_hooks(AppState* app) { g_app = app; }

void record_frame_time(double ms) { js_record_frame_time(ms); }

}  // namespace gramlab::playground

extern "C" {

//! Opens (open = 1) or closes a window by its title ("Shell", "SQL", "Results"); 0 when unknown.
EMSCRIPTEN_KEEPALIVE int playground_show_window(const char* name, int open) {
    using namespace gramlab::playground;
    if (!g_app || !name) return 0;
    bool* flag = window_flag(*g_app, name);
    if (!flag) return 0;
    *flag = open != 0;
    return 1;
}

//! {"windows": {"Shell": true, ...}, "shell": {"entries", "running"},
//!  "results": {"has", "kind", "model", "columns", "rows", "truncated", "sort_column",
//!              "sort_descending", "first": [[cells of the first 3 rows as displayed]],
//!              "header_rects": [x0, y0, x1, y1 of each header, "#" first]}}
EMSCRIPTEN_KEEPALIVE const char* playground_state() {
    using namespace gramlab::playground;
    using json = nlohmann::ordered_json;
    if (!g_app) return "{}";
    const AppState& a = *g_app;
    json j;
    j["windows"] = {{"Shell", a.show_shell}, {"SQL", a.show_sql}, {"Results", a.show_results},
                    {"Models", a.show_models}, {"Schema", a.show_schema}, {"Data", a.show_data},
                    {"Deploy", a.show_deploy}, {"Help", a.show_help}};
    j["language"] = language() == Language::kKorean ? "ko" : "en";
    j["status"] = a.status;
    j["preedit"] = preedit_text();
    const DeployState& dp = a.deploy;
    json step_status = json::array();
    for (const auto& st : dp.steps) step_status.push_back(st.status);
    json containers = json::array();
    for (const auto& c : dp.world.containers) containers.push_back(c.name + " " + c.status);
    j["deploy"] = {{"loaded", dp.loaded}, {"busy", dp.busy}, {"error", dp.error}, {"steps", dp.steps.size()},
                   {"step_status", step_status}, {"position", dp.position}, {"failed", dp.failed},
                   {"faults", dp.faults}, {"playing", dp.playing}, {"containers", containers},
                   {"files", dp.world.files.size()},
                   {"response", {{"has", dp.response.has}, {"status", dp.response.status},
                                 {"connected", dp.response.connected}, {"trace", dp.response.trace.size()}}},
                   {"term_lines", dp.term_lines.size()},
                   {"button_rects", std::vector<float>(dp.button_rects, dp.button_rects + 24)}};
    json explains = json::array();
    for (const auto& [key, ev] : a.sql.explains)
        explains.push_back({{"entry", key.first}, {"query", key.second}, {"busy", ev.busy}, {"error", ev.error},
                            {"steps", ev.steps.size()}, {"suggestions", ev.suggestions},
                            {"first", ev.steps.empty() ? std::string() : ev.steps[0].explanation}});
    const ShellEntry* last = a.shell.entries.empty() ? nullptr : &a.shell.entries.back();
    j["sql"] = {{"explains", explains},
                {"explain_rect", std::vector<float>(a.sql.explain_rect, a.sql.explain_rect + 4)},
                {"rewrite_rect", std::vector<float>(a.sql.rewrite_rect, a.sql.rewrite_rect + 4)},
                {"last_statement", last ? last->statement : std::string()},
                {"last_queries", last ? last->queries.size() : 0},
                {"last_n_plus_one", last ? last->n_plus_one.size() : 0},
                {"last_evaluations", last ? last->evaluations.size() : 0}};
    j["help"] = {{"tour", a.help.tour}, {"page", a.help.page}, {"busy", a.help.busy},
                 {"tour_output", a.help.tour_output.size()}};
    const float* ir = a.shell.input_rect;
    j["shell"] = {{"entries", a.shell.entries.size()}, {"running", a.shell.running},
                  {"input_rect", {ir[0], ir[1], ir[2], ir[3]}}};
    const ResultsState& r = a.results;
    json first = json::array();
    for (size_t i = 0; i < 3 && i < r.order.size(); ++i) {
        json row = json::array();
        for (size_t c = 0; c < r.columns.size(); ++c) row.push_back(cell_text(r, r.order[i], c));
        first.push_back(row);
    }
    j["results"] = {{"has", r.has}, {"statement", r.statement}, {"kind", r.kind}, {"model", r.model},
                    {"columns", r.columns}, {"rows", r.rows}, {"truncated", r.truncated},
                    {"sort_column", r.sort_column}, {"sort_descending", r.sort_descending}, {"first", first},
                    {"header_rects", r.header_rects}};
    const ModelsState& m = a.models;
    json messages = json::array();
    for (const auto& msg : m.messages) messages.push_back({{"level", msg.level}, {"id", msg.id}, {"line", msg.line}});
    json files = json::array(), sql = json::array();
    for (const auto& f : m.migration_files) files.push_back(f.first);
    for (const auto& f : m.migrate_sql) sql.push_back(f.first);
    j["models"] = {{"loaded", m.loaded}, {"dirty", m.dirty}, {"busy", m.busy}, {"check_exit", m.check_exit},
                   {"messages", messages}, {"migration_files", files}, {"migrate_sql", sql},
                   {"text_length", std::strlen(m.text.data())}, {"action", m.action},
                   {"makemigrations_out", m.makemigrations_out}, {"migrate_out", m.migrate_out},
                   {"check_text", m.check_text},
                   {"button_rects", std::vector<float>(m.button_rects, m.button_rects + 12)},
                   {"editor_rect", {m.editor_rect[0], m.editor_rect[1], m.editor_rect[2], m.editor_rect[3]}}};
    const SchemaState& sc = a.schema;
    json models = json::array();
    for (const auto& sm : sc.models)
        models.push_back({{"label", sm.label}, {"rect", {sm.x * sc.zoom + sc.pan_x + sc.canvas_rect[0],
                                                          sm.y * sc.zoom + sc.pan_y + sc.canvas_rect[1],
                                                          (sm.x + sm.w) * sc.zoom + sc.pan_x + sc.canvas_rect[0],
                                                          (sm.y + sm.h) * sc.zoom + sc.pan_y + sc.canvas_rect[1]}}});
    j["schema"] = {{"loaded", sc.loaded}, {"error", sc.error}, {"models", models}, {"edges", sc.edges.size()},
                   {"selected", sc.selected >= 0 ? json(sc.models[static_cast<size_t>(sc.selected)].label) : json(nullptr)},
                   {"zoom", sc.zoom}, {"pan", {sc.pan_x, sc.pan_y}},
                   {"canvas_rect", {sc.canvas_rect[0], sc.canvas_rect[1], sc.canvas_rect[2], sc.canvas_rect[3]}}};
    const DataState& d = a.data;
    json data_first = json::array();
    for (size_t i = 0; i < 3 && i < d.rows.rows; ++i) {
        json row = json::array();
        for (size_t c = 0; c < d.rows.columns.size(); ++c) row.push_back(cell_text(d.rows, i, c));
        data_first.push_back(row);
    }
    j["data"] = {{"table", d.table >= 0 && d.table < static_cast<int>(sc.models.size()) ? json(sc.models[static_cast<size_t>(d.table)].label) : json(nullptr)},
                 {"loading", d.loading}, {"rows", d.rows.rows}, {"columns", d.rows.columns}, {"first", data_first},
                 {"last_statement", d.last_statement}, {"last_output", d.last_output}, {"last_failed", d.last_failed},
                 {"table_rect", {d.table_rect[0], d.table_rect[1], d.table_rect[2], d.table_rect[3]}},
                 {"edit", {d.edit_row, d.edit_col}}, {"sel", {d.sel_row, d.sel_col}}, {"table_item_rects", d.table_item_rects},
                 {"row0_rects", d.row0_rects}};
    g_state = j.dump(-1, ' ', false, json::error_handler_t::replace);
    return g_state.c_str();
}

}  // extern "C"

// EM_JS calls to window.gramlab and the exported result callback (see core_bridge.hpp).
#include "playground/app/core_bridge.hpp"

#include <algorithm>

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

namespace gramlab::playground {

namespace {

AppState* g_app = nullptr;

// Calls gramlab.shell(text); the answer (or the error) comes back through
// _playground_on_result(kind, json) with the strings in the module's heap.
EM_JS(void, js_gramlab_shell, (const char* text, int result_rows), {
    const source = UTF8ToString(text);
    const deliver = (kind, value) => {
        const json = JSON.stringify(value);
        const kindLen = lengthBytesUTF8(kind) + 1, jsonLen = lengthBytesUTF8(json) + 1;
        const k = _malloc(kindLen), j = _malloc(jsonLen);
        stringToUTF8(kind, k, kindLen);
        stringToUTF8(json, j, jsonLen);
        _playground_on_result(k, j);
        _free(k);
        _free(j);
    };
    if (!window.gramlab) { deliver('error', {type: 'RuntimeError', message: 'window.gramlab is missing'}); return; }
    window.gramlab.shell(source, {result_rows: result_rows}).then((r) => deliver('shell', r),
                                      (e) => deliver('error', {type: e.type || 'Error', message: String(e.message || e)}));
});

EM_JS(void, js_gramlab_stop, (), {
    if (window.gramlab) window.gramlab.stop();
});

// Calls one window.gramlab function for a window (op: workspace, setFile, check,
// makemigrations, migrate, schema, shell) and delivers the answer as `kind`, or an error as
// "error:" + kind. `a` and `b` are its arguments (null when absent).
EM_JS(void, js_gramlab_request, (const char* kind_p, const char* op_p, const char* a_p, const char* b_p), {
    const kind = UTF8ToString(kind_p), op = UTF8ToString(op_p);
    const a = a_p ? UTF8ToString(a_p) : null, b = b_p ? UTF8ToString(b_p) : null;
    const deliver = (k, value) => {
        const json = JSON.stringify(value);
        const kindLen = lengthBytesUTF8(k) + 1, jsonLen = lengthBytesUTF8(json) + 1;
        const kp = _malloc(kindLen), jp = _malloc(jsonLen);
        stringToUTF8(k, kp, kindLen);
        stringToUTF8(json, jp, jsonLen);
        _playground_on_result(kp, jp);
        _free(kp);
        _free(jp);
    };
    const g = window.gramlab;
    if (!g) { deliver('error:' + kind, {type: 'RuntimeError', message: 'window.gramlab is missing'}); return; }
    let p;
    if (op === 'workspace') p = g.workspace().then((w) => ({models: (w.files && w.files['models.py']) || ""}));
    else if (op === 'setFile') p = g.setFile(a, b);
    else if (op === 'check') p = g.check();
    else if (op === 'makemigrations') p = g.makemigrations(a || "");
    else if (op === 'migrate') p = g.migrate(a || "", b || "");
    else if (op === 'schema') p = g.schema();
    else if (op === 'shell') p = g.shell(a, {result_rows: Number(b) || 0});
    else p = Promise.reject(new Error('unknown request ' + op));
    p.then((r) => deliver(kind, r), (e) => deliver('error:' + kind, {type: e.type || 'Error', message: String(e.message || e)}));
});

std::string params_text(const nlohmann::json& p) {
    return p.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void bind_app_state(AppState* app) { g_app = app; }

void request_shell(AppState& app, const std::string& text) {
    app.shell.running = true;
    app.shell.pending = text;
    app.status = "running...";
    js_gramlab_shell(text.c_str(), kResultRows);
}

void request_stop() { js_gramlab_stop(); }

bool parse_result_table(const nlohmann::json& j, const std::string& statement, ResultsState& out) {
    if (!j.is_object() || !j.contains("columns") || !j["columns"].is_array() || !j.contains("rows") ||
        !j["rows"].is_array())
        return false;
    ResultsState r;
    r.has = true;
    r.statement = statement;
    r.generation = out.generation + 1;
    if (j.contains("kind") && j["kind"].is_string()) r.kind = j["kind"].get<std::string>();
    if (j.contains("model") && j["model"].is_string()) r.model = j["model"].get<std::string>();
    r.truncated = j.contains("truncated") && j["truncated"].is_boolean() && j["truncated"].get<bool>();
    for (const auto& c : j["columns"]) r.columns.push_back(c.is_string() ? c.get<std::string>() : c.dump());
    const size_t w = r.columns.size();
    const auto& rows = j["rows"];
    r.rows = rows.size();
    r.start.reserve(r.rows * w + 1);
    r.cell.reserve(r.rows * w);
    r.number.reserve(r.rows * w);
    r.text.reserve(r.rows * w * 8);
    // Each cell one line of at most kMaxCell bytes (cut at a UTF-8 boundary), so every row
    // is one line high: the clipper assumes equal heights.
    constexpr size_t kMaxCell = 160;
    auto add_text = [&](const std::string& s) {
        size_t n = 0;
        for (size_t i = 0; i < s.size(); ++i) {
            unsigned char ch = static_cast<unsigned char>(s[i]);
            if (n >= kMaxCell && (ch & 0xC0) != 0x80) {
                r.text += "...";
                break;
            }
            if (ch == '\n') {
                r.text += "\\n";
            } else if (ch == '\r' || ch == '\t') {
                r.text += ' ';
            } else {
                r.text += static_cast<char>(ch);
            }
            ++n;
        }
    };
    for (const auto& row : rows) {
        for (size_t c = 0; c < w; ++c) {
            r.start.push_back(static_cast<unsigned>(r.text.size()));
            const nlohmann::json* v = row.is_array() && c < row.size() ? &row[c] : nullptr;
            if (!v || v->is_null()) {
                r.cell.push_back(ResultsState::Cell::kNull);
                r.number.push_back(0);
            } else if (v->is_boolean()) {
                r.cell.push_back(ResultsState::Cell::kBool);
                r.number.push_back(v->get<bool>() ? 1 : 0);
                r.text += v->get<bool>() ? "True" : "False";
            } else if (v->is_number()) {
                r.cell.push_back(ResultsState::Cell::kNumber);
                r.number.push_back(v->get<double>());
                r.text += v->dump();
            } else {
                r.cell.push_back(ResultsState::Cell::kText);
                r.number.push_back(0);
                add_text(v->is_string() ? v->get<std::string>() : v->dump());
            }
        }
    }
    r.start.push_back(static_cast<unsigned>(r.text.size()));
    out = std::move(r);
    return true;
}

std::vector<ShellEntry> parse_shell_results(const std::string& text, ResultsState* last_result) {
    std::vector<ShellEntry> out;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_array()) {
        out.push_back({"", "", "RuntimeError: the core answered with something that is not a list", {}});
        return out;
    }
    for (const auto& o : j) {
        if (!o.is_object()) continue;
        ShellEntry e;
        if (o.contains("statement") && o["statement"].is_string()) e.statement = o["statement"].get<std::string>();
        if (o.contains("output") && o["output"].is_string()) e.output = o["output"].get<std::string>();
        if (o.contains("error") && o["error"].is_object()) {
            const auto& err = o["error"];
            std::string type = err.contains("type") && err["type"].is_string() ? err["type"].get<std::string>() : "Error";
            std::string msg = err.contains("message") && err["message"].is_string() ? err["message"].get<std::string>() : "";
            e.error = msg.empty() ? type : type + ": " + msg;
        }
        if (o.contains("queries") && o["queries"].is_array()) {
            for (const auto& q : o["queries"]) {
                if (!q.is_object()) continue;
                QueryView v;
                if (q.contains("sql") && q["sql"].is_string()) v.sql = q["sql"].get<std::string>();
                if (q.contains("params")) v.params = params_text(q["params"]);
                if (q.contains("ms") && q["ms"].is_number()) v.ms = q["ms"].get<double>();
                e.queries.push_back(std::move(v));
            }
        }
        if (last_result && o.contains("result")) parse_result_table(o["result"], e.statement, *last_result);
        out.push_back(std::move(e));
    }
    return out;
}

void request(const std::string& kind, const std::string& op, const char* a, const char* b) {
    js_gramlab_request(kind.c_str(), op.c_str(), a, b);
}

void request_models_text(AppState& app) {
    app.models.requested = true;
    request("models:workspace", "workspace", nullptr, nullptr);
}

void request_models_command(AppState& app, const std::string& action) {
    ModelsState& m = app.models;
    if (m.busy) return;
    m.busy = true;
    m.action = action;
    app.status = action + "...";
    if (m.dirty) {
        m.dirty = false;
        request("models:set", "setFile", "models.py", m.text.data());  // then the action (on_models_result)
        return;
    }
    if (action == "check") request("models:check", "check", nullptr, nullptr);
    else if (action == "makemigrations") request("models:makemigrations", "makemigrations", nullptr, nullptr);
    else request("models:migrate", "migrate", nullptr, nullptr);
}

void request_schema(AppState& app) {
    app.schema.requested = true;
    request("schema", "schema", nullptr, nullptr);
}

void request_data_rows(AppState& app, const std::string& statement) {
    app.data.loading = true;
    app.data.rows_statement = statement;
    std::string rows = std::to_string(kResultRows);
    request("data:rows", "shell", statement.c_str(), rows.c_str());
}

void request_data_edit(AppState& app, const std::string& statement) {
    app.data.loading = true;
    app.data.last_statement = statement;
    request("data:edit", "shell", statement.c_str(), "0");
}

namespace {

std::string str_of(const nlohmann::json& o, const char* key) {
    return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
}
int int_of(const nlohmann::json& o, const char* key) {
    return o.is_object() && o.contains(key) && o[key].is_number_integer() ? o[key].get<int>() : 0;
}
bool bool_of(const nlohmann::json& o, const char* key) {
    return o.is_object() && o.contains(key) && o[key].is_boolean() && o[key].get<bool>();
}

void parse_check(const nlohmann::json& j, ModelsState& m) {
    m.check_exit = int_of(j, "exit_code");
    m.check_text = str_of(j, "out") + str_of(j, "err");
    m.messages.clear();
    if (j.contains("messages") && j["messages"].is_array())
        for (const auto& o : j["messages"])
            m.messages.push_back({str_of(o, "level"), str_of(o, "id"), str_of(o, "message"), str_of(o, "hint"),
                                  str_of(o, "obj"), str_of(o, "file"), int_of(o, "line"), int_of(o, "column")});
    // The editor shows the first message's line.
    for (const auto& msg : m.messages)
        if (msg.line > 0 && (msg.file == "models.py" || msg.file.empty())) {
            m.goto_line = msg.line;
            break;
        }
}

// The Schema window's model registry; the layout is computed by the window.
void parse_schema(const nlohmann::json& j, SchemaState& s) {
    s.loaded = true;
    s.error = str_of(j, "error");
    s.models.clear();
    s.edges.clear();
    const std::string app = str_of(j, "app_label");
    if (j.contains("models") && j["models"].is_array()) {
        for (const auto& o : j["models"]) {
            SchemaModel m;
            m.label = str_of(o, "label");
            m.name = str_of(o, "name");
            m.db_table = str_of(o, "db_table");
            m.ddl = str_of(o, "ddl");
            m.other_app = str_of(o, "app_label") != app;
            if (o.contains("fields") && o["fields"].is_array())
                for (const auto& f : o["fields"])
                    m.fields.push_back({str_of(f, "name"), str_of(f, "type"), str_of(f, "db_type"), bool_of(f, "null"),
                                        bool_of(f, "primary_key"), bool_of(f, "unique"), str_of(f, "related_model"),
                                        str_of(f, "relation")});
            s.models.push_back(std::move(m));
        }
    }
    auto index_of = [&](const std::string& label) {
        for (size_t i = 0; i < s.models.size(); ++i)
            if (s.models[i].label == label) return static_cast<int>(i);
        return -1;
    };
    if (j.contains("edges") && j["edges"].is_array())
        for (const auto& o : j["edges"]) {
            SchemaEdge e{index_of(str_of(o, "from")), index_of(str_of(o, "to")), str_of(o, "field"), str_of(o, "kind"),
                         str_of(o, "cardinality"), bool_of(o, "null")};
            if (e.from >= 0 && e.to >= 0) s.edges.push_back(std::move(e));
        }
    s.fit = true;
    if (s.selected >= static_cast<int>(s.models.size())) s.selected = -1;
}

std::string error_text(const nlohmann::json& j) {
    std::string msg = str_of(j, "type");
    if (msg.empty()) msg = "Error";
    std::string m = str_of(j, "message");
    return m.empty() ? msg : msg + ": " + m;
}

// Answers for the Models, Schema and Data windows.
void on_window_result(AppState& app, const std::string& kind, const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    ModelsState& m = app.models;
    if (kind == "models:workspace") {
        std::string src = str_of(j, "models");
        std::fill(m.text.begin(), m.text.end(), '\0');
        std::copy_n(src.begin(), std::min(src.size(), m.text.size() - 1), m.text.begin());
        m.loaded = true;
        m.dirty = false;
    } else if (kind == "models:set") {
        // models.py re-imported: a fresh shell session, so the example's names again; then
        // the command the button asked for.
        parse_check(j, m);
        request_shell(app, app.startup);
        app.shell.keep_focus = true;
        m.busy = false;
        m.show_tab = 1;
        if (m.action != "check") request_models_command(app, m.action);
        if (app.schema.loaded) request_schema(app);
    } else if (kind == "models:check") {
        parse_check(j, m);
        m.busy = false;
        m.show_tab = 1;
    } else if (kind == "models:makemigrations") {
        m.makemigrations_out = str_of(j, "out") + str_of(j, "err");
        m.migration_files.clear();
        if (j.contains("files") && j["files"].is_array())
            for (const auto& f : j["files"]) m.migration_files.emplace_back(str_of(f, "path"), str_of(f, "text"));
        m.busy = false;
        m.show_tab = 2;
    } else if (kind == "models:migrate") {
        m.migrate_out = str_of(j, "out") + str_of(j, "err");
        m.migrate_sql.clear();
        if (j.contains("sql") && j["sql"].is_array())
            for (const auto& f : j["sql"]) m.migrate_sql.emplace_back(str_of(f, "migration"), str_of(f, "sql"));
        m.busy = false;
        m.show_tab = 3;
        if (app.schema.loaded) request_schema(app);
    } else if (kind == "schema") {
        parse_schema(j, app.schema);
    } else if (kind == "data:rows") {
        app.data.loading = false;
        ResultsState rows;
        rows.generation = app.data.rows.generation;
        auto entries = parse_shell_results(text, &rows);
        rows.has = true;  // even without a table (an error): shown, not asked for again
        if (!entries.empty() && !entries.back().error.empty()) {
            app.data.last_output = entries.back().error;
            app.data.last_failed = true;
        }
        app.data.rows = std::move(rows);
    } else if (kind == "data:edit") {
        app.data.loading = false;
        auto entries = parse_shell_results(text, nullptr);
        const ShellEntry* e = entries.empty() ? nullptr : &entries.back();
        app.data.last_failed = !e || !e->error.empty();
        app.data.last_output = !e ? "no answer" : !e->error.empty() ? e->error : e->output;
        while (!app.data.last_output.empty() && app.data.last_output.back() == '\n') app.data.last_output.pop_back();
        app.data.edit_row = app.data.edit_col = -1;
        request_data_rows(app, app.data.rows_statement);  // the table as it is now
    } else if (kind.rfind("error:", 0) == 0) {
        std::string what = kind.substr(6), msg = error_text(j);
        if (what.rfind("models:", 0) == 0) {
            m.busy = false;
            m.check_text = msg;
        } else if (what == "schema") {
            app.schema.loaded = true;
            app.schema.error = msg;
        } else {
            app.data.loading = false;
            app.data.last_output = msg;
            app.data.last_failed = true;
        }
    }
    if (!m.busy && !app.shell.running) app.status = "ready";
}

}  // namespace

}  // namespace gramlab::playground

//! Called from JS (core_bridge.cpp's EM_JS) with kind "shell" (the JSON array) or "error"
//! ({type, message}) for the Shell; any other kind is a window's answer (on_window_result).
extern "C" EMSCRIPTEN_KEEPALIVE void playground_on_result(const char* kind, const char* json) {
    using namespace gramlab::playground;
    if (!g_app || !kind || !json) return;
    ShellState& sh = g_app->shell;
    std::string k = kind;
    if (k != "shell" && k != "error") {
        on_window_result(*g_app, k, json);
        return;
    }
    if (k == "shell") {
        for (auto& e : parse_shell_results(json, &g_app->results)) sh.entries.push_back(std::move(e));
    } else {
        nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
        std::string msg = "Error";
        if (j.is_object() && j.contains("type") && j["type"].is_string()) msg = j["type"].get<std::string>();
        if (j.is_object() && j.contains("message") && j["message"].is_string()) msg += ": " + j["message"].get<std::string>();
        sh.entries.push_back({sh.pending, "", msg, {}});
    }
    sh.running = false;
    sh.scroll_to_bottom = true;
    sh.refocus_input = !sh.keep_focus;
    sh.keep_focus = false;
    g_app->status = "ready";
}

// EM_JS calls to window.gramlab and the exported result callback (see core_bridge.hpp).
#include "playground/app/core_bridge.hpp"

#include "playground/app/clipboard.hpp"

#include <algorithm>
#include <cstdio>

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
// makemigrations, migrate, schema, shell, deployPipeline, deployFault, deployRequest, deploySh) and delivers the answer as `kind`, or an error as
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
    else if (op === 'deployPipeline') p = b ? g.deploy.pipeline(Number(b)) : g.deploy.pipeline(a || "");
    else if (op === 'deployFault') p = g.deploy.setFault(a, b === "1");
    else if (op === 'deployRequest') p = g.deploy.request(b, {method: a});
    else if (op === 'deploySh') p = g.deploy.sh(a);
    else if (op === 'explain') p = g.explain(a, b || "[]");
    else if (op === 'exportFile') p = g.exportFile();
    else if (op === 'importFile') p = g.importFile();
    else if (op === 'reset') p = g.resetWorkspace();
    else if (op === 'shareLink') p = g.shareLink();
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
        out.push_back({"", "", "RuntimeError: the core answered with something that is not a list", {}, {}, {}});
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
        auto s_of = [](const nlohmann::json& v, const char* key) {
            return v.contains(key) && v[key].is_string() ? v[key].get<std::string>() : std::string();
        };
        if (o.contains("evaluations") && o["evaluations"].is_array())
            for (const auto& v : o["evaluations"]) {
                if (!v.is_object()) continue;
                EvaluationView ev;
                ev.model = s_of(v, "model");
                ev.reason = s_of(v, "reason");
                ev.cache_reused = v.contains("cache_reused") && v["cache_reused"].is_boolean() && v["cache_reused"].get<bool>();
                ev.query = v.contains("query") && v["query"].is_number_integer() ? v["query"].get<int>() : -1;
                e.evaluations.push_back(std::move(ev));
            }
        if (o.contains("n_plus_one") && o["n_plus_one"].is_array())
            for (const auto& v : o["n_plus_one"]) {
                if (!v.is_object()) continue;
                NPlusOneView n;
                n.model = s_of(v, "model");
                n.relation = s_of(v, "relation");
                n.fix = s_of(v, "fix");
                if (v.contains("queries") && v["queries"].is_array())
                    for (const auto& q : v["queries"])
                        if (q.is_number_integer()) n.queries.push_back(q.get<int>());
                n.queries_before = v.contains("queries_before") && v["queries_before"].is_number_integer() ? v["queries_before"].get<int>() : 0;
                n.queries_after = v.contains("queries_after") && v["queries_after"].is_number_integer() ? v["queries_after"].get<int>() : 0;
                e.n_plus_one.push_back(std::move(n));
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

void request_explain(AppState& app, size_t entry, size_t query) {
    if (entry >= app.shell.entries.size() || query >= app.shell.entries[entry].queries.size()) return;
    const QueryView& q = app.shell.entries[entry].queries[query];
    app.sql.explains[{entry, query}] = ExplainView{};
    request("sql:explain:" + std::to_string(entry) + ":" + std::to_string(query), "explain", q.sql.c_str(),
            q.params.c_str());
}

void request_workspace_action(AppState& app, const std::string& op) {
    app.status = op + "...";
    request("workspace:" + op, op, nullptr, nullptr);
}

void forget_workspace_views(AppState& app) {
    app.shell.entries.clear();
    app.results = ResultsState{};
    app.models = ModelsState{};
    app.schema = SchemaState{};
    app.data = DataState{};
    app.deploy = DeployState{};
    app.sql = SqlState{};
    app.started = false;  // the next frame runs the startup imports again
}

void request_deploy(AppState& app, const std::string& move, int position) {
    app.deploy.requested = true;
    app.deploy.busy = true;
    std::string pos = std::to_string(position);
    request("deploy", "deployPipeline", move.c_str(), move == "goto" ? pos.c_str() : nullptr);
}

void request_deploy_fault(AppState& app, const std::string& fault, bool on) {
    app.deploy.busy = true;
    request("deploy", "deployFault", fault.c_str(), on ? "1" : "0");
}

void request_deploy_http(AppState& app, const std::string& method, const std::string& path) {
    app.deploy.request_busy = true;
    request("deploy:request", "deployRequest", method.c_str(), path.c_str());
}

void request_deploy_sh(AppState& app, const std::string& kind, const std::string& lines) {
    if (kind == "deploy:sh") app.deploy.term_busy = true;
    if (kind == "help:sh") app.help.busy = true;
    request(kind, "deploySh", lines.c_str(), nullptr);
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

std::vector<std::string> strings_of(const nlohmann::json& o, const char* key) {
    std::vector<std::string> out;
    if (o.is_object() && o.contains(key) && o[key].is_array())
        for (const auto& v : o[key]) out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}

// The world object of `gramlab deploy --json`'s summary.
void parse_world(const nlohmann::json& w, DeployWorldView& v) {
    v = DeployWorldView{};
    v.instance = str_of(w, "instance");
    v.runner_status = str_of(w, "runner_status");
    v.pushed_commit = str_of(w, "pushed_commit");
    v.host_alive = !w.is_object() || !w.contains("host_alive") || bool_of(w, "host_alive");
    if (w.contains("host_ports") && w["host_ports"].is_object())
        for (const auto& [port, who] : w["host_ports"].items())
            v.host_ports.emplace_back(port, who.is_string() ? who.get<std::string>() : who.dump());
    auto join = [](const nlohmann::json& a) {
        if (!a.is_array()) return a.is_string() ? a.get<std::string>() : std::string();
        std::string out;
        for (const auto& x : a) out += (out.empty() ? "" : " ") + (x.is_string() ? x.get<std::string>() : x.dump());
        return out;
    };
    if (w.contains("images") && w["images"].is_array())
        for (const auto& i : w["images"])
            if (i.is_object()) v.images.push_back({str_of(i, "id"), join(i.value("tags", nlohmann::json())),
                                join(i.value("cmd", nlohmann::json())), join(i.value("entrypoint", nlohmann::json()))});
    if (w.contains("containers") && w["containers"].is_array())
        for (const auto& c : w["containers"]) {
            DeployContainerView cv{str_of(c, "name"), str_of(c, "id"), str_of(c, "image"), str_of(c, "status"),
                                   int_of(c, "exit_code"), strings_of(c, "ports"), strings_of(c, "networks"), {}};
            if (c.contains("processes") && c["processes"].is_array())
                for (const auto& p : c["processes"])
                    cv.processes.push_back(std::to_string(int_of(p, "pid")) + "  " + str_of(p, "cmd"));
            v.containers.push_back(std::move(cv));
        }
    v.networks = strings_of(w, "networks");
    v.volumes = strings_of(w, "volumes");
    if (w.contains("databases") && w["databases"].is_object())
        for (const auto& [name, d] : w["databases"].items()) {
            std::string text = d.contains("bytes") ? d["bytes"].dump() + " bytes" : "";
            if (d.contains("tables") && d["tables"].is_object())
                for (const auto& [t, rows] : d["tables"].items()) text += ", " + t + " " + rows.dump() + " rows";
            v.databases.emplace_back(name, text);
        }
    if (w.contains("requests") && w["requests"].is_array())
        for (const auto& r : w["requests"])
            v.requests.emplace_back(str_of(r, "request"), std::to_string(int_of(r, "status")) + " " + str_of(r, "via"));
    if (w.contains("state") && w["state"].is_object())
        for (const auto& [k, val] : w["state"].items())
            if (k.rfind("host:", 0) == 0 || k.rfind("runner:", 0) == 0 || k.rfind("repo:", 0) == 0)
                v.files.emplace_back(k, val.is_string() ? val.get<std::string>() : val.dump());
}

// gramlab.deploy.pipeline()'s answer: {steps, summary, all_faults}.
void parse_pipeline(const nlohmann::json& j, DeployState& d) {
    d.loaded = true;
    d.error.clear();
    d.steps.clear();
    if (j.contains("steps") && j["steps"].is_array())
        for (const auto& o : j["steps"]) {
            DeployStepView st{int_of(o, "index"), str_of(o, "title"), str_of(o, "status"), strings_of(o, "logs"), {}};
            if (o.contains("changes") && o["changes"].is_array())
                for (const auto& c : o["changes"])
                    st.changes.push_back({str_of(c, "op"), str_of(c, "path"), str_of(c, "before"), str_of(c, "after")});
            d.steps.push_back(std::move(st));
        }
    d.all_faults = strings_of(j, "all_faults");
    const nlohmann::json summary = j.contains("summary") ? j["summary"] : nlohmann::json::object();
    d.position = int_of(summary, "position");
    d.failed = bool_of(summary, "failed");
    d.faults = strings_of(summary, "faults");
    d.scenario_errors.clear();
    if (summary.contains("errors") && summary["errors"].is_array())
        for (const auto& e : summary["errors"]) d.scenario_errors.push_back(str_of(e, "rendered"));
    parse_world(summary.contains("world") ? summary["world"] : nlohmann::json::object(), d.world);
    if (d.position >= static_cast<int>(d.steps.size())) d.playing = false;
}

void parse_http(const nlohmann::json& j, DeployResponseView& r) {
    r = DeployResponseView{};
    r.has = true;
    r.request = str_of(j, "request");
    r.connected = bool_of(j, "connected");
    r.curl_error = str_of(j, "curl_error");
    r.status = int_of(j, "status");
    r.reason = str_of(j, "reason");
    r.body = str_of(j, "body");
    r.trace = strings_of(j, "trace");
    if (j.contains("headers") && j["headers"].is_array())
        for (const auto& h : j["headers"])
            if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string())
                r.headers.emplace_back(h[0].get<std::string>(), h[1].get<std::string>());
}

// The `gramlab deploy sh --json` array as (command, stdout + stderr) pairs.
std::vector<std::pair<std::string, std::string>> parse_sh(const nlohmann::json& j) {
    std::vector<std::pair<std::string, std::string>> out;
    if (j.is_array())
        for (const auto& o : j) {
            std::string text = str_of(o, "stdout") + str_of(o, "stderr");
            int code = int_of(o, "exit_code");
            if (code != 0) text += "[exit " + std::to_string(code) + "]\n";
            out.emplace_back(str_of(o, "command"), text);
        }
    return out;
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
    } else if (kind == "workspace:importFile" || kind == "workspace:reset") {
        // Another workspace is open: every window asks again.
        if (!j.is_null()) forget_workspace_views(app);
        app.status = j.is_null() ? "ready" : "workspace opened";
    } else if (kind == "workspace:shareLink") {
        if (j.is_string()) copy_to_clipboard(j.get<std::string>().c_str());
        app.status = "share link copied";
    } else if (kind == "workspace:exportFile") {
        app.status = "workspace saved to a file";
    } else if (kind.rfind("sql:explain:", 0) == 0 || kind.rfind("error:sql:explain:", 0) == 0) {
        const bool failed = kind.rfind("error:", 0) == 0;
        size_t entry = 0, query = 0;
        if (std::sscanf(kind.c_str() + (failed ? 18 : 12), "%zu:%zu", &entry, &query) == 2) {
            ExplainView& ev = app.sql.explains[{entry, query}];
            ev = ExplainView{};
            ev.busy = false;
            if (failed) {
                ev.error = error_text(j);
            } else {
                ev.error = str_of(j, "error");
                if (j.contains("plan") && j["plan"].is_array())
                    for (const auto& st : j["plan"])
                        ev.steps.push_back({int_of(st, "depth"), str_of(st, "detail"), str_of(st, "explanation"),
                                            bool_of(st, "full_scan")});
                ev.suggestions = strings_of(j, "suggestions");
            }
        }
    } else if (kind == "deploy") {
        app.deploy.busy = false;
        parse_pipeline(j, app.deploy);
    } else if (kind == "deploy:request") {
        app.deploy.request_busy = false;
        parse_http(j, app.deploy.response);
        app.deploy.select_response = true;
    } else if (kind == "deploy:sh") {
        app.deploy.term_busy = false;
        for (auto& line : parse_sh(j)) app.deploy.term_lines.push_back(std::move(line));
        app.deploy.term_scroll = true;
    } else if (kind == "help:sh") {
        app.help.busy = false;
        for (auto& line : parse_sh(j)) app.help.tour_output.push_back(std::move(line));
    } else if (kind.rfind("error:", 0) == 0) {
        std::string what = kind.substr(6), msg = error_text(j);
        if (what.rfind("workspace:", 0) == 0) {
            app.status = msg;
        } else if (what.rfind("deploy", 0) == 0) {
            app.deploy.busy = app.deploy.request_busy = app.deploy.term_busy = false;
            app.deploy.loaded = true;
            app.deploy.error = msg;
            app.deploy.playing = false;
        } else if (what == "help:sh") {
            app.help.busy = false;
            app.help.tour_output.emplace_back("", msg);
        } else if (what.rfind("models:", 0) == 0) {
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
    if (!m.busy && !app.shell.running && kind.rfind("workspace:", 0) != 0) app.status = "ready";
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
        sh.entries.push_back({sh.pending, "", msg, {}, {}, {}});
    }
    sh.running = false;
    sh.scroll_to_bottom = true;
    sh.refocus_input = !sh.keep_focus;
    sh.keep_focus = false;
    g_app->status = "ready";
}

// EM_JS calls to window.gramlab and the exported result callback (see core_bridge.hpp).
#include "playground/app/core_bridge.hpp"

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

namespace gramlab::playground {

namespace {

AppState* g_app = nullptr;

// Calls gramlab.shell(text); the answer (or the error) comes back through
// _playground_on_result(kind, json) with the strings in the module's heap.
EM_JS(void, js_gramlab_shell, (const char* text), {
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
    window.gramlab.shell(source).then((r) => deliver('shell', r),
                                      (e) => deliver('error', {type: e.type || 'Error', message: String(e.message || e)}));
});

EM_JS(void, js_gramlab_stop, (), {
    if (window.gramlab) window.gramlab.stop();
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
    js_gramlab_shell(text.c_str());
}

void request_stop() { js_gramlab_stop(); }

std::vector<ShellEntry> parse_shell_results(const std::string& text) {
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
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace gramlab::playground

//! Called from JS (core_bridge.cpp's EM_JS) with kind "shell" (the JSON array) or "error"
//! ({type, message}).
extern "C" EMSCRIPTEN_KEEPALIVE void playground_on_result(const char* kind, const char* json) {
    using namespace gramlab::playground;
    if (!g_app || !kind || !json) return;
    ShellState& sh = g_app->shell;
    std::string k = kind;
    if (k == "shell") {
        for (auto& e : parse_shell_results(json)) sh.entries.push_back(std::move(e));
    } else {
        nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
        std::string msg = "Error";
        if (j.is_object() && j.contains("type") && j["type"].is_string()) msg = j["type"].get<std::string>();
        if (j.is_object() && j.contains("message") && j["message"].is_string()) msg += ": " + j["message"].get<std::string>();
        sh.entries.push_back({sh.pending, "", msg, {}});
    }
    sh.running = false;
    sh.scroll_to_bottom = true;
    sh.refocus_input = true;
    g_app->status = "ready";
}

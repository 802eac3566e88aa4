// The core's JS-callable boundary for the WASM build (gramlab_core.js, createGramlabCore):
// extern "C" functions over the facade's WorkspaceSession that take and return JSON text.
// web/gramlab-worker.js calls them inside a Web Worker; tests/wasm/core_api_test.mjs under
// node. A thin adapter in the duckdb-wasm webdb_api.cc style: no logic here that the CLI
// does not share through core/gramlab.hpp. Contract: docs/js-api.md.
//
// Every function returns a pointer to a buffer owned by this file, valid until the next
// call (ccall's 'string' return type copies it at once). Bad input never crashes: it comes
// back as {"ok": false, "error": {...}}.
#include <memory>
#include <cstdlib>
#include <string>

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

#include "core/gramlab.hpp"
#include "playground/embedded_files.hpp"

namespace {

using gramlab::Workspace;
using gramlab::WorkspaceSession;
using json = nlohmann::ordered_json;

std::unique_ptr<WorkspaceSession> g_session;
WorkspaceSession::Options g_options;
std::string g_result;

const char* give(std::string s) {
    g_result = std::move(s);
    return g_result.c_str();
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The page's Stop button, seen from inside a running statement: web/gramlab.js shares an
// Int32Array over a SharedArrayBuffer with the worker (only possible when the page is
// cross-origin isolated); the worker keeps it as globalThis.gramlabStopFlag. Without it (node,
// a page without COOP/COEP) this always answers 0 and Stop falls back to ending the worker.
EM_JS(int, js_stop_requested, (), {
    const flag = globalThis.gramlabStopFlag;
    return flag ? Atomics.load(flag, 0) : 0;
});

const char* fail(const std::string& type, const std::string& message) {
    return give(dump(json{{"ok", false}, {"error", {{"type", type}, {"message", message}}}}));
}

// examples/instagram (migrated on open, fixture loaded) + examples/deploy/default.
Workspace default_workspace() {
    Workspace w;
    w.app_label = "instagram";
    for (const auto* f = gramlab::playground::kInstagramFiles; f->path; ++f) w.files[f->path] = std::string(f->data, f->size);
    for (const auto* f = gramlab::playground::kDeployFiles; f->path; ++f)
        w.deploy_files[f->path] = std::string(f->data, f->size);
    return w;
}

// {"now": "2024-01-15T12:00:00Z", "time_budget_ms": 2000, "pin_random": "x"} over `base`.
// Returns an error message, or "" when the options are fine.
std::string parse_options(const char* text, WorkspaceSession::Options& out) {
    if (!text || !*text) return "";
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return "options must be a JSON object";
    if (j.contains("now") && !j["now"].is_null()) {
        if (!j["now"].is_string()) return "\"now\" must be a string like 2024-01-15T12:00:00Z";
        auto clock = gramlab::parse_clock(j["now"].get<std::string>());
        if (!clock) return "invalid time '" + j["now"].get<std::string>() + "' (use 2024-01-15T12:00:00Z)";
        out.now = *clock;
    }
    if (j.contains("time_budget_ms") && !j["time_budget_ms"].is_null()) {
        if (!j["time_budget_ms"].is_number_integer()) return "\"time_budget_ms\" must be an integer";
        int64_t ms = j["time_budget_ms"].get<int64_t>();
        if (ms < 1 || ms > 600000) return "\"time_budget_ms\" must be between 1 and 600000";
        out.time_budget_ms = static_cast<int>(ms);
    }
    if (j.contains("pin_random") && !j["pin_random"].is_null()) {
        if (!j["pin_random"].is_string()) return "\"pin_random\" must be a string";
        out.pinned_random = j["pin_random"].get<std::string>();
    }
    if (j.contains("result_rows") && !j["result_rows"].is_null()) {
        if (!j["result_rows"].is_number_integer()) return "\"result_rows\" must be an integer";
        int64_t n = j["result_rows"].get<int64_t>();
        if (n < 0 || n > 1000000) return "\"result_rows\" must be between 0 and 1000000";
        out.result_rows = n;
    }
    return "";
}

}  // namespace

extern "C" {

//! The default workspace document (what gramlab_open("") opens).
EMSCRIPTEN_KEEPALIVE const char* gramlab_default_workspace() { return give(gramlab::workspace_to_json(default_workspace())); }

//! Opens a workspace document ("" or null: the default one) with options (JSON, may be "").
//! → {"ok": true|false, "log": "<migrate/loaddata output or errors>"} or {"ok": false, "error"}.
EMSCRIPTEN_KEEPALIVE const char* gramlab_open(const char* workspace_json, const char* options_json) {
    WorkspaceSession::Options options;
    if (std::string e = parse_options(options_json, options); !e.empty()) return fail("ValueError", e);
    options.result_rows = 0;  // a per-call option of gramlab_shell
    Workspace w;
    if (!workspace_json || !*workspace_json) {
        w = default_workspace();
    } else {
        auto parsed = gramlab::workspace_from_json(workspace_json);
        if (!parsed.ok()) return fail(parsed.error().kind, parsed.error().message);
        w = std::move(parsed.value());
    }
    g_session = std::make_unique<WorkspaceSession>(std::move(w), options);
    g_session->set_poll_stop([] { return js_stop_requested() != 0; });
    g_options = options;
    return give(dump(json{{"ok", g_session->ok()}, {"log", g_session->open_log()}}));
}

//! Runs shell statements → the JSON array of `gramlab shell --json` objects. Options as in
//! gramlab_open (omitted keys keep the session's); changing them restarts the shell session.
//! Except "result_rows" (as `--result-rows N`: each statement's "result" table of at most N
//! rows), which holds for this call only and keeps the session.
EMSCRIPTEN_KEEPALIVE const char* gramlab_shell(const char* source, const char* options_json) {
    if (!g_session) gramlab_open("", "");
    WorkspaceSession::Options options = g_options;
    options.result_rows = 0;
    if (std::string e = parse_options(options_json, options); !e.empty()) return fail("ValueError", e);
    g_options = options;
    g_options.result_rows = 0;
    return give(g_session->shell_json(source ? source : "", options));
}

//! Runs deploy-terminal lines → the JSON array of `gramlab deploy sh --json` objects.
EMSCRIPTEN_KEEPALIVE const char* gramlab_deploy_sh(const char* lines) {
    if (!g_session) gramlab_open("", "");
    return give(g_session->deploy_sh_json(lines ? lines : ""));
}

//! EXPLAIN QUERY PLAN of `sql` with `params_json` (a JSON array, bound) in plain words
//! → {"plan", "suggestions", "error"}.
EMSCRIPTEN_KEEPALIVE const char* gramlab_explain(const char* sql, const char* params_json) {
    if (!g_session) gramlab_open("", "");
    return give(g_session->explain_json(sql ? sql : "", params_json ? params_json : "[]"));
}

//! The Deploy window's pipeline, moved by `move` ("", "forward", "back", "reset", "end",
//! "failure", "goto" with `position` as decimal text) → {"steps", "summary", "all_faults"}.
EMSCRIPTEN_KEEPALIVE const char* gramlab_deploy_pipeline(const char* move, const char* position) {
    if (!g_session) gramlab_open("", "");
    int64_t pos = position ? std::strtoll(position, nullptr, 10) : 0;
    return give(g_session->deploy_pipeline_json(move ? move : "", pos));
}

//! Turns a deploy fault on ("1") or off and records the pipeline again → as gramlab_deploy_pipeline.
EMSCRIPTEN_KEEPALIVE const char* gramlab_deploy_fault(const char* name, const char* on) {
    if (!g_session) gramlab_open("", "");
    return give(g_session->deploy_fault_json(name ? name : "", on && std::string(on) == "1"));
}

//! Sends a request to the EC2 host's port 80 in the world at the pipeline's position (a copy)
//! → {request, connected, curl_error, status, reason, headers, body, trace}.
EMSCRIPTEN_KEEPALIVE const char* gramlab_deploy_request(const char* method, const char* path, const char* body) {
    if (!g_session) gramlab_open("", "");
    return give(g_session->deploy_request_json(method ? method : "GET", path ? path : "/", body ? body : ""));
}

//! The open workspace as a document (database included, base64).
EMSCRIPTEN_KEEPALIVE const char* gramlab_workspace() {
    if (!g_session) gramlab_open("", "");
    return give(gramlab::workspace_to_json(g_session->workspace()));
}

//! Replaces the app folder's file `path` ("models.py") with `text` (null: deletes it),
//! re-imports the project and starts a fresh shell session (the database stays).
//! → the gramlab_check() object of the new project.
EMSCRIPTEN_KEEPALIVE const char* gramlab_set_file(const char* path, const char* text) {
    if (!g_session) gramlab_open("", "");
    if (!path || !*path) return fail("ValueError", "a file path is required");
    return give(g_session->set_file_json(path, text ? text : "", text == nullptr));
}

//! `manage.py check` → {"exit_code", "out", "err", "messages": [{level, id, message, hint, obj, file, line, column}]}.
EMSCRIPTEN_KEEPALIVE const char* gramlab_check() {
    if (!g_session) gramlab_open("", "");
    return give(g_session->check_json());
}

//! `manage.py makemigrations [--name NAME]` ("" or null: Django's suggested name)
//! → {"exit_code", "out", "err", "files": [{path, text}]}; the files join the workspace.
EMSCRIPTEN_KEEPALIVE const char* gramlab_makemigrations(const char* name) {
    if (!g_session) gramlab_open("", "");
    return give(g_session->makemigrations_json(name ? name : ""));
}

//! `manage.py migrate [app [target]]` → {"exit_code", "out", "err", "sql": [{migration, sql}]}.
EMSCRIPTEN_KEEPALIVE const char* gramlab_migrate(const char* app, const char* target) {
    if (!g_session) gramlab_open("", "");
    return give(g_session->migrate_json(app ? app : "", target ? target : ""));
}

//! `manage.py sqlmigrate APP NAME` → {"exit_code", "out", "err"}.
EMSCRIPTEN_KEEPALIVE const char* gramlab_sqlmigrate(const char* app, const char* name) {
    if (!g_session) gramlab_open("", "");
    return give(g_session->sqlmigrate_json(app ? app : "", name ? name : ""));
}

//! The model registry for the ER diagram → {"app_label", "models", "edges", "error"}.
EMSCRIPTEN_KEEPALIVE const char* gramlab_schema() {
    if (!g_session) gramlab_open("", "");
    return give(g_session->schema_json());
}

//! Sets the interrupt flag the running statement polls (effective from a re-entrant caller
//! only; the worker's Stop restarts the module instead, see docs/js-api.md).
EMSCRIPTEN_KEEPALIVE void gramlab_interrupt() {
    if (g_session) g_session->interrupt().store(true);
}

}  // extern "C"

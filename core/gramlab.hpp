// The one facade over the core that every face calls: the CLI (server/), the WASM
// exports (playground/), the HTTP server and the tests. A Project is a workspace's text
// (models, settings, migration files); commands return their output and exit code and
// never touch the filesystem: files to write come back in CommandResult::files.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/connection.hpp"
#include "core/migrations/executor.hpp"
#include "core/models/loader.hpp"
#include "core/shell/session.hpp"

namespace gramlab {

struct ProjectFiles {
    std::string app_label;
    std::vector<models::SourceFile> model_files;           // module "models" (+ "models.x")
    std::optional<models::SourceFile> settings;            // settings.py
    std::vector<migrations::MigrationFile> migration_files;  // the app's migrations/ folder
    std::string migrations_dir = "migrations";             // shown in messages: "app/migrations"
    //! The clock (timezone.now() in UTC, "YYYY-MM-DD HH:MM:SS"): core reads no clock itself,
    //! so hosts pass the real time or a fixed one (--now) for reproducible output.
    std::string now = "2024-01-15 12:00:00";
};

struct CommandResult {
    std::string out;  // stdout
    std::string err;  // stderr
    int exit_code = 0;
    std::vector<std::pair<std::string, std::string>> files;  // (path relative to migrations_dir parent, text)
};

struct MakemigrationsOptions {
    bool dry_run = false;
    bool check = false;  // --check: exit 1 if changes are missing
    std::string name;    // --name
    std::string now = "2024-01-15 12:00";  // timezone.now() for the header, "%Y-%m-%d %H:%M"
    std::string now_compact = "20240115_1200";
    //! Asks about renames and one-off defaults; null = Django's non-interactive questioner.
    migrations::Questioner* questioner = nullptr;
    //! -v/--verbosity: 0 prints nothing, 1 and 2 the summary, 3 with --dry-run also each
    //! migration file in full (as Django's makemigrations does).
    int verbosity = 1;
};

class Project {
public:
    explicit Project(ProjectFiles files);

    //! `manage.py check`
    CommandResult check() const;
    //! `manage.py makemigrations [--dry-run] [--name N]`
    CommandResult makemigrations(const MakemigrationsOptions& opts) const;
    //! `manage.py sqlmigrate APP NAME` (verbosity 0: no "No operations found." for an empty one)
    CommandResult sqlmigrate(const std::string& app, const std::string& name, int verbosity = 1) const;
    //! `manage.py migrate [app] [migration]` on `conn`; applied_at like "2024-01-15 12:00:00.000000".
    //! Verbosity 0 prints nothing (errors still go to err); 1 is Django's default output.
    CommandResult migrate(db::Connection& conn, const std::string& app, const std::string& target,
                          const std::string& applied_at, int verbosity = 1) const;
    //! `manage.py showmigrations` (verbosity 2 and up: "(applied at ...)" after each applied one)
    CommandResult showmigrations(db::Connection& conn, int verbosity = 1) const;
    //! `manage.py loaddata`: fixtures as (name shown in messages, JSON text). Verbosity 0
    //! prints nothing.
    CommandResult loaddata(db::Connection& conn, const std::vector<std::pair<std::string, std::string>>& fixtures,
                           int verbosity = 1) const;
    //! `manage.py dumpdata [app_label[.ModelName] ...] [--indent N] [--all]` (indent < 0: none).
    //! Each model's rows are its default manager's (a learner's filtering manager hides rows,
    //! also from many-to-many lists); `use_base_manager` (--all) dumps every row.
    CommandResult dumpdata(db::Connection& conn, const std::vector<std::string>& labels, int indent,
                           bool use_base_manager = false) const;

    //! `manage.py shell`: a session over `conn` (null when models.py failed to import).
    std::unique_ptr<shell::Session> shell(db::Connection& conn, shell::SessionOptions options) const;

    //! The registry (or the import error Django would raise).
    const Result<models::Apps>& apps() const { return apps_; }
    const ProjectFiles& files() const { return files_; }

private:
    CommandResult migrate_at_verbosity_1(db::Connection& conn, const std::string& app, const std::string& target,
                                         const std::string& applied_at) const;
    //! Renders an import-time error the way Python's traceback ends.
    CommandResult import_failure(const Error& e) const;
    Result<migrations::MigrationSet> migration_set() const;
    //! Runs the checks and, when they fail, the SystemCheckError result.
    std::optional<CommandResult> checks_fail(std::string* warnings_out) const;

    ProjectFiles files_;
    Result<models::Apps> apps_;
};

//! The --now option: "2024-01-15T12:00:00Z", "2024-01-15 12:00:00" or "2024-01-15" →
//! "2024-01-15 12:00:00" (the form ProjectFiles::now and SessionOptions::now take); nullopt
//! when `text` is not such a time. Shared by the CLI and the WASM exports.
std::optional<std::string> parse_clock(const std::string& text);

//! An app folder's files, keyed by their path inside the folder, as Django would import
//! them: "models.py" or a package "models/__init__.py" + "models/x.py" (the package wins),
//! "settings.py", "migrations/NNNN_name.py" ("__init__.py", "_*" and "~*" skipped); other
//! paths (fixtures/, db.sqlite3, ...) are ignored. `display` maps such a path to the one shown
//! in messages (null: "<app_label>/<path>"). The CLI reads a folder into this map; the WASM
//! build gets it from a workspace document.
ProjectFiles project_files_from_folder(const std::string& app_label, const std::map<std::string, std::string>& files,
                                       const std::function<std::string(const std::string&)>& display = nullptr);

//! A learner's workspace as one document (DESIGN.md "Data and state"): the app folder, the
//! database, the shell history and the deploy scenario. JSON (docs/js-api.md):
//!   {"format": "gramlab-workspace", "version": 1, "app_label": "instagram",
//!    "files": {"models.py": "...", "migrations/0001_initial.py": "...", "fixtures/x.json": "..."},
//!    "database": "<base64 of the SQLite file>" | null, "history": ["Post.objects.count()"],
//!    "deploy": {"files": {"Dockerfile": "...", ...}}}
//! A null database means "fresh": opening migrates and loads every fixtures/*.json.
struct Workspace {
    std::string app_label = "app";
    std::map<std::string, std::string> files;
    std::optional<std::string> database;  // the bytes of sqlite3_serialize
    std::vector<std::string> history;     // shell units, oldest first
    std::map<std::string, std::string> deploy_files;
};
std::string workspace_to_json(const Workspace& w);
//! A ValueError naming the first problem (not JSON, wrong format/version, wrong types, bad base64).
Result<Workspace> workspace_from_json(std::string_view json);

//! A live workspace: the Project, its database (in memory), a shell session and a deploy
//! terminal, for hosts that keep one open between calls (the WASM module, the playground).
//! Every result is the JSON of the matching CLI command, so browser and CLI compare equal.
class WorkspaceSession {
public:
    struct Options {
        std::string now = "2024-01-15 12:00:00";  // the clock (UTC), as --now
        int time_budget_ms = 2000;
        std::string pinned_random;
        //! SessionOptions::result_rows: the echoed value as a table of at most this many
        //! rows in each statement's "result" (0: none, as the CLI). Changing it keeps the session.
        int64_t result_rows = 0;
    };
    //! Opens `w`: deserialises its database, or (none) migrates and loads its fixtures.
    //! Errors (models.py does not import, bad database, a failing fixture) come back as text
    //! in `open_log()`; the session still exists and the shell reports the import error.
    WorkspaceSession(Workspace w, Options options);
    ~WorkspaceSession();
    WorkspaceSession(const WorkspaceSession&) = delete;
    WorkspaceSession& operator=(const WorkspaceSession&) = delete;

    //! `gramlab shell --json`: a JSON array of the objects the CLI prints, one per statement.
    //! Changing now / time budget / pinned_random starts a fresh shell session (like restarting
    //! manage.py shell); the database is kept.
    std::string shell_json(const std::string& source, const Options& options);
    std::string shell_json(const std::string& source) { return shell_json(source, options_); }
    //! `gramlab deploy sh --json`: one object per non-blank line, in a JSON array.
    std::string deploy_sh_json(const std::string& lines);
    //! The SQL window's "Explain": EXPLAIN QUERY PLAN of one query (`params_json`: its params
    //! array as the shell JSON gives them; bound, never spliced) on the workspace's database,
    //! in plain words → {"plan": [{"id", "parent", "depth", "detail", "explanation",
    //! "full_scan"}], "suggestions": [text], "error": null | text}. The query itself is not run.
    std::string explain_json(const std::string& sql, const std::string& params_json);

    // ------------------------------------------------ the Deploy window
    //! The deploy pipeline of the workspace's scenario, recorded on first use (faults off,
    //! position 0), then moved: `move` is "" (stay), "forward", "back", "reset", "end",
    //! "failure" (just after the first failed step) or "goto" (`position`, clamped).
    //! → {"steps": [the step objects of `gramlab deploy --json`, all of them], "summary": its
    //! summary object at the position, "all_faults": [names]}, or {"error": text} when the
    //! workspace has no readable scenario.
    std::string deploy_pipeline_json(const std::string& move, int64_t position = 0);
    //! Turns a fault ("web-down", ...) on or off and records the pipeline again (the position
    //! is kept where possible) → deploy_pipeline_json(""); an unknown name → {"error"}.
    std::string deploy_fault_json(const std::string& fault, bool on);
    //! Sends `METHOD path` to http://localhost:80 on the EC2 host of the world at the
    //! pipeline's position, on a copy (the timeline does not change) → the request's JSON
    //! (deploy::http_outcome_to_json: status, headers, body and the hop-by-hop trace).
    std::string deploy_request_json(const std::string& method, const std::string& path, const std::string& body);

    //! The workspace now (database serialised, history so far).
    Workspace workspace() const;
    //! What opening printed: migrate and loaddata output, or the errors.
    const std::string& open_log() const { return open_log_; }
    bool ok() const { return ok_; }
    //! The flag the shell reads between steps (set it to stop the running statement).
    std::atomic<bool>& interrupt() { return interrupt_; }
    //! Asked every few milliseconds while a statement runs; true stops it like interrupt()
    //! (the browser's worker reads the page's SharedArrayBuffer flag). Kept across sessions.
    void set_poll_stop(std::function<bool()> poll);

    // ------------------------------------------------ the Models and Schema windows
    // Each returns one JSON object (docs/js-api.md); the texts are what the CLI prints.

    //! Replaces the app folder's file `path` ("models.py", "migrations/0002_x.py"), or with
    //! `remove` deletes it; re-imports the project and starts a fresh shell session (the
    //! database stays). → check_json() of the new project.
    std::string set_file_json(const std::string& path, const std::string& text, bool remove = false);
    //! `manage.py check`: {"exit_code", "out", "err", "messages": [{"level", "id", "message",
    //! "hint", "obj", "file", "line", "column"}]}. A models.py that does not import gives
    //! one message whose id is its exception type ("SyntaxError"); line/column are 0 when unknown.
    std::string check_json() const;
    //! `manage.py makemigrations [--name NAME]`: {"exit_code", "out", "err", "files":
    //! [{"path", "text"}]}; new migration files join the workspace's files.
    std::string makemigrations_json(const std::string& name);
    //! `manage.py migrate [app [target]]` on the workspace's database: {"exit_code", "out",
    //! "err", "sql": [{"migration", "sql"}]}: the sqlmigrate text of each migration it applied.
    std::string migrate_json(const std::string& app, const std::string& target);
    //! `manage.py sqlmigrate APP NAME`: {"exit_code", "out", "err"}.
    std::string sqlmigrate_json(const std::string& app, const std::string& name) const;
    //! The model registry for the ER diagram: {"app_label", "models": [{"label", "name",
    //! "db_table", "app_label", "fields": [{"name", "type", "column", "db_type", "null",
    //! "primary_key", "unique", "related_model", "relation"}], "ddl"}], "edges": [{"from",
    //! "to", "field", "kind", "cardinality"}], "error"}; ddl is the table's SQL in the
    //! database (sqlite_master), "" before it is migrated.
    std::string schema_json() const;

private:
    void start_shell();
    //! Rebuilds project_ from doc_.files (after an edit) and restarts the shell.
    void reload_project();

    Workspace doc_;
    Options options_;
    std::unique_ptr<Project> project_;
    std::unique_ptr<db::Connection> conn_;
    std::unique_ptr<shell::Session> session_;
    struct Deploy;
    std::unique_ptr<Deploy> deploy_;
    std::atomic<bool> interrupt_{false};
    std::function<bool()> poll_stop_;
    std::string open_log_;
    bool ok_ = true;
};

}  // namespace gramlab

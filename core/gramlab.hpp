// The one facade over the core that every face calls: the CLI (server/), the WASM
// exports (playground/), the HTTP server and the tests. A Project is a workspace's text
// (models, settings, migration files); commands return their output and exit code and
// never touch the filesystem: files to write come back in CommandResult::files.
#pragma once

#include <memory>
#include <optional>
#include <string>
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
};

class Project {
public:
    explicit Project(ProjectFiles files);

    //! `manage.py check`
    CommandResult check() const;
    //! `manage.py makemigrations [--dry-run] [--name N]`
    CommandResult makemigrations(const MakemigrationsOptions& opts) const;
    //! `manage.py sqlmigrate APP NAME`
    CommandResult sqlmigrate(const std::string& app, const std::string& name) const;
    //! `manage.py migrate [app] [migration]` on `conn`; applied_at like "2024-01-15 12:00:00.000000".
    CommandResult migrate(db::Connection& conn, const std::string& app, const std::string& target,
                          const std::string& applied_at) const;
    //! `manage.py showmigrations`
    CommandResult showmigrations(db::Connection& conn) const;
    //! `manage.py loaddata`: fixtures as (name shown in messages, JSON text).
    CommandResult loaddata(db::Connection& conn, const std::vector<std::pair<std::string, std::string>>& fixtures) const;
    //! `manage.py dumpdata [app_label[.ModelName] ...] [--indent N]` (indent < 0: none).
    CommandResult dumpdata(db::Connection& conn, const std::vector<std::string>& labels, int indent) const;

    //! `manage.py shell`: a session over `conn` (null when models.py failed to import).
    std::unique_ptr<shell::Session> shell(db::Connection& conn, shell::SessionOptions options) const;

    //! The registry (or the import error Django would raise).
    const Result<models::Apps>& apps() const { return apps_; }
    const ProjectFiles& files() const { return files_; }

private:
    //! Renders an import-time error the way Python's traceback ends.
    CommandResult import_failure(const Error& e) const;
    Result<migrations::MigrationSet> migration_set() const;
    //! Runs the checks and, when they fail, the SystemCheckError result.
    std::optional<CommandResult> checks_fail(std::string* warnings_out) const;

    ProjectFiles files_;
    Result<models::Apps> apps_;
};

}  // namespace gramlab

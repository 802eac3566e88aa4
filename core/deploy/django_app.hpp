// The learner's Django project as it runs inside the simulated web container: the project the
// deployed files make (settings, the app's models.py and migrations, read from the container's
// filesystem), the database its settings and environment select (a world database or a SQLite
// file), `python manage.py migrate|showmigrations|loaddata` over the core facade, and the REST
// answer a Django REST framework ModelSerializer(fields='__all__') + ListAPIView/RetrieveAPIView
// gives for GET /api/posts/ and /api/posts/<pk>/, computed by the core ORM (a shell session).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/db/connection.hpp"
#include "core/deploy/fs.hpp"
#include "core/deploy/world.hpp"
#include "core/gramlab.hpp"

namespace gramlab::deploy {

//! The Django project under `root` (manage.py's folder) of `fs`: settings.py (as manage.py /
//! wsgi.py name it), the app = the folder beside manage.py that holds models.py and that
//! INSTALLED_APPS lists, and its migrations/*.py. Error (ModuleNotFoundError) when none.
Result<ProjectFiles> deployed_project(const Fs& fs, const std::string& root);

//! Where the app's database is, as settings.py reads it from the environment: SQL_ENGINE
//! without "sqlite" → the server SQL_HOST names (a container on the same network → its volume
//! or the container itself; a dotted name → the external "rds:" database); otherwise the SQLite
//! file <root>/db.sqlite3 in the machine's own filesystem.
struct AppDatabase {
    std::string name;        // "rds:HOST", "volume:NAME", "container:NAME", "file:/usr/src/app/db.sqlite3"
    Database* db = nullptr;  // a world database, or
    Fs* fs = nullptr;        // a SQLite file at `path` in this filesystem
    std::string path;
    std::string host;  // SQL_HOST when it did not resolve
    bool reachable() const { return db || fs; }
};

//! Resolves the database for an app running in `container` (null: on the host) whose files
//! are in `fs` under `root`; `env` gives the process environment.
AppDatabase app_database(World& w, const Container* container, Fs& fs, const std::string& root,
                         const std::vector<std::pair<std::string, std::string>>& env);

//! psycopg2's error for an unreachable server, as Django's traceback ends with it.
std::string unreachable_database_error(const AppDatabase& where);

//! A private in-memory copy of the database (an empty one when it has no image yet).
Result<std::unique_ptr<db::Connection>> open_database(const AppDatabase& where);
//! Writes `conn`'s image back to where the database lives (and refreshes the table summary).
void store_database(AppDatabase& where, db::Connection& conn);
//! Refreshes a world database from `conn` (image and table → rows summary).
void store_database(Database& d, db::Connection& conn);

//! `python manage.py <args...>` for the commands that touch the database (migrate,
//! showmigrations, loaddata). `fixture_file` finds a loaddata label's file text (null: none).
//! The result carries Django's stdout, stderr and exit code.
gramlab::CommandResult manage_database_command(
    const ProjectFiles& files, AppDatabase& where, const std::vector<std::string>& args,
    const std::function<const std::string*(const std::string&)>& fixture_file);

//! The migrations the app has, or (when it has none) the ones makemigrations would write:
//! used to seed databases that "already existed" before the story starts.
ProjectFiles with_initial_migrations(ProjectFiles files);

//! Migrates `d` with `files` and installs `fixture_json` (Django's fixture format). Objects
//! whose model is missing, and fields the model does not declare, are left out (the seeded
//! data follows the learner's models.py). Returns false when the project cannot be loaded.
bool seed_database(Database& d, const ProjectFiles& files, const std::string& fixture_json);

//! Python's repr() of a literal (None, True, 3, -1.5, 'text', (..), [..], {..}) as JSON; false on
//! anything else. The app reads the ORM's values back from a shell session this way.
bool parse_python_literal(const std::string& text, std::string& json_out);

}  // namespace gramlab::deploy

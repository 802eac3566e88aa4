// The migration graph, plan and executor: orders every app's migrations by their
// dependencies (Django's iterative DFS), replays them into project states, writes their
// SQL through the schema editor and records applied migrations in django_migrations.
// Mirrors django/db/migrations/graph.py, executor.py and recorder.py.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/db/connection.hpp"
#include "core/migrations/loader.hpp"

namespace gramlab::migrations {

using Key = std::pair<std::string, std::string>;  // (app_label, migration name)

class MigrationSet {
public:
    //! The contrib apps' migrations (their operations create the final contrib schema in
    //! each app's 0001; later contrib migrations are recorded but change nothing).
    static MigrationSet with_contrib(const models::Apps& apps);
    void add(Migration m);
    const Migration* get(const Key& k) const;
    std::vector<Key> app_migrations(const std::string& app) const;  // sorted by name
    std::vector<std::string> apps() const;                           // sorted labels
    //! Latest migration of an app ("" if none): the leaf node.
    std::string leaf(const std::string& app) const;
    std::vector<Key> leaf_nodes() const;
    //! Dependencies resolved to keys (__first__ → first migration, __setting__ → the
    //! user model's app leaf).
    std::vector<Key> parents(const Key& k) const;
    //! graph.forwards_plan(target): dependencies first, Django's DFS order.
    std::vector<Key> forwards_plan(const Key& target) const;
    //! graph.backwards_plan(target): the target and everything depending on it, dependents first.
    std::vector<Key> backwards_plan(const Key& target) const;
    //! Migrations of the same app that depend directly on `k`.
    std::vector<Key> children_in_app(const Key& k) const;
    //! The state after applying `plan` from an empty project.
    Result<ProjectState> state_after(const std::vector<Key>& plan) const;
    std::string auth_user_model = "auth.User";

private:
    std::map<Key, Migration> migrations_;
};

//! The SQL of one migration's operations (sqlmigrate): "--" comments included.
//! `now` ("2024-01-15 12:00:00") is what timezone.now() gives effective defaults.
Result<std::vector<std::string>> migration_sql(const MigrationSet& set, const Key& key, const std::string& now);

//! Unapplies one migration (operations reversed, each undone with the schema editor) and
//! removes its django_migrations row. Irreversible operations (RunSQL without reverse
//! SQL) fail with IrreversibleError and change nothing.
Status unapply_migration(db::Connection& conn, const MigrationSet& set, const Key& key, const std::string& now);

//! django_migrations: the applied set, and recording.
Result<std::set<Key>> applied_migrations(db::Connection& conn);
//! The same with each migration's `applied` column as stored ("2024-01-15 12:00:00.000000"):
//! showmigrations -v 2 prints when each was applied.
Result<std::map<Key, std::string>> applied_migration_times(db::Connection& conn);
Status ensure_migrations_table(db::Connection& conn);

//! Applies one migration in a transaction and records it with `applied_at`
//! ("2024-01-15 12:00:00.000000").
Status apply_migration(db::Connection& conn, const MigrationSet& set, const Key& key, const std::string& applied_at);

}  // namespace gramlab::migrations

// The SQLite schema editor: turns migration operations into the SQL Django 3.2's SQLite
// backend emits (CREATE TABLE with inline REFERENCES, deferred index SQL, and the
// twelve-step table rebuild where SQLite's ALTER TABLE cannot do the change).
// Mirrors django/db/backends/base/schema.py and django/db/backends/sqlite3/schema.py.
#pragma once

#include <string>
#include <vector>

#include "core/migrations/operations.hpp"

namespace gramlab::backends::sqlite {

//! Collects SQL for one migration (what sqlmigrate prints, what migrate executes).
class SchemaEditor {
public:
    //! `now` is what timezone.now() returns for effective defaults ("2024-01-15 12:00:00").
    //! `pre_rendered`: migrate renders the project state before applying a migration;
    //! sqlmigrate does not, which changes the column order of rebuilt tables (see
    //! remake_table). Both are reproduced.
    SchemaEditor(std::string now, bool pre_rendered) : now_(std::move(now)), project_rendered_(pre_rendered) {}
    //! Appends the SQL of `op` applied in app `app_label`, given the state before it
    //! (`from`) and after it (`to`).
    Status database_forwards(const migrations::Operation& op, const std::string& app_label,
                             const migrations::ProjectState& from, const migrations::ProjectState& to);
    //! Flushes deferred statements (the schema editor's __exit__).
    void finish();
    //! Every statement so far, each without the trailing ';'. Comments ("--") included
    //! when `with_comments` was set, as sqlmigrate shows them.
    const std::vector<std::string>& statements() const { return sql_; }
    void add_comment(const std::string& text) { sql_.push_back(text.empty() ? "--" : "-- " + text); }

private:
    void create_model(const migrations::ModelState& m, const migrations::ProjectState& state);
    //! Rebuilds `m`'s table with `fields` (already in the new table's column order).
    void remake_table(const migrations::ModelState& m, const std::vector<models::Field>& fields,
                      const migrations::ProjectState& state,
                      const std::vector<std::pair<std::string, std::string>>& copy_columns);
    //! Column order of a rebuilt table: Django sorts the new model's fields by creation
    //! counter; fields taken from the new state were rendered before the old state's in a
    //! migration's first rendering operation, after them otherwise.
    std::vector<models::Field> rebuilt_fields(const migrations::ModelState& from, const std::vector<models::Field>& changed,
                                              const std::vector<std::string>& dropped, bool changed_first) const;
    //! quote_value(effective_default(field)).
    std::string effective_default_sql(const models::Field& f) const;
    std::string table_sql(const migrations::ModelState& m, const migrations::ProjectState& state,
                          const std::string& table_name);
    std::string column_sql(const migrations::ModelState& m, const models::Field& f,
                           const migrations::ProjectState& state, bool include_default);
    std::vector<std::string> model_indexes_sql(const migrations::ModelState& m, const migrations::ProjectState& state);
    std::string constraint_sql(const migrations::ModelState& m, const Value& c);
    std::string index_sql(const migrations::ModelState& m, const Value& index);

    std::vector<std::string> sql_;
    std::vector<std::string> deferred_;
    std::string now_;
    bool project_rendered_ = false;
};

//! Django's column type for a field on SQLite (None for ManyToManyField: empty string).
std::string db_type(const models::Field& f, const migrations::ProjectState& state, const std::string& app_label);

//! Django's generated index name: table_column_<md5[:8]><suffix>.
std::string create_index_name(const std::string& table, const std::vector<std::string>& columns,
                              const std::string& suffix);

//! '"name"' (quote_name).
std::string quote_name(const std::string& name);

//! A literal for DDL (quote_value): 'text' with quotes doubled, 1, 0/1 for booleans.
std::string quote_value(const Value& v);

}  // namespace gramlab::backends::sqlite

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
    void remake_table(const migrations::ModelState& m, const migrations::ProjectState& state,
                      const std::vector<std::pair<std::string, std::string>>& copy_columns);
    std::string table_sql(const migrations::ModelState& m, const migrations::ProjectState& state,
                          const std::string& table_name);
    std::string column_sql(const migrations::ModelState& m, const models::Field& f,
                           const migrations::ProjectState& state, bool include_default);
    std::vector<std::string> model_indexes_sql(const migrations::ModelState& m, const migrations::ProjectState& state);
    std::string constraint_sql(const migrations::ModelState& m, const Value& c);
    std::string index_sql(const migrations::ModelState& m, const Value& index);

    std::vector<std::string> sql_;
    std::vector<std::string> deferred_;
};

//! Django's column type for a field on SQLite (None for ManyToManyField: empty string).
std::string db_type(const models::Field& f, const migrations::ProjectState& state, const std::string& app_label);

//! Django's generated index name: table_column_<md5[:8]><suffix>.
std::string create_index_name(const std::string& table, const std::vector<std::string>& columns,
                              const std::string& suffix);

//! Index.set_name_with_model: "app_custome_email_0cadac_idx".
std::string index_auto_name(const std::string& table, const std::vector<std::string>& columns_with_order);

//! '"name"' (quote_name).
std::string quote_name(const std::string& name);

//! A literal for DDL (quote_value): 'text' with quotes doubled, 1, 0/1 for booleans.
std::string quote_value(const Value& v);

}  // namespace gramlab::backends::sqlite

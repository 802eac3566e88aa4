// The database connection: an RAII handle over SQLite with prepared statements and bound
// parameters only, plus the query log (SQL, params, time) Django keeps in
// connection.queries. sqlite3.h stays out of this header.
// Mirrors django/db/backends/sqlite3/base.py (DatabaseWrapper) and utils.py (CursorWrapper).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/clock.hpp"
#include "core/common/result.hpp"
#include "core/db/packed_row.hpp"
#include "core/models/value.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace gramlab::db {

//! One logged query, as connection.queries records it.
struct QueryLog {
    std::string sql;
    std::vector<Value> params;
    double ms = 0.0;
};

using Row = std::vector<Value>;

//! What a learner's own SQL returned (Manager.raw()): Python's cursor.description is None
//! when the statement returns no columns (an UPDATE), which has_columns says.
struct RawResult {
    bool has_columns = false;
    std::vector<std::string> columns;
    std::vector<std::string> decltypes;  // each column's declared type ("" for expressions)
    std::vector<Row> rows;
};

class Connection {
public:
    //! Opens "sqlite:///path/to/db.sqlite3", "sqlite://:memory:" or a plain path. Sets the
    //! pragmas Django's SQLite backend sets (foreign_keys ON, legacy_alter_table OFF).
    static Result<std::unique_ptr<Connection>> open(const std::string& url);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    //! Runs one statement with bound parameters; rows (if any) go to `on_row`.
    Status execute(const std::string& sql, const std::vector<Value>& params = {},
                   const std::function<void(const Row&)>& on_row = nullptr);
    //! Runs one statement; its rows are appended to `rows` (built in place, never copied:
    //! the ORM's path for SELECTs).
    Status execute_into(const std::string& sql, const std::vector<Value>& params, std::vector<Row>& rows);
    //! The same with each row packed into one allocation (the ORM's path for model rows,
    //! which are kept until their values are read).
    Status execute_packed(const std::string& sql, const std::vector<Value>& params, std::vector<PackedRow>& rows);
    //! Runs one statement and collects its rows.
    Result<std::vector<Row>> query(const std::string& sql, const std::vector<Value>& params = {});
    //! Runs a learner's own SQL (Manager.raw()) as Python's sqlite3 module runs it: one
    //! statement only, as many parameters as it has placeholders, bound by position, or by
    //! name when `names` is set (names[i] is params[i]'s key: ":id" takes the value named
    //! "id"). Its refusals are ProgrammingErrors with that module's messages.
    Status execute_raw(const std::string& sql, const std::vector<Value>& params, const std::vector<std::string>* names,
                       RawResult& out);
    //! Runs several ';'-separated statements without parameters (schema scripts).
    Status execute_script(const std::string& sql);
    bool table_exists(const std::string& table);

    const std::vector<QueryLog>& queries() const { return log_; }
    void clear_log() { log_.clear(); }
    //! Whether execute() appends to queries() (the ORM keeps its own per-statement log).
    void set_logging(bool on) { logging_ = on; }

    //! Rows changed by the last INSERT/UPDATE/DELETE, and the last inserted rowid.
    int64_t changes() const;
    //! True while a foreign key constraint is violated (deferred ones included): what a
    //! COMMIT would refuse with "FOREIGN KEY constraint failed".
    bool foreign_keys_violated() const;
    int64_t last_insert_rowid() const;
    //! Called every few thousand SQLite VM steps; returning true interrupts the statement
    //! (budgets and the Stop button). Null removes it. `owner` tags who installed it, so a
    //! shell session installs its handler once and not again for every statement.
    void set_progress_handler(std::function<bool()> handler, const void* owner = nullptr);
    const void* progress_owner() const { return progress_owner_; }
    //! A savepoint opened only when it is needed. After arm_savepoint(name), the first
    //! statement that is not a plain read (a write, DDL, or transaction control such as a
    //! learner's atomic block) is preceded by SAVEPOINT "name"; reads before it run in
    //! autocommit as Django's do, without paying for a transaction of their own.
    //! finish_savepoint(rollback) undoes what ran inside it when asked (a stopped statement),
    //! then releases it, and disarms. Nothing is executed if no write happened.
    Status arm_savepoint(const std::string& name);
    void finish_savepoint(bool rollback);
    //! SQLite's QUOTE() of a value, as Django's last_executed_query shows parameters.
    std::string quote(const Value& v);
    //! Serialises the database (sqlite3_serialize) / replaces it (sqlite3_deserialize).
    std::string serialize();
    Status deserialize(const std::string& bytes);

private:
    explicit Connection(sqlite3* db) : db_(db) {}
    //! execute(), execute_into() and execute_packed(): rows go to `on_row`, `out` or
    //! `packed`, whichever is set.
    Status run(const std::string& sql, const std::vector<Value>& params, const std::function<void(const Row&)>* on_row,
               std::vector<Row>* out, std::vector<PackedRow>* packed = nullptr);
    sqlite3* db_ = nullptr;
    std::vector<QueryLog> log_;
    bool logging_ = true;
    std::function<bool()> progress_;
    const void* progress_owner_ = nullptr;
    struct CachedStatement {
        std::string sql;
        ::sqlite3_stmt* stmt = nullptr;
        bool plain_read = false;  // only reads: never opens the armed savepoint (asked once)
    };
    std::vector<CachedStatement> cache_;  // most recent last
    //! The prepared statement for `sql` from the cache (moved to its end), or prepared and
    //! added; `tail` (when set) gets what follows the first statement in `sql`.
    Status acquire(const std::string& sql, ::sqlite3_stmt*& st, bool& reads_only, const char** tail = nullptr);
    //! After the last step: the error if the step failed, the statement reset for its next
    //! use, and the connection's own log entry when logging.
    Status finish(::sqlite3_stmt* st, int rc, const std::string& sql, const std::vector<Value>& params,
                  MonotonicClock::time_point start);
    //! Opens the armed savepoint unless it is open already or the statement only reads.
    Status open_armed_savepoint(bool plain_read);
    std::string savepoint_;      // armed savepoint's name ("" when none is armed)
    bool savepoint_open_ = false;
};

}  // namespace gramlab::db

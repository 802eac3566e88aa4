// SQLite connection, statements with bound parameters, and the query log.
#include "core/db/connection.hpp"

#include <algorithm>

#include <chrono>
#include <cstring>

#include "core/backends/sqlite/functions.hpp"
#include "core/common/clock.hpp"

#include "sqlite3.h"

namespace gramlab::db {

namespace {

Error sqlite_error(sqlite3* db, const std::string& prefix = "") {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    int code = db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
    std::string kind = "OperationalError";
    if ((code & 0xff) == SQLITE_CONSTRAINT) kind = "IntegrityError";
    // Python's sqlite3 raises DataError for SQLITE_TOOBIG, which is also what a function's
    // OverflowError becomes (sqlite3_result_error_toobig): "string or blob too big".
    if ((code & 0xff) == SQLITE_TOOBIG) kind = "DataError";
    return Error::make(kind, prefix + msg);
}

int bind_value(sqlite3_stmt* st, int i, const Value& v) {
    switch (v.kind) {
        case Value::Kind::kNone: return sqlite3_bind_null(st, i);
        case Value::Kind::kBool: return sqlite3_bind_int(st, i, v.boolean ? 1 : 0);
        case Value::Kind::kInt: {
            auto n = v.as_int();
            if (n) return sqlite3_bind_int64(st, i, *n);
            return sqlite3_bind_text(st, i, v.text.data(), static_cast<int>(v.text.size()), SQLITE_TRANSIENT);
        }
        case Value::Kind::kFloat: return sqlite3_bind_double(st, i, v.number);
        case Value::Kind::kBytes:
            return sqlite3_bind_blob(st, i, v.text.data(), static_cast<int>(v.text.size()), SQLITE_TRANSIENT);
        default: return sqlite3_bind_text(st, i, v.text.data(), static_cast<int>(v.text.size()), SQLITE_TRANSIENT);
    }
}

Value column_value(sqlite3_stmt* st, int c) {
    switch (sqlite3_column_type(st, c)) {
        case SQLITE_NULL: return Value::none();
        case SQLITE_INTEGER: return Value::of_int(sqlite3_column_int64(st, c));
        case SQLITE_FLOAT: return Value::of_float(sqlite3_column_double(st, c));
        case SQLITE_BLOB: {
            Value v;
            v.kind = Value::Kind::kBytes;
            const char* p = static_cast<const char*>(sqlite3_column_blob(st, c));
            v.text.assign(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(st, c)));
            return v;
        }
        default: {
            const unsigned char* t = sqlite3_column_text(st, c);
            return Value::of_str(std::string(t ? reinterpret_cast<const char*>(t) : "",
                                             static_cast<size_t>(sqlite3_column_bytes(st, c))));
        }
    }
}

// The current row packed: SQLite's pointers stay valid until the next step, so the byte
// count is taken first and everything is copied into the row's one allocation.
PackedRow pack_row(sqlite3_stmt* st, int cols) {
    struct Pending {
        int type;
        const void* data;
        size_t size;
    };
    Pending small[32];
    std::vector<Pending> large;
    Pending* pending = small;
    if (cols > 32) {
        large.resize(static_cast<size_t>(cols));
        pending = large.data();
    }
    size_t bytes = 0;
    for (int c = 0; c < cols; ++c) {
        Pending& p = pending[c];
        p.type = sqlite3_column_type(st, c);
        if (p.type == SQLITE_TEXT) {
            p.data = sqlite3_column_text(st, c);
            p.size = static_cast<size_t>(sqlite3_column_bytes(st, c));
            bytes += p.size;
        } else if (p.type == SQLITE_BLOB) {
            p.data = sqlite3_column_blob(st, c);
            p.size = static_cast<size_t>(sqlite3_column_bytes(st, c));
            bytes += p.size;
        }
    }
    PackedRow r = PackedRow::allocate(static_cast<size_t>(cols), bytes);
    for (int c = 0; c < cols; ++c) {
        const Pending& p = pending[c];
        const auto i = static_cast<size_t>(c);
        switch (p.type) {
            case SQLITE_INTEGER: r.set_int(i, sqlite3_column_int64(st, c)); break;
            case SQLITE_FLOAT: r.set_float(i, sqlite3_column_double(st, c)); break;
            case SQLITE_TEXT: r.set_bytes(i, PackedRow::Type::kText, p.data, p.size); break;
            case SQLITE_BLOB: r.set_bytes(i, PackedRow::Type::kBlob, p.data, p.size); break;
            default: break;  // NULL
        }
    }
    return r;
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::open(const std::string& url) {
    std::string path = url;
    if (path.rfind("sqlite:///", 0) == 0) path = path.substr(10);
    else if (path.rfind("sqlite://", 0) == 0) path = path.substr(9);
    if (path.empty()) return Error::make("ImproperlyConfigured", "settings.DATABASES is improperly configured. "
                                                                 "Please supply the NAME value.");
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        Error e = sqlite_error(db, "unable to open database file: ");
        sqlite3_close(db);
        return e;
    }
    std::unique_ptr<Connection> c(new Connection(db));
    GRAMLAB_TRY(c->execute_script("PRAGMA foreign_keys = ON; PRAGMA legacy_alter_table = OFF;"));
    backends::sqlite::register_functions(db);
    c->clear_log();
    return c;
}

Connection::~Connection() {
    for (auto& c : cache_) sqlite3_finalize(c.stmt);
    if (db_) sqlite3_close(db_);
}

int64_t Connection::changes() const { return sqlite3_changes64(db_); }
int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

void Connection::set_progress_handler(std::function<bool()> handler, const void* owner) {
    progress_ = std::move(handler);
    progress_owner_ = progress_ ? owner : nullptr;
    if (!progress_) {
        sqlite3_progress_handler(db_, 0, nullptr, nullptr);
        return;
    }
    sqlite3_progress_handler(
        db_, 4000, [](void* self) -> int { return static_cast<Connection*>(self)->progress_() ? 1 : 0; }, this);
}

namespace {

// True for statements that only read: SQLite says they do not write, and they are not
// transaction control (BEGIN, SAVEPOINT, ... count as read-only for SQLite but decide what
// later writes do, so they go inside the armed savepoint too).
bool plain_read(sqlite3_stmt* st) {
    if (!sqlite3_stmt_readonly(st)) return false;
    const char* sql = sqlite3_sql(st);
    if (!sql) return false;
    while (*sql == ' ' || *sql == '\n' || *sql == '\t' || *sql == '\r') ++sql;
    auto starts = [sql](const char* kw) { return sqlite3_strnicmp(sql, kw, static_cast<int>(std::strlen(kw))) == 0; };
    return !(starts("BEGIN") || starts("COMMIT") || starts("END") || starts("ROLLBACK") || starts("SAVEPOINT") ||
             starts("RELEASE"));
}

}  // namespace

Status Connection::arm_savepoint(const std::string& name) {
    finish_savepoint(false);
    savepoint_ = name;
    return Status::Ok();
}

Status Connection::open_armed_savepoint(bool reads_only) {
    if (savepoint_.empty() || savepoint_open_ || reads_only) return Status::Ok();
    std::string sql = "SAVEPOINT \"" + savepoint_ + "\"";
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return sqlite_error(db_);
    savepoint_open_ = true;
    return Status::Ok();
}

void Connection::finish_savepoint(bool rollback) {
    if (savepoint_open_) {
        const std::string quoted = "\"" + savepoint_ + "\"";
        if (rollback) (void)sqlite3_exec(db_, ("ROLLBACK TO SAVEPOINT " + quoted).c_str(), nullptr, nullptr, nullptr);
        (void)sqlite3_exec(db_, ("RELEASE SAVEPOINT " + quoted).c_str(), nullptr, nullptr, nullptr);
    }
    savepoint_open_ = false;
    savepoint_.clear();
}

bool Connection::foreign_keys_violated() const {
    int current = 0, highwater = 0;
    if (sqlite3_db_status(db_, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highwater, 0) != SQLITE_OK) return false;
    return current != 0;
}

std::string Connection::quote(const Value& v) {
    switch (v.kind) {
        case Value::Kind::kNone: return "NULL";
        case Value::Kind::kBool: return v.boolean ? "1" : "0";
        case Value::Kind::kInt: return v.text;
        case Value::Kind::kStr: {
            std::string out = "'";
            for (char c : v.text) {
                if (c == '\'') out += "''";
                else if (c == '\0') break;  // QUOTE() stops at NUL like C strings
                else out += c;
            }
            return out + "'";
        }
        default: break;
    }
    std::string out;
    (void)execute("SELECT QUOTE(?)", {v}, [&](const Row& r) {
        if (!r.empty() && r[0].kind == Value::Kind::kStr) out = r[0].text;
    });
    if (logging_ && !log_.empty()) log_.pop_back();
    return out;
}

std::string Connection::serialize() {
    sqlite3_int64 size = 0;
    unsigned char* data = sqlite3_serialize(db_, "main", &size, 0);
    if (!data) return std::string();
    std::string out(reinterpret_cast<const char*>(data), static_cast<size_t>(size));
    sqlite3_free(data);
    return out;
}

Status Connection::deserialize(const std::string& bytes) {
    for (auto& c : cache_) sqlite3_finalize(c.stmt);
    cache_.clear();
    auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size()));
    if (!buf && !bytes.empty()) return Error::make("MemoryError", "out of memory");
    if (!bytes.empty()) std::memcpy(buf, bytes.data(), bytes.size());
    int rc = sqlite3_deserialize(db_, "main", buf, static_cast<sqlite3_int64>(bytes.size()),
                                 static_cast<sqlite3_int64>(bytes.size()),
                                 SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
    if (rc != SQLITE_OK) return sqlite_error(db_);
    return Status::Ok();
}

Status Connection::execute(const std::string& sql, const std::vector<Value>& params,
                           const std::function<void(const Row&)>& on_row) {
    return run(sql, params, on_row ? &on_row : nullptr, nullptr);
}

Status Connection::execute_into(const std::string& sql, const std::vector<Value>& params, std::vector<Row>& rows) {
    return run(sql, params, nullptr, &rows);
}

Status Connection::execute_packed(const std::string& sql, const std::vector<Value>& params, std::vector<PackedRow>& rows) {
    return run(sql, params, nullptr, nullptr, &rows);
}

Status Connection::finish(sqlite3_stmt* st, int rc, const std::string& sql, const std::vector<Value>& params,
                          MonotonicClock::time_point start) {
    Status result;
    if (rc != SQLITE_DONE) result = sqlite_error(db_);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (logging_) {
        double ms = std::chrono::duration<double, std::milli>(MonotonicClock::now() - start).count();
        log_.push_back({sql, params, ms});
    }
    return result;
}

Status Connection::acquire(const std::string& sql, sqlite3_stmt*& st, bool& reads_only, const char** tail) {
    st = nullptr;
    // Prepared statements are cached by their text (Django's queries repeat their shapes),
    // most recently used last; a hit moves to the end without copying its text.
    for (size_t i = cache_.size(); i-- > 0;) {
        // A statement still stepping (a query run from inside another) is not shared.
        if (cache_[i].sql != sql || sqlite3_stmt_busy(cache_[i].stmt)) continue;
        std::rotate(cache_.begin() + static_cast<long>(i), cache_.begin() + static_cast<long>(i) + 1, cache_.end());
        st = cache_.back().stmt;
        reads_only = cache_.back().plain_read;
        if (tail) *tail = "";  // only statements without a tail are cached when one is asked for
        return Status::Ok();
    }
    const char* rest = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &st, &rest) != SQLITE_OK) return sqlite_error(db_);
    if (tail) *tail = rest ? rest : "";
    if (!st) return Status::Ok();  // only whitespace and comments
    reads_only = plain_read(st);
    cache_.push_back({sql, st, reads_only});
    if (cache_.size() > 64) {
        sqlite3_finalize(cache_.front().stmt);
        cache_.erase(cache_.begin());
    }
    return Status::Ok();
}

namespace {

// What Python's sqlite3 module skips after a statement before deciding another one follows
// (Modules/_sqlite/statement.c lstrip_sql): whitespace, -- and /* */ comments.
bool only_space_and_comments(const char* p) {
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') ++p;
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n') ++p;
        } else if (p[0] == '/' && p[1] == '*') {
            const char* end = std::strstr(p + 2, "*/");
            if (!end) return true;  // an unterminated comment runs to the end
            p = end + 2;
        } else {
            return *p == 0;
        }
    }
}

}  // namespace

Status Connection::execute_raw(const std::string& sql, const std::vector<Value>& params, const std::vector<std::string>* names,
                               RawResult& out) {
    // Python's sqlite3 refuses the whole text (SQLite would stop reading at the NUL).
    if (sql.find('\0') != std::string::npos) return Error::make("ProgrammingError", "the query contains a null character");
    const auto start = logging_ ? MonotonicClock::now() : MonotonicClock::time_point{};
    sqlite3_stmt* st = nullptr;
    bool reads_only = false;
    const char* tail = "";
    GRAMLAB_TRY(acquire(sql, st, reads_only, &tail));
    if (!st) return Status::Ok();  // nothing to run: no description, no rows
    if (!only_space_and_comments(tail)) {
        // Not kept in the cache: it would be found again without its tail.
        cache_.pop_back();
        sqlite3_finalize(st);
        return Error::make("ProgrammingError", "You can only execute one statement at a time.");
    }
    const int wanted = sqlite3_bind_parameter_count(st);
    std::vector<const Value*> bound(static_cast<size_t>(wanted), nullptr);
    if (names) {
        for (int i = 1; i <= wanted; ++i) {
            const char* name = sqlite3_bind_parameter_name(st, i);
            if (!name || !name[0] || name[0] == '?')
                return Error::make("ProgrammingError", "Binding " + std::to_string(i) +
                                                           " has no name, but you supplied a dictionary (which has only names).");
            for (size_t k = 0; k < names->size() && k < params.size(); ++k)
                if ((*names)[k] == name + 1) bound[static_cast<size_t>(i - 1)] = &params[k];
            if (!bound[static_cast<size_t>(i - 1)])
                return Error::make("ProgrammingError",
                                   std::string("You did not supply a value for binding parameter ") + name + ".");
        }
    } else {
        if (static_cast<size_t>(wanted) != params.size())
            return Error::make("ProgrammingError", "Incorrect number of bindings supplied. The current statement uses " +
                                                       std::to_string(wanted) + ", and there are " +
                                                       std::to_string(params.size()) + " supplied.");
        for (size_t i = 0; i < params.size(); ++i) bound[i] = &params[i];
    }
    GRAMLAB_TRY(open_armed_savepoint(reads_only));
    for (size_t i = 0; i < bound.size(); ++i) bind_value(st, static_cast<int>(i + 1), *bound[i]);
    const int cols = sqlite3_column_count(st);
    out.has_columns = cols > 0;
    for (int c = 0; c < cols; ++c) {
        const char* name = sqlite3_column_name(st, c);
        out.columns.push_back(name ? name : "");
        const char* type = sqlite3_column_decltype(st, c);
        out.decltypes.push_back(type ? type : "");
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Row& r = out.rows.emplace_back();
        r.reserve(static_cast<size_t>(cols));
        for (int c = 0; c < cols; ++c) r.push_back(column_value(st, c));
    }
    return finish(st, rc, sql, params, start);
}

Status Connection::run(const std::string& sql, const std::vector<Value>& params,
                       const std::function<void(const Row&)>* on_row, std::vector<Row>* out, std::vector<PackedRow>* packed) {
    // The clock is read only for the connection's own log (a clock read is a vDSO call).
    const auto start = logging_ ? MonotonicClock::now() : MonotonicClock::time_point{};
    sqlite3_stmt* st = nullptr;
    bool reads_only = false;
    if (Status s = acquire(sql, st, reads_only); !s.ok()) return s;
    if (Status sp = open_armed_savepoint(reads_only); !sp.ok()) return sp;
    for (size_t i = 0; i < params.size(); ++i) bind_value(st, static_cast<int>(i + 1), params[i]);
    int rc;
    int cols = sqlite3_column_count(st);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (packed) {
            packed->push_back(pack_row(st, cols));
        } else if (out) {
            Row& r = out->emplace_back();
            r.reserve(static_cast<size_t>(cols));
            for (int c = 0; c < cols; ++c) r.push_back(column_value(st, c));
        } else if (on_row) {
            Row r;
            r.reserve(static_cast<size_t>(cols));
            for (int c = 0; c < cols; ++c) r.push_back(column_value(st, c));
            (*on_row)(r);
        }
    }
    return finish(st, rc, sql, params, start);
}

Result<std::vector<Row>> Connection::query(const std::string& sql, const std::vector<Value>& params) {
    std::vector<Row> rows;
    Status st = execute_into(sql, params, rows);
    if (!st.ok()) return st.take_error();
    return rows;
}

Status Connection::execute_script(const std::string& sql) {
    GRAMLAB_TRY(open_armed_savepoint(false));
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        Error e = sqlite_error(db_);
        sqlite3_free(err);
        return e;
    }
    return Status::Ok();
}

bool Connection::table_exists(const std::string& table) {
    auto rows = query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", {Value::of_str(table)});
    return rows.ok() && !rows.value().empty();
}

}  // namespace gramlab::db

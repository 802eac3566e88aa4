// A shell session: what `manage.py shell` is to a learner. Splits input into statements the
// way Python's interactive console does, runs each one (inside a savepoint, under the time
// budget and the interrupt flag), and reports per statement what the console printed, the
// exception's last traceback line, and the queries Django's connection.queries would hold.
// This is the JSON contract shared by `gramlab shell --json`, the WASM export and graders.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/db/connection.hpp"
#include "core/models/base.hpp"
#include "core/python/ast.hpp"
#include "core/shell/result_table.hpp"

namespace gramlab::shell {

class Interp;

struct SessionOptions {
    //! The clock: "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC (timezone.now(), auto_now).
    std::string now = "2024-01-15 12:00:00";
    int time_budget_ms = 2000;
    int64_t memory_budget_bytes = 256ll << 20;
    //! The most loop iterations (for/while, comprehensions) one statement may run; past it the
    //! statement is stopped and undone like one over its time budget.
    int64_t max_loop_iterations = 10'000'000;
    //! When set, django.utils.crypto.get_random_string repeats this text (reproducible salts).
    std::string pinned_random;
    //! Set from another thread to stop the running statement (the UI's Stop button).
    std::atomic<bool>* interrupt = nullptr;
    //! Asked every few milliseconds while a statement runs; true stops it as `interrupt`
    //! does. For callers that cannot share an atomic: the browser's Web Worker reads the
    //! SharedArrayBuffer flag the page's Stop button sets.
    std::function<bool()> poll_stop;
    //! The most rows StatementResult::result may carry; 0 (the CLI's default): no result
    //! tables. The playground asks for 100000 (docs/js-api.md).
    int64_t result_rows = 0;
};

struct StatementError {
    std::string type;     // as the traceback's last line names it: "instagram.models.Post.DoesNotExist"
    std::string message;  // the text after "Type: "
    int line = 0, column = 0;  // SyntaxError position (1-based), 0 otherwise
};

struct QueryRecord {
    std::string sql;  // as connection.queries shows it (parameters inlined)
    std::vector<Value> params;
    double ms = 0.0;
};

struct StatementResult {
    std::string statement;
    std::optional<std::string> output;  // what the console printed; nullopt when nothing
    std::optional<StatementError> error;
    std::vector<QueryRecord> queries;
    //! QuerySet evaluations: (model, reason, cache reused, index of the query it ran or -1).
    struct Evaluation {
        std::string model, reason;
        bool cache_reused = false;
        int query = -1;
    };
    std::vector<Evaluation> evaluations;
    //! A relation loaded once per row of an earlier query, and the fix (orm/nplusone.hpp).
    struct NPlusOne {
        std::string model, relation, fix;
        std::vector<int> queries;  // the repeated queries (indexes into `queries`)
        int origin_query = -1;     // the query whose rows were traversed; -1: an earlier statement
        int queries_before = 0, queries_after = 0;
    };
    std::vector<NPlusOne> n_plus_one;
    //! With SessionOptions::result_rows > 0: the value the statement echoed, as a table
    //! (result_table.hpp); JSON key "result", absent when nullopt.
    std::optional<ResultTable> result;
};

class Session {
public:
    //! `apps` and `conn` must outlive the session. `app_label` is the learner's app.
    Session(const models::Apps& apps, db::Connection& conn, const std::string& app_label, SessionOptions options = {});
    ~Session();

    //! Runs every statement in `source`; one result per statement.
    std::vector<StatementResult> run(const std::string& source);
    //! Runs already-split units (each one console statement), e.g. from a grader's list.
    std::vector<StatementResult> run_units(const std::vector<std::string>& units);
    //! Replaces SessionOptions::poll_stop for the statements that follow.
    void set_poll_stop(std::function<bool()> poll);
    //! Replaces SessionOptions::result_rows for the statements that follow.
    void set_result_rows(int64_t max_rows) { options_.result_rows = max_rows; }
    //! The session's interpreter, for facade commands that use the ORM outside a statement
    //! (dumpdata asks each default manager which rows it returns).
    Interp& interp() { return *in_; }

private:
    //! Runs one unit into `r` (made in place in the caller's result vector).
    void run_unit(StatementResult& r, std::string text);
    std::unique_ptr<Interp> in_;
    //! Every statement's AST stays alive: functions and classes defined by it point into it.
    std::vector<std::shared_ptr<py::Module>> asts_;
    //! Parsed statements by their exact text (successful parses only). The interpreter never
    //! changes an AST, so a statement typed again (a learner's up-arrow, a benchmark loop)
    //! reuses its tree instead of tokenizing and parsing it again, and asts_ does not grow.
    //! Bounded: when full it is emptied (the trees stay alive in asts_).
    std::unordered_map<std::string, std::shared_ptr<py::Module>> parsed_;
    db::Connection& conn_;
    SessionOptions options_;
    //! SQLite's progress handler, installed once per session: true (interrupt) when the
    //! running statement is over its budget or asked to stop; false between statements.
    bool progress_check();
    bool statement_running_ = false;
    int progress_calls_ = 0;
};

//! Splits console input into units: each top-level statement is one unit; a compound
//! statement (for, if, try, with, def, class) runs until a blank line or the next
//! top-level line. Returns (text, 1-based first line).
std::vector<std::pair<std::string, int>> split_units(const std::string& source);

//! One JSON object (one line) for a statement result.
std::string to_json(const StatementResult& r);

}  // namespace gramlab::shell

// Shell sessions: statement splitting, running under budgets, and the JSON contract.
#include "core/shell/session.hpp"

#include <nlohmann/json.hpp>

#include "core/orm/nplusone.hpp"
#include "core/orm/runtime.hpp"
#include "core/python/parser.hpp"
#include "core/shell/constants.hpp"
#include "core/shell/datetime.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::shell {

namespace {

// How many distinct statement texts Session keeps parsed (see Session::parsed_).
constexpr size_t kParsedCacheSize = 256;

}  // namespace

namespace {

// One line (what the prompt and most graders send) is its own unit: its length without a
// trailing \r, 0 when it is blank or a comment (no unit), -1 when `source` has more lines.
// split_units' general splitting gives the same for one line.
int one_line_unit(const std::string& source) {
    if (source.find('\n') != std::string::npos) return -1;
    const size_t p = source.find_first_not_of(" \t\r");
    if (p == std::string::npos || source[p] == '#') return 0;
    size_t end = source.size();
    while (end > 0 && source[end - 1] == '\r') --end;
    return static_cast<int>(end);
}

}  // namespace

std::vector<std::pair<std::string, int>> split_units(const std::string& source) {
    std::vector<std::pair<std::string, int>> units;
    if (int one = one_line_unit(source); one >= 0) {
        if (one > 0) units.emplace_back(source.substr(0, static_cast<size_t>(one)), 1);
        return units;
    }
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= source.size()) {
        size_t nl = source.find('\n', start);
        if (nl == std::string::npos) {
            if (start < source.size()) lines.push_back(source.substr(start));
            break;
        }
        lines.push_back(source.substr(start, nl - start));
        start = nl + 1;
    }
    auto blank = [](const std::string& l) {
        for (char c : l)
            if (c != ' ' && c != '\t' && c != '\r') return c == '#';
        return true;
    };
    auto indented = [](const std::string& l) { return !l.empty() && (l[0] == ' ' || l[0] == '\t'); };
    size_t i = 0;
    while (i < lines.size()) {
        if (blank(lines[i])) { ++i; continue; }
        size_t first = i;
        std::string text = lines[i];
        // Continuation: open brackets or a trailing backslash, or an indented block.
        int depth = 0;
        auto scan = [&](const std::string& l) {
            char quote = 0;
            for (size_t k = 0; k < l.size(); ++k) {
                char c = l[k];
                if (quote) {
                    if (c == '\\') ++k;
                    else if (c == quote) quote = 0;
                    continue;
                }
                if (c == '#') break;
                if (c == '\'' || c == '"') {
                    // Triple-quoted strings spanning lines are rare in the shell; treat as simple.
                    quote = c;
                } else if (c == '(' || c == '[' || c == '{') ++depth;
                else if (c == ')' || c == ']' || c == '}') --depth;
            }
        };
        scan(lines[i]);
        ++i;
        bool compound = false;
        {
            std::string t = text;
            size_t p = t.find_last_not_of(" \t\r");
            // A line ending in ':' (outside brackets) opens a block.
            if (p != std::string::npos && t[p] == ':') compound = true;
        }
        while (i < lines.size()) {
            const std::string& l = lines[i];
            bool cont = depth > 0 || (!text.empty() && text.back() == '\\');
            if (cont) {
                text += "\n" + l;
                scan(l);
                ++i;
                continue;
            }
            if (compound || indented(l)) {
                if (blank(l) && !indented(l)) {
                    // A blank line ends a compound statement (as the console does).
                    break;
                }
                if (!indented(l) && !blank(l)) {
                    // else/elif/except/finally continue the statement.
                    std::string w = l.substr(0, l.find_first_of(" :"));
                    if (w != "else" && w != "elif" && w != "except" && w != "finally") break;
                }
                text += "\n" + l;
                scan(l);
                compound = true;
                ++i;
                continue;
            }
            break;
        }
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        units.emplace_back(text, static_cast<int>(first) + 1);
    }
    return units;
}

Session::Session(const models::Apps& apps, db::Connection& conn, const std::string& app_label, SessionOptions options)
    : in_(std::make_unique<Interp>()), conn_(conn), options_(std::move(options)) {
    in_->apps = &apps;
    in_->conn = &conn;
    in_->now = options_.now;
    in_->interrupt = options_.interrupt;
    in_->poll_stop = options_.poll_stop;
    in_->budget.time = std::chrono::milliseconds(options_.time_budget_ms);
    in_->budget.memory_bytes = options_.memory_budget_bytes;
    in_->budget.max_loop_iterations = options_.max_loop_iterations;
    in_->orm->pinned_random = options_.pinned_random;
    conn_.set_logging(false);
    in_->start_statement();
    in_->orm->bind_project(app_label);
    in_->exc = nullptr;
}

Session::~Session() {
    if (conn_.progress_owner() == this) conn_.set_progress_handler(nullptr);
}

// Called every few thousand SQLite opcodes: the clock each time, the heap (a walk of the
// allocator's statistics) every 16th time.
bool Session::progress_check() {
    if (!statement_running_) return false;
    Interp& in = *in_;
    if (in.poll_interrupt()) return true;
    return in.over_time() || (++progress_calls_ % 16 == 0 && in.over_memory());
}

namespace {

void describe_exception(Interp& in, const Ref& exc, StatementError& err) {
    auto* e = as<ExceptionObj>(exc);
    if (!e) {
        err.type = "SystemError";
        err.message = "an unknown error";
        return;
    }
    err.type = e->cls->traceback_name();
    std::string msg;
    Ref saved = in.exc;
    in.exc = nullptr;
    if (!e->str(in, msg)) msg = "<exception str() failed>";
    in.exc = saved;
    err.message = msg;
    err.line = e->line;
    err.column = e->column;
}

}  // namespace

void Session::run_unit(StatementResult& r, std::string statement) {
    r.statement = std::move(statement);
    const std::string& text = r.statement;
    Interp& in = *in_;
    in.out.clear();
    in.exc = nullptr;
    in.orm->log.clear();
    in.orm->evaluations.clear();
    in.start_statement();
    std::shared_ptr<py::Module> module;
    if (auto hit = parsed_.find(text); hit != parsed_.end()) module = hit->second;
    if (!module) {
        auto parsed = py::parse_module(text, "<console>");
        if (!parsed.ok()) {
            const Error& e = parsed.errors.front();
            StatementError se;
            se.type = e.kind;
            se.message = e.message;
            LineCol lc = line_col(text, e.span.offset == UINT32_MAX ? 0 : e.span.offset);
            se.line = lc.line;
            se.column = lc.column;
            r.error = se;
            return;
        }
        module = std::make_shared<py::Module>(std::move(parsed.module));
        prepare_constants(in, *module);
        asts_.push_back(module);
        if (parsed_.size() >= kParsedCacheSize) parsed_.clear();
        parsed_.emplace(text, module);
    }
    // Every statement's writes run in a savepoint: a budget or interrupt stop undoes all of
    // them. It is opened at the first write, so a statement that only reads pays nothing.
    static const std::string kStatementSavepoint = "gramlab_statement";  // built once, not per statement
    (void)conn_.arm_savepoint(kStatementSavepoint);
    // Installed again only if something else on this connection replaced it.
    if (conn_.progress_owner() != this) conn_.set_progress_handler([this] { return progress_check(); }, this);
    statement_running_ = true;
    progress_calls_ = 0;
    Frame frame;
    frame.globals = &in.globals;
    frame.is_module = true;
    frame.echo = true;
    // What `_` held before: a statement echoed a value when `_` changed (displayhook sets it).
    auto underscore = [&in]() -> Ref {
        auto it = in.builtins.find("_");
        return it == in.builtins.end() ? nullptr : it->second;
    };
    Ref shown_before = options_.result_rows > 0 ? underscore() : nullptr;  // only the table needs it
    Flow flow = in.exec_block(module->body, frame);
    statement_running_ = false;
    bool stopped = false;
    if (flow == Flow::kRaise) {
        auto* e = as<ExceptionObj>(in.exc);
        stopped = in.interrupted() || in.over_budget() || in.loop_iterations > in.budget.max_loop_iterations ||
                  (e && (e->cls == in.KeyboardInterrupt || e->cls == in.MemoryError));
        StatementError se;
        describe_exception(in, in.exc, se);
        r.error = se;
    } else if (flow == Flow::kReturn || flow == Flow::kBreak || flow == Flow::kContinue) {
        StatementError se;
        se.type = "SyntaxError";
        se.message = flow == Flow::kReturn ? "'return' outside function" : flow == Flow::kBreak ? "'break' outside loop" : "'continue' not properly in loop";
        r.error = se;
    }
    // Learner atomic blocks left open by an error are closed (Django rolls them back).
    while (in.orm->atomic_depth > 0) {
        in.exc = nullptr;
        in.orm->atomic_exit(false, in.orm->atomic_depth > 1, in.orm->atomic_depth > 1 ? "" : "gramlab_atomic");
    }
    conn_.finish_savepoint(stopped);
    in.exc = nullptr;
    if (!in.out.empty()) r.output = in.out;
    for (auto& n : orm::find_n_plus_one(in.orm->log))
        r.n_plus_one.push_back({n.model, n.relation, n.fix, n.queries, n.origin_query, n.queries_before, n.queries_after});
    // The log is the statement's alone (cleared when the next one starts): moved, not copied.
    r.queries.reserve(in.orm->log.size());
    for (auto& q : in.orm->log) r.queries.push_back({std::move(q.sql), std::move(q.params), q.ms});
    in.orm->log.clear();
    for (auto& e : in.orm->evaluations)
        r.evaluations.push_back({std::move(e.model), std::move(e.reason), e.cache_reused, e.query_index});
    in.orm->evaluations.clear();
    // The echoed value as a table (after the queries above were copied: its own queries are
    // not the statement's). Only when the last statement is an expression: `_` is its value.
    const auto& body = module->body;
    if (options_.result_rows > 0 && !r.error && !body.empty() && body.back()->kind == py::StmtKind::kExpr) {
        Ref shown = underscore();
        if (shown && shown != shown_before) {
            in.start_statement();
            r.result = result_table(in, shown, options_.result_rows);
            in.exc = nullptr;
        }
    }
    return;
}

std::vector<StatementResult> Session::run(const std::string& source) {
    std::vector<StatementResult> out;
    if (int one = one_line_unit(source); one >= 0) {
        if (one > 0) {
            out.reserve(1);
            run_unit(out.emplace_back(), source.substr(0, static_cast<size_t>(one)));
        }
        return out;
    }
    auto units = split_units(source);
    out.reserve(units.size());
    for (auto& u : units) run_unit(out.emplace_back(), std::move(u.first));
    return out;
}

void Session::set_poll_stop(std::function<bool()> poll) {
    options_.poll_stop = poll;
    in_->poll_stop = std::move(poll);
}

std::vector<StatementResult> Session::run_units(const std::vector<std::string>& units) {
    std::vector<StatementResult> out;
    out.reserve(units.size());
    for (size_t i = 0; i < units.size(); ++i) run_unit(out.emplace_back(), units[i]);
    return out;
}

namespace {

// A parameter or result cell as JSON: null, true/false, numbers, text.
nlohmann::ordered_json cell_json(const Value& p) {
    switch (p.kind) {
        case Value::Kind::kNone: return nullptr;
        case Value::Kind::kBool: return p.boolean;
        case Value::Kind::kInt: return p.as_int().value_or(0);
        case Value::Kind::kFloat: return p.number;
        default: return p.text;
    }
}

}  // namespace

std::string to_json(const StatementResult& r) {
    using nlohmann::ordered_json;
    ordered_json j;
    j["statement"] = r.statement;
    j["output"] = r.output ? ordered_json(*r.output) : ordered_json(nullptr);
    if (r.error) {
        ordered_json e;
        e["type"] = r.error->type;
        e["message"] = r.error->message;
        if (r.error->line) {
            e["line"] = r.error->line;
            e["column"] = r.error->column;
        }
        j["error"] = e;
    } else {
        j["error"] = nullptr;
    }
    ordered_json qs = ordered_json::array();
    for (const auto& q : r.queries) {
        ordered_json jq;
        jq["sql"] = q.sql;
        ordered_json ps = ordered_json::array();
        for (const auto& p : q.params) {
            switch (p.kind) {
                case Value::Kind::kNone: ps.push_back(nullptr); break;
                case Value::Kind::kBool: ps.push_back(p.boolean); break;
                case Value::Kind::kInt: ps.push_back(p.as_int().value_or(0)); break;
                case Value::Kind::kFloat: ps.push_back(p.number); break;
                default: ps.push_back(p.text); break;
            }
        }
        jq["params"] = ps;
        jq["ms"] = q.ms;
        qs.push_back(jq);
    }
    j["queries"] = qs;
    ordered_json ev = ordered_json::array();
    for (const auto& e : r.evaluations) {
        ordered_json je;
        je["model"] = e.model;
        je["reason"] = e.reason;
        je["cache_reused"] = e.cache_reused;
        je["query"] = e.query >= 0 ? ordered_json(e.query) : ordered_json(nullptr);
        ev.push_back(je);
    }
    j["evaluations"] = ev;
    ordered_json np = ordered_json::array();
    for (const auto& n : r.n_plus_one) {
        ordered_json jn;
        jn["model"] = n.model;
        jn["relation"] = n.relation;
        jn["fix"] = n.fix;
        jn["queries"] = n.queries;
        jn["origin_query"] = n.origin_query >= 0 ? ordered_json(n.origin_query) : ordered_json(nullptr);
        jn["queries_before"] = n.queries_before;
        jn["queries_after"] = n.queries_after;
        np.push_back(jn);
    }
    j["n_plus_one"] = np;
    if (r.result) {
        ordered_json t;
        t["kind"] = r.result->kind;
        t["model"] = r.result->model.empty() ? ordered_json(nullptr) : ordered_json(r.result->model);
        t["columns"] = r.result->columns;
        ordered_json rows = ordered_json::array();
        for (const auto& row : r.result->rows) {
            ordered_json jr = ordered_json::array();
            for (const auto& c : row) jr.push_back(cell_json(c));
            rows.push_back(std::move(jr));
        }
        t["rows"] = std::move(rows);
        t["truncated"] = r.result->truncated;
        j["result"] = std::move(t);
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gramlab::shell

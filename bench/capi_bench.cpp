// Baseline (b): each case hand-written against the SQLite C API, the fastest honest way to
// get the same rows into C++ values. Per case the statement is prepared once (at
// registration); every iteration binds, steps through all rows, reads every column into a
// C++ struct (strings copied, datetimes parsed to microseconds since the epoch, NULL as
// std::optional), checks the result as Django would (get(): exactly one row), and resets.
// The connection is opened like Django's SQLite backend opens it (same pragmas).
#include <sqlite3.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench/cases.hpp"
#include "bench/common.hpp"

namespace gramlab::bench {
namespace {

// "YYYY-MM-DD HH:MM:SS[.ffffff]" (how Django stores an aware datetime on SQLite, in UTC)
// to microseconds since 1970-01-01, as a C++ program would keep it. Returns false when the
// text has another shape.
bool parse_datetime(const unsigned char* s, int n, std::int64_t& out) {
    auto num = [&](int pos, int len, int& v) {
        v = 0;
        for (int i = pos; i < pos + len; ++i) {
            if (i >= n || s[i] < '0' || s[i] > '9') return false;
            v = v * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, se, us = 0;
    if (n < 19 || !num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) ||
        !num(17, 2, se))
        return false;
    if (n > 19) {
        if (s[19] != '.' || n > 26) return false;
        int frac_len = n - 20;
        if (!num(20, frac_len, us)) return false;
        for (int i = frac_len; i < 6; ++i) us *= 10;
    }
    // days_from_civil (H. Hinnant)
    y -= mo <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
    out = ((days * 86400 + h * 3600 + mi * 60 + se) * 1000000LL) + us;
    return true;
}

struct User {
    std::int64_t id = 0;
    std::string password;
    std::optional<std::int64_t> last_login;
    std::string username;
    std::string instagram_id;
    bool is_professional = false;
};

struct Post {
    std::int64_t id = 0;
    std::int64_t post_author_id = 0;
    std::string location;
    std::int64_t num_of_like = 0;
    std::string post_content;
    bool is_comment = true;
    std::int64_t upload_time = 0;
};

struct PostWithAuthor {
    Post post;
    User author;
};

struct PostWithCount {
    Post post;
    std::int64_t n = 0;
};

// Column readers. A bad value (wrong type, unparsable datetime) sets `ok` to false, the
// way Django would raise on it; the benchmark then stops with an error.
struct Reader {
    sqlite3_stmt* st;
    bool ok = true;

    std::int64_t i64(int col) {
        if (sqlite3_column_type(st, col) != SQLITE_INTEGER) ok = false;
        return sqlite3_column_int64(st, col);
    }
    std::string text(int col) {
        const unsigned char* p = sqlite3_column_text(st, col);
        const int n = sqlite3_column_bytes(st, col);
        if (!p) { ok = false; return {}; }
        return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    }
    std::int64_t datetime(int col) {
        const unsigned char* p = sqlite3_column_text(st, col);
        std::int64_t v = 0;
        if (!p || !parse_datetime(p, sqlite3_column_bytes(st, col), v)) ok = false;
        return v;
    }
    std::optional<std::int64_t> nullable_datetime(int col) {
        if (sqlite3_column_type(st, col) == SQLITE_NULL) return std::nullopt;
        return datetime(col);
    }
    bool boolean(int col) { return i64(col) != 0; }

    Post post(int c) {  // the 7 columns of instagram_post from column c on, in Django's order
        Post p;
        p.id = i64(c);
        p.post_author_id = i64(c + 1);
        p.location = text(c + 2);
        p.num_of_like = i64(c + 3);
        p.post_content = text(c + 4);
        p.is_comment = boolean(c + 5);
        p.upload_time = datetime(c + 6);
        return p;
    }
    User user(int c) {  // the 6 columns of instagram_user
        User u;
        u.id = i64(c);
        u.password = text(c + 1);
        u.last_login = nullable_datetime(c + 2);
        u.username = text(c + 3);
        u.instagram_id = text(c + 4);
        u.is_professional = boolean(c + 5);
        return u;
    }
};

// One prepared statement, prepared once for the life of the process.
struct Prepared {
    sqlite3_stmt* st = nullptr;
    ~Prepared() { sqlite3_finalize(st); }
};

sqlite3* g_db = nullptr;

std::shared_ptr<Prepared> prepare(const Case& c) {
    auto p = std::make_shared<Prepared>();
    if (sqlite3_prepare_v3(g_db, c.sql, -1, SQLITE_PREPARE_PERSISTENT, &p->st, nullptr) != SQLITE_OK)
        die(std::string("cannot prepare ") + c.name + ": " + sqlite3_errmsg(g_db));
    return p;
}

// Runs the case once: bind, step every row into `rows` via `read`, reset. Returns an error
// message, or an empty string.
template <typename RowT, typename ReadFn>
std::string run_rows(sqlite3_stmt* st, const Case& c, std::vector<RowT>& rows, ReadFn read) {
    if (c.param != kNoParam) sqlite3_bind_int64(st, 1, c.param);
    Reader r{st};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) rows.push_back(read(r));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return sqlite3_errmsg(g_db);
    if (!r.ok) return "a column did not have the type Django expects";
    return {};
}

// The per-case bodies. Each returns the number of rows (or the count) it produced, and an
// error message through `err`.
std::int64_t pk_lookup(sqlite3_stmt* st, const Case& c, std::string& err) {
    std::vector<Post> rows;  // get() fetches up to 21 rows and then checks there was one
    err = run_rows(st, c, rows, [](Reader& r) { return r.post(0); });
    if (err.empty() && rows.size() != 1) err = "get() did not find exactly one row";
    std::optional<Post> p;
    if (rows.size() == 1) p = std::move(rows[0]);
    benchmark::DoNotOptimize(p);
    return static_cast<std::int64_t>(rows.size());
}

std::int64_t post_page(sqlite3_stmt* st, const Case& c, std::string& err) {
    std::vector<Post> rows;
    rows.reserve(20);
    err = run_rows(st, c, rows, [](Reader& r) { return r.post(0); });
    benchmark::DoNotOptimize(rows.data());
    return static_cast<std::int64_t>(rows.size());
}

std::int64_t select_related_page(sqlite3_stmt* st, const Case& c, std::string& err) {
    std::vector<PostWithAuthor> rows;
    rows.reserve(20);
    err = run_rows(st, c, rows, [](Reader& r) { return PostWithAuthor{r.post(0), r.user(7)}; });
    benchmark::DoNotOptimize(rows.data());
    return static_cast<std::int64_t>(rows.size());
}

std::int64_t annotate_count(sqlite3_stmt* st, const Case& c, std::string& err) {
    std::vector<PostWithCount> rows;
    rows.reserve(20);
    err = run_rows(st, c, rows, [](Reader& r) { return PostWithCount{r.post(0), r.i64(7)}; });
    benchmark::DoNotOptimize(rows.data());
    return static_cast<std::int64_t>(rows.size());
}

std::int64_t filtered_count(sqlite3_stmt* st, const Case& c, std::string& err) {
    std::vector<std::int64_t> rows;
    err = run_rows(st, c, rows, [](Reader& r) { return r.i64(0); });
    if (err.empty() && rows.size() != 1) err = "COUNT(*) did not return one row";
    std::int64_t n = rows.empty() ? -1 : rows[0];
    benchmark::DoNotOptimize(n);
    return n;
}

using Body = std::int64_t (*)(sqlite3_stmt*, const Case&, std::string&);

Body body_for(const std::string& name) {
    if (name == "pk_lookup") return pk_lookup;
    if (name == "fk_filter_order_slice") return post_page;
    if (name == "select_related_page") return select_related_page;
    if (name == "annotate_count") return annotate_count;
    if (name == "filtered_count") return filtered_count;
    die("no C API body for case " + name);
}

void open_like_django(const Options& opts) {
    // Opened as Django's DatabaseWrapper.get_new_connection does: read-write, then the two
    // pragmas it runs on every new connection.
    const std::string file = opts.in_memory ? ":memory:" : opts.dataset;
    if (sqlite3_open_v2(file.c_str(), &g_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        die("cannot open " + file + ": " + (g_db ? sqlite3_errmsg(g_db) : "out of memory"));
    if (opts.in_memory) {
        // --in-memory: the same bytes, deserialized as the playground's database is.
        const std::string& bytes = read_dataset(opts);
        auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size()));
        if (!buf) die("out of memory loading the dataset");
        std::copy(bytes.begin(), bytes.end(), buf);
        const auto n = static_cast<sqlite3_int64>(bytes.size());
        if (sqlite3_deserialize(g_db, "main", buf, n, n, SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) !=
            SQLITE_OK)
            die(std::string("cannot load the dataset into memory: ") + sqlite3_errmsg(g_db));
    }
    if (sqlite3_exec(g_db, "PRAGMA foreign_keys = ON; PRAGMA legacy_alter_table = OFF", nullptr, nullptr,
                     nullptr) != SQLITE_OK)
        die(std::string("pragmas failed: ") + sqlite3_errmsg(g_db));
    // Diagnostic only (--exclusive), not what Django does: keep the file lock for the whole
    // connection, so a statement no longer pays the per-transaction lock/unlock and
    // change-counter read (file system calls, which are what NODERAWFS makes slow under node).
    if (opts.exclusive && sqlite3_exec(g_db, "PRAGMA locking_mode = EXCLUSIVE", nullptr, nullptr, nullptr) != SQLITE_OK)
        die(std::string("PRAGMA locking_mode failed: ") + sqlite3_errmsg(g_db));
}

}  // namespace

void print_query_plans(const Options& opts) {
    open_like_django(opts);
    std::printf("SQLite %s\n", sqlite3_libversion());
    for (const Case& c : kCases) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(g_db, (std::string("EXPLAIN QUERY PLAN ") + c.sql).c_str(), -1, &st, nullptr) !=
            SQLITE_OK)
            die(std::string("cannot prepare the plan of ") + c.name + ": " + sqlite3_errmsg(g_db));
        if (c.param != kNoParam) sqlite3_bind_int64(st, 1, c.param);
        std::printf("%s\n", c.name);
        while (sqlite3_step(st) == SQLITE_ROW)
            std::printf("    %s\n", reinterpret_cast<const char*>(sqlite3_column_text(st, 3)));
        sqlite3_finalize(st);
    }
}

void register_capi_benchmarks(const Options& opts) {
    open_like_django(opts);
    for (const Case& c : kCases) {
        auto prepared = prepare(c);
        Body body = body_for(c.name);
        // Run once before registering: the dataset must give the rows the case is about.
        std::string err;
        const std::int64_t n = body(prepared->st, c, err);
        if (!err.empty()) die(std::string(c.name) + ": " + err);
        if (n <= 0) die(std::string(c.name) + ": no rows on this dataset (is it bench/make_dataset's?)");
        if (!opts.quiet)
            std::fprintf(stderr, "capi: %-24s result %lld (rows, or the count)\n", c.name, static_cast<long long>(n));

        with_spread(benchmark::RegisterBenchmark((std::string("BM_CApi/") + c.name).c_str(),
                                     [prepared, body, &c, warmup = opts.warmup_seconds](benchmark::State& state) {
                                         std::string err;
                                         std::int64_t n = 0;
                                         warm_up(warmup, [&] {
                                             n = body(prepared->st, c, err);
                                             return err.empty();
                                         });
                                         for (auto _ : state) {
                                             n = body(prepared->st, c, err);
                                             if (!err.empty()) {
                                                 state.SkipWithError(err.c_str());
                                                 break;
                                             }
                                         }
                                         state.counters["result"] = static_cast<double>(n);
                                     }),
                       opts)
            ->Unit(benchmark::kMicrosecond)
            ->UseRealTime();
    }
}

}  // namespace gramlab::bench

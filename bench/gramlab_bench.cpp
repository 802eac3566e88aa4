// BM_Gramlab/<case>: gramlab's own column (a) of the issue 3 benchmark — the shell statement
// end to end (split, parse, interpret, compile the SQL, run it on SQLite, build the objects),
// through the same facade the CLI and the browser use. One session per case, created once
// outside the timed loop, as a learner's shell session lives across statements.
#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "bench/cases.hpp"
#include "bench/common.hpp"
#include "core/gramlab.hpp"

namespace gramlab::bench {

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) die("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct GramlabState {
    std::unique_ptr<Project> project;
    std::unique_ptr<db::Connection> conn;
    std::unique_ptr<shell::Session> session;
};

GramlabState open_session(const Options& opts) {
    GramlabState s;
    std::string ex = opts.source_dir + "/examples/instagram/";
    ProjectFiles pf;
    pf.app_label = "instagram";
    pf.model_files.push_back({"models", "instagram/models.py", read_text(ex + "models.py")});
    pf.settings = models::SourceFile{"settings", "settings.py", read_text(ex + "settings.py")};
    s.project = std::make_unique<Project>(pf);
    auto conn = db::Connection::open(opts.in_memory ? std::string("sqlite://:memory:") : "sqlite:///" + opts.dataset);
    if (!conn.ok()) die(conn.error().to_string());
    s.conn = std::move(conn.value());
    if (opts.in_memory) {
        // What the playground does with the database it is given (core/gramlab.cpp).
        Status st = s.conn->deserialize(read_dataset(opts));
        if (!st.ok()) die("cannot load the dataset into memory: " + st.error().to_string());
    }
    shell::SessionOptions so;
    so.time_budget_ms = 60000;
    s.session = s.project->shell(*s.conn, so);
    if (!s.session) die("examples/instagram/models.py did not load");
    auto r = s.session->run("from instagram.models import Post, Comment, User\nfrom django.db.models import Count");
    for (const auto& x : r)
        if (x.error) die("import failed: " + x.error->message);
    return s;
}

}  // namespace

const std::string& read_dataset(const Options& opts) {
    static const std::string bytes = read_text(opts.dataset);  // one copy for every case
    return bytes;
}

void register_gramlab_benchmarks(const Options& opts) {
    for (const Case& c : kCases) {
        std::string name = std::string("BM_Gramlab/") + c.name;
        with_spread(benchmark::RegisterBenchmark(name.c_str(), [opts, c](benchmark::State& st) {
            GramlabState s = open_session(opts);
            // Sanity: exactly one query, no error (the C API column runs that one query).
            auto first = s.session->run(c.statement);
            if (first.empty() || first[0].error || first[0].queries.size() != 1) {
                st.SkipWithError((std::string("statement failed or ran ") +
                                  (first.empty() ? "nothing" : std::to_string(first[0].queries.size()) + " queries") +
                                  (first.empty() || !first[0].error ? "" : ": " + first[0].error->message)).c_str());
                return;
            }
            warm_up(opts.warmup_seconds, [&] {
                auto r = s.session->run(c.statement);
                benchmark::DoNotOptimize(r);
                return true;
            });
            for (auto _ : st) {
                auto r = s.session->run(c.statement);
                benchmark::DoNotOptimize(r);
            }
        }), opts)->Unit(benchmark::kMicrosecond)->UseRealTime();
    }
}

}  // namespace gramlab::bench

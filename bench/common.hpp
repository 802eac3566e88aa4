// What the benchmark files share: the command-line options main.cpp parses before Google
// Benchmark sees the rest, and a fatal-error helper.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace gramlab::bench {

struct Options {
    std::string dataset;       // --dataset PATH: the file bench/make_dataset wrote
    std::string source_dir;    // the repository (examples/instagram/ lives there)
    bool quiet = false;        // --quiet: no per-case sanity lines on stderr
    bool exclusive = false;    // --exclusive: PRAGMA locking_mode = EXCLUSIVE (diagnostic, not Django's)
};

[[noreturn]] inline void die(const std::string& msg) {
    std::fprintf(stderr, "gramlab_bench: %s\n", msg.c_str());
    std::exit(2);
}

//! --explain: EXPLAIN QUERY PLAN of every case, with the SQLite this binary links.
void print_query_plans(const Options& opts);
//! BM_CApi/<case>: baseline (b), bench/capi_bench.cpp.
void register_capi_benchmarks(const Options& opts);
//! BM_Gramlab/<case>: gramlab's shell end to end, bench/gramlab_bench.cpp.
void register_gramlab_benchmarks(const Options& opts);

}  // namespace gramlab::bench

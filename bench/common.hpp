// What the benchmark files share: the command-line options main.cpp parses before Google
// Benchmark sees the rest, a fatal-error helper, and the spread statistics every column reports.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace gramlab::bench {

struct Options {
    std::string dataset;       // --dataset PATH: the file bench/make_dataset wrote
    std::string source_dir;    // the repository (examples/instagram/ lives there)
    bool quiet = false;        // --quiet: no per-case sanity lines on stderr
    bool exclusive = false;    // --exclusive: PRAGMA locking_mode = EXCLUSIVE (diagnostic, not Django's)
    bool in_memory = false;    // --in-memory: the dataset deserialized into an in-memory database,
                               // as the browser playground holds its database (core/gramlab.cpp)
    double warmup_seconds = 0.1;  // --warmup S: untimed runs before each repetition's timed loop
    long iterations = 0;          // --iterations N: exactly N timed runs per repetition (0: Google
                                  // Benchmark decides); bench/instructions.sh counts with it
};

//! Runs `step` untimed for `seconds` before a repetition's timed loop. Every repetition starts
//! cold (a new session in the gramlab column; with --benchmark_enable_random_interleaving the
//! other cases ran in between), and under node V8 first runs WebAssembly from its baseline
//! compiler and swaps in optimised code while it runs: measured 2026-11-29, the first 0.2 s
//! repetition of a case was up to 7x its later ones. Google Benchmark 1.7.1 (Debian) has no
//! warm-up of its own (--benchmark_min_warmup_time came in 1.8).
template <class Step>
void warm_up(double seconds, Step&& step) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    do {
        if (!step()) return;
    } while (std::chrono::steady_clock::now() < end);
}

[[noreturn]] inline void die(const std::string& msg) {
    std::fprintf(stderr, "gramlab_bench: %s\n", msg.c_str());
    std::exit(2);
}

//! Adds the fastest and slowest repetition to a benchmark's aggregates (docs/benchmarks.md's
//! spread table reads them for every column), and --iterations when it was given.
inline benchmark::internal::Benchmark* with_spread(benchmark::internal::Benchmark* b, const Options& opts) {
    if (opts.iterations > 0) b->Iterations(opts.iterations);
    return b->ComputeStatistics("min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); })
        ->ComputeStatistics("max", [](const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); });
}

//! The dataset file's bytes (for --in-memory: both columns deserialize the same bytes).
const std::string& read_dataset(const Options& opts);

//! --explain: EXPLAIN QUERY PLAN of every case, with the SQLite this binary links.
void print_query_plans(const Options& opts);
//! BM_CApi/<case>: baseline (b), bench/capi_bench.cpp.
void register_capi_benchmarks(const Options& opts);
//! BM_Gramlab/<case>: gramlab's shell end to end, bench/gramlab_bench.cpp.
void register_gramlab_benchmarks(const Options& opts);

}  // namespace gramlab::bench

// gramlab_bench: the benchmark of issue 3 (see bench/README.md).
//
//   gramlab_bench --dataset PATH [--quiet] [Google Benchmark flags...]
//   gramlab_bench --print-cases        the cases as JSON (name, statement, sql, params)
//   gramlab_bench --dataset PATH --explain   SQLite's query plan of every case
//   --exclusive: open with PRAGMA locking_mode = EXCLUSIVE (a diagnostic: Django does not)
//   --in-memory: load the dataset into an in-memory database (sqlite3_deserialize), as the
//                browser playground holds its database; both columns, native and WASM alike
//   --warmup S: untimed runs for S seconds before each repetition (default 0.1)
//   --iterations N: exactly N timed runs per repetition (bench/instructions.sh: callgrind)
//
// Registers BM_CApi/<case> (baseline (b), the hand-written SQLite C API) and gramlab's own column,
// BM_Gramlab/<case> (gramlab_bench.cpp: the shell statement end to end; bench/README.md,
// "The gramlab column"). Django's column is measured by bench/django_baseline.py.
#include <benchmark/benchmark.h>

#include <cstring>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/cases.hpp"
#include "bench/common.hpp"

#ifndef GRAMLAB_SOURCE_DIR
#define GRAMLAB_SOURCE_DIR "."
#endif

int main(int argc, char** argv) {
    using namespace gramlab::bench;
    Options opts;
    opts.source_dir = GRAMLAB_SOURCE_DIR;
    bool print_cases = false, explain = false;
    std::vector<char*> rest{argv[0]};
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--dataset" && i + 1 < argc) {
            opts.dataset = argv[++i];
        } else if (a.rfind("--dataset=", 0) == 0) {
            opts.dataset = a.substr(10);
        } else if (a == "--print-cases") {
            print_cases = true;
        } else if (a == "--explain") {
            explain = true;
        } else if (a == "--exclusive") {
            opts.exclusive = true;
        } else if (a == "--in-memory") {
            opts.in_memory = true;
        } else if (a == "--warmup" && i + 1 < argc) {
            opts.warmup_seconds = std::atof(argv[++i]);
        } else if (a == "--iterations" && i + 1 < argc) {
            opts.iterations = std::atol(argv[++i]);
        } else if (a == "--quiet") {
            opts.quiet = true;
        } else if (a == "--help" || a == "-h") {
            std::cout << "usage: gramlab_bench --dataset PATH [--quiet] [--exclusive] [--in-memory] [--warmup SECONDS]\n"
                         "                     [--iterations N]\n"
                         "                     [--benchmark_* flags]\n"
                         "       gramlab_bench --print-cases\n"
                         "       gramlab_bench --dataset PATH --explain\n";
            benchmark::PrintDefaultHelp();
            return 0;
        } else {
            rest.push_back(argv[i]);
        }
    }

    if (print_cases) {
        nlohmann::ordered_json out = nlohmann::ordered_json::object();  // kCases order
        for (const Case& c : kCases) {
            nlohmann::ordered_json params = nlohmann::ordered_json::array();
            if (c.param != kNoParam) params.push_back(c.param);
            out[c.name] = {{"statement", c.statement}, {"sql", c.sql}, {"params", params}};
        }
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    if (opts.dataset.empty()) die("--dataset PATH is required (bench/run.sh makes it with make_dataset)");
    if (explain) {
        print_query_plans(opts);
        return 0;
    }

    int bargc = static_cast<int>(rest.size());
    benchmark::Initialize(&bargc, rest.data());
    if (benchmark::ReportUnrecognizedArguments(bargc, rest.data())) return 1;

    register_capi_benchmarks(opts);
    register_gramlab_benchmarks(opts);

    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

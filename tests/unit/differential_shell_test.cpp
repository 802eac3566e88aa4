// Differential test of the shell against real Django 3.2: every corpus file in
// tests/differential/shell/ was run by scripts/django_shell_oracle.py through Django's
// interactive console on examples/instagram (fixture loaded, clock pinned), recording per
// statement what it printed, the exception's last line and connection.queries. gramlab runs
// the same statements on the same fixture and must print the same and run the same SQL.
// A corpus file whose header has a line `# app: <dir>` runs on that app folder instead
// (tests/differential/shell/apps/social for the many-to-many file), as the oracle does.
//
// A statement passes when its output, error (type and message) and the SQL text of every
// query all match. The pass count per file may only go up: baseline.txt records it, so a
// regression fails the suite; scripts/update_shell_baseline.sh raises the floor.
// GRAMLAB_DIFF_VERBOSE=1 prints every mismatch.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/gramlab.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using gramlab::testing::corpus_app_dir;
using gramlab::testing::read_text;

namespace {

const fs::path kShellDir = gramlab::testing::shell_corpus_dir();
struct FileResult {
    int passed = 0;
    int total = 0;
};

std::map<std::string, int> read_baseline() {
    std::map<std::string, int> out;
    std::ifstream in(kShellDir / "baseline.txt");
    std::string name;
    int n;
    while (in >> name >> n) out[name] = n;
    return out;
}

FileResult run_file(const std::string& name, bool verbose) {
    FileResult fr;
    const fs::path app_dir = corpus_app_dir(name);
    gramlab::Project project(app_dir.empty() ? gramlab::testing::instagram_project() : gramlab::testing::app_project(app_dir));
    auto conn = app_dir.empty() ? gramlab::testing::instagram_database(project)
                                : gramlab::testing::app_database(project, app_dir);
    if (!conn) return fr;
    auto session = project.shell(*conn, gramlab::testing::pinned_options());
    EXPECT_TRUE(session);
    if (!session) return fr;
    std::ifstream golden(kShellDir / "expected" / (name + ".jsonl"));
    std::string line;
    while (std::getline(golden, line)) {
        if (line.empty()) continue;
        json want = json::parse(line);
        std::string stmt = want["statement"];
        // Each golden record is one console unit: run it as exactly that unit.
        auto results = session->run_units({stmt});
        ++fr.total;
        const auto& got = results[0];
        std::string why;
        std::string want_out = want["output"].is_null() ? "<none>" : want["output"].get<std::string>();
        std::string got_out = got.output ? *got.output : "<none>";
        if (want_out != got_out) why += "  output:\n    want " + want_out + "\n    got  " + got_out + "\n";
        std::string want_err = want["error"].is_null() ? "<none>"
                               : want["error"]["type"].get<std::string>() + ": " + want["error"]["message"].get<std::string>();
        std::string got_err = got.error ? got.error->type + ": " + got.error->message : "<none>";
        if (want_err != got_err) why += "  error:\n    want " + want_err + "\n    got  " + got_err + "\n";
        std::vector<std::string> want_sql, got_sql;
        for (const auto& q : want["queries"]) want_sql.push_back(q["sql"]);
        for (const auto& q : got.queries) got_sql.push_back(q.sql);
        if (want_sql != got_sql) {
            why += "  queries:\n";
            for (const auto& s : want_sql) why += "    want " + s + "\n";
            for (const auto& s : got_sql) why += "    got  " + s + "\n";
        }
        if (why.empty()) ++fr.passed;
        else if (verbose) std::cout << "[" << name << "] " << stmt << "\n" << why;
    }
    return fr;
}

TEST(DifferentialShell, CorpusAgainstDjango) {
    bool verbose = std::getenv("GRAMLAB_DIFF_VERBOSE") != nullptr;
    const char* only = std::getenv("GRAMLAB_DIFF_FILE");
    auto baseline = read_baseline();
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(kShellDir / "expected"))
        if (e.path().extension() == ".jsonl") files.push_back(e.path().stem().string());
    std::sort(files.begin(), files.end());
    ASSERT_FALSE(files.empty());
    int passed = 0, total = 0;
    std::ostringstream report;
    for (const auto& f : files) {
        if (only && f.find(only) == std::string::npos) continue;
        FileResult r = run_file(f, verbose);
        passed += r.passed;
        total += r.total;
        report << f << " " << r.passed << "\n";
        int floor = baseline.count(f) ? baseline[f] : 0;
        EXPECT_GE(r.passed, floor) << f << ": " << r.passed << "/" << r.total
                                   << " statements match Django, fewer than the baseline " << floor;
        std::cout << "  " << f << ": " << r.passed << "/" << r.total << "\n";
    }
    std::cout << "shell differential: " << passed << "/" << total << " statements identical to Django 3.2\n";
    if (const char* out = std::getenv("GRAMLAB_SHELL_BASELINE_OUT")) {
        std::ofstream o(out);
        o << report.str();
    }
}

}  // namespace

// Test helper: the shipped Instagram example (examples/instagram) as a Project, and an
// in-memory database migrated with it and loaded with its fixture, the way the shell
// differential corpus was recorded from Django; the same for any app folder (models.py,
// settings.py, migrations/, fixtures/), for corpus files that name another app. Shared by
// the shell tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "core/gramlab.hpp"
#include "core/shell/session.hpp"

namespace gramlab::testing {

inline const std::filesystem::path& instagram_dir() {
    static const std::filesystem::path p = std::filesystem::path(GRAMLAB_SOURCE_DIR) / "examples" / "instagram";
    return p;
}

inline std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline ProjectFiles instagram_project() {
    ProjectFiles pf;
    pf.app_label = "instagram";
    pf.model_files.push_back({"models", "instagram/models.py", read_text(instagram_dir() / "models.py")});
    pf.settings = models::SourceFile{"settings", "settings.py", read_text(instagram_dir() / "settings.py")};
    pf.migration_files.push_back({"0001_initial", "instagram/migrations/0001_initial.py",
                                  read_text(instagram_dir() / "migrations" / "0001_initial.py")});
    return pf;
}

//! An in-memory database with the example migrated and its fixture loaded (null on failure,
//! with the reason reported to gtest).
inline std::unique_ptr<db::Connection> instagram_database(const Project& project) {
    auto conn = db::Connection::open("sqlite://:memory:");
    EXPECT_TRUE(conn.ok());
    if (!conn.ok()) return nullptr;
    auto m = project.migrate(*conn.value(), "", "", "2024-01-15 12:00:00.000000");
    EXPECT_EQ(m.exit_code, 0) << m.err;
    auto l = project.loaddata(*conn.value(), {{"instagram.json", read_text(instagram_dir() / "fixtures" / "instagram.json")}});
    EXPECT_EQ(l.exit_code, 0) << l.err;
    if (m.exit_code != 0 || l.exit_code != 0) return nullptr;
    return std::move(conn.value());
}

//! An app folder's files by their path inside it ("models.py", "settings.py",
//! "migrations/0001_initial.py", "fixtures/social.json"), as the CLI reads a folder.
inline std::map<std::string, std::string> app_folder_files(const std::filesystem::path& dir) {
    std::map<std::string, std::string> files;
    for (const char* name : {"models.py", "settings.py"})
        if (std::filesystem::exists(dir / name)) files[name] = read_text(dir / name);
    for (const char* sub : {"migrations", "fixtures"}) {
        if (!std::filesystem::is_directory(dir / sub)) continue;
        for (const auto& e : std::filesystem::directory_iterator(dir / sub))
            files[std::string(sub) + "/" + e.path().filename().string()] = read_text(e.path());
    }
    return files;
}

//! The app folder `dir` as a Project (its label is the folder's name).
inline ProjectFiles app_project(const std::filesystem::path& dir) {
    return project_files_from_folder(dir.filename().string(), app_folder_files(dir));
}

//! An in-memory database with the app folder's migrations applied and its fixtures/*.json
//! loaded (null on failure, with the reason reported to gtest).
inline std::unique_ptr<db::Connection> app_database(const Project& project, const std::filesystem::path& dir) {
    auto conn = db::Connection::open("sqlite://:memory:");
    EXPECT_TRUE(conn.ok());
    if (!conn.ok()) return nullptr;
    auto m = project.migrate(*conn.value(), "", "", "2024-01-15 12:00:00.000000");
    EXPECT_EQ(m.exit_code, 0) << m.err;
    std::vector<std::pair<std::string, std::string>> fixtures;
    for (const auto& [path, text] : app_folder_files(dir))
        if (path.rfind("fixtures/", 0) == 0 && path.size() > 5 && path.substr(path.size() - 5) == ".json")
            fixtures.emplace_back(path.substr(9), text);
    int load_exit = 0;
    if (!fixtures.empty()) {
        auto l = project.loaddata(*conn.value(), fixtures);
        EXPECT_EQ(l.exit_code, 0) << l.err;
        load_exit = l.exit_code;
    }
    if (m.exit_code != 0 || load_exit != 0) return nullptr;
    return std::move(conn.value());
}

//! The shell differential corpus: tests/differential/shell (NN_name.py, expected/NN_name.jsonl).
inline std::filesystem::path shell_corpus_dir() {
    return std::filesystem::path(GRAMLAB_SOURCE_DIR) / "tests" / "differential" / "shell";
}
//! The app folder a corpus file's `# app: <dir>` header names (relative to the repository),
//! or empty for the Instagram example. Only the comment lines before the first statement count.
inline std::filesystem::path corpus_app_dir(const std::string& name) {
    std::ifstream in(shell_corpus_dir() / (name + ".py"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        if (line[0] != '#') break;
        const std::string key = "# app:";
        if (line.rfind(key, 0) != 0) continue;
        std::string dir = line.substr(key.size());
        dir.erase(0, dir.find_first_not_of(' '));
        dir.erase(dir.find_last_not_of(" \r") + 1);
        return std::filesystem::path(GRAMLAB_SOURCE_DIR) / dir;
    }
    return {};
}
//! The options the differential corpus was recorded with (clock and salts pinned).
inline shell::SessionOptions pinned_options() {
    shell::SessionOptions so;
    so.now = "2024-01-15 12:00:00";
    so.pinned_random = "gramlab";
    so.time_budget_ms = 20000;
    return so;
}

//! A shell session on the example's database with the corpus's pinned options: what the shell
//! tests start from. `imports` run first and must succeed.
class InstagramShell {
public:
    explicit InstagramShell(std::initializer_list<const char*> imports = {"from instagram.models import *"},
                            shell::SessionOptions options = pinned_options()) {
        conn = instagram_database(project);
        if (!conn) return;
        session = project.shell(*conn, options);
        EXPECT_TRUE(session);
        if (!session) return;
        for (const char* unit : imports) {
            shell::StatementResult r = run(unit);
            EXPECT_FALSE(r.error) << unit << ": " << r.error->type << ": " << r.error->message;
        }
    }
    bool ready() const { return conn && session; }
    //! Runs one unit as typed, unchecked.
    shell::StatementResult run(const std::string& unit) { return session->run_units({unit})[0]; }
    //! The unit's JSON record without the query times (they differ from run to run).
    std::string json(const std::string& unit) {
        shell::StatementResult r = run(unit);
        for (auto& q : r.queries) q.ms = 0.0;
        return shell::to_json(r);
    }
    //! What the console prints for the unit, or "error: Type: message".
    std::string out(const std::string& unit) {
        shell::StatementResult r = run(unit);
        if (r.error) return "error: " + r.error->type + ": " + r.error->message;
        return r.output.value_or("");
    }
    //! What the interactive console shows for the unit, an error as its last traceback line.
    std::string console(const std::string& unit) {
        shell::StatementResult r = run(unit);
        if (r.error) return r.error->type + ": " + r.error->message + "\n";
        return r.output.value_or("");
    }

    Project project{instagram_project()};
    std::unique_ptr<db::Connection> conn;
    std::unique_ptr<shell::Session> session;
};

}  // namespace gramlab::testing

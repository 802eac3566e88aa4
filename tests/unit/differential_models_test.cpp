// Differential tests against real Django 3.2.25: every case under tests/differential/models
// (and examples/instagram) is run through the core facade exactly as the oracle ran Django
// (scripts/django_oracle.py), and each output (check, makemigrations, migration files,
// sqlmigrate, migrate, showmigrations) is compared byte for byte with Django's.
// Each (case, command) is its own test. Known gaps are listed in
// tests/differential/known_failures.txt and are strict: if one starts passing, the test
// fails until it is removed from the list, so the list (and the pass rate) stays honest.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "core/gramlab.hpp"

namespace fs = std::filesystem;
using namespace gramlab;

namespace {

const fs::path kRoot = fs::path(GRAMLAB_SOURCE_DIR) / "tests" / "differential";

bool read(const fs::path& p, std::string& out) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

std::string read_or_empty(const fs::path& p) {
    std::string s;
    read(p, s);
    return s;
}

// settings.json → the settings.py the oracle's project had.
std::optional<models::SourceFile> settings_for(const fs::path& case_dir, const std::string& app) {
    std::string json;
    std::string text = "INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes', '" + app + "']\n";
    std::map<std::string, std::string> values = {{"DEFAULT_AUTO_FIELD", "'django.db.models.BigAutoField'"},
                                                 {"USE_TZ", "True"},
                                                 {"TIME_ZONE", "'UTC'"}};
    if (app == "instagram") values["AUTH_USER_MODEL"] = "'instagram.User'";
    if (read(case_dir / "settings.json", json)) {
        // Tiny reader for {"KEY": "value" | null, ...}: the oracle's format.
        size_t pos = 0;
        while ((pos = json.find('"', pos)) != std::string::npos) {
            size_t end = json.find('"', pos + 1);
            std::string key = json.substr(pos + 1, end - pos - 1);
            size_t colon = json.find(':', end);
            size_t vstart = json.find_first_not_of(" \t\n", colon + 1);
            if (json.compare(vstart, 4, "null") == 0) {
                values.erase(key);
                pos = vstart + 4;
            } else {
                size_t vend = json.find('"', vstart + 1);
                values[key] = "'" + json.substr(vstart + 1, vend - vstart - 1) + "'";
                pos = vend + 1;
            }
        }
    }
    for (const auto& [k, v] : values) text += k + " = " + v + "\n";
    models::SourceFile sf;
    sf.module = "settings";
    sf.path = "config/settings.py";
    sf.text = text;
    return sf;
}

// The instagram example keeps its expectations beside the corpus.
fs::path expected_dir_of(const fs::path& case_dir) {
    if (case_dir.filename() == "instagram") return kRoot / "instagram_expected";
    return case_dir / "expected";
}

ProjectFiles project_for(const fs::path& case_dir, const std::string& app, bool v2,
                         const std::vector<std::string>& migration_names, const fs::path& models_dir) {
    ProjectFiles pf;
    pf.app_label = app;
    pf.migrations_dir = app + "/migrations";
    fs::path pkg = models_dir / "models";
    if (fs::is_directory(pkg)) {
        for (const auto& e : fs::directory_iterator(pkg)) {
            if (e.path().extension() != ".py") continue;
            models::SourceFile sf;
            std::string stem = e.path().stem().string();
            sf.module = stem == "__init__" ? "models" : "models." + stem;
            sf.path = app + "/models/" + e.path().filename().string();
            read(e.path(), sf.text);
            pf.model_files.push_back(sf);
        }
    } else {
        models::SourceFile sf;
        sf.module = "models";
        sf.path = app + "/models.py";
        read(models_dir / (v2 ? "models_v2.py" : "models.py"), sf.text);
        pf.model_files.push_back(sf);
    }
    pf.settings = settings_for(case_dir, app);
    for (const auto& n : migration_names) {
        migrations::MigrationFile mf;
        mf.name = n;
        mf.path = app + "/migrations/" + n + ".py";
        read(expected_dir_of(case_dir) / (n + ".py"), mf.text);
        pf.migration_files.push_back(mf);
    }
    return pf;
}

std::vector<std::string> migration_files_in(const fs::path& expected) {
    std::vector<std::string> out;
    if (!fs::is_directory(expected)) return out;
    for (const auto& e : fs::directory_iterator(expected)) {
        std::string n = e.path().filename().string();
        if (e.path().extension() == ".py" && n.size() > 4 && std::isdigit(static_cast<unsigned char>(n[0])))
            out.push_back(e.path().stem().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string last_line(const std::string& s) {
    std::string t = s;
    while (!t.empty() && t.back() == '\n') t.pop_back();
    auto nl = t.rfind('\n');
    return nl == std::string::npos ? t : t.substr(nl + 1);
}

std::set<std::string>& known_failures() {
    static std::set<std::string> k = [] {
        std::set<std::string> s;
        std::ifstream in(kRoot / "known_failures.txt");
        std::string line;
        while (std::getline(in, line))
            if (!line.empty() && line[0] != '#') s.insert(line.substr(0, line.find(' ')));
        return s;
    }();
    return k;
}

int g_total = 0, g_passed = 0;

// One comparison: returns a description of the first difference, or "" when identical.
std::string compare(const std::string& what, const std::string& got, const std::string& want) {
    if (got == want) return "";
    // GRAMLAB_DIFF_DIR=/tmp/d writes both sides for `diff -u` when investigating.
    if (const char* dir = std::getenv("GRAMLAB_DIFF_DIR")) {
        std::string base = std::string(dir) + "/" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
        for (char& c : base)
            if (c == ' ') c = '_';
        fs::create_directories(fs::path(base).parent_path());
        std::ofstream(base + "." + what.substr(0, what.find(' ')) + ".want") << want;
        std::ofstream(base + "." + what.substr(0, what.find(' ')) + ".got") << got;
    }
    return what + " differs.\n--- Django:\n" + want + "\n--- gramlab:\n" + got + "\n";
}

class DifferentialTest : public ::testing::Test {
public:
    DifferentialTest(std::string id, std::function<std::string()> body) : id_(std::move(id)), body_(std::move(body)) {}
    void TestBody() override {
        std::string diff = body_();
        bool known = known_failures().count(id_) > 0;
        ++g_total;
        if (diff.empty()) ++g_passed;
        if (known) {
            EXPECT_FALSE(diff.empty()) << id_ << " now matches Django: remove it from tests/differential/known_failures.txt";
            if (std::getenv("GRAMLAB_DIFF_VERBOSE") && !diff.empty()) std::printf("%s (known failure): %s\n", id_.c_str(), diff.c_str());
        } else {
            EXPECT_TRUE(diff.empty()) << id_ << ": " << diff;
        }
    }

private:
    std::string id_;
    std::function<std::string()> body_;
};

void add(const std::string& id, std::function<std::string()> body) {
    std::string suite = "Differential";
    ::testing::RegisterTest(suite.c_str(), id.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                            [id, body]() -> DifferentialTest* { return new DifferentialTest(id, body); });
}

void register_case(const fs::path& case_dir, const fs::path& models_dir, const std::string& app,
                   const std::string& name, fs::path exp) {
    auto migs = migration_files_in(exp);
    std::vector<std::string> first;
    if (!migs.empty()) first.push_back(migs[0]);

    add(name + "/check", [=] {
        CommandResult r = Project(project_for(case_dir, app, false, {}, models_dir)).check();
        std::string want_exit = read_or_empty(exp / "check.exit");
        std::string d = compare("exit code", std::to_string(r.exit_code) + "\n", want_exit.empty() ? "0\n" : want_exit);
        if (fs::exists(exp / "check.stderr_last"))
            return d + compare("last line of stderr", last_line(r.err), last_line(read_or_empty(exp / "check.stderr_last")));
        return d + compare("stdout", r.out, read_or_empty(exp / "check.stdout")) +
               compare("stderr", r.err, read_or_empty(exp / "check.stderr"));
    });
    if (fs::exists(exp / "makemigrations.stdout")) {
        add(name + "/makemigrations", [=] {
            CommandResult r = Project(project_for(case_dir, app, false, {}, models_dir)).makemigrations({});
            std::string d = compare("stdout", r.out, read_or_empty(exp / "makemigrations.stdout"));
            if (r.files.empty() || first.empty()) return d + "no migration file written\n";
            std::string fname = fs::path(r.files[0].first).filename().string();
            d += compare("file name", fname, first[0] + ".py");
            return d + compare(first[0] + ".py", r.files[0].second, read_or_empty(exp / (first[0] + ".py")));
        });
    }
    // -v/--verbosity (recorded for the oracle's VERBOSITY_CASES): --dry-run at 3 prints the
    // file, at 0 nothing.
    for (const char* level : {"3", "0"}) {
        const fs::path want = exp / (std::string("makemigrations_dry_v") + level + ".stdout");
        if (!fs::exists(want)) continue;
        add(name + "/makemigrations_dry_v" + level, [=] {
            MakemigrationsOptions o;
            o.dry_run = true;
            o.verbosity = std::atoi(level);
            CommandResult r = Project(project_for(case_dir, app, false, {}, models_dir)).makemigrations(o);
            return compare("stdout", r.out, read_or_empty(want)) + (r.files.empty() ? "" : "--dry-run wrote a file\n");
        });
    }
    if (fs::exists(exp / "sqlmigrate_0001.sql")) {
        add(name + "/sqlmigrate_0001", [=] {
            CommandResult r = Project(project_for(case_dir, app, false, first, models_dir)).sqlmigrate(app, "0001");
            return compare("sqlmigrate 0001", r.out, read_or_empty(exp / "sqlmigrate_0001.sql"));
        });
    }
    if (fs::exists(exp / "migrate.stdout")) {
        add(name + "/migrate", [=] {
            auto conn = db::Connection::open("sqlite://:memory:");
            if (!conn.ok()) return std::string("cannot open database");
            // The oracle ran migrate after makemigrations for models_v2.py (if any).
            bool v2 = fs::exists(case_dir / "models_v2.py");
            Project p(project_for(case_dir, app, v2, v2 ? migs : first, models_dir));
            CommandResult r = p.migrate(*conn.value(), "", "", "2024-01-15 12:00:00.000000");
            std::string d = compare("migrate", r.out, read_or_empty(exp / "migrate.stdout"));
            CommandResult s = p.showmigrations(*conn.value());
            d += compare("showmigrations", s.out, read_or_empty(exp / "showmigrations.stdout"));
            if (!fs::exists(exp / "showmigrations_v2.stdout")) return d;
            // -v 2 shows when each was applied; -v 0 migrates back to zero and forward quietly.
            d += compare("showmigrations -v 2", p.showmigrations(*conn.value(), 2).out,
                         read_or_empty(exp / "showmigrations_v2.stdout"));
            CommandResult z = p.migrate(*conn.value(), app, "zero", "2024-01-15 12:00:00.000000", 0);
            d += compare("migrate app zero -v 0", z.out + z.err, read_or_empty(exp / "migrate_zero_v0.stdout"));
            CommandResult f = p.migrate(*conn.value(), "", "", "2024-01-15 12:00:00.000000", 0);
            d += compare("migrate -v 0", f.out + f.err, read_or_empty(exp / "migrate_v0.stdout"));
            return d + compare("showmigrations after -v 0 round trip", p.showmigrations(*conn.value()).out,
                               read_or_empty(exp / "showmigrations.stdout"));
        });
    }
    if (fs::exists(exp / "loaddata.stdout")) {
        add(name + "/loaddata_dumpdata", [=] {
            auto conn = db::Connection::open("sqlite://:memory:");
            if (!conn.ok()) return std::string("cannot open database");
            Project p(project_for(case_dir, app, false, migs, models_dir));
            CommandResult m = p.migrate(*conn.value(), "", "", "2024-01-15 12:00:00.000000");
            if (m.exit_code != 0) return "migrate failed: " + m.err;
            std::string fixture = read_or_empty(models_dir / "fixtures" / (app + ".json"));
            CommandResult l = p.loaddata(*conn.value(), {{app + "/fixtures/" + app + ".json", fixture}});
            std::string d = compare("loaddata", l.out, read_or_empty(exp / "loaddata.stdout"));
            CommandResult dump = p.dumpdata(*conn.value(), {app}, 2);
            return d + compare("dumpdata", dump.out, read_or_empty(exp / "dumpdata.json"));
        });
    }
    if (fs::exists(exp / "makemigrations_v2.stdout") && migs.size() >= 2) {
        add(name + "/makemigrations_v2", [=] {
            // The oracle answered makemigrations' questions from answers.txt ('y' to renames).
            std::vector<std::string> answers;
            {
                std::ifstream in(case_dir / "answers.txt");
                std::string line;
                while (std::getline(in, line)) answers.push_back(line);
            }
            size_t next = 0;
            std::string transcript;
            migrations::InteractiveQuestioner q([&](const std::string& text) { transcript += text; },
                                                [&]() -> std::optional<std::string> {
                                                    if (next < answers.size()) return answers[next++];
                                                    return std::string("y");
                                                });
            MakemigrationsOptions opts;
            opts.questioner = &q;
            CommandResult r = Project(project_for(case_dir, app, true, first, models_dir)).makemigrations(opts);
            std::string d = compare("stdout", r.out, read_or_empty(exp / "makemigrations_v2.stdout"));
            if (r.files.empty()) return d + "no migration file written\n";
            return d + compare(migs[1] + ".py", r.files[0].second, read_or_empty(exp / (migs[1] + ".py")));
        });
        if (fs::exists(exp / "sqlmigrate_0002.sql")) {
            add(name + "/sqlmigrate_0002", [=] {
                CommandResult r =
                    Project(project_for(case_dir, app, true, {migs[0], migs[1]}, models_dir)).sqlmigrate(app, "0002");
                return compare("sqlmigrate 0002", r.out, read_or_empty(exp / "sqlmigrate_0002.sql"));
            });
        }
    }
}

struct Registrar {
    Registrar() {
        std::vector<fs::path> cases;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(kRoot / "models", ec))
            if (e.is_directory()) cases.push_back(e.path());
        std::sort(cases.begin(), cases.end());
        for (const auto& c : cases) register_case(c, c, "app", c.filename().string(), c / "expected");
        // examples/instagram: models from the example, expectations beside the corpus.
        fs::path insta = fs::path(GRAMLAB_SOURCE_DIR) / "examples" / "instagram";
        register_case(insta, insta, "instagram", "instagram", kRoot / "instagram_expected");
    }
};
Registrar g_registrar;

class SummaryPrinter : public ::testing::EmptyTestEventListener {
    void OnTestProgramEnd(const ::testing::UnitTest&) override {
        if (g_total > 0)
            std::printf("differential vs Django 3.2.25: %d/%d outputs identical (%.1f%%)\n", g_passed, g_total,
                        100.0 * g_passed / g_total);
    }
};
class SummaryEnvironment : public ::testing::Environment {
public:
    void SetUp() override { ::testing::UnitTest::GetInstance()->listeners().Append(new SummaryPrinter); }
};
::testing::Environment* const g_summary_env = ::testing::AddGlobalTestEnvironment(new SummaryEnvironment);

}  // namespace

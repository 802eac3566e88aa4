// Applying and unapplying migrations on a real SQLite database: unapplying 0002 must give
// back the schema 0001 created (table rebuilds undone), and `migrate app zero` must remove
// every table of the app. Uses the differential corpus's Django-written migration files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/gramlab.hpp"

namespace fs = std::filesystem;
using namespace gramlab;

namespace {

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

ProjectFiles files_for(const std::string& case_name, bool v2, std::vector<std::string> migrations) {
    fs::path dir = fs::path(GRAMLAB_SOURCE_DIR) / "tests" / "differential" / "models" / case_name;
    ProjectFiles pf;
    pf.app_label = "app";
    pf.migrations_dir = "app/migrations";
    pf.model_files.push_back({"models", "app/models.py", read(dir / (v2 ? "models_v2.py" : "models.py"))});
    for (const auto& m : migrations)
        pf.migration_files.push_back({m, "app/migrations/" + m + ".py", read(dir / "expected" / (m + ".py"))});
    return pf;
}

// Every app table with its columns as "name type notnull", sorted: the schema to compare.
std::set<std::string> app_schema(db::Connection& conn) {
    std::set<std::string> out;
    auto tables = conn.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'app_%'");
    for (const auto& t : tables.value()) {
        auto cols = conn.query("SELECT name, type, \"notnull\" FROM pragma_table_info(?)", {t[0]});
        for (const auto& c : cols.value())
            out.insert(t[0].text + "." + c[0].text + " " + c[1].text + " " + c[2].text);
        auto idx = conn.query("SELECT name FROM pragma_index_list(?) WHERE origin = 'c'", {t[0]});
        for (const auto& i : idx.value()) out.insert(t[0].text + " index " + i[0].text);
    }
    return out;
}

}  // namespace

TEST(MigrationExecutorTest, UnapplyingRestoresThePreviousSchema) {
    for (const char* c : {"24_autodetect_add_field", "25_autodetect_remove_alter", "26_autodetect_rename_field",
                          "27_autodetect_rename_model", "28_autodetect_model_meta"}) {
        SCOPED_TRACE(c);
        fs::path exp = fs::path(GRAMLAB_SOURCE_DIR) / "tests" / "differential" / "models" / c / "expected";
        std::vector<std::string> migs;
        for (const auto& e : fs::directory_iterator(exp))
            if (e.path().extension() == ".py") migs.push_back(e.path().stem().string());
        std::sort(migs.begin(), migs.end());
        ASSERT_EQ(migs.size(), 2u);

        auto conn = db::Connection::open("sqlite://:memory:");
        ASSERT_TRUE(conn.ok());
        Project p1(files_for(c, false, {migs[0]}));
        ASSERT_EQ(p1.migrate(*conn.value(), "", "", "2024-01-15 12:00:00.000000").exit_code, 0);
        std::set<std::string> after_0001 = app_schema(*conn.value());

        Project p2(files_for(c, true, migs));
        CommandResult up = p2.migrate(*conn.value(), "", "", "2024-01-15 12:00:00.000000");
        ASSERT_EQ(up.exit_code, 0) << up.err;
        EXPECT_NE(app_schema(*conn.value()), after_0001);

        CommandResult down = p2.migrate(*conn.value(), "app", migs[0], "2024-01-15 12:00:00.000000");
        ASSERT_EQ(down.exit_code, 0) << down.err;
        EXPECT_EQ(down.out, "Operations to perform:\n  Target specific migration: " + migs[0] +
                                ", from app\nRunning migrations:\n  Rendering model states... DONE\n  Unapplying app." +
                                migs[1] + "... OK\n");
        EXPECT_EQ(app_schema(*conn.value()), after_0001);

        CommandResult zero = p2.migrate(*conn.value(), "app", "zero", "2024-01-15 12:00:00.000000");
        ASSERT_EQ(zero.exit_code, 0) << zero.err;
        EXPECT_TRUE(app_schema(*conn.value()).empty());
        CommandResult shown = p2.showmigrations(*conn.value());
        EXPECT_EQ(shown.out.substr(0, shown.out.find("auth\n")), "app\n [ ] " + migs[0] + "\n [ ] " + migs[1] + "\n");
    }
}

TEST(MigrationExecutorTest, DataSurvivesATableRebuild) {
    auto conn = db::Connection::open("sqlite://:memory:");
    ASSERT_TRUE(conn.ok());
    Project p1(files_for("24_autodetect_add_field", false, {"0001_initial"}));
    ASSERT_EQ(p1.migrate(*conn.value(), "", "", "2024-01-15 12:00:00.000000").exit_code, 0);
    ASSERT_TRUE(conn.value()->execute("INSERT INTO app_post (title, content) VALUES (?, ?)",
                                      {Value::of_str("안녕 '; DROP TABLE app_post; --"), Value::of_str("x")}).ok());
    Project p2(files_for("24_autodetect_add_field", true, {"0001_initial", "0002_auto_20240115_1200"}));
    ASSERT_EQ(p2.migrate(*conn.value(), "", "", "2024-01-15 12:00:00.000000").exit_code, 0);
    auto rows = conn.value()->query("SELECT title, rating, created_at, slug FROM app_post");
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows.value().size(), 1u);
    EXPECT_EQ(rows.value()[0][0].text, "안녕 '; DROP TABLE app_post; --");
    EXPECT_EQ(rows.value()[0][1].as_int().value_or(-1), 5);  // the one-off default
    EXPECT_EQ(rows.value()[0][2].text, "2024-01-15 12:00:00");
}

// sqlmigrate of a migration without operations: Django prints nothing on stdout (no BEGIN /
// COMMIT around nothing) and "No operations found." on stderr, unless -v 0.
TEST(MigrationCommandsTest, SqlmigrateOfAnEmptyMigration) {
    ProjectFiles pf = files_for("01_basic_blog", false, {"0001_initial"});
    pf.migration_files.push_back({"0002_empty", "app/migrations/0002_empty.py",
                                  "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n\n"
                                  "    dependencies = [\n        ('app', '0001_initial'),\n    ]\n\n    operations = [\n    ]\n"});
    Project p(pf);
    CommandResult r = p.sqlmigrate("app", "0002");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "No operations found.\n");
    CommandResult quiet = p.sqlmigrate("app", "0002", 0);
    EXPECT_EQ(quiet.out, "");
    EXPECT_EQ(quiet.err, "");
}

// makemigrations --check in Django 3.2 writes the migration and then exits with 1 (only
// --dry-run keeps the file back; 4.2 changed this).
TEST(MigrationCommandsTest, CheckWritesTheMigrationAndExitsOne) {
    Project p(files_for("01_basic_blog", false, {}));
    MakemigrationsOptions o;
    o.check = true;
    CommandResult r = p.makemigrations(o);
    EXPECT_EQ(r.exit_code, 1);
    ASSERT_EQ(r.files.size(), 1u);
    EXPECT_EQ(r.files[0].first, "app/migrations/0001_initial.py");
    o.dry_run = true;
    CommandResult dry = p.makemigrations(o);
    EXPECT_EQ(dry.exit_code, 1);
    EXPECT_TRUE(dry.files.empty());
}

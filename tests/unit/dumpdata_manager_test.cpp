// dumpdata and the default manager beyond what the differential case 44 shows: --all (the
// base manager) dumps every row, and a manager whose QuerySet cannot be reordered by pk
// fails as Django's CommandError.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
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

const fs::path kCase = fs::path(GRAMLAB_SOURCE_DIR) / "tests" / "differential" / "models" / "44_default_manager_dumpdata";

// Case 44's models (optionally edited), migrated into a fresh in-memory database with its
// fixture loaded.
struct Loaded {
    std::unique_ptr<db::Connection> conn;
    std::unique_ptr<Project> project;
};

Loaded load(const std::string& models_text) {
    ProjectFiles pf;
    pf.app_label = "app";
    pf.migrations_dir = "app/migrations";
    pf.model_files.push_back({"models", "app/models.py", models_text});
    pf.migration_files.push_back({"0001_initial", "app/migrations/0001_initial.py", read(kCase / "expected" / "0001_initial.py")});
    Loaded l;
    auto conn = db::Connection::open("sqlite://:memory:");
    EXPECT_TRUE(conn.ok());
    l.conn = std::move(conn.value());
    l.project = std::make_unique<Project>(pf);
    CommandResult m = l.project->migrate(*l.conn, "", "", "2024-01-15 12:00:00.000000");
    EXPECT_EQ(m.exit_code, 0) << m.err;
    CommandResult f = l.project->loaddata(*l.conn, {{"app/fixtures/app.json", read(kCase / "fixtures" / "app.json")}});
    EXPECT_EQ(f.exit_code, 0) << f.err;
    return l;
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
    return n;
}

}  // namespace

TEST(DumpdataManagerTest, AllUsesTheBaseManager) {
    Loaded l = load(read(kCase / "models.py"));
    CommandResult visible = l.project->dumpdata(*l.conn, {"app"}, -1);
    ASSERT_EQ(visible.exit_code, 0) << visible.err;
    EXPECT_EQ(count(visible.out, "\"model\": \"app.tag\""), 2u);
    EXPECT_EQ(count(visible.out, "\"model\": \"app.article\""), 2u);
    CommandResult all = l.project->dumpdata(*l.conn, {"app"}, -1, /*use_base_manager=*/true);
    ASSERT_EQ(all.exit_code, 0) << all.err;
    EXPECT_EQ(count(all.out, "\"model\": \"app.tag\""), 3u);
    EXPECT_EQ(count(all.out, "\"model\": \"app.article\""), 3u);
    EXPECT_NE(all.out.find("\"tags\": [1, 2, 3]"), std::string::npos) << all.out;
}

TEST(DumpdataManagerTest, AManagerThatCannotBeReorderedIsACommandError) {
    std::string models = read(kCase / "models.py");
    const std::string filter = "super().get_queryset().filter(visible=True)";
    ASSERT_NE(models.find(filter), std::string::npos);
    models.replace(models.find(filter), filter.size(), "super().get_queryset().filter(visible=True)[:1]");
    Loaded l = load(models);
    CommandResult r = l.project->dumpdata(*l.conn, {"app"}, -1);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "CommandError: Unable to serialize database: Cannot reorder a query once a slice has been taken.\n");
    EXPECT_EQ(r.out, "");
}

TEST(DumpdataManagerTest, AManagerThatRaisesIsACommandError) {
    std::string models = read(kCase / "models.py");
    const std::string filter = "super().get_queryset().filter(visible=True)";
    models.replace(models.find(filter), filter.size(), "super().get_queryset().filter(nope=True)");
    Loaded l = load(models);
    CommandResult r = l.project->dumpdata(*l.conn, {"app"}, -1);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err.rfind("CommandError: Unable to serialize database: Cannot resolve keyword 'nope' into field.", 0), 0u) << r.err;
}

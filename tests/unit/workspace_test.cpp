// The facade's workspace pieces that the WASM module and the CLI share: which files of an app
// folder Django imports (project_files_from_folder), the --now clock, the workspace document
// (JSON round trip and bad input) and a WorkspaceSession end to end on a tiny app.
#include <gtest/gtest.h>

#include "core/gramlab.hpp"

namespace gramlab {
namespace {

TEST(WorkspaceTest, ProjectFilesFromFolder) {
    ProjectFiles f = project_files_from_folder(
        "blog", {{"models.py", "m"}, {"settings.py", "s"}, {"migrations/0001_initial.py", "a"},
                 {"migrations/__init__.py", ""}, {"migrations/_draft.py", ""}, {"migrations/x/0002.py", ""},
                 {"fixtures/blog.json", "[]"}, {"db.sqlite3", "bytes"}});
    ASSERT_EQ(f.model_files.size(), 1u);
    EXPECT_EQ(f.model_files[0].module, "models");
    EXPECT_EQ(f.model_files[0].path, "blog/models.py");
    ASSERT_TRUE(f.settings.has_value());
    EXPECT_EQ(f.settings->path, "blog/settings.py");
    ASSERT_EQ(f.migration_files.size(), 1u);
    EXPECT_EQ(f.migration_files[0].name, "0001_initial");
    EXPECT_EQ(f.migrations_dir, "blog/migrations");
    // A models/ package wins over models.py, and display() names the paths.
    ProjectFiles p = project_files_from_folder("blog", {{"models.py", "x"}, {"models/__init__.py", "i"}, {"models/post.py", "p"}},
                                               [](const std::string& rel) { return "src/" + rel; });
    ASSERT_EQ(p.model_files.size(), 2u);
    EXPECT_EQ(p.model_files[0].module, "models");
    EXPECT_EQ(p.model_files[1].module, "models.post");
    EXPECT_EQ(p.model_files[1].path, "src/models/post.py");
}

TEST(WorkspaceTest, ParseClock) {
    EXPECT_EQ(parse_clock("2024-01-15T12:00:00Z").value_or(""), "2024-01-15 12:00:00");
    EXPECT_EQ(parse_clock("2024-01-15 08:30:05").value_or(""), "2024-01-15 08:30:05");
    EXPECT_EQ(parse_clock("2024-01-15").value_or(""), "2024-01-15 00:00:00");
    EXPECT_FALSE(parse_clock("yesterday").has_value());
    EXPECT_FALSE(parse_clock("2024-13-01").has_value());
    EXPECT_FALSE(parse_clock("").has_value());
}

TEST(WorkspaceTest, DocumentRoundTripAndBadInput) {
    Workspace w;
    w.app_label = "shop";
    w.files = {{"models.py", "from django.db import models\n# 한국어\n"}};
    w.database = std::string("SQLite\0bytes", 12);
    w.history = {"1 + 1"};
    w.deploy_files = {{"Dockerfile", "FROM python:3.8\n"}};
    auto back = workspace_from_json(workspace_to_json(w));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->app_label, "shop");
    EXPECT_EQ(back->files, w.files);
    EXPECT_EQ(back->database, w.database);
    EXPECT_EQ(back->history, w.history);
    EXPECT_EQ(back->deploy_files, w.deploy_files);
    for (const char* bad : {"", "{", "[]", "{\"files\": 3}", "{\"files\": {\"a\": 1}}", "{\"files\": {}, \"database\": 5}",
                            "{\"files\": {}, \"database\": \"@@\"}", "{\"files\": {}, \"history\": [1]}",
                            "{\"files\": {}, \"format\": \"zip\"}", "{\"files\": {}, \"version\": 2}",
                            "{\"files\": {}, \"deploy\": []}", "{\"files\": {}, \"app_label\": \"\"}"}) {
        auto r = workspace_from_json(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().kind, "ValueError") << bad;
    }
}

TEST(WorkspaceTest, SessionMigratesLoadsFixturesAndRuns) {
    Workspace w;
    w.app_label = "shop";
    w.files["models.py"] =
        "from django.db import models\n\nclass Item(models.Model):\n    name = models.CharField(max_length=20)\n";
    w.files["migrations/0001_initial.py"] =
        "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n\n    initial = True\n\n"
        "    dependencies = [\n    ]\n\n    operations = [\n        migrations.CreateModel(\n            name='Item',\n"
        "            fields=[\n                ('id', models.BigAutoField(auto_created=True, primary_key=True, "
        "serialize=False, verbose_name='ID')),\n                ('name', models.CharField(max_length=20)),\n"
        "            ],\n        ),\n    ]\n";
    w.files["fixtures/items.json"] = R"([{"model": "shop.item", "pk": 1, "fields": {"name": "펜"}}])";
    WorkspaceSession s(w, {});
    EXPECT_TRUE(s.ok()) << s.open_log();
    EXPECT_NE(s.open_log().find("Installed 1 object(s) from 1 fixture(s)"), std::string::npos) << s.open_log();
    std::string out = s.shell_json("from shop.models import Item\nItem.objects.get(pk=1).name");
    EXPECT_NE(out.find("\"'펜'\\n\""), std::string::npos) << out;
    // The document keeps the database: a new session on it sees the same row.
    WorkspaceSession again(s.workspace(), {});
    EXPECT_NE(again.shell_json("from shop.models import Item\nItem.objects.count()").find("\"1\\n\""), std::string::npos);
    EXPECT_EQ(s.deploy_sh_json("ls"), R"([{"command":"ls","stdout":"","stderr":"gramlab: this workspace has no deploy scenario\n","exit_code":1}])");
}

}  // namespace
}  // namespace gramlab

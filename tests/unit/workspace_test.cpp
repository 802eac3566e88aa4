// The facade's workspace pieces that the WASM module and the CLI share: which files of an app
// folder Django imports (project_files_from_folder), the --now clock, the workspace document
// (JSON round trip and bad input) and a WorkspaceSession end to end on a tiny app.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/gramlab.hpp"
#include "deploy_test_util.hpp"

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
    // The SQL window's Explain: the plan in plain words, the query not run; bad input is an error.
    nlohmann::json ex = nlohmann::json::parse(s.explain_json(
        "SELECT \"shop_item\".\"id\" FROM \"shop_item\" WHERE \"shop_item\".\"name\" = %s", "[\"펜\"]"));
    EXPECT_TRUE(ex["error"].is_string()) << ex.dump();  // %s is Django's placeholder text, not SQLite's
    ex = nlohmann::json::parse(s.explain_json(
        "SELECT \"shop_item\".\"id\" FROM \"shop_item\" WHERE \"shop_item\".\"name\" = ?", "[\"펜\"]"));
    ASSERT_EQ(ex["plan"].size(), 1u) << ex.dump();
    EXPECT_EQ(ex["plan"][0]["detail"], "SCAN shop_item");
    EXPECT_TRUE(ex["plan"][0]["full_scan"].get<bool>());
    ASSERT_EQ(ex["suggestions"].size(), 1u);
    EXPECT_TRUE(ex["error"].is_null());
    ex = nlohmann::json::parse(s.explain_json("DELETE FROM \"shop_item\"", "[]"));
    EXPECT_TRUE(ex["error"].is_null()) << ex.dump();
    EXPECT_NE(s.shell_json("Item.objects.count()").find("\"1\\n\""), std::string::npos);  // explained, not run
    EXPECT_EQ(nlohmann::json::parse(s.explain_json("SELECT 1; DROP TABLE shop_item", "[]"))["error"], "one statement only");
    EXPECT_EQ(nlohmann::json::parse(s.explain_json("SELECT ?", "{}"))["error"], "params must be a JSON array");

    // The document keeps the database: a new session on it sees the same row.
    WorkspaceSession again(s.workspace(), {});
    EXPECT_NE(again.shell_json("from shop.models import Item\nItem.objects.count()").find("\"1\\n\""), std::string::npos);
    EXPECT_EQ(s.deploy_sh_json("ls"), R"([{"command":"ls","stdout":"","stderr":"gramlab: this workspace has no deploy scenario\n","exit_code":1}])");
}

// The Deploy window's calls: the pipeline recorded once, moved, faults toggled, and a request
// sent through the world at the position without changing the timeline.
TEST(WorkspaceTest, DeployPipelineMovesFaultsAndRequests) {
    Workspace w;
    w.app_label = "shop";
    w.files["models.py"] = "from django.db import models\n";
    w.deploy_files = deploy::testing::read_tree(std::string(GRAMLAB_SOURCE_DIR) + "/examples/deploy/default");
    WorkspaceSession s(w, {});
    using nlohmann::json;
    json p = json::parse(s.deploy_pipeline_json(""));
    ASSERT_EQ(p["steps"].size(), 15u) << p.dump();
    EXPECT_EQ(p["summary"]["position"], 0);
    EXPECT_EQ(p["steps"][0]["title"], "git push");
    EXPECT_EQ(p["all_faults"].size(), 7u);
    EXPECT_EQ(json::parse(s.deploy_pipeline_json("forward"))["summary"]["position"], 1);
    EXPECT_EQ(json::parse(s.deploy_pipeline_json("goto", 99))["summary"]["position"], 15);
    EXPECT_EQ(json::parse(s.deploy_pipeline_json("back"))["summary"]["position"], 14);
    EXPECT_EQ(json::parse(s.deploy_pipeline_json("reset"))["summary"]["position"], 0);
    // Before the deploy nothing listens on port 80.
    json r = json::parse(s.deploy_request_json("GET", "/api/posts/", ""));
    EXPECT_FALSE(r["connected"].get<bool>());
    EXPECT_NE(r["curl_error"].get<std::string>().find("Connection refused"), std::string::npos) << r.dump();
    p = json::parse(s.deploy_pipeline_json("end"));
    EXPECT_FALSE(p["summary"]["failed"].get<bool>());
    r = json::parse(s.deploy_request_json("GET", "/api/posts/", ""));
    EXPECT_EQ(r["status"], 200) << r.dump();
    EXPECT_EQ(r["request"], "GET /api/posts/");
    EXPECT_NE(r["body"].get<std::string>().find("Deploy day"), std::string::npos);
    EXPECT_NE(r["trace"].dump().find("nginx: proxy_pass"), std::string::npos);
    // The request was a what-if: the world at the position did not record it.
    EXPECT_EQ(json::parse(s.deploy_pipeline_json(""))["summary"]["world"]["requests"].size(), 1u);
    // A fault records the pipeline again, keeps the position, and the request sees it.
    p = json::parse(s.deploy_fault_json("web-down", true));
    EXPECT_EQ(p["summary"]["faults"], json::array({"web-down"}));
    EXPECT_EQ(p["summary"]["position"], 15);
    EXPECT_TRUE(json::parse(s.deploy_pipeline_json("end"))["summary"]["failed"].get<bool>());
    EXPECT_EQ(json::parse(s.deploy_request_json("GET", "/api/posts/", ""))["status"], 502);
    p = json::parse(s.deploy_pipeline_json("failure"));
    EXPECT_GT(p["summary"]["position"].get<int>(), 0);
    EXPECT_EQ(json::parse(s.deploy_fault_json("web-down", false))["summary"]["faults"], json::array());
    EXPECT_TRUE(json::parse(s.deploy_fault_json("no-such-fault", true)).contains("error"));
    EXPECT_TRUE(json::parse(s.deploy_pipeline_json("sideways")).contains("error"));
    // Without a scenario every call says so.
    Workspace bare;
    bare.files["models.py"] = "from django.db import models\n";
    WorkspaceSession b(bare, {});
    EXPECT_EQ(json::parse(b.deploy_pipeline_json(""))["error"], "gramlab: this workspace has no deploy scenario\n");
    EXPECT_TRUE(json::parse(b.deploy_request_json("GET", "/", "")).contains("error"));
}

}  // namespace
}  // namespace gramlab

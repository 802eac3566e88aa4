// WorkspaceSession's model commands (core/workspace_models.cpp), the playground's Models and
// Schema windows: editing models.py, check messages at their line, makemigrations writing
// into the workspace, migrate with each migration's SQL, and the registry as an ER diagram.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/gramlab.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

using nlohmann::json;

gramlab::Workspace instagram_workspace() {
    namespace t = gramlab::testing;
    gramlab::Workspace w;
    w.app_label = "instagram";
    w.files["models.py"] = t::read_text(t::instagram_dir() / "models.py");
    w.files["settings.py"] = t::read_text(t::instagram_dir() / "settings.py");
    w.files["migrations/0001_initial.py"] = t::read_text(t::instagram_dir() / "migrations" / "0001_initial.py");
    w.files["fixtures/instagram.json"] = t::read_text(t::instagram_dir() / "fixtures" / "instagram.json");
    return w;
}

class WorkspaceModels : public ::testing::Test {
protected:
    gramlab::WorkspaceSession ws_{instagram_workspace(), {}};
    std::string models_py_ = ws_.workspace().files.at("models.py");

    // models.py with `from` replaced by `to` (which must occur once).
    std::string edited(const std::string& from, const std::string& to) const {
        std::string s = models_py_;
        size_t at = s.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return at == std::string::npos ? s : s.replace(at, from.size(), to);
    }
    static int line_of(const std::string& text, const std::string& needle) {
        size_t at = text.find(needle);
        return at == std::string::npos ? 0 : 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
    }
};

TEST_F(WorkspaceModels, CheckOfTheExampleIsClean) {
    ASSERT_TRUE(ws_.ok()) << ws_.open_log();
    json c = json::parse(ws_.check_json());
    EXPECT_EQ(c["exit_code"], 0);
    EXPECT_EQ(c["out"], "System check identified no issues (0 silenced).\n");
    EXPECT_TRUE(c["messages"].empty());
}

TEST_F(WorkspaceModels, CheckMessagesCarryTheirLine) {
    std::string text = edited("location = models.CharField(max_length=100)", "location = models.CharField()");
    json c = json::parse(ws_.set_file_json("models.py", text));
    EXPECT_EQ(c["exit_code"], 1);
    ASSERT_EQ(c["messages"].size(), 1u) << c.dump();
    const json& m = c["messages"][0];
    EXPECT_EQ(m["id"], "fields.E120");
    EXPECT_EQ(m["level"], "ERROR");
    EXPECT_EQ(m["obj"], "instagram.Post.location");
    EXPECT_EQ(m["message"], "CharFields must define a 'max_length' attribute.");
    EXPECT_EQ(m["file"], "models.py");
    EXPECT_EQ(m["line"], line_of(text, "location = models.CharField()"));
    EXPECT_NE(c["err"].get<std::string>().find("(fields.E120)"), std::string::npos);
    // The shell now reports the registry as the CLI would: models.py was re-imported.
    EXPECT_EQ(ws_.workspace().files.at("models.py"), text);
}

TEST_F(WorkspaceModels, SyntaxErrorIsOneMessageAtItsLine) {
    std::string text = edited("class Story(models.Model):", "class Story(models.Model)");
    json c = json::parse(ws_.set_file_json("models.py", text));
    EXPECT_EQ(c["exit_code"], 1);
    ASSERT_EQ(c["messages"].size(), 1u);
    EXPECT_EQ(c["messages"][0]["id"], "SyntaxError");
    EXPECT_EQ(c["messages"][0]["line"], line_of(text, "class Story(models.Model)"));
    json r = json::parse(ws_.shell_json("1 + 1"));
    EXPECT_FALSE(r[0]["error"].is_null());  // the shell cannot import the models
    // Back to the original text: the shell works again, on the same database.
    json ok = json::parse(ws_.set_file_json("models.py", models_py_));
    EXPECT_EQ(ok["exit_code"], 0);
    json n = json::parse(ws_.shell_json("from instagram.models import Post\nPost.objects.count()"));
    EXPECT_EQ(n[1]["output"], "12\n");
}

TEST_F(WorkspaceModels, MakemigrationsThenMigrateShowsTheMigrationAndItsSql) {
    std::string text = edited("    story_content = models.TextField()\n",
                              "    story_content = models.TextField()\n    views = models.IntegerField(default=0)\n");
    ws_.set_file_json("models.py", text);
    json mk = json::parse(ws_.makemigrations_json(""));
    EXPECT_EQ(mk["exit_code"], 0) << mk.dump();
    EXPECT_EQ(mk["out"], "Migrations for 'instagram':\n  instagram/migrations/0002_story_views.py\n"
                         "    - Add field views to story\n");
    ASSERT_EQ(mk["files"].size(), 1u);
    EXPECT_EQ(mk["files"][0]["path"], "migrations/0002_story_views.py");
    EXPECT_NE(mk["files"][0]["text"].get<std::string>().find("migrations.AddField("), std::string::npos);
    EXPECT_EQ(ws_.workspace().files.count("migrations/0002_story_views.py"), 1u);
    // Nothing left to detect.
    EXPECT_EQ(json::parse(ws_.makemigrations_json(""))["out"], "No changes detected\n");

    json mg = json::parse(ws_.migrate_json("", ""));
    EXPECT_EQ(mg["exit_code"], 0) << mg.dump();
    EXPECT_NE(mg["out"].get<std::string>().find("  Applying instagram.0002_story_views... OK"), std::string::npos);
    ASSERT_EQ(mg["sql"].size(), 1u);
    EXPECT_EQ(mg["sql"][0]["migration"], "instagram.0002_story_views");
    // Django's SQLite backend rebuilds the table for a NOT NULL column with a default.
    EXPECT_NE(mg["sql"][0]["sql"].get<std::string>().find("CREATE TABLE \"new__instagram_story\" (\"id\" integer NOT NULL "
                                                           "PRIMARY KEY AUTOINCREMENT, \"views\" integer NOT NULL"),
              std::string::npos)
        << mg["sql"][0]["sql"];
    EXPECT_EQ(json::parse(ws_.sqlmigrate_json("instagram", "0002_story_views"))["out"], mg["sql"][0]["sql"]);
    json r = json::parse(ws_.shell_json("from instagram.models import Story\nStory.objects.filter(views=0).count()"));
    EXPECT_EQ(r[1]["output"], "5\n");
}

TEST_F(WorkspaceModels, SchemaHasModelsEdgesWithCardinalityAndDdl) {
    json s = json::parse(ws_.schema_json());
    EXPECT_TRUE(s["error"].is_null());
    std::map<std::string, json> by_label;
    for (const auto& m : s["models"]) by_label[m["label"]] = m;
    ASSERT_EQ(by_label.count("instagram.Post"), 1u);
    const json& post = by_label["instagram.Post"];
    EXPECT_EQ(post["db_table"], "instagram_post");
    EXPECT_EQ(post["fields"][0]["name"], "id");
    EXPECT_EQ(post["fields"][0]["primary_key"], true);
    EXPECT_EQ(post["ddl"].get<std::string>().rfind("CREATE TABLE \"instagram_post\"", 0), 0u) << post["ddl"];
    EXPECT_NE(post["ddl"].get<std::string>().find("CREATE INDEX"), std::string::npos);
    bool fk = false, one = false;
    for (const auto& e : s["edges"]) {
        if (e["from"] == "instagram.Post" && e["field"] == "post_author")
            fk = e["to"] == "instagram.User" && e["cardinality"] == "N:1" && e["kind"] == "foreign_key";
        if (e["from"] == "instagram.Profile" && e["field"] == "user")
            one = e["to"] == "instagram.User" && e["cardinality"] == "1:1";
    }
    EXPECT_TRUE(fk) << s["edges"].dump();
    EXPECT_TRUE(one) << s["edges"].dump();
}

}  // namespace

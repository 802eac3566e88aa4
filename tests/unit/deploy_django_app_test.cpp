// The app behind gunicorn as one story with modelling: the deployed models.py answers
// GET /api/posts/ through the core ORM from a real SQLite database; `python manage.py migrate`
// and `loaddata` inside the web container change that database; its lifetime follows the world
// (external RDS, named volumes, terminated instances). The JSON is checked against real Django
// REST framework 3.14 (tests/deploy_drf/expected.json, written by scripts/drf_api_oracle.py).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/deploy/django_app.hpp"
#include "core/deploy/http.hpp"
#include "core/deploy/terminal.hpp"
#include "tests/unit/deploy_test_util.hpp"

namespace gramlab::deploy {
namespace {

using testing::default_scenario;
using testing::logs_of;

const Step* find_step(const Simulator& sim, const std::string& title_prefix, int nth = 1) {
    for (const auto& s : sim.steps())
        if (s.title.rfind(title_prefix, 0) == 0 && --nth == 0) return &s;
    return nullptr;
}

std::string read_source(const std::string& rel) {
    std::ifstream in(std::string(GRAMLAB_SOURCE_DIR) + "/" + rel, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// examples/instagram deployed at /app the way the oracle builds it (config/urls.py routes the
// list and the detail view).
Fs instagram_code() {
    Fs fs;
    fs.write("/app/manage.py", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')\n");
    fs.write("/app/config/settings.py", read_source("examples/instagram/settings.py"));
    fs.write("/app/config/urls.py", read_source("tests/deploy_drf/urls.py"));
    fs.write("/app/instagram/models.py", read_source("examples/instagram/models.py"));
    fs.write("/app/instagram/views.py", read_source("tests/deploy_drf/views.py"));
    fs.write("/app/instagram/migrations/__init__.py", "");
    fs.write("/app/instagram/migrations/0001_initial.py", read_source("examples/instagram/migrations/0001_initial.py"));
    fs.write("/app/instagram/fixtures/instagram.json", read_source("examples/instagram/fixtures/instagram.json"));
    return fs;
}

HttpResponse get(Fs& code, Database& d, const std::string& path) {
    DefaultAppHandler app;
    AppEnvironment env;
    env.code = &code;
    env.code_root = "/app";
    env.database.name = "rds:test";
    env.database.db = &d;
    HttpRequest req;
    req.path = path;
    req.headers = {{"Host", "localhost"}};
    return app.handle(req, env);
}

std::string content_type(const HttpResponse& r) {
    for (const auto& [k, v] : r.headers)
        if (k == "Content-Type") return v;
    return "";
}

TEST(DeployDrfDifferentialTest, MatchesRealDjangoRestFramework) {
    nlohmann::json expected = nlohmann::json::parse(read_source("tests/deploy_drf/expected.json"), nullptr, false);
    ASSERT_TRUE(expected.is_array());
    ASSERT_EQ(expected.size(), 8u);
    Fs code = instagram_code();
    Database d;
    auto files = deployed_project(code, "/app");
    ASSERT_TRUE(files.ok()) << files.error().to_string();
    EXPECT_EQ(files->app_label, "instagram");
    size_t compared = 0;
    for (const auto& e : expected) {
        if (e["phase"] == "after migrate and loaddata" && d.image.empty()) {
            AppDatabase where;
            where.name = "rds:test";
            where.db = &d;
            auto m = manage_database_command(files.value(), where, {"migrate"}, nullptr);
            ASSERT_EQ(m.exit_code, 0) << m.err;
            auto l = manage_database_command(
                files.value(), where, {"loaddata", "instagram"},
                [&](const std::string& label) { return code.read("/app/instagram/fixtures/" + label + ".json"); });
            ASSERT_EQ(l.exit_code, 0) << l.err;
            EXPECT_EQ(l.out, "Installed 58 object(s) from 1 fixture(s)\n");
        }
        std::string request = e["request"];
        HttpResponse r = get(code, d, request.substr(4));
        SCOPED_TRACE(request + " (" + std::string(e["phase"]) + ")");
        EXPECT_EQ(r.status, e["status"].get<int>());
        EXPECT_EQ(content_type(r), e["content_type"].get<std::string>());
        EXPECT_EQ(r.body, e["body"].get<std::string>());
        ++compared;
    }
    EXPECT_EQ(compared, 8u);
}

TEST(DeployDjangoAppTest, PythonLiterals) {
    auto lit = [](const std::string& s) {
        std::string out;
        return parse_python_literal(s, out) ? out : "<error>";
    };
    EXPECT_EQ(lit("(1, 'a', None, True, False)"), "[1,\"a\",null,true,false]");
    EXPECT_EQ(lit("(1,)"), "[1]");
    EXPECT_EQ(lit("'it\\'s \\n \\x41 \\u00e9 \\U0001f600'"), "\"it's \\n A é 😀\"");
    EXPECT_EQ(lit("\"say \\\"hi\\\" 'x'\""), "\"say \\\"hi\\\" 'x'\"");
    EXPECT_EQ(lit("[-3, 1.5, 1e+16, [], {'k': [2]}]"), "[-3,1.5,1e+16,[],{\"k\":[2]}]");
    EXPECT_EQ(lit("'한글 🐶'"), "\"한글 🐶\"");
    EXPECT_EQ(lit("(1, 2"), "<error>");
    EXPECT_EQ(lit("'unterminated"), "<error>");
    EXPECT_EQ(lit("datetime.datetime(2024, 1, 1)"), "<error>");
    EXPECT_EQ(lit("99999999999999999999999"), "<error>");
    EXPECT_EQ(lit(std::string(200, '[')), "<error>");
    EXPECT_EQ(lit("'\\"), "<error>");
}

TEST(DeployDjangoAppTest, StaleFieldsFromOldCodeAndBadInput) {
    Fs code = instagram_code();
    Database d;
    auto files = deployed_project(code, "/app");
    ASSERT_TRUE(files.ok());
    ASSERT_TRUE(seed_database(d, files.value(), read_source("examples/instagram/fixtures/instagram.json")));
    // The image still has a models.py without `location`: the API shows the old fields.
    std::string models = *code.read("/app/instagram/models.py");
    const std::string line = "    location = models.CharField(max_length=100)\n";
    size_t p = models.find(line);
    ASSERT_NE(p, std::string::npos);
    code.write("/app/instagram/models.py", models.erase(p, line.size()));
    HttpResponse r = get(code, d, "/api/posts/3/");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body,
              "{\"id\":3,\"numOfLike\":45,\"post_content\":\"바다 보러 왔어요!! 🌊\",\"is_comment\":true,"
              "\"upload_time\":\"2024-01-11T15:30:00Z\",\"post_author\":2}");
    EXPECT_EQ(get(code, d, "/api/posts/99999999999999999999999/").status, 404);
    EXPECT_EQ(get(code, d, "/api/posts/1x/").status, 404);
    EXPECT_EQ(get(code, d, "/api/posts/3").status, 404);
    // models.py that does not import: Django's 500 page.
    code.write("/app/instagram/models.py", "class Post(models.Model:\n");
    EXPECT_EQ(get(code, d, "/api/posts/").body, django_server_error_page());
    // Bytes that are not a database.
    Database junk;
    junk.image = "not a database";
    EXPECT_EQ(get(code, junk, "/api/posts/").status, 500);
}

// ---- the whole story in the simulated terminal

Scenario local_scenario_with_migrations() {
    Scenario s = default_scenario();
    Fs fs;
    for (const auto& [path, text] : s.files) fs.write("/" + path, text);
    auto files = deployed_project(fs, "/");
    ProjectFiles with = with_initial_migrations(files.ok() ? files.value() : ProjectFiles{});
    for (const auto& m : with.migration_files) s.files[m.path] = m.text;
    s.files["posts/migrations/__init__.py"] = "";
    s.files["posts/fixtures/posts.json"] =
        "[{\"model\": \"posts.post\", \"pk\": 1, \"fields\": {\"title\": \"Local\", \"content\": \"from a fixture\", "
        "\"created_at\": \"2024-01-15T12:00:00Z\", \"likes\": 2}}]";
    return s;
}

TEST(DeployDjangoAppTest, MigrateAndLoaddataInsideTheWebContainerWithAVolumeDatabase) {
    Scenario s = local_scenario_with_migrations();
    ASSERT_EQ(s.files.count("posts/migrations/0001_initial.py"), 1u);
    Terminal t(s);
    auto up = t.run("docker-compose up -d --build");
    ASSERT_EQ(up.exit_code, 0) << up.err;
    auto before = t.run("curl -s http://localhost:8000/api/posts/");
    EXPECT_EQ(before.out, django_server_error_page());  // no tables yet: "no such table: posts_post"
    auto migrate = t.run("docker-compose exec web python manage.py migrate");
    EXPECT_EQ(migrate.exit_code, 0) << migrate.err;
    EXPECT_EQ(migrate.out.substr(0, migrate.out.find("  Applying contenttypes.0002")),
              "Operations to perform:\n"
              "  Apply all migrations: auth, contenttypes, posts\n"
              "Running migrations:\n"
              "  Applying contenttypes.0001_initial... OK\n");
    EXPECT_NE(migrate.out.find("  Applying posts.0001_initial... OK\n"), std::string::npos);
    EXPECT_EQ(t.run("docker-compose exec web python manage.py migrate").out,
              "Operations to perform:\n  Apply all migrations: auth, contenttypes, posts\nRunning migrations:\n"
              "  No migrations to apply.\n");
    EXPECT_EQ(t.run("docker-compose exec web python manage.py loaddata posts").out,
              "Installed 1 object(s) from 1 fixture(s)\n");
    EXPECT_EQ(t.run("docker-compose exec web python manage.py loaddata nope").err,
              "CommandError: No fixture named 'nope' found.\n");
    const std::string listed =
        "[{\"id\":1,\"title\":\"Local\",\"content\":\"from a fixture\",\"created_at\":\"2024-01-15T12:00:00Z\","
        "\"likes\":2}]";
    EXPECT_EQ(t.run("curl -s http://localhost:8000/api/posts/").out, listed);
    EXPECT_EQ(t.world().databases.at("volume:ubuntu_postgres_data").tables.back(),
              (std::pair<std::string, int64_t>{"posts_post", 1}));
    // Named volumes survive `down`; `down -v` deletes them with the data.
    t.run("docker-compose down");
    t.run("docker-compose up -d");
    EXPECT_EQ(t.run("curl -s http://localhost:8000/api/posts/").out, listed);
    t.run("docker-compose down -v");
    EXPECT_EQ(t.world().databases.count("volume:ubuntu_postgres_data"), 0u);
    t.run("docker-compose up -d");
    EXPECT_EQ(t.run("curl -s http://localhost:8000/api/posts/").out, django_server_error_page());
    // `docker exec` reaches the same database.
    EXPECT_EQ(t.run("docker exec ubuntu_web_1 python manage.py migrate").exit_code, 0);
    EXPECT_EQ(t.run("curl -s http://localhost:8000/api/posts/").out, "[]");
}

TEST(DeployDjangoAppTest, ComposeCommandRunsMigrateBeforeTheServer) {
    Scenario s = local_scenario_with_migrations();
    std::string& c = s.files["docker-compose.yml"];
    const std::string runserver = "command: python manage.py runserver 0.0.0.0:8000";
    size_t p = c.find(runserver);
    ASSERT_NE(p, std::string::npos);
    c.replace(p, runserver.size(),
              "command: sh -c \"python manage.py migrate && python manage.py runserver 0.0.0.0:8000\"");
    Terminal t(s);
    auto up = t.run("docker-compose up -d --build");
    ASSERT_EQ(up.exit_code, 0) << up.err;
    std::string logs = t.run("docker-compose logs web").out;
    EXPECT_NE(logs.find("web_1  |   Applying posts.0001_initial... OK\n"), std::string::npos) << logs;
    EXPECT_EQ(t.world().containers.at("ubuntu_web_1").status, "running");
    EXPECT_EQ(t.run("curl -s http://localhost:8000/api/posts/").out, "[]");
}

TEST(DeployDjangoAppTest, MigrateWithAnUnreachableDatabaseFailsLikePsycopg2) {
    Scenario s = local_scenario_with_migrations();
    s.files["docker-compose.yml"] =
        "version: '3.7'\nservices:\n  web:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n"
        "    ports:\n      - 8000:8000\n    env_file:\n      - ./.env.dev\n";
    Terminal t(s);
    ASSERT_EQ(t.run("docker-compose up -d --build").exit_code, 0);
    auto m = t.run("docker-compose exec web python manage.py migrate");
    EXPECT_EQ(m.exit_code, 1);
    EXPECT_NE(m.err.find("django.db.utils.OperationalError: could not translate host name \"db\" to address: Name or "
                         "service not known\n"),
              std::string::npos)
        << m.err;
    EXPECT_EQ(t.run("curl -s http://localhost:8000/api/posts/").out, django_server_error_page());
}

TEST(DeployDjangoAppTest, ProdDeployServesTheExternalDatabase) {
    Scenario s = default_scenario();
    s.files[".env"] = s.secrets["ENV_VARS"];
    Terminal t(s);
    ASSERT_EQ(t.run("sudo docker-compose -f docker-compose.prod.yml up --build -d").exit_code, 0);
    EXPECT_EQ(
        t.run("curl -s http://localhost/api/posts/").out,
        "[{\"id\":1,\"title\":\"첫 번째 글\",\"content\":\"Hello, gramlab!\",\"created_at\":\"2021-10-07T12:00:00Z\","
        "\"likes\":3},{\"id\":2,\"title\":\"Deploy day\",\"content\":\"nginx → gunicorn → "
        "Django\",\"created_at\":\"2021-10-07T12:30:00Z\",\"likes\":5}]");
    // The scenario's urls.py routes no detail view: Django's 404 page.
    EXPECT_EQ(t.run("curl -s http://localhost/api/posts/1/").out, django_not_found_page());
    // migrate against the RDS database: already up to date.
    auto m = t.run("sudo docker-compose -f docker-compose.prod.yml exec web python manage.py migrate");
    EXPECT_EQ(m.exit_code, 0) << m.err;
    EXPECT_NE(m.out.find("  No migrations to apply.\n"), std::string::npos) << m.out;
}

TEST(DeployDjangoAppTest, TimelineSnapshotsCarryTheDatabase) {
    Simulator sim(default_scenario(), {Fault::kDbInProdTerminated});
    const std::string rds = "rds:gramlab.c1abcdefgh.ap-northeast-2.rds.amazonaws.com";
    auto state = flatten(sim.world());
    EXPECT_EQ(state["databases/" + rds + "/posts_post"], "2 rows");
    const Step* users = find_step(sim, "Users create posts");
    ASSERT_NE(users, nullptr);
    std::string changes;
    for (const auto& c : users->changes)
        if (c.path.rfind("databases/", 0) == 0) changes += render_change(c) + "\n";
    EXPECT_NE(changes.find("+ databases/volume:ubuntu_postgres_data/posts_post: 1 row\n"), std::string::npos)
        << changes;
    // Step to just after the posts were made, then past the termination: the volume's data is gone,
    // the external database is not; stepping back brings the bytes back.
    while (sim.position() < static_cast<size_t>(users->index)) ASSERT_TRUE(sim.forward());
    EXPECT_EQ(sim.world().databases.count("volume:ubuntu_postgres_data"), 1u);
    const Step* gone = find_step(sim, "EC2 instance i-0a1b2c3d4e5f60001 terminated");
    ASSERT_NE(gone, nullptr);
    while (sim.position() < static_cast<size_t>(gone->index)) ASSERT_TRUE(sim.forward());
    EXPECT_EQ(sim.world().databases.count("volume:ubuntu_postgres_data"), 0u);
    EXPECT_EQ(flatten(sim.world())["databases/" + rds + "/posts_post"], "2 rows");
    sim.reset();
    while (sim.position() < static_cast<size_t>(users->index)) ASSERT_TRUE(sim.forward());
    EXPECT_EQ(sim.world().databases.at("volume:ubuntu_postgres_data").tables.back(),
              (std::pair<std::string, int64_t>{"posts_post", 1}));
    EXPECT_NE(logs_of(sim.steps().back()).find("Server Error (500)"), std::string::npos);
}

}  // namespace
}  // namespace gramlab::deploy

// The default scenario of the material (examples/deploy/default) end to end, stepping over the
// recorded timeline, the JSON contract, and each fault injection's outcome.
#include <gtest/gtest.h>

#include "core/deploy/deploy_json.hpp"
#include "deploy_test_util.hpp"

namespace gramlab::deploy {
namespace {

using testing::default_scenario;
using testing::logs_of;
using testing::step_titles;

const Step& last_step(const Simulator& sim) {
    return sim.steps().back();
}

const Step* find_step(const Simulator& sim, const std::string& title_prefix, int nth = 1) {
    for (const auto& s : sim.steps())
        if (s.title.rfind(title_prefix, 0) == 0 && --nth == 0) return &s;
    return nullptr;
}

std::string containers(const World& w) {
    std::string out;
    for (const auto& [name, c] : w.containers) {
        out += name + " " + c.status + (c.status == "exited" ? " (" + std::to_string(c.exit_code) + ")" : "") + " " +
               c.path;
        for (const auto& a : c.args) out += " " + a;
        out += "\n";
    }
    return out;
}

TEST(DeployScenarioTest, DefaultScenarioHasNoParseErrors) {
    Scenario s = default_scenario();
    ASSERT_FALSE(s.files.empty());
    EXPECT_EQ(s.files.count("secrets.yml"), 0u);
    EXPECT_EQ(s.secrets.count("ENV_VARS"), 1u);
    EXPECT_TRUE(check_scenario(s).empty());
}

TEST(DeployScenarioTest, DefaultRunsEndToEnd) {
    Simulator sim(default_scenario());
    EXPECT_EQ(step_titles(sim),
              "1 ok git push\n"
              "2 ok GitHub Actions: workflow \"Deploy\" triggered by push to main\n"
              "3 ok Job deploy: Set up job\n"
              "4 ok Job deploy: checkout\n"
              "5 ok Job deploy: create env file\n"
              "6 ok Job deploy: create remote directory\n"
              "7 ok Job deploy: copy source via ssh key\n"
              "8 ok Job deploy: executing remote ssh commands using ssh key\n"
              "9 ok docker-compose: create network ubuntu_default\n"
              "10 ok docker-compose: build web (Dockerfile.prod)\n"
              "11 ok docker-compose: build nginx (Dockerfile)\n"
              "12 ok docker-compose: start ubuntu_web_1\n"
              "13 ok docker-compose: start ubuntu_nginx_1\n"
              "14 ok Job deploy: Complete job\n"
              "15 ok curl http://localhost/api/posts/ (on the EC2 host)\n");
    EXPECT_EQ(logs_of(last_step(sim)),
              "host:80 → docker-proxy → ubuntu_nginx_1:80\n"
              "nginx: location / matches /api/posts/\n"
              "nginx: proxy_pass http://django → web:8000 /api/posts/\n"
              "gunicorn: worker 8 (ubuntu_web_1) → WSGI config.wsgi:application → GET /api/posts/\n"
              "app: database rds:gramlab.c1abcdefgh.ap-northeast-2.rds.amazonaws.com (1 app table, 2 rows)\n"
              "app: SQL SELECT \"posts_post\".\"id\", \"posts_post\".\"title\", \"posts_post\".\"content\", "
              "\"posts_post\".\"created_at\", \"posts_post\".\"likes\" FROM \"posts_post\"\n"
              "app: 2 rows\n"
              "app: 200 OK\n"
              "HTTP/1.1 200 OK\n"
              "[{\"id\":1,\"title\":\"첫 번째 글\",\"content\":\"Hello, "
              "gramlab!\",\"created_at\":\"2021-10-07T12:00:00Z\",\"likes\":3},"
              "{\"id\":2,\"title\":\"Deploy day\",\"content\":\"nginx → gunicorn → "
              "Django\",\"created_at\":\"2021-10-07T12:30:00Z\",\"likes\":5}]\n");
    sim.run_to_end();
    EXPECT_EQ(containers(sim.world()),
              "ubuntu_nginx_1 running /docker-entrypoint.sh nginx -g daemon off;\n"
              "ubuntu_web_1 running gunicorn config.wsgi:application --bind 0.0.0.0:8000\n");
    EXPECT_EQ(sim.world().requests.back().status, 200);
    // The .env made from the secret reached the host through rsync; the nginx image lost default.conf.
    EXPECT_NE(sim.world().host.read("/home/ubuntu/srv/ubuntu/.env")->find("SECRET_KEY=change-me-in-production"),
              std::string::npos);
    const Container& nginx = sim.world().containers.at("ubuntu_nginx_1");
    EXPECT_EQ(nginx.fs.list("/etc/nginx/conf.d"), (std::vector<std::string>{"nginx.conf"}));
    EXPECT_EQ(nginx.logs.substr(nginx.logs.rfind("172.18")),
              "172.18.0.1 - - [07/Oct/2021:12:00:00 +0000] \"GET /api/posts/ HTTP/1.1\" 200 227 \"-\" \"curl/7.68.0\" "
              "\"-\"\n");
}

TEST(DeployScenarioTest, StepsCarryDiffs) {
    Simulator sim(default_scenario());
    const Step* mkdir = find_step(sim, "Job deploy: create remote directory");
    ASSERT_NE(mkdir, nullptr);
    std::string changes;
    for (const auto& c : mkdir->changes) changes += render_change(c) + "\n";
    EXPECT_EQ(changes, "+ host:/home/ubuntu/srv: dir\n+ host:/home/ubuntu/srv/ubuntu: dir\n");
    const Step* start = find_step(sim, "docker-compose: start ubuntu_web_1");
    std::string c2;
    for (const auto& c : start->changes)
        if (c.path.rfind("containers/", 0) == 0) c2 += render_change(c) + "\n";
    std::string id = sim.steps().size() ? "" : "";
    EXPECT_NE(c2.find("+ containers/ubuntu_web_1/status: running\n"), std::string::npos) << c2;
    EXPECT_NE(c2.find("+ containers/ubuntu_web_1/processes/1: /usr/local/bin/python gunicorn config.wsgi:application "
                      "--bind 0.0.0.0:8000\n"),
              std::string::npos)
        << c2;
}

TEST(DeployScenarioTest, SteppingForwardBackResetAndFailure) {
    Simulator sim(default_scenario());
    EXPECT_EQ(sim.position(), 0u);
    EXPECT_TRUE(sim.world().containers.empty());
    EXPECT_FALSE(sim.back());
    while (sim.world().containers.empty()) ASSERT_TRUE(sim.forward());
    EXPECT_EQ(sim.position(), 12u);  // the web container appears at step 12
    EXPECT_TRUE(sim.back());
    EXPECT_TRUE(sim.world().containers.empty());
    sim.run_to_end();
    EXPECT_FALSE(sim.forward());
    EXPECT_EQ(sim.world().containers.size(), 2u);
    sim.reset();
    EXPECT_EQ(sim.world().pushed_commit, "");
    EXPECT_FALSE(sim.run_to_failure());
    sim.set_fault(Fault::kPathTypo, true);
    EXPECT_TRUE(sim.run_to_failure());
    EXPECT_EQ(sim.steps()[sim.position() - 1].title, "Job deploy: executing remote ssh commands using ssh key");
}

TEST(DeployScenarioTest, JsonContract) {
    Simulator sim(default_scenario());
    const Step* mkdir = find_step(sim, "Job deploy: create remote directory");
    EXPECT_EQ(
        dump_line(step_to_json(*mkdir)),
        "{\"index\":6,\"title\":\"Job deploy: create remote directory\",\"status\":\"ok\",\"changes\":["
        "{\"op\":\"added\",\"path\":\"host:/home/ubuntu/srv\",\"after\":\"dir\"},"
        "{\"op\":\"added\",\"path\":\"host:/home/ubuntu/srv/ubuntu\",\"after\":\"dir\"}],\"logs\":["
        "\"Run appleboy/ssh-action@master\",\"  with:\",\"    host: ***\",\"    username: ubuntu\",\"    key: ***\","
        "\"    script: mkdir -p /home/ubuntu/srv/ubuntu\",\"======CMD======\",\"mkdir -p "
        "/home/ubuntu/srv/ubuntu\",\"======END======\"]}");
    sim.run_to_end();
    auto w = world_to_json(sim.world());
    EXPECT_EQ(dump_line(w["requests"]),
              "[{\"request\":\"GET /api/posts/\",\"status\":200,\"via\":\"ubuntu_nginx_1 → ubuntu_web_1\"}]");
    EXPECT_EQ(w["containers"].size(), 2u);
    Error e = Error::make("emerg", "unexpected \"}\" in nginx.conf:2", SourceSpan{4, 1});
    e.file = "nginx/nginx.conf";
    EXPECT_EQ(dump_line(error_to_json(e, "a;\n}\n")),
              "{\"kind\":\"emerg\",\"message\":\"unexpected \\\"}\\\" in "
              "nginx.conf:2\",\"file\":\"nginx/nginx.conf\",\"line\":2,"
              "\"column\":2,\"rendered\":\"nginx/nginx.conf:2:2: emerg: unexpected \\\"}\\\" in nginx.conf:2\\n    "
              "}\\n     ^\"}");
}

TEST(DeployScenarioTest, ScenarioParseErrorsAreReported) {
    Scenario s = default_scenario();
    s.files["nginx/nginx.conf"] = "server {\n    listen 80;\n}\n}\n";
    s.files["Dockerfile.prod"] = "FORM python\n";
    auto errors = check_scenario(s);
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].to_string(),
              "Error response from daemon: dockerfile parse error line 1: unknown instruction: FORM");
    EXPECT_EQ(errors[1].to_string(), "emerg: unexpected \"}\" in nginx/nginx.conf:4");
    Simulator sim(s);
    EXPECT_EQ(sim.errors().size(), 2u);
    EXPECT_TRUE(sim.run_to_failure());
    EXPECT_EQ(sim.steps()[sim.position() - 1].title, "docker-compose: build web (Dockerfile.prod)");
}

// ---- faults

TEST(DeployFaultTest, MissingSecretLeavesEnvEmptyAndDjangoRefusesToStart) {
    Simulator sim(default_scenario(), {Fault::kMissingSecret});
    sim.run_to_end();
    EXPECT_EQ(*sim.world().host.read("/home/ubuntu/srv/ubuntu/.env"), "\n");
    EXPECT_EQ(containers(sim.world()),
              "ubuntu_nginx_1 exited (1) /docker-entrypoint.sh nginx -g daemon off;\n"
              "ubuntu_web_1 exited (3) gunicorn config.wsgi:application --bind 0.0.0.0:8000\n");
    std::string web = logs_of(*find_step(sim, "docker-compose: start ubuntu_web_1"));
    EXPECT_NE(web.find("django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.\n"),
              std::string::npos);
    EXPECT_NE(web.find("[INFO] Reason: Worker failed to boot.\n"), std::string::npos);
    EXPECT_NE(logs_of(*find_step(sim, "docker-compose: start ubuntu_nginx_1"))
                  .find("nginx: [emerg] host not found in upstream \"web:8000\" in /etc/nginx/conf.d/nginx.conf:2\n"),
              std::string::npos);
    EXPECT_EQ(logs_of(last_step(sim)),
              "host:80: nothing listening\ncurl: (7) Failed to connect to localhost port 80: Connection refused\n");
    EXPECT_EQ(last_step(sim).status, "failed");
}

TEST(DeployFaultTest, PathTypoFailsTheSshStepAndSkipsNothingElse) {
    Simulator sim(default_scenario(), {Fault::kPathTypo});
    const Step* ssh = find_step(sim, "Job deploy: executing remote ssh commands");
    ASSERT_NE(ssh, nullptr);
    EXPECT_EQ(ssh->status, "failed");
    std::string logs = logs_of(*ssh);
    EXPECT_EQ(logs.substr(logs.find("======END======")),
              "======END======\nerr: sh: 0: Can't open /home/ubuntu/srv/ubuntu/config/script/deploy.sh\n"
              "2021/10/07 12:00:00 Process exited with status 2\nError: Process completed with exit code 2.\n");
    sim.run_to_end();
    EXPECT_TRUE(sim.world().containers.empty());
    EXPECT_EQ(sim.world().runner_status, "completed: failure");
}

TEST(DeployFaultTest, DbInProdComposeLosesDataWithTheInstance) {
    Simulator sim(default_scenario(), {Fault::kDbInProdTerminated});
    const Step* before = find_step(sim, "curl http://localhost/api/posts/", 1);
    const Step* after = find_step(sim, "curl http://localhost/api/posts/", 2);
    ASSERT_NE(before, nullptr);
    ASSERT_NE(after, nullptr);
    EXPECT_EQ(before->logs.back(),
              "[{\"id\":1,\"title\":\"Stored on the instance\",\"content\":\"I live in a Docker "
              "volume\",\"created_at\":\"2021-10-07T12:00:00Z\",\"likes\":1}]");
    // The new instance's db volume is empty: no tables, so Django answers its 500 page.
    std::string after_logs = logs_of(*after);
    EXPECT_NE(after_logs.find("app: database volume:ubuntu_postgres_data (new, empty)\n"), std::string::npos)
        << after_logs;
    EXPECT_NE(after_logs.find("app: django.db.utils.OperationalError: no such table: posts_post\n"
                              "app: 500 Internal Server Error\nHTTP/1.1 500 Internal Server Error\n"),
              std::string::npos)
        << after_logs;
    EXPECT_EQ(after->status, "failed");
    EXPECT_NE(find_step(sim, "EC2 instance i-0a1b2c3d4e5f60001 terminated"), nullptr);
    sim.run_to_end();
    EXPECT_EQ(sim.world().host_instance, "i-0a1b2c3d4e5f60002");
    EXPECT_EQ(sim.world().containers.at("ubuntu_db_1").status, "running");
}

TEST(DeployFaultTest, WebDownGives502) {
    Simulator sim(default_scenario(), {Fault::kWebDown});
    EXPECT_EQ(logs_of(last_step(sim)),
              "host:80 → docker-proxy → ubuntu_nginx_1:80\n"
              "nginx: location / matches /api/posts/\n"
              "nginx: proxy_pass http://django → web:8000 /api/posts/\n"
              "nginx: connect() to web:8000 failed (113: Host is unreachable) → 502 Bad Gateway\n"
              "HTTP/1.1 502 Bad Gateway\n"
              "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad "
              "Gateway</h1></center>\r\n"
              "<hr><center>nginx/1.19.0</center>\r\n</body>\r\n</html>\r\n");
    sim.run_to_end();
    const std::string& logs = sim.world().containers.at("ubuntu_nginx_1").logs;
    EXPECT_NE(logs.find("[error] 22#22: *1 connect() failed (113: Host is unreachable) while connecting to upstream"),
              std::string::npos);
}

TEST(DeployFaultTest, PortInUseFailsCompose) {
    Simulator sim(default_scenario(), {Fault::kPortInUse});
    const Step* nginx = find_step(sim, "docker-compose: start ubuntu_nginx_1");
    ASSERT_NE(nginx, nullptr);
    EXPECT_EQ(nginx->status, "failed");
    std::string logs = logs_of(*nginx);
    EXPECT_NE(
        logs.find(
            "err: ERROR: for nginx  Cannot start service nginx: driver failed programming external connectivity on "
            "endpoint ubuntu_nginx_1 ("),
        std::string::npos);
    EXPECT_NE(logs.find("Error starting userland proxy: listen tcp4 0.0.0.0:80: bind: address already in use\n"),
              std::string::npos);
    EXPECT_NE(logs.find("err: ERROR: Encountered errors while bringing up the project.\n"), std::string::npos);
    sim.run_to_end();
    EXPECT_EQ(sim.world().runner_status, "completed: failure");
    EXPECT_EQ(sim.world().containers.at("ubuntu_nginx_1").status, "created");
}

TEST(DeployFaultTest, CmdToEntrypointAppendsComposeCommand) {
    Simulator sim(default_scenario(), {Fault::kCmdToEntrypoint});
    sim.run_to_end();
    const Container& web = sim.world().containers.at("ubuntu_web_1");
    EXPECT_EQ(web.status, "exited");
    EXPECT_EQ(web.exit_code, 2);
    EXPECT_EQ(web.logs,
              "usage: gunicorn [OPTIONS] [APP_MODULE]\ngunicorn: error: unrecognized arguments: gunicorn "
              "config.wsgi:application\n");
    EXPECT_EQ(last_step(sim).status, "failed");
}

TEST(DeployFaultTest, NoBuildAfterCodeChangeServesTheOldCode) {
    Simulator sim(default_scenario(), {Fault::kNoBuildAfterCodeChange});
    const Step* second_deploy = find_step(sim, "Job deploy: executing remote ssh commands", 2);
    ASSERT_NE(second_deploy, nullptr);
    std::string logs = logs_of(*second_deploy);
    EXPECT_NE(logs.find("err: ubuntu_web_1 is up-to-date\nerr: ubuntu_nginx_1 is up-to-date\n"), std::string::npos)
        << logs;
    EXPECT_EQ(last_step(sim).logs.back().find("likes"), std::string::npos);  // the field added by the change is missing
    // The old image's models.py, read through the ORM from the migrated database (which has `likes`).
    EXPECT_EQ(
        last_step(sim).logs.back(),
        "[{\"id\":1,\"title\":\"첫 번째 글\",\"content\":\"Hello, gramlab!\",\"created_at\":\"2021-10-07T12:00:00Z\"},"
        "{\"id\":2,\"title\":\"Deploy day\",\"content\":\"nginx → gunicorn → Django\",\"created_at\":"
        "\"2021-10-07T12:30:00Z\"}]");
    sim.run_to_end();
    EXPECT_NE(sim.world().host.read("/home/ubuntu/srv/ubuntu/posts/models.py")->find("likes"), std::string::npos);
}

TEST(DeployFaultTest, NamesRoundTrip) {
    for (Fault f : all_faults()) {
        Fault back;
        ASSERT_TRUE(parse_fault(fault_name(f), back));
        EXPECT_EQ(back, f);
    }
    Fault x;
    EXPECT_FALSE(parse_fault("nope", x));
}

}  // namespace
}  // namespace gramlab::deploy

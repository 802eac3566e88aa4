// docker-compose: variable substitution (compose-file-v3 "Variable substitution"), the service
// model, depends_on start order, and `up`/`down [-v]`/`ps` on the simulated host.
#include <gtest/gtest.h>

#include "core/deploy/compose.hpp"
#include "core/deploy/terminal.hpp"

namespace gramlab::deploy {
namespace {

std::string interp(const std::string& s, const std::map<std::string, std::string>& vars) {
    std::vector<std::string> warnings;
    auto r = interpolate(s, vars, warnings);
    std::string out = r.ok() ? r.value() : "error: " + r.error().message;
    for (const auto& w : warnings) out += " [" + w + "]";
    return out;
}

TEST(DeployComposeInterpolationTest, Forms) {
    std::map<std::string, std::string> v = {{"TAG", "1.0"}, {"EMPTY", ""}};
    EXPECT_EQ(interp("app:${TAG}", v), "app:1.0");
    EXPECT_EQ(interp("app:$TAG", v), "app:1.0");
    EXPECT_EQ(interp("${MISSING:-dflt}", v), "dflt");
    EXPECT_EQ(interp("${EMPTY:-dflt}", v), "dflt");  // :- also replaces empty
    EXPECT_EQ(interp("${EMPTY-dflt}", v), "");       // - only replaces unset
    EXPECT_EQ(interp("${MISSING-dflt}", v), "dflt");
    EXPECT_EQ(interp("$$HOME", v), "$HOME");  // $$ escapes
    EXPECT_EQ(interp("${MISSING}", v), " [The MISSING variable is not set. Defaulting to a blank string.]");
    EXPECT_EQ(interp("${MISSING:?need it}", v), "error: Missing mandatory value: need it");
    EXPECT_EQ(interp("${EMPTY:?need it}", v), "error: Missing mandatory value: need it");
    EXPECT_EQ(interp("${EMPTY?need it}", v), "");
    EXPECT_EQ(interp("${TAG?need it}", v), "1.0");
}

TEST(DeployComposeModelTest, ServicesAndStartOrder) {
    std::string text =
        "version: '3.7'\nservices:\n  nginx:\n    build: ./nginx\n    ports:\n      - 80:80\n    depends_on:\n      - "
        "web\n"
        "  web:\n    build:\n      context: .\n      dockerfile: Dockerfile.prod\n    command: gunicorn "
        "config.wsgi:application --bind 0.0.0.0:8000\n"
        "    environment:\n      - DEBUG=${DEBUG:-0}\n    volumes:\n      - static:/app/static\n    depends_on: [db]\n"
        "  db:\n    image: postgres:12.0-alpine\nvolumes:\n  static:\n";
    auto r = parse_compose(text, "./docker-compose.yml", {});
    ASSERT_TRUE(r.ok()) << r.error().message;
    std::string order;
    for (const auto* s : r->start_order()) order += s->name + " ";
    EXPECT_EQ(order, "db web nginx ");
    const ComposeService* web = r->service("web");
    EXPECT_EQ(web->build_dockerfile, "Dockerfile.prod");
    EXPECT_EQ(*web->command,
              (std::vector<std::string>{"gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"}));
    EXPECT_EQ(web->environment[0], (std::pair<std::string, std::string>{"DEBUG", "0"}));
    EXPECT_TRUE(web->volumes[0].named);
    EXPECT_EQ(r->service("nginx")->ports[0].host, 80);
}

TEST(DeployComposeModelTest, Errors) {
    auto missing = parse_compose("services:\n  web:\n    image: ${IMG:?set IMG}\n", "./docker-compose.yml", {});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().message,
              "Missing mandatory value for \"image\" option interpolating ${IMG:?set IMG} in service \"web\": set IMG");
    auto vol = parse_compose("services:\n  db:\n    image: postgres\n    volumes:\n      - data:/var/lib\n",
                             "./docker-compose.yml", {});
    ASSERT_FALSE(vol.ok());
    // Compose prints the volume spec normalised (mode added), as docker-compose 1.29 does.
    EXPECT_EQ(vol.error().message,
              "Named volume \"data:/var/lib:rw\" is used in service \"db\" but no declaration was found in the "
              "volumes section.");
    auto neither = parse_compose("services:\n  web:\n    ports: ['80:80']\n", "./docker-compose.yml", {});
    ASSERT_FALSE(neither.ok());
    EXPECT_EQ(neither.error().message,  // this message of docker-compose 1.29 names no file
              "The Compose file is invalid because:\nService web has neither an "
              "image nor a build context specified. At least one must be provided.");
    auto top = parse_compose("version: '3'\nservice:\n  web: {}\n", "./docker-compose.yml", {});
    ASSERT_FALSE(top.ok());
    EXPECT_EQ(top.error().message.substr(0, top.error().message.find(" Valid")),
              "The Compose file './docker-compose.yml' is invalid because:\nInvalid top-level property \"service\".");
}

TEST(DeployComposeModelTest, ShlexSplit) {
    EXPECT_EQ(shlex_split("sh -c 'echo a b' \"x y\""), (std::vector<std::string>{"sh", "-c", "echo a b", "x y"}));
}

// The local compose file of the material: web (runserver) + db, named volume; up, ps, down -v.
TEST(DeployComposeRunTest, UpPsDownWithVolumes) {
    Scenario s;
    s.files["docker-compose.yml"] =
        "version: '3.7'\nservices:\n  web:\n    image: python:3.8.3-alpine\n    command: sleep 1\n    depends_on:\n    "
        "  - db\n"
        "  db:\n    image: postgres:12.0-alpine\n    volumes:\n      - "
        "postgres_data:/var/lib/postgresql/data/\nvolumes:\n  postgres_data:\n";
    Terminal t(s);
    auto up = t.run("docker-compose up -d");
    EXPECT_EQ(up.exit_code, 0) << up.err;
    EXPECT_EQ(up.err,
              "Creating network \"ubuntu_default\" with the default driver\n"
              "Creating volume \"ubuntu_postgres_data\" with default driver\n"
              "Pulling db (postgres:12.0-alpine)...\n"
              "12.0-alpine: Pulling from library/postgres\n"
              "6a1ce3d23e90: Pull complete\n"
              "Digest: sha256:85ae7ea619ecf7a995975d4d4c7a07e9\n"
              "Status: Downloaded newer image for postgres:12.0-alpine\n"
              "Pulling web (python:3.8.3-alpine)...\n"
              "3.8.3-alpine: Pulling from library/python\n"
              "5b0dade54b33: Pull complete\n"
              "Digest: sha256:8a84f65d210b8d7d26cd0fda1b7d593d\n"
              "Status: Downloaded newer image for python:3.8.3-alpine\n"
              "Creating ubuntu_db_1 ... done\n"
              "Creating ubuntu_web_1 ... done\n");
    EXPECT_EQ(t.world().containers.at("ubuntu_db_1").status, "running");
    EXPECT_EQ(t.world().containers.at("ubuntu_web_1").status, "exited");
    EXPECT_EQ(t.run("docker-compose up -d").err, "ubuntu_db_1 is up-to-date\nStarting ubuntu_web_1 ... done\n");
    auto down = t.run("docker-compose down");
    EXPECT_EQ(down.err,
              "Stopping ubuntu_db_1 ... done\nRemoving ubuntu_web_1 ... done\nRemoving ubuntu_db_1 ... done\n"
              "Removing network ubuntu_default\n");
    EXPECT_EQ(t.world().volumes.count("ubuntu_postgres_data"), 1u);  // named volumes survive `down`
    t.run("docker-compose up -d");
    auto downv = t.run("docker-compose down -v");
    EXPECT_NE(downv.err.find("Removing volume ubuntu_postgres_data\n"), std::string::npos);
    EXPECT_EQ(t.world().volumes.count("ubuntu_postgres_data"), 0u);
}

TEST(DeployComposeRunTest, FileErrors) {
    Scenario s;
    s.files["docker-compose.yml"] = "services:\n  web:\n    image: [\n";
    Terminal t(s);
    EXPECT_EQ(t.run("docker-compose -f docker-compose.prod.yml up -d").err,
              "ERROR: .FileNotFoundError: [Errno 2] No such file or directory: "
              "'/home/ubuntu/srv/ubuntu/docker-compose.prod.yml'\n");
    auto bad = t.run("docker-compose up -d");
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_EQ(bad.err.substr(0, 32), "ERROR: yaml.parser.ParserError: ");
}

TEST(DeployComposeRunTest, MissingVariableWarning) {
    Scenario s;
    s.files["docker-compose.yml"] =
        "services:\n  web:\n    image: python:3.8.3-alpine\n    command: echo ${GREETING}\n";
    Terminal t(s);
    auto up = t.run("docker-compose up -d");
    EXPECT_EQ(up.err.substr(0, up.err.find('\n')),
              "WARNING: The GREETING variable is not set. Defaulting to a blank string.");
    EXPECT_EQ(t.run("GREETING=hi docker-compose up -d && docker-compose logs web").out,
              "Attaching to ubuntu_web_1\nweb_1  | hi\n");
}

}  // namespace
}  // namespace gramlab::deploy

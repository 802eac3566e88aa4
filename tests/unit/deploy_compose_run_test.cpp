// Table-driven docker-compose cases from the Compose file v3 reference
// (https://docs.docker.com/compose/compose-file/compose-file-v3/) and the v1 CLI reference
// (https://docs.docker.com/compose/reference/): each runs commands on a fresh simulated host
// whose project folder holds `compose` as docker-compose.yml (plus a few helper files).
#include <gtest/gtest.h>

#include "core/deploy/terminal.hpp"

namespace gramlab::deploy {
namespace {

struct ComposeCase {
    const char* name;
    const char* compose;
    const char* commands;  // run one after another; the last one's output is compared
    const char* expected;  // stdout + "[err]" + stderr + "[exit]"
};

const ComposeCase kCases[] = {
    // command: overrides the image's CMD (string form is split like a shell would, no expansion).
    {"command_string", "services:\n  app:\n    image: ubuntu\n    command: echo 'a b'  c\n",
     "docker-compose up -d > /dev/null 2>&1\ndocker-compose logs app",
     "Attaching to ubuntu_app_1\napp_1  | a b c\n[0]"},
    {"command_list", "services:\n  app:\n    image: ubuntu\n    command: [\"echo\", \"$$HOME\"]\n",
     "docker-compose up -d > /dev/null 2>&1\ndocker logs ubuntu_app_1", "$HOME\n[0]"},
    // entrypoint: overrides ENTRYPOINT and clears the image's CMD.
    {"entrypoint_clears_cmd", "services:\n  web:\n    image: nginx:1.19.0-alpine\n    entrypoint: echo\n",
     "docker-compose up -d > /dev/null 2>&1\ndocker inspect --format '{{json .Config.Cmd}} {{json .Args}}' "
     "ubuntu_web_1",
     "null []\n[0]"},
    // environment: list and map forms; values interpolated from the shell.
    {"environment_list",
     "services:\n  app:\n    image: ubuntu\n    command: sh -c 'echo $$A-$$B'\n    environment:\n      - A=1\n      - "
     "B=${BVAL}\n",
     "BVAL=2 docker-compose up -d > /dev/null 2>&1\ndocker logs ubuntu_app_1", "1-2\n[0]"},
    {"environment_map",
     "services:\n  app:\n    image: ubuntu\n    command: sh -c 'echo $$A'\n    environment:\n      A: mapped\n",
     "docker-compose up -d > /dev/null 2>&1\ndocker logs ubuntu_app_1", "mapped\n[0]"},
    // env_file: KEY=VAL lines, comments ignored; environment wins over env_file.
    {"env_file_and_override",
     "services:\n  app:\n    image: ubuntu\n    command: sh -c 'echo $$A $$B'\n    env_file: ./app.env\n    "
     "environment:\n      - B=env\n",
     "printf '' > /dev/null\necho '# c' > app.env && echo A=file >> app.env && echo B=file >> app.env\n"
     "docker-compose up -d > /dev/null 2>&1\ndocker logs ubuntu_app_1",
     "file env\n[0]"},
    // A missing env_file fails while compose loads the file, before it creates anything
    // (checked against docker-compose 1.29.2: tests/deploy_real/compose/env_file_missing).
    {"env_file_missing", "services:\n  app:\n    image: ubuntu\n    env_file:\n      - ./nope.env\n",
     "docker-compose up -d", "[err]ERROR: Couldn't find env file: /home/ubuntu/srv/ubuntu/nope.env\n[1]"},
    // .env in the project folder feeds ${VAR} substitution; the shell's environment wins.
    {"dot_env_substitution", "services:\n  app:\n    image: ubuntu\n    command: echo ${TAG} ${OTHER:-dflt}\n",
     "echo TAG=from-dotenv > .env\ndocker-compose up -d > /dev/null 2>&1\ndocker logs ubuntu_app_1",
     "from-dotenv dflt\n[0]"},
    {"shell_env_wins_over_dot_env", "services:\n  app:\n    image: ubuntu\n    command: echo ${TAG}\n",
     "echo TAG=from-dotenv > .env\nTAG=from-shell docker-compose up -d > /dev/null 2>&1\ndocker logs ubuntu_app_1",
     "from-shell\n[0]"},
    {"mandatory_variable", "services:\n  app:\n    image: ubuntu:${TAG:?TAG must be set}\n", "docker-compose up -d",
     "[err]ERROR: Missing mandatory value for \"image\" option interpolating ubuntu:${TAG:?TAG must be set} in service "
     "\"app\": TAG must be set\n[1]"},
    // container_name replaces the project_service_1 name.
    {"container_name", "services:\n  app:\n    image: ubuntu\n    container_name: custom\n    command: echo hi\n",
     "docker-compose up -d",
     "[err]Creating network \"ubuntu_default\" with the default driver\nPulling app (ubuntu:)...\n"
     "latest: Pulling from library/ubuntu\ndf72bb3ebc1b: Pull complete\nDigest: "
     "sha256:1f5cf27217c950ed701adcbf607afaad\nStatus: Downloaded newer image for ubuntu:latest\nCreating custom ... "
     "done\n[0]"},
    // -p sets the project name (network, container names).
    {"project_name_flag", "services:\n  app:\n    image: ubuntu\n    command: echo hi\n",
     "docker-compose -p demo up -d",
     "[err]Creating network \"demo_default\" with the default driver\nPulling app (ubuntu:)...\n"
     "latest: Pulling from library/ubuntu\ndf72bb3ebc1b: Pull complete\nDigest: "
     "sha256:1f5cf27217c950ed701adcbf607afaad\nStatus: Downloaded newer image for ubuntu:latest\nCreating demo_app_1 "
     "... done\n[0]"},
    // depends_on: start order follows dependencies, not file order.
    {"depends_on_order",
     "services:\n  c:\n    image: ubuntu\n    command: echo c\n    depends_on: [b]\n  b:\n    image: ubuntu\n"
     "    command: echo b\n    depends_on: [a]\n  a:\n    image: ubuntu\n    command: echo a\n",
     "docker-compose up -d 2>&1 | cat > log.txt\ncat log.txt",
     "Creating network \"ubuntu_default\" with the default driver\n"
     "Pulling a (ubuntu:)...\n"
     "latest: Pulling from library/ubuntu\ndf72bb3ebc1b: Pull complete\nDigest: "
     "sha256:1f5cf27217c950ed701adcbf607afaad\nStatus: Downloaded newer image for ubuntu:latest\nCreating ubuntu_a_1 "
     "... done\nCreating ubuntu_b_1 ... done\nCreating ubuntu_c_1 ... done\n[0]"},
    // Without --build, an existing image is reused; a missing one is built with a warning.
    {"build_when_missing_warns", "services:\n  app:\n    build: .\n",
     "echo 'FROM ubuntu' > Dockerfile\ndocker-compose up -d 2>&1 | cat > log.txt\ncat log.txt",
     "Creating network \"ubuntu_default\" with the default driver\nBuilding app\nSending build context to Docker "
     "daemon  42B\n"
     "Step 1/1 : FROM ubuntu\nlatest: Pulling from library/ubuntu\ndf72bb3ebc1b: Pull complete\nDigest: "
     "sha256:1f5cf27217c950ed701adcbf607afaad\n"
     "Status: Downloaded newer image for ubuntu:latest\n ---> 4c1ac0806287\nSuccessfully built "
     "4c1ac0806287\nSuccessfully tagged ubuntu_app:latest\n"
     "WARNING: Image for service app was built because it did not already exist. To rebuild this image you must use "
     "`docker-compose build` or `docker-compose up --build`.\nCreating ubuntu_app_1 ... done\n[0]"},
    // A changed config recreates the container; an unchanged running one is up-to-date.
    {"recreate_on_change", "services:\n  web:\n    image: nginx:1.19.0-alpine\n    environment:\n      - V=${V}\n",
     "V=1 docker-compose up -d > /dev/null 2>&1\nV=1 docker-compose up -d > a.txt 2>&1\nV=2 docker-compose up -d 2>> "
     "a.txt\ncat a.txt",
     "ubuntu_web_1 is up-to-date\nRecreating ubuntu_web_1 ... done\n[0]"},
    // ports: published on the host; a second project on the same port fails.
    {"port_published", "services:\n  web:\n    image: nginx:1.19.0-alpine\n    ports:\n      - \"8080:80\"\n",
     "docker-compose up -d > /dev/null 2>&1\ncurl -s http://localhost:8080/", "<h1>Welcome to nginx!</h1>\n[0]"},
    {"port_conflict", "services:\n  web:\n    image: nginx:1.19.0-alpine\n    ports:\n      - 80:80\n",
     "docker-compose up -d > /dev/null 2>&1\ndocker-compose -p other up -d 2>&1 | cat > log.txt\ncat log.txt",
     "Creating network \"other_default\" with the default driver\nCreating other_web_1 ... error\n\n"
     "ERROR: for other_web_1  Cannot start service web: driver failed programming external connectivity on endpoint "
     "other_web_1 "
     "(74bd26f00d84c55d3e3684d37691a8e7): Bind for 0.0.0.0:80 failed: port is already allocated\n"
     "ERROR: for web  Cannot start service web: driver failed programming external connectivity on endpoint "
     "other_web_1 "
     "(74bd26f00d84c55d3e3684d37691a8e7): Bind for 0.0.0.0:80 failed: port is already allocated\n"
     "ERROR: Encountered errors while bringing up the project.\n[0]"},
    // ps lists state and ports.
    {"ps_columns", "services:\n  web:\n    image: nginx:1.19.0-alpine\n    ports:\n      - 80:80\n",
     "docker-compose up -d > /dev/null 2>&1\ndocker-compose ps",
     "Name             Command                          State    Ports\n"
     "--------------------------------------------------------------------------------\n"
     "ubuntu_web_1     /docker-entrypoint.sh ngin ...   Up       0.0.0.0:80->80/tcp\n[0]"},
    // down removes containers and the default network; stopped containers are not "Stopping".
    {"down", "services:\n  web:\n    image: nginx:1.19.0-alpine\n",
     "docker-compose up -d > /dev/null 2>&1\ndocker-compose down",
     "[err]Stopping ubuntu_web_1 ... done\nRemoving ubuntu_web_1 ... done\nRemoving network ubuntu_default\n[0]"},
    // Service DNS: nginx resolves `web` on the project network at start.
    {"nginx_upstream_unresolved", "services:\n  nginx:\n    build: ./nginx\n    ports:\n      - 80:80\n",
     "mkdir nginx && echo 'FROM nginx:1.19.0-alpine' > nginx/Dockerfile && echo 'COPY nginx.conf "
     "/etc/nginx/conf.d/default.conf' >> nginx/Dockerfile\n"
     "echo 'upstream app { server web:8000; } server { listen 80; location / { proxy_pass http://app; } }' > "
     "nginx/nginx.conf\n"
     "docker-compose up -d > /dev/null 2>&1\ndocker-compose ps",
     "Name             Command                          State    Ports\n"
     "--------------------------------------------------------------------------------\n"
     "ubuntu_nginx_1   /docker-entrypoint.sh ngin ...   Exit 1   \n[0]"},
    // Unknown service option.
    {"unsupported_option", "services:\n  web:\n    imgae: nginx\n", "docker-compose up -d",
     "[err]ERROR: The Compose file './docker-compose.yml' is invalid because:\nUnsupported config option for "
     "services.web: 'imgae'\n[1]"},
};

class DeployComposeCaseTest : public ::testing::TestWithParam<ComposeCase> {};

TEST_P(DeployComposeCaseTest, Case) {
    const ComposeCase& c = GetParam();
    Scenario s;
    s.files["docker-compose.yml"] = c.compose;
    Terminal t(s);
    std::string cmds = c.commands;
    CommandResult r;
    size_t p = 0;
    while (p < cmds.size()) {
        size_t nl = cmds.find('\n', p);
        r = t.run(cmds.substr(p, nl == std::string::npos ? std::string::npos : nl - p));
        p = nl == std::string::npos ? cmds.size() : nl + 1;
    }
    EXPECT_EQ(r.out + (r.err.empty() ? "" : "[err]" + r.err) + "[" + std::to_string(r.exit_code) + "]", c.expected);
}

INSTANTIATE_TEST_SUITE_P(Reference, DeployComposeCaseTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<ComposeCase>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace gramlab::deploy

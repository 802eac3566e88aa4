// Table-driven `docker` CLI cases on the simulated host: docker create, inspect, names, build
// --target, image config, restart policies and the daemon restart. Each cites the reference it
// comes from; the outputs were checked against Docker 20.10 (tests/deploy_real/docker/, where
// the same behaviour runs on a real engine).
#include <gtest/gtest.h>

#include "core/deploy/terminal.hpp"

namespace gramlab::deploy {
namespace {

struct CliCase {
    const char* name;
    const char* dockerfile;  // the project's Dockerfile ("" = none)
    const char* commands;    // one per line; the last one's output is compared
    const char* expected;    // stdout + "[err]" + stderr + "[exit]"
};

const CliCase kCases[] = {
    // https://docs.docker.com/engine/reference/commandline/create/: the container is created, not
    // started, and its full id printed; .Path/.Args are the process it would run.
    {"create_prints_full_id", "FROM scratch\nCMD [\"/bin/df\", \"-h\"]\n",
     "docker build -t t . > /dev/null\ndocker create --name c1 t",
     "bf76f124abcfb21d0c90023f3193e68e43b3d161d251e68e42b3d161d09ee68e\n[0]"},
    {"create_then_inspect", "FROM scratch\nCMD [\"/bin/df\", \"-h\"]\n",
     "docker build -t t . > /dev/null\ndocker create --name c1 t ps -aef > /dev/null\n"
     "docker inspect --format '{{json .Config.Cmd}} {{.Path}} {{json .Args}} {{.State.Status}}' c1",
     "[\"ps\",\"-aef\"] ps [\"-aef\"] created\n[0]"},
    // run reference, "ENTRYPOINT (default command to execute at runtime)": --entrypoint "" leaves
    // no command at all, so the daemon refuses.
    {"create_empty_entrypoint", "FROM scratch\nENTRYPOINT [\"/bin/df\", \"-h\"]\nCMD [\"/\"]\n",
     "docker build -t t . > /dev/null\ndocker create --name c1 --entrypoint \"\" t",
     "[err]Error response from daemon: No command specified\n[1]"},
    {"create_no_command", "FROM scratch\nLABEL a=b\n", "docker build -t t . > /dev/null\ndocker create t",
     "[err]Error response from daemon: No command specified\n[1]"},
    // run reference, "Name (--name)": [a-zA-Z0-9][a-zA-Z0-9_.-]+, checked before the command.
    {"create_invalid_name", "FROM scratch\n", "docker build -t t . > /dev/null\ndocker create --name c t",
     "[err]Error response from daemon: Invalid container name (c), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n[1]"},
    {"run_invalid_name", "FROM scratch\nCMD [\"x\"]\n", "docker build -t t . > /dev/null\ndocker run --name -bad t",
     "[err]docker: Error response from daemon: Invalid container name (-bad), only [a-zA-Z0-9][a-zA-Z0-9_.-] are "
     "allowed.\nSee 'docker run --help'.\n[125]"},
    {"create_name_conflict", "FROM scratch\nCMD [\"x\"]\n",
     "docker build -t t . > /dev/null\ndocker create --name ok.name_1 t > /dev/null\n"
     "docker create --name ok.name_1 t > /dev/null 2> err.txt; echo $?",
     "1\n[0]"},
    // commandline/inspect: misses are reported after the found objects ("[]" when nothing was).
    {"inspect_missing", "", "docker inspect nosuch", "[]\n[err]Error: No such object: nosuch\n[1]"},
    {"inspect_found_and_missing", "FROM scratch\nCMD [\"x\"]\n",
     "docker build -t t . > /dev/null\ndocker inspect --format '{{json .Config.Cmd}}' t nosuch",
     "[\"x\"]\n[err]Error: No such object: nosuch\n[1]"},
    {"inspect_format_nothing_found", "", "docker inspect --format '{{.Id}}' nosuch",
     "\n[err]Error: No such object: nosuch\n[1]"},
    // builder reference, EXPOSE / LABEL / ENV: as docker inspect shows the image config; a stage
    // FROM scratch starts with the default PATH.
    {"image_config_fields", "FROM scratch\nENV APP=/srv/app\nWORKDIR $APP\nEXPOSE 8000\nUSER app\nLABEL k=v\n",
     "docker build -t t . > /dev/null\n"
     "docker inspect --format '{{json .Config.Env}} {{json .Config.ExposedPorts}} {{json .Config.Labels}}' t",
     "[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"APP=/srv/app\"] {\"8000/tcp\":{}} "
     "{\"k\":\"v\"}\n[0]"},
    // runconfig merge: the container's -e variables come first, then the image's.
    {"container_env_order", "FROM scratch\nENV APP=1\nCMD [\"x\"]\n",
     "docker build -t t . > /dev/null\ndocker create --name c1 -e EXTRA=1 -e APP=2 t > /dev/null\n"
     "docker inspect --format '{{json .Config.Env}}' c1",
     "[\"EXTRA=1\",\"APP=2\",\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]\n[0]"},
    // https://docs.docker.com/develop/develop-images/multistage-build/#stop-at-a-specific-build-stage
    {"build_target",
     "FROM scratch AS first\nCMD [\"first\"]\nFROM first AS second\nLABEL s=2\nFROM scratch\nCMD [\"final\"]\n",
     "docker build --target second -t t . > /dev/null\ndocker inspect --format '{{json .Config.Cmd}}' t",
     "[\"first\"]\n[0]"},
    {"build_target_missing", "FROM scratch AS first\nCMD [\"first\"]\n",
     "docker build --target nope -t t . > /dev/null", "[err]failed to reach build target nope in Dockerfile\n[1]"},
    // sh has echo built in (an image whose only program is /bin/sh can echo); HOME is "/" when
    // the image has no home for the user.
    {"echo_is_a_shell_builtin", "FROM scratch\nCOPY sh /bin/sh\nCMD echo \"home=$HOME\"\n",
     "echo '#!sim:sh' > sh\ndocker build -t t . > /dev/null\ndocker run --rm t", "home=/\n[0]"},
    {"exec_form_needs_the_program", "FROM scratch\nCOPY sh /bin/sh\nCMD [\"echo\", \"hi\"]\n",
     "echo '#!sim:sh' > sh\ndocker build -t t . > /dev/null\ndocker run --rm t 2>&1 | cat > out.txt; cat out.txt",
     "docker: Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container "
     "process caused: exec: \"echo\": executable file not found in $PATH: unknown.\nERRO[0000] error waiting for "
     "container: context canceled\n[0]"},
    // run reference, "Restart policies (--restart)".
    {"restart_on_failure_gives_up", "FROM ubuntu\nCMD sh -c 'echo hi; exit 3'\n",
     "docker build -t t . > /dev/null\ndocker run -d --name r1 --restart on-failure:2 t > /dev/null\n"
     "docker inspect --format '{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}} "
     "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}' r1 && docker logs r1",
     "exited 2 3 on-failure 2\nhi\nhi\nhi\n[0]"},
    {"restart_on_failure_success_is_final", "FROM ubuntu\nCMD echo done\n",
     "docker build -t t . > /dev/null\ndocker run -d --name r1 --restart on-failure t > /dev/null\n"
     "docker inspect --format '{{.State.Status}} {{.RestartCount}}' r1",
     "exited 0\n[0]"},
    {"restart_always_keeps_restarting", "FROM ubuntu\nCMD sh -c 'exit 3'\n",
     "docker build -t t . > /dev/null\ndocker run -d --name r1 --restart always t > /dev/null\n"
     "docker inspect --format '{{.State.Status}} {{.State.Running}} {{.State.Restarting}}' r1 && docker ps",
     "restarting true true\nCONTAINER ID   IMAGE     COMMAND                  CREATED          STATUS             "
     "                     PORTS     NAMES\n"
     "82b1a74e3bfc   t         \"/bin/sh -c 'sh -c '…\"   10 seconds ago   Restarting (3) Less than a second ago   "
     "          r1\n[0]"},
    {"restart_loop_blocks_rm", "FROM ubuntu\nCMD sh -c 'exit 3'\n",
     "docker build -t t . > /dev/null\ndocker run -d --name r1 --restart unless-stopped t > /dev/null\n"
     "docker rm r1",
     "[err]Error response from daemon: You cannot remove a restarting container "
     "82b1a74e3bfc648bc9d185b143a58acbcc062c3650878acbcb062c364ed48acb. Stop the container before attempting "
     "removal or force remove\n[1]"},
    {"restart_stopped_by_user", "FROM ubuntu\nCMD sh -c 'exit 3'\n",
     "docker build -t t . > /dev/null\ndocker run -d --name r1 --restart always t > /dev/null\ndocker stop r1\n"
     "docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' r1",
     "exited 3\n[0]"},
    // "always: ... If it is manually stopped, it is restarted only when Docker daemon restarts";
    // unless-stopped stays down then; no never comes back.
    {"daemon_restart_policies", "FROM nginx:1.19.0-alpine\n",
     "docker build -t t . > /dev/null\n"
     "docker run -d --name p_no t > /dev/null && docker run -d --name p_always --restart always t > /dev/null\n"
     "docker run -d --name p_unless --restart unless-stopped t > /dev/null\n"
     "docker run -d --name p_unless_stopped --restart unless-stopped t > /dev/null && docker stop p_unless_stopped\n"
     "docker run -d --name p_always_stopped --restart always t > /dev/null && docker stop p_always_stopped\n"
     "sudo systemctl restart docker\n"
     "docker inspect --format '{{.Name}} {{.State.Status}}' p_no p_always p_unless p_unless_stopped p_always_stopped",
     "/p_no exited\n/p_always running\n/p_unless running\n/p_unless_stopped exited\n/p_always_stopped running\n[0]"},
    {"daemon_restart_on_failure", "FROM ubuntu\nCMD sh -c 'exit 0'\n",
     "docker build -t t . > /dev/null\ndocker run -d --name ok --restart on-failure t > /dev/null\n"
     "sudo service docker restart\ndocker inspect --format '{{.State.Status}} {{.RestartCount}}' ok",
     "exited 0\n[0]"},
    {"systemctl_other_unit", "", "sudo systemctl restart apache2",
     "[err]Failed to restart apache2.service: Unit apache2.service not found.\n[5]"},
};

class DeployDockerCliTest : public ::testing::TestWithParam<CliCase> {};

TEST_P(DeployDockerCliTest, Case) {
    const CliCase& c = GetParam();
    Scenario s;
    if (*c.dockerfile) s.files["Dockerfile"] = c.dockerfile;
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

INSTANTIATE_TEST_SUITE_P(Reference, DeployDockerCliTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<CliCase>& i) { return std::string(i.param.name); });

// run reference, "Name (--name)": "If you do not assign a container name ... the daemon generates a
// random string name"; a name already taken is never reused for a new container.
TEST(DeployDockerRunTest, GeneratedNamesAreUnique) {
    Terminal t(Scenario{});
    for (int i = 0; i < 40; ++i) ASSERT_EQ(t.run("docker run ubuntu echo x").exit_code, 0);
    EXPECT_EQ(t.world().containers.size(), 40u);
}

// The restart policy shows in `docker-compose ps` too (compose-file-v3 #restart).
TEST(DeployComposeRestartTest, RestartingServiceInPs) {
    Scenario s;
    s.files["docker-compose.yml"] =
        "services:\n  job:\n    image: ubuntu\n    command: sh -c 'exit 1'\n    restart: always\n"
        "  once:\n    image: ubuntu\n    command: sh -c 'exit 1'\n    restart: \"no\"\n";
    Terminal t(s);
    t.run("docker-compose up -d");
    EXPECT_EQ(t.run("docker-compose ps").out,
              "Name             Command                          State    Ports\n"
              "--------------------------------------------------------------------------------\n"
              "ubuntu_job_1     sh -c exit 1                     Restarting \n"
              "ubuntu_once_1    sh -c exit 1                     Exit 1   \n");
    EXPECT_EQ(t.run("docker-compose up -d").err, "ubuntu_job_1 is up-to-date\nStarting ubuntu_once_1 ... done\n");
}

}  // namespace
}  // namespace gramlab::deploy

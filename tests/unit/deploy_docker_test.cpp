// Docker semantics: the CMD × ENTRYPOINT table of the Dockerfile reference ("Understand how CMD
// and ENTRYPOINT interact", every cell), inheritance from base images, `docker run` overrides,
// the material's df lesson, the classic builder's output and layer cache, and docker inspect.
#include <gtest/gtest.h>

#include "core/deploy/docker.hpp"
#include "core/deploy/terminal.hpp"

namespace gramlab::deploy {
namespace {

std::string join(const StrVec& v) {
    std::string s;
    for (size_t i = 0; i < v.size(); ++i) s += (i ? " " : "") + v[i];
    return s;
}

// Builds an image from a Dockerfile in a fresh terminal and returns the process `docker run`
// would start, rendered as argv joined by spaces (or the daemon's error).
std::string process_of(const std::string& dockerfile) {
    Scenario s;
    s.files["Dockerfile"] = dockerfile;
    Terminal t(s);
    auto b = t.run("docker build -t table .");
    if (b.exit_code != 0) return "build failed: " + b.err;
    const Image& img = t.world().images.at(t.world().find_image("table"));
    auto r = resolve_process(img.config, std::nullopt, std::nullopt);
    return r.ok() ? join(r.value()) : r.error().to_string();
}

// https://docs.docker.com/engine/reference/builder/#understand-how-cmd-and-entrypoint-interact
// Rows: No CMD / CMD ["exec_cmd","p1_cmd"] / CMD ["p1_cmd","p2_cmd"] / CMD exec_cmd p1_cmd.
// Columns: No ENTRYPOINT / ENTRYPOINT exec_entry p1_entry / ENTRYPOINT ["exec_entry","p1_entry"].
// FROM scratch so nothing is inherited; shell forms are stored as ["/bin/sh","-c","..."].
TEST(DeployCmdEntrypointTableTest, NoCmdNoEntrypointIsAnError) {
    EXPECT_EQ(process_of("FROM scratch\n"), "Error response from daemon: No command specified");
}
TEST(DeployCmdEntrypointTableTest, NoCmdShellEntrypoint) {
    EXPECT_EQ(process_of("FROM scratch\nENTRYPOINT exec_entry p1_entry\n"), "/bin/sh -c exec_entry p1_entry");
}
TEST(DeployCmdEntrypointTableTest, NoCmdExecEntrypoint) {
    EXPECT_EQ(process_of("FROM scratch\nENTRYPOINT [\"exec_entry\", \"p1_entry\"]\n"), "exec_entry p1_entry");
}
TEST(DeployCmdEntrypointTableTest, ExecCmdNoEntrypoint) {
    EXPECT_EQ(process_of("FROM scratch\nCMD [\"exec_cmd\", \"p1_cmd\"]\n"), "exec_cmd p1_cmd");
}
TEST(DeployCmdEntrypointTableTest, ExecCmdShellEntrypoint) {
    // The shell-form ENTRYPOINT ignores CMD: the extra words become $0 $1 of `sh -c`.
    EXPECT_EQ(process_of("FROM scratch\nCMD [\"exec_cmd\", \"p1_cmd\"]\nENTRYPOINT exec_entry p1_entry\n"),
              "/bin/sh -c exec_entry p1_entry exec_cmd p1_cmd");
}
TEST(DeployCmdEntrypointTableTest, ExecCmdExecEntrypoint) {
    EXPECT_EQ(process_of("FROM scratch\nCMD [\"exec_cmd\", \"p1_cmd\"]\nENTRYPOINT [\"exec_entry\", \"p1_entry\"]\n"),
              "exec_entry p1_entry exec_cmd p1_cmd");
}
TEST(DeployCmdEntrypointTableTest, ParamCmdNoEntrypoint) {
    EXPECT_EQ(process_of("FROM scratch\nCMD [\"p1_cmd\", \"p2_cmd\"]\n"), "p1_cmd p2_cmd");
}
TEST(DeployCmdEntrypointTableTest, ParamCmdShellEntrypoint) {
    EXPECT_EQ(process_of("FROM scratch\nCMD [\"p1_cmd\", \"p2_cmd\"]\nENTRYPOINT exec_entry p1_entry\n"),
              "/bin/sh -c exec_entry p1_entry p1_cmd p2_cmd");
}
TEST(DeployCmdEntrypointTableTest, ParamCmdExecEntrypoint) {
    EXPECT_EQ(process_of("FROM scratch\nCMD [\"p1_cmd\", \"p2_cmd\"]\nENTRYPOINT [\"exec_entry\", \"p1_entry\"]\n"),
              "exec_entry p1_entry p1_cmd p2_cmd");
}
TEST(DeployCmdEntrypointTableTest, ShellCmdNoEntrypoint) {
    EXPECT_EQ(process_of("FROM scratch\nCMD exec_cmd p1_cmd\n"), "/bin/sh -c exec_cmd p1_cmd");
}
TEST(DeployCmdEntrypointTableTest, ShellCmdShellEntrypoint) {
    EXPECT_EQ(process_of("FROM scratch\nCMD exec_cmd p1_cmd\nENTRYPOINT exec_entry p1_entry\n"),
              "/bin/sh -c exec_entry p1_entry /bin/sh -c exec_cmd p1_cmd");
}
TEST(DeployCmdEntrypointTableTest, ShellCmdExecEntrypoint) {
    EXPECT_EQ(process_of("FROM scratch\nCMD exec_cmd p1_cmd\nENTRYPOINT [\"exec_entry\", \"p1_entry\"]\n"),
              "exec_entry p1_entry /bin/sh -c exec_cmd p1_cmd");
}

// "If CMD is defined from the base image, setting ENTRYPOINT will reset CMD to an empty value."
TEST(DeployCmdEntrypointTableTest, EntrypointResetsInheritedCmd) {
    EXPECT_EQ(process_of("FROM ubuntu\nENTRYPOINT [\"/bin/df\", \"-h\"]\n"), "/bin/df -h");
}
TEST(DeployCmdEntrypointTableTest, CmdIsInheritedFromBase) {
    EXPECT_EQ(process_of("FROM ubuntu\nRUN mkdir /x\n"), "bash");
    EXPECT_EQ(process_of("FROM nginx:1.19.0-alpine\n"), "/docker-entrypoint.sh nginx -g daemon off;");
    EXPECT_EQ(process_of("FROM python:3.8.3-alpine\n"), "python3");
}
TEST(DeployCmdEntrypointTableTest, CmdBeforeEntrypointInSameFileIsKept) {
    EXPECT_EQ(process_of("FROM ubuntu\nCMD [\"-h\"]\nENTRYPOINT [\"/bin/df\"]\n"), "/bin/df -h");
}
TEST(DeployCmdEntrypointTableTest, LastCmdWins) {
    EXPECT_EQ(process_of("FROM ubuntu\nCMD [\"a\"]\nCMD [\"b\"]\n"), "b");
}

// `docker run IMAGE args` replaces CMD; --entrypoint replaces ENTRYPOINT and clears CMD.
TEST(DeployDockerRunTest, RunArgsAndEntrypointOverride) {
    ImageConfig c;
    c.entrypoint = {"/bin/df", "-h"};
    c.cmd = {"/"};
    EXPECT_EQ(join(resolve_process(c, std::nullopt, StrVec{"ps", "-aef"}).value()), "/bin/df -h ps -aef");
    EXPECT_EQ(join(resolve_process(c, StrVec{"/bin/ps"}, std::nullopt).value()), "/bin/ps");
    EXPECT_EQ(join(resolve_process(c, StrVec{"/bin/ps"}, StrVec{"-aef"}).value()), "/bin/ps -aef");
    EXPECT_EQ(join(resolve_process(c, std::nullopt, std::nullopt).value()), "/bin/df -h /");
}

// The material's lesson, as typed on the EC2 host.
TEST(DeployDockerRunTest, CmdDfThenRunPs) {
    Scenario s;
    s.files["Dockerfile"] = "FROM ubuntu\nCMD [\"/bin/df\", \"-h\"]\n";
    Terminal t(s);
    auto b = t.run("docker build -t jhsong/df .");
    EXPECT_EQ(b.exit_code, 0);
    EXPECT_EQ(t.run("docker run --name jhsong-df jhsong/df").out,
              "Filesystem      Size  Used Avail Use% Mounted on\n"
              "overlay          59G   14G   43G  25% /\n"
              "tmpfs            64M     0   64M   0% /dev\n"
              "shm              64M     0   64M   0% /dev/shm\n"
              "/dev/root        59G   14G   43G  25% /etc/hosts\n");
    auto ps = t.run("docker run --name jhsong-ps jhsong/df ps -aef");
    EXPECT_EQ(ps.exit_code, 0);
    EXPECT_EQ(ps.out,
              "UID          PID    PPID  C STIME TTY          TIME CMD\n"
              "root           1       0  0 12:00 ?        00:00:00 ps -aef\n");
}

TEST(DeployDockerRunTest, EntrypointDfThenRunPsFails) {
    Scenario s;
    s.files["Dockerfile"] = "FROM ubuntu\nENTRYPOINT [\"/bin/df\", \"-h\"]\n";
    Terminal t(s);
    ASSERT_EQ(t.run("docker build -t jhsong/df .").exit_code, 0);
    auto r = t.run("docker run --name jhsong-df jhsong/df ps -aef");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "/bin/df: invalid option -- 'e'\nTry '/bin/df --help' for more information.\n");
    EXPECT_EQ(t.run("docker logs jhsong-df").out,
              "/bin/df: invalid option -- 'e'\nTry '/bin/df --help' for more information.\n");
    EXPECT_EQ(t.run("docker inspect --format '{{json .Config.Entrypoint}}' jhsong-df").out, "[\"/bin/df\",\"-h\"]\n");
    EXPECT_EQ(t.run("docker inspect --format '{{json .Config.Cmd}}' jhsong-df").out, "[\"ps\",\"-aef\"]\n");
    EXPECT_EQ(t.run("docker inspect --format '{{.Path}} {{json .Args}} {{.State.ExitCode}}' jhsong-df").out,
              "/bin/df [\"-h\",\"ps\",\"-aef\"] 1\n");
    EXPECT_EQ(t.run("docker inspect --format '{{json .Config.Cmd}}' jhsong/df").out, "null\n");
    // --entrypoint replaces it.
    auto e = t.run("docker run --entrypoint /bin/ps jhsong/df -aef");
    EXPECT_EQ(e.exit_code, 0);
    EXPECT_EQ(e.out.substr(e.out.find('\n') + 1), "root           1       0  0 12:00 ?        00:00:00 /bin/ps -aef\n");
}

TEST(DeployDockerBuildTest, ClassicBuilderOutputAndCache) {
    Scenario s;
    s.files["Dockerfile"] = "FROM ubuntu\nCMD [\"/bin/df\", \"-h\"]\n";
    Terminal t(s);
    // Ids are deterministic: content hashes of the layer's parent, instruction and files.
    EXPECT_EQ(t.run("docker build -t jhsong/df .").out,
              "Sending build context to Docker daemon  34B\n"
              "Step 1/2 : FROM ubuntu\n"
              "latest: Pulling from library/ubuntu\n"
              "df72bb3ebc1b: Pull complete\n"
              "Digest: sha256:1f5cf27217c950ed701adcbf607afaad\n"
              "Status: Downloaded newer image for ubuntu:latest\n"
              " ---> 4c1ac0806287\n"
              "Step 2/2 : CMD [\"/bin/df\", \"-h\"]\n"
              " ---> Running in c8bf80c59519\n"
              "Removing intermediate container c8bf80c59519\n"
              " ---> 564ed5e5ce21\n"
              "Successfully built 564ed5e5ce21\n"
              "Successfully tagged jhsong/df:latest\n");
    EXPECT_EQ(t.run("docker build -t jhsong/df .").out,
              "Sending build context to Docker daemon  34B\n"
              "Step 1/2 : FROM ubuntu\n"
              " ---> 4c1ac0806287\n"
              "Step 2/2 : CMD [\"/bin/df\", \"-h\"]\n"
              " ---> Using cache\n"
              " ---> 564ed5e5ce21\n"
              "Successfully built 564ed5e5ce21\n"
              "Successfully tagged jhsong/df:latest\n");
    EXPECT_EQ(t.run("docker images").out,
              "REPOSITORY   TAG       IMAGE ID       CREATED              SIZE\n"
              "jhsong/df    latest    564ed5e5ce21   About a minute ago   72.8MB\n"
              "ubuntu       latest    4c1ac0806287   4 weeks ago          72.8MB\n");
}

TEST(DeployDockerBuildTest, CopyChangeInvalidatesCacheFromThatStep) {
    Scenario s;
    s.files["Dockerfile"] = "FROM python:3.8.3-alpine\nWORKDIR /app\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n";
    s.files["app.py"] = "print(1)\n";
    Terminal t(s);
    ASSERT_EQ(t.run("docker build -t app .").exit_code, 0);
    t.run("echo 'print(2)' > app.py");
    auto r = t.run("docker build -t app .");
    EXPECT_NE(r.out.find("Step 2/4 : WORKDIR /app\n ---> Using cache\n"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Step 3/4 : COPY app.py .\n ---> Using cache"), std::string::npos) << r.out;
}

TEST(DeployDockerBuildTest, Errors) {
    Scenario s;
    s.files["Dockerfile"] = "FROM ubuntu\nCOPY missing.txt /\n";
    s.files["bad/Dockerfile"] = "FROM nosuchimage\n";
    s.files["run/Dockerfile"] = "FROM ubuntu\nRUN foo --bar\n";
    Terminal t(s);
    auto r = t.run("docker build .");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err,
              "COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: file does "
              "not exist\n");
    EXPECT_EQ(
        t.run("docker build bad").err,
        "Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require "
        "'docker login': denied: requested access to the resource is denied\n");
    auto run = t.run("docker build run");
    EXPECT_NE(run.out.find(" ---> Running in "), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("\n/bin/sh: 1: foo: not found\n"), std::string::npos) << run.out;
    EXPECT_EQ(run.err, "The command '/bin/sh -c foo --bar' returned a non-zero code: 127\n");
}

TEST(DeployDockerRunTest, ExecutableNotFound) {
    Scenario s;
    s.files["Dockerfile"] = "FROM ubuntu\nCMD [\"foo\"]\n";
    Terminal t(s);
    ASSERT_EQ(t.run("docker build -t x .").exit_code, 0);
    auto r = t.run("docker run x");
    EXPECT_EQ(r.exit_code, 127);
    EXPECT_EQ(
        r.err,
        "docker: Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container "
        "process caused: exec: \"foo\": executable file not found in $PATH: unknown.\n"
        "ERRO[0000] error waiting for container: context canceled\n");
    auto sh = t.run("docker run x sh -c 'foo; echo $?'");
    EXPECT_EQ(sh.out, "127\n");
    EXPECT_EQ(sh.err, "sh: 1: foo: not found\n");
}

TEST(DeployDockerRunTest, NameConflictPsAndRm) {
    Scenario s;
    s.files["Dockerfile"] = "FROM ubuntu\nCMD [\"/bin/df\", \"-h\"]\n";
    Terminal t(s);
    t.run("docker build -t jhsong/df .");
    t.run("docker run --name jhsong-df jhsong/df");
    auto again = t.run("docker run --name jhsong-df jhsong/df");
    EXPECT_EQ(again.exit_code, 125);
    EXPECT_EQ(again.err.substr(0, again.err.find(" by container")),
              "docker: Error response from daemon: Conflict. The container name \"/jhsong-df\" is already in use");
    std::string ps = t.run("docker ps -a").out;
    std::string id = t.world().containers.at("jhsong-df").id;
    EXPECT_EQ(
        ps, "CONTAINER ID   IMAGE       COMMAND        CREATED          STATUS                     PORTS     NAMES\n" +
                id +
                "   jhsong/df   \"/bin/df -h\"   10 seconds ago   Exited (0) 9 seconds ago             jhsong-df\n");
    EXPECT_EQ(t.run("docker rm jhsong-df").out, "jhsong-df\n");
    EXPECT_EQ(t.run("docker rm jhsong-df").err, "Error: No such container: jhsong-df\n");
}

}  // namespace
}  // namespace gramlab::deploy

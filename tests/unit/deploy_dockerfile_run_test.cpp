// Table-driven Dockerfile build + `docker run` cases, each from the Dockerfile reference
// (https://docs.docker.com/engine/reference/builder/) or the run reference
// (https://docs.docker.com/engine/reference/run/): what the container prints and its exit code.
#include <gtest/gtest.h>

#include "core/deploy/terminal.hpp"

namespace gramlab::deploy {
namespace {

struct RunCase {
    const char* name;
    const char* dockerfile;
    const char* run;       // the command typed after the build (image is tagged "t")
    const char* expected;  // stdout + "[err]" + stderr + "[exit]"
};

// Each case cites the section of the reference it checks.
const RunCase kCases[] = {
    // ENV: "The value will be in the environment for all subsequent instructions" and at run time.
    {"env_at_runtime", "FROM ubuntu\nENV GREETING=hello\nCMD echo $GREETING\n", "docker run t", "hello\n[0]"},
    {"env_legacy_form", "FROM ubuntu\nENV GREETING hello world\nCMD echo $GREETING\n", "docker run t",
     "hello world\n[0]"},
    // ENV substitution in later instructions ("Environment replacement").
    {"env_replacement_in_workdir", "FROM ubuntu\nENV APP=/srv/app\nWORKDIR $APP\nCMD pwd\n", "docker run t",
     "/srv/app\n[0]"},
    // WORKDIR: "If a relative path is provided, it will be relative to the path of the previous WORKDIR".
    {"workdir_relative", "FROM ubuntu\nWORKDIR /a\nWORKDIR b\nWORKDIR c\nCMD pwd\n", "docker run t", "/a/b/c\n[0]"},
    // RUN shell form runs /bin/sh -c; its filesystem changes are committed to the image.
    {"run_commits_files", "FROM ubuntu\nRUN mkdir -p /data && echo saved > /data/f\nCMD cat /data/f\n", "docker run t",
     "saved\n[0]"},
    // RUN exec form does not invoke a shell: no variable substitution.
    {"run_exec_no_shell",
     "FROM ubuntu\nENV X=1\nRUN [\"sh\", \"-c\", \"echo $X > /x\"]\nRUN [\"echo\", \"$X\"]\nCMD cat /x\n",
     "docker run t", "1\n[0]"},
    // CMD exec form: "does not invoke a command shell ... echo $HOME will not do variable substitution".
    {"cmd_exec_no_substitution", "FROM ubuntu\nCMD [\"echo\", \"$HOME\"]\n", "docker run t", "$HOME\n[0]"},
    {"cmd_shell_substitution", "FROM ubuntu\nCMD echo $HOME\n", "docker run t", "/root\n[0]"},
    // docker run args replace CMD.
    {"run_args_replace_cmd", "FROM ubuntu\nCMD [\"echo\", \"default\"]\n", "docker run t echo override",
     "override\n[0]"},
    // run args are appended to an exec-form ENTRYPOINT.
    {"run_args_appended_to_entrypoint", "FROM ubuntu\nENTRYPOINT [\"echo\", \"entry\"]\nCMD [\"default\"]\n",
     "docker run t given", "entry given\n[0]"},
    {"entrypoint_with_default_cmd", "FROM ubuntu\nENTRYPOINT [\"echo\", \"entry\"]\nCMD [\"default\"]\n",
     "docker run t", "entry default\n[0]"},
    // shell-form ENTRYPOINT "prevents any CMD or run command line arguments from being used".
    {"shell_entrypoint_ignores_args", "FROM ubuntu\nENTRYPOINT echo only\n", "docker run t ignored", "only\n[0]"},
    // --entrypoint overrides and clears the default command.
    {"entrypoint_flag", "FROM ubuntu\nENTRYPOINT [\"echo\", \"entry\"]\nCMD [\"default\"]\n",
     "docker run --entrypoint pwd t", "/\n[0]"},
    // The material's lesson.
    {"df_cmd_default", "FROM ubuntu\nCMD [\"/bin/df\", \"-h\"]\n", "docker run t | head",
     "[err]bash: line 1: head: command not found\n[127]"},
    {"df_entrypoint_with_ps", "FROM ubuntu\nENTRYPOINT [\"/bin/df\", \"-h\"]\n", "docker run t ps -aef",
     "[err]/bin/df: invalid option -- 'e'\nTry '/bin/df --help' for more information.\n[1]"},
    {"df_entrypoint_with_path", "FROM ubuntu\nENTRYPOINT [\"/bin/df\", \"-h\"]\n",
     "docker run t / > /dev/null; echo $?", "0\n[0]"},
    // Exit codes are the process's.
    {"exit_code", "FROM ubuntu\nCMD [\"sh\", \"-c\", \"exit 3\"]\n", "docker run t", "[3]"},
    {"unknown_program_in_shell_form", "FROM ubuntu\nCMD nosuch\n", "docker run t",
     "[err]/bin/sh: 1: nosuch: not found\n[127]"},
    {"missing_absolute_path", "FROM ubuntu\nCMD [\"/usr/bin/nosuch\"]\n", "docker run t",
     "[err]docker: Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container "
     "process "
     "caused: exec: \"/usr/bin/nosuch\": stat /usr/bin/nosuch: no such file or directory: unknown.\n"
     "ERRO[0000] error waiting for container: context canceled\n[127]"},
    // COPY: a directory's contents are copied, not the directory itself.
    {"copy_directory_contents", "FROM ubuntu\nCOPY cfg /etc/app/\nCMD ls /etc/app\n", "docker run t", "a.conf\n[0]"},
    // COPY: "If <dest> does not end with a trailing slash, it will be considered a regular file".
    {"copy_file_rename", "FROM ubuntu\nCOPY cfg/a.conf /etc/renamed\nCMD cat /etc/renamed\n", "docker run t",
     "x=1\n[0]"},
    // COPY relative destination is relative to WORKDIR.
    {"copy_relative_to_workdir", "FROM ubuntu\nWORKDIR /app\nCOPY cfg/a.conf .\nCMD ls /app\n", "docker run t",
     "a.conf\n[0]"},
    // ARG default values are visible to RUN during the build, not at run time.
    {"arg_default_in_build", "FROM ubuntu\nARG VERSION=1.2\nRUN echo $VERSION > /v\nCMD cat /v; echo [$VERSION]\n",
     "docker run t", "1.2\n[]\n[0]"},
    // Multi-stage: COPY --from a named stage.
    {"multi_stage_copy_from",
     "FROM ubuntu AS build\nRUN echo built > /artifact\nFROM alpine\nCOPY --from=build /artifact /artifact\n"
     "CMD cat /artifact\n",
     "docker run t", "built\n[0]"},
    // Alpine's busybox sh reports missing programs without a line number.
    {"alpine_sh_not_found", "FROM alpine\nCMD nosuch\n", "docker run t", "[err]/bin/sh: nosuch: not found\n[127]"},
    // python image: pip installs gunicorn's entry point.
    {"pip_installs_gunicorn",
     "FROM python:3.8.3-alpine\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
     "CMD [\"gunicorn\", \"--version\"]\n",
     "docker run t", "gunicorn (version 20.1.0)\n[0]"},
    {"gunicorn_missing_without_pip", "FROM python:3.8.3-alpine\nCMD [\"gunicorn\", \"--version\"]\n", "docker run t",
     "[err]docker: Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container "
     "process "
     "caused: exec: \"gunicorn\": executable file not found in $PATH: unknown.\n"
     "ERRO[0000] error waiting for container: context canceled\n[127]"},
    // nginx image: default CMD, config test of the stock config.
    {"nginx_config_test", "FROM nginx:1.19.0-alpine\n", "docker run t nginx -t",
     "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n"
     "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n"
     "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n"
     "/docker-entrypoint.sh: Configuration complete; ready for start up\n"
     "[err]nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
     "nginx: configuration file /etc/nginx/nginx.conf test is successful\n[0]"},
    {"nginx_bad_conf", "FROM nginx:1.19.0-alpine\nRUN echo 'server { listen 80; }}' > /etc/nginx/conf.d/default.conf\n",
     "docker run --entrypoint nginx t -t",
     "[err]nginx: [emerg] unexpected \"}\" in /etc/nginx/conf.d/default.conf:1\n"
     "nginx: configuration file /etc/nginx/nginx.conf test failed\n[1]"},
    // A container's filesystem changes do not reach the image.
    {"container_changes_not_in_image", "FROM ubuntu\nCMD [\"sh\", \"-c\", \"echo x > /tmp/f\"]\n",
     "docker run t && docker run t cat /tmp/f", "[err]cat: /tmp/f: No such file or directory\n[1]"},
};

class DeployDockerfileRunTest : public ::testing::TestWithParam<RunCase> {};

TEST_P(DeployDockerfileRunTest, Case) {
    const RunCase& c = GetParam();
    Scenario s;
    s.files["Dockerfile"] = c.dockerfile;
    s.files["cfg/a.conf"] = "x=1\n";
    s.files["requirements.txt"] = "gunicorn==20.1.0\n";
    Terminal t(s);
    auto b = t.run("docker build -t t .");
    ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
    auto r = t.run(c.run);
    EXPECT_EQ(r.out + (r.err.empty() ? "" : "[err]" + r.err) + "[" + std::to_string(r.exit_code) + "]", c.expected);
}

INSTANTIATE_TEST_SUITE_P(Reference, DeployDockerfileRunTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<RunCase>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace gramlab::deploy

// The sh subset's behaviour on the simulated host (POSIX XCU 2.x; dash/bash messages): expansion,
// quoting, && || ;, set -e, redirects, pipes, and the deterministic commands.
#include <gtest/gtest.h>

#include "core/deploy/terminal.hpp"

namespace gramlab::deploy {
namespace {

std::string run(Terminal& t, const std::string& line) {
    CommandResult r = t.run(line);
    return r.out + (r.err.empty() ? "" : "[err]" + r.err) + "[" + std::to_string(r.exit_code) + "]";
}

TEST(DeployShellTest, ExpansionAndQuoting) {
    Terminal t(Scenario{});
    EXPECT_EQ(run(t, "X=hello; echo \"$X world\" '$X' ${X}s \\$X"), "hello world $X hellos $X\n[0]");
    EXPECT_EQ(run(t, "echo ${NOPE:-fallback} ${NOPE-unset} [${NOPE}]"), "fallback unset []\n[0]");
    EXPECT_EQ(run(t, "E=; echo [${E:-a}] [${E-b}]"), "[a] []\n[0]");
    EXPECT_EQ(run(t, "echo ${NOPE:?must be set}; echo after"), "[err]bash: line 1: NOPE: must be set\n[2]");
    EXPECT_EQ(run(t, "echo $(echo inner) \"$HOME\""), "inner /home/ubuntu\n[0]");
}

TEST(DeployShellTest, AndOrSequenceAndStatus) {
    Terminal t(Scenario{});
    EXPECT_EQ(run(t, "false && echo no || echo yes; echo $?"), "yes\n0\n[0]");
    EXPECT_EQ(run(t, "true || echo no; false; echo $?"), "1\n[0]");
    EXPECT_EQ(run(t, "foo; echo $?"), "127\n[err]bash: line 1: foo: command not found\n[0]");
}

TEST(DeployShellTest, SetEStopsAtFirstFailure) {
    Terminal t(Scenario{});
    EXPECT_EQ(run(t, "set -e\necho one\nfalse || echo handled\ncat missing.txt\necho not reached"),
              "one\nhandled\n[err]cat: missing.txt: No such file or directory\n[1]");
}

TEST(DeployShellTest, RedirectsAndPipes) {
    Terminal t(Scenario{});
    EXPECT_EQ(run(t, "echo a > f.txt && echo b >> f.txt && cat f.txt"), "a\nb\n[0]");
    EXPECT_EQ(run(t, "echo x > /nope/f.txt"),
              "[err]bash: line 1: cannot create /nope/f.txt: Directory nonexistent\n[2]");
    EXPECT_EQ(run(t, "cat missing 2> err.txt; cat err.txt"), "cat: missing: No such file or directory\n[0]");
    EXPECT_EQ(run(t, "echo piped | cat"), "piped\n[0]");
    EXPECT_EQ(run(t, "cat missing 2>&1 > /dev/null | cat"), "cat: missing: No such file or directory\n[0]");
}

TEST(DeployShellTest, FileCommands) {
    Terminal t(Scenario{});
    EXPECT_EQ(run(t, "mkdir a && mkdir a"), "[err]mkdir: cannot create directory ‘a’: File exists\n[1]");
    EXPECT_EQ(run(t, "mkdir x/y"), "[err]mkdir: cannot create directory ‘x/y’: No such file or directory\n[1]");
    EXPECT_EQ(run(t, "mkdir -p x/y && echo hi > x/y/f && cp -r x z && ls z/y && cat z/y/f"), "f\nhi\n[0]");
    EXPECT_EQ(run(t, "rm x"), "[err]rm: cannot remove 'x': Is a directory\n[1]");
    EXPECT_EQ(run(t, "rm -rf x && ls x"), "[err]ls: cannot access 'x': No such file or directory\n[2]");
    EXPECT_EQ(run(t, "cp nope z"), "[err]cp: cannot stat 'nope': No such file or directory\n[1]");
    EXPECT_EQ(run(t, "cd /tmp && pwd && cd /nowhere"),
              "/tmp\n[err]bash: line 1: cd: /nowhere: No such file or directory\n[1]");
}

TEST(DeployShellTest, ScriptsRunWithTheirShell) {
    Terminal t(Scenario{});
    t.run("echo 'echo from script; foo' > s.sh");
    EXPECT_EQ(run(t, "sh s.sh"), "from script\n[err]s.sh: 1: foo: not found\n[127]");
    EXPECT_EQ(run(t, "sh nope.sh"), "[err]sh: 0: Can't open nope.sh\n[2]");
    EXPECT_EQ(run(t, "sh -c 'echo $0 $1' a b"), "a b\n[0]");
    EXPECT_EQ(run(t, "sh -c 'echo \"unterminated'"), "[err]sh: 1: Syntax error: Unterminated quoted string\n[2]");
}

TEST(DeployShellTest, DfAndPsOnTheHost) {
    Terminal t(Scenario{});
    EXPECT_EQ(run(t, "df -h"),
              "Filesystem      Size  Used Avail Use% Mounted on\n/dev/root       7.6G  3.1G  4.5G  41% /\n"
              "tmpfs           483M     0  483M   0% /dev/shm\ntmpfs           194M  848K  193M   1% /run\n[0]");
    EXPECT_EQ(run(t, "df -z"), "[err]df: invalid option -- 'z'\nTry 'df --help' for more information.\n[1]");
    EXPECT_EQ(run(t, "whoami && sudo whoami"), "ubuntu\nroot\n[0]");
}

}  // namespace
}  // namespace gramlab::deploy

// GitHub Actions: expressions and contexts (docs "Expressions", "Contexts"), `if:` with the
// implicit success(), secrets (a missing secret is an empty string), env at three levels, and
// failure skipping later steps (docs "Workflow syntax").
#include <gtest/gtest.h>

#include "core/deploy/actions_runner.hpp"
#include "core/deploy/workflow.hpp"

namespace gramlab::deploy {
namespace {

ExprContext ctx() {
    ExprContext c;
    c.secrets = {{"HOST", "13.125.0.10"}};
    c.env = {{"STAGE", "prod"}};
    c.github = {{"ref", "refs/heads/main"}, {"event_name", "push"}};
    return c;
}

TEST(DeployExpressionTest, ContextsAndMissingSecret) {
    EXPECT_EQ(substitute_expressions("ssh ${{ secrets.HOST }}", ctx()).value(), "ssh 13.125.0.10");
    EXPECT_EQ(substitute_expressions("[${{ secrets.NOPE }}]", ctx()).value(), "[]");
    EXPECT_EQ(substitute_expressions("${{ env.STAGE }}-${{ github.ref }}", ctx()).value(), "prod-refs/heads/main");
}

TEST(DeployExpressionTest, Operators) {
    EXPECT_EQ(eval_expression("github.ref == 'refs/heads/main'", ctx()).value(), "true");
    EXPECT_EQ(eval_expression("github.ref != 'refs/heads/main'", ctx()).value(), "false");
    EXPECT_EQ(eval_expression("env.STAGE == 'PROD'", ctx()).value(), "true");  // case-insensitive strings
    EXPECT_EQ(eval_expression("!(github.event_name == 'push') || env.STAGE", ctx()).value(), "prod");
    EXPECT_EQ(eval_expression("secrets.NOPE && 'x'", ctx()).value(), "");
}

TEST(DeployExpressionTest, Errors) {
    EXPECT_EQ(eval_expression("foo.bar", ctx()).error().message,
              "Unrecognized expression 'foo.bar': Unrecognized named-value: 'foo'");
    EXPECT_EQ(eval_expression("'abc", ctx()).error().message, "Unrecognized expression ''abc': Unterminated string");
}

TEST(DeployExpressionTest, IfConditions) {
    ExprContext c = ctx();
    EXPECT_TRUE(eval_condition("", c).value());
    EXPECT_TRUE(eval_condition("github.ref == 'refs/heads/main'", c).value());
    EXPECT_TRUE(eval_condition("${{ github.ref == 'refs/heads/main' }}", c).value());
    c.job_failed = true;
    EXPECT_FALSE(eval_condition("", c).value());                                 // implicit success()
    EXPECT_FALSE(eval_condition("github.ref == 'refs/heads/main'", c).value());  // still implicit success()
    EXPECT_TRUE(eval_condition("failure()", c).value());
    EXPECT_TRUE(eval_condition("always()", c).value());
}

TEST(DeployWorkflowModelTest, TriggersJobsSteps) {
    auto wf = parse_workflow(
        "name: CI\non:\n  push:\n    branches: [ main ]\n  workflow_dispatch:\nenv:\n  A: 1\njobs:\n"
        "  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v2\n"
        "      - run: echo hi\n        env:\n          B: 2\n",
        "ci.yml");
    ASSERT_TRUE(wf.ok()) << wf.error().message;
    EXPECT_EQ(wf->events, (std::vector<std::string>{"push", "workflow_dispatch"}));
    EXPECT_EQ(wf->branches, (std::vector<std::string>{"main"}));
    EXPECT_EQ(wf->jobs[0].steps[0].name, "Run actions/checkout@v2");
    EXPECT_EQ(wf->jobs[0].steps[1].name, "Run echo hi");
    EXPECT_EQ(wf->jobs[0].steps[1].env[0].second, "2");
}

TEST(DeployWorkflowModelTest, StepNeedsRunOrUses) {
    auto wf = parse_workflow("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - name: nothing\n", "w.yml");
    ASSERT_FALSE(wf.ok());
    EXPECT_EQ(wf.error().message,
              "w.yml (Line: 6, Col: 9): There's not enough info to determine what you meant. Add one of "
              "these properties: run, shell, uses, with, working-directory");
}

// Runs a workflow on an empty world and returns "status title" per step plus the logs of run: steps.
std::string run_wf(const std::string& yaml, const std::map<std::string, std::string>& secrets = {}) {
    auto wf = parse_workflow(yaml, "w.yml");
    if (!wf.ok()) return wf.error().to_string();
    World w;
    Timeline tl(w);
    DeployContext ctx{w, &tl, nullptr, {}};
    ActionsRun run;
    run.secrets = secrets;
    run_workflow(ctx, wf.value(), run);
    tl.end();
    std::string out;
    for (const auto& s : tl.steps()) {
        out += s.status + " " + s.title + "\n";
        for (const auto& l : s.logs)
            if (l.rfind("Run ", 0) != 0 && l.rfind("shell:", 0) != 0 && l.rfind("env:", 0) != 0 &&
                l.rfind("  ", 0) != 0 && l.rfind("Current", 0) != 0 && l.rfind("Operating", 0) != 0 &&
                l.rfind("Prepare", 0) != 0 && l.rfind("Download", 0) != 0 && l.rfind("Cleaning", 0) != 0)
                out += "  | " + l + "\n";
    }
    return out;
}

TEST(DeployActionsRunTest, EnvLevelsAndSecrets) {
    EXPECT_EQ(run_wf("on: push\nenv:\n  A: wf\n  B: wf\n  C: wf\njobs:\n  j:\n    runs-on: ubuntu-latest\n    env:\n   "
                     "   B: job\n"
                     "      C: job\n    steps:\n      - run: echo $A $B $C [${{ secrets.MISSING }}] ${{ secrets.TOKEN "
                     "}}\n        env:\n"
                     "          C: step\n",
                     {{"TOKEN", "s3cr3t"}}),
              "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\n"
              "ok Job j: Set up job\n"
              "ok Job j: Run echo $A $B $C [${{ secrets.MISSING }}] ${{ secrets.TOKEN }}\n"
              "  | wf job step [] ***\n"
              "ok Job j: Complete job\n");
}

TEST(DeployActionsRunTest, FailureSkipsLaterStepsUnlessAlways) {
    EXPECT_EQ(run_wf("on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - name: one\n        run: "
                     "|\n          echo a\n"
                     "          false\n          echo not reached\n      - name: two\n        run: echo b\n"
                     "      - name: cleanup\n        if: always()\n        run: echo c\n      - name: on failure\n"
                     "        if: failure()\n        run: echo d\n"),
              "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\n"
              "ok Job j: Set up job\n"
              "failed Job j: one\n"
              "  | a\n"
              "  | Error: Process completed with exit code 1.\n"
              "skipped Job j: two\n"
              "  | (skipped: a previous step failed)\n"
              "ok Job j: cleanup\n"
              "  | c\n"
              "ok Job j: on failure\n"
              "  | d\n"
              "failed Job j: Complete job\n");
}

TEST(DeployActionsRunTest, IfFalseSkipsAndBranchFilter) {
    EXPECT_EQ(
        run_wf("on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - name: s\n        if: github.event_name == "
               "'pull_request'\n"
               "        run: echo x\n"),
        "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\nok Job j: Set up job\n"
        "skipped Job j: s\n  | (skipped: if: github.event_name == 'pull_request' is false)\nok Job j: Complete job\n");
    EXPECT_EQ(
        run_wf(
            "on:\n  push:\n    branches: [ release ]\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: echo x\n"),
        "ok GitHub Actions: no workflow run (push to main does not match on.push.branches)\n");
    EXPECT_EQ(run_wf("on: pull_request\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: echo x\n"),
              "ok GitHub Actions: no workflow run (\"w.yml\" is not triggered by push)\n");
}

TEST(DeployActionsRunTest, SshActionWithoutHost) {
    EXPECT_EQ(run_wf("on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - name: ssh\n        uses: "
                     "appleboy/ssh-action@master\n"
                     "        with:\n          host: ${{ secrets.HOST }}\n          key: k\n          script: ls\n"),
              "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\nok Job j: Set up job\n"
              "failed Job j: ssh\n  | 2021/10/07 12:00:00 Error: missing server host\n"
              "  | Error: Process completed with exit code 1.\nfailed Job j: Complete job\n");
}

}  // namespace
}  // namespace gramlab::deploy

namespace gramlab::deploy {
namespace {

// More runner cases, each from the workflow syntax / contexts documentation.
TEST(DeployActionsRunTest, StepEnvDoesNotLeakToLaterSteps) {
    EXPECT_EQ(run_wf("on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: echo [$A]\n        env:\n        "
                     "  A: one\n"
                     "      - run: echo [$A]\n"),
              "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\nok Job j: Set up job\n"
              "ok Job j: Run echo [$A]\n  | [one]\nok Job j: Run echo [$A]\n  | []\nok Job j: Complete job\n");
}

TEST(DeployActionsRunTest, RunStepsShareTheWorkspaceNotTheShell) {
    // Each run: is a new shell (variables are gone) in the same workspace (files stay).
    EXPECT_EQ(run_wf("on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: X=1; echo data > f.txt\n"
                     "      - run: echo [$X] $(cat f.txt) $(pwd)\n"),
              "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\nok Job j: Set up job\n"
              "ok Job j: Run X=1; echo data > f.txt\n"
              "ok Job j: Run echo [$X] $(cat f.txt) $(pwd)\n  | [] data /home/runner/work/gramlab-app/gramlab-app\n"
              "ok Job j: Complete job\n");
}

TEST(DeployActionsRunTest, BashEFailsOnFirstError) {
    // run: uses `bash -e {0}`: a failing command ends the step.
    EXPECT_EQ(run_wf("on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - name: s\n        run: |\n          ls "
                     "nope\n          echo after\n"),
              "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\nok Job j: Set up job\n"
              "failed Job j: s\n  | ls: cannot access 'nope': No such file or directory\n  | Error: Process completed "
              "with exit code 2.\n"
              "failed Job j: Complete job\n");
}

TEST(DeployActionsRunTest, MissingSecretIsEmptyAndCreateEnvFile) {
    // The material's "create env file" step with the secret missing: .env holds one empty line.
    auto wf = parse_workflow(
        "on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: |\n          touch .env\n"
        "          echo \"${{ secrets.ENV_VARS }}\" >> .env\n",
        "w.yml");
    ASSERT_TRUE(wf.ok());
    World w;
    Timeline tl(w);
    DeployContext ctx{w, &tl, nullptr, {}};
    ActionsRun run;
    EXPECT_TRUE(run_workflow(ctx, wf.value(), run));
    EXPECT_EQ(*w.runner.read(runner_workspace(run) + "/.env"), "\n");
    run.secrets["ENV_VARS"] = "A=1\nB=2";
    EXPECT_TRUE(run_workflow(ctx, wf.value(), run));
    EXPECT_EQ(*w.runner.read(runner_workspace(run) + "/.env"), "\nA=1\nB=2\n");  // >> appends
}

TEST(DeployActionsRunTest, RsyncWithoutRemoteDirectoryFails) {
    // Without the mkdir step, rsync cannot create /home/ubuntu/srv/ubuntu (two levels).
    auto wf = parse_workflow(
        "on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v2\n"
        "      - name: copy\n        uses: burnett01/rsync-deployments@4.1\n        with:\n"
        "          switches: -avzr --delete\n          remote_path: /home/ubuntu/srv/ubuntu/\n"
        "          remote_host: h\n          remote_user: ubuntu\n          remote_key: k\n",
        "w.yml");
    ASSERT_TRUE(wf.ok());
    World w;
    w.repo.write("/app.py", "x\n");
    Timeline tl(w);
    DeployContext ctx{w, &tl, nullptr, {}};
    EXPECT_FALSE(run_workflow(ctx, wf.value(), ActionsRun{}));
    tl.end();
    std::string logs;
    for (const auto& l : tl.steps()[3].logs) logs += l + "\n";
    EXPECT_EQ(logs.substr(logs.find("rsync: mkdir")),
              "rsync: mkdir \"/home/ubuntu/srv/ubuntu\" failed: No such file or directory (2)\n"
              "rsync error: error in file IO (code 11) at main.c(682) [Receiver=3.1.3]\n"
              "Error: Process completed with exit code 11.\n");
}

TEST(DeployActionsRunTest, UnknownActionIsASimulatedSuccess) {
    EXPECT_EQ(
        run_wf(
            "on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v2\n        with:\n"
            "          python-version: 3.8\n"),
        "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\nok Job j: Set up job\n"
        "ok Job j: Run actions/setup-python@v2\n  | (simulated: actions/setup-python is not modelled; treated as a "
        "success)\n"
        "ok Job j: Complete job\n");
}

TEST(DeployActionsRunTest, JobIfFalseSkipsTheJob) {
    EXPECT_EQ(run_wf("on: push\njobs:\n  j:\n    runs-on: x\n    if: github.ref == 'refs/heads/release'\n    steps:\n  "
                     "    - run: echo x\n"),
              "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\nskipped Job j: Set up job\n");
}

TEST(DeployActionsRunTest, ExpressionErrorFailsTheStep) {
    EXPECT_EQ(
        run_wf(
            "on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - name: s\n        run: echo ${{ secret.X }}\n"),
        "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\nok Job j: Set up job\n"
        "failed Job j: s\n  | Error: Unrecognized expression ' secret.X ': Unrecognized named-value: 'secret'\n"
        "failed Job j: Complete job\n");
}

}  // namespace
}  // namespace gramlab::deploy

namespace gramlab::deploy {
namespace {

// jobs.<id>.needs: "Identifies any jobs that must complete successfully before this job will run."
TEST(DeployActionsRunTest, NeedsOrdersJobsAndSkipsAfterFailure) {
    EXPECT_EQ(
        run_wf("on: push\njobs:\n  deploy:\n    needs: test\n    runs-on: x\n    steps:\n      - run: echo deploying\n"
               "  test:\n    runs-on: x\n    steps:\n      - run: echo testing\n"),
        "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\n"
        "ok Job test: Set up job\nok Job test: Run echo testing\n  | testing\nok Job test: Complete job\n"
        "ok Job deploy: Set up job\nok Job deploy: Run echo deploying\n  | deploying\nok Job deploy: Complete job\n");
    EXPECT_EQ(run_wf("on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: exit 1\n"
                     "  deploy:\n    needs: [test]\n    runs-on: x\n    steps:\n      - run: echo deploying\n"),
              "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\n"
              "ok Job test: Set up job\nfailed Job test: Run exit 1\n  | Error: Process completed with exit code 1.\n"
              "failed Job test: Complete job\nskipped Job deploy: skipped (a needed job did not succeed)\n");
}

}  // namespace
}  // namespace gramlab::deploy

namespace gramlab::deploy {
namespace {

// jobs.<job_id>.steps[*].continue-on-error: "Prevents a job from failing when a step fails."
TEST(DeployActionsRunTest, ContinueOnErrorKeepsTheJobGoing) {
    EXPECT_EQ(run_wf("on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - name: lint\n        run: exit 4\n"
                     "        continue-on-error: true\n      - name: next\n        run: echo next\n"),
              "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\nok Job j: Set up job\n"
              "failed Job j: lint\n  | Error: Process completed with exit code 4.\n"
              "ok Job j: next\n  | next\nok Job j: Complete job\n");
}

// jobs.<job_id>.steps[*].working-directory, relative to the workspace; a missing folder fails
// the step before the shell starts.
TEST(DeployActionsRunTest, WorkingDirectory) {
    EXPECT_EQ(
        run_wf("on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: mkdir -p app/sub\n"
               "      - run: pwd\n        working-directory: app/sub\n      - name: missing\n        run: pwd\n"
               "        working-directory: nope\n"),
        "ok GitHub Actions: workflow \"w.yml\" triggered by push to main\nok Job j: Set up job\n"
        "ok Job j: Run mkdir -p app/sub\n"
        "ok Job j: Run pwd\n  | /home/runner/work/gramlab-app/gramlab-app/app/sub\n"
        "failed Job j: missing\n  | Error: An error occurred trying to start process '/usr/bin/bash' with working "
        "directory '/home/runner/work/gramlab-app/gramlab-app/nope'. No such file or directory\n"
        "failed Job j: Complete job\n");
}

}  // namespace
}  // namespace gramlab::deploy

// Job/step execution with the runner's log format ("Run actions/checkout@v2", "shell: /usr/bin/bash -e {0}",
// "Error: Process completed with exit code 1.") and the modelled actions.
#include "core/deploy/actions_runner.hpp"

#include <algorithm>
#include <set>

#include "core/deploy/rsync.hpp"
#include "core/deploy/shell.hpp"

namespace gramlab::deploy {

std::string runner_workspace(const ActionsRun& run) {
    std::string name = run.repository.substr(run.repository.find('/') + 1);
    return "/home/runner/work/" + name + "/" + name;
}

namespace {

// Masks secrets as the runner does: each registered value (and each line of a multi-line one) → "***".
std::string masked(const DeployContext& ctx, std::string line) {
    for (const auto& m : ctx.log_masks) {
        if (m.empty()) continue;
        size_t p = 0;
        while ((p = line.find(m, p)) != std::string::npos) {
            line.replace(p, m.size(), "***");
            p += 3;
        }
    }
    return line;
}

// Writes text to the timeline with a prefix on every line ("out: ", "err: ").
struct Prefixer {
    DeployContext& ctx;
    std::string prefix;
    std::string pending;
    void write(const std::string& s) {
        pending += s;
        size_t nl;
        while ((nl = pending.find('\n')) != std::string::npos) {
            if (ctx.timeline) ctx.timeline->log(masked(ctx, prefix + pending.substr(0, nl)));
            pending.erase(0, nl + 1);
        }
    }
    void flush() {
        if (!pending.empty() && ctx.timeline) ctx.timeline->log(masked(ctx, prefix + pending));
        pending.clear();
    }
};

void log(DeployContext& ctx, const std::string& line) {
    if (ctx.timeline) ctx.timeline->log(masked(ctx, line));
}

std::string with(const StrPairs& w, const std::string& key) {
    for (const auto& [k, v] : w)
        if (k == key) return v;
    return "";
}

// appleboy/ssh-action (drone-ssh): runs `script` on the host as `username`.
int ssh_action(DeployContext& ctx, const StrPairs& w) {
    std::string host = with(w, "host"), user = with(w, "username"), key = with(w, "key"), script = with(w, "script");
    if (host.empty()) {
        log(ctx, "2021/10/07 12:00:00 Error: missing server host");
        return 1;
    }
    if (key.empty() && with(w, "password").empty()) {
        log(ctx,
            "2021/10/07 12:00:00 ssh: handshake failed: ssh: unable to authenticate, attempted methods [none], no "
            "supported methods remain");
        return 1;
    }
    if (!ctx.world.host_alive) {
        log(ctx, "2021/10/07 12:00:00 dial tcp " + host + ":22: i/o timeout");
        return 1;
    }
    log(ctx, "======CMD======");
    size_t p = 0;
    while (p < script.size()) {
        size_t nl = script.find('\n', p);
        log(ctx, script.substr(p, nl == std::string::npos ? std::string::npos : nl - p));
        p = nl == std::string::npos ? script.size() : nl + 1;
    }
    log(ctx, "======END======");
    Shell sh(ctx, MachineKind::kHost);
    sh.user = user.empty() ? "root" : user;
    sh.cwd = user == "root" || user.empty() ? "/root" : "/home/" + user;
    if (!ctx.world.host.is_dir(sh.cwd)) ctx.world.host.mkdir_p(sh.cwd);
    Prefixer out{ctx, "out: ", ""}, err{ctx, "err: ", ""};
    Io io;
    io.out.sink = [&out](const std::string& s) { out.write(s); };
    io.err.sink = [&err](const std::string& s) { err.write(s); };
    int code = sh.run_script(script, "bash", io);
    out.flush();
    err.flush();
    if (code != 0) log(ctx, "2021/10/07 12:00:00 Process exited with status " + std::to_string(code));
    return code;
}

// burnett01/rsync-deployments: rsync $switches $path user@host:$remote_path
int rsync_action(DeployContext& ctx, const StrPairs& w, const std::string& workspace) {
    std::string switches = with(w, "switches"), path = with(w, "path"), remote = with(w, "remote_path");
    std::string host = with(w, "remote_host"), user = with(w, "remote_user"), key = with(w, "remote_key");
    if (host.empty()) {
        log(ctx, "ssh: Could not resolve hostname : Name or service not known");
        log(ctx, "rsync: connection unexpectedly closed (0 bytes received so far) [sender]");
        log(ctx, "rsync error: unexplained error (code 255) at io.c(235) [sender=3.1.3]");
        return 255;
    }
    if (key.empty()) {
        log(ctx, user + "@" + host + ": Permission denied (publickey).");
        log(ctx, "rsync: connection unexpectedly closed (0 bytes received so far) [sender]");
        log(ctx, "rsync error: unexplained error (code 255) at io.c(235) [sender=3.1.3]");
        return 255;
    }
    std::string src = workspace + "/" + (path.empty() ? "" : path);
    if (src.back() != '/' && (path.empty() || path == "." || path == "./")) src += "/";
    log(ctx, "rsync " + switches + " -e 'ssh -p 22 -i /root/.ssh/id_rsa -o StrictHostKeyChecking=no' " +
                 (path.empty() ? "./" : path) + " " + user + "@" + host + ":" + remote);
    RsyncResult r = rsync(ctx.world.runner, src, ctx.world.host, remote, parse_rsync_switches(switches));
    Prefixer out{ctx, "", ""};
    out.write(r.out);
    out.write(r.err);
    out.flush();
    return r.exit_code;
}

}  // namespace

bool run_workflow(DeployContext& ctx, const Workflow& wf, const ActionsRun& run) {
    World& w = ctx.world;
    if (std::find(wf.events.begin(), wf.events.end(), run.event) == wf.events.end()) {
        ctx.step("GitHub Actions: no workflow run (\"" + wf.name + "\" is not triggered by " + run.event + ")");
        return true;
    }
    if (!wf.branches.empty() && std::find(wf.branches.begin(), wf.branches.end(), run.branch) == wf.branches.end()) {
        ctx.step("GitHub Actions: no workflow run (push to " + run.branch + " does not match on.push.branches)");
        return true;
    }
    ctx.step("GitHub Actions: workflow \"" + wf.name + "\" triggered by " + run.event + " to " + run.branch);
    std::vector<std::string> saved_masks = ctx.log_masks;
    for (const auto& [k, v] : run.secrets) {
        size_t p = 0;
        while (p < v.size()) {
            size_t nl = v.find('\n', p);
            std::string line = v.substr(p, nl == std::string::npos ? std::string::npos : nl - p);
            if (line.size() > 2) ctx.log_masks.push_back(line);
            p = nl == std::string::npos ? v.size() : nl + 1;
        }
    }
    std::sort(ctx.log_masks.begin(), ctx.log_masks.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    w.runner_status = "queued";
    bool all_ok = true;
    std::string workspace = runner_workspace(run);
    // Jobs run after the jobs they `needs:` (file order otherwise); a job whose need failed or
    // was skipped is skipped, as GitHub does without an `if:` status function.
    std::vector<const WorkflowJob*> order;
    std::set<std::string> placed;
    while (order.size() < wf.jobs.size()) {
        bool progress = false;
        for (const auto& job : wf.jobs) {
            if (placed.count(job.id)) continue;
            bool ready = true;
            for (const auto& n : job.needs)
                ready &= placed.count(n) > 0 ||
                         !std::any_of(wf.jobs.begin(), wf.jobs.end(), [&n](const WorkflowJob& j) { return j.id == n; });
            if (!ready) continue;
            order.push_back(&job);
            placed.insert(job.id);
            progress = true;
        }
        if (!progress) {  // a cycle: GitHub rejects the file; run the rest in file order
            for (const auto& job : wf.jobs)
                if (!placed.count(job.id)) order.push_back(&job), placed.insert(job.id);
        }
    }
    std::set<std::string> not_succeeded;
    for (const WorkflowJob* jp : order) {
        const WorkflowJob& job = *jp;
        bool blocked = false;
        for (const auto& n : job.needs) blocked |= not_succeeded.count(n) > 0;
        if (blocked) {
            ctx.step("Job " + job.id + ": skipped (a needed job did not succeed)");
            ctx.mark("skipped");
            not_succeeded.insert(job.id);
            continue;
        }
        ExprContext ex;
        ex.secrets = run.secrets;
        ex.github = {{"sha", w.pushed_commit},       {"ref", "refs/heads/" + run.branch},
                     {"repository", run.repository}, {"event_name", run.event},
                     {"actor", "learner"},           {"workspace", workspace}};
        for (const auto& [k, v] : wf.env)
            ex.env[k] = substitute_expressions(v, ex).ok() ? substitute_expressions(v, ex).value() : v;
        for (const auto& [k, v] : job.env)
            ex.env[k] = substitute_expressions(v, ex).ok() ? substitute_expressions(v, ex).value() : v;
        ctx.step("Job " + job.id + ": Set up job");
        w.runner_status = "in_progress";
        w.runner.mkdir_p(workspace);
        log(ctx, "Current runner version: '2.283.3'");
        log(ctx, "Operating System");
        log(ctx, "  Ubuntu");
        log(ctx, "  20.04.3");
        log(ctx, "  LTS");
        log(ctx, "Prepare workflow directory");
        log(ctx, "Prepare all required actions");
        for (const auto& st : job.steps)
            if (!st.uses.empty()) log(ctx, "Download action repository '" + st.uses + "'");
        if (!job.if_expr.empty()) {
            auto cond = eval_condition(job.if_expr, ex);
            if (cond.ok() && !cond.value()) {
                ctx.mark("skipped");
                not_succeeded.insert(job.id);
                continue;
            }
        }
        bool failed = false;
        for (const auto& st : job.steps) {
            ctx.step("Job " + job.id + ": " + st.name);
            ExprContext sx = ex;
            sx.job_failed = failed;
            for (const auto& [k, v] : st.env) {
                auto s = substitute_expressions(v, sx);
                sx.env[k] = s.ok() ? s.value() : v;
            }
            auto cond = eval_condition(st.if_expr, sx);
            if (!cond.ok()) {
                log(ctx, "Error: " + cond.error().message);
                ctx.mark("failed");
                failed = true;
                continue;
            }
            if (!cond.value()) {
                log(ctx, failed ? "(skipped: a previous step failed)" : "(skipped: if: " + st.if_expr + " is false)");
                ctx.mark("skipped");
                continue;
            }
            int code = 0;
            if (!st.run.empty()) {
                auto script = substitute_expressions(st.run, sx);
                if (!script.ok()) {
                    log(ctx, "Error: " + script.error().message);
                    ctx.mark("failed");
                    failed = true;
                    continue;
                }
                size_t p = 0;
                bool first = true;
                while (p < script->size()) {
                    size_t nl = script->find('\n', p);
                    std::string line = script->substr(p, nl == std::string::npos ? std::string::npos : nl - p);
                    log(ctx, (first ? "Run " : "    ") + line);
                    first = false;
                    p = nl == std::string::npos ? script->size() : nl + 1;
                }
                log(ctx, "shell: /usr/bin/bash -e {0}");
                if (!sx.env.empty()) {
                    log(ctx, "env:");
                    for (const auto& [k, v] : sx.env) log(ctx, "  " + k + ": " + v);
                }
                Shell sh(ctx, MachineKind::kRunner);
                sh.cwd = st.working_directory.empty() ? workspace : Fs::normalize(st.working_directory, workspace);
                if (!w.runner.is_dir(sh.cwd)) {
                    log(ctx,
                        "Error: An error occurred trying to start process '/usr/bin/bash' with working "
                        "directory '" +
                            sh.cwd + "'. No such file or directory");
                    ctx.mark("failed");
                    failed = failed || !st.continue_on_error;
                    continue;
                }
                sh.errexit = true;
                for (const auto& [k, v] : sx.env) sh.vars[k] = v;
                sh.vars["GITHUB_WORKSPACE"] = workspace;
                sh.vars["GITHUB_SHA"] = w.pushed_commit;
                Prefixer out{ctx, "", ""};
                Io io;
                io.out.sink = [&out](const std::string& s) { out.write(s); };
                io.err.sink = [&out](const std::string& s) { out.write(s); };
                code = sh.run_script(script.value(), "/home/runner/work/_temp/step.sh", io);
                out.flush();
                if (code != 0) log(ctx, "Error: Process completed with exit code " + std::to_string(code) + ".");
            } else {
                StrPairs inputs;
                for (const auto& [k, v] : st.with) {
                    auto s = substitute_expressions(v, sx);
                    inputs.emplace_back(k, s.ok() ? s.value() : v);
                }
                log(ctx, "Run " + st.uses);
                log(ctx, "  with:");
                for (const auto& [k, v] : inputs) log(ctx, "    " + k + ": " + v.substr(0, v.find('\n')));
                std::string action = st.uses.substr(0, st.uses.find('@'));
                if (action == "actions/checkout") {
                    w.runner.remove(workspace);
                    w.runner.copy_tree(w.repo, "/", workspace);
                    log(ctx, "Syncing repository: " + run.repository);
                    log(ctx, "HEAD is now at " + w.pushed_commit.substr(0, 7) + " deploy");
                } else if (action == "appleboy/ssh-action") {
                    code = ssh_action(ctx, inputs);
                } else if (action == "burnett01/rsync-deployments") {
                    code = rsync_action(ctx, inputs, workspace);
                } else {
                    log(ctx, "(simulated: " + action + " is not modelled; treated as a success)");
                }
                if (code != 0) log(ctx, "Error: Process completed with exit code " + std::to_string(code) + ".");
            }
            if (code != 0) {
                // continue-on-error: the step shows its failure, the job goes on as if it passed.
                ctx.mark("failed");
                failed = failed || !st.continue_on_error;
            }
        }
        ctx.step("Job " + job.id + ": Complete job");
        log(ctx, "Cleaning up orphan processes");
        if (failed) {
            ctx.mark("failed");
            all_ok = false;
            not_succeeded.insert(job.id);
        }
    }
    w.runner_status = all_ok ? "completed: success" : "completed: failure";
    ctx.log_masks = saved_masks;
    return all_ok;
}

}  // namespace gramlab::deploy

// The GitHub Actions runner: runs a parsed workflow's jobs and steps on the simulated runner
// (ubuntu-latest) — env at workflow/job/step level, `${{ secrets.X }}` (missing = ""), `if:`,
// failure skipping later steps — with the three actions of the default workflow modelled by
// what they do: actions/checkout, appleboy/ssh-action (runs `script` on the host) and
// burnett01/rsync-deployments (rsync workspace → host with the given switches).
#pragma once

#include <map>
#include <string>

#include "core/deploy/context.hpp"
#include "core/deploy/workflow.hpp"

namespace gramlab::deploy {

struct ActionsRun {
    std::string repository = "learner/gramlab-app";
    std::string branch = "main";
    std::string event = "push";
    std::map<std::string, std::string> secrets;
};

//! Runs every job whose trigger matches; opens one timeline step per workflow step. Returns
//! true when all jobs succeeded. REQUIRES: ctx.world.repo holds the pushed files.
bool run_workflow(DeployContext& ctx, const Workflow& wf, const ActionsRun& run);

//! "/home/runner/work/gramlab-app/gramlab-app" for repository "learner/gramlab-app".
std::string runner_workspace(const ActionsRun& run);

}  // namespace gramlab::deploy

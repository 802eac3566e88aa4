// GitHub Actions workflow model (on, env, jobs, runs-on, needs, if, steps with uses/with/run/env,
// working-directory, continue-on-error)
// and the `${{ ... }}` expression language subset the default workflow needs: contexts
// (secrets, env, github, steps), literals, == != && || !, and success()/failure()/always().
// Mirrors https://docs.github.com/actions/using-workflows/workflow-syntax-for-github-actions.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/result.hpp"

namespace gramlab::deploy {

using StrPairs = std::vector<std::pair<std::string, std::string>>;

struct WorkflowStep {
    std::string name;  // display name: `name:`, or "Run <first line of run>", or "Run <uses>"
    std::string id;
    std::string uses;
    StrPairs with;
    std::string run;
    StrPairs env;
    std::string if_expr;
    std::string working_directory;   // run steps: relative to the workspace ("" = the workspace)
    bool continue_on_error = false;  // a failure of this step does not fail the job
    int line = 0;
    SourceSpan span;
    SourceSpan run_span;  // where `run:` text starts (for errors inside the script)
};

struct WorkflowJob {
    std::string id;
    std::string name;
    std::string runs_on;
    std::vector<std::string> needs;
    StrPairs env;
    std::string if_expr;
    std::vector<WorkflowStep> steps;
};

struct Workflow {
    std::string name;
    std::vector<std::string> events;    // push, pull_request, workflow_dispatch, ...
    std::vector<std::string> branches;  // on.push.branches (empty = all)
    StrPairs env;
    std::vector<WorkflowJob> jobs;
};

//! Parses a workflow file. Errors read like GitHub's annotations:
//!   "Invalid workflow file: .github/workflows/deploy.yml (Line: 12, Col: 9): Unexpected value 'stepz'"
Result<Workflow> parse_workflow(std::string_view text, const std::string& file);

//! Values an expression can see. Missing secrets/env entries read as "".
struct ExprContext {
    std::map<std::string, std::string> secrets;
    std::map<std::string, std::string> env;
    std::map<std::string, std::string> github;  // sha, ref, repository, event_name, actor, workspace
    bool job_failed = false;
};

//! Evaluates one expression (without `${{ }}`) to a string ("true"/"false" for booleans).
Result<std::string> eval_expression(std::string_view expr, const ExprContext& ctx);
//! Replaces every `${{ expr }}` in `text`.
Result<std::string> substitute_expressions(std::string_view text, const ExprContext& ctx);
//! `if:` semantics: empty means success(); a bare expression without ${{ }} is allowed; a
//! condition without a status function is implicitly `success() && (...)`.
Result<bool> eval_condition(std::string_view cond, const ExprContext& ctx);

}  // namespace gramlab::deploy

// `gramlab deploy`: steps through the deploy pipeline simulator on a scenario folder and prints
// each step's title, logs and world changes (or one JSON object per step with --json);
// `gramlab deploy sh` runs shell commands from stdin on the simulated host. The scenario
// folder is read here (server/ does the file I/O; core/deploy gets path → text).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace gramlab::cli {

//! `args` are the words after "deploy". Returns the exit code: 0 ok, 1 when the pipeline (or
//! the last sh command) failed or the scenario could not be read, 2 for usage errors.
int run_deploy(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace gramlab::cli

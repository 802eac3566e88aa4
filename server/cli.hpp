// The `gramlab` command line: manage.py-style subcommands over the core facade.
// File and terminal I/O live here (and in server/), never in core/.
#pragma once

namespace gramlab::cli {

//! Runs `gramlab ARGS...` and returns the process exit code (Django's codes: 0 ok,
//! 1 for CommandError / system check errors, 2 for usage errors).
int run(int argc, char** argv);

}  // namespace gramlab::cli

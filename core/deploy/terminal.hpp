// The terminal inside the simulation: a shell on the simulated EC2 host, started in the folder
// that holds the scenario's files (/home/ubuntu/srv/ubuntu), where learners type the material's
// commands (docker build/run/ps/inspect, docker-compose, curl, cat, ls, ...). Used by
// `gramlab deploy sh` and the browser's terminal; state (cwd, variables, the world) persists
// between commands.
#pragma once

#include <memory>
#include <string>

#include "core/deploy/context.hpp"
#include "core/deploy/shell.hpp"
#include "core/deploy/simulator.hpp"

namespace gramlab::deploy {

struct CommandResult {
    std::string command;
    std::string out;
    std::string err;
    int exit_code = 0;
};

class Terminal {
  public:
    //! REQUIRES: `app` (may be null) outlives the terminal.
    explicit Terminal(const Scenario& scenario, AppHandler* app = nullptr);
    Terminal(const Terminal&) = delete;
    Terminal& operator=(const Terminal&) = delete;

    //! Runs one command line (a full sh line: pipes, &&, redirects allowed).
    CommandResult run(const std::string& line);
    const World& world() const { return *world_; }
    const std::string& cwd() const { return shell_->cwd; }

    static constexpr const char* kProjectDir = "/home/ubuntu/srv/ubuntu";

  private:
    std::unique_ptr<World> world_;
    std::unique_ptr<DeployContext> ctx_;
    std::unique_ptr<Shell> shell_;
};

}  // namespace gramlab::deploy

// The Docker engine of the simulated host: base images it can pull, `docker build` with the
// classic builder's layer cache and output, the CMD × ENTRYPOINT rules, and containers
// (create, start, stop, remove, exec). Mirrors https://docs.docker.com/engine/reference/builder/
// and https://docs.docker.com/engine/reference/run/.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/result.hpp"
#include "core/deploy/context.hpp"
#include "core/deploy/dockerfile.hpp"
#include "core/deploy/shell.hpp"
#include "core/deploy/world.hpp"

namespace gramlab::deploy {

using StrVec = std::vector<std::string>;

//! The images the simulator can pull (there is no registry): ubuntu, debian, alpine,
//! python:3.x[-alpine|-slim], nginx:*[-alpine], postgres:*. Returns the id, pulling it into the
//! world (and printing pull lines) when missing; "" for an unknown image.
std::string pull_image(World& w, const std::string& ref, Io* io);

struct BuildOptions {
    std::string context_dir;  // absolute path on the host
    std::string dockerfile;   // absolute path on the host
    StrVec tags;              // "name:tag" (":latest" added when missing)
    bool no_cache = false;
    std::string target;  // --target: build up to the end of this stage ("" = the last stage)
};

//! `docker build`: prints the classic builder's output to io.out, errors to io.err (as the
//! docker CLI prints them) and returns the image id.
Result<std::string> docker_build(DeployContext& ctx, const BuildOptions& opt, Io& io);

//! The process a container runs, from the image config and `docker run` overrides (the table in
//! "Understand how CMD and ENTRYPOINT interact"):
//!   ENTRYPOINT ["/bin/df","-h"] + run args ["ps","-aef"]  →  ["/bin/df","-h","ps","-aef"]
//! `entrypoint_override` (--entrypoint / compose entrypoint:) also clears the image's CMD.
//! Error "No command specified" when both end up empty.
Result<StrVec> resolve_process(const ImageConfig& cfg, const std::optional<StrVec>& entrypoint_override,
                               const std::optional<StrVec>& cmd_override);

struct RunSpec {
    std::string image;  // reference or id
    std::string name;   // "" → a generated name
    std::optional<StrVec> entrypoint;
    std::optional<StrVec> cmd;
    std::vector<std::pair<std::string, std::string>> env;
    std::vector<std::pair<int, int>> ports;
    std::vector<std::string> networks;
    std::vector<std::pair<std::string, std::string>> mounts;  // volume name → target
    std::string restart = "no";
    std::string project, service, config_hash;
    int number = 1;
};

//! `docker create`: error texts as the daemon's ("Conflict. The container name \"/x\" is already
//! in use by container \"...\". You have to remove (or rename) that container to be able to reuse that name.").
Result<std::string> docker_create(DeployContext& ctx, const RunSpec& spec);
//! `docker start`: runs the main process; a server keeps the container running, anything else
//! exits with its code. Publishing a port already in use fails like the daemon does. When the
//! process ends, the restart policy decides: the daemon starts it again, and since every run ends
//! the same way the container stays "restarting" (on-failure:N gives up after N restarts).
Status docker_start(DeployContext& ctx, const std::string& name);
//! Stops a running or restarting container (its restart loop too); exit code 0 for nginx, 137
//! for other programs. The caller marks a user's `docker stop` as manually_stopped.
void docker_stop(DeployContext& ctx, const std::string& name);

//! Whether the restart policy `policy` starts a container again after it ended with
//! `exit_code` (https://docs.docker.com/engine/reference/run/#restart-policies---restart):
//!   no → never; always → always; unless-stopped → unless stopped by the user;
//!   on-failure[:N] → when exit_code != 0 (and fewer than N restarts so far).
bool restart_policy_restarts(const std::string& policy, int exit_code, bool manually_stopped, int restart_count);

//! `systemctl restart docker` (what an instance reboot does too): every running container is
//! stopped, then the daemon starts each container its restart policy asks for, including ones a
//! user stopped under `always` and none under `no`.
void docker_daemon_restart(DeployContext& ctx);
void docker_remove(DeployContext& ctx, const std::string& name);

//! The running container `host` resolves to from `from` (same network; service name, container
//! name or alias), as Docker's embedded DNS does; nullptr when it does not resolve.
const Container* resolve_container(const World& w, const Container& from, const std::string& host);

}  // namespace gramlab::deploy

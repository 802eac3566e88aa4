// The simulated world a deploy advances: the pushed repository, the Actions runner, the EC2 host
// (filesystem, users, ports), Docker's images, containers, networks and volumes, the external
// database, and the HTTP exchanges. Plain values: a step snapshots it by copy, and flatten() turns
// it into path → value lines so two worlds diff line by line.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/deploy/fs.hpp"

namespace gramlab::deploy {

//! The parts of an image config that `docker inspect` shows and `docker run` uses.
struct ImageConfig {
    std::vector<std::string> cmd;         // Config.Cmd
    std::vector<std::string> entrypoint;  // Config.Entrypoint
    std::vector<std::pair<std::string, std::string>> env;
    std::string workdir;
    std::string user;
    std::vector<std::string> exposed_ports;                   // "8000/tcp"
    std::vector<std::pair<std::string, std::string>> labels;  // Config.Labels
};

struct Image {
    std::string id;  // 12 hex digits, deterministic
    std::vector<std::string> tags;
    std::string parent;
    Fs fs;
    ImageConfig config;
    std::string created_by;  // the instruction that made this layer
};

struct Process {
    int pid = 0;
    std::string user;
    std::string cmd;
    int port = 0;      // TCP port it listens on (0 = none)
    std::string root;  // python -m http.server: the directory it serves ("" = not a file server)
};

struct Container {
    std::string id;
    std::string name;
    std::string image;                                       // image id
    std::string image_ref;                                   // as the user named it (e.g. "ubuntu_web")
    std::string path;                                        // .Path (argv[0])
    std::vector<std::string> args;                           // .Args
    std::vector<std::string> config_cmd, config_entrypoint;  // .Config.Cmd / .Config.Entrypoint
    std::string status = "created";                          // created | running | restarting | exited
    int exit_code = 0;
    Fs fs;
    std::vector<std::pair<std::string, std::string>> env;
    std::string workdir = "/";
    std::vector<std::string> networks;
    std::vector<std::pair<int, int>> ports;                   // host → container
    std::vector<std::pair<std::string, std::string>> mounts;  // volume name → target
    std::vector<Process> processes;
    std::string logs;      // stdout and stderr interleaved (`docker logs`)
    std::string last_out;  // the last run's stdout and stderr apart (an attached `docker run` shows them so)
    std::string last_err;
    std::string restart = "no";     // HostConfig.RestartPolicy: no | always | unless-stopped | on-failure[:N]
    int restart_count = 0;          // .RestartCount
    bool manually_stopped = false;  // stopped with `docker stop` (unless-stopped then stays down)
    std::string project, service;   // compose labels
    std::string config_hash;        // compose: recreate when it changes
    int number = 1;
};

struct Network {
    std::string name;
    std::string id;
};

struct Volume {
    std::string name;
    Fs data;
};

//! A database the app reaches (the external RDS one, or a compose db service's): a real SQLite
//! database kept as its sqlite3_serialize image, so a world copies it by value (step back and
//! reset restore the bytes). core/deploy/django_app.hpp opens, migrates and stores it.
struct Database {
    std::string image;                                    // "" = a new, empty database
    std::vector<std::pair<std::string, int64_t>> tables;  // table → rows, refreshed on every store
};

struct HttpExchange {
    std::string request;  // "GET /api/posts/"
    int status = 0;
    std::string via;  // "nginx → web:8000"
};

struct World {
    // The developer's repository (the scenario's files) and what has been pushed.
    Fs repo;
    std::string pushed_commit;
    // The GitHub Actions runner.
    Fs runner;
    std::string runner_status;  // "", "queued", "in_progress", "completed: success|failure"
    // The EC2 host.
    bool host_alive = true;
    std::string host_instance = "i-0a1b2c3d4e5f60001";
    Fs host;
    std::map<int, std::string> host_ports;  // port → who listens ("docker-proxy web", "apache2", ...)
    // Docker on the host.
    std::map<std::string, Image> images;          // id → image
    std::map<std::string, Container> containers;  // name → container
    std::map<std::string, Network> networks;
    std::map<std::string, Volume> volumes;
    // The databases the app uses, by key: "rds:HOST" (external, survives the instance),
    // "volume:NAME" (a compose db service's named volume) or "container:NAME" (a db container
    // without a volume: gone with the container).
    std::map<std::string, Database> databases;
    std::vector<HttpExchange> requests;
    std::map<std::string, int> round_robin;  // nginx upstream → next server index (not diffed)
    int next_id = 1;                         // deterministic ids
    int next_pid = 1;

    //! Image id for "name[:tag]" (":latest" implied) or an id prefix; "" if none.
    std::string find_image(const std::string& ref) const;
    //! A fresh deterministic id (12 hex digits) for `kind` ("image", "container", "network").
    std::string new_id(const std::string& seed);
};

//! One line per observable fact, e.g. "host:/home/ubuntu/srv/ubuntu/deploy.sh" → "file 312 bytes #3fa1..",
//! "containers/ubuntu_web_1/status" → "running". Stable order.
std::map<std::string, std::string> flatten(const World& w);

struct Change {
    std::string op;  // "added" | "removed" | "changed"
    std::string path;
    std::string before;
    std::string after;
};

//! Differences between two worlds, in path order.
std::vector<Change> diff_worlds(const World& before, const World& after);

//! "+ path: after" / "- path: before" / "~ path: before → after".
std::string render_change(const Change& c);

}  // namespace gramlab::deploy

// The shell that runs commands on a simulated machine (EC2 host, Actions runner, or inside a
// container): executes parsed sh scripts (expansion, redirects, pipes, && || ;, set -e) and
// dispatches programs by PATH lookup to the simulated commands. Mirrors dash (/bin/sh) and
// bash closely enough for the material's scripts; errors print as they do
// (`sh: 1: foo: not found`, exit 127).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/deploy/context.hpp"
#include "core/deploy/fs.hpp"
#include "core/deploy/sh_parser.hpp"

namespace gramlab::deploy {

//! One output stream: captured in `buf`, or forwarded to `sink` when set.
struct Stream {
    std::string buf;
    std::function<void(const std::string&)> sink;
    void write(const std::string& s) {
        if (sink)
            sink(s);
        else
            buf += s;
    }
};

struct Io {
    std::string in;
    Stream out;
    Stream err;
};

enum class MachineKind { kHost, kRunner, kContainer };

//! A server a command started (gunicorn, nginx, runserver, postgres): the container keeps running.
struct StartedServer {
    std::string cmd;
    int port = 0;
    int workers = 0;   // extra worker processes (gunicorn)
    std::string root;  // a static file server's directory (python -m http.server)
};

class Shell {
  public:
    //! REQUIRES: for kContainer, `container` names an existing container in ctx.world.
    Shell(DeployContext& ctx, MachineKind kind, std::string container = "");

    //! Runs a script; `name` is what errors print ("sh", "deploy.sh", "bash").
    int run_script(std::string_view text, const std::string& name, Io& io);
    //! Executes argv as a program (PATH lookup, scripts by shebang), as exec(3) would.
    int exec(const std::vector<std::string>& argv, Io& io);
    //! Runs one line typed at a prompt; like run_script with name "sh".
    int run_line(std::string_view line, Io& io) { return run_script(line, "sh", io); }

    Fs& fs();
    DeployContext& ctx() { return ctx_; }
    MachineKind kind() const { return kind_; }
    const std::string& container() const { return container_; }
    //! "/home/ubuntu/x" from a relative path and the cwd.
    std::string abs(const std::string& p) const { return Fs::normalize(p, cwd); }
    std::string var(const std::string& name) const;
    //! dash: "sh: 1: " ; bash: "deploy.sh: line 1: "; busybox ash: "sh: ".
    std::string err_prefix() const;

    std::map<std::string, std::string> vars;  // shell + exported variables
    std::string cwd = "/";
    std::string user = "root";
    std::string dialect = "dash";  // dash | bash | ash
    bool errexit = false;
    int last_status = 0;
    std::string script_name = "sh";
    int line = 1;
    std::vector<std::string> positional;  // $1...
    StartedServer* started = nullptr;     // set by a container's main process runner

  private:
    int run_and_or(const ShAndOr& ao, Io& io, std::string_view text);
    int run_pipeline(const ShPipeline& pl, Io& io, std::string_view text);
    int run_command(const ShCommand& c, Io& io, std::string_view text);
    std::vector<std::string> expand(const ShWord& w, bool split);

    DeployContext& ctx_;
    MachineKind kind_;
    std::string container_;
    bool exited_ = false;
    std::string expand_error_;
};

//! A simulated program: argv[0] is the name as invoked.
using CommandFn = std::function<int(Shell&, const std::vector<std::string>&, Io&)>;

//! The program behind `name` ("df", "gunicorn", "docker", ...), or nullptr.
const CommandFn* find_command(const std::string& name);

}  // namespace gramlab::deploy

// `docker-compose` (v1 CLI, 1.29): -f/-p, up [--build] [-d], down [-v], ps, logs, build, with the
// project's default network, named volumes, depends_on start order, env_file + .env
// interpolation, and compose's messages (`Creating ubuntu_web_1 ... done`,
// `ubuntu_web_1 is up-to-date`, `ERROR: for nginx  Cannot start service nginx: ...`).
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/deploy/commands.hpp"
#include "core/deploy/compose.hpp"
#include "core/deploy/compose_config.hpp"
#include "core/deploy/docker.hpp"

namespace gramlab::deploy {

namespace {

struct Project {
    std::string file;  // absolute
    std::string dir;
    std::string name;
    ComposeFile cf;
};

std::string container_name(const Project& p, const ComposeService& s) {
    return s.container_name.empty() ? p.name + "_" + s.name + "_1" : s.container_name;
}

std::string image_name(const Project& p, const ComposeService& s) {
    return s.image.empty() ? p.name + "_" + s.name : s.image;
}

int up(Shell& sh, Project& p, bool build, bool detach, Io& io) {
    DeployContext& ctx = sh.ctx();
    World& w = ctx.world;
    std::string net = p.name + "_default";
    if (!w.networks.count(net)) {
        ctx.step("docker-compose: create network " + net);
        io.err.write("Creating network \"" + net + "\" with the default driver\n");
        w.networks[net] = Network{net, w.new_id("network:" + net)};
    }
    for (const auto& v : p.cf.volumes) {
        std::string vn = p.name + "_" + v;
        if (!w.volumes.count(vn)) {
            io.err.write("Creating volume \"" + vn + "\" with default driver\n");
            w.volumes[vn] = Volume{vn, {}};
        }
    }
    int status = 0;
    // Compose builds (or pulls) every service's image first, then creates containers in
    // dependency order.
    std::map<std::string, std::string> image_ids;
    for (const ComposeService* s : p.cf.start_order()) {
        std::string img = image_name(p, *s);
        std::string image_id = w.find_image(img);
        if (!s->build_context.empty() && (build || image_id.empty())) {
            ctx.step("docker-compose: build " + s->name + " (" + s->build_dockerfile + ")");
            io.err.write("Building " + s->name + "\n");
            BuildOptions bo;
            bo.context_dir = Fs::normalize(s->build_context, p.dir);
            bo.dockerfile = Fs::normalize(s->build_dockerfile, bo.context_dir);
            bo.tags = {img};
            auto r = docker_build(ctx, bo, io);
            if (!r.ok()) {
                io.err.write("ERROR: Service '" + s->name + "' failed to build : " + r.error().message + "\n");
                ctx.mark("failed");
                return 1;
            }
            if (!build)
                io.err.write("WARNING: Image for service " + s->name +
                             " was built because it did not already exist. To rebuild "
                             "this image you must use `docker-compose build` or `docker-compose up --build`.\n");
            image_id = r.value();
        } else if (image_id.empty()) {
            ctx.step("docker-compose: pull " + img);
            io.err.write("Pulling " + s->name + " (" + img + (img.find(':') == std::string::npos ? ":" : "") +
                         ")...\n");
            Io pull;  // compose prints the pull progress on stderr
            pull.out.sink = [&io](const std::string& t) { io.err.write(t); };
            image_id = pull_image(w, img, &pull);
            if (image_id.empty()) {
                io.err.write("ERROR: pull access denied for " + img.substr(0, img.find(':')) +
                             ", repository does not exist or may require 'docker login': denied: requested access to "
                             "the resource is denied\n");
                ctx.mark("failed");
                return 1;
            }
        }
        image_ids[s->name] = image_id;
    }
    for (const ComposeService* s : p.cf.start_order()) {
        std::string image_id = image_ids[s->name];
        RunSpec spec;
        spec.image = w.find_image(image_name(p, *s)) == image_id ? image_name(p, *s) : image_id;
        spec.name = container_name(p, *s);
        spec.entrypoint = s->entrypoint;
        spec.cmd = s->command;
        for (const auto& f : s->env_file) {
            const std::string* text = w.host.read(Fs::normalize(f, p.dir));
            if (text)  // checked when the file was loaded
                for (const auto& [k, v] : read_env_file(*text)) spec.env.emplace_back(k, v);
        }
        for (const auto& kv : s->environment) spec.env.push_back(kv);
        for (const auto& pm : s->ports)
            if (pm.host) spec.ports.emplace_back(pm.host, pm.container);
        spec.networks = {net};
        for (const auto& m : s->volumes)
            if (m.named) spec.mounts.emplace_back(p.name + "_" + m.source, m.target);
        spec.restart = s->restart;
        spec.project = p.name;
        spec.service = s->name;
        std::string h = image_id;
        for (const auto& [k, v] : spec.env) h += "|" + k + "=" + v;
        if (spec.cmd)
            for (const auto& a : *spec.cmd) h += "|c" + a;
        if (spec.entrypoint)
            for (const auto& a : *spec.entrypoint) h += "|e" + a;
        for (const auto& [a, b] : spec.ports) h += "|p" + std::to_string(a) + ":" + std::to_string(b);
        spec.config_hash = content_hash(h);
        auto existing = w.containers.find(spec.name);
        std::string verb = "Creating";
        if (existing != w.containers.end()) {
            if (existing->second.config_hash == spec.config_hash &&
                (existing->second.status == "running" || existing->second.status == "restarting")) {
                io.err.write(spec.name + " is up-to-date\n");
                continue;
            }
            if (existing->second.config_hash == spec.config_hash) {  // same config, stopped: start it again
                ctx.step("docker-compose: start " + spec.name);
                Status st = docker_start(ctx, spec.name);
                io.err.write("Starting " + spec.name + " ... " + (st.ok() ? "done" : "error") + "\n");
                if (!st.ok()) {
                    io.err.write("\nERROR: for " + s->name + "  Cannot start service " + s->name + ": " +
                                 st.error().message + "\nERROR: Encountered errors while bringing up the project.\n");
                    ctx.mark("failed");
                    return 1;
                }
                continue;
            }
            ctx.step("docker-compose: recreate " + spec.name);
            verb = "Recreating";
            docker_remove(ctx, spec.name);
        } else {
            ctx.step("docker-compose: start " + spec.name);
        }
        auto created = docker_create(ctx, spec);
        Status started = created.ok() ? docker_start(ctx, spec.name) : Status(created.error());
        if (!started.ok()) {
            io.err.write(verb + " " + spec.name + " ... error\n\n");
            std::string msg = started.error().message;
            io.err.write("ERROR: for " + spec.name + "  Cannot start service " + s->name + ": " + msg + "\n");
            io.err.write("ERROR: for " + s->name + "  Cannot start service " + s->name + ": " + msg + "\n");
            io.err.write("ERROR: Encountered errors while bringing up the project.\n");
            ctx.mark("failed");
            return 1;
        }
        io.err.write(verb + " " + spec.name + " ... done\n");
        const Container& c = w.containers.at(spec.name);
        if (c.status == "exited") {
            // Detached: compose reports success; the container's own logs say why it stopped.
            ctx.mark("failed");
            if (ctx.timeline) {
                ctx.timeline->write("(container " + spec.name + " exited with code " + std::to_string(c.exit_code) +
                                    "; its logs:)\n");
                ctx.timeline->write(c.logs);
            }
        }
        if (!detach) io.out.write(c.logs);
    }
    return status;
}

int down(Shell& sh, Project& p, bool volumes, Io& io) {
    DeployContext& ctx = sh.ctx();
    World& w = ctx.world;
    auto order = p.cf.start_order();
    std::reverse(order.begin(), order.end());
    for (const ComposeService* s : order) {
        std::string n = container_name(p, *s);
        if (!w.containers.count(n)) continue;
        if (w.containers[n].status == "running" || w.containers[n].status == "restarting")
            io.err.write("Stopping " + n + " ... done\n");
        docker_stop(ctx, n);
    }
    for (const ComposeService* s : order) {
        std::string n = container_name(p, *s);
        if (!w.containers.count(n)) continue;
        io.err.write("Removing " + n + " ... done\n");
        docker_remove(ctx, n);
    }
    std::string net = p.name + "_default";
    if (w.networks.erase(net)) io.err.write("Removing network " + net + "\n");
    if (volumes) {
        for (const auto& v : p.cf.volumes) {
            std::string vn = p.name + "_" + v;
            if (w.volumes.erase(vn)) {
                io.err.write("Removing volume " + vn + "\n");
                w.databases.erase("volume:" + vn);
            }
        }
    }
    return 0;
}

int ps(Shell& sh, Project& p, Io& io) {
    World& w = sh.ctx().world;
    char buf[512];
    std::snprintf(buf, sizeof buf, "%-16s %-32s %-8s %s\n", "Name", "Command", "State", "Ports");
    io.out.write(buf);
    io.out.write(std::string(80, '-') + "\n");
    for (const auto& s : p.cf.services) {
        auto it = w.containers.find(container_name(p, s));
        if (it == w.containers.end()) continue;
        const Container& c = it->second;
        std::string cmd = c.path;
        for (const auto& a : c.args) cmd += " " + a;
        if (cmd.size() > 30) cmd = cmd.substr(0, 26) + " ...";
        std::string state = c.status == "running"      ? "Up"
                            : c.status == "restarting" ? "Restarting"
                                                       : "Exit " + std::to_string(c.exit_code);
        std::string ports;
        if (c.status == "running")
            for (const auto& [h, cp] : c.ports)
                ports += (ports.empty() ? "" : ", ") + std::string("0.0.0.0:") + std::to_string(h) + "->" +
                         std::to_string(cp) + "/tcp";
        if (ports.empty() && c.status == "running") {
            const Image& img = w.images.count(c.image) ? w.images.at(c.image) : Image{};
            for (const auto& e : img.config.exposed_ports) ports += (ports.empty() ? "" : ", ") + e;
        }
        std::snprintf(buf, sizeof buf, "%-16s %-32s %-8s %s\n", c.name.c_str(), cmd.c_str(), state.c_str(),
                      ports.c_str());
        io.out.write(buf);
    }
    return 0;
}

}  // namespace

int cmd_docker_compose(Shell& sh, const Argv& argv, Io& io) {
    std::vector<std::string> files;
    std::string project_name;
    size_t i = 1;
    for (; i < argv.size(); ++i) {
        if ((argv[i] == "-f" || argv[i] == "--file") && i + 1 < argv.size())
            files.push_back(argv[++i]);
        else if ((argv[i] == "-p" || argv[i] == "--project-name") && i + 1 < argv.size())
            project_name = argv[++i];
        else if (argv[i] == "--version" || argv[i] == "version") {
            io.out.write("docker-compose version 1.29.2, build unknown\n");
            return 0;
        } else
            break;
    }
    if (i >= argv.size()) {
        io.out.write(
            "Define and run multi-container applications with Docker.\n\nUsage:\n  docker-compose [-f <arg>...] "
            "[options] "
            "[--] [COMMAND] [ARGS...]\n");
        return 0;
    }
    std::string sub = argv[i++];
    Argv rest(argv.begin() + static_cast<long>(i), argv.end());
    if (files.empty()) files.push_back("docker-compose.yml");
    Project p;
    p.file = sh.abs(files[0]);
    p.dir = Fs::dirname(p.file);
    const std::string* text = sh.fs().read(p.file);
    if (!text) {
        if (files[0] == "docker-compose.yml") {
            io.err.write(
                "ERROR: \n        Can't find a suitable configuration file in this directory or any\n        parent. "
                "Are you in "
                "the right directory?\n\n        Supported filenames: docker-compose.yml, docker-compose.yaml, "
                "compose.yml, compose.yaml\n        \n");
        } else {
            io.err.write("ERROR: .FileNotFoundError: [Errno 2] No such file or directory: '" + p.file + "'\n");
        }
        return 1;
    }
    std::string base = Fs::basename(p.dir);
    for (char c : project_name.empty() ? base : project_name)
        if (std::isalnum(static_cast<unsigned char>(c)))
            p.name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::map<std::string, std::string> vars;
    if (const std::string* env = sh.fs().read(p.dir + "/.env"))
        for (const auto& [k, v] : read_env_file(*env)) vars[k] = v;
    for (const auto& [k, v] : sh.vars) vars[k] = v;
    std::string shown = "./" + Fs::basename(p.file);
    auto cf = parse_compose(*text, shown, vars);
    if (!cf.ok()) {
        const Error& e = cf.error();
        if (e.kind == "YAMLError") {
            LineCol lc = line_col(*text, e.span.valid() ? e.span.offset : 0);
            io.err.write("ERROR: yaml.parser.ParserError: " + e.message + "\n  in \"" + shown + "\", line " +
                         std::to_string(lc.line) + ", column " + std::to_string(lc.column) + "\n");
        } else {
            io.err.write("ERROR: " + e.message + "\n");
        }
        return 1;
    }
    p.cf = std::move(cf.value());
    for (const auto& wmsg : p.cf.warnings) io.err.write("WARNING: " + wmsg + "\n");
    // env_file is read while the file is loaded, before any command does anything.
    for (const auto& s : p.cf.services)
        for (const auto& f : s.env_file) {
            std::string path = Fs::normalize(f, p.dir);
            if (!sh.fs().is_file(path)) {
                io.err.write("ERROR: Couldn't find env file: " + path + "\n");
                return 1;
            }
        }
    bool has = [&](const char* f) { return std::find(rest.begin(), rest.end(), f) != rest.end(); }("--build");
    if (sub == "up") {
        bool detach = std::find(rest.begin(), rest.end(), "-d") != rest.end() ||
                      std::find(rest.begin(), rest.end(), "--detach") != rest.end();
        return up(sh, p, has, detach, io);
    }
    if (sub == "down")
        return down(sh, p,
                    std::find(rest.begin(), rest.end(), "-v") != rest.end() ||
                        std::find(rest.begin(), rest.end(), "--volumes") != rest.end(),
                    io);
    if (sub == "ps") return ps(sh, p, io);
    if (sub == "config") {
        auto doc = parse_yaml(*text, shown);
        auto out = doc.ok() ? compose_config(doc.value(), vars, p.dir,
                                             [&sh](const std::string& path) { return sh.fs().read(path); })
                            : Result<std::string>(doc.take_error());
        if (!out.ok()) {
            io.err.write("ERROR: " + out.error().message + "\n");
            return 1;
        }
        io.out.write(out.value() + "\n");  // print() of a dump that already ends with a newline
        return 0;
    }
    if (sub == "logs") {
        std::string only = rest.empty() || rest.back()[0] == '-' ? "" : rest.back();
        std::string attach;
        for (const auto& s : p.cf.services) {
            auto it = sh.ctx().world.containers.find(container_name(p, s));
            if (it == sh.ctx().world.containers.end() || (!only.empty() && s.name != only)) continue;
            attach += (attach.empty() ? "" : ", ") + it->first;
        }
        io.out.write("Attaching to " + attach + "\n");
        for (const auto& s : p.cf.services) {
            auto it = sh.ctx().world.containers.find(container_name(p, s));
            if (it == sh.ctx().world.containers.end() || (!only.empty() && s.name != only)) continue;
            std::string prefix = s.name + "_1  | ";
            const std::string& logs = it->second.logs;
            size_t a = 0;
            while (a < logs.size()) {
                size_t nl = logs.find('\n', a);
                io.out.write(prefix + logs.substr(a, nl == std::string::npos ? std::string::npos : nl - a) + "\n");
                a = nl == std::string::npos ? logs.size() : nl + 1;
            }
        }
        return 0;
    }
    if (sub == "build") {
        for (const auto& s : p.cf.services) {
            if (s.build_context.empty()) {
                io.err.write(s.name + " uses an image, skipping\n");
                continue;
            }
            io.err.write("Building " + s.name + "\n");
            BuildOptions bo;
            bo.context_dir = Fs::normalize(s.build_context, p.dir);
            bo.dockerfile = Fs::normalize(s.build_dockerfile, bo.context_dir);
            bo.tags = {image_name(p, s)};
            if (!docker_build(sh.ctx(), bo, io).ok()) return 1;
        }
        return 0;
    }
    if (sub == "stop" || sub == "start" || sub == "restart") {
        for (const auto& s : p.cf.services) {
            std::string n = container_name(p, s);
            if (!sh.ctx().world.containers.count(n)) continue;
            if (sub != "start") {
                io.err.write("Stopping " + n + " ... done\n");
                docker_stop(sh.ctx(), n);
                sh.ctx().world.containers.at(n).manually_stopped = true;
            }
            if (sub != "stop") {
                io.err.write("Starting " + s.name + " ... done\n");
                (void)docker_start(sh.ctx(), n);
            }
        }
        return 0;
    }
    if (sub == "exec") {
        // docker-compose 1.29 `exec [-d] [-T] [-u USER] [-e K=V] [-w DIR] [--index=N] SERVICE CMD...`:
        // docker exec in the service's container (how the material runs manage.py migrate).
        size_t i = 0;
        while (i < rest.size() && !rest[i].empty() && rest[i][0] == '-') {
            const std::string& o = rest[i];
            i += (o == "-u" || o == "--user" || o == "-e" || o == "--env" || o == "-w" || o == "--workdir") ? 2 : 1;
        }
        if (i + 1 >= rest.size()) {
            io.err.write(
                "Execute a command in a running container\n\nUsage: exec [options] [-e KEY=VAL...] "
                "[--] SERVICE COMMAND [ARGS...]\n");
            return 1;
        }
        const ComposeService* svc = nullptr;
        for (const auto& s : p.cf.services)
            if (s.name == rest[i]) svc = &s;
        if (!svc) {
            io.err.write("ERROR: No such service: " + rest[i] + "\n");
            return 1;
        }
        std::string n = container_name(p, *svc);
        auto it = sh.ctx().world.containers.find(n);
        if (it == sh.ctx().world.containers.end() || it->second.status != "running") {
            io.err.write("ERROR: No container found for " + svc->name + "_1\n");
            return 1;
        }
        Shell inner(sh.ctx(), MachineKind::kContainer, n);
        return inner.exec(Argv(rest.begin() + static_cast<long>(i) + 1, rest.end()), io);
    }
    io.err.write("No such command: " + sub + "\n");
    return 1;
}

}  // namespace gramlab::deploy

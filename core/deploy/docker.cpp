// docker build (classic builder), the CMD/ENTRYPOINT resolution and the container lifecycle.
#include "core/deploy/docker.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "core/deploy/commands.hpp"

namespace gramlab::deploy {

namespace {

std::string human_size(size_t bytes) {
    // docker's units.HumanSize: decimal units, 4 significant digits ("3.072kB").
    const char* units[] = {"B", "kB", "MB", "GB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1000 && u < 3) v /= 1000, ++u;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g%s", v, units[u]);
    return buf;
}

std::string substitute_build_vars(const std::string& s, const std::map<std::string, std::string>& vars) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '$') {
            out += '$';
            ++i;
            continue;
        }
        if (s[i] != '$') {
            out += s[i];
            continue;
        }
        std::string name;
        if (i + 1 < s.size() && s[i + 1] == '{') {
            size_t close = s.find('}', i);
            if (close == std::string::npos) {
                out += s[i];
                continue;
            }
            name = s.substr(i + 2, close - i - 2);
            i = close;
        } else {
            size_t k = i + 1;
            while (k < s.size() && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '_')) ++k;
            name = s.substr(i + 1, k - i - 1);
            if (name.empty()) {
                out += '$';
                continue;
            }
            i = k - 1;
        }
        std::string def;
        size_t op = name.find(":-");
        if (op != std::string::npos) def = name.substr(op + 2), name = name.substr(0, op);
        auto it = vars.find(name);
        out += it != vars.end() && !it->second.empty() ? it->second : def;
    }
    return out;
}

std::string add_latest(const std::string& t) {
    size_t slash = t.rfind('/');
    size_t colon = t.rfind(':');
    return (colon == std::string::npos || (slash != std::string::npos && colon < slash)) ? t + ":latest" : t;
}

Error build_error(const std::string& message) {
    return Error::make("BuildError", message);
}

// "on-failure:5" → 5; "on-failure" (no limit) and other policies → 0.
int on_failure_max(const std::string& policy) {
    size_t c = policy.find(':');
    return policy.rfind("on-failure", 0) == 0 && c != std::string::npos ? std::atoi(policy.c_str() + c + 1) : 0;
}

}  // namespace

Result<StrVec> resolve_process(const ImageConfig& cfg, const std::optional<StrVec>& entrypoint_override,
                               const std::optional<StrVec>& cmd_override) {
    StrVec entry = entrypoint_override ? *entrypoint_override : cfg.entrypoint;
    // --entrypoint clears the image's default command; explicit run args still apply.
    StrVec cmd = cmd_override ? *cmd_override : (entrypoint_override ? StrVec{} : cfg.cmd);
    StrVec argv = entry;
    argv.insert(argv.end(), cmd.begin(), cmd.end());
    if (argv.empty()) return Error::make("Error response from daemon", "No command specified");
    return argv;
}

Result<std::string> docker_build(DeployContext& ctx, const BuildOptions& opt, Io& io) {
    World& w = ctx.world;
    const Fs& host = w.host;
    const std::string* text = host.read(opt.dockerfile);
    if (!text) {
        std::string msg = "unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat " +
                          opt.dockerfile + ": no such file or directory";
        io.err.write(msg + "\n");
        return build_error(msg);
    }
    if (!host.is_dir(opt.context_dir)) {
        std::string msg = "unable to prepare context: path \"" + opt.context_dir + "\" not found";
        io.err.write(msg + "\n");
        return build_error(msg);
    }
    auto parsed = parse_dockerfile(*text, opt.dockerfile);
    if (!parsed.ok()) {
        io.err.write(parsed.error().to_string() + "\n");
        return parsed.take_error();
    }
    size_t ctx_bytes = 0;
    for (const auto& rel : host.walk(opt.context_dir)) {
        if (const std::string* c = host.read(opt.context_dir + "/" + rel)) ctx_bytes += c->size();
    }
    io.out.write("Sending build context to Docker daemon  " + human_size(ctx_bytes) + "\n");
    const auto& ins = parsed->instructions;
    if (ins.empty() || ins[0].keyword != "FROM") {
        if (!ins.empty() && ins[0].keyword != "ARG") {
            std::string msg = "Please provide a source image with `from` prior to commit";
            io.err.write("Error response from daemon: " + msg + "\n");
            return build_error(msg);
        }
    }
    Image cur;
    bool have_image = false;
    bool cmd_set = false;
    std::map<std::string, std::string> args;
    std::map<std::string, Image> stages;
    std::string stage_name;
    size_t total = ins.size();
    if (!opt.target.empty()) {
        // --target: the build ends where the next stage after the target begins.
        bool found = false;
        for (size_t i = 0; i < ins.size() && total == ins.size(); ++i) {
            if (ins[i].keyword != "FROM") continue;
            if (found) total = i;
            if (ins[i].args.size() == 3 && ins[i].args[2] == opt.target) found = true;
        }
        if (!found) {
            std::string msg = "failed to reach build target " + opt.target + " in Dockerfile";
            io.err.write(msg + "\n");
            return build_error(msg);
        }
    }
    for (size_t i = 0; i < total; ++i) {
        const DockerInstruction& in = ins[i];
        io.out.write("Step " + std::to_string(i + 1) + "/" + std::to_string(total) + " : " + in.original + "\n");
        std::map<std::string, std::string> vars = args;
        for (const auto& [k, v] : cur.config.env) vars[k] = v;
        if (in.keyword == "FROM") {
            if (have_image && !stage_name.empty()) stages[stage_name] = cur;
            std::string ref = substitute_build_vars(in.args[0], vars);
            stage_name = in.args.size() == 3 ? in.args[2] : "";
            cmd_set = false;
            if (ref == "scratch") {
                cur = Image{};
                cur.id = "";
                // The builder gives a stage without a base the default PATH.
                cur.config.env = {{"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}};
                have_image = true;
                io.out.write(" ---> \n");
                continue;
            }
            if (stages.count(ref)) {
                cur = stages[ref];
            } else {
                std::string id = pull_image(w, ref, &io);
                if (id.empty()) {
                    std::string name = ref.substr(0, ref.find(':'));
                    std::string msg = "pull access denied for " + name +
                                      ", repository does not exist or may require 'docker login': denied: requested "
                                      "access to the resource is denied";
                    io.err.write("Error response from daemon: " + msg + "\n");
                    return build_error(msg);
                }
                cur = w.images.at(id);
            }
            have_image = true;
            io.out.write(" ---> " + cur.id + "\n");
            continue;
        }
        if (!have_image && in.keyword == "ARG") {
            for (const auto& a : in.args) {
                size_t eq = a.find('=');
                args[a.substr(0, eq)] = eq == std::string::npos ? "" : a.substr(eq + 1);
            }
            io.out.write(" ---> \n");
            continue;
        }
        if (!have_image) {
            std::string msg = "Please provide a source image with `from` prior to commit";
            io.err.write("Error response from daemon: " + msg + "\n");
            return build_error(msg);
        }
        // Cache key: parent + instruction (+ the content of copied files).
        std::string key = cur.id + "\n" + in.original;
        StrVec sources;
        std::string dest;
        if (in.keyword == "COPY" || in.keyword == "ADD") {
            bool from_stage = false;
            for (const auto& f : in.flags)
                if (f.rfind("--from=", 0) == 0) from_stage = true;
            sources.assign(in.args.begin(), in.args.end() - 1);
            dest = substitute_build_vars(in.args.back(), vars);
            for (const auto& s : sources) {
                if (from_stage) continue;
                std::string p = Fs::normalize(substitute_build_vars(s, vars), opt.context_dir);
                if (p.rfind(opt.context_dir, 0) != 0 || !host.exists(p)) {
                    std::string msg = std::string(in.keyword) +
                                      " failed: file not found in build context or excluded by .dockerignore: stat " +
                                      s + ": file does not exist";
                    io.err.write(msg + "\n");
                    return build_error(msg);
                }
                if (host.is_file(p)) key += "\n" + content_hash(*host.read(p));
                for (const auto& rel : host.walk(p))
                    if (const std::string* c = host.read(p + "/" + rel)) key += "\n" + rel + ":" + content_hash(*c);
            }
        }
        std::string id = content_hash("layer\n" + key).substr(0, 12);
        bool cached = !opt.no_cache && w.images.count(id) > 0;
        if (cached) {
            io.out.write(" ---> Using cache\n ---> " + id + "\n");
            cur = w.images.at(id);
            if (in.keyword == "CMD") cmd_set = true;
            continue;
        }
        Image next = cur;
        next.parent = cur.id;
        next.id = id;
        next.tags.clear();
        next.created_by = in.original;
        ImageConfig& c = next.config;
        std::string tmp = content_hash("tmp\n" + key).substr(0, 12);
        bool runs_container = in.keyword != "COPY" && in.keyword != "ADD";
        if (runs_container) io.out.write(" ---> Running in " + tmp + "\n");
        if (in.keyword == "RUN") {
            StrVec argv = in.exec_form ? in.args : StrVec{"/bin/sh", "-c", in.args[0]};
            Container t;
            t.id = tmp;
            t.name = "build-" + tmp;
            t.fs = cur.fs;
            t.env = c.env;
            t.workdir = c.workdir.empty() ? "/" : c.workdir;
            w.containers[t.name] = t;
            Shell sh(ctx, MachineKind::kContainer, t.name);
            for (const auto& [k, v] : args) sh.vars[k] = v;
            Io rio;
            rio.out.sink = [&io](const std::string& s) { io.out.write(s); };
            rio.err.sink = [&io](const std::string& s) { io.out.write(s); };
            int code = sh.exec(argv, rio);
            next.fs = w.containers[t.name].fs;
            w.containers.erase(t.name);
            if (code != 0) {
                std::string shown = in.exec_form ? "[" : "/bin/sh -c " + in.args[0];
                if (in.exec_form) {
                    for (size_t k = 0; k < in.args.size(); ++k) shown += (k ? " " : "") + in.args[k];
                    shown += "]";
                }
                std::string msg = "The command '" + shown + "' returned a non-zero code: " + std::to_string(code);
                io.err.write(msg + "\n");
                return build_error(msg);
            }
        } else if (in.keyword == "COPY" || in.keyword == "ADD") {
            std::string wd = c.workdir.empty() ? "/" : c.workdir;
            std::string dst = Fs::normalize(dest, wd);
            bool into_dir = dest.back() == '/' || sources.size() > 1 || next.fs.is_dir(dst);
            const Fs* src_fs = &host;
            std::string base = opt.context_dir;
            for (const auto& f : in.flags)
                if (f.rfind("--from=", 0) == 0) {
                    auto st = stages.find(f.substr(7));
                    if (st != stages.end()) src_fs = &st->second.fs, base = "/";
                }
            for (const auto& s : sources) {
                std::string p = Fs::normalize(substitute_build_vars(s, vars), base);
                if (src_fs->is_dir(p))
                    next.fs.copy_tree(*src_fs, p, dst);  // a directory's contents
                else if (src_fs->is_file(p))
                    next.fs.write(into_dir ? Fs::normalize(Fs::basename(p), dst) : dst, *src_fs->read(p));
            }
        } else if (in.keyword == "WORKDIR") {
            c.workdir = Fs::normalize(substitute_build_vars(in.args[0], vars), c.workdir.empty() ? "/" : c.workdir);
            next.fs.mkdir_p(c.workdir);
        } else if (in.keyword == "ENV") {
            for (const auto& a : in.args) {
                size_t eq = a.find('=');
                std::string k = a.substr(0, eq), v = substitute_build_vars(a.substr(eq + 1), vars);
                auto it = std::find_if(c.env.begin(), c.env.end(), [&](const auto& p) { return p.first == k; });
                if (it != c.env.end())
                    it->second = v;
                else
                    c.env.emplace_back(k, v);
                vars[k] = v;
            }
        } else if (in.keyword == "ARG") {
            for (const auto& a : in.args) {
                size_t eq = a.find('=');
                args[a.substr(0, eq)] = eq == std::string::npos ? "" : a.substr(eq + 1);
            }
        } else if (in.keyword == "EXPOSE") {
            for (const auto& p : in.args) c.exposed_ports.push_back(p.find('/') == std::string::npos ? p + "/tcp" : p);
        } else if (in.keyword == "LABEL") {
            for (const auto& a : in.args) {
                size_t eq = a.find('=');
                std::string k = a.substr(0, eq), v = eq == std::string::npos ? "" : a.substr(eq + 1);
                if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
                auto it = std::find_if(c.labels.begin(), c.labels.end(), [&](const auto& p) { return p.first == k; });
                if (it != c.labels.end())
                    it->second = v;
                else
                    c.labels.emplace_back(k, v);
            }
        } else if (in.keyword == "USER") {
            c.user = substitute_build_vars(in.args[0], vars);
        } else if (in.keyword == "CMD") {
            c.cmd = in.exec_form ? in.args : StrVec{"/bin/sh", "-c", in.args.empty() ? "" : in.args[0]};
            cmd_set = true;
        } else if (in.keyword == "ENTRYPOINT") {
            c.entrypoint = in.exec_form ? in.args : StrVec{"/bin/sh", "-c", in.args.empty() ? "" : in.args[0]};
            // "If CMD is defined from the base image, setting ENTRYPOINT will reset CMD to an empty value."
            if (!cmd_set) c.cmd.clear();
        }
        if (runs_container) io.out.write("Removing intermediate container " + tmp + "\n");
        io.out.write(" ---> " + id + "\n");
        w.images[id] = next;
        cur = next;
    }
    if (cur.id.empty()) {  // FROM scratch with nothing after it
        cur.id = content_hash("scratch-empty").substr(0, 12);
        w.images[cur.id] = cur;
    }
    io.out.write("Successfully built " + cur.id + "\n");
    for (const auto& t : opt.tags) {
        std::string tag = add_latest(t);
        for (auto& [id, img] : w.images)
            img.tags.erase(std::remove(img.tags.begin(), img.tags.end(), tag), img.tags.end());
        w.images[cur.id].tags.push_back(tag);
        io.out.write("Successfully tagged " + tag + "\n");
    }
    return cur.id;
}

Result<std::string> docker_create(DeployContext& ctx, const RunSpec& spec) {
    World& w = ctx.world;
    std::string image_id = w.find_image(spec.image);
    if (image_id.empty()) image_id = pull_image(w, spec.image, nullptr);
    if (image_id.empty()) {
        std::string name = spec.image.substr(0, spec.image.find(':'));
        return Error::make("Error response from daemon",
                           "pull access denied for " + name +
                               ", repository does not exist or may require 'docker login': denied: requested access to "
                               "the resource is denied");
    }
    const Image& img = w.images.at(image_id);
    // The daemon checks the name (valid, then free) before it looks for a command.
    if (!spec.name.empty()) {
        bool valid = spec.name.size() >= 2 && std::isalnum(static_cast<unsigned char>(spec.name[0]));
        for (char ch : spec.name)
            valid &= std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == '-';
        if (!valid)
            return Error::make("Error response from daemon", "Invalid container name (" + spec.name +
                                                                 "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    if (w.containers.count(spec.name)) {
        return Error::make("Error response from daemon",
                           "Conflict. The container name \"/" + spec.name + "\" is already in use by container \"" +
                               w.containers[spec.name].id +
                               "\". You have to remove (or rename) that container to be able to reuse that name.");
    }
    auto argv = resolve_process(img.config, spec.entrypoint, spec.cmd);
    if (!argv.ok()) return argv.take_error();
    std::string id = w.new_id("container:" + spec.name + spec.image);
    std::string name = spec.name;
    if (name.empty()) {
        static const char* adjectives[] = {"admiring", "brave", "clever", "dazzling", "eager", "festive"};
        static const char* names[] = {"turing", "hopper", "lovelace", "ritchie", "thompson", "knuth"};
        size_t n = static_cast<size_t>(w.next_id);
        name = std::string(adjectives[n % 6]) + "_" + names[(n / 6) % 6];
        // The daemon draws another name when one is taken.
        for (int k = 2; w.containers.count(name); ++k)
            name = std::string(adjectives[n % 6]) + "_" + names[(n / 6) % 6] + std::to_string(k);
    }
    Container c;
    c.id = id;
    c.name = name;
    c.image = image_id;
    c.image_ref = spec.image;
    c.config_entrypoint = spec.entrypoint ? *spec.entrypoint : img.config.entrypoint;
    c.config_cmd = spec.cmd ? *spec.cmd : (spec.entrypoint ? StrVec{} : img.config.cmd);
    c.path = argv.value()[0];
    c.args.assign(argv.value().begin() + 1, argv.value().end());
    c.fs = img.fs;
    // runconfig.Merge: the container's own variables first, then the image's it does not set.
    for (const auto& kv : spec.env) {
        auto it = std::find_if(c.env.begin(), c.env.end(), [&kv](const auto& p) { return p.first == kv.first; });
        if (it != c.env.end())
            it->second = kv.second;
        else
            c.env.push_back(kv);
    }
    for (const auto& kv : img.config.env)
        if (std::none_of(c.env.begin(), c.env.end(), [&kv](const auto& p) { return p.first == kv.first; }))
            c.env.push_back(kv);
    c.workdir = img.config.workdir.empty() ? "/" : img.config.workdir;
    c.networks = spec.networks;
    c.ports = spec.ports;
    c.mounts = spec.mounts;
    c.restart = spec.restart;
    c.project = spec.project;
    c.service = spec.service;
    c.config_hash = spec.config_hash;
    c.number = spec.number;
    for (const auto& [vol, target] : spec.mounts) {
        auto& v = w.volumes[vol];
        v.name = vol;
        if (v.data.nodes().empty()) v.data.copy_tree(c.fs, target, "/");  // a new volume is seeded from the image
        c.fs.remove(target);
        c.fs.copy_tree(v.data, "/", target);
    }
    w.containers[name] = std::move(c);
    return name;
}

Status docker_start(DeployContext& ctx, const std::string& name) {
    World& w = ctx.world;
    Container& c = w.containers.at(name);
    for (const auto& [host, cport] : c.ports) {
        auto it = w.host_ports.find(host);
        if (it != w.host_ports.end() && it->second != "docker-proxy " + name) {
            c.status = "created";
            // Another container's docker-proxy vs. a process of the host (apache, a stray nginx).
            std::string why = it->second.rfind("docker-proxy ", 0) == 0
                                  ? "Bind for 0.0.0.0:" + std::to_string(host) + " failed: port is already allocated"
                                  : "Error starting userland proxy: listen tcp4 0.0.0.0:" + std::to_string(host) +
                                        ": bind: address already in use";
            return Error::make("Error response from daemon",
                               "driver failed programming external connectivity on endpoint " + name + " (" +
                                   content_hash("ep" + name) + content_hash("ep2" + name) + "): " + why);
        }
    }
    c.status = "running";
    c.manually_stopped = false;
    c.processes.clear();
    StrVec argv = {c.path};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    Shell sh(ctx, MachineKind::kContainer, name);
    StartedServer server;
    sh.started = &server;
    Io io;
    c.last_out.clear();
    c.last_err.clear();
    io.out.sink = [&w, name](const std::string& s) {
        w.containers.at(name).logs += s;
        w.containers.at(name).last_out += s;
    };
    io.err.sink = [&w, name](const std::string& s) {
        w.containers.at(name).logs += s;
        w.containers.at(name).last_err += s;
    };
    std::string first = argv[0];
    int code = 0;
    // exec form: no shell, so a missing program is the runtime's error, not sh's.
    bool found = first.find('/') != std::string::npos ? c.fs.is_file(Fs::normalize(first, c.workdir)) : false;
    if (first.find('/') == std::string::npos) {
        std::string p = sh.var("PATH");
        size_t i = 0;
        while (i <= p.size() && !found) {
            size_t j = p.find(':', i);
            if (j == std::string::npos) j = p.size();
            if (c.fs.is_file(p.substr(i, j - i) + "/" + first)) found = true;
            i = j + 1;
        }
    }
    if (!found) {
        Container& cc = w.containers.at(name);
        cc.status = "created";
        cc.exit_code = 127;
        return Error::make(
            "Error response from daemon",
            "OCI runtime create failed: container_linux.go:380: starting container process caused: exec: \"" + first +
                "\": " +
                (first.find('/') != std::string::npos ? "stat " + first + ": no such file or directory"
                                                      : "executable file not found in $PATH") +
                ": unknown");
    }
    code = sh.exec(argv, io);
    Container& cc = w.containers.at(name);
    std::string cmdline;
    for (size_t i = 0; i < argv.size(); ++i) cmdline += (i ? " " : "") + argv[i];
    if (!server.cmd.empty() && code == 0) {
        cc.status = "running";
        cc.processes.push_back(Process{1, "root", server.cmd, server.port, server.root});
        for (int k = 0; k < server.workers; ++k) cc.processes.push_back(Process{8 + k, "root", server.cmd, 0, ""});
        for (const auto& [host, cport] : cc.ports) w.host_ports[host] = "docker-proxy " + name;
    } else {
        cc.status = "exited";
        cc.exit_code = code;
        int max = on_failure_max(cc.restart);
        if (restart_policy_restarts(cc.restart, code, false, 0)) {
            // Each restart runs the same program on the same files: it ends as the first run did.
            int runs = max > 0 ? max : 1;
            for (int k = 0; k < runs; ++k) cc.logs += cc.last_out + cc.last_err;
            cc.restart_count += runs;
            if (max == 0) cc.status = "restarting";  // the daemon keeps trying, with growing delays
        }
    }
    return Status::Ok();
}

bool restart_policy_restarts(const std::string& policy, int exit_code, bool manually_stopped, int restart_count) {
    if (policy == "always") return true;
    if (policy == "unless-stopped") return !manually_stopped;
    if (policy.rfind("on-failure", 0) == 0) {
        int max = on_failure_max(policy);
        return exit_code != 0 && (max == 0 || restart_count < max);
    }
    return false;
}

void docker_daemon_restart(DeployContext& ctx) {
    World& w = ctx.world;
    std::vector<std::string> names;
    for (auto& [name, c] : w.containers) {
        names.push_back(name);
        if (c.status == "running" || c.status == "restarting") {
            bool manual = c.manually_stopped;
            docker_stop(ctx, name);
            w.containers.at(name).manually_stopped = manual;
        }
    }
    for (const auto& name : names) {
        Container& c = w.containers.at(name);
        if (c.status == "exited" &&
            restart_policy_restarts(c.restart, c.exit_code, c.manually_stopped, 0))  // a new restart manager
            (void)docker_start(ctx, name);
    }
}

void docker_stop(DeployContext& ctx, const std::string& name) {
    World& w = ctx.world;
    auto it = w.containers.find(name);
    if (it == w.containers.end()) return;
    Container& c = it->second;
    if (c.status == "restarting") {
        c.status = "exited";  // the restart loop ends; the last run's exit code stays
    } else if (c.status == "running") {
        c.status = "exited";
        c.exit_code = c.path.find("nginx") != std::string::npos || c.path.find("docker-entrypoint") != std::string::npos
                          ? 0
                          : 137;
    }
    c.processes.clear();
    for (auto p = w.host_ports.begin(); p != w.host_ports.end();) {
        if (p->second == "docker-proxy " + name)
            p = w.host_ports.erase(p);
        else
            ++p;
    }
}

void docker_remove(DeployContext& ctx, const std::string& name) {
    std::string db = "container:" + name;  // before the erase: `name` may be the container's own
    docker_stop(ctx, name);
    ctx.world.containers.erase(name);
    ctx.world.databases.erase(db);  // a db kept in the container's own filesystem
}

const Container* resolve_container(const World& w, const Container& from, const std::string& host) {
    for (const auto& [name, c] : w.containers) {
        if (c.status != "running") continue;
        bool shared = false;
        for (const auto& n : c.networks)
            if (std::find(from.networks.begin(), from.networks.end(), n) != from.networks.end()) shared = true;
        if (!shared) continue;
        if (c.service == host || c.name == host || c.id == host) return &c;
    }
    return nullptr;
}

}  // namespace gramlab::deploy

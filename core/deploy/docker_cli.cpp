// The `docker` client on the simulated host (20.10): build, run, images, ps, logs, rm, rmi, exec,
// inspect (incl. --format with {{json .Config.Cmd}}, {{.Path}}, {{json .Args}},
// {{.State.ExitCode}}), start, stop; output columns and error texts as the real client prints.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/deploy/commands.hpp"
#include "core/deploy/docker.hpp"

namespace gramlab::deploy {

namespace {

// text/tabwriter as the docker CLI configures it (minwidth 10, padding 3): each column is as wide
// as its widest cell + 3 spaces, and at least 10.
std::string tabulate(const std::vector<std::vector<std::string>>& rows) {
    std::vector<size_t> widths;
    for (const auto& r : rows)
        for (size_t i = 0; i < r.size(); ++i) {
            if (widths.size() <= i) widths.push_back(0);
            size_t len = 0;
            for (unsigned char ch : r[i]) len += (ch & 0xC0) != 0x80;
            widths[i] = std::max(widths[i], len);
        }
    std::string out;
    for (const auto& r : rows) {
        std::string line;
        for (size_t i = 0; i < r.size(); ++i) {
            line += r[i];
            if (i + 1 < r.size()) {
                size_t len = 0;
                for (unsigned char ch : r[i]) len += (ch & 0xC0) != 0x80;
                size_t width = std::max<size_t>(widths[i] + 3, 10);
                line += std::string(width - len, ' ');
            }
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

nlohmann::json str_list(const StrVec& v) {
    if (v.empty()) return nullptr;
    return nlohmann::json(v);
}

std::string dump(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Container* find_container(World& w, const std::string& ref) {
    auto it = w.containers.find(ref);
    if (it != w.containers.end()) return &it->second;
    for (auto& [n, c] : w.containers)
        if (ref.size() >= 3 && c.id.rfind(ref, 0) == 0) return &c;
    return nullptr;
}

std::string image_size(const Image& img) {
    size_t bytes = 0;
    for (const auto& [p, n] : img.fs.nodes()) bytes += n.content.size();
    double mb = 72.8 + static_cast<double>(bytes) / 1e6;
    if (img.tags.size() && img.tags[0].find("alpine") != std::string::npos)
        mb = 22.1 + static_cast<double>(bytes) / 1e6;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3gMB", mb);
    return buf;
}

int not_found(Io& io, const std::string& what) {
    io.err.write("Error: No such container: " + what + "\n");
    return 1;
}

// Evaluates a Go template of the form used in the material: "{{json .Config.Cmd}}", "{{.Path}}".
std::string format_template(const std::string& tmpl, const nlohmann::json& obj) {
    std::string out;
    size_t i = 0;
    while (i < tmpl.size()) {
        size_t open = tmpl.find("{{", i);
        if (open == std::string::npos) {
            out += tmpl.substr(i);
            break;
        }
        out += tmpl.substr(i, open - i);
        size_t close = tmpl.find("}}", open);
        if (close == std::string::npos) break;
        std::string expr = tmpl.substr(open + 2, close - open - 2);
        while (!expr.empty() && expr.front() == ' ') expr.erase(0, 1);
        while (!expr.empty() && expr.back() == ' ') expr.pop_back();
        bool as_json = expr.rfind("json ", 0) == 0;
        if (as_json) expr = expr.substr(5);
        const nlohmann::json* cur = &obj;
        size_t p = 1;
        while (p < expr.size() && cur) {
            size_t dot = expr.find('.', p);
            std::string key = expr.substr(p, dot == std::string::npos ? std::string::npos : dot - p);
            cur = cur->is_object() && cur->contains(key) ? &(*cur)[key] : nullptr;
            p = dot == std::string::npos ? expr.size() : dot + 1;
        }
        if (!cur)
            out += as_json ? "null" : "<no value>";
        else if (as_json)
            out += dump(*cur);
        else if (cur->is_string())
            out += cur->get<std::string>();
        else if (cur->is_null())
            out += "<nil>";
        else if (cur->is_array()) {
            out += "[";
            for (size_t k = 0; k < cur->size(); ++k)
                out += (k ? " " : "") + ((*cur)[k].is_string() ? (*cur)[k].get<std::string>() : dump((*cur)[k]));
            out += "]";
        } else
            out += dump(*cur);
        i = close + 2;
    }
    return out;
}

// {"8000/tcp": {}} as the engine stores ports (a Go map of empty structs); null when none.
nlohmann::json exposed_ports(const ImageConfig& cfg) {
    if (cfg.exposed_ports.empty()) return nullptr;
    nlohmann::json j = nlohmann::json::object();
    for (const auto& p : cfg.exposed_ports) j[p] = nlohmann::json::object();
    return j;
}

nlohmann::json labels(const ImageConfig& cfg) {
    if (cfg.labels.empty()) return nullptr;
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : cfg.labels) j[k] = v;
    return j;
}

// A container's full id as `docker run -d` and `docker create` print it (64 hex digits).
std::string full_id(const std::string& id) {
    return id + content_hash(id) + content_hash(id + "x") + content_hash(id + "y") +
           content_hash(id + "z").substr(0, 4);
}

nlohmann::json inspect_container(const World& w, const Container& c) {
    nlohmann::json j;
    j["Id"] = c.id;
    j["Name"] = "/" + c.name;
    j["Path"] = c.path;
    j["Args"] = nlohmann::json(c.args);
    bool restarting = c.status == "restarting";
    j["State"] = {{"Status", c.status},
                  {"Running", c.status == "running" || restarting},
                  {"Restarting", restarting},
                  {"ExitCode", c.exit_code}};
    j["RestartCount"] = c.restart_count;
    size_t colon = c.restart.find(':');
    j["HostConfig"] = {
        {"RestartPolicy",
         {{"Name", c.restart.substr(0, colon)},
          {"MaximumRetryCount", colon == std::string::npos ? 0 : std::atoi(c.restart.c_str() + colon + 1)}}}};
    j["Image"] = "sha256:" + c.image;
    nlohmann::json env = nlohmann::json::array();
    for (const auto& [k, v] : c.env) env.push_back(k + "=" + v);
    const ImageConfig* image = w.images.count(c.image) ? &w.images.at(c.image).config : nullptr;
    j["Config"] = {{"Cmd", str_list(c.config_cmd)},
                   {"Entrypoint", str_list(c.config_entrypoint)},
                   {"Env", env},
                   {"ExposedPorts", image ? exposed_ports(*image) : nullptr},
                   {"Labels", image ? labels(*image) : nullptr},
                   {"Image", c.image_ref},
                   {"WorkingDir", c.workdir == "/" ? "" : c.workdir}};
    return j;
}

nlohmann::json inspect_image(const Image& img) {
    nlohmann::json j;
    j["Id"] = "sha256:" + img.id;
    j["RepoTags"] = nlohmann::json(img.tags);
    nlohmann::json env = nlohmann::json::array();
    for (const auto& [k, v] : img.config.env) env.push_back(k + "=" + v);
    j["Config"] = {{"Cmd", str_list(img.config.cmd)},
                   {"Entrypoint", str_list(img.config.entrypoint)},
                   {"Env", env},
                   {"ExposedPorts", exposed_ports(img.config)},
                   {"Labels", labels(img.config)},
                   {"WorkingDir", img.config.workdir},
                   {"User", img.config.user}};
    return j;
}

// The options `docker run` and `docker create` share, then IMAGE [COMMAND] [ARG...]. Returns
// false (usage printed) when no image is named.
bool parse_run_args(Shell& sh, const Argv& a, size_t i, const std::string& verb, RunSpec& spec, bool& detach,
                    bool& remove, Io& io) {
    for (; i < a.size() && a[i][0] == '-'; ++i) {
        const std::string& f = a[i];
        auto val = [&]() { return i + 1 < a.size() ? a[++i] : std::string(); };
        if (f == "--name")
            spec.name = val();
        else if (f.rfind("--name=", 0) == 0)
            spec.name = f.substr(7);
        else if (f == "--entrypoint" || f.rfind("--entrypoint=", 0) == 0) {
            // An empty --entrypoint resets the image's entrypoint to nothing.
            std::string e = f == "--entrypoint" ? val() : f.substr(13);
            spec.entrypoint = e.empty() ? StrVec{} : StrVec{e};
        } else if (f == "-d" || f == "--detach")
            detach = true;
        else if (f == "--rm")
            remove = true;
        else if (f == "-e" || f == "--env") {
            std::string kv = val();
            size_t eq = kv.find('=');
            spec.env.emplace_back(kv.substr(0, eq), eq == std::string::npos ? sh.var(kv) : kv.substr(eq + 1));
        } else if (f == "-p" || f == "--publish") {
            std::string pm = val();
            size_t c = pm.rfind(':');
            spec.ports.emplace_back(std::atoi(pm.substr(0, c).c_str() + (pm.find(':') < c ? pm.find(':') + 1 : 0)),
                                    std::atoi(pm.c_str() + c + 1));
        } else if (f == "--restart") {
            spec.restart = val();
        } else if (f.rfind("--restart=", 0) == 0) {
            spec.restart = f.substr(10);
        } else if (f == "-w" || f == "--workdir" || f == "--network" || f == "-v" || f == "--volume") {
            val();
        }
    }
    if (i >= a.size()) {
        io.err.write("\"docker " + verb + "\" requires at least 1 argument.\nSee 'docker " + verb +
                     " --help'.\n\nUsage:  docker " + verb + " [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n" +
                     (verb == "run" ? "Run a command in a new container\n" : "Create a new container\n"));
        return false;
    }
    spec.image = a[i++];
    if (i < a.size()) spec.cmd = StrVec(a.begin() + static_cast<long>(i), a.end());
    return true;
}

// Finds the image, or pulls one the simulator knows; false (message printed) when there is none.
bool ensure_image(World& w, const std::string& image, const std::string& verb, Io& io) {
    if (!w.find_image(image).empty()) return true;
    std::string ref = image.find(':') == std::string::npos ? image + ":latest" : image;
    io.err.write("Unable to find image '" + ref + "' locally\n");
    Io pull;
    pull.out.sink = [&io](const std::string& s) { io.out.write(s); };
    if (!pull_image(w, image, &pull).empty()) return true;
    io.err.write(std::string(verb == "run" ? "docker: " : "") + "Error response from daemon: pull access denied for " +
                 image.substr(0, image.find(':')) +
                 ", repository does not exist or may require 'docker login': denied: requested access to the "
                 "resource is denied" +
                 (verb == "run" ? ".\nSee 'docker run --help'.\n" : "\n"));
    return false;
}

// `docker create`: the container exists, in the "created" state, and its id is printed.
int docker_create_cmd(Shell& sh, const Argv& a, Io& io) {
    RunSpec spec;
    bool detach = false, remove = false;
    if (!parse_run_args(sh, a, 2, "create", spec, detach, remove, io)) return 1;
    World& w = sh.ctx().world;
    if (!ensure_image(w, spec.image, "create", io)) return 1;
    auto created = docker_create(sh.ctx(), spec);
    if (!created.ok()) {
        io.err.write(created.error().to_string() + "\n");
        return 1;
    }
    io.out.write(full_id(w.containers.at(created.value()).id) + "\n");
    return 0;
}

int docker_run(Shell& sh, const Argv& a, size_t i, Io& io) {
    RunSpec spec;
    bool detach = false, remove = false;
    if (!parse_run_args(sh, a, i, "run", spec, detach, remove, io)) return 1;
    World& w = sh.ctx().world;
    if (!ensure_image(w, spec.image, "run", io)) return 125;
    auto created = docker_create(sh.ctx(), spec);
    if (!created.ok()) {
        io.err.write("docker: " + created.error().to_string() + ".\nSee 'docker run --help'.\n");
        return 125;
    }
    std::string name = created.value();
    Status st = docker_start(sh.ctx(), name);
    if (!st.ok()) {
        io.err.write("docker: " + st.error().to_string() + ".\n");
        if (!detach) io.err.write("ERRO[0000] error waiting for container: context canceled\n");
        return st.error().message.find("executable file not found") != std::string::npos ||
                       st.error().message.find("no such file") != std::string::npos
                   ? 127
                   : 126;
    }
    Container& c = w.containers.at(name);
    if (detach) {
        io.out.write(full_id(c.id) + "\n");
        return 0;
    }
    // Attached: the client forwards the container's stdout and stderr to its own.
    io.out.write(c.last_out);
    io.err.write(c.last_err);
    int code = c.status == "exited" ? c.exit_code : 0;
    if (remove && c.status != "running") w.containers.erase(name);
    return code;
}

}  // namespace

int cmd_docker(Shell& sh, const Argv& a, Io& io) {
    World& w = sh.ctx().world;
    if (sh.kind() == MachineKind::kContainer) {
        io.err.write(sh.err_prefix() + "docker: not found\n");
        return 127;
    }
    if (a.size() < 2) {
        io.out.write("\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n");
        return 0;
    }
    const std::string& sub = a[1];
    if (sub == "build") {
        BuildOptions bo;
        std::string path, file;
        for (size_t i = 2; i < a.size(); ++i) {
            if ((a[i] == "-t" || a[i] == "--tag") && i + 1 < a.size())
                bo.tags.push_back(a[++i]);
            else if ((a[i] == "-f" || a[i] == "--file") && i + 1 < a.size())
                file = a[++i];
            else if (a[i] == "--no-cache")
                bo.no_cache = true;
            else if (a[i] == "--target" && i + 1 < a.size())
                bo.target = a[++i];
            else if (a[i][0] != '-')
                path = a[i];
        }
        if (path.empty()) {
            io.err.write(
                "\"docker build\" requires exactly 1 argument.\nSee 'docker build --help'.\n\nUsage:  docker build "
                "[OPTIONS] "
                "PATH | URL | -\n\nBuild an image from a Dockerfile\n");
            return 1;
        }
        bo.context_dir = sh.abs(path);
        bo.dockerfile = file.empty() ? bo.context_dir + "/Dockerfile" : sh.abs(file);
        auto r = docker_build(sh.ctx(), bo, io);
        return r.ok() ? 0 : 1;
    }
    if (sub == "run") return docker_run(sh, a, 2, io);
    if (sub == "create") return docker_create_cmd(sh, a, io);
    if (sub == "images" || (sub == "image" && a.size() > 2 && a[2] == "ls")) {
        std::vector<std::vector<std::string>> rows = {{"REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"}};
        std::vector<std::pair<std::string, const Image*>> tagged;
        for (const auto& [id, img] : w.images) {
            for (const auto& t : img.tags) tagged.emplace_back(t, &img);
        }
        std::sort(tagged.begin(), tagged.end(), [](const auto& x, const auto& y) {
            bool xb = x.second->created_by.rfind("pulled", 0) == 0, yb = y.second->created_by.rfind("pulled", 0) == 0;
            return xb != yb ? !xb : x.first < y.first;
        });
        for (const auto& [t, img] : tagged) {
            bool pulled = img->created_by.rfind("pulled", 0) == 0;
            rows.push_back({t.substr(0, t.rfind(':')), t.substr(t.rfind(':') + 1), img->id,
                            pulled ? "4 weeks ago" : "About a minute ago", image_size(*img)});
        }
        io.out.write(tabulate(rows));
        return 0;
    }
    if (sub == "ps") {
        bool all = std::find(a.begin(), a.end(), "-a") != a.end() || std::find(a.begin(), a.end(), "--all") != a.end();
        std::vector<std::vector<std::string>> rows = {
            {"CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"}};
        for (const auto& [n, c] : w.containers) {
            if (!all && c.status != "running" && c.status != "restarting") continue;
            // daemon/list.go: arguments with a space are shown in single quotes.
            std::string cmd = c.path;
            for (const auto& x : c.args) cmd += " " + (x.find(' ') == std::string::npos ? x : "'" + x + "'");
            if (cmd.size() > 20) cmd = cmd.substr(0, 19) + "…";
            std::string status = c.status == "running"   ? "Up 10 seconds"
                                 : c.status == "created" ? "Created"
                                 : c.status == "restarting"
                                     ? "Restarting (" + std::to_string(c.exit_code) + ") Less than a second ago"
                                     : "Exited (" + std::to_string(c.exit_code) + ") 9 seconds ago";
            std::string ports;
            for (const auto& [h, cp] : c.ports)
                if (c.status == "running")
                    ports += (ports.empty() ? "" : ", ") + std::string("0.0.0.0:") + std::to_string(h) + "->" +
                             std::to_string(cp) + "/tcp";
            rows.push_back(
                {c.id,
                 c.image_ref.size() == 12 && w.images.count(c.image_ref) && !w.images.at(c.image_ref).tags.empty()
                     ? w.images.at(c.image_ref).tags[0].substr(0, w.images.at(c.image_ref).tags[0].rfind(':'))
                     : c.image_ref,
                 "\"" + cmd + "\"", "10 seconds ago", status, ports, n});
        }
        io.out.write(tabulate(rows));
        return 0;
    }
    if (sub == "logs") {
        if (a.size() < 3) return not_found(io, "");
        Container* c = find_container(w, a.back());
        if (!c) return not_found(io, a.back());
        io.out.write(c->logs);
        return 0;
    }
    if (sub == "rm") {
        bool force = std::find(a.begin(), a.end(), "-f") != a.end();
        int status = 0;
        for (size_t i = 2; i < a.size(); ++i) {
            if (a[i][0] == '-') continue;
            Container* c = find_container(w, a[i]);
            if (!c) {
                io.err.write("Error: No such container: " + a[i] + "\n");
                status = 1;
                continue;
            }
            if ((c->status == "running" || c->status == "restarting") && !force) {
                io.err.write("Error response from daemon: You cannot remove a " + c->status + " container " +
                             full_id(c->id) + ". Stop the container before attempting removal or force remove\n");
                status = 1;
                continue;
            }
            docker_remove(sh.ctx(), c->name);
            io.out.write(a[i] + "\n");
        }
        return status;
    }
    if (sub == "stop" || sub == "start" || sub == "restart") {
        for (size_t i = 2; i < a.size(); ++i) {
            Container* c = find_container(w, a[i]);
            if (!c) {
                io.err.write("Error response from daemon: No such container: " + a[i] + "\n");
                return 1;
            }
            std::string name = c->name;
            if (sub != "start") {
                docker_stop(sh.ctx(), name);
                w.containers.at(name).manually_stopped = true;
            }
            if (sub != "stop") {
                Status st = docker_start(sh.ctx(), name);
                if (!st.ok()) {
                    io.err.write(st.error().to_string() + "\nError: failed to start containers: " + a[i] + "\n");
                    return 1;
                }
            }
            io.out.write(a[i] + "\n");
        }
        return 0;
    }
    if (sub == "rmi") {
        for (size_t i = 2; i < a.size(); ++i) {
            std::string id = w.find_image(a[i]);
            if (id.empty()) {
                io.err.write("Error: No such image: " + a[i] + "\n");
                return 1;
            }
            for (const auto& [n, c] : w.containers)
                if (c.image == id) {
                    io.err.write("Error response from daemon: conflict: unable to remove repository reference \"" +
                                 a[i] + "\" (must force) - container " + c.id + " is using its referenced image " + id +
                                 "\n");
                    return 1;
                }
            for (const auto& t : w.images[id].tags) io.out.write("Untagged: " + t + "\n");
            io.out.write("Deleted: sha256:" + id + "\n");
            w.images.erase(id);
        }
        return 0;
    }
    if (sub == "exec") {
        size_t i = 2;
        while (i < a.size() && a[i][0] == '-') ++i;
        if (i + 1 >= a.size()) {
            io.err.write("\"docker exec\" requires at least 2 arguments.\nSee 'docker exec --help'.\n");
            return 1;
        }
        Container* c = find_container(w, a[i]);
        if (!c) {
            io.err.write("Error: No such container: " + a[i] + "\n");
            return 1;
        }
        if (c->status != "running") {
            io.err.write("Error response from daemon: Container " + c->id + " is not running\n");
            return 1;
        }
        Shell inner(sh.ctx(), MachineKind::kContainer, c->name);
        Argv cmd(a.begin() + static_cast<long>(i) + 1, a.end());
        int code = inner.exec(cmd, io);
        if (code == 127 && io.err.buf.find("not found") != std::string::npos) {
            // docker exec has no shell: the runtime reports the missing program.
        }
        return code;
    }
    if (sub == "inspect") {
        std::string format;
        std::vector<std::string> refs;
        for (size_t i = 2; i < a.size(); ++i) {
            if ((a[i] == "--format" || a[i] == "-f") && i + 1 < a.size())
                format = a[++i];
            else if (a[i].rfind("--format=", 0) == 0)
                format = a[i].substr(9);
            else
                refs.push_back(a[i]);
        }
        // cli/command/inspect: every reference is looked up; the found ones are printed (a
        // template per object, or one JSON array), "[]" or an empty line when none was, and the
        // misses are reported together at the end.
        nlohmann::json all = nlohmann::json::array();
        std::string printed, errors;
        for (const auto& r : refs) {
            nlohmann::json obj;
            if (Container* c = find_container(w, r))
                obj = inspect_container(w, *c);
            else if (std::string id = w.find_image(r); !id.empty())
                obj = inspect_image(w.images.at(id));
            else {
                errors += "Error: No such object: " + r + "\n";
                continue;
            }
            if (!format.empty()) printed += format_template(format, obj) + "\n";
            all.push_back(obj);
        }
        if (format.empty())
            io.out.write(all.empty() ? "[]\n"
                                     : all.dump(4, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
        else
            io.out.write(printed.empty() ? "\n" : printed);
        io.err.write(errors);
        return errors.empty() ? 0 : 1;
    }
    if (sub == "network" && a.size() > 2 && a[2] == "ls") {
        std::vector<std::vector<std::string>> rows = {{"NETWORK ID", "NAME", "DRIVER", "SCOPE"},
                                                      {"0f1e2d3c4b5a", "bridge", "bridge", "local"}};
        for (const auto& [n, net] : w.networks) rows.push_back({net.id, n, "bridge", "local"});
        rows.push_back({"5a4b3c2d1e0f", "host", "host", "local"});
        io.out.write(tabulate(rows));
        return 0;
    }
    if (sub == "volume" && a.size() > 2 && a[2] == "ls") {
        std::vector<std::vector<std::string>> rows = {{"DRIVER", "VOLUME NAME"}};
        for (const auto& [n, v] : w.volumes) rows.push_back({"local", n});
        io.out.write(tabulate(rows));
        return 0;
    }
    if (sub == "--version" || sub == "version") {
        io.out.write("Docker version 20.10.5+dfsg1, build 55c4c88\n");
        return 0;
    }
    io.err.write("docker: '" + sub + "' is not a docker command.\nSee 'docker --help'\n");
    return 1;
}

}  // namespace gramlab::deploy

// flatten() and diff_worlds(): the world as sorted "path → value" lines and their difference.
#include "core/deploy/world.hpp"

#include <cstdio>

namespace gramlab::deploy {

std::string World::find_image(const std::string& ref) const {
    std::string r = ref.find(':') == std::string::npos ? ref + ":latest" : ref;
    for (const auto& [id, img] : images)
        for (const auto& t : img.tags)
            if (t == r) return id;
    if (ref.size() >= 4)
        for (const auto& [id, img] : images)
            if (id.rfind(ref, 0) == 0) return id;
    return "";
}

std::string World::new_id(const std::string& seed) {
    std::string h = content_hash(seed + "#" + std::to_string(next_id++));
    return h.substr(0, 12);
}

namespace {

void flatten_fs(std::map<std::string, std::string>& out, const std::string& prefix, const Fs& fs) {
    for (const auto& [path, node] : fs.nodes()) {
        if (node.dir)
            out[prefix + path] = "dir";
        else
            out[prefix + path] =
                "file " + std::to_string(node.content.size()) + " bytes #" + content_hash(node.content).substr(0, 8);
    }
}

std::string join(const std::vector<std::string>& v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", \"" : "\"") + v[i] + "\"";
    return s + "]";
}

}  // namespace

std::map<std::string, std::string> flatten(const World& w) {
    std::map<std::string, std::string> out;
    flatten_fs(out, "repo:", w.repo);
    if (!w.pushed_commit.empty()) out["repo/pushed"] = w.pushed_commit;
    flatten_fs(out, "runner:", w.runner);
    if (!w.runner_status.empty()) out["runner/status"] = w.runner_status;
    out["host/instance"] = w.host_alive ? w.host_instance + " (running)" : w.host_instance + " (terminated)";
    flatten_fs(out, "host:", w.host);
    for (const auto& [port, who] : w.host_ports) out["host/ports/" + std::to_string(port)] = who;
    for (const auto& [id, img] : w.images) {
        std::string p = "images/" + id;
        std::string tags;
        for (const auto& t : img.tags) tags += (tags.empty() ? "" : " ") + t;
        out[p] = tags.empty() ? "<none>:<none>" : tags;
        out[p + "/Cmd"] = join(img.config.cmd);
        out[p + "/Entrypoint"] = join(img.config.entrypoint);
    }
    for (const auto& [name, c] : w.containers) {
        std::string p = "containers/" + name;
        out[p] = c.id + " image " + c.image_ref;
        out[p + "/status"] = c.status == "exited" ? "exited (" + std::to_string(c.exit_code) + ")" : c.status;
        std::vector<std::string> argv = {c.path};
        argv.insert(argv.end(), c.args.begin(), c.args.end());
        out[p + "/command"] = join(argv);
        for (const auto& [h, cp] : c.ports) out[p + "/ports/" + std::to_string(h)] = std::to_string(cp) + "/tcp";
        for (const auto& n : c.networks) out[p + "/networks/" + n] = "attached";
        for (const auto& [v, t] : c.mounts) out[p + "/mounts/" + t] = v;
        for (const auto& pr : c.processes) out[p + "/processes/" + std::to_string(pr.pid)] = pr.cmd;
    }
    for (const auto& [name, n] : w.networks) out["networks/" + name] = n.id;
    for (const auto& [name, v] : w.volumes) {
        out["volumes/" + name] = "volume";
        flatten_fs(out, "volumes/" + name + ":", v.data);
    }
    for (const auto& [name, db] : w.databases) {
        out["databases/" + name] =
            db.image.empty() ? "sqlite, empty" : "sqlite, " + std::to_string(db.tables.size()) + " tables";
        for (const auto& [table, rows] : db.tables)
            out["databases/" + name + "/" + table] = std::to_string(rows) + (rows == 1 ? " row" : " rows");
    }
    for (size_t i = 0; i < w.requests.size(); ++i) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%03zu", i + 1);
        const auto& r = w.requests[i];
        out[std::string("requests/") + buf] =
            r.request + " → " + std::to_string(r.status) + (r.via.empty() ? "" : " via " + r.via);
    }
    return out;
}

std::vector<Change> diff_worlds(const World& before, const World& after) {
    auto a = flatten(before), b = flatten(after);
    std::vector<Change> out;
    auto ia = a.begin();
    auto ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
            out.push_back({"removed", ia->first, ia->second, ""});
            ++ia;
        } else if (ia == a.end() || ib->first < ia->first) {
            out.push_back({"added", ib->first, "", ib->second});
            ++ib;
        } else {
            if (ia->second != ib->second) out.push_back({"changed", ia->first, ia->second, ib->second});
            ++ia;
            ++ib;
        }
    }
    return out;
}

std::string render_change(const Change& c) {
    if (c.op == "added") return "+ " + c.path + ": " + c.after;
    if (c.op == "removed") return "- " + c.path + ": " + c.before;
    return "~ " + c.path + ": " + c.before + " → " + c.after;
}

}  // namespace gramlab::deploy

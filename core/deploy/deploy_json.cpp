// World/step/error → JSON (ordered keys, so the output is stable for tests and diffs).
#include "core/deploy/deploy_json.hpp"

#include "core/common/diagnostic.hpp"

namespace gramlab::deploy {

using J = nlohmann::ordered_json;

std::string dump_line(const J& j) {
    return j.dump(-1, ' ', false, J::error_handler_t::replace);
}

J world_to_json(const World& w) {
    J j;
    j["instance"] = w.host_instance;
    j["host_alive"] = w.host_alive;
    j["pushed_commit"] = w.pushed_commit;
    j["runner_status"] = w.runner_status;
    J ports = J::object();
    for (const auto& [p, who] : w.host_ports) ports[std::to_string(p)] = who;
    j["host_ports"] = ports;
    J images = J::array();
    for (const auto& [id, img] : w.images)
        images.push_back({{"id", id},
                          {"tags", img.tags},
                          {"cmd", img.config.cmd},
                          {"entrypoint", img.config.entrypoint},
                          {"created_by", img.created_by}});
    j["images"] = images;
    J containers = J::array();
    for (const auto& [name, c] : w.containers) {
        J procs = J::array();
        for (const auto& p : c.processes) procs.push_back({{"pid", p.pid}, {"cmd", p.cmd}, {"port", p.port}});
        J cports = J::array();
        for (const auto& [h, cp] : c.ports) cports.push_back(std::to_string(h) + "->" + std::to_string(cp) + "/tcp");
        containers.push_back({{"name", name},
                              {"id", c.id},
                              {"image", c.image_ref},
                              {"status", c.status},
                              {"exit_code", c.exit_code},
                              {"path", c.path},
                              {"args", c.args},
                              {"ports", cports},
                              {"networks", c.networks},
                              {"processes", procs}});
    }
    j["containers"] = containers;
    J nets = J::array();
    for (const auto& [name, n] : w.networks) nets.push_back(name);
    j["networks"] = nets;
    J vols = J::array();
    for (const auto& [name, v] : w.volumes) vols.push_back(name);
    j["volumes"] = vols;
    J dbs = J::object();
    for (const auto& [name, db] : w.databases) {
        J tables = J::object();
        for (const auto& [table, rows] : db.tables) tables[table] = rows;
        dbs[name] = {{"bytes", db.image.size()}, {"tables", tables}};
    }
    j["databases"] = dbs;
    J reqs = J::array();
    for (const auto& r : w.requests) reqs.push_back({{"request", r.request}, {"status", r.status}, {"via", r.via}});
    j["requests"] = reqs;
    J state = J::object();
    for (const auto& [k, v] : flatten(w)) state[k] = v;
    j["state"] = state;
    return j;
}

J step_to_json(const Step& s) {
    J changes = J::array();
    for (const auto& c : s.changes) {
        J cj = {{"op", c.op}, {"path", c.path}};
        if (c.op != "added") cj["before"] = c.before;
        if (c.op != "removed") cj["after"] = c.after;
        changes.push_back(cj);
    }
    return J{{"index", s.index}, {"title", s.title}, {"status", s.status}, {"changes", changes}, {"logs", s.logs}};
}

J error_to_json(const Error& e, std::string_view source) {
    J j = {{"kind", e.kind}, {"message", e.message}, {"file", e.file}};
    if (e.span.valid()) {
        LineCol lc = line_col(source, e.span.offset);
        j["line"] = lc.line;
        j["column"] = lc.column;
    } else {
        j["line"] = nullptr;
        j["column"] = nullptr;
    }
    j["rendered"] = render_error(source, e);
    return j;
}

J command_to_json(const std::string& command, const std::string& out, const std::string& err, int code) {
    return J{{"command", command}, {"stdout", out}, {"stderr", err}, {"exit_code", code}};
}

J summary_to_json(const Simulator& sim, const std::map<std::string, std::string>& files) {
    bool failed = false;
    for (size_t i = 0; i < sim.position(); ++i) failed |= sim.steps()[i].status == "failed";
    J errors = J::array();
    for (const auto& e : sim.errors()) {
        auto it = files.find(e.file);
        errors.push_back(error_to_json(e, it == files.end() ? "" : it->second));
    }
    J faults = J::array();
    for (auto f : sim.faults()) faults.push_back(fault_name(f));
    return J{{"steps", sim.steps().size()}, {"position", sim.position()}, {"faults", faults},
             {"failed", failed},            {"errors", errors},           {"world", world_to_json(sim.world())}};
}

J http_outcome_to_json(const HttpRequest& req, const HttpOutcome& o) {
    J headers = J::array();
    for (const auto& [name, value] : o.response.headers) headers.push_back(J::array({name, value}));
    J j;
    j["request"] = req.method + " " + req.path;
    j["connected"] = o.connected;
    j["curl_error"] = o.curl_error;
    j["status"] = o.connected ? J(o.response.status) : J(nullptr);
    j["reason"] = o.connected ? o.response.reason : "";
    j["headers"] = headers;
    j["body"] = o.connected ? o.response.body : "";
    j["trace"] = o.trace;
    return j;
}

}  // namespace gramlab::deploy

// The deploy subcommand: argument parsing, reading the scenario folder, and printing steps
// (text or JSON lines) from core/deploy's Simulator and Terminal.
#include "server/deploy_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "core/common/diagnostic.hpp"
#include "core/deploy/deploy_json.hpp"
#include "core/deploy/simulator.hpp"
#include "core/deploy/terminal.hpp"

namespace gramlab::cli {

namespace {

namespace dep = gramlab::deploy;
namespace fs = std::filesystem;

constexpr const char* kHelp =
    "usage: gramlab deploy [--scenario DIR] [--fault NAME]... [--step N | --to-end | --to-failure] [--json]\n"
    "       gramlab deploy sh [--scenario DIR] [--json]\n"
    "\n"
    "Simulates the deploy pipeline of the material: git push -> GitHub Actions -> EC2 host (rsync,\n"
    "deploy.sh) -> docker-compose up --build -d -> nginx -> gunicorn -> the app, one step at a time.\n"
    "\n"
    "options:\n"
    "  --scenario DIR   folder with the scenario's files (default: examples/deploy/default)\n"
    "  --fault NAME     inject a fault (repeatable): missing-secret, path-typo, db-in-prod-terminated,\n"
    "                   web-down, port-in-use, cmd-to-entrypoint, no-build-after-change\n"
    "  --step N         print the first N steps (the world after step N)\n"
    "  --to-end         print every step (default)\n"
    "  --to-failure     print the steps up to and including the first failed one\n"
    "  --json           one JSON object per step, then a summary object\n"
    "  -h, --help       show this help and exit\n"
    "\n"
    "gramlab deploy sh reads shell commands from stdin, one per line, and runs them on the simulated\n"
    "EC2 host in /home/ubuntu/srv/ubuntu (holding the scenario's files): docker build/run/ps/images/\n"
    "logs/exec/inspect/rm, docker-compose up/ps/logs/down, curl, cat, ls, echo ... With --json each\n"
    "command prints {\"command\", \"stdout\", \"stderr\", \"exit_code\"}.\n";

bool read_scenario(const std::string& dir, std::map<std::string, std::string>& files, std::ostream& err) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        err << "CommandError: scenario folder '" << dir << "' does not exist\n";
        return false;
    }
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        std::ifstream in(it->path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        files[fs::relative(it->path(), dir).generic_string()] = ss.str();
    }
    return true;
}

void print_step_text(const dep::Step& s, size_t total, std::ostream& out) {
    out << "[" << s.index << "/" << total << "] " << s.title << (s.status == "ok" ? "" : "  (" + s.status + ")")
        << "\n";
    for (const auto& l : s.logs) out << "    " << l << "\n";
    if (!s.changes.empty()) {
        out << "  changes:\n";
        for (const auto& c : s.changes) out << "    " << dep::render_change(c) << "\n";
    }
}

int run_sh(const dep::Scenario& scenario, bool json, std::istream& in, std::ostream& out, std::ostream& err) {
    dep::Terminal term(scenario);
    std::string line;
    int last = 0;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        dep::CommandResult r = term.run(line);
        last = r.exit_code;
        if (json) {
            out << dep::dump_line(dep::command_to_json(r.command, r.out, r.err, r.exit_code)) << "\n";
        } else {
            out << r.out;
            err << r.err;
            out.flush();
        }
    }
    return last == 0 ? 0 : 1;
}

}  // namespace

int run_deploy(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string scenario_dir = "examples/deploy/default";
    bool json = false, sh = false, to_failure = false;
    long step = -1;
    std::set<dep::Fault> faults;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            out << kHelp;
            return 0;
        } else if (a == "sh" && i == 0) {
            sh = true;
        } else if (a == "--json") {
            json = true;
        } else if (a == "--to-end") {
            step = -1;
        } else if (a == "--to-failure") {
            to_failure = true;
        } else if ((a == "--scenario" || a == "--step" || a == "--fault") && i + 1 >= args.size()) {
            err << "gramlab deploy: error: argument " << a << ": expected one argument\n";
            return 2;
        } else if (a == "--scenario") {
            scenario_dir = args[++i];
        } else if (a == "--step") {
            const std::string& v = args[++i];
            if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos) {
                err << "gramlab deploy: error: argument --step: invalid int value: '" << v << "'\n";
                return 2;
            }
            step = std::stol(v);
        } else if (a == "--fault") {
            dep::Fault f;
            if (!dep::parse_fault(args[++i], f)) {
                err << "gramlab deploy: error: argument --fault: invalid choice: '" << args[i]
                    << "' (choose from 'missing-secret', 'path-typo', 'db-in-prod-terminated', 'web-down', "
                       "'port-in-use', "
                       "'cmd-to-entrypoint', 'no-build-after-change')\n";
                return 2;
            }
            faults.insert(f);
        } else {
            err << "gramlab deploy: error: unrecognized arguments: " << a << "\n";
            return 2;
        }
    }
    std::map<std::string, std::string> files;
    if (!read_scenario(scenario_dir, files, err)) return 1;
    auto scenario = dep::scenario_from_files(files);
    if (!scenario.ok()) {
        auto it = files.find(scenario.error().file);
        err << gramlab::render_error(it == files.end() ? "" : it->second, scenario.error()) << "\n";
        return 1;
    }
    if (sh) return run_sh(scenario.value(), json, std::cin, out, err);

    dep::Simulator sim(scenario.value(), faults);
    if (to_failure)
        sim.run_to_failure();
    else if (step >= 0) {
        while (sim.position() < static_cast<size_t>(step) && sim.forward()) {
        }
    } else {
        sim.run_to_end();
    }
    const auto& steps = sim.steps();
    for (const auto& e : sim.errors()) {
        auto it = files.find(e.file);
        if (json) continue;
        err << gramlab::render_error(it == files.end() ? "" : it->second, e) << "\n";
    }
    bool failed = false;
    for (size_t i = 0; i < sim.position(); ++i) {
        failed |= steps[i].status == "failed";
        if (json)
            out << dep::dump_line(dep::step_to_json(steps[i])) << "\n";
        else
            print_step_text(steps[i], steps.size(), out);
    }
    if (json) {
        out << dep::dump_line(nlohmann::ordered_json{{"summary", dep::summary_to_json(sim, files)}}) << "\n";
    } else {
        out << (failed ? "deploy: failed" : "deploy: ok") << " (" << sim.position() << "/" << steps.size()
            << " steps)\n";
    }
    return failed ? 1 : 0;
}

}  // namespace gramlab::cli

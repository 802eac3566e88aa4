// Shared helpers for the deploy simulator's tests: load examples/deploy/<name> from the source
// tree into a Scenario (the tests' only file I/O), and render steps as text.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "core/deploy/simulator.hpp"

namespace gramlab::deploy::testing {

inline std::map<std::string, std::string> read_tree(const std::string& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        files[std::filesystem::relative(e.path(), dir).generic_string()] = ss.str();
    }
    return files;
}

inline Scenario default_scenario() {
    auto s = scenario_from_files(read_tree(std::string(GRAMLAB_SOURCE_DIR) + "/examples/deploy/default"));
    return s.ok() ? s.value() : Scenario{};
}

//! "1 ok git push\n2 ok GitHub Actions: ..." — one line per step.
inline std::string step_titles(const Simulator& sim) {
    std::string out;
    for (const auto& s : sim.steps()) out += std::to_string(s.index) + " " + s.status + " " + s.title + "\n";
    return out;
}

inline std::string logs_of(const Step& s) {
    std::string out;
    for (const auto& l : s.logs) out += l + "\n";
    return out;
}

}  // namespace gramlab::deploy::testing

// The autodetector: compares two project states and produces the operations that turn one
// into the other, ordered and optimized as Django does (CreateModel first, related fields
// as AddField merged back by the optimizer, stable topological order).
// Mirrors django/db/migrations/autodetector.py.
#pragma once

#include <string>
#include <vector>

#include "core/migrations/operations.hpp"

namespace gramlab::migrations {

struct Dependency {
    std::string app_label;
    std::string target;  // migration name, "__first__", or "__setting__" for swappable_dependency
};

struct Changes {
    std::vector<Operation> operations;
    std::vector<Dependency> dependencies;  // on other apps
    bool initial = false;
};

//! Changes for `app_label` between `from` and `to`. `leaf_of` gives the latest migration
//! name of another app (for dependencies), "" if it has none.
Changes detect_changes(const ProjectState& from, const ProjectState& to, const std::string& app_label,
                       const std::vector<std::pair<std::string, std::string>>& leaves);

}  // namespace gramlab::migrations

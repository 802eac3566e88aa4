// The autodetector: compares two project states and produces the operations that turn one
// into the other, ordered and optimized as Django does (CreateModel first, related fields
// as AddField merged back by the optimizer, stable topological order).
// Mirrors django/db/migrations/autodetector.py.
#pragma once

#include <string>
#include <vector>

#include "core/migrations/operations.hpp"
#include "core/migrations/questioner.hpp"

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

//! Changes for `app_label` between `from` and `to`. `leaves` maps other apps to their latest
//! migration (for dependencies). The questioner decides renames and one-off defaults; its
//! SystemExit error (the learner chose "Quit") is returned as is.
Result<Changes> detect_changes(const ProjectState& from, const ProjectState& to, const std::string& app_label,
                               const std::vector<std::pair<std::string, std::string>>& leaves, Questioner& questioner);
//! The same with Django's non-interactive questioner, ignoring a needed default.
Changes detect_changes(const ProjectState& from, const ProjectState& to, const std::string& app_label,
                       const std::vector<std::pair<std::string, std::string>>& leaves);

}  // namespace gramlab::migrations

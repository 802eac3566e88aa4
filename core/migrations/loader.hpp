// Reads migration files (Django's format, as written by makemigrations or by hand) back
// into Migration objects, and orders an app's migrations into a graph by dependencies.
// Mirrors django/db/migrations/loader.py and graph.py.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/migrations/writer.hpp"
#include "core/models/base.hpp"

namespace gramlab::migrations {

struct MigrationFile {
    std::string name;  // "0001_initial" (file name without .py)
    std::string path;  // for messages: "blog/migrations/0001_initial.py"
    std::string text;
};

//! Parses one migration file. Errors (SyntaxError, unknown operation, bad field) carry
//! the file and span.
Result<Migration> load_migration(const MigrationFile& file, const std::string& app_label,
                                 const models::Settings& settings);

//! Fills Field::remote_label of relation fields from the models present in `state`.
void resolve_state_relations(ProjectState& state);

}  // namespace gramlab::migrations

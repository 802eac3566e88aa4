// Writes a migration as Django's makemigrations does: the header, sorted imports, the
// Migration class with dependencies and operations, values serialised like Django's
// MigrationWriter/serializer (kwargs sorted, dicts sorted, paths shortened to models.X).
// Mirrors django/db/migrations/writer.py and serializer.py.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/migrations/autodetector.hpp"

namespace gramlab::migrations {

struct Migration {
    std::string app_label;
    std::string name;  // "0001_initial"
    bool initial = false;
    std::vector<Dependency> dependencies;
    std::vector<Operation> operations;
};

//! Serialises a value; adds the imports it needs ("from django.db import models", ...).
std::string serialize_value(const Value& v, std::set<std::string>& imports);

//! The migration file text. `generated_on` is "2024-01-15 12:00" (timezone.now() in
//! Django's writer, formatted "%Y-%m-%d %H:%M").
std::string write_migration(const Migration& m, const std::string& generated_on);

//! Django's migration name suggestion: "initial" for the first; "post_title" for one
//! AddField... (Migration.suggest_name in 3.2); falls back to "auto_<timestamp>".
std::string suggest_name(const Migration& m, const std::string& timestamp_compact);

}  // namespace gramlab::migrations

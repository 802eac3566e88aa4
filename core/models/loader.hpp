// Reads a project the way Django imports it: settings.py, then each installed app's
// models module (models.py or a models/ package), evaluating class bodies into ModelDefs.
// Errors Django would raise while importing (NameError, TypeError from a field's
// __init__, ImportError, SyntaxError) come back with the file and span they point at.
// Mirrors django/apps/registry.py populate() + django/db/models/base.py ModelBase.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/common/diagnostic.hpp"
#include "core/common/result.hpp"
#include "core/models/base.hpp"

namespace gramlab::models {

struct SourceFile {
    std::string module;  // dotted module inside the app: "models", "models.user"
    std::string path;    // path shown in messages: "instagram/models.py"
    std::string text;
};

struct ProjectSource {
    std::string app_label;              // the learner's app ("instagram")
    std::vector<SourceFile> model_files;  // "models" (+ "models.x" for a package)
    std::optional<SourceFile> settings;   // settings.py, if any
    std::string now = "2024-01-15 12:00:00";  // what timezone.now() returns at import time
};

//! Parses settings.py (assignments of literals; anything else is ignored unless a
//! setting gramlab reads cannot be evaluated). Without a file: startproject's defaults
//! with INSTALLED_APPS = auth, contenttypes and the app.
Result<Settings> load_settings(const std::optional<SourceFile>& file, const std::string& app_label);

//! Loads every installed app. Import-time errors are returned as Django would raise them.
Result<Apps> load_project(const ProjectSource& src);

}  // namespace gramlab::models

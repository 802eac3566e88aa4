// ProjectState / ModelState: the models as the migrations describe them (pure data),
// built from the app registry or by replaying operations. The autodetector diffs two of
// them; the schema editor reads them to write SQL.
// Mirrors django/db/migrations/state.py.
#pragma once

#include <string>
#include <vector>

#include "core/models/base.hpp"

namespace gramlab::migrations {

using models::Field;
using models::ManagerDef;

struct ModelState {
    std::string app_label;
    std::string name;                 // "Post"
    std::vector<Field> fields;        // local fields then many-to-many (ModelState.from_model order)
    std::vector<std::pair<std::string, Value>> options;  // Meta options as the migration stores them
    std::vector<Value> bases;         // empty = (models.Model,)
    std::vector<ManagerDef> managers; // only managers with use_in_migrations

    std::string name_lower() const { return models::lower(name); }
    std::string label() const { return app_label + "." + name; }
    const Field* field(const std::string& n) const;
    Field* field(const std::string& n);
    const Value* option(const std::string& key) const;
    void set_option(const std::string& key, Value v);
    void remove_option(const std::string& key);
    std::string db_table() const;
    const Field* pk() const;
};

struct ProjectState {
    std::vector<ModelState> models;
    std::string auth_user_model = "auth.User";

    const ModelState* get(const std::string& app_label, const std::string& model_name) const;
    ModelState* get(const std::string& app_label, const std::string& model_name);
    //! Resolves a relation's `to` ("app.model", "app.Model" or a settings reference) to its state.
    const ModelState* resolve(const Field& f, const std::string& from_app) const;
};

//! ModelState.from_model for every concrete model of the registry.
ProjectState state_from_apps(const models::Apps& apps);

//! The ModelState of one registry model (fields in Django's order, options as stored).
ModelState model_state_from(const models::Apps& apps, const models::ModelDef& m);

}  // namespace gramlab::migrations

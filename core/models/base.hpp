// Models and the app registry: ModelDef is one model class as Django sees it after
// import (its fields, Meta options, managers and methods); Apps holds every installed app's
// models and resolves relations between them.
// Mirrors django/db/models/base.py, options.py and django/apps/registry.py.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/models/fields.hpp"
#include "core/python/ast.hpp"

namespace gramlab::models {

struct ManagerDef {
    std::string name;        // attribute name ("objects")
    std::string class_path;  // "app.models.UserManager", "django.contrib.auth.models.UserManager"
    bool use_in_migrations = false;
    //! `X.as_manager()` / `M.from_queryset(X)()`: the learner's QuerySet class X ("app.models.X").
    std::string queryset_class_path;
};

struct ModelDef {
    std::string app_label;   // "instagram"
    std::string name;        // "Post" (object_name)
    std::vector<Field> fields;  // local fields incl. those inherited from abstract bases; pk first if auto
    Kwargs meta;             // class Meta attributes as written (Options.original_attrs), in order
    bool abstract = false;
    std::string swappable;   // "AUTH_USER_MODEL" for auth.User
    std::vector<ManagerDef> managers;
    std::map<std::string, Value> class_attrs;  // USERNAME_FIELD, REQUIRED_FIELDS, other constants
    std::vector<std::string> base_names;       // bases as written ("AbstractBaseUser")
    std::vector<std::string> abstract_parents; // labels of abstract model bases, nearest first

    // Where the model was written, for messages and for the shell (methods run from the AST).
    std::string file;
    SourceSpan span;
    std::shared_ptr<const py::Module> source;
    const py::Stmt* class_stmt = nullptr;
    std::map<std::string, const py::Stmt*> methods;

    std::string label() const {  // one allocation at most (the shell asks for it per query)
        std::string s;
        s.reserve(app_label.size() + 1 + name.size());
        return s.append(app_label).append(1, '.').append(name);
    }
    std::string model_name() const;   // lower-case name
    std::string label_lower() const { return app_label + "." + model_name(); }
    std::string db_table() const;     // Meta.db_table or "<app_label>_<model_name>"
    const Value* meta_option(const std::string& key) const;
    const Field* pk() const;
    const Field* field(const std::string& name) const;
    //! Concrete (non-m2m) fields in declaration order.
    std::vector<const Field*> local_fields() const;
    std::vector<const Field*> local_many_to_many() const;
};

//! Project settings a learner writes in settings.py (the subset gramlab reads), with the
//! defaults of Django 3.2's startproject.
struct Settings {
    std::vector<std::string> installed_apps = {"django.contrib.admin", "django.contrib.auth",
                                               "django.contrib.contenttypes", "django.contrib.sessions",
                                               "django.contrib.messages", "django.contrib.staticfiles"};
    std::string default_auto_field = "django.db.models.BigAutoField";
    bool use_tz = true;
    std::string time_zone = "UTC";
    std::string auth_user_model = "auth.User";
    bool explicit_installed_apps = false;
    bool default_auto_field_overridden = true;  // false when settings.py omits DEFAULT_AUTO_FIELD (models.W042)
};

//! The registry of installed apps and their models.
class Apps {
public:
    //! Adds a model. REQUIRES: the model's app is installed.
    void add(ModelDef model) { models_.push_back(std::move(model)); }
    std::vector<ModelDef>& models() { return models_; }
    const std::vector<ModelDef>& models() const { return models_; }
    //! Finds a model by "app_label.ModelName" (case-insensitive model name).
    const ModelDef* get_model(const std::string& label) const;
    ModelDef* get_model(const std::string& label);
    //! Concrete models of one app, in definition order.
    std::vector<const ModelDef*> app_models(const std::string& app_label) const;
    std::vector<std::string> app_labels;  // installed app labels in INSTALLED_APPS order
    Settings settings;

private:
    std::vector<ModelDef> models_;
};

//! Lower-cases ASCII letters.
std::string lower(std::string s);

}  // namespace gramlab::models

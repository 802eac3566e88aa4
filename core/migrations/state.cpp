// ModelState.from_model and lookups on project states.
#include "core/migrations/state.hpp"

#include <algorithm>

#include "core/models/indexes.hpp"

namespace gramlab::migrations {

const Field* ModelState::field(const std::string& n) const {
    for (const auto& f : fields)
        if (f.name == n) return &f;
    return nullptr;
}

Field* ModelState::field(const std::string& n) {
    for (auto& f : fields)
        if (f.name == n) return &f;
    return nullptr;
}

const Value* ModelState::option(const std::string& key) const {
    for (const auto& kv : options)
        if (kv.first == key) return &kv.second;
    return nullptr;
}

void ModelState::set_option(const std::string& key, Value v) {
    for (auto& kv : options)
        if (kv.first == key) {
            kv.second = std::move(v);
            return;
        }
    options.emplace_back(key, std::move(v));
}

void ModelState::remove_option(const std::string& key) {
    options.erase(std::remove_if(options.begin(), options.end(), [&](const auto& kv) { return kv.first == key; }),
                  options.end());
}

std::string ModelState::db_table() const {
    if (const Value* t = option("db_table"); t && t->is_str() && !t->text.empty()) return t->text;
    return app_label + "_" + name_lower();
}

const Field* ModelState::pk() const {
    for (const auto& f : fields)
        if (f.primary_key()) return &f;
    return nullptr;
}

const ModelState* ProjectState::get(const std::string& app_label, const std::string& model_name) const {
    std::string n = models::lower(model_name);
    for (const auto& m : models)
        if (m.app_label == app_label && m.name_lower() == n) return &m;
    return nullptr;
}

ModelState* ProjectState::get(const std::string& app_label, const std::string& model_name) {
    std::string n = models::lower(model_name);
    for (auto& m : models)
        if (m.app_label == app_label && m.name_lower() == n) return &m;
    return nullptr;
}

const ModelState* ProjectState::resolve(const Field& f, const std::string& from_app) const {
    std::string label = f.remote_label;
    if (label.empty()) {
        Value to = f.get("to");
        if (to.kind == Value::Kind::kSetting && !to.items.empty()) label = to.items[0].text;
        else label = to.text;
    }
    auto dot = label.find('.');
    if (dot == std::string::npos) return get(from_app, label);
    return get(label.substr(0, dot), label.substr(dot + 1));
}

// Values stored in migration options: unique_together/index_together are normalised to a
// set of tuples (normalize_together), indexes/constraints are kept as given.
namespace {
Value normalize_together(const Value& v) {
    Value out;
    out.kind = Value::Kind::kSet;
    if (!v.is_sequence() || v.items.empty()) return out;
    bool flat = std::all_of(v.items.begin(), v.items.end(), [](const Value& x) { return x.is_str(); });
    auto as_tuple = [](const Value& g) { return Value::tuple(g.items); };
    if (flat) out.items.push_back(as_tuple(v));
    else
        for (const auto& g : v.items) out.items.push_back(as_tuple(g));
    return out;
}
}  // namespace

ModelState model_state_from(const models::Apps& apps, const models::ModelDef& m) {
    ModelState s;
    s.app_label = m.app_label;
    s.name = m.name;
    for (const auto* f : m.local_fields()) s.fields.push_back(*f);
    for (const auto* f : m.local_many_to_many()) s.fields.push_back(*f);
    for (const auto& [k, v] : m.meta) {
        if (k == "apps" || k == "app_label") continue;
        if (k == "unique_together" || k == "index_together") {
            s.options.emplace_back(k, normalize_together(v));
        } else if (k == "indexes") {
            // Index names are set at model preparation (Index.set_name_with_model) when missing.
            Value list = v;
            for (auto& idx : list.items) {
                if (idx.kind != Value::Kind::kCall || idx.kwarg("name")) continue;
                std::vector<std::string> cols;
                if (const Value* fields = idx.kwarg("fields"))
                    for (const auto& fv : fields->items) {
                        bool desc = !fv.text.empty() && fv.text[0] == '-';
                        std::string fname = desc ? fv.text.substr(1) : fv.text;
                        const models::Field* f = m.field(fname);
                        cols.push_back((desc ? "-" : "") + (f ? f->column() : fname));
                    }
                idx.kwargs.emplace_back("name", Value::of_str(models::index_auto_name(m.db_table(), cols)));
            }
            s.options.emplace_back(k, list);
        } else if (k == "constraints") {
            // UniqueConstraint keeps its fields as a tuple (UniqueConstraint.__init__).
            Value list = v;
            for (auto& c : list.items)
                for (auto& kv : c.kwargs)
                    if (kv.first == "fields" && kv.second.kind == Value::Kind::kList) kv.second.kind = Value::Kind::kTuple;
            s.options.emplace_back(k, list);
        } else {
            s.options.emplace_back(k, v);
        }
    }
    // ModelState.from_model: managers with use_in_migrations as they are; the default manager
    // (the first declared) otherwise as a plain Manager under its name, a "shim", dropped when
    // it is the only one and called `objects`.
    bool shim_only_objects = false;
    for (size_t i = 0; i < m.managers.size(); ++i) {
        const ManagerDef& mg = m.managers[i];
        bool seen = false;
        for (const auto& x : s.managers) seen = seen || x.name == mg.name;
        if (seen) continue;
        if (mg.use_in_migrations) {
            s.managers.push_back(mg);
        } else if (i == 0) {
            ManagerDef shim;
            shim.name = mg.name;
            shim.class_path = "django.db.models.manager.Manager";
            shim.use_in_migrations = true;
            s.managers.push_back(shim);
            shim_only_objects = mg.name == "objects";
        }
    }
    if (shim_only_objects && s.managers.size() == 1) s.managers.clear();
    (void)apps;
    return s;
}

ProjectState state_from_apps(const models::Apps& apps) {
    ProjectState p;
    p.auth_user_model = apps.settings.auth_user_model;
    for (const auto& m : apps.models())
        if (!m.abstract) p.models.push_back(model_state_from(apps, m));
    return p;
}

}  // namespace gramlab::migrations

// The autodetector's generators, run in Django 3.2's order (_detect_changes): renamed
// models, deleted and created models, altered options, removed constraints/indexes,
// renamed/removed/added/altered fields, unique_together/index_together, added
// indexes/constraints, altered db_table; then _sort_migrations and the optimizer.
#include "core/migrations/autodetector.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace gramlab::migrations {

namespace {

// An operation plus the (app, model, field-or-empty, kind) dependencies it was added with.
struct PendingOp {
    Operation op;
    struct Dep {
        std::string app, model, field;
        bool created;
    };
    std::vector<Dep> deps;
};

std::pair<std::string, std::string> split_label(const std::string& label, const std::string& default_app) {
    auto dot = label.find('.');
    if (dot == std::string::npos) return {default_app, models::lower(label)};
    return {label.substr(0, dot), models::lower(label.substr(dot + 1))};
}

std::string target_label(const Field& f) {
    if (!f.remote_label.empty()) return f.remote_label;
    Value to = f.get("to");
    if (to.kind == Value::Kind::kSetting && !to.items.empty()) return to.items[0].text;
    return to.text;
}

// check_dependency for "created" dependencies (the only kind gramlab's generators add).
bool dependency_satisfied_by(const PendingOp& p, const PendingOp::Dep& d, const std::string& app_label) {
    if (d.app != app_label || !d.created) return false;
    const Operation& o = p.op;
    if (d.field.empty())
        return (o.kind == OpKind::kCreateModel && o.model_lower() == d.model) ||
               (o.kind == OpKind::kRenameModel && models::lower(o.new_name) == d.model);
    return (o.kind == OpKind::kCreateModel && o.model_lower() == d.model &&
            std::any_of(o.create.fields.begin(), o.create.fields.end(),
                        [&](const Field& f) { return f.name == d.field; })) ||
           (o.kind == OpKind::kAddField && o.model_lower() == d.model && o.name == d.field);
}

// ModelState options that AlterModelOptions manages (AlterModelOptions.ALTER_OPTION_KEYS).
const std::vector<std::string>& alter_option_keys() {
    static const std::vector<std::string> keys = {
        "base_manager_name", "default_manager_name", "default_related_name", "get_latest_by", "managed", "ordering",
        "permissions", "default_permissions", "select_on_save", "verbose_name", "verbose_name_plural"};
    return keys;
}

// The field without its relation target, for rename detection (only_relation_agnostic_fields).
models::Deconstructed relation_agnostic(const Field& f) {
    models::Deconstructed d = models::deconstruct(f);
    for (auto& kv : d.kwargs)
        if (kv.first == "to") kv.second = Value::none();
    return d;
}

bool empty_strings_allowed(const Field& f) {
    using models::FieldKind;
    switch (f.kind()) {
        case FieldKind::kChar: case FieldKind::kText: case FieldKind::kEmail: case FieldKind::kURL:
        case FieldKind::kSlug: case FieldKind::kFilePath: case FieldKind::kFile: case FieldKind::kImage:
        case FieldKind::kBinary:
            return true;
        default: return false;
    }
}

class Detector {
public:
    Detector(const ProjectState& from, const ProjectState& to, std::string app, Questioner& q)
        : from_(from), to_(to), app_(std::move(app)), q_(q) {}

    Result<Changes> run(const std::vector<std::pair<std::string, std::string>>& leaves) {
        for (const auto& m : from_.models)
            if (m.app_label == app_) old_models_.insert(m.name_lower());
        for (const auto& m : to_.models)
            if (m.app_label == app_) new_models_.insert(m.name_lower());
        GRAMLAB_TRY(generate_renamed_models());
        prepare_field_lists();
        generate_deleted_models();
        generate_created_models();
        generate_altered_options();
        generate_altered_managers();
        generate_removed_constraints_and_indexes();
        GRAMLAB_TRY(generate_renamed_fields());
        generate_removed_fields();
        GRAMLAB_TRY(generate_added_fields());
        GRAMLAB_TRY(generate_altered_fields());
        generate_altered_together("unique_together", OpKind::kAlterUniqueTogether);
        generate_altered_together("index_together", OpKind::kAlterIndexTogether);
        generate_added_indexes_and_constraints();
        generate_altered_db_table();

        Changes ch;
        ch.operations = optimize(sorted_operations(), app_);
        if (swappable_dep_) ch.dependencies.push_back({"", "__setting__"});
        for (const auto& app : external_) {
            std::string leaf;
            for (const auto& l : leaves)
                if (l.first == app) leaf = l.second;
            ch.dependencies.push_back({app, leaf.empty() ? "__first__" : leaf});
        }
        return ch;
    }

private:
    const ModelState* old_model(const std::string& name_lower) const {
        auto it = renamed_models_.find(name_lower);
        return from_.get(app_, it == renamed_models_.end() ? name_lower : it->second);
    }
    const ModelState* new_model(const std::string& name_lower) const { return to_.get(app_, name_lower); }

    void add(PendingOp p, bool beginning = false) {
        if (beginning) ops_.insert(ops_.begin(), std::move(p));
        else ops_.push_back(std::move(p));
    }

    // _get_dependencies_for_foreign_key: a relation to the user model depends on the
    // swappable setting (migrations.swappable_dependency) rather than on its app.
    void fk_deps(const Field& f, std::vector<PendingOp::Dep>& deps) {
        auto [app, model] = split_label(target_label(f), app_);
        if (models::lower(app + "." + model) == models::lower(to_.auth_user_model)) {
            if (app != app_) swappable_dep_ = true;
            else deps.push_back({app, model, "", true});
        } else if (app != app_) {
            external_.insert(app);
        } else {
            deps.push_back({app, model, "", true});
        }
        Value through = f.get("through");
        if (!through.is_none()) {
            auto [tapp, tmodel] = split_label(through.text, app_);
            if (tapp == app_) deps.push_back({tapp, tmodel, "", true});
        }
    }

    Status generate_renamed_models() {
        std::vector<std::string> added, removed;
        for (const auto& n : new_models_)
            if (!old_models_.count(n)) added.push_back(n);
        for (const auto& n : old_models_)
            if (!new_models_.count(n)) removed.push_back(n);
        for (const auto& a : added) {
            const ModelState* nm = new_model(a);
            std::vector<std::pair<std::string, models::Deconstructed>> ndef;
            for (const auto& f : nm->fields) ndef.emplace_back(f.name, relation_agnostic(f));
            for (const auto& r : removed) {
                if (!old_models_.count(r)) continue;
                const ModelState* om = from_.get(app_, r);
                std::vector<std::pair<std::string, models::Deconstructed>> odef;
                for (const auto& f : om->fields) odef.emplace_back(f.name, relation_agnostic(f));
                if (odef != ndef) continue;
                if (!q_.ask_rename_model(app_, om->name, nm->name)) continue;
                PendingOp p;
                p.op.kind = OpKind::kRenameModel;
                p.op.name = om->name;
                p.op.new_name = nm->name;
                p.op.model = om->name;
                for (const auto& f : nm->fields)
                    if (f.is_relation()) fk_deps(f, p.deps);
                add(p);
                renamed_models_[a] = r;
                renamed_rel_[app_ + "." + r] = app_ + "." + a;
                old_models_.erase(r);
                old_models_.insert(a);
                break;
            }
        }
        return Status::Ok();
    }

    void prepare_field_lists() {
        for (const auto& n : old_models_)
            if (new_models_.count(n)) kept_.push_back(n);
        std::sort(kept_.begin(), kept_.end());
        for (const auto& n : kept_) {
            for (const auto& f : old_model(n)->fields) old_fields_.insert({n, f.name});
            for (const auto& f : new_model(n)->fields) new_fields_.insert({n, f.name});
        }
    }

    void generate_deleted_models() {
        std::vector<std::string> deleted;
        for (const auto& n : old_models_)
            if (!new_models_.count(n)) deleted.push_back(n);
        std::sort(deleted.begin(), deleted.end());
        for (const auto& n : deleted) {
            const ModelState* m = from_.get(app_, n);
            std::vector<std::string> related;
            for (const auto& f : m->fields)
                if (f.is_relation()) related.push_back(f.name);
            std::sort(related.begin(), related.end());
            for (const auto& r : related) {
                PendingOp p;
                p.op.kind = OpKind::kRemoveField;
                p.op.model = n;
                p.op.name = r;
                add(p);
            }
            PendingOp d;
            d.op.kind = OpKind::kDeleteModel;
            d.op.model = m->name;
            add(d);
        }
    }

    void generate_created_models() {
        std::vector<const ModelState*> added;
        for (const auto& n : new_models_)
            if (!old_models_.count(n)) added.push_back(new_model(n));
        // sorted(added_models, key=swappable_first_key, reverse=True): the user model sorts
        // first, and so is visited last, which (with beginning=True) puts it at the front.
        auto key = [&](const ModelState* m) {
            bool swappable = models::lower(m->label()) == models::lower(to_.auth_user_model);
            return swappable ? std::make_pair("___" + m->app_label, "___" + m->name_lower())
                             : std::make_pair(m->app_label, m->name_lower());
        };
        std::sort(added.begin(), added.end(), [&](auto* a, auto* b) { return key(a) > key(b); });
        for (const ModelState* m : added) {
            PendingOp create;
            create.op.kind = OpKind::kCreateModel;
            create.op.model = m->name;
            create.op.create = *m;
            create.op.create.fields.clear();
            std::vector<const Field*> related;
            for (const auto& f : m->fields) {
                // A relation that is the primary key stays in CreateModel (primary_key_rel).
                if (f.is_relation() && f.primary_key()) {
                    create.op.create.fields.push_back(f);
                    fk_deps(f, create.deps);
                } else if (f.is_relation() && !f.flag("parent_link")) {
                    related.push_back(&f);
                } else {
                    create.op.create.fields.push_back(f);
                }
            }
            Value indexes = m->option("indexes") ? *m->option("indexes") : Value::list({});
            Value constraints = m->option("constraints") ? *m->option("constraints") : Value::list({});
            Value unique_together = m->option("unique_together") ? *m->option("unique_together") : Value();
            Value index_together = m->option("index_together") ? *m->option("index_together") : Value();
            for (const char* k : {"indexes", "constraints", "unique_together", "index_together"})
                create.op.create.remove_option(k);
            add(create, /*beginning=*/true);

            std::sort(related.begin(), related.end(), [](const Field* a, const Field* b) { return a->name < b->name; });
            std::vector<PendingOp::Dep> related_deps;
            for (const Field* f : related) {
                PendingOp p;
                p.op.kind = OpKind::kAddField;
                p.op.model = m->name_lower();
                p.op.name = f->name;
                p.op.field = *f;
                fk_deps(*f, p.deps);
                p.deps.push_back({app_, m->name_lower(), "", true});
                add(p);
                related_deps.push_back({app_, m->name_lower(), f->name, true});
            }
            related_deps.push_back({app_, m->name_lower(), "", true});
            auto with_deps = [&](OpKind kind, Value v) {
                PendingOp p;
                p.op.kind = kind;
                p.op.model = m->name_lower();
                p.op.value = std::move(v);
                p.deps = related_deps;
                add(p);
            };
            for (const auto& idx : indexes.items) with_deps(OpKind::kAddIndex, idx);
            for (const auto& c : constraints.items) with_deps(OpKind::kAddConstraint, c);
            if (unique_together.truthy()) with_deps(OpKind::kAlterUniqueTogether, unique_together);
            if (index_together.truthy()) with_deps(OpKind::kAlterIndexTogether, index_together);
        }
    }

    void generate_altered_options() {
        for (const auto& n : kept_) {
            const ModelState* om = old_model(n);
            const ModelState* nm = new_model(n);
            std::vector<std::pair<std::string, Value>> o, w;
            for (const auto& kv : om->options)
                if (std::count(alter_option_keys().begin(), alter_option_keys().end(), kv.first)) o.push_back(kv);
            for (const auto& kv : nm->options)
                if (std::count(alter_option_keys().begin(), alter_option_keys().end(), kv.first)) w.push_back(kv);
            auto sorted = [](auto v) {
                std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
                return v;
            };
            if (sorted(o) == sorted(w)) continue;
            PendingOp p;
            p.op.kind = OpKind::kAlterModelOptions;
            p.op.model = n;
            p.op.options = w;
            add(p);
        }
    }

    static bool same_managers(const std::vector<ManagerDef>& a, const std::vector<ManagerDef>& b) {
        // (name, manager) pairs; managers are equal when their class (and constructor
        // arguments, which gramlab's managers never have) are.
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (a[i].name != b[i].name || a[i].class_path != b[i].class_path) return false;
        return true;
    }

    void generate_altered_managers() {
        for (const auto& n : kept_) {
            const ModelState* om = old_model(n);
            const ModelState* nm = new_model(n);
            if (same_managers(om->managers, nm->managers)) continue;
            PendingOp p;
            p.op.kind = OpKind::kAlterModelManagers;
            p.op.model = n;
            p.op.managers = nm->managers;
            add(p);
        }
    }

    static std::vector<Value> list_option(const ModelState* m, const char* key) {
        if (!m) return {};
        const Value* v = m->option(key);
        return v ? v->items : std::vector<Value>{};
    }

    void generate_removed_constraints_and_indexes() {
        // generate_removed_constraints, then generate_removed_indexes (each over kept models).
        for (const char* key : {"constraints", "indexes"})
            for (const auto& n : kept_) {
                auto olds = list_option(old_model(n), key), news = list_option(new_model(n), key);
                for (const auto& v : olds)
                    if (std::find(news.begin(), news.end(), v) == news.end()) {
                        PendingOp p;
                        p.op.kind = std::string(key) == "indexes" ? OpKind::kRemoveIndex : OpKind::kRemoveConstraint;
                        p.op.model = n;
                        p.op.name = index_name(v);
                        add(p);
                    }
            }
    }

    void generate_added_indexes_and_constraints() {
        for (const char* key : {"indexes", "constraints"})
            for (const auto& n : kept_) {
                auto olds = list_option(old_model(n), key), news = list_option(new_model(n), key);
                for (const auto& v : news)
                    if (std::find(olds.begin(), olds.end(), v) == olds.end()) {
                        PendingOp p;
                        p.op.kind = std::string(key) == "indexes" ? OpKind::kAddIndex : OpKind::kAddConstraint;
                        p.op.model = n;
                        p.op.value = v;
                        add(p);
                    }
            }
    }

    Status generate_renamed_fields() {
        std::vector<std::pair<std::string, std::string>> added, removed;
        for (const auto& k : new_fields_)
            if (!old_fields_.count(k)) added.push_back(k);
        for (const auto& k : old_fields_)
            if (!new_fields_.count(k)) removed.push_back(k);
        for (const auto& [model, name] : added) {
            const Field* f = new_model(model)->field(name);
            models::Deconstructed fd = models::deconstruct(*f);
            for (const auto& [rmodel, rname] : removed) {
                if (rmodel != model || !old_fields_.count({rmodel, rname})) continue;
                const Field* of = old_model(model)->field(rname);
                models::Deconstructed od = models::deconstruct(*of);
                // A relation to a renamed model compares as pointing at the new name.
                for (auto& kv : od.kwargs)
                    if (kv.first == "to" && kv.second.is_str()) {
                        auto it = renamed_rel_.find(models::lower(kv.second.text));
                        if (it != renamed_rel_.end()) kv.second = Value::of_str(it->second);
                    }
                bool same = od == fd;
                if (!same) {
                    // Renamed with db_column set to the old column.
                    models::Deconstructed od2 = od;
                    od2.kwargs.emplace_back("db_column", Value::of_str(of->column()));
                    std::sort(od2.kwargs.begin(), od2.kwargs.end(),
                              [](const auto& a, const auto& b) { return a.first < b.first; });
                    same = od2 == fd;
                }
                if (!same) continue;
                if (!q_.ask_rename(model, rname, name, std::string(f->cls->name))) continue;
                PendingOp p;
                p.op.kind = OpKind::kRenameField;
                p.op.model = model;
                p.op.name = rname;
                p.op.new_name = name;
                add(p);
                old_fields_.erase({rmodel, rname});
                old_fields_.insert({model, name});
                renamed_fields_[{model, name}] = rname;
                break;
            }
        }
        return Status::Ok();
    }

    void generate_removed_fields() {
        std::vector<std::pair<std::string, std::string>> removed;
        for (const auto& k : old_fields_)
            if (!new_fields_.count(k)) removed.push_back(k);
        for (const auto& [model, name] : removed) {
            PendingOp p;
            p.op.kind = OpKind::kRemoveField;
            p.op.model = model;
            p.op.name = name;
            add(p);
        }
    }

    Status add_field_op(const std::string& model, const std::string& name) {
        const Field* f = new_model(model)->field(name);
        PendingOp p;
        p.op.kind = OpKind::kAddField;
        p.op.model = model;
        p.op.name = name;
        p.op.field = *f;
        if (f->is_relation()) fk_deps(*f, p.deps);
        bool time_field = f->kind() == models::FieldKind::kDate || f->kind() == models::FieldKind::kDateTime ||
                          f->kind() == models::FieldKind::kTime;
        bool preserve = f->null() || f->has_default() || f->many_to_many() ||
                        (f->flag("blank") && empty_strings_allowed(*f)) || (time_field && f->flag("auto_now"));
        if (!preserve) {
            auto d = (time_field && f->flag("auto_now_add")) ? q_.ask_auto_now_add_addition(name, model)
                                                              : q_.ask_not_null_addition(name, model);
            if (!d.ok()) return d.take_error();
            p.op.field.options["default"] = d.value();
            p.op.preserve_default = false;
        }
        add(p);
        return Status::Ok();
    }

    Status generate_added_fields() {
        std::vector<std::pair<std::string, std::string>> added;
        for (const auto& k : new_fields_)
            if (!old_fields_.count(k)) added.push_back(k);
        for (const auto& [model, name] : added) GRAMLAB_TRY(add_field_op(model, name));
        return Status::Ok();
    }

    Status generate_altered_fields() {
        std::vector<std::pair<std::string, std::string>> common;
        for (const auto& k : new_fields_)
            if (old_fields_.count(k)) common.push_back(k);
        for (const auto& [model, name] : common) {
            auto rit = renamed_fields_.find({model, name});
            const Field* of = old_model(model)->field(rit == renamed_fields_.end() ? name : rit->second);
            const Field* nf = new_model(model)->field(name);
            if (!of || !nf) continue;
            models::Deconstructed od = models::deconstruct(*of), nd = models::deconstruct(*nf);
            for (auto& kv : od.kwargs)
                if (kv.first == "to" && kv.second.is_str()) {
                    auto it = renamed_rel_.find(models::lower(kv.second.text));
                    if (it != renamed_rel_.end()) kv.second = Value::of_str(it->second);
                }
            for (auto& kv : nd.kwargs)
                if (kv.first == "to" && kv.second.is_str()) {
                    // Relations to a renamed model are handled by RenameModel itself.
                    for (const auto& [old_l, new_l] : renamed_rel_)
                        if (models::lower(kv.second.text) == new_l) kv.second = Value::of_str(new_l);
                }
            if (od == nd) continue;
            if (of->many_to_many() != nf->many_to_many()) {
                PendingOp r;
                r.op.kind = OpKind::kRemoveField;
                r.op.model = model;
                r.op.name = name;
                add(r);
                GRAMLAB_TRY(add_field_op(model, name));
                continue;
            }
            PendingOp p;
            p.op.kind = OpKind::kAlterField;
            p.op.model = model;
            p.op.name = name;
            p.op.field = *nf;
            if (nf->is_relation()) fk_deps(*nf, p.deps);
            if (of->null() && !nf->null() && !nf->has_default() && !nf->many_to_many()) {
                auto d = q_.ask_not_null_alteration(name, model);
                if (!d.ok()) return d.take_error();
                if (d.value()) {
                    p.op.field.options["default"] = *d.value();
                    p.op.preserve_default = false;
                }
            }
            add(p);
        }
        return Status::Ok();
    }

    void generate_altered_together(const char* key, OpKind kind) {
        for (const auto& n : kept_) {
            const Value* o = old_model(n)->option(key);
            const Value* w = new_model(n)->option(key);
            Value ov = o ? *o : Value(), nv = w ? *w : Value();
            auto norm = [](Value v) {
                std::sort(v.items.begin(), v.items.end(),
                          [](const Value& a, const Value& b) { return py_repr(a) < py_repr(b); });
                return v.items;
            };
            if (norm(ov) == norm(nv)) continue;
            PendingOp p;
            p.op.kind = kind;
            p.op.model = n;
            p.op.value = nv;
            p.op.value.kind = Value::Kind::kSet;
            for (const auto& group : nv.items)
                for (const auto& fname : group.items)
                    if (const Field* f = new_model(n)->field(fname.text); f && f->is_relation()) fk_deps(*f, p.deps);
            add(p);
        }
    }

    void generate_altered_db_table() {
        for (const auto& n : kept_) {
            const Value* o = old_model(n)->option("db_table");
            const Value* w = new_model(n)->option("db_table");
            Value ov = o ? *o : Value(), nv = w ? *w : Value();
            if (ov == nv) continue;
            PendingOp p;
            p.op.kind = OpKind::kAlterModelTable;
            p.op.model = n;
            p.op.value = nv;
            add(p);
        }
    }

    // _sort_migrations: stable topological sort on intra-app dependencies.
    std::vector<Operation> sorted_operations() const {
        size_t n = ops_.size();
        std::vector<std::set<size_t>> graph(n);
        for (size_t i = 0; i < n; ++i)
            for (const auto& d : ops_[i].deps)
                for (size_t j = 0; j < n; ++j)
                    if (j != i && dependency_satisfied_by(ops_[j], d, app_)) graph[i].insert(j);
        std::vector<size_t> order;
        std::set<size_t> done;
        while (done.size() < n) {
            std::set<size_t> layer;
            for (size_t i = 0; i < n; ++i) {
                if (done.count(i)) continue;
                if (std::all_of(graph[i].begin(), graph[i].end(), [&](size_t j) { return done.count(j) > 0; }))
                    layer.insert(i);
            }
            if (layer.empty())  // a dependency cycle: keep the remaining order
                for (size_t i = 0; i < n; ++i)
                    if (!done.count(i)) layer.insert(i);
            for (size_t i = 0; i < n; ++i)
                if (layer.count(i)) order.push_back(i);
            done.insert(layer.begin(), layer.end());
        }
        std::vector<Operation> out;
        for (size_t i : order) out.push_back(ops_[i].op);
        return out;
    }

    const ProjectState& from_;
    const ProjectState& to_;
    std::string app_;
    Questioner& q_;
    std::vector<PendingOp> ops_;
    std::set<std::string> old_models_, new_models_;
    std::vector<std::string> kept_;
    std::map<std::string, std::string> renamed_models_;  // new name_lower → old name_lower
    std::map<std::string, std::string> renamed_rel_;     // "app.old" → "app.new"
    std::set<std::pair<std::string, std::string>> old_fields_, new_fields_;
    std::map<std::pair<std::string, std::string>, std::string> renamed_fields_;
    std::set<std::string> external_;
    bool swappable_dep_ = false;
};

}  // namespace

Result<Changes> detect_changes(const ProjectState& from, const ProjectState& to, const std::string& app_label,
                               const std::vector<std::pair<std::string, std::string>>& leaves, Questioner& questioner) {
    Detector d(from, to, app_label, questioner);
    return d.run(leaves);
}

Changes detect_changes(const ProjectState& from, const ProjectState& to, const std::string& app_label,
                       const std::vector<std::pair<std::string, std::string>>& leaves) {
    NonInteractiveQuestioner q;
    auto r = detect_changes(from, to, app_label, leaves, q);
    return r.ok() ? r.value() : Changes{};
}

}  // namespace gramlab::migrations

// generate_created_models / generate_added_fields / generate_removed_fields /
// generate_deleted_models / altered fields, then _sort_migrations and the optimizer.
#include "core/migrations/autodetector.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace gramlab::migrations {

namespace {

// An operation plus the (app, model, field-or-empty, created) dependencies it was added with.
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

bool dependency_satisfied_by(const PendingOp& p, const PendingOp::Dep& d, const std::string& app_label) {
    if (d.app != app_label) return false;
    const Operation& o = p.op;
    if (d.created && d.field.empty())
        return o.kind == OpKind::kCreateModel && o.model_lower() == d.model;
    if (d.created)
        return (o.kind == OpKind::kCreateModel && o.model_lower() == d.model &&
                std::any_of(o.create.fields.begin(), o.create.fields.end(),
                            [&](const Field& f) { return f.name == d.field; })) ||
               (o.kind == OpKind::kAddField && o.model_lower() == d.model && o.name == d.field);
    return false;
}

}  // namespace

Changes detect_changes(const ProjectState& from, const ProjectState& to, const std::string& app_label,
                       const std::vector<std::pair<std::string, std::string>>& leaves) {
    Changes ch;
    std::vector<PendingOp> ops;
    std::set<std::pair<std::string, std::string>> external;  // (app, setting-or-"")
    bool swappable_dep = false;

    auto fk_deps = [&](const Field& f, std::vector<PendingOp::Dep>& deps) {
        // _get_dependencies_for_foreign_key: a relation to the user model depends on the
        // swappable setting (migrations.swappable_dependency) rather than on its app.
        auto [app, model] = split_label(target_label(f), app_label);
        if (models::lower(app + "." + model) == models::lower(to.auth_user_model)) {
            if (app != app_label) swappable_dep = true;
            else deps.push_back({app, model, "", true});
            return;
        }
        if (app != app_label) external.insert({app, ""});
        else deps.push_back({app, model, "", true});
        Value through = f.get("through");
        if (!through.is_none()) {
            auto [tapp, tmodel] = split_label(through.text, app_label);
            if (tapp == app_label) deps.push_back({tapp, tmodel, "", true});
        }
    };

    std::vector<const ModelState*> added, removed;
    for (const auto& m : to.models)
        if (m.app_label == app_label && !from.get(app_label, m.name)) added.push_back(&m);
    for (const auto& m : from.models)
        if (m.app_label == app_label && !to.get(app_label, m.name)) removed.push_back(&m);
    // sorted(added_models, key=swappable_first_key, reverse=True): the user model sorts first,
    // and so is visited last, which (with beginning=True) puts its CreateModel at the front.
    auto swappable_key = [&](const ModelState* m) {
        bool swappable = models::lower(m->label()) == models::lower(to.auth_user_model);
        return swappable ? std::make_pair("___" + m->app_label, "___" + m->name_lower())
                         : std::make_pair(m->app_label, m->name_lower());
    };
    std::sort(added.begin(), added.end(), [&](auto* a, auto* b) { return swappable_key(a) > swappable_key(b); });
    std::sort(removed.begin(), removed.end(), [](auto* a, auto* b) { return a->name_lower() < b->name_lower(); });

    // generate_created_models
    for (const ModelState* m : added) {
        PendingOp create;
        create.op.kind = OpKind::kCreateModel;
        create.op.model = m->name;
        create.op.create = *m;
        create.op.create.fields.clear();
        std::vector<const Field*> related;
        std::vector<PendingOp::Dep> pk_deps;
        for (const auto& f : m->fields) {
            // A relation that is the primary key stays in CreateModel; its target becomes a
            // dependency of the CreateModel itself (primary_key_rel).
            if (f.is_relation() && f.primary_key()) {
                create.op.create.fields.push_back(f);
                fk_deps(f, pk_deps);
            } else if (f.is_relation() && !f.flag("parent_link")) {
                related.push_back(&f);
            } else {
                create.op.create.fields.push_back(f);
            }
        }
        create.deps = pk_deps;
        Value indexes = m->option("indexes") ? *m->option("indexes") : Value::list({});
        Value constraints = m->option("constraints") ? *m->option("constraints") : Value::list({});
        Value unique_together = m->option("unique_together") ? *m->option("unique_together") : Value();
        Value index_together = m->option("index_together") ? *m->option("index_together") : Value();
        for (const char* k : {"indexes", "constraints", "unique_together", "index_together"})
            create.op.create.remove_option(k);
        // Dependencies of the CreateModel itself: bases (none for plain models).
        ops.insert(ops.begin(), create);  // add_operation(..., beginning=True)

        std::vector<std::string> related_names;
        for (const Field* f : related) related_names.push_back(f->name);
        std::sort(related.begin(), related.end(), [](const Field* a, const Field* b) { return a->name < b->name; });
        std::vector<PendingOp::Dep> related_deps;
        for (const Field* f : related) {
            PendingOp add;
            add.op.kind = OpKind::kAddField;
            add.op.model = m->name_lower();
            add.op.name = f->name;
            add.op.field = *f;
            fk_deps(*f, add.deps);
            add.deps.push_back({app_label, m->name_lower(), "", true});
            ops.push_back(add);
            related_deps.push_back({app_label, m->name_lower(), f->name, true});
        }
        auto with_related_deps = [&](PendingOp p) {
            p.deps.push_back({app_label, m->name_lower(), "", true});
            for (const auto& d : related_deps) p.deps.push_back(d);
            return p;
        };
        for (const auto& idx : indexes.items) {
            PendingOp p;
            p.op.kind = OpKind::kAddIndex;
            p.op.model = m->name_lower();
            p.op.value = idx;
            ops.push_back(with_related_deps(p));
        }
        for (const auto& c : constraints.items) {
            PendingOp p;
            p.op.kind = OpKind::kAddConstraint;
            p.op.model = m->name_lower();
            p.op.value = c;
            ops.push_back(with_related_deps(p));
        }
        if (unique_together.truthy()) {
            PendingOp p;
            p.op.kind = OpKind::kAlterUniqueTogether;
            p.op.model = m->name_lower();
            p.op.value = unique_together;
            ops.push_back(with_related_deps(p));
        }
        if (index_together.truthy()) {
            PendingOp p;
            p.op.kind = OpKind::kAlterIndexTogether;
            p.op.model = m->name_lower();
            p.op.value = index_together;
            ops.push_back(with_related_deps(p));
        }
    }

    // Fields of models present in both states.
    std::vector<const ModelState*> kept;
    for (const auto& m : to.models)
        if (m.app_label == app_label && from.get(app_label, m.name)) kept.push_back(&m);
    std::sort(kept.begin(), kept.end(), [](auto* a, auto* b) { return a->name_lower() < b->name_lower(); });
    std::vector<PendingOp> removed_fields, added_fields, altered_fields;
    for (const ModelState* nm : kept) {
        const ModelState* om = from.get(app_label, nm->name);
        std::vector<std::string> new_names, old_names;
        for (const auto& f : nm->fields)
            if (!om->field(f.name)) new_names.push_back(f.name);
        for (const auto& f : om->fields)
            if (!nm->field(f.name)) old_names.push_back(f.name);
        std::sort(new_names.begin(), new_names.end());
        std::sort(old_names.begin(), old_names.end());
        for (const auto& n : old_names) {
            PendingOp p;
            p.op.kind = OpKind::kRemoveField;
            p.op.model = nm->name_lower();
            p.op.name = n;
            removed_fields.push_back(p);
        }
        for (const auto& n : new_names) {
            PendingOp p;
            p.op.kind = OpKind::kAddField;
            p.op.model = nm->name_lower();
            p.op.name = n;
            p.op.field = *nm->field(n);
            if (p.op.field.is_relation()) fk_deps(p.op.field, p.deps);
            added_fields.push_back(p);
        }
        std::vector<std::string> common;
        for (const auto& f : nm->fields)
            if (om->field(f.name)) common.push_back(f.name);
        std::sort(common.begin(), common.end());
        for (const auto& n : common) {
            const Field* of = om->field(n);
            const Field* nf = nm->field(n);
            if (models::deconstruct(*of) != models::deconstruct(*nf)) {
                PendingOp p;
                p.op.kind = OpKind::kAlterField;
                p.op.model = nm->name_lower();
                p.op.name = n;
                p.op.field = *nf;
                if (nf->is_relation()) fk_deps(*nf, p.deps);
                altered_fields.push_back(p);
            }
        }
    }
    // Django's generate order: removed fields, added fields, altered fields (after renames).
    for (auto& p : removed_fields) ops.push_back(p);
    for (auto& p : added_fields) ops.push_back(p);
    for (auto& p : altered_fields) ops.push_back(p);
    for (const ModelState* m : removed) {
        PendingOp p;
        p.op.kind = OpKind::kDeleteModel;
        p.op.model = m->name;
        ops.push_back(p);
    }

    // _sort_migrations: stable topological sort on intra-app dependencies.
    size_t n = ops.size();
    std::vector<std::set<size_t>> graph(n);
    for (size_t i = 0; i < n; ++i)
        for (const auto& d : ops[i].deps)
            for (size_t j = 0; j < n; ++j)
                if (j != i && dependency_satisfied_by(ops[j], d, app_label)) graph[i].insert(j);
    std::vector<size_t> order;
    std::set<size_t> done;
    while (done.size() < n) {
        std::set<size_t> layer;
        for (size_t i = 0; i < n; ++i) {
            if (done.count(i)) continue;
            bool ready = std::all_of(graph[i].begin(), graph[i].end(), [&](size_t j) { return done.count(j) > 0; });
            if (ready) layer.insert(i);
        }
        if (layer.empty()) {  // a cycle: keep the remaining order (Django would raise)
            for (size_t i = 0; i < n; ++i)
                if (!done.count(i)) layer.insert(i);
        }
        for (size_t i = 0; i < n; ++i)
            if (layer.count(i)) order.push_back(i);
        done.insert(layer.begin(), layer.end());
    }
    std::vector<Operation> sorted;
    for (size_t i : order) sorted.push_back(ops[i].op);
    ch.operations = optimize(std::move(sorted), app_label);

    // Inter-app dependencies: the other app's leaf migration (or __first__).
    if (swappable_dep) ch.dependencies.push_back({"", "__setting__"});
    for (const auto& [app, setting] : external) {
        std::string leaf;
        for (const auto& l : leaves)
            if (l.first == app) leaf = l.second;
        ch.dependencies.push_back({app, leaf.empty() ? "__first__" : leaf});
    }
    return ch;
}

}  // namespace gramlab::migrations

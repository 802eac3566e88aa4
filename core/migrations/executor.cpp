// Graph ordering, state replay, SQL collection and application of migrations.
#include "core/migrations/executor.hpp"

#include <algorithm>
#include <functional>

#include "core/backends/sqlite/schema.hpp"
#include "core/models/contrib.hpp"

namespace gramlab::migrations {

MigrationSet MigrationSet::with_contrib(const models::Apps& apps) {
    MigrationSet set;
    set.auth_user_model = apps.settings.auth_user_model;
    ProjectState full = state_from_apps(apps);
    ProjectState empty;
    auto installed = [&](const std::string& label) {
        return std::find(apps.app_labels.begin(), apps.app_labels.end(), label) != apps.app_labels.end();
    };
    for (const auto& app : models::contrib_apps()) {
        std::string label(app.label);
        if (!installed(label)) continue;
        for (size_t i = 0; i < app.migrations.size(); ++i) {
            Migration m;
            m.app_label = label;
            m.name = std::string(app.migrations[i]);
            m.initial = i == 0;
            if (i == 0) m.operations = detect_changes(empty, full, label, {}).operations;
            if (i > 0) m.dependencies.push_back({label, std::string(app.migrations[i - 1])});
            if (label == "auth" && i == 0) m.dependencies.push_back({"contenttypes", "__first__"});
            if (label == "auth" && m.name == "0006_require_contenttypes_0002")
                m.dependencies.push_back({"contenttypes", "0002_remove_content_type_name"});
            set.add(std::move(m));
        }
    }
    return set;
}

void MigrationSet::add(Migration m) {
    Key k{m.app_label, m.name};
    migrations_[k] = std::move(m);
}

const Migration* MigrationSet::get(const Key& k) const {
    auto it = migrations_.find(k);
    return it == migrations_.end() ? nullptr : &it->second;
}

std::vector<Key> MigrationSet::app_migrations(const std::string& app) const {
    std::vector<Key> out;
    for (const auto& [k, m] : migrations_)
        if (k.first == app) out.push_back(k);
    return out;
}

std::vector<std::string> MigrationSet::apps() const {
    std::set<std::string> s;
    for (const auto& [k, m] : migrations_) s.insert(k.first);
    return {s.begin(), s.end()};
}

std::vector<Key> MigrationSet::parents(const Key& k) const {
    std::vector<Key> out;
    const Migration* m = get(k);
    if (!m) return out;
    for (const auto& d : m->dependencies) {
        if (d.target == "__setting__") {
            // swappable_dependency(settings.AUTH_USER_MODEL) == (user app, '__first__').
            std::string app = auth_user_model.substr(0, auth_user_model.find('.'));
            if (app == k.first) continue;
            auto ms = app_migrations(app);
            if (!ms.empty()) out.push_back(ms.front());
        } else if (d.target == "__first__") {
            auto ms = app_migrations(d.app_label);
            if (!ms.empty()) out.push_back(ms.front());
        } else if (d.target == "__latest__") {
            if (!leaf(d.app_label).empty()) out.push_back(Key{d.app_label, leaf(d.app_label)});
        } else {
            out.push_back(Key{d.app_label, d.target});
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string MigrationSet::leaf(const std::string& app) const {
    // The node of the app that no other migration of the same app depends on.
    auto ms = app_migrations(app);
    std::set<Key> has_child;
    for (const auto& k : ms)
        for (const auto& p : parents(k))
            if (p.first == app) has_child.insert(p);
    std::string last;
    for (const auto& k : ms)
        if (!has_child.count(k)) last = k.second;
    return last;
}

std::vector<Key> MigrationSet::leaf_nodes() const {
    std::vector<Key> out;
    for (const auto& app : apps()) {
        std::string l = leaf(app);
        if (!l.empty()) out.push_back({app, l});
    }
    std::sort(out.begin(), out.end());
    return out;
}

namespace {

// graph.iterative_dfs: each node is emitted after all its neighbours (parents going
// forwards, children going backwards), neighbours visited in sorted order.
std::vector<Key> iterative_dfs(const Key& start, const std::function<std::vector<Key>(const Key&)>& neighbours) {
    std::vector<Key> visited;
    std::set<Key> seen;
    std::vector<std::pair<Key, bool>> stack = {{start, false}};
    while (!stack.empty()) {
        auto [node, processed] = stack.back();
        stack.pop_back();
        if (seen.count(node)) continue;
        if (processed) {
            seen.insert(node);
            visited.push_back(node);
        } else {
            stack.push_back({node, true});
            for (const auto& n : neighbours(node)) stack.push_back({n, false});
        }
    }
    return visited;
}

}  // namespace

std::vector<Key> MigrationSet::forwards_plan(const Key& target) const {
    return iterative_dfs(target, [this](const Key& k) { return parents(k); });
}

std::vector<Key> MigrationSet::children_in_app(const Key& k) const {
    std::vector<Key> out;
    for (const auto& [key, m] : migrations_) {
        if (key.first != k.first) continue;
        auto ps = parents(key);
        if (std::find(ps.begin(), ps.end(), k) != ps.end()) out.push_back(key);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<Key> MigrationSet::backwards_plan(const Key& target) const {
    return iterative_dfs(target, [this](const Key& k) {
        std::vector<Key> children;
        for (const auto& [key, m] : migrations_) {
            auto ps = parents(key);
            if (std::find(ps.begin(), ps.end(), k) != ps.end()) children.push_back(key);
        }
        return children;  // std::map order: already sorted
    });
}

Result<ProjectState> MigrationSet::state_after(const std::vector<Key>& plan) const {
    ProjectState state;
    state.auth_user_model = auth_user_model;
    for (const auto& k : plan) {
        const Migration* m = get(k);
        if (!m) continue;
        for (const auto& op : m->operations) GRAMLAB_TRY(state_forwards(op, k.first, state));
    }
    resolve_state_relations(state);
    return state;
}

namespace {

// Every migration that must be applied before `key` (its full ancestry), in plan order.
std::vector<Key> ancestors(const MigrationSet& set, const Key& key) {
    std::vector<Key> plan = set.forwards_plan(key);
    plan.pop_back();
    return plan;
}

Result<std::vector<std::string>> collect(const MigrationSet& set, const Key& key, bool with_comments,
                                         const std::string& now) {
    const Migration* m = set.get(key);
    if (!m) return Error::make("CommandError", "Cannot find a migration matching '" + key.second + "' from app '" +
                                                   key.first + "'.");
    auto before = set.state_after(ancestors(set, key));
    if (!before.ok()) return before.take_error();
    ProjectState from = before.value();
    backends::sqlite::SchemaEditor editor(now, /*pre_rendered=*/!with_comments);
    for (const auto& op : m->operations) {
        ProjectState to = from;
        GRAMLAB_TRY(state_forwards(op, key.first, to));
        resolve_state_relations(to);
        if (with_comments) {
            editor.add_comment("");
            if (op.kind == OpKind::kRunPython)
                editor.add_comment("MIGRATION NOW PERFORMS OPERATION THAT CANNOT BE WRITTEN AS SQL:");
            editor.add_comment(describe(op));
            editor.add_comment("");
        }
        GRAMLAB_TRY(editor.database_forwards(op, key.first, from, to));
        from = std::move(to);
    }
    editor.finish();
    return editor.statements();
}

}  // namespace

Result<std::vector<std::string>> migration_sql(const MigrationSet& set, const Key& key, const std::string& now) {
    return collect(set, key, true, now);
}

namespace {

// The operation whose forwards SQL undoes `op` (each Operation.database_backwards).
Result<Operation> inverse_of(const Operation& op, const ProjectState& before, const std::string& app,
                             const Key& key) {
    Operation inv = op;
    const ModelState* m = before.get(app, op.kind == OpKind::kRenameModel ? op.name : op.model);
    auto field_before = [&](const std::string& name) -> const Field* { return m ? m->field(name) : nullptr; };
    switch (op.kind) {
        case OpKind::kCreateModel: inv.kind = OpKind::kDeleteModel; break;
        case OpKind::kDeleteModel: inv.kind = OpKind::kCreateModel; if (m) inv.create = *m; break;
        case OpKind::kAddField: inv.kind = OpKind::kRemoveField; break;
        case OpKind::kRemoveField:
            inv.kind = OpKind::kAddField;
            if (const Field* f = field_before(op.name)) inv.field = *f;
            break;
        case OpKind::kAlterField:
            if (const Field* f = field_before(op.name)) inv.field = *f;
            inv.preserve_default = true;
            break;
        case OpKind::kRenameField: std::swap(inv.name, inv.new_name); break;
        case OpKind::kRenameModel:
            std::swap(inv.name, inv.new_name);
            inv.model = inv.name;
            break;
        case OpKind::kAddIndex: inv.kind = OpKind::kRemoveIndex; inv.name = index_name(op.value); break;
        case OpKind::kAddConstraint: inv.kind = OpKind::kRemoveConstraint; inv.name = index_name(op.value); break;
        case OpKind::kRemoveIndex: case OpKind::kRemoveConstraint: {
            const char* key_name = op.kind == OpKind::kRemoveIndex ? "indexes" : "constraints";
            inv.kind = op.kind == OpKind::kRemoveIndex ? OpKind::kAddIndex : OpKind::kAddConstraint;
            if (m && m->option(key_name))
                for (const auto& v : m->option(key_name)->items)
                    if (index_name(v) == op.name) inv.value = v;
            break;
        }
        case OpKind::kAlterUniqueTogether: case OpKind::kAlterIndexTogether: {
            const Value* v = m ? m->option(op.kind == OpKind::kAlterUniqueTogether ? "unique_together" : "index_together")
                               : nullptr;
            inv.value = v ? *v : Value();
            break;
        }
        case OpKind::kAlterModelTable: {
            const Value* v = m ? m->option("db_table") : nullptr;
            inv.value = v ? *v : Value();
            break;
        }
        case OpKind::kAlterModelOptions: break;
        case OpKind::kAlterModelManagers: inv.managers = m ? m->managers : std::vector<models::ManagerDef>{}; break;
        case OpKind::kRunSQL: case OpKind::kRunPython:
            return Error::make("IrreversibleError", "Operation " + describe(op) + " in " + key.first + "." +
                                                        key.second + " is not reversible");
    }
    return inv;
}

}  // namespace

namespace {

// Runs a migration's statements and its django_migrations bookkeeping in one transaction,
// with foreign key checks off around it as SQLite's schema editor does; on any failure
// the transaction is rolled back and the checks are turned back on.
Status run_atomically(db::Connection& conn, const std::vector<std::string>& statements, const std::string& record_sql,
                      const std::vector<Value>& record_params) {
    GRAMLAB_TRY(conn.execute("PRAGMA foreign_keys = OFF"));
    Status st = conn.execute("BEGIN");
    for (size_t i = 0; st.ok() && i < statements.size(); ++i)
        if (statements[i].rfind("--", 0) != 0) st = conn.execute(statements[i]);
    if (st.ok()) st = conn.execute(record_sql, record_params);
    if (st.ok()) st = conn.execute("COMMIT");
    if (!st.ok()) (void)conn.execute("ROLLBACK");
    Status on = conn.execute("PRAGMA foreign_keys = ON");
    return st.ok() ? on : st;
}

}  // namespace

Status unapply_migration(db::Connection& conn, const MigrationSet& set, const Key& key, const std::string& now) {
    const Migration* m = set.get(key);
    if (!m) return Error::make("KeyError", key.first + "." + key.second);
    auto before = set.state_after(ancestors(set, key));
    if (!before.ok()) return before.take_error();
    // The state before each operation, then the operations undone in reverse.
    std::vector<ProjectState> states = {before.value()};
    for (const auto& op : m->operations) {
        ProjectState next = states.back();
        GRAMLAB_TRY(state_forwards(op, key.first, next));
        resolve_state_relations(next);
        states.push_back(std::move(next));
    }
    backends::sqlite::SchemaEditor editor(now, /*pre_rendered=*/true);
    for (size_t i = m->operations.size(); i-- > 0;) {
        auto inv = inverse_of(m->operations[i], states[i], key.first, key);
        if (!inv.ok()) return inv.take_error();
        GRAMLAB_TRY(editor.database_forwards(inv.value(), key.first, states[i + 1], states[i]));
    }
    editor.finish();
    return run_atomically(conn, editor.statements(),
                          "DELETE FROM \"django_migrations\" WHERE \"app\" = ? AND \"name\" = ?",
                          {Value::of_str(key.first), Value::of_str(key.second)});
}

Status ensure_migrations_table(db::Connection& conn) {
    if (conn.table_exists("django_migrations")) return Status::Ok();
    return conn.execute(
        "CREATE TABLE \"django_migrations\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"app\" "
        "varchar(255) NOT NULL, \"name\" varchar(255) NOT NULL, \"applied\" datetime NOT NULL)");
}

Result<std::set<Key>> applied_migrations(db::Connection& conn) {
    std::set<Key> out;
    if (!conn.table_exists("django_migrations")) return out;
    auto rows = conn.query("SELECT \"app\", \"name\" FROM \"django_migrations\"");
    if (!rows.ok()) return rows.take_error();
    for (const auto& r : rows.value()) out.insert({r[0].text, r[1].text});
    return out;
}

Result<std::map<Key, std::string>> applied_migration_times(db::Connection& conn) {
    std::map<Key, std::string> out;
    if (!conn.table_exists("django_migrations")) return out;
    auto rows = conn.query("SELECT \"app\", \"name\", \"applied\" FROM \"django_migrations\"");
    if (!rows.ok()) return rows.take_error();
    for (const auto& r : rows.value()) out[{r[0].text, r[1].text}] = r[2].text;
    return out;
}

Status apply_migration(db::Connection& conn, const MigrationSet& set, const Key& key, const std::string& applied_at) {
    auto sql = collect(set, key, false, applied_at.substr(0, 19));
    if (!sql.ok()) return sql.take_error();
    return run_atomically(conn, sql.value(),
                          "INSERT INTO \"django_migrations\" (\"app\", \"name\", \"applied\") VALUES (?, ?, ?)",
                          {Value::of_str(key.first), Value::of_str(key.second), Value::of_str(applied_at)});
}

}  // namespace gramlab::migrations

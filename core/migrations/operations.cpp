// Operation semantics: describe, state_forwards, references and reduce (see operations.hpp).
#include "core/migrations/operations.hpp"

#include <algorithm>

namespace gramlab::migrations {

namespace {

std::string join_strings(const Value& list, const char* sep) {
    std::string out;
    for (size_t i = 0; i < list.items.size(); ++i) {
        if (i) out += sep;
        out += list.items[i].text;
    }
    return out;
}

bool field_references_model(const Field& f, const std::string& name_lower, const std::string& app_label,
                            const std::string& field_app) {
    if (!f.is_relation()) return false;
    auto matches = [&](const Value& v) {
        std::string label;
        if (v.kind == Value::Kind::kSetting && !v.items.empty()) label = v.items[0].text;
        else if (v.is_str() || v.kind == Value::Kind::kModel) label = v.text;
        else return false;
        auto dot = label.find('.');
        std::string app = dot == std::string::npos ? field_app : label.substr(0, dot);
        std::string model = models::lower(dot == std::string::npos ? label : label.substr(dot + 1));
        return app == app_label && model == name_lower;
    };
    if (!f.remote_label.empty()) {
        auto dot = f.remote_label.find('.');
        if (f.remote_label.substr(0, dot) == app_label && models::lower(f.remote_label.substr(dot + 1)) == name_lower)
            return true;
    }
    return matches(f.get("to")) || matches(f.get("through"));
}

}  // namespace

std::string index_name(const Value& index) {
    const Value* n = index.kwarg("name");
    return n ? n->text : "";
}

std::string describe(const Operation& op) {
    switch (op.kind) {
        case OpKind::kCreateModel: return "Create model " + op.model;
        case OpKind::kDeleteModel: return "Delete model " + op.model;
        case OpKind::kAddField: return "Add field " + op.name + " to " + op.model;
        case OpKind::kRemoveField: return "Remove field " + op.name + " from " + op.model;
        case OpKind::kAlterField: return "Alter field " + op.name + " on " + op.model;
        case OpKind::kRenameField: return "Rename field " + op.name + " on " + op.model + " to " + op.new_name;
        case OpKind::kRenameModel: return "Rename model " + op.name + " to " + op.new_name;
        case OpKind::kAddIndex: {
            const Value* fields = op.value.kwarg("fields");
            if (fields && !fields->items.empty())
                return "Create index " + index_name(op.value) + " on field(s) " + join_strings(*fields, ", ") +
                       " of model " + op.model;
            return "Create index " + index_name(op.value) + " on " + std::to_string(op.value.items.size()) +
                   " expression(s) on model " + op.model;
        }
        case OpKind::kRemoveIndex: return "Remove index " + op.name + " from " + op.model;
        case OpKind::kAddConstraint: return "Create constraint " + index_name(op.value) + " on model " + op.model;
        case OpKind::kRemoveConstraint: return "Remove constraint " + op.name + " from model " + op.model;
        case OpKind::kAlterUniqueTogether:
            return "Alter unique_together for " + op.model + " (" + std::to_string(op.value.items.size()) +
                   " constraint(s))";
        case OpKind::kAlterIndexTogether:
            return "Alter index_together for " + op.model + " (" + std::to_string(op.value.items.size()) +
                   " constraint(s))";
        case OpKind::kAlterModelOptions: return "Change Meta options on " + op.model;
        case OpKind::kAlterModelManagers: return "Change managers on " + op.model;
        case OpKind::kAlterModelTable:
            return "Rename table for " + op.model + " to " + (op.value.is_none() ? "(default)" : op.value.text);
        case OpKind::kRunPython: return "Raw Python operation";
        case OpKind::kRunSQL: return "Raw SQL operation";
    }
    return "";
}

Status state_forwards(const Operation& op, const std::string& app_label, ProjectState& state) {
    auto missing = [&](const std::string& model) {
        return Error::make("KeyError", "('" + app_label + "', '" + models::lower(model) + "')");
    };
    switch (op.kind) {
        case OpKind::kCreateModel: {
            ModelState m = op.create;
            m.app_label = app_label;
            m.name = op.model;
            state.models.push_back(std::move(m));
            return Status::Ok();
        }
        case OpKind::kDeleteModel: {
            auto& v = state.models;
            auto it = std::find_if(v.begin(), v.end(), [&](const ModelState& m) {
                return m.app_label == app_label && m.name_lower() == op.model_lower();
            });
            if (it == v.end()) return missing(op.model);
            v.erase(it);
            return Status::Ok();
        }
        default: break;
    }
    ModelState* m = state.get(app_label, op.model);
    if (!m && op.kind != OpKind::kRunSQL && op.kind != OpKind::kRunPython) return missing(op.model);
    switch (op.kind) {
        case OpKind::kAddField: {
            Field f = op.field;
            f.name = op.name;
            // AddField with preserve_default=False drops the one-off default from the state.
            if (!op.preserve_default) f.options.erase("default");
            m->fields.push_back(std::move(f));
            break;
        }
        case OpKind::kRemoveField:
            m->fields.erase(std::remove_if(m->fields.begin(), m->fields.end(),
                                           [&](const Field& f) { return f.name == op.name; }),
                            m->fields.end());
            break;
        case OpKind::kAlterField: {
            Field* f = m->field(op.name);
            if (!f) return Error::make("FieldDoesNotExist", m->name + " has no field named '" + op.name + "'");
            Field nf = op.field;
            nf.name = op.name;
            if (!op.preserve_default) nf.options.erase("default");
            *f = std::move(nf);
            break;
        }
        case OpKind::kRenameField: {
            Field* f = m->field(op.name);
            if (!f) return Error::make("FieldDoesNotExist", m->name + " has no field named '" + op.name + "'");
            f->name = op.new_name;
            break;
        }
        case OpKind::kAddIndex: case OpKind::kAddConstraint: {
            const char* key = op.kind == OpKind::kAddIndex ? "indexes" : "constraints";
            Value list = m->option(key) ? *m->option(key) : Value::list({});
            list.items.push_back(op.value);
            m->set_option(key, list);
            break;
        }
        case OpKind::kRemoveIndex: case OpKind::kRemoveConstraint: {
            const char* key = op.kind == OpKind::kRemoveIndex ? "indexes" : "constraints";
            if (const Value* cur = m->option(key)) {
                Value list = *cur;
                list.items.erase(std::remove_if(list.items.begin(), list.items.end(),
                                                [&](const Value& v) { return index_name(v) == op.name; }),
                                 list.items.end());
                m->set_option(key, list);
            }
            break;
        }
        case OpKind::kAlterUniqueTogether: m->set_option("unique_together", op.value); break;
        case OpKind::kAlterIndexTogether: m->set_option("index_together", op.value); break;
        case OpKind::kAlterModelOptions: {
            // AlterModelOptions.ALTER_OPTION_KEYS are replaced wholesale.
            static const char* keys[] = {"base_manager_name", "default_manager_name", "default_related_name",
                                         "get_latest_by", "managed", "ordering", "permissions",
                                         "default_permissions", "select_on_save", "verbose_name",
                                         "verbose_name_plural"};
            for (const char* k : keys) m->remove_option(k);
            for (const auto& kv : op.options) m->set_option(kv.first, kv.second);
            break;
        }
        case OpKind::kAlterModelManagers: m->managers = op.managers; break;
        case OpKind::kAlterModelTable:
            if (op.value.is_none()) m->remove_option("db_table");
            else m->set_option("db_table", op.value);
            break;
        case OpKind::kRenameModel: {
            // RenameModel.state_forwards: the model and every relation pointing at it.
            m->name = op.new_name;
            std::string old_label = models::lower(app_label + "." + op.name);
            for (auto& other : state.models)
                for (auto& f : other.fields) {
                    if (!f.is_relation()) continue;
                    Value to = f.get("to");
                    std::string target = to.kind == Value::Kind::kSetting && !to.items.empty() ? to.items[0].text : to.text;
                    if (target.find('.') == std::string::npos) target = other.app_label + "." + target;
                    if (models::lower(f.remote_label) == old_label || models::lower(target) == old_label) {
                        if (to.kind != Value::Kind::kSetting)
                            f.options["to"] = Value::of_str(app_label + "." + models::lower(op.new_name));
                        f.remote_label = app_label + "." + op.new_name;
                    }
                }
            break;
        }
        default: break;
    }
    return Status::Ok();
}

bool references_model(const Operation& op, const std::string& name_lower, const std::string& app_label) {
    switch (op.kind) {
        case OpKind::kCreateModel: {
            if (op.model_lower() == name_lower) return true;
            for (const auto& f : op.create.fields)
                if (field_references_model(f, name_lower, app_label, app_label)) return true;
            return false;
        }
        case OpKind::kDeleteModel: case OpKind::kAlterModelOptions: case OpKind::kAlterModelTable:
        case OpKind::kAlterModelManagers: case OpKind::kAlterUniqueTogether: case OpKind::kAlterIndexTogether:
            return op.model_lower() == name_lower;
        case OpKind::kRenameModel:
            return models::lower(op.name) == name_lower || models::lower(op.new_name) == name_lower;
        case OpKind::kAddField: case OpKind::kAlterField:
            return op.model_lower() == name_lower || field_references_model(op.field, name_lower, app_label, app_label);
        case OpKind::kRemoveField: case OpKind::kRenameField: return op.model_lower() == name_lower;
        default: return true;  // Operation.references_model is conservative
    }
}

ReduceResult reduce(const Operation& op, const Operation& other, const std::string& app_label) {
    ReduceResult r;
    auto replace = [&](std::vector<Operation> ops) {
        r.has_replacement = true;
        r.replacement = std::move(ops);
        return r;
    };
    bool model_op = op.kind == OpKind::kCreateModel || op.kind == OpKind::kDeleteModel ||
                    op.kind == OpKind::kAlterModelOptions || op.kind == OpKind::kAlterModelTable ||
                    op.kind == OpKind::kAlterModelManagers ||
                    op.kind == OpKind::kAlterUniqueTogether || op.kind == OpKind::kAlterIndexTogether ||
                    op.kind == OpKind::kRenameModel;
    if (op.kind == OpKind::kCreateModel && other.model_lower() == op.model_lower()) {
        switch (other.kind) {
            case OpKind::kDeleteModel: return replace({});
            case OpKind::kAddField: {
                Operation c = op;
                Field f = other.field;
                f.name = other.name;
                c.create.fields.push_back(std::move(f));
                return replace({c});
            }
            case OpKind::kAlterField: {
                Operation c = op;
                for (auto& f : c.create.fields)
                    if (f.name == other.name) {
                        f = other.field;
                        f.name = other.name;
                    }
                return replace({c});
            }
            case OpKind::kRemoveField: {
                Operation c = op;
                auto& v = c.create.fields;
                v.erase(std::remove_if(v.begin(), v.end(), [&](const Field& f) { return f.name == other.name; }),
                        v.end());
                return replace({c});
            }
            case OpKind::kAlterUniqueTogether: case OpKind::kAlterIndexTogether: {
                Operation c = op;
                c.create.set_option(other.kind == OpKind::kAlterUniqueTogether ? "unique_together" : "index_together",
                                    other.value);
                return replace({c});
            }
            case OpKind::kAlterModelOptions: {
                Operation c = op;
                for (const auto& kv : other.options) c.create.set_option(kv.first, kv.second);
                return replace({c});
            }
            case OpKind::kAlterModelManagers: {
                Operation c = op;
                c.create.managers = other.managers;
                return replace({c});
            }
            default: break;
        }
    }
    if (op.kind == OpKind::kAddField && other.model_lower() == op.model_lower() && other.name == op.name) {
        if (other.kind == OpKind::kAlterField) {
            Operation c = op;
            c.field = other.field;
            return replace({c});
        }
        if (other.kind == OpKind::kRemoveField) return replace({});
    }
    if (model_op) {
        r.through = !references_model(other, op.model_lower(), app_label);
        return r;
    }
    bool field_op = op.kind == OpKind::kAddField || op.kind == OpKind::kRemoveField ||
                    op.kind == OpKind::kAlterField || op.kind == OpKind::kRenameField;
    if (field_op) {
        // FieldOperation.reduce: through unless the other references this field.
        bool refs = false;
        if (other.model_lower() == op.model_lower()) {
            if (other.kind == OpKind::kCreateModel || other.kind == OpKind::kDeleteModel) refs = true;
            else if (other.name == op.name || other.new_name == op.name) refs = true;
            else if (other.kind == OpKind::kAddIndex || other.kind == OpKind::kAddConstraint ||
                     other.kind == OpKind::kRemoveIndex || other.kind == OpKind::kRemoveConstraint ||
                     other.kind == OpKind::kAlterUniqueTogether || other.kind == OpKind::kAlterIndexTogether)
                refs = true;
        }
        if (other.kind == OpKind::kAddIndex || other.kind == OpKind::kAddConstraint ||
            other.kind == OpKind::kRunSQL || other.kind == OpKind::kRunPython)
            refs = true;
        r.through = !refs;
        return r;
    }
    return r;  // Operation.reduce: False
}

std::vector<Operation> optimize(std::vector<Operation> ops, const std::string& app_label) {
    // MigrationOptimizer.optimize / optimize_inner.
    for (int guard = 0; guard < 10000; ++guard) {
        std::vector<Operation> result;
        bool changed = false;
        for (size_t i = 0; i < ops.size() && !changed; ++i) {
            bool right = true;
            bool appended = false;
            for (size_t j = i + 1; j < ops.size(); ++j) {
                ReduceResult rr = reduce(ops[i], ops[j], app_label);
                if (rr.has_replacement) {
                    std::vector<Operation> in_between(ops.begin() + static_cast<long>(i) + 1,
                                                      ops.begin() + static_cast<long>(j));
                    if (right) {
                        for (auto& x : in_between) result.push_back(x);
                        for (auto& x : rr.replacement) result.push_back(x);
                    } else {
                        bool all_through = std::all_of(in_between.begin(), in_between.end(), [&](const Operation& b) {
                            return reduce(b, ops[j], app_label).through;
                        });
                        if (all_through) {
                            for (auto& x : rr.replacement) result.push_back(x);
                            for (auto& x : in_between) result.push_back(x);
                        } else {
                            result.push_back(ops[i]);
                            appended = true;
                            break;
                        }
                    }
                    for (size_t k = j + 1; k < ops.size(); ++k) result.push_back(ops[k]);
                    changed = true;
                    break;
                }
                if (!rr.through) right = false;
            }
            if (!changed && !appended) result.push_back(ops[i]);
        }
        if (!changed) return result;
        ops = std::move(result);
    }
    return ops;
}

}  // namespace gramlab::migrations

// Evaluates migration files: imports bind module aliases, `migrations.X(...)` calls become
// Operations, `models.X(...)` field calls become Fields, everything else a Value.
#include "core/migrations/loader.hpp"

#include <algorithm>
#include <map>

#include "core/python/parser.hpp"

namespace gramlab::migrations {

namespace {

class MigrationEval {
public:
    MigrationEval(const MigrationFile& file, const std::string& app, const models::Settings& settings)
        : file_(file), app_(app), settings_(settings) {}

    Error error(std::string kind, std::string msg, SourceSpan span) const {
        Error e = Error::make(std::move(kind), std::move(msg), span);
        e.file = file_.path;
        return e;
    }

    void bind_import(const py::Stmt& s) {
        if (s.kind == py::StmtKind::kImport) {
            for (const auto& a : s.names) {
                if (!a.asname.empty()) aliases_[a.asname] = a.name;
                else aliases_[a.name.substr(0, a.name.find('.'))] = a.name.substr(0, a.name.find('.'));
            }
        } else {
            for (const auto& a : s.names) aliases_[a.asname.empty() ? a.name : a.asname] = s.module + "." + a.name;
        }
    }

    // Dotted path of a Name/Attribute chain after alias resolution; empty if not a path.
    std::string path_of(const py::Expr& e) const {
        if (e.kind == py::ExprKind::kName) {
            auto it = aliases_.find(e.id);
            return it == aliases_.end() ? e.id : it->second;
        }
        if (e.kind == py::ExprKind::kAttribute) {
            std::string base = path_of(*e.value);
            return base.empty() ? "" : base + "." + e.id;
        }
        return "";
    }

    Result<Value> eval(const py::Expr& e) {
        using K = py::ExprKind;
        switch (e.kind) {
            case K::kConstant:
                switch (e.const_kind) {
                    case py::ConstKind::kNone: return Value::none();
                    case py::ConstKind::kBool: return Value::of_bool(e.bool_value);
                    case py::ConstKind::kInt: return Value::of_int_text(e.int_text);
                    case py::ConstKind::kFloat: return Value::of_float(e.float_value);
                    case py::ConstKind::kStr: return Value::of_str(e.id);
                    case py::ConstKind::kBytes: {
                        Value v;
                        v.kind = Value::Kind::kBytes;
                        v.text = e.id;
                        return v;
                    }
                    default: return Value::none();
                }
            case K::kList: case K::kTuple: case K::kSet: {
                std::vector<Value> items;
                for (const auto& el : e.elts) {
                    auto v = eval(*el);
                    if (!v.ok()) return v;
                    items.push_back(std::move(v.value()));
                }
                Value out = e.kind == K::kList ? Value::list(std::move(items)) : Value::tuple(std::move(items));
                if (e.kind == K::kSet) out.kind = Value::Kind::kSet;
                return out;
            }
            case K::kDict: {
                Value out;
                out.kind = Value::Kind::kDict;
                for (size_t i = 0; i < e.keys.size() && i < e.elts.size(); ++i) {
                    if (!e.keys[i]) return error("SyntaxError", "'**' is not supported in migration files", e.span);
                    auto k = eval(*e.keys[i]);
                    if (!k.ok()) return k;
                    auto v = eval(*e.elts[i]);
                    if (!v.ok()) return v;
                    out.items.push_back(std::move(k.value()));
                    out.items.push_back(std::move(v.value()));
                }
                return out;
            }
            case K::kUnaryOp: {
                auto v = eval(*e.value);
                if (!v.ok()) return v;
                Value x = v.value();
                if (e.unary_op == py::UnaryOpKind::kUSub && x.kind == Value::Kind::kInt)
                    x.text = x.text[0] == '-' ? x.text.substr(1) : "-" + x.text;
                else if (e.unary_op == py::UnaryOpKind::kUSub && x.kind == Value::Kind::kFloat)
                    x = Value::of_float(-x.number);
                return x;
            }
            case K::kName: case K::kAttribute: {
                std::string p = path_of(e);
                if (p == "True" || p == "False") return Value::of_bool(p == "True");
                if (p == "None") return Value::none();
                if (p.rfind("django.conf.settings.", 0) == 0) {
                    Value s;
                    s.kind = Value::Kind::kSetting;
                    s.text = p.substr(21);
                    if (s.text == "AUTH_USER_MODEL") s.items.push_back(Value::of_str(settings_.auth_user_model));
                    return s;
                }
                return Value::ref(p);
            }
            case K::kCall: {
                std::string callee = path_of(*e.value);
                std::vector<Value> args;
                Kwargs kwargs;
                for (const auto& a : e.elts) {
                    auto v = eval(*a);
                    if (!v.ok()) return v;
                    args.push_back(std::move(v.value()));
                }
                for (const auto& kw : e.keywords) {
                    auto v = eval(*kw.value);
                    if (!v.ok()) return v;
                    kwargs.emplace_back(kw.arg, std::move(v.value()));
                }
                if (callee == "decimal.Decimal" && args.size() == 1) {
                    Value d;
                    d.kind = Value::Kind::kDecimal;
                    d.text = args[0].text;
                    return d;
                }
                if (callee == "django.db.models.Q") {
                    Value q = Value::call(callee);
                    for (auto& a : args) q.items.push_back(std::move(a));
                    std::sort(kwargs.begin(), kwargs.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
                    for (auto& kv : kwargs) {
                        if (kv.first == "_connector" || kv.first == "_negated") q.kwargs.push_back(kv);
                        else q.items.push_back(Value::tuple({Value::of_str(kv.first), kv.second}));
                    }
                    return q;
                }
                return Value::call(callee, std::move(args), std::move(kwargs));
            }
            default: return error("SyntaxError", "this expression is not supported in migration files", e.span);
        }
    }

    Result<models::Field> to_field(const Value& call, SourceSpan span) {
        std::string cls = call.text.substr(call.text.rfind('.') + 1);
        auto f = models::field_from_deconstructed(cls, call.kwargs);
        if (!f.ok()) {
            Error err = f.take_error();
            err.span = span;
            err.file = file_.path;
            return err;
        }
        return f;
    }

    Result<Operation> to_operation(const py::Expr& e) {
        if (e.kind != py::ExprKind::kCall) return error("TypeError", "operations must be migrations.* calls", e.span);
        std::string callee = path_of(*e.value);
        std::string op_name = callee.substr(callee.rfind('.') + 1);
        std::map<std::string, const py::Expr*> kw;
        for (const auto& k : e.keywords) kw[k.arg] = k.value.get();
        // Positional arguments follow each operation's __init__ order.
        static const std::map<std::string, std::vector<std::string>> positional = {
            {"CreateModel", {"name", "fields", "options", "bases", "managers"}},
            {"DeleteModel", {"name"}},
            {"AddField", {"model_name", "name", "field", "preserve_default"}},
            {"RemoveField", {"model_name", "name"}},
            {"AlterField", {"model_name", "name", "field", "preserve_default"}},
            {"RenameField", {"model_name", "old_name", "new_name"}},
            {"RenameModel", {"old_name", "new_name"}},
            {"AddIndex", {"model_name", "index"}},
            {"RemoveIndex", {"model_name", "name"}},
            {"AddConstraint", {"model_name", "constraint"}},
            {"RemoveConstraint", {"model_name", "name"}},
            {"AlterUniqueTogether", {"name", "unique_together"}},
            {"AlterIndexTogether", {"name", "index_together"}},
            {"AlterModelOptions", {"name", "options"}},
            {"AlterModelTable", {"name", "table"}},
            {"AlterModelManagers", {"name", "managers"}},
            {"RunSQL", {"sql", "reverse_sql"}},
            {"RunPython", {"code", "reverse_code"}},
        };
        auto pit = positional.find(op_name);
        if (pit == positional.end())
            return error("AttributeError", "module 'django.db.migrations' has no attribute '" + op_name + "'",
                         e.value->span);
        for (size_t i = 0; i < e.elts.size() && i < pit->second.size(); ++i) kw[pit->second[i]] = e.elts[i].get();
        auto str_arg = [&](const char* k) -> Result<std::string> {
            auto it = kw.find(k);
            if (it == kw.end()) return error("TypeError", op_name + ".__init__() missing required argument: '" + k + "'", e.span);
            auto v = eval(*it->second);
            if (!v.ok()) return v.take_error();
            return v.value().text;
        };
        auto val_arg = [&](const char* k) -> Result<Value> {
            auto it = kw.find(k);
            if (it == kw.end()) return Value::none();
            return eval(*it->second);
        };
        auto field_arg = [&]() -> Result<models::Field> {
            auto it = kw.find("field");
            if (it == kw.end()) return error("TypeError", op_name + ".__init__() missing required argument: 'field'", e.span);
            auto v = eval(*it->second);
            if (!v.ok()) return v.take_error();
            return to_field(v.value(), it->second->span);
        };
        // managers=[('objects', app.models.M()), ...] (CreateModel, AlterModelManagers)
        auto managers_arg = [&](std::vector<models::ManagerDef>& out) -> Status {
            auto managers = val_arg("managers");
            if (!managers.ok()) return managers.take_error();
            for (const auto& m : managers.value().items)
                if (m.items.size() == 2) {
                    models::ManagerDef md;
                    md.name = m.items[0].text;
                    md.class_path = m.items[1].text;
                    md.use_in_migrations = true;
                    out.push_back(md);
                }
            return Status::Ok();
        };
        Operation op;
        static const std::map<std::string, OpKind> kinds = {
            {"CreateModel", OpKind::kCreateModel}, {"DeleteModel", OpKind::kDeleteModel},
            {"AddField", OpKind::kAddField}, {"RemoveField", OpKind::kRemoveField},
            {"AlterField", OpKind::kAlterField}, {"RenameField", OpKind::kRenameField},
            {"RenameModel", OpKind::kRenameModel}, {"AddIndex", OpKind::kAddIndex},
            {"RemoveIndex", OpKind::kRemoveIndex}, {"AddConstraint", OpKind::kAddConstraint},
            {"RemoveConstraint", OpKind::kRemoveConstraint}, {"AlterUniqueTogether", OpKind::kAlterUniqueTogether},
            {"AlterIndexTogether", OpKind::kAlterIndexTogether}, {"AlterModelOptions", OpKind::kAlterModelOptions},
            {"AlterModelTable", OpKind::kAlterModelTable}, {"RunSQL", OpKind::kRunSQL}, {"RunPython", OpKind::kRunPython},
            {"AlterModelManagers", OpKind::kAlterModelManagers}};
        op.kind = kinds.at(op_name);
        auto take = [&](Result<std::string> r, std::string& into) -> Status {
            if (!r.ok()) return r.take_error();
            into = r.value();
            return Status::Ok();
        };
        switch (op.kind) {
            case OpKind::kCreateModel: {
                GRAMLAB_TRY(take(str_arg("name"), op.model));
                op.create.name = op.model;
                auto fit = kw.find("fields");
                if (fit == kw.end() || (fit->second->kind != py::ExprKind::kList && fit->second->kind != py::ExprKind::kTuple))
                    return error("TypeError", "CreateModel needs a list of fields", e.span);
                for (const auto& item : fit->second->elts) {
                    if (item->kind != py::ExprKind::kTuple || item->elts.size() != 2)
                        return error("TypeError", "each field must be a ('name', models.Field(...)) tuple", item->span);
                    auto name = eval(*item->elts[0]);
                    if (!name.ok()) return name.take_error();
                    auto call = eval(*item->elts[1]);
                    if (!call.ok()) return call.take_error();
                    auto f = to_field(call.value(), item->elts[1]->span);
                    if (!f.ok()) return f.take_error();
                    models::Field fld = std::move(f.value());
                    fld.name = name.value().text;
                    op.create.fields.push_back(std::move(fld));
                }
                auto options = val_arg("options");
                if (!options.ok()) return options.take_error();
                for (size_t i = 0; i + 1 < options.value().items.size(); i += 2)
                    op.create.options.emplace_back(options.value().items[i].text, options.value().items[i + 1]);
                GRAMLAB_TRY(managers_arg(op.create.managers));
                break;
            }
            case OpKind::kAlterModelManagers:
                GRAMLAB_TRY(take(str_arg("name"), op.model));
                GRAMLAB_TRY(managers_arg(op.managers));
                break;
            case OpKind::kDeleteModel: GRAMLAB_TRY(take(str_arg("name"), op.model)); break;
            case OpKind::kAddField: case OpKind::kAlterField: {
                GRAMLAB_TRY(take(str_arg("model_name"), op.model));
                GRAMLAB_TRY(take(str_arg("name"), op.name));
                auto f = field_arg();
                if (!f.ok()) return f.take_error();
                op.field = std::move(f.value());
                op.field.name = op.name;
                auto pd = val_arg("preserve_default");
                if (!pd.ok()) return pd.take_error();
                op.preserve_default = pd.value().is_none() || pd.value().truthy();
                break;
            }
            case OpKind::kRemoveField: case OpKind::kRemoveIndex: case OpKind::kRemoveConstraint:
                GRAMLAB_TRY(take(str_arg("model_name"), op.model));
                GRAMLAB_TRY(take(str_arg("name"), op.name));
                break;
            case OpKind::kRenameField:
                GRAMLAB_TRY(take(str_arg("model_name"), op.model));
                GRAMLAB_TRY(take(str_arg("old_name"), op.name));
                GRAMLAB_TRY(take(str_arg("new_name"), op.new_name));
                break;
            case OpKind::kRenameModel:
                GRAMLAB_TRY(take(str_arg("old_name"), op.name));
                GRAMLAB_TRY(take(str_arg("new_name"), op.new_name));
                op.model = op.name;
                break;
            case OpKind::kAddIndex: case OpKind::kAddConstraint: {
                GRAMLAB_TRY(take(str_arg("model_name"), op.model));
                auto v = val_arg(op.kind == OpKind::kAddIndex ? "index" : "constraint");
                if (!v.ok()) return v.take_error();
                op.value = v.value();
                break;
            }
            case OpKind::kAlterUniqueTogether: case OpKind::kAlterIndexTogether: {
                GRAMLAB_TRY(take(str_arg("name"), op.model));
                auto v = val_arg(op.kind == OpKind::kAlterUniqueTogether ? "unique_together" : "index_together");
                if (!v.ok()) return v.take_error();
                op.value = v.value();
                op.value.kind = Value::Kind::kSet;
                break;
            }
            case OpKind::kAlterModelOptions: {
                GRAMLAB_TRY(take(str_arg("name"), op.model));
                auto v = val_arg("options");
                if (!v.ok()) return v.take_error();
                for (size_t i = 0; i + 1 < v.value().items.size(); i += 2)
                    op.options.emplace_back(v.value().items[i].text, v.value().items[i + 1]);
                break;
            }
            case OpKind::kAlterModelTable: {
                GRAMLAB_TRY(take(str_arg("name"), op.model));
                auto v = val_arg("table");
                if (!v.ok()) return v.take_error();
                op.value = v.value();
                break;
            }
            case OpKind::kRunSQL: {
                auto v = val_arg("sql");
                if (!v.ok()) return v.take_error();
                op.sql = v.value().text;
                break;
            }
            case OpKind::kRunPython: break;
        }
        return op;
    }

    Result<Migration> run(const py::Module& module) {
        Migration m;
        m.app_label = app_;
        m.name = file_.name;
        const py::Stmt* cls = nullptr;
        for (const auto& s : module.body) {
            if (s->kind == py::StmtKind::kImport || s->kind == py::StmtKind::kImportFrom) bind_import(*s);
            if (s->kind == py::StmtKind::kClassDef && s->name == "Migration") cls = s.get();
        }
        if (!cls)
            return error("BadMigrationError",
                         "Migration " + file_.name + " in app " + app_ + " has no Migration class", SourceSpan{});
        for (const auto& s : cls->body) {
            if (s->kind != py::StmtKind::kAssign || s->targets.size() != 1 || s->targets[0]->kind != py::ExprKind::kName)
                continue;
            const std::string& name = s->targets[0]->id;
            const py::Expr& v = *s->value;
            if (name == "initial") {
                auto x = eval(v);
                if (!x.ok()) return x.take_error();
                m.initial = x.value().truthy();
            } else if (name == "dependencies") {
                for (const auto& d : v.elts) {
                    if (d->kind == py::ExprKind::kCall) {
                        m.dependencies.push_back({"", "__setting__"});
                        continue;
                    }
                    auto x = eval(*d);
                    if (!x.ok()) return x.take_error();
                    if (x.value().items.size() != 2)
                        return error("ValueError", "a dependency is an ('app_label', 'migration_name') tuple", d->span);
                    m.dependencies.push_back({x.value().items[0].text, x.value().items[1].text});
                }
            } else if (name == "operations") {
                for (const auto& o : v.elts) {
                    auto op = to_operation(*o);
                    if (!op.ok()) return op.take_error();
                    m.operations.push_back(std::move(op.value()));
                }
            }
        }
        return m;
    }

private:
    const MigrationFile& file_;
    std::string app_;
    const models::Settings& settings_;
    std::map<std::string, std::string> aliases_;
};

}  // namespace

Result<Migration> load_migration(const MigrationFile& file, const std::string& app_label,
                                 const models::Settings& settings) {
    auto parsed = py::parse_module(file.text, file.path);
    if (!parsed.ok()) return parsed.errors.front();
    MigrationEval ev(file, app_label, settings);
    return ev.run(parsed.module);
}

void resolve_state_relations(ProjectState& state) {
    for (auto& m : state.models)
        for (auto& f : m.fields) {
            if (!f.is_relation()) continue;
            f.remote_label.clear();
            const ModelState* t = state.resolve(f, m.app_label);
            if (t) f.remote_label = t->label();
            bool swappable = !(f.many_to_many() && f.given("swappable") && !f.flag("swappable"));
            f.swappable_setting = swappable && t && models::lower(t->label()) == models::lower(state.auth_user_model)
                                      ? "AUTH_USER_MODEL"
                                      : "";
        }
}

}  // namespace gramlab::migrations

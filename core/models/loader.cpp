// Evaluates models.py (and settings.py) ASTs into the app registry, as importing them
// under Django would: imports bind names, class statements build models, field calls
// are bound like Python calls, Meta is read into options, abstract bases pass on fields.
#include "core/models/loader.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <set>

#include "core/models/contrib.hpp"
#include "core/models/related.hpp"
#include "core/python/parser.hpp"

namespace gramlab::models {

namespace {

// What a name is bound to while a module executes.
struct Symbol {
    enum class Kind {
        kModule,        // path = "django.db.models"
        kValue,         // value
        kFieldClass,    // path = field class name
        kModelBase,     // django.db.models.Model
        kModel,         // label = "app.Model" (concrete or abstract)
        kManagerClass,  // path = class path; use_in_migrations in value.boolean
        kQuerySetClass,  // models.QuerySet or a subclass written in models.py; path = class path
        kChoicesBase,   // TextChoices / IntegerChoices / Choices
        kChoices,       // a Choices subclass: value = list of (value, label) tuples; members in members
        kCallable,      // path = import path; calling it builds a deconstructible Value::call
        kFunction,      // a function defined in models.py: value = Value::ref
        kGettext,       // gettext_lazy / _
        kGetUserModel,  // django.contrib.auth.get_user_model
        kSettings,      // django.conf.settings
        kOpaque,        // something importable we do not model (accepted, unusable in fields)
    };
    Kind kind = Kind::kOpaque;
    std::string path;
    std::string label;
    Value value;
    std::map<std::string, Value> members;  // Choices members
};

using Scope = std::map<std::string, Symbol>;

Symbol sym(Symbol::Kind k, std::string path = "") {
    Symbol s;
    s.kind = k;
    s.path = std::move(path);
    return s;
}

const std::set<std::string>& models_callables() {
    static const std::set<std::string> names = {
        "Q", "F", "Index", "UniqueConstraint", "CheckConstraint", "Deferrable", "Value", "Func", "Count", "Sum",
        "Avg", "Max", "Min", "ExpressionWrapper", "Case", "When", "OuterRef", "Subquery", "Exists", "Prefetch",
        "SET", "Lower", "Upper"};
    return names;
}

// Resolves `module.attr` for the Django modules learners import from.
std::optional<Symbol> resolve_module_attr(const std::string& module, const std::string& name) {
    if (module == "django.db.models" || module == "django.db.models.fields" ||
        module == "django.db.models.fields.related" || module == "django.db.models.deletion") {
        if (find_field_class(name)) return sym(Symbol::Kind::kFieldClass, name);
        if (name == "Model") return sym(Symbol::Kind::kModelBase, "django.db.models.Model");
        if (name == "Manager") return sym(Symbol::Kind::kManagerClass, "django.db.models.Manager");
        if (name == "TextChoices" || name == "IntegerChoices" || name == "Choices")
            return sym(Symbol::Kind::kChoicesBase, name);
        if (name == "CASCADE" || name == "PROTECT" || name == "SET_NULL" || name == "SET_DEFAULT" ||
            name == "DO_NOTHING" || name == "RESTRICT") {
            Symbol s = sym(Symbol::Kind::kValue);
            s.value = Value::ref("django.db.models.deletion." + name);
            return s;
        }
        if (name == "deletion") return sym(Symbol::Kind::kModule, "django.db.models.deletion");
        if (name == "functions") return sym(Symbol::Kind::kModule, "django.db.models.functions");
        if (models_callables().count(name)) return sym(Symbol::Kind::kCallable, "django.db.models." + name);
        if (name == "QuerySet") return sym(Symbol::Kind::kQuerySetClass, "django.db.models.QuerySet");
        if (name == "Prefetch" || name == "signals" || name == "Sum" || name == "NOT_PROVIDED")
            return sym(Symbol::Kind::kOpaque, module + "." + name);
        return std::nullopt;
    }
    if (module == "django.db.models.functions") return sym(Symbol::Kind::kCallable, "django.db.models.functions." + name);
    if (module == "django.db") {
        if (name == "models") return sym(Symbol::Kind::kModule, "django.db.models");
        if (name == "migrations" || name == "transaction" || name == "connection" || name == "IntegrityError")
            return sym(Symbol::Kind::kOpaque, "django.db." + name);
        return std::nullopt;
    }
    if (module == "django.conf") {
        if (name == "settings") return sym(Symbol::Kind::kSettings);
        return std::nullopt;
    }
    if (module == "django.utils") {
        if (name == "timezone" || name == "translation") return sym(Symbol::Kind::kModule, "django.utils." + name);
        return std::nullopt;
    }
    if (module == "django.utils.timezone") {
        if (name == "now") {
            Symbol s = sym(Symbol::Kind::kValue);
            s.value = Value::ref("django.utils.timezone.now");
            return s;
        }
        if (name == "utc" || name == "make_aware" || name == "localtime") return sym(Symbol::Kind::kOpaque);
        return std::nullopt;
    }
    if (module == "django.utils.translation") {
        if (name == "gettext_lazy" || name == "gettext" || name == "ugettext_lazy" || name == "ugettext" ||
            name == "pgettext_lazy")
            return sym(Symbol::Kind::kGettext);
        return std::nullopt;
    }
    if (module == "django.contrib.auth") {
        if (name == "get_user_model") return sym(Symbol::Kind::kGetUserModel);
        if (name == "models") return sym(Symbol::Kind::kModule, "django.contrib.auth.models");
        return std::nullopt;
    }
    if (module == "django.contrib.auth.validators") {
        if (name == "UnicodeUsernameValidator" || name == "ASCIIUsernameValidator")
            return sym(Symbol::Kind::kCallable, module + "." + name);
        return std::nullopt;
    }
    if (module == "django.core.validators" || module == "django.core") {
        if (module == "django.core" && name == "validators") return sym(Symbol::Kind::kModule, "django.core.validators");
        if (module == "django.core.validators") return sym(Symbol::Kind::kCallable, module + "." + name);
        return std::nullopt;
    }
    if (module == "django.core.exceptions") return sym(Symbol::Kind::kOpaque, module + "." + name);
    if (module == "django.urls") return sym(Symbol::Kind::kOpaque, module + "." + name);
    if (module == "uuid") {
        if (name == "uuid4" || name == "uuid1") {
            Symbol s = sym(Symbol::Kind::kValue);
            s.value = Value::ref("uuid." + name);
            return s;
        }
        if (name == "UUID") return sym(Symbol::Kind::kCallable, "uuid.UUID");
        return std::nullopt;
    }
    if (module == "datetime") {
        if (name == "date" || name == "datetime" || name == "time" || name == "timedelta")
            return sym(Symbol::Kind::kCallable, "datetime." + name);
        if (name == "timezone") return sym(Symbol::Kind::kOpaque, "datetime.timezone");
        return std::nullopt;
    }
    if (module == "decimal") {
        if (name == "Decimal") return sym(Symbol::Kind::kCallable, "decimal.Decimal");
        return std::nullopt;
    }
    return std::nullopt;
}

bool is_known_module(const std::string& m) {
    static const std::set<std::string> known = {
        "django", "django.db", "django.db.models", "django.db.models.fields", "django.db.models.deletion",
        "django.db.models.functions", "django.conf", "django.utils", "django.utils.timezone",
        "django.utils.translation", "django.contrib", "django.contrib.auth", "django.contrib.auth.models",
        "django.contrib.auth.base_user", "django.contrib.auth.validators", "django.contrib.contenttypes",
        "django.contrib.contenttypes.models", "django.core", "django.core.validators", "django.core.exceptions",
        "django.urls", "uuid", "datetime", "decimal", "django.db.models.fields.related", "re", "os", "json",
        "random", "math", "typing", "__future__"};
    return known.count(m) > 0;
}

struct Importer;

// Executes one module's statements.
class ModuleExec {
public:
    ModuleExec(Importer& imp, const SourceFile& file, std::shared_ptr<const py::Module> ast, std::string app_label,
               std::string package, std::string module_path)
        : imp_(imp), file_(file), ast_(std::move(ast)), app_label_(std::move(app_label)),
          package_(std::move(package)), module_path_(std::move(module_path)) {}

    Status run();
    Scope& scope() { return scope_; }

private:
    Error error(std::string kind, std::string message, SourceSpan span) const {
        Error e = Error::make(std::move(kind), std::move(message), span);
        e.file = file_.path;
        return e;
    }
    Status exec_import(const py::Stmt& s);
    Status exec_class(const py::Stmt& s, Scope* enclosing_class);
    Status exec_model_class(const py::Stmt& s, std::vector<std::string> parent_labels,
                            std::vector<std::string> base_names);
    Status exec_choices_class(const py::Stmt& s, const std::string& base, Scope& into);
    Result<Symbol> lookup(const std::string& name, SourceSpan span, const Scope* local) const;
    Result<Symbol> eval_symbol(const py::Expr& e, const Scope* local);
    //! The manager a class attribute `X.as_manager()` or `M.from_queryset(X)()` makes (X a
    //! QuerySet subclass), nullopt for any other call.
    Result<std::optional<ManagerDef>> queryset_manager(const py::Expr& call, const Scope* local);
    Result<Value> eval(const py::Expr& e, const Scope* local);
    Result<Value> call(const Symbol& callee, const py::Expr& call_expr, const Scope* local);
    Result<Field> make_field(const std::string& cls_name, const py::Expr& call_expr, const Scope* local);

    Importer& imp_;
    const SourceFile& file_;
    std::shared_ptr<const py::Module> ast_;
    std::string app_label_;
    std::string package_;  // dotted module name of this file inside the app ("models", "models.user")
    std::string module_path_;  // importable path: "blog.models", "django.contrib.auth.models"
    Scope scope_;
};

// Imports app modules on demand (models/__init__.py importing .user) and holds the registry.
struct Importer {
    Apps apps;
    const ProjectSource* src = nullptr;
    std::map<std::string, std::unique_ptr<ModuleExec>> loaded;  // key: app_label + ":" + module
    std::map<std::string, std::shared_ptr<const py::Module>> asts;
    std::set<std::string> loading;
    std::map<std::string, Scope> contrib_scopes;  // module path → scope
    int creation_counter = 0;
    int auto_counter = 0;
    std::vector<std::unique_ptr<SourceFile>> contrib_files;

    std::string default_auto_field_for(const std::string& app_label) const {
        if (app_label == "auth" || app_label == "contenttypes" || app_label == "admin") return "AutoField";
        const std::string& d = apps.settings.default_auto_field;
        auto dot = d.rfind('.');
        return dot == std::string::npos ? d : d.substr(dot + 1);
    }

    Result<Scope*> import_app_module(const std::string& app_label, const std::string& module, SourceSpan span,
                                     const std::string& from_file);
    Status load_contrib(const ContribApp& app);
};

Result<Symbol> ModuleExec::lookup(const std::string& name, SourceSpan span, const Scope* local) const {
    if (local) {
        auto it = local->find(name);
        if (it != local->end()) return it->second;
    }
    auto it = scope_.find(name);
    if (it != scope_.end()) return it->second;
    // Builtins a models.py may use.
    if (name == "True" || name == "False" || name == "None") {
        Symbol s = sym(Symbol::Kind::kValue);
        s.value = name == "None" ? Value::none() : Value::of_bool(name == "True");
        return s;
    }
    if (name == "str" || name == "int" || name == "len" || name == "list" || name == "dict" || name == "range" ||
        name == "property" || name == "staticmethod" || name == "classmethod" || name == "super" ||
        name == "print" || name == "object" || name == "Exception" || name == "ValueError" ||
        name == "isinstance" || name == "float" || name == "bool" || name == "tuple" || name == "set")
        return sym(Symbol::Kind::kCallable, "builtins." + name);
    return error("NameError", "name '" + name + "' is not defined", span);
}

Result<std::optional<ManagerDef>> ModuleExec::queryset_manager(const py::Expr& call, const Scope* local) {
    const py::Expr& callee = *call.value;
    auto queryset_class = [&](const py::Expr& e) -> Result<std::optional<Symbol>> {
        if (e.kind != py::ExprKind::kName && e.kind != py::ExprKind::kAttribute) return std::optional<Symbol>{};
        auto s = eval_symbol(e, local);
        if (!s.ok()) return s.take_error();
        if (s.value().kind != Symbol::Kind::kQuerySetClass) return std::optional<Symbol>{};
        return std::optional<Symbol>{s.value()};
    };
    if (callee.kind == py::ExprKind::kAttribute && callee.id == "as_manager" && call.elts.empty() && call.keywords.empty()) {
        auto qs = queryset_class(*callee.value);
        if (!qs.ok()) return qs.take_error();
        if (!qs.value()) return std::optional<ManagerDef>{};
        ManagerDef md;
        md.class_path = "django.db.models.Manager";
        md.queryset_class_path = qs.value()->path;
        return std::optional<ManagerDef>{md};
    }
    if (callee.kind == py::ExprKind::kCall && call.elts.empty() && call.keywords.empty() &&
        callee.value->kind == py::ExprKind::kAttribute && callee.value->id == "from_queryset" && callee.elts.size() == 1) {
        auto manager = eval_symbol(*callee.value->value, local);
        if (!manager.ok()) return manager.take_error();
        if (manager.value().kind != Symbol::Kind::kManagerClass) return std::optional<ManagerDef>{};
        auto qs = queryset_class(*callee.elts[0]);
        if (!qs.ok()) return qs.take_error();
        if (!qs.value()) return std::optional<ManagerDef>{};
        ManagerDef md;
        md.class_path = manager.value().path;
        md.use_in_migrations = manager.value().value.boolean;
        md.queryset_class_path = qs.value()->path;
        return std::optional<ManagerDef>{md};
    }
    return std::optional<ManagerDef>{};
}

Result<Symbol> ModuleExec::eval_symbol(const py::Expr& e, const Scope* local) {
    if (e.kind == py::ExprKind::kName) return lookup(e.id, e.span, local);
    if (e.kind == py::ExprKind::kAttribute) {
        auto base = eval_symbol(*e.value, local);
        if (!base.ok()) return base.take_error();
        const Symbol& b = base.value();
        switch (b.kind) {
            case Symbol::Kind::kModule: {
                if (auto r = resolve_module_attr(b.path, e.id)) return *r;
                if (b.path == "django.contrib.auth.models" || b.path == "django.contrib.contenttypes.models") {
                    auto& cs = imp_.contrib_scopes[b.path];
                    auto it = cs.find(e.id);
                    if (it != cs.end()) return it->second;
                }
                return error("AttributeError", "module '" + b.path + "' has no attribute '" + e.id + "'", e.span);
            }
            case Symbol::Kind::kSettings: {
                Symbol s = sym(Symbol::Kind::kValue);
                s.value.kind = Value::Kind::kSetting;
                s.value.text = e.id;
                const Settings& st = imp_.apps.settings;
                if (e.id == "AUTH_USER_MODEL") s.value.items.push_back(Value::of_str(st.auth_user_model));
                else if (e.id == "USE_TZ") s.value.items.push_back(Value::of_bool(st.use_tz));
                else if (e.id == "TIME_ZONE") s.value.items.push_back(Value::of_str(st.time_zone));
                else if (e.id == "DEFAULT_AUTO_FIELD") s.value.items.push_back(Value::of_str(st.default_auto_field));
                else
                    return error("AttributeError", "'Settings' object has no attribute '" + e.id + "'", e.span);
                return s;
            }
            case Symbol::Kind::kChoices: {
                if (e.id == "choices") {
                    Symbol s = sym(Symbol::Kind::kValue);
                    s.value = b.value;
                    return s;
                }
                auto it = b.members.find(e.id);
                if (it != b.members.end()) {
                    Symbol s = sym(Symbol::Kind::kValue);
                    s.value = it->second;
                    return s;
                }
                if (e.id == "values" || e.id == "labels" || e.id == "names") {
                    Symbol s = sym(Symbol::Kind::kValue);
                    std::vector<Value> items;
                    for (const auto& pair : b.value.items)
                        items.push_back(e.id == "labels" ? pair.items[1] : pair.items[0]);
                    s.value = Value::list(items);
                    return s;
                }
                return error("AttributeError", "type object '" + b.path + "' has no attribute '" + e.id + "'",
                             e.span);
            }
            case Symbol::Kind::kModel: {
                // Model.Meta of an abstract base (class Meta(Base.Meta)) and class constants.
                if (e.id == "Meta") {
                    Symbol s = sym(Symbol::Kind::kOpaque, "meta:" + b.label);
                    s.label = b.label;
                    return s;
                }
                const ModelDef* m = imp_.apps.get_model(b.label);
                if (m) {
                    auto it = m->class_attrs.find(e.id);
                    if (it != m->class_attrs.end()) {
                        Symbol s = sym(Symbol::Kind::kValue);
                        s.value = it->second;
                        return s;
                    }
                }
                return sym(Symbol::Kind::kOpaque, b.label + "." + e.id);
            }
            case Symbol::Kind::kValue:
                // e.g. datetime.date.today or a string method: opaque but not an error at import.
                return sym(Symbol::Kind::kOpaque, e.id);
            default:
                return sym(Symbol::Kind::kOpaque, b.path + "." + e.id);
        }
    }
    auto v = eval(e, local);
    if (!v.ok()) return v.take_error();
    Symbol s = sym(Symbol::Kind::kValue);
    s.value = std::move(v.value());
    return s;
}

// Combines Q objects as django.db.models.Q.__and__/__or__/__invert__ do (tree.Node.add squashing).
Value q_combine(const Value& a, const Value& b, const std::string& connector) {
    auto is_empty = [](const Value& q) { return q.items.empty(); };
    if (is_empty(b)) return a;
    if (is_empty(a)) return b;
    Value out = Value::call("django.db.models.Q");
    auto add = [&](const Value& q) {
        const Value* conn = q.kwarg("_connector");
        std::string qconn = conn ? conn->text : "AND";
        bool neg = q.kwarg("_negated") != nullptr;
        if (qconn == connector && !neg) {
            for (const auto& c : q.items) out.items.push_back(c);
        } else {
            out.items.push_back(q);
        }
    };
    add(a);
    add(b);
    if (connector != "AND") out.kwargs.emplace_back("_connector", Value::of_str(connector));
    return out;
}

Result<Value> ModuleExec::eval(const py::Expr& e, const Scope* local) {
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
                case py::ConstKind::kEllipsis: return Value::ref("Ellipsis");
            }
            break;
        case K::kList: case K::kTuple: case K::kSet: {
            std::vector<Value> items;
            for (const auto& el : e.elts) {
                auto v = eval(*el, local);
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
                if (!e.keys[i]) return error("SyntaxError", "'**' in a dict literal is not supported in gramlab", e.span);
                auto k = eval(*e.keys[i], local);
                if (!k.ok()) return k;
                auto v = eval(*e.elts[i], local);
                if (!v.ok()) return v;
                out.items.push_back(std::move(k.value()));
                out.items.push_back(std::move(v.value()));
            }
            return out;
        }
        case K::kUnaryOp: {
            auto v = eval(*e.value, local);
            if (!v.ok()) return v;
            Value x = std::move(v.value());
            if (e.unary_op == py::UnaryOpKind::kUSub) {
                if (x.kind == Value::Kind::kInt) {
                    x.text = x.text[0] == '-' ? x.text.substr(1) : (x.text == "0" ? x.text : "-" + x.text);
                    return x;
                }
                if (x.kind == Value::Kind::kFloat) return Value::of_float(-x.number);
            }
            if (e.unary_op == py::UnaryOpKind::kUAdd) return x;
            if (e.unary_op == py::UnaryOpKind::kNot) return Value::of_bool(!x.truthy());
            if (e.unary_op == py::UnaryOpKind::kInvert && x.kind == Value::Kind::kCall &&
                x.text == "django.db.models.Q") {
                Value out = Value::call("django.db.models.Q", {x});
                if (x.items.size() == 1 && x.kwarg("_negated") == nullptr && x.kwarg("_connector") == nullptr) {
                    out = x;
                }
                bool was_negated = out.kwarg("_negated") != nullptr;
                if (was_negated && out.items.size() == 1 && out.items[0].kind == Value::Kind::kCall) return out.items[0];
                if (!was_negated) out.kwargs.emplace_back("_negated", Value::of_bool(true));
                return out;
            }
            return error("TypeError", "bad operand type for unary operator", e.span);
        }
        case K::kBinOp: {
            auto l = eval(*e.left, local);
            if (!l.ok()) return l;
            auto r = eval(*e.right, local);
            if (!r.ok()) return r;
            Value a = std::move(l.value()), b = std::move(r.value());
            bool qa = a.kind == Value::Kind::kCall && a.text == "django.db.models.Q";
            bool qb = b.kind == Value::Kind::kCall && b.text == "django.db.models.Q";
            if (qa && qb && (e.bin_op == py::BinOpKind::kBitAnd || e.bin_op == py::BinOpKind::kBitOr))
                return q_combine(a, b, e.bin_op == py::BinOpKind::kBitAnd ? "AND" : "OR");
            if (e.bin_op == py::BinOpKind::kAdd && a.is_str() && b.is_str()) return Value::of_str(a.text + b.text);
            if (e.bin_op == py::BinOpKind::kAdd && a.kind == Value::Kind::kList && b.kind == Value::Kind::kList) {
                for (auto& x : b.items) a.items.push_back(std::move(x));
                return a;
            }
            auto ai = a.as_int(), bi = b.as_int();
            if (ai && bi && a.kind == Value::Kind::kInt && b.kind == Value::Kind::kInt) {
                switch (e.bin_op) {
                    case py::BinOpKind::kAdd: return Value::of_int(*ai + *bi);
                    case py::BinOpKind::kSub: return Value::of_int(*ai - *bi);
                    case py::BinOpKind::kMult: return Value::of_int(*ai * *bi);
                    case py::BinOpKind::kPow: {
                        int64_t p = 1;
                        for (int64_t i = 0; i < *bi && i < 62; ++i) p *= *ai;
                        return Value::of_int(p);
                    }
                    default: break;
                }
            }
            return error("TypeError", "gramlab cannot evaluate this expression while importing models.py", e.span);
        }
        case K::kCall: {
            auto callee = eval_symbol(*e.value, local);
            if (!callee.ok()) return callee.take_error();
            return call(callee.value(), e, local);
        }
        case K::kName: case K::kAttribute: {
            auto s = eval_symbol(e, local);
            if (!s.ok()) return s.take_error();
            const Symbol& x = s.value();
            switch (x.kind) {
                case Symbol::Kind::kValue: case Symbol::Kind::kFunction: return x.value;
                case Symbol::Kind::kModel: return Value::model(x.label);
                case Symbol::Kind::kChoices: return x.value;
                case Symbol::Kind::kCallable: return Value::ref(x.path);
                default: return Value::ref(x.path.empty() ? (e.kind == K::kName ? e.id : e.id) : x.path);
            }
        }
        case K::kLambda: return Value::ref("<lambda>");
        case K::kJoinedStr: return Value::of_str("");
        default: break;
    }
    return error("TypeError", "gramlab cannot evaluate this expression while importing models.py", e.span);
}

Result<Value> ModuleExec::call(const Symbol& callee, const py::Expr& ce, const Scope* local) {
    std::vector<Value> args;
    Kwargs kwargs;
    for (const auto& a : ce.elts) {
        if (a->kind == py::ExprKind::kStarred)
            return error("SyntaxError", "*args in this call is not supported in gramlab", a->span);
        auto v = eval(*a, local);
        if (!v.ok()) return v;
        args.push_back(std::move(v.value()));
    }
    for (const auto& kw : ce.keywords) {
        if (kw.arg.empty()) return error("SyntaxError", "**kwargs in this call is not supported in gramlab", kw.span);
        auto v = eval(*kw.value, local);
        if (!v.ok()) return v;
        kwargs.emplace_back(kw.arg, std::move(v.value()));
    }
    switch (callee.kind) {
        case Symbol::Kind::kGettext:
            if (args.size() == 1 && args[0].is_str()) return args[0];
            if (args.size() == 2 && args[1].is_str()) return args[1];  // pgettext_lazy(context, message)
            return error("TypeError", "gettext_lazy() takes exactly one string", ce.span);
        case Symbol::Kind::kGetUserModel:
            return Value::model(imp_.apps.settings.auth_user_model);
        case Symbol::Kind::kCallable: {
            if (callee.path == "django.db.models.Q") {
                Value q = Value::call("django.db.models.Q");
                for (auto& a : args) q.items.push_back(std::move(a));
                std::sort(kwargs.begin(), kwargs.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
                for (auto& kv : kwargs) {
                    if (kv.first == "_connector" || kv.first == "_negated") {
                        q.kwargs.push_back(kv);
                        continue;
                    }
                    q.items.push_back(Value::tuple({Value::of_str(kv.first), kv.second}));
                }
                return q;
            }
            if (callee.path == "datetime.timedelta") {
                // A timedelta value is serialised by its repr: days, seconds, microseconds.
                static const std::vector<std::pair<std::string, double>> units = {
                    {"days", 86400e6}, {"seconds", 1e6}, {"microseconds", 1}, {"milliseconds", 1e3},
                    {"minutes", 60e6}, {"hours", 3600e6}, {"weeks", 604800e6}};
                double total = 0;
                for (size_t i = 0; i < args.size() && i < units.size(); ++i)
                    total += (args[i].kind == Value::Kind::kFloat ? args[i].number : static_cast<double>(args[i].as_int().value_or(0))) * units[i].second;
                for (const auto& [k, v] : kwargs)
                    for (const auto& u : units)
                        if (u.first == k)
                            total += (v.kind == Value::Kind::kFloat ? v.number : static_cast<double>(v.as_int().value_or(0))) * u.second;
                long long us = static_cast<long long>(total);
                long long days = us / 86400000000LL;
                us -= days * 86400000000LL;
                if (us < 0) { us += 86400000000LL; --days; }
                long long secs = us / 1000000LL, micros = us % 1000000LL;
                Kwargs norm;
                if (days) norm.emplace_back("days", Value::of_int(days));
                if (secs) norm.emplace_back("seconds", Value::of_int(secs));
                if (micros) norm.emplace_back("microseconds", Value::of_int(micros));
                if (norm.empty()) return Value::call("datetime.timedelta", {Value::of_int(0)});
                return Value::call("datetime.timedelta", {}, norm);
            }
            if (callee.path == "decimal.Decimal" && args.size() == 1) {
                Value d;
                d.kind = Value::Kind::kDecimal;
                d.text = args[0].is_str() ? args[0].text : py_repr(args[0]);
                return d;
            }
            return Value::call(callee.path, std::move(args), std::move(kwargs));
        }
        case Symbol::Kind::kManagerClass: {
            Value m = Value::call(callee.path, std::move(args), std::move(kwargs));
            m.boolean = callee.value.boolean;  // use_in_migrations
            m.kind = Value::Kind::kCall;
            return m;
        }
        case Symbol::Kind::kFieldClass: {
            auto f = make_field(callee.path, ce, local);
            if (!f.ok()) return f.take_error();
            // A field outside a model class body: keep it as a call (rare; e.g. a helper list).
            return Value::call("django.db.models." + callee.path);
        }
        case Symbol::Kind::kModel:
            return error("TypeError", "creating model instances while importing models.py is not supported in gramlab",
                         ce.span);
        case Symbol::Kind::kOpaque: case Symbol::Kind::kFunction:
            return Value::call(callee.path.empty() ? "<callable>" : callee.path, std::move(args), std::move(kwargs));
        case Symbol::Kind::kValue:
            if (callee.value.kind == Value::Kind::kRef) {
                if (callee.value.text == "django.utils.timezone.now") {
                    // Evaluated once, at import: an aware datetime (fields.W161 warns about it).
                    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
                    std::sscanf(imp_.src->now.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &sec);
                    std::vector<Value> parts = {Value::of_int(y), Value::of_int(mo), Value::of_int(d), Value::of_int(h),
                                                Value::of_int(mi)};
                    if (sec) parts.push_back(Value::of_int(sec));
                    return Value::call("datetime.datetime", parts, {{"tzinfo", Value::ref("django.utils.timezone.utc")}});
                }
                return Value::call(callee.value.text, std::move(args), std::move(kwargs));
            }
            return error("TypeError", "'" + std::string(callee.value.is_str() ? "str" : "value") +
                                          "' object is not callable", ce.span);
        default:
            return error("TypeError", "this call is not supported in models.py by gramlab", ce.span);
    }
}

Result<Field> ModuleExec::make_field(const std::string& cls_name, const py::Expr& ce, const Scope* local) {
    std::vector<Value> args;
    Kwargs kwargs;
    for (size_t i = 0; i < ce.elts.size(); ++i) {
        const auto& a = ce.elts[i];
        if (a->kind == py::ExprKind::kStarred)
            return error("SyntaxError", "*args in a field definition is not supported in gramlab", a->span);
        auto v = eval(*a, local);
        if (!v.ok()) return v.take_error();
        args.push_back(std::move(v.value()));
    }
    for (const auto& kw : ce.keywords) {
        if (kw.arg.empty()) return error("SyntaxError", "**kwargs in a field definition is not supported in gramlab", kw.span);
        auto v = eval(*kw.value, local);
        if (!v.ok()) return v.take_error();
        kwargs.emplace_back(kw.arg, std::move(v.value()));
    }
    const FieldClass* cls = find_field_class(cls_name);
    auto f = bind_field(*cls, std::move(args), std::move(kwargs));
    if (!f.ok()) {
        Error err = f.take_error();
        err.span = ce.span;
        err.file = file_.path;
        return err;
    }
    Field out = std::move(f.value());
    out.call_span = ce.span;
    out.file = file_.path;
    // ForeignKey's to: a model class, 'self', 'Model' or 'app.Model'.
    if (out.is_relation()) {
        // settings.AUTH_USER_MODEL is just its string value once imported.
        if (out.get("to").kind == Value::Kind::kSetting && !out.get("to").items.empty())
            out.options["to"] = out.get("to").items[0];
        Value to = out.get("to");
        if (!(to.kind == Value::Kind::kModel || to.is_str()))
            return error("AssertionError",
                         std::string(cls->name) + "(" + py_repr(to) + ") is invalid. First parameter to " +
                             std::string(cls->name) +
                             " must be either a model, a model name, or the string 'self'",
                         ce.span);
        if (out.is_fk()) {
            Value od = out.get("on_delete");
            if (od.kind != Value::Kind::kRef && od.kind != Value::Kind::kCall)
                return error("TypeError", "on_delete must be callable.", ce.span);
        }
    }
    return out;
}

Status ModuleExec::exec_import(const py::Stmt& s) {
    if (s.kind == py::StmtKind::kImport) {
        for (const auto& a : s.names) {
            if (!is_known_module(a.name) && a.name.rfind("django", 0) != 0)
                return error("ModuleNotFoundError", "No module named '" + a.name + "'", a.span);
            if (!a.asname.empty()) {
                scope_[a.asname] = sym(Symbol::Kind::kModule, a.name);
            } else {
                std::string top = a.name.substr(0, a.name.find('.'));
                scope_[top] = sym(Symbol::Kind::kModule, top);
            }
        }
        return Status::Ok();
    }
    // from X import a, b
    std::string module = s.module;
    if (s.level > 0) {
        // Relative import inside the app: resolve against this module's package.
        std::string pkg = package_;
        bool is_package_init = imp_.src && [&] {
            for (const auto& f : imp_.src->model_files)
                if (f.module == package_ + ".__init__" || (f.module == package_ && f.path.find("__init__") != std::string::npos))
                    return true;
            return false;
        }();
        if (!is_package_init) {
            auto dot = pkg.rfind('.');
            pkg = dot == std::string::npos ? "" : pkg.substr(0, dot);
        }
        for (int i = 1; i < s.level; ++i) {
            auto dot = pkg.rfind('.');
            pkg = dot == std::string::npos ? "" : pkg.substr(0, dot);
        }
        std::string target = module.empty() ? pkg : (pkg.empty() ? module : pkg + "." + module);
        for (const auto& a : s.names) {
            std::string bind = a.asname.empty() ? a.name : a.asname;
            if (module.empty()) {
                // from . import user  → a submodule
                auto sc = imp_.import_app_module(app_label_, target.empty() ? a.name : target + "." + a.name, a.span,
                                                 file_.path);
                if (!sc.ok()) return sc.take_error();
                scope_[bind] = sym(Symbol::Kind::kOpaque, a.name);
                continue;
            }
            auto sc = imp_.import_app_module(app_label_, target, s.span, file_.path);
            if (!sc.ok()) return sc.take_error();
            if (a.name == "*") {
                for (const auto& [k, v] : *sc.value())
                    if (!k.empty() && k[0] != '_') scope_[k] = v;
                continue;
            }
            auto it = sc.value()->find(a.name);
            if (it == sc.value()->end())
                return error("ImportError",
                             "cannot import name '" + a.name + "' from '" + app_label_ + "." + target + "'", a.span);
            scope_[bind] = it->second;
        }
        return Status::Ok();
    }
    // Absolute import of the app itself: from instagram.models import User
    if (module.rfind(app_label_ + ".", 0) == 0) {
        std::string inner = module.substr(app_label_.size() + 1);
        auto sc = imp_.import_app_module(app_label_, inner, s.span, file_.path);
        if (!sc.ok()) return sc.take_error();
        for (const auto& a : s.names) {
            auto it = sc.value()->find(a.name);
            if (it == sc.value()->end())
                return error("ImportError", "cannot import name '" + a.name + "' from '" + module + "'", a.span);
            scope_[a.asname.empty() ? a.name : a.asname] = it->second;
        }
        return Status::Ok();
    }
    bool contrib_models = module == "django.contrib.auth.models" || module == "django.contrib.auth.base_user" ||
                          module == "django.contrib.contenttypes.models";
    if (!is_known_module(module)) {
        if (module.rfind("django", 0) == 0 || module.rfind("rest_framework", 0) == 0) {
            for (const auto& a : s.names) scope_[a.asname.empty() ? a.name : a.asname] = sym(Symbol::Kind::kOpaque, module + "." + a.name);
            return Status::Ok();
        }
        std::string top = module.substr(0, module.find('.'));
        return error("ModuleNotFoundError", "No module named '" + top + "'", s.span);
    }
    for (const auto& a : s.names) {
        std::string bind = a.asname.empty() ? a.name : a.asname;
        if (a.name == "*") {
            if (module == "django.db.models") {
                for (const char* n : {"CharField", "TextField", "IntegerField", "ForeignKey", "Model", "CASCADE"})
                    if (auto r = resolve_module_attr(module, n)) scope_[n] = *r;
            }
            continue;
        }
        if (contrib_models) {
            std::string scope_key = module == "django.contrib.contenttypes.models" ? "django.contrib.contenttypes.models"
                                                                                    : "django.contrib.auth.models";
            auto& cs = imp_.contrib_scopes[scope_key];
            auto it = cs.find(a.name);
            if (it != cs.end()) {
                scope_[bind] = it->second;
                continue;
            }
            return error("ImportError", "cannot import name '" + a.name + "' from '" + module + "'", a.span);
        }
        if (auto r = resolve_module_attr(module, a.name)) {
            scope_[bind] = *r;
            continue;
        }
        if (module == "django" || module == "django.contrib" || module == "django.utils" || module == "django.db" ||
            module == "django.core") {
            std::string sub = module + "." + a.name;
            if (is_known_module(sub)) {
                scope_[bind] = sym(Symbol::Kind::kModule, sub);
                continue;
            }
        }
        if (module == "typing" || module == "__future__" || module == "re" || module == "os" || module == "json" ||
            module == "random" || module == "math" || module == "django.core.exceptions" || module == "django.urls") {
            scope_[bind] = sym(Symbol::Kind::kOpaque, module + "." + a.name);
            continue;
        }
        return error("ImportError", "cannot import name '" + a.name + "' from '" + module + "'", a.span);
    }
    return Status::Ok();
}

Status ModuleExec::exec_choices_class(const py::Stmt& s, const std::string& base, Scope& into) {
    // class Status(models.TextChoices): DRAFT = 'D', 'Draft'  /  DRAFT = 'D'  (label from name)
    Symbol ch = sym(Symbol::Kind::kChoices, s.name);
    std::vector<Value> pairs;
    std::optional<Value> empty_label;
    Scope member_scope;
    for (const auto& st : s.body) {
        if (st->kind != py::StmtKind::kAssign || st->targets.size() != 1 ||
            st->targets[0]->kind != py::ExprKind::kName)
            continue;
        const std::string& member = st->targets[0]->id;
        auto v = eval(*st->value, &member_scope);
        if (!v.ok()) return v.take_error();
        Value val = v.value();
        if (member == "__empty__") {
            // ChoicesMeta.choices starts with (None, __empty__).
            empty_label = val;
            continue;
        }
        if (member.size() > 1 && member[0] == '_') continue;  // sunder and dunder names are not members
        Value label;
        if (val.kind == Value::Kind::kTuple && val.items.size() >= 2) {
            label = val.items.back();
            val.items.pop_back();
            val = val.items.size() == 1 ? val.items[0] : val;
        } else {
            // Label derived from the member name: DRAFT_POST → 'Draft Post'.
            std::string l;
            bool start = true;
            for (char c : member) {
                if (c == '_') {
                    l += ' ';
                    start = true;
                } else {
                    l += start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                               : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                    start = false;
                }
            }
            label = Value::of_str(l);
        }
        if (base == "TextChoices" && !val.is_str())
            return error("TypeError", "TextChoices values must be strings", st->span);
        ch.members[member] = val;
        Symbol ms = sym(Symbol::Kind::kValue);
        ms.value = val;
        member_scope[member] = ms;
        pairs.push_back(Value::tuple({val, label}));
    }
    if (empty_label) pairs.insert(pairs.begin(), Value::tuple({Value::none(), *empty_label}));
    ch.value = Value::list(std::move(pairs));
    into[s.name] = std::move(ch);
    return Status::Ok();
}

Status ModuleExec::exec_class(const py::Stmt& s, Scope* enclosing_class) {
    std::vector<std::string> parent_labels, base_names;
    bool is_model = false, is_manager = false, is_queryset = false;
    std::string choices_base;
    bool manager_use_in_migrations = false;
    for (const auto& b : s.bases) {
        auto bs = eval_symbol(*b, enclosing_class);
        if (!bs.ok()) return bs.take_error();
        const Symbol& x = bs.value();
        base_names.push_back(py::unparse(*b));
        switch (x.kind) {
            case Symbol::Kind::kModelBase: is_model = true; break;
            case Symbol::Kind::kModel: {
                is_model = true;
                const ModelDef* parent = imp_.apps.get_model(x.label);
                if (parent && !parent->abstract)
                    return error("NotImplementedError",
                                 "multi-table inheritance (subclassing the concrete model " + x.label +
                                     ") is not supported in gramlab yet; make the parent abstract",
                                 b->span);
                parent_labels.push_back(x.label);
                break;
            }
            case Symbol::Kind::kManagerClass:
                is_manager = true;
                manager_use_in_migrations = x.value.boolean;
                break;
            case Symbol::Kind::kChoicesBase: choices_base = x.path; break;
            case Symbol::Kind::kQuerySetClass: is_queryset = true; break;
            default: break;
        }
    }
    if (is_queryset && !is_model && !is_manager) {
        (enclosing_class ? *enclosing_class : scope_)[s.name] = sym(Symbol::Kind::kQuerySetClass, module_path_ + "." + s.name);
        return Status::Ok();
    }
    if (!choices_base.empty()) return exec_choices_class(s, choices_base, enclosing_class ? *enclosing_class : scope_);
    if (is_manager) {
        Symbol m = sym(Symbol::Kind::kManagerClass, module_path_ + "." + s.name);
        m.value.boolean = manager_use_in_migrations;
        for (const auto& st : s.body)
            if (st->kind == py::StmtKind::kAssign && st->targets.size() == 1 &&
                st->targets[0]->kind == py::ExprKind::kName && st->targets[0]->id == "use_in_migrations" && st->value &&
                st->value->kind == py::ExprKind::kConstant)
                m.value.boolean = st->value->bool_value;
        (enclosing_class ? *enclosing_class : scope_)[s.name] = m;
        return Status::Ok();
    }
    if (is_model) return exec_model_class(s, parent_labels, base_names);
    // Any other class (a mixin, an exception): bound, not modelled.
    (enclosing_class ? *enclosing_class : scope_)[s.name] = sym(Symbol::Kind::kOpaque, s.name);
    return Status::Ok();
}

const std::vector<std::string>& meta_default_names() {
    // django/db/models/options.py DEFAULT_NAMES, in order.
    static const std::vector<std::string> names = {
        "verbose_name", "verbose_name_plural", "db_table", "ordering", "unique_together", "permissions",
        "get_latest_by", "order_with_respect_to", "app_label", "db_tablespace", "abstract", "managed", "proxy",
        "swappable", "auto_created", "index_together", "apps", "default_permissions", "select_on_save",
        "default_related_name", "required_db_features", "required_db_vendor", "base_manager_name",
        "default_manager_name", "indexes", "constraints"};
    return names;
}

Status ModuleExec::exec_model_class(const py::Stmt& s, std::vector<std::string> parent_labels,
                                    std::vector<std::string> base_names) {
    ModelDef m;
    m.app_label = app_label_;
    m.name = s.name;
    m.file = file_.path;
    m.span = s.name_span.valid() ? s.name_span : s.span;
    m.source = ast_;
    m.class_stmt = &s;
    m.base_names = std::move(base_names);
    m.abstract_parents = parent_labels;
    std::string label = app_label_ + "." + s.name;
    if (imp_.apps.get_model(label))
        return error("RuntimeError",
                     "Conflicting '" + lower(s.name) + "' models in application '" + app_label_ + "': " + label +
                         " and " + label + ".",
                     m.span);

    Scope class_scope;  // names bound in the class body, visible to later statements in it
    std::vector<Field> own_fields;
    const py::Stmt* meta_stmt = nullptr;
    for (const auto& stp : s.body) {
        const py::Stmt& st = *stp;
        switch (st.kind) {
            case py::StmtKind::kAssign: {
                if (st.targets.size() != 1 || st.targets[0]->kind != py::ExprKind::kName) {
                    break;  // tuple assignment in a class body: ignored
                }
                const std::string& name = st.targets[0]->id;
                const py::Expr& v = *st.value;
                if (v.kind == py::ExprKind::kCall) {
                    // objects = PostQuerySet.as_manager() / PostManager.from_queryset(PostQuerySet)()
                    auto qs_manager = queryset_manager(v, &class_scope);
                    if (!qs_manager.ok()) return qs_manager.take_error();
                    if (qs_manager.value()) {
                        ManagerDef md = *qs_manager.value();
                        md.name = name;
                        m.managers.push_back(md);
                        continue;
                    }
                    auto callee = eval_symbol(*v.value, &class_scope);
                    if (!callee.ok()) return callee.take_error();
                    if (callee.value().kind == Symbol::Kind::kFieldClass) {
                        auto f = make_field(callee.value().path, v, &class_scope);
                        if (!f.ok()) return f.take_error();
                        Field field = std::move(f.value());
                        field.name = name;
                        field.span = st.span;
                        field.defined_in = label;
                        field.creation_counter = ++imp_.creation_counter;
                        own_fields.push_back(std::move(field));
                        class_scope.erase(name);
                        continue;
                    }
                    if (callee.value().kind == Symbol::Kind::kManagerClass) {
                        ManagerDef md;
                        md.name = name;
                        md.class_path = callee.value().path;
                        md.use_in_migrations = callee.value().value.boolean;
                        m.managers.push_back(md);
                        continue;
                    }
                }
                auto val = eval(v, &class_scope);
                if (!val.ok()) {
                    // Non-literal class attributes (e.g. a validator instance) are kept opaque
                    // unless the failure is a real NameError, as Python would raise it.
                    if (val.error().kind == "NameError" || val.error().kind == "AttributeError") return val.take_error();
                    break;
                }
                Symbol sv = sym(Symbol::Kind::kValue);
                sv.value = val.value();
                class_scope[name] = sv;
                m.class_attrs[name] = val.value();
                break;
            }
            case py::StmtKind::kClassDef:
                if (st.name == "Meta") {
                    meta_stmt = &st;
                } else {
                    Status cs = exec_class(st, &class_scope);
                    if (!cs.ok()) return cs;
                }
                break;
            case py::StmtKind::kFunctionDef:
                m.methods[st.name] = &st;
                class_scope[st.name] = sym(Symbol::Kind::kOpaque, s.name + "." + st.name);
                break;
            default: break;
        }
    }

    // Meta: own attributes, or the nearest abstract parent's Meta (inherited with abstract=False).
    std::map<std::string, Value> meta_attrs;
    std::vector<std::string> meta_order;
    bool own_abstract = false;
    auto take_parent_meta = [&](const std::string& parent_label) {
        const ModelDef* p = imp_.apps.get_model(parent_label);
        if (!p) return;
        for (const auto& [k, v] : p->meta) {
            if (!meta_attrs.count(k)) meta_order.push_back(k);
            meta_attrs[k] = (k == "abstract") ? Value::of_bool(false) : v;
        }
    };
    if (meta_stmt) {
        for (const auto& b : meta_stmt->bases) {
            auto bs = eval_symbol(*b, &class_scope);
            if (!bs.ok()) return bs.take_error();
            if (bs.value().kind == Symbol::Kind::kOpaque && bs.value().path.rfind("meta:", 0) == 0)
                take_parent_meta(bs.value().label);
        }
        for (const auto& stp : meta_stmt->body) {
            if (stp->kind != py::StmtKind::kAssign || stp->targets.size() != 1 ||
                stp->targets[0]->kind != py::ExprKind::kName)
                continue;
            const std::string& k = stp->targets[0]->id;
            if (std::find(meta_default_names().begin(), meta_default_names().end(), k) == meta_default_names().end())
                return error("TypeError", "'class Meta' got invalid attribute(s): " + k, stp->targets[0]->span);
            auto v = eval(*stp->value, &class_scope);
            if (!v.ok()) return v.take_error();
            if (!meta_attrs.count(k)) meta_order.push_back(k);
            meta_attrs[k] = std::move(v.value());
            if (k == "abstract") own_abstract = meta_attrs[k].truthy();
        }
    } else {
        for (const auto& p : parent_labels) {
            const ModelDef* pm = imp_.apps.get_model(p);
            if (pm && !pm->meta.empty()) {
                take_parent_meta(p);
                break;
            }
        }
    }
    // original_attrs in DEFAULT_NAMES order (how Options reads them).
    for (const auto& n : meta_default_names())
        if (meta_attrs.count(n)) m.meta.emplace_back(n, meta_attrs[n]);
    m.abstract = own_abstract;
    if (const Value* sw = m.meta_option("swappable"); sw && sw->is_str()) m.swappable = sw->text;

    // Fields: inherited from abstract parents (in MRO order), then own, ordered by creation.
    std::vector<Field> all;
    std::set<std::string> seen;
    for (const auto& own : own_fields) seen.insert(own.name);
    for (const auto& p : parent_labels) {
        const ModelDef* pm = imp_.apps.get_model(p);
        if (!pm) continue;
        for (const auto& f : pm->fields) {
            if (f.flag("auto_created") || seen.count(f.name)) continue;
            seen.insert(f.name);
            all.push_back(f);
        }
        for (const auto& mg : pm->managers)
            if (std::none_of(m.managers.begin(), m.managers.end(), [&](const ManagerDef& x) { return x.name == mg.name; }))
                m.managers.push_back(mg);
        for (const auto& [k, v] : pm->class_attrs)
            if (!m.class_attrs.count(k)) m.class_attrs[k] = v;
        for (const auto& [k, v] : pm->methods)
            if (!m.methods.count(k)) m.methods[k] = v;
    }
    for (auto& f : own_fields) all.push_back(std::move(f));
    std::stable_sort(all.begin(), all.end(),
                     [](const Field& a, const Field& b) { return a.creation_counter < b.creation_counter; });
    // Options.setup_pk / _prepare: an auto-created primary key when none is declared.
    bool has_pk = std::any_of(all.begin(), all.end(), [](const Field& f) { return f.primary_key(); });
    if (!has_pk && !m.abstract) {
        const FieldClass* cls = find_field_class(imp_.default_auto_field_for(app_label_));
        if (!cls) cls = find_field_class("AutoField");
        auto idf = bind_field(*cls, {}, {{"verbose_name", Value::of_str("ID")}, {"primary_key", Value::of_bool(true)},
                                         {"auto_created", Value::of_bool(true)}});
        Field id = std::move(idf.value());
        id.name = "id";
        id.defined_in = label;
        id.file = file_.path;
        id.creation_counter = -(++imp_.auto_counter);
        all.insert(all.begin(), std::move(id));
    }
    for (auto& f : all) {
        if (f.primary_key()) f.options["serialize"] = Value::of_bool(false);
        if (!m.abstract && f.many_to_many()) {
            // ManyToManyField.contribute_to_class: a symmetrical m2m to self hides its reverse.
            Value to = f.get("to");
            bool to_self = (to.is_str() && (to.text == "self" || to.text == s.name || to.text == label)) ||
                           (to.kind == Value::Kind::kModel && to.text == label);
            Value sym = f.get("symmetrical");
            bool symmetrical = sym.is_none() ? (to.is_str() && to.text == "self") : sym.truthy();
            if (to_self && symmetrical && f.get("related_name").is_none())
                f.options["related_name"] = Value::of_str("_" + app_label_ + "_" + lower(s.name) + "_" + f.name + "_+");
            Value through = f.get("through");
            if (through.kind == Value::Kind::kModel) f.through_label = through.text;
            else if (through.is_str())
                f.through_label = through.text.find('.') == std::string::npos ? app_label_ + "." + through.text
                                                                               : through.text;
        }
        // RelatedField.contribute_to_class: '%(class)s' / '%(model_name)s' / '%(app_label)s'
        // in related names are filled in for concrete models.
        if (!m.abstract && f.is_relation())
            for (const char* opt : {"related_name", "related_query_name"}) {
                auto it = f.options.find(opt);
                if (it == f.options.end() || !it->second.is_str()) continue;
                std::string& t = it->second.text;
                for (const auto& [pat, rep] : std::vector<std::pair<std::string, std::string>>{
                         {"%(class)s", lower(s.name)}, {"%(model_name)s", lower(s.name)}, {"%(app_label)s", lower(app_label_)}}) {
                    size_t pos;
                    while ((pos = t.find(pat)) != std::string::npos) t.replace(pos, pat.size(), rep);
                }
            }
    }
    m.fields = std::move(all);

    Symbol ms = sym(Symbol::Kind::kModel);
    ms.label = label;
    scope_[s.name] = ms;
    imp_.apps.add(std::move(m));
    return Status::Ok();
}

Status ModuleExec::run() {
    for (const auto& stp : ast_->body) {
        const py::Stmt& s = *stp;
        Status st;
        switch (s.kind) {
            case py::StmtKind::kImport: case py::StmtKind::kImportFrom: st = exec_import(s); break;
            case py::StmtKind::kClassDef: st = exec_class(s, nullptr); break;
            case py::StmtKind::kFunctionDef: {
                Symbol f = sym(Symbol::Kind::kFunction);
                f.value = Value::ref(module_path_ + "." + s.name);
                scope_[s.name] = f;
                break;
            }
            case py::StmtKind::kAssign: {
                auto v = eval(*s.value, nullptr);
                if (!v.ok()) {
                    if (v.error().kind == "NameError" || v.error().kind == "AttributeError") return v.take_error();
                    for (const auto& t : s.targets)
                        if (t->kind == py::ExprKind::kName) scope_[t->id] = sym(Symbol::Kind::kOpaque, t->id);
                    break;
                }
                for (const auto& t : s.targets) {
                    if (t->kind != py::ExprKind::kName) continue;
                    Symbol sv = sym(Symbol::Kind::kValue);
                    sv.value = v.value();
                    scope_[t->id] = sv;
                }
                break;
            }
            default: break;  // expressions, ifs, docstrings: no effect on the model registry
        }
        if (!st.ok()) return st;
    }
    return Status::Ok();
}

Result<Scope*> Importer::import_app_module(const std::string& app_label, const std::string& module, SourceSpan span,
                                           const std::string& from_file) {
    std::string key = app_label + ":" + module;
    auto it = loaded.find(key);
    if (it != loaded.end()) return &it->second->scope();
    if (loading.count(key)) {
        Error e = Error::make("ImportError", "cannot import name from partially initialized module '" + app_label +
                                                 "." + module + "' (most likely due to a circular import)",
                              span);
        e.file = from_file;
        return e;
    }
    const SourceFile* file = nullptr;
    for (const auto& f : src->model_files)
        if (f.module == module) file = &f;
    if (!file) {
        Error e = Error::make("ModuleNotFoundError", "No module named '" + app_label + "." + module + "'", span);
        e.file = from_file;
        return e;
    }
    auto parsed = py::parse_module(file->text, file->path);
    if (!parsed.ok()) return parsed.errors.front();
    auto ast = std::make_shared<const py::Module>(std::move(parsed.module));
    loading.insert(key);
    auto exec = std::make_unique<ModuleExec>(*this, *file, ast, app_label, module, app_label + "." + module);
    Status st = exec->run();
    loading.erase(key);
    if (!st.ok()) return st.take_error();
    ModuleExec* raw = exec.get();
    loaded[key] = std::move(exec);
    return &raw->scope();
}

Status Importer::load_contrib(const ContribApp& app) {
    auto file = std::make_unique<SourceFile>();
    file->module = "models";
    file->path = std::string(app.module);
    file->text = std::string(app.source);
    auto parsed = py::parse_module(file->text, file->path);
    if (!parsed.ok()) return parsed.errors.front();
    auto ast = std::make_shared<const py::Module>(std::move(parsed.module));
    ModuleExec exec(*this, *file, ast, std::string(app.label), "models", std::string(app.module));
    Status st = exec.run();
    if (!st.ok()) return st;
    contrib_scopes[std::string(app.module)] = exec.scope();
    contrib_files.push_back(std::move(file));
    return Status::Ok();
}

}  // namespace

Result<Settings> load_settings(const std::optional<SourceFile>& file, const std::string& app_label) {
    Settings s;
    s.installed_apps = {"django.contrib.auth", "django.contrib.contenttypes", app_label};
    if (!file) return s;
    auto parsed = py::parse_module(file->text, file->path);
    if (!parsed.ok()) return parsed.errors.front();
    s.default_auto_field = "django.db.models.AutoField";  // Django's global default when settings omit it
    bool has_auto_field = false;
    for (const auto& stp : parsed.module.body) {
        if (stp->kind != py::StmtKind::kAssign || stp->targets.size() != 1 ||
            stp->targets[0]->kind != py::ExprKind::kName)
            continue;
        const std::string& name = stp->targets[0]->id;
        const py::Expr& v = *stp->value;
        auto str_of = [&](std::string& out) -> Status {
            if (v.kind != py::ExprKind::kConstant || v.const_kind != py::ConstKind::kStr) {
                Error e = Error::make("ImproperlyConfigured", "The " + name + " setting must be a string.", v.span);
                e.file = file->path;
                return e;
            }
            out = v.id;
            return Status::Ok();
        };
        if (name == "INSTALLED_APPS") {
            if (v.kind != py::ExprKind::kList && v.kind != py::ExprKind::kTuple) {
                Error e = Error::make("ImproperlyConfigured", "The INSTALLED_APPS setting must be a list or a tuple.",
                                      v.span);
                e.file = file->path;
                return e;
            }
            s.installed_apps.clear();
            for (const auto& el : v.elts) {
                if (el->kind != py::ExprKind::kConstant || el->const_kind != py::ConstKind::kStr) {
                    Error e = Error::make("ImproperlyConfigured", "INSTALLED_APPS entries must be strings.", el->span);
                    e.file = file->path;
                    return e;
                }
                s.installed_apps.push_back(el->id);
            }
            s.explicit_installed_apps = true;
        } else if (name == "DEFAULT_AUTO_FIELD") {
            GRAMLAB_TRY(str_of(s.default_auto_field));
            has_auto_field = true;
        } else if (name == "AUTH_USER_MODEL") {
            GRAMLAB_TRY(str_of(s.auth_user_model));
        } else if (name == "TIME_ZONE") {
            GRAMLAB_TRY(str_of(s.time_zone));
        } else if (name == "USE_TZ") {
            if (v.kind == py::ExprKind::kConstant && v.const_kind == py::ConstKind::kBool) s.use_tz = v.bool_value;
        }
    }
    s.default_auto_field_overridden = has_auto_field;
    return s;
}

Result<Apps> load_project(const ProjectSource& src) {
    Importer imp;
    imp.src = &src;
    std::optional<SourceFile> settings_file = src.settings;
    auto settings = load_settings(settings_file, src.app_label);
    if (!settings.ok()) return settings.take_error();
    imp.apps.settings = settings.value();
    for (const auto& a : imp.apps.settings.installed_apps) imp.apps.app_labels.push_back(app_label_of(a));

    auto installed = [&](const std::string& label) {
        return std::find(imp.apps.app_labels.begin(), imp.apps.app_labels.end(), label) != imp.apps.app_labels.end();
    };
    // contrib models are importable even when their app is not installed (as in Django);
    // models of apps that are not installed are dropped from the registry afterwards.
    for (const auto& app : contrib_apps()) {
        Status st = imp.load_contrib(app);
        if (!st.ok()) return st.take_error();
    }
    if (installed(src.app_label)) {
        auto sc = imp.import_app_module(src.app_label, "models", SourceSpan{}, "");
        if (!sc.ok()) return sc.take_error();
    }
    resolve_relations(imp.apps);
    // auth.User is swapped out when AUTH_USER_MODEL names another model: drop it.
    Apps out;
    out.settings = imp.apps.settings;
    out.app_labels = imp.apps.app_labels;
    for (auto& m : imp.apps.models()) {
        if (m.app_label != src.app_label && !installed(m.app_label) && !m.abstract) continue;
        if (m.swappable == "AUTH_USER_MODEL" && lower(out.settings.auth_user_model) != lower(m.label())) continue;
        out.add(std::move(m));
    }
    return out;
}

}  // namespace gramlab::models

// django.db.models.functions: Extract*/Trunc*/Now, Cast, NullIf, the text and math functions,
// as Django 3.2 builds, checks and types them (see db_functions.hpp).
#include "core/orm/db_functions.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <regex>

#include "core/orm/lookups.hpp"
#include "core/orm/meta.hpp"
#include "core/orm/query.hpp"
#include "core/orm/queryset.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

using models::Field;
using models::FieldKind;
using shell::Args;
using shell::Interp;
using shell::Kind;
using shell::Ref;

namespace {

// ------------------------------------------------------------------ argument binding

//! Python's binding of a constructor's parameters (after self): `names` in order, the first
//! `required` of them without defaults. `qual` is the __init__'s __qualname__ owner, which an
//! inherited __init__ keeps (Right(...) reports "Left.__init__()"). Unknown keywords are
//! refused as not supported (Django's Func keeps them as template extras).
bool bind_args(Interp& in, const std::string& qual, const std::vector<const char*>& names, size_t required, Args& a,
          std::vector<Ref>& out) {
    out.assign(names.size(), nullptr);
    if (a.pos.size() > names.size()) {
        const std::string given = std::to_string(a.pos.size() + 1);
        if (required == names.size())
            in.type_error(qual + ".__init__() takes " + std::to_string(names.size() + 1) + " positional arguments but " + given + " were given");
        else
            in.type_error(qual + ".__init__() takes from " + std::to_string(required + 1) + " to " + std::to_string(names.size() + 1) +
                          " positional arguments but " + given + " were given");
        return false;
    }
    for (size_t i = 0; i < a.pos.size(); ++i) out[i] = a.pos[i];
    for (const auto& kv : a.kw) {
        size_t i = 0;
        while (i < names.size() && kv.first != names[i]) ++i;
        if (i == names.size()) {
            in.not_supported(qual + "(" + kv.first + "=...)");
            return false;
        }
        if (out[i]) {
            in.type_error(qual + ".__init__() got multiple values for argument '" + kv.first + "'");
            return false;
        }
        out[i] = kv.second;
    }
    std::vector<std::string> missing;
    for (size_t i = 0; i < required; ++i)
        if (!out[i]) missing.push_back(std::string("'") + names[i] + "'");
    if (!missing.empty()) {
        std::string list;
        for (size_t i = 0; i < missing.size(); ++i)
            list += (i == 0 ? "" : i + 1 == missing.size() ? (missing.size() > 2 ? ", and " : " and ") : ", ") + missing[i];
        in.type_error(qual + ".__init__() missing " + std::to_string(missing.size()) + " required positional argument" +
                      (missing.size() == 1 ? "" : "s") + ": " + list);
        return false;
    }
    return true;
}

//! Func.__init__'s arity check: "'Sqrt' takes exactly 1 argument (0 given)". Only
//! output_field= is taken as a keyword.
bool check_arity(Interp& in, const std::string& cls, size_t arity, Args& a) {
    for (const auto& kv : a.kw)
        if (kv.first != "output_field") {
            in.not_supported(cls + "(" + kv.first + "=...)");
            return false;
        }
    if (a.pos.size() == arity) return true;
    in.type_error("'" + cls + "' takes exactly " + std::to_string(arity) + (arity == 1 ? " argument" : " arguments") + " (" +
                  std::to_string(a.pos.size()) + " given)");
    return false;
}

//! The `x < bound` test of Left/Substr/LPad/Repeat's __init__ on a plain value (expressions
//! are not checked): true when it holds; a value that cannot be compared raises TypeError.
int below(Interp& in, const Ref& v, int64_t bound) {
    if (shell::as<ExprObj>(v)) return 0;
    switch (v->kind) {
        case Kind::kBool: return static_cast<shell::BoolObj*>(v.get())->value < bound;
        case Kind::kInt: return static_cast<shell::IntObj*>(v.get())->value < bound;
        case Kind::kFloat: return static_cast<shell::FloatObj*>(v.get())->value < static_cast<double>(bound);
        default:
            in.type_error("'<' not supported between instances of '" + v->type_name() + "' and 'int'");
            return -1;
    }
}

//! output_field=: a field instance (models.CharField(max_length=10)).
bool take_output_field(Interp& in, const Ref& v, ExprNode& n) {
    if (!v || v->kind == Kind::kNone) return true;
    auto* fo = shell::as<FieldObj>(v);
    if (!fo) {
        in.not_supported("output_field=" + v->type_name());
        return false;
    }
    n.keep_field = fo->field;
    n.out_field = fo->field.get();
    n.out = OutKind::kField;
    return true;
}

std::shared_ptr<ExprNode> func_node(const std::string& py, const std::string& sql) {
    auto n = std::make_shared<ExprNode>(ExprNode::Kind::kFunc);
    n->py_name = py;
    n->name = sql;
    return n;
}

Ref wrap(const std::shared_ptr<ExprNode>& n) { return std::make_shared<ExprObj>(n); }

void def(shell::ModuleObj& m, const std::string& name, std::function<Ref(Interp&, Args&)> fn) {
    auto cls = std::make_shared<shell::ClassObj>(name, "django.db.models.functions", std::vector<shell::ClassRef>{});
    cls->construct = std::move(fn);
    m.attrs[name] = cls;
}

// ------------------------------------------------------------------ output fields

bool numeric_mixin(const std::string& py) {
    static const char* const kNames[] = {"ACos", "ASin", "ATan", "ATan2", "Cos", "Cot", "Degrees", "Exp", "Ln",
                                         "Log", "Mod", "Pi", "Power", "Radians", "Random", "Sin", "Sqrt", "Tan"};
    for (const char* n : kNames)
        if (py == n) return true;
    return false;
}

const char* fixed_output(const std::string& py) {
    if (py == "Left" || py == "Right" || py == "Substr" || py == "LPad" || py == "RPad" || py == "Repeat") return "CharField";
    if (py == "StrIndex" || py == "Ord" || py == "RowNumber" || py == "Rank" || py == "DenseRank" || py == "Ntile")
        return "IntegerField";
    if (py == "PercentRank" || py == "CumeDist") return "FloatField";
    if (py == "Now") return "DateTimeField";
    if (py.compare(0, 7, "Extract") == 0) return "IntegerField";
    return nullptr;
}

//! Which of Django's numeric field classes an expression's output is ('I', 'F', 'D', or 0).
char numeric_kind(const ExprNode& a) {
    if (a.out_field && a.out_field->cls) {
        switch (a.out_field->kind()) {
            case FieldKind::kDecimal: return 'D';
            case FieldKind::kFloat: return 'F';
            case FieldKind::kAuto: case FieldKind::kBigAuto: case FieldKind::kSmallAuto: case FieldKind::kInteger:
            case FieldKind::kBigInteger: case FieldKind::kSmallInteger: case FieldKind::kPositiveInteger:
            case FieldKind::kPositiveSmallInteger: case FieldKind::kPositiveBigInteger:
                return 'I';
            default: return 0;
        }
    }
    if (a.kind == ExprNode::Kind::kCol && a.field && a.field->is_fk()) return 'I';
    switch (a.out) {
        case OutKind::kInt: return 'I';
        case OutKind::kFloat: return 'F';
        case OutKind::kDecimal: return 'D';
        default: return 0;
    }
}

bool is_trunc_class(const std::string& py) { return py.compare(0, 5, "Trunc") == 0; }
bool is_extract_class(const std::string& py) { return py.compare(0, 7, "Extract") == 0; }

//! DatabaseOperations.extract_trunc_lookup_pattern: r'[\w\-_()]+' (fullmatch, Unicode \w).
//! The kind becomes a quoted literal in the SQL, so nothing else may pass.
bool valid_kind(const std::string& k) {
    if (k.empty()) return false;
    for (unsigned char c : k) {
        if (c >= 0x80) continue;  // part of a non-ASCII character: \w takes letters of any script
        if (!(std::isalnum(c) || c == '_' || c == '-' || c == '(' || c == ')')) return false;
    }
    return true;
}

std::string field_class_name(const Field* f) { return f && f->cls ? std::string(f->cls->name) : "Field"; }

bool is_date_kind(FieldKind k) { return k == FieldKind::kDate || k == FieldKind::kDateTime; }

// ------------------------------------------------------------------ constructors

void install_extract(shell::ModuleObj& fm) {
    struct Sub { const char* cls; const char* lookup; };
    for (const Sub& s : {Sub{"Extract", nullptr}, Sub{"ExtractYear", "year"}, Sub{"ExtractIsoYear", "iso_year"},
                         Sub{"ExtractMonth", "month"}, Sub{"ExtractDay", "day"}, Sub{"ExtractWeek", "week"},
                         Sub{"ExtractWeekDay", "week_day"}, Sub{"ExtractIsoWeekDay", "iso_week_day"},
                         Sub{"ExtractQuarter", "quarter"}, Sub{"ExtractHour", "hour"}, Sub{"ExtractMinute", "minute"},
                         Sub{"ExtractSecond", "second"}}) {
        std::string cls = s.cls;
        std::string fixed = s.lookup ? s.lookup : "";
        def(fm, cls, [cls, fixed](Interp& in, Args& a) -> Ref {
            std::vector<Ref> v;
            if (!bind_args(in, "Extract", {"expression", "lookup_name", "tzinfo"}, 1, a, v)) return nullptr;
            std::string lookup = fixed;
            if (lookup.empty()) {
                if (!v[1] || v[1]->kind == Kind::kNone) return in.value_error("lookup_name must be provided");
                auto* s = shell::as<shell::StrObj>(v[1]);
                if (!s) return in.not_supported("Extract with a lookup_name that is not a str");
                lookup = s->value;
            }
            if (v[2] && v[2]->kind != Kind::kNone) return in.not_supported(cls + "(tzinfo=...)");
            auto n = func_node(cls, "EXTRACT");
            n->op = lookup;
            n->args.push_back(arg_expr(v[0]));
            return wrap(n);
        });
    }
}

void install_trunc(shell::ModuleObj& fm) {
    struct Sub { const char* cls; const char* kind; };
    for (const Sub& s : {Sub{"Trunc", nullptr}, Sub{"TruncYear", "year"}, Sub{"TruncQuarter", "quarter"},
                         Sub{"TruncMonth", "month"}, Sub{"TruncWeek", "week"}, Sub{"TruncDay", "day"},
                         Sub{"TruncDate", "date"}, Sub{"TruncTime", "time"}, Sub{"TruncHour", "hour"},
                         Sub{"TruncMinute", "minute"}, Sub{"TruncSecond", "second"}}) {
        std::string cls = s.cls;
        std::string fixed = s.kind ? s.kind : "";
        def(fm, cls, [cls, fixed](Interp& in, Args& a) -> Ref {
            std::vector<Ref> v;
            const bool generic = fixed.empty();
            std::vector<const char*> names = generic ? std::vector<const char*>{"expression", "kind", "output_field", "tzinfo", "is_dst"}
                                                     : std::vector<const char*>{"expression", "output_field", "tzinfo", "is_dst"};
            if (!bind_args(in, generic ? "Trunc" : "TruncBase", names, generic ? 2 : 1, a, v)) return nullptr;
            std::string kind = fixed;
            if (generic) {
                auto* s = shell::as<shell::StrObj>(v[1]);
                if (!s) return in.not_supported("Trunc with a kind that is not a str");
                kind = s->value;
            }
            const size_t of = generic ? 2 : 1;
            if (v[of + 1] && v[of + 1]->kind != Kind::kNone) return in.not_supported(cls + "(tzinfo=...)");
            if (v[of + 2] && v[of + 2]->kind != Kind::kNone) return in.not_supported(cls + "(is_dst=...)");
            auto n = func_node(cls, "TRUNC");
            n->op = kind;
            n->args.push_back(arg_expr(v[0]));
            if (!take_output_field(in, v[of], *n)) return nullptr;
            return wrap(n);
        });
    }
    def(fm, "Now", [](Interp& in, Args& a) -> Ref {
        if (!a.pos.empty() || !a.kw.empty()) return in.not_supported("Now() with arguments");
        return wrap(func_node("Now", "CURRENT_TIMESTAMP"));
    });
}

//! Cast's SQL on SQLite: "date" and "datetime"/"time" take their own templates (date(x),
//! strftime(format, x)); anything else is CAST(x AS <Field.cast_db_type>).
std::string cast_type(const Field& f) {
    switch (f.kind()) {
        case FieldKind::kDate: return "date";
        case FieldKind::kDateTime: return "datetime";
        case FieldKind::kTime: return "time";
        case FieldKind::kAuto: case FieldKind::kBigAuto: case FieldKind::kSmallAuto: case FieldKind::kInteger:
            return "integer";
        case FieldKind::kBigInteger: return "bigint";
        case FieldKind::kSmallInteger: return "smallint";
        case FieldKind::kPositiveInteger: return "integer unsigned";
        case FieldKind::kPositiveSmallInteger: return "smallint unsigned";
        case FieldKind::kPositiveBigInteger: return "bigint unsigned";
        case FieldKind::kFloat: return "real";
        case FieldKind::kDecimal: return "decimal";
        case FieldKind::kBoolean: case FieldKind::kNullBoolean: return "bool";
        case FieldKind::kText: case FieldKind::kJSON: return "text";
        case FieldKind::kDuration: return "bigint";
        case FieldKind::kUUID: return "char(32)";
        case FieldKind::kGenericIPAddress: return "char(39)";
        case FieldKind::kBinary: return "BLOB";
        case FieldKind::kChar: case FieldKind::kEmail: case FieldKind::kURL: case FieldKind::kSlug:
        case FieldKind::kFile: case FieldKind::kImage: case FieldKind::kFilePath: {
            // CharField.cast_db_type: no max_length casts to text.
            const Value* ml = f.given("max_length");
            if (!ml || ml->is_none()) return f.kind() == FieldKind::kChar ? "text" : "varchar(" + f.get("max_length").text + ")";
            return "varchar(" + (ml->as_int() ? std::to_string(*ml->as_int()) : ml->text) + ")";
        }
        default: return "";
    }
}

void install_comparison(shell::ModuleObj& fm) {
    def(fm, "Cast", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!bind_args(in, "Cast", {"expression", "output_field"}, 2, a, v)) return nullptr;
        auto n = func_node("Cast", "CAST");
        n->args.push_back(arg_expr(v[0]));
        if (!take_output_field(in, v[1], *n)) return nullptr;
        if (!n->out_field) return in.not_supported("Cast(output_field=None)");
        n->op = cast_type(*n->out_field);
        if (n->op.empty()) return in.not_supported(std::string("Cast to ") + field_class_name(n->out_field));
        return wrap(n);
    });
    // Collate(expression, collation): `expr COLLATE "name"`; the name must match
    // ^[\w\-]+$ (non-ASCII characters are taken as word characters, as for Hangul).
    def(fm, "Collate", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!bind_args(in, "Collate", {"expression", "collation"}, 2, a, v)) return nullptr;
        std::string shown = "None";
        bool valid = false;
        if (auto* s = shell::as<shell::StrObj>(v[1])) {
            shown = shell::repr_str(s->value);
            valid = !s->value.empty() && std::all_of(s->value.begin(), s->value.end(), [](char c) {
                const auto b = static_cast<unsigned char>(c);
                return b >= 0x80 || std::isalnum(b) || b == '_' || b == '-';
            });
        } else if (v[1]->kind != Kind::kNone) {
            return in.type_error("expected string or bytes-like object, got '" + v[1]->type_name() + "'");
        }
        if (!valid) return in.value_error("Invalid collation name: " + shown + ".");
        auto n = func_node("Collate", "COLLATE");
        n->args.push_back(arg_expr(v[0]));
        n->op = static_cast<shell::StrObj*>(v[1].get())->value;
        return wrap(n);
    });
    def(fm, "NullIf", [](Interp& in, Args& a) -> Ref {
        if (!check_arity(in, "NullIf", 2, a)) return nullptr;
        auto n = func_node("NullIf", "NULLIF");
        for (const auto& p : a.pos) n->args.push_back(arg_expr(p));
        if (const Ref* of = a.find("output_field"); of && !take_output_field(in, *of, *n)) return nullptr;
        return wrap(n);
    });
}

void install_text(shell::ModuleObj& fm) {
    def(fm, "Substr", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!bind_args(in, "Substr", {"expression", "pos", "length"}, 2, a, v)) return nullptr;
        int b = below(in, v[1], 1);
        if (b < 0) return nullptr;
        if (b) return in.value_error("'pos' must be greater than 0");
        auto n = func_node("Substr", "SUBSTR");
        n->args = {arg_expr(v[0]), arg_expr(v[1])};
        if (v[2] && v[2]->kind != Kind::kNone) n->args.push_back(arg_expr(v[2]));
        return wrap(n);
    });
    for (const char* cls : {"Left", "Right"}) {
        const bool left = std::strcmp(cls, "Left") == 0;
        std::string name = cls;
        def(fm, name, [name, left](Interp& in, Args& a) -> Ref {
            std::vector<Ref> v;
            if (!bind_args(in, "Left", {"expression", "length"}, 2, a, v)) return nullptr;
            int b = below(in, v[1], 1);
            if (b < 0) return nullptr;
            if (b) return in.value_error("'length' must be greater than 0.");
            // Left/Right.as_sqlite: Substr(expression, Value(1), length) / Substr(expression, length * Value(-1)).
            auto n = func_node(name, "SUBSTR");
            ExprPtr expr = arg_expr(v[0]), length = arg_expr(v[1]);
            if (left) {
                n->args = {expr, to_expr(Interp::integer(1)), length};
            } else {
                auto neg = std::make_shared<ExprNode>(ExprNode::Kind::kCombined);
                neg->op = "*";
                neg->args = {length, to_expr(Interp::integer(-1))};
                n->args = {expr, neg};
            }
            n->concat_sources = {expr, length};  // what repr shows
            return wrap(n);
        });
    }
    for (const char* cls : {"LPad", "RPad"}) {
        std::string name = cls;
        std::string sql = name == "LPad" ? "LPAD" : "RPAD";
        def(fm, name, [name, sql](Interp& in, Args& a) -> Ref {
            std::vector<Ref> v;
            if (!bind_args(in, "LPad", {"expression", "length", "fill_text"}, 2, a, v)) return nullptr;
            if (v[1]->kind != Kind::kNone) {
                int b = below(in, v[1], 0);
                if (b < 0) return nullptr;
                if (b) return in.value_error("'length' must be greater or equal to 0.");
            }
            auto n = func_node(name, sql);
            n->args = {arg_expr(v[0]), arg_expr(v[1]), v[2] ? arg_expr(v[2]) : to_expr(Interp::string(" "))};
            return wrap(n);
        });
    }
    def(fm, "Repeat", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!bind_args(in, "Repeat", {"expression", "number"}, 2, a, v)) return nullptr;
        if (v[1]->kind != Kind::kNone) {
            int b = below(in, v[1], 0);
            if (b < 0) return nullptr;
            if (b) return in.value_error("'number' must be greater or equal to 0.");
        }
        auto n = func_node("Repeat", "REPEAT");
        n->args = {arg_expr(v[0]), arg_expr(v[1])};
        return wrap(n);
    });
}

//! Func subclasses that take exactly `arity` expressions (Transforms take one).
void install_fixed_arity(shell::ModuleObj& fm) {
    struct Def { const char* cls; const char* sql; size_t arity; };
    for (const Def& d : {Def{"StrIndex", "INSTR", 2}, Def{"Reverse", "REVERSE", 1}, Def{"Ord", "UNICODE", 1},
                         Def{"Chr", "CHAR", 1}, Def{"Ceil", "CEILING", 1}, Def{"Floor", "FLOOR", 1}, Def{"Sign", "SIGN", 1},
                         Def{"Sqrt", "SQRT", 1}, Def{"Exp", "EXP", 1}, Def{"Ln", "LN", 1}, Def{"Log", "LOG", 2},
                         Def{"Mod", "MOD", 2}, Def{"Power", "POWER", 2}, Def{"Pi", "PI", 0}, Def{"Sin", "SIN", 1},
                         Def{"Cos", "COS", 1}, Def{"Tan", "TAN", 1}, Def{"Cot", "COT", 1}, Def{"ACos", "ACOS", 1},
                         Def{"ASin", "ASIN", 1}, Def{"ATan", "ATAN", 1}, Def{"ATan2", "ATAN2", 2},
                         Def{"Degrees", "DEGREES", 1}, Def{"Radians", "RADIANS", 1}, Def{"Random", "RAND", 0},
                         Def{"MD5", "MD5", 1}, Def{"SHA1", "SHA1", 1}, Def{"SHA224", "SHA224", 1},
                         Def{"SHA256", "SHA256", 1}, Def{"SHA384", "SHA384", 1}, Def{"SHA512", "SHA512", 1}}) {
        std::string cls = d.cls, sql = d.sql;
        size_t arity = d.arity;
        def(fm, cls, [cls, sql, arity](Interp& in, Args& a) -> Ref {
            if (!check_arity(in, cls, arity, a)) return nullptr;
            auto n = func_node(cls, sql);
            for (const auto& p : a.pos) n->args.push_back(arg_expr(p));
            if (const Ref* of = a.find("output_field"); of && !take_output_field(in, *of, *n)) return nullptr;
            return wrap(n);
        });
    }
}

// ------------------------------------------------------------------ window functions

//! str() of a frame bound as Python formats it ('%s' % value).
std::string bound_text(const Ref& v) {
    if (!v || v->kind == Kind::kNone) return "None";
    if (v->kind == Kind::kBool) return static_cast<shell::BoolObj*>(v.get())->value ? "True" : "False";
    if (v->kind == Kind::kInt) return std::to_string(static_cast<shell::IntObj*>(v.get())->value);
    if (auto* st = shell::as<shell::StrObj>(v)) return st->value;
    return v->type_name();
}

//! The int value of a bound (bool is an int in Python), or nothing.
std::optional<int64_t> bound_int(const Ref& v) {
    if (v && v->kind == Kind::kInt) return static_cast<shell::IntObj*>(v.get())->value;
    if (v && v->kind == Kind::kBool) return static_cast<shell::BoolObj*>(v.get())->value ? 1 : 0;
    return std::nullopt;
}

bool window_compatible(const ExprNode& e) {
    if (e.kind == ExprNode::Kind::kAggregate) return true;  // Aggregate.window_compatible
    static const char* const kNames[] = {"CumeDist", "DenseRank", "FirstValue", "Lag", "LastValue", "Lead",
                                         "NthValue", "Ntile", "PercentRank", "Rank", "RowNumber"};
    for (const char* n : kNames)
        if (e.kind == ExprNode::Kind::kFunc && e.py_name == n) return true;
    return false;
}

//! `v <= 0` for Lag's offset / NthValue's nth / Ntile's buckets: None counts as not positive.
int not_positive(Interp& in, const Ref& v) {
    if (!v || v->kind == Kind::kNone) return 1;
    if (shell::as<ExprObj>(v)) {
        in.type_error("'<=' not supported between instances of '" + v->type_name() + "' and 'int'");
        return -1;
    }
    return below(in, v, 1);
}

void install_window(shell::ModuleObj& models, shell::ModuleObj& fm) {
    struct Def { const char* cls; const char* sql; };
    for (const Def& d : {Def{"RowNumber", "ROW_NUMBER"}, Def{"Rank", "RANK"}, Def{"DenseRank", "DENSE_RANK"},
                         Def{"PercentRank", "PERCENT_RANK"}, Def{"CumeDist", "CUME_DIST"}}) {
        std::string cls = d.cls, sql = d.sql;
        def(fm, cls, [cls, sql](Interp& in, Args& a) -> Ref {
            if (!check_arity(in, cls, a.pos.size(), a)) return nullptr;  // Func without an arity
            auto n = func_node(cls, sql);
            for (const auto& p : a.pos) n->args.push_back(arg_expr(p));
            return wrap(n);
        });
    }
    for (const char* cls : {"FirstValue", "LastValue"}) {
        std::string name = cls, sql = name == "FirstValue" ? "FIRST_VALUE" : "LAST_VALUE";
        def(fm, name, [name, sql](Interp& in, Args& a) -> Ref {
            if (!check_arity(in, name, 1, a)) return nullptr;
            auto n = func_node(name, sql);
            n->args.push_back(arg_expr(a.pos[0]));
            return wrap(n);
        });
    }
    for (const char* cls : {"Lag", "Lead"}) {
        std::string name = cls, sql = name == "Lag" ? "LAG" : "LEAD";
        def(fm, name, [name, sql](Interp& in, Args& a) -> Ref {
            std::vector<Ref> v;
            if (!bind_args(in, "LagLeadFunction", {"expression", "offset", "default"}, 1, a, v)) return nullptr;
            if (v[0]->kind == Kind::kNone) return in.value_error(name + " requires a non-null source expression.");
            Ref offset = v[1] ? v[1] : Interp::integer(1);
            int np = not_positive(in, offset);
            if (np < 0) return nullptr;
            if (np) return in.value_error(name + " requires a positive integer for the offset.");
            auto n = func_node(name, sql);
            n->args = {arg_expr(v[0]), arg_expr(offset)};
            if (v[2] && v[2]->kind != Kind::kNone) n->args.push_back(arg_expr(v[2]));
            return wrap(n);
        });
    }
    def(fm, "NthValue", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!bind_args(in, "NthValue", {"expression", "nth"}, 1, a, v)) return nullptr;
        if (v[0]->kind == Kind::kNone) return in.value_error("NthValue requires a non-null source expression.");
        Ref nth = v[1] ? v[1] : Interp::integer(1);
        int np = not_positive(in, nth);
        if (np < 0) return nullptr;
        if (np) return in.value_error("NthValue requires a positive integer as for nth.");
        auto n = func_node("NthValue", "NTH_VALUE");
        n->args = {arg_expr(v[0]), arg_expr(nth)};
        return wrap(n);
    });
    def(fm, "Ntile", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!bind_args(in, "Ntile", {"num_buckets"}, 0, a, v)) return nullptr;
        Ref buckets = v[0] ? v[0] : Interp::integer(1);
        int b = below(in, buckets, 1);
        if (b < 0) return nullptr;
        if (b) return in.value_error("num_buckets must be greater than 0.");
        auto n = func_node("Ntile", "NTILE");
        n->args = {arg_expr(buckets)};
        return wrap(n);
    });
    // django.db.models.Window(expression, partition_by=None, order_by=None, frame=None, output_field=None)
    auto cls = std::make_shared<shell::ClassObj>("Window", "django.db.models.expressions", std::vector<shell::ClassRef>{});
    cls->construct = [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!bind_args(in, "Window", {"expression", "partition_by", "order_by", "frame", "output_field"}, 1, a, v)) return nullptr;
        ExprPtr source = arg_expr(v[0]);
        if (!window_compatible(*source))
            return in.value_error("Expression '" + v[0]->type_name() + "' isn't compatible with OVER clauses.");
        auto n = func_node("Window", "WINDOW");
        if (v[3] && v[3]->kind != Kind::kNone) {
            auto* frame = shell::as<FrameObj>(v[3]);
            if (!frame) return in.not_supported("Window(frame=" + v[3]->type_name() + ")");
            n->frame = frame->frame_text();
            n->frame_sql = frame->sql(n->frame_error);
        }
        n->args.push_back(source);
        // A list or tuple of expressions (str items name fields); partition_by also takes one.
        auto items = [&in](const Ref& r, std::vector<ExprPtr>& out) -> bool {
            if (r->kind == Kind::kList || r->kind == Kind::kTuple) {
                std::vector<Ref> xs;
                if (!in.iterate(r, xs)) return false;
                for (const auto& x : xs) out.push_back(arg_expr(x));
            } else {
                out.push_back(arg_expr(r));
            }
            return true;
        };
        std::vector<ExprPtr> partition, order;
        // Each list becomes an ExpressionList, which refuses to be empty.
        const char* kEmptyList = "ExpressionList requires at least one expression.";
        if (v[1] && v[1]->kind != Kind::kNone) {
            if (!items(v[1], partition)) return nullptr;
            if (partition.empty()) return in.value_error(kEmptyList);
        }
        if (v[2] && v[2]->kind != Kind::kNone) {
            if (v[2]->kind != Kind::kList && v[2]->kind != Kind::kTuple && !shell::as<ExprObj>(v[2]))
                return in.value_error("order_by must be either an Expression or a sequence of expressions.");
            if (!items(v[2], order)) return nullptr;
            if (order.empty()) return in.value_error(kEmptyList);
        }
        n->op = std::to_string(partition.size());
        n->args.insert(n->args.end(), partition.begin(), partition.end());
        n->args.insert(n->args.end(), order.begin(), order.end());
        if (!take_output_field(in, v[4], *n)) return nullptr;
        return wrap(n);
    };
    models.attrs["Window"] = cls;
}

// ------------------------------------------------------------------ Case / When

void install_conditional(shell::ModuleObj& models) {
    auto when = std::make_shared<shell::ClassObj>("When", "django.db.models.expressions", std::vector<shell::ClassRef>{});
    when->construct = [](Interp& in, Args& a) -> Ref {
        // When(condition=None, then=None, **lookups)
        Ref condition, then;
        if (a.pos.size() > 2) return in.type_error("When.__init__() takes from 1 to 3 positional arguments but " + std::to_string(a.pos.size() + 1) + " were given");
        if (!a.pos.empty()) condition = a.pos[0];
        if (a.pos.size() > 1) then = a.pos[1];
        std::vector<std::pair<std::string, Ref>> lookups;
        for (const auto& kv : a.kw) {
            if (kv.first == "condition" || kv.first == "then") {
                Ref& slot = kv.first == "condition" ? condition : then;
                if (slot) return in.type_error("When.__init__() got multiple values for argument '" + kv.first + "'");
                slot = kv.second;
            } else {
                lookups.push_back(kv);
            }
        }
        auto* cq = condition ? shell::as<QObj>(condition) : nullptr;
        if (condition && condition->kind == Kind::kNone) condition = nullptr;
        QPtr q;
        if (!lookups.empty()) {
            // Q(**lookups) (sorted by name), or Q(condition, **lookups) for a Q condition.
            std::sort(lookups.begin(), lookups.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
            if (condition && !cq) return in.type_error("When() supports a Q object, a boolean expression, or lookups as a condition.");
            q = std::make_shared<QNode>();
            if (cq) {
                QNode::Child c;
                c.node = cq->q;
                q->children.push_back(c);
            }
            for (const auto& kv : lookups) {
                QNode::Child c;
                c.lookup = kv.first;
                c.value = kv.second;
                q->children.push_back(c);
            }
        } else if (cq) {
            q = cq->q;
        } else if (condition && shell::as<ExprObj>(condition)) {
            return in.not_supported("When() with an expression as its condition");
        } else {
            return in.type_error("When() supports a Q object, a boolean expression, or lookups as a condition.");
        }
        if (q->children.empty()) return in.value_error("An empty Q() can't be used as a When() condition.");
        auto n = func_node("When", "WHEN");
        n->filter = q;
        n->args.push_back(arg_expr(then ? then : in.None));
        return wrap(n);
    };
    models.attrs["When"] = when;
    auto c = std::make_shared<shell::ClassObj>("Case", "django.db.models.expressions", std::vector<shell::ClassRef>{});
    c->construct = [](Interp& in, Args& a) -> Ref {
        auto n = func_node("Case", "CASE");
        for (const auto& p : a.pos) {
            auto* e = shell::as<ExprObj>(p);
            if (!e || e->expr->kind != ExprNode::Kind::kFunc || e->expr->name != "WHEN")
                return in.type_error("Positional arguments must all be When objects.");
            n->args.push_back(e->expr);
        }
        Ref def = in.None;
        for (const auto& kv : a.kw) {
            if (kv.first == "default") def = kv.second;
            else if (kv.first == "output_field") {
                if (!take_output_field(in, kv.second, *n)) return nullptr;
            } else {
                return in.not_supported("Case(" + kv.first + "=...)");
            }
        }
        n->args.push_back(arg_expr(def));
        return wrap(n);
    };
    models.attrs["Case"] = c;
}

void install_frames(shell::ModuleObj& models) {
    for (const char* c : {"RowRange", "ValueRange"}) {
        std::string cls = c, type = cls == "RowRange" ? "ROWS" : "RANGE";
        auto k = std::make_shared<shell::ClassObj>(cls, "django.db.models.expressions", std::vector<shell::ClassRef>{});
        k->construct = [cls, type](Interp& in, Args& a) -> Ref {
            std::vector<Ref> v;
            if (!bind_args(in, "WindowFrame", {"start", "end"}, 0, a, v)) return nullptr;
            return std::make_shared<FrameObj>(type, cls, v[0] ? v[0] : in.None, v[1] ? v[1] : in.None);
        };
        models.attrs[cls] = k;
    }
}

}  // namespace

//! The field class an expression's output is (for Django's "mixed types" check), or "".
std::string output_class(const ExprNode& e) {
    if (e.out_field && e.out_field->cls) return std::string(e.out_field->cls->name);
    if (e.kind == ExprNode::Kind::kValue && e.value && e.value->kind == Kind::kNone) return "";
    switch (e.out) {
        case OutKind::kInt: return e.kind == ExprNode::Kind::kValue && e.value && e.value->kind == Kind::kBool ? "BooleanField" : "IntegerField";
        case OutKind::kFloat: return "FloatField";
        case OutKind::kDecimal: return "DecimalField";
        case OutKind::kStr: return "CharField";
        case OutKind::kBool: return "BooleanField";
        case OutKind::kDateTime: return "DateTimeField";
        case OutKind::kDate: return "DateField";
        default: return "";
    }
}

//! isinstance(<a field>, <class b>) for the field classes an expression can output.
bool is_field_subclass(const std::string& a, const std::string& b) {
    if (a == b) return true;
    static const char* const kIntegers[] = {"AutoField", "BigAutoField", "SmallAutoField", "BigIntegerField",
                                            "SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
                                            "PositiveBigIntegerField"};
    if (b == "IntegerField")
        for (const char* n : kIntegers)
            if (a == n) return true;
    if (b == "BigIntegerField" && a == "BigAutoField") return true;
    if (b == "CharField" && (a == "EmailField" || a == "URLField" || a == "SlugField")) return true;
    if (b == "DateField" && a == "DateTimeField") return true;
    return false;
}

// ------------------------------------------------------------------ Exists / Subquery / OuterRef

bool is_outer_ref(const ExprNode& e) { return e.kind == ExprNode::Kind::kF && e.op == "OUTER"; }

void install_subqueries(shell::ModuleObj& models) {
    auto outer = std::make_shared<shell::ClassObj>("OuterRef", "django.db.models.expressions", std::vector<shell::ClassRef>{});
    outer->construct = [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!bind_args(in, "F", {"name"}, 1, a, v)) return nullptr;
        auto* name = shell::as<shell::StrObj>(v[0]);
        if (!name) return in.not_supported("OuterRef() of something other than a field name");
        auto n = std::make_shared<ExprNode>(ExprNode::Kind::kF);
        n->name = name->value;
        n->op = "OUTER";
        return wrap(n);
    };
    models.attrs["OuterRef"] = outer;
    for (const char* c : {"Exists", "Subquery"}) {
        std::string cls = c;
        auto k = std::make_shared<shell::ClassObj>(cls, "django.db.models.expressions", std::vector<shell::ClassRef>{});
        k->construct = [cls](Interp& in, Args& a) -> Ref {
            std::vector<Ref> v;
            if (!bind_args(in, cls == "Exists" ? "Exists" : "Subquery", {"queryset", "output_field"}, 1, a, v)) return nullptr;
            auto* qs = shell::as<QuerySetObj>(v[0]);
            if (!qs) return in.not_supported(cls + "() of something other than a QuerySet");
            auto n = func_node(cls, cls == "Exists" ? "EXISTS" : "SUBQUERY");
            n->subquery = std::make_shared<Query>(*qs->query);
            if (cls == "Exists") {
                n->out = OutKind::kField;
                n->out_field = synthetic_field("BooleanField");
            }
            if (!take_output_field(in, v[1], *n)) return nullptr;
            return wrap(n);
        };
        models.attrs[cls] = k;
    }
}

std::string FrameObj::frame_text() const {
    const auto s = bound_int(start), e = bound_int(end);
    const std::string from = s && *s < 0 ? std::to_string(-*s) + " PRECEDING" : s && *s == 0 ? "CURRENT ROW" : "UNBOUNDED PRECEDING";
    const std::string to = e && *e > 0 ? std::to_string(*e) + " FOLLOWING" : e && *e == 0 ? "CURRENT ROW" : "UNBOUNDED FOLLOWING";
    return frame_type + " BETWEEN " + from + " AND " + to;
}

std::string FrameObj::sql(std::string& error) const {
    // DatabaseOperations.window_frame_start / window_frame_end.
    std::string from, to;
    const auto s = bound_int(start), e = bound_int(end);
    if (s && *s < 0) from = std::to_string(-*s) + " PRECEDING";
    else if (s && *s == 0) from = "CURRENT ROW";
    else if (!s && start->kind == Kind::kNone) from = "UNBOUNDED PRECEDING";
    else {
        error = "start argument must be a negative integer, zero, or None, but got '" + bound_text(start) + "'.";
        return "";
    }
    if (e && *e == 0) to = "CURRENT ROW";
    else if (e && *e > 0) to = std::to_string(*e) + " FOLLOWING";
    else if (!e && end->kind == Kind::kNone) to = "UNBOUNDED FOLLOWING";
    else {
        error = "end argument must be a positive integer, zero, or None, but got '" + bound_text(end) + "'.";
        return "";
    }
    return frame_type + " BETWEEN " + from + " AND " + to;
}

void install_db_functions(Interp&, shell::ModuleObj& models, shell::ModuleObj& functions) {
    install_extract(functions);
    install_trunc(functions);
    install_comparison(functions);
    install_text(functions);
    install_fixed_arity(functions);
    install_window(models, functions);
    install_frames(models);
    install_conditional(models);
    install_subqueries(models);
}

bool function_output(ExprNode& e) {
    const std::string& py = e.py_name;
    if (e.keep_field) return true;  // output_field= given (Cast's own, or any Func's keyword)
    if (e.name == "EXISTS" && e.subquery) return true;  // BooleanField, set when made
    if (e.name == "SUBQUERY" && e.subquery) {
        // Subquery._resolve_output_field: the inner query's one selected column.
        const Query& q = *e.subquery;
        e.out = OutKind::kUnknown;
        e.out_field = nullptr;
        if (q.has_values && q.values_exprs.size() == 1 && q.values_exprs[0]) {
            const ExprNode& c = *q.values_exprs[0];
            e.out_field = c.kind == ExprNode::Kind::kCol ? c.field : c.out_field;
            e.out = e.out_field ? OutKind::kField : c.out;
        }
        return true;
    }
    if (py == "Case" && e.name == "CASE") {
        // Case._resolve_output_field over the When results and the default: the first one's
        // field, and "mixed types" when another is not an instance of its class.
        std::vector<const ExprNode*> sources;
        for (size_t i = 0; i + 1 < e.args.size(); ++i)
            if (e.args[i] && !e.args[i]->args.empty() && e.args[i]->args[0]) sources.push_back(e.args[i]->args[0].get());
        if (!e.args.empty() && e.args.back()) sources.push_back(e.args.back().get());
        const ExprNode* first = nullptr;
        std::string first_cls;
        for (const ExprNode* src : sources) {
            const std::string cls = output_class(*src);
            if (cls.empty()) continue;
            if (!first) {
                first = src;
                first_cls = cls;
            } else if (!is_field_subclass(first_cls, cls)) {
                e.mixed_types = first_cls + ", " + cls;
                e.out = OutKind::kUnknown;
                e.out_field = nullptr;
                return true;
            }
        }
        if (first) {
            e.out = first->out_field ? OutKind::kField : first->out;
            e.out_field = first->out_field;
            if (output_class(*first) == "BooleanField" && !first->out_field) e.out = OutKind::kBool;  // Value(True)
        } else {
            e.out = OutKind::kUnknown;
            e.out_field = nullptr;
        }
        return true;
    }
    if (is_trunc_class(py)) return true;  // resolve_function sets it
    if (const char* cls = fixed_output(py)) {
        e.out = OutKind::kField;
        e.out_field = synthetic_field(cls);
        return true;
    }
    if (!numeric_mixin(py)) return false;
    // NumericOutputFieldMixin._resolve_output_field.
    bool any = false, decimal = false, integer = false;
    const ExprNode* first = nullptr;
    for (const auto& a : e.args) {
        if (!a) continue;
        const char k = numeric_kind(*a);
        if (!k && !a->out_field && a->out == OutKind::kUnknown) continue;
        any = true;
        if (!first) first = a.get();
        decimal |= k == 'D';
        integer |= k == 'I';
    }
    e.out = OutKind::kField;
    if (decimal) e.out_field = synthetic_field("DecimalField");
    else if (integer || !any) e.out_field = synthetic_field("FloatField");
    else if (first->out_field) e.out_field = first->out_field;
    else {
        e.out = first->out;
        e.out_field = nullptr;
    }
    return true;
}

const Field* function_source_field(Interp& in, const ExprNode& e) {
    if (e.args.empty() || !e.args[0]) return nullptr;
    const ExprNode& lhs = *e.args[0];
    const Field* field = lhs.kind == ExprNode::Kind::kCol && lhs.field ? lhs.field : lhs.out_field;
    for (int hops = 0; field && field->is_fk() && in.apps && hops < 8; ++hops) {
        const Field* target = target_field(*in.apps, *field);
        if (!target || target == field) break;
        field = target;
    }
    return field;
}

namespace {

// Query.resolve_expression of the inner query: each OuterRef(name) becomes the outer query's
// column, rendered as SQL now, so the inner query's relabelling (U0, U1, ...) leaves it alone.
bool bind_outer(Interp& in, Query& outer, ExprPtr& e) {
    if (!e) return true;
    if (is_outer_ref(*e)) {
        ExprPtr col = outer.resolve_path(in, e->name, false, true);
        if (!col) return false;
        auto raw = std::make_shared<ExprNode>(ExprNode::Kind::kRaw);
        if (col->kind == ExprNode::Kind::kCol) {
            const std::string& table = outer.joins[0].table;
            bool is_table = col->alias == table;
            for (const auto& j : outer.joins)
                if (j.alias == col->alias && j.alias == j.table) is_table = true;
            raw->sql = (is_table ? "\"" + col->alias + "\"" : col->alias) + ".\"" + col->column + "\"";
            raw->out_field = col->field;
            raw->out = OutKind::kField;
            raw->field = col->field;
        } else {
            in.not_supported("OuterRef() to an annotation");
            return false;
        }
        e = raw;
        return true;
    }
    for (auto& a : e->args)
        if (!bind_outer(in, outer, a)) return false;
    return true;
}

bool bind_outer(Interp& in, Query& outer, WhereNode& w) {
    for (auto& c : w.children) {
        if (c.lookup) {
            auto l = std::make_shared<Lookup>(*c.lookup);
            if (!bind_outer(in, outer, l->lhs) || !bind_outer(in, outer, l->rhs_expr)) return false;
            c.lookup = l;
        }
        if (c.node) {
            auto n = std::make_shared<WhereNode>(*c.node);
            if (!bind_outer(in, outer, *n)) return false;
            c.node = n;
        }
        if (c.raw && !bind_outer(in, outer, c.raw)) return false;
    }
    return true;
}

}  // namespace

bool resolve_subquery(Interp& in, Query& outer, ExprNode& e) {
    if (e.kind != ExprNode::Kind::kFunc || !e.subquery || (e.name != "EXISTS" && e.name != "SUBQUERY")) return true;
    auto inner = std::make_shared<Query>(*e.subquery);
    if (!bind_outer(in, outer, inner->where)) return false;
    for (auto& a : inner->annotations)
        if (!bind_outer(in, outer, a.second)) return false;
    for (auto& v : inner->values_exprs)
        if (!bind_outer(in, outer, v)) return false;
    // Query.resolve_expression: an unsliced subquery needs no ordering.
    if (!inner->is_sliced() && inner->distinct_fields.empty()) {
        inner->order_by.clear();
        inner->default_ordering = false;
    }
    e.subquery = inner;
    return true;
}

bool resolve_function(Interp& in, ExprNode& e) {
    if (e.kind != ExprNode::Kind::kFunc) return true;
    const std::string& py = e.py_name;
    if (is_extract_class(py) && e.name == "EXTRACT") {
        const Field* field = function_source_field(in, e);
        const FieldKind k = field ? field->kind() : FieldKind::kChar;
        if (!(is_date_kind(k) || k == FieldKind::kTime || k == FieldKind::kDuration)) {
            in.value_error("Extract input expression must be DateField, DateTimeField, TimeField, or DurationField.");
            return false;
        }
        const std::string& l = e.op;
        if (k == FieldKind::kDate && (l == "hour" || l == "minute" || l == "second")) {
            in.value_error("Cannot extract time component '" + l + "' from DateField '" + field->name + "'. ");
            return false;
        }
        if (!valid_kind(l)) {
            in.value_error("Invalid lookup_name: " + l);
            return false;
        }
        if (k == FieldKind::kTime || k == FieldKind::kDuration) {
            in.not_supported(std::string("Extract from a ") + field_class_name(field));
            return false;
        }
        e.name = k == FieldKind::kDateTime ? "django_datetime_extract" : "django_date_extract";
        e.out = OutKind::kField;
        e.out_field = synthetic_field("IntegerField");
        return true;
    }
    if (!is_trunc_class(py) || e.name != "TRUNC") return true;
    // TruncBase.resolve_expression.
    const Field* field = function_source_field(in, e);
    const FieldKind k = field ? field->kind() : FieldKind::kChar;
    const std::string name = field ? field->name : "";
    if (!(is_date_kind(k) || k == FieldKind::kTime)) {
        in.raise(in.AssertionError, shell::repr_str(name) + " isn't a DateField, TimeField, or DateTimeField.");
        return false;
    }
    const char* class_output = py == "TruncDate" ? "DateField" : py == "TruncTime" ? "TimeField" : nullptr;
    const Field* output = class_output ? synthetic_field(class_output) : e.keep_field ? e.keep_field.get() : field;
    const FieldKind ok = output->kind();
    if (!(is_date_kind(ok) || ok == FieldKind::kTime)) {
        in.value_error("output_field must be either DateField, TimeField, or DateTimeField");
        return false;
    }
    const bool explicit_output = class_output || output->cls != field->cls;
    const std::string target = explicit_output ? field_class_name(output) : "DateTimeField";
    const std::string& kind = e.op;
    if (k == FieldKind::kDate && (ok == FieldKind::kDateTime || kind == "hour" || kind == "minute" || kind == "second" || kind == "time")) {
        in.value_error("Cannot truncate DateField '" + name + "' to " + target + ". ");
        return false;
    }
    if (k == FieldKind::kTime && (ok == FieldKind::kDateTime || kind == "year" || kind == "quarter" || kind == "month" ||
                                  kind == "week" || kind == "day" || kind == "date")) {
        in.value_error("Cannot truncate TimeField '" + name + "' to " + target + ". ");
        return false;
    }
    e.out = OutKind::kField;
    e.out_field = output;
    if (py == "TruncDate" || py == "TruncTime") {
        // TruncDate/TruncTime.as_sql: datetime_cast_date_sql / datetime_cast_time_sql.
        e.name = py == "TruncDate" ? "django_datetime_cast_date" : "django_datetime_cast_time";
        return true;
    }
    if (!valid_kind(kind)) {
        in.value_error("Invalid kind: " + kind);
        return false;
    }
    if (ok == FieldKind::kTime) {
        in.not_supported("Trunc to a TimeField");
        return false;
    }
    e.name = ok == FieldKind::kDateTime ? "django_datetime_trunc" : "django_date_trunc";
    return true;
}

}  // namespace gramlab::orm

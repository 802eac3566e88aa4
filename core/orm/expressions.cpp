// Expressions and Q objects: their Python API (F, Value, Q, Count, Lower, ... with &, |, ~
// and arithmetic), their reprs, output types and the parameter a Value() binds.
#include "core/orm/expressions.hpp"

#include "core/orm/compiler.hpp"
#include "core/orm/db_functions.hpp"
#include "core/orm/errors.hpp"
#include "core/orm/lookups.hpp"
#include "core/orm/meta.hpp"
#include "core/orm/model.hpp"
#include "core/orm/prefetch.hpp"
#include "core/orm/query.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/datetime.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

using shell::Args;
using shell::Interp;
using shell::Kind;
using shell::Ref;

bool ExprNode::contains_aggregate() const {
    if (kind == Kind::kAggregate) return true;
    if (kind == Kind::kFunc && name == "WINDOW") return false;  // Window.contains_aggregate = False
    for (const auto& a : args)
        if (a && a->contains_aggregate()) return true;
    return false;
}

ExprPtr ExprNode::clone() const {
    auto c = std::make_shared<ExprNode>(*this);
    for (auto& a : c->args)
        if (a) a = a->clone();
    return c;
}

ExprPtr make_trunc(const std::string& field_name, const std::string& kind, bool to_datetime) {
    auto f = std::make_shared<ExprNode>(ExprNode::Kind::kF);
    f->name = field_name;
    auto t = std::make_shared<ExprNode>(ExprNode::Kind::kFunc);
    t->name = to_datetime ? "django_datetime_trunc" : "django_date_trunc";
    t->op = kind;
    t->py_name = "Trunc";
    t->args.push_back(f);
    return t;
}

bool is_trunc(const ExprNode& e) {
    return e.kind == ExprNode::Kind::kFunc && (e.name == "django_date_trunc" || e.name == "django_datetime_trunc");
}

const models::Field* trunc_source(const ExprNode& e) {
    if (e.args.empty() || !e.args[0]) return nullptr;
    const ExprNode& lhs = *e.args[0];
    return lhs.kind == ExprNode::Kind::kCol && lhs.field ? lhs.field : lhs.out_field;
}

bool resolve_trunc(shell::Interp& in, ExprNode& e) {
    const bool to_datetime = e.name == "django_datetime_trunc";
    const models::Field* field = trunc_source(e);
    // The output field of a foreign key is its target's field ('post_author' -> 'id').
    for (int hops = 0; field && field->is_fk() && in.apps && hops < 8; ++hops) {
        const models::Field* target = target_field(*in.apps, *field);
        if (!target || target == field) break;
        field = target;
    }
    const models::FieldKind k = field ? field->kind() : models::FieldKind::kChar;
    const std::string name = field ? field->name : "";
    if (k != models::FieldKind::kDate && k != models::FieldKind::kDateTime && k != models::FieldKind::kTime) {
        in.raise(in.AssertionError, shell::repr_str(name) + " isn't a DateField, TimeField, or DateTimeField.");
        return false;
    }
    const std::string output = to_datetime ? "DateTimeField" : "DateField";
    const std::string& kind = e.op;
    if (k == models::FieldKind::kDate && (to_datetime || kind == "hour" || kind == "minute" || kind == "second" || kind == "time")) {
        in.value_error("Cannot truncate DateField '" + name + "' to " + (to_datetime ? output : std::string("DateTimeField")) + ". ");
        return false;
    }
    if (k == models::FieldKind::kTime && (to_datetime || kind == "year" || kind == "quarter" || kind == "month" ||
                                          kind == "week" || kind == "day" || kind == "date")) {
        in.value_error("Cannot truncate TimeField '" + name + "' to " + output + ". ");
        return false;
    }
    e.out = OutKind::kField;
    e.out_field = synthetic_field(output.c_str());
    return true;
}

namespace {

//! Which of Django's numeric field classes an expression's output is: 'I' (IntegerField and
//! its subclasses), 'F' (FloatField), 'D' (DecimalField), 0 for anything else or unknown.
char numeric_class(const ExprNode& a) {
    if (a.out_field) {
        switch (a.out_field->kind()) {
            case models::FieldKind::kDecimal: return 'D';
            case models::FieldKind::kFloat: return 'F';
            case models::FieldKind::kAuto: case models::FieldKind::kBigAuto: case models::FieldKind::kSmallAuto:
            case models::FieldKind::kInteger: case models::FieldKind::kBigInteger: case models::FieldKind::kSmallInteger:
            case models::FieldKind::kPositiveInteger: case models::FieldKind::kPositiveSmallInteger:
            case models::FieldKind::kPositiveBigInteger:
                return a.out_field->is_fk() ? 0 : 'I';
            default: return 0;
        }
    }
    switch (a.out) {
        case OutKind::kInt: return 'I';
        case OutKind::kFloat: return 'F';
        case OutKind::kDecimal: return 'D';
        default: return 0;
    }
}

std::string field_class_name(const ExprNode& a) {
    if (a.out_field && a.out_field->cls) return std::string(a.out_field->cls->name);
    switch (numeric_class(a)) {
        case 'I': return "IntegerField";
        case 'F': return "FloatField";
        case 'D': return "DecimalField";
        default: return "Field";
    }
}

void set_decimal(ExprNode& e, const ExprNode& source) {
    e.out_field = source.out_field;
    e.out = source.out_field ? OutKind::kField : OutKind::kDecimal;
}

}  // namespace

bool is_decimal_output(const ExprNode& e) {
    return e.mixed_types.empty() && numeric_class(e) == 'D';
}

void infer_output(ExprNode& e) {
    // A source whose output cannot be resolved makes every expression built on it fail too.
    if (!(e.kind == ExprNode::Kind::kAggregate && e.name == "COUNT") && e.kind != ExprNode::Kind::kWrapper)
        for (const auto& a : e.args)
            if (a && !a->mixed_types.empty()) {
                e.mixed_types = a->mixed_types;
                e.out = OutKind::kUnknown;
                e.out_field = nullptr;
                return;
            }
    if (e.kind == ExprNode::Kind::kAggregate) {
        if (e.name == "COUNT") { e.out = OutKind::kInt; e.out_field = nullptr; return; }
        if (e.name == "AVG") {
            // NumericOutputFieldMixin: a DecimalField source averages to a DecimalField.
            if (!e.args.empty() && e.args[0] && numeric_class(*e.args[0]) == 'D') {
                set_decimal(e, *e.args[0]);
                return;
            }
            e.out = OutKind::kFloat;
            e.out_field = nullptr;
            return;
        }
    }
    if (e.kind == ExprNode::Kind::kCombined && e.args.size() == 2 && e.args[0] && e.args[1]) {
        // CombinedExpression._resolve_output_field with a DecimalField on either side: the same
        // class on both sides, or IntegerField with + - * /, gives a DecimalField; anything else
        // is "mixed types" (only the Decimal cases are modelled; the others keep the lhs's field).
        const ExprNode& l = *e.args[0];
        const ExprNode& r = *e.args[1];
        const char lc = numeric_class(l), rc = numeric_class(r);
        if (lc == 'D' || rc == 'D') {
            const bool arithmetic = e.op == "+" || e.op == "-" || e.op == "*" || e.op == "/";
            if (lc == 'D' && rc == 'D') { set_decimal(e, l.out_field ? l : r); return; }
            if (arithmetic && (lc == 'I' || rc == 'I')) { set_decimal(e, lc == 'D' ? l : r); return; }
            e.mixed_types = field_class_name(l) + ", " + field_class_name(r);
            e.out = OutKind::kUnknown;
            e.out_field = nullptr;
            return;
        }
        // _connector_combinators: IntegerField with FloatField under + - * / is a FloatField.
        const bool arithmetic = e.op == "+" || e.op == "-" || e.op == "*" || e.op == "/";
        if (!arithmetic) {
            // No combinators for %, ^, &, |: the two sides' classes must agree (the left one an
            // instance of the right one's class): Value(2) ** F('id') is mixed types.
            const std::string lcls = output_class(l), rcls = output_class(r);
            if (!lcls.empty() && !rcls.empty() && !is_field_subclass(lcls, rcls)) {
                e.mixed_types = lcls + ", " + rcls;
                e.out = OutKind::kUnknown;
                e.out_field = nullptr;
                return;
            }
        }
        if (arithmetic && ((lc == 'I' && rc == 'F') || (lc == 'F' && rc == 'I'))) {
            e.out = OutKind::kFloat;
            e.out_field = nullptr;
            return;
        }
    }
    if (e.kind == ExprNode::Kind::kFunc && e.name == "LENGTH") { e.out = OutKind::kInt; e.out_field = nullptr; return; }
    if (e.kind == ExprNode::Kind::kFunc && function_output(e)) return;
    if (e.kind == ExprNode::Kind::kWrapper && e.out != OutKind::kUnknown) return;
    for (const auto& a : e.args) {
        if (!a) continue;
        if (a->out_field) {
            e.out = OutKind::kField;
            e.out_field = a->out_field;
            return;
        }
        if (a->out != OutKind::kUnknown) {
            e.out = a->out;
            return;
        }
    }
}

bool value_param(Interp& in, const ExprNode& e, Value& out) {
    const Ref& v = e.value;
    switch (v->kind) {
        case Kind::kNone: out = Value::none(); return true;
        case Kind::kBool: out = Value::of_bool(static_cast<shell::BoolObj*>(v.get())->value); return true;
        case Kind::kInt: out = Value::of_int(static_cast<shell::IntObj*>(v.get())->value); return true;
        case Kind::kFloat: out = Value::of_float(static_cast<shell::FloatObj*>(v.get())->value); return true;
        case Kind::kStr: out = Value::of_str(static_cast<shell::StrObj*>(v.get())->value); return true;
        case Kind::kDateTime: out = Value::of_str(shell::format_db_datetime(static_cast<shell::DateTimeObj*>(v.get())->micros)); return true;
        case Kind::kDate: out = Value::of_str(shell::format_db_date(static_cast<shell::DateObj*>(v.get())->days)); return true;
        case Kind::kTimeDelta: out = Value::of_int(static_cast<shell::TimeDeltaObj*>(v.get())->micros); return true;  // duration_microseconds
        case Kind::kDecimal: {
            // Value(Decimal(...)): sqlite3 binds a Decimal as its str().
            std::string s;
            if (!in.str(v, s)) return false;
            out.kind = Value::Kind::kDecimal;
            out.text = s;
            return true;
        }
        default: {
            std::string s;
            if (!in.str(v, s)) return false;
            out = Value::of_str(s);
            return true;
        }
    }
}

// ------------------------------------------------------------------------- reprs

namespace {

std::string class_name(const ExprNode& e) {
    if (!e.py_name.empty()) return e.py_name;
    return e.name;
}

}  // namespace

bool is_window(const ExprNode& e) {
    const ExprNode* x = &e;
    while (x->kind == ExprNode::Kind::kRef && !x->args.empty() && x->args[0]) x = x->args[0].get();
    return x->kind == ExprNode::Kind::kFunc && x->name == "WINDOW";
}

bool groups_by_itself(const ExprNode& e) { return !e.contains_aggregate() && !is_window(e); }

bool is_conditional(const ExprNode& e) {
    if (e.out == OutKind::kBool) return true;
    if (e.out_field && e.out_field->cls)
        return e.out_field->kind() == models::FieldKind::kBoolean || e.out_field->kind() == models::FieldKind::kNullBoolean;
    return e.kind == ExprNode::Kind::kValue && e.value && e.value->kind == shell::Kind::kBool;
}

namespace {

// Window.__str__: "RowNumber() OVER (PARTITION BY F(a)ORDER BY OrderBy(F(b), descending=True))"
// (Django 3.2 leaves out the space before ORDER BY).
bool window_repr(Interp& in, const ExprNode& e, std::string& out) {
    const size_t partitions = static_cast<size_t>(std::stoul(e.op.empty() ? "0" : e.op));
    std::string source, partition, order;
    if (!expr_repr(in, *e.args[0], source, false)) return false;
    for (size_t i = 1; i < e.args.size(); ++i) {
        std::string a;
        if (!expr_repr(in, *e.args[i], a, false)) return false;
        std::string& list = i <= partitions ? partition : order;
        list += (list.empty() ? "" : ", ") + a;
    }
    out = "<Window: " + source + " OVER (" + (partition.empty() ? "" : "PARTITION BY " + partition) +
          (order.empty() ? "" : "ORDER BY " + order) + e.frame + ")>";
    return true;
}

// When.__str__ "WHEN <Q: ...> THEN Value(x)"; Case.__str__ "CASE <when>, <when>, ELSE <default>";
// each __repr__ is "<When: ...>" / "<Case: ...>".
bool case_repr(Interp& in, const ExprNode& e, std::string& out, bool top) {
    if (e.name == "WHEN") {
        std::string q, r;
        if (!e.filter || !q_repr(in, *e.filter, q) || !expr_repr(in, *e.args[0], r, true)) return false;
        out = "WHEN " + q + " THEN " + r;
        if (top) out = "<When: " + out + ">";
        return true;
    }
    std::string cases;
    for (size_t i = 0; i + 1 < e.args.size(); ++i) {
        std::string w;
        if (!case_repr(in, *e.args[i], w, false)) return false;
        cases += (i ? ", " : "") + w;
    }
    std::string d;
    if (!expr_repr(in, *e.args.back(), d, true)) return false;
    out = "<Case: CASE " + cases + ", ELSE " + d + ">";
    return true;
}

}  // namespace

bool expr_repr(Interp& in, const ExprNode& e, std::string& out, bool top) {
    if (e.order_desc >= 0) {  // .asc() / .desc(): an OrderBy around the expression
        ExprNode inner = e;
        inner.order_desc = -1;
        std::string r;
        if (!expr_repr(in, inner, r, false)) return false;
        out = "OrderBy(" + r + ", descending=" + (e.order_desc == 1 ? "True" : "False") + ")";
        return true;
    }
    if (is_window(e) && e.kind == ExprNode::Kind::kFunc) return window_repr(in, e, out);
    if (e.kind == ExprNode::Kind::kFunc && (e.name == "WHEN" || e.name == "CASE")) return case_repr(in, e, out, top);
    switch (e.kind) {
        case ExprNode::Kind::kF: out = (e.op == "OUTER" ? "OuterRef(" : "F(") + e.name + ")"; return true;
        case ExprNode::Kind::kStar: out = "'*'"; return true;
        case ExprNode::Kind::kValue: {
            // Value.__repr__ in 3.2: "{}({})".format(cls, self.value), the value's str().
            std::string r;
            if (!in.str(e.value, r)) return false;
            out = "Value(" + r + ")";
            return true;
        }
        case ExprNode::Kind::kCol: out = "Col(" + e.alias + ", " + e.model_label + "." + (e.field ? e.field->name : e.column) + ")"; return true;
        case ExprNode::Kind::kRef: out = "Ref(" + e.name + ")"; return true;
        case ExprNode::Kind::kCombined: {
            std::string a, b;
            if (!expr_repr(in, *e.args[0], a, false) || !expr_repr(in, *e.args[1], b, false)) return false;
            std::string body = a + " " + e.op + " " + b;
            out = top ? "<CombinedExpression: " + body + ">" : body;
            return true;
        }
        case ExprNode::Kind::kWrapper: {
            std::string a;
            if (!expr_repr(in, *e.args[0], a, false)) return false;
            out = "ExpressionWrapper(" + a + ")";
            return true;
        }
        case ExprNode::Kind::kAggregate:
        case ExprNode::Kind::kFunc: {
            std::string args;
            // ConcatPair, Left and Right show the arguments they were given, not the ones they
            // compile (the outer Concat shows its ConcatPair).
            const auto& shown = (e.name != "CONCAT" && !e.concat_sources.empty()) ? e.concat_sources : e.args;
            for (size_t i = 0; i < shown.size(); ++i) {
                std::string a;
                if (!expr_repr(in, *shown[i], a, false)) return false;
                args += (i ? ", " : "") + a;
            }
            std::vector<std::string> extra;
            if (e.kind == ExprNode::Kind::kAggregate) {
                if (e.distinct) extra.push_back("distinct=True");
                if (e.filter) {
                    std::string q;
                    if (!q_repr_str(in, *e.filter, q)) return false;
                    extra.push_back("filter=" + q);
                }
            }
            out = class_name(e) + "(" + args;
            if (!extra.empty()) {
                out += ", ";
                for (size_t i = 0; i < extra.size(); ++i) out += (i ? ", " : "") + extra[i];
            }
            out += ")";
            return true;
        }
        case ExprNode::Kind::kRaw: out = "RawSQL(" + e.sql + ")"; return true;
    }
    return false;
}

bool q_repr_str(Interp& in, const QNode& q, std::string& out) {
    std::string body;
    for (size_t i = 0; i < q.children.size(); ++i) {
        const auto& c = q.children[i];
        std::string s;
        if (c.node) {
            if (!q_repr_str(in, *c.node, s)) return false;
        } else if (c.lookup.empty() && shell::as<ExprObj>(c.value)) {
            if (!in.repr(c.value, s)) return false;
        } else {
            std::string v;
            if (!in.repr(c.value, v)) return false;
            s = "(" + shell::repr_str(c.lookup) + ", " + v + ")";
        }
        body += (i ? ", " : "") + s;
    }
    out = q.negated ? "(NOT (" + q.connector + ": " + body + "))" : "(" + q.connector + ": " + body + ")";
    return true;
}

bool q_repr(Interp& in, const QNode& q, std::string& out) {
    std::string s;
    if (!q_repr_str(in, q, s)) return false;
    out = "<Q: " + s + ">";
    return true;
}

// ------------------------------------------------------------------------- operators

ExprPtr to_expr(const Ref& v) {
    if (auto* e = shell::as<ExprObj>(v)) return e->expr;
    auto n = std::make_shared<ExprNode>(ExprNode::Kind::kValue);
    n->value = v;
    if (v->kind == Kind::kInt || v->kind == Kind::kBool) n->out = OutKind::kInt;
    else if (v->kind == Kind::kFloat) n->out = OutKind::kFloat;
    else if (v->kind == Kind::kStr) n->out = OutKind::kStr;
    else if (v->kind == Kind::kDecimal) n->out = OutKind::kDecimal;
    else if (v->kind == Kind::kTimeDelta) {  // Value._resolve_output_field: DurationField
        n->out = OutKind::kField;
        n->out_field = synthetic_field("DurationField");
    } else if (v->kind == Kind::kDateTime) {
        n->out = OutKind::kField;
        n->out_field = synthetic_field("DateTimeField");
    } else if (v->kind == Kind::kDate) {
        n->out = OutKind::kField;
        n->out_field = synthetic_field("DateField");
    }
    return n;
}

namespace {

std::string temporal_type(const ExprNode& e) {
    const models::Field* f = e.kind == ExprNode::Kind::kCol && e.field ? e.field : e.out_field;
    if (!f || !f->cls) return "";
    switch (f->kind()) {
        case models::FieldKind::kDuration: return "DurationField";
        case models::FieldKind::kDateTime: return "DateTimeField";
        case models::FieldKind::kDate: return "DateField";
        case models::FieldKind::kTime: return "TimeField";
        default: return std::string(f->cls->name);
    }
}

}  // namespace

void resolve_temporal(ExprNode& e) {
    if (e.kind != ExprNode::Kind::kCombined || e.args.size() != 2 || !e.args[0] || !e.args[1]) return;
    const std::string lt = temporal_type(*e.args[0]), rt = temporal_type(*e.args[1]);
    if ((lt == "DurationField") != (rt == "DurationField")) {
        // CombinedExpression.resolve_expression: DurationExpression (django_format_dtdelta).
        e.name = "DURATION";
        if (!lt.empty() && !rt.empty()) {  // its output field: mixed types unless output_field is given
            e.mixed_types = lt + ", " + rt;
            e.out = OutKind::kUnknown;
            e.out_field = nullptr;
        }
        return;
    }
    if (e.op == "-" && lt == rt && (lt == "DateTimeField" || lt == "DateField" || lt == "TimeField")) {
        e.name = lt == "TimeField" ? "TIME_DIFF" : "TIMESTAMP_DIFF";  // TemporalSubtraction
        e.out = OutKind::kField;
        e.out_field = synthetic_field("DurationField");
        e.mixed_types.clear();
    }
}

std::string ExprObj::type_name() const {
    switch (expr->kind) {
        case ExprNode::Kind::kF: return "F";
        case ExprNode::Kind::kValue: return "Value";
        case ExprNode::Kind::kCombined: return "CombinedExpression";
        case ExprNode::Kind::kWrapper: return "ExpressionWrapper";
        default: return expr->py_name.empty() ? expr->name : expr->py_name;
    }
}

Ref ExprObj::binop(Interp& in, int op, const Ref& other, bool reflected) {
    const char* sym = nullptr;
    switch (static_cast<py::BinOpKind>(op)) {
        case py::BinOpKind::kAdd: sym = "+"; break;
        case py::BinOpKind::kSub: sym = "-"; break;
        case py::BinOpKind::kMult: sym = "*"; break;
        case py::BinOpKind::kDiv: sym = "/"; break;
        case py::BinOpKind::kMod: sym = "%%"; break;
        case py::BinOpKind::kPow: sym = "^"; break;
        case py::BinOpKind::kBitAnd:
        case py::BinOpKind::kBitOr: {
            // Combinable.__and__/__or__: two conditional expressions combine as Q(self) op Q(other).
            auto* oe = shell::as<ExprObj>(other);
            auto* oq = shell::as<QObj>(other);
            if (is_conditional(*expr) && ((oe && is_conditional(*oe->expr)) || oq)) {
                auto wrap_q = [](const Ref& r) -> Ref {
                    if (shell::as<QObj>(r)) return r;
                    auto q = std::make_shared<QNode>();
                    QNode::Child c;
                    c.value = r;
                    q->children.push_back(c);
                    return std::make_shared<QObj>(q);
                };
                Ref me = wrap_q(shared_from_this()), them = wrap_q(other);
                Ref lhs = reflected ? them : me, rhs = reflected ? me : them;
                return static_cast<QObj*>(lhs.get())->binop(in, op, rhs, false);
            }
            return in.not_supported("& and | on expressions (use Q() objects, or .bitand()/.bitor())");
        }
        default: return nullptr;
    }
    if (other->kind == Kind::kNative && !shell::as<ExprObj>(other)) return nullptr;
    auto n = std::make_shared<ExprNode>(ExprNode::Kind::kCombined);
    n->op = sym;
    ExprPtr me = expr, them = to_expr(other);
    n->args = reflected ? std::vector<ExprPtr>{them, me} : std::vector<ExprPtr>{me, them};
    return std::make_shared<ExprObj>(n);
}

Ref ExprObj::unary(Interp& in, int op) {
    if (static_cast<py::UnaryOpKind>(op) == py::UnaryOpKind::kInvert && expr->kind == ExprNode::Kind::kFunc && expr->name == "EXISTS") {
        auto n = std::make_shared<ExprNode>(*expr);  // Exists.__invert__: negated = not negated
        n->op = n->op == "NOT" ? "" : "NOT";
        return std::make_shared<ExprObj>(n);
    }
    if (static_cast<py::UnaryOpKind>(op) == py::UnaryOpKind::kUSub) {
        auto n = std::make_shared<ExprNode>(ExprNode::Kind::kCombined);
        n->op = "*";
        n->args = {expr, to_expr(Interp::integer(-1))};
        return std::make_shared<ExprObj>(n);
    }
    return nullptr;
}

Ref ExprObj::getattr(Interp& in, const std::string& name) {
    if (name == "name" && expr->kind == ExprNode::Kind::kF) return Interp::string(expr->name);
    if (name == "value" && expr->kind == ExprNode::Kind::kValue) return expr->value;
    if (name == "asc" || name == "desc") {
        bool desc = name == "desc";
        Ref self = shared_from_this();
        return shell::method(name, self, [desc, name](Interp& in, Ref& me, Args& a) -> Ref {
            // asc(**kwargs) / desc(**kwargs): OrderBy(self, descending=..., nulls_first=False,
            // nulls_last=False), desc() passing descending=True itself.
            auto* e = static_cast<ExprObj*>(me.get());
            // F defines its own asc()/desc(); every other expression inherits BaseExpression's.
            const std::string owner = e->expr->kind == ExprNode::Kind::kF ? "F." : "BaseExpression.";
            if (!a.pos.empty())
                return in.type_error(owner + name + "() takes 1 positional argument but " + std::to_string(a.pos.size() + 1) +
                                     " were given");
            bool descending = desc, nulls_first = false, nulls_last = false;
            for (const auto& kv : a.kw) {
                bool* slot = kv.first == "nulls_first" ? &nulls_first
                             : kv.first == "nulls_last" ? &nulls_last
                             : kv.first == "descending" ? &descending
                                                        : nullptr;
                if (!slot) return in.type_error("OrderBy.__init__() got an unexpected keyword argument '" + kv.first + "'");
                if (kv.first == "descending" && desc)
                    return in.type_error(
                        "django.db.models.expressions.OrderBy() got multiple values for keyword argument 'descending'");
                const int t = in.truthy(kv.second);
                if (t < 0) return nullptr;
                *slot = t != 0;
            }
            if (nulls_first && nulls_last) return in.value_error("nulls_first and nulls_last are mutually exclusive");
            auto o = std::make_shared<ExprNode>(*e->expr);
            o->order_desc = descending ? 1 : 0;
            o->order_nulls = nulls_first ? 1 : nulls_last ? 2 : 0;
            return std::make_shared<ExprObj>(o);
        });
    }
    return in.attribute_error(*this, name);
}

Ref QObj::binop(Interp& in, int op, const Ref& other, bool reflected) {
    auto kind = static_cast<py::BinOpKind>(op);
    if (kind != py::BinOpKind::kBitAnd && kind != py::BinOpKind::kBitOr) return nullptr;
    auto* o = shell::as<QObj>(other);
    if (!o) return in.type_error(std::string("unsupported operand type(s) for ") + (kind == py::BinOpKind::kBitAnd ? "&" : "|") +
                                 ": 'Q' and '" + other->type_name() + "'");
    std::string conn = kind == py::BinOpKind::kBitAnd ? "AND" : "OR";
    const QNode& a = reflected ? *o->q : *q;
    const QNode& b = reflected ? *q : *o->q;
    // Q._combine: an empty side returns a copy of the other.
    if (b.children.empty()) return std::make_shared<QObj>(std::make_shared<QNode>(a));
    if (a.children.empty()) return std::make_shared<QObj>(std::make_shared<QNode>(b));
    auto obj = std::make_shared<QNode>();
    obj->connector = conn;
    // tree.Node.add(a, conn) then add(b, conn), with squashing.
    auto add = [&](const QNode& d) {
        if (!d.negated && (d.connector == conn || d.children.size() == 1)) {
            for (const auto& c : d.children) obj->children.push_back(c);
        } else {
            QNode::Child c;
            c.node = std::make_shared<QNode>(d);
            obj->children.push_back(c);
        }
    };
    add(a);
    add(b);
    return std::make_shared<QObj>(obj);
}

Ref QObj::unary(Interp& in, int op) {
    if (static_cast<py::UnaryOpKind>(op) != py::UnaryOpKind::kInvert) return nullptr;
    return std::make_shared<QObj>(invert_q(*q));
}

// ------------------------------------------------------------------------- constructors

ExprPtr arg_expr(const Ref& v) {
    // Strings name fields: Count('comment') is Count(F('comment')).
    if (auto* s = shell::as<shell::StrObj>(v)) {
        if (s->value == "*") return std::make_shared<ExprNode>(ExprNode::Kind::kStar);
        auto f = std::make_shared<ExprNode>(ExprNode::Kind::kF);
        f->name = s->value;
        return f;
    }
    return to_expr(v);
}

namespace {

void def(shell::ModuleObj& m, const std::string& name, shell::BuiltinObj::Fn fn) {
    auto cls = std::make_shared<shell::ClassObj>(name, m.name, std::vector<shell::ClassRef>{});
    cls->construct = std::move(fn);
    m.attrs[name] = cls;
}

Ref make_aggregate(Interp& in, const std::string& py_name, const std::string& sql_name, Args& a) {
    if (a.pos.size() != 1) {
        if (a.pos.empty()) return in.type_error(py_name + "() missing 1 required positional argument: 'expression'");
        return in.type_error(py_name + " takes exactly 1 argument (" + std::to_string(a.pos.size()) + " given)");
    }
    auto n = std::make_shared<ExprNode>(ExprNode::Kind::kAggregate);
    n->name = sql_name;
    n->py_name = py_name;
    n->args.push_back(arg_expr(a.pos[0]));
    for (const auto& kv : a.kw) {
        if (kv.first == "distinct") {
            int t = in.truthy(kv.second);
            if (t < 0) return nullptr;
            if (t && sql_name != "COUNT") return in.type_error(py_name + " does not allow distinct.");
            n->distinct = t == 1;
        } else if (kv.first == "filter") {
            auto* q = shell::as<QObj>(kv.second);
            if (!q) return in.not_supported("filter= other than a Q object");
            n->filter = q->q;
        } else if (kv.first == "output_field") {
            continue;
        } else {
            return in.not_supported(py_name + "(" + kv.first + "=...)");
        }
    }
    if (sql_name == "COUNT" && n->args[0]->kind == ExprNode::Kind::kStar && n->distinct) {
        return in.value_error("Star cannot be used with filter. Please specify a field.");
    }
    return std::make_shared<ExprObj>(n);
}

Ref make_func(Interp& in, const std::string& py_name, const std::string& sql_name, Args& a, size_t min_args, size_t max_args) {
    if (a.pos.size() < min_args) {
        if (min_args > 1) return in.type_error("'" + py_name + "' takes at least " + std::to_string(min_args) + " arguments (" + std::to_string(a.pos.size()) + " given)");
        return in.type_error(py_name + "() missing 1 required positional argument: 'expression'");
    }
    if (a.pos.size() > max_args)
        return in.type_error("'" + py_name + "' takes exactly " + std::to_string(max_args) + " argument" + (max_args == 1 ? "" : "s") + " (" + std::to_string(a.pos.size()) + " given)");
    auto n = std::make_shared<ExprNode>(ExprNode::Kind::kFunc);
    n->name = sql_name;
    n->py_name = py_name;
    for (const auto& p : a.pos) n->args.push_back(arg_expr(p));
    return std::make_shared<ExprObj>(n);
}

// Concat(a, b, c) → ConcatPair(a, ConcatPair(b, c)), each side COALESCE(x, '').
ExprPtr concat_pair(std::vector<ExprPtr> parts) {
    auto coalesce = [](const ExprPtr& x) {
        auto c = std::make_shared<ExprNode>(ExprNode::Kind::kFunc);
        c->name = "COALESCE";
        c->py_name = "Coalesce";
        c->args = {x, to_expr(Interp::string(""))};
        return c;
    };
    if (parts.size() == 2) {
        auto n = std::make_shared<ExprNode>(ExprNode::Kind::kFunc);
        n->name = "CONCAT_PAIR";
        n->py_name = "ConcatPair";
        n->args = {coalesce(parts[0]), coalesce(parts[1])};
        n->concat_sources = {parts[0], parts[1]};
        return n;
    }
    ExprPtr rest = concat_pair(std::vector<ExprPtr>(parts.begin() + 1, parts.end()));
    auto n = std::make_shared<ExprNode>(ExprNode::Kind::kFunc);
    n->name = "CONCAT_PAIR";
    n->py_name = "ConcatPair";
    n->args = {coalesce(parts[0]), coalesce(rest)};
    n->concat_sources = {parts[0], rest};
    return n;
}

}  // namespace

void install_expression_api(Interp& in, shell::ModuleObj& models, shell::ModuleObj& functions) {
    install_prefetch_api(in, models);
    def(models, "F", [](Interp& in, Args& a) -> Ref {
        if (a.pos.size() != 1 || !shell::as<shell::StrObj>(a.pos[0])) {
            if (a.pos.empty()) return in.type_error("F.__init__() missing 1 required positional argument: 'name'");
        }
        auto n = std::make_shared<ExprNode>(ExprNode::Kind::kF);
        std::string name;
        if (!in.str(a.pos[0], name)) return nullptr;
        n->name = name;
        return std::make_shared<ExprObj>(n);
    });
    def(models, "Value", [](Interp& in, Args& a) -> Ref {
        if (a.pos.empty()) return in.type_error("Value.__init__() missing 1 required positional argument: 'value'");
        return std::make_shared<ExprObj>(to_expr(a.pos[0]));
    });
    def(models, "Q", [](Interp& in, Args& a) -> Ref {
        auto q = std::make_shared<QNode>();
        for (const auto& p : a.pos) {
            QNode::Child c;
            if (shell::as<ExprObj>(p)) {
                c.value = p;  // a conditional expression: Q(Exists(...))
            } else {
                auto* qo = shell::as<QObj>(p);
                if (!qo) return in.type_error("'" + p->type_name() + "' object is not a Q object");
                c.node = qo->q;
            }
            q->children.push_back(c);
        }
        // Q(**kwargs): keyword children sorted by name, as Django 3.2 does.
        std::vector<std::pair<std::string, Ref>> kw = a.kw;
        std::stable_sort(kw.begin(), kw.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        for (const auto& kv : kw) {
            if (kv.first == "_connector" || kv.first == "_negated") {
                if (kv.first == "_negated") q->negated = in.truthy(kv.second) == 1;
                else if (auto* s = shell::as<shell::StrObj>(kv.second)) q->connector = s->value;
                continue;
            }
            QNode::Child c;
            c.lookup = kv.first;
            c.value = kv.second;
            q->children.push_back(c);
        }
        return std::make_shared<QObj>(q);
    });
    def(models, "Count", [](Interp& in, Args& a) { return make_aggregate(in, "Count", "COUNT", a); });
    def(models, "Sum", [](Interp& in, Args& a) { return make_aggregate(in, "Sum", "SUM", a); });
    def(models, "Avg", [](Interp& in, Args& a) { return make_aggregate(in, "Avg", "AVG", a); });
    def(models, "Max", [](Interp& in, Args& a) { return make_aggregate(in, "Max", "MAX", a); });
    def(models, "Min", [](Interp& in, Args& a) { return make_aggregate(in, "Min", "MIN", a); });
    def(models, "ExpressionWrapper", [](Interp& in, Args& a) -> Ref {
        const Ref* of = a.find("output_field");
        if (a.pos.empty()) return in.type_error("ExpressionWrapper.__init__() missing 2 required positional arguments: 'expression' and 'output_field'");
        if (!of && a.pos.size() < 2) return in.type_error("ExpressionWrapper.__init__() missing 1 required positional argument: 'output_field'");
        auto n = std::make_shared<ExprNode>(ExprNode::Kind::kWrapper);
        n->args.push_back(to_expr(a.pos[0]));
        Ref field = of ? *of : a.pos[1];
        if (auto* fo = shell::as<FieldObj>(field)) {
            n->out = OutKind::kField;
            n->out_field = fo->field.get();
            n->keep_field = fo->field;
        }
        return std::make_shared<ExprObj>(n);
    });
    // Database functions (django.db.models.functions).
    struct FuncDef { const char* py; const char* sql; size_t min, max; };
    for (const FuncDef& d : {FuncDef{"Lower", "LOWER", 1, 1}, FuncDef{"Upper", "UPPER", 1, 1}, FuncDef{"Length", "LENGTH", 1, 1},
                             FuncDef{"Coalesce", "COALESCE", 2, 64}, FuncDef{"Abs", "ABS", 1, 1}, FuncDef{"Trim", "TRIM", 1, 1},
                             FuncDef{"LTrim", "LTRIM", 1, 1}, FuncDef{"RTrim", "RTRIM", 1, 1}, FuncDef{"Greatest", "MAX", 2, 64},
                             FuncDef{"Least", "MIN", 2, 64}, FuncDef{"Replace", "REPLACE", 2, 3}, FuncDef{"Round", "ROUND", 1, 1}}) {
        std::string py = d.py, sql = d.sql;
        size_t mn = d.min, mx = d.max;
        def(functions, py, [py, sql, mn, mx](Interp& in, Args& a) { return make_func(in, py, sql, a, mn, mx); });
    }
    def(functions, "Concat", [](Interp& in, Args& a) -> Ref {
        if (a.pos.size() < 2) return in.value_error("Concat must take at least two expressions");
        std::vector<ExprPtr> parts;
        for (const auto& p : a.pos) parts.push_back(arg_expr(p));
        auto n = concat_pair(parts);
        auto outer = std::make_shared<ExprNode>(ExprNode::Kind::kFunc);
        outer->name = "CONCAT";
        outer->py_name = "Concat";
        outer->args = {n};
        outer->concat_sources = parts;
        return std::make_shared<ExprObj>(outer);
    });
    install_db_functions(in, models, functions);
}

}  // namespace gramlab::orm

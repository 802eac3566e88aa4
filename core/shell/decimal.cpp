// decimal.Decimal and the `decimal` module in the shell (see decimal.hpp). The numbers come from
// decimal_number.cpp under Python's default context (28 digits, ROUND_HALF_EVEN, traps on
// InvalidOperation, DivisionByZero and Overflow); messages are CPython's C decimal's.
#include "core/shell/decimal.hpp"

#include <cmath>
#include <cstring>

#include "core/python/ast.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::shell {

namespace dec = decimal;

namespace {

const char* const kRoundingNames[] = {"ROUND_HALF_EVEN", "ROUND_HALF_UP", "ROUND_HALF_DOWN", "ROUND_UP",
                                      "ROUND_DOWN",      "ROUND_CEILING", "ROUND_FLOOR",     "ROUND_05UP"};
constexpr dec::Rounding kRoundings[] = {dec::Rounding::kHalfEven, dec::Rounding::kHalfUp, dec::Rounding::kHalfDown,
                                        dec::Rounding::kUp,       dec::Rounding::kDown,   dec::Rounding::kCeiling,
                                        dec::Rounding::kFloor,    dec::Rounding::k05Up};

//! The module object (built once per interpreter; its classes are looked up by name).
ModuleObj* module(Interp& in) {
    Ref saved = in.exc;
    Ref m = in.import_module("decimal");
    if (!m) {
        in.exc = saved;
        return nullptr;
    }
    return as<ModuleObj>(m);
}

ClassRef module_class(Interp& in, const char* name) {
    ModuleObj* m = module(in);
    if (!m) return nullptr;
    auto it = m->attrs.find(name);
    if (it == m->attrs.end()) return nullptr;
    return std::dynamic_pointer_cast<ClassObj>(it->second);
}

std::nullptr_t raise_condition(Interp& in, const char* raised, const std::vector<const char*>& conditions) {
    ClassRef cls = module_class(in, raised);
    if (!cls) return in.raise(in.ArithmeticError, raised);
    std::vector<Ref> listed;
    for (const char* c : conditions)
        if (ClassRef k = module_class(in, c)) listed.push_back(k);
    return in.raise_obj(std::make_shared<ExceptionObj>(cls, std::vector<Ref>{Interp::list(std::move(listed))}));
}

// ------------------------------------------------------------------------- contexts

//! The signals in the order CPython lists them (Context repr, SignalDict), with their bits.
struct SignalName {
    const char* name;
    unsigned bits;
};
const SignalName kSignals[] = {
    {"InvalidOperation", dec::kInvalidOperation | dec::kConversionSyntax | dec::kDivisionImpossible | dec::kDivisionUndefined},
    {"FloatOperation", dec::kFloatOperation},
    {"DivisionByZero", dec::kDivisionByZero},
    {"Overflow", dec::kOverflow},
    {"Underflow", dec::kUnderflow},
    {"Subnormal", dec::kSubnormal},
    {"Inexact", dec::kInexact},
    {"Rounded", dec::kRounded},
    {"Clamped", dec::kClamped},
};
constexpr int64_t kMaxPrec = 999999999999999999LL;

const char* rounding_name(dec::Rounding r) {
    for (size_t i = 0; i < 8; ++i)
        if (kRoundings[i] == r) return kRoundingNames[i];
    return "ROUND_HALF_EVEN";
}

//! A Context repr's flags=[...] / traps=[...]: libmpdec's order (InvalidOperation, then its
//! condition bits in ascending order), not the SignalDict's.
std::string signal_list(unsigned bits) {
    static const char* const kReprOrder[] = {"InvalidOperation", "Clamped", "DivisionByZero", "Inexact", "FloatOperation",
                                             "Overflow", "Rounded", "Subnormal", "Underflow"};
    std::string out = "[";
    bool first = true;
    for (const char* name : kReprOrder)
        for (const auto& s : kSignals)
            if (std::strcmp(s.name, name) == 0 && (bits & s.bits)) {
                out += first ? "" : ", ";
                out += s.name;
                first = false;
            }
    return out + "]";
}

//! decimal.Context: precision, rounding, exponent limits, flags and traps.
class ContextObj final : public Object {
public:
    explicit ContextObj(dec::Context c) : Object(Kind::kNative), ctx(c) {}
    dec::Context ctx;
    std::string type_name() const override { return "decimal.Context"; }
    bool repr(Interp&, std::string& out) override {
        out = "Context(prec=" + std::to_string(ctx.prec) + ", rounding=" + rounding_name(ctx.rounding) +
              ", Emin=" + std::to_string(ctx.emin) + ", Emax=" + std::to_string(ctx.emax) + ", capitals=1, clamp=" +
              std::to_string(ctx.clamp) + ", flags=" + signal_list(ctx.flags) + ", traps=" + signal_list(ctx.traps) + ")";
        return true;
    }
    Ref getattr(Interp& in, const std::string& name) override;
    bool setattr(Interp& in, const std::string& name, Ref value) override;
};

//! Context.flags / Context.traps: CPython's SignalDict over one of the context's bit sets.
class SignalDictObj final : public Object {
public:
    SignalDictObj(std::shared_ptr<ContextObj> c, bool traps) : Object(Kind::kNative), context(std::move(c)), traps(traps) {}
    std::shared_ptr<ContextObj> context;
    bool traps;
    unsigned& bits() { return traps ? context->ctx.traps : context->ctx.flags; }
    std::string type_name() const override { return "SignalDict"; }
    bool repr(Interp&, std::string& out) override {
        out = "{";
        for (const auto& s : kSignals) {
            out += out.size() > 1 ? ", " : "";
            out += std::string("<class 'decimal.") + s.name + "'>:" + ((bits() & s.bits) ? "True" : "False");
        }
        out += "}";
        return true;
    }
    const SignalName* signal_of(Interp& in, const Ref& key) {
        if (auto* c = as<ClassObj>(key); c && c->module == "decimal")
            for (const auto& s : kSignals)
                if (c->name == s.name) return &s;
        in.raise(in.KeyError, "valid values for signals are:\n  [InvalidOperation, FloatOperation, DivisionByZero,\n"
                              "   Overflow, Underflow, Subnormal, Inexact, Rounded,\n   Clamped]");
        return nullptr;
    }
    Ref getitem(Interp& in, const Ref& key) override {
        const SignalName* s = signal_of(in, key);
        if (!s) return nullptr;
        return in.boolean((bits() & s->bits) != 0);
    }
    bool setitem(Interp& in, const Ref& key, Ref value) override {
        const SignalName* s = signal_of(in, key);
        if (!s) return false;
        int t = in.truthy(value);
        if (t < 0) return false;
        if (t) bits() |= s->bits;
        else bits() &= ~s->bits;
        return true;
    }
};

const char* const kCurrentContextKey = "__gramlab_current_context__";

//! getcontext(): the interpreter's current context, made on first use.
std::shared_ptr<ContextObj> current_context(Interp& in) {
    ModuleObj* m = module(in);
    if (!m) return std::make_shared<ContextObj>(dec::Context{});
    Ref& slot = m->attrs[kCurrentContextKey];
    if (!slot) slot = std::make_shared<ContextObj>(dec::Context{});
    return std::static_pointer_cast<ContextObj>(slot);
}

//! The context an operation runs under: the current one with no flags yet (finish() adds
//! the flags it raised to the current context's, as CPython accumulates them).
dec::Context op_context(Interp& in) {
    dec::Context c = current_context(in)->ctx;
    c.flags = 0;
    return c;
}

//! An operand of arithmetic: Decimal, int or bool (float and the rest: NotImplemented).
bool operand(const Ref& o, dec::Number& out) {
    if (auto* d = as<DecimalObj>(o)) { out = d->value; return true; }
    if (o->kind == Kind::kInt) { out = dec::from_int(static_cast<IntObj*>(o.get())->value); return true; }
    if (o->kind == Kind::kBool) { out = dec::from_int(static_cast<BoolObj*>(o.get())->value ? 1 : 0); return true; }
    return false;
}

//! Raises the first trapped signal among `flags` with CPython's message (the conditions that
//! were trapped, InvalidOperation's by their sub-condition); true when none is trapped.
bool raise_trapped(Interp& in, unsigned flags, unsigned traps) {
    const unsigned invalid = dec::kInvalidOperation | dec::kConversionSyntax | dec::kDivisionImpossible | dec::kDivisionUndefined;
    if ((flags & invalid) && (traps & dec::kInvalidOperation)) {
        std::vector<const char*> listed;
        if (flags & dec::kConversionSyntax) listed.push_back("ConversionSyntax");
        if (flags & dec::kDivisionImpossible) listed.push_back("DivisionImpossible");
        if (flags & dec::kDivisionUndefined) listed.push_back("DivisionUndefined");
        if (listed.empty()) listed.push_back("InvalidOperation");
        raise_condition(in, "InvalidOperation", listed);
        return false;
    }
    for (const auto& s : kSignals) {
        if (s.bits & invalid) continue;
        if ((flags & s.bits) && (traps & s.bits)) {
            raise_condition(in, s.name, {s.name});
            return false;
        }
    }
    return true;
}

//! Records what an operation signalled in the current context, raises a trapped signal.
bool signal(Interp& in, const dec::Context& ctx) {
    auto current = current_context(in);
    current->ctx.flags |= ctx.flags;
    return raise_trapped(in, ctx.flags, current->ctx.traps);
}

Ref finish(Interp& in, dec::Number n, const dec::Context& ctx) {
    if (!signal(in, ctx)) return nullptr;
    return make_decimal(std::move(n));
}

//! rounding= argument: one of the ROUND_* strings, or None for the context's.
bool rounding_arg(Interp& in, const Ref& r, dec::Rounding& out) {
    if (!r || r->kind == Kind::kNone) { out = current_context(in)->ctx.rounding; return true; }
    if (auto* s = as<StrObj>(r)) {
        for (size_t i = 0; i < 8; ++i)
            if (s->value == kRoundingNames[i]) { out = kRoundings[i]; return true; }
    }
    in.type_error("valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n"
                  "   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]");
    return false;
}

//! A Decimal-or-int argument of a method (quantize's exp): other types are refused.
bool method_operand(Interp& in, const Ref& o, dec::Number& out) {
    if (operand(o, out)) return true;
    in.type_error("conversion from " + o->type_name() + " to Decimal is not supported");
    return false;
}

//! Positional-or-keyword arguments of a method, CPython style (names in order).
bool bind(Interp& in, const std::string& fname, Args& a, const std::vector<const char*>& names, std::vector<Ref>& out,
          size_t required = 0) {
    out.assign(names.size(), nullptr);
    if (a.pos.size() > names.size())
        return in.type_error(fname + "() takes at most " + std::to_string(names.size()) + " argument" +
                             (names.size() == 1 ? "" : "s") + " (" + std::to_string(a.pos.size()) + " given)"),
               false;
    for (size_t i = 0; i < a.pos.size(); ++i) out[i] = a.pos[i];
    for (const auto& kv : a.kw) {
        size_t i = 0;
        while (i < names.size() && kv.first != names[i]) ++i;
        if (i == names.size())
            return in.type_error("'" + kv.first + "' is an invalid keyword argument for " + fname + "()"), false;
        if (out[i]) return in.type_error("argument for " + fname + "() given by name ('" + kv.first + "') and position (" +
                                         std::to_string(i + 1) + ")"),
                      false;
        out[i] = kv.second;
    }
    for (size_t i = 0; i < required; ++i)
        if (!out[i]) return in.type_error("function missing required argument '" + std::string(names[i]) + "' (pos " + std::to_string(i + 1) + ")"), false;
    return true;
}

//! context= arguments are accepted only as None (gramlab has the default context only).
bool context_arg(Interp& in, const Ref& c) {
    if (!c || c->kind == Kind::kNone) return true;
    if (c->type_name() == "decimal.Context")
        in.raise(in.NotImplementedError, "context= arguments are not supported in gramlab: use `with localcontext() as ctx:`");
    else
        in.type_error("optional argument must be a context");
    return false;
}

bool int_of_decimal(Interp& in, const dec::Number& n, int64_t& out) {
    if (n.is_nan()) return in.value_error("cannot convert NaN to integer"), false;
    if (!n.is_finite()) return in.raise(in.OverflowError, "cannot convert Infinity to integer"), false;
    bool overflow = false;
    if (!dec::to_int64(n, out, overflow)) {
        in.raise(in.OverflowError, "int too large to convert: gramlab's integers are 64-bit");
        return false;
    }
    return true;
}

Ref integral_method(Interp& in, const dec::Number& n, dec::Rounding r) {
    int64_t v;
    dec::Context ctx = op_context(in);
    dec::Number i = dec::to_integral_value(n, r, ctx);
    if (!int_of_decimal(in, i, v)) return nullptr;
    return Interp::integer(v);
}

Ref decimal_tuple(const dec::Number& n) {
    std::vector<Ref> digits;
    if (n.special != dec::Number::Special::kInfinity)
        for (char c : n.digits) digits.push_back(Interp::integer(c - '0'));
    Ref exponent;
    switch (n.special) {
        case dec::Number::Special::kFinite: exponent = Interp::integer(n.exponent); break;
        case dec::Number::Special::kInfinity: exponent = Interp::string("F"); break;
        case dec::Number::Special::kNaN: exponent = Interp::string("n"); break;
        case dec::Number::Special::kSNaN: exponent = Interp::string("N"); break;
    }
    auto t = std::make_shared<SeqObj>(Kind::kTuple, std::vector<Ref>{Interp::integer(n.negative ? 1 : 0), Interp::tuple(std::move(digits)), exponent});
    t->row_name = "DecimalTuple";
    t->row_fields = {"sign", "digits", "exponent"};
    return t;
}

bool from_tuple(Interp& in, const Ref& v, dec::Number& out) {
    auto* s = as<SeqObj>(v);
    if (!s || s->items.size() != 3) return in.value_error("argument must be a sequence of length 3"), false;
    const Ref& sign = s->items[0];
    if (sign->kind != Kind::kInt || (static_cast<IntObj*>(sign.get())->value != 0 && static_cast<IntObj*>(sign.get())->value != 1))
        return in.value_error("sign must be an integer with the value 0 or 1"), false;
    out = dec::Number{};
    out.negative = static_cast<IntObj*>(sign.get())->value == 1;
    const Ref& exp = s->items[2];
    if (auto* e = as<StrObj>(exp)) {
        if (e->value == "F") out.special = dec::Number::Special::kInfinity;
        else if (e->value == "n") out.special = dec::Number::Special::kNaN;
        else if (e->value == "N") out.special = dec::Number::Special::kSNaN;
        else return in.value_error("string argument in the third position must be 'F', 'n' or 'N'"), false;
    } else if (exp->kind == Kind::kInt) {
        out.exponent = static_cast<IntObj*>(exp.get())->value;
    } else {
        return in.value_error("exponent must be an integer"), false;
    }
    auto* digits = as<SeqObj>(s->items[1]);
    if (!digits) return in.value_error("coefficient must be a tuple of digits"), false;
    std::string text;
    for (const auto& d : digits->items) {
        if (d->kind != Kind::kInt || static_cast<IntObj*>(d.get())->value < 0 || static_cast<IntObj*>(d.get())->value > 9)
            return in.value_error("coefficient must be a tuple of digits"), false;
        text += static_cast<char>('0' + static_cast<IntObj*>(d.get())->value);
    }
    size_t nz = text.find_first_not_of('0');
    text = nz == std::string::npos ? (out.is_nan() ? "" : "0") : text.substr(nz);
    if (out.special == dec::Number::Special::kInfinity) text = "0";
    out.digits = text;
    return true;
}

}  // namespace

Ref make_decimal(dec::Number n) { return std::make_shared<DecimalObj>(std::move(n)); }

bool check_decimal_signals(Interp& in, unsigned flags) { return raise_trapped(in, flags, dec::Context{}.traps); }

bool decimal_from_object(Interp& in, const Ref& v, dec::Number& out) {
    switch (v->kind) {
        case Kind::kDecimal: out = static_cast<DecimalObj*>(v.get())->value; return true;
        case Kind::kInt: out = dec::from_int(static_cast<IntObj*>(v.get())->value); return true;
        case Kind::kBool: out = dec::from_int(static_cast<BoolObj*>(v.get())->value ? 1 : 0); return true;
        case Kind::kFloat: {
            // Decimal(float) is exact, and signals FloatOperation (trapped only on request).
            out = dec::from_double(static_cast<FloatObj*>(v.get())->value);
            dec::Context c = op_context(in);
            c.flags |= dec::kFloatOperation;
            return signal(in, c);
        }
        case Kind::kStr:
            if (!dec::parse(static_cast<StrObj*>(v.get())->value, out)) {
                raise_condition(in, "InvalidOperation", {"ConversionSyntax"});
                return false;
            }
            return true;
        case Kind::kTuple:
        case Kind::kList: return from_tuple(in, v, out);
        default:
            in.type_error("conversion from " + (v->kind == Kind::kNone ? std::string("NoneType") : v->type_name()) +
                          " to Decimal is not supported");
            return false;
    }
}

// ------------------------------------------------------------------------- the object

bool DecimalObj::repr(Interp&, std::string& out) {
    out = "Decimal('" + dec::to_sci_string(value) + "')";
    return true;
}

bool DecimalObj::str(Interp&, std::string& out) {
    out = dec::to_sci_string(value);
    return true;
}

int DecimalObj::eq(Interp& in, const Ref& other) {
    if (other->kind == Kind::kFloat) {
        dec::Context c = op_context(in);
        c.flags |= dec::kFloatOperation;
        if (!signal(in, c)) return -1;
        return dec::compare_with_double(value, static_cast<FloatObj*>(other.get())->value) == 0;
    }
    dec::Number b;
    if (!operand(other, b)) return -2;
    return dec::equal(value, b) ? 1 : 0;
}

bool DecimalObj::order(Interp& in, const Ref& other, int& result) {
    int c;
    if (other->kind == Kind::kFloat) {
        dec::Context fc = op_context(in);
        fc.flags |= dec::kFloatOperation;
        if (!signal(in, fc)) return false;
        c = dec::compare_with_double(value, static_cast<FloatObj*>(other.get())->value);
    } else {
        dec::Number b;
        if (!operand(other, b)) return false;
        c = dec::compare(value, b);
    }
    if (c == 2) {
        // Ordering a NaN signals InvalidOperation, which the default context traps.
        raise_condition(in, "InvalidOperation", {"InvalidOperation"});
        return false;
    }
    result = c;
    return true;
}

Ref DecimalObj::binop(Interp& in, int op, const Ref& other, bool reflected) {
    dec::Number o;
    if (!operand(other, o)) return nullptr;
    const dec::Number& a = reflected ? o : value;
    const dec::Number& b = reflected ? value : o;
    dec::Context ctx = op_context(in);
    dec::Number r;
    switch (static_cast<py::BinOpKind>(op)) {
        case py::BinOpKind::kAdd: r = dec::add(a, b, ctx); break;
        case py::BinOpKind::kSub: r = dec::subtract(a, b, ctx); break;
        case py::BinOpKind::kMult: r = dec::multiply(a, b, ctx); break;
        case py::BinOpKind::kDiv: r = dec::divide(a, b, ctx); break;
        case py::BinOpKind::kFloorDiv: r = dec::divide_int(a, b, ctx); break;
        case py::BinOpKind::kMod: r = dec::remainder(a, b, ctx); break;
        case py::BinOpKind::kPow: r = dec::power(a, b, ctx); break;
        default: return nullptr;
    }
    return finish(in, std::move(r), ctx);
}

Ref DecimalObj::unary(Interp& in, int op) {
    dec::Context ctx = op_context(in);
    if (op == 100) return finish(in, dec::abs(value, ctx), ctx);  // abs()
    switch (static_cast<py::UnaryOpKind>(op)) {
        case py::UnaryOpKind::kUSub: return finish(in, dec::minus(value, ctx), ctx);
        case py::UnaryOpKind::kUAdd: return finish(in, dec::plus(value, ctx), ctx);
        default: return nullptr;
    }
}

bool DecimalObj::hash(Interp& in, uint64_t& out) {
    // Equal numbers hash alike across int, float and Decimal (Interp::hash hashes an int as its
    // value and an integral float as that int; other floats by their bits).
    if (value.special == dec::Number::Special::kSNaN) {
        in.type_error("Cannot hash a signaling NaN value");
        return false;
    }
    if (value.is_finite()) {
        int64_t i;
        bool overflow = false;
        dec::Context ctx = op_context(in);
        dec::Number integral = dec::to_integral_value(value, dec::Rounding::kDown, ctx);
        if (dec::equal(integral, value) && dec::to_int64(value, i, overflow)) {
            out = static_cast<uint64_t>(i);
            return true;
        }
        double d = dec::to_double(value);
        if (dec::compare_with_double(value, d) == 0) {
            std::memcpy(&out, &d, sizeof out);
            return true;
        }
    } else if (value.special == dec::Number::Special::kInfinity) {
        double d = value.negative ? -INFINITY : INFINITY;
        std::memcpy(&out, &d, sizeof out);
        return true;
    }
    out = static_cast<uint64_t>(dec::python_hash(value));
    return true;
}

bool DecimalObj::python_hash(Interp&, int64_t& out) {
    if (value.is_nan()) return false;  // hashed by identity in CPython 3.10+
    out = dec::python_hash(value);
    return true;
}

Ref DecimalObj::getattr(Interp& in, const std::string& name) {
    if (name == "__class__") {
        if (ClassRef c = module_class(in, "Decimal")) return c;
        return in.cls_object;
    }
    if (name == "real") return shared_from_this();
    if (name == "imag") return make_decimal(dec::from_int(0));
    Ref self = shared_from_this();
    using Body = std::function<Ref(Interp&, const dec::Number&, Args&)>;
    auto m = [&](Body body) {
        return method(name, self, [body](Interp& in, Ref& me, Args& a) -> Ref {
            return body(in, static_cast<DecimalObj*>(me.get())->value, a);
        });
    };
    auto no_args = [&](std::function<Ref(Interp&, const dec::Number&)> body) {
        std::string n = name;
        return m([n, body](Interp& in, const dec::Number& v, Args& a) -> Ref {
            if (!check_args(in, n, a, 0, 0)) return nullptr;
            return body(in, v);
        });
    };
    auto with_context = [&](std::function<dec::Number(const dec::Number&, dec::Context&)> op) {
        std::string n = name;
        return m([n, op](Interp& in, const dec::Number& v, Args& a) -> Ref {
            std::vector<Ref> args;
            if (!bind(in, n, a, {"context"}, args) || !context_arg(in, args[0])) return nullptr;
            dec::Context ctx = op_context(in);
            dec::Number r = op(v, ctx);
            return finish(in, std::move(r), ctx);
        });
    };
    if (name == "quantize")
        return m([](Interp& in, const dec::Number& v, Args& a) -> Ref {
            std::vector<Ref> args;
            if (!bind(in, "quantize", a, {"exp", "rounding", "context"}, args, 1)) return nullptr;
            dec::Number exp;
            dec::Rounding r;
            if (!method_operand(in, args[0], exp) || !rounding_arg(in, args[1], r) || !context_arg(in, args[2])) return nullptr;
            dec::Context ctx = op_context(in);
            dec::Number q = dec::quantize(v, exp, r, ctx);
            return finish(in, std::move(q), ctx);
        });
    if (name == "to_integral_value" || name == "to_integral" || name == "to_integral_exact") {
        std::string n = name;
        return m([n](Interp& in, const dec::Number& v, Args& a) -> Ref {
            std::vector<Ref> args;
            dec::Rounding r;
            if (!bind(in, n, a, {"rounding", "context"}, args) || !rounding_arg(in, args[0], r) || !context_arg(in, args[1]))
                return nullptr;
            dec::Context ctx = op_context(in);
            dec::Number q = dec::to_integral_value(v, r, ctx);
            return finish(in, std::move(q), ctx);
        });
    }
    if (name == "normalize") return with_context([](const dec::Number& v, dec::Context& c) { return dec::normalize(v, c); });
    if (name == "sqrt") return with_context([](const dec::Number& v, dec::Context& c) { return dec::sqrt(v, c); });
    if (name == "copy_abs")
        return no_args([](Interp&, const dec::Number& v) {
            dec::Number r = v;
            r.negative = false;
            return make_decimal(std::move(r));
        });
    if (name == "copy_negate")
        return no_args([](Interp&, const dec::Number& v) {
            dec::Number r = v;
            r.negative = !r.negative;
            return make_decimal(std::move(r));
        });
    if (name == "as_tuple") return no_args([](Interp&, const dec::Number& v) { return decimal_tuple(v); });
    if (name == "adjusted") return no_args([](Interp&, const dec::Number& v) { return Interp::integer(v.adjusted()); });
    if (name == "is_zero") return no_args([](Interp& in, const dec::Number& v) -> Ref { return in.boolean(v.is_zero()); });
    if (name == "is_signed") return no_args([](Interp& in, const dec::Number& v) -> Ref { return in.boolean(v.negative); });
    if (name == "is_nan") return no_args([](Interp& in, const dec::Number& v) -> Ref { return in.boolean(v.is_nan()); });
    if (name == "is_qnan")
        return no_args([](Interp& in, const dec::Number& v) -> Ref { return in.boolean(v.special == dec::Number::Special::kNaN); });
    if (name == "is_snan")
        return no_args([](Interp& in, const dec::Number& v) -> Ref { return in.boolean(v.special == dec::Number::Special::kSNaN); });
    if (name == "is_infinite")
        return no_args([](Interp& in, const dec::Number& v) -> Ref { return in.boolean(v.special == dec::Number::Special::kInfinity); });
    if (name == "is_finite") return no_args([](Interp& in, const dec::Number& v) -> Ref { return in.boolean(v.is_finite()); });
    if (name == "to_eng_string") return no_args([](Interp&, const dec::Number& v) { return Interp::string(dec::to_eng_string(v)); });
    if (name == "scaleb")
        return m([](Interp& in, const dec::Number& v, Args& a) -> Ref {
            std::vector<Ref> args;
            if (!bind(in, "scaleb", a, {"other", "context"}, args, 1) || !context_arg(in, args[1])) return nullptr;
            dec::Number k;
            if (!method_operand(in, args[0], k)) return nullptr;
            bool overflow = false;
            int64_t shift = 0;
            dec::Context ctx = op_context(in);
            if (!k.is_finite() || k.exponent != 0 || !dec::to_int64(k, shift, overflow)) {
                ctx.flags |= dec::kInvalidOperation;
                return finish(in, dec::Number{}, ctx);
            }
            dec::Number r = dec::scaleb(v, shift, ctx);
            return finish(in, std::move(r), ctx);
        });
    if (name == "__int__" || name == "__trunc__")
        return no_args([](Interp& in, const dec::Number& v) -> Ref { return integral_method(in, v, dec::Rounding::kDown); });
    if (name == "__floor__")
        return no_args([](Interp& in, const dec::Number& v) -> Ref { return integral_method(in, v, dec::Rounding::kFloor); });
    if (name == "__ceil__")
        return no_args([](Interp& in, const dec::Number& v) -> Ref { return integral_method(in, v, dec::Rounding::kCeiling); });
    if (name == "__float__")
        return no_args([](Interp& in, const dec::Number& v) -> Ref {
            if (v.special == dec::Number::Special::kSNaN) return in.value_error("cannot convert signaling NaN to float");
            return Interp::floating(dec::to_double(v));
        });
    if (name == "__round__")
        return m([](Interp& in, const dec::Number& v, Args& a) -> Ref {
            if (!check_args(in, "__round__", a, 0, 1)) return nullptr;
            if (a.pos.empty() || a.pos[0]->kind == Kind::kNone) {
                // round(d): an int, half to even.
                return integral_method(in, v, dec::Rounding::kHalfEven);
            }
            if (a.pos[0]->kind != Kind::kInt) return in.type_error("optional arg must be an integer");
            // round(d, n): quantize to 1E-n.
            dec::Number exp = dec::from_int(1);
            exp.exponent = -static_cast<IntObj*>(a.pos[0].get())->value;
            dec::Context ctx = op_context(in);
            dec::Number q = dec::quantize(v, exp, dec::Rounding::kHalfEven, ctx);
            return finish(in, std::move(q), ctx);
        });
    if (name == "__format__")
        return m([](Interp& in, const dec::Number& v, Args& a) -> Ref {
            if (!check_args(in, "__format__", a, 1, 1)) return nullptr;
            auto* spec = as<StrObj>(a.pos[0]);
            if (!spec) return in.type_error("format spec must be a string");
            std::string out, error;
            if (!dec::format(v, spec->value, out, error)) return in.value_error(error);
            return Interp::string(std::move(out));
        });
    return in.attribute_error(*this, name);
}

// ------------------------------------------------------------------------- the module

namespace {

ClassRef exception_class(const std::string& name, std::vector<ClassRef> bases) {
    auto c = std::make_shared<ClassObj>(name, "decimal", std::move(bases));
    c->is_exception = true;
    std::weak_ptr<ClassObj> weak = c;
    c->construct = [weak](Interp&, Args& a) -> Ref { return std::make_shared<ExceptionObj>(weak.lock(), a.pos); };
    return c;
}

Ref context_method(Interp& in, const std::shared_ptr<ContextObj>& self, const std::string& name) {
    Ref me = self;
    if (name == "create_decimal" || name == "create_decimal_from_float") {
        const bool from_float = name == "create_decimal_from_float";
        return method(name, me, [from_float, name](Interp& in, Ref& me, Args& a) -> Ref {
            auto* c = static_cast<ContextObj*>(me.get());
            if (!check_args(in, name, a, from_float ? 1 : 0, 1)) return nullptr;
            dec::Number n;
            if (a.pos.empty()) {
                n = dec::from_int(0);
            } else if (from_float) {
                const Ref& x = a.pos[0];
                if (x->kind == Kind::kFloat) n = dec::from_double(static_cast<FloatObj*>(x.get())->value);
                else if (!operand(x, n)) return in.type_error("argument must be int or float");
            } else if (a.pos[0]->kind == Kind::kFloat) {
                n = dec::from_double(static_cast<FloatObj*>(a.pos[0].get())->value);
            } else if (!decimal_from_object(in, a.pos[0], n)) {
                return nullptr;
            }
            // The context's rounding applies; its flags collect what happened.
            dec::Context ctx = c->ctx;
            ctx.flags = 0;
            if (!from_float && a.pos[0]->kind == Kind::kFloat) ctx.flags |= dec::kFloatOperation;
            dec::Number r = dec::round_to_context(n, ctx);
            c->ctx.flags |= ctx.flags;
            if (!raise_trapped(in, ctx.flags, c->ctx.traps)) return nullptr;
            return make_decimal(std::move(r));
        });
    }
    if (name == "copy")
        return method(name, me, [](Interp&, Ref& me, Args&) -> Ref {
            return std::make_shared<ContextObj>(static_cast<ContextObj*>(me.get())->ctx);
        });
    if (name == "clear_flags" || name == "clear_traps") {
        const bool traps = name == "clear_traps";
        return method(name, me, [traps](Interp& in, Ref& me, Args&) -> Ref {
            auto* c = static_cast<ContextObj*>(me.get());
            (traps ? c->ctx.traps : c->ctx.flags) = 0;
            return in.None;
        });
    }
    return nullptr;
}

Ref ContextObj::getattr(Interp& in, const std::string& name) {
    if (name == "prec") return Interp::integer(ctx.prec);
    if (name == "rounding") return Interp::string(rounding_name(ctx.rounding));
    if (name == "Emax") return Interp::integer(ctx.emax);
    if (name == "Emin") return Interp::integer(ctx.emin);
    if (name == "capitals") return Interp::integer(1);
    if (name == "clamp") return Interp::integer(ctx.clamp);
    auto self = std::static_pointer_cast<ContextObj>(shared_from_this());
    if (name == "flags" || name == "traps") return std::make_shared<SignalDictObj>(self, name == "traps");
    if (name == "__class__") {
        if (ClassRef c = module_class(in, "Context")) return c;
        return in.cls_object;
    }
    if (Ref m = context_method(in, self, name)) return m;
    return in.attribute_error(*this, name);
}

bool ContextObj::setattr(Interp& in, const std::string& name, Ref value) {
    auto integer = [&](int64_t& out) {
        if (value->kind != Kind::kInt) return in.type_error("an integer is required"), false;
        out = static_cast<IntObj*>(value.get())->value;
        return true;
    };
    int64_t v;
    if (name == "prec") {
        if (!integer(v)) return false;
        if (v < 1 || v > kMaxPrec) return in.value_error("valid range for prec is [1, MAX_PREC]"), false;
        ctx.prec = v;
        return true;
    }
    if (name == "rounding") {
        dec::Rounding r;
        if (!value || value->kind == Kind::kNone || !rounding_arg(in, value, r)) {
            if (!in.pending()) rounding_arg(in, Interp::string(""), r);
            return false;
        }
        ctx.rounding = r;
        return true;
    }
    if (name == "Emax") {
        if (!integer(v)) return false;
        if (v < 0 || v > kMaxPrec) return in.value_error("valid range for Emax is [0, MAX_EMAX]"), false;
        ctx.emax = v;
        return true;
    }
    if (name == "Emin") {
        if (!integer(v)) return false;
        if (v > 0 || v < -kMaxPrec) return in.value_error("valid range for Emin is [MIN_EMIN, 0]"), false;
        ctx.emin = v;
        return true;
    }
    if (name == "clamp") {
        if (!integer(v)) return false;
        if (v != 0 && v != 1) return in.value_error("valid values for clamp are 0 or 1"), false;
        ctx.clamp = static_cast<int>(v);
        return true;
    }
    if (name == "capitals") {
        in.raise(in.NotImplementedError, "decimal.Context.capitals cannot be changed in gramlab (it is always 1)");
        return false;
    }
    if (name == "flags" || name == "traps") {
        in.raise(in.NotImplementedError, "assign to decimal.Context." + name + "[signal] in gramlab, not to the whole " + name);
        return false;
    }
    in.raise(in.AttributeError, "'decimal.Context' object has no attribute '" + name + "'");
    return false;
}

//! localcontext(ctx=None): a context manager running its block under a copy of the context.
class LocalContextObj final : public Object {
public:
    LocalContextObj(std::shared_ptr<ContextObj> c) : Object(Kind::kNative), copy(std::move(c)) {}
    std::shared_ptr<ContextObj> copy;
    Ref saved;
    std::string type_name() const override { return "decimal.ContextManager"; }
    bool repr(Interp&, std::string& out) override {
        out = "<decimal.ContextManager object at 0x7f0000000000>";
        return true;
    }
    Ref getattr(Interp& in, const std::string& name) override {
        Ref me = shared_from_this();
        if (name == "__enter__")
            return method(name, me, [](Interp& in, Ref& me, Args&) -> Ref {
                auto* l = static_cast<LocalContextObj*>(me.get());
                ModuleObj* m = module(in);
                if (!m) return in.None;
                l->saved = current_context(in);
                m->attrs[kCurrentContextKey] = l->copy;
                return l->copy;
            });
        if (name == "__exit__")
            return method(name, me, [](Interp& in, Ref& me, Args&) -> Ref {
                auto* l = static_cast<LocalContextObj*>(me.get());
                if (ModuleObj* m = module(in); m && l->saved) m->attrs[kCurrentContextKey] = l->saved;
                return in.False;
            });
        return in.attribute_error(*this, name);
    }
};

Ref build_decimal_module(Interp& in) {
    auto m = std::make_shared<ModuleObj>("decimal");
    auto decimal_class = std::make_shared<ClassObj>("Decimal", "decimal", std::vector<ClassRef>{in.cls_object});
    decimal_class->construct = [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> args;
        if (!bind(in, "Decimal", a, {"value", "context"}, args)) return nullptr;
        if (args[1] && args[1]->kind != Kind::kNone) return in.type_error("optional argument must be a context");
        dec::Number n;
        if (!args[0]) return make_decimal(dec::from_int(0));
        if (!decimal_from_object(in, args[0], n)) return nullptr;
        return make_decimal(std::move(n));
    };
    auto from_float = std::make_shared<BuiltinObj>("from_float", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "from_float", a, 1, 1)) return nullptr;
        const Ref& x = a.pos[0];
        if (x->kind == Kind::kFloat) return make_decimal(dec::from_double(static_cast<FloatObj*>(x.get())->value));
        if (x->kind == Kind::kInt || x->kind == Kind::kBool) {
            dec::Number n;
            operand(x, n);
            return make_decimal(std::move(n));
        }
        return in.type_error("argument must be int or float");
    });
    decimal_class->dict["from_float"] = from_float;
    m->attrs["Decimal"] = decimal_class;
    for (size_t i = 0; i < 8; ++i) m->attrs[kRoundingNames[i]] = Interp::string(kRoundingNames[i]);

    // The signal classes and their bases, as decimal.py declares them.
    ClassRef base = exception_class("DecimalException", {in.ArithmeticError});
    ClassRef clamped = exception_class("Clamped", {base});
    ClassRef invalid = exception_class("InvalidOperation", {base});
    ClassRef syntax = exception_class("ConversionSyntax", {invalid});
    ClassRef by_zero = exception_class("DivisionByZero", {base, in.ZeroDivisionError});
    ClassRef impossible = exception_class("DivisionImpossible", {invalid});
    ClassRef undefined = exception_class("DivisionUndefined", {invalid, in.ZeroDivisionError});
    ClassRef inexact = exception_class("Inexact", {base});
    ClassRef context = exception_class("InvalidContext", {invalid});
    ClassRef rounded = exception_class("Rounded", {base});
    ClassRef subnormal = exception_class("Subnormal", {base});
    ClassRef overflow = exception_class("Overflow", {inexact, rounded});
    ClassRef underflow = exception_class("Underflow", {inexact, rounded, subnormal});
    ClassRef float_op = exception_class("FloatOperation", {base, in.TypeError});
    for (const ClassRef& c : {base, clamped, invalid, syntax, by_zero, impossible, undefined, inexact, context, rounded,
                              subnormal, overflow, underflow, float_op})
        m->attrs[c->name] = c;
    // Contexts: getcontext() is the interpreter's (made on first use), setcontext() replaces
    // it, localcontext() lends a copy to a `with` block, Context(...) makes one.
    auto context_class = std::make_shared<ClassObj>("Context", "decimal", std::vector<ClassRef>{in.cls_object});
    context_class->construct = [](Interp& in, Args& a) -> Ref {
        auto c = std::make_shared<ContextObj>(dec::Context{});
        const char* names[] = {"prec", "rounding", "Emin", "Emax", "capitals", "clamp"};
        if (a.pos.size() > 6) return in.type_error("Context() takes at most 8 arguments (" + std::to_string(a.pos.size()) + " given)");
        for (size_t i = 0; i < a.pos.size(); ++i)
            if (a.pos[i]->kind != Kind::kNone && !c->setattr(in, names[i], a.pos[i])) return nullptr;
        for (const auto& kv : a.kw) {
            if (kv.second->kind == Kind::kNone) continue;
            if (kv.first == "flags" || kv.first == "traps") {
                // A list of signal classes, as Context(traps=[Inexact]) takes.
                std::vector<Ref> items;
                if (!in.iterate(kv.second, items)) return nullptr;
                auto d = std::make_shared<SignalDictObj>(c, kv.first == "traps");
                d->bits() = 0;
                for (const auto& x : items)
                    if (!d->setitem(in, x, in.True)) return nullptr;
                continue;
            }
            if (!c->setattr(in, kv.first, kv.second)) {
                if (in.pending_is(in.AttributeError)) {
                    in.exc = nullptr;
                    return in.type_error("'" + kv.first + "' is an invalid keyword argument for Context()");
                }
                return nullptr;
            }
        }
        return c;
    };
    m->attrs["Context"] = context_class;
    m->attrs["getcontext"] = std::make_shared<BuiltinObj>("getcontext", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "getcontext", a, 0, 0)) return nullptr;
        return current_context(in);
    });
    m->attrs["setcontext"] = std::make_shared<BuiltinObj>("setcontext", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "setcontext", a, 1, 1)) return nullptr;
        auto c = std::dynamic_pointer_cast<ContextObj>(a.pos[0]);
        if (!c) return in.type_error("argument must be a context");
        if (ModuleObj* mod = module(in)) mod->attrs[kCurrentContextKey] = c;
        return in.None;
    });
    m->attrs["localcontext"] = std::make_shared<BuiltinObj>("localcontext", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> args;
        if (!bind(in, "localcontext", a, {"ctx"}, args)) return nullptr;
        std::shared_ptr<ContextObj> base = current_context(in);
        if (args[0] && args[0]->kind != Kind::kNone) {
            base = std::dynamic_pointer_cast<ContextObj>(args[0]);
            if (!base) return in.type_error("optional argument must be a context");
        }
        return std::make_shared<LocalContextObj>(std::make_shared<ContextObj>(base->ctx));
    });
    m->attrs["MAX_PREC"] = Interp::integer(kMaxPrec);
    m->attrs["MAX_EMAX"] = Interp::integer(kMaxPrec);
    m->attrs["MIN_EMIN"] = Interp::integer(-kMaxPrec);
    return m;
}

}  // namespace

void install_decimal_module(Interp& in) { in.module_factories["decimal"] = build_decimal_module; }

}  // namespace gramlab::shell

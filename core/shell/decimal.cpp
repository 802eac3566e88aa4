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

dec::Context default_context() { return dec::Context{}; }

//! An operand of arithmetic: Decimal, int or bool (float and the rest: NotImplemented).
bool operand(const Ref& o, dec::Number& out) {
    if (auto* d = as<DecimalObj>(o)) { out = d->value; return true; }
    if (o->kind == Kind::kInt) { out = dec::from_int(static_cast<IntObj*>(o.get())->value); return true; }
    if (o->kind == Kind::kBool) { out = dec::from_int(static_cast<BoolObj*>(o.get())->value ? 1 : 0); return true; }
    return false;
}

Ref finish(Interp& in, dec::Number n, const dec::Context& ctx) {
    if (!check_decimal_signals(in, ctx.flags)) return nullptr;
    return make_decimal(std::move(n));
}

//! rounding= argument: one of the ROUND_* strings, or None for the context's.
bool rounding_arg(Interp& in, const Ref& r, dec::Rounding& out) {
    if (!r || r->kind == Kind::kNone) { out = dec::Rounding::kHalfEven; return true; }
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
    dec::Context ctx = default_context();
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

bool check_decimal_signals(Interp& in, unsigned flags) {
    const unsigned invalid = dec::kInvalidOperation | dec::kConversionSyntax | dec::kDivisionImpossible | dec::kDivisionUndefined;
    if (flags & invalid) {
        std::vector<const char*> listed;
        if (flags & dec::kConversionSyntax) listed.push_back("ConversionSyntax");
        if (flags & dec::kDivisionImpossible) listed.push_back("DivisionImpossible");
        if (flags & dec::kDivisionUndefined) listed.push_back("DivisionUndefined");
        if (listed.empty()) listed.push_back("InvalidOperation");
        raise_condition(in, "InvalidOperation", listed);
        return false;
    }
    if (flags & dec::kDivisionByZero) {
        raise_condition(in, "DivisionByZero", {"DivisionByZero"});
        return false;
    }
    if (flags & dec::kOverflow) {
        raise_condition(in, "Overflow", {"Overflow"});
        return false;
    }
    return true;
}

bool decimal_from_object(Interp& in, const Ref& v, dec::Number& out) {
    switch (v->kind) {
        case Kind::kDecimal: out = static_cast<DecimalObj*>(v.get())->value; return true;
        case Kind::kInt: out = dec::from_int(static_cast<IntObj*>(v.get())->value); return true;
        case Kind::kBool: out = dec::from_int(static_cast<BoolObj*>(v.get())->value ? 1 : 0); return true;
        case Kind::kFloat: out = dec::from_double(static_cast<FloatObj*>(v.get())->value); return true;
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

int DecimalObj::eq(Interp&, const Ref& other) {
    if (other->kind == Kind::kFloat) return dec::compare_with_double(value, static_cast<FloatObj*>(other.get())->value) == 0;
    dec::Number b;
    if (!operand(other, b)) return -2;
    return dec::equal(value, b) ? 1 : 0;
}

bool DecimalObj::order(Interp& in, const Ref& other, int& result) {
    int c;
    if (other->kind == Kind::kFloat) {
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
    dec::Context ctx = default_context();
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
    dec::Context ctx = default_context();
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
        dec::Context ctx = default_context();
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
            dec::Context ctx = default_context();
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
            dec::Context ctx = default_context();
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
            dec::Context ctx = default_context();
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
            dec::Context ctx = default_context();
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
            dec::Context ctx = default_context();
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
    // Names Python's module has that gramlab does not implement: importing them says so.
    for (const char* missing : {"getcontext", "setcontext", "localcontext", "Context", "BasicContext", "ExtendedContext",
                                "DefaultContext"}) {
        std::string n = missing;
        m->attrs[n] = std::make_shared<BuiltinObj>(n, [n](Interp& in, Args&) -> Ref {
            return in.raise(in.NotImplementedError, "decimal." + n + " is not supported in gramlab: arithmetic uses "
                                                    "Python's default context (28 digits, ROUND_HALF_EVEN)");
        });
    }
    return m;
}

}  // namespace

void install_decimal_module(Interp& in) { in.module_factories["decimal"] = build_decimal_module; }

}  // namespace gramlab::shell

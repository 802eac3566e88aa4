// The `math` module (see math_module.hpp): C's <cmath> behind CPython's argument checks,
// domain errors ("math domain error") and int results for floor/ceil/trunc.
#include "core/shell/math_module.hpp"

#include <cmath>
#include <numeric>

#include "core/shell/bound_method.hpp"

namespace gramlab::shell {

namespace {

//! A real number argument: int, bool or float; TypeError "must be real number, not str".
bool real_arg(Interp& in, const Ref& x, double& out) {
    switch (x->kind) {
        case Kind::kInt: out = static_cast<double>(static_cast<IntObj*>(x.get())->value); return true;
        case Kind::kBool: out = static_cast<BoolObj*>(x.get())->value ? 1.0 : 0.0; return true;
        case Kind::kFloat: out = static_cast<FloatObj*>(x.get())->value; return true;
        case Kind::kDecimal: {
            // float(d) through Decimal.__float__, as PyFloat_AsDouble does.
            Ref m = x->getattr(in, "__float__");
            Ref f = m ? in.call(m, std::vector<Ref>{}) : nullptr;
            if (!f) return false;
            out = static_cast<FloatObj*>(f.get())->value;
            return true;
        }
        default: in.type_error("must be real number, not " + x->type_name()); return false;
    }
}

//! An integer argument: TypeError "'float' object cannot be interpreted as an integer".
bool int_arg(Interp& in, const Ref& x, int64_t& out) {
    if (x->kind == Kind::kInt) { out = static_cast<IntObj*>(x.get())->value; return true; }
    if (x->kind == Kind::kBool) { out = static_cast<BoolObj*>(x.get())->value; return true; }
    in.type_error("'" + x->type_name() + "' object cannot be interpreted as an integer");
    return false;
}

//! METH_O functions: "math.floor() takes exactly one argument (0 given)".
bool one(Interp& in, const std::string& name, const Args& a) {
    if (!a.kw.empty()) return in.type_error("math." + name + "() takes no keyword arguments"), false;
    if (a.pos.size() != 1)
        return in.type_error("math." + name + "() takes exactly one argument (" + std::to_string(a.pos.size()) + " given)"), false;
    return true;
}

Ref domain_error(Interp& in) { return in.value_error("math domain error"); }

constexpr double kPi = 3.141592653589793;  // M_PI is not in every libc's strict C++ mode
constexpr double kE = 2.718281828459045;

}  // namespace

void install_math_module(Interp& in) {
    in.module_factories["math"] = [](Interp&) -> Ref {
        auto m = std::make_shared<ModuleObj>("math");
        auto def = [&m](const std::string& name, std::function<Ref(Interp&, Args&)> fn) {
            auto f = std::make_shared<BuiltinObj>(name, std::move(fn));
            m->attrs[name] = f;
        };
        m->attrs["pi"] = Interp::floating(kPi);
        m->attrs["e"] = Interp::floating(kE);
        m->attrs["tau"] = Interp::floating(2 * kPi);
        m->attrs["inf"] = Interp::floating(INFINITY);
        m->attrs["nan"] = Interp::floating(NAN);
        // floor/ceil/trunc: an int (an int argument comes back as it is).
        for (const char* name : {"floor", "ceil", "trunc"}) {
            std::string n = name;
            def(n, [n](Interp& in, Args& a) -> Ref {
                if (!one(in, n, a)) return nullptr;
                const Ref& x = a.pos[0];
                if (x->kind == Kind::kInt) return x;
                if (x->kind == Kind::kDecimal) {
                    // Decimal.__floor__ / __ceil__ / __trunc__: exact, an int.
                    Ref m = x->getattr(in, "__" + n + "__");
                    return m ? in.call(m, std::vector<Ref>{}) : nullptr;
                }
                double d;
                if (!real_arg(in, x, d)) return nullptr;
                double r = n == "floor" ? std::floor(d) : n == "ceil" ? std::ceil(d) : std::trunc(d);
                int64_t v;
                if (!in.float_to_int(r, v)) return nullptr;
                return Interp::integer(v);
            });
        }
        // One real argument, a float result; nullptr from `f` means "math domain error".
        struct Unary { const char* name; double (*f)(double); bool (*domain)(double); };
        static const Unary kUnary[] = {
            {"sqrt", [](double x) { return std::sqrt(x); }, [](double x) { return x >= 0 || std::isnan(x); }},
            {"exp", [](double x) { return std::exp(x); }, [](double) { return true; }},
            {"log10", [](double x) { return std::log10(x); }, [](double x) { return x > 0 || std::isnan(x); }},
            {"log2", [](double x) { return std::log2(x); }, [](double x) { return x > 0 || std::isnan(x); }},
            {"fabs", [](double x) { return std::fabs(x); }, [](double) { return true; }},
            {"sin", [](double x) { return std::sin(x); }, [](double x) { return !std::isinf(x); }},
            {"cos", [](double x) { return std::cos(x); }, [](double x) { return !std::isinf(x); }},
            {"tan", [](double x) { return std::tan(x); }, [](double x) { return !std::isinf(x); }},
            {"radians", [](double x) { return x * kPi / 180.0; }, [](double) { return true; }},
            {"degrees", [](double x) { return x * 180.0 / kPi; }, [](double) { return true; }},
        };
        for (const Unary& u : kUnary) {
            const Unary* up = &u;
            def(u.name, [up](Interp& in, Args& a) -> Ref {
                if (!one(in, up->name, a)) return nullptr;
                double d;
                if (!real_arg(in, a.pos[0], d)) return nullptr;
                if (!up->domain(d)) return domain_error(in);
                double r = up->f(d);
                if (std::isinf(r) && !std::isinf(d)) return in.raise(in.OverflowError, "math range error");
                return Interp::floating(r);
            });
        }
        for (const char* name : {"isnan", "isinf", "isfinite"}) {
            std::string n = name;
            def(n, [n](Interp& in, Args& a) -> Ref {
                if (!one(in, n, a)) return nullptr;
                double d;
                if (!real_arg(in, a.pos[0], d)) return nullptr;
                return in.boolean(n == "isnan" ? std::isnan(d) : n == "isinf" ? std::isinf(d) : std::isfinite(d));
            });
        }
        def("log", [](Interp& in, Args& a) -> Ref {
            if (a.pos.empty() || a.pos.size() > 2 || !a.kw.empty()) return in.type_error("math.log requires 1 to 2 arguments");
            double x, base = 0;
            if (!real_arg(in, a.pos[0], x)) return nullptr;
            if (a.pos.size() == 2 && !real_arg(in, a.pos[1], base)) return nullptr;
            if (!(x > 0) || (a.pos.size() == 2 && !(base > 0))) return domain_error(in);
            if (a.pos.size() == 1) return Interp::floating(std::log(x));
            if (base == 1.0) return in.raise(in.ZeroDivisionError, "float division by zero");
            return Interp::floating(std::log(x) / std::log(base));
        });
        def("pow", [](Interp& in, Args& a) -> Ref {
            if (a.pos.size() != 2 || !a.kw.empty()) return in.type_error("pow expected 2 arguments, got " + std::to_string(a.pos.size()));
            double x, y;
            if (!real_arg(in, a.pos[0], x) || !real_arg(in, a.pos[1], y)) return nullptr;
            if (x == 0 && y < 0) return domain_error(in);
            if (x < 0 && y != std::floor(y)) return domain_error(in);
            double r = std::pow(x, y);
            if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) return in.raise(in.OverflowError, "math range error");
            return Interp::floating(r);
        });
        def("hypot", [](Interp& in, Args& a) -> Ref {
            double acc = 0;
            for (const auto& x : a.pos) {
                double d;
                if (!real_arg(in, x, d)) return nullptr;
                acc = std::hypot(acc, d);
            }
            return Interp::floating(acc);
        });
        def("copysign", [](Interp& in, Args& a) -> Ref {
            if (a.pos.size() != 2) return in.type_error("copysign expected 2 arguments, got " + std::to_string(a.pos.size()));
            double x, y;
            if (!real_arg(in, a.pos[0], x) || !real_arg(in, a.pos[1], y)) return nullptr;
            return Interp::floating(std::copysign(x, y));
        });
        def("gcd", [](Interp& in, Args& a) -> Ref {
            int64_t g = 0;
            for (const auto& x : a.pos) {
                int64_t v;
                if (!int_arg(in, x, v)) return nullptr;
                g = std::gcd(g, v < 0 ? -v : v);
            }
            return Interp::integer(g);
        });
        def("factorial", [](Interp& in, Args& a) -> Ref {
            if (!one(in, "factorial", a)) return nullptr;
            int64_t n;
            if (!int_arg(in, a.pos[0], n)) return nullptr;
            if (n < 0) return in.value_error("factorial() not defined for negative values");
            int64_t r = 1;
            for (int64_t i = 2; i <= n; ++i)
                if (__builtin_mul_overflow(r, i, &r))
                    return in.raise(in.OverflowError, "integers beyond 64 bits are not supported in gramlab");
            return Interp::integer(r);
        });
        def("isclose", [](Interp& in, Args& a) -> Ref {
            if (a.pos.size() != 2)
                return in.type_error("isclose() takes exactly 2 positional arguments (" + std::to_string(a.pos.size()) + " given)");
            double x, y, rel = 1e-09, abs_tol = 0.0;
            if (!real_arg(in, a.pos[0], x) || !real_arg(in, a.pos[1], y)) return nullptr;
            for (const auto& kv : a.kw) {
                if (kv.first == "rel_tol") { if (!real_arg(in, kv.second, rel)) return nullptr; }
                else if (kv.first == "abs_tol") { if (!real_arg(in, kv.second, abs_tol)) return nullptr; }
                else return in.type_error("isclose() got an unexpected keyword argument '" + kv.first + "'");
            }
            if (rel < 0 || abs_tol < 0) return in.value_error("tolerances must be non-negative");
            if (x == y) return in.True;
            if (std::isinf(x) || std::isinf(y)) return in.False;
            double diff = std::fabs(y - x);
            return in.boolean(diff <= std::fabs(rel * y) || diff <= std::fabs(rel * x) || diff <= abs_tol);
        });
        def("prod", [](Interp& in, Args& a) -> Ref {
            if (a.pos.size() != 1) return in.type_error("prod() takes exactly 1 positional argument (" + std::to_string(a.pos.size()) + " given)");
            std::vector<Ref> items;
            if (!in.iterate(a.pos[0], items)) return nullptr;
            Ref acc = Interp::integer(1);
            for (const auto& kv : a.kw) {
                if (kv.first != "start") return in.type_error("prod() got an unexpected keyword argument '" + kv.first + "'");
                acc = kv.second;
            }
            for (const auto& x : items) {
                acc = in.binop(py::BinOpKind::kMult, acc, x);
                if (!acc) return nullptr;
            }
            return acc;
        });
        return m;
    };
}

}  // namespace gramlab::shell

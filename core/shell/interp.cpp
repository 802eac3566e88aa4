// The interpreter's state and Python's generic operations (equality, ordering, arithmetic,
// truthiness, hashing, attribute access), with CPython 3.11's error messages.
#include "core/shell/interp.hpp"

#include "core/common/heap.hpp"
#include "core/shell/django_names.hpp"

#include <cmath>
#include <cstring>
#include <set>

#include "core/models/value.hpp"
#include "core/orm/runtime.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/collections_module.hpp"
#include "core/shell/function.hpp"
#include "core/shell/set_ops.hpp"
#include "core/shell/text.hpp"

namespace gramlab::shell {

namespace {

ClassRef exc_class(const std::string& name, std::vector<ClassRef> bases) {
    auto c = std::make_shared<ClassObj>(name, "builtins", std::move(bases));
    c->is_exception = true;
    return c;
}

const char* op_symbol(py::BinOpKind op) {
    switch (op) {
        case py::BinOpKind::kAdd: return "+";
        case py::BinOpKind::kSub: return "-";
        case py::BinOpKind::kMult: return "*";
        case py::BinOpKind::kDiv: return "/";
        case py::BinOpKind::kFloorDiv: return "//";
        case py::BinOpKind::kMod: return "%";
        case py::BinOpKind::kPow: return "** or pow()";
        case py::BinOpKind::kMatMult: return "@";
        case py::BinOpKind::kBitAnd: return "&";
        case py::BinOpKind::kBitOr: return "|";
        case py::BinOpKind::kBitXor: return "^";
        case py::BinOpKind::kLShift: return "<<";
        case py::BinOpKind::kRShift: return ">>";
    }
    return "?";
}

bool is_number(const Ref& r) { return r->kind == Kind::kInt || r->kind == Kind::kBool || r->kind == Kind::kFloat; }
bool is_intlike(const Ref& r) { return r->kind == Kind::kInt || r->kind == Kind::kBool; }
int64_t int_of(const Ref& r) {
    return r->kind == Kind::kBool ? static_cast<BoolObj*>(r.get())->value : static_cast<IntObj*>(r.get())->value;
}
double float_of(const Ref& r) {
    return r->kind == Kind::kFloat ? static_cast<FloatObj*>(r.get())->value : static_cast<double>(int_of(r));
}

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

}  // namespace

Interp::Interp() {
    None = std::make_shared<NoneObj>();
    True = std::make_shared<BoolObj>(true);
    False = std::make_shared<BoolObj>(false);

    BaseException = exc_class("BaseException", {});
    Exception = exc_class("Exception", {BaseException});
    KeyboardInterrupt = exc_class("KeyboardInterrupt", {BaseException});
    TypeError = exc_class("TypeError", {Exception});
    ValueError = exc_class("ValueError", {Exception});
    UnicodeError = exc_class("UnicodeError", {ValueError});
    NameError = exc_class("NameError", {Exception});
    UnboundLocalError = exc_class("UnboundLocalError", {NameError});
    AttributeError = exc_class("AttributeError", {Exception});
    LookupError = exc_class("LookupError", {Exception});
    KeyError = exc_class("KeyError", {LookupError});
    IndexError = exc_class("IndexError", {LookupError});
    ArithmeticError = exc_class("ArithmeticError", {Exception});
    ZeroDivisionError = exc_class("ZeroDivisionError", {ArithmeticError});
    OverflowError = exc_class("OverflowError", {ArithmeticError});
    AssertionError = exc_class("AssertionError", {Exception});
    RuntimeError = exc_class("RuntimeError", {Exception});
    NotImplementedError = exc_class("NotImplementedError", {RuntimeError});
    RecursionError = exc_class("RecursionError", {RuntimeError});
    StopIteration = exc_class("StopIteration", {Exception});
    SyntaxError = exc_class("SyntaxError", {Exception});
    IndentationError = exc_class("IndentationError", {SyntaxError});
    ImportError = exc_class("ImportError", {Exception});
    ModuleNotFoundError = exc_class("ModuleNotFoundError", {ImportError});
    MemoryError = exc_class("MemoryError", {Exception});

    install_builtins(*this);
    orm = std::make_unique<orm::OrmRuntime>(*this);
}

namespace {

// Reference cycles the learner made (`a.append(a)`, `d['me'] = d`, `obj.me = obj`) are never
// freed by reference counting: at the end of the session every container reachable from its
// names is emptied, the way a last garbage collection would free them. Walked without
// recursion (a 100,000-deep nesting is fine), each object once.
void empty_reachable_containers(std::vector<Ref> roots) {
    std::vector<Ref> containers;
    std::set<const Object*> seen;
    std::vector<Ref> stack = std::move(roots);
    while (!stack.empty()) {
        Ref o = std::move(stack.back());
        stack.pop_back();
        if (!o || !seen.insert(o.get()).second) continue;
        if (auto* s = as<SeqObj>(o)) {
            for (const auto& x : s->items) stack.push_back(x);
        } else if (auto* d = as<DictObj>(o)) {
            for (const auto& kv : d->entries) {
                stack.push_back(kv.first);
                stack.push_back(kv.second);
            }
            stack.push_back(d->default_factory);
        } else if (auto* i = as<InstanceObj>(o)) {
            for (const auto& kv : i->dict) stack.push_back(kv.second);
        } else if (auto* f = as<FunctionObj>(o)) {
            for (const auto& x : f->defaults) stack.push_back(x);
            for (const auto& kv : f->kw_defaults) stack.push_back(kv.second);
        } else if (auto* b = as<BoundMethodObj>(o)) {
            stack.push_back(b->func);
            stack.push_back(b->self);
        } else if (auto* e = as<ExceptionObj>(o)) {
            for (const auto& x : e->args) stack.push_back(x);
        } else {
            continue;
        }
        containers.push_back(o);  // held until all are emptied: emptying one frees no other yet
    }
    for (auto& o : containers) {
        if (auto* s = as<SeqObj>(o)) s->items.clear();
        else if (auto* d = as<DictObj>(o)) {
            d->clear();
            d->default_factory = nullptr;
        } else if (auto* i = as<InstanceObj>(o)) i->dict.clear();
        else if (auto* f = as<FunctionObj>(o)) {
            f->defaults.clear();
            f->kw_defaults.clear();
        } else if (auto* b = as<BoundMethodObj>(o)) {
            b->func = nullptr;
            b->self = nullptr;
        } else if (auto* e = as<ExceptionObj>(o)) e->args.clear();
    }
}

}  // namespace

Interp::~Interp() {
    {
        std::vector<Ref> roots;
        for (auto& kv : globals) roots.push_back(kv.second);
        for (auto& kv : builtins) roots.push_back(kv.second);
        for (auto& kv : modules)
            if (auto* m = as<ModuleObj>(kv.second))
                for (auto& a : m->attrs) roots.push_back(a.second);
        roots.push_back(exc);
        for (auto& h : handling) roots.push_back(h);
        empty_reachable_containers(std::move(roots));
    }
    // Classes, their methods and module globals refer to each other through shared_ptrs:
    // break the cycles so everything is freed with the session.
    std::vector<ClassRef> classes = {BaseException, Exception, TypeError, ValueError, NameError, AttributeError, KeyError,
                                     IndexError, ZeroDivisionError, AssertionError, RuntimeError, NotImplementedError,
                                     StopIteration, SyntaxError, IndentationError, ImportError, ModuleNotFoundError,
                                     LookupError, ArithmeticError, OverflowError, UnboundLocalError, RecursionError,
                                     MemoryError, KeyboardInterrupt, UnicodeError, cls_int, cls_float, cls_str, cls_bool,
                                     cls_list, cls_tuple, cls_dict, cls_set, cls_object, cls_type};
    auto clear_value = [&](const Ref& v) {
        if (auto c = std::dynamic_pointer_cast<ClassObj>(v)) classes.push_back(c);
    };
    for (auto& kv : globals) clear_value(kv.second);
    for (auto& kv : builtins) clear_value(kv.second);
    for (auto& kv : modules)
        if (auto* m = as<ModuleObj>(kv.second))
            for (auto& a : m->attrs) clear_value(a.second);
    if (orm) orm->collect_classes(classes);
    for (auto& c : classes)
        if (c) c->drop_references();
    for (auto& w : cyclic_made_)
        if (Ref o = w.lock()) o->drop_references();
    cyclic_made_.clear();
    builtin_types_.clear();
    for (auto& kv : modules)
        if (auto* m = as<ModuleObj>(kv.second)) m->attrs.clear();
    globals.clear();
    builtins.clear();
    modules.clear();
    module_factories.clear();
    exc = nullptr;
    handling.clear();
    orm.reset();
}

bool Interp::float_to_int(double d, int64_t& out) {
    if (std::isnan(d)) return value_error("cannot convert float NaN to integer"), false;
    if (std::isinf(d)) return raise(OverflowError, "cannot convert float infinity to integer"), false;
    double t = std::trunc(d);
    // [-2^63, 2^63): exactly the doubles that convert without overflow.
    if (t < -9223372036854775808.0 || t >= 9223372036854775808.0)
        return raise(OverflowError, "integers beyond 64 bits are not supported in gramlab"), false;
    out = static_cast<int64_t>(t);
    return true;
}

Ref Interp::integer(int64_t v) {
    // CPython keeps one object for each of -5..256 (so `a is b` holds for them there too);
    // here it also spares an allocation for the counts and flags that fill query results.
    // IntObj is immutable, so sharing it is safe.
    constexpr int64_t kLow = -5, kHigh = 256;
    static const std::vector<Ref> small = [] {
        std::vector<Ref> v;
        for (int64_t i = kLow; i <= kHigh; ++i) v.push_back(std::make_shared<IntObj>(i));
        return v;
    }();
    if (v >= kLow && v <= kHigh) return small[static_cast<size_t>(v - kLow)];
    return std::make_shared<IntObj>(v);
}
Ref Interp::floating(double v) { return std::make_shared<FloatObj>(v); }
Ref Interp::string(std::string v) { return std::make_shared<StrObj>(std::move(v)); }
Ref Interp::list(std::vector<Ref> v) { return std::make_shared<SeqObj>(Kind::kList, std::move(v)); }
Ref Interp::tuple(std::vector<Ref> v) { return std::make_shared<SeqObj>(Kind::kTuple, std::move(v)); }
std::shared_ptr<DictObj> Interp::dict() { return std::make_shared<DictObj>(Kind::kDict); }

// ------------------------------------------------------------------------- exceptions

std::nullptr_t Interp::raise(const ClassRef& cls, const std::string& message) {
    std::vector<Ref> args;
    args.push_back(string(message));
    exc = std::make_shared<ExceptionObj>(cls, std::move(args));
    return nullptr;
}

std::nullptr_t Interp::raise_obj(Ref exception) {
    exc = std::move(exception);
    return nullptr;
}

std::nullptr_t Interp::attribute_error(const Object& o, const std::string& attr) {
    return raise(AttributeError, "'" + o.type_name() + "' object has no attribute '" + attr + "'");
}

std::nullptr_t Interp::not_supported(const std::string& what) {
    return raise(NotImplementedError, what + " is not supported in gramlab");
}

bool Interp::pending_is(const ClassRef& cls) const {
    auto* e = as<ExceptionObj>(exc);
    return e && e->cls->is_subclass_of(cls.get());
}

// ------------------------------------------------------------------------- calls

Ref Interp::call(const Ref& fn, Args& args) {
    if (!tick()) return nullptr;
    if (depth > budget.max_depth) return raise(RecursionError, "maximum recursion depth exceeded");
    ++depth;
    Ref r = fn->call(*this, args);
    --depth;
    return r;
}

Ref Interp::call_method_body(const Ref& fn, Ref self, Args& args) {
    // What call() of the bound method would do: the same step, depth and body.
    if (!tick()) return nullptr;
    if (depth > budget.max_depth) return raise(RecursionError, "maximum recursion depth exceeded");
    ++depth;
    Ref r = static_cast<BuiltinObj*>(fn.get())->method(*this, self, args);
    --depth;
    return r;
}

Ref Interp::call(const Ref& fn, std::vector<Ref> pos, KwArgs kw) {
    Args a;
    a.pos = std::move(pos);
    a.kw = std::move(kw);
    return call(fn, a);
}

Ref Interp::call_method(const Ref& obj, const std::string& name, std::vector<Ref> pos, KwArgs kw) {
    Ref m = getattr(obj, name);
    if (!m) return nullptr;
    return call(m, std::move(pos), std::move(kw));
}

// ------------------------------------------------------------------------- generic operations

bool Interp::repr(const Ref& o, std::string& out) { return o->repr(*this, out); }
bool Interp::str(const Ref& o, std::string& out) { return o->str(*this, out); }
int Interp::truthy(const Ref& o) { return o->truthy(*this); }
bool Interp::iterate(const Ref& o, std::vector<Ref>& items) { return o->iterate(*this, items); }
Ref Interp::getattr(const Ref& o, const std::string& name) { return o->getattr(*this, name); }

bool Interp::hash(const Ref& o, uint64_t& h) {
    switch (o->kind) {
        case Kind::kNone: h = 0x9e3779b9; return true;
        case Kind::kBool:
        case Kind::kInt: h = static_cast<uint64_t>(int_of(o)); return true;
        case Kind::kFloat: {
            double d = float_of(o);
            if (d == std::floor(d) && std::fabs(d) < 9e18) { h = static_cast<uint64_t>(static_cast<int64_t>(d)); return true; }
            uint64_t bits;
            std::memcpy(&bits, &d, sizeof bits);
            h = bits;
            return true;
        }
        case Kind::kStr: h = std::hash<std::string>()(static_cast<StrObj*>(o.get())->value); return true;
        case Kind::kBytes: h = std::hash<std::string>()(static_cast<BytesObj*>(o.get())->value); return true;
        case Kind::kDict:
        case Kind::kSet: type_error("unhashable type: '" + o->type_name() + "'"); return false;
        default: return o->hash(*this, h);
    }
}

int Interp::equals(const Ref& a, const Ref& b) {
    if (a.get() == b.get()) return 1;
    if (is_number(a) && is_number(b)) {
        if (is_intlike(a) && is_intlike(b)) return int_of(a) == int_of(b);
        return float_of(a) == float_of(b);
    }
    if (a->kind == Kind::kStr && b->kind == Kind::kStr)
        return static_cast<StrObj*>(a.get())->value == static_cast<StrObj*>(b.get())->value;
    if (a->kind == Kind::kBytes && b->kind == Kind::kBytes)
        return static_cast<BytesObj*>(a.get())->value == static_cast<BytesObj*>(b.get())->value;
    if ((a->kind == Kind::kList || a->kind == Kind::kTuple) && a->kind == b->kind) {
        auto& x = static_cast<SeqObj*>(a.get())->items;
        auto& y = static_cast<SeqObj*>(b.get())->items;
        if (x.size() != y.size()) return 0;
        for (size_t i = 0; i < x.size(); ++i) {
            int e = equals(x[i], y[i]);
            if (e != 1) return e;
        }
        return 1;
    }
    if ((a->kind == Kind::kDict || a->kind == Kind::kSet) && a->kind == b->kind) {
        auto* x = static_cast<DictObj*>(a.get());
        auto* y = static_cast<DictObj*>(b.get());
        if (x->entries.size() != y->entries.size()) return 0;
        for (const auto& kv : x->entries) {
            int64_t i = y->find(*this, kv.first);
            if (i == -2) return -1;
            if (i < 0) return 0;
            if (a->kind == Kind::kDict) {
                int e = equals(kv.second, y->entries[static_cast<size_t>(i)].second);
                if (e != 1) return e;
            }
        }
        return 1;
    }
    int r = a->eq(*this, b);
    if (r != -2) return r;
    r = b->eq(*this, a);
    if (r != -2) return r;
    return 0;
}

int Interp::less(const Ref& a, const Ref& b) {
    if (is_number(a) && is_number(b)) {
        if (is_intlike(a) && is_intlike(b)) return int_of(a) < int_of(b);
        return float_of(a) < float_of(b);
    }
    if (a->kind == Kind::kStr && b->kind == Kind::kStr)
        return static_cast<StrObj*>(a.get())->value < static_cast<StrObj*>(b.get())->value;
    if ((a->kind == Kind::kList || a->kind == Kind::kTuple) && a->kind == b->kind) {
        auto& x = static_cast<SeqObj*>(a.get())->items;
        auto& y = static_cast<SeqObj*>(b.get())->items;
        for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
            int e = equals(x[i], y[i]);
            if (e < 0) return -1;
            if (!e) return less(x[i], y[i]);
        }
        return x.size() < y.size();
    }
    int res;
    if (a->order(*this, b, res)) return res < 0;
    if (pending()) return -1;
    if (b->order(*this, a, res)) return res > 0;
    if (pending()) return -1;
    type_error("'<' not supported between instances of '" + a->type_name() + "' and '" + b->type_name() + "'");
    return -1;
}

Ref Interp::compare(py::CmpOpKind op, const Ref& a, const Ref& b) {
    auto unorderable = [&](const char* sym) {
        return type_error(std::string("'") + sym + "' not supported between instances of '" + a->type_name() + "' and '" +
                          b->type_name() + "'");
    };
    switch (op) {
        case py::CmpOpKind::kEq:
        case py::CmpOpKind::kNotEq: {
            int e = equals(a, b);
            if (e < 0) return nullptr;
            return boolean(op == py::CmpOpKind::kEq ? e == 1 : e == 0);
        }
        case py::CmpOpKind::kIs: return boolean(a.get() == b.get() || (a->kind == Kind::kNone && b->kind == Kind::kNone));
        case py::CmpOpKind::kIsNot: return boolean(!(a.get() == b.get() || (a->kind == Kind::kNone && b->kind == Kind::kNone)));
        case py::CmpOpKind::kIn:
        case py::CmpOpKind::kNotIn: {
            int c = b->contains(*this, a);
            if (c < 0) return nullptr;
            return boolean(op == py::CmpOpKind::kIn ? c == 1 : c == 0);
        }
        case py::CmpOpKind::kLt:
        case py::CmpOpKind::kGt:
        case py::CmpOpKind::kLtE:
        case py::CmpOpKind::kGtE: {
            const char* sym = op == py::CmpOpKind::kLt ? "<" : op == py::CmpOpKind::kGt ? ">" : op == py::CmpOpKind::kLtE ? "<=" : ">=";
            if (a->kind == Kind::kSet && b->kind == Kind::kSet) {
                int r = set_compare(*this, op, a, b);
                if (r == -1) return nullptr;
                return boolean(r == 1);
            }
            const Ref& x = (op == py::CmpOpKind::kLt || op == py::CmpOpKind::kLtE) ? a : b;
            const Ref& y = (op == py::CmpOpKind::kLt || op == py::CmpOpKind::kLtE) ? b : a;
            int lt = less(x, y);
            if (lt < 0) {
                if (pending_is(TypeError)) { exc = nullptr; return unorderable(sym); }
                return nullptr;
            }
            if (op == py::CmpOpKind::kLt || op == py::CmpOpKind::kGt) return boolean(lt == 1);
            if (lt) return True;
            int e = equals(a, b);
            if (e < 0) return nullptr;
            return boolean(e == 1);
        }
    }
    return nullptr;
}

Ref Interp::binop(py::BinOpKind op, const Ref& a, const Ref& b) {
    using B = py::BinOpKind;
    if (is_number(a) && is_number(b)) {
        bool ints = is_intlike(a) && is_intlike(b);
        if (ints) {
            int64_t x = int_of(a), y = int_of(b), r = 0;
            auto overflow = [&]() { return raise(OverflowError, "integers beyond 64 bits are not supported in gramlab"); };
            switch (op) {
                case B::kAdd: if (__builtin_add_overflow(x, y, &r)) return overflow(); return integer(r);
                case B::kSub: if (__builtin_sub_overflow(x, y, &r)) return overflow(); return integer(r);
                case B::kMult: if (__builtin_mul_overflow(x, y, &r)) return overflow(); return integer(r);
                case B::kDiv:
                    if (y == 0) return raise(ZeroDivisionError, "division by zero");
                    return floating(static_cast<double>(x) / static_cast<double>(y));
                case B::kFloorDiv:
                    if (y == 0) return raise(ZeroDivisionError, "integer division or modulo by zero");
                    return integer(floor_div(x, y));
                case B::kMod:
                    if (y == 0) return raise(ZeroDivisionError, "integer modulo by zero");
                    return integer(x - floor_div(x, y) * y);
                case B::kPow: {
                    if (y < 0) return floating(std::pow(static_cast<double>(x), static_cast<double>(y)));
                    int64_t acc = 1;
                    for (int64_t i = 0; i < y; ++i) {
                        if (__builtin_mul_overflow(acc, x, &acc)) return overflow();
                        if (acc == 0 || acc == 1) break;
                    }
                    return integer(acc);
                }
                case B::kBitAnd: return a->kind == Kind::kBool && b->kind == Kind::kBool ? boolean(x & y) : integer(x & y);
                case B::kBitOr: return a->kind == Kind::kBool && b->kind == Kind::kBool ? boolean(x | y) : integer(x | y);
                case B::kBitXor: return a->kind == Kind::kBool && b->kind == Kind::kBool ? boolean(x ^ y) : integer(x ^ y);
                case B::kLShift:
                    if (y < 0) return value_error("negative shift count");
                    if (y >= 63 || (x != 0 && (x << y) >> y != x)) return overflow();
                    return integer(x << y);
                case B::kRShift:
                    if (y < 0) return value_error("negative shift count");
                    return integer(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
                default: break;
            }
        } else {
            double x = float_of(a), y = float_of(b);
            switch (op) {
                case B::kAdd: return floating(x + y);
                case B::kSub: return floating(x - y);
                case B::kMult: return floating(x * y);
                case B::kDiv:
                    if (y == 0) return raise(ZeroDivisionError, "float division by zero");
                    return floating(x / y);
                case B::kFloorDiv:
                    if (y == 0) return raise(ZeroDivisionError, "float floor division by zero");
                    return floating(std::floor(x / y));
                case B::kMod: {
                    if (y == 0) return raise(ZeroDivisionError, "float modulo");
                    double m = std::fmod(x, y);
                    if (m != 0 && ((m < 0) != (y < 0))) m += y;
                    return floating(m);
                }
                case B::kPow: return floating(std::pow(x, y));
                default: break;
            }
        }
    }
    // Sequences and strings.
    if (op == B::kAdd && a->kind == Kind::kStr) {
        if (b->kind != Kind::kStr) return type_error("can only concatenate str (not \"" + b->type_name() + "\") to str");
        return string(static_cast<StrObj*>(a.get())->value + static_cast<StrObj*>(b.get())->value);
    }
    if (op == B::kAdd && a->kind == Kind::kBytes) {
        if (b->kind != Kind::kBytes) return type_error("can't concat " + b->type_name() + " to bytes");
        return std::make_shared<BytesObj>(static_cast<BytesObj*>(a.get())->value + static_cast<BytesObj*>(b.get())->value);
    }
    if (op == B::kAdd && (a->kind == Kind::kList || a->kind == Kind::kTuple) && !as<SeqObj>(a)->row_name.size()) {
        if (b->kind != a->kind)
            return type_error("can only concatenate " + a->type_name() + " (not \"" + b->type_name() + "\") to " + a->type_name());
        std::vector<Ref> v = static_cast<SeqObj*>(a.get())->items;
        for (const auto& x : static_cast<SeqObj*>(b.get())->items) v.push_back(x);
        return a->kind == Kind::kList ? list(std::move(v)) : tuple(std::move(v));
    }
    if (op == B::kMult) {
        const Ref* seq = nullptr;
        const Ref* n = nullptr;
        auto is_seq = [](const Ref& x) {
            return x->kind == Kind::kStr || x->kind == Kind::kBytes || x->kind == Kind::kList || x->kind == Kind::kTuple;
        };
        if (is_seq(a)) { seq = &a; n = &b; }
        else if (is_seq(b)) { seq = &b; n = &a; }
        if (seq) {
            if (!is_intlike(*n)) return type_error("can't multiply sequence by non-int of type '" + (*n)->type_name() + "'");
            int64_t times = std::max<int64_t>(0, int_of(*n));
            if ((*seq)->kind == Kind::kStr || (*seq)->kind == Kind::kBytes) {
                const bool text = (*seq)->kind == Kind::kStr;
                const std::string& s = text ? static_cast<StrObj*>(seq->get())->value : static_cast<BytesObj*>(seq->get())->value;
                if (static_cast<double>(s.size()) * static_cast<double>(times) > static_cast<double>(budget.memory_bytes))
                    return raise(MemoryError, "the result would exceed the shell's memory budget");
                std::string r;
                r.reserve(s.size() * static_cast<size_t>(times));
                for (int64_t i = 0; i < times; ++i) r += s;
                if (text) return string(std::move(r));
                return std::make_shared<BytesObj>(std::move(r));
            }
            const auto& items = static_cast<SeqObj*>(seq->get())->items;
            if (static_cast<double>(items.size()) * static_cast<double>(times) * 16 > static_cast<double>(budget.memory_bytes))
                return raise(MemoryError, "the result would exceed the shell's memory budget");
            std::vector<Ref> v;
            for (int64_t i = 0; i < times; ++i) v.insert(v.end(), items.begin(), items.end());
            return (*seq)->kind == Kind::kList ? list(std::move(v)) : tuple(std::move(v));
        }
    }
    if (op == B::kMod && a->kind == Kind::kStr) return percent_format(*this, static_cast<StrObj*>(a.get())->value, b);
    if (a->kind == Kind::kSet && b->kind == Kind::kSet) {
        if (Ref r = set_binop(*this, op, a, b, false)) return r;
        if (pending()) return nullptr;
    }
    if (op == B::kBitOr && a->kind == Kind::kDict && b->kind == Kind::kDict && !static_cast<DictObj*>(a.get())->flavor &&
        !static_cast<DictObj*>(b.get())->flavor) {
        // d | other (Python 3.9+): a copy of d updated with other.
        auto r = dict();
        r->copy_from(*static_cast<DictObj*>(a.get()));
        for (const auto& kv : static_cast<DictObj*>(b.get())->entries)
            if (!r->put(*this, kv.first, kv.second)) return nullptr;
        return r;
    }
    // Objects that implement the operator (Q, F, datetimes, Decimal).
    if (Ref r = a->binop(*this, static_cast<int>(op), b, false)) return r;
    if (pending()) return nullptr;
    if (Ref r = b->binop(*this, static_cast<int>(op), a, true)) return r;
    if (pending()) return nullptr;
    return type_error(std::string("unsupported operand type(s) for ") + op_symbol(op) + ": '" + a->type_name() + "' and '" +
                      b->type_name() + "'");
}

Ref Interp::unaryop(py::UnaryOpKind op, const Ref& a) {
    using U = py::UnaryOpKind;
    if (op == U::kNot) {
        int t = truthy(a);
        if (t < 0) return nullptr;
        return boolean(!t);
    }
    if (is_intlike(a)) {
        int64_t x = int_of(a);
        if (op == U::kUSub) return integer(-x);
        if (op == U::kUAdd) return integer(x);
        if (op == U::kInvert) return integer(~x);
    }
    if (a->kind == Kind::kFloat) {
        if (op == U::kUSub) return floating(-float_of(a));
        if (op == U::kUAdd) return a;
    }
    if (Ref r = a->unary(*this, static_cast<int>(op))) return r;
    if (pending()) return nullptr;
    const char* sym = op == U::kUSub ? "-" : op == U::kUAdd ? "+" : "~";
    return type_error(std::string("bad operand type for unary ") + sym + ": '" + a->type_name() + "'");
}

ClassRef Interp::type_of(const Ref& o) {
    switch (o->kind) {
        case Kind::kInt:
            if (o->enum_member) break;
            return cls_int;
        case Kind::kFloat: return cls_float;
        case Kind::kStr:
            if (o->enum_member) break;
            return cls_str;
        case Kind::kBool: return cls_bool;
        case Kind::kList: return cls_list;
        case Kind::kTuple: return cls_tuple;
        case Kind::kDict:
            if (static_cast<DictObj*>(o.get())->flavor) {
                if (ClassRef c = collections_class(*this, *static_cast<DictObj*>(o.get()))) return c;
            }
            return cls_dict;
        case Kind::kSet: return cls_set;
        case Kind::kClass: {
            const auto& meta = static_cast<ClassObj*>(o.get())->metaclass;
            return meta ? meta : cls_type;
        }
        case Kind::kExceptionObj: return static_cast<ExceptionObj*>(o.get())->cls;
        case Kind::kInstance: return static_cast<InstanceObj*>(o.get())->cls;
        default: break;
    }
    Ref c = o->getattr(*this, "__class__");
    if (!c) { exc = nullptr; return cls_object; }
    if (auto cr = std::dynamic_pointer_cast<ClassObj>(c)) return cr;
    return cls_object;
}

ClassRef Interp::builtin_type(const std::string& name) {
    ClassRef& c = builtin_types_[name];
    if (!c) c = std::make_shared<ClassObj>(name, "builtins", std::vector<ClassRef>{cls_object});
    return c;
}

bool Interp::isinstance(const Ref& o, const ClassRef& cls) {
    if (cls.get() == cls_object.get()) return true;
    if (cls.get() == cls_int.get() && o->kind == Kind::kBool) return true;
    ClassRef t = type_of(o);
    return t && t->is_subclass_of(cls.get());
}

// ------------------------------------------------------------------------- budgets

// The heap baseline is read at the statement's kHeapBaselineTick-th step, not at its start:
// with glibc the reading (mallinfo2, a walk over the allocator's bins) costs about a thousand
// instructions, a fifth of what a primary-key lookup costs gramlab beyond SQLite itself, and a
// short statement is never checked anyway (the memory budget is checked every 256 steps and by
// SQLite's progress handler, which reads the baseline on first use). What the first steps
// allocate goes uncounted; each of them is bounded by the repetition guards (str/list * n).
// (Interp::kHeapBaselineTick, in interp.hpp for the inline tick().)

void Interp::take_heap_baseline() const {
    heap_at_start_ = heap_bytes_in_use();
    heap_baseline_taken_ = true;
}

void Interp::start_statement() {
    deadline_ = MonotonicClock::now() + budget.time;
    heap_baseline_taken_ = false;
    loop_iterations = 0;
    tick_counter_ = 0;
    stop_polled_ = false;
    depth = 0;
}

bool Interp::over_time() const { return MonotonicClock::now() > deadline_; }

bool Interp::over_memory() const {
    if (!heap_baseline_taken_) {
        take_heap_baseline();
        return false;
    }
    size_t now = heap_bytes_in_use();
    return now > heap_at_start_ && static_cast<int64_t>(now - heap_at_start_) > budget.memory_bytes;
}

bool Interp::over_budget() const { return over_time() || over_memory(); }

void Interp::raise_over_budget() {
    if (over_memory()) {
        raise(MemoryError, "the statement used more memory than the shell's memory budget (" +
                               std::to_string(budget.memory_bytes >> 20) + " MB) and was stopped");
    } else {
        raise(RuntimeError, "the statement ran longer than the shell's time budget (" +
                                std::to_string(budget.time.count()) + " ms) and was stopped");
    }
}

bool Interp::tick_slow(int n) {
    const bool every_256th = n % 256 == 0;
    if (n == kHeapBaselineTick) take_heap_baseline();
    if (every_256th ? poll_interrupt() : interrupted()) {
        raise(KeyboardInterrupt, "");
        return false;
    }
    if (every_256th && over_budget()) {
        raise_over_budget();
        return false;
    }
    return true;
}

// ------------------------------------------------------------------------- imports

Ref Interp::import_module(const std::string& dotted) {
    auto it = modules.find(dotted);
    if (it != modules.end()) return it->second;
    auto f = module_factories.find(dotted);
    if (f == module_factories.end()) {
        // A module of Python's standard library exists in a real shell: not a ModuleNotFoundError.
        static const std::set<std::string> kStandardLibrary = {
            "abc", "argparse", "array", "asyncio", "base64", "bisect", "calendar", "contextlib",
            "copy", "csv", "dataclasses", "enum", "fractions", "functools", "glob", "hashlib", "heapq",
            "hmac", "html", "http", "inspect", "io", "itertools", "locale", "logging", "operator",
            "os", "pathlib", "pickle", "random", "re", "secrets", "shutil", "socket", "sqlite3",
            "statistics", "string", "struct", "subprocess", "sys", "tempfile", "textwrap", "threading", "time",
            "timeit", "traceback", "types", "typing", "unicodedata", "unittest", "urllib", "uuid", "warnings",
            "weakref", "zoneinfo"};
        const std::string top = dotted.substr(0, dotted.find('.'));
        if (kStandardLibrary.count(top))
            return raise(NotImplementedError, "the standard library module '" + top + "' is not supported in gramlab");
        // A module of Django that gramlab does not provide (django.db.models.aggregates).
        const size_t dot = dotted.rfind('.');
        if (dot != std::string::npos && django_has_name(dotted.substr(0, dot), dotted.substr(dot + 1)))
            return raise(NotImplementedError, "the module '" + dotted + "' is not supported in gramlab");
        return raise(ModuleNotFoundError, "No module named '" + dotted + "'");
    }
    Ref m = f->second(*this);
    if (m) modules[dotted] = m;
    return m;
}

}  // namespace gramlab::shell

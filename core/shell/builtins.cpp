// Python's builtin functions and classes for the shell (print, len, range, sorted, int,
// str, ...), with CPython 3.11's messages for wrong arguments.
#include "core/shell/builtins.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/models/value.hpp"
#include "core/shell/function.hpp"
#include "core/shell/iterators.hpp"
#include "core/shell/py_hash.hpp"
#include "core/shell/range.hpp"
#include "core/shell/set_ops.hpp"
#include "core/shell/text.hpp"

namespace gramlab::shell {

namespace {

ClassRef builtin_class(Interp& in, const std::string& name, std::function<Ref(Interp&, Args&)> ctor) {
    auto c = std::make_shared<ClassObj>(name, "builtins", std::vector<ClassRef>{});
    c->construct = std::move(ctor);
    in.builtins[name] = c;
    return c;
}

void def(Interp& in, const std::string& name, BuiltinObj::Fn fn) {
    in.builtins[name] = std::make_shared<BuiltinObj>(name, std::move(fn));
}

bool to_int64(const Ref& r, int64_t& out) {
    if (r->kind == Kind::kInt) { out = static_cast<IntObj*>(r.get())->value; return true; }
    if (r->kind == Kind::kBool) { out = static_cast<BoolObj*>(r.get())->value; return true; }
    return false;
}

// Parses Python int() text (base 10, surrounding whitespace, underscores between digits).
bool parse_int_text(const std::string& raw, int64_t& out) {
    size_t a = 0, b = raw.size();
    while (a < b && std::isspace(static_cast<unsigned char>(raw[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(raw[b - 1]))) --b;
    std::string s;
    for (size_t i = a; i < b; ++i) {
        char c = raw[i];
        if (c == '_' && i > a && i + 1 < b && std::isdigit(static_cast<unsigned char>(raw[i - 1])) &&
            std::isdigit(static_cast<unsigned char>(raw[i + 1])))
            continue;
        s += c;
    }
    if (s.empty()) return false;
    size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    if (i == s.size()) return false;
    for (size_t k = i; k < s.size(); ++k)
        if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
    errno = 0;
    long long v = std::strtoll(s.c_str(), nullptr, 10);
    if (errno == ERANGE) return false;
    out = v;
    return true;
}

Ref sort_items(Interp& in, std::vector<Ref> items, const Ref* key, bool reverse) {
    std::vector<Ref> keys = items;
    if (key && (*key)->kind != Kind::kNone) {
        for (auto& k : keys) {
            k = in.call(*key, {k});
            if (!k) return nullptr;
        }
    }
    std::vector<size_t> idx(items.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    bool failed = false;
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
        if (failed) return false;
        int lt = reverse ? in.less(keys[b], keys[a]) : in.less(keys[a], keys[b]);
        if (lt < 0) { failed = true; return false; }
        return lt == 1;
    });
    if (failed) return nullptr;
    std::vector<Ref> out;
    for (size_t i : idx) out.push_back(items[i]);
    return Interp::list(std::move(out));
}

Ref min_max(Interp& in, Args& a, bool is_max) {
    const char* name = is_max ? "max" : "min";
    std::vector<Ref> items;
    if (a.pos.size() == 1) {
        if (!in.iterate(a.pos[0], items)) return nullptr;
    } else if (a.pos.empty()) {
        return in.type_error(std::string(name) + " expected at least 1 argument, got 0");
    } else {
        items = a.pos;
    }
    const Ref* key = a.find("key");
    if (items.empty()) {
        if (const Ref* d = a.find("default")) return *d;
        return in.value_error(std::string(name) + "() arg is an empty sequence");
    }
    Ref best = items[0];
    Ref best_key = key ? in.call(*key, {best}) : best;
    if (!best_key) return nullptr;
    for (size_t i = 1; i < items.size(); ++i) {
        Ref k = key ? in.call(*key, {items[i]}) : items[i];
        if (!k) return nullptr;
        int lt = is_max ? in.less(best_key, k) : in.less(k, best_key);
        if (lt < 0) return nullptr;
        if (lt) { best = items[i]; best_key = k; }
    }
    return best;
}

}  // namespace

bool bind_params(Interp& in, const std::string& fname, const Args& a, const std::vector<std::string>& names,
                 size_t required, std::vector<Ref>& out, size_t implicit) {
    out.assign(names.size(), nullptr);
    if (a.pos.size() > names.size()) {
        const size_t most = names.size() + implicit, least = required + implicit, given = a.pos.size() + implicit;
        std::string took = most == least ? std::to_string(most) : "from " + std::to_string(least) + " to " + std::to_string(most);
        in.type_error(fname + "() takes " + took + " positional argument" + (most == 1 && least == 1 ? "" : "s") + " but " +
                      std::to_string(given) + (given == 1 ? " was" : " were") + " given");
        return false;
    }
    for (size_t i = 0; i < a.pos.size(); ++i) out[i] = a.pos[i];
    for (const auto& kv : a.kw) {
        auto it = std::find(names.begin(), names.end(), kv.first);
        if (it == names.end()) {
            in.type_error(fname + "() got an unexpected keyword argument '" + kv.first + "'");
            return false;
        }
        size_t i = static_cast<size_t>(it - names.begin());
        if (out[i]) {
            in.type_error(fname + "() got multiple values for argument '" + kv.first + "'");
            return false;
        }
        out[i] = kv.second;
    }
    std::vector<std::string> missing;
    for (size_t i = 0; i < required; ++i)
        if (!out[i]) missing.push_back("'" + names[i] + "'");
    if (missing.empty()) return true;
    std::string list;
    for (size_t i = 0; i < missing.size(); ++i) {
        if (i) list += missing.size() == 2 ? " and " : (i + 1 == missing.size() ? ", and " : ", ");
        list += missing[i];
    }
    in.type_error(fname + "() missing " + std::to_string(missing.size()) + " required positional argument" +
                  (missing.size() == 1 ? "" : "s") + ": " + list);
    return false;
}

bool check_args(Interp& in, const std::string& fname, const Args& a, size_t min_pos, size_t max_pos, bool allow_kw) {
    if (!allow_kw && !a.kw.empty()) {
        in.type_error(fname + "() takes no keyword arguments");
        return false;
    }
    size_t n = a.pos.size();
    if (n < min_pos || n > max_pos) {
        if (min_pos == max_pos)
            in.type_error(fname + "() takes exactly " + (min_pos == 1 ? std::string("one argument") : std::to_string(min_pos) + " arguments") +
                          " (" + std::to_string(n) + " given)");
        else if (n < min_pos)
            in.type_error(fname + " expected at least " + std::to_string(min_pos) + " argument" + (min_pos == 1 ? "" : "s") +
                          ", got " + std::to_string(n));
        else
            in.type_error(fname + " expected at most " + std::to_string(max_pos) + " argument" + (max_pos == 1 ? "" : "s") +
                          ", got " + std::to_string(n));
        return false;
    }
    return true;
}

Ref method(const std::string& name, Ref self, std::function<Ref(Interp&, Ref&, Args&)> fn) {
    auto b = std::make_shared<BuiltinObj>(name, [self, fn](Interp& in, Args& a) mutable { return fn(in, self, a); });
    b->repr_text = "<built-in method " + name + " of " + self->type_name() + " object at 0x7f0000000000>";
    return b;
}

void install_builtins(Interp& in) {
    auto& I = in;
    I.cls_object = builtin_class(in, "object", [](Interp& in, Args& a) -> Ref {
        if (!a.pos.empty() || !a.kw.empty()) return in.type_error("object() takes no arguments");
        return std::make_shared<InstanceObj>(in.cls_object);
    });
    I.cls_type = builtin_class(in, "type", [](Interp& in, Args& a) -> Ref {
        if (a.pos.size() != 1) return in.not_supported("type() with three arguments");
        return in.type_of(a.pos[0]);
    });
    I.cls_int = builtin_class(in, "int", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "int", a, 0, 2, true)) return nullptr;
        if (a.pos.empty()) return Interp::integer(0);
        const Ref& x = a.pos[0];
        int64_t v;
        if (to_int64(x, v)) return Interp::integer(v);
        if (x->kind == Kind::kFloat) {
            if (!in.float_to_int(static_cast<FloatObj*>(x.get())->value, v)) return nullptr;
            return Interp::integer(v);
        }
        if (x->kind == Kind::kStr) {
            const std::string& s = static_cast<StrObj*>(x.get())->value;
            if (parse_int_text(s, v)) return Interp::integer(v);
            return in.value_error("invalid literal for int() with base 10: " + repr_str(s));
        }
        if (Ref r = x->getattr(in, "__int__")) return in.call(r, {});
        in.exc = nullptr;
        return in.type_error("int() argument must be a string, a bytes-like object or a real number, not '" + x->type_name() + "'");
    });
    I.cls_float = builtin_class(in, "float", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "float", a, 0, 1)) return nullptr;
        if (a.pos.empty()) return Interp::floating(0.0);
        const Ref& x = a.pos[0];
        int64_t v;
        if (to_int64(x, v)) return Interp::floating(static_cast<double>(v));
        if (x->kind == Kind::kFloat) return x;
        if (x->kind == Kind::kStr) {
            std::string s = static_cast<StrObj*>(x.get())->value;
            std::string t = s;
            while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
            while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.erase(t.begin());
            char* end = nullptr;
            double d = std::strtod(t.c_str(), &end);
            if (t.empty() || *end || t.find_first_of("xX") != std::string::npos)
                return in.value_error("could not convert string to float: " + repr_str(s));
            return Interp::floating(d);
        }
        if (Ref r = x->getattr(in, "__float__")) return in.call(r, {});
        in.exc = nullptr;
        return in.type_error("float() argument must be a string or a real number, not '" + x->type_name() + "'");
    });
    I.cls_str = builtin_class(in, "str", [](Interp& in, Args& a) -> Ref {
        if (a.pos.size() > 3) return in.type_error("str() takes at most 3 arguments (" + std::to_string(a.pos.size()) + " given)");
        if (a.pos.empty()) return Interp::string("");
        std::string s;
        if (!in.str(a.pos[0], s)) return nullptr;
        return Interp::string(std::move(s));
    });
    I.cls_bool = builtin_class(in, "bool", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "bool", a, 0, 1)) return nullptr;
        if (a.pos.empty()) return in.False;
        int t = in.truthy(a.pos[0]);
        if (t < 0) return nullptr;
        return in.boolean(t);
    });
    I.cls_bool->bases.push_back(I.cls_int);
    I.cls_list = builtin_class(in, "list", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "list", a, 0, 1)) return nullptr;
        std::vector<Ref> items;
        if (!a.pos.empty() && !in.iterate(a.pos[0], items)) return nullptr;
        return Interp::list(std::move(items));
    });
    I.cls_tuple = builtin_class(in, "tuple", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "tuple", a, 0, 1)) return nullptr;
        std::vector<Ref> items;
        if (!a.pos.empty() && !in.iterate(a.pos[0], items)) return nullptr;
        return Interp::tuple(std::move(items));
    });
    I.cls_dict = builtin_class(in, "dict", [](Interp& in, Args& a) -> Ref {
        if (a.pos.size() > 1) return in.type_error("dict expected at most 1 argument, got " + std::to_string(a.pos.size()));
        auto d = Interp::dict();
        if (!a.pos.empty()) {
            if (auto* src = as<DictObj>(a.pos[0]); src && src->kind == Kind::kDict) {
                d->copy_from(*src);
            } else {
                std::vector<Ref> items;
                if (!in.iterate(a.pos[0], items)) return nullptr;
                for (size_t i = 0; i < items.size(); ++i) {
                    std::vector<Ref> pair;
                    if (!in.iterate(items[i], pair)) return nullptr;
                    if (pair.size() != 2)
                        return in.value_error("dictionary update sequence element #" + std::to_string(i) + " has length " +
                                              std::to_string(pair.size()) + "; 2 is required");
                    if (!d->put(in, pair[0], pair[1])) return nullptr;
                }
            }
        }
        for (const auto& kv : a.kw)
            if (!d->put(in, Interp::string(kv.first), kv.second)) return nullptr;
        return d;
    });
    // dict.fromkeys(iterable, value=None)
    I.cls_dict->dict["fromkeys"] = std::make_shared<BuiltinObj>("fromkeys", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "fromkeys", a, 1, 2)) return nullptr;
        std::vector<Ref> keys;
        if (!in.iterate(a.pos[0], keys)) return nullptr;
        Ref value = a.pos.size() > 1 ? a.pos[1] : in.None;
        auto d = Interp::dict();
        for (const auto& k : keys)
            if (!d->put(in, k, value)) return nullptr;
        return d;
    });
    I.cls_set = builtin_class(in, "set", [](Interp& in, Args& a) -> Ref {
        if (!a.kw.empty()) return in.type_error("set() takes no keyword arguments");
        if (a.pos.size() > 1) return in.type_error("set expected at most 1 argument, got " + std::to_string(a.pos.size()));
        return make_set(in, a.pos.empty() ? nullptr : a.pos[0]);
    });
    // Exceptions are callable classes.
    for (const ClassRef& c : {I.BaseException, I.Exception, I.TypeError, I.ValueError, I.NameError, I.AttributeError,
                              I.KeyError, I.IndexError, I.ZeroDivisionError, I.AssertionError, I.RuntimeError,
                              I.NotImplementedError, I.StopIteration, I.SyntaxError, I.IndentationError, I.ImportError,
                              I.ModuleNotFoundError, I.LookupError, I.ArithmeticError, I.OverflowError,
                              I.UnboundLocalError, I.RecursionError, I.MemoryError, I.KeyboardInterrupt, I.UnicodeError}) {
        std::weak_ptr<ClassObj> weak = c;
        c->construct = [weak](Interp& in, Args& a) -> Ref {
            if (!a.kw.empty()) return in.type_error(weak.lock()->name + "() takes no keyword arguments");
            return std::make_shared<ExceptionObj>(weak.lock(), a.pos);
        };
        in.builtins[c->name] = c;
    }

    def(in, "print", [](Interp& in, Args& a) -> Ref {
        std::string sep = " ", end = "\n";
        for (const auto& kv : a.kw) {
            if (kv.first == "sep" || kv.first == "end") {
                std::string& target = kv.first == "sep" ? sep : end;
                if (kv.second->kind == Kind::kNone) continue;
                auto* s = as<StrObj>(kv.second);
                if (!s) return in.type_error(kv.first + " must be None or a string, not " + kv.second->type_name());
                target = s->value;
            } else if (kv.first == "flush" || kv.first == "file") {
                continue;
            } else {
                return in.type_error("'" + kv.first + "' is an invalid keyword argument for print()");
            }
        }
        std::string line;
        for (size_t i = 0; i < a.pos.size(); ++i) {
            if (i) line += sep;
            std::string s;
            if (!in.str(a.pos[i], s)) return nullptr;
            line += s;
        }
        in.out += line + end;
        return in.None;
    });
    def(in, "len", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "len", a, 1, 1)) return nullptr;
        int64_t n = a.pos[0]->length(in);
        if (n < 0) return nullptr;
        return Interp::integer(n);
    });
    def(in, "repr", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "repr", a, 1, 1)) return nullptr;
        std::string s;
        if (!in.repr(a.pos[0], s)) return nullptr;
        return Interp::string(std::move(s));
    });
    def(in, "isinstance", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "isinstance", a, 2, 2)) return nullptr;
        std::vector<Ref> classes;
        if (auto* t = as<SeqObj>(a.pos[1]); t && t->kind == Kind::kTuple) classes = t->items;
        else classes.push_back(a.pos[1]);
        for (const auto& c : classes) {
            auto cls = std::dynamic_pointer_cast<ClassObj>(c);
            if (!cls) return in.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union");
            if (in.isinstance(a.pos[0], cls)) return in.True;
        }
        return in.False;
    });
    def(in, "range", [](Interp& in, Args& a) -> Ref { return make_range(in, a); });
    def(in, "frozenset", [](Interp& in, Args&) -> Ref { return in.not_supported("frozenset"); });
    def(in, "sorted", [](Interp& in, Args& a) -> Ref {
        if (a.pos.size() != 1) return in.type_error("sorted expected 1 argument, got " + std::to_string(a.pos.size()));
        std::vector<Ref> items;
        if (!in.iterate(a.pos[0], items)) return nullptr;
        const Ref* rev = a.find("reverse");
        int r = rev ? in.truthy(*rev) : 0;
        if (r < 0) return nullptr;
        return sort_items(in, std::move(items), a.find("key"), r == 1);
    });
    // reversed(), enumerate(), zip(), map() and filter() give CPython's single-pass iterator
    // objects (core/shell/iterators.cpp), computed as their items are taken.
    def(in, "reversed", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "reversed", a, 1, 1)) return nullptr;
        return make_reversed(in, a.pos[0]);
    });
    def(in, "enumerate", [](Interp& in, Args& a) -> Ref {
        const Ref* it = !a.pos.empty() ? &a.pos[0] : a.find("iterable");
        if (!it) return in.type_error("enumerate() missing required argument 'iterable' (pos 1)");
        const Ref* start_arg = a.pos.size() > 1 ? &a.pos[1] : a.find("start");
        int64_t start = 0;
        if (start_arg && !to_int64(*start_arg, start))
            return in.type_error("'" + (*start_arg)->type_name() + "' object cannot be interpreted as an integer");
        return make_enumerate(in, *it, start);
    });
    def(in, "zip", [](Interp& in, Args& a) -> Ref {
        bool strict = false;
        for (const auto& kv : a.kw) {
            if (kv.first != "strict") return in.type_error("'" + kv.first + "' is an invalid keyword argument for zip()");
            int t = in.truthy(kv.second);
            if (t < 0) return nullptr;
            strict = t == 1;
        }
        return make_zip(in, a.pos, strict);
    });
    def(in, "sum", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "sum", a, 1, 2, true)) return nullptr;
        std::vector<Ref> items;
        if (!in.iterate(a.pos[0], items)) return nullptr;
        Ref acc = a.pos.size() > 1 ? a.pos[1] : (a.find("start") ? *a.find("start") : Interp::integer(0));
        for (const auto& x : items) {
            acc = in.binop(py::BinOpKind::kAdd, acc, x);
            if (!acc) return nullptr;
        }
        return acc;
    });
    def(in, "min", [](Interp& in, Args& a) { return min_max(in, a, false); });
    def(in, "max", [](Interp& in, Args& a) { return min_max(in, a, true); });
    def(in, "abs", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "abs", a, 1, 1)) return nullptr;
        const Ref& x = a.pos[0];
        int64_t v;
        if (to_int64(x, v)) return Interp::integer(v < 0 ? -v : v);
        if (x->kind == Kind::kFloat) return Interp::floating(std::fabs(static_cast<FloatObj*>(x.get())->value));
        if (Ref r = x->unary(in, 100)) return r;  // 100: abs()
        if (in.pending()) return nullptr;
        return in.type_error("bad operand type for abs(): '" + x->type_name() + "'");
    });
    def(in, "round", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "round", a, 1, 2, true)) return nullptr;
        const Ref& x = a.pos[0];
        int64_t nd = 0;
        bool has_nd = a.pos.size() > 1 && a.pos[1]->kind != Kind::kNone;
        if (has_nd) to_int64(a.pos[1], nd);
        int64_t v;
        if (to_int64(x, v)) return Interp::integer(v);
        if (x->kind == Kind::kDecimal) {
            Ref m = x->getattr(in, "__round__");
            if (!m) return nullptr;
            return has_nd ? in.call(m, {a.pos[1]}) : in.call(m, std::vector<Ref>{});
        }
        if (x->kind != Kind::kFloat) return in.type_error("type " + x->type_name() + " doesn't define __round__ method");
        double d = static_cast<FloatObj*>(x.get())->value;
        double scale = std::pow(10.0, static_cast<double>(nd));
        double r = std::nearbyint(d * scale) / scale;  // round-half-even, like Python
        if (!has_nd) return Interp::integer(static_cast<int64_t>(r));
        // Python rounds the decimal repr; printing with %.*f gives the same for typical values.
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(std::max<int64_t>(0, nd)), d);
        return Interp::floating(nd >= 0 ? std::strtod(buf, nullptr) : r);
    });
    // any()/all() stop at the first item that decides: a generator's later items are not taken.
    def(in, "any", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "any", a, 1, 1)) return nullptr;
        bool found = false;
        int r = for_each_item(in, a.pos[0], [&](const Ref& x) {
            int t = in.truthy(x);
            if (t > 0) found = true;
            return t < 0 ? -1 : t ? 0 : 1;
        });
        if (r < 0) return nullptr;
        return in.boolean(found);
    });
    def(in, "all", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "all", a, 1, 1)) return nullptr;
        bool failed = false;
        int r = for_each_item(in, a.pos[0], [&](const Ref& x) {
            int t = in.truthy(x);
            if (t == 0) failed = true;
            return t < 0 ? -1 : t ? 1 : 0;
        });
        if (r < 0) return nullptr;
        return in.boolean(!failed);
    });
    def(in, "hasattr", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "hasattr", a, 2, 2)) return nullptr;
        auto* n = as<StrObj>(a.pos[1]);
        if (!n) return in.type_error("hasattr(): attribute name must be string");
        Ref r = in.getattr(a.pos[0], n->value);
        if (!r) {
            if (!in.pending_is(in.AttributeError)) return nullptr;
            in.exc = nullptr;
            return in.False;
        }
        return in.True;
    });
    def(in, "getattr", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "getattr", a, 2, 3)) return nullptr;
        auto* n = as<StrObj>(a.pos[1]);
        if (!n) return in.type_error("getattr(): attribute name must be string");
        Ref r = in.getattr(a.pos[0], n->value);
        if (!r && a.pos.size() == 3 && in.pending_is(in.AttributeError)) {
            in.exc = nullptr;
            return a.pos[2];
        }
        return r;
    });
    def(in, "setattr", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "setattr", a, 3, 3)) return nullptr;
        auto* n = as<StrObj>(a.pos[1]);
        if (!n) return in.type_error("attribute name must be string, not '" + a.pos[1]->type_name() + "'");
        if (!a.pos[0]->setattr(in, n->value, a.pos[2])) return nullptr;
        return in.None;
    });
    def(in, "super", [](Interp& in, Args& a) -> Ref {
        if (a.pos.size() != 2) return in.raise(in.RuntimeError, "super(): no arguments");
        auto cls = std::dynamic_pointer_cast<ClassObj>(a.pos[0]);
        if (!cls) return in.type_error("super() argument 1 must be type, not " + a.pos[0]->type_name());
        return make_super(in, cls, a.pos[1]);
    });
    def(in, "format", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "format", a, 1, 2)) return nullptr;
        std::string spec;
        if (a.pos.size() > 1) {
            auto* s = as<StrObj>(a.pos[1]);
            if (!s) return in.type_error("format() argument 2 must be str, not " + a.pos[1]->type_name());
            spec = s->value;
        }
        std::string out;
        if (!format_value(in, a.pos[0], spec, out)) return nullptr;
        return Interp::string(std::move(out));
    });
    def(in, "divmod", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "divmod", a, 2, 2)) return nullptr;
        Ref q = in.binop(py::BinOpKind::kFloorDiv, a.pos[0], a.pos[1]);
        if (!q) return nullptr;
        Ref r = in.binop(py::BinOpKind::kMod, a.pos[0], a.pos[1]);
        if (!r) return nullptr;
        return Interp::tuple({q, r});
    });
    def(in, "map", [](Interp& in, Args& a) -> Ref {
        if (!a.kw.empty()) return in.type_error("map() takes no keyword arguments");
        if (a.pos.size() < 2) return in.type_error("map() must have at least two arguments.");
        return make_map(in, a.pos[0], std::vector<Ref>(a.pos.begin() + 1, a.pos.end()));
    });
    def(in, "filter", [](Interp& in, Args& a) -> Ref {
        if (!a.kw.empty()) return in.type_error("filter() takes no keyword arguments");
        if (a.pos.size() != 2) return in.type_error("filter expected 2 arguments, got " + std::to_string(a.pos.size()));
        return make_filter(in, a.pos[0], a.pos[1]);
    });
    def(in, "chr", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "chr", a, 1, 1)) return nullptr;
        int64_t v;
        if (!to_int64(a.pos[0], v)) return in.type_error("'" + a.pos[0]->type_name() + "' object cannot be interpreted as an integer");
        if (v < 0 || v > 0x10ffff) return in.value_error("chr() arg not in range(0x110000)");
        std::string s;
        uint32_t cp = static_cast<uint32_t>(v);
        if (cp < 0x80) s += static_cast<char>(cp);
        else if (cp < 0x800) { s += static_cast<char>(0xc0 | (cp >> 6)); s += static_cast<char>(0x80 | (cp & 0x3f)); }
        else if (cp < 0x10000) { s += static_cast<char>(0xe0 | (cp >> 12)); s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f)); s += static_cast<char>(0x80 | (cp & 0x3f)); }
        else { s += static_cast<char>(0xf0 | (cp >> 18)); s += static_cast<char>(0x80 | ((cp >> 12) & 0x3f)); s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f)); s += static_cast<char>(0x80 | (cp & 0x3f)); }
        return Interp::string(s);
    });
    def(in, "ord", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "ord", a, 1, 1)) return nullptr;
        auto* s = as<StrObj>(a.pos[0]);
        if (!s) return in.type_error("ord() expected string of length 1, but " + a.pos[0]->type_name() + " found");
        auto chars = utf8_chars(s->value);
        if (chars.size() != 1)
            return in.type_error("ord() expected a character, but string of length " + std::to_string(chars.size()) + " found");
        const std::string& c = chars[0];
        uint32_t cp = static_cast<unsigned char>(c[0]);
        if (c.size() == 2) cp = ((cp & 0x1f) << 6) | (c[1] & 0x3f);
        else if (c.size() == 3) cp = ((cp & 0x0f) << 12) | ((c[1] & 0x3f) << 6) | (c[2] & 0x3f);
        else if (c.size() == 4) cp = ((cp & 0x07) << 18) | ((c[1] & 0x3f) << 12) | ((c[2] & 0x3f) << 6) | (c[3] & 0x3f);
        return Interp::integer(cp);
    });
    def(in, "hash", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "hash", a, 1, 1)) return nullptr;
        uint64_t h;
        if (!in.hash(a.pos[0], h)) return nullptr;  // TypeError: unhashable type: 'list'
        int64_t python;
        if (stable_python_hash(in, a.pos[0], python)) return Interp::integer(python);
        // str, bytes, None, dates: CPython's hash differs in every process (PYTHONHASHSEED), so
        // any stable number is as right as another; equal values still hash alike.
        return Interp::integer(static_cast<int64_t>(h >> 2));
    });
    def(in, "id", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "id", a, 1, 1)) return nullptr;
        return Interp::integer(static_cast<int64_t>(reinterpret_cast<uintptr_t>(a.pos[0].get()) & 0xffffffffff));
    });
    def(in, "callable", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "callable", a, 1, 1)) return nullptr;
        Kind k = a.pos[0]->kind;
        return in.boolean(k == Kind::kFunction || k == Kind::kBuiltin || k == Kind::kBoundMethod || k == Kind::kClass);
    });
    def(in, "next", [](Interp& in, Args& a) -> Ref {
        if (!a.kw.empty()) return in.type_error("next() takes no keyword arguments");
        if (a.pos.empty()) return in.type_error("next expected at least 1 argument, got 0");
        if (a.pos.size() > 2) return in.type_error("next expected at most 2 arguments, got " + std::to_string(a.pos.size()));
        auto* it = as<IteratorObj>(a.pos[0]);
        if (!it) return in.type_error("'" + a.pos[0]->type_name() + "' object is not an iterator");
        Ref keep = a.pos[0];
        Ref item;
        IteratorObj::Step s = it->next(in, item);
        if (s == IteratorObj::Step::kError) return nullptr;
        if (s == IteratorObj::Step::kItem) return item;
        if (a.pos.size() == 2) return a.pos[1];
        return in.raise(in.StopIteration, "");
    });
    def(in, "iter", [](Interp& in, Args& a) -> Ref {
        if (!check_args(in, "iter", a, 1, 1)) return nullptr;
        return make_iterator(in, a.pos[0]);
    });
    def(in, "vars", [](Interp& in, Args& a) -> Ref {
        // vars(obj) is obj.__dict__, which model instances have (model.cpp); vars() alone
        // would be the console's locals.
        if (a.pos.size() != 1 || !a.kw.empty()) return in.not_supported("vars() without exactly one object");
        Ref d = in.getattr(a.pos[0], "__dict__");
        if (!d && in.pending_is(in.AttributeError)) {
            in.exc = nullptr;
            // Python's own types have no __dict__; learner classes, modules and classes do,
            // but gramlab keeps their attributes in another order than Python's.
            if (a.pos[0]->kind <= Kind::kTimezone) return in.type_error("vars() argument must have __dict__ attribute");
            return in.not_supported("vars() of a " + a.pos[0]->type_name() + " object");
        }
        return d;
    });
    for (const char* n : {"input", "open", "exec", "eval", "compile", "__import__", "globals", "locals", "dir",
                          "breakpoint", "help", "exit", "quit"}) {
        std::string name = n;
        def(in, name, [name](Interp& in, Args&) -> Ref { return in.not_supported(name + "()"); });
    }
    in.builtins["_"] = in.None;
    in.builtins.erase("_");
}

}  // namespace gramlab::shell

// collections.Counter, defaultdict and OrderedDict (see collections_module.hpp), following
// Lib/collections/__init__.py of Python 3.11: Counter's repr in most_common() order, its
// update/subtract/elements/total and + - & | keeping positive counts, defaultdict's factory
// called and stored on a missing key, OrderedDict's move_to_end and popitem(last=...).
#include "core/shell/collections_module.hpp"

#include <algorithm>

#include "core/python/ast.hpp"
#include "core/shell/builtins.hpp"

namespace gramlab::shell {

namespace {

constexpr const char* kCounter = "Counter";
constexpr const char* kDefaultDict = "defaultdict";
constexpr const char* kOrderedDict = "OrderedDict";

bool is(const DictObj& d, const char* flavor) { return d.flavor == flavor; }

std::shared_ptr<DictObj> make(const char* flavor) {
    auto d = std::make_shared<DictObj>(Kind::kDict);
    d->flavor = flavor;
    return d;
}

ModuleObj* module(Interp& in) {
    Ref saved = in.exc;
    Ref m = in.import_module("collections");
    if (!m) {
        in.exc = saved;
        return nullptr;
    }
    return as<ModuleObj>(m);
}

//! c[key] += n for a Counter (a missing key counts from 0).
bool add_count(Interp& in, DictObj& c, const Ref& key, const Ref& n, bool subtract) {
    int64_t i = c.find(in, key);
    if (i == -2) return false;
    Ref current = i >= 0 ? c.entries[static_cast<size_t>(i)].second : Interp::integer(0);
    Ref r = in.binop(subtract ? py::BinOpKind::kSub : py::BinOpKind::kAdd, current, n);
    return r && c.put(in, key, r);
}

//! Counter.update / subtract: a mapping adds its counts, any other iterable counts its items.
bool count_into(Interp& in, DictObj& c, const Ref& source, bool subtract) {
    if (auto* m = as<DictObj>(source); m && m->kind == Kind::kDict) {
        auto items = m->entries;  // the source may be c itself
        for (const auto& kv : items)
            if (!add_count(in, c, kv.first, kv.second, subtract)) return false;
        return true;
    }
    std::vector<Ref> items;
    if (!in.iterate(source, items)) return false;
    Ref one = Interp::integer(1);
    for (const auto& x : items)
        if (!add_count(in, c, x, one, subtract)) return false;
    return true;
}

bool count_args(Interp& in, DictObj& c, Args& a, bool subtract) {
    if (a.pos.size() > 1)
        return in.type_error(std::string("expected at most 1 argument, got ") + std::to_string(a.pos.size())), false;
    if (!a.pos.empty() && a.pos[0]->kind != Kind::kNone && !count_into(in, c, a.pos[0], subtract)) return false;
    for (const auto& kv : a.kw)
        if (!add_count(in, c, Interp::string(kv.first), kv.second, subtract)) return false;
    return true;
}

//! most_common(): items by count, largest first, ties in insertion order (a stable sort).
bool most_common(Interp& in, DictObj& c, std::vector<std::pair<Ref, Ref>>& out) {
    out = c.entries;
    bool failed = false;
    std::stable_sort(out.begin(), out.end(), [&](const auto& x, const auto& y) {
        if (failed) return false;
        int lt = in.less(y.second, x.second);
        if (lt < 0) failed = true;
        return lt == 1;
    });
    return !failed;
}

bool positive(Interp& in, const Ref& n, bool& out) {
    Ref r = in.compare(py::CmpOpKind::kGt, n, Interp::integer(0));
    if (!r) return false;
    out = in.truthy(r) == 1;
    return true;
}

}  // namespace

Ref collections_missing(Interp& in, DictObj& d, const Ref& key) {
    if (is(d, kCounter)) return Interp::integer(0);
    if (is(d, kDefaultDict) && d.default_factory && d.default_factory->kind != Kind::kNone) {
        Ref v = in.call(d.default_factory, std::vector<Ref>{});
        if (!v || !d.put(in, key, v)) return nullptr;
        return v;
    }
    return in.raise_obj(std::make_shared<ExceptionObj>(in.KeyError, std::vector<Ref>{key}));
}

bool collections_repr(Interp& in, DictObj& d, std::string& out) {
    // The dict's own repr of the same entries, wrapped as the class prints it.
    auto plain = [&](const std::vector<std::pair<Ref, Ref>>& entries, std::string& text) {
        auto copy = std::make_shared<DictObj>(Kind::kDict);
        copy->entries = entries;
        return copy->repr(in, text);
    };
    std::string inner;
    if (is(d, kCounter)) {
        if (d.entries.empty()) {
            out = "Counter()";
            return true;
        }
        std::vector<std::pair<Ref, Ref>> ordered;
        if (!most_common(in, d, ordered)) {
            in.exc = nullptr;  // counts that do not order: the dict's own order
            ordered = d.entries;
        }
        if (!plain(ordered, inner)) return false;
        out = "Counter(" + inner + ")";
        return true;
    }
    if (is(d, kDefaultDict)) {
        std::string factory = "None";
        if (d.default_factory && !in.repr(d.default_factory, factory)) return false;
        if (!plain(d.entries, inner)) return false;
        out = "defaultdict(" + factory + ", " + inner + ")";
        return true;
    }
    // OrderedDict (3.11): OrderedDict([('a', 1), ...]).
    if (d.entries.empty()) {
        out = "OrderedDict()";
        return true;
    }
    std::vector<Ref> pairs;
    for (const auto& kv : d.entries) pairs.push_back(Interp::tuple({kv.first, kv.second}));
    if (!in.repr(Interp::list(std::move(pairs)), inner)) return false;
    out = "OrderedDict(" + inner + ")";
    return true;
}

Ref collections_method(Interp& in, const Ref& self, const std::string& name) {
    auto& d = *static_cast<DictObj*>(self.get());
    auto dict_of = [](Ref& me) -> DictObj& { return *static_cast<DictObj*>(me.get()); };
    if (name == "__class__") return collections_class(in, d);
    if (is(d, kCounter)) {
        if (name == "most_common")
            return method(name, self, [dict_of](Interp& in, Ref& me, Args& a) -> Ref {
                if (!check_args(in, "most_common", a, 0, 1)) return nullptr;
                std::vector<std::pair<Ref, Ref>> ordered;
                if (!most_common(in, dict_of(me), ordered)) return nullptr;
                size_t n = ordered.size();
                if (!a.pos.empty() && a.pos[0]->kind != Kind::kNone) {
                    if (a.pos[0]->kind != Kind::kInt)
                        return in.type_error("'" + a.pos[0]->type_name() + "' object cannot be interpreted as an integer");
                    int64_t k = static_cast<IntObj*>(a.pos[0].get())->value;
                    n = k < 0 ? 0 : std::min(n, static_cast<size_t>(k));
                }
                std::vector<Ref> out;
                for (size_t i = 0; i < n; ++i) out.push_back(Interp::tuple({ordered[i].first, ordered[i].second}));
                return Interp::list(std::move(out));
            });
        if (name == "update" || name == "subtract") {
            const bool subtract = name == "subtract";
            return method(name, self, [dict_of, subtract](Interp& in, Ref& me, Args& a) -> Ref {
                if (!count_args(in, dict_of(me), a, subtract)) return nullptr;
                return in.None;
            });
        }
        if (name == "total")
            return method(name, self, [dict_of](Interp& in, Ref& me, Args& a) -> Ref {
                if (!check_args(in, "total", a, 0, 0)) return nullptr;
                Ref sum = Interp::integer(0);
                for (const auto& kv : dict_of(me).entries) {
                    sum = in.binop(py::BinOpKind::kAdd, sum, kv.second);
                    if (!sum) return nullptr;
                }
                return sum;
            });
        if (name == "elements")
            return method(name, self, [dict_of](Interp& in, Ref& me, Args& a) -> Ref {
                // A list where Python gives an itertools.chain: list()/sorted()/for read the same.
                if (!check_args(in, "elements", a, 0, 0)) return nullptr;
                std::vector<Ref> out;
                for (const auto& kv : dict_of(me).entries) {
                    if (kv.second->kind != Kind::kInt) continue;
                    int64_t n = static_cast<IntObj*>(kv.second.get())->value;
                    if (static_cast<double>(out.size()) + static_cast<double>(n) > 1e7)
                        return in.raise(in.MemoryError, "Counter.elements() would exceed the shell's memory budget");
                    for (int64_t k = 0; k < n; ++k) out.push_back(kv.first);
                }
                return Interp::list(std::move(out));
            });
        if (name == "fromkeys")
            return in.raise(in.NotImplementedError, "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.");
    }
    if (is(d, kDefaultDict) && name == "default_factory") return d.default_factory ? d.default_factory : in.None;
    if (is(d, kOrderedDict)) {
        if (name == "move_to_end")
            return method(name, self, [dict_of](Interp& in, Ref& me, Args& a) -> Ref {
                if (!check_args(in, "move_to_end", a, 1, 2, true)) return nullptr;
                const Ref* last_kw = a.find("last");
                Ref last = a.pos.size() > 1 ? a.pos[1] : last_kw ? *last_kw : in.True;
                int to_end = in.truthy(last);
                if (to_end < 0) return nullptr;
                DictObj& od = dict_of(me);
                int64_t i = od.find(in, a.pos[0]);
                if (i == -2) return nullptr;
                if (i < 0) return in.raise_obj(std::make_shared<ExceptionObj>(in.KeyError, std::vector<Ref>{a.pos[0]}));
                auto entry = od.entries[static_cast<size_t>(i)];
                od.erase_at(static_cast<size_t>(i));
                if (to_end) {
                    if (!od.put(in, entry.first, entry.second)) return nullptr;
                } else {
                    // Rebuild with the entry first (erase/put keep the hash index in step).
                    auto rest = od.entries;
                    od.clear();
                    if (!od.put(in, entry.first, entry.second)) return nullptr;
                    for (const auto& kv : rest)
                        if (!od.put(in, kv.first, kv.second)) return nullptr;
                }
                return in.None;
            });
        if (name == "popitem")
            return method(name, self, [dict_of](Interp& in, Ref& me, Args& a) -> Ref {
                if (!check_args(in, "popitem", a, 0, 1, true)) return nullptr;
                const Ref* last_kw = a.find("last");
                Ref last = !a.pos.empty() ? a.pos[0] : last_kw ? *last_kw : in.True;
                int from_end = in.truthy(last);
                if (from_end < 0) return nullptr;
                DictObj& od = dict_of(me);
                if (od.entries.empty()) return in.raise_obj(std::make_shared<ExceptionObj>(in.KeyError, std::vector<Ref>{Interp::string("dictionary is empty")}));
                size_t i = from_end ? od.entries.size() - 1 : 0;
                auto entry = od.entries[i];
                od.erase_at(i);
                return Interp::tuple({entry.first, entry.second});
            });
    }
    return nullptr;
}

Ref collections_binop(Interp& in, DictObj& d, int op, const Ref& other, bool reflected) {
    auto* o = as<DictObj>(other);
    if (!is(d, kCounter) || !o || !is(*o, kCounter)) return nullptr;
    DictObj& a = reflected ? *o : d;
    DictObj& b = reflected ? d : *o;
    auto out = make(kCounter);
    auto keep = [&](const Ref& key, const Ref& n) -> bool {
        bool pos;
        if (!positive(in, n, pos)) return false;
        return !pos || out->put(in, key, n);
    };
    auto count_in = [&](DictObj& c, const Ref& key, Ref& n) -> bool {
        int64_t i = c.find(in, key);
        if (i == -2) return false;
        n = i >= 0 ? c.entries[static_cast<size_t>(i)].second : Interp::integer(0);
        return true;
    };
    const auto kind = static_cast<py::BinOpKind>(op);
    if (kind != py::BinOpKind::kAdd && kind != py::BinOpKind::kSub && kind != py::BinOpKind::kBitOr && kind != py::BinOpKind::kBitAnd)
        return nullptr;
    // Lib/collections: elements of `a` in its order, then those only in `b` (+ and |).
    for (const auto& kv : a.entries) {
        Ref other_n;
        if (!count_in(b, kv.first, other_n)) return nullptr;
        Ref r;
        switch (kind) {
            case py::BinOpKind::kAdd: r = in.binop(py::BinOpKind::kAdd, kv.second, other_n); break;
            case py::BinOpKind::kSub: r = in.binop(py::BinOpKind::kSub, kv.second, other_n); break;
            case py::BinOpKind::kBitOr: {
                int lt = in.less(kv.second, other_n);
                if (lt < 0) return nullptr;
                r = lt ? other_n : kv.second;
                break;
            }
            default: {
                int lt = in.less(kv.second, other_n);
                if (lt < 0) return nullptr;
                r = lt ? kv.second : other_n;
                break;
            }
        }
        if (!r || !keep(kv.first, r)) return nullptr;
    }
    for (const auto& kv : b.entries) {
        int64_t i = a.find(in, kv.first);
        if (i == -2) return nullptr;
        if (i >= 0) continue;
        Ref r;
        if (kind == py::BinOpKind::kAdd || kind == py::BinOpKind::kBitOr) r = kv.second;
        else if (kind == py::BinOpKind::kSub) r = in.unaryop(py::UnaryOpKind::kUSub, kv.second);
        else continue;  // &: only keys in both
        if (!r) return nullptr;
        if (kind == py::BinOpKind::kSub) {
            // Counter - Counter keeps positive results only: 0 - n is never kept for n > 0.
            bool pos;
            if (!positive(in, r, pos)) return nullptr;
            if (!pos) continue;
        }
        if (!keep(kv.first, r)) return nullptr;
    }
    return out;
}

ClassRef collections_class(Interp& in, const DictObj& d) {
    ModuleObj* m = module(in);
    if (!m || !d.flavor) return nullptr;
    auto it = m->attrs.find(d.flavor);
    return it == m->attrs.end() ? nullptr : std::dynamic_pointer_cast<ClassObj>(it->second);
}

namespace {

Ref build_collections_module(Interp& in) {
    auto m = std::make_shared<ModuleObj>("collections");
    auto cls = [&](const char* name, std::function<Ref(Interp&, Args&)> construct) {
        auto c = std::make_shared<ClassObj>(name, "collections", std::vector<ClassRef>{in.cls_dict});
        c->construct = std::move(construct);
        m->attrs[name] = c;
    };
    cls(kCounter, [](Interp& in, Args& a) -> Ref {
        auto c = make(kCounter);
        if (!count_args(in, *c, a, false)) return nullptr;
        return c;
    });
    cls(kDefaultDict, [](Interp& in, Args& a) -> Ref {
        auto d = make(kDefaultDict);
        d->default_factory = in.None;
        if (!a.pos.empty()) {
            const Ref& f = a.pos[0];
            Kind k = f->kind;
            bool callable = k == Kind::kFunction || k == Kind::kBuiltin || k == Kind::kBoundMethod || k == Kind::kClass;
            if (k != Kind::kNone && !callable) return in.type_error("first argument must be callable or None");
            d->default_factory = f;
        }
        // The rest is dict(*args[1:], **kw).
        Args rest;
        rest.pos.assign(a.pos.size() > 1 ? a.pos.begin() + 1 : a.pos.end(), a.pos.end());
        rest.kw = a.kw;
        Ref base = in.call(in.cls_dict, rest);
        if (!base) return nullptr;
        for (const auto& kv : static_cast<DictObj*>(base.get())->entries)
            if (!d->put(in, kv.first, kv.second)) return nullptr;
        return d;
    });
    cls(kOrderedDict, [](Interp& in, Args& a) -> Ref {
        auto d = make(kOrderedDict);
        Ref base = in.call(in.cls_dict, a);
        if (!base) return nullptr;
        for (const auto& kv : static_cast<DictObj*>(base.get())->entries)
            if (!d->put(in, kv.first, kv.second)) return nullptr;
        return d;
    });
    for (const char* missing : {"deque", "namedtuple", "ChainMap", "UserDict", "UserList", "UserString"}) {
        std::string n = missing;
        m->attrs[n] = std::make_shared<BuiltinObj>(n, [n](Interp& in, Args&) -> Ref {
            return in.raise(in.NotImplementedError, "collections." + n + " is not supported in gramlab (Counter, defaultdict and OrderedDict are)");
        });
    }
    return m;
}

}  // namespace

void install_collections_module(Interp& in) { in.module_factories["collections"] = build_collections_module; }

}  // namespace gramlab::shell

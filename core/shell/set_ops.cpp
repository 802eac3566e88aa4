// The set operations of CPython 3.11's Objects/setobject.c, in the same order of steps (which
// set is copied, which one is walked, when the table is presized): see set_ops.hpp.
#include "core/shell/set_ops.hpp"

#include "core/shell/builtins.hpp"

namespace gramlab::shell {

namespace {

DictObj* as_set(const Ref& r) {
    auto* d = as<DictObj>(r);
    return d && d->kind == Kind::kSet ? d : nullptr;
}

std::shared_ptr<DictObj> new_set() { return std::make_shared<DictObj>(Kind::kSet); }

//! A METH_O method's arity check: "set.add() takes exactly one argument (0 given)".
bool one_arg(Interp& in, const std::string& fname, const Args& a) {
    if (!a.kw.empty()) {
        in.type_error(fname + "() takes no keyword arguments");
        return false;
    }
    if (a.pos.size() != 1) {
        in.type_error(fname + "() takes exactly one argument (" + std::to_string(a.pos.size()) + " given)");
        return false;
    }
    return true;
}

bool no_args(Interp& in, const std::string& fname, const Args& a) {
    if (!a.kw.empty()) {
        in.type_error(fname + "() takes no keyword arguments");
        return false;
    }
    if (!a.pos.empty()) {
        in.type_error(fname + "() takes no arguments (" + std::to_string(a.pos.size()) + " given)");
        return false;
    }
    return true;
}

bool no_kwargs(Interp& in, const std::string& fname, const Args& a) {
    if (a.kw.empty()) return true;
    in.type_error(fname + "() takes no keyword arguments");
    return false;
}

//! The elements of `x` as a set: `x` itself when it is one, else set(x).
std::shared_ptr<DictObj> as_set_or_copy(Interp& in, const Ref& x) {
    if (as_set(x)) return std::static_pointer_cast<DictObj>(x);
    auto s = new_set();
    if (!set_update(in, *s, x)) return nullptr;
    return s;
}

std::shared_ptr<DictObj> copy_of(const DictObj& so) {
    auto c = new_set();
    c->copy_from(so);
    return c;
}

//! set_intersection
std::shared_ptr<DictObj> intersection(Interp& in, DictObj& so_in, const Ref& other) {
    auto result = new_set();
    if (auto* o = as_set(other)) {
        DictObj* so = &so_in;
        DictObj* walk = o;
        // The smaller set is walked, the larger one probed.
        if (walk->entries.size() > so->entries.size()) std::swap(so, walk);
        walk->settle_order();
        std::vector<Ref> keys;
        for (const auto& kv : walk->entries) keys.push_back(kv.first);
        for (const auto& k : keys) {
            int64_t i = so->find(in, k);
            if (i == -2) return nullptr;
            if (i >= 0 && !result->put(in, k, in.None)) return nullptr;
        }
        return result;
    }
    std::vector<Ref> items;
    if (!in.iterate(other, items)) return nullptr;
    for (const auto& k : items) {
        int64_t i = so_in.find(in, k);
        if (i == -2) return nullptr;
        if (i >= 0 && !result->put(in, k, in.None)) return nullptr;
    }
    return result;
}

//! set_discard_entry for every element of `other` (set_difference_update_internal).
bool difference_update(Interp& in, DictObj& so, const Ref& other) {
    if (other.get() == &so) {
        so.clear();
        return true;
    }
    std::vector<Ref> items;
    if (auto* o = as_set(other)) {
        o->settle_order();
        for (const auto& kv : o->entries) items.push_back(kv.first);
    } else if (!in.iterate(other, items)) {
        return false;
    }
    for (const auto& k : items) {
        int64_t i = so.find(in, k);
        if (i == -2) return false;
        if (i >= 0) so.erase_at(static_cast<size_t>(i));
    }
    return true;
}

//! set_difference
std::shared_ptr<DictObj> difference(Interp& in, DictObj& so, const Ref& other) {
    auto* o = as_set(other);
    auto* od = as<DictObj>(other);
    // Against a non-set iterable, or a much smaller set: copy, then discard what `other` holds.
    if (!od || (o && so.entries.size() >> 2 > o->entries.size()) ||
        (!o && so.entries.size() >> 2 > od->entries.size())) {
        auto result = copy_of(so);
        if (!difference_update(in, *result, other)) return nullptr;
        return result;
    }
    auto result = new_set();
    so.settle_order();
    std::vector<Ref> keys;
    for (const auto& kv : so.entries) keys.push_back(kv.first);
    for (const auto& k : keys) {
        int64_t i = od->find(in, k);
        if (i == -2) return nullptr;
        if (i < 0 && !result->put(in, k, in.None)) return nullptr;
    }
    return result;
}

//! set_symmetric_difference_update
bool symmetric_difference_update(Interp& in, DictObj& so, const Ref& other) {
    if (other.get() == &so) {
        so.clear();
        return true;
    }
    auto o = as_set_or_copy(in, other);
    if (!o) return false;
    o->settle_order();
    std::vector<Ref> keys;
    for (const auto& kv : o->entries) keys.push_back(kv.first);
    for (const auto& k : keys) {
        int64_t i = so.find(in, k);
        if (i == -2) return false;
        if (i >= 0) so.erase_at(static_cast<size_t>(i));
        else if (!so.put(in, k, in.None)) return false;
    }
    return true;
}

//! set_symmetric_difference: set(other), then the update with this set.
std::shared_ptr<DictObj> symmetric_difference(Interp& in, const Ref& self, const Ref& other) {
    auto result = new_set();
    if (!set_update(in, *result, other)) return nullptr;
    if (!symmetric_difference_update(in, *result, self)) return nullptr;
    return result;
}

//! Every element of `a` is in `b`.
int is_subset(Interp& in, DictObj& a, DictObj& b) {
    if (a.entries.size() > b.entries.size()) return 0;
    for (const auto& kv : a.entries) {
        int64_t i = b.find(in, kv.first);
        if (i == -2) return -1;
        if (i < 0) return 0;
    }
    return 1;
}

}  // namespace

bool set_update(Interp& in, DictObj& so, const Ref& iterable) {
    if (auto* d = as<DictObj>(iterable)) return so.merge_set(in, *d);
    std::vector<Ref> items;
    if (!in.iterate(iterable, items)) return false;
    for (const auto& x : items)
        if (!so.put(in, x, in.None)) return false;
    return true;
}

Ref make_set(Interp& in, const Ref& iterable) {
    auto s = new_set();
    if (iterable && !set_update(in, *s, iterable)) return nullptr;
    return s;
}

Ref set_from_constant_items(Interp& in, const std::vector<Ref>& items) {
    DictObj constant(Kind::kSet);
    for (const auto& x : items)
        if (!constant.put(in, x, in.None)) return nullptr;
    auto s = new_set();
    if (!s->merge_set(in, constant)) return nullptr;
    return s;
}

Ref set_binop(Interp& in, py::BinOpKind op, const Ref& a, const Ref& b, bool inplace) {
    using B = py::BinOpKind;
    auto* x = as_set(a);
    if (!x || !as_set(b) || (op != B::kBitOr && op != B::kBitAnd && op != B::kSub && op != B::kBitXor)) return nullptr;
    if (inplace) {
        bool ok = true;
        switch (op) {
            case B::kBitOr: ok = set_update(in, *x, b); break;
            case B::kSub: ok = difference_update(in, *x, b); break;
            case B::kBitXor: ok = symmetric_difference_update(in, *x, b); break;
            default: {
                // set_iand: the intersection becomes this set's body.
                auto r = intersection(in, *x, b);
                if (!r) return nullptr;
                x->clear();
                x->copy_from(*r);
            }
        }
        return ok ? a : nullptr;
    }
    switch (op) {
        case B::kBitOr: {
            auto r = copy_of(*x);
            if (a.get() != b.get() && !set_update(in, *r, b)) return nullptr;
            return r;
        }
        case B::kBitAnd: return intersection(in, *x, b);
        case B::kSub: return difference(in, *x, b);
        default: return symmetric_difference(in, a, b);
    }
}

int set_compare(Interp& in, py::CmpOpKind op, const Ref& a, const Ref& b) {
    auto* x = as_set(a);
    auto* y = as_set(b);
    if (!x || !y) return -2;
    using C = py::CmpOpKind;
    switch (op) {
        case C::kLtE: return is_subset(in, *x, *y);
        case C::kGtE: return is_subset(in, *y, *x);
        case C::kLt: return x->entries.size() < y->entries.size() ? is_subset(in, *x, *y) : 0;
        case C::kGt: return y->entries.size() < x->entries.size() ? is_subset(in, *y, *x) : 0;
        default: return -2;
    }
}

Ref set_method(Interp& in, const Ref& self, const std::string& name) {
    using M = std::function<Ref(Interp&, Ref&, Args&)>;
    auto mk = [&](M fn) { return method(name, self, std::move(fn)); };
    auto s = [](Ref& me) { return static_cast<DictObj*>(me.get()); };
    const std::string fname = "set." + name;
    if (name == "add") return mk([s, fname](Interp& in, Ref& me, Args& a) -> Ref {
        if (!one_arg(in, fname, a) || !s(me)->put(in, a.pos[0], in.None)) return nullptr;
        return in.None;
    });
    if (name == "discard" || name == "remove") return mk([s, fname, name](Interp& in, Ref& me, Args& a) -> Ref {
        if (!one_arg(in, fname, a)) return nullptr;
        int64_t i = s(me)->find(in, a.pos[0]);
        if (i == -2) return nullptr;
        if (i < 0) {
            if (name == "discard") return in.None;
            return in.raise_obj(std::make_shared<ExceptionObj>(in.KeyError, std::vector<Ref>{a.pos[0]}));
        }
        s(me)->erase_at(static_cast<size_t>(i));
        return in.None;
    });
    if (name == "pop") return mk([s, fname](Interp& in, Ref& me, Args& a) -> Ref {
        if (!no_args(in, fname, a)) return nullptr;
        Ref k = s(me)->pop_set_element();
        if (!k) return in.raise_obj(std::make_shared<ExceptionObj>(in.KeyError, std::vector<Ref>{Interp::string("pop from an empty set")}));
        return k;
    });
    if (name == "clear") return mk([s, fname](Interp& in, Ref& me, Args& a) -> Ref {
        if (!no_args(in, fname, a)) return nullptr;
        s(me)->clear();
        return in.None;
    });
    if (name == "copy") return mk([s, fname](Interp& in, Ref& me, Args& a) -> Ref {
        if (!no_args(in, fname, a)) return nullptr;
        return copy_of(*s(me));
    });
    if (name == "update" || name == "intersection_update" || name == "difference_update") {
        return mk([s, fname, name](Interp& in, Ref& me, Args& a) -> Ref {
            if (!no_kwargs(in, fname, a)) return nullptr;
            for (const auto& o : a.pos) {
                if (name == "update") {
                    if (!set_update(in, *s(me), o)) return nullptr;
                } else if (name == "difference_update") {
                    if (!difference_update(in, *s(me), o)) return nullptr;
                } else {
                    auto r = intersection(in, *s(me), o);
                    if (!r) return nullptr;
                    s(me)->clear();
                    s(me)->copy_from(*r);
                }
            }
            return in.None;
        });
    }
    if (name == "union" || name == "intersection" || name == "difference") {
        return mk([s, fname, name](Interp& in, Ref& me, Args& a) -> Ref {
            if (!no_kwargs(in, fname, a)) return nullptr;
            std::shared_ptr<DictObj> result = copy_of(*s(me));
            if (name == "union") {
                for (const auto& o : a.pos)
                    if (o.get() != me.get() && !set_update(in, *result, o)) return nullptr;
                return result;
            }
            Ref current = me;
            for (const auto& o : a.pos) {
                result = name == "intersection" ? intersection(in, *static_cast<DictObj*>(current.get()), o)
                                                : difference(in, *static_cast<DictObj*>(current.get()), o);
                if (!result) return nullptr;
                current = result;
            }
            return result;
        });
    }
    if (name == "symmetric_difference") return mk([s, fname](Interp& in, Ref& me, Args& a) -> Ref {
        if (!one_arg(in, fname, a)) return nullptr;
        return symmetric_difference(in, me, a.pos[0]);
    });
    if (name == "symmetric_difference_update") return mk([s, fname](Interp& in, Ref& me, Args& a) -> Ref {
        if (!one_arg(in, fname, a) || !symmetric_difference_update(in, *s(me), a.pos[0])) return nullptr;
        return in.None;
    });
    if (name == "issubset" || name == "issuperset") return mk([s, fname, name](Interp& in, Ref& me, Args& a) -> Ref {
        if (!one_arg(in, fname, a)) return nullptr;
        auto o = as_set_or_copy(in, a.pos[0]);
        if (!o) return nullptr;
        int r = name == "issubset" ? is_subset(in, *s(me), *o) : is_subset(in, *o, *s(me));
        if (r < 0) return nullptr;
        return in.boolean(r == 1);
    });
    if (name == "isdisjoint") return mk([s, fname](Interp& in, Ref& me, Args& a) -> Ref {
        if (!one_arg(in, fname, a)) return nullptr;
        std::vector<Ref> items;
        if (!in.iterate(a.pos[0], items)) return nullptr;
        for (const auto& k : items) {
            int64_t i = s(me)->find(in, k);
            if (i == -2) return nullptr;
            if (i >= 0) return in.False;
        }
        return in.True;
    });
    return in.raise(in.AttributeError, "'set' object has no attribute '" + name + "'");
}

}  // namespace gramlab::shell

// Lazy generator expressions and the iterators of iter() (see iterators.hpp).
#include "core/shell/iterators.hpp"
#include "core/shell/range.hpp"

#include <algorithm>

namespace gramlab::shell {

bool IteratorObj::iterate(Interp& in, std::vector<Ref>& out) {
    for (;;) {
        Ref item;
        Step s = next(in, item);
        if (s == Step::kError) return false;
        if (s == Step::kDone) return true;
        out.push_back(std::move(item));
    }
}

int IteratorObj::contains(Interp& in, const Ref& item) {
    for (;;) {
        Ref x;
        Step s = next(in, x);
        if (s == Step::kError) return -1;
        if (s == Step::kDone) return 0;
        int eq = in.equals(x, item);
        if (eq != 0) return eq;  // 1 found, -1 raised
    }
}

Ref IteratorObj::getattr(Interp& in, const std::string& name) {
    if (name == "__class__") return in.builtin_type(type_name());
    return Object::getattr(in, name);
}

bool SeqIteratorObj::repr(Interp&, std::string& out) {
    out = "<" + type_ + " object at 0x7f0000000000>";
    return true;
}

IteratorObj::Step SeqIteratorObj::next(Interp&, Ref& out) {
    if (next_ >= items_.size()) {
        items_.clear();  // an exhausted iterator lets go of its items, as CPython's does
        return Step::kDone;
    }
    out = items_[next_++];
    return Step::kItem;
}

namespace {

bool is_ascii(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

// The type CPython 3.11 gives iter(x) for x's type.
std::string iterator_type(const Ref& x) {
    switch (x->kind) {
        case Kind::kList: return "list_iterator";
        case Kind::kTuple: return "tuple_iterator";
        case Kind::kStr: return is_ascii(static_cast<StrObj*>(x.get())->value) ? "str_ascii_iterator" : "str_iterator";
        case Kind::kBytes: return "bytes_iterator";
        case Kind::kDict: return "dict_keyiterator";
        case Kind::kSet: return "set_iterator";
        default: break;
    }
    const std::string t = x->type_name();
    if (t == "range") return "range_iterator";
    if (t == "dict_keys") return "dict_keyiterator";
    if (t == "dict_values") return "dict_valueiterator";
    if (t == "dict_items") return "dict_itemiterator";
    // QuerySet.__iter__ is iter(self._result_cache): a list's iterator.
    return "list_iterator";
}

// One `for target in iter if cond` clause of a running generator: the items of its
// iterable, taken from an iterator one at a time or from the materialised list.
struct Level {
    std::vector<Ref> items;
    size_t next = 0;
    std::shared_ptr<IteratorObj> lazy;
};

bool open_level(Interp& in, const Ref& iterable, Level& level) {
    level = Level{};
    if (auto* r = as<RangeObj>(iterable)) {
        level.lazy = std::static_pointer_cast<IteratorObj>(range_iterator(*r));
        return true;
    }
    if (auto it = std::dynamic_pointer_cast<IteratorObj>(iterable)) {
        level.lazy = std::move(it);
        return true;
    }
    return in.iterate(iterable, level.items);
}

class GeneratorObj final : public IteratorObj {
public:
    GeneratorObj(const py::Expr& e, const Frame& f) : expr_(e), scope_(comprehension_scope(f)) {
        // The generator outlives the call that made it: its closure is its own copy (the
        // same cells), not a pointer into the function object.
        if (f.free) {
            free_ = *f.free;
            scope_.free = &free_;
        }
        levels_.resize(e.generators.size());
    }
    std::string type_name() const override { return "generator"; }
    bool repr(Interp&, std::string& out) override {
        out = "<generator object <genexpr> at 0x7f0000000000>";
        return true;
    }
    bool start(Interp& in, const Ref& first) { return open_level(in, first, levels_[0]); }
    Step next(Interp& in, Ref& out) override;

private:
    Step fail() {
        finish();
        return Step::kError;
    }
    void finish() {
        done_ = true;
        levels_.clear();
        scope_.locals().clear();
    }

    const py::Expr& expr_;
    Frame scope_;
    Closure free_;
    std::vector<Level> levels_;
    size_t depth_ = 0;  // the clause the last item came from
    bool started_ = false;
    bool done_ = false;
    bool running_ = false;
};

IteratorObj::Step GeneratorObj::next(Interp& in, Ref& out) {
    if (done_) return Step::kDone;
    if (running_) {
        in.value_error("generator already executing");
        return Step::kError;
    }
    running_ = true;
    struct Reset {
        bool& flag;
        ~Reset() { flag = false; }
    } reset{running_};
    // Resume in the innermost clause, after the item the last value came from.
    size_t level = started_ ? depth_ : 0;
    started_ = true;
    const size_t n = expr_.generators.size();
    for (;;) {
        if (!in.tick()) return fail();
        Level& cur = levels_[level];
        Ref item;
        bool have = false;
        if (cur.lazy) {
            Step s = cur.lazy->next(in, item);
            if (s == Step::kError) return fail();
            have = s == Step::kItem;
        } else if (cur.next < cur.items.size()) {
            item = cur.items[cur.next++];
            have = true;
        }
        if (!have) {
            if (level == 0) {
                finish();
                return Step::kDone;
            }
            --level;
            continue;
        }
        const auto& gen = expr_.generators[level];
        if (!assign_target(in, *gen.target, item, scope_)) return fail();
        bool keep = true;
        for (const auto& cond : gen.ifs) {
            Ref c = in.eval(*cond, scope_);
            if (!c) return fail();
            int t = in.truthy(c);
            if (t < 0) return fail();
            if (!t) {
                keep = false;
                break;
            }
        }
        if (!keep) continue;
        if (level + 1 == n) {
            Ref v = in.eval(*expr_.value, scope_);
            if (!v) return fail();
            depth_ = level;
            out = std::move(v);
            return Step::kItem;
        }
        Ref inner = in.eval(*expr_.generators[level + 1].iter, scope_);
        if (!inner || !open_level(in, inner, levels_[level + 1])) return fail();
        ++level;
    }
}

// map / filter / zip / enumerate: one item of the result per step, taken from the sources.
class LazyIteratorObj final : public IteratorObj {
public:
    enum class Op { kMap, kFilter, kZip, kEnumerate };
    LazyIteratorObj(Op op, Ref fn, std::vector<Level> sources) : op_(op), fn_(std::move(fn)), sources_(std::move(sources)) {}
    std::string type_name() const override {
        switch (op_) {
            case Op::kMap: return "map";
            case Op::kFilter: return "filter";
            case Op::kZip: return "zip";
            case Op::kEnumerate: return "enumerate";
        }
        return "iterator";
    }
    bool repr(Interp&, std::string& out) override {
        out = "<" + type_name() + " object at 0x7f0000000000>";
        return true;
    }
    Step next(Interp& in, Ref& out) override;
    int64_t count = 0;   // enumerate's next index
    bool strict = false;  // zip(strict=True)

private:
    Step take(Interp& in, Level& src, Ref& out) {
        if (src.lazy) return src.lazy->next(in, out);
        if (src.next >= src.items.size()) return Step::kDone;
        out = src.items[src.next++];
        return Step::kItem;
    }
    Step finish(Step s) {
        if (s != Step::kItem) {
            done_ = true;
            sources_.clear();
            fn_ = nullptr;
        }
        return s;
    }
    Step zip_unequal(Interp& in, size_t exhausted);

    Op op_;
    Ref fn_;
    std::vector<Level> sources_;
    bool done_ = false;
};

IteratorObj::Step LazyIteratorObj::zip_unequal(Interp& in, size_t exhausted) {
    // zip(strict=True): CPython's messages name the argument and the ones before it.
    auto before = [](size_t i) { return i == 1 ? std::string("argument 1") : "arguments 1-" + std::to_string(i); };
    if (exhausted > 0) {
        in.value_error("zip() argument " + std::to_string(exhausted + 1) + " is shorter than " + before(exhausted));
        return Step::kError;
    }
    for (size_t j = 1; j < sources_.size(); ++j) {
        Ref extra;
        Step s = take(in, sources_[j], extra);
        if (s == Step::kError) return s;
        if (s == Step::kItem) {
            in.value_error("zip() argument " + std::to_string(j + 1) + " is longer than " + before(j));
            return Step::kError;
        }
    }
    return Step::kDone;
}

IteratorObj::Step LazyIteratorObj::next(Interp& in, Ref& out) {
    if (done_) return Step::kDone;
    if (!in.tick()) return finish(Step::kError);
    switch (op_) {
        case Op::kMap: {
            std::vector<Ref> args;
            for (auto& src : sources_) {
                Ref item;
                Step s = take(in, src, item);
                if (s != Step::kItem) return finish(s);
                args.push_back(std::move(item));
            }
            Args a;
            a.pos = std::move(args);
            out = in.call(fn_, a);
            return finish(out ? Step::kItem : Step::kError);
        }
        case Op::kFilter:
            for (;;) {
                Ref item;
                Step s = take(in, sources_[0], item);
                if (s != Step::kItem) return finish(s);
                Ref keep = item;
                if (fn_->kind != Kind::kNone) {
                    Args a;
                    a.pos = {item};
                    keep = in.call(fn_, a);
                    if (!keep) return finish(Step::kError);
                }
                int t = in.truthy(keep);
                if (t < 0) return finish(Step::kError);
                if (t) {
                    out = std::move(item);
                    return Step::kItem;
                }
                if (!in.tick()) return finish(Step::kError);
            }
        case Op::kZip: {
            if (sources_.empty()) return finish(Step::kDone);
            std::vector<Ref> items;
            for (size_t i = 0; i < sources_.size(); ++i) {
                Ref item;
                Step s = take(in, sources_[i], item);
                if (s == Step::kError) return finish(s);
                if (s == Step::kDone) return finish(strict ? zip_unequal(in, i) : Step::kDone);
                items.push_back(std::move(item));
            }
            out = Interp::tuple(std::move(items));
            return Step::kItem;
        }
        case Op::kEnumerate: {
            Ref item;
            Step s = take(in, sources_[0], item);
            if (s != Step::kItem) return finish(s);
            out = Interp::tuple({Interp::integer(count++), std::move(item)});
            return Step::kItem;
        }
    }
    return finish(Step::kDone);
}

bool open_sources(Interp& in, const std::vector<Ref>& iterables, std::vector<Level>& out) {
    out.resize(iterables.size());
    for (size_t i = 0; i < iterables.size(); ++i)
        if (!open_level(in, iterables[i], out[i])) return false;
    return true;
}

}  // namespace

Ref make_map(Interp& in, const Ref& fn, const std::vector<Ref>& iterables) {
    std::vector<Level> sources;
    if (!open_sources(in, iterables, sources)) return nullptr;
    return std::make_shared<LazyIteratorObj>(LazyIteratorObj::Op::kMap, fn, std::move(sources));
}

Ref make_filter(Interp& in, const Ref& fn, const Ref& iterable) {
    std::vector<Level> sources;
    if (!open_sources(in, {iterable}, sources)) return nullptr;
    return std::make_shared<LazyIteratorObj>(LazyIteratorObj::Op::kFilter, fn, std::move(sources));
}

Ref make_zip(Interp& in, const std::vector<Ref>& iterables, bool strict) {
    std::vector<Level> sources;
    if (!open_sources(in, iterables, sources)) return nullptr;
    auto z = std::make_shared<LazyIteratorObj>(LazyIteratorObj::Op::kZip, nullptr, std::move(sources));
    z->strict = strict;
    return z;
}

Ref make_enumerate(Interp& in, const Ref& iterable, int64_t start) {
    std::vector<Level> sources;
    if (!open_sources(in, {iterable}, sources)) return nullptr;
    auto e = std::make_shared<LazyIteratorObj>(LazyIteratorObj::Op::kEnumerate, nullptr, std::move(sources));
    e->count = start;
    return e;
}

Ref make_reversed(Interp& in, const Ref& x) {
    // reversed() takes a sequence (or an object with __reversed__): not a set or an iterator.
    std::string type;
    switch (x->kind) {
        case Kind::kList: type = "list_reverseiterator"; break;
        case Kind::kDict: type = "dict_reversekeyiterator"; break;
        case Kind::kTuple:
        case Kind::kStr:
        case Kind::kBytes: type = "reversed"; break;
        case Kind::kSet: return in.type_error("'set' object is not reversible");
        default:
            if (as<IteratorObj>(x)) return in.type_error("'" + x->type_name() + "' object is not reversible");
            type = x->type_name() == "range" ? "range_iterator" : "reversed";
    }
    std::vector<Ref> items;
    if (!in.iterate(x, items)) {
        if (in.pending_is(in.TypeError)) {
            in.exc = nullptr;
            in.type_error("'" + x->type_name() + "' object is not reversible");
        }
        return nullptr;
    }
    std::reverse(items.begin(), items.end());
    return std::make_shared<SeqIteratorObj>(type, std::move(items));
}

Ref make_iterator(Interp& in, const Ref& x) {
    if (as<IteratorObj>(x)) return x;
    if (auto* r = as<RangeObj>(x)) return range_iterator(*r);
    std::vector<Ref> items;
    if (!in.iterate(x, items)) return nullptr;
    return std::make_shared<SeqIteratorObj>(iterator_type(x), std::move(items));
}

Ref make_generator(Interp& in, const py::Expr& genexp, Frame& f) {
    if (genexp.generators.empty()) return in.raise(in.SyntaxError, "invalid syntax");
    // The first iterable belongs to the enclosing scope and is iterated at once.
    Ref first = in.eval(*genexp.generators[0].iter, f);
    if (!first) return nullptr;
    auto g = std::make_shared<GeneratorObj>(genexp, f);
    if (!g->start(in, first)) return nullptr;
    return g;
}

int for_each_item(Interp& in, const Ref& iterable, const std::function<int(const Ref&)>& each) {
    if (auto* r = as<RangeObj>(iterable)) return for_each_item(in, range_iterator(*r), each);
    if (auto* it = as<IteratorObj>(iterable)) {
        Ref keep = iterable;  // the loop body may drop the last other reference
        for (;;) {
            Ref item;
            IteratorObj::Step s = it->next(in, item);
            if (s == IteratorObj::Step::kError) return -1;
            if (s == IteratorObj::Step::kDone) return 1;
            int r = each(item);
            if (r <= 0) return r;
        }
    }
    std::vector<Ref> items;
    if (!in.iterate(iterable, items)) return -1;
    for (const auto& item : items) {
        int r = each(item);
        if (r <= 0) return r;
    }
    return 1;
}

}  // namespace gramlab::shell

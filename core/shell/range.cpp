// range() objects (see range.hpp).
#include "core/shell/range.hpp"

#include <limits>

namespace gramlab::shell {

bool slice_indices(Interp& in, const SliceObj& s, int64_t n, int64_t& start, int64_t& stop, int64_t& step);

namespace {

bool as_index(const Ref& r, int64_t& out) {
    if (r->kind == Kind::kInt) {
        out = static_cast<IntObj*>(r.get())->value;
        return true;
    }
    if (r->kind == Kind::kBool) {
        out = static_cast<BoolObj*>(r.get())->value ? 1 : 0;
        return true;
    }
    return false;
}

}  // namespace

int64_t RangeObj::size() const {
    // In 128 bits: stop - start overflows 64 for range(-2**63, 2**63 - 1).
    const __int128 lo = start, hi = stop, st = step;
    __int128 n = 0;
    if (st > 0 && lo < hi) n = (hi - lo - 1) / st + 1;
    else if (st < 0 && lo > hi) n = (lo - hi - 1) / (-st) + 1;
    return n > std::numeric_limits<int64_t>::max() ? std::numeric_limits<int64_t>::max() : static_cast<int64_t>(n);
}

bool RangeObj::repr(Interp&, std::string& out) {
    out = "range(" + std::to_string(start) + ", " + std::to_string(stop) + (step == 1 ? "" : ", " + std::to_string(step)) + ")";
    return true;
}

bool RangeObj::iterate(Interp& in, std::vector<Ref>& out) {
    const int64_t n = size();
    if (n > in.budget.max_loop_iterations) {
        in.raise(in.MemoryError, "range() this large is over the shell's memory budget");
        return false;
    }
    out.reserve(out.size() + static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) out.push_back(Interp::integer(start + i * step));
    return true;
}

Ref RangeObj::getitem(Interp& in, const Ref& key) {
    const int64_t n = size();
    if (auto* sl = as<SliceObj>(key)) {
        int64_t a, b, k;
        if (!slice_indices(in, *sl, n, a, b, k)) return nullptr;
        return std::make_shared<RangeObj>(start + a * step, start + b * step, step * k);
    }
    int64_t i;
    if (!as_index(key, i)) return in.type_error("range indices must be integers or slices, not " + key->type_name());
    if (i < 0) i += n;
    if (i < 0 || i >= n) return in.raise(in.IndexError, "range object index out of range");
    return Interp::integer(start + i * step);
}

int RangeObj::contains(Interp& in, const Ref& item) {
    int64_t x;
    if (!as_index(item, x)) return Object::contains(in, item);  // 2.0 in range(3): compared item by item
    if (step > 0 ? (x < start || x >= stop) : (x > start || x <= stop)) return 0;
    const __int128 d = static_cast<__int128>(x) - start;
    return d % step == 0;
}

int RangeObj::eq(Interp&, const Ref& other) {
    auto* o = as<RangeObj>(other);
    if (!o) return -2;
    // Ranges are equal when they hold the same numbers (range_equals).
    const int64_t n = size();
    if (n != o->size()) return 0;
    if (n == 0) return 1;
    if (start != o->start) return 0;
    return n == 1 || step == o->step;
}

bool RangeObj::hash(Interp&, uint64_t& out) {
    // Consistent with eq(): (length, start if any, step if more than one).
    const int64_t n = size();
    uint64_t h = static_cast<uint64_t>(n) * 0x9e3779b97f4a7c15ULL;
    if (n > 0) h ^= static_cast<uint64_t>(start) + 0x7f4a7c15ULL + (h << 6) + (h >> 2);
    if (n > 1) h ^= static_cast<uint64_t>(step) + 0x9e3779b9ULL + (h << 6) + (h >> 2);
    out = h;
    return true;
}

Ref RangeObj::getattr(Interp& in, const std::string& name) {
    if (name == "start") return Interp::integer(start);
    if (name == "stop") return Interp::integer(stop);
    if (name == "step") return Interp::integer(step);
    if (name == "__class__") return in.builtin_type("range");
    if (name == "index" || name == "count") {
        auto self = std::static_pointer_cast<RangeObj>(shared_from_this());
        const bool index = name == "index";
        return std::make_shared<BuiltinObj>(name, [self, index](Interp& in, Args& a) -> Ref {
            if (a.pos.size() != 1 || !a.kw.empty())
                return in.type_error(std::string(index ? "range.index" : "range.count") + "() takes exactly one argument (" +
                                     std::to_string(a.pos.size()) + " given)");
            int64_t x;
            int found = self->contains(in, a.pos[0]);
            if (found < 0) return nullptr;
            if (!index) return Interp::integer(found);
            if (!found || !as_index(a.pos[0], x)) {
                std::string r;
                if (!in.repr(a.pos[0], r)) return nullptr;
                return in.value_error(r + " is not in range");
            }
            return Interp::integer((x - self->start) / self->step);
        });
    }
    return Object::getattr(in, name);
}

namespace {

class RangeIteratorObj final : public IteratorObj {
public:
    RangeIteratorObj(int64_t start, int64_t step, int64_t count) : start_(start), step_(step), count_(count) {}
    std::string type_name() const override { return "range_iterator"; }
    bool repr(Interp&, std::string& out) override {
        out = "<range_iterator object at 0x7f0000000000>";
        return true;
    }
    Step next(Interp&, Ref& out) override {
        if (taken_ >= count_) return Step::kDone;
        out = Interp::integer(start_ + taken_++ * step_);
        return Step::kItem;
    }

private:
    int64_t start_, step_, count_, taken_ = 0;
};

}  // namespace

Ref range_iterator(const RangeObj& r) { return std::make_shared<RangeIteratorObj>(r.start, r.step, r.size()); }

Ref make_range(Interp& in, Args& a) {
    if (!a.kw.empty()) return in.type_error("range() takes no keyword arguments");
    if (a.pos.empty()) return in.type_error("range expected at least 1 argument, got 0");
    if (a.pos.size() > 3) return in.type_error("range expected at most 3 arguments, got " + std::to_string(a.pos.size()));
    int64_t v[3] = {0, 0, 1};
    for (size_t i = 0; i < a.pos.size(); ++i)
        if (!as_index(a.pos[i], v[i]))
            return in.type_error("'" + a.pos[i]->type_name() + "' object cannot be interpreted as an integer");
    const int64_t start = a.pos.size() == 1 ? 0 : v[0];
    const int64_t stop = a.pos.size() == 1 ? v[0] : v[1];
    const int64_t step = a.pos.size() == 3 ? v[2] : 1;
    if (step == 0) return in.value_error("range() arg 3 must not be zero");
    return std::make_shared<RangeObj>(start, stop, step);
}

}  // namespace gramlab::shell

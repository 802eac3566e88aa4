// range(): CPython's lazy arithmetic sequence. It prints as `range(0, 5)`, has len() and
// indexing without making its items, slices into another range, answers `x in r` by
// arithmetic, and is compared by the numbers it holds; its items are made only when it is
// iterated (list(), a for loop), within the shell's memory budget.
#pragma once

#include <cstdint>

#include "core/shell/interp.hpp"
#include "core/shell/iterators.hpp"

namespace gramlab::shell {

class RangeObj final : public Object {
public:
    RangeObj(int64_t start, int64_t stop, int64_t step) : Object(Kind::kNative), start(start), stop(stop), step(step) {}
    const int64_t start, stop, step;

    //! The number of items (CPython's compute_range_length), saturated at INT64_MAX.
    int64_t size() const;

    std::string type_name() const override { return "range"; }
    bool repr(Interp& in, std::string& out) override;
    int truthy(Interp&) override { return size() > 0; }
    bool iterate(Interp& in, std::vector<Ref>& out) override;
    int64_t length(Interp&) override { return size(); }
    Ref getitem(Interp& in, const Ref& key) override;
    int contains(Interp& in, const Ref& item) override;
    int eq(Interp& in, const Ref& other) override;
    bool hash(Interp& in, uint64_t& out) override;
    Ref getattr(Interp& in, const std::string& name) override;
};

//! iter(range): a range_iterator computing each number as it is taken, so a loop or a
//! generator over range(10**9) that stops early makes only the numbers it took.
Ref range_iterator(const RangeObj& r);

//! range(stop) / range(start, stop[, step]) with CPython's argument errors.
Ref make_range(Interp& in, Args& a);

}  // namespace gramlab::shell

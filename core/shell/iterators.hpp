// Iterators: generator expressions run lazily, one item per step, as CPython runs them, and
// the iterators iter() returns. Laziness is observable in a Django shell: any(), all(),
// next() and a `for` loop that breaks stop taking items, so the queries an item's expression
// runs (`p.post_author.username`) run only for the items taken, and a generator taken to its
// end is empty the next time it is iterated.
#pragma once

#include <string>
#include <vector>

#include "core/shell/interp.hpp"

namespace gramlab::shell {

class IteratorObj : public Object {
public:
    IteratorObj() : Object(Kind::kNative) {}
    enum class Step { kItem, kDone, kError };
    //! The next item into `out`; kDone when there is none (nothing pending); kError with an
    //! exception pending.
    virtual Step next(Interp& in, Ref& out) = 0;
    Ref getattr(Interp& in, const std::string& name) override;
    //! The items not taken yet (list(it), sum(it), ... take them all).
    bool iterate(Interp& in, std::vector<Ref>& out) override;
    //! `x in it` takes items up to the first equal one, as CPython does.
    int contains(Interp& in, const Ref& item) override;
};

//! The iterator over a container's items (iter(list), iter(QuerySet), ...).
class SeqIteratorObj final : public IteratorObj {
public:
    SeqIteratorObj(std::string type, std::vector<Ref> items) : type_(std::move(type)), items_(std::move(items)) {}
    std::string type_name() const override { return type_; }
    bool repr(Interp& in, std::string& out) override;
    Step next(Interp& in, Ref& out) override;

private:
    std::string type_;
    std::vector<Ref> items_;
    size_t next_ = 0;
};

//! iter(x): x itself when it is an iterator, otherwise an iterator over its items; null
//! with TypeError pending when x is not iterable.
Ref make_iterator(Interp& in, const Ref& x);

//! The generator object of `(elt for target in iter if cond ...)` evaluated in `f`: the
//! first iterable is evaluated (and iterated: a QuerySet runs its query) now, as CPython
//! does; everything else as items are taken.
Ref make_generator(Interp& in, const py::Expr& genexp, Frame& f);

//! map(fn, *iterables), filter(fn, iterable), zip(*iterables, strict=), enumerate(iterable,
//! start) and reversed(sequence) as CPython's iterator objects of those types: single-pass
//! (a second list() is empty), without len() or indexing, and lazy: each item is computed
//! when it is taken (the iterables themselves are iterated at the call, as iter() does).
Ref make_map(Interp& in, const Ref& fn, const std::vector<Ref>& iterables);
Ref make_filter(Interp& in, const Ref& fn, const Ref& iterable);
Ref make_zip(Interp& in, const std::vector<Ref>& iterables, bool strict);
Ref make_enumerate(Interp& in, const Ref& iterable, int64_t start);
Ref make_reversed(Interp& in, const Ref& sequence);

//! Runs `each` on the items of `iterable` in order, taking them one at a time from an
//! iterator: 1 when all were seen, 0 when `each` returned 0 (stop), -1 when `each` returned
//! -1 or taking an item raised (exception pending).
int for_each_item(Interp& in, const Ref& iterable, const std::function<int(const Ref&)>& each);

}  // namespace gramlab::shell

// The iteration order of a CPython 3.11 set of ints. Django's many-to-many managers gather
// primary keys in Python sets (ManyRelatedManager._get_target_ids, set()'s old_ids), so the
// order of the values in the SQL they send follows the set's hash table:
//   {9, 2}  iterates as  9, 2   (table of 8 slots: 9 lands in slot 1, 2 in slot 2).
// Mirrors Objects/setobject.c (set_add_entry, set_discard_entry, set_table_resize).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gramlab::shell {

class IntSetOrder {
public:
    //! set.add(v)
    void add(int64_t v);
    //! set.discard(v); returns whether v was present.
    bool discard(int64_t v);
    bool contains(int64_t v) const;
    size_t size() const { return used_; }
    //! The values in the order `for x in s` yields them.
    std::vector<int64_t> items() const;

private:
    enum class State : uint8_t { kEmpty, kActive, kDummy };
    struct Slot {
        int64_t key = 0;
        int64_t hash = 0;
        State state = State::kEmpty;
    };
    //! The slot holding `v`, or -1.
    long find(int64_t v) const;
    void insert_clean(std::vector<Slot>& table, int64_t key, int64_t hash) const;
    void resize(size_t minused);

    std::vector<Slot> table_ = std::vector<Slot>(8);  // PySet_MINSIZE
    size_t fill_ = 0;  // active + dummy slots
    size_t used_ = 0;  // active slots
};

//! hash(v) for a Python int (modulo 2**61 - 1; hash(-1) == -2).
int64_t py_int_hash(int64_t v);

}  // namespace gramlab::shell

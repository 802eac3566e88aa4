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
    void add(int64_t v) { add(v, py_int_hash(v)); }
    //! set.discard(v); returns whether v was present.
    bool discard(int64_t v) { return discard(v, py_int_hash(v)); }
    bool contains(int64_t v) const { return find(v, py_int_hash(v)) >= 0; }
    size_t size() const { return used_; }
    //! The values in the order `for x in s` yields them.
    std::vector<int64_t> items() const;

    // The same table for keys of any type (the shell's sets): `key` is a token standing for
    // one Python object (equal objects, one token), `hash` that object's CPython hash().
    void add(int64_t key, int64_t hash);
    bool discard(int64_t key, int64_t hash);
    //! set.pop(): the key CPython removes (its search finger persists across pops); false if empty.
    bool pop(int64_t& key);
    //! set.clear()
    void clear();
    //! set_merge's first step: one resize when `incoming` more keys would overfill the table.
    void reserve_for_merge(size_t incoming);
    //! set_merge into this empty set: the same slots when the tables are the same size and
    //! `other` has no dummies, else each key re-inserted in `other`'s order. False when this
    //! set is not empty (the caller adds one by one, as set_add_entry does).
    bool merge_into_empty(const IntSetOrder& other);

private:
    enum class State : uint8_t { kEmpty, kActive, kDummy };
    struct Slot {
        int64_t key = 0;
        int64_t hash = 0;
        State state = State::kEmpty;
    };
    static int64_t py_int_hash(int64_t v);
    //! The slot holding `key`, or -1.
    long find(int64_t key, int64_t hash) const;
    void insert_clean(std::vector<Slot>& table, int64_t key, int64_t hash) const;
    void resize(size_t minused);

    std::vector<Slot> table_ = std::vector<Slot>(8);  // PySet_MINSIZE
    size_t fill_ = 0;  // active + dummy slots
    size_t used_ = 0;  // active slots
    size_t finger_ = 0;  // where set.pop() starts looking
};

//! hash(v) for a Python int (modulo 2**61 - 1; hash(-1) == -2).
int64_t py_int_hash(int64_t v);

inline int64_t IntSetOrder::py_int_hash(int64_t v) { return ::gramlab::shell::py_int_hash(v); }

}  // namespace gramlab::shell

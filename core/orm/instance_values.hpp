// InstanceValues: a model instance's concrete field values by attname ("post_author_id").
// Django keeps them in the instance's __dict__; here they are a vector of (attname, value)
// sorted by attname. A loaded row fills it in one allocation, in key order (RowLayout gives
// that order), where a std::map paid one tree node per field: the cost that dominated
// building and freeing the instances of a QuerySet (docs/benchmarks.md). Lookups are binary
// searches over a handful of fields. The interface is the subset of std::map the ORM uses,
// iterating in key order as std::map does; unlike std::map, inserting a new key invalidates
// references and iterators into it, so none are held across an insertion.
//
// The values of a loaded row may also be pending: the instance keeps the raw database row
// (a Source: its own row, shared only with the select_related instances made from the same
// row; see RowSource in core/orm/model.hpp) and converts it into Python objects
// the first time anything reads or writes a value. What a learner sees is unchanged (the
// conversion is a pure function of the row), but `list(qs)` of rows nobody reads no longer
// builds and frees an object per column.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/shell/object.hpp"

namespace gramlab::orm {

class InstanceValues {
public:
    using value_type = std::pair<std::string, shell::Ref>;
    using iterator = std::vector<value_type>::iterator;
    using const_iterator = std::vector<value_type>::const_iterator;

    //! Raw rows not converted yet: fill() puts row `index`'s values into `out` (empty).
    class Source {
    public:
        virtual ~Source() = default;
        virtual void fill(InstanceValues& out, size_t index) const = 0;
    };

    InstanceValues() = default;
    InstanceValues(const InstanceValues& o) : items_((o.materialize(), o.items_)) {}
    InstanceValues(InstanceValues&&) = default;
    InstanceValues& operator=(InstanceValues&&) = default;
    InstanceValues& operator=(const InstanceValues& o) {
        if (this != &o) {
            o.materialize();
            source_.reset();
            items_ = o.items_;
        }
        return *this;
    }

    //! Makes the values those of row `index` of `source`, converted when first used.
    void defer_to(std::shared_ptr<const Source> source, size_t index) {
        items_.clear();
        source_ = std::move(source);
        index_ = index;
    }
    bool pending() const { return source_ != nullptr; }
    //! Converts pending values now.
    void materialize() const {
        if (!source_) return;
        auto source = std::move(source_);
        source_.reset();
        source->fill(const_cast<InstanceValues&>(*this), index_);
    }

    iterator begin() { materialize(); return items_.begin(); }
    iterator end() { materialize(); return items_.end(); }
    const_iterator begin() const { materialize(); return items_.begin(); }
    const_iterator end() const { materialize(); return items_.end(); }
    size_t size() const { materialize(); return items_.size(); }
    bool empty() const { materialize(); return items_.empty(); }
    void clear() { source_.reset(); items_.clear(); }
    void reserve(size_t n) { items_.reserve(n); }

    iterator find(const std::string& key) {
        auto it = lower(key);
        return it != items_.end() && it->first == key ? it : items_.end();
    }
    const_iterator find(const std::string& key) const {
        auto it = const_cast<InstanceValues*>(this)->lower(key);
        return it != items_.end() && it->first == key ? const_iterator(it) : items_.cend();
    }
    size_t count(const std::string& key) const { return find(key) != end() ? 1 : 0; }

    //! The value for `key`, inserted as null when absent (std::map::operator[]).
    shell::Ref& operator[](const std::string& key) {
        auto it = lower(key);
        if (it == items_.end() || it->first != key) it = items_.emplace(it, key, nullptr);
        return it->second;
    }
    void insert_or_assign(const std::string& key, shell::Ref value) { (*this)[key] = std::move(value); }
    //! Appends an entry whose key sorts after every key present (rows are filled in key order).
    void append_in_order(const std::string& key, shell::Ref value) {
        materialize();
        if (!items_.empty() && !(items_.back().first < key)) {
            insert_or_assign(key, std::move(value));  // out of order: still correct, just slower
            return;
        }
        items_.emplace_back(key, std::move(value));
    }
    size_t erase(const std::string& key) {
        auto it = find(key);
        if (it == items_.end()) return 0;
        items_.erase(it);
        return 1;
    }

private:
    iterator lower(const std::string& key) {
        materialize();
        return std::lower_bound(items_.begin(), items_.end(), key,
                                [](const value_type& e, const std::string& k) { return e.first < k; });
    }
    mutable std::vector<value_type> items_;
    mutable std::shared_ptr<const Source> source_;
    size_t index_ = 0;
};

}  // namespace gramlab::orm

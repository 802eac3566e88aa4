// prefetch_related() over several relations and the Prefetch(lookup, queryset=None,
// to_attr=None) object of django.db.models (core/orm/prefetch.cpp).
#pragma once

#include <memory>
#include <string>

#include "core/shell/interp.hpp"

namespace gramlab::orm {

class QuerySetObj;

//! django.db.models.Prefetch
class PrefetchObj final : public shell::Object {
public:
    PrefetchObj() : Object(shell::Kind::kNative) {}
    std::string prefetch_through;  // the lookup: "posts__comment_set"
    std::string prefetch_to;       // the same with its last part replaced by to_attr
    std::string to_attr;           // empty: none
    std::shared_ptr<QuerySetObj> queryset;  // null: none
    //! What Django stores without checking, and fails on when it is used: a lookup that is
    //! not a str (prefetch_related() calls its split()), a queryset that is not a QuerySet
    //! (prefetching calls its _add_hints()).
    shell::Ref lookup_value;
    shell::Ref queryset_value;
    std::string type_name() const override { return "Prefetch"; }
    bool repr(shell::Interp& in, std::string& out) override;
    shell::Ref getattr(shell::Interp& in, const std::string& name) override;
    //! Prefetch.__eq__ / __hash__: by prefetch_to.
    int eq(shell::Interp& in, const shell::Ref& other) override;
    bool hash(shell::Interp& in, uint64_t& out) override;
};

//! The AttributeError Django raises calling `method` on a value without it ("'int' object
//! has no attribute 'split'"); returns null.
shell::Ref missing_method(shell::Interp& in, const shell::Ref& value, const std::string& method);

//! Adds Prefetch to the django.db.models module.
void install_prefetch_api(shell::Interp& in, shell::ModuleObj& models_module);

}  // namespace gramlab::orm

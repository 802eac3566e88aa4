// Lookups and transforms: turning the tail of a filter keyword ("__icontains",
// "__year__gt", "__in") plus its value into a Lookup with prepared database parameters,
// with Django's rules (exact None → IS NULL, in=[] never matches, LIKE escaping, year
// lookups as BETWEEN bounds) and its errors.
// Mirrors django/db/models/lookups.py and functions/datetime.py (Extract transforms).
#pragma once

#include <string>

#include "core/orm/query.hpp"

namespace gramlab::orm {

//! Builds `out` from a resolved path and the filter value. Exceptions pending on failure.
//! `resolved_rhs`: the value's expression when the caller resolved it already (Query.build_filter
//! resolves an expression value before the lookup's own path, as Django does).
bool build_lookup(shell::Interp& in, Query& q, const PathResolution& res, const shell::Ref& value, Lookup& out,
                  ExprPtr resolved_rhs = nullptr);

//! A filter value prepared for `f` (null: passed through); a model instance stands for its
//! primary key (related lookups: filter(post_author=user)). Exception pending on failure.
bool prep_related_value(shell::Interp& in, const models::Field* f, const shell::Ref& v, Value& out);

//! The lookups every field supports, and the transforms of date/datetime fields.
bool is_lookup_name(const std::string& name);
//! A field of class `cls` with no name or model, standing for an expression's output
//! (IntegerField for __year, DateField for Trunc(..., output_field=DateField())).
const models::Field* synthetic_field(const char* cls);
//! The lookups a relation itself takes (exact, in, lt, gt, gte, lte, isnull).
bool is_related_lookup_name(const std::string& name);
bool is_transform_name(const models::Field* f, const std::string& name);
//! connection.ops.prep_for_like_query: escapes \ % _.
std::string prep_for_like(const std::string& s);
//! difflib.get_close_matches(word, possibilities) with n=3, cutoff=0.6.
std::vector<std::string> close_matches(const std::string& word, const std::vector<std::string>& possibilities);

}  // namespace gramlab::orm

// Manager.raw() / QuerySet.raw(): a RawQuerySet over SQL the learner wrote. Its repr is the
// SQL with the parameters %-formatted in, as RawQuery.__str__ makes it; evaluating it runs the
// SQL once (as Django's SQLite cursor runs it: %s placeholders, Python sqlite3's checks) and
// caches the instances; each row becomes an instance of the model with the columns that are
// its fields loaded, the others deferred, and the remaining columns as attributes.
// Mirrors RawQuerySet in django/db/models/query.py and RawQuery in django/db/models/sql/query.py.
#pragma once

#include <memory>

#include "core/shell/interp.hpp"

namespace gramlab::orm {

class QuerySetObj;

//! QuerySet.raw(raw_query, params=(), translations=None, using=None) on `qs` (whose filters
//! are ignored, as in Django; its prefetch_related() lookups carry over).
shell::Ref make_raw_queryset(shell::Interp& in, const std::shared_ptr<QuerySetObj>& qs, shell::Args& a);

}  // namespace gramlab::orm

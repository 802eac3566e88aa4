// The value a console statement echoed, as a table for the playground's Results window: a
// QuerySet's rows (model instances by field, values() dicts, values_list() tuples), a list
// or tuple, one model instance. Read-only: the QuerySet is cloned, never evaluated in
// place, so its result cache (and so the learner's later query counts) stay as Django's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/models/value.hpp"
#include "core/shell/object.hpp"

namespace gramlab::shell {

class Interp;

//! `Post.objects.values('id', 'post_content')[:2]` →
//!   {kind: "values", model: "instagram.Post", columns: ["id", "post_content"],
//!    rows: [[1, "..."], [2, "..."]], truncated: false}
struct ResultTable {
    //! "queryset" (model instances), "values", "values_list" (also flat=True, named=True),
    //! "list", "tuple", "set", "dict" (columns key, value), "object" (one model instance).
    std::string kind;
    std::string model;                    // "instagram.Post" when rows are of one model, else ""
    std::vector<std::string> columns;     // attnames for instances ("post_author_id"), keys, or "0", "1", ...
    std::vector<std::vector<Value>> rows; // cells: None, bool, int, float, str; other values as str()
    bool truncated = false;               // more rows existed than the cap allowed
};

//! The table for `value`, or nullopt when it is not a collection or instance (scalars,
//! strings, functions, ...). Runs the QuerySet's query again on a clone, at most
//! `max_rows` + 1 rows in chunks; its queries land in the ORM's log (callers copy the
//! statement's queries first). An exception raised meanwhile is cleared and gives nullopt.
//! REQUIRES: max_rows > 0.
std::optional<ResultTable> result_table(Interp& in, const Ref& value, int64_t max_rows);

}  // namespace gramlab::shell

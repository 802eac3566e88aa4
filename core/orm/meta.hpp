// The ORM's view of a model's options (Django's Options / _meta): concrete fields, the
// relation a name refers to (forward FK, reverse FK, many-to-many), and the columns a join
// across it uses.
// Mirrors django/db/models/options.py and the path_infos of related fields.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/models/base.hpp"

namespace gramlab::orm {

//! What a name on a model refers to in a query path.
struct Relation {
    enum class Kind { kField, kForward, kReverse, kManyToMany, kReverseManyToMany };
    Kind kind = Kind::kField;
    const models::ModelDef* from = nullptr;
    const models::ModelDef* to = nullptr;  // target model (null for kField)
    const models::Field* field = nullptr;  // the field on `from` (forward) or on `to` (reverse)
    bool multi_valued = false;
    bool nullable = false;
    std::string from_col, to_col;          // join columns (from table, to table)
    // many-to-many: the through table and its two columns
    std::string through_table, through_from_col, through_to_col;
    bool attname = false;  // the name was the FK's attname ("post_author_id")
};

//! Finds `name` on model `m` (field name, attname, "pk", reverse query name); nullopt if none.
std::optional<Relation> find_relation(const models::Apps& apps, const models::ModelDef& m, const std::string& name);

//! The model a relation field points to.
const models::ModelDef* remote_model(const models::Apps& apps, const models::Field& f);
//! The field on the remote model an FK stores (to_field or the pk).
const models::Field* target_field(const models::Apps& apps, const models::Field& f);
//! Concrete (non-m2m) fields in the order Django selects them.
std::vector<const models::Field*> concrete_fields(const models::ModelDef& m);
//! Field.column (db_column if given as text, else the attname): what f.column() returns,
//! without Field::get's walk of the defaults table, for the compiler's per-column loops.
std::string column_name(const models::Field& f);
//! The model's reverse relations: (accessor / query name, model declaring the FK, field).
struct ReverseRel {
    std::string accessor;     // "posts", "comment_set", "profile"
    std::string query_name;   // "posts", "comment", "profile"
    const models::ModelDef* model;
    const models::Field* field;
};
std::vector<ReverseRel> reverse_relations(const models::Apps& apps, const models::ModelDef& m);
//! The auto-created through table of an m2m field and its (from, to) columns.
void m2m_through(const models::Apps& apps, const models::ModelDef& m, const models::Field& f, std::string& table,
                 std::string& from_col, std::string& to_col);

}  // namespace gramlab::orm

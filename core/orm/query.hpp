// The SQL query a QuerySet builds up: the base model, joins (with Django's alias and reuse
// rules), the WHERE tree of lookups, ordering, limits, distinct, the select list for
// values()/values_list(), annotations and GROUP BY. Field paths such as
// 'post_author__profile__profile_name__icontains' are resolved here into joins and a lookup.
// Mirrors django/db/models/sql/query.py, datastructures.py (Join) and where.py.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/models/base.hpp"
#include "core/orm/expressions.hpp"
#include "core/orm/meta.hpp"

namespace gramlab::shell { class Interp; }

namespace gramlab::orm {

//! Marks a distinct() argument that is not a str in Query::distinct_fields (followed by its
//! type name): Django fails on it only when the SQL is made.
inline constexpr const char* kNotAFieldName = "\x01";

struct Join {
    std::string table;         // "instagram_user"
    std::string alias;         // "instagram_user" or "T3"
    std::string parent_alias;  // empty for the base table
    std::string parent_col, col;  // ON ("parent"."parent_col" = "alias"."col")
    bool left_outer = false;
    bool nullable = false;
    std::string path;          // relation path from the base model ("post_author__profile")
    bool multi_valued = false;
    int filter_call = 0;       // which filter() call created it (multi-valued joins are reused only within it)
    int refcount = 1;          // 0 once trimmed: kept for alias numbering, not emitted
};

//! One lookup in the WHERE clause: lhs <lookup> rhs.
struct Lookup {
    ExprPtr lhs;              // resolved column or expression (transforms applied)
    std::string lookup;       // "exact", "icontains", "in", "isnull", "regex", ...
    std::string transform;    // "year", "month", "date", ... applied to lhs before `lookup`
    std::vector<Value> params;  // prepared database values of the rhs
    ExprPtr rhs_expr;         // F() / expression rhs
    const models::Field* field = nullptr;   // the field the value is prepared for
    bool rhs_true = false;    // isnull=True / boolean exact True
    bool rhs_is_none = false;
    bool empty = false;       // can never match (in=[]): EmptyResultSet
    bool boolean_shortcut = false;  // BooleanField exact: "col" / NOT "col"
    ExprPtr raw;              // a raw condition (correlated subquery link)
    bool year_bounds = false; // year transform compared against bounds on the column itself
    const models::Field* year_source = nullptr;  // the date/datetime field a transform reads
    //! `__in=<QuerySet>`: the inner query, selecting one column, compiled as a subquery.
    std::shared_ptr<class Query> rhs_query;
};

struct WhereNode {
    std::string connector = "AND";
    bool negated = false;
    struct Child {
        std::shared_ptr<Lookup> lookup;
        std::shared_ptr<WhereNode> node;
        ExprPtr raw;  // a raw fragment (EXISTS subquery)
    };
    std::vector<Child> children;
    bool empty() const { return children.empty(); }
};

struct OrderBy {
    ExprPtr expr;         // resolved at compile time from `name` when null
    std::string name;     // 'upload_time', '-post_author__username', '?'
    bool descending = false;
    int nulls = 0;        // an expression's nulls_first=True (1) / nulls_last=True (2)
};

//! OrderBy.as_sql's suffix on SQLite >= 3.30 ("" / " NULLS FIRST" / " NULLS LAST"); reverse()
//! swaps the two, as OrderBy.reverse_ordering does.
inline const char* nulls_sql(int nulls, bool reversed) {
    if (nulls == 0) return "";
    return (nulls == 2) != reversed ? " NULLS LAST" : " NULLS FIRST";
}

//! Where a field path led: the column (or annotation), the field, what is left (lookups).
struct PathResolution {
    ExprPtr col;
    const models::Field* final_field = nullptr;
    const models::ModelDef* final_model = nullptr;
    std::vector<std::string> rest;        // transforms and the lookup name
    std::vector<std::string> joins_used;  // aliases on the path (after trimming)
    bool relation_end = false;            // the path ended on a relation (compares its pk)
    const models::Field* target_pk = nullptr;
    bool trimmed_to_fk = false;
    bool annotation = false;
    int multi_join_at = -1;               // with allow_many=false: where a multi-valued step was
    Relation multi_rel;
};

//! Quotes an identifier the way Django's SQLite backend does: "name".
inline std::string quote(const std::string& name) {
    std::string out;
    out.reserve(name.size() + 2);
    out += '"';
    out += name;
    out += '"';
    return out;
}

//! The shape of rows a QuerySet yields.
enum class RowShape { kModel, kValues, kValuesList, kFlat, kNamed };

class Query {
public:
    explicit Query(const models::ModelDef* model);

    const models::ModelDef* model;
    std::vector<Join> joins;  // joins[0] is the base table
    WhereNode where;
    std::vector<OrderBy> order_by;
    bool default_ordering = true;
    bool standard_ordering = true;  // reverse() flips it
    bool clear_ordering_forced = false;
    std::optional<int64_t> low, high;
    //! using(alias): gramlab has Django's 'default' database only; any other alias is
    //! refused when the SQL is made (ConnectionDoesNotExist, as connections[alias] does).
    std::string db_alias = "default";
    bool distinct = false;
    std::vector<std::string> distinct_fields;  // kNotAFieldName + type name: a value that is not a str
    // values()/values_list(): names and resolved expressions, in select order.
    std::vector<std::string> values_names;
    std::vector<ExprPtr> values_exprs;
    bool has_values = false;
    // annotate(): alias → expression, in order; which are selected.
    std::vector<std::pair<std::string, ExprPtr>> annotations;
    std::set<std::string> annotation_mask;   // when has_values: the selected annotations
    bool group_by_all = false;               // annotate() with an aggregate on a model query (GROUP BY every column)
    //! values() then annotate() with an aggregate: Django fixes the GROUP BY to the values()
    //! columns then (Query.group_by, a tuple); it stays when values() is called again.
    std::vector<ExprPtr> values_group_by;
    //! union() / intersection() / difference(): the queries combined (as they were when the
    //! method was called; empty ones are left out when the SQL is made) and the operator.
    std::string combinator;
    bool combinator_all = false;
    std::vector<std::shared_ptr<const Query>> combined_queries;
    std::vector<ExprPtr> group_by;           // values().annotate(): the grouping columns
    bool has_group_by_list = false;
    // select_related('a__b'): relation paths; select_related() with no args: all non-null FKs.
    std::vector<std::string> select_related;
    bool select_related_all = false;
    // only()/defer(): field names.
    std::set<std::string> deferred;
    std::set<std::string> only;
    bool empty = false;  // none(), or a lookup that can never match (pk__in=[])
    int filter_calls = 0;
    //! Query.filter_is_sticky: set after a related manager's core filter, so that the next
    //! chained call (QuerySetObj::clone() turns it into reuse_filter_group) may reuse the
    //! multi-valued joins that filter set up, as Django's used_aliases allow.
    bool filter_is_sticky = false;
    bool reuse_filter_group = false;
    //! extra(select=...): (alias, raw SQL) selected before the model's columns; the prefetch
    //! of a many-to-many relation selects the through table's source column this way.
    std::vector<std::pair<std::string, std::string>> extra_select;
    std::string alias_prefix = "T";
    //! Every join gets a generated alias (a subquery whose aliases Django relabelled U0, U1, ...).
    bool always_alias = false;
    //! The number of the first joined alias is joins.size() + this (U2 in a split_exclude subquery, U1 after a U0).
    int alias_number_offset = 1;
    int subquery_depth = 0;
    bool reuse_any = false;  // order_by/select_related joins reuse any equal join (can_reuse=None)

    bool is_sliced() const { return low.has_value() || high.has_value(); }
    void set_limits(std::optional<int64_t> lo, std::optional<int64_t> hi);
    bool has_ordering() const { return !order_by.empty() || (default_ordering && !model_ordering().empty()); }
    std::vector<std::string> model_ordering() const;

    //! Adds a filter() Q tree (exclude() passes invert_q(q)). FieldError etc. pending on failure.
    bool add_q(shell::Interp& in, const QNode& q);
    //! Resolves an expression against this query (F names become columns, joins are set up).
    bool resolve_expr(shell::Interp& in, ExprPtr& e, bool allow_joins = true, bool for_order_or_values = false);
    //! Resolves a field path ("post_author__username") to a column expression, with joins.
    ExprPtr resolve_path(shell::Interp& in, const std::string& path, bool left_outer_for_nullable, bool allow_many = true);
    //! The choices listed in FieldError: field names, reverse query names and annotations.
    std::vector<std::string> field_choices(const models::ModelDef& m, bool with_annotations) const;
    //! The FieldError message for a path resolve_names() could not finish (res.rest not empty),
    //! as setup_joins(fail_on_missing=True) words it: after a relation, the target's fields
    //! ("Choices are: ..."); after a plain field, "Join on 'location' not permitted.".
    std::string unresolved_name_message(const std::vector<std::string>& names, const PathResolution& res) const;
    //! The join for a relation step from `parent_alias`, reusing one when Django would.
    std::string setup_join(const std::string& parent_alias, const std::string& path, const std::string& table,
                           const std::string& parent_col, const std::string& col, bool nullable, bool multi_valued,
                           bool left_outer);
    const Join* join(const std::string& alias) const;
    Join* join(const std::string& alias);

    const models::Apps* apps = nullptr;

    //! names_to_path + setup_joins + trim_joins for a split lookup path.
    bool resolve_names(shell::Interp& in, const std::vector<std::string>& names, PathResolution& res, bool allow_many,
                       bool fail_on_missing);
    bool add_q_node(shell::Interp& in, const QNode& q, WhereNode& into, bool current_negated,
                    std::set<std::string>* needed_inner);
    void promote_join(const std::string& alias);
    void demote_join(const std::string& alias);
    //! A related manager's core filter across an intermediary table, as Django builds it from
    //! ManyRelatedManager.core_filters (liked_posts__id=1 for post.likes) and trims it:
    //!   INNER JOIN "social_post_likes" ON ("social_user"."id" = "social_post_likes"."user_id")
    //!   WHERE "social_post_likes"."post_id" = %s
    //! `lookup` is "exact" (one value) or "in" (prefetch_related: every instance's pk).
    //! `value_field` prepares the values (the source model's pk). FieldError etc. pending on failure.
    bool add_through_filter(shell::Interp& in, const std::string& path, const std::string& through_table,
                            const std::string& target_col, const std::string& through_target_col,
                            const std::string& through_source_col, const models::Field* value_field,
                            const std::string& lookup, const std::vector<shell::Ref>& values);

private:
    bool build_filter(shell::Interp& in, const std::string& lookup_path, const shell::Ref& value, WhereNode& into,
                      bool current_negated, std::vector<std::string>& used_joins);
    bool split_exclude(shell::Interp& in, const std::vector<std::string>& names, const PathResolution& res,
                       const shell::Ref& value, WhereNode& into);
};

//! ~Q: the node Q.__invert__ builds.
QPtr invert_q(const QNode& q);
//! A resolved column expression.
ExprPtr make_col(const std::string& alias, const models::Field* f, const std::string& model_label);

}  // namespace gramlab::orm

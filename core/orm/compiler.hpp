// The SQL compiler: turns a Query into the exact SQL text Django 3.2 generates for SQLite
// (SELECT with joins, WHERE/HAVING, GROUP BY, ORDER BY, LIMIT/OFFSET; COUNT, EXISTS,
// aggregate, UPDATE, DELETE and INSERT forms), with %s placeholders and parameters.
// Mirrors django/db/models/sql/compiler.py, where.py and the as_sql() of expressions/lookups.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/orm/query.hpp"

namespace gramlab::orm {

struct SqlText {
    std::string sql;
    std::vector<Value> params;
};

//! How the selected columns map back to objects.
struct SelectPlan {
    //! extra(select=...) columns come first: their aliases, and where the model's columns start.
    std::vector<std::string> extra_names;
    size_t base_offset = 0;
    std::vector<const models::Field*> base_fields;  // the model's loaded fields, in column order
    struct Related {
        std::string field_name;          // FK name on the parent ("post_author"), or a reverse one-to-one accessor ("profile")
        //! The related instance's cache entry pointing back at the parent: a reverse one-to-one's
        //! field ("user"), a forward one-to-one's reverse accessor; empty for a plain FK.
        std::string back_name;
        int parent = -1;                 // index into `related` (-1: the base model)
        const models::ModelDef* model = nullptr;
        std::vector<const models::Field*> fields;
        size_t offset = 0;
        std::string alias;
    };
    std::vector<Related> related;
    std::vector<std::pair<std::string, ExprPtr>> annotations;  // after the model columns
    size_t annotation_offset = 0;
    std::vector<ExprPtr> values;  // values()/values_list(): one per name
    //! values(): the SQL column of each name above (Django selects the fields first, then the
    //! annotations in the order they were defined); empty = the same order.
    std::vector<size_t> value_columns;
};

//! The database value of a Value(...) expression.
bool value_param(shell::Interp& in, const ExprNode& e, Value& out);

class Compiler {
public:
    Compiler(shell::Interp& in, Query& q) : in_(in), q_(q) {}

    //! SELECT for iteration; `plan` tells how to read the rows. False + exception pending,
    //! or `empty` set when the query can never return rows (EmptyResultSet).
    bool select(SqlText& out, SelectPlan& plan, bool& empty);
    //! SELECT COUNT(*) AS "__count" ...
    bool count(SqlText& out, bool& empty);
    //! SELECT (1) AS "a" ... LIMIT 1
    bool exists(SqlText& out, bool& empty);
    //! aggregate(): SELECT AGG(...) AS "alias", ...
    bool aggregate(const std::vector<std::pair<std::string, ExprPtr>>& aggs, SqlText& out, bool& empty);
    //! aggregate() over an annotated, sliced or distinct query (core/orm/aggregation.cpp):
    //! SELECT AGG("alias") FROM (...) subquery
    bool aggregate_subquery(const std::vector<std::pair<std::string, ExprPtr>>& aggs, SqlText& out, bool& empty);
    //! UPDATE "table" SET ... WHERE ...
    bool update(const std::vector<std::pair<const models::Field*, ExprPtr>>& values,
                const std::vector<std::pair<const models::Field*, Value>>& literal_values, SqlText& out, bool& empty);
    //! A fast delete of the query's rows (SQLDeleteCompiler): "DELETE FROM t WHERE ..." over
    //! one table, "DELETE FROM t WHERE t.pk IN (SELECT U0.pk FROM ... joins ...)" over several.
    bool delete_rows(SqlText& out, bool& empty);
    //! DELETE FROM "table" WHERE "table"."pk" IN (%s, ...)
    static SqlText delete_batch(const models::ModelDef& m, const std::string& column, const std::vector<Value>& ids);

    bool compile_expr(const ExprNode& e, std::string& sql, std::vector<Value>& params);
    //! False with FieldError pending when a selected expression's output field is unresolvable.
    bool select_format(const ExprNode& e);
    //! EXISTS(subquery) of a raw node; `empty` when the subquery can match nothing (Django's
    //! EmptyResultSet raised inside Exists, which the WHERE clause around it resolves).
    bool compile_exists(const ExprNode& e, std::string& sql, std::vector<Value>& params, bool& empty);
    //! Compiles the query as a subquery: its aliases renamed `prefix`0, `prefix`1, ... in join
    //! order (Query.bump_prefix()).
    void relabel(const std::string& prefix);
    //! Compiles a WHERE tree. `empty`: can never match; returns "" when it matches everything.
    bool compile_where(const WhereNode& w, std::string& sql, std::vector<Value>& params, bool& empty, bool resolved = false);

private:
    //! distinct(*fields) (DISTINCT ON) as Django's SQLite backend takes it: the names must
    //! resolve (FieldError), then NotSupportedError, unless the WHERE matches nothing
    //! (EmptyResultSet comes first). False with the error raised; `empty` set when it matches nothing.
    bool check_distinct_fields(bool& empty);
    //! connections[query.db_alias]: false + ConnectionDoesNotExist for an alias that is not 'default'.
    bool check_connection();
    bool exists_distinct(SqlText& out, bool& empty);
    //! union() / intersection() / difference() (Query::combinator): the parts joined by the
    //! operator (get_combinator_sql); `parts_as_exists`: each part as its exists() form.
    bool combined_sql(SqlText& out, bool& empty, bool parts_as_exists);
    bool combinator_select(SqlText& out, SelectPlan& plan, bool& empty);
    bool exists_grouped(SqlText& out, bool& empty);
    bool compile_lookup(const Lookup& l, std::string& sql, std::vector<Value>& params, bool& empty);
    bool ordering(std::vector<std::string>& parts, std::vector<Value>& params, bool grouping);
    bool from_clause(std::string& sql);
    bool setup_select_related(SelectPlan& plan);
    std::string col_sql(const std::string& alias, const std::string& column) const;
    std::string limit_offset() const;
    void split_having(WhereNode& where, WhereNode& having) const;
    //! The FROM clause and the WHERE and HAVING conditions (split_having()), compiled.
    struct Clauses {
        std::string from, where, having;
        std::vector<Value> where_params, having_params;
        bool never = false;  // a condition can never hold: the query is not run
    };
    bool clauses(Clauses& c);
    //! "SELECT cols FROM ... [WHERE ...]"; the WHERE's parameters are appended to `params`
    //! (which holds the columns' before).
    static std::string select_from_where(const std::vector<std::string>& cols, const Clauses& c,
                                         std::vector<Value>& params);
    bool grouped_count_inner(SqlText& out, bool& empty);
    bool compile_window(const ExprNode& e, std::string& sql, std::vector<Value>& params);
    bool compile_case(const ExprNode& e, std::string& sql, std::vector<Value>& params);
    std::string exists_limit() const;
    bool loaded_by_only_defer(const std::string& prefix, const models::Field& f) const;
    bool compile_subquery(const ExprNode& e, std::string& sql, std::vector<Value>& params, bool* empty = nullptr);
    bool aggregate_inner(SqlText& out, bool& empty);

    shell::Interp& in_;
    Query& q_;
    bool meta_ordering_ = false;
    //! as_sql(with_col_aliases=True): the select list of a COUNT(*) subquery names its plain
    //! columns "AS Col1", "AS Col2", ...
    bool with_col_aliases_ = false;
    //! Compiling where Django resolves conditions twice (a WHERE clause, UPDATE ... SET): a
    //! When's condition is parenthesized there (WhereNode.resolved).
    bool conditions_resolved_ = false;
    std::map<std::string, std::string> rename_;  // alias → subquery alias (relabel())
    const std::string& alias_of(const std::string& alias) const;
};

//! Query::db_alias of a using() argument that is not a str: this prefix, then its type name.
inline constexpr const char* kNotAnAlias = "\x01";
//! connections[alias]: true for 'default'; else false with Django's exception pending
//! (ConnectionDoesNotExist, or TypeError for an alias that is not a str).
bool check_connection(shell::Interp& in, const std::string& alias);

}  // namespace gramlab::orm

// aggregate() over an annotated, sliced or distinct QuerySet: the subquery path of Django's
// Query.get_aggregation() (django/db/models/sql/query.py) and SQLAggregateCompiler:
//   SELECT AVG("n") FROM (SELECT COUNT(...) AS "n" FROM ... GROUP BY ...) subquery
// The columns an aggregate reads are selected by the inner query as "__col1", "__col2", ...
// (Query.rewrite_cols()); existing annotations are referred to by their alias.
#include <algorithm>

#include "core/orm/compiler.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

namespace {

// A reference to a column of the subquery by its alias: Ref.as_sql() is quote_name(alias).
ExprPtr subquery_ref(const std::string& alias, const ExprNode& source) {
    auto r = std::make_shared<ExprNode>(ExprNode::Kind::kRaw);
    r->sql = quote(alias);
    r->name = alias;
    r->out = source.out;
    r->out_field = source.out_field;
    r->field = source.field;
    return r;
}

// Query.rewrite_cols(): Refs to annotations stay (as the subquery's alias), plain columns are
// added to the inner query's select under "__colN", other expressions are walked into.
void rewrite_cols(ExprPtr& e, Query& inner, int& col_cnt) {
    if (!e) return;
    if (e->kind == ExprNode::Kind::kRef) {
        e = subquery_ref(e->name, *e);
        return;
    }
    if (e->kind == ExprNode::Kind::kCol) {
        // Reuse what the subquery already selects: Django compares by identity, and a column
        // of a table under its own name is one cached object (Field.cached_col).
        bool cached = false;
        for (const auto& j : inner.joins)
            if (j.alias == e->alias && j.table == e->alias) cached = true;
        for (const auto& a : inner.annotations) {
            const ExprNode& s = *a.second;
            if (cached && s.kind == ExprNode::Kind::kCol && s.alias == e->alias && s.column == e->column &&
                (!inner.has_values || inner.annotation_mask.count(a.first))) {
                e = subquery_ref(a.first, *e);
                return;
            }
        }
        std::string alias = "__col" + std::to_string(++col_cnt);
        inner.annotations.emplace_back(alias, e);
        if (inner.has_values) inner.annotation_mask.insert(alias);
        e = subquery_ref(alias, *e);
        return;
    }
    for (auto& a : e->args) rewrite_cols(a, inner, col_cnt);
}

// The aggregate's filter= (a WhereNode, whose lookups are its source expressions in Django):
// copied, since the aggregate shares it with the query it came from, with each lookup's
// columns rewritten as above. False for a raw condition (an EXISTS subquery), which has no
// columns to select.
bool rewrite_filter(std::shared_ptr<WhereNode>& w, Query& inner, int& col_cnt) {
    auto copy = std::make_shared<WhereNode>(*w);
    for (auto& child : copy->children) {
        if (child.raw) return false;
        if (child.node && !rewrite_filter(child.node, inner, col_cnt)) return false;
        if (child.lookup) {
            auto l = std::make_shared<Lookup>(*child.lookup);
            if (l->raw || l->rhs_query) return false;
            if (l->lhs) {
                l->lhs = l->lhs->clone();
                rewrite_cols(l->lhs, inner, col_cnt);
            }
            if (l->rhs_expr) {
                l->rhs_expr = l->rhs_expr->clone();
                rewrite_cols(l->rhs_expr, inner, col_cnt);
            }
            child.lookup = l;
        }
    }
    w = copy;
    return true;
}

}  // namespace

bool Compiler::aggregate_subquery(const std::vector<std::pair<std::string, ExprPtr>>& aggs_in, SqlText& out, bool& empty) {
    if (q_.empty) {
        empty = true;
        return true;
    }
    Query inner = q_;
    std::vector<std::pair<std::string, ExprPtr>> aggs;
    int col_cnt = 0;
    for (const auto& a : aggs_in) {
        ExprPtr e = a.second->clone();
        // The source expression first, then the filter: Aggregate.get_source_expressions().
        rewrite_cols(e, inner, col_cnt);
        if (e->filter_where && !rewrite_filter(e->filter_where, inner, col_cnt)) {
            in_.not_supported("aggregate(filter=...) with a subquery condition over an annotated, sliced or distinct QuerySet");
            return false;
        }
        aggs.emplace_back(a.first, e);
    }
    // Without a slice the inner query needs no ordering (clear_ordering(True)).
    if (!inner.is_sliced()) {
        inner.order_by.clear();
        inner.default_ordering = false;
    }
    SqlText t;
    bool e = false;
    Compiler ic(in_, inner);
    if (inner.has_values || inner.distinct) {
        // The select stays as it is (every column under DISTINCT), "__colN" after it.
        SelectPlan plan;
        ic.with_col_aliases_ = true;
        if (!ic.select(t, plan, e)) return false;
    } else if (!ic.aggregate_inner(t, e)) {
        return false;
    }
    if (e) {
        empty = true;
        return true;
    }
    std::vector<Value> params;
    std::string cols;
    for (const auto& a : aggs) {
        std::string s;
        if (!compile_expr(*a.second, s, params)) return false;
        cols += (cols.empty() ? "" : ", ") + s;
    }
    out.sql = "SELECT " + cols + " FROM (" + t.sql + ") subquery";
    out.params = std::move(params);
    out.params.insert(out.params.end(), t.params.begin(), t.params.end());
    return true;
}

// The inner query without DISTINCT or values(): default_cols is off, so only the annotations
// (and "__colN") are selected; with aggregate annotations it is grouped by the primary key.
bool Compiler::aggregate_inner(SqlText& out, bool& empty) {
    std::vector<std::string> cols, group_cols;
    std::vector<Value> params;
    const std::string pk_col = col_sql(q_.joins[0].alias, q_.model->pk()->column());
    bool grouping = false;
    for (const auto& a : q_.annotations) {
        std::string s;
        if (!compile_expr(*a.second, s, params)) return false;
        cols.push_back(s + " AS " + quote(a.first));
        if (a.second->contains_aggregate()) grouping = true;
        else group_cols.push_back(s);
    }
    // Model.objects[0:3].aggregate(Count('*')): at least the primary key is selected.
    if (cols.empty()) cols.push_back(pk_col + " AS Col1");
    if (grouping) group_cols.insert(group_cols.begin(), pk_col);
    std::vector<std::string> order_parts;
    std::vector<Value> order_params;
    if (q_.is_sliced() && !ordering(order_parts, order_params, grouping)) return false;
    Clauses c;
    if (!clauses(c)) return false;
    if (c.never) {
        empty = true;
        return true;
    }
    out.params = params;
    std::string sql = select_from_where(cols, c, out.params);
    if (grouping) {
        // The GROUP BY also takes the ORDER BY's columns; Meta.ordering is dropped.
        if (meta_ordering_) order_parts.clear();
        for (const auto& o : order_parts) {
            std::string c = o.substr(0, o.rfind(' '));
            bool is_ref = false;
            for (const auto& a : q_.annotations)
                if (c == quote(a.first)) is_ref = true;
            if (!is_ref && c != "RANDOM()") group_cols.push_back(c);
        }
        std::vector<std::string> uniq;
        for (const auto& c : group_cols)
            if (std::find(uniq.begin(), uniq.end(), c) == uniq.end()) uniq.push_back(c);
        sql += " GROUP BY ";
        for (size_t i = 0; i < uniq.size(); ++i) sql += (i ? ", " : "") + uniq[i];
        if (!c.having.empty()) {
            sql += " HAVING " + c.having;
            out.params.insert(out.params.end(), c.having_params.begin(), c.having_params.end());
        }
    }
    if (!order_parts.empty()) {
        sql += " ORDER BY ";
        for (size_t i = 0; i < order_parts.size(); ++i) sql += (i ? ", " : "") + order_parts[i];
        out.params.insert(out.params.end(), order_params.begin(), order_params.end());
    }
    sql += limit_offset();
    out.sql = std::move(sql);
    return true;
}

}  // namespace gramlab::orm

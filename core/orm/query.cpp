// Building a Query: field paths to joins and columns (names_to_path + setup_joins +
// trim_joins), filter()/exclude() Q trees to WHERE nodes with Django's join promotion
// (LEFT OUTER vs INNER), negation's IS NOT NULL guards, and exclude() across
// multi-valued relations as an EXISTS subquery.
#include "core/orm/query.hpp"

#include <algorithm>

#include "core/orm/db_functions.hpp"
#include "core/orm/errors.hpp"
#include "core/orm/lookups.hpp"
#include "core/orm/meta.hpp"
#include "core/orm/runtime.hpp"
#include "core/orm/through_models.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

using models::Field;
using models::ModelDef;

Query::Query(const ModelDef* m) : model(m) {
    Join base;
    base.table = m->db_table();
    base.alias = base.table;
    joins.push_back(base);
}

std::vector<std::string> Query::model_ordering() const {
    std::vector<std::string> out;
    const Value* o = model->meta_option("ordering");
    if (!o) return out;
    for (const auto& v : o->items)
        if (v.is_str()) out.push_back(v.text);
    return out;
}

void Query::set_limits(std::optional<int64_t> lo, std::optional<int64_t> hi) {
    // Django's set_limits: new bounds are relative to the current low mark and clamped.
    int64_t cur_low = low.value_or(0);
    if (hi) {
        int64_t h = cur_low + *hi;
        high = high ? std::min(*high, h) : h;
    }
    if (lo) {
        int64_t l = cur_low + *lo;
        low = high ? std::min(*high, l) : l;
    }
    if (low && *low == 0) low.reset();
    if (high && low.value_or(0) == *high) empty = true;  // [:0] and [3:3] as well
}

const Join* Query::join(const std::string& alias) const {
    for (const auto& j : joins)
        if (j.alias == alias) return &j;
    return nullptr;
}

Join* Query::join(const std::string& alias) {
    for (auto& j : joins)
        if (j.alias == alias) return &j;
    return nullptr;
}

std::string Query::setup_join(const std::string& parent_alias, const std::string& path, const std::string& table,
                              const std::string& parent_col, const std::string& col, bool nullable, bool multi_valued,
                              bool) {
    for (auto& j : joins) {
        if (j.parent_alias != parent_alias || j.table != table || j.parent_col != parent_col || j.col != col) continue;
        if (multi_valued && !reuse_any && j.filter_call != filter_calls && j.refcount > 0) continue;
        ++j.refcount;
        return j.alias;
    }
    Join j;
    j.table = table;
    bool used = false;
    for (const auto& other : joins)
        if (other.table == table) used = true;
    j.alias = used || always_alias ? alias_prefix + std::to_string(static_cast<int>(joins.size()) + alias_number_offset) : table;
    j.parent_alias = parent_alias;
    j.parent_col = parent_col;
    j.col = col;
    j.nullable = nullable;
    const Join* parent = join(parent_alias);
    j.left_outer = nullable || (parent && parent->left_outer);
    j.path = path;
    j.multi_valued = multi_valued;
    j.filter_call = filter_calls;
    j.refcount = 1;
    joins.push_back(j);
    return joins.back().alias;
}

std::vector<std::string> Query::field_choices(const ModelDef& m, bool with_annotations) const {
    std::vector<std::string> names;
    for (const auto& f : m.fields) {
        names.push_back(f.name);
        if (f.is_fk()) names.push_back(f.attname());
    }
    if (apps)
        for (const auto& r : reverse_relations(*apps, m)) names.push_back(r.query_name);
    if (with_annotations)
        for (const auto& a : annotations) names.push_back(a.first);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

ExprPtr make_col(const std::string& alias, const Field* f, const std::string& model_label) {
    auto c = std::make_shared<ExprNode>(ExprNode::Kind::kCol);
    c->alias = alias;
    c->column = f->column();
    c->field = f;
    c->model_label = model_label;
    c->out = OutKind::kField;
    c->out_field = f;
    return c;
}

bool Query::resolve_names(shell::Interp& in, const std::vector<std::string>& names, PathResolution& res,
                          bool allow_many, bool fail_on_missing) {
    const ModelDef* cur = model;
    std::string alias = joins[0].alias;
    std::string path;
    res = PathResolution();
    // An annotation name as the first step: F('n'), filter(n__gt=1), order_by('n').
    if (!names.empty()) {
        for (const auto& a : annotations) {
            if (a.first != names[0]) continue;
            auto r = std::make_shared<ExprNode>(ExprNode::Kind::kRef);
            r->name = a.first;
            r->args.push_back(a.second);
            r->out = a.second->out;
            r->out_field = a.second->out_field;
            res.col = r;
            res.final_field = a.second->out_field;
            res.rest.assign(names.begin() + 1, names.end());
            res.annotation = true;
            return true;
        }
    }
    struct Step {
        Relation rel;
        std::string alias_before, alias_after;
        size_t join_index_count;
    };
    std::vector<Step> steps;
    for (size_t i = 0; i < names.size(); ++i) {
        const std::string& name = names[i];
        auto rel = find_relation(*apps, *cur, name);
        if (!rel) {
            if (i == 0 || fail_on_missing) {
                std::vector<std::string> choices = field_choices(*cur, i == 0);
                std::string list;
                for (size_t k = 0; k < choices.size(); ++k) list += (k ? ", " : "") + choices[k];
                in.raise(field_error_class(in), "Cannot resolve keyword '" + name + "' into field. Choices are: " + list);
                return false;
            }
            res.rest.assign(names.begin() + static_cast<long>(i), names.end());
            break;
        }
        if (rel->kind == Relation::Kind::kField || rel->attname) {
            res.final_field = rel->field;
            res.final_model = cur;
            res.col = make_col(alias, rel->field, cur->label());
            res.rest.assign(names.begin() + static_cast<long>(i) + 1, names.end());
            if (fail_on_missing && i + 1 != names.size()) {
                in.raise(field_error_class(in), "Cannot resolve keyword '" + names[i + 1] + "' into field. Join on '" + name +
                                                    "' not permitted.");
                return false;
            }
            goto trim;
        }
        if (!allow_many && rel->multi_valued && res.multi_join_at < 0) {
            res.multi_join_at = static_cast<int>(i);
            res.multi_rel = *rel;
        }
        path += (path.empty() ? "" : "__") + name;
        {
            Step st;
            st.rel = *rel;
            st.alias_before = alias;
            if (rel->kind == Relation::Kind::kForward) {
                alias = setup_join(alias, path, rel->to->db_table(), rel->from_col, rel->to_col, rel->nullable, false, false);
            } else if (rel->kind == Relation::Kind::kReverse) {
                alias = setup_join(alias, path, rel->to->db_table(), rel->from_col, rel->to_col, true, rel->multi_valued, true);
            } else {
                std::string mid = setup_join(alias, path + "__through", rel->through_table, rel->from_col,
                                             rel->through_from_col, true, true, true);
                res.joins_used.push_back(mid);
                alias = setup_join(mid, path, rel->to->db_table(), rel->through_to_col, rel->to_col, true, true, true);
            }
            st.alias_after = alias;
            res.joins_used.push_back(alias);
            steps.push_back(st);
        }
        cur = rel->to;
        res.final_model = cur;
        res.final_field = rel->field;
        res.relation_end = true;
        if (i + 1 == names.size() || !find_relation(*apps, *cur, names[i + 1])) {
            // The path ends on a relation: compare against the target's primary key.
            const Field* pk = cur->pk();
            res.col = make_col(alias, pk, cur->label());
            res.target_pk = pk;
            res.rest.assign(names.begin() + static_cast<long>(i) + 1, names.end());
            break;
        }
        res.relation_end = false;
    }
trim:
    // trim_joins: a forward join whose target column is all that is needed is dropped
    // in favour of the FK column on the parent ("post_author__id" → post_author_id).
    while (!steps.empty() && res.col && res.col->kind == ExprNode::Kind::kCol) {
        Step& st = steps.back();
        if (st.rel.kind == Relation::Kind::kManyToMany || st.rel.kind == Relation::Kind::kReverseManyToMany) {
            // The intermediary table's second hop is direct: "likes=user" compares
            // "social_post_likes"."user_id" and drops the join to the target table. The hop
            // from the source into the intermediary table is not, so trimming stops here.
            if (res.col->alias != st.alias_after || res.col->column != st.rel.to_col) break;
            Join* j = join(st.alias_after);
            if (j) --j->refcount;
            res.joins_used.pop_back();
            const std::string mid = res.joins_used.empty() ? st.alias_before : res.joins_used.back();
            auto c = make_col(mid, res.col->field, res.col->model_label);
            c->column = st.rel.through_to_col;
            res.col = c;
            res.trimmed_to_fk = true;
            break;
        }
        if (st.rel.kind != Relation::Kind::kForward) break;
        if (res.col->alias != st.alias_after || res.col->column != st.rel.to_col) break;
        Join* j = join(st.alias_after);
        if (j) --j->refcount;
        res.joins_used.pop_back();
        res.col = make_col(st.alias_before, st.rel.field, st.rel.from->label());
        res.trimmed_to_fk = true;
        steps.pop_back();
    }
    return true;
}

ExprPtr Query::resolve_path(shell::Interp& in, const std::string& path, bool, bool allow_many) {
    std::vector<std::string> names;
    size_t start = 0;
    for (;;) {
        size_t p = path.find("__", start);
        names.push_back(path.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos) break;
        start = p + 2;
    }
    PathResolution res;
    if (!resolve_names(in, names, res, allow_many, true)) return nullptr;
    if (!res.rest.empty()) {
        in.raise(field_error_class(in), unresolved_name_message(names, res));
        return nullptr;
    }
    return res.col;
}

std::string Query::unresolved_name_message(const std::vector<std::string>& names, const PathResolution& res) const {
    std::string message = "Cannot resolve keyword '" + res.rest[0] + "' into field. ";
    if (res.relation_end && res.final_model) {
        std::string list;
        for (const auto& c : field_choices(*res.final_model, false)) list += (list.empty() ? "" : ", ") + c;
        return message + "Choices are: " + list;
    }
    return message + "Join on '" + names[names.size() - res.rest.size() - 1] + "' not permitted.";
}

bool Query::resolve_expr(shell::Interp& in, ExprPtr& e, bool allow_joins, bool for_order_or_values) {
    switch (e->kind) {
        case ExprNode::Kind::kF: {
            // OuterRef(name): resolved by the outer query (resolve_subquery), not this one.
            if (e->op == "OUTER") return true;
            ExprPtr col = resolve_path(in, e->name, false, true);
            if (!col) return false;
            // Query.resolve_ref(allow_joins=False), for update(): a column that needed a join
            // (after trimming: F('author__id') is the local author_id) is refused.
            if (!allow_joins && col->kind == ExprNode::Kind::kCol && !joins.empty() && col->alias != joins[0].alias) {
                in.raise(field_error_class(in), "Joined field references are not permitted in this query");
                return false;
            }
            const int order_desc = e->order_desc;  // F('x').desc() inside Window(order_by=...)
            const int order_nulls = e->order_nulls;
            e = col;
            if (order_desc >= 0) {
                e = std::make_shared<ExprNode>(*col);
                e->order_desc = order_desc;
                e->order_nulls = order_nulls;
            }
            return true;
        }
        case ExprNode::Kind::kAggregate:
        case ExprNode::Kind::kFunc:
        case ExprNode::Kind::kCombined:
        case ExprNode::Kind::kWrapper: {
            for (auto& a : e->args)
                if (!resolve_expr(in, a, allow_joins, for_order_or_values)) return false;
            if (e->filter) {
                // filter= on an aggregate becomes CASE WHEN ... THEN col ELSE NULL END on SQLite.
                // The Q's own connector and negation (Q(a) | Q(b), ~Q(a)) are the root's.
                auto w = std::make_shared<WhereNode>();
                w->connector = e->filter->connector;
                w->negated = e->filter->negated;
                std::set<std::string> used;
                if (!add_q_node(in, *e->filter, *w, e->filter->negated, &used)) return false;
                // Q.resolve_expression promotes the joins it used back to LEFT OUTER.
                for (const auto& a : used) promote_join(a);
                e->filter_where = w;
            }
            if (!resolve_subquery(in, *this, *e)) return false;
            infer_output(*e);
            resolve_temporal(*e);
            if (!resolve_function(in, *e)) return false;
            if (is_trunc(*e) && e->py_name == "Trunc" && !e->keep_field && !resolve_trunc(in, *e)) return false;
            return true;
        }
        default: return true;
    }
}

// ------------------------------------------------------------------------- filters

QPtr invert_q(const QNode& q) {
    // Q.__invert__: a new AND node holding q (squashed when q is an AND or has one child), negated.
    auto obj = std::make_shared<QNode>();
    if (!q.negated && (q.connector == "AND" || q.children.size() == 1)) {
        obj->children = q.children;
    } else {
        QNode::Child c;
        c.node = std::make_shared<QNode>(q);
        obj->children.push_back(c);
    }
    obj->negated = true;
    return obj;
}

bool Query::add_q(shell::Interp& in, const QNode& q) {
    // A new filter() call may not reuse the multi-valued joins of earlier ones, unless the
    // query was sticky (a related manager's core filter just before).
    if (reuse_filter_group) reuse_filter_group = false;
    else ++filter_calls;
    auto clause = std::make_shared<WhereNode>();
    clause->connector = q.connector;
    clause->negated = q.negated;
    if (!add_q_node(in, q, *clause, q.negated, nullptr)) return false;
    if (clause->children.empty()) return true;
    // tree.Node.add squashing into the top-level AND.
    if (!clause->negated && (clause->connector == "AND" || clause->children.size() == 1)) {
        for (auto& c : clause->children) where.children.push_back(c);
    } else {
        WhereNode::Child c;
        c.node = clause;
        where.children.push_back(c);
    }
    return true;
}

bool Query::add_q_node(shell::Interp& in, const QNode& q, WhereNode& into, bool current_negated,
                       std::set<std::string>* needed_inner) {
    // JoinPromoter: count which joins each child needs, then promote/demote.
    std::string effective = q.connector;
    if (current_negated) effective = effective == "AND" ? "OR" : "AND";
    std::map<std::string, int> votes;
    int num_children = static_cast<int>(q.children.size());
    for (const auto& child : q.children) {
        std::set<std::string> used;
        if (child.node) {
            auto sub = std::make_shared<WhereNode>();
            sub->connector = child.node->connector;
            sub->negated = child.node->negated;
            bool neg = current_negated != child.node->negated;
            if (!add_q_node(in, *child.node, *sub, neg, &used)) return false;
            if (!sub->children.empty()) {
                // tree.Node.add squashing.
                if (into.connector == sub->connector && !sub->negated) {
                    for (auto& c : sub->children) into.children.push_back(c);
                } else if (!sub->negated && sub->children.size() == 1) {
                    into.children.push_back(sub->children[0]);
                } else {
                    WhereNode::Child c;
                    c.node = sub;
                    into.children.push_back(c);
                }
            }
        } else if (child.lookup.empty() && child.value && shell::as<ExprObj>(child.value)) {
            // Query.build_filter with an expression: only a conditional one (a BooleanField
            // output) filters, compared with True: its own SQL is the condition.
            ExprPtr e = shell::as<ExprObj>(child.value)->expr->clone();
            if (!resolve_expr(in, e)) return false;
            if (!is_conditional(*e)) {
                in.type_error("Cannot filter against a non-conditional expression.");
                return false;
            }
            WhereNode::Child c;
            c.raw = e;
            into.children.push_back(c);
        } else {
            std::vector<std::string> used_list;
            if (!build_filter(in, child.lookup, child.value, into, current_negated, used_list)) return false;
            used.insert(used_list.begin(), used_list.end());
        }
        for (const auto& a : used) votes[a]++;
    }
    std::set<std::string> demote;
    for (const auto& kv : votes) {
        if (effective == "OR" && kv.second < num_children) promote_join(kv.first);
        if (effective == "AND" || (effective == "OR" && kv.second == num_children)) demote.insert(kv.first);
    }
    for (const auto& a : demote) demote_join(a);
    if (needed_inner) *needed_inner = demote;
    return true;
}

void Query::promote_join(const std::string& alias) {
    Join* j = join(alias);
    if (!j || j->left_outer) return;
    const Join* parent = join(j->parent_alias);
    if (j->nullable || (parent && parent->left_outer)) {
        j->left_outer = true;
        for (auto& child : joins)
            if (child.parent_alias == alias) promote_join(child.alias);
    }
}

void Query::demote_join(const std::string& alias) {
    Join* j = join(alias);
    if (j && j->left_outer) j->left_outer = false;
}

bool Query::add_through_filter(shell::Interp& in, const std::string& path, const std::string& through_table,
                               const std::string& target_col, const std::string& through_target_col,
                               const std::string& through_source_col, const Field* value_field,
                               const std::string& lookup, const std::vector<shell::Ref>& values) {
    if (reuse_filter_group) reuse_filter_group = false;
    else ++filter_calls;
    std::string mid = setup_join(joins[0].alias, path + "__through", through_table, target_col, through_target_col,
                                 true, true, true);
    demote_join(mid);
    auto lk = std::make_shared<Lookup>();
    auto col = make_col(mid, value_field, model->label());
    col->column = through_source_col;
    lk->lhs = col;
    lk->lookup = lookup;
    lk->field = value_field;
    for (const auto& v : values) {
        Value dbv;
        if (!prep_related_value(in, value_field, v, dbv)) return false;
        if (lookup == "in" && std::find(lk->params.begin(), lk->params.end(), dbv) != lk->params.end()) continue;
        lk->params.push_back(dbv);
    }
    if (lk->params.empty()) lk->empty = true;
    WhereNode::Child c;
    c.lookup = lk;
    where.children.push_back(c);
    filter_is_sticky = true;
    return true;
}

bool Query::build_filter(shell::Interp& in, const std::string& lookup_path, const shell::Ref& value, WhereNode& into,
                         bool current_negated, std::vector<std::string>& used_joins) {
    std::vector<std::string> names;
    size_t start = 0;
    for (;;) {
        size_t p = lookup_path.find("__", start);
        names.push_back(lookup_path.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos) break;
        start = p + 2;
    }
    // exclude() across a multi-valued relation becomes NOT EXISTS(subquery) (split_exclude).
    PathResolution res;
    size_t joins_before = joins.size();
    std::vector<int> refcounts_before;
    for (const auto& j : joins) refcounts_before.push_back(j.refcount);
    // Query.build_filter resolves an expression value (F('comment__x')) before the lookup's
    // path: its joins come first in FROM and take the lower T<n> aliases.
    ExprPtr resolved_rhs;
    std::vector<std::string> value_joins;
    if (auto* eo = shell::as<ExprObj>(value)) {
        resolved_rhs = eo->expr->clone();
        if (!resolve_expr(in, resolved_rhs)) return false;
        for (size_t i = 0; i < joins.size(); ++i)
            if (i >= joins_before || joins[i].refcount > refcounts_before[i]) value_joins.push_back(joins[i].alias);
    }
    if (!resolve_names(in, names, res, !current_negated, false)) return false;
    if (current_negated && res.multi_join_at >= 0) {
        // A bad lookup on the relation itself is reported as filter() reports it: Django builds
        // the subquery from the whole path; gramlab's starts past the relation and would name
        // the related model's key instead.
        if (res.relation_end && !res.rest.empty() && (res.rest.size() > 1 || !is_related_lookup_name(res.rest[0]))) {
            in.raise(field_error_class(in), "Related Field got invalid lookup: " + res.rest[0]);
            return false;
        }
        // Undo the joins this path set up; the subquery does the join instead.
        joins.resize(joins_before);
        for (size_t i = 0; i < joins.size(); ++i) joins[i].refcount = refcounts_before[i];
        return split_exclude(in, names, res, value, into);
    }
    if (res.relation_end && res.rest.size() > 1) {
        in.raise(field_error_class(in), "Related Field got invalid lookup: " + res.rest[0]);
        return false;
    }
    auto lk = std::make_shared<Lookup>();
    if (!build_lookup(in, *this, res, value, *lk, resolved_rhs)) return false;
    // Django's used_joins also holds the joins the value's expressions used: they vote in the
    // JoinPromoter like the lookup's own path, so an AND demotes them to INNER.
    for (const auto& a : value_joins)
        if (std::find(res.joins_used.begin(), res.joins_used.end(), a) == res.joins_used.end()) res.joins_used.push_back(a);
    bool require_outer = lk->lookup == "isnull" && lk->rhs_true && !current_negated;
    WhereNode::Child c;
    c.lookup = lk;
    if (current_negated && (lk->lookup != "isnull" || !lk->rhs_true) && !lk->rhs_is_none) {
        require_outer = true;
        if (lk->lookup != "isnull") {
            const Join* last = res.joins_used.empty() ? nullptr : join(res.joins_used.back());
            bool col_nullable = res.col && res.col->kind == ExprNode::Kind::kCol && res.col->field &&
                                (res.col->field->null() || (last && last->left_outer && res.col->alias == last->alias));
            if (res.col && res.col->kind == ExprNode::Kind::kCol && res.col->field && col_nullable) {
                // NOT (col = x AND col IS NOT NULL): a NULL column must not make NOT(...) unknown.
                auto node = std::make_shared<WhereNode>();
                node->children.push_back(c);
                auto notnull = std::make_shared<Lookup>();
                notnull->lhs = res.col;
                notnull->lookup = "isnull";
                notnull->rhs_true = false;
                notnull->field = res.col->field;
                WhereNode::Child nc;
                nc.lookup = notnull;
                node->children.push_back(nc);
                WhereNode::Child wrapper;
                wrapper.node = node;
                into.children.push_back(wrapper);
                if (!require_outer) used_joins = res.joins_used;
                return true;
            }
        }
    }
    into.children.push_back(c);
    if (!require_outer) used_joins = res.joins_used;
    return true;
}

bool Query::split_exclude(shell::Interp& in, const std::vector<std::string>& names, const PathResolution& res,
                          const shell::Ref& value, WhereNode& into) {
    // Django 3.2: NOT (EXISTS(SELECT (1) AS "a" FROM <child> U1 WHERE (<cond> AND U1."fk" = "parent"."pk") LIMIT 1))
    const Relation& rel = res.multi_rel;
    const bool m2m = rel.kind == Relation::Kind::kManyToMany || rel.kind == Relation::Kind::kReverseManyToMany;
    // names[from..to) joined back into a lookup path.
    auto joined = [&](size_t from, size_t to) {
        std::string path;
        for (size_t i = from; i < to; ++i) path += (i > from ? "__" : "") + names[i];
        return path;
    };
    // The condition EXISTS(SELECT (1) AS "a" FROM <sub_model> U<n> ... WHERE (<path> = value AND
    // U<n>.<col> = <outer>) LIMIT 1). Django relabels the subquery's aliases U0, U1, ...: its
    // first table is U<n>, the joins it adds number on from there.
    auto exists_subquery = [&](const ModelDef* sub_model, int n, const std::string& path, const std::string& col,
                               const std::string& outer, WhereNode::Child& out) {
        auto sub = std::make_shared<Query>(sub_model);
        sub->apps = apps;
        sub->alias_prefix = "U";
        sub->always_alias = true;
        sub->alias_number_offset = n;
        sub->subquery_depth = subquery_depth + 1;
        sub->joins[0].alias = "U" + std::to_string(n);
        QNode q;
        q.children.push_back({path, value, nullptr});
        if (!sub->add_q(in, q)) return false;
        auto link_sql = std::make_shared<ExprNode>(ExprNode::Kind::kRaw);
        link_sql->sql = sub->joins[0].alias + "." + quote(col) + " = " + outer;
        auto link = std::make_shared<Lookup>();
        link->raw = link_sql;
        WhereNode::Child lc;
        lc.lookup = link;
        sub->where.children.push_back(lc);
        auto exists = std::make_shared<ExprNode>(ExprNode::Kind::kRaw);
        exists->subquery = sub;
        exists->name = "EXISTS";
        out.raw = exists;
        return true;
    };
    // The forward FKs before the multi-valued step are trimmed from the subquery (Django's
    // trim_start): it starts at the multi-valued step's table and compares its FK with the
    // outer query's column for the last forward FK. After one forward FK that column is on the
    // outer table itself (comment: article__likes__name → "blog_comment"."article_id"); after
    // more, the outer query joins the path up to the last one, as Django's ResolvedOuterRef
    // does (article__writer__articles__title → LEFT OUTER JOIN "blog_article", compared with
    // "blog_article"."writer_id").
    const size_t first = res.multi_join_at > 0 ? static_cast<size_t>(res.multi_join_at) : 0;
    std::string parent_col = quote(joins[0].alias) + "." + quote(rel.from_col);
    bool prefix_ok = true;
    std::optional<Relation> last_forward;
    bool prefix_nullable = false;  // a nullable FK before the step: its join would be outer
    {
        const ModelDef* cur = model;
        for (size_t i = 0; i < first && prefix_ok; ++i) {
            auto r = find_relation(*apps, *cur, names[i]);
            prefix_ok = r && r->kind == Relation::Kind::kForward && !r->attname;
            if (prefix_ok) {
                cur = r->to;
                last_forward = *r;
                prefix_nullable = prefix_nullable || r->nullable;
            }
        }
        if (prefix_ok && last_forward) prefix_ok = last_forward->to_col == rel.from_col;
    }
    if (!prefix_ok || (rel.kind != Relation::Kind::kReverse && !m2m)) {
        in.not_supported("exclude() across this many-valued relation");
        return false;
    }
    // isnull=True (or None) across the relation: the subquery keeps the parent model and its
    // LEFT OUTER JOIN (trim_start cannot trim it): FROM "blog_article" U0 LEFT OUTER JOIN
    // "blog_comment" U1 ON (...) WHERE (U1."id" IS NULL AND U0."id" = "blog_article"."id").
    bool null_case = false;
    if (names.back() == "isnull") {
        // Django keeps the outer join only for isnull=True itself (condition.rhs is True);
        // another truthy value filters IS NULL over inner joins.
        null_case = value && value->kind == shell::Kind::kBool && in.truthy(value) == 1;
    } else if (value && value->kind == shell::Kind::kNone) {
        null_case = res.rest.empty() || (res.rest.size() == 1 && res.rest[0] == "exact");
    }
    ExprPtr outer_col;  // the last forward FK's column in the outer query
    if (first == 1) {
        parent_col = quote(joins[0].alias) + "." + quote(last_forward->from_col);
        outer_col = make_col(joins[0].alias, last_forward->field, model->label());
    } else if (first > 1) {
        outer_col = resolve_path(in, joined(0, first), true);
        if (!outer_col) return false;
        parent_col = quote(outer_col->alias) + "." + quote(outer_col->column);
    }
    if (null_case && first >= 1) {
        // After forward FKs (comment: article__comment__isnull=True) the subquery starts at
        // the last FK's target, keeps the LEFT OUTER JOIN to the multi-valued table, and
        // selects the target's key: EXISTS(SELECT ... FROM "blog_article" U1 LEFT OUTER JOIN
        // "blog_comment" U2 ON (...) WHERE (U2."id" IS NULL AND U1."id" =
        // "blog_comment"."article_id")); after two (article__writer__articles) it is U2, U3,
        // compared with the outer query's "blog_article"."writer_id". A nullable FK on the way
        // (Django's contains_louter) adds "OR <that column> IS NULL".
        WhereNode::Child ec;
        if (!exists_subquery(last_forward->to, static_cast<int>(first), joined(first, names.size()), last_forward->to_col,
                             parent_col, ec))
            return false;
        if (!prefix_nullable) {
            into.children.push_back(ec);
            return true;
        }
        auto either = std::make_shared<WhereNode>();
        either->connector = "OR";
        either->children.push_back(ec);
        auto is_null = std::make_shared<Lookup>();
        is_null->lhs = outer_col;
        is_null->lookup = "isnull";
        is_null->rhs_true = true;
        is_null->field = last_forward->field;
        WhereNode::Child nc;
        nc.lookup = is_null;
        either->children.push_back(nc);
        WhereNode::Child wrapper;
        wrapper.node = either;
        into.children.push_back(wrapper);
        return true;
    }
    if (null_case) {
        WhereNode::Child ec;
        const std::string pk = model->pk()->column();
        if (!exists_subquery(model, 0, joined(0, names.size()), pk, quote(joins[0].alias) + "." + quote(pk), ec)) return false;
        into.children.push_back(ec);
        return true;
    }
    std::string rest = joined(first + 1, names.size());
    // A lookup right after the relation (comment__isnull=False) applies to its primary key.
    if (!m2m && names.size() > first + 1 && !find_relation(*apps, *rel.to, names[first + 1]))
        rest = rel.to->pk()->name + "__" + rest;
    // Across a many-to-many relation the subquery starts at the intermediary table (Django
    // trims the leading join to the parent): FROM "social_post_likes" U1 INNER JOIN
    // "social_user" U2 ON (U1."user_id" = U2."id") WHERE (... AND U1."post_id" = "social_post"."id").
    const ModelDef* sub_model = rel.to;
    std::string link_col = rel.field->column();
    if (m2m) {
        const ModelDef* through = nullptr;
        if (in.orm && in.orm->through_models) {
            const ModelDef* declaring = rel.kind == Relation::Kind::kManyToMany ? rel.from : rel.to;
            through = in.orm->through_models->info(*declaring, *rel.field).through;
        }
        const Field* link = nullptr;
        const Field* hop = nullptr;
        if (through)
            for (const auto& f : through->fields) {
                if (f.is_fk() && f.column() == rel.through_from_col && !link) link = &f;
                else if (f.is_fk() && f.column() == rel.through_to_col && !hop) hop = &f;
            }
        if (!link || !hop) {
            in.not_supported("exclude() across this many-to-many relation");
            return false;
        }
        sub_model = through;
        link_col = link->column();
        rest = rest.empty() ? hop->name : hop->name + "__" + rest;
    }
    // The child table is U1 (U0 is the parent's slot), U2 after one trimmed forward FK, U3 after two.
    if (rest.empty()) rest = rel.to->pk()->name;
    WhereNode::Child ec;
    if (!exists_subquery(sub_model, static_cast<int>(first) + 1, rest, link_col, parent_col, ec)) return false;
    // The condition is the EXISTS itself: the negated node being built (exclude(), ~Q) adds
    // the NOT around it, as Django's WhereNode does for the Exists lookup split_exclude returns.
    into.children.push_back(ec);
    return true;
}

}  // namespace gramlab::orm

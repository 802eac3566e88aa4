// SQL generation for SQLite, character for character as Django 3.2 writes it.
#include "core/orm/compiler.hpp"

#include <algorithm>
#include <cstring>
#include <set>

#include "core/orm/errors.hpp"
#include "core/orm/meta.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

using models::Field;
using models::ModelDef;

void Compiler::relabel(const std::string& prefix) {
    for (size_t i = 0; i < q_.joins.size(); ++i) rename_[q_.joins[i].alias] = prefix + std::to_string(i);
}

const std::string& Compiler::alias_of(const std::string& alias) const {
    auto it = rename_.find(alias);
    return it == rename_.end() ? alias : it->second;
}

std::string Compiler::col_sql(const std::string& alias, const std::string& column) const {
    // Built in one string (every selected column passes here, so temporaries add up).
    std::string out;
    if (!rename_.empty()) {
        out = alias_of(alias);
        out.reserve(out.size() + column.size() + 3);
    } else {
        // quote_name_unless_alias: table names are quoted, generated aliases (T3, U1) are not.
        bool is_alias = alias != q_.joins[0].table;
        for (const auto& j : q_.joins)
            if (j.alias == alias && j.alias == j.table) is_alias = false;
        out.reserve(alias.size() + column.size() + 5);
        if (is_alias) {
            out += alias;
        } else {
            out += '"';
            out += alias;
            out += '"';
        }
    }
    out += ".\"";
    out += column;
    out += '"';
    return out;
}

bool Compiler::compile_expr(const ExprNode& e, std::string& sql, std::vector<Value>& params) {
    switch (e.kind) {
        case ExprNode::Kind::kCol: sql = col_sql(e.alias, e.column); return true;
        case ExprNode::Kind::kStar: sql = "*"; return true;
        case ExprNode::Kind::kRef: return compile_expr(*e.args[0], sql, params);
        case ExprNode::Kind::kWrapper: return compile_expr(*e.args[0], sql, params);
        case ExprNode::Kind::kValue: {
            Value v;
            if (!value_param(in_, e, v)) return false;
            if (v.is_none()) {  // Value.as_sql: None is the literal NULL, not a parameter
                sql = "NULL";
                return true;
            }
            sql = "%s";
            params.push_back(v);
            return true;
        }
        case ExprNode::Kind::kF: in_.raise(in_.RuntimeError, "unresolved F() expression"); return false;
        case ExprNode::Kind::kCombined: {
            std::string a, b;
            if (!compile_expr(*e.args[0], a, params) || !compile_expr(*e.args[1], b, params)) return false;
            if (e.name == "DURATION") {
                // DatabaseOperations.combine_duration_expression on SQLite.
                if (e.op != "+" && e.op != "-") {
                    raise_db_error(in_, "DatabaseError", "Invalid connector for timedelta: " + e.op + ".");
                    return false;
                }
                sql = "(django_format_dtdelta('" + e.op + "', " + a + ", " + b + "))";
                return true;
            }
            if (e.name == "TIMESTAMP_DIFF" || e.name == "TIME_DIFF") {  // subtract_temporals
                sql = std::string(e.name == "TIME_DIFF" ? "django_time_diff(" : "django_timestamp_diff(") + a + ", " + b + ")";
                return true;
            }
            // combine_expression on SQLite: no ^ operator, the POWER function Django registers.
            sql = e.op == "^" ? "(POWER(" + a + "," + b + "))" : "(" + a + " " + e.op + " " + b + ")";
            if (is_decimal_output(e)) sql = "CAST(" + sql + " AS NUMERIC)";  // SQLiteNumericMixin
            return true;
        }
        case ExprNode::Kind::kAggregate: {
            std::string inner;
            if (!compile_expr(*e.args[0], inner, params)) return false;
            sql = e.name + "(" + (e.distinct ? "DISTINCT " : "") + inner + ")";
            if (e.filter_where) {
                std::string w;
                std::vector<Value> wp;
                bool empty = false;
                if (!compile_where(*e.filter_where, w, wp, empty)) return false;
                if (!w.empty()) {
                    sql += " FILTER (WHERE " + w + ")";
                    params.insert(params.end(), wp.begin(), wp.end());
                }
            }
            if (is_decimal_output(e)) sql = "CAST(" + sql + " AS NUMERIC)";  // SQLiteNumericMixin
            return true;
        }
        case ExprNode::Kind::kFunc: {
            if (e.name == "CURRENT_TIMESTAMP") {  // Now(): template 'CURRENT_TIMESTAMP'
                sql = e.name;
                return true;
            }
            if (e.subquery) return compile_subquery(e, sql, params);
            if (e.name == "WINDOW") return compile_window(e, sql, params);
            if (e.name == "CASE") return compile_case(e, sql, params);
            const size_t first_param = params.size();
            std::vector<std::string> parts;
            for (const auto& a : e.args) {
                std::string s;
                if (!compile_expr(*a, s, params)) return false;
                parts.push_back(s);
            }
            if (e.name == "django_datetime_extract") {
                sql = "django_datetime_extract('" + e.op + "', " + parts[0] + ", 'UTC', 'UTC')";
            } else if (is_trunc(e)) {
                // DatabaseOperations.date_trunc_sql / datetime_trunc_sql: the time zones only for a
                // datetime source (_convert_tznames_to_sql gets no tzname for a date).
                const Field* src = trunc_source(e);
                const bool tz = src && src->kind() == models::FieldKind::kDateTime;
                sql = e.name + "('" + e.op + "', " + parts[0] + (tz ? ", 'UTC', 'UTC')" : ", NULL, NULL)");
            } else if (e.name == "django_date_extract") {
                sql = "django_date_extract('" + e.op + "', " + parts[0] + ")";
            } else if (e.name == "django_datetime_cast_date" || e.name == "django_datetime_cast_time") {
                sql = e.name + "(" + parts[0] + ", 'UTC', 'UTC')";
            } else if (e.name == "CAST") {
                // Cast.as_sqlite: date(x), strftime(format, x) (its format the first parameter),
                // else CAST(x AS cast_db_type).
                if (e.op == "date") {
                    sql = "date(" + parts[0] + ")";
                } else if (e.op == "datetime" || e.op == "time") {
                    sql = "strftime(%s, " + parts[0] + ")";
                    params.insert(params.begin() + static_cast<long>(first_param),
                                  Value::of_str(e.op == "time" ? "%H:%M:%f" : "%Y-%m-%d %H:%M:%f"));
                } else {
                    sql = "CAST(" + parts[0] + " AS " + e.op + ")";
                }
                return true;  // no SQLiteNumericMixin: Cast overrides as_sqlite
            } else if (e.name == "COLLATE") {
                sql = parts[0] + " COLLATE " + quote(e.op);  // Collate.as_sql: quote_name(collation)
                return true;
            } else if (e.name == "CONCAT") {
                sql = parts[0];
            } else if (e.name == "CONCAT_PAIR") {
                // ConcatPair.as_sqlite: COALESCE(a, '') || COALESCE(b, '')
                sql.clear();
                for (size_t i = 0; i < parts.size(); ++i) sql += (i ? " || " : "") + parts[i];
            } else {
                sql = e.name + "(";
                for (size_t i = 0; i < parts.size(); ++i) sql += (i ? ", " : "") + parts[i];
                sql += ")";
            }
            if (is_decimal_output(e)) sql = "CAST(" + sql + " AS NUMERIC)";  // SQLiteNumericMixin
            return true;
        }
        case ExprNode::Kind::kRaw: {
            if (e.subquery) {
                bool empty = false;
                return compile_exists(e, sql, params, empty);
            }
            sql = e.sql;
            params.insert(params.end(), e.params.begin(), e.params.end());
            return true;
        }
    }
    return false;
}

// Exists.as_sql: 'EXISTS(SELECT (1) AS "a" FROM ... U0 WHERE ... LIMIT 1)' ('NOT EXISTS(...)'
// when inverted); Subquery.as_sql: '(SELECT U0."x" FROM ... U0 ...)'. The inner query's
// aliases are relabelled U0, U1, ... (bump_prefix); its OuterRefs are already outer columns.
bool Compiler::compile_subquery(const ExprNode& e, std::string& sql, std::vector<Value>& params, bool* empty_out) {
    Query inner = *e.subquery;
    Compiler sub(in_, inner);
    sub.relabel("U");
    SqlText t;
    bool empty = false;
    if (e.name == "EXISTS") {
        if (!sub.exists(t, empty)) return false;
    } else {
        SelectPlan plan;
        if (!sub.select(t, plan, empty)) return false;
    }
    if (empty) {
        // EmptyResultSet from the inner query. In a WHERE clause it empties the condition, as
        // in Django, even under NOT (Exists.as_sql raises before negating); in a select list
        // gramlab writes the value it stands for.
        if (empty_out) {
            *empty_out = true;
            return true;
        }
        sql = e.name == "EXISTS" ? (e.op == "NOT" ? "1" : "0") : "NULL";
        return true;
    }
    sql = e.name == "EXISTS" ? std::string(e.op == "NOT" ? "NOT " : "") + "EXISTS(" + t.sql + ")" : "(" + t.sql + ")";
    params.insert(params.end(), t.params.begin(), t.params.end());
    return true;
}

// Case.as_sql: 'CASE WHEN <condition> THEN <result> ... ELSE <default> END'; a When whose
// condition matches nothing (EmptyResultSet) is left out, and with none left the default alone
// is the SQL. A condition is parenthesized where Django resolves it a second time (UPDATE's
// SET, a WHERE clause): WhereNode.resolved.
bool Compiler::compile_case(const ExprNode& e, std::string& sql, std::vector<Value>& params) {
    std::vector<std::string> parts;
    std::vector<Value> case_params;
    for (size_t i = 0; i + 1 < e.args.size(); ++i) {
        const ExprNode& when = *e.args[i];
        std::string cond, result;
        std::vector<Value> p;
        bool empty = false;
        if (!when.filter_where) {
            in_.raise(in_.RuntimeError, "unresolved When() condition");
            return false;
        }
        if (!compile_where(*when.filter_where, cond, p, empty, conditions_resolved_)) return false;
        if (empty) continue;
        if (!compile_expr(*when.args[0], result, p)) return false;
        parts.push_back("WHEN " + cond + " THEN " + result);
        case_params.insert(case_params.end(), p.begin(), p.end());
    }
    std::string def;
    std::vector<Value> dp;
    if (!compile_expr(*e.args.back(), def, dp)) return false;
    if (parts.empty()) {
        sql = def;
        params.insert(params.end(), dp.begin(), dp.end());
        return true;
    }
    sql = "CASE";
    for (const auto& p : parts) sql += " " + p;
    sql += " ELSE " + def + " END";
    params.insert(params.end(), case_params.begin(), case_params.end());
    params.insert(params.end(), dp.begin(), dp.end());
    return true;
}

// Window.as_sql: '<source> OVER (PARTITION BY a, b ORDER BY c DESC)'; as_sqlite casts a
// DecimalField result outside the OVER clause, the source computing a float.
bool Compiler::compile_window(const ExprNode& e, std::string& sql, std::vector<Value>& params) {
    const size_t partitions = static_cast<size_t>(std::stoul(e.op.empty() ? "0" : e.op));
    ExprNode source = *e.args[0];
    const bool decimal = is_decimal_output(e);
    if (decimal) {
        source.out = OutKind::kFloat;
        source.out_field = nullptr;
    }
    std::string src;
    if (!compile_expr(source, src, params)) return false;
    std::string partition, order;
    for (size_t i = 1; i < e.args.size(); ++i) {
        std::string a;
        if (!compile_expr(*e.args[i], a, params)) return false;
        const int desc = e.args[i]->order_desc;
        if (i <= partitions) {
            partition += (partition.empty() ? "" : ", ") + a;
        } else {
            order += (order.empty() ? "" : ", ") + a + (desc == 1 ? " DESC" : desc == 0 ? " ASC" : "") +
                     nulls_sql(e.args[i]->order_nulls, false);
        }
    }
    std::string window = partition.empty() ? "" : "PARTITION BY " + partition;
    if (!order.empty()) window += (window.empty() ? "" : " ") + std::string("ORDER BY ") + order;
    if (!e.frame_error.empty()) {
        in_.value_error(e.frame_error);
        return false;
    }
    if (!e.frame_sql.empty()) window += (window.empty() ? "" : " ") + e.frame_sql;
    sql = src + " OVER (" + window + ")";
    if (decimal) sql = "CAST(" + sql + " AS NUMERIC)";
    return true;
}

bool Compiler::select_format(const ExprNode& e) {
    // BaseExpression.select_format asks for the output field, which raises when Django cannot
    // resolve it (a WHERE clause never asks: SQLiteNumericMixin swallows the error there).
    const ExprNode* x = &e;
    while (x->kind == ExprNode::Kind::kRef && !x->args.empty() && x->args[0]) x = x->args[0].get();
    if (x->mixed_types.empty()) return true;
    in_.raise(django_exceptions(in_).FieldError, "Expression contains mixed types: " + x->mixed_types + ". You must set output_field.");
    return false;
}

bool Compiler::compile_exists(const ExprNode& e, std::string& sql, std::vector<Value>& params, bool& empty) {
    Compiler sub(in_, *e.subquery);
    SqlText t;
    if (!sub.exists(t, empty)) return false;
    if (empty) return true;
    sql = e.name + "(" + t.sql + ")";
    params.insert(params.end(), t.params.begin(), t.params.end());
    return true;
}

bool Compiler::compile_lookup(const Lookup& l, std::string& sql, std::vector<Value>& params, bool& empty) {
    if (l.raw) return compile_expr(*l.raw, sql, params);
    if (l.empty) {
        empty = true;
        return true;
    }
    std::string lhs;
    if (!compile_expr(*l.lhs, lhs, params)) return false;
    if (l.rhs_query) {
        // In.process_rhs over a QuerySet: "lhs IN (SELECT U0."id" FROM ... U0 WHERE ...)".
        Query inner = *l.rhs_query;
        Compiler sub(in_, inner);
        sub.relabel("U");
        SqlText t;
        SelectPlan plan;
        bool inner_empty = false;
        if (!sub.select(t, plan, inner_empty)) return false;
        if (inner_empty) {
            empty = true;
            return true;
        }
        sql = lhs + " IN (" + t.sql + ")";
        params.insert(params.end(), t.params.begin(), t.params.end());
        return true;
    }
    if (l.boolean_shortcut) {
        sql = l.rhs_true ? lhs : "NOT " + lhs;
        return true;
    }
    if (l.lookup == "isnull") {
        sql = lhs + (l.rhs_true ? " IS NULL" : " IS NOT NULL");
        return true;
    }
    std::string rhs = "%s";
    std::vector<Value> rhs_params;
    if (l.rhs_expr) {
        rhs_params.clear();
        if (!compile_expr(*l.rhs_expr, rhs, rhs_params)) return false;
    } else {
        rhs_params = l.params;
    }
    const std::string& k = l.lookup;
    if (l.year_bounds) {
        if (k == "exact") sql = lhs + " BETWEEN %s AND %s";
        else sql = lhs + (k == "gt" ? " > %s" : k == "gte" ? " >= %s" : k == "lt" ? " < %s" : " <= %s");
    } else if (k == "in" && l.rhs_expr) {
        sql = lhs + " IN " + rhs;  // __in=Subquery(...): "(SELECT ...)"
    } else if (k == "in") {
        std::string list;
        for (size_t i = 0; i < rhs_params.size(); ++i) list += i ? ", %s" : "%s";
        sql = lhs + " IN (" + list + ")";
    } else if (k == "range") {
        sql = lhs + " BETWEEN %s AND %s";
    } else if (k == "regex") {
        sql = lhs + " REGEXP " + rhs;
    } else if (k == "iregex") {
        sql = lhs + " REGEXP '(?i)' || " + rhs;
    } else if (k == "exact" || k == "gt" || k == "gte" || k == "lt" || k == "lte") {
        const char* op = k == "exact" ? " = " : k == "gt" ? " > " : k == "gte" ? " >= " : k == "lt" ? " < " : " <= ";
        sql = lhs + op + rhs;
    } else {
        // LIKE lookups.
        if (l.rhs_expr) {
            std::string esc = "REPLACE(REPLACE(REPLACE(" + rhs + ", '\\', '\\\\'), '%%', '\\%%'), '_', '\\_')";
            std::string pat = k == "iexact" ? esc
                              : (k == "contains" || k == "icontains") ? "'%%' || " + esc + " || '%%'"
                              : (k == "startswith" || k == "istartswith") ? esc + " || '%%'"
                                                                          : "'%%' || " + esc;
            sql = lhs + " LIKE " + pat + " ESCAPE '\\'";
        } else {
            sql = lhs + " LIKE %s ESCAPE '\\'";
        }
    }
    params.insert(params.end(), rhs_params.begin(), rhs_params.end());
    return true;
}

bool Compiler::compile_where(const WhereNode& w, std::string& sql, std::vector<Value>& params, bool& empty, bool resolved) {
    // Conditions of Case/When inside a WHERE clause are resolved twice by Django.
    const bool outer_resolved = conditions_resolved_;
    conditions_resolved_ = true;
    struct Restore {
        bool& flag;
        bool value;
        ~Restore() { flag = value; }
    } restore{conditions_resolved_, outer_resolved};
    std::vector<std::string> result;
    std::vector<Value> result_params;
    size_t n = w.children.size();
    size_t full_needed = w.connector == "AND" ? n : 1;
    size_t empty_needed = w.connector == "AND" ? 1 : n;
    for (const auto& c : w.children) {
        std::string s;
        std::vector<Value> p;
        bool child_empty = false;
        bool ok = c.lookup          ? compile_lookup(*c.lookup, s, p, child_empty)
                  : c.node          ? compile_where(*c.node, s, p, child_empty)
                  : c.raw->subquery && c.raw->kind == ExprNode::Kind::kRaw ? compile_exists(*c.raw, s, p, child_empty)
                  : c.raw->subquery ? compile_subquery(*c.raw, s, p, &child_empty)
                                    : compile_expr(*c.raw, s, p);
        if (!ok) return false;
        if (child_empty) {
            --empty_needed;
        } else if (!s.empty()) {
            result.push_back(s);
            result_params.insert(result_params.end(), p.begin(), p.end());
        } else {
            --full_needed;
        }
        if (empty_needed == 0) {
            if (w.negated) { sql.clear(); return true; }
            empty = true;
            return true;
        }
        if (full_needed == 0) {
            if (w.negated) { empty = true; return true; }
            sql.clear();
            return true;
        }
    }
    std::string joined;
    for (size_t i = 0; i < result.size(); ++i) joined += (i ? " " + w.connector + " " : "") + result[i];
    if (!joined.empty()) {
        if (w.negated) joined = "NOT (" + joined + ")";
        else if (result.size() > 1 || resolved) joined = "(" + joined + ")";
    }
    sql = joined;
    params.insert(params.end(), result_params.begin(), result_params.end());
    return true;
}

bool Compiler::from_clause(std::string& sql) {
    const Join& base = q_.joins[0];
    const std::string& base_alias = alias_of(base.alias);
    sql = base_alias == base.table ? quote(base.table) : quote(base.table) + " " + base_alias;
    for (size_t i = 1; i < q_.joins.size(); ++i) {
        const Join& j = q_.joins[i];
        if (j.refcount <= 0) continue;
        const std::string& a = alias_of(j.alias);
        std::string alias = a == j.table ? "" : " " + a;
        sql += std::string(j.left_outer ? " LEFT OUTER JOIN " : " INNER JOIN ") + quote(j.table) + alias + " ON (" +
               col_sql(j.parent_alias, j.parent_col) + " = " + col_sql(j.alias, j.col) + ")";
    }
    return true;
}

namespace {

bool has_aggregate(const Query& q) {
    for (const auto& a : q.annotations)
        if (a.second->contains_aggregate()) return true;
    return false;
}

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> names;
    size_t start = 0;
    for (;;) {
        size_t p = path.find("__", start);
        names.push_back(path.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos) break;
        start = p + 2;
    }
    return names;
}

}  // namespace

bool Compiler::ordering(std::vector<std::string>& parts, std::vector<Value>& params, bool grouping) {
    std::vector<OrderBy> ordering;
    bool meta = false;
    if (!q_.default_ordering || !q_.order_by.empty()) {
        ordering = q_.order_by;
    } else {
        for (const auto& name : q_.model_ordering()) {
            OrderBy o;
            o.name = name;
            ordering.push_back(o);
        }
        meta = true;
    }
    bool asc_std = q_.standard_ordering;
    std::set<std::string> seen;
    for (const auto& o : ordering) {
        std::string sql;
        if (o.expr) {
            if (!compile_expr(*o.expr, sql, params)) return false;
            bool desc = o.descending != !asc_std;
            sql += desc ? " DESC" : " ASC";
            sql += nulls_sql(o.nulls, !asc_std);
        } else {
            std::string name = o.name;
            if (name == "?") {
                sql = "RANDOM() ASC";
            } else {
                bool desc = false;
                if (!name.empty() && name[0] == '-') {
                    desc = true;
                    name = name.substr(1);
                }
                if (!asc_std) desc = !desc;
                bool is_annotation = false;
                for (const auto& a : q_.annotations)
                    if (a.first == name) is_annotation = true;
                if (is_annotation) {
                    sql = quote(name) + (desc ? " DESC" : " ASC");
                } else {
                    std::vector<std::string> names = split_path(name);
                    PathResolution res;
                    q_.reuse_any = true;
                    bool ok = q_.resolve_names(in_, names, res, true, true);
                    q_.reuse_any = false;
                    if (!ok) return false;
                    // Ordering by a relation uses the related model's Meta.ordering, else its FK column.
                    if (res.relation_end) {
                        const ModelDef* rm = res.final_model;
                        const Value* ro = rm ? rm->meta_option("ordering") : nullptr;
                        if (ro && !ro->items.empty()) {
                            for (const auto& item : ro->items) {
                                if (!item.is_str()) continue;
                                std::string sub = item.text;
                                bool sub_desc = !sub.empty() && sub[0] == '-';
                                if (sub_desc) sub = sub.substr(1);
                                std::vector<std::string> full = names;
                                for (const auto& piece : split_path(sub)) full.push_back(piece);
                                PathResolution r2;
                                q_.reuse_any = true;
                                bool ok2 = q_.resolve_names(in_, full, r2, true, true);
                                q_.reuse_any = false;
                                if (!ok2) return false;
                                std::string s2;
                                if (!compile_expr(*r2.col, s2, params)) return false;
                                bool d = sub_desc != desc;
                                std::string item_sql = s2 + (d ? " DESC" : " ASC");
                                if (seen.insert(s2).second) parts.push_back(item_sql);
                            }
                            continue;
                        }
                    }
                    std::string colsql;
                    if (!compile_expr(*res.col, colsql, params)) return false;
                    if (!seen.insert(colsql).second) continue;
                    sql = colsql + (desc ? " DESC" : " ASC");
                }
            }
        }
        parts.push_back(sql);
    }
    if (meta) meta_ordering_ = true;
    (void)grouping;
    return true;
}

// only()/defer() with paths ("post_author__username"): whether the field `f` of the model
// reached by `prefix` ("" for the queried model) is loaded. The pk always is; a foreign key is
// when only() names a path through it.
bool Compiler::loaded_by_only_defer(const std::string& prefix, const Field& f) const {
    if (f.primary_key()) return true;
    const std::string path = prefix.empty() ? f.name : prefix + "__" + f.name;
    if (q_.deferred.count(path)) return false;
    if (q_.only.empty()) return true;
    if (q_.only.count(path)) return true;
    const std::string through = path + "__";
    for (const auto& o : q_.only)
        if (o.compare(0, through.size(), through) == 0) return true;
    // only() naming nothing under this related model loads all of it (Django's deferred
    // loading applies per model: a model with no field named keeps every field).
    if (!prefix.empty()) {
        const std::string under = prefix + "__";
        for (const auto& o : q_.only)
            if (o.compare(0, under.size(), under) == 0) return false;
        return true;
    }
    return false;
}

bool Compiler::setup_select_related(SelectPlan& plan) {
    // Explicit paths, or every non-null FK (recursively) for select_related().
    std::vector<std::string> paths = q_.select_related;
    if (q_.select_related_all) {
        std::function<void(const ModelDef*, const std::string&, int)> walk = [&](const ModelDef* m, const std::string& prefix, int depth) {
            if (depth > 5) return;
            for (const auto& f : m->fields) {
                if (!f.is_fk() || f.null()) continue;
                std::string p = prefix.empty() ? f.name : prefix + "__" + f.name;
                paths.push_back(p);
                if (const ModelDef* t = remote_model(*q_.apps, f)) walk(t, p, depth + 1);
            }
        };
        walk(q_.model, "", 1);
    }
    // Each path's prefixes are selected too, parents before children.
    std::vector<std::string> all;
    for (const auto& p : paths) {
        auto names = split_path(p);
        std::string cur;
        for (const auto& n : names) {
            cur = cur.empty() ? n : cur + "__" + n;
            if (std::find(all.begin(), all.end(), cur) == all.end()) all.push_back(cur);
        }
    }
    // get_related_selections' order: depth first, at each model its foreign keys in field
    // order, then its reverse one-to-ones; names that match nothing last (they raise).
    {
        std::vector<std::string> ordered;
        std::function<void(const ModelDef*, const std::string&)> visit = [&](const ModelDef* m, const std::string& prefix) {
            auto take = [&](const std::string& name, const ModelDef* next) {
                const std::string path = prefix.empty() ? name : prefix + "__" + name;
                if (std::find(all.begin(), all.end(), path) == all.end() ||
                    std::find(ordered.begin(), ordered.end(), path) != ordered.end())
                    return;
                ordered.push_back(path);
                if (next) visit(next, path);
            };
            for (const auto& f : m->fields)
                if (f.is_fk()) take(f.name, remote_model(*q_.apps, f));
            for (const auto& r : reverse_relations(*q_.apps, *m))
                if (r.field->kind() == models::FieldKind::kOneToOne) take(r.query_name, r.model);
        };
        visit(q_.model, "");
        for (const auto& p : all)
            if (std::find(ordered.begin(), ordered.end(), p) == ordered.end()) ordered.push_back(p);
        all = std::move(ordered);
    }
    for (const auto& p : all) {
        auto names = split_path(p);
        // Walk the FK chain to find the model and the parent entry.
        const ModelDef* m = q_.model;
        int parent = -1;
        std::string alias = q_.joins[0].alias;
        std::string prefix;
        // One step of the path, joined already: an inner step finds its entry (selected by the
        // path's own prefix, earlier in `all`), the last one adds the related model's columns.
        auto step = [&](const ModelDef* t, const std::string& field_name, const std::string& back_name, bool last) {
            if (!last) {
                for (size_t k = 0; k < plan.related.size(); ++k)
                    if (plan.related[k].model == t && plan.related[k].field_name == field_name && plan.related[k].parent == parent)
                        parent = static_cast<int>(k);
                return;
            }
            SelectPlan::Related r;
            r.field_name = field_name;
            r.back_name = back_name;
            r.parent = parent;
            r.model = t;
            for (const Field* rf : concrete_fields(*t))
                if (loaded_by_only_defer(prefix, *rf)) r.fields.push_back(rf);
            r.alias = alias;
            plan.related.push_back(std::move(r));
        };
        for (size_t i = 0; i < names.size(); ++i) {
            const Field* f = m->field(names[i]);
            // A reverse one-to-one (User.profile): LEFT OUTER JOIN on the related model's key.
            const ReverseRel* reverse = nullptr;
            std::vector<ReverseRel> reverse_rels;
            if (!f) {
                reverse_rels = reverse_relations(*q_.apps, *m);
                for (const auto& r : reverse_rels)
                    if (r.query_name == names[i] && r.field->kind() == models::FieldKind::kOneToOne) reverse = &r;
            }
            if (reverse) {
                const ModelDef* t = reverse->model;
                const Field* target = target_field(*q_.apps, *reverse->field);
                prefix = prefix.empty() ? names[i] : prefix + "__" + names[i];
                q_.reuse_any = true;
                alias = q_.setup_join(alias, prefix, t->db_table(), target ? target->column() : m->pk()->column(),
                                      reverse->field->column(), true, false, true);
                q_.reuse_any = false;
                step(t, reverse->accessor, reverse->field->name, i + 1 == names.size());
                m = t;
                continue;
            }
            if (!f || !f->is_fk()) {
                std::string choices;
                std::vector<std::string> fks;
                for (const auto& x : m->fields)
                    if (x.is_fk()) fks.push_back(x.name);
                for (const auto& r : reverse_relations(*q_.apps, *m))
                    if (r.field->kind() == models::FieldKind::kOneToOne) fks.push_back(r.query_name);
                std::sort(fks.begin(), fks.end());
                for (size_t k = 0; k < fks.size(); ++k) choices += (k ? ", " : "") + fks[k];
                // A many-to-many field is not among the fields select_related() looks at.
                bool non_relational = f && !f->is_fk() && !f->many_to_many();
                in_.raise(field_error_class(in_),
                          (non_relational ? "Non-relational field given in select_related: '" + names[i] + "'. "
                                          : "Invalid field name(s) given in select_related: '" + names[i] + "'. ") +
                              "Choices are: " + (choices.empty() ? "(none)" : choices));
                return false;
            }
            const ModelDef* t = remote_model(*q_.apps, *f);
            const Field* tf = target_field(*q_.apps, *f);
            // select_related_descend: a foreign key only()/defer() leaves out cannot be followed.
            if (i + 1 == names.size() && !loaded_by_only_defer(prefix, *f)) {
                in_.raise(field_error_class(in_), "Field " + m->name + "." + f->name +
                                                      " cannot be both deferred and traversed using select_related at the same time.");
                return false;
            }
            prefix = prefix.empty() ? names[i] : prefix + "__" + names[i];
            q_.reuse_any = true;
            alias = q_.setup_join(alias, prefix, t->db_table(), f->column(), tf ? tf->column() : "id", f->null(), false, false);
            q_.reuse_any = false;
            std::string back_name;
            if (i + 1 == names.size() && f->kind() == models::FieldKind::kOneToOne) {
                // Django's remote_setter: the related object's reverse accessor caches the parent.
                for (const auto& rr : reverse_relations(*q_.apps, *t))
                    if (rr.field == f) back_name = rr.accessor;
            }
            step(t, names[i], back_name, i + 1 == names.size());
            m = t;
        }
    }
    return true;
}

bool check_connection(shell::Interp& in, const std::string& alias) {
    if (alias == "default") return true;
    if (alias.rfind(kNotAnAlias, 0) == 0)
        return in.type_error("attribute name must be string, not '" + alias.substr(std::strlen(kNotAnAlias)) + "'"), false;
    in.raise(django_exceptions(in).ConnectionDoesNotExist, "The connection '" + alias + "' doesn't exist.");
    return false;
}

bool Compiler::check_connection() { return orm::check_connection(in_, q_.db_alias); }

bool Compiler::check_distinct_fields(bool& empty) {
    if (q_.distinct_fields.empty()) return true;
    for (const std::string& name : q_.distinct_fields) {
        if (name.rfind(kNotAFieldName, 0) == 0) {
            in_.raise(in_.AttributeError, "'" + name.substr(1) + "' object has no attribute 'split'");
            return false;
        }
        // Django's get_distinct: setup_joins with fail_on_missing, so a name after a relation
        // that is not one of its target's fields lists the target's fields.
        const std::vector<std::string> names = split_path(name);
        Query probe = q_;
        PathResolution res;
        if (!probe.resolve_names(in_, names, res, true, true)) return false;
        if (!res.rest.empty()) {
            in_.raise(field_error_class(in_), probe.unresolved_name_message(names, res));
            return false;
        }
    }
    std::string where;
    std::vector<Value> params;
    if (!compile_where(q_.where, where, params, empty)) return false;
    if (empty) return true;
    raise_db_error(in_, "NotSupportedError", "DISTINCT ON fields is not supported by this database backend");
    return false;
}

bool Compiler::select(SqlText& out, SelectPlan& plan, bool& empty) {
    if (!check_connection()) return false;
    if (q_.empty) {
        empty = true;
        return true;
    }
    if (!q_.combinator.empty()) return combinator_select(out, plan, empty);
    if (!check_distinct_fields(empty)) return false;
    if (empty) return true;
    std::vector<std::string> cols;
    std::vector<Value> params;
    std::vector<std::string> group_cols;
    // The parameters of each GROUP BY expression (a function over Value()s has some), in step
    // with group_cols: the GROUP BY repeats the expression's SQL and so its parameters.
    std::vector<std::vector<Value>> group_params;
    auto group = [&](const std::string& sql_text, std::vector<Value> p = {}) {
        group_cols.push_back(sql_text);
        group_params.push_back(std::move(p));
    };
    bool grouping = false;
    if (q_.has_values) {
        for (const auto& g : q_.values_group_by) {
            std::string s;
            std::vector<Value> gp;
            if (!compile_expr(*g, s, gp)) return false;
            group(s, std::move(gp));
        }
        if (q_.group_by_all) {
            // annotate() before values(): Django groups by every concrete column of the model.
            for (const Field* f : concrete_fields(*q_.model)) group(col_sql(q_.joins[0].alias, column_name(*f)));
        }
        // values_select first, then annotation_select in the annotations' order.
        std::vector<size_t> sql_order(q_.values_exprs.size());
        for (size_t i = 0; i < sql_order.size(); ++i) sql_order[i] = i;
        auto rank = [this](const ExprPtr& e) -> size_t {
            if (e->kind != ExprNode::Kind::kRef) return 0;
            for (size_t k = 0; k < q_.annotations.size(); ++k)
                if (q_.annotations[k].first == e->name) return k + 1;
            return q_.annotations.size() + 1;
        };
        std::stable_sort(sql_order.begin(), sql_order.end(),
                         [&](size_t a, size_t b) { return rank(q_.values_exprs[a]) < rank(q_.values_exprs[b]); });
        bool reordered = false;
        for (size_t k = 0; k < sql_order.size(); ++k) reordered |= sql_order[k] != k;
        if (reordered) plan.value_columns.assign(sql_order.size(), 0);
        std::vector<ExprPtr> in_sql_order;
        for (size_t k = 0; k < sql_order.size(); ++k) {
            in_sql_order.push_back(q_.values_exprs[sql_order[k]]);
            if (reordered) plan.value_columns[sql_order[k]] = k;
        }
        for (auto& e : in_sql_order) {
            std::string s;
            const size_t before = params.size();
            if (!select_format(*e) || !compile_expr(*e, s, params)) return false;
            if (e->kind == ExprNode::Kind::kRef) {
                cols.push_back(s + " AS " + quote(e->name));
                // annotate() before values(): a selected non-aggregate annotation groups too.
                if (q_.group_by_all && groups_by_itself(*e))
                    group(s, std::vector<Value>(params.begin() + static_cast<long>(before), params.end()));
            } else {
                cols.push_back(s);
                if (groups_by_itself(*e)) group(s, std::vector<Value>(params.begin() + static_cast<long>(before), params.end()));
            }
            plan.values.push_back(e);
        }
        if (reordered)  // plan.values in the names' order; value_columns says where each one is
            for (size_t i = 0; i < q_.values_exprs.size(); ++i) plan.values[i] = q_.values_exprs[i];
        // Annotations that are selected but not named in values() (values() before annotate()).
        for (const auto& a : q_.annotations) {
            if (!q_.annotation_mask.count(a.first)) continue;
            bool named = false;
            for (const auto& n : q_.values_names)
                if (n == a.first) named = true;
            if (named) continue;
            std::string s;
            if (!select_format(*a.second) || !compile_expr(*a.second, s, params)) return false;
            cols.push_back(s + " AS " + quote(a.first));
            auto r = std::make_shared<ExprNode>(ExprNode::Kind::kRef);
            r->name = a.first;
            r->args.push_back(a.second);
            r->out = a.second->out;
            r->out_field = a.second->out_field;
            plan.values.push_back(r);
        }
        while (!plan.value_columns.empty() && plan.value_columns.size() < plan.values.size())
            plan.value_columns.push_back(plan.value_columns.size());
        grouping = has_aggregate(q_);
    } else {
        const Join& base = q_.joins[0];
        // SQLCompiler.get_select(): extra(select=...) before the default columns.
        for (const auto& ex : q_.extra_select) {
            cols.push_back("(" + ex.second + ") AS " + quote(ex.first));
            plan.extra_names.push_back(ex.first);
        }
        plan.base_offset = cols.size();
        for (const Field* f : concrete_fields(*q_.model)) {
            if (!loaded_by_only_defer("", *f)) continue;
            plan.base_fields.push_back(f);
            std::string s = col_sql(base.alias, column_name(*f));
            cols.push_back(s);
            group(s);
        }
        plan.annotation_offset = cols.size();
        for (const auto& a : q_.annotations) {
            std::string s;
            const size_t before = params.size();
            if (!select_format(*a.second) || !compile_expr(*a.second, s, params)) return false;
            cols.push_back(s + " AS " + quote(a.first));
            if (groups_by_itself(*a.second)) group(s, std::vector<Value>(params.begin() + static_cast<long>(before), params.end()));
            plan.annotations.push_back(a);
        }
        if (!q_.select_related.empty() || q_.select_related_all) {
            if (!setup_select_related(plan)) return false;
            for (auto& r : plan.related) {
                r.offset = cols.size();
                for (const Field* f : r.fields) {
                    std::string s = col_sql(r.alias, column_name(*f));
                    cols.push_back(s);
                    group(s);
                }
            }
        }
        grouping = has_aggregate(q_);
    }
    std::vector<std::string> order_parts;
    std::vector<Value> order_params;
    if (!ordering(order_parts, order_params, grouping)) return false;
    if (q_.distinct && q_.distinct_fields.empty()) {
        // SQLCompiler.get_extra_select: SELECT DISTINCT also selects what it is ordered by
        // (Meta.ordering included), so the rows are distinct over those columns too.
        for (const auto& o : order_parts) {
            const std::string c = o.substr(0, o.rfind(' '));
            if (c.find("%s") != std::string::npos) continue;
            bool is_ref = false;
            for (const auto& a : q_.annotations)
                if (c == quote(a.first)) is_ref = true;
            if (is_ref) continue;
            bool selected = false;
            for (const auto& col : cols)
                if (col == c || (col.size() > c.size() && col.compare(0, c.size() + 4, c + " AS ") == 0)) selected = true;
            if (!selected) cols.push_back(c);
        }
    }
    Clauses clause;
    if (!clauses(clause)) return false;
    if (clause.never) {
        empty = true;
        return true;
    }
    const std::string& from = clause.from;
    const std::string& where = clause.where;
    const std::vector<Value>& where_params = clause.where_params;
    const std::string& having = clause.having;
    const std::vector<Value>& having_params = clause.having_params;
    std::string sql = "SELECT ";
    if (q_.distinct) sql += "DISTINCT ";
    if (with_col_aliases_) {
        // Columns selected under their own alias ('... AS "name"') keep it; the others are numbered.
        int col_idx = 1;
        for (auto& c : cols) {
            size_t as = c.rfind(" AS \"");
            bool aliased = as != std::string::npos && c.back() == '"' && c.find(' ', as + 4) == std::string::npos;
            if (!aliased) c += " AS Col" + std::to_string(col_idx++);
        }
    }
    size_t cols_size = 0;
    for (const auto& c : cols) cols_size += c.size() + 2;
    sql.reserve(sql.size() + cols_size + from.size() + where.size() + 64);
    for (size_t i = 0; i < cols.size(); ++i) {
        if (i) sql += ", ";
        sql += cols[i];
    }
    sql += " FROM ";
    sql += from;
    out.params = std::move(params);
    if (!where.empty()) {
        sql += " WHERE ";
        sql += where;
        out.params.insert(out.params.end(), where_params.begin(), where_params.end());
    }
    if (grouping) {
        // The GROUP BY also takes the ORDER BY's columns (Meta.ordering included, as in 3.2).
        std::vector<std::string> g = group_cols;
        std::vector<std::vector<Value>> gp = group_params;
        for (const auto& o : order_parts) {
            std::string c = o.substr(0, o.rfind(' '));
            bool is_ref = false;
            for (const auto& a : q_.annotations)
                if (c == quote(a.first)) is_ref = true;
            if (c == "RANDOM()") continue;
            if (!is_ref) {
                g.push_back(c);
                gp.emplace_back();
            }
        }
        std::vector<std::string> uniq;
        sql += " GROUP BY ";
        for (size_t i = 0; i < g.size(); ++i) {
            // Django's collapse keeps each (sql, params) pair once.
            if (std::find(uniq.begin(), uniq.end(), g[i]) != uniq.end()) continue;
            sql += (uniq.empty() ? "" : ", ") + g[i];
            uniq.push_back(g[i]);
            out.params.insert(out.params.end(), gp[i].begin(), gp[i].end());
        }
        if (!having.empty()) {
            sql += " HAVING " + having;
            out.params.insert(out.params.end(), having_params.begin(), having_params.end());
        }
        // Meta.ordering is not used in GROUP BY queries (Django 3.1+).
        if (meta_ordering_) order_parts.clear();
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

std::string Compiler::limit_offset() const {
    int64_t offset = q_.low.value_or(0);
    std::string s;
    if (q_.high) s += " LIMIT " + std::to_string(*q_.high - offset);
    else if (offset) s += " LIMIT -1";
    if (offset) s += " OFFSET " + std::to_string(offset);
    return s;
}

void Compiler::split_having(WhereNode& where, WhereNode& having) const {
    where.connector = q_.where.connector;
    where.negated = q_.where.negated;
    having.connector = "AND";
    for (const auto& c : q_.where.children) {
        bool agg = false;
        if (c.lookup && c.lookup->lhs && c.lookup->lhs->contains_aggregate()) agg = true;
        if (c.node) {
            std::function<bool(const WhereNode&)> has = [&](const WhereNode& n) {
                for (const auto& cc : n.children) {
                    if (cc.lookup && cc.lookup->lhs && cc.lookup->lhs->contains_aggregate()) return true;
                    if (cc.node && has(*cc.node)) return true;
                }
                return false;
            };
            agg = has(*c.node);
        }
        (agg ? having : where).children.push_back(c);
    }
}

bool Compiler::count(SqlText& out, bool& empty) {
    if (!check_connection()) return false;
    if (q_.empty) {
        empty = true;
        return true;
    }
    if (!q_.combinator.empty()) {
        // get_aggregation over the combined query as a subquery (ordering kept only under a slice).
        Query inner = q_;
        if (!inner.is_sliced()) {
            inner.order_by.clear();
            inner.default_ordering = false;
        }
        Compiler c(in_, inner);
        SelectPlan plan;
        SqlText t;
        if (!c.select(t, plan, empty)) return false;
        if (empty) return true;
        out.sql = "SELECT COUNT(*) FROM (" + t.sql + ") subquery";
        out.params = std::move(t.params);
        return true;
    }
    // get_aggregation: any annotation (not only an aggregate) makes it count a subquery.
    if (q_.is_sliced() || q_.distinct || !q_.annotations.empty()) {
        // COUNT over a subquery (get_aggregation with existing annotations / limits / distinct).
        Query inner = q_;
        // Without a slice (or DISTINCT ON) the inner query needs no ordering: clear_ordering(True).
        if (!inner.is_sliced() && inner.distinct_fields.empty()) {
            inner.order_by.clear();
            inner.default_ordering = false;
        }
        SqlText t;
        SelectPlan plan;
        bool e = false;
        if (!q_.has_values && !q_.annotations.empty() && (has_aggregate(q_) || !q_.distinct)) {
            // Only the annotations are selected (default_cols = False); with an aggregate among
            // them, grouped by the pk.
            Compiler c(in_, inner);
            if (!c.grouped_count_inner(t, e)) return false;
        } else if (!q_.has_values && !q_.distinct) {
            Compiler c(in_, inner);
            if (!c.select(t, plan, e)) return false;
            // SELECT "t"."id" AS Col1 ... : only the pk is needed.
            size_t from = t.sql.find(" FROM ");
            const Field* pk = q_.model->pk();
            t.sql = "SELECT " + col_sql(q_.joins[0].alias, pk->column()) + " AS Col1" + t.sql.substr(from);
        } else {
            Compiler c(in_, inner);
            c.with_col_aliases_ = true;
            if (!c.select(t, plan, e)) return false;
        }
        if (e) {
            empty = true;
            return true;
        }
        out.sql = "SELECT COUNT(*) FROM (" + t.sql + ") subquery";
        out.params = t.params;
        return true;
    }
    std::string from;
    if (!from_clause(from)) return false;
    std::string where;
    std::vector<Value> params;
    if (!compile_where(q_.where, where, params, empty)) return false;
    if (empty) return true;
    out.sql = "SELECT COUNT(*) AS \"__count\" FROM " + from + (where.empty() ? "" : " WHERE " + where);
    out.params = params;
    return true;
}

bool Compiler::clauses(Clauses& c) {
    if (!from_clause(c.from)) return false;
    WhereNode w, h;
    split_having(w, h);
    bool never_where = false, never_having = false;
    if (!compile_where(w, c.where, c.where_params, never_where) ||
        !compile_where(h, c.having, c.having_params, never_having))
        return false;
    c.never = never_where || never_having;
    return true;
}

std::string Compiler::select_from_where(const std::vector<std::string>& cols, const Clauses& c,
                                        std::vector<Value>& params) {
    std::string sql = "SELECT ";
    for (size_t i = 0; i < cols.size(); ++i) sql += (i ? ", " : "") + cols[i];
    sql += " FROM " + c.from;
    if (!c.where.empty()) {
        sql += " WHERE " + c.where;
        params.insert(params.end(), c.where_params.begin(), c.where_params.end());
    }
    return sql;
}

bool Compiler::grouped_count_inner(SqlText& out, bool& empty) {
    std::vector<std::string> cols;
    std::vector<Value> params;
    // With an aggregate, query.group_by = (pk,) and each selected non-aggregate annotation
    // groups by itself too (get_group_by adds the select's group-by columns).
    const bool grouped = has_aggregate(q_);
    std::string group = grouped ? col_sql(q_.joins[0].alias, q_.model->pk()->column()) : "";
    std::vector<Value> group_params;
    for (const auto& a : q_.annotations) {
        std::string s;
        const size_t before = params.size();
        if (!select_format(*a.second) || !compile_expr(*a.second, s, params)) return false;
        cols.push_back(s + " AS " + quote(a.first));
        if (grouped && groups_by_itself(*a.second)) {
            group += ", " + s;
            group_params.insert(group_params.end(), params.begin() + static_cast<long>(before), params.end());
        }
    }
    Clauses c;
    if (!clauses(c)) return false;
    if (c.never) {
        empty = true;
        return true;
    }
    out.params = params;
    std::string sql = select_from_where(cols, c, out.params);
    if (grouped) {
        sql += " GROUP BY " + group;
        out.params.insert(out.params.end(), group_params.begin(), group_params.end());
    }
    if (!c.having.empty()) {
        sql += " HAVING " + c.having;
        out.params.insert(out.params.end(), c.having_params.begin(), c.having_params.end());
    }
    sql += limit_offset();
    out.sql = sql;
    return true;
}

bool Compiler::exists(SqlText& out, bool& empty) {
    if (!check_connection()) return false;
    if (q_.empty) {
        empty = true;
        return true;
    }
    if (!q_.combinator.empty()) {
        // Query.exists(): a UNION's parts become their own exists() (SELECT (1) AS "a" ...);
        // then LIMIT 1 from the combined query's offset.
        SqlText t;
        if (!combined_sql(t, empty, q_.combinator == "union")) return false;
        if (empty) return true;
        const int64_t low = q_.low.value_or(0);
        const int64_t high = q_.high ? std::min(*q_.high, low + 1) : low + 1;
        out.sql = t.sql + " LIMIT " + std::to_string(high - low) + (low ? " OFFSET " + std::to_string(low) : "");
        out.params = std::move(t.params);
        return true;
    }
    if (!check_distinct_fields(empty)) return false;
    if (empty) return true;
    if (q_.distinct) return exists_distinct(out, empty);
    if (has_aggregate(q_)) return exists_grouped(out, empty);
    std::string from;
    if (!from_clause(from)) return false;
    std::string where;
    std::vector<Value> params;
    if (!compile_where(q_.where, where, params, empty)) return false;
    if (empty) return true;
    out.sql = "SELECT " + std::string(q_.distinct ? "DISTINCT " : "") + "(1) AS \"a\" FROM " + from +
              (where.empty() ? "" : " WHERE " + where) + exists_limit();
    out.params = params;
    return true;
}

// get_combinator_sql for SQLite (no ORDER BY, LIMIT or parentheses inside a compound statement).
bool Compiler::combined_sql(SqlText& out, bool& empty, bool parts_as_exists) {
    std::vector<const Query*> compiled;
    for (const auto& part : q_.combined_queries)
        if (!part->empty) compiled.push_back(part.get());
    auto database_error = [&](const char* message) {
        raise_db_error(in_, "DatabaseError", message);
        return false;
    };
    // zip(self.query.combined_queries, compilers): the i-th query's limits, the i-th compiled
    // (non-empty) query's ordering.
    for (size_t i = 0; i < q_.combined_queries.size() && i < compiled.size(); ++i) {
        const Query& query = *q_.combined_queries[i];
        if (query.low.value_or(0) || query.high) return database_error("LIMIT/OFFSET not allowed in subqueries of compound statements.");
        if (compiled[i]->has_ordering() && !parts_as_exists) return database_error("ORDER BY not allowed in subqueries of compound statements.");
    }
    std::vector<SqlText> parts;
    for (const Query* part : compiled) {
        Query q = *part;
        Compiler c(in_, q);
        SqlText t;
        bool part_empty = false;
        if (parts_as_exists) {
            if (!c.exists(t, part_empty)) return false;
            static const std::string kLimit = " LIMIT 1";  // exists(limit=False)
            if (t.sql.size() >= kLimit.size() && t.sql.compare(t.sql.size() - kLimit.size(), kLimit.size(), kLimit) == 0)
                t.sql.resize(t.sql.size() - kLimit.size());
        } else {
            SelectPlan plan;
            if (!c.select(t, plan, part_empty)) return false;
        }
        if (part_empty) {
            // EmptyResultSet: left out of a UNION, and of a DIFFERENCE after its first part.
            if (q_.combinator == "union" || (q_.combinator == "difference" && !parts.empty())) continue;
            empty = true;
            return true;
        }
        if (!q.combinator.empty()) t.sql = "SELECT * FROM (" + t.sql + ")";
        parts.push_back(std::move(t));
    }
    if (parts.empty()) {
        empty = true;
        return true;
    }
    std::string op = q_.combinator == "union" ? "UNION" : q_.combinator == "intersection" ? "INTERSECT" : "EXCEPT";
    if (q_.combinator_all && q_.combinator == "union") op += " ALL";
    out.sql.clear();
    out.params.clear();
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out.sql += " " + op + " ";
        out.sql += parts[i].sql;
        out.params.insert(out.params.end(), parts[i].params.begin(), parts[i].params.end());
    }
    return true;
}

// The combined query's rows read as its own select (the first query's, or its values()); its
// ORDER BY names result columns by position, "(3) ASC", as get_order_by() does for a combinator.
bool Compiler::combinator_select(SqlText& out, SelectPlan& plan, bool& empty) {
    Query outer = q_;
    outer.combinator.clear();
    outer.combined_queries.clear();
    outer.order_by.clear();
    outer.default_ordering = false;
    outer.low.reset();
    outer.high.reset();
    {
        Compiler oc(in_, outer);
        SqlText ignored;
        bool outer_empty = false;
        if (!oc.select(ignored, plan, outer_empty)) return false;
    }
    if (!combined_sql(out, empty, false)) return false;
    if (empty) return true;
    std::vector<std::string> order;
    for (const OrderBy& o : q_.order_by) {
        std::string name = o.name;
        bool desc = o.descending;
        if (!name.empty() && name[0] == '-') {
            desc = !desc;
            name = name.substr(1);
        }
        if (!q_.standard_ordering) desc = !desc;
        size_t position = 0;
        if (!o.expr && name != "?") {
            const Field* pk = q_.model->pk();
            if (q_.has_values) {
                for (size_t i = 0; i < q_.values_names.size() && !position; ++i)
                    if (q_.values_names[i] == name || (name == "pk" && pk && q_.values_names[i] == pk->name)) position = i + 1;
            } else {
                for (size_t i = 0; i < plan.base_fields.size() && !position; ++i) {
                    const Field* f = plan.base_fields[i];
                    if (f->name == name || f->attname() == name || (name == "pk" && f == pk)) position = plan.base_offset + i + 1;
                }
                for (size_t i = 0; i < plan.annotations.size() && !position; ++i)
                    if (plan.annotations[i].first == name) position = plan.annotation_offset + i + 1;
            }
        }
        if (!position) {
            in_.not_supported("order_by() after " + q_.combinator + "() by anything but a column it selects");
            return false;
        }
        order.push_back("(" + std::to_string(position) + ")" + (desc ? " DESC" : " ASC") +
                        nulls_sql(o.nulls, !q_.standard_ordering));
    }
    if (!order.empty()) {
        out.sql += " ORDER BY ";
        for (size_t i = 0; i < order.size(); ++i) out.sql += (i ? ", " : "") + order[i];
    }
    out.sql += limit_offset();
    return true;
}

// Query.exists() on a query with aggregate annotations: the select is cleared but the
// grouping stays (every concrete column, or the values() columns it was fixed to) with the
// extra (1); aggregate filters stay in HAVING.
bool Compiler::exists_grouped(SqlText& out, bool& empty) {
    Clauses c;
    if (!clauses(c)) return false;
    if (c.never) {
        empty = true;
        return true;
    }
    std::string sql = "SELECT (1) AS \"a\" FROM " + c.from;
    out.params.clear();
    if (!c.where.empty()) {
        sql += " WHERE " + c.where;
        out.params.insert(out.params.end(), c.where_params.begin(), c.where_params.end());
    }
    sql += " GROUP BY ";
    if (q_.has_values && !q_.values_group_by.empty() && !q_.group_by_all) {
        for (const auto& g : q_.values_group_by) {
            std::string col;
            std::vector<Value> unused;  // columns: no parameters
            if (!compile_expr(*g, col, unused)) return false;
            sql += col + ", ";
        }
    } else {
        for (const Field* f : concrete_fields(*q_.model)) sql += col_sql(q_.joins[0].alias, column_name(*f)) + ", ";
    }
    sql += "(1)";
    if (!c.having.empty()) {
        sql += " HAVING " + c.having;
        out.params.insert(out.params.end(), c.having_params.begin(), c.having_params.end());
    }
    out.sql = sql + exists_limit();
    return true;
}

// Query.exists(): set_limits(high=1) on the query's own slice: [2:4] asks "LIMIT 1 OFFSET 2".
std::string Compiler::exists_limit() const {
    const int64_t low = q_.low.value_or(0);
    const int64_t high = q_.high ? std::min(*q_.high, low + 1) : low + 1;
    return " LIMIT " + std::to_string(std::max<int64_t>(0, high - low)) + (low ? " OFFSET " + std::to_string(low) : "");
}

// Query.exists() on a DISTINCT query keeps its select clause (the rows must stay distinct):
// the normal SELECT without ordering, LIMIT 1 from its offset, and the extra (1) AS "a" in
// front; with GROUP BY, (1) is grouped too (first for a model's columns, after the values()).
bool Compiler::exists_distinct(SqlText& out, bool& empty) {
    Query q = q_;
    q.order_by.clear();
    q.default_ordering = false;
    const int64_t low = q.low.value_or(0);
    q.high = q.high ? std::min(*q.high, low + 1) : low + 1;
    Compiler c(in_, q);
    SelectPlan plan;
    SqlText t;
    if (!c.select(t, plan, empty)) return false;
    if (empty) return true;
    static const std::string kDistinct = "SELECT DISTINCT ";
    if (t.sql.rfind(kDistinct, 0) != 0) return in_.raise(in_.RuntimeError, "gramlab: unexpected DISTINCT query text"), false;
    std::string sql = kDistinct + "(1) AS \"a\", " + t.sql.substr(kDistinct.size());
    const size_t group = sql.find(" GROUP BY ");
    if (group != std::string::npos) {
        const size_t list = group + 10;
        if (q.has_values) {
            size_t end = sql.find(" HAVING ", list);
            if (end == std::string::npos) end = sql.find(" LIMIT ", list);
            sql.insert(end == std::string::npos ? sql.size() : end, ", (1)");
        } else {
            sql.insert(list, "(1), ");
        }
    }
    out.sql = std::move(sql);
    out.params = std::move(t.params);
    return true;
}

bool Compiler::aggregate(const std::vector<std::pair<std::string, ExprPtr>>& aggs, SqlText& out, bool& empty) {
    if (!check_connection()) return false;
    if (!q_.annotations.empty() || q_.is_sliced() || q_.distinct) return aggregate_subquery(aggs, out, empty);
    if (q_.empty) {
        empty = true;
        return true;
    }
    std::vector<std::string> cols;
    std::vector<Value> params;
    for (const auto& a : aggs) {
        std::string s;
        if (!select_format(*a.second) || !compile_expr(*a.second, s, params)) return false;
        cols.push_back(s + " AS " + quote(a.first));
    }
    std::string from;
    if (!from_clause(from)) return false;
    std::string where;
    std::vector<Value> wp;
    if (!compile_where(q_.where, where, wp, empty)) return false;
    if (empty) return true;
    std::string sql = "SELECT ";
    for (size_t i = 0; i < cols.size(); ++i) sql += (i ? ", " : "") + cols[i];
    sql += " FROM " + from;
    if (!where.empty()) sql += " WHERE " + where;
    out.sql = sql;
    out.params = params;
    out.params.insert(out.params.end(), wp.begin(), wp.end());
    return true;
}

bool Compiler::update(const std::vector<std::pair<const Field*, ExprPtr>>& values,
                      const std::vector<std::pair<const Field*, Value>>& literal_values, SqlText& out, bool& empty) {
    if (!check_connection()) return false;
    std::string sets;
    std::vector<Value> params;
    for (const auto& lv : literal_values) {
        sets += (sets.empty() ? "" : ", ") + quote(lv.first->column()) + " = %s";
        params.push_back(lv.second);
    }
    for (const auto& v : values) {
        std::string s;
        conditions_resolved_ = true;  // SQLUpdateCompiler resolves each value a second time
        const bool ok = compile_expr(*v.second, s, params);
        conditions_resolved_ = false;
        if (!ok) return false;
        sets += (sets.empty() ? "" : ", ") + quote(v.first->column()) + " = " + s;
    }
    std::string where;
    std::vector<Value> wp;
    if (!compile_where(q_.where, where, wp, empty)) return false;
    if (empty) return true;
    out.sql = "UPDATE " + quote(q_.joins[0].table) + " SET " + sets + (where.empty() ? "" : " WHERE " + where);
    out.params = params;
    out.params.insert(out.params.end(), wp.begin(), wp.end());
    return true;
}

bool Compiler::delete_rows(SqlText& out, bool& empty) {
    if (!check_connection()) return false;
    if (q_.empty) {
        empty = true;
        return true;
    }
    const Join& base = q_.joins[0];
    bool single_alias = true;
    for (size_t i = 1; i < q_.joins.size(); ++i)
        if (q_.joins[i].refcount > 0) single_alias = false;
    std::string where;
    std::vector<Value> params;
    if (single_alias) {
        if (!compile_where(q_.where, where, params, empty)) return false;
    } else {
        // outerq.add_q(Q(pk__in=innerq)): the filtered query becomes a subquery on the pk.
        const Field* pk = q_.model->pk();
        auto inner = std::make_shared<Query>(q_);
        inner->has_values = true;
        inner->values_names = {pk->name};
        inner->values_exprs = {make_col(base.alias, pk, q_.model->label())};
        inner->order_by.clear();
        inner->default_ordering = false;
        Lookup l;
        l.lhs = make_col(base.table, pk, q_.model->label());
        l.lookup = "in";
        l.field = pk;
        l.rhs_query = inner;
        if (!compile_lookup(l, where, params, empty)) return false;
    }
    if (empty) return true;
    out.sql = "DELETE FROM " + quote(base.table) + (where.empty() ? "" : " WHERE " + where);
    out.params = std::move(params);
    return true;
}

SqlText Compiler::delete_batch(const ModelDef& m, const std::string& column, const std::vector<Value>& ids) {
    SqlText t;
    std::string list;
    for (size_t i = 0; i < ids.size(); ++i) list += i ? ", %s" : "%s";
    t.sql = "DELETE FROM " + quote(m.db_table()) + " WHERE " + quote(m.db_table()) + "." + quote(column) + " IN (" + list + ")";
    t.params = ids;
    return t;
}

}  // namespace gramlab::orm

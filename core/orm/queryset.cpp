// QuerySet evaluation and its API: filter/exclude/get/create/count/exists/first/last/
// order_by/values/values_list/annotate/aggregate/select_related/prefetch_related/
// in_bulk/update/delete/explain, slicing and the repr's 20-element rule.
#include "core/orm/queryset.hpp"

#include <algorithm>
#include <optional>

#include "core/orm/compiler.hpp"
#include "core/orm/errors.hpp"
#include "core/orm/field_values.hpp"
#include "core/orm/lookups.hpp"
#include "core/orm/meta.hpp"
#include "core/orm/model.hpp"
#include "core/orm/query_cache.hpp"
#include "core/orm/runtime.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/function.hpp"

namespace gramlab::orm {

using models::Field;
using models::ModelDef;
using shell::Args;
using shell::Interp;
using shell::Kind;
using shell::Ref;

QPtr as_q(const Ref& r);

namespace {

constexpr int64_t kReprOutputSize = 20;

Ref row_value(Interp& in, const ExprNode& e, const Value& v) {
    // get_decimalfield_converter: a column quantized to its field, anything else (aggregates,
    // arithmetic, Value(Decimal)) only rounded to SQLite's 15 digits. Null: TypeError pending.
    if (is_decimal_output(e)) {
        const ExprNode* x = &e;
        while (x->kind == ExprNode::Kind::kRef && !x->args.empty() && x->args[0]) x = x->args[0].get();
        return decimal_from_db(in, x->kind == ExprNode::Kind::kCol ? x->field : e.out_field, v, x->kind == ExprNode::Kind::kCol);
    }
    if (v.is_str() && ((e.out_field && e.out_field->cls) || e.out == OutKind::kInt || e.out == OutKind::kFloat)) {
        // BaseExpression.convert_value: a function typed IntegerField / FloatField converts what
        // SQLite returned with int() / float(), which text that is no number fails (Chr(...)).
        const ExprNode* x = &e;
        while (x->kind == ExprNode::Kind::kRef && !x->args.empty() && x->args[0]) x = x->args[0].get();
        const bool as_float = e.out_field && e.out_field->cls ? e.out_field->kind() == models::FieldKind::kFloat : e.out == OutKind::kFloat;
        const bool as_int = e.out_field && e.out_field->cls ? is_integer_kind(*e.out_field) : e.out == OutKind::kInt;
        if (x->kind == ExprNode::Kind::kFunc && (as_int || as_float)) {
            std::string t = v.text;
            const size_t b = t.find_first_not_of(" \t\n\r\f\v"), end = t.find_last_not_of(" \t\n\r\f\v");
            std::string core = b == std::string::npos ? "" : t.substr(b, end - b + 1);
            char* stop = nullptr;
            if (as_float) {
                double d = std::strtod(core.c_str(), &stop);
                if (!core.empty() && stop && *stop == 0) return Interp::floating(d);
                return in.value_error("could not convert string to float: " + shell::repr_str(t));
            }
            size_t i = (!core.empty() && (core[0] == '+' || core[0] == '-')) ? 1 : 0;
            bool digits = i < core.size();
            for (size_t j = i; j < core.size(); ++j) digits = digits && std::isdigit(static_cast<unsigned char>(core[j]));
            if (digits && core.size() - i <= 18) return Interp::integer(std::stoll(core));
            if (!digits) return in.value_error("invalid literal for int() with base 10: " + shell::repr_str(t));
        }
    }
    if (e.out_field && e.out_field->cls) return from_db(in, *e.out_field, v);
    switch (e.out) {
        case OutKind::kInt: if (auto n = v.as_int()) return Interp::integer(*n); break;
        case OutKind::kBool:  // BooleanField's converter: bool(value)
            if (auto n = v.as_int()) return in.boolean(*n != 0);
            break;
        case OutKind::kFloat:
            if (v.kind == Value::Kind::kFloat) return Interp::floating(v.number);
            if (auto n = v.as_int()) return Interp::floating(static_cast<double>(*n));
            break;
        default: break;
    }
    if (v.is_none()) return in.None;
    if (auto n = v.as_int()) return Interp::integer(*n);
    if (v.kind == Value::Kind::kFloat) return Interp::floating(v.number);
    return Interp::string(v.text);
}

std::nullptr_t assertion(Interp& in, const std::string& m) { return in.raise(in.AssertionError, m); }

}  // namespace

QPtr as_q(const Ref& r) {
    if (auto* q = shell::as<QObj>(r)) return q->q;
    return nullptr;
}

QuerySetObj::QuerySetObj(Interp& in, const ModelDef* m) : Object(Kind::kNative), model(m) {
    auto q = std::make_shared<Query>(m);
    q->apps = in.apps;
    query = SharedQuery(std::move(q));
}

QuerySetObj::QuerySetObj(const QuerySetObj& o, std::shared_ptr<Query> q) : QuerySetObj(o, SharedQuery(std::move(q))) {}

QuerySetObj::QuerySetObj(const QuerySetObj& o, SharedQuery q)
    : Object(Kind::kNative), model(o.model), query(std::move(q)), shape(o.shape), value_names(o.value_names),
      prefetch(o.prefetch), prefetch_objects(o.prefetch_objects), known_field(o.known_field), known_instance(o.known_instance), sticky(o.sticky),
      related_access(o.related_access), custom_class(o.custom_class) {}

std::shared_ptr<QuerySetObj> QuerySetObj::clone() const {
    auto q = std::make_shared<Query>(*query);
    // Query.chain(): a sticky query lets the next call reuse its multi-valued joins, once.
    q->reuse_filter_group = query->filter_is_sticky;
    q->filter_is_sticky = false;
    return std::make_shared<QuerySetObj>(*this, q);
}

bool QuerySetObj::run(Interp& in, std::vector<Ref>& out) const {
    // Compiled once per recipe (core/orm/query_cache.hpp); a QuerySet without one compiles.
    std::shared_ptr<const CompiledSelect> compiled;
    if (!recipe.empty()) compiled = in.orm->query_cache->find(recipe);
    if (!compiled) {
        Query q = *query;
        Compiler c(in, q);
        auto fresh = std::make_shared<CompiledSelect>();
        if (!c.select(fresh->text, fresh->plan, fresh->empty)) return false;
        fresh->native_sql = sqlite_placeholders(fresh->text.sql);
        if (!recipe.empty()) in.orm->query_cache->store(recipe, fresh);
        compiled = std::move(fresh);
    }
    if (compiled->empty) return true;
    const SqlText& t = compiled->text;
    const SelectPlan& plan = compiled->plan;
    std::vector<db::PackedRow> rows;
    {
        AccessScope scope(*in.orm, related_access);
        const std::string* native = compiled->native_sql.empty() ? nullptr : &compiled->native_sql;
        if (!in.orm->execute_packed(t.sql, native, t.params, rows)) return false;
    }
    // Rows of a related manager continue its relation path; other rows start a new one.
    std::shared_ptr<const RelatedAccess> origin = related_access;
    if (!origin) {
        auto root = std::make_shared<RelatedAccess>();
        root->model = in.orm->label_of(model);
        root->origin = in.orm->query_seq - 1;
        origin = root;
    }
    // Each row stays as it is, owned by the instances made from it, until an instance's values
    // are first used (InstanceValues). Field lists, attnames and classes once per query.
    std::shared_ptr<const RowParts> parts;
    if (shape == RowShape::kModel && !rows.empty()) {
        parts = compiled->row_parts;
        if (!parts) {
            auto made = std::make_shared<RowParts>(in);
            made->parts.reserve(plan.related.size() + 1);
            made->parts.emplace_back(shared_row_layout(in, model), plan.base_offset);
            for (const auto& r : plan.related) made->parts.emplace_back(shared_row_layout(in, r.model), r.offset);
            compiled->row_parts = parts = std::move(made);
        }
    }
    const RowLayout* layout = parts ? parts->parts[0].first.get() : nullptr;
    for (db::PackedRow& fetched : rows) {
        std::shared_ptr<const RowSource> source;
        if (parts) source = std::make_shared<const RowSource>(parts, std::move(fetched));
        const db::PackedRow& row = source ? source->row() : fetched;
        if (shape == RowShape::kModel) {
            auto obj = instance_from_source(in, *layout, source, 0);
            obj->origin = origin;
            // Only the loaded fields are set; the others are deferred.
            if (plan.base_fields.size() != layout->fields.size()) {
                obj->values.clear();
                obj->deferred.clear();
                for (size_t i = 0; i < plan.base_fields.size(); ++i)
                    obj->values[plan.base_fields[i]->attname()] = from_db(in, *plan.base_fields[i], row.value(plan.base_offset + i));
                for (const std::string& attname : layout->attnames)
                    if (!obj->values.count(attname)) obj->deferred.push_back(attname);
            }
            // extra(select=...) values become attributes, as in Django.
            for (size_t i = 0; i < plan.extra_names.size() && i < row.size(); ++i) {
                obj->extra[plan.extra_names[i]] = row_value(in, ExprNode(ExprNode::Kind::kRaw), row.value(i));
                obj->extra_order.push_back(plan.extra_names[i]);
            }
            for (size_t i = 0; i < plan.annotations.size(); ++i) {
                const auto& a = plan.annotations[i];
                Ref value = row_value(in, *a.second, row.value(plan.annotation_offset + i));
                if (!value) return false;
                obj->extra[a.first] = value;
                obj->extra_order.push_back(a.first);
            }
            std::vector<std::shared_ptr<ModelInstance>> related_objs;
            for (size_t ri = 0; ri < plan.related.size(); ++ri) {
                const auto& r = plan.related[ri];
                std::shared_ptr<ModelInstance> parent = r.parent < 0 ? obj : related_objs[static_cast<size_t>(r.parent)];
                if (row.is_null(r.offset)) {
                    related_objs.push_back(nullptr);
                    if (parent) parent->related_cache[r.field_name] = in.None;
                    continue;
                }
                const RowLayout& rel_layout = *parts->parts[ri + 1].first;
                auto rel = instance_from_source(in, rel_layout, source, ri + 1);
                if (r.fields.size() != rel_layout.fields.size()) {
                    // only()/defer() through the relation: the loaded fields, the rest deferred.
                    rel->values.clear();
                    rel->deferred.clear();
                    for (size_t k = 0; k < r.fields.size(); ++k)
                        rel->values[r.fields[k]->attname()] = from_db(in, *r.fields[k], row.value(r.offset + k));
                    for (const std::string& attname : rel_layout.attnames)
                        if (!rel->values.count(attname)) rel->deferred.push_back(attname);
                }
                rel->origin = follow(parent ? parent->origin : nullptr, r.field_name, true, r.field_name);
                related_objs.push_back(rel);
                if (parent) {
                    parent->related_cache[r.field_name] = rel;
                    if (!r.back_name.empty()) rel->related_cache[r.back_name] = parent;
                }
            }
            if (!known_field.empty() && known_instance) obj->related_cache[known_field] = known_instance;
            out.push_back(obj);
        } else {
            std::vector<Ref> vals;
            const auto& columns = plan.value_columns;
            for (size_t i = 0; i < plan.values.size() && i < row.size(); ++i) {
                vals.push_back(row_value(in, *plan.values[i], row.value(columns.empty() ? i : columns[i])));
                if (!vals.back()) return false;
            }
            if (shape == RowShape::kValues) {
                // ValuesIterable: the dict's keys in the SQL's order (fields, then annotations).
                auto d = Interp::dict();
                std::vector<size_t> by_column(vals.size());
                for (size_t i = 0; i < vals.size(); ++i) {
                    const size_t j = columns.empty() ? i : columns[i];
                    if (j < by_column.size()) by_column[j] = i;
                }
                for (size_t j = 0; j < by_column.size(); ++j) {
                    const size_t i = by_column[j];
                    if (i < value_names.size()) d->entries.emplace_back(Interp::string(value_names[i]), vals[i]);
                }
                out.push_back(d);
            } else if (shape == RowShape::kFlat) {
                out.push_back(vals.empty() ? in.None : vals[0]);
            } else {
                auto t2 = std::make_shared<shell::SeqObj>(Kind::kTuple, vals);
                if (shape == RowShape::kNamed) {
                    t2->row_name = "Row";
                    t2->row_fields = value_names;
                }
                out.push_back(t2);
            }
        }
    }
    if (!prefetch.empty() && shape == RowShape::kModel && !out.empty())
        if (!do_prefetch(in, model, out, prefetch, prefetch_objects)) return false;
    return true;
}

bool QuerySetObj::fetch_all(Interp& in, const std::string& reason) {
    if (cache) {
        in.orm->evaluations.push_back({in.orm->label_of(model), reason, true, -1});
        return true;
    }
    std::vector<Ref> out;
    if (!evaluate(in, reason, out)) return false;
    cache = std::move(out);
    return true;
}

bool QuerySetObj::evaluate(Interp& in, const std::string& reason, std::vector<Ref>& out) const {
    size_t before = in.orm->log.size();
    if (!run(in, out)) return false;
    in.orm->evaluations.push_back({in.orm->label_of(model), reason, false, in.orm->log.size() > before ? static_cast<int>(before) : -1});
    return true;
}

bool QuerySetObj::repr(Interp& in, std::string& out) {
    std::vector<Ref> data;
    if (cache) {
        data.assign(cache->begin(), cache->begin() + std::min<int64_t>(static_cast<int64_t>(cache->size()), kReprOutputSize + 1));
        in.orm->evaluations.push_back({in.orm->label_of(model), "repr", true, -1});
    } else {
        auto c = clone();
        c->query.mut().set_limits(std::nullopt, kReprOutputSize + 1);
        if (!recipe.empty()) c->recipe = recipe + "|repr";
        size_t before = in.orm->log.size();
        if (!c->run(in, data)) return false;
        in.orm->evaluations.push_back({in.orm->label_of(model), "repr", false, in.orm->log.size() > before ? static_cast<int>(before) : -1});
    }
    bool truncated = static_cast<int64_t>(data.size()) > kReprOutputSize;
    if (truncated) data.resize(kReprOutputSize);
    std::string s = "<" + type_name() + " [";
    for (size_t i = 0; i < data.size(); ++i) {
        std::string r;
        if (!in.repr(data[i], r)) return false;
        s += (i ? ", " : "") + r;
    }
    if (truncated) s += ", '...(remaining elements truncated)...'";
    out = s + "]>";
    return true;
}

int QuerySetObj::truthy(Interp& in) {
    if (!fetch_all(in, "bool")) return -1;
    return !cache->empty();
}

bool QuerySetObj::iterate(Interp& in, std::vector<Ref>& out) {
    if (!fetch_all(in, "iteration")) return false;
    out = *cache;
    return true;
}

int64_t QuerySetObj::length(Interp& in) {
    if (!fetch_all(in, "len")) return -1;
    return static_cast<int64_t>(cache->size());
}

int QuerySetObj::contains(Interp& in, const Ref& item) {
    if (!fetch_all(in, "in")) return -1;
    for (const auto& x : *cache) {
        int e = in.equals(x, item);
        if (e != 0) return e;
    }
    return 0;
}

Ref QuerySetObj::getitem(Interp& in, const Ref& key) {
    if (auto* sl = shell::as<shell::SliceObj>(key)) {
        auto as_int = [&](const Ref& r, std::optional<int64_t>& v) {
            if (r->kind == Kind::kNone) return true;
            if (r->kind != Kind::kInt) {
                in.type_error("QuerySet indices must be integers or slices, not " + r->type_name() + ".");
                return false;
            }
            v = static_cast<shell::IntObj*>(r.get())->value;
            return true;
        };
        std::optional<int64_t> lo, hi, st;
        if (!as_int(sl->lower, lo) || !as_int(sl->upper, hi) || !as_int(sl->step, st)) return nullptr;
        if ((lo && *lo < 0) || (hi && *hi < 0)) return assertion(in, "Negative indexing is not supported.");
        if (cache) {
            in.orm->evaluations.push_back({in.orm->label_of(model), "slice", true, -1});
            return Interp::list(*cache)->getitem(in, key);
        }
        auto c = clone();
        c->query.mut().set_limits(lo, hi);
        if (!recipe.empty())
            c->recipe = recipe + "[" + (lo ? std::to_string(*lo) : "") + ":" + (hi ? std::to_string(*hi) : "") + "]";
        if (st) {
            if (!c->fetch_all(in, "slice with a step")) return nullptr;
            return Interp::list(*c->cache)->getitem(in, std::make_shared<shell::SliceObj>(in.None, in.None, sl->step));
        }
        return c;
    }
    if (key->kind != Kind::kInt) return in.type_error("QuerySet indices must be integers or slices, not " + key->type_name() + ".");
    int64_t k = static_cast<shell::IntObj*>(key.get())->value;
    if (k < 0) return assertion(in, "Negative indexing is not supported.");
    if (cache) {
        in.orm->evaluations.push_back({in.orm->label_of(model), "index", true, -1});
        if (k >= static_cast<int64_t>(cache->size())) return in.raise(in.IndexError, "list index out of range");
        return (*cache)[static_cast<size_t>(k)];
    }
    auto c = clone();
    c->query.mut().set_limits(k, k + 1);
    if (!recipe.empty()) c->recipe = recipe + "[" + std::to_string(k) + "]";
    if (!c->fetch_all(in, "index")) return nullptr;
    if (c->cache->empty()) return in.raise(in.IndexError, "list index out of range");
    return (*c->cache)[0];
}

Ref QuerySetObj::binop(Interp& in, int op, const Ref& other, bool reflected) {
    auto kind = static_cast<py::BinOpKind>(op);
    auto* o = shell::as<QuerySetObj>(other);
    if (!o || (kind != py::BinOpKind::kBitAnd && kind != py::BinOpKind::kBitOr)) return nullptr;
    if (o->model != model) return in.type_error("Cannot combine queries on two different base models.");
    // qs1 & qs2 / qs1 | qs2 combine the WHERE clauses.
    auto c = clone();
    WhereNode combined;
    combined.connector = kind == py::BinOpKind::kBitAnd ? "AND" : "OR";
    auto left = std::make_shared<WhereNode>(query->where);
    auto right = std::make_shared<WhereNode>(o->query->where);
    WhereNode::Child a, b;
    a.node = left;
    b.node = right;
    combined.children = {a, b};
    c->query.mut().where = WhereNode();
    WhereNode::Child all;
    all.node = std::make_shared<WhereNode>(combined);
    c->query.mut().where.children.push_back(all);
    (void)reflected;
    return c;
}

Ref QuerySetObj::getattr(Interp& in, const std::string& name) {
    if (!attrs.empty()) {
        auto own = attrs.find(name);
        if (own != attrs.end()) return own->second;
    }
    // The attribute learners read to see whether a QuerySet was evaluated (None until then).
    if (name == "_result_cache") return cache ? Interp::list(*cache) : in.None;
    auto self = std::static_pointer_cast<QuerySetObj>(shared_from_this());
    if (custom_class) {
        Ref own = custom_class->lookup(name);
        if (own && own->kind == Kind::kFunction) return shell::make_bound_method(in, own, self);
    }
    return queryset_method(in, self, name);
}

Ref QuerySetObj::find_method(Interp& in, const std::string& name) {
    if (!attrs.empty() && attrs.count(name)) return nullptr;  // the learner's attribute
    if (custom_class) {
        Ref own = custom_class->lookup(name);
        if (own && own->kind == Kind::kFunction) return nullptr;  // the learner's own method
    }
    // What queryset_method() binds once the method's function was made.
    auto known = in.orm->queryset_methods.find(name);
    return known == in.orm->queryset_methods.end() ? nullptr : known->second;
}

bool QuerySetObj::setattr(Interp& in, const std::string& name, Ref value) {
    // Django's read-only properties.
    if (name == "ordered" || name == "db") {
        in.raise(in.AttributeError, "property '" + name + "' of '" + type_name() + "' object has no setter");
        return false;
    }
    if (name == "_result_cache" && value->kind == Kind::kNone) {  // forgets the rows, as in Django
        cache.reset();
        return true;
    }
    // The state Django keeps in a QuerySet's own attributes: gramlab keeps it in C++, so
    // assigning it would not change what the QuerySet does; refused rather than ignored.
    static const char* const kState[] = {"query", "model", "_result_cache", "_db", "_hints", "_query", "_sticky_filter",
                                         "_for_write", "_prefetch_related_lookups", "_prefetch_done",
                                         "_known_related_objects", "_iterable_class", "_fields",
                                         "_defer_next_filter", "_deferred_filter"};
    for (const char* s : kState)
        if (name == s) {
            in.not_supported("setting QuerySet." + name);
            return false;
        }
    if (attrs.empty()) in.track_cyclic(shared_from_this());  // `qs.me = qs` is a cycle
    attrs[name] = std::move(value);
    return true;
}

}  // namespace gramlab::orm

// Building lookups: transforms, lookup names, value preparation.
#include "core/orm/lookups.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#include "core/orm/errors.hpp"
#include "core/orm/expressions.hpp"
#include "core/orm/field_values.hpp"
#include "core/orm/model.hpp"
#include "core/orm/queryset.hpp"
#include "core/shell/datetime.hpp"

namespace gramlab::orm {

using models::Field;
using models::FieldKind;
using shell::Interp;
using shell::Kind;
using shell::Ref;

namespace {

const std::vector<std::string>& lookup_names() {
    static const std::vector<std::string> names = {"exact", "iexact", "gt", "gte", "lt", "lte", "in", "contains",
                                                   "icontains", "startswith", "istartswith", "endswith", "iendswith",
                                                   "range", "isnull", "regex", "iregex"};
    return names;
}

const std::vector<std::string>& datetime_transforms() {
    static const std::vector<std::string> names = {"date", "time", "year", "iso_year", "month", "day", "week",
                                                   "week_day", "iso_week_day", "quarter", "hour", "minute", "second"};
    return names;
}

const std::vector<std::string>& date_transforms() {
    static const std::vector<std::string> names = {"year", "iso_year", "month", "day", "week", "week_day",
                                                   "iso_week_day", "quarter"};
    return names;
}

const models::FieldClass* field_class(const char* name) { return models::find_field_class(name); }


// difflib.SequenceMatcher(None, a, b).ratio()
double ratio(const std::string& a, const std::string& b) {
    // Matching blocks by recursive longest common substring (what SequenceMatcher does, without junk).
    std::function<size_t(size_t, size_t, size_t, size_t)> matches = [&](size_t alo, size_t ahi, size_t blo, size_t bhi) -> size_t {
        size_t besti = alo, bestj = blo, bestsize = 0;
        for (size_t i = alo; i < ahi; ++i)
            for (size_t j = blo; j < bhi; ++j) {
                size_t k = 0;
                while (i + k < ahi && j + k < bhi && a[i + k] == b[j + k]) ++k;
                if (k > bestsize) { besti = i; bestj = j; bestsize = k; }
            }
        if (!bestsize) return 0;
        return bestsize + matches(alo, besti, blo, bestj) + matches(besti + bestsize, ahi, bestj + bestsize, bhi);
    };
    size_t m = matches(0, a.size(), 0, b.size());
    size_t total = a.size() + b.size();
    return total ? 2.0 * static_cast<double>(m) / static_cast<double>(total) : 1.0;
}

}  // namespace

// A synthetic field standing for a transform's output (IntegerField for year, DateField for date).
const Field* synthetic_field(const char* cls) {
    // Shared by every session (the server runs sessions on several threads); map nodes do not
    // move, so the pointers stay valid.
    static std::mutex mutex;
    static std::map<std::string, Field> fields;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = fields.find(cls);
    if (it != fields.end()) return &it->second;
    Field f;
    f.name = "";
    f.cls = field_class(cls);
    return &fields.emplace(cls, f).first->second;
}

std::vector<std::string> close_matches(const std::string& word, const std::vector<std::string>& possibilities) {
    std::vector<std::pair<double, std::string>> scored;
    for (const auto& p : possibilities) {
        double r = ratio(p, word);  // SequenceMatcher with seq2 = word, seq1 = x
        if (r >= 0.6) scored.emplace_back(r, p);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) {
        if (x.first != y.first) return x.first > y.first;
        return x.second > y.second;  // heapq.nlargest on (score, x) tuples
    });
    std::vector<std::string> out;
    for (size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
    return out;
}

bool is_lookup_name(const std::string& name) {
    const auto& n = lookup_names();
    return std::find(n.begin(), n.end(), name) != n.end();
}

bool is_related_lookup_name(const std::string& name) {
    // ForeignObject's lookups (RelatedExact, RelatedIn, ...): a relation takes no others.
    static const char* const kNames[] = {"exact", "in", "lt", "gt", "gte", "lte", "isnull"};
    for (const char* n : kNames)
        if (name == n) return true;
    return false;
}

bool is_transform_name(const Field* f, const std::string& name) {
    if (!f || !f->cls) return false;
    const auto& t = f->kind() == FieldKind::kDateTime ? datetime_transforms()
                    : f->kind() == FieldKind::kDate   ? date_transforms()
                                                       : std::vector<std::string>{};
    return std::find(t.begin(), t.end(), name) != t.end();
}

std::string prep_for_like(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\\') out += "\\\\";
        else if (c == '%') out += "\\%";
        else if (c == '_') out += "\\_";
        else out += c;
    }
    return out;
}

namespace {

std::nullptr_t unsupported_lookup(Interp& in, const Field* f, const std::string& name) {
    std::vector<std::string> possible = lookup_names();
    if (f && f->cls) {
        if (f->kind() == FieldKind::kDateTime) possible.insert(possible.end(), datetime_transforms().begin(), datetime_transforms().end());
        if (f->kind() == FieldKind::kDate) possible.insert(possible.end(), date_transforms().begin(), date_transforms().end());
    }
    auto sugg = close_matches(name, possible);
    std::string suggestion = ".";
    if (!sugg.empty()) {
        suggestion = ", perhaps you meant ";
        for (size_t i = 0; i < sugg.size(); ++i) suggestion += (i ? " or " : "") + sugg[i];
        suggestion += "?";
    }
    std::string cls = f && f->cls ? std::string(f->cls->name) : "Field";
    return in.raise(field_error_class(in), "Unsupported lookup '" + name + "' for " + cls +
                                               " or join on the field not permitted" + suggestion);
}

ExprPtr apply_transform(const ExprPtr& lhs, const Field* f, const std::string& name) {
    auto t = std::make_shared<ExprNode>(ExprNode::Kind::kFunc);
    t->args.push_back(lhs);
    bool is_datetime = f && f->kind() == FieldKind::kDateTime;
    if (name == "date") {
        t->name = "django_datetime_cast_date";
        t->out_field = synthetic_field("DateField");
    } else if (name == "time") {
        t->name = "django_datetime_cast_time";
        t->out_field = synthetic_field("TimeField");
    } else {
        t->name = is_datetime ? "django_datetime_extract" : "django_date_extract";
        t->op = name;  // the extract kind
        t->out_field = synthetic_field("IntegerField");
    }
    t->out = OutKind::kField;
    return t;
}

}  // namespace

bool prep_related_value(Interp& in, const Field* f, const Ref& v_in, Value& out) {
    Ref v = v_in;
    // A model instance stands for its primary key (related lookups: filter(post_author=user)).
    if (auto* inst = shell::as<ModelInstance>(v)) {
        v = inst->pk_value();
        if (!v) v = in.None;
    }
    if (!f) {
        // An expression's output without a field: pass Python literals through.
        if (v->kind == Kind::kInt) { out = Value::of_int(static_cast<shell::IntObj*>(v.get())->value); return true; }
        if (v->kind == Kind::kFloat) { out = Value::of_float(static_cast<shell::FloatObj*>(v.get())->value); return true; }
        if (v->kind == Kind::kBool) { out = Value::of_bool(static_cast<shell::BoolObj*>(v.get())->value); return true; }
        if (v->kind == Kind::kNone) { out = Value::none(); return true; }
        std::string s;
        if (!in.str(v, s)) return false;
        out = Value::of_str(s);
        return true;
    }
    if (f->kind() == models::FieldKind::kDecimal && !f->is_fk()) {
        // A lookup takes get_prep_value (to_python: a Decimal, not yet rounded to the field),
        // which sqlite3 binds as str(Decimal).
        if (v->kind == Kind::kNone) { out = Value::none(); return true; }
        Ref d = to_python(in, *f, v);
        if (!d) return false;
        std::string text;
        if (!in.str(d, text)) return false;
        out.kind = Value::Kind::kDecimal;
        out.text = text;
        return true;
    }
    return to_db(in, *f, v, out);
}

bool build_lookup(Interp& in, Query& q, const PathResolution& res, const Ref& value, Lookup& out, ExprPtr resolved_rhs) {
    std::vector<std::string> names = res.rest;
    if (names.empty()) names.push_back("exact");
    out.lhs = res.col;
    // Query.check_filterable: Window.filterable = False.
    if (res.annotation && res.col && is_window(*res.col)) {
        raise_db_error(in, "NotSupportedError", "Window is disallowed in the filter clause.");
        return false;
    }
    const Field* field = res.relation_end ? res.target_pk : res.final_field;
    if (res.annotation) field = res.col->out_field;
    // The path's field for value preparation: an FK column compares as its target.
    std::string lookup = names.back();
    std::vector<std::string> transforms(names.begin(), names.end() - 1);
    if (res.relation_end && !transforms.empty()) {
        in.raise(field_error_class(in), "Related Field got invalid lookup: " + transforms[0]);
        return false;
    }
    if (res.relation_end && !is_related_lookup_name(lookup)) {
        in.raise(field_error_class(in), "Related Field got invalid lookup: " + lookup);
        return false;
    }
    const Field* cur_field = field;
    if (!res.relation_end && res.final_field && res.final_field->is_fk() && !res.trimmed_to_fk) cur_field = res.final_field;
    for (const auto& t : transforms) {
        if (!is_transform_name(cur_field, t)) {
            unsupported_lookup(in, cur_field, t);
            return false;
        }
        out.transform = t;
        out.lhs = apply_transform(out.lhs, cur_field, t);
        out.year_source = cur_field;
        cur_field = out.lhs->out_field;
    }
    if (!is_lookup_name(lookup)) {
        // Not a lookup: try it as a transform followed by exact.
        if (!is_transform_name(cur_field, lookup)) {
            unsupported_lookup(in, cur_field, lookup);
            return false;
        }
        out.transform = lookup;
        out.lhs = apply_transform(out.lhs, cur_field, lookup);
        out.year_source = cur_field;
        cur_field = out.lhs->out_field;
        lookup = "exact";
    }
    // An annotation that is ExtractYear / ExtractIsoYear takes Django's YearLookup too (they
    // register YearExact, YearGt, ...): the source column compared against the year's bounds.
    if (res.annotation && transforms.empty() && out.lhs) {
        const ExprNode* a = out.lhs.get();
        while (a->kind == ExprNode::Kind::kRef && !a->args.empty() && a->args[0]) a = a->args[0].get();
        if (a->kind == ExprNode::Kind::kFunc && (a->name == "django_datetime_extract" || a->name == "django_date_extract") &&
            (a->op == "year" || a->op == "iso_year") && !a->args.empty() && a->args[0]) {
            out.lhs = std::make_shared<ExprNode>(*a);
            out.transform = a->op;
            out.year_source = a->args[0]->kind == ExprNode::Kind::kCol ? a->args[0]->field : a->args[0]->out_field;
        }
    }
    out.lookup = lookup;
    out.field = cur_field;
    // Expressions on the right-hand side (F('other'), F('x') + 1).
    if (auto* eo = shell::as<ExprObj>(value)) {
        ExprPtr e = resolved_rhs;
        if (!e) {
            e = eo->expr->clone();
            if (!q.resolve_expr(in, e)) return false;
        }
        out.rhs_expr = e;
        return true;
    }
    if (value->kind == Kind::kNone) {
        if (lookup != "exact" && lookup != "iexact") {
            in.value_error("Cannot use None as a query value");
            return false;
        }
        out.lookup = "isnull";
        out.rhs_true = true;
        out.rhs_is_none = true;
        return true;
    }
    if (lookup == "isnull") {
        int t = in.truthy(value);
        if (t < 0) return false;
        out.rhs_true = t == 1;
        return true;
    }
    if (lookup == "in") {
        if (auto* inner = shell::as<QuerySetObj>(value)) {
            // Query.resolve_expression(): the QuerySet becomes a subquery selecting the
            // related field's target (RelatedIn) or the pk, its ordering dropped unless sliced.
            auto sub = std::make_shared<Query>(*inner->query);
            if (!sub->has_values) {
                std::string target = res.relation_end && res.target_pk ? res.target_pk->name : "pk";
                ExprPtr col = sub->resolve_path(in, target, false);
                if (!col) return false;
                sub->has_values = true;
                sub->values_names = {target};
                sub->values_exprs = {col};
            }
            if (!sub->is_sliced() && sub->distinct_fields.empty()) {
                sub->order_by.clear();
                sub->default_ordering = false;
            }
            out.rhs_query = sub;
            return true;
        }
        if (value->kind == Kind::kStr) {
            // A string is iterable: each character becomes a value, as in Django.
        }
        std::vector<Ref> items;
        if (!in.iterate(value, items)) return false;
        std::vector<Value> prepared;
        for (const auto& it : items) {
            if (it->kind == Kind::kNone) continue;
            Value v;
            if (!prep_related_value(in, cur_field, it, v)) return false;
            if (std::find(prepared.begin(), prepared.end(), v) == prepared.end()) prepared.push_back(v);
        }
        if (prepared.empty()) out.empty = true;
        out.params = std::move(prepared);
        return true;
    }
    if (lookup == "range") {
        std::vector<Ref> items;
        if (!in.iterate(value, items)) return false;
        // Range.batch_process_rhs unzips (sql, param) pairs: none is an unpacking ValueError,
        // one leaves rhs[1] out of the tuple; more reach SQLite with a parameter too many,
        // which Django reports through a formatting error gramlab does not reproduce.
        if (items.empty()) {
            in.value_error("not enough values to unpack (expected 2, got 0)");
            return false;
        }
        if (items.size() == 1) {
            in.raise(in.IndexError, "tuple index out of range");
            return false;
        }
        if (items.size() > 2) {
            in.not_supported("__range with more than two values");
            return false;
        }
        for (const auto& it : items) {
            Value v;
            if (!prep_related_value(in, cur_field, it, v)) return false;
            out.params.push_back(v);
        }
        return true;
    }
    if (lookup == "regex" || lookup == "iregex") {
        std::string s;
        if (!in.str(value, s)) return false;
        out.params.push_back(Value::of_str(s));
        return true;
    }
    // Year lookups compare against the year's bounds (BETWEEN / > / >= / < / <=).
    if ((out.transform == "year" || out.transform == "iso_year") && (lookup == "exact" || lookup == "gt" || lookup == "gte" || lookup == "lt" || lookup == "lte")) {
        Value y;
        if (!prep_related_value(in, cur_field, value, y)) return false;
        auto year = y.as_int().value_or(0);
        bool dt = out.year_source && out.year_source->kind() == FieldKind::kDateTime;
        char a[64], b[64];
        std::snprintf(a, sizeof a, dt ? "%04lld-01-01 00:00:00" : "%04lld-01-01", static_cast<long long>(year));
        std::snprintf(b, sizeof b, dt ? "%04lld-12-31 23:59:59.999999" : "%04lld-12-31", static_cast<long long>(year));
        out.lhs = out.lhs->args[0];  // compare the column itself
        out.year_bounds = true;
        if (lookup == "exact") out.params = {Value::of_str(a), Value::of_str(b)};
        else if (lookup == "gt" || lookup == "lte") out.params = {Value::of_str(b)};
        else out.params = {Value::of_str(a)};
        return true;
    }
    bool like = lookup == "iexact" || lookup == "contains" || lookup == "icontains" || lookup == "startswith" ||
                lookup == "istartswith" || lookup == "endswith" || lookup == "iendswith";
    Value v;
    if (!prep_related_value(in, cur_field, value, v)) return false;
    if (like) {
        std::string s = v.kind == Value::Kind::kStr ? v.text : v.is_int() ? v.text : v.text;
        if (v.kind == Value::Kind::kBool) s = v.boolean ? "True" : "False";
        s = prep_for_like(s);
        if (lookup == "contains" || lookup == "icontains") s = "%" + s + "%";
        else if (lookup == "startswith" || lookup == "istartswith") s = s + "%";
        else if (lookup == "endswith" || lookup == "iendswith") s = "%" + s;
        v = Value::of_str(s);
    }
    if (lookup == "exact" && cur_field && cur_field->cls &&
        (cur_field->kind() == FieldKind::kBoolean || cur_field->kind() == FieldKind::kNullBoolean) &&
        value->kind == Kind::kBool && out.transform.empty()) {
        out.boolean_shortcut = true;
        out.rhs_true = static_cast<shell::BoolObj*>(value.get())->value;
        return true;
    }
    out.params.push_back(v);
    return true;
}

}  // namespace gramlab::orm

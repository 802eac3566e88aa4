// Tables of echoed values for the Results window (see result_table.hpp).
//
//   >>> Post.objects.values_list('id', 'post_content')
//   kind "values_list", columns ["id", "post_content"], rows [[1, "..."], ...]
//
// A QuerySet is re-run on a clone in chunks of kChunk rows (LIMIT/OFFSET over its own
// slice, as Django's set_limits composes them), so its cache stays untouched and at most
// kChunk Python rows are alive at a time while 100k rows are converted.
#include "core/shell/result_table.hpp"

#include <algorithm>

#include "core/orm/meta.hpp"
#include "core/orm/model.hpp"
#include "core/orm/queryset.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::shell {

namespace {

constexpr int64_t kChunk = 20000;

// A cell: JSON-friendly scalars as they are, any other value as its str() (datetimes read
// "2021-10-07 12:00:00+00:00", Decimals "3.50", instances their __str__).
Value cell(Interp& in, const Ref& v) {
    if (!v) return Value::none();
    switch (v->kind) {
        case Kind::kNone: return Value::none();
        case Kind::kBool: return Value::of_bool(static_cast<const BoolObj*>(v.get())->value);
        case Kind::kInt: return Value::of_int(static_cast<const IntObj*>(v.get())->value);
        case Kind::kFloat: return Value::of_float(static_cast<const FloatObj*>(v.get())->value);
        case Kind::kStr: return Value::of_str(static_cast<const StrObj*>(v.get())->value);
        default: break;
    }
    std::string s;
    if (!in.str(v, s)) {
        in.exc = nullptr;
        s = "<" + v->type_name() + ">";
    }
    return Value::of_str(std::move(s));
}

std::vector<std::string> instance_columns(const models::ModelDef& m, const orm::ModelInstance* first) {
    std::vector<std::string> cols;
    for (const models::Field* f : orm::concrete_fields(m)) cols.push_back(f->attname());
    if (first)
        for (const auto& name : first->extra_order)
            if (std::find(cols.begin(), cols.end(), name) == cols.end()) cols.push_back(name);
    return cols;
}

std::vector<Value> instance_row(Interp& in, const orm::ModelInstance& obj, const std::vector<std::string>& cols) {
    std::vector<Value> row;
    row.reserve(cols.size());
    for (const auto& c : cols) {
        auto it = obj.values.find(c);
        if (it != obj.values.end()) {
            row.push_back(cell(in, it->second));
            continue;
        }
        auto ex = obj.extra.find(c);
        row.push_back(ex != obj.extra.end() ? cell(in, ex->second) : Value::none());  // deferred: not loaded
    }
    return row;
}

// Rows of any Python objects: instances of one model by field, dicts by key, tuples by
// position, anything else as one "value" column.
void fill_rows(Interp& in, const std::vector<Ref>& items, ResultTable& t, int64_t max_rows) {
    size_t n = std::min(items.size(), static_cast<size_t>(max_rows));
    t.truncated = items.size() > n;
    const models::ModelDef* model = nullptr;
    bool all_instances = n > 0, all_dicts = n > 0, all_tuples = n > 0;
    size_t width = 0;
    for (size_t i = 0; i < n; ++i) {
        const Ref& v = items[i];
        auto* inst = as<orm::ModelInstance>(v);
        if (!inst || (model && inst->model != model)) all_instances = false;
        if (inst && !model) model = inst->model;
        if (!v || v->kind != Kind::kDict) all_dicts = false;
        if (!v || v->kind != Kind::kTuple) all_tuples = false;
        else width = std::max(width, static_cast<SeqObj*>(v.get())->items.size());
    }
    if (all_instances) {
        t.model = model->label();
        t.columns = instance_columns(*model, as<orm::ModelInstance>(items[0]));
        for (size_t i = 0; i < n; ++i) t.rows.push_back(instance_row(in, *as<orm::ModelInstance>(items[i]), t.columns));
    } else if (all_dicts) {
        std::vector<Ref> keys;
        for (size_t i = 0; i < n; ++i)
            for (const auto& kv : static_cast<DictObj*>(items[i].get())->entries) {
                std::string k;
                if (!in.str(kv.first, k)) { in.exc = nullptr; continue; }
                if (std::find(t.columns.begin(), t.columns.end(), k) == t.columns.end()) t.columns.push_back(k);
            }
        for (size_t i = 0; i < n; ++i) {
            std::vector<Value> row(t.columns.size());
            for (const auto& kv : static_cast<DictObj*>(items[i].get())->entries) {
                std::string k;
                if (!in.str(kv.first, k)) { in.exc = nullptr; continue; }
                auto at = std::find(t.columns.begin(), t.columns.end(), k);
                if (at != t.columns.end()) row[static_cast<size_t>(at - t.columns.begin())] = cell(in, kv.second);
            }
            t.rows.push_back(std::move(row));
        }
    } else if (all_tuples) {
        const auto* first = static_cast<SeqObj*>(items[0].get());
        for (size_t c = 0; c < width; ++c)
            t.columns.push_back(c < first->row_fields.size() ? first->row_fields[c] : std::to_string(c));
        for (size_t i = 0; i < n; ++i) {
            const auto& tup = static_cast<SeqObj*>(items[i].get())->items;
            std::vector<Value> row(width);
            for (size_t c = 0; c < tup.size(); ++c) row[c] = cell(in, tup[c]);
            t.rows.push_back(std::move(row));
        }
    } else {
        t.columns = {"value"};
        for (size_t i = 0; i < n; ++i) t.rows.push_back({cell(in, items[i])});
    }
}

std::optional<ResultTable> queryset_table(Interp& in, const orm::QuerySetObj& qs, int64_t max_rows) {
    ResultTable t;
    t.model = qs.model ? qs.model->label() : "";
    switch (qs.shape) {
        case orm::RowShape::kModel: t.kind = "queryset"; break;
        case orm::RowShape::kValues: t.kind = "values"; break;
        default: t.kind = "values_list"; break;
    }
    // Already evaluated (list(qs) before, or a cached repr): its rows, no query.
    std::vector<Ref> rows;
    if (qs.cache) {
        rows = *qs.cache;
    } else {
        for (int64_t offset = 0; offset <= max_rows;) {
            int64_t want = std::min(kChunk, max_rows + 1 - offset);
            auto chunk = qs.clone();
            chunk->prefetch.clear();
            chunk->query.mut().set_limits(offset, offset + want);
            std::vector<Ref> got;
            if (!chunk->run(in, got)) {
                in.exc = nullptr;
                return std::nullopt;
            }
            offset += static_cast<int64_t>(got.size());
            bool last = static_cast<int64_t>(got.size()) < want || chunk->query->empty;
            rows.insert(rows.end(), got.begin(), got.end());
            if (last) break;
        }
    }
    std::string kind = t.kind, model = t.model;
    fill_rows(in, rows, t, max_rows);
    t.kind = kind;
    if (!model.empty()) t.model = model;
    // Shapes named by the QuerySet, even with no rows to read them from.
    if (qs.shape == orm::RowShape::kModel && qs.model && t.columns.size() <= 1 && rows.empty())
        t.columns = instance_columns(*qs.model, nullptr);
    if (qs.shape != orm::RowShape::kModel && !qs.value_names.empty() &&
        (rows.empty() || qs.shape == orm::RowShape::kFlat || qs.shape == orm::RowShape::kValuesList))
        t.columns = qs.value_names;
    return t;
}

}  // namespace

std::optional<ResultTable> result_table(Interp& in, const Ref& value, int64_t max_rows) {
    if (!value || max_rows <= 0) return std::nullopt;
    if (auto* qs = as<orm::QuerySetObj>(value)) return queryset_table(in, *qs, max_rows);
    if (auto* obj = as<orm::ModelInstance>(value)) {
        ResultTable t;
        t.kind = "object";
        t.model = obj->model->label();
        t.columns = instance_columns(*obj->model, obj);
        t.rows.push_back(instance_row(in, *obj, t.columns));
        return t;
    }
    ResultTable t;
    std::vector<Ref> items;
    switch (value->kind) {
        case Kind::kList: t.kind = "list"; items = static_cast<SeqObj*>(value.get())->items; break;
        case Kind::kTuple: t.kind = "tuple"; items = static_cast<SeqObj*>(value.get())->items; break;
        case Kind::kSet:
            t.kind = "set";
            for (const auto& kv : static_cast<DictObj*>(value.get())->entries) items.push_back(kv.first);
            break;
        case Kind::kDict: {
            t.kind = "dict";
            t.columns = {"key", "value"};
            const auto& entries = static_cast<DictObj*>(value.get())->entries;
            size_t n = std::min(entries.size(), static_cast<size_t>(max_rows));
            t.truncated = entries.size() > n;
            for (size_t i = 0; i < n; ++i) t.rows.push_back({cell(in, entries[i].first), cell(in, entries[i].second)});
            return t;
        }
        default: return std::nullopt;
    }
    fill_rows(in, items, t, max_rows);
    return t;
}

}  // namespace gramlab::shell

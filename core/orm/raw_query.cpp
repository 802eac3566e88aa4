// Manager.raw(): RawQuerySet and RawQuery as Django 3.2 has them (see raw_query.hpp).
#include "core/orm/raw_query.hpp"

#include <algorithm>
#include <cctype>

#include "core/db/connection.hpp"
#include "core/orm/compiler.hpp"
#include "core/orm/errors.hpp"
#include "core/orm/field_objects.hpp"
#include "core/orm/field_values.hpp"
#include "core/orm/lookups.hpp"
#include "core/orm/meta.hpp"
#include "core/orm/model.hpp"
#include "core/orm/queryset.hpp"
#include "core/orm/runtime.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/datetime.hpp"

namespace gramlab::orm {

using models::Field;
using models::ModelDef;
using shell::Args;
using shell::Interp;
using shell::Kind;
using shell::Ref;

namespace {

// RawQuery.__str__: the SQL itself when params is None, else `sql % tuple(params)` (or `% params`
// for a mapping), Python's %-formatting with its errors.
bool raw_sql_text(Interp& in, const Ref& sql, const Ref& params, std::string& out) {
    Ref text = sql;
    if (params->kind != Kind::kNone) {
        Ref args = params;
        if (params->kind != Kind::kDict) {
            std::vector<Ref> items;
            if (!in.iterate(params, items)) return false;
            args = Interp::tuple(std::move(items));
        }
        text = in.binop(py::BinOpKind::kMod, sql, args);
        if (!text) return false;
    }
    if (text->kind != Kind::kStr) {
        in.type_error("__str__ returned non-string (type " + text->type_name() + ")");
        return false;
    }
    out = static_cast<shell::StrObj*>(text.get())->value;
    return true;
}

class RawQueryObj final : public shell::Object {
public:
    RawQueryObj(Ref sql, Ref params) : Object(Kind::kNative), sql(std::move(sql)), params(std::move(params)) {}
    const Ref sql;
    const Ref params;
    std::string type_name() const override { return "RawQuery"; }
    bool str(Interp& in, std::string& out) override { return raw_sql_text(in, sql, params, out); }
    bool repr(Interp& in, std::string& out) override {
        std::string text;
        if (!str(in, text)) return false;
        out = "<RawQuery: " + text + ">";
        return true;
    }
    Ref getattr(Interp& in, const std::string& name) override {
        if (name == "sql") return sql;
        if (name == "params") return params;
        return Object::getattr(in, name);
    }
};

// The SQLite backend's adapt_unknown_value, then what Python's sqlite3 module binds: aware
// datetimes as naive UTC text, dates, times and Decimals as text; int, float, str, bytes and
// None as they are.
bool adapt_param(Interp& in, const Ref& v, size_t index, Value& out) {
    switch (v->kind) {
        case Kind::kNone: out = Value::none(); return true;
        case Kind::kBool: out = Value::of_int(v == in.True ? 1 : 0); return true;
        case Kind::kInt: out = Value::of_int(static_cast<shell::IntObj*>(v.get())->value); return true;
        case Kind::kFloat: out = Value::of_float(static_cast<shell::FloatObj*>(v.get())->value); return true;
        case Kind::kStr: out = Value::of_str(static_cast<shell::StrObj*>(v.get())->value); return true;
        case Kind::kBytes: {
            out = Value();
            out.kind = Value::Kind::kBytes;
            out.text = static_cast<shell::BytesObj*>(v.get())->value;
            return true;
        }
        case Kind::kDateTime: {
            auto* dt = static_cast<shell::DateTimeObj*>(v.get());
            // timezone.make_naive(value, UTC): the wall time of an aware datetime is already UTC.
            std::string s;
            if (!in.str(std::make_shared<shell::DateTimeObj>(dt->micros, shell::Tz::kNaive), s)) return false;
            out = Value::of_str(s);
            return true;
        }
        case Kind::kDate:
        case Kind::kTime: {
            std::string s;
            if (!in.str(v, s)) return false;
            out = Value::of_str(s);
            return true;
        }
        case Kind::kDecimal: {
            std::string s;  // utils.format_number(value, None, None): '{:f}'.format(value)
            if (!shell::format_value(in, v, "f", s)) return false;
            out = Value::of_str(s);
            return true;
        }
        default: break;
    }
    raise_db_error(in, "ProgrammingError",
                   "Error binding parameter " + std::to_string(index + 1) + ": type '" + v->type_name() + "' is not supported");
    return false;
}

// The converter Python's sqlite3 module applies to a column (Django connects with
// detect_types=PARSE_DECLTYPES | PARSE_COLNAMES and registers "bool", "time", "datetime" and
// "timestamp"): named in the column's name as "x [type]", else the declared type's first
// word ("datetime" for a DateTimeField's column, even aliased).
enum class Converter { kNone, kBool, kTime, kDateTime };

Converter column_converter(const std::string& column, const std::string& decltype_text) {
    auto named = [](std::string name) {
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == "bool") return Converter::kBool;
        if (name == "time") return Converter::kTime;
        if (name == "datetime" || name == "timestamp") return Converter::kDateTime;
        return Converter::kNone;
    };
    size_t open = column.find('[');
    if (open != std::string::npos) {
        size_t close = column.find(']', open);
        if (close != std::string::npos) {
            Converter c = named(column.substr(open + 1, close - open - 1));
            if (c != Converter::kNone) return c;
        }
    }
    return named(decltype_text.substr(0, decltype_text.find_first_of(" (")));
}

// A column's value as Python's sqlite3 module returns it (not a model field: no Django
// converter), its registered converter applied to the value's text.
Ref raw_value(Interp& in, const Value& v, Converter conv) {
    if (v.kind == Value::Kind::kNone) return in.None;
    if (conv != Converter::kNone) {
        std::string text = v.kind == Value::Kind::kInt || v.kind == Value::Kind::kStr || v.kind == Value::Kind::kBytes
                               ? v.text
                               : v.kind == Value::Kind::kBool ? (v.boolean ? "1" : "0") : v.text;
        if (conv == Converter::kBool) return in.boolean(text == "1");  // b'1'.__eq__
        if (conv == Converter::kTime) {
            int64_t us;
            if (shell::parse_time_text(text, us)) return std::make_shared<shell::TimeObj>(us);
            return in.None;  // parse_time() of text that is not a time
        }
        int64_t us;
        bool offset = false;
        if (shell::parse_datetime_text(text, us, offset))
            return std::make_shared<shell::DateTimeObj>(us, offset ? shell::Tz::kStdUtc : shell::Tz::kNaive);
        return in.None;
    }
    switch (v.kind) {
        case Value::Kind::kBool: return Interp::integer(v.boolean ? 1 : 0);
        case Value::Kind::kInt: if (auto n = v.as_int()) return Interp::integer(*n); break;
        case Value::Kind::kFloat: return Interp::floating(v.number);
        case Value::Kind::kBytes: return std::make_shared<shell::BytesObj>(v.text);
        default: break;
    }
    return Interp::string(v.text);
}

// Django's SQLiteCursorWrapper.convert_query: FORMAT_QMARK_REGEX ((?<!%)%s) → '?', then '%%' → '%'.
std::string convert_query(const std::string& sql) {
    std::string marked;
    marked.reserve(sql.size());
    for (size_t i = 0; i < sql.size(); ++i) {
        if (sql[i] == '%' && i + 1 < sql.size() && sql[i + 1] == 's' && (i == 0 || sql[i - 1] != '%')) {
            marked += '?';
            ++i;
        } else {
            marked += sql[i];
        }
    }
    std::string out;
    out.reserve(marked.size());
    for (size_t i = 0; i < marked.size(); ++i) {
        out += marked[i];
        if (marked[i] == '%' && i + 1 < marked.size() && marked[i + 1] == '%') ++i;
    }
    return out;
}

class RawQuerySetObj final : public shell::Object {
public:
    RawQuerySetObj(const ModelDef* m, Ref raw_query, Ref params, Ref translations, std::string alias)
        : Object(Kind::kNative), model(m), raw_query(std::move(raw_query)), params(std::move(params)),
          translations(std::move(translations)), alias(std::move(alias)) {}
    const ModelDef* model;
    const Ref raw_query;
    const Ref params;        // None, a sequence or a mapping
    const Ref translations;  // a dict (query column name → model column name)
    const std::string alias;
    std::vector<std::string> prefetch;
    std::vector<Ref> prefetch_objects;

    std::string type_name() const override { return "RawQuerySet"; }
    bool repr(Interp& in, std::string& out) override {
        std::string text;
        if (!raw_sql_text(in, raw_query, params, text)) return false;
        out = "<RawQuerySet: " + text + ">";
        return true;
    }
    Ref getattr(Interp& in, const std::string& name) override;
    int truthy(Interp& in) override {
        if (!fetch_all(in, "bool")) return -1;
        return !cache_->empty();
    }
    bool iterate(Interp& in, std::vector<Ref>& out) override {
        if (!fetch_all(in, "iteration")) return false;
        out = *cache_;
        return true;
    }
    int64_t length(Interp& in) override {
        if (!fetch_all(in, "len")) return -1;
        return static_cast<int64_t>(cache_->size());
    }
    int contains(Interp& in, const Ref& item) override {
        if (!fetch_all(in, "in")) return -1;
        for (const auto& x : *cache_) {
            int e = in.equals(x, item);
            if (e != 0) return e;
        }
        return 0;
    }
    Ref getitem(Interp& in, const Ref& key) override {
        // list(self)[k]
        if (!fetch_all(in, "index")) return nullptr;
        return Interp::list(*cache_)->getitem(in, key);
    }

    std::shared_ptr<RawQuerySetObj> copy(std::string new_alias) const {
        auto c = std::make_shared<RawQuerySetObj>(model, raw_query, params, translations, std::move(new_alias));
        c->prefetch = prefetch;
        c->prefetch_objects = prefetch_objects;
        return c;
    }

private:
    std::optional<std::vector<Ref>> cache_;
    bool prefetch_done_ = false;
    //! cached_property columns: the first execution's cursor.description, translated.
    std::optional<std::vector<std::string>> columns_;

    bool fetch_all(Interp& in, const std::string& reason);
    //! Runs the query (RawQuery._execute_query); the result's columns become columns_ the
    //! first time. False with the exception pending.
    bool execute(Interp& in, db::RawResult& result);
    bool instances(Interp& in, std::vector<Ref>& out);
    Ref model_fields(Interp& in) const;
    bool columns(Interp& in, std::vector<std::string>& out);
};

bool RawQuerySetObj::execute(Interp& in, db::RawResult& result) {
    if (!check_connection(in, alias)) return false;
    if (!in.conn) {
        raise_db_error(in, "OperationalError", "no database is connected to this shell");
        return false;
    }
    if (!in.tick()) return false;
    OrmRuntime& rt = *in.orm;
    // cursor.execute(sql, params): %s placeholders become SQLite's only when there are params.
    std::string sql;
    if (raw_query->kind == Kind::kStr) {
        sql = static_cast<shell::StrObj*>(raw_query.get())->value;
    } else if (!in.str(raw_query, sql)) {
        return false;
    }
    std::vector<Value> values;
    std::vector<std::string> names;
    std::vector<Ref> quoted;  // QUOTE(value) text of each parameter, for connection.queries
    auto add = [&](const Ref& v) {
        Value bound;
        if (!adapt_param(in, v, values.size(), bound)) return false;
        quoted.push_back(Interp::string(in.conn->quote(bound)));
        values.push_back(std::move(bound));
        return true;
    };
    const bool by_name = params->kind == Kind::kDict;
    if (by_name) {
        for (const auto& kv : static_cast<shell::DictObj*>(params.get())->entries) {
            std::string key;
            if (kv.first->kind == Kind::kStr) key = static_cast<shell::StrObj*>(kv.first.get())->value;
            else if (!in.str(kv.first, key)) return false;
            names.push_back(key);
            if (!add(kv.second)) return false;
        }
    } else if (params->kind != Kind::kNone) {
        std::vector<Ref> items;
        if (!in.iterate(params, items)) return false;
        for (const auto& v : items)
            if (!add(v)) return false;
    }
    if (raw_query->kind != Kind::kStr) {
        // re.sub() in convert_query (or sqlite3 itself) refuses anything but a string.
        LoggedQuery q;
        q.sql = sql;
        q.seq = rt.query_seq++;
        rt.log_query(std::move(q));
        in.type_error("expected string or bytes-like object, got '" + raw_query->type_name() + "'");
        return false;
    }
    // CursorWrapper._execute validates inside debug_sql: the refused query is still logged.
    const bool broken = rt.needs_rollback && rt.atomic_depth > 0;
    const std::string native = params->kind == Kind::kNone ? sql : convert_query(sql);
    const bool autocommit_write = !broken && rt.begin_autocommit_write(native);
    auto start = MonotonicClock::now();
    Status st = broken ? Status(Error::make("TransactionManagementError", ""))
                       : in.conn->execute_raw(native, values, by_name ? &names : nullptr, result);
    double ms = std::chrono::duration<double, std::milli>(MonotonicClock::now() - start).count();
    if (autocommit_write) rt.end_autocommit_write(st);
    // CursorDebugWrapper logs last_executed_query(): `sql % quoted params` when there are
    // any. That formatting happens after the query ran and its own error (a %-sequence the
    // parameters do not fill) replaces the query's result or error, and nothing is logged.
    LoggedQuery q;
    q.sql = sql;
    if (!values.empty()) {
        Ref args;
        if (by_name) {
            auto d = Interp::dict();
            const auto& entries = static_cast<shell::DictObj*>(params.get())->entries;
            for (size_t i = 0; i < entries.size(); ++i) d->entries.emplace_back(entries[i].first, quoted[i]);
            args = d;
        } else {
            args = Interp::tuple(quoted);
        }
        Ref text = shell::percent_format(in, sql, args);
        if (!text) return false;
        q.sql = static_cast<shell::StrObj*>(text.get())->value;
    }
    q.params = std::move(values);
    q.ms = ms;
    q.seq = rt.query_seq++;
    rt.log_query(std::move(q));
    if (broken) return rt.validate_no_broken_transaction();
    if (!st.ok()) return rt.raise_statement_error(st);
    if (!columns_) {
        std::vector<std::string> cols = result.columns;
        if (auto* t = shell::as<shell::DictObj>(translations)) {
            for (const auto& kv : t->entries) {
                auto* from = shell::as<shell::StrObj>(kv.first);
                auto* to = shell::as<shell::StrObj>(kv.second);
                if (!from || !to) continue;
                auto it = std::find(cols.begin(), cols.end(), from->value);
                if (it != cols.end()) *it = to->value;
            }
        }
        if (result.has_columns) columns_ = std::move(cols);
    }
    if (!result.has_columns) {
        // self.cursor.description is None (an UPDATE): get_columns() iterates None.
        in.type_error("'NoneType' object is not iterable");
        return false;
    }
    return true;
}

bool RawQuerySetObj::columns(Interp& in, std::vector<std::string>& out) {
    if (!columns_) {
        db::RawResult result;
        if (!execute(in, result)) return false;
    }
    out = *columns_;
    return true;
}

bool RawQuerySetObj::instances(Interp& in, std::vector<Ref>& out) {
    db::RawResult result;
    if (!execute(in, result)) return false;
    const std::vector<std::string>& cols = *columns_;
    // resolve_model_init_order(): the model's fields whose column the query returned (first
    // position of each), the other columns as attributes.
    const std::vector<const Field*> fields = concrete_fields(*model);
    std::vector<std::pair<const Field*, size_t>> init;
    for (const Field* f : fields) {
        auto it = std::find(cols.begin(), cols.end(), f->column());
        if (it != cols.end()) init.emplace_back(f, static_cast<size_t>(it - cols.begin()));
    }
    std::vector<size_t> annotation_positions;
    for (size_t i = 0; i < cols.size(); ++i) {
        bool is_field = false;
        for (const Field* f : fields) is_field = is_field || f->column() == cols[i];
        if (!is_field) annotation_positions.push_back(i);
    }
    const Field* pk = model->pk();
    const bool has_pk = std::any_of(init.begin(), init.end(), [pk](const auto& p) { return p.first == pk; });
    if (!has_pk) {
        in.raise(django_exceptions(in).FieldDoesNotExist, "Raw query must include the primary key");
        return false;
    }
    auto cls = model_class(in, model);
    for (const db::Row& row : result.rows) {
        auto obj = std::make_shared<ModelInstance>(model, cls);
        in.orm->track(*obj);
        // Model.from_db(db, names, values): the fields not loaded are deferred.
        for (const Field* f : fields) {
            auto it = std::find_if(init.begin(), init.end(), [f](const auto& p) { return p.first == f; });
            if (it == init.end()) {
                obj->deferred.push_back(f->attname());
                continue;
            }
            Ref v = from_db(in, *f, it->second < row.size() ? row[it->second] : Value::none());
            if (!v) return false;
            obj->values[f->attname()] = v;
        }
        obj->adding = false;
        for (size_t pos : annotation_positions) {
            const Converter conv = column_converter(result.columns[pos], result.decltypes[pos]);
            if (!obj->setattr(in, cols[pos], raw_value(in, pos < row.size() ? row[pos] : Value::none(), conv))) return false;
        }
        out.push_back(obj);
    }
    return true;
}

bool RawQuerySetObj::fetch_all(Interp& in, const std::string& reason) {
    if (cache_) {
        in.orm->evaluations.push_back({in.orm->label_of(model), reason, true, -1});
    } else {
        size_t before = in.orm->log.size();
        std::vector<Ref> out;
        if (!instances(in, out)) return false;
        cache_ = std::move(out);
        in.orm->evaluations.push_back(
            {in.orm->label_of(model), reason, false, in.orm->log.size() > before ? static_cast<int>(before) : -1});
    }
    if (!prefetch.empty() && !prefetch_done_) {
        if (!cache_->empty() && !do_prefetch(in, model, *cache_, prefetch, prefetch_objects)) return false;
        prefetch_done_ = true;
    }
    return true;
}

Ref RawQuerySetObj::model_fields(Interp& in) const {
    auto d = Interp::dict();
    for (const Field* f : concrete_fields(*model)) d->entries.emplace_back(Interp::string(f->column()), field_object(in, *model, *f));
    return d;
}

Ref RawQuerySetObj::getattr(Interp& in, const std::string& name) {
    auto self = std::static_pointer_cast<RawQuerySetObj>(shared_from_this());
    auto method = [&](std::function<Ref(Interp&, Ref&, Args&)> fn) { return shell::method(name, self, std::move(fn)); };
    if (name == "raw_query") return raw_query;
    if (name == "params") return params;
    if (name == "translations") return translations;
    if (name == "model") return model_class(in, model);
    if (name == "db") return Interp::string(alias);
    if (name == "query") return std::make_shared<RawQueryObj>(raw_query, params);
    if (name == "columns") {
        std::vector<std::string> cols;
        if (!columns(in, cols)) return nullptr;
        std::vector<Ref> items;
        for (const auto& c : cols) items.push_back(Interp::string(c));
        return Interp::list(std::move(items));
    }
    if (name == "model_fields") return model_fields(in);
    if (name == "iterator") return method([self](Interp& in, Ref&, Args& a) -> Ref {
        if (!shell::check_args(in, "iterator", a, 0, 0)) return nullptr;
        // A generator in Django: here the rows are fetched when it is made (not cached).
        std::vector<Ref> out;
        size_t before = in.orm->log.size();
        if (!self->instances(in, out)) return nullptr;
        in.orm->evaluations.push_back(
            {in.orm->label_of(self->model), "iterator", false, in.orm->log.size() > before ? static_cast<int>(before) : -1});
        std::vector<Ref> items;
        if (!in.iterate(Interp::list(std::move(out)), items)) return nullptr;
        return Interp::list(std::move(items));
    });
    if (name == "using") return method([self](Interp& in, Ref&, Args& a) -> Ref {
        if (!shell::check_args(in, "using", a, 1, 1)) return nullptr;
        std::string alias;
        if (a.pos[0]->kind == Kind::kNone) alias = "default";
        else if (!in.str(a.pos[0], alias)) return nullptr;
        auto c = self->copy(alias);
        c->prefetch.clear();
        c->prefetch_objects.clear();
        return c;
    });
    if (name == "prefetch_related") return method([self](Interp& in, Ref&, Args& a) -> Ref {
        auto c = self->copy(self->alias);
        if (a.pos.size() == 1 && a.pos[0]->kind == Kind::kNone) {
            c->prefetch.clear();
            c->prefetch_objects.clear();
            return c;
        }
        if (!add_prefetch_lookups(in, a, c->prefetch, c->prefetch_objects)) return nullptr;
        return c;
    });
    if (name == "resolve_model_init_order") return method([self](Interp& in, Ref&, Args& a) -> Ref {
        if (!shell::check_args(in, "resolve_model_init_order", a, 0, 0)) return nullptr;
        std::vector<std::string> cols;
        if (!self->columns(in, cols)) return nullptr;
        std::vector<Ref> names, positions, annotations;
        const auto fields = concrete_fields(*self->model);
        for (const Field* f : fields) {
            auto it = std::find(cols.begin(), cols.end(), f->column());
            if (it == cols.end()) continue;
            names.push_back(Interp::string(f->attname()));
            positions.push_back(Interp::integer(it - cols.begin()));
        }
        for (size_t i = 0; i < cols.size(); ++i) {
            bool is_field = false;
            for (const Field* f : fields) is_field = is_field || f->column() == cols[i];
            if (!is_field) annotations.push_back(Interp::tuple({Interp::string(cols[i]), Interp::integer(static_cast<int64_t>(i))}));
        }
        return Interp::tuple({Interp::list(std::move(names)), Interp::list(std::move(positions)), Interp::list(std::move(annotations))});
    });
    if (name == "__class__") return in.orm->raw_queryset_class;
    return in.raise(in.AttributeError, "'RawQuerySet' object has no attribute '" + name + "'");
}

}  // namespace

Ref make_raw_queryset(Interp& in, const std::shared_ptr<QuerySetObj>& qs, Args& a) {
    std::vector<Ref> v;
    if (!bind_arguments(in, "raw", {"raw_query", "params", "translations", "using"}, 1, a, v)) return nullptr;
    Ref params = v[1] ? v[1] : Interp::tuple({});
    Ref translations = v[2] && v[2]->kind != Kind::kNone ? v[2] : Ref(Interp::dict());
    std::string alias = qs->query->db_alias.empty() ? "default" : qs->query->db_alias;
    if (v[3] && v[3]->kind != Kind::kNone && !in.str(v[3], alias)) return nullptr;
    auto raw = std::make_shared<RawQuerySetObj>(qs->model, v[0], params, translations, alias);
    raw->prefetch = qs->prefetch;
    raw->prefetch_objects = qs->prefetch_objects;
    return raw;
}

}  // namespace gramlab::orm

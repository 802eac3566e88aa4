// SQL generation for migration operations on SQLite (see schema.hpp). The order of
// statements, deferred index SQL and generated names follow Django 3.2 exactly, because
// learners compare `sqlmigrate` output with what Django shows.
#include "core/backends/sqlite/schema.hpp"

#include <algorithm>
#include <set>
#include <map>

#include "core/models/indexes.hpp"

namespace gramlab::backends::sqlite {

using migrations::ModelState;
using migrations::Operation;
using migrations::OpKind;
using migrations::ProjectState;
using models::Field;
using models::FieldKind;

namespace {

std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
    return out;
}

const char* base_type(FieldKind k) {
    switch (k) {
        case FieldKind::kAuto: case FieldKind::kBigAuto: case FieldKind::kSmallAuto: return "integer";
        case FieldKind::kBinary: return "BLOB";
        case FieldKind::kBoolean: case FieldKind::kNullBoolean: return "bool";
        case FieldKind::kDate: return "date";
        case FieldKind::kDateTime: return "datetime";
        case FieldKind::kDecimal: return "decimal";
        case FieldKind::kDuration: return "bigint";
        case FieldKind::kFloat: return "real";
        case FieldKind::kInteger: return "integer";
        case FieldKind::kBigInteger: return "bigint";
        case FieldKind::kGenericIPAddress: return "char(39)";
        case FieldKind::kJSON: return "text";
        case FieldKind::kPositiveBigInteger: return "bigint unsigned";
        case FieldKind::kPositiveInteger: return "integer unsigned";
        case FieldKind::kPositiveSmallInteger: return "smallint unsigned";
        case FieldKind::kSmallInteger: return "smallint";
        case FieldKind::kText: return "text";
        case FieldKind::kTime: return "time";
        case FieldKind::kUUID: return "char(32)";
        default: return nullptr;  // varchar(max_length) kinds and relations
    }
}

// rel_db_type(): the column type of a ForeignKey pointing at `target`.
std::string rel_db_type(const Field& target, const ProjectState& state, const std::string& app) {
    switch (target.kind()) {
        case FieldKind::kAuto: return "integer";
        case FieldKind::kBigAuto: return "bigint";
        case FieldKind::kSmallAuto: return "smallint";
        case FieldKind::kPositiveInteger: case FieldKind::kPositiveSmallInteger: case FieldKind::kPositiveBigInteger:
            return target.kind() == FieldKind::kPositiveBigInteger ? "bigint"
                   : target.kind() == FieldKind::kPositiveSmallInteger ? "smallint"
                                                                       : "integer";
        default: return db_type(target, state, app);
    }
}

std::string check_sql_for(const Field& f) {
    std::string c = quote_name(f.column());
    switch (f.kind()) {
        case FieldKind::kPositiveBigInteger: case FieldKind::kPositiveInteger: case FieldKind::kPositiveSmallInteger:
            return c + " >= 0";
        case FieldKind::kJSON: return "(JSON_VALID(" + c + ") OR " + c + " IS NULL)";
        default: return "";
    }
}

const Field* target_field(const Field& f, const ProjectState& state, const std::string& app) {
    const ModelState* target = state.resolve(f, app);
    if (!target) return nullptr;
    Value to_field = f.get("to_field");
    if (to_field.is_str()) return target->field(to_field.text);
    return target->pk();
}

// The auto-created through model of a ManyToManyField (create_many_to_many_intermediary_model).
ModelState through_model(const ModelState& m, const Field& f, const ProjectState& state) {
    ModelState t;
    t.app_label = m.app_label;
    const ModelState* target = state.resolve(f, m.app_label);
    std::string to_name = target ? target->name_lower() : "";
    std::string from_name = m.name_lower();
    std::string from_field = from_name, to_field = to_name;
    if (to_name == from_name) {
        from_field = "from_" + from_name;
        to_field = "to_" + to_name;
    }
    Value db_table = f.get("db_table");
    std::string table = db_table.is_str() ? db_table.text : m.db_table() + "_" + f.name;
    t.name = m.name + "_" + f.name;
    t.set_option("db_table", Value::of_str(table));
    const models::FieldClass* auto_cls = models::find_field_class("AutoField");
    if (m.pk() && (m.pk()->kind() == FieldKind::kBigAuto)) auto_cls = models::find_field_class("BigAutoField");
    auto idf = models::bind_field(*auto_cls, {}, {{"primary_key", Value::of_bool(true)}, {"auto_created", Value::of_bool(true)}});
    Field id = idf.value();
    id.name = "id";
    t.fields.push_back(id);
    const models::FieldClass* fk = models::find_field_class("ForeignKey");
    auto a = models::bind_field(*fk, {}, {{"to", Value::of_str(m.label())}, {"on_delete", Value::ref("django.db.models.deletion.CASCADE")}});
    Field from = a.value();
    from.name = from_field;
    from.remote_label = m.label();
    t.fields.push_back(from);
    auto b = models::bind_field(*fk, {}, {{"to", Value::of_str(target ? target->label() : "")}, {"on_delete", Value::ref("django.db.models.deletion.CASCADE")}});
    Field to = b.value();
    to.name = to_field;
    to.remote_label = target ? target->label() : "";
    t.fields.push_back(to);
    Value ut;
    ut.kind = Value::Kind::kSet;
    ut.items.push_back(Value::tuple({Value::of_str(from_field), Value::of_str(to_field)}));
    t.set_option("unique_together", ut);
    return t;
}

// A compiled WHERE clause for constraint conditions (Q objects), with parameters inlined
// through quote_value as the schema editor does.
std::string compile_q(const ModelState& m, const Value& q);

std::string compile_lookup(const ModelState& m, const std::string& key, const Value& value) {
    std::string field = key, lookup = "exact";
    auto sep = key.rfind("__");
    if (sep != std::string::npos) {
        field = key.substr(0, sep);
        lookup = key.substr(sep + 2);
    }
    const Field* f = m.field(field);
    if (!f) {
        for (const auto& x : m.fields)
            if (x.attname() == field) f = &x;
    }
    std::string col = quote_name(f ? f->column() : field);
    auto lit = [&](const Value& v) {
        if (f && f->kind() == FieldKind::kDecimal && (v.kind == Value::Kind::kInt || v.kind == Value::Kind::kDecimal))
            return "'" + v.text + "'";
        return quote_value(v);
    };
    if (value.kind == Value::Kind::kCall && value.text == "django.db.models.F" && !value.items.empty()) {
        const Field* other = m.field(value.items[0].text);
        std::string rhs = quote_name(other ? other->column() : value.items[0].text);
        static const std::map<std::string, std::string> ops = {{"exact", "="}, {"gt", ">"}, {"gte", ">="}, {"lt", "<"}, {"lte", "<="}};
        auto it = ops.find(lookup);
        return col + " " + (it == ops.end() ? "=" : it->second) + " " + rhs;
    }
    if (lookup == "exact") return value.is_none() ? col + " IS NULL" : col + " = " + lit(value);
    if (lookup == "gt") return col + " > " + lit(value);
    if (lookup == "gte") return col + " >= " + lit(value);
    if (lookup == "lt") return col + " < " + lit(value);
    if (lookup == "lte") return col + " <= " + lit(value);
    if (lookup == "isnull") return col + (value.truthy() ? " IS NULL" : " IS NOT NULL");
    if (lookup == "in") {
        std::vector<std::string> parts;
        for (const auto& v : value.items) parts.push_back(lit(v));
        return col + " IN (" + join(parts, ", ") + ")";
    }
    auto like = [&](const std::string& pre, const std::string& post, bool ci) {
        std::string s = value.text;
        std::string esc;
        for (char c : s) {
            if (c == '%' || c == '_' || c == '\\') esc += '\\';
            esc += c;
        }
        return col + " LIKE " + quote_value(Value::of_str(pre + esc + post)) + " ESCAPE '\\'";
        (void)ci;
    };
    if (lookup == "contains" || lookup == "icontains") return like("%", "%", lookup[0] == 'i');
    if (lookup == "startswith" || lookup == "istartswith") return like("", "%", lookup[0] == 'i');
    if (lookup == "endswith" || lookup == "iendswith") return like("%", "", lookup[0] == 'i');
    if (lookup == "iexact") return like("", "", true);
    return col + " = " + lit(value);
}

std::string compile_q(const ModelState& m, const Value& q) {
    const Value* conn = q.kwarg("_connector");
    std::string connector = conn ? conn->text : "AND";
    std::vector<std::string> parts;
    for (const auto& c : q.items) {
        if (c.kind == Value::Kind::kTuple && c.items.size() == 2) parts.push_back(compile_lookup(m, c.items[0].text, c.items[1]));
        else if (c.kind == Value::Kind::kCall) parts.push_back(compile_q(m, c));
    }
    std::string sql = join(parts, " " + connector + " ");
    if (q.kwarg("_negated")) return "NOT (" + sql + ")";
    if (parts.size() > 1) return "(" + sql + ")";
    return sql;
}

std::string column_of(const ModelState& m, const std::string& name) {
    const Field* f = m.field(name);
    return f ? f->column() : name;
}

}  // namespace

std::string quote_name(const std::string& name) {
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') return name;
    return "\"" + name + "\"";
}

std::string quote_value(const Value& v) {
    switch (v.kind) {
        case Value::Kind::kNone: return "NULL";
        case Value::Kind::kBool: return v.boolean ? "1" : "0";
        case Value::Kind::kInt: case Value::Kind::kDecimal: return v.text;
        case Value::Kind::kFloat: return v.text;
        case Value::Kind::kStr: {
            std::string out = "'";
            for (char c : v.text) {
                if (c == '\'') out += "''";
                else out += c;
            }
            return out + "'";
        }
        case Value::Kind::kBytes: {
            static const char* hex = "0123456789ABCDEF";
            std::string out = "X'";
            for (unsigned char c : v.text) {
                out += hex[c >> 4];
                out += hex[c & 15];
            }
            return out + "'";
        }
        default: return "NULL";
    }
}

std::string db_type(const Field& f, const ProjectState& state, const std::string& app) {
    if (const char* t = base_type(f.kind())) return t;
    switch (f.kind()) {
        case FieldKind::kChar: case FieldKind::kEmail: case FieldKind::kURL: case FieldKind::kSlug:
        case FieldKind::kFile: case FieldKind::kImage: case FieldKind::kFilePath:
            return "varchar(" + f.get("max_length").text + ")";
        case FieldKind::kForeignKey: case FieldKind::kOneToOne: {
            const Field* t = target_field(f, state, app);
            return t ? rel_db_type(*t, state, app) : "integer";
        }
        default: return "";
    }
}

std::string create_index_name(const std::string& table, const std::vector<std::string>& columns,
                              const std::string& suffix) {
    std::vector<std::string> parts = {table};
    parts.insert(parts.end(), columns.begin(), columns.end());
    std::string hash_suffix = models::names_digest(parts, 8) + suffix;
    const size_t max_length = 200;
    std::string name = table + "_" + join(columns, "_") + "_" + hash_suffix;
    if (name.size() <= max_length) return name;
    if (hash_suffix.size() > max_length / 3) hash_suffix = hash_suffix.substr(0, max_length / 3);
    size_t other = (max_length - hash_suffix.size()) / 2 - 1;
    name = table.substr(0, other) + "_" + join(columns, "_").substr(0, other) + "_" + hash_suffix;
    if (name[0] == '_' || std::isdigit(static_cast<unsigned char>(name[0]))) name = "D" + name.substr(0, name.size() - 1);
    return name;
}

std::string SchemaEditor::column_sql(const ModelState& m, const Field& f, const ProjectState& state,
                                     bool include_default) {
    std::string sql = db_type(f, state, m.app_label);
    if (include_default && f.has_default()) {
        Value d = f.get("default");
        if (d.kind != Value::Kind::kRef && !d.is_none()) sql += " DEFAULT " + quote_value(d);
    }
    sql += f.null() ? " NULL" : " NOT NULL";
    if (f.primary_key()) sql += " PRIMARY KEY";
    else if (f.unique()) sql += " UNIQUE";
    return sql;
}

std::string SchemaEditor::table_sql(const ModelState& m, const ProjectState& state, const std::string& table_name) {
    // unique_together: always deferred.
    if (const Value* ut = m.option("unique_together"))
        for (const auto& group : ut->items) {
            std::vector<std::string> cols;
            for (const auto& n : group.items) cols.push_back(column_of(m, n.text));
            std::vector<std::string> quoted;
            for (const auto& c : cols) quoted.push_back(quote_name(c));
            deferred_.push_back("CREATE UNIQUE INDEX " + quote_name(create_index_name(m.db_table(), cols, "_uniq")) +
                                " ON " + quote_name(m.db_table()) + " (" + join(quoted, ", ") + ")");
        }
    std::vector<std::string> defs;
    for (const auto& f : m.fields) {
        if (f.many_to_many()) continue;
        std::string def = column_sql(m, f, state, false);
        std::string check = check_sql_for(f);
        if (!check.empty()) def += " CHECK (" + check + ")";
        if (f.is_auto()) def += " AUTOINCREMENT";
        if (f.is_fk() && !(f.given("db_constraint") && !f.flag("db_constraint"))) {
            const ModelState* target = state.resolve(f, m.app_label);
            const Field* tf = target_field(f, state, m.app_label);
            if (target && tf)
                def += " REFERENCES " + quote_name(target->db_table()) + " (" + quote_name(tf->column()) +
                       ") DEFERRABLE INITIALLY DEFERRED";
        }
        defs.push_back(quote_name(f.column()) + " " + def);
    }
    if (const Value* cs = m.option("constraints"))
        for (const auto& c : cs->items) {
            std::string s = constraint_sql(m, c);
            if (!s.empty()) defs.push_back(s);
        }
    return "CREATE TABLE " + quote_name(table_name) + " (" + join(defs, ", ") + ")";
}

std::string SchemaEditor::constraint_sql(const ModelState& m, const Value& c) {
    std::string name = quote_name(migrations::index_name(c));
    if (c.text == "django.db.models.CheckConstraint") {
        const Value* check = c.kwarg("check");
        return "CONSTRAINT " + name + " CHECK (" + (check ? compile_q(m, *check) : "") + ")";
    }
    if (c.text == "django.db.models.UniqueConstraint") {
        if (c.kwarg("condition")) return "";  // partial unique: a separate CREATE UNIQUE INDEX
        std::vector<std::string> cols;
        if (const Value* fields = c.kwarg("fields"))
            for (const auto& n : fields->items) cols.push_back(quote_name(column_of(m, n.text)));
        return "CONSTRAINT " + name + " UNIQUE (" + join(cols, ", ") + ")";
    }
    return "";
}

std::string SchemaEditor::index_sql(const ModelState& m, const Value& index) {
    std::vector<std::string> cols;
    if (const Value* fields = index.kwarg("fields"))
        for (const auto& n : fields->items) {
            bool desc = !n.text.empty() && n.text[0] == '-';
            std::string fname = desc ? n.text.substr(1) : n.text;
            cols.push_back(quote_name(column_of(m, fname)) + (desc ? " DESC" : ""));
        }
    std::string sql = "CREATE INDEX " + quote_name(migrations::index_name(index)) + " ON " + quote_name(m.db_table()) +
                      " (" + join(cols, ", ") + ")";
    if (const Value* cond = index.kwarg("condition")) sql += " WHERE " + compile_q(m, *cond);
    return sql;
}

std::vector<std::string> SchemaEditor::model_indexes_sql(const ModelState& m, const ProjectState& state) {
    std::vector<std::string> out;
    for (const auto& f : m.fields) {
        if (f.many_to_many()) continue;
        if (f.flag("db_index") && !f.unique()) {
            std::vector<std::string> cols = {f.column()};
            out.push_back("CREATE INDEX " + quote_name(create_index_name(m.db_table(), cols, "")) + " ON " +
                          quote_name(m.db_table()) + " (" + quote_name(f.column()) + ")");
        }
    }
    if (const Value* it = m.option("index_together"))
        for (const auto& group : it->items) {
            std::vector<std::string> cols, quoted;
            for (const auto& n : group.items) {
                cols.push_back(column_of(m, n.text));
                quoted.push_back(quote_name(cols.back()));
            }
            out.push_back("CREATE INDEX " + quote_name(create_index_name(m.db_table(), cols, "_idx")) + " ON " +
                          quote_name(m.db_table()) + " (" + join(quoted, ", ") + ")");
        }
    if (const Value* idx = m.option("indexes"))
        for (const auto& i : idx->items) out.push_back(index_sql(m, i));
    return out;
}

void SchemaEditor::create_model(const ModelState& m, const ProjectState& state) {
    sql_.push_back(table_sql(m, state, m.db_table()));
    for (auto& s : model_indexes_sql(m, state)) deferred_.push_back(s);
    for (const auto& f : m.fields)
        if (f.many_to_many() && f.get("through").is_none()) create_model(through_model(m, f, state), state);
}

void SchemaEditor::remake_table(const ModelState& m, const std::vector<Field>& fields, const ProjectState& state,
                                const std::vector<std::pair<std::string, std::string>>& copy_columns) {
    // The twelve-step procedure (SQLite docs) as Django's _remake_table runs it.
    ModelState rebuilt = m;
    rebuilt.fields = fields;
    std::string table = m.db_table();
    std::string temp = "new__" + table;
    sql_.push_back(table_sql(rebuilt, state, temp));
    for (auto& s : model_indexes_sql(rebuilt, state)) deferred_.push_back(s);
    std::vector<std::string> to, from;
    for (const auto& [col, expr] : copy_columns) {
        to.push_back(quote_name(col));
        from.push_back(expr);
    }
    sql_.push_back("INSERT INTO " + quote_name(temp) + " (" + join(to, ", ") + ") SELECT " + join(from, ", ") +
                   " FROM " + quote_name(table));
    sql_.push_back("DROP TABLE " + quote_name(table));
    sql_.push_back("ALTER TABLE " + quote_name(temp) + " RENAME TO " + quote_name(table));
    for (auto& s : deferred_) sql_.push_back(s);
    deferred_.clear();
}

std::vector<Field> SchemaEditor::rebuilt_fields(const ModelState& from, const std::vector<Field>& changed,
                                                const std::vector<std::string>& dropped, bool changed_first) const {
    std::vector<Field> autos, kept;
    for (const auto& f : from.fields) {
        if (f.many_to_many() || std::find(dropped.begin(), dropped.end(), f.name) != dropped.end()) continue;
        (f.flag("auto_created") ? autos : kept).push_back(f);
    }
    std::vector<Field> out = autos;
    if (changed_first) out.insert(out.end(), changed.begin(), changed.end());
    out.insert(out.end(), kept.begin(), kept.end());
    if (!changed_first) out.insert(out.end(), changed.begin(), changed.end());
    return out;
}

std::string SchemaEditor::effective_default_sql(const Field& f) const {
    // BaseDatabaseSchemaEditor._effective_default, then quote_value.
    if (f.has_default()) {
        Value d = f.get("default");
        if (d.kind == Value::Kind::kRef) {
            if (d.text == "django.utils.timezone.now") return quote_value(Value::of_str(now_));
            if (d.text == "builtins.dict") return "'{}'";
            if (d.text == "builtins.list") return "'[]'";
            return "NULL";
        }
        if (d.kind == Value::Kind::kDecimal) return "'" + d.text + "'";
        if (f.kind() == FieldKind::kJSON) return quote_value(Value::of_str(py_repr(d)));
        return quote_value(d);
    }
    bool empty_strings_allowed = !(f.is_auto() || f.kind() == FieldKind::kInteger || f.kind() == FieldKind::kBigInteger ||
                                   f.kind() == FieldKind::kSmallInteger || f.kind() == FieldKind::kFloat ||
                                   f.kind() == FieldKind::kDecimal || f.kind() == FieldKind::kBoolean ||
                                   f.kind() == FieldKind::kDate || f.kind() == FieldKind::kDateTime ||
                                   f.kind() == FieldKind::kTime || f.kind() == FieldKind::kDuration ||
                                   f.is_relation() || f.kind() == FieldKind::kPositiveInteger ||
                                   f.kind() == FieldKind::kPositiveSmallInteger ||
                                   f.kind() == FieldKind::kPositiveBigInteger || f.kind() == FieldKind::kNullBoolean ||
                                   f.kind() == FieldKind::kUUID || f.kind() == FieldKind::kJSON ||
                                   f.kind() == FieldKind::kGenericIPAddress);
    if (!f.null() && f.flag("blank") && empty_strings_allowed) return f.kind() == FieldKind::kBinary ? "X''" : "''";
    if (f.flag("auto_now") || f.flag("auto_now_add")) {
        std::string d = now_;
        if (f.kind() == FieldKind::kDate) d = now_.substr(0, 10);
        if (f.kind() == FieldKind::kTime) d = now_.substr(11);
        return quote_value(Value::of_str(d));
    }
    return "NULL";
}

Status SchemaEditor::database_forwards(const Operation& op, const std::string& app, const ProjectState& from,
                                       const ProjectState& to) {
    // Whether this operation is the first to render the project state (see rebuilt_fields).
    bool fresh = !project_rendered_;
    switch (op.kind) {
        case OpKind::kDeleteModel: case OpKind::kRemoveField: case OpKind::kRunSQL: case OpKind::kRunPython:
        case OpKind::kRemoveIndex: case OpKind::kRemoveConstraint:
            break;  // these render only the old state
        default: project_rendered_ = true;
    }
    auto identity_copy = [](const ModelState& m) {
        std::vector<std::pair<std::string, std::string>> cols;
        for (const auto& f : m.fields)
            if (!f.many_to_many()) cols.emplace_back(f.column(), quote_name(f.column()));
        return cols;
    };
    auto concrete = [](const ModelState& m) {
        std::vector<Field> out;
        for (const auto& f : m.fields)
            if (!f.many_to_many()) out.push_back(f);
        return out;
    };
    switch (op.kind) {
        case OpKind::kCreateModel: {
            const ModelState* m = to.get(app, op.model);
            if (m) create_model(*m, to);
            return Status::Ok();
        }
        case OpKind::kDeleteModel: {
            const ModelState* m = from.get(app, op.model);
            if (!m) return Status::Ok();
            for (const auto& f : m->fields)
                if (f.many_to_many() && f.get("through").is_none())
                    sql_.push_back("DROP TABLE " + quote_name(through_model(*m, f, from).db_table()));
            sql_.push_back("DROP TABLE " + quote_name(m->db_table()));
            return Status::Ok();
        }
        case OpKind::kAddIndex: {
            const ModelState* m = to.get(app, op.model);
            if (m) sql_.push_back(index_sql(*m, op.value));
            return Status::Ok();
        }
        case OpKind::kRemoveIndex:
            sql_.push_back("DROP INDEX " + quote_name(op.name));
            return Status::Ok();
        case OpKind::kAddConstraint: case OpKind::kRemoveConstraint: {
            const ModelState* m = to.get(app, op.model);
            if (!m) return Status::Ok();
            const Value& c = op.value;
            if (op.kind == OpKind::kRemoveConstraint && c.text == "django.db.models.UniqueConstraint" &&
                c.kwarg("condition")) {
                sql_.push_back("DROP INDEX " + quote_name(migrations::index_name(c)));
                return Status::Ok();
            }
            if (op.kind == OpKind::kAddConstraint && c.text == "django.db.models.UniqueConstraint" &&
                c.kwarg("condition")) {
                std::vector<std::string> cols;
                if (const Value* fields = c.kwarg("fields"))
                    for (const auto& n : fields->items) cols.push_back(quote_name(column_of(*m, n.text)));
                sql_.push_back("CREATE UNIQUE INDEX " + quote_name(migrations::index_name(c)) + " ON " +
                               quote_name(m->db_table()) + " (" + join(cols, ", ") + ") WHERE " +
                               compile_q(*m, *c.kwarg("condition")));
                return Status::Ok();
            }
            remake_table(*m, concrete(*m), to, identity_copy(*m));
            return Status::Ok();
        }
        case OpKind::kAddField: {
            const ModelState* m = to.get(app, op.model);
            const ModelState* old = from.get(app, op.model);
            if (!m || !old) return Status::Ok();
            const Field* f = m->field(op.name);
            if (!f) return Status::Ok();
            if (f->many_to_many()) {
                // sqlite3 schema editor add_field: an auto-created through table is created;
                // a many-to-many with an explicit through model still rebuilds the table.
                if (f->get("through").is_none()) create_model(through_model(*m, *f, to), to);
                else remake_table(*m, concrete(*old), to, identity_copy(*old));
                return Status::Ok();
            }
            // The field as the operation holds it (a one-off default is still present).
            Field nf = op.field;
            nf.name = op.name;
            nf.remote_label = f->remote_label;
            auto cols = identity_copy(*old);
            cols.emplace_back(nf.column(), effective_default_sql(nf));
            remake_table(*m, rebuilt_fields(*old, {*f}, {}, fresh), to, cols);
            return Status::Ok();
        }
        case OpKind::kRemoveField: {
            const ModelState* old = from.get(app, op.model);
            const ModelState* m = to.get(app, op.model);
            if (!m || !old) return Status::Ok();
            const Field* of = old->field(op.name);
            if (!of) return Status::Ok();
            if (of->many_to_many()) {
                if (of->get("through").is_none())
                    sql_.push_back("DROP TABLE " + quote_name(through_model(*old, *of, from).db_table()));
                return Status::Ok();
            }
            std::vector<std::pair<std::string, std::string>> cols;
            for (const auto& x : old->fields)
                if (!x.many_to_many() && x.name != op.name) cols.emplace_back(x.column(), quote_name(x.column()));
            remake_table(*m, rebuilt_fields(*old, {}, {op.name}, fresh), to, cols);
            return Status::Ok();
        }
        case OpKind::kAlterField: case OpKind::kRenameField: {
            const ModelState* m = to.get(app, op.model);
            const ModelState* old = from.get(app, op.model);
            if (!m || !old) return Status::Ok();
            const Field* of = old->field(op.name);
            const Field* nf = m->field(op.kind == OpKind::kRenameField ? op.new_name : op.name);
            if (!of || !nf) return Status::Ok();
            if (of->many_to_many() || nf->many_to_many()) return Status::Ok();
            if (op.kind == OpKind::kRenameField) {
                if (of->column() != nf->column())
                    sql_.push_back("ALTER TABLE " + quote_name(m->db_table()) + " RENAME COLUMN " +
                                   quote_name(of->column()) + " TO " + quote_name(nf->column()));
                return Status::Ok();
            }
            // _field_should_be_altered: skip when only attributes the database never sees changed.
            {
                static const std::set<std::string> non_db = {
                    "blank", "choices", "db_column", "editable", "error_messages", "help_text", "limit_choices_to",
                    "on_delete", "related_name", "related_query_name", "validators", "verbose_name"};
                auto strip = [&](const Field& f) {
                    models::Deconstructed d = models::deconstruct(f);
                    Kwargs kept;
                    for (auto& kv : d.kwargs)
                        if (!non_db.count(kv.first)) kept.push_back(kv);
                    d.kwargs = kept;
                    return d;
                };
                Field opf = op.field;
                opf.name = op.name;
                opf.remote_label = nf->remote_label;
                if (of->column() == nf->column() && strip(*of) == strip(opf)) return Status::Ok();
            }
            std::vector<std::pair<std::string, std::string>> cols;
            for (const auto& x : old->fields)
                if (!x.many_to_many() && x.name != op.name) cols.emplace_back(x.column(), quote_name(x.column()));
            std::string expr = quote_name(of->column());
            if (of->null() && !nf->null()) {
                Field with_default = op.field;
                with_default.name = op.name;
                expr = "coalesce(" + expr + ", " + effective_default_sql(with_default) + ")";
            }
            cols.emplace_back(nf->column(), expr);
            remake_table(*m, rebuilt_fields(*old, {*nf}, {op.name}, fresh), to, cols);
            return Status::Ok();
        }
        case OpKind::kAlterUniqueTogether: case OpKind::kAlterIndexTogether: {
            const ModelState* m = to.get(app, op.model);
            const ModelState* old = from.get(app, op.model);
            if (!m) return Status::Ok();
            bool unique = op.kind == OpKind::kAlterUniqueTogether;
            const char* key = unique ? "unique_together" : "index_together";
            auto groups_of = [&](const ModelState* s) {
                std::vector<std::vector<std::string>> out;
                if (!s) return out;
                if (const Value* v = s->option(key))
                    for (const auto& g : v->items) {
                        std::vector<std::string> names;
                        for (const auto& n : g.items) names.push_back(n.text);
                        out.push_back(names);
                    }
                return out;
            };
            auto olds = groups_of(old), news = groups_of(m);
            for (const auto& g : olds)
                if (std::find(news.begin(), news.end(), g) == news.end()) {
                    std::vector<std::string> cols;
                    for (const auto& n : g) cols.push_back(column_of(*old, n));
                    sql_.push_back("DROP INDEX " + quote_name(create_index_name(old->db_table(), cols, unique ? "_uniq" : "_idx")));
                }
            for (const auto& g : news) {
                if (std::find(olds.begin(), olds.end(), g) != olds.end()) continue;
                std::vector<std::string> cols, quoted;
                for (const auto& n : g) {
                    cols.push_back(column_of(*m, n));
                    quoted.push_back(quote_name(cols.back()));
                }
                sql_.push_back(std::string(unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
                               quote_name(create_index_name(m->db_table(), cols, unique ? "_uniq" : "_idx")) +
                               " ON " + quote_name(m->db_table()) + " (" + join(quoted, ", ") + ")");
            }
            return Status::Ok();
        }
        case OpKind::kAlterModelTable: {
            const ModelState* m = to.get(app, op.model);
            const ModelState* old = from.get(app, op.model);
            if (m && old && m->db_table() != old->db_table())
                sql_.push_back("ALTER TABLE " + quote_name(old->db_table()) + " RENAME TO " + quote_name(m->db_table()));
            return Status::Ok();
        }
        case OpKind::kRenameModel: {
            const ModelState* m = to.get(app, op.new_name);
            const ModelState* old = from.get(app, op.name);
            if (!m || !old) return Status::Ok();
            if (m->db_table() != old->db_table())
                sql_.push_back("ALTER TABLE " + quote_name(old->db_table()) + " RENAME TO " + quote_name(m->db_table()));
            // RenameModel.database_forwards: fields pointing at the model are altered to the
            // new table (on SQLite, a rebuild of each referencing table).
            for (const auto& other : to.models) {
                for (const auto& f : other.fields) {
                    if (!f.is_fk() || models::lower(f.remote_label) != models::lower(m->label())) continue;
                    const ModelState* other_old = from.get(other.app_label, other.name == m->name ? op.name : other.name);
                    if (!other_old) continue;
                    std::vector<std::pair<std::string, std::string>> cols;
                    for (const auto& x : other_old->fields)
                        if (!x.many_to_many() && x.name != f.name) cols.emplace_back(x.column(), quote_name(x.column()));
                    cols.emplace_back(f.column(), quote_name(f.column()));
                    remake_table(other, rebuilt_fields(*other_old, {f}, {f.name}, fresh), to, cols);
                }
            }
            return Status::Ok();
        }
        case OpKind::kRunSQL: sql_.push_back(op.sql); return Status::Ok();
        default: return Status::Ok();
    }
}

void SchemaEditor::finish() {
    for (auto& s : deferred_) sql_.push_back(s);
    deferred_.clear();
}

}  // namespace gramlab::backends::sqlite

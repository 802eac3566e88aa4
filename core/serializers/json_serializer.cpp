// Fixture loading and dumping in Django's JSON format (see json.hpp). Values are converted
// the way Django's fields convert them for SQLite (to_python → get_db_prep_save) and back
// (from_db_value → value_to_string → DjangoJSONEncoder).
#include "core/serializers/json_serializer.hpp"

#include <cstdio>
#include <cstdlib>
#include <set>

#include <nlohmann/json.hpp>

#include "core/models/related.hpp"
#include "core/backends/sqlite/decimal_values.hpp"
#include "core/shell/set_order.hpp"

namespace gramlab::serializers {

using json = nlohmann::ordered_json;
using models::Field;
using models::FieldKind;
using models::ModelDef;

namespace {

// ---------------------------------------------------------------- dates

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int& y, int& m, int& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yy + (m <= 2));
}

// django.utils.dateparse.parse_datetime, then made naive in UTC (USE_TZ=True):
// "2024-01-10T09:30:00+09:00" → "2024-01-10 00:30:00".
std::optional<std::string> datetime_to_db(const std::string& s) {
    int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3) return std::nullopt;
    size_t pos = static_cast<size_t>(n);
    std::string micro;
    int offset_min = 0;
    if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
        int m2 = 0;
        if (std::sscanf(s.c_str() + pos + 1, "%2d:%2d%n", &h, &mi, &m2) != 2) return std::nullopt;
        pos += 1 + static_cast<size_t>(m2);
        if (pos < s.size() && s[pos] == ':') {
            int m3 = 0;
            if (std::sscanf(s.c_str() + pos + 1, "%2d%n", &sec, &m3) != 1) return std::nullopt;
            pos += 1 + static_cast<size_t>(m3);
            if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
                ++pos;
                while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) && micro.size() < 6) micro += s[pos++];
                while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
                while (micro.size() < 6) micro += '0';
            }
        }
        if (pos < s.size()) {
            if (s[pos] == 'Z') {
                ++pos;
            } else if (s[pos] == '+' || s[pos] == '-') {
                int oh = 0, om = 0, m4 = 0;
                if (std::sscanf(s.c_str() + pos + 1, "%2d%n", &oh, &m4) != 1) return std::nullopt;
                size_t p2 = pos + 1 + static_cast<size_t>(m4);
                if (p2 < s.size() && s[p2] == ':') ++p2;
                int m5 = 0;
                if (p2 < s.size() && std::sscanf(s.c_str() + p2, "%2d%n", &om, &m5) == 1) p2 += static_cast<size_t>(m5);
                offset_min = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
                pos = p2;
            }
        }
    }
    if (pos != s.size() || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return std::nullopt;
    int64_t t = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 +
                sec - offset_min * 60;
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t rem = t - days * 86400;
    civil_from_days(days, y, mo, d);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, static_cast<int>(rem / 3600),
                  static_cast<int>(rem % 3600 / 60), static_cast<int>(rem % 60));
    std::string out = buf;
    if (!micro.empty() && micro != "000000") out += "." + micro;
    return out;
}

// DjangoJSONEncoder for a stored datetime: "2024-01-10 09:30:00.123456" → "2024-01-10T09:30:00.123Z".
std::string datetime_to_json(const std::string& db) {
    std::string s = db;
    if (s.size() >= 19 && s[10] == ' ') s[10] = 'T';
    if (s.size() > 19 && s[19] == '.') s = s.substr(0, 23);  // milliseconds only
    return s + "Z";
}

// ---------------------------------------------------------------- Python's json.dumps

void write_json(const json& v, int indent, int depth, std::string& out) {
    auto newline = [&](int d) {
        if (indent < 0) return;
        out += '\n';
        out.append(static_cast<size_t>(indent * d), ' ');
    };
    if (v.is_object()) {
        if (v.empty()) {
            out += "{}";
            return;
        }
        out += '{';
        bool first = true;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!first) out += indent < 0 ? ", " : ",";
            first = false;
            newline(depth + 1);
            out += json(it.key()).dump(-1, ' ', false);
            out += ": ";
            write_json(it.value(), indent, depth + 1, out);
        }
        newline(depth);
        out += '}';
    } else if (v.is_array()) {
        if (v.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        bool first = true;
        for (const auto& x : v) {
            if (!first) out += indent < 0 ? ", " : ",";
            first = false;
            newline(depth + 1);
            write_json(x, indent, depth + 1, out);
        }
        newline(depth);
        out += ']';
    } else if (v.is_number_float()) {
        out += py_repr_float(v.get<double>());
    } else {
        out += v.dump(-1, ' ', false, json::error_handler_t::replace);
    }
}

// ---------------------------------------------------------------- values

bool empty_strings_allowed(const Field& f) {
    switch (f.kind()) {
        case FieldKind::kChar: case FieldKind::kText: case FieldKind::kEmail: case FieldKind::kURL:
        case FieldKind::kSlug: case FieldKind::kFilePath: case FieldKind::kFile: case FieldKind::kImage:
        case FieldKind::kBinary:
            return true;
        default: return false;
    }
}

Error problem(const std::string& fixture, const std::string& msg) {
    return Error::make("CommandError", "Problem installing fixture '" + fixture + "': " + msg);
}

// Field.to_python + get_db_prep_save for SQLite.
Result<Value> to_db(const Field& f, const json& v, const std::string& fixture, const std::string& where) {
    auto invalid = [&](const std::string& why) -> Error {
        return problem(fixture, "[\"" + why + "\"]: (" + where + ") field_value was '" + v.dump() + "'");
    };
    if (v.is_null()) return Value::none();
    switch (f.kind()) {
        case FieldKind::kBoolean: case FieldKind::kNullBoolean:
            if (v.is_boolean()) return Value::of_bool(v.get<bool>());
            if (v.is_number_integer() && (v.get<int64_t>() == 0 || v.get<int64_t>() == 1)) return Value::of_bool(v.get<int64_t>() == 1);
            if (v.is_string()) {
                std::string s = v.get<std::string>();
                if (s == "t" || s == "True" || s == "1") return Value::of_bool(true);
                if (s == "f" || s == "False" || s == "0") return Value::of_bool(false);
            }
            return invalid("“" + v.dump() + "” value must be either True or False.");
        case FieldKind::kInteger: case FieldKind::kBigInteger: case FieldKind::kSmallInteger:
        case FieldKind::kPositiveInteger: case FieldKind::kPositiveSmallInteger: case FieldKind::kPositiveBigInteger:
        case FieldKind::kAuto: case FieldKind::kBigAuto: case FieldKind::kSmallAuto: case FieldKind::kForeignKey:
        case FieldKind::kOneToOne: case FieldKind::kDuration:
            if (v.is_number_integer()) return Value::of_int(v.get<int64_t>());
            if (v.is_string()) {
                std::string s = v.get<std::string>();
                char* end = nullptr;
                long long n = std::strtoll(s.c_str(), &end, 10);
                if (!s.empty() && *end == '\0') return Value::of_int(n);
            }
            return invalid("“" + (v.is_string() ? v.get<std::string>() : v.dump()) + "” value must be an integer.");
        case FieldKind::kFloat:
            if (v.is_number()) return Value::of_float(v.get<double>());
            return invalid("“" + v.dump() + "” value must be a float.");
        case FieldKind::kDecimal: {
            // to_python (a float through create_decimal_from_float under max_digits), then
            // format_number: rounded to decimal_places, InvalidOperation past max_digits.
            namespace dec = shell::decimal;
            dec::Context ctx;
            if (auto digits = f.get("max_digits").as_int()) ctx.prec = *digits;
            dec::Number n;
            if (v.is_number_float()) {
                n = dec::round_to_context(dec::from_double(v.get<double>()), ctx);
            } else if (v.is_number_integer()) {
                n = dec::from_int(v.get<int64_t>());
            } else {
                std::string s = v.is_string() ? v.get<std::string>() : v.dump();
                if (!v.is_string() || !dec::parse(s, n)) return invalid("“" + s + "” value must be a decimal number.");
            }
            dec::Context saving;
            std::string text = backends::sqlite::format_number(n, f, saving);
            if ((ctx.flags | saving.flags) & (dec::kInvalidOperation | dec::kConversionSyntax))
                return problem(fixture, "[<class 'decimal.InvalidOperation'>]");
            return Value::of_str(text);
        }
        case FieldKind::kDateTime: {
            if (!v.is_string()) return invalid("“" + v.dump() + "” value has an invalid format.");
            auto d = datetime_to_db(v.get<std::string>());
            if (!d)
                return invalid("“" + v.get<std::string>() +
                               "” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.");
            return Value::of_str(*d);
        }
        case FieldKind::kDate: case FieldKind::kTime:
            if (!v.is_string()) return invalid("“" + v.dump() + "” value has an invalid date format.");
            return Value::of_str(v.get<std::string>());
        case FieldKind::kJSON: return Value::of_str(v.dump(-1, ' ', false));
        case FieldKind::kUUID: {
            std::string s = v.is_string() ? v.get<std::string>() : v.dump(), hex;
            for (char c : s)
                if (c != '-') hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (hex.size() != 32) return invalid("“" + s + "” is not a valid UUID.");
            return Value::of_str(hex);
        }
        default:
            if (v.is_string()) return Value::of_str(v.get<std::string>());
            return Value::of_str(v.dump(-1, ' ', false));
    }
}

// from_db_value + value_to_string, as dumpdata writes it.
json to_json(const Field& f, const Value& v) {
    if (v.is_none()) return nullptr;
    switch (f.kind()) {
        case FieldKind::kBoolean: case FieldKind::kNullBoolean: return v.truthy();
        case FieldKind::kDateTime: return datetime_to_json(v.text);
        case FieldKind::kDecimal: {
            // The SQLite converter (Context(prec=15).create_decimal_from_float, quantized to
            // decimal_places), then str(): "1200.00".
            namespace dec = shell::decimal;
            dec::Number n;
            dec::Context ctx;
            if (!backends::sqlite::decimal_from_db(v, &f, true, n, ctx)) return v.text;
            // More digits than max_digits: Django's converter raises; the value as SQLite has it.
            if (ctx.flags & dec::kInvalidOperation) backends::sqlite::decimal_from_db(v, &f, false, n, ctx);
            return dec::to_sci_string(n);
        }
        case FieldKind::kFloat: return v.kind == Value::Kind::kFloat ? json(v.number) : json(std::atof(v.text.c_str()));
        case FieldKind::kJSON: {
            json parsed = json::parse(v.text, nullptr, false);
            return parsed.is_discarded() ? json(v.text) : parsed;
        }
        case FieldKind::kUUID:
            if (v.text.size() == 32)
                return v.text.substr(0, 8) + "-" + v.text.substr(8, 4) + "-" + v.text.substr(12, 4) + "-" +
                       v.text.substr(16, 4) + "-" + v.text.substr(20);
            return v.text;
        default:
            if (auto n = v.as_int(); n && v.kind == Value::Kind::kInt) return *n;
            if (v.kind == Value::Kind::kFloat) return v.number;
            return v.text;
    }
}

// Model(**data) for fields the fixture leaves out: Field.get_default().
Value missing_default(const Field& f) {
    if (f.has_default()) {
        Value d = f.get("default");
        if (d.kind == Value::Kind::kRef) return Value::none();
        if (d.kind == Value::Kind::kDecimal) return Value::of_str(d.text);
        return d;
    }
    if (!empty_strings_allowed(f) || f.null()) return Value::none();
    return Value::of_str("");
}

std::string quote(const std::string& n) { return "\"" + n + "\""; }

}  // namespace

Result<size_t> load_fixtures(db::Connection& conn, const models::Apps& apps, const std::vector<Fixture>& fixtures) {
    size_t count = 0;
    std::set<std::string> tables;
    GRAMLAB_TRY(conn.execute("BEGIN"));
    GRAMLAB_TRY(conn.execute("PRAGMA defer_foreign_keys = ON"));
    auto fail = [&](Error e) -> Result<size_t> {
        (void)conn.execute("ROLLBACK");
        return e;
    };
    for (const auto& fx : fixtures) {
        json doc = json::parse(fx.text, nullptr, false);
        if (doc.is_discarded())
            return fail(problem(fx.name, "DeserializationError: the fixture is not valid JSON"));
        if (!doc.is_array()) return fail(problem(fx.name, "a fixture is a JSON list of objects"));
        for (const auto& obj : doc) {
            if (!obj.is_object() || !obj.contains("model") || !obj["model"].is_string())
                return fail(problem(fx.name, "Model identifier missing"));
            std::string label = obj["model"].get<std::string>();
            const ModelDef* m = apps.get_model(label);
            if (!m || m->abstract) return fail(problem(fx.name, "Invalid model identifier: '" + label + "'"));
            const Field* pk = m->pk();
            json fields = obj.contains("fields") && obj["fields"].is_object() ? obj["fields"] : json::object();
            for (auto it = fields.begin(); it != fields.end(); ++it)
                if (!m->field(it.key()))
                    return fail(problem(fx.name, m->name + " has no field named '" + it.key() + "'"));
            std::vector<std::string> cols;
            std::vector<Value> vals;
            Value pk_value;
            if (obj.contains("pk") && !obj["pk"].is_null()) {
                auto v = to_db(*pk, obj["pk"], fx.name, label + ":pk=" + obj["pk"].dump());
                if (!v.ok()) return fail(v.take_error());
                pk_value = v.value();
            }
            std::string where = label + ":pk=" + (obj.contains("pk") ? obj["pk"].dump() : std::string("None"));
            for (const Field* f : m->local_fields()) {
                if (f->primary_key()) continue;
                Value v;
                if (fields.contains(f->name)) {
                    auto r = to_db(*f, fields[f->name], fx.name, where);
                    if (!r.ok()) return fail(r.take_error());
                    v = r.value();
                } else {
                    v = missing_default(*f);
                }
                cols.push_back(f->column());
                vals.push_back(v);
            }
            // Model.save_base(raw=True): UPDATE by pk, INSERT when no row was updated.
            bool updated = false;
            if (!pk_value.is_none() && !cols.empty()) {
                std::string sql = "UPDATE " + quote(m->db_table()) + " SET ";
                for (size_t i = 0; i < cols.size(); ++i) sql += (i ? ", " : "") + quote(cols[i]) + " = ?";
                sql += " WHERE " + quote(pk->column()) + " = ?";
                std::vector<Value> params = vals;
                params.push_back(pk_value);
                Status st = conn.execute(sql, params);
                if (!st.ok()) return fail(problem(fx.name, st.error().to_string()));
                auto changed = conn.query("SELECT changes()");
                updated = changed.ok() && !changed.value().empty() && changed.value()[0][0].as_int().value_or(0) > 0;
            }
            if (!updated) {
                std::vector<std::string> icols = cols;
                std::vector<Value> ivals = vals;
                if (!pk_value.is_none()) {
                    icols.insert(icols.begin(), pk->column());
                    ivals.insert(ivals.begin(), pk_value);
                }
                std::string sql = "INSERT INTO " + quote(m->db_table()) + " (";
                for (size_t i = 0; i < icols.size(); ++i) sql += (i ? ", " : "") + quote(icols[i]);
                sql += ") VALUES (";
                for (size_t i = 0; i < icols.size(); ++i) sql += i ? ", ?" : "?";
                sql += ")";
                Status st = conn.execute(sql, ivals);
                if (!st.ok())
                    return fail(problem(fx.name, "Could not load " + label + "(pk=" + py_repr(pk_value) +
                                                     "): " + st.error().message));
                if (pk_value.is_none()) {
                    auto id = conn.query("SELECT last_insert_rowid()");
                    if (id.ok() && !id.value().empty()) pk_value = id.value()[0][0];
                }
            }
            // Many-to-many values replace the object's relations.
            for (const Field* f : m->local_many_to_many()) {
                if (!fields.contains(f->name) || !f->get("through").is_none()) continue;
                const ModelDef* target = apps.get_model(f->remote_label);
                if (!target) continue;
                Value dbt = f->get("db_table");
                std::string table = dbt.is_str() ? dbt.text : m->db_table() + "_" + f->name;
                std::string from_col = m->model_name() + "_id", to_col = target->model_name() + "_id";
                if (target == m) {
                    from_col = "from_" + from_col;
                    to_col = "to_" + to_col;
                }
                if (!fields[f->name].is_array())
                    return fail(problem(fx.name, f->name + " must be a list of primary keys"));
                // DeserializedObject.save(): getattr(obj, name).set(ids), which keeps the rows that
                // stay, deletes the others and adds the missing ones with INSERT OR IGNORE in
                // Python's set order (both directions for a symmetrical relation to self).
                const bool symmetrical = target == m && models::is_symmetrical(*f, *m);
                auto old = conn.query("SELECT " + quote(to_col) + " FROM " + quote(table) + " WHERE " + quote(from_col) + " = ?",
                                      {pk_value});
                if (!old.ok()) return fail(old.take_error());
                std::vector<Value> old_ids;
                for (const auto& r : old.value()) old_ids.push_back(r[0]);
                std::vector<Value> new_ids;
                for (const auto& rel : fields[f->name]) {
                    auto rv = to_db(*target->pk(), rel, fx.name, where);
                    if (!rv.ok()) return fail(rv.take_error());
                    auto it = std::find(old_ids.begin(), old_ids.end(), rv.value());
                    if (it != old_ids.end()) old_ids.erase(it);
                    else if (std::find(new_ids.begin(), new_ids.end(), rv.value()) == new_ids.end()) new_ids.push_back(rv.value());
                }
                for (const auto& gone : old_ids) {
                    std::string sql = "DELETE FROM " + quote(table) + " WHERE " + quote(from_col) + " = ? AND " + quote(to_col) + " = ?";
                    GRAMLAB_TRY(conn.execute(sql, {pk_value, gone}));
                    if (symmetrical) GRAMLAB_TRY(conn.execute(sql, {gone, pk_value}));
                }
                shell::IntSetOrder order;
                bool all_int = true;
                for (const auto& v : new_ids) {
                    if (auto n = v.is_int() ? v.as_int() : std::nullopt) order.add(*n);
                    else all_int = false;
                }
                if (all_int) {
                    new_ids.clear();
                    for (int64_t n : order.items()) new_ids.push_back(Value::of_int(n));
                }
                for (int pass = 0; pass < (symmetrical ? 2 : 1); ++pass)
                    for (const auto& id : new_ids) {
                        Status st = conn.execute("INSERT OR IGNORE INTO " + quote(table) + " (" + quote(from_col) + ", " +
                                                     quote(to_col) + ") VALUES (?, ?)",
                                                 pass == 0 ? std::vector<Value>{pk_value, id} : std::vector<Value>{id, pk_value});
                        if (!st.ok()) return fail(problem(fx.name, st.error().to_string()));
                    }
                tables.insert(table);
            }
            tables.insert(m->db_table());
            ++count;
        }
    }
    // connection.check_constraints(table_names): dangling foreign keys fail the load.
    for (const auto& t : tables) {
        auto rows = conn.query("PRAGMA foreign_key_check(" + quote(t) + ")");
        if (!rows.ok()) return fail(rows.take_error());
        for (const auto& r : rows.value()) {
            std::string parent = r.size() > 2 ? r[2].text : "?";
            auto id = r.size() > 1 ? r[1] : Value();
            return fail(Error::make("IntegrityError", "Problem installing fixtures: The row in table '" + t +
                                                          "' with primary key '" + py_repr(id) +
                                                          "' has an invalid foreign key to table '" + parent + "'."));
        }
    }
    Status commit = conn.execute("COMMIT");
    if (!commit.ok()) return fail(commit.take_error());
    return count;
}

Result<std::string> dump_data(db::Connection& conn, const models::Apps& apps, const std::vector<const ModelDef*>& list,
                              int indent, const std::map<const ModelDef*, orm::ManagerRows>* visible) {
    // The default manager's rows of `m`: null when that is every row.
    auto rows_of = [visible](const ModelDef* m) -> const orm::ManagerRows* {
        if (!visible) return nullptr;
        auto it = visible->find(m);
        return it == visible->end() || it->second.all ? nullptr : &it->second;
    };
    // " AND/WHERE <table>.<pk> IN (<manager's pk subquery>)", its parameters appended.
    auto restrict_to = [&](const ModelDef* m, const char* keyword, std::vector<Value>& params) -> std::string {
        const orm::ManagerRows* r = rows_of(m);
        if (!r) return "";
        if (r->none) return std::string(" ") + keyword + " 0";
        params.insert(params.end(), r->params.begin(), r->params.end());
        return std::string(" ") + keyword + " " + quote(m->db_table()) + "." + quote(m->pk()->column()) + " IN (" + r->sql + ")";
    };
    json all = json::array();
    for (const ModelDef* m : list) {
        std::vector<const Field*> fields = m->local_fields();
        const Field* pk = m->pk();
        std::string sql = "SELECT ";
        for (size_t i = 0; i < fields.size(); ++i) sql += (i ? ", " : "") + quote(fields[i]->column());
        std::vector<Value> row_params;
        sql += " FROM " + quote(m->db_table()) + restrict_to(m, "WHERE", row_params) + " ORDER BY " + quote(pk->column()) + " ASC";
        auto rows = conn.query(sql, row_params);
        if (!rows.ok()) return rows.take_error();
        for (const auto& r : rows.value()) {
            json obj;
            obj["model"] = m->label_lower();
            json f = json::object();
            Value pk_value;
            for (size_t i = 0; i < fields.size(); ++i) {
                if (fields[i]->primary_key()) {
                    pk_value = r[i];
                    obj["pk"] = to_json(*fields[i], r[i]);
                    continue;
                }
                f[fields[i]->name] = to_json(*fields[i], r[i]);
            }
            for (const Field* mf : m->local_many_to_many()) {
                if (!mf->get("through").is_none()) continue;
                const ModelDef* target = apps.get_model(mf->remote_label);
                if (!target) continue;
                Value dbt = mf->get("db_table");
                std::string table = dbt.is_str() ? dbt.text : m->db_table() + "_" + mf->name;
                std::string from_col = m->model_name() + "_id", to_col = target->model_name() + "_id";
                if (target == m) {
                    from_col = "from_" + from_col;
                    to_col = "to_" + to_col;
                }
                // handle_m2m_field iterates getattr(obj, name): the target's Meta.ordering
                // applies; without it SQLite reads the (from, to) unique index, i.e. by target id.
                std::string order_sql = " ORDER BY " + quote(table) + "." + quote(to_col);
                if (const Value* ord = target->meta_option("ordering"); ord && !ord->items.empty()) {
                    std::string parts;
                    bool simple = true;
                    for (const auto& item : ord->items) {
                        std::string name = item.is_str() ? item.text : std::string();
                        bool desc = !name.empty() && name[0] == '-';
                        if (desc) name = name.substr(1);
                        const Field* of = name == "pk" ? target->pk() : target->field(name);
                        if (!of || of->is_relation() || name.find("__") != std::string::npos) {
                            simple = false;
                            break;
                        }
                        parts += (parts.empty() ? "" : ", ") + quote(target->db_table()) + "." + quote(of->column()) +
                                 (desc ? " DESC" : " ASC");
                    }
                    if (simple) order_sql = " ORDER BY " + parts + ", " + quote(table) + "." + quote(to_col);
                }
                std::vector<Value> rel_params = {pk_value};
                const std::string target_rows = restrict_to(target, "AND", rel_params);
                auto rel = conn.query("SELECT " + quote(table) + "." + quote(to_col) + " FROM " + quote(table) +
                                          " INNER JOIN " + quote(target->db_table()) + " ON (" + quote(target->db_table()) +
                                          "." + quote(target->pk()->column()) + " = " + quote(table) + "." + quote(to_col) +
                                          ") WHERE " + quote(table) + "." + quote(from_col) + " = ?" + target_rows + order_sql,
                                      rel_params);
                if (!rel.ok()) return rel.take_error();
                json ids = json::array();
                for (const auto& x : rel.value()) ids.push_back(to_json(*target->pk(), x[0]));
                f[mf->name] = ids;
            }
            obj["fields"] = f;
            all.push_back(obj);
        }
    }
    // json.Serializer: "[", objects joined by "," (", " without an indent), "]"; a truthy
    // indent adds the newlines (indent=0 is falsy there, but json.dump still breaks lines).
    bool indent_truthy = indent > 0;
    std::string out = "[";
    bool first = true;
    for (const auto& o : all) {
        if (!first) out += indent_truthy ? "," : ", ";
        first = false;
        if (indent_truthy) out += "\n";
        write_json(o, indent, 0, out);
    }
    if (indent_truthy) out += "\n";
    out += "]";
    if (indent_truthy) out += "\n";
    return out;
}

}  // namespace gramlab::serializers

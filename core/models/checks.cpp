// The system checks themselves. Each function names the Django method it reproduces;
// messages are copied from Django 3.2 so graders and learners see the same text.
#include "core/models/checks.hpp"

#include <algorithm>
#include <set>

#include "core/models/related.hpp"

namespace gramlab::models {

namespace {

using Messages = std::vector<CheckMessage>;

CheckMessage err(const std::string& id, std::string msg, const std::string& obj, std::string hint = "",
                 CheckLevel level = CheckLevel::kError) {
    CheckMessage m;
    m.level = level;
    m.id = id;
    m.msg = std::move(msg);
    m.obj = obj;
    m.hint = std::move(hint);
    return m;
}

bool is_identifier(const std::string& s) {
    if (s.empty()) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        bool ok = c == '_' || std::isalpha(c) || c >= 0x80 || (i > 0 && std::isdigit(c));
        if (!ok) return false;
    }
    static const std::set<std::string> keywords = {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
        "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"};
    return !keywords.count(s);
}

bool is_choice_value(const Value& v) {
    // Field._choices_is_value: a str or anything that is not iterable.
    return v.is_str() || !(v.is_sequence() || v.kind == Value::Kind::kDict || v.kind == Value::Kind::kSet ||
                           v.kind == Value::Kind::kBytes);
}

// Field._check_choices
void check_choices(const Field& f, const std::string& obj, Messages& out) {
    Value choices = f.get("choices");
    if (!choices.truthy()) return;
    bool iterable = choices.is_sequence() || choices.kind == Value::Kind::kDict || choices.kind == Value::Kind::kSet;
    if (!iterable) {
        out.push_back(err("fields.E004", "'choices' must be an iterable (e.g., a list or tuple).", obj));
        return;
    }
    auto max_len = f.max_length();
    int64_t choice_max = 0;
    auto utf8_len = [](const std::string& s) {
        int64_t n = 0;
        for (unsigned char c : s)
            if ((c & 0xC0) != 0x80) ++n;
        return n;
    };
    for (const auto& group : choices.items) {
        if (group.is_str() || !group.is_sequence() || group.items.size() != 2) {
            out.push_back(err("fields.E005",
                              "'choices' must be an iterable containing (actual value, human readable name) tuples.",
                              obj));
            return;
        }
        const Value& name = group.items[0];
        const Value& inner = group.items[1];
        if (inner.is_sequence()) {
            // Named group: [group_name, [(value, display), ...]]
            for (const auto& pair : inner.items) {
                if (!pair.is_sequence() || pair.items.size() != 2 || !is_choice_value(pair.items[0]) ||
                    !is_choice_value(pair.items[1])) {
                    out.push_back(err("fields.E005",
                                      "'choices' must be an iterable containing (actual value, human readable name) "
                                      "tuples.",
                                      obj));
                    return;
                }
                if (max_len && pair.items[0].is_str()) choice_max = std::max(choice_max, utf8_len(pair.items[0].text));
            }
        } else {
            if (!is_choice_value(name) || !is_choice_value(inner)) {
                out.push_back(err("fields.E005",
                                  "'choices' must be an iterable containing (actual value, human readable name) "
                                  "tuples.",
                                  obj));
                return;
            }
            if (max_len && name.is_str()) choice_max = std::max(choice_max, utf8_len(name.text));
        }
    }
    if (max_len && choice_max > *max_len)
        out.push_back(err("fields.E009",
                          "'max_length' is too small to fit the longest value in 'choices' (" +
                              std::to_string(choice_max) + " characters).",
                          obj));
}

// Field.check and the subclasses' additions.
void check_field(const Apps& apps, const ModelDef& m, const Field& f, Messages& out) {
    std::string obj = m.label() + "." + f.name;
    // _check_field_name
    if (!f.name.empty() && f.name.back() == '_')
        out.push_back(err("fields.E001", "Field names must not end with an underscore.", obj));
    else if (f.name.find("__") != std::string::npos)
        out.push_back(err("fields.E002", "Field names must not contain \"__\".", obj));
    else if (f.name == "pk")
        out.push_back(err("fields.E003", "'pk' is a reserved word that cannot be used as a field name.", obj));
    check_choices(f, obj, out);
    // _check_db_index
    Value dbi = f.get("db_index");
    if (!(dbi.is_none() || dbi.is_bool()))
        out.push_back(err("fields.E006", "'db_index' must be None, True or False.", obj));
    // _check_null_allowed_for_primary_keys
    if (f.primary_key() && f.null())
        out.push_back(err("fields.E007", "Primary keys must not have null=True.", obj,
                          "Set null=False on the field, or remove primary_key=True argument."));
    switch (f.kind()) {
        case FieldKind::kAuto: case FieldKind::kBigAuto: case FieldKind::kSmallAuto:
            if (!f.primary_key()) out.push_back(err("fields.E100", "AutoFields must set primary_key=True.", obj));
            break;
        case FieldKind::kChar: case FieldKind::kEmail: case FieldKind::kURL: case FieldKind::kSlug: {
            Value ml = f.get("max_length");
            if (ml.is_none())
                out.push_back(err("fields.E120", "CharFields must define a 'max_length' attribute.", obj));
            else if (ml.kind != Value::Kind::kInt || !ml.as_int() || *ml.as_int() <= 0)
                out.push_back(err("fields.E121", "'max_length' must be a positive integer.", obj));
            break;
        }
        case FieldKind::kDecimal: {
            // _check_decimal_places / _check_max_digits / _check_decimal_places_and_max_digits
            Value dp = f.get("decimal_places"), md = f.get("max_digits");
            auto dpi = dp.as_int(), mdi = md.as_int();
            bool dp_ok = false, md_ok = false;
            if (dp.is_none())
                out.push_back(err("fields.E130", "DecimalFields must define a 'decimal_places' attribute.", obj));
            else if (!dpi || *dpi < 0)
                out.push_back(err("fields.E131", "'decimal_places' must be a non-negative integer.", obj));
            else
                dp_ok = true;
            if (md.is_none())
                out.push_back(err("fields.E132", "DecimalFields must define a 'max_digits' attribute.", obj));
            else if (!mdi || *mdi <= 0)
                out.push_back(err("fields.E133", "'max_digits' must be a positive integer.", obj));
            else
                md_ok = true;
            if (dp_ok && md_ok && *dpi > *mdi)
                out.push_back(err("fields.E134", "'max_digits' must be greater or equal to 'decimal_places'.", obj));
            break;
        }
        case FieldKind::kDate: case FieldKind::kDateTime: case FieldKind::kTime: {
            int enabled = (f.flag("auto_now_add") ? 1 : 0) + (f.flag("auto_now") ? 1 : 0) + (f.has_default() ? 1 : 0);
            if (enabled > 1)
                out.push_back(err("fields.E160",
                                  "The options auto_now, auto_now_add, and default are mutually exclusive. Only one "
                                  "of these options may be present.",
                                  obj));
            Value d = f.get("default");
            if (d.kind == Value::Kind::kCall && (d.text == "datetime.datetime" || d.text == "datetime.date" ||
                                                 d.text == "datetime.time"))
                out.push_back(err("fields.W161", "Fixed default value provided.", obj,
                                  "It seems you set a fixed date / time / datetime value as default for this field. "
                                  "This may not be what you want. If you want to have the current date as default, "
                                  "use `django.utils.timezone.now`",
                                  CheckLevel::kWarning));
            break;
        }
        case FieldKind::kInteger: case FieldKind::kBigInteger: case FieldKind::kSmallInteger:
        case FieldKind::kPositiveInteger: case FieldKind::kPositiveSmallInteger: case FieldKind::kPositiveBigInteger:
            if (!f.get("max_length").is_none())
                out.push_back(err("fields.W122",
                                  "'max_length' is ignored when used with " + std::string(f.cls->name) + ".", obj,
                                  "Remove 'max_length' from field", CheckLevel::kWarning));
            break;
        case FieldKind::kGenericIPAddress:
            if (!f.null() && f.flag("blank"))
                out.push_back(err("fields.E150",
                                  "GenericIPAddressFields cannot have blank=True if null=False, as blank values are "
                                  "stored as nulls.",
                                  obj));
            break;
        case FieldKind::kFilePath:
            if (!f.flag("allow_files") && !f.flag("allow_folders"))
                out.push_back(err("fields.E140",
                                  "FilePathFields must have either 'allow_files' or 'allow_folders' set to True.", obj));
            break;
        case FieldKind::kFile: case FieldKind::kImage: {
            if (f.given("primary_key") && f.primary_key())
                out.push_back(err("fields.E201", "'primary_key' is not a valid argument for a " +
                                                     std::string(f.cls->name) + ".",
                                  obj, "Remove the 'primary_key' argument from the field."));
            else if (f.given("unique") && f.flag("unique"))
                out.push_back(err("fields.E201", "'unique' is not a valid argument for a " +
                                                     std::string(f.cls->name) + ".",
                                  obj, "Remove the 'unique' argument from the field."));
            Value up = f.get("upload_to");
            if (up.is_str() && !up.text.empty() && up.text[0] == '/')
                out.push_back(err("fields.E202",
                                  std::string(f.cls->name) + "'s 'upload_to' argument must be a relative path, not "
                                                             "an absolute path.",
                                  obj, "Remove the leading slash."));
            break;
        }
        case FieldKind::kBinary:
            if (f.get("default").is_str())
                out.push_back(err("fields.E170", "BinaryField's default cannot be a string. Use bytes content instead.",
                                  obj));
            break;
        case FieldKind::kNullBoolean:
            out.push_back(err("fields.W903", "NullBooleanField is deprecated. Support for it (except in historical "
                                             "migrations) will be removed in Django 4.0.",
                              obj, "Use BooleanField(null=True) instead.", CheckLevel::kWarning));
            break;
        default: break;
    }
    if (!f.is_relation()) return;

    // RelatedField._check_related_name_is_valid
    Value rn = f.get("related_name");
    if (rn.is_str() && !(is_identifier(rn.text) || (!rn.text.empty() && rn.text.back() == '+')))
        out.push_back(err("fields.E306",
                          "The name '" + rn.text + "' is invalid related_name for field " + m.name + "." + f.name,
                          obj, "Related name must be a valid Python identifier or end with a '+'"));
    // _check_related_query_name_is_valid
    if (!reverse_is_hidden(f, m)) {
        std::string rqn = related_query_name(f, m);
        if (!rqn.empty() && rqn.back() == '_')
            out.push_back(err("fields.E308", "Reverse query name '" + rqn + "' must not end with an underscore.", obj,
                              "Add or change a related_name or related_query_name argument for this field."));
        if (rqn.find("__") != std::string::npos)
            out.push_back(err("fields.E309", "Reverse query name '" + rqn + "' must not contain '__'.", obj,
                              "Add or change a related_name or related_query_name argument for this field."));
    }
    // _check_relation_model_exists
    if (f.remote_label.empty()) {
        out.push_back(err("fields.E300",
                          "Field defines a relation with model '" + relation_target_as_written(f) +
                              "', which is either not installed, or is abstract.",
                          obj));
        // _check_lazy_references: a string target that never resolved.
        Value to = f.get("to");
        if (to.is_str()) {
            std::string label = to.text.find('.') == std::string::npos ? m.app_label + "." + to.text : to.text;
            std::string app = label.substr(0, label.find('.')), model = lower(label.substr(label.find('.') + 1));
            bool installed = std::find(apps.app_labels.begin(), apps.app_labels.end(), app) != apps.app_labels.end();
            bool abstract_target = false;
            if (const ModelDef* t = apps.get_model(label)) abstract_target = t->abstract;
            if (!abstract_target)
                out.push_back(err("fields.E307",
                                  "The field " + m.label() + "." + f.name + " was declared with a lazy reference to '" +
                                      app + "." + model + "', but " +
                                      (installed ? "app '" + app + "' doesn't provide model '" + model + "'"
                                                 : "app '" + app + "' isn't installed") +
                                      ".",
                                  obj));
        }
    } else {
        // _check_clashes
        const ModelDef* target = apps.get_model(f.remote_label);
        bool hidden = reverse_is_hidden(f, m);
        std::string rel_name = accessor_name(f, m);
        std::string rel_query = related_query_name(f, m);
        std::string field_name = m.label() + "." + f.name;
        for (const auto& cf : target->fields) {
            std::string clash_name = target->label() + "." + cf.name;
            if (!hidden && cf.name == rel_name)
                out.push_back(err("fields.E302",
                                  "Reverse accessor for '" + field_name + "' clashes with field name '" + clash_name +
                                      "'.",
                                  obj,
                                  "Rename field '" + clash_name +
                                      "', or add/change a related_name argument to the definition for field '" +
                                      field_name + "'."));
            if (cf.name == rel_query)
                out.push_back(err("fields.E303",
                                  "Reverse query name for '" + field_name + "' clashes with field name '" +
                                      clash_name + "'.",
                                  obj,
                                  "Rename field '" + clash_name +
                                      "', or add/change a related_name argument to the definition for field '" +
                                      field_name + "'."));
        }
        for (const auto& ro : related_objects(apps, *target)) {
            if (ro.field == &f) continue;
            std::string clash_name = ro.model->label() + "." + ro.field->name;
            std::string other_accessor = accessor_name(*ro.field, *ro.model);
            if (!hidden && other_accessor == rel_name && !rel_name.empty())
                out.push_back(err("fields.E304",
                                  "Reverse accessor for '" + field_name + "' clashes with reverse accessor for '" +
                                      clash_name + "'.",
                                  obj,
                                  "Add or change a related_name argument to the definition for '" + field_name +
                                      "' or '" + clash_name + "'."));
            if (other_accessor == rel_query)
                out.push_back(err("fields.E305",
                                  "Reverse query name for '" + field_name +
                                      "' clashes with reverse query name for '" + clash_name + "'.",
                                  obj,
                                  "Add or change a related_name argument to the definition for '" + field_name +
                                      "' or '" + clash_name + "'."));
        }
    }
    if (f.is_fk()) {
        // ForeignKey._check_on_delete / _check_unique
        Value od = f.get("on_delete");
        if (od.text == "django.db.models.deletion.SET_NULL" && !f.null())
            out.push_back(err("fields.E320", "Field specifies on_delete=SET_NULL, but cannot be null.", obj,
                              "Set null=True argument on the field, or change the on_delete rule."));
        else if (od.text == "django.db.models.deletion.SET_DEFAULT" && !f.has_default())
            out.push_back(err("fields.E321", "Field specifies on_delete=SET_DEFAULT, but has no default value.", obj,
                              "Set a default value, or change the on_delete rule."));
        if (f.kind() == FieldKind::kForeignKey && f.flag("unique"))
            out.push_back(err("fields.W342",
                              "Setting unique=True on a ForeignKey has the same effect as using a OneToOneField.", obj,
                              "ForeignKey(unique=True) is usually better served by a OneToOneField.",
                              CheckLevel::kWarning));
    } else {
        // ManyToManyField checks
        if (f.flag("unique")) out.push_back(err("fields.E330", "ManyToManyFields cannot be unique.", obj));
        if (f.given("null"))
            out.push_back(err("fields.W340", "null has no effect on ManyToManyField.", obj, "", CheckLevel::kWarning));
        Value through = f.get("through");
        if (through.is_none() && !f.remote_label.empty()) {
            // _check_table_uniqueness: the auto-created table must not be another model's table.
            Value dbt = f.get("db_table");
            std::string table = dbt.is_str() ? dbt.text : m.db_table() + "_" + f.name;
            for (const auto& other : apps.models())
                if (!other.abstract && other.db_table() == table)
                    out.push_back(err("fields.E340",
                                      "The field's intermediary table '" + table +
                                          "' clashes with the table name of '" + other.label() + "'.",
                                      obj));
        }
        if (!through.is_none()) {
            std::string tl = through.kind == Value::Kind::kModel ? through.text
                             : through.text.find('.') == std::string::npos ? m.app_label + "." + through.text
                                                                           : through.text;
            const ModelDef* tm = apps.get_model(tl);
            if (!tm || tm->abstract) {
                std::string shown = through.kind == Value::Kind::kModel ? through.text : through.text;
                if (through.kind == Value::Kind::kModel) shown = through.text.substr(through.text.find('.') + 1);
                out.push_back(err("fields.E331",
                                  "Field specifies a many-to-many relation through model '" + shown +
                                      "', which has not been installed.",
                                  obj));
            }
        }
    }
}

// Model._check_ordering
void check_ordering(const Apps& apps, const ModelDef& m, Messages& out) {
    const Value* ordering = m.meta_option("ordering");
    if (!ordering || !ordering->truthy()) return;
    if (!ordering->is_sequence()) {
        out.push_back(err("models.E014",
                          "'ordering' must be a tuple or list (even if you want to order by only one field).",
                          m.label()));
        return;
    }
    std::set<std::string> plain;
    std::vector<std::string> related;
    for (const auto& o : ordering->items) {
        if (!o.is_str() || o.text == "?") continue;
        std::string f = (!o.text.empty() && o.text[0] == '-') ? o.text.substr(1) : o.text;
        if (f.find("__") != std::string::npos) related.push_back(f);
        else plain.insert(f);
    }
    for (const auto& path : related) {
        const ModelDef* cur = &m;
        const Field* fld = nullptr;
        size_t start = 0;
        bool bad = false;
        while (true) {
            size_t sep = path.find("__", start);
            std::string part = path.substr(start, sep == std::string::npos ? std::string::npos : sep - start);
            const Field* next = nullptr;
            if (cur) next = part == "pk" ? cur->pk() : cur->field(part);
            if (!next) {
                // A lookup/transform on the last field is allowed (e.g. "date__year" would need a
                // transform registry; gramlab accepts the common ones).
                static const std::set<std::string> transforms = {"year", "month", "day", "week_day", "hour",
                                                                 "minute", "second", "date", "time", "lower",
                                                                 "upper", "exact", "iexact"};
                if (!fld || !transforms.count(part)) bad = true;
                break;
            }
            fld = next;
            cur = next->is_relation() ? apps.get_model(next->remote_label) : nullptr;
            if (sep == std::string::npos) break;
            start = sep + 2;
        }
        if (bad)
            out.push_back(err("models.E015",
                              "'ordering' refers to the nonexistent field, related field, or lookup '" + path + "'.",
                              m.label()));
    }
    plain.erase("pk");
    std::set<std::string> valid;
    for (const auto& f : m.fields)
        if (!f.many_to_many()) {
            valid.insert(f.name);
            valid.insert(f.attname());
        }
    for (const auto& ro : related_objects(apps, m)) valid.insert(related_query_name(*ro.field, *ro.model));
    std::vector<std::string> invalid;
    for (const auto& p : plain)
        if (!valid.count(p)) invalid.push_back(p);
    for (const auto& p : invalid)
        out.push_back(err("models.E015",
                          "'ordering' refers to the nonexistent field, related field, or lookup '" + p + "'.",
                          m.label()));
}

// Model._check_local_fields
void check_local_fields(const ModelDef& m, const std::vector<std::string>& names, const std::string& option,
                        Messages& out) {
    for (const auto& name : names) {
        const Field* f = nullptr;
        for (const auto& x : m.fields)
            if (x.name == name || x.attname() == name) f = &x;
        if (!f)
            out.push_back(err("models.E012", "'" + option + "' refers to the nonexistent field '" + name + "'.",
                              m.label()));
        else if (f->many_to_many())
            out.push_back(err("models.E013",
                              "'" + option + "' refers to a ManyToManyField '" + name +
                                  "', but ManyToManyFields are not permitted in '" + option + "'.",
                              m.label()));
    }
}

// Model._check_unique_together / _check_index_together
void check_together(const ModelDef& m, const std::string& option, const char* id_not_list, const char* id_elems,
                    Messages& out) {
    const Value* v = m.meta_option(option);
    if (!v) return;
    if (!v->is_sequence()) {
        out.push_back(err(id_not_list, "'" + option + "' must be a list or tuple.", m.label()));
        return;
    }
    // normalize_together: a flat tuple of strings means one group.
    std::vector<Value> groups;
    bool flat = !v->items.empty() && std::all_of(v->items.begin(), v->items.end(), [](const Value& x) { return x.is_str(); });
    if (flat) groups.push_back(*v);
    else groups = v->items;
    if (std::any_of(groups.begin(), groups.end(), [](const Value& g) { return !g.is_sequence(); })) {
        out.push_back(err(id_elems, "All '" + option + "' elements must be lists or tuples.", m.label()));
        return;
    }
    for (const auto& g : groups) {
        std::vector<std::string> names;
        for (const auto& n : g.items) names.push_back(n.text);
        check_local_fields(m, names, option, out);
    }
}

// Model._check_indexes / _check_constraints: the fields they name must be local fields.
void check_index_and_constraint_fields(const ModelDef& m, Messages& out) {
    std::vector<std::string> fields;
    if (const Value* idx = m.meta_option("indexes"))
        for (const auto& i : idx->items)
            if (const Value* fs = i.kwarg("fields"))
                for (const auto& f : fs->items)
                    fields.push_back(!f.text.empty() && f.text[0] == '-' ? f.text.substr(1) : f.text);
    check_local_fields(m, fields, "indexes", out);
    std::vector<std::string> cfields;
    if (const Value* cs = m.meta_option("constraints"))
        for (const auto& c : cs->items)
            if (c.text == "django.db.models.UniqueConstraint")
                if (const Value* fs = c.kwarg("fields"))
                    for (const auto& f : fs->items)
                        if (std::find(cfields.begin(), cfields.end(), f.text) == cfields.end()) cfields.push_back(f.text);
    std::sort(cfields.begin(), cfields.end());
    check_local_fields(m, cfields, "constraints", out);
}

void check_model(const Apps& apps, const ModelDef& m, Messages& out) {
    for (const auto& f : m.fields) check_field(apps, m, f, out);
    // _check_id_field
    const Field* pk = m.pk();
    bool id_problem = false;
    for (const auto& f : m.fields)
        if (f.name == "id" && &f != pk && !f.primary_key() && pk && pk->name == "id") id_problem = true;
    if (id_problem)
        out.push_back(err("models.E004",
                          "'id' can only be used as a field name if the field also sets 'primary_key=True'.",
                          m.label()));
    // _check_field_name_clashes (within one model, for fields inherited from abstract parents
    // gramlab reports duplicate attnames the way Django does for columns)
    int pks = 0;
    for (const auto& f : m.fields)
        if (f.primary_key()) ++pks;
    if (pks > 1)
        out.push_back(err("models.E026", "The model cannot have more than one field with 'primary_key=True'.",
                          m.label()));
    if (!id_problem) {
        // _check_column_name_clashes
        std::map<std::string, const Field*> used;
        for (const auto& f : m.fields) {
            if (f.many_to_many()) continue;
            std::string col = f.column();
            if (used.count(col)) {
                out.push_back(err("models.E007",
                                  "Field '" + f.name + "' has column name '" + col +
                                      "' that is used by another field.",
                                  m.label(), "Specify a 'db_column' for the field."));
            } else {
                used[col] = &f;
            }
        }
    }
    check_together(m, "index_together", "models.E008", "models.E009", out);
    check_together(m, "unique_together", "models.E010", "models.E011", out);
    check_index_and_constraint_fields(m, out);
    check_ordering(apps, m, out);
    // _check_default_pk
    if (pk && pk->flag("auto_created") && !apps.settings.default_auto_field_overridden &&
        m.app_label != "auth" && m.app_label != "contenttypes" && m.app_label != "admin")
        out.push_back(err("models.W042",
                          "Auto-created primary key used when not defining a primary key type, by default '" +
                              apps.settings.default_auto_field + "'.",
                          m.label(),
                          "Configure the DEFAULT_AUTO_FIELD setting or the AppConfig.default_auto_field attribute "
                          "to point to a subclass of AutoField, e.g. 'django.db.models.BigAutoField'.",
                          CheckLevel::kWarning));
}

// django.contrib.auth.checks.check_user_model
void check_user_model(const Apps& apps, Messages& out) {
    const ModelDef* u = apps.get_model(apps.settings.auth_user_model);
    if (!u || u->app_label == "auth") return;
    auto attr = [&](const char* n) -> const Value* {
        auto it = u->class_attrs.find(n);
        return it == u->class_attrs.end() ? nullptr : &it->second;
    };
    const Value* required = attr("REQUIRED_FIELDS");
    const Value* username = attr("USERNAME_FIELD");
    if (required && !required->is_sequence())
        out.push_back(err("auth.E001", "'REQUIRED_FIELDS' must be a list or tuple.", u->label()));
    if (username && required && required->is_sequence())
        for (const auto& r : required->items)
            if (r == *username)
                out.push_back(err("auth.E002",
                                  "The field named as the 'USERNAME_FIELD' for a custom user model must not be "
                                  "included in 'REQUIRED_FIELDS'.",
                                  u->label(),
                                  "The 'USERNAME_FIELD' is currently set to '" + username->text +
                                      "', you should remove '" + username->text + "' from the 'REQUIRED_FIELDS'."));
    if (username && username->is_str()) {
        const Field* f = u->field(username->text);
        if (f && !f->unique())
            out.push_back(err("auth.E003",
                              "'" + u->name + "." + username->text +
                                  "' must be unique because it is named as the 'USERNAME_FIELD'.",
                              u->label()));
    }
}

}  // namespace

std::string CheckMessage::to_string() const {
    std::string s = obj + ": (" + id + ") " + msg;
    if (!hint.empty()) s += "\n\tHINT: " + hint;
    return s;
}

std::vector<CheckMessage> run_checks(const Apps& apps) {
    Messages out;
    for (const auto& m : apps.models()) {
        if (m.abstract) continue;
        check_model(apps, m, out);
    }
    check_user_model(apps, out);
    return out;
}

CheckReport format_check_report(const std::vector<CheckMessage>& all, bool display_num_errors) {
    CheckReport r;
    struct Group {
        const char* name;
        CheckLevel lo, hi;
    };
    const Group groups[] = {{"CRITICALS", CheckLevel::kCritical, static_cast<CheckLevel>(1000)},
                            {"ERRORS", CheckLevel::kError, CheckLevel::kCritical},
                            {"WARNINGS", CheckLevel::kWarning, CheckLevel::kError},
                            {"INFOS", CheckLevel::kInfo, CheckLevel::kWarning},
                            {"DEBUGS", static_cast<CheckLevel>(0), CheckLevel::kInfo}};
    std::string body;
    size_t visible = 0;
    for (const auto& g : groups) {
        std::vector<std::string> lines;
        for (const auto& m : all)
            if (m.level >= g.lo && m.level < g.hi) lines.push_back(m.to_string());
        if (lines.empty()) continue;
        visible += lines.size();
        std::sort(lines.begin(), lines.end());
        body += "\n" + std::string(g.name) + ":\n";
        for (size_t i = 0; i < lines.size(); ++i) body += (i ? "\n" : "") + lines[i];
        body += "\n";
    }
    std::string header = visible ? "System check identified some issues:\n" : "";
    std::string footer;
    if (display_num_errors) {
        if (visible) footer += "\n";
        footer += "System check identified " +
                  (visible == 0 ? std::string("no issues")
                   : visible == 1 ? std::string("1 issue")
                                  : std::to_string(visible) + " issues") +
                  " (0 silenced).";
    }
    r.serious = std::any_of(all.begin(), all.end(), [](const CheckMessage& m) { return m.is_serious(); });
    if (r.serious) {
        r.text = "SystemCheckError: " + header + body + footer;
        r.to_stderr = true;
    } else {
        r.text = header + body + footer;
        r.to_stderr = visible > 0;
    }
    return r;
}

}  // namespace gramlab::models

// The field class table, Python-style argument binding and deconstruct() for fields.
// Each rule below cites the Django 3.2 __init__/deconstruct it reproduces.
#include "core/models/fields.hpp"

#include <algorithm>

namespace gramlab::models {

namespace {

using SV = std::string_view;

const std::vector<SV> kFieldPositional = {
    "verbose_name", "name", "primary_key", "max_length", "unique", "blank", "null", "db_index", "rel", "default",
    "editable", "serialize", "unique_for_date", "unique_for_month", "unique_for_year", "choices", "help_text",
    "db_column", "db_tablespace", "auto_created", "validators", "error_messages"};
const std::vector<SV> kVerboseName = {"verbose_name", "name"};

const std::vector<FieldClass>& field_classes() {
    static const std::vector<FieldClass> classes = {
        {"AutoField", FieldKind::kAuto, "AutoField", kFieldPositional, {}, "Field.__init__"},
        {"BigAutoField", FieldKind::kBigAuto, "BigAutoField", kFieldPositional, {}, "Field.__init__"},
        {"SmallAutoField", FieldKind::kSmallAuto, "SmallAutoField", kFieldPositional, {}, "Field.__init__"},
        {"CharField", FieldKind::kChar, "CharField", kFieldPositional, {"db_collation"}, "Field.__init__"},
        {"TextField", FieldKind::kText, "TextField", kFieldPositional, {"db_collation"}, "Field.__init__"},
        {"EmailField", FieldKind::kEmail, "CharField", kFieldPositional, {"db_collation"}, "Field.__init__"},
        {"URLField", FieldKind::kURL, "CharField", kVerboseName, {"db_collation"}, "Field.__init__"},
        {"SlugField", FieldKind::kSlug, "SlugField", kFieldPositional, {"allow_unicode", "db_collation"},
         "Field.__init__"},
        {"FilePathField", FieldKind::kFilePath, "FilePathField",
         {"verbose_name", "name", "path", "match", "recursive", "allow_files", "allow_folders"},
         {"path", "match", "recursive", "allow_files", "allow_folders"}, "Field.__init__"},
        {"GenericIPAddressField", FieldKind::kGenericIPAddress, "GenericIPAddressField",
         {"verbose_name", "name", "protocol", "unpack_ipv4"}, {"protocol", "unpack_ipv4"}, "Field.__init__"},
        {"IntegerField", FieldKind::kInteger, "IntegerField", kFieldPositional, {}, "Field.__init__"},
        {"BigIntegerField", FieldKind::kBigInteger, "BigIntegerField", kFieldPositional, {}, "Field.__init__"},
        {"SmallIntegerField", FieldKind::kSmallInteger, "SmallIntegerField", kFieldPositional, {}, "Field.__init__"},
        {"PositiveIntegerField", FieldKind::kPositiveInteger, "PositiveIntegerField", kFieldPositional, {},
         "Field.__init__"},
        {"PositiveSmallIntegerField", FieldKind::kPositiveSmallInteger, "PositiveSmallIntegerField",
         kFieldPositional, {}, "Field.__init__"},
        {"PositiveBigIntegerField", FieldKind::kPositiveBigInteger, "PositiveBigIntegerField", kFieldPositional, {},
         "Field.__init__"},
        {"FloatField", FieldKind::kFloat, "FloatField", kFieldPositional, {}, "Field.__init__"},
        {"DecimalField", FieldKind::kDecimal, "DecimalField", {"verbose_name", "name", "max_digits", "decimal_places"},
         {"max_digits", "decimal_places"}, "Field.__init__"},
        {"BooleanField", FieldKind::kBoolean, "BooleanField", kFieldPositional, {}, "Field.__init__"},
        {"NullBooleanField", FieldKind::kNullBoolean, "NullBooleanField", kFieldPositional, {}, "Field.__init__"},
        {"DateField", FieldKind::kDate, "DateField", {"verbose_name", "name", "auto_now", "auto_now_add"},
         {"auto_now", "auto_now_add"}, "Field.__init__"},
        {"DateTimeField", FieldKind::kDateTime, "DateTimeField", {"verbose_name", "name", "auto_now", "auto_now_add"},
         {"auto_now", "auto_now_add"}, "Field.__init__"},
        {"TimeField", FieldKind::kTime, "TimeField", {"verbose_name", "name", "auto_now", "auto_now_add"},
         {"auto_now", "auto_now_add"}, "Field.__init__"},
        {"DurationField", FieldKind::kDuration, "DurationField", kFieldPositional, {}, "Field.__init__"},
        {"UUIDField", FieldKind::kUUID, "UUIDField", {"verbose_name"}, {}, "Field.__init__"},
        {"JSONField", FieldKind::kJSON, "JSONField", {"verbose_name", "name", "encoder", "decoder"},
         {"encoder", "decoder"}, "Field.__init__"},
        {"FileField", FieldKind::kFile, "FileField", {"verbose_name", "name", "upload_to", "storage"},
         {"upload_to", "storage"}, "Field.__init__"},
        {"ImageField", FieldKind::kImage, "FileField", {"verbose_name", "name", "width_field", "height_field"},
         {"width_field", "height_field", "upload_to", "storage"}, "Field.__init__"},
        {"BinaryField", FieldKind::kBinary, "BinaryField", kFieldPositional, {}, "Field.__init__"},
        {"ForeignKey", FieldKind::kForeignKey, "ForeignKey",
         {"to", "on_delete", "related_name", "related_query_name", "limit_choices_to", "parent_link", "to_field",
          "db_constraint"},
         {"to", "on_delete", "related_name", "related_query_name", "limit_choices_to", "parent_link", "to_field",
          "db_constraint"},
         "Field.__init__"},
        {"OneToOneField", FieldKind::kOneToOne, "OneToOneField", {"to", "on_delete", "to_field"},
         {"to", "on_delete", "related_name", "related_query_name", "limit_choices_to", "parent_link", "to_field",
          "db_constraint"},
         "Field.__init__"},
        {"ManyToManyField", FieldKind::kManyToMany, "ManyToManyField",
         {"to", "related_name", "related_query_name", "limit_choices_to", "symmetrical", "through", "through_fields",
          "db_constraint", "db_table", "swappable"},
         {"to", "related_name", "related_query_name", "limit_choices_to", "symmetrical", "through", "through_fields",
          "db_constraint", "db_table", "swappable"},
         "Field.__init__"},
    };
    return classes;
}

bool same_identity(const Value& a, const Value& b) {
    // Field.deconstruct compares most defaults with `is`: False is not 0, None is not ''.
    if (a.kind != b.kind) return false;
    return a == b;
}

std::string count_args_message(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i) out += (i + 1 == names.size()) ? (names.size() > 2 ? ", and " : " and ") : ", ";
        out += "'" + names[i] + "'";
    }
    return out;
}

}  // namespace

bool is_not_provided(const Value& v) { return v.kind == Value::Kind::kRef && v.text == "NOT_PROVIDED"; }
Value not_provided() { return Value::ref("NOT_PROVIDED"); }

const std::vector<std::pair<std::string_view, Value>>& base_field_defaults() {
    static const std::vector<std::pair<std::string_view, Value>> d = {
        {"verbose_name", Value::none()},     {"primary_key", Value::of_bool(false)},
        {"max_length", Value::none()},       {"unique", Value::of_bool(false)},
        {"blank", Value::of_bool(false)},    {"null", Value::of_bool(false)},
        {"db_index", Value::of_bool(false)}, {"default", not_provided()},
        {"editable", Value::of_bool(true)},  {"serialize", Value::of_bool(true)},
        {"unique_for_date", Value::none()},  {"unique_for_month", Value::none()},
        {"unique_for_year", Value::none()},  {"choices", Value::none()},
        {"help_text", Value::of_str("")},    {"db_column", Value::none()},
        {"db_tablespace", Value::none()},    {"auto_created", Value::of_bool(false)},
        {"validators", Value::list({})},     {"error_messages", Value::none()},
    };
    return d;
}

const FieldClass* find_field_class(std::string_view name) {
    for (const auto& c : field_classes())
        if (c.name == name) return &c;
    return nullptr;
}

Value Field::get(const std::string& option) const {
    auto it = options.find(option);
    if (it != options.end()) return it->second;
    for (const auto& [k, v] : base_field_defaults())
        if (k == option) return v;
    // Class-specific keyword defaults.
    if (option == "db_constraint" || option == "allow_files") return Value::of_bool(true);
    if (option == "protocol") return Value::of_str("both");
    if (option == "upload_to" || option == "path") return Value::of_str("");
    if (option == "swappable") return Value::of_bool(true);
    if (option == "auto_now" || option == "auto_now_add" || option == "parent_link" || option == "allow_unicode" ||
        option == "recursive" || option == "allow_folders" || option == "unpack_ipv4")
        return Value::of_bool(false);
    return Value::none();
}

std::string Field::column() const {
    Value c = get("db_column");
    return c.is_str() ? c.text : attname();
}

Result<Field> bind_field(const FieldClass& cls, std::vector<Value> args, Kwargs kwargs) {
    Field f;
    f.cls = &cls;
    const std::string qual = std::string(cls.name) + ".__init__()";
    if (args.size() > cls.positional.size()) {
        // Python counts `self` in both numbers.
        return Error::make("TypeError", qual + " takes from " + std::to_string(cls.kind == FieldKind::kForeignKey ||
                                                                                       cls.kind == FieldKind::kOneToOne
                                                                                   ? 3
                                                                               : cls.kind == FieldKind::kManyToMany
                                                                                   ? 2
                                                                                   : 1) +
                                                " to " + std::to_string(cls.positional.size() + 1) +
                                                " positional arguments but " + std::to_string(args.size() + 1) +
                                                " were given");
    }
    for (size_t i = 0; i < args.size(); ++i) f.options[std::string(cls.positional[i])] = std::move(args[i]);
    for (auto& [k, v] : kwargs) {
        if (f.options.count(k))
            return Error::make("TypeError", qual + " got multiple values for argument '" + k + "'");
        bool known = std::find(cls.extra.begin(), cls.extra.end(), k) != cls.extra.end();
        bool is_positional = std::find(cls.positional.begin(), cls.positional.end(), k) != cls.positional.end();
        bool base = false;
        for (const auto& d : base_field_defaults()) base = base || d.first == k;
        if (!known && !is_positional && !base)
            return Error::make("TypeError", std::string(cls.init_qualname) + "() got an unexpected keyword argument '" +
                                                k + "'");
        f.options[k] = std::move(v);
    }
    // Required positional parameters.
    std::vector<std::string> missing;
    if (cls.kind == FieldKind::kForeignKey || cls.kind == FieldKind::kOneToOne) {
        if (!f.options.count("to")) missing.push_back("to");
        if (!f.options.count("on_delete")) missing.push_back("on_delete");
    } else if (cls.kind == FieldKind::kManyToMany && !f.options.count("to")) {
        missing.push_back("to");
    }
    if (!missing.empty())
        return Error::make("TypeError", qual + " missing " + std::to_string(missing.size()) +
                                            " required positional argument" + (missing.size() > 1 ? "s" : "") + ": " +
                                            count_args_message(missing));
    auto setdefault = [&](const char* k, Value v) {
        if (!f.options.count(k)) f.options[k] = std::move(v);
    };
    switch (cls.kind) {
        case FieldKind::kAuto: case FieldKind::kBigAuto: case FieldKind::kSmallAuto:
            f.options["blank"] = Value::of_bool(true);  // AutoFieldMixin.__init__
            break;
        case FieldKind::kEmail: setdefault("max_length", Value::of_int(254)); break;
        case FieldKind::kURL: setdefault("max_length", Value::of_int(200)); break;
        case FieldKind::kSlug:
            setdefault("max_length", Value::of_int(50));
            setdefault("db_index", Value::of_bool(true));
            break;
        case FieldKind::kFilePath: case FieldKind::kFile: case FieldKind::kImage:
            setdefault("max_length", Value::of_int(100));
            break;
        case FieldKind::kGenericIPAddress: f.options["max_length"] = Value::of_int(39); break;
        case FieldKind::kNullBoolean:
            f.options["null"] = Value::of_bool(true);
            f.options["blank"] = Value::of_bool(true);
            break;
        case FieldKind::kDate: case FieldKind::kDateTime: case FieldKind::kTime:
            if (f.flag("auto_now") || f.flag("auto_now_add")) {
                f.options["editable"] = Value::of_bool(false);
                f.options["blank"] = Value::of_bool(true);
            }
            break;
        case FieldKind::kUUID: f.options["max_length"] = Value::of_int(32); break;
        case FieldKind::kBinary: setdefault("editable", Value::of_bool(false)); break;
        case FieldKind::kForeignKey: setdefault("db_index", Value::of_bool(true)); break;
        case FieldKind::kOneToOne:
            f.options["unique"] = Value::of_bool(true);
            setdefault("db_index", Value::of_bool(true));
            break;
        default: break;
    }
    return f;
}

Deconstructed deconstruct(const Field& f, const std::string& swappable_param) {
    Deconstructed d;
    const std::string& swappable_setting = swappable_param.empty() ? f.swappable_setting : swappable_param;
    d.path = "django.db.models." + std::string(f.cls->name);
    std::map<std::string, Value> kw;
    for (const auto& [name, def] : base_field_defaults()) {
        Value v = f.get(std::string(name));
        bool differs = (name == "choices" || name == "validators") ? !(v == def) : !same_identity(v, def);
        if (name == "choices" && v.kind == Value::Kind::kTuple) v.kind = Value::Kind::kList;  // list(value)
        if (differs) kw[std::string(name)] = v;
    }
    auto erase = [&](const char* k) { kw.erase(k); };
    auto keep_if = [&](const char* k, bool cond) {
        if (cond) kw[k] = f.get(k);
    };
    auto max_length_is = [&](int64_t n) {
        auto it = kw.find("max_length");
        return it != kw.end() && it->second.as_int() == n && it->second.kind == Value::Kind::kInt;
    };
    switch (f.kind()) {
        case FieldKind::kAuto: case FieldKind::kBigAuto: case FieldKind::kSmallAuto:
            erase("blank");
            kw["primary_key"] = Value::of_bool(true);
            break;
        case FieldKind::kChar: case FieldKind::kText: case FieldKind::kEmail: case FieldKind::kURL:
        case FieldKind::kSlug:
            if (f.get("db_collation").truthy()) kw["db_collation"] = f.get("db_collation");
            if (f.kind() == FieldKind::kURL && max_length_is(200)) erase("max_length");
            if (f.kind() == FieldKind::kSlug) {
                if (max_length_is(50)) erase("max_length");
                if (!f.flag("db_index")) kw["db_index"] = Value::of_bool(false);
                else erase("db_index");
                keep_if("allow_unicode", f.flag("allow_unicode"));
            }
            break;
        case FieldKind::kFilePath:
            keep_if("path", !(f.get("path") == Value::of_str("")));
            keep_if("match", !f.get("match").is_none());
            keep_if("recursive", f.flag("recursive"));
            keep_if("allow_files", !same_identity(f.get("allow_files"), Value::of_bool(true)));
            keep_if("allow_folders", f.flag("allow_folders"));
            if (max_length_is(100)) erase("max_length");
            break;
        case FieldKind::kGenericIPAddress:
            keep_if("unpack_ipv4", f.flag("unpack_ipv4"));
            keep_if("protocol", !(f.get("protocol") == Value::of_str("both")));
            if (max_length_is(39)) erase("max_length");
            break;
        case FieldKind::kNullBoolean: erase("null"); erase("blank"); break;
        case FieldKind::kDecimal:
            keep_if("max_digits", !f.get("max_digits").is_none());
            keep_if("decimal_places", !f.get("decimal_places").is_none());
            break;
        case FieldKind::kDate: case FieldKind::kDateTime: case FieldKind::kTime:
            keep_if("auto_now", f.flag("auto_now"));
            keep_if("auto_now_add", f.flag("auto_now_add"));
            if (f.flag("auto_now") || f.flag("auto_now_add")) {
                erase("editable");
                erase("blank");
            }
            break;
        case FieldKind::kUUID: erase("max_length"); break;
        case FieldKind::kJSON:
            keep_if("encoder", !f.get("encoder").is_none());
            keep_if("decoder", !f.get("decoder").is_none());
            break;
        case FieldKind::kFile: case FieldKind::kImage:
            if (max_length_is(100)) erase("max_length");
            kw["upload_to"] = f.get("upload_to");
            keep_if("storage", !f.get("storage").is_none());
            if (f.kind() == FieldKind::kImage) {
                keep_if("width_field", f.get("width_field").truthy());
                keep_if("height_field", f.get("height_field").truthy());
            }
            break;
        case FieldKind::kBinary:
            if (f.flag("editable")) kw["editable"] = Value::of_bool(true);
            else erase("editable");
            break;
        case FieldKind::kForeignKey: case FieldKind::kOneToOne: case FieldKind::kManyToMany: {
            // RelatedField.deconstruct
            keep_if("limit_choices_to", f.get("limit_choices_to").truthy());
            keep_if("related_name", !f.get("related_name").is_none());
            keep_if("related_query_name", !f.get("related_query_name").is_none());
            if (f.many_to_many()) {
                keep_if("db_table", !f.get("db_table").is_none());
                keep_if("db_constraint", !same_identity(f.get("db_constraint"), Value::of_bool(true)));
                Value to_v = f.get("to");
                std::string to_label = to_v.kind == Value::Kind::kSetting && !to_v.items.empty() ? to_v.items[0].text
                                                                                              : to_v.text;
                kw["to"] = Value::of_str(f.remote_label.empty() ? to_label : f.remote_label);
                Value through = f.get("through");
                if (!f.through_label.empty()) kw["through"] = Value::of_str(f.through_label);
                else if (through.kind == Value::Kind::kModel || through.is_str()) kw["through"] = Value::of_str(through.text);
            } else {
                kw["on_delete"] = f.get("on_delete");
                keep_if("parent_link", f.flag("parent_link"));
                Value to_v = f.get("to");
                std::string label = f.remote_label.empty()
                                        ? (to_v.kind == Value::Kind::kSetting && !to_v.items.empty() ? to_v.items[0].text
                                                                                                     : to_v.text)
                                        : f.remote_label;
                auto dot = label.find('.');
                std::string lower = label;
                std::transform(lower.begin() + static_cast<long>(dot == std::string::npos ? 0 : dot), lower.end(),
                               lower.begin() + static_cast<long>(dot == std::string::npos ? 0 : dot),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                kw["to"] = Value::of_str(lower);
                if (f.flag("db_index")) erase("db_index");
                else kw["db_index"] = Value::of_bool(false);
                keep_if("db_constraint", !same_identity(f.get("db_constraint"), Value::of_bool(true)));
                Value to_field = f.get("to_field");
                if (to_field.is_str()) kw["to_field"] = to_field;  // only when not the target's pk (see Apps)
                if (f.kind() == FieldKind::kOneToOne) erase("unique");
            }
            if (!swappable_setting.empty()) {
                Value s;
                s.kind = Value::Kind::kSetting;
                s.text = swappable_setting;
                s.items.push_back(kw["to"]);
                kw["to"] = s;
            }
            break;
        }
        default: break;
    }
    for (auto& [k, v] : kw) d.kwargs.emplace_back(k, v);
    return d;
}

Result<Field> field_from_deconstructed(const std::string& class_name, Kwargs kwargs) {
    const FieldClass* cls = find_field_class(class_name);
    if (!cls) return Error::make("AttributeError", "module 'django.db.models' has no attribute '" + class_name + "'");
    return bind_field(*cls, {}, std::move(kwargs));
}

}  // namespace gramlab::models

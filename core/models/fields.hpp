// Model fields: the table of Django 3.2 field classes (their __init__ parameters, defaults
// and database types) and Field, one field on a model with the options it was given.
// Mirrors django/db/models/fields/__init__.py, related.py, files.py and json.py.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/models/value.hpp"

namespace gramlab::models {

enum class FieldKind {
    kAuto, kBigAuto, kSmallAuto,
    kChar, kText, kEmail, kURL, kSlug, kFilePath, kGenericIPAddress,
    kInteger, kBigInteger, kSmallInteger, kPositiveInteger, kPositiveSmallInteger, kPositiveBigInteger,
    kFloat, kDecimal, kBoolean, kNullBoolean,
    kDate, kDateTime, kTime, kDuration,
    kUUID, kJSON, kFile, kImage, kBinary,
    kForeignKey, kOneToOne, kManyToMany,
};

//! What Django knows about one field class.
struct FieldClass {
    std::string_view name;           // "CharField"
    FieldKind kind;
    std::string_view internal_type;  // get_internal_type(): picks the column type
    std::vector<std::string_view> positional;  // __init__'s positional parameters, in order
    std::vector<std::string_view> extra;       // keyword parameters beyond Field.__init__'s
    std::string_view init_qualname;  // whose __init__ rejects unknown kwargs ("Field.__init__")
};

//! Finds a field class by its class name ("CharField"); null if Django has none.
const FieldClass* find_field_class(std::string_view name);

//! Field.__init__'s keyword parameters and their defaults (Field.deconstruct's "possibles").
const std::vector<std::pair<std::string_view, Value>>& base_field_defaults();

//! A sentinel Value standing for Django's NOT_PROVIDED (no default given).
bool is_not_provided(const Value& v);
Value not_provided();

//! One field of a model, as declared (options hold what __init__ ended up storing).
struct Field {
    std::string name;        // attribute name on the model ("post_author")
    const FieldClass* cls = nullptr;
    std::map<std::string, Value> options;  // bound __init__ arguments after class defaults
    SourceSpan span;         // the whole `name = models.X(...)` statement
    SourceSpan call_span;    // the models.X(...) call
    std::string file;        // file the field was declared in
    std::string defined_in;  // model (or abstract base) that declared it
    int creation_counter = 0;

    // Filled by relation resolution: the target model's label ("app.Model"), and
    // "AUTH_USER_MODEL" when the target is the swappable user model (Field.swappable_setting).
    std::string remote_label;
    std::string swappable_setting;
    std::string through_label;  // ManyToManyField(through=...) resolved to "app.Model"

    FieldKind kind() const { return cls->kind; }
    bool is_relation() const { return is_fk() || kind() == FieldKind::kManyToMany; }
    bool is_fk() const { return kind() == FieldKind::kForeignKey || kind() == FieldKind::kOneToOne; }
    bool many_to_many() const { return kind() == FieldKind::kManyToMany; }
    bool is_auto() const {
        return kind() == FieldKind::kAuto || kind() == FieldKind::kBigAuto || kind() == FieldKind::kSmallAuto;
    }
    //! The option's value, or Field's/the class's default when it was not given.
    Value get(const std::string& option) const;
    bool flag(const std::string& option) const { return get(option).truthy(); }
    const Value* given(const std::string& option) const {
        auto it = options.find(option);
        return it == options.end() ? nullptr : &it->second;
    }
    bool null() const { return flag("null"); }
    bool primary_key() const { return flag("primary_key"); }
    bool unique() const { return primary_key() || flag("unique"); }
    bool has_default() const { return !is_not_provided(get("default")); }
    std::optional<int64_t> max_length() const { return get("max_length").as_int(); }
    //! attname: "post_author_id" for a ForeignKey, else the name.
    std::string attname() const { return is_fk() ? name + "_id" : name; }
    //! db column: db_column if given, else attname.
    std::string column() const;
};

//! Binds a field class call's positional and keyword arguments to parameter names the way
//! Python would, applying each class's __init__ defaults. Errors are Python's TypeError
//! messages: "ForeignKey.__init__() missing 1 required positional argument: 'on_delete'".
Result<Field> bind_field(const FieldClass& cls, std::vector<Value> args, Kwargs kwargs);

//! Field.deconstruct(): (import path, kwargs without defaults), as the migration writer
//! needs them. `swappable_setting` is "AUTH_USER_MODEL" when the relation targets the
//! swappable user model.
struct Deconstructed {
    std::string path;  // "django.db.models.CharField"
    Kwargs kwargs;     // sorted by name, as the writer prints them
    bool operator==(const Deconstructed& o) const { return path == o.path && kwargs == o.kwargs; }
    bool operator!=(const Deconstructed& o) const { return !(*this == o); }
};
Deconstructed deconstruct(const Field& f, const std::string& swappable_setting = "");

//! Rebuilds a Field from a deconstructed form (migration files): the inverse of deconstruct.
Result<Field> field_from_deconstructed(const std::string& class_name, Kwargs kwargs);

}  // namespace gramlab::models

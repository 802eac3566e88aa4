// Field and reverse-relation objects of _meta (see field_objects.hpp).
#include "core/orm/field_objects.hpp"

#include <cctype>

#include "core/orm/model.hpp"
#include "core/orm/runtime.hpp"
#include "core/shell/bound_method.hpp"

namespace gramlab::orm {

namespace {

using models::FieldKind;
using shell::Interp;
using shell::Args;
using shell::Kind;
using shell::Ref;

// The module Django defines a field class in.
std::string field_module(const models::Field& f) {
    switch (f.kind()) {
        case FieldKind::kForeignKey:
        case FieldKind::kOneToOne:
        case FieldKind::kManyToMany: return "django.db.models.fields.related";
        case FieldKind::kFile:
        case FieldKind::kImage: return "django.db.models.fields.files";
        case FieldKind::kJSON: return "django.db.models.fields.json";
        default: return "django.db.models.fields";
    }
}

Ref model_or_none(Interp& in, const models::ModelDef* m) {
    if (!m) return in.None;
    Ref c = model_class(in, m);
    return c ? c : in.None;
}

class FieldObj final : public shell::Object {
public:
    FieldObj(const models::ModelDef* m, const models::Field* f) : Object(Kind::kNative), model(m), field(f) {}
    const models::ModelDef* model;
    const models::Field* field;

    std::string type_name() const override { return std::string(field->cls->name); }
    bool repr(Interp&, std::string& out) override {
        out = "<" + field_module(*field) + "." + type_name() + ": " + field->name + ">";
        return true;
    }
    // Field.__str__: "app_label.Model.field".
    bool str(Interp&, std::string& out) override {
        out = model->label() + "." + field->name;
        return true;
    }
    int eq(Interp&, const Ref& other) override {
        auto* o = dynamic_cast<FieldObj*>(other.get());
        return o && o->field == field ? 1 : 0;
    }
    bool hash(Interp&, uint64_t& out) override {
        out = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(field));
        return true;
    }
    Ref getattr(Interp& in, const std::string& name) override {
        const models::Field& f = *field;
        if (name == "name") return Interp::string(f.name);
        if (name == "attname") return Interp::string(f.attname());
        if (name == "column") return f.many_to_many() ? in.None : Interp::string(f.column());
        if (name == "max_length") {
            auto ml = f.max_length();
            return ml ? Interp::integer(*ml) : in.None;
        }
        if (name == "null") return in.boolean(f.null());
        if (name == "blank") return in.boolean(f.flag("blank") || f.is_auto() || f.flag("auto_now") || f.flag("auto_now_add"));
        if (name == "primary_key") return in.boolean(f.primary_key());
        if (name == "unique") return in.boolean(f.unique());
        if (name == "db_index") return in.boolean(f.flag("db_index") || f.is_fk());
        if (name == "editable") {
            if (f.flag("auto_now") || f.flag("auto_now_add")) return in.False;
            const Value* v = f.given("editable");
            return in.boolean(!v || v->truthy());
        }
        if (name == "verbose_name") {
            const Value* v = f.given("verbose_name");
            if (v && v->is_str()) return Interp::string(v->text);
            std::string s = f.name;
            for (auto& c : s)
                if (c == '_') c = ' ';
            return Interp::string(s);
        }
        if (name == "help_text") return Interp::string("");
        if (name == "choices") {
            // The object given in models.py (a list stays a list, a tuple a tuple), or None.
            Value c = f.get("choices");
            return c.is_sequence() ? value_to_object(in, c) : in.None;
        }
        if (name == "default") {
            // NOT_PROVIDED when models.py gave none (Django's class; gramlab shows its repr).
            if (auto it = in.orm->enum_defaults.find(&f); it != in.orm->enum_defaults.end()) return it->second;
            Value d = f.get("default");
            if (models::is_not_provided(d)) return in.not_supported("Field.default when the field has none (NOT_PROVIDED)");
            if (d.kind == Value::Kind::kRef) return in.not_supported("Field.default when it is a function");
            return value_to_object(in, d);
        }
        if (name == "flatchoices") {
            std::vector<Ref> pairs;
            for (auto& [value, label] : flat_choices(in, f)) pairs.push_back(Interp::tuple({value, label}));
            return Interp::list(std::move(pairs));
        }
        if (name == "is_relation") return in.boolean(f.is_relation());
        if (name == "many_to_many") return f.is_relation() ? in.boolean(f.many_to_many()) : in.None;
        if (name == "many_to_one") return f.is_relation() ? in.boolean(f.kind() == FieldKind::kForeignKey) : in.None;
        if (name == "one_to_one") return f.is_relation() ? in.boolean(f.kind() == FieldKind::kOneToOne) : in.None;
        if (name == "one_to_many") return f.is_relation() ? in.False : in.None;
        if (name == "concrete") return in.boolean(!f.many_to_many());
        if (name == "auto_created") return in.False;
        if (name == "hidden") return in.False;
        if (name == "model") return model_or_none(in, model);
        if (name == "related_model") return f.is_relation() ? model_or_none(in, remote_model(*in.apps, f)) : in.None;
        if (name == "remote_field") {
            const models::ModelDef* target = f.is_relation() ? remote_model(*in.apps, f) : nullptr;
            if (!target) return in.None;
            for (const auto& r : reverse_relations(*in.apps, *target))
                if (r.field == field) return reverse_relation_object(in, *target, r);
            return in.None;
        }
        if (name == "get_internal_type") {
            Ref self = shared_from_this();
            std::string type(f.cls->internal_type);
            return shell::bound_method(type_name() + ".get_internal_type", name, self,
                                       [type](Interp&, Ref&, Args&) -> Ref { return Interp::string(type); });
        }
        return in.attribute_error(*this, name);
    }
};

class RelObj final : public shell::Object {
public:
    RelObj(const models::ModelDef* m, ReverseRel r) : Object(Kind::kNative), model(m), rel(std::move(r)) {}
    const models::ModelDef* model;  // the model the relation points to (whose _meta lists it)
    ReverseRel rel;

    std::string type_name() const override {
        switch (rel.field->kind()) {
            case FieldKind::kOneToOne: return "OneToOneRel";
            case FieldKind::kManyToMany: return "ManyToManyRel";
            default: return "ManyToOneRel";
        }
    }
    // ForeignObjectRel.__repr__: "<ManyToOneRel: app_label.model_name>" of the related model.
    bool repr(Interp&, std::string& out) override {
        out = "<" + type_name() + ": " + rel.model->label_lower() + ">";
        return true;
    }
    int eq(Interp&, const Ref& other) override {
        auto* o = dynamic_cast<RelObj*>(other.get());
        return o && o->rel.field == rel.field && o->model == model ? 1 : 0;
    }
    bool hash(Interp&, uint64_t& out) override {
        out = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(rel.field)) ^ 0x5bd1e995u;
        return true;
    }
    Ref getattr(Interp& in, const std::string& name) override {
        FieldKind k = rel.field->kind();
        if (name == "name") return Interp::string(rel.query_name);
        if (name == "related_name") {
            const Value* v = rel.field->given("related_name");
            return v && v->is_str() ? Interp::string(v->text) : in.None;
        }
        if (name == "field" || name == "remote_field") return field_object(in, *rel.model, *rel.field);
        if (name == "model") return model_or_none(in, model);
        if (name == "related_model") return model_or_none(in, rel.model);
        if (name == "is_relation" || name == "auto_created") return in.True;
        if (name == "concrete" || name == "editable" || name == "hidden") return in.False;
        if (name == "null") return in.True;
        if (name == "many_to_many") return in.boolean(k == FieldKind::kManyToMany);
        if (name == "one_to_many") return in.boolean(k == FieldKind::kForeignKey);
        if (name == "one_to_one") return in.boolean(k == FieldKind::kOneToOne);
        if (name == "many_to_one") return in.False;
        if (name == "on_delete") {
            // ForeignObjectRel.on_delete: the field's handler (models.CASCADE, ...); a
            // ManyToManyRel has none.
            if (k == FieldKind::kManyToMany) return in.None;
            std::string od = rel.field->get("on_delete").text;  // "django.db.models.deletion.CASCADE"
            od = od.substr(od.rfind('.') + 1);
            Ref models = in.import_module("django.db.models");
            if (!models) return nullptr;
            for (const char* handler : {"CASCADE", "PROTECT", "SET_NULL", "SET_DEFAULT", "DO_NOTHING", "RESTRICT"})
                if (od == handler) return in.getattr(models, handler);
            return in.not_supported("on_delete=" + od + " read back from the relation");
        }
        if (name == "get_accessor_name") {
            Ref self = shared_from_this();
            std::string acc = rel.accessor;
            return shell::bound_method("ForeignObjectRel.get_accessor_name", name, self,
                                       [acc](Interp&, Ref&, Args&) -> Ref { return Interp::string(acc); });
        }
        return in.attribute_error(*this, name);
    }
};

}  // namespace

Ref field_object(Interp&, const models::ModelDef& m, const models::Field& field) {
    return std::make_shared<FieldObj>(&m, &field);
}

Ref reverse_relation_object(Interp&, const models::ModelDef& m, const ReverseRel& rel) {
    return std::make_shared<RelObj>(&m, rel);
}

}  // namespace gramlab::orm

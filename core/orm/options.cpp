// Model._meta (see options.hpp).
#include "core/orm/options.hpp"

#include <cctype>

#include "core/orm/errors.hpp"
#include "core/orm/field_objects.hpp"
#include "core/orm/meta.hpp"
#include "core/orm/model.hpp"
#include "core/shell/bound_method.hpp"

namespace gramlab::orm {

namespace {

using shell::Interp;
using shell::Args;
using shell::Kind;
using shell::Ref;

// django.utils.text.camel_case_to_spaces: "UserProfile" → "user profile".
std::string camel_case_to_spaces(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        bool boundary = i > 0 && std::isupper(c) && std::islower(static_cast<unsigned char>(s[i - 1]));
        if (boundary) out += ' ';
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

class OptionsObj final : public shell::Object {
public:
    explicit OptionsObj(const models::ModelDef* m) : Object(Kind::kNative), model(m) {}
    const models::ModelDef* model;

    std::string type_name() const override { return "Options"; }
    bool repr(Interp&, std::string& out) override {
        out = "<Options for " + model->name + ">";
        return true;
    }
    bool str(Interp&, std::string& out) override {
        out = model->label_lower();
        return true;
    }

    std::string verbose_name() const {
        const Value* v = model->meta_option("verbose_name");
        return v && v->is_str() ? v->text : camel_case_to_spaces(model->name);
    }
    std::vector<Ref> forward_fields(Interp& in, bool concrete, bool m2m) const {
        std::vector<Ref> out;
        if (concrete)
            for (const models::Field* f : concrete_fields(*model)) out.push_back(field_object(in, *model, *f));
        if (m2m)
            for (const auto& f : model->fields)
                if (f.many_to_many()) out.push_back(field_object(in, *model, f));
        return out;
    }
    Ref get_field(Interp& in, const std::string& name) const {
        // Options._forward_fields_map (names and attnames), then fields_map (reverse relations).
        for (const auto& f : model->fields)
            if (f.name == name || f.attname() == name) return field_object(in, *model, f);
        for (const auto& r : reverse_relations(*in.apps, *model))
            if (r.query_name == name) return reverse_relation_object(in, *model, r);
        return in.raise(django_exceptions(in).FieldDoesNotExist, model->name + " has no field named '" + name + "'");
    }

    Ref getattr(Interp& in, const std::string& name) override {
        if (name == "model") {
            Ref c = model_class(in, model);
            return c ? c : in.None;
        }
        if (name == "model_name") return Interp::string(model->model_name());
        if (name == "app_label") return Interp::string(model->app_label);
        if (name == "object_name") return Interp::string(model->name);
        if (name == "label") return Interp::string(model->label());
        if (name == "label_lower") return Interp::string(model->label_lower());
        if (name == "db_table") return Interp::string(model->db_table());
        if (name == "abstract") return in.boolean(model->abstract);
        if (name == "verbose_name") return Interp::string(verbose_name());
        if (name == "verbose_name_plural") {
            const Value* v = model->meta_option("verbose_name_plural");
            return Interp::string(v && v->is_str() ? v->text : verbose_name() + "s");
        }
        if (name == "ordering") {
            const Value* v = model->meta_option("ordering");
            return v ? value_to_object(in, *v) : Interp::list({});
        }
        if (name == "pk") {
            const models::Field* pk = model->pk();
            return pk ? field_object(in, *model, *pk) : in.None;
        }
        if (name == "fields") return Interp::tuple(forward_fields(in, true, true));
        if (name == "concrete_fields" || name == "local_concrete_fields" || name == "local_fields")
            return Interp::tuple(forward_fields(in, true, false));
        if (name == "many_to_many" || name == "local_many_to_many") return Interp::tuple(forward_fields(in, false, true));
        if (name == "related_objects") {
            std::vector<Ref> out;
            for (const auto& r : reverse_relations(*in.apps, *model)) out.push_back(reverse_relation_object(in, *model, r));
            return Interp::tuple(out);
        }
        Ref self = shared_from_this();
        if (name == "get_fields")
            return shell::bound_method("Options.get_fields", name, self, [](Interp& in, Ref& me, Args& a) -> Ref {
                if (a.pos.size() > 2) return in.type_error("get_fields() takes from 1 to 3 positional arguments but " + std::to_string(a.pos.size() + 1) + " were given");
                auto* o = static_cast<OptionsObj*>(me.get());
                std::vector<Ref> out;
                for (const auto& r : reverse_relations(*in.apps, *o->model)) out.push_back(reverse_relation_object(in, *o->model, r));
                for (const auto& f : o->forward_fields(in, true, true)) out.push_back(f);
                return Interp::tuple(out);
            });
        if (name == "get_field")
            return shell::bound_method("Options.get_field", name, self, [](Interp& in, Ref& me, Args& a) -> Ref {
                const Ref* kw = a.find("field_name");
                if (a.pos.size() + (kw ? 1 : 0) != 1 || a.kw.size() > (kw ? 1u : 0u))
                    return in.type_error("get_field() missing 1 required positional argument: 'field_name'");
                Ref arg = kw ? *kw : a.pos[0];
                std::string n;
                if (auto* s = shell::as<shell::StrObj>(arg)) n = s->value;
                else if (!in.str(arg, n)) return nullptr;
                return static_cast<OptionsObj*>(me.get())->get_field(in, n);
            });
        return in.attribute_error(*this, name);
    }
};

}  // namespace

Ref options_object(Interp&, const models::ModelDef& m) { return std::make_shared<OptionsObj>(&m); }

}  // namespace gramlab::orm

// Relation target resolution and reverse-name derivation (see related.hpp).
#include "core/models/related.hpp"

namespace gramlab::models {

namespace {

std::string label_of_target(const Value& to, const ModelDef& model) {
    if (to.kind == Value::Kind::kModel) return to.text;
    if (to.kind == Value::Kind::kSetting && !to.items.empty()) return to.items[0].text;
    if (!to.is_str()) return "";
    if (to.text == "self") return model.label();
    if (to.text.find('.') == std::string::npos) return model.app_label + "." + to.text;
    return to.text;
}

}  // namespace

void resolve_relations(Apps& apps) {
    for (auto& m : apps.models()) {
        for (auto& f : m.fields) {
            if (!f.is_relation()) continue;
            std::string label = label_of_target(f.get("to"), m);
            const ModelDef* target = label.empty() ? nullptr : apps.get_model(label);
            f.remote_label = (target && !target->abstract) ? target->label() : "";
            bool swappable = !(f.many_to_many() && f.given("swappable") && !f.flag("swappable"));
            f.swappable_setting = swappable && !f.remote_label.empty() &&
                                          lower(f.remote_label) == lower(apps.settings.auth_user_model)
                                      ? "AUTH_USER_MODEL"
                                      : "";
        }
    }
}

std::string relation_target_as_written(const Field& f) {
    Value to = f.get("to");
    if (to.kind == Value::Kind::kModel) {
        auto dot = to.text.find('.');
        return dot == std::string::npos ? to.text : to.text.substr(dot + 1);
    }
    if (to.kind == Value::Kind::kSetting && !to.items.empty()) return to.items[0].text;
    return to.text;
}

bool is_symmetrical(const Field& f, const ModelDef& model) {
    if (!f.many_to_many()) return false;
    Value sym = f.get("symmetrical");
    if (!sym.is_none()) return sym.truthy();
    Value to = f.get("to");
    return to.is_str() && to.text == "self";
}

bool reverse_is_hidden(const Field& f, const ModelDef& model) {
    Value rn = f.get("related_name");
    if (rn.is_str() && !rn.text.empty() && rn.text.back() == '+') return true;
    return false;
}

std::string accessor_name(const Field& f, const ModelDef& model) {
    if (f.many_to_many() && is_symmetrical(f, model) && f.remote_label == model.label()) return "";
    Value rn = f.get("related_name");
    if (rn.is_str()) return rn.text;
    Value drn = model.meta_option("default_related_name") ? *model.meta_option("default_related_name") : Value();
    if (drn.is_str()) return drn.text;
    return model.model_name() + (f.kind() == FieldKind::kOneToOne ? "" : "_set");
}

std::string related_query_name(const Field& f, const ModelDef& model) {
    Value rqn = f.get("related_query_name");
    if (rqn.is_str()) return rqn.text;
    Value rn = f.get("related_name");
    if (rn.is_str()) return rn.text;
    if (const Value* drn = model.meta_option("default_related_name"); drn && drn->is_str()) return drn->text;
    return model.model_name();
}

std::vector<RelatedObject> related_objects(const Apps& apps, const ModelDef& target) {
    std::vector<RelatedObject> out;
    for (const auto& m : apps.models()) {
        if (m.abstract) continue;
        for (const auto& f : m.fields)
            if (f.is_relation() && f.remote_label == target.label()) out.push_back({&m, &f});
    }
    return out;
}

}  // namespace gramlab::models

// ModelDef accessors (Options-like computed names) and the Apps lookups.
#include "core/models/base.hpp"

#include <algorithm>

namespace gramlab::models {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string ModelDef::model_name() const { return lower(name); }

const Value* ModelDef::meta_option(const std::string& key) const {
    for (const auto& kv : meta)
        if (kv.first == key) return &kv.second;
    return nullptr;
}

std::string ModelDef::db_table() const {
    if (const Value* t = meta_option("db_table"); t && t->is_str() && !t->text.empty()) return t->text;
    return app_label + "_" + model_name();
}

const Field* ModelDef::pk() const {
    for (const auto& f : fields)
        if (f.primary_key()) return &f;
    return nullptr;
}

const Field* ModelDef::field(const std::string& n) const {
    for (const auto& f : fields)
        if (f.name == n) return &f;
    return nullptr;
}

std::vector<const Field*> ModelDef::local_fields() const {
    std::vector<const Field*> out;
    for (const auto& f : fields)
        if (!f.many_to_many()) out.push_back(&f);
    return out;
}

std::vector<const Field*> ModelDef::local_many_to_many() const {
    std::vector<const Field*> out;
    for (const auto& f : fields)
        if (f.many_to_many()) out.push_back(&f);
    return out;
}

const ModelDef* Apps::get_model(const std::string& label) const {
    return const_cast<Apps*>(this)->get_model(label);
}

ModelDef* Apps::get_model(const std::string& label) {
    auto dot = label.find('.');
    if (dot == std::string::npos) return nullptr;
    std::string app = label.substr(0, dot), name = lower(label.substr(dot + 1));
    for (auto& m : models_)
        if (m.app_label == app && m.model_name() == name) return &m;
    return nullptr;
}

std::vector<const ModelDef*> Apps::app_models(const std::string& app_label) const {
    std::vector<const ModelDef*> out;
    for (const auto& m : models_)
        if (m.app_label == app_label && !m.abstract) out.push_back(&m);
    return out;
}

}  // namespace gramlab::models

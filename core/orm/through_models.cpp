// Intermediary models of many-to-many fields and the relations deletion follows.
#include "core/orm/through_models.hpp"

#include "core/orm/meta.hpp"

namespace gramlab::orm {

using models::Field;
using models::ModelDef;

namespace {

Field foreign_key(const std::string& name, const std::string& to_label) {
    const models::FieldClass* fk = models::find_field_class("ForeignKey");
    auto bound = models::bind_field(*fk, {}, {{"to", Value::of_str(to_label)},
                                              {"on_delete", Value::ref("django.db.models.deletion.CASCADE")}});
    Field f = bound.value();
    f.name = name;
    f.remote_label = to_label;
    return f;
}

}  // namespace

ThroughModels::ThroughModels(const models::Apps& apps) : apps_(apps) {
    for (const auto& m : apps.models()) {
        if (m.abstract) continue;
        for (const Field* f : m.local_many_to_many()) {
            if (!f->get("through").is_none() || f->remote_label.empty()) continue;
            const ModelDef* target = apps.get_model(f->remote_label);
            if (!target) continue;
            // create_many_to_many_intermediary_model: "<Model>_<field>", fields id, <from>, <to>.
            ModelDef t;
            t.app_label = m.app_label;
            t.name = m.name + "_" + f->name;
            std::string table, from_col, to_col;
            m2m_through(apps, m, *f, table, from_col, to_col);
            t.meta.emplace_back("db_table", Value::of_str(table));
            const char* auto_cls = m.pk() && m.pk()->kind() == models::FieldKind::kBigAuto ? "BigAutoField" : "AutoField";
            auto id = models::bind_field(*models::find_field_class(auto_cls), {},
                                         {{"primary_key", Value::of_bool(true)}, {"auto_created", Value::of_bool(true)}});
            Field idf = id.value();
            idf.name = "id";
            t.fields.push_back(idf);
            // The column names are "<name>_id": strip the suffix for the field names.
            t.fields.push_back(foreign_key(from_col.substr(0, from_col.size() - 3), m.label()));
            t.fields.push_back(foreign_key(to_col.substr(0, to_col.size() - 3), target->label()));
            models_.push_back(std::move(t));
            by_field_[{&m, f}] = &models_.back();
        }
    }
}

bool ThroughModels::is_auto_created(const ModelDef* m) const {
    for (const auto& t : models_)
        if (&t == m) return true;
    return false;
}

ThroughInfo ThroughModels::info(const ModelDef& m, const Field& f) const {
    ThroughInfo out;
    auto it = by_field_.find({&m, &f});
    if (it != by_field_.end()) {
        out.through = it->second;
        out.source_fk = &out.through->fields[1];
        out.target_fk = &out.through->fields[2];
        return out;
    }
    // through=: the model's foreign keys to the source and to the target (through_fields when given).
    out.auto_created = false;
    out.through = f.through_label.empty() ? nullptr : apps_.get_model(f.through_label);
    if (!out.through) return out;
    const std::string target = f.remote_label;
    Value through_fields = f.get("through_fields");
    if (through_fields.items.size() == 2 && through_fields.items[0].is_str() && through_fields.items[1].is_str()) {
        out.source_fk = out.through->field(through_fields.items[0].text);
        out.target_fk = out.through->field(through_fields.items[1].text);
        return out;
    }
    for (const auto& x : out.through->fields) {
        if (!x.is_fk()) continue;
        if (!out.source_fk && x.remote_label == m.label()) out.source_fk = &x;
        else if (!out.target_fk && x.remote_label == target) out.target_fk = &x;
    }
    return out;
}

std::vector<RelatedFk> delete_candidates(const models::Apps& apps, const ThroughModels& throughs, const ModelDef& m) {
    std::vector<RelatedFk> out;
    auto add_fks = [&](const ModelDef& declaring) {
        for (const auto& f : declaring.fields)
            if (f.is_fk() && f.remote_label == m.label()) out.push_back({&declaring, &f});
    };
    for (const auto& model : apps.models()) {
        if (model.abstract) continue;
        // ManyToManyField.contribute_to_class registers the intermediary model before the
        // declaring model itself is registered.
        for (const Field* f : model.local_many_to_many()) {
            ThroughInfo ti = throughs.info(model, *f);
            if (ti.through && ti.auto_created) add_fks(*ti.through);
        }
        add_fks(model);
    }
    return out;
}

}  // namespace gramlab::orm

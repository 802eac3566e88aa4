// Model options for queries: field lookup by name/attname/pk, forward and reverse
// relations, many-to-many through tables.
#include "core/orm/meta.hpp"

#include "core/models/related.hpp"

namespace gramlab::orm {

using models::Apps;
using models::Field;
using models::ModelDef;

const ModelDef* remote_model(const Apps& apps, const Field& f) {
    if (f.remote_label.empty()) return nullptr;
    return apps.get_model(f.remote_label);
}

const Field* target_field(const Apps& apps, const Field& f) {
    const ModelDef* t = remote_model(apps, f);
    if (!t) return nullptr;
    Value to_field = f.get("to_field");
    if (to_field.is_str()) return t->field(to_field.text);
    return t->pk();
}

std::vector<const Field*> concrete_fields(const ModelDef& m) { return m.local_fields(); }

std::string column_name(const Field& f) {
    // db_column's default (base_field_defaults) is None, so only a given text value counts.
    const Value* c = f.given("db_column");
    if (c && c->is_str()) return c->text;
    return f.attname();
}

void m2m_through(const Apps& apps, const ModelDef& m, const Field& f, std::string& table, std::string& from_col,
                 std::string& to_col) {
    const ModelDef* target = remote_model(apps, f);
    // through=: the intermediary model's table and its foreign keys to the two sides
    // (through_fields when given, else the first FK to the source and another to the target).
    if (const ModelDef* t = f.through_label.empty() ? nullptr : apps.get_model(f.through_label)) {
        table = t->db_table();
        const Field* src = nullptr;
        const Field* dst = nullptr;
        Value tf = f.get("through_fields");
        if (tf.items.size() == 2 && tf.items[0].is_str() && tf.items[1].is_str()) {
            src = t->field(tf.items[0].text);
            dst = t->field(tf.items[1].text);
        } else {
            for (const auto& x : t->fields) {
                if (!x.is_fk()) continue;
                if (!src && x.remote_label == m.label()) src = &x;
                else if (!dst && target && x.remote_label == target->label()) dst = &x;
            }
        }
        from_col = src ? src->column() : "";
        to_col = dst ? dst->column() : "";
        return;
    }
    std::string from_name = m.model_name(), to_name = target ? target->model_name() : "";
    Value db_table = f.get("db_table");
    table = db_table.is_str() ? db_table.text : m.db_table() + "_" + f.name;
    if (from_name == to_name) {
        from_col = "from_" + from_name + "_id";
        to_col = "to_" + to_name + "_id";
    } else {
        from_col = from_name + "_id";
        to_col = to_name + "_id";
    }
}

std::vector<ReverseRel> reverse_relations(const Apps& apps, const ModelDef& m) {
    std::vector<ReverseRel> out;
    for (const auto& ro : models::related_objects(apps, m)) {
        if (models::reverse_is_hidden(*ro.field, *ro.model)) continue;
        ReverseRel r;
        r.accessor = models::accessor_name(*ro.field, *ro.model);
        r.query_name = models::related_query_name(*ro.field, *ro.model);
        r.model = ro.model;
        r.field = ro.field;
        out.push_back(r);
    }
    return out;
}

std::optional<Relation> find_relation(const Apps& apps, const ModelDef& m, const std::string& name_in) {
    std::string name = name_in;
    const Field* pk = m.pk();
    if (name == "pk" && pk) name = pk->name;
    for (const auto& f : m.fields) {
        bool by_attname = f.is_fk() && f.attname() == name;
        if (f.name != name && !by_attname) continue;
        Relation r;
        r.from = &m;
        r.field = &f;
        r.attname = by_attname;
        if (f.is_fk() && !by_attname) {
            r.kind = Relation::Kind::kForward;
            r.to = remote_model(apps, f);
            const Field* tf = target_field(apps, f);
            r.from_col = f.column();
            r.to_col = tf ? tf->column() : "id";
            r.nullable = f.null();
        } else if (f.many_to_many()) {
            r.kind = Relation::Kind::kManyToMany;
            r.to = remote_model(apps, f);
            r.multi_valued = true;
            r.nullable = true;
            m2m_through(apps, m, f, r.through_table, r.through_from_col, r.through_to_col);
            r.from_col = pk ? pk->column() : "id";
            r.to_col = r.to && r.to->pk() ? r.to->pk()->column() : "id";
        } else {
            r.kind = Relation::Kind::kField;
        }
        return r;
    }
    for (const auto& rr : reverse_relations(apps, m)) {
        if (rr.query_name != name) continue;
        Relation r;
        r.from = &m;
        r.to = rr.model;
        r.field = rr.field;
        r.nullable = true;
        if (rr.field->many_to_many()) {
            r.kind = Relation::Kind::kReverseManyToMany;
            r.multi_valued = true;
            m2m_through(apps, *rr.model, *rr.field, r.through_table, r.through_to_col, r.through_from_col);
            r.from_col = pk ? pk->column() : "id";
            r.to_col = rr.model->pk() ? rr.model->pk()->column() : "id";
        } else {
            r.kind = Relation::Kind::kReverse;
            r.multi_valued = rr.field->kind() != models::FieldKind::kOneToOne;
            const Field* tf = target_field(apps, *rr.field);
            r.from_col = tf ? tf->column() : "id";
            r.to_col = rr.field->column();
        }
        return r;
    }
    return std::nullopt;
}

}  // namespace gramlab::orm

// Relations between models: resolving ForeignKey/OneToOne/ManyToMany targets to model
// labels, and the reverse accessor / reverse query names Django derives from them.
// Mirrors django/db/models/fields/related.py and reverse_related.py.
#pragma once

#include <string>
#include <vector>

#include "core/models/base.hpp"

namespace gramlab::models {

//! Fills Field::remote_label for every relation of every model ('self', 'Model',
//! 'app.Model', model classes and settings.AUTH_USER_MODEL are understood). Unresolvable
//! targets are left empty for the checks (fields.E300) to report.
void resolve_relations(Apps& apps);

//! The target as written, for messages: "Model" or "app.Model" (fields.E300 wording).
std::string relation_target_as_written(const Field& f);

//! True when the reverse relation is hidden (related_name ends with '+', or a
//! symmetrical m2m to self).
bool reverse_is_hidden(const Field& f, const ModelDef& model);

//! Reverse accessor on the target: related_name, else "<model>" for OneToOne, else
//! "<model>_set". Empty when the reverse relation is hidden/symmetrical.
std::string accessor_name(const Field& f, const ModelDef& model);

//! related_query_name → related_name → Meta.default_related_name → model_name.
std::string related_query_name(const Field& f, const ModelDef& model);

//! A relation that points at `target` from some model (Options.related_objects).
struct RelatedObject {
    const ModelDef* model;  // the model declaring the field
    const Field* field;
};
std::vector<RelatedObject> related_objects(const Apps& apps, const ModelDef& target);

//! True when the m2m field's `symmetrical` is in effect (default for 'self').
bool is_symmetrical(const Field& f, const ModelDef& model);

}  // namespace gramlab::models

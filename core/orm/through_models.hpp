// The intermediary models of many-to-many fields as the ORM sees them: the auto-created ones
// (Django's create_many_to_many_intermediary_model: "Post_likes" with an id and two foreign
// keys, table "social_post_likes") built as ModelDefs the ORM can query, count and delete
// through, or the model named by through=; and the relations Django's deletion Collector
// follows (get_candidate_relations_to_delete), which include the through models' foreign keys.
// Mirrors django/db/models/fields/related.py (ManyToManyField) and deletion.py.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/models/base.hpp"

namespace gramlab::orm {

//! One ManyToManyField's intermediary model and its two foreign keys.
struct ThroughInfo {
    const models::ModelDef* through = nullptr;
    const models::Field* source_fk = nullptr;  // points at the declaring model ("post", "from_user")
    const models::Field* target_fk = nullptr;  // points at the target model ("user", "to_user")
    bool auto_created = true;
};

class ThroughModels {
public:
    //! Builds the intermediary model of every ManyToManyField of the registry's concrete models.
    //! REQUIRES: relations are resolved (Field::remote_label set); `apps` outlives this.
    explicit ThroughModels(const models::Apps& apps);
    ThroughModels(const ThroughModels&) = delete;
    ThroughModels& operator=(const ThroughModels&) = delete;

    //! The intermediary of m2m field `f` declared on `m` (null through when unresolvable).
    ThroughInfo info(const models::ModelDef& m, const models::Field& f) const;
    //! The auto-created models (stable addresses), in Django's registration order.
    const std::deque<models::ModelDef>& auto_created() const { return models_; }
    //! True for an auto-created intermediary model.
    bool is_auto_created(const models::ModelDef* m) const;

private:
    const models::Apps& apps_;
    std::deque<models::ModelDef> models_;
    std::map<std::pair<const models::ModelDef*, const models::Field*>, const models::ModelDef*> by_field_;
};

//! A foreign key (or one-to-one) that points at a model, with the model declaring it.
struct RelatedFk {
    const models::ModelDef* model;  // declaring model (maybe an auto-created through model)
    const models::Field* field;
};

//! get_candidate_relations_to_delete(m._meta): every FK / one-to-one pointing at `m`, hidden
//! ones and the auto-created through models' included, in the order of Django's relation
//! tree (models in registration order; a model's through models are registered just before it):
//!   User → User_follows.from_user, User_follows.to_user, ..., Post_likes.user, Post.author
std::vector<RelatedFk> delete_candidates(const models::Apps& apps, const ThroughModels& throughs,
                                         const models::ModelDef& m);

}  // namespace gramlab::orm

// Many-to-many relations seen from an instance and from a model class: the manager
// `post.likes` / `user.liked_posts` (add, remove, set, clear, create, get_or_create and the
// QuerySet API over the related rows, sending the SQL Django 3.2 sends: INSERT OR IGNORE into
// the intermediary table, DELETE from it), the class attribute `Post.likes` (its .through),
// and prefetch_related() over them.
// Mirrors django/db/models/fields/related_descriptors.py (ManyToManyDescriptor,
// create_forward_many_to_many_manager).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/models/base.hpp"
#include "core/orm/through_models.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

class QuerySetObj;

//! One side of a many-to-many relation, as ManyRelatedManager.__init__ sets it up.
//!   post.likes:       source Post, target User, source_fk Post_likes.post, target_fk Post_likes.user
//!   user.liked_posts: source User, target Post, source_fk Post_likes.user, target_fk Post_likes.post
struct ManyToManySide {
    const models::ModelDef* source = nullptr;     // the model of the instance
    const models::ModelDef* target = nullptr;     // the model the manager yields
    const models::ModelDef* declaring = nullptr;  // the model declaring the ManyToManyField
    const models::Field* field = nullptr;         // the ManyToManyField
    bool reverse = false;
    bool symmetrical = false;  // a symmetrical m2m to self: add/remove/clear write both directions
    ThroughInfo through;
    const models::Field* source_fk = nullptr;  // intermediary FK pointing at the source
    const models::Field* target_fk = nullptr;  // intermediary FK pointing at the target
    std::string accessor;    // attribute name: "likes", "liked_posts", "tags"
    std::string query_name;  // the name a query uses from the source: "likes", "liked_posts", "tag"
    std::string back_name;   // the name from the target back to the source: "liked_posts", "likes", "posts"
};

//! The many-to-many side `name` names on model `m`: a ManyToManyField ("likes") or a reverse
//! accessor ("liked_posts"); nullopt when `name` is neither (or the relation is unresolved).
std::optional<ManyToManySide> many_to_many_side(shell::Interp& in, const models::ModelDef& m, const std::string& name);

//! `instance.likes`: a ManyRelatedManager. ValueError, as Django's, when the instance has no
//! primary key yet ("... needs to have a value for field "id" before this many-to-many
//! relationship can be used.").
shell::Ref many_related_manager(shell::Interp& in, const shell::Ref& instance, const ManyToManySide& side);

//! `Post.likes`: the ManyToManyDescriptor, whose `.through` is the intermediary model class.
shell::Ref many_to_many_descriptor(shell::Interp& in, const ManyToManySide& side);

//! prefetch_related('likes') for `objs` (instances of side.source): one query over the target,
//! joined to the intermediary table and selecting its source column first,
//!   SELECT ("social_post_likes"."post_id") AS "_prefetch_related_val_post_id", "social_user"."id", ...
//!   ... WHERE "social_post_likes"."post_id" IN (1, 2, 3)
//! whose rows fill each instance's prefetched list. False with an exception pending on failure.
//! `rows_out`, when given, receives every row of that query in order (the next level's objects).
bool prefetch_many_to_many(shell::Interp& in, const ManyToManySide& side, std::vector<shell::Ref>& objs,
                           std::vector<shell::Ref>* rows_out = nullptr, std::shared_ptr<QuerySetObj> base = nullptr);

class ManagerObj;

//! add/remove/clear/set of a ForeignKey's reverse manager (`post.comment_set.remove(c)`,
//! core/orm/reverse_fk_manager.cpp); remove/clear raise AttributeError unless the FK has null=True.
shell::Ref reverse_fk_write_method(shell::Interp& in, ManagerObj& mgr, const std::string& name);

}  // namespace gramlab::orm

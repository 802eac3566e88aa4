// QuerySet and Manager objects in the shell: lazy, chainable, cached exactly as Django's
// (a QuerySet runs its query when iterated, len()'d, bool()'d, repr()'d, listed or indexed,
// and reuses its result cache afterwards), plus the related managers of instances.
// Mirrors django/db/models/query.py (QuerySet), manager.py and related_descriptors.py.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/orm/query.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

class ModelInstance;
struct RelatedAccess;

//! A QuerySet's Query, shared copy-on-write. QuerySets made from the compiled-query cache, and
//! every QuerySet of a model's manager, share one Query until one of them changes it: a Query
//! is big (joins, where tree, annotations), and most QuerySets never change theirs (`get`,
//! `count` and iteration only read it). Reading goes through `->` / `*`; a change must go
//! through mut(), which copies first when the Query is shared, so a change that forgets it
//! does not compile.
class SharedQuery {
public:
    SharedQuery() = default;
    explicit SharedQuery(std::shared_ptr<Query> q) : q_(std::move(q)) {}
    const Query* operator->() const { return q_.get(); }
    const Query& operator*() const { return *q_; }
    Query& mut() {
        if (q_.use_count() > 1) q_ = std::make_shared<Query>(*q_);
        return *q_;
    }
    explicit operator bool() const { return q_ != nullptr; }

private:
    std::shared_ptr<Query> q_;
};

class QuerySetObj final : public shell::Object {
public:
    QuerySetObj(shell::Interp& in, const models::ModelDef* m);
    //! A copy of `o` over query `q`, without its result cache (QuerySet._chain()).
    QuerySetObj(const QuerySetObj& o, std::shared_ptr<Query> q);
    //! The same sharing `q` (copy-on-write).
    QuerySetObj(const QuerySetObj& o, SharedQuery q);
    //! A QuerySet of `m` over the shared root Query `root` (ManagerObj::get_queryset()).
    QuerySetObj(const models::ModelDef* m, SharedQuery root) : Object(shell::Kind::kNative), model(m), query(std::move(root)) {}
    const models::ModelDef* model;
    SharedQuery query;
    RowShape shape = RowShape::kModel;
    std::vector<std::string> value_names;  // values()/values_list() field names, in order
    std::optional<std::vector<shell::Ref>> cache;
    std::vector<std::string> prefetch;
    std::vector<shell::Ref> prefetch_objects;  // Prefetch() objects, parallel to prefetch (null: a plain lookup)
    //! For related managers: results get this instance cached under this FK name.
    std::string known_field;
    shell::Ref known_instance;
    bool sticky = false;
    //! For related managers: the relation followed from the instance (N+1 detection).
    std::shared_ptr<const RelatedAccess> related_access;
    //! How this QuerySet was derived when that alone determines its state (the model's
    //! manager, then QuerySet methods with literal arguments); keys the compiled-query cache
    //! (core/orm/query_cache.hpp). Empty when unknown; clone() never copies it.
    std::string recipe;
    //! The learner's QuerySet subclass (`PostQuerySet`) when made by its as_manager() manager:
    //! kept by every QuerySet derived from this one; its methods come first.
    shell::ClassRef custom_class;
    //! Attributes the learner set (`qs.note = 'x'`): a Django QuerySet is a plain Python object
    //! with a __dict__. Not copied to the QuerySets derived from it (Django's _clone() makes a
    //! new QuerySet). Looked up before the methods, as an instance's __dict__ is.
    std::map<std::string, shell::Ref> attrs;

    std::shared_ptr<QuerySetObj> clone() const;
    //! Runs the query (once) and fills the cache; `reason` is recorded for the SQL window.
    bool fetch_all(shell::Interp& in, const std::string& reason);
    //! fetch_all() without keeping the rows: they go to `out` (get() on a QuerySet that is
    //! thrown away after it).
    bool evaluate(shell::Interp& in, const std::string& reason, std::vector<shell::Ref>& out) const;
    //! A fresh run for `rows` (no caching): used by get(), first(), slicing.
    bool run(shell::Interp& in, std::vector<shell::Ref>& out) const;

    std::string type_name() const override { return custom_class ? custom_class->name : "QuerySet"; }
    bool repr(shell::Interp& in, std::string& out) override;
    shell::Ref getattr(shell::Interp& in, const std::string& name) override;
    shell::Ref find_method(shell::Interp& in, const std::string& name) override;
    bool setattr(shell::Interp& in, const std::string& name, shell::Ref value) override;
    void drop_references() override { attrs.clear(); }
    int truthy(shell::Interp& in) override;
    bool iterate(shell::Interp& in, std::vector<shell::Ref>& out) override;
    int64_t length(shell::Interp& in) override;
    shell::Ref getitem(shell::Interp& in, const shell::Ref& key) override;
    int contains(shell::Interp& in, const shell::Ref& item) override;
    shell::Ref binop(shell::Interp& in, int op, const shell::Ref& other, bool reflected) override;
};

//! A model manager (`Post.objects`), or a related manager (`user.posts`).
class ManagerObj final : public shell::Object {
public:
    ManagerObj(const models::ModelDef* m, shell::ClassRef cls) : Object(shell::Kind::kNative), model(m), cls(std::move(cls)) {}
    const models::ModelDef* model;
    shell::ClassRef cls;  // the manager's class (a learner's UserManager, or Manager)
    std::string root_recipe;  // recipe of its QuerySets (plain managers), made once
    SharedQuery root_query;   // the Query its QuerySets start from (plain managers), made once
    std::string name = "objects";
    // Related managers: the instance and the FK on `model` pointing at it.
    shell::Ref instance;
    const models::Field* fk = nullptr;
    std::string accessor;  // "posts", "comment_set"
    std::string query_name;  // "posts", "comment"
    std::map<std::string, shell::Ref> attrs;
    shell::ClassRef queryset_class;  // as_manager() / from_queryset(): the learner's QuerySet class
    //! Related managers: the model's default manager when the learner wrote it (a get_queryset
    //! override, a custom QuerySet class). Django's RelatedManager subclasses that manager's
    //! class: its rows are the default manager's get_queryset() filtered by the relation, and
    //! its methods are there. Null for a plain default manager.
    std::shared_ptr<ManagerObj> default_manager;
    bool override_looked_up_ = false;
    shell::Ref get_queryset_override_;  // the learner class's get_queryset, looked up once

    //! self.get_queryset(): the learner's override when the manager's class has one.
    std::shared_ptr<QuerySetObj> get_queryset(shell::Interp& in);
    //! The same, but whatever the override returned (None when its `return` was forgotten).
    shell::Ref get_queryset_object(shell::Interp& in);
    //! A manager method `name`: `on_queryset` with get_queryset()'s QuerySet, or Python's
    //! getattr(result, name)(*args) on anything else (AttributeError on None), as Django does.
    //! (A template: the callback is called directly, no std::function made per call.)
    template <typename OnQuerySet>
    shell::Ref call_on_queryset(shell::Interp& in, const std::string& name, shell::Args& args, OnQuerySet&& on_queryset) {
        shell::Ref r = get_queryset_object(in);
        if (!r) return nullptr;
        if (auto* qs = shell::as<QuerySetObj>(r)) {
            std::shared_ptr<QuerySetObj> q(std::move(r), qs);
            return on_queryset(q);
        }
        return call_on_other(in, r, name, args);
    }
    //! getattr(r, name)(*args) for a get_queryset() that returned something else.
    shell::Ref call_on_other(shell::Interp& in, const shell::Ref& r, const std::string& name, shell::Args& args);
    //! BaseManager.get_queryset(): the model's rows (a related manager's: the instance's).
    std::shared_ptr<QuerySetObj> base_queryset(shell::Interp& in);
    //! True when the manager's class overrides get_queryset() or makes a learner's QuerySet.
    bool is_custom(shell::Interp& in);
    //! The class of the related managers built on this (default) manager: Django's
    //! RelatedManager / ManyRelatedManager subclassing its class. Made once.
    shell::ClassRef related_class(shell::Interp& in, bool many);
    shell::ClassRef related_class_, many_related_class_;
    std::string type_name() const override;
    bool repr(shell::Interp& in, std::string& out) override;
    bool str(shell::Interp& in, std::string& out) override;
    shell::Ref getattr(shell::Interp& in, const std::string& name) override;
    shell::Ref find_method(shell::Interp& in, const std::string& name) override;
    bool setattr(shell::Interp& in, const std::string& name, shell::Ref value) override;
    int truthy(shell::Interp&) override { return 1; }
    bool iterate(shell::Interp& in, std::vector<shell::Ref>& out) override;
};

//! `m._default_manager` when it is the learner's (ManagerObj::is_custom), else null.
std::shared_ptr<ManagerObj> custom_default_manager(shell::Interp& in, const models::ModelDef* m);
//! A fresh QuerySet of `m` as a related manager or a prefetch of a reverse relation starts it:
//! the custom default manager's get_queryset(), or all rows.
std::shared_ptr<QuerySetObj> related_base_queryset(shell::Interp& in, const models::ModelDef* m);

//! The body of a QuerySet method: called with the QuerySet and the call's arguments.
using QuerySetMethodBody = std::function<shell::Ref(shell::Interp&, std::shared_ptr<QuerySetObj>&, shell::Args&)>;
//! QuerySet methods (all, filter, get, ...) on a manager or a QuerySet: `qs.name` as a bound
//! method, or the attribute's value (qs.query, qs.model, ...). With `body` set, a method is not
//! bound: its body goes to *body and None is returned (a manager binds it to itself).
shell::Ref queryset_method(shell::Interp& in, const std::shared_ptr<QuerySetObj>& qs, const std::string& name,
                           QuerySetMethodBody* body = nullptr);
//! Calls QuerySet.`name`, whose body is `body`, on `qs` (what the bound method does).
shell::Ref call_queryset_method(shell::Interp& in, const std::shared_ptr<QuerySetObj>& qs, const std::string& name,
                                const QuerySetMethodBody& body, shell::Args& args);
//! prefetch_related(*lookups)'s arguments appended: a lookup string's name, or a Prefetch()
//! object's prefetch_to with the object in `objects` (null for strings). False when raised.
bool add_prefetch_lookups(shell::Interp& in, const shell::Args& a, std::vector<std::string>& names,
                          std::vector<shell::Ref>& objects);
//! Collector.can_fast_delete(model): every relation pointing at `m` is DO_NOTHING.
bool can_fast_delete(shell::Interp& in, const models::ModelDef* m);
//! QuerySet.delete() when it can be fast: BEGIN, one DELETE, (n, {label: n}) or (0, {}).
shell::Ref fast_delete(shell::Interp& in, Query& q);
//! Deletes the given instances of `m` and everything that cascades; returns (n, {label: n}).
shell::Ref delete_objects(shell::Interp& in, const models::ModelDef* m, std::vector<shell::Ref> instances,
                          bool from_queryset);

}  // namespace gramlab::orm

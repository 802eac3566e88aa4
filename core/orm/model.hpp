// Model classes and instances in the shell: `Post` (its managers, DoesNotExist,
// MultipleObjectsReturned, the methods written in models.py) and `Post(...)` / rows loaded
// from the database (field values, FK caches, reverse managers, save/delete/refresh).
// Mirrors django/db/models/base.py (ModelBase, Model) and related_descriptors.py.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/db/packed_row.hpp"
#include "core/models/base.hpp"
#include "core/orm/instance_values.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

struct RelatedAccess;

//! A model class (`Post`): a class whose attributes are its managers, exceptions and methods.
class ModelClass final : public shell::ClassObj {
public:
    ModelClass(const models::ModelDef* m, std::vector<shell::ClassRef> bases);
    const models::ModelDef* model;
    shell::Ref getattr(shell::Interp& in, const std::string& name) override;
    shell::Ref call(shell::Interp& in, shell::Args& args) override;
    //! At the session's end: empties the attributes set on this class's managers (a learner's
    //! `Post.objects.f = Post.objects.filter` is a cycle through the bound method's self).
    void release_managers();

private:
    //! `objects` of a model without declared managers: also in the class dict, kept here so
    //! `Post.objects` is not a search of that dict (dozens of entries, many "__...").
    shell::Ref default_objects_;
};

//! One model instance.
class ModelInstance final : public shell::Object {
public:
    ModelInstance(const models::ModelDef* m, std::shared_ptr<ModelClass> cls);
    ~ModelInstance() override;
    const models::ModelDef* model;
    std::shared_ptr<ModelClass> cls;
    //! Concrete field values by attname ("post_author_id"), Python objects.
    InstanceValues values;
    //! Related objects cached by field name ("post_author") or reverse one-to-one accessor.
    std::map<std::string, shell::Ref> related_cache;
    //! prefetch_related() results by accessor ("posts" → list of instances).
    std::map<std::string, std::vector<shell::Ref>> prefetched;
    //! refresh_from_db() set _prefetched_objects_cache = {} (it shows in __dict__).
    bool prefetch_cache_set = false;
    //! Attributes set by learner code that are not fields (and annotations).
    std::map<std::string, shell::Ref> extra;
    std::vector<std::string> extra_order;
    //! Fields not loaded (only()/defer()): read on access with one query each.
    std::vector<std::string> deferred;
    bool adding = true;  // _state.adding
    //! The query that loaded this instance (or its root) and the relation path followed from
    //! it; null for instances the learner made. Shared by all rows of one query.
    std::shared_ptr<const RelatedAccess> origin;
    //! Links of OrmRuntime's list of live instances (OrmRuntime::track); `live_in` is null
    //! when the instance is not in it (or the runtime has ended).
    class OrmRuntime* live_in = nullptr;
    ModelInstance* live_prev = nullptr;
    ModelInstance* live_next = nullptr;

    shell::Ref pk_value() const;
    std::string type_name() const override { return model->name; }
    bool repr(shell::Interp& in, std::string& out) override;
    bool str(shell::Interp& in, std::string& out) override;
    shell::Ref getattr(shell::Interp& in, const std::string& name) override;
    bool setattr(shell::Interp& in, const std::string& name, shell::Ref value) override;
    int eq(shell::Interp& in, const shell::Ref& other) override;
    bool hash(shell::Interp& in, uint64_t& out) override;
    bool python_hash(shell::Interp& in, int64_t& out) override;
};

//! The class object for `app.Model` (created once per session).
std::shared_ptr<ModelClass> model_class(shell::Interp& in, const models::ModelDef* m);
//! A model's concrete fields as a query's rows hold them, worked out once per query rather
//! than once per row: the fields in column order, their attnames, the class object, and the
//! column indexes sorted by attname (so ModelInstance::values is filled in key order, by
//! appending).
struct RowLayout {
    RowLayout(shell::Interp& in, const models::ModelDef* m);
    const models::ModelDef* model;
    std::shared_ptr<ModelClass> cls;
    std::vector<const models::Field*> fields;
    std::vector<std::string> attnames;
    std::vector<size_t> by_attname;
};
//! The layout of a model's rows, made once per session (the models do not change in one).
const RowLayout& row_layout(shell::Interp& in, const models::ModelDef* m);
//! A new instance populated from a database row (columns of concrete_fields in order).
std::shared_ptr<ModelInstance> instance_from_row(shell::Interp& in, const models::ModelDef* m,
                                                 const std::vector<Value>& row, size_t offset,
                                                 const std::vector<std::string>& only_attnames = {});
//! The same with the layout computed by the caller (QuerySet evaluation: one layout per query).
std::shared_ptr<ModelInstance> instance_from_row(shell::Interp& in, const RowLayout& layout,
                                                 const std::vector<Value>& row, size_t offset);
//! How one query's rows hold its models: the layout and first column of the queried model
//! (part 0) and of each select_related model (parts 1...). Made once per query.
struct RowParts {
    explicit RowParts(shell::Interp& in) : in(in) {}
    shell::Interp& in;  // instances do not outlive the session's interpreter
    std::vector<std::pair<std::shared_ptr<const RowLayout>, size_t>> parts;
};
//! One loaded row, kept until the values of the instances made from it are first used (see
//! InstanceValues): owned by those instances alone (the queried model's and its
//! select_related ones), so an unread instance keeps its own row alive, not its query's.
class RowSource final : public InstanceValues::Source {
public:
    RowSource(std::shared_ptr<const RowParts> parts, db::PackedRow row) : parts_(std::move(parts)), row_(std::move(row)) {}
    const db::PackedRow& row() const { return row_; }
    //! Fills `out` with part `part`'s values of the row.
    void fill(InstanceValues& out, size_t part) const override;

private:
    std::shared_ptr<const RowParts> parts_;
    db::PackedRow row_;
};
//! A new instance whose values are part `index` of `source` (RowSource), converted when
//! first used (QuerySet evaluation).
std::shared_ptr<ModelInstance> instance_from_source(shell::Interp& in, const RowLayout& layout,
                                                    const std::shared_ptr<const InstanceValues::Source>& source,
                                                    size_t index);
//! The layout of a model's rows, shared (a pending instance keeps it).
std::shared_ptr<const RowLayout> shared_row_layout(shell::Interp& in, const models::ModelDef* m);
//! Model.__init__(**kwargs) with Django's TypeErrors.
shell::Ref construct_instance(shell::Interp& in, const models::ModelDef* m, shell::Args& args);
//! save(force_insert=False, ...) → INSERT or UPDATE, auto_now/auto_now_add, pk assignment.
bool save_instance(shell::Interp& in, ModelInstance& obj, const std::vector<std::string>& update_fields,
                   bool force_insert = false, bool force_update = false);
//! Loads a deferred field (an attname in obj.deferred) with one query, as Django's
//! DeferredAttribute does. False with the exception pending.
bool load_deferred(shell::Interp& in, ModelInstance& obj, const std::string& attname);
//! Model._prepare_related_fields_for_save: a related object assigned before it was saved
//! cannot be saved with this one (its pk is None). False with the ValueError pending.
bool check_related_saved(shell::Interp& in, ModelInstance& obj);
//! The Python object for a literal default written in models.py (callables are called).
shell::Ref value_to_object(shell::Interp& in, const Value& v);
//! Field.flatchoices: the field's (value, label) options, named groups flattened.
std::vector<std::pair<shell::Ref, shell::Ref>> flat_choices(shell::Interp& in, const models::Field& f);
//! target_field() over the registry.
const models::Field* target_field_of(const models::Apps& apps, const models::Field& fk);

}  // namespace gramlab::orm

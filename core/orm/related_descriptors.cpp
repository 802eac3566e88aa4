// ManyRelatedManager and ManyToManyDescriptor: reads go through a QuerySet over the target
// model filtered across the intermediary table; writes go straight to the intermediary table
// with the statements Django 3.2 sends on SQLite, inside transaction.atomic(savepoint=False)
// (so "BEGIN" is logged outside an atomic block):
//   post.likes.add(u1, u2)   INSERT OR IGNORE INTO "social_post_likes" ("post_id", "user_id") SELECT 1, 1 UNION ALL SELECT 1, 2
//   post.likes.remove(u1)    DELETE FROM "social_post_likes" WHERE ("social_post_likes"."post_id" = 1 AND "social_post_likes"."user_id" IN (1))
//   post.likes.clear()       DELETE FROM "social_post_likes" WHERE "social_post_likes"."post_id" = 1
//   post.likes.set([u2])     SELECT of the current ids, then remove() of the old and add() of the new
// Primary keys are gathered in Python sets, so the values appear in CPython's set order.
#include "core/orm/related_descriptors.hpp"

#include <algorithm>

#include "core/models/related.hpp"
#include "core/orm/errors.hpp"
#include "core/orm/field_values.hpp"
#include "core/orm/lookups.hpp"
#include "core/orm/meta.hpp"
#include "core/orm/model.hpp"
#include "core/orm/queryset.hpp"
#include "core/orm/runtime.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/function.hpp"
#include "core/shell/set_order.hpp"

namespace gramlab::orm {

using models::Field;
using models::ModelDef;
using shell::Args;
using shell::Interp;
using shell::Kind;
using shell::Ref;

namespace {

// SQLite's 999 host parameters over the two columns of an auto-created intermediary row
// (DatabaseOperations.bulk_batch_size).
constexpr size_t kMaxQueryParams = 999;

// A Python set of database values: ints iterate in CPython's order, other values (rare:
// non-integer primary keys) in insertion order.
class PkSet {
public:
    void add(const Value& v) {
        if (contains(v)) return;
        items_.push_back(v);
        if (auto n = v.is_int() ? v.as_int() : std::nullopt) ints_.add(*n);
        else all_int_ = false;
    }
    bool contains(const Value& v) const { return std::find(items_.begin(), items_.end(), v) != items_.end(); }
    void discard(const Value& v) {
        auto it = std::find(items_.begin(), items_.end(), v);
        if (it == items_.end()) return;
        items_.erase(it);
        if (auto n = v.is_int() ? v.as_int() : std::nullopt) ints_.discard(*n);
    }
    bool empty() const { return items_.empty(); }
    std::vector<Value> items() const {
        if (!all_int_) return items_;
        std::vector<Value> out;
        for (int64_t n : ints_.items()) out.push_back(Value::of_int(n));
        return out;
    }

private:
    std::vector<Value> items_;
    shell::IntSetOrder ints_;
    bool all_int_ = true;
};

std::string placeholders(size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += i ? ", %s" : "%s";
    return s;
}

std::string repr_of(Interp& in, const Ref& o) {
    std::string r;
    if (!in.repr(o, r)) {
        in.exc = nullptr;
        r = "<object>";
    }
    return r;
}

// transaction.atomic(savepoint=False) around a manager method.
class Atomic {
public:
    explicit Atomic(Interp& in) : in_(in) { ok_ = in.orm->atomic_enter(false, sid_); }
    bool entered() const { return ok_; }
    //! Leaves the block: commits when `ok`, else rolls back. Returns `ok` unless leaving failed.
    bool exit(bool ok) {
        done_ = true;
        return in_.orm->atomic_exit(ok, false, sid_) && ok;
    }
    ~Atomic() {
        if (ok_ && !done_) (void)in_.orm->atomic_exit(false, false, sid_);
    }
    Atomic(const Atomic&) = delete;
    Atomic& operator=(const Atomic&) = delete;

private:
    Interp& in_;
    std::string sid_;
    bool ok_ = false;
    bool done_ = false;
};

class ManyRelatedManagerObj;

// The ManyToManyDescriptor on the model class.
class ManyToManyDescriptorObj final : public shell::Object {
public:
    explicit ManyToManyDescriptorObj(ManyToManySide s) : Object(Kind::kNative), side(std::move(s)) {}
    ManyToManySide side;
    std::string type_name() const override { return "ManyToManyDescriptor"; }
    bool repr(Interp&, std::string& out) override {
        out = "<django.db.models.fields.related_descriptors.ManyToManyDescriptor object at 0x7f0000000000>";
        return true;
    }
    Ref getattr(Interp& in, const std::string& name) override {
        if (name == "through") {
            if (!side.through.through) return in.None;
            return model_class(in, side.through.through);
        }
        if (name == "reverse") return in.boolean(side.reverse);
        return in.raise(in.AttributeError, "'ManyToManyDescriptor' object has no attribute '" + name + "'");
    }
};

class ManyRelatedManagerObj final : public shell::Object {
public:
    ManyRelatedManagerObj(ManyToManySide s, Ref inst) : Object(Kind::kNative), side(std::move(s)), instance(std::move(inst)) {}
    ManyToManySide side;
    Ref instance;

    ModelInstance& inst() const { return *static_cast<ModelInstance*>(instance.get()); }

    std::string type_name() const override { return "ManyRelatedManager"; }
    bool repr(Interp&, std::string& out) override {
        out = "<django.db.models.fields.related_descriptors.create_forward_many_to_many_manager.<locals>."
              "ManyRelatedManager object at 0x7f0000000000>";
        return true;
    }
    // BaseManager.__str__: "<label>.<name>", and a related manager has no name.
    bool str(Interp&, std::string& out) override {
        out = side.target->label() + ".None";
        return true;
    }
    int truthy(Interp&) override { return 1; }
    bool iterate(Interp& in, std::vector<Ref>&) override {
        in.type_error("'ManyRelatedManager' object is not iterable");
        return false;
    }

    // The intermediary-table filter of this manager (core_filters) on `q`.
    bool core_filter(Interp& in, Query& q, const std::string& lookup, const std::vector<Ref>& values) const {
        const Field* target_pk = side.target->pk();
        return q.add_through_filter(in, side.back_name, side.through.through->db_table(), target_pk->column(),
                                    side.target_fk->column(), side.source_fk->column(), side.source->pk(), lookup,
                                    values);
    }

    std::shared_ptr<QuerySetObj> get_queryset(Interp& in) {
        // ManyRelatedManager subclasses the target's default manager: its get_queryset() first.
        auto qs = related_base_queryset(in, side.target);
        if (!qs) return nullptr;
        if (!core_filter(in, qs->query.mut(), "exact", {inst().pk_value()})) return nullptr;
        qs->related_access = follow(inst().origin, side.accessor, false, side.query_name);
        auto pre = inst().prefetched.find(side.accessor);
        if (pre != inst().prefetched.end()) qs->cache = pre->second;
        return qs;
    }

    void remove_prefetched() { inst().prefetched.erase(side.accessor); }

    bool instance_pk(Interp& in, Value& out) const {
        return to_db(in, *side.source->pk(), inst().pk_value(), out);
    }

    // Writes to a custom intermediary model go through it like Django's do, as long as its
    // rows can go with one DELETE (nothing points at the intermediary model).
    bool writable(Interp& in, const char* method) const {
        if (side.through.auto_created) return true;
        if (delete_candidates(*in.apps, *in.orm->through_models, *side.through.through).empty() && !side.symmetrical)
            return true;
        in.not_supported(std::string("ManyRelatedManager.") + method + "() through this custom intermediary model");
        return false;
    }

    // _get_target_ids(): the primary keys of `objs` (instances of the target, or pk values).
    bool target_ids(Interp& in, const Field* target_fk, const std::vector<Ref>& objs, PkSet& out) const {
        const ModelDef* fk_target = target_fk == side.target_fk ? side.target : side.source;
        for (const auto& o : objs) {
            if (auto* obj = shell::as<ModelInstance>(o)) {
                if (obj->model != fk_target) {
                    in.type_error("'" + fk_target->name + "' instance expected, got " + repr_of(in, o));
                    return false;
                }
                // router.allow_relation(): an unsaved object is on no database yet.
                if (obj->adding) {
                    in.value_error("Cannot add \"" + repr_of(in, o) +
                                   "\": instance is on database \"default\", value is on database \"None\"");
                    return false;
                }
                Ref pk = obj->pk_value();
                if (!pk || pk->kind == Kind::kNone) {
                    in.value_error("Cannot add \"" + repr_of(in, o) + "\": the value for field \"" + target_fk->name +
                                   "\" is None");
                    return false;
                }
                Value v;
                if (!to_db(in, *fk_target->pk(), pk, v)) return false;
                out.add(v);
                continue;
            }
            Value v;
            if (!to_db(in, *fk_target->pk(), o, v)) return false;
            out.add(v);
        }
        return true;
    }

    // _add_items() for a custom intermediary model: the ids related already are read first,
    //   SELECT "social_membership"."user_id" FROM "social_membership" WHERE ("social_membership"."group_id" = %s
    //   AND "social_membership"."user_id" IN (%s, %s))
    // then the missing rows go in with a plain bulk_create() (through_defaults and the model's
    // defaults filled in).
    bool add_items_custom(Interp& in, const Field* source_fk, const Field* target_fk, const PkSet& ids,
                          const Ref& through_defaults) {
        const ModelDef* through = side.through.through;
        auto qs = std::make_shared<QuerySetObj>(in, through);
        Ref values_list = queryset_method(in, qs, "values_list");
        Ref vals = values_list ? in.call(values_list, {Interp::string(target_fk->name)}, {{"flat", in.True}}) : nullptr;
        Ref filter = vals ? in.getattr(vals, "filter") : nullptr;
        std::vector<Ref> id_refs;
        for (const Value& v : ids.items()) id_refs.push_back(value_to_object(in, v));
        Ref existing = filter ? in.call(filter, {}, {{source_fk->name, inst().pk_value()},
                                                      {target_fk->name + "__in", Interp::list(id_refs)}})
                              : nullptr;
        std::vector<Ref> present;
        if (!existing || !in.iterate(existing, present)) return false;
        // target_ids.difference(vals): a new set, filled in the order of target_ids.
        PkSet missing;
        for (const Value& v : ids.items()) {
            bool found = false;
            for (const auto& p : present) {
                Value pv;
                if (to_db(in, *target_fk, p, pv) && pv == v) found = true;
                in.exc = nullptr;
            }
            if (!found) missing.add(v);
        }
        std::vector<Ref> rows;
        for (const Value& v : missing.items()) {
            Args kw;
            if (auto* d = shell::as<shell::DictObj>(through_defaults)) {
                for (const auto& kv : d->entries) {
                    std::string k;
                    if (!in.str(kv.first, k)) return false;
                    kw.kw.emplace_back(k, kv.second);
                }
            }
            kw.kw.emplace_back(source_fk->attname(), inst().pk_value());
            kw.kw.emplace_back(target_fk->attname(), value_to_object(in, v));
            Ref row = construct_instance(in, through, kw);
            if (!row) return false;
            rows.push_back(row);
        }
        Args bulk;
        bulk.pos.push_back(Interp::list(rows));
        auto through_qs = std::make_shared<QuerySetObj>(in, through);
        return bulk_create(in, through_qs, bulk) != nullptr;
    }

    // _add_items(): one INSERT OR IGNORE per 499 rows (bulk_create(ignore_conflicts=True)).
    bool add_items(Interp& in, const Field* source_fk, const Field* target_fk, const std::vector<Ref>& objs,
                   const Ref& through_defaults) {
        if (objs.empty()) return true;
        PkSet ids;
        if (!target_ids(in, target_fk, objs, ids)) return false;
        if (!side.through.auto_created) return add_items_custom(in, source_fk, target_fk, ids, through_defaults);
        Value self_pk;
        if (!instance_pk(in, self_pk)) return false;
        std::vector<const Field*> cols;
        for (const auto& f : side.through.through->fields)
            if (!f.is_auto()) cols.push_back(&f);
        std::string col_sql;
        for (size_t i = 0; i < cols.size(); ++i) col_sql += (i ? ", " : "") + quote(cols[i]->column());
        const std::vector<Value> all = ids.items();
        const size_t batch = std::max<size_t>(1, kMaxQueryParams / cols.size());
        for (size_t start = 0; start < all.size(); start += batch) {
            std::string rows;
            std::vector<Value> params;
            for (size_t i = start; i < all.size() && i < start + batch; ++i) {
                rows += (rows.empty() ? "SELECT " : " UNION ALL SELECT ") + placeholders(cols.size());
                for (const Field* c : cols) params.push_back(c == source_fk ? self_pk : all[i]);
            }
            std::string sql = "INSERT OR IGNORE INTO " + quote(side.through.through->db_table()) + " (" + col_sql + ") " + rows;
            if (!in.orm->execute(sql, params)) return false;
        }
        return true;
    }

    // add(*objs, through_defaults=None): both directions for a symmetrical relation.
    bool add(Interp& in, const std::vector<Ref>& objs, const Ref& through_defaults) {
        remove_prefetched();
        Atomic atomic(in);
        if (!atomic.entered()) return false;
        bool ok = add_items(in, side.source_fk, side.target_fk, objs, through_defaults);
        if (ok && side.symmetrical) ok = add_items(in, side.target_fk, side.source_fk, objs, through_defaults);
        return atomic.exit(ok);
    }

    // _remove_items() with the old ids already gathered: one DELETE (none when no id is left).
    bool remove_ids(Interp& in, const PkSet& old_ids) {
        Atomic atomic(in);
        if (!atomic.entered()) return false;
        std::vector<Value> ids;
        for (const Value& v : old_ids.items())
            if (!v.is_none() && std::find(ids.begin(), ids.end(), v) == ids.end()) ids.push_back(v);
        Value self_pk;
        if (!instance_pk(in, self_pk)) return atomic.exit(false);
        if (!ids.empty()) {
            const std::string t = quote(side.through.through->db_table());
            const std::string src = t + "." + quote(side.source_fk->column());
            const std::string tgt = t + "." + quote(side.target_fk->column());
            std::string where = "(" + src + " = %s AND " + tgt + " IN (" + placeholders(ids.size()) + "))";
            std::vector<Value> params{self_pk};
            params.insert(params.end(), ids.begin(), ids.end());
            if (side.symmetrical) {
                where = "(" + where + " OR (" + tgt + " = %s AND " + src + " IN (" + placeholders(ids.size()) + ")))";
                params.push_back(self_pk);
                params.insert(params.end(), ids.begin(), ids.end());
            }
            if (!in.orm->execute("DELETE FROM " + t + " WHERE " + where, params)) return atomic.exit(false);
        }
        return atomic.exit(true);
    }

    // remove(*objs): instances stand for their pk; other values are taken as they are.
    bool remove(Interp& in, const std::vector<Ref>& objs) {
        remove_prefetched();
        if (objs.empty()) return true;
        Atomic atomic(in);
        if (!atomic.entered()) return false;
        PkSet old_ids;
        for (const auto& o : objs) {
            Value v;
            if (!prep_related_value(in, side.target->pk(), o, v)) return atomic.exit(false);
            old_ids.add(v);
        }
        return atomic.exit(remove_ids(in, old_ids));
    }

    bool clear(Interp& in) {
        Atomic atomic(in);
        if (!atomic.entered()) return false;
        remove_prefetched();
        Value self_pk;
        if (!instance_pk(in, self_pk)) return atomic.exit(false);
        const std::string t = quote(side.through.through->db_table());
        const std::string src = t + "." + quote(side.source_fk->column());
        std::string where = src + " = %s";
        std::vector<Value> params{self_pk};
        if (side.symmetrical) {
            where = "(" + where + " OR " + t + "." + quote(side.target_fk->column()) + " = %s)";
            params.push_back(self_pk);
        }
        return atomic.exit(in.orm->execute("DELETE FROM " + t + " WHERE " + where, params));
    }

    bool set(Interp& in, const Ref& objs_ref, bool clear_first, const Ref& through_defaults) {
        std::vector<Ref> objs;
        if (!in.iterate(objs_ref, objs)) return false;  // tuple(objs): a QuerySet runs here
        Atomic atomic(in);
        if (!atomic.entered()) return false;
        if (clear_first) return atomic.exit(clear(in) && add(in, objs, through_defaults));
        // old_ids = set(self.values_list(<target pk attname>, flat=True))
        auto qs = get_queryset(in);
        if (!qs) return atomic.exit(false);
        Ref values_list = queryset_method(in, qs, "values_list");
        if (!values_list) return atomic.exit(false);
        Ref flat = in.call(values_list, {Interp::string(side.target->pk()->attname())}, {{"flat", in.True}});
        std::vector<Ref> current;
        if (!flat || !in.iterate(flat, current)) return atomic.exit(false);
        PkSet old_ids;
        for (const auto& c : current) {
            Value v;
            if (!to_db(in, *side.target->pk(), c, v)) return atomic.exit(false);
            old_ids.add(v);
        }
        std::vector<Ref> new_objs;
        for (const auto& o : objs) {
            Value fk_val;
            auto* obj = shell::as<ModelInstance>(o);
            if (obj && obj->model == side.target) {
                Ref pk = obj->pk_value();
                if (!to_db(in, *side.target->pk(), pk ? pk : in.None, fk_val)) return atomic.exit(false);
            } else if (!to_db(in, *side.target->pk(), o, fk_val)) {
                return atomic.exit(false);
            }
            if (old_ids.contains(fk_val)) old_ids.discard(fk_val);
            else new_objs.push_back(o);
        }
        bool ok = true;
        if (!old_ids.empty()) {
            remove_prefetched();
            ok = remove_ids(in, old_ids);
        }
        return atomic.exit(ok && add(in, new_objs, through_defaults));
    }

    Ref getattr(Interp& in, const std::string& name) override {
        Ref self = shared_from_this();
        auto bind = [&](std::function<Ref(Interp&, ManyRelatedManagerObj&, Args&)> fn) {
            return shell::method(name, self, [fn](Interp& in, Ref& me, Args& a) -> Ref {
                return fn(in, *static_cast<ManyRelatedManagerObj*>(me.get()), a);
            });
        };
        if (name == "model") return model_class(in, side.target);
        if (name == "__class__") {
            auto dm = custom_default_manager(in, side.target);
            return dm ? dm->related_class(in, true) : in.orm->many_related_manager_class;
        }
        if (name == "through") return model_class(in, side.through.through);
        if (name == "instance") return instance;
        if (name == "reverse") return in.boolean(side.reverse);
        if (name == "symmetrical") return in.boolean(side.symmetrical);
        if (name == "source_field_name") return Interp::string(side.source_fk->name);
        if (name == "target_field_name") return Interp::string(side.target_fk->name);
        if (name == "query_field_name") return Interp::string(side.back_name);
        if (name == "get_queryset" || name == "all")
            return bind([](Interp& in, ManyRelatedManagerObj& m, Args&) -> Ref {
                auto qs = m.get_queryset(in);
                if (!qs) return nullptr;
                return qs;
            });
        if (name == "add")
            return bind([](Interp& in, ManyRelatedManagerObj& m, Args& a) -> Ref {
                if (!m.writable(in, "add")) return nullptr;
                const Ref* td = a.find("through_defaults");
                return m.add(in, a.pos, td ? *td : in.None) ? in.None : nullptr;
            });
        if (name == "remove")
            return bind([](Interp& in, ManyRelatedManagerObj& m, Args& a) -> Ref {
                if (!m.writable(in, "remove")) return nullptr;
                return m.remove(in, a.pos) ? in.None : nullptr;
            });
        if (name == "clear")
            return bind([](Interp& in, ManyRelatedManagerObj& m, Args& a) -> Ref {
                if (!shell::check_args(in, "clear", a, 0, 0)) return nullptr;
                if (!m.writable(in, "clear")) return nullptr;
                return m.clear(in) ? in.None : nullptr;
            });
        if (name == "set")
            return bind([](Interp& in, ManyRelatedManagerObj& m, Args& a) -> Ref {
                const Ref* objs = a.pos.empty() ? a.find("objs") : &a.pos[0];
                if (!objs) return in.type_error("set() missing 1 required positional argument: 'objs'");
                if (a.pos.size() > 1)
                    return in.type_error("set() takes 2 positional arguments but " + std::to_string(a.pos.size() + 1) +
                                         " were given");
                bool clear_first = false;
                if (const Ref* c = a.find("clear")) {
                    int t = in.truthy(*c);
                    if (t < 0) return nullptr;
                    clear_first = t == 1;
                }
                if (!m.writable(in, "set")) return nullptr;
                const Ref* td = a.find("through_defaults");
                return m.set(in, *objs, clear_first, td ? *td : in.None) ? in.None : nullptr;
            });
        if (name == "create")
            return bind([](Interp& in, ManyRelatedManagerObj& m, Args& a) -> Ref {
                if (!a.pos.empty())
                    return in.type_error("create() takes 1 positional argument but " + std::to_string(a.pos.size() + 1) +
                                         " were given");
                if (!m.writable(in, "create")) return nullptr;
                Args kw;
                for (const auto& kv : a.kw)
                    if (kv.first != "through_defaults") kw.kw.push_back(kv);
                const Ref* td = a.find("through_defaults");
                auto qs = m.get_queryset(in);
                if (!qs) return nullptr;
                Ref create = queryset_method(in, qs, "create");
                Ref obj = create ? in.call(create, kw) : nullptr;
                if (!obj) return nullptr;
                if (!m.add(in, {obj}, td ? *td : in.None)) return nullptr;
                return obj;
            });
        if (name == "get_or_create" || name == "update_or_create") {
            bool update = name == "update_or_create";
            return bind([update](Interp& in, ManyRelatedManagerObj& m, Args& a) -> Ref {
                if (!m.writable(in, update ? "update_or_create" : "get_or_create")) return nullptr;
                Args kw;
                for (const auto& kv : a.kw)
                    if (kv.first != "through_defaults") kw.kw.push_back(kv);
                const Ref* td = a.find("through_defaults");
                auto qs = m.get_queryset(in);
                if (!qs) return nullptr;
                Ref r = get_or_create(in, qs, kw, update);
                auto* t = shell::as<shell::SeqObj>(r);
                if (!t || t->items.size() != 2) return r;
                // Only a created object needs add(): a found one is related already.
                if (in.truthy(t->items[1]) == 1 && !m.add(in, {t->items[0]}, td ? *td : in.None)) return nullptr;
                return r;
            });
        }
        if (name == "query" || name == "ordered")
            return in.raise(in.AttributeError, "'ManyRelatedManager' object has no attribute '" + name + "'");
        // ManyRelatedManager subclasses the target's default manager class: the learner's
        // manager methods, and those as_manager() copied from the learner's QuerySet.
        if (auto dm = custom_default_manager(in, side.target); dm && name != "get_queryset") {
            Ref own = dm->cls ? dm->cls->lookup(name) : nullptr;
            if (own && own->kind == Kind::kFunction) return shell::make_bound_method(in, own, self);
            Ref fn = dm->queryset_class && !name.empty() && name[0] != '_' ? dm->queryset_class->lookup(name) : nullptr;
            if (fn && fn->kind == Kind::kFunction) {
                auto qs = get_queryset(in);
                if (!qs) return nullptr;
                return shell::make_bound_method(in, fn, qs);
            }
        }
        auto qs = get_queryset(in);
        if (!qs) return nullptr;
        Ref r = queryset_method(in, qs, name);
        if (!r && in.pending_is(in.AttributeError)) {
            in.exc = nullptr;
            return in.raise(in.AttributeError, "'ManyRelatedManager' object has no attribute '" + name + "'");
        }
        return r;
    }
};

}  // namespace

std::optional<ManyToManySide> many_to_many_side(Interp& in, const ModelDef& m, const std::string& name) {
    if (!in.apps || !in.orm || !in.orm->through_models) return std::nullopt;
    const ThroughModels& throughs = *in.orm->through_models;
    ManyToManySide side;
    for (const auto& f : m.fields) {
        if (!f.many_to_many() || f.name != name) continue;
        side.source = &m;
        side.declaring = &m;
        side.target = remote_model(*in.apps, f);
        side.field = &f;
        side.through = throughs.info(m, f);
        side.source_fk = side.through.source_fk;
        side.target_fk = side.through.target_fk;
        side.symmetrical = side.target == &m && models::is_symmetrical(f, m);
        side.accessor = f.name;
        side.query_name = f.name;
        side.back_name = models::related_query_name(f, m);
        break;
    }
    if (!side.field) {
        for (const auto& rr : reverse_relations(*in.apps, m)) {
            if (rr.accessor != name || !rr.field->many_to_many()) continue;
            side.source = &m;
            side.declaring = rr.model;
            side.target = rr.model;
            side.field = rr.field;
            side.reverse = true;
            side.through = throughs.info(*rr.model, *rr.field);
            side.source_fk = side.through.target_fk;
            side.target_fk = side.through.source_fk;
            side.accessor = rr.accessor;
            side.query_name = rr.query_name;
            side.back_name = rr.field->name;
            break;
        }
    }
    if (!side.field || !side.target || !side.through.through || !side.source_fk || !side.target_fk) return std::nullopt;
    if (!side.source->pk() || !side.target->pk()) return std::nullopt;
    return side;
}

Ref many_related_manager(Interp& in, const Ref& instance, const ManyToManySide& side) {
    auto* inst = shell::as<ModelInstance>(instance);
    if (!inst) return in.type_error("a many-to-many manager needs a model instance");
    Ref pk = inst->pk_value();
    if (!pk || pk->kind == Kind::kNone)
        return in.value_error("\"" + repr_of(in, instance) + "\" needs to have a value for field \"" + side.source->pk()->name +
                              "\" before this many-to-many relationship can be used.");
    return std::make_shared<ManyRelatedManagerObj>(side, instance);
}

Ref many_to_many_descriptor(Interp&, const ManyToManySide& side) { return std::make_shared<ManyToManyDescriptorObj>(side); }

bool prefetch_many_to_many(Interp& in, const ManyToManySide& side, std::vector<Ref>& objs, std::vector<Ref>* rows_out,
                           std::shared_ptr<QuerySetObj> base) {
    // get_prefetch_queryset(): <back_name>__in=instances, plus the source column as an extra select.
    std::vector<Ref> pks;
    for (const auto& o : objs) pks.push_back(static_cast<ModelInstance*>(o.get())->pk_value());
    auto qs = base ? base : std::make_shared<QuerySetObj>(in, side.target);
    const Field* target_pk = side.target->pk();
    if (!qs->query.mut().add_through_filter(in, side.back_name, side.through.through->db_table(), target_pk->column(),
                                       side.target_fk->column(), side.source_fk->column(), side.source->pk(), "in", pks))
        return false;
    const std::string extra = "_prefetch_related_val_" + side.source_fk->attname();
    qs->query.mut().extra_select.emplace_back(extra, quote(side.through.through->db_table()) + "." + quote(side.source_fk->column()));
    std::vector<Ref> rows;
    if (!qs->run(in, rows)) return false;
    for (const auto& o : objs) {
        auto* inst = static_cast<ModelInstance*>(o.get());
        std::vector<Ref> mine;
        for (const auto& r : rows) {
            auto* ri = static_cast<ModelInstance*>(r.get());
            auto it = ri->extra.find(extra);
            if (it != ri->extra.end() && in.equals(it->second, inst->pk_value()) == 1) mine.push_back(r);
        }
        inst->prefetched[side.accessor] = std::move(mine);
    }
    if (rows_out) *rows_out = std::move(rows);
    return true;
}

}  // namespace gramlab::orm

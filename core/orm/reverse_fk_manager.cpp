// The write methods of a ForeignKey's reverse manager (`post.comment_set`, `user.posts`), as
// django/db/models/fields/related_descriptors.py create_reverse_many_to_one_manager has them:
//   add(*objs, bulk=True)     UPDATE "blog_comment" SET "article_id" = 1 WHERE "blog_comment"."id" IN (1, 6)
//   remove(*objs, bulk=True)  UPDATE ... SET "article_id" = NULL WHERE ("blog_comment"."article_id" = 1 AND "blog_comment"."id" IN (1))
//   clear(*, bulk=True)       UPDATE ... SET "article_id" = NULL WHERE "blog_comment"."article_id" = 1
//   set(objs, *, bulk=True, clear=False)  SELECT of the current rows, then remove() and add()
// bulk=False saves each object instead, inside transaction.atomic(savepoint=False). remove()
// and clear() exist only when the ForeignKey has null=True; set() without null only adds.
#include <algorithm>

#include "core/orm/model.hpp"
#include "core/orm/query.hpp"
#include "core/orm/queryset.hpp"
#include "core/orm/related_descriptors.hpp"
#include "core/orm/runtime.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/set_order.hpp"

namespace gramlab::orm {

using shell::Args;
using shell::Interp;
using shell::Ref;

namespace {

const std::string kQualname = "create_reverse_many_to_one_manager.<locals>.RelatedManager.";

std::string repr_or(Interp& in, const Ref& o) {
    std::string r;
    if (!in.repr(o, r)) {
        in.exc = nullptr;
        r = "<object>";
    }
    return r;
}

// transaction.atomic(savepoint=False) around a manager method.
class AtomicBlock {
public:
    explicit AtomicBlock(Interp& in) : in_(in) { ok_ = in.orm->atomic_enter(false, sid_); }
    bool entered() const { return ok_; }
    bool exit(bool ok) {
        done_ = true;
        return in_.orm->atomic_exit(ok, false, sid_) && ok;
    }
    ~AtomicBlock() {
        if (ok_ && !done_) (void)in_.orm->atomic_exit(false, false, sid_);
    }
    AtomicBlock(const AtomicBlock&) = delete;
    AtomicBlock& operator=(const AtomicBlock&) = delete;

private:
    Interp& in_;
    std::string sid_;
    bool ok_ = false;
    bool done_ = false;
};

// Python's argument checks of the manager methods (keyword-only bulk/clear).
bool check_kwargs(Interp& in, const std::string& fname, const Args& a, const std::vector<std::string>& allowed) {
    for (const auto& kv : a.kw)
        if (std::find(allowed.begin(), allowed.end(), kv.first) == allowed.end()) {
            in.type_error(kQualname + fname + "() got an unexpected keyword argument '" + kv.first + "'");
            return false;
        }
    return true;
}

bool flag(Interp& in, const Args& a, const std::string& name, bool dflt, bool& out) {
    out = dflt;
    if (const Ref* v = a.find(name)) {
        int t = in.truthy(*v);
        if (t < 0) return false;
        out = t == 1;
    }
    return true;
}

// The primary keys of `objs` as a Python set iterates them (ints in CPython's order).
std::vector<Ref> pk_set(Interp& in, const std::vector<Ref>& pks) {
    std::vector<Ref> uniq;
    bool all_int = true;
    shell::IntSetOrder order;
    for (const auto& p : pks) {
        bool seen = false;
        for (const auto& u : uniq)
            if (in.equals(u, p) == 1) seen = true;
        in.exc = nullptr;
        if (seen) continue;
        uniq.push_back(p);
        if (p->kind == shell::Kind::kInt) order.add(static_cast<shell::IntObj*>(p.get())->value);
        else all_int = false;
    }
    if (!all_int) return uniq;
    std::vector<Ref> out;
    for (int64_t n : order.items()) out.push_back(Interp::integer(n));
    return out;
}

class ReverseFkWriter {
public:
    ReverseFkWriter(Interp& in, ManagerObj& m) : in_(in), m_(m), inst_(*static_cast<ModelInstance*>(m.instance.get())) {}

    void remove_prefetched() { inst_.prefetched.erase(m_.accessor); }

    // check_and_update_obj(): the type check, then obj.<fk> = instance.
    bool check_and_update(const Ref& o, bool set_fk) {
        auto* obj = shell::as<ModelInstance>(o);
        if (!obj || obj->model != m_.model) {
            in_.type_error("'" + m_.model->name + "' instance expected, got " + repr_or(in_, o));
            return false;
        }
        return !set_fk || obj->setattr(in_, m_.fk->name, m_.instance);
    }

    // Model._base_manager.filter(pk__in=pks), or the manager's own queryset (with pk__in).
    std::shared_ptr<QuerySetObj> rows(bool related, const std::vector<Ref>* pks) {
        if (related && instance_value()->kind == shell::Kind::kNone) {
            // _apply_rel_filters(): an instance without a value relates to nothing (none()).
            auto all = std::make_shared<QuerySetObj>(in_, m_.model);
            Ref none = queryset_method(in_, all, "none");
            Ref empty = none ? in_.call(none, {}) : nullptr;
            return empty ? std::dynamic_pointer_cast<QuerySetObj>(empty) : nullptr;
        }
        std::shared_ptr<QuerySetObj> qs = related ? m_.get_queryset(in_) : std::make_shared<QuerySetObj>(in_, m_.model);
        if (!qs) return nullptr;
        qs->cache.reset();
        if (pks) {
            QNode q;
            q.children.push_back({"pk__in", Interp::list(*pks), nullptr});
            if (!qs->query.mut().add_q(in_, q)) return nullptr;
        }
        return qs;
    }

    bool update(const std::shared_ptr<QuerySetObj>& qs, const Ref& value) {
        Ref upd = queryset_method(in_, qs, "update");
        return upd && in_.call(upd, {}, {{m_.fk->name, value}});
    }

    bool add(const std::vector<Ref>& objs, bool bulk) {
        remove_prefetched();
        if (bulk) {
            std::vector<Ref> pks;
            for (const auto& o : objs) {
                if (!check_and_update(o, true)) return false;
                auto* obj = static_cast<ModelInstance*>(o.get());
                if (obj->adding) {
                    in_.value_error(repr_or(in_, o) + " instance isn't saved. Use bulk=False or save the object first.");
                    return false;
                }
                Ref pk = obj->pk_value();
                pks.push_back(pk ? pk : in_.None);
            }
            auto qs = rows(false, &pks);
            return qs && update(qs, m_.instance);
        }
        AtomicBlock atomic(in_);
        if (!atomic.entered()) return false;
        for (const auto& o : objs) {
            if (!check_and_update(o, true)) return atomic.exit(false);
            if (!save_instance(in_, *static_cast<ModelInstance*>(o.get()), {})) return atomic.exit(false);
        }
        return atomic.exit(true);
    }

    // _clear(queryset, bulk)
    bool clear_rows(const std::vector<Ref>* pks, bool bulk) {
        remove_prefetched();
        auto qs = rows(true, pks);
        if (!qs) return false;
        if (bulk) return update(qs, in_.None);
        AtomicBlock atomic(in_);
        if (!atomic.entered()) return false;
        std::vector<Ref> objs;
        if (!in_.iterate(qs, objs)) return atomic.exit(false);
        for (const auto& o : objs) {
            auto* obj = shell::as<ModelInstance>(o);
            if (!obj) continue;
            if (!obj->setattr(in_, m_.fk->name, in_.None)) return atomic.exit(false);
            if (!save_instance(in_, *obj, {m_.fk->name})) return atomic.exit(false);
        }
        return atomic.exit(true);
    }

    // The value the FK stores for the manager's instance (its pk, or to_field).
    Ref instance_value() {
        const models::Field* tf = target_field_of(*in_.apps, *m_.fk);
        Ref val = tf && inst_.values.count(tf->attname()) ? inst_.values[tf->attname()] : inst_.pk_value();
        return val ? val : in_.None;
    }

    bool remove(const std::vector<Ref>& objs, bool bulk) {
        if (objs.empty()) return true;
        Ref val = instance_value();
        std::vector<Ref> old_ids;
        for (const auto& o : objs) {
            if (!check_and_update(o, false)) return false;
            auto* obj = static_cast<ModelInstance*>(o.get());
            auto it = obj->values.find(m_.fk->attname());
            Ref mine = it != obj->values.end() ? it->second : in_.None;
            int eq = in_.equals(mine, val);
            if (eq < 0) return false;
            if (eq == 1) {
                Ref pk = obj->pk_value();
                old_ids.push_back(pk ? pk : in_.None);
                continue;
            }
            auto dne = model_class(in_, inst_.model)->lookup("DoesNotExist");
            in_.raise(std::static_pointer_cast<shell::ClassObj>(dne),
                      repr_or(in_, o) + " is not related to " + repr_or(in_, m_.instance) + ".");
            return false;
        }
        std::vector<Ref> ids = pk_set(in_, old_ids);
        return clear_rows(&ids, bulk);
    }

    bool set(const Ref& objs_ref, bool bulk, bool clear_first) {
        std::vector<Ref> objs;
        if (!in_.iterate(objs_ref, objs)) return false;  // tuple(objs): a QuerySet runs here
        if (!m_.fk->null()) return add(objs, bulk);
        AtomicBlock atomic(in_);
        if (!atomic.entered()) return false;
        if (clear_first) return atomic.exit(clear_rows(nullptr, bulk) && add(objs, bulk));
        // old_objs = set(self.using(db).all())
        std::vector<Ref> current;
        {
            auto fresh = rows(true, nullptr);  // using(db) clones: prefetched rows are not reused
            if (!fresh || !in_.iterate(fresh, current)) return atomic.exit(false);
        }
        std::vector<bool> kept(current.size(), true);
        std::vector<Ref> new_objs;
        for (const auto& o : objs) {
            // Model.__eq__: the same model and primary key (an unsaved object only equals itself).
            bool found = false;
            auto* obj = shell::as<ModelInstance>(o);
            for (size_t i = 0; i < current.size() && !found; ++i) {
                if (!kept[i]) continue;
                auto* c = static_cast<ModelInstance*>(current[i].get());
                if (!obj || obj->model != c->model) continue;
                Ref a = obj->pk_value(), b = c->pk_value();
                if (!a || a->kind == shell::Kind::kNone) continue;
                if (in_.equals(a, b) == 1) {
                    kept[i] = false;
                    found = true;
                }
                in_.exc = nullptr;
            }
            if (!found) new_objs.push_back(o);
        }
        // set(...) iterates instances in the order of their hashes, i.e. of their pks.
        std::vector<Ref> old_objs, old_pks;
        for (size_t i = 0; i < current.size(); ++i)
            if (kept[i]) {
                Ref pk = static_cast<ModelInstance*>(current[i].get())->pk_value();
                old_pks.push_back(pk ? pk : in_.None);
            }
        for (const auto& pk : pk_set(in_, old_pks))
            for (size_t i = 0; i < current.size(); ++i)
                if (kept[i] && in_.equals(static_cast<ModelInstance*>(current[i].get())->pk_value(), pk) == 1) {
                    old_objs.push_back(current[i]);
                    break;
                }
        in_.exc = nullptr;
        bool ok = remove(old_objs, bulk) && add(new_objs, bulk);
        return atomic.exit(ok);
    }

private:
    Interp& in_;
    ManagerObj& m_;
    ModelInstance& inst_;
};

}  // namespace

Ref reverse_fk_write_method(Interp& in, ManagerObj& mgr, const std::string& name) {
    const bool nullable = mgr.fk && mgr.fk->null();
    if (!mgr.instance || !mgr.fk) return nullptr;
    if ((name == "remove" || name == "clear") && !nullable)
        return in.raise(in.AttributeError, "'RelatedManager' object has no attribute '" + name + "'");
    Ref self = mgr.shared_from_this();
    if (name == "add" || name == "remove") {
        return shell::method(name, self, [name](Interp& in, Ref& me, Args& a) -> Ref {
            ReverseFkWriter w(in, *static_cast<ManagerObj*>(me.get()));
            bool bulk = true;
            if (!check_kwargs(in, name, a, {"bulk"}) || !flag(in, a, "bulk", true, bulk)) return nullptr;
            bool ok = name == "add" ? w.add(a.pos, bulk) : w.remove(a.pos, bulk);
            return ok ? in.None : nullptr;
        });
    }
    if (name == "clear") {
        return shell::method(name, self, [](Interp& in, Ref& me, Args& a) -> Ref {
            if (!a.pos.empty())
                return in.type_error(kQualname + "clear() takes 1 positional argument but " +
                                     std::to_string(a.pos.size() + 1) + " were given");
            bool bulk = true;
            if (!check_kwargs(in, "clear", a, {"bulk"}) || !flag(in, a, "bulk", true, bulk)) return nullptr;
            ReverseFkWriter w(in, *static_cast<ManagerObj*>(me.get()));
            return w.clear_rows(nullptr, bulk) ? in.None : nullptr;
        });
    }
    if (name == "set") {
        return shell::method(name, self, [](Interp& in, Ref& me, Args& a) -> Ref {
            if (a.pos.size() != 1) {
                if (a.pos.empty()) return in.type_error(kQualname + "set() missing 1 required positional argument: 'objs'");
                return in.type_error(kQualname + "set() takes 2 positional arguments but " + std::to_string(a.pos.size() + 1) +
                                     " were given");
            }
            bool bulk = true, clear = false;
            if (!check_kwargs(in, "set", a, {"bulk", "clear"}) || !flag(in, a, "bulk", true, bulk) ||
                !flag(in, a, "clear", false, clear))
                return nullptr;
            ReverseFkWriter w(in, *static_cast<ManagerObj*>(me.get()));
            return w.set(a.pos[0], bulk, clear) ? in.None : nullptr;
        });
    }
    if (name == "get_or_create" || name == "update_or_create") {
        // kwargs[self.field.name] = self.instance, then the manager's (already filtered)
        // queryset: the FK condition appears twice in the WHERE, as in Django.
        auto qs = mgr.get_queryset(in);
        if (!qs) return nullptr;
        Ref inner = queryset_method(in, qs, name);
        if (!inner) return nullptr;
        return shell::method(name, self, [inner](Interp& in, Ref& me, Args& a) -> Ref {
            auto* m = static_cast<ManagerObj*>(me.get());
            Args args = a;
            bool replaced = false;
            for (auto& kv : args.kw)
                if (kv.first == m->fk->name) {
                    kv.second = m->instance;
                    replaced = true;
                }
            if (!replaced) args.kw.push_back({m->fk->name, m->instance});
            return in.call(inner, args);
        });
    }
    return nullptr;
}

}  // namespace gramlab::orm

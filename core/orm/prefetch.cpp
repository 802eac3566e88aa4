// prefetch_related() for a list of instances, lookups across several relations included
// ('posts__comment_set', 'comment_set__comment_author'), as django/db/models/query.py
// prefetch_related_objects does it: one query per level, each level's objects are the rows
// the level before fetched; a level already done ('posts' before 'posts__comment_set') or an
// object already fetched (select_related) costs no query. The queries per relation kind:
//   reverse FK     WHERE "fk" IN (<instances' pks, in order>)
//   forward FK     WHERE "pk" IN (<the FK values as a Python set iterates them>)
//   many-to-many   the intermediary join, see prefetch_many_to_many()
#include "core/orm/prefetch.hpp"

#include <algorithm>

#include "core/orm/meta.hpp"
#include "core/orm/model.hpp"
#include "core/orm/query.hpp"
#include "core/orm/queryset.hpp"
#include "core/orm/related_descriptors.hpp"
#include "core/orm/runtime.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/set_order.hpp"

namespace gramlab::orm {

using models::Field;
using models::FieldKind;
using models::ModelDef;
using shell::Interp;
using shell::Kind;
using shell::Ref;

namespace {

ModelInstance* instance_of(const Ref& o) { return shell::as<ModelInstance>(o); }

// {value for ...}: a Python set of the values, None left out (the In lookup discards it);
// ints iterate in CPython's order, anything else in insertion order.
std::vector<Ref> python_set(Interp& in, const std::vector<Ref>& values) {
    std::vector<Ref> uniq;
    bool all_int = true;
    shell::IntSetOrder order;
    for (const auto& v : values) {
        if (!v || v->kind == Kind::kNone) continue;
        bool seen = false;
        for (const auto& u : uniq)
            if (in.equals(u, v) == 1) seen = true;
        in.exc = nullptr;
        if (seen) continue;
        uniq.push_back(v);
        if (v->kind == Kind::kInt) order.add(static_cast<shell::IntObj*>(v.get())->value);
        else all_int = false;
    }
    if (!all_int) return uniq;
    std::vector<Ref> out;
    for (int64_t n : order.items()) out.push_back(Interp::integer(n));
    return out;
}

struct Level {
    const ModelDef* model = nullptr;  // the model of the objects this level yields
    std::vector<Ref> objs;
};

// One level of prefetch_related_objects for `name` on `objs` (all instances of `m`).
// `fetched` says whether a query ran (else the objects came from caches).
// The leaf level of a Prefetch() uses its queryset (filtered by the relation after its own
// filters) and stores the rows under to_attr (a list; the object for a forward FK) instead.
std::shared_ptr<QuerySetObj> base_queryset(Interp& in, const ModelDef* m, const PrefetchObj* pf) {
    if (pf && pf->queryset) return pf->queryset->clone();
    return std::make_shared<QuerySetObj>(in, m);
}

bool store_attr(Interp& in, const Ref& o, const std::string& attr, Ref value) {
    return instance_of(o)->setattr(in, attr, std::move(value));
}

bool prefetch_level(Interp& in, const ModelDef* m, const std::vector<Ref>& objs, const std::string& name,
                    const std::string& lookup, bool leaf, const PrefetchObj* pf, Level& next) {
    if (objs.empty()) return true;
    const std::string to_attr = pf && leaf ? pf->to_attr : std::string();
    if (!leaf) pf = nullptr;
    if (pf && pf->queryset_value) return missing_method(in, pf->queryset_value, "_add_hints") != nullptr;
    // Many-to-many (either side): one query joined to the intermediary table.
    if (auto side = many_to_many_side(in, *m, name)) {
        next.model = side->target;
        std::vector<Ref> todo;
        for (const auto& o : objs)
            if (!instance_of(o)->prefetched.count(side->accessor)) todo.push_back(o);
        if (!todo.empty() || pf) {
            if (todo.empty()) todo = objs;
            std::shared_ptr<QuerySetObj> base = pf && pf->queryset ? pf->queryset->clone() : nullptr;
            if (!prefetch_many_to_many(in, *side, todo, &next.objs, base)) return false;
            if (!to_attr.empty())
                for (const auto& o : todo) {
                    auto* inst = instance_of(o);
                    Ref vals = Interp::list(inst->prefetched[side->accessor]);
                    inst->prefetched.erase(side->accessor);
                    if (!store_attr(in, o, to_attr, vals)) return false;
                }
            return true;
        }
        for (const auto& o : objs)
            for (const auto& r : instance_of(o)->prefetched[side->accessor]) next.objs.push_back(r);
        return true;
    }
    // Forward FK: one query for the targets not cached yet (select_related caches them).
    const Field* fk = m->field(name);
    if (fk && fk->is_fk()) {
        const ModelDef* target = remote_model(*in.apps, *fk);
        next.model = target;
        std::vector<Ref> todo, ids;
        for (const auto& o : objs) {
            auto* inst = instance_of(o);
            if (inst->related_cache.count(name) && !pf) continue;
            todo.push_back(o);
            auto it = inst->values.find(fk->attname());
            ids.push_back(it != inst->values.end() ? it->second : in.None);
        }
        if (todo.empty()) {
            for (const auto& o : objs) {
                Ref r = instance_of(o)->related_cache[name];
                if (r && r->kind != Kind::kNone) next.objs.push_back(r);
            }
            return true;
        }
        std::vector<Ref> rel;
        std::vector<Ref> id_set = python_set(in, ids);
        if (!id_set.empty()) {
            auto qs = base_queryset(in, target, pf);
            QNode q;
            q.children.push_back({target_field(*in.apps, *fk)->name + "__in", Interp::list(id_set), nullptr});
            if (!qs->query.mut().add_q(in, q)) return false;
            if (!qs->run(in, rel)) return false;
        }
        const Field* tf = target_field(*in.apps, *fk);
        for (const auto& o : todo) {
            auto* inst = instance_of(o);
            Ref id = inst->values[fk->attname()];
            Ref found = in.None;
            for (const auto& r : rel) {
                auto* ri = instance_of(r);
                auto v = ri->values.find(tf->attname());
                if (id && id->kind != Kind::kNone && v != ri->values.end() && in.equals(v->second, id) == 1) found = r;
            }
            if (to_attr.empty()) inst->related_cache[name] = found;
            else if (!store_attr(in, o, to_attr, found)) return false;
        }
        next.objs = rel;
        return true;
    }
    for (const auto& rr : reverse_relations(*in.apps, *m)) {
        if (rr.accessor != name) continue;
        next.model = rr.model;
        const bool one = rr.field->kind() == FieldKind::kOneToOne;
        std::vector<Ref> todo;
        for (const auto& o : objs) {
            auto* inst = instance_of(o);
            if (pf || (one ? !inst->related_cache.count(name) : !inst->prefetched.count(name))) todo.push_back(o);
        }
        if (todo.empty()) {
            for (const auto& o : objs) {
                auto* inst = instance_of(o);
                if (one) {
                    Ref r = inst->related_cache[name];
                    if (r && r->kind != Kind::kNone) next.objs.push_back(r);
                } else {
                    for (const auto& r : inst->prefetched[name]) next.objs.push_back(r);
                }
            }
            return true;
        }
        // RelatedIn: the instances' pks, duplicates and None left out, in order (OrderedSet).
        std::vector<Ref> ids;
        for (const auto& o : todo) {
            Ref pk = instance_of(o)->pk_value();
            if (!pk || pk->kind == Kind::kNone) continue;
            bool seen = false;
            for (const auto& x : ids)
                if (in.equals(x, pk) == 1) seen = true;
            in.exc = nullptr;
            if (!seen) ids.push_back(pk);
        }
        // A reverse relation's prefetch starts from the default manager's get_queryset()
        // (RelatedManager.get_prefetch_queryset calls super().get_queryset()).
        auto qs = pf && pf->queryset ? pf->queryset->clone() : related_base_queryset(in, rr.model);
        if (!qs) return false;
        QNode q;
        q.children.push_back({rr.field->name + "__in", Interp::list(ids), nullptr});
        if (!qs->query.mut().add_q(in, q)) return false;
        std::vector<Ref> rel;
        if (!qs->run(in, rel)) return false;
        for (const auto& o : todo) {
            auto* inst = instance_of(o);
            std::vector<Ref> mine;
            for (const auto& r : rel) {
                auto* ri = instance_of(r);
                if (in.equals(ri->values[rr.field->attname()], inst->pk_value()) == 1) {
                    ri->related_cache[rr.field->name] = o;
                    mine.push_back(r);
                }
            }
            if (!to_attr.empty()) {
                if (!store_attr(in, o, to_attr, one ? (mine.empty() ? in.None : mine[0]) : Interp::list(mine))) return false;
            } else if (one) {
                inst->related_cache[name] = mine.empty() ? in.None : mine[0];
            } else {
                inst->prefetched[name] = mine;
            }
        }
        next.objs = rel;
        return true;
    }
    // Not a relation: a field (or nothing at all) on the first object.
    const std::string cls = m->name;
    if (m->field(name) || name == "pk") {
        if (leaf)
            return in.raise(in.ValueError, "'" + lookup +
                                               "' does not resolve to an item that supports prefetching - this is an "
                                               "invalid parameter to prefetch_related().") != nullptr;
        // getattr(obj, name) for each object: the next level looks on those values.
        next.model = nullptr;
        for (const auto& o : objs) {
            Ref v = in.getattr(o, name);
            if (!v) return false;
            if (v->kind != Kind::kNone) next.objs.push_back(v);
        }
        return true;
    }
    return in.raise(in.AttributeError, "Cannot find '" + name + "' on " + cls + " object, '" + lookup +
                                           "' is an invalid parameter to prefetch_related()") != nullptr;
}

}  // namespace

bool do_prefetch(Interp& in, const ModelDef* m, std::vector<Ref>& objs, const std::vector<std::string>& lookups,
                 const std::vector<Ref>& objects) {
    // done_queries: prefetch path -> the objects that level yielded.
    std::vector<std::pair<std::string, Level>> done;
    auto find_done = [&](const std::string& path) -> const Level* {
        for (const auto& d : done)
            if (d.first == path) return &d.second;
        return nullptr;
    };
    for (size_t li = 0; li < lookups.size(); ++li) {
        const PrefetchObj* pf = li < objects.size() ? shell::as<PrefetchObj>(objects[li]) : nullptr;
        // Done queries are keyed by prefetch_to; the relations walked are prefetch_through's.
        if (find_done(lookups[li])) continue;
        const std::string lookup = pf ? pf->prefetch_through : lookups[li];
        std::vector<std::string> parts;
        size_t start = 0;
        for (;;) {
            size_t p = lookup.find("__", start);
            parts.push_back(lookup.substr(start, p == std::string::npos ? std::string::npos : p - start));
            if (p == std::string::npos) break;
            start = p + 2;
        }
        Level cur;
        cur.model = m;
        cur.objs = objs;
        std::string path;
        for (size_t level = 0; level < parts.size(); ++level) {
            if (cur.objs.empty()) break;
            const bool leaf = level + 1 == parts.size();
            path += (level ? "__" : "") + (leaf && pf && !pf->to_attr.empty() ? pf->to_attr : parts[level]);
            if (const Level* d = find_done(path)) {
                cur = *d;
                continue;
            }
            if (!cur.model) {
                // The level before yielded plain values (a field's): nothing to prefetch on them.
                std::string tname = in.type_of(cur.objs[0])->name;
                return in.raise(in.AttributeError, "Cannot find '" + parts[level] + "' on " + tname + " object, '" +
                                                       lookup + "' is an invalid parameter to prefetch_related()") !=
                       nullptr;
            }
            Level next;
            if (!prefetch_level(in, cur.model, cur.objs, parts[level], lookup, leaf, pf, next))
                return false;
            if (next.model) done.emplace_back(path, next);
            cur = std::move(next);
        }
    }
    return true;
}

bool PrefetchObj::repr(Interp&, std::string& out) {
    out = "<django.db.models.query.Prefetch object at 0x7f0000000000>";
    return true;
}

Ref missing_method(Interp& in, const Ref& value, const std::string& method) {
    return in.raise(in.AttributeError, "'" + value->type_name() + "' object has no attribute '" + method + "'");
}

int PrefetchObj::eq(Interp& in, const Ref& other) {
    auto* o = shell::as<PrefetchObj>(other);
    if (!o) return -2;
    if (lookup_value || o->lookup_value) {
        if (lookup_value && o->lookup_value) return in.equals(lookup_value, o->lookup_value);
        return in.equals(lookup_value ? lookup_value : Interp::string(prefetch_to),
                         o->lookup_value ? o->lookup_value : Interp::string(o->prefetch_to));
    }
    return prefetch_to == o->prefetch_to ? 1 : 0;
}

bool PrefetchObj::hash(Interp& in, uint64_t& out) {
    if (lookup_value) return in.hash(lookup_value, out);
    return in.hash(Interp::string(prefetch_to), out);
}

Ref PrefetchObj::getattr(Interp& in, const std::string& name) {
    if (lookup_value && (name == "prefetch_through" || name == "prefetch_to")) return lookup_value;
    if (name == "prefetch_through") return Interp::string(prefetch_through);
    if (name == "prefetch_to") return Interp::string(prefetch_to);
    if (name == "to_attr") return to_attr.empty() ? in.None : Interp::string(to_attr);
    if (name == "queryset") return queryset ? Ref(queryset) : queryset_value ? queryset_value : in.None;
    return in.raise(in.AttributeError, "'Prefetch' object has no attribute '" + name + "'");
}

void install_prefetch_api(Interp&, shell::ModuleObj& models) {
    auto cls = std::make_shared<shell::ClassObj>("Prefetch", "django.db.models.query", std::vector<shell::ClassRef>{});
    cls->construct = [](Interp& in, shell::Args& a) -> Ref {
        static const char* kNames[] = {"lookup", "queryset", "to_attr"};
        Ref vals[3];
        if (a.pos.size() > 3)
            return in.type_error("Prefetch.__init__() takes from 2 to 4 positional arguments but " +
                                 std::to_string(a.pos.size() + 1) + " were given");
        for (size_t i = 0; i < a.pos.size(); ++i) vals[i] = a.pos[i];
        for (const auto& kv : a.kw) {
            int k = -1;
            for (int i = 0; i < 3; ++i)
                if (kv.first == kNames[i]) k = i;
            if (k < 0) return in.type_error("Prefetch.__init__() got an unexpected keyword argument '" + kv.first + "'");
            if (vals[k]) return in.type_error("Prefetch.__init__() got multiple values for argument '" + kv.first + "'");
            vals[k] = kv.second;
        }
        if (!vals[0]) return in.type_error("Prefetch.__init__() missing 1 required positional argument: 'lookup'");
        auto p = std::make_shared<PrefetchObj>();
        // Django keeps the lookup as given; only a str can be split into relations.
        if (vals[0]->kind == Kind::kStr) {
            if (!in.str(vals[0], p->prefetch_through)) return nullptr;
            p->prefetch_to = p->prefetch_through;
        } else {
            p->lookup_value = vals[0];
        }
        if (vals[1] && vals[1]->kind != Kind::kNone) {
            auto qs = std::dynamic_pointer_cast<QuerySetObj>(vals[1]);
            if (qs && qs->shape != RowShape::kModel)
                return in.value_error("Prefetch querysets cannot use raw(), values(), and values_list().");
            if (qs) p->queryset = qs;
            else p->queryset_value = vals[1];
        }
        if (vals[2] && vals[2]->kind != Kind::kNone) {
            if (p->lookup_value) return missing_method(in, p->lookup_value, "split");
            if (!in.str(vals[2], p->to_attr)) return nullptr;
            size_t cut = p->prefetch_through.rfind("__");
            p->prefetch_to = cut == std::string::npos ? p->to_attr : p->prefetch_through.substr(0, cut + 2) + p->to_attr;
        }
        return p;
    };
    models.attrs["Prefetch"] = cls;
}

}  // namespace gramlab::orm

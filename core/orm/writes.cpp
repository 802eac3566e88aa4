// Writing through the ORM: Model.save() (INSERT vs UPDATE, auto_now/auto_now_add),
// create/get_or_create/update_or_create/bulk_create, delete() with Django's Collector
// (cascades, fast deletes, PROTECT/SET_NULL/...), prefetch_related, and managers.
// Mirrors django/db/models/base.py (save_base), query.py and deletion.py.
#include <algorithm>
#include <string_view>

#include "core/orm/compiler.hpp"
#include "core/orm/errors.hpp"
#include "core/orm/field_values.hpp"
#include "core/orm/meta.hpp"
#include "core/orm/model.hpp"
#include "core/orm/query_cache.hpp"
#include "core/orm/queryset.hpp"
#include "core/orm/related_descriptors.hpp"
#include "core/orm/runtime.hpp"
#include "core/orm/through_models.hpp"
#include "core/shell/bound_method.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/function.hpp"
#include "core/shell/datetime.hpp"
#include "core/shell/decimal.hpp"
#include "core/shell/text.hpp"

namespace gramlab::orm {

using models::Field;
using models::FieldKind;
using models::ModelDef;
using shell::Args;
using shell::Interp;
using shell::Kind;
using shell::Ref;

bool check_related_saved(Interp& in, ModelInstance& obj) {
    for (const auto& kv : obj.related_cache) {
        auto* rel = shell::as<ModelInstance>(kv.second);
        if (rel && (!rel->pk_value() || rel->pk_value()->kind == Kind::kNone)) {
            in.value_error("save() prohibited to prevent data loss due to unsaved related object '" + kv.first + "'.");
            return false;
        }
    }
    return true;
}

namespace {

//! Model.save_base / _save_table, after save()'s own checks.
bool save_base(Interp& in, ModelInstance& obj, const std::vector<std::string>& update_fields, bool force_insert,
               bool force_update) {
    const ModelDef* m = obj.model;
    const Field* pk = m->pk();
    Ref pk_val = obj.pk_value();
    bool pk_set = pk_val && pk_val->kind != Kind::kNone;
    // Model._save_table, before pre_save runs.
    if (!pk_set && (force_update || !update_fields.empty())) {
        in.value_error("Cannot force an update in save() with no primary key.");
        return false;
    }
    // pre_save: auto_now on every save, auto_now_add when adding.
    for (const Field* f : concrete_fields(*m)) {
        if (f->kind() != FieldKind::kDateTime && f->kind() != FieldKind::kDate) continue;
        if (f->flag("auto_now") || (f->flag("auto_now_add") && obj.adding)) {
            Ref now = shell::now_aware(in);
            if (f->kind() == FieldKind::kDate) now = in.call_method(now, "date");
            if (!now) return false;
            obj.values[f->attname()] = now;
            obj.deferred.erase(std::remove(obj.deferred.begin(), obj.deferred.end(), f->attname()), obj.deferred.end());
        }
    }
    std::vector<const Field*> fields;
    for (const Field* f : concrete_fields(*m)) {
        if (!update_fields.empty() && std::find(update_fields.begin(), update_fields.end(), f->name) == update_fields.end() &&
            std::find(update_fields.begin(), update_fields.end(), f->attname()) == update_fields.end())
            continue;
        fields.push_back(f);
    }
    // A deferred field written by this save is read first (DeferredAttribute: one query each,
    // in field order), as Django's pre_save reads it.
    for (const Field* f : fields) {
        if (f->primary_key() && pk_set && !force_insert) continue;
        if (std::find(obj.deferred.begin(), obj.deferred.end(), f->attname()) != obj.deferred.end() &&
            !load_deferred(in, obj, f->attname()))
            return false;
    }
    bool updated = false;
    bool skip_update = obj.adding && pk && pk->is_auto() ? false : false;
    if (pk_set && !force_insert && !skip_update) {
        // UPDATE ... SET (NULL literal for None, as Django's SQLUpdateCompiler writes it).
        std::string sets;
        std::vector<Value> params;
        for (const Field* f : fields) {
            if (f->primary_key()) continue;
            Ref v = obj.values.count(f->attname()) ? obj.values[f->attname()] : in.None;
            if (v->kind == Kind::kNone) {
                sets += (sets.empty() ? "" : ", ") + quote(f->column()) + " = NULL";
                continue;
            }
            if (auto* eo = shell::as<ExprObj>(v)) {
                // obj.field = F('field') + 1; obj.save(): the expression goes into the UPDATE.
                Query q(m);
                q.apps = in.apps;
                ExprPtr e = eo->expr->clone();
                if (!q.resolve_expr(in, e, false)) return false;
                Compiler c(in, q);
                std::string esql;
                if (!c.compile_expr(*e, esql, params)) return false;
                sets += (sets.empty() ? "" : ", ") + quote(f->column()) + " = " + esql;
                continue;
            }
            Value dbv;
            if (!to_db(in, *f, v, dbv)) return false;
            sets += (sets.empty() ? "" : ", ") + quote(f->column()) + " = %s";
            params.push_back(dbv);
        }
        Value pkv;
        if (!to_db(in, *pk, pk_val, pkv)) return false;
        params.push_back(pkv);
        if (!sets.empty()) {
            std::string sql = "UPDATE " + quote(m->db_table()) + " SET " + sets + " WHERE " + quote(m->db_table()) + "." +
                              quote(pk->column()) + " = %s";
            if (!in.orm->execute(sql, params)) return false;
            updated = in.orm->changes() > 0;
        } else {
            // Nothing to update: Django checks existence instead.
            std::string sql = "SELECT 1 AS \"a\" FROM " + quote(m->db_table()) + " WHERE " + quote(m->db_table()) + "." +
                              quote(pk->column()) + " = %s LIMIT 1";
            std::vector<db::Row> rows;
            if (!in.orm->execute(sql, {pkv}, &rows)) return false;
            updated = !rows.empty();
        }
        if (force_update && !updated) {
            in.raise(django_exceptions(in).DatabaseError, "Forced update did not affect any rows.");
            return false;
        }
        if (!update_fields.empty() && !updated) {
            in.raise(django_exceptions(in).DatabaseError, "Save with update_fields did not affect any rows.");
            return false;
        }
    }
    if (!updated) {
        std::string cols, marks;
        std::vector<Value> params;
        for (const Field* f : concrete_fields(*m)) {
            if (f->primary_key() && f->is_auto() && !pk_set) continue;
            Ref v = obj.values.count(f->attname()) ? obj.values[f->attname()] : in.None;
            Value dbv;
            if (!to_db(in, *f, v, dbv)) return false;
            cols += (cols.empty() ? "" : ", ") + quote(f->column());
            marks += marks.empty() ? "%s" : ", %s";
            params.push_back(dbv);
        }
        std::string sql = "INSERT INTO " + quote(m->db_table()) + " (" + cols + ") VALUES (" + marks + ")";
        if (cols.empty()) sql = "INSERT INTO " + quote(m->db_table()) + " DEFAULT VALUES";
        if (!in.orm->execute(sql, params)) return false;
        if (!pk_set && pk) obj.values[pk->attname()] = Interp::integer(in.orm->last_insert_rowid());
    }
    obj.adding = false;
    return true;
}

}  // namespace

bool save_instance(Interp& in, ModelInstance& obj, const std::vector<std::string>& update_fields, bool force_insert,
                   bool force_update) {
    if (!check_related_saved(in, obj)) return false;
    // save_base runs under transaction.mark_for_rollback_on_error(): any failure in it breaks
    // an enclosing atomic block.
    if (save_base(in, obj, update_fields, force_insert, force_update)) return true;
    if (in.orm) in.orm->mark_for_rollback_on_error();
    return false;
}

Ref get_or_create(Interp& in, std::shared_ptr<QuerySetObj>& qs, Args& a, bool update) {
    Ref defaults = in.None;
    Args lookup;
    for (const auto& kv : a.kw) {
        if (kv.first == "defaults") defaults = kv.second;
        else lookup.kw.push_back(kv);
    }
    auto cls = model_class(in, qs->model);
    auto dne = std::static_pointer_cast<shell::ClassObj>(cls->lookup("DoesNotExist"));
    auto create = [&]() -> Ref {
        // _create_object_from_params: inside transaction.atomic().
        std::string sid;
        if (!in.orm->atomic_enter(in.orm->atomic_depth > 0, sid)) return nullptr;
        Args params;
        for (const auto& kv : lookup.kw)
            if (kv.first.find("__") == std::string::npos) params.kw.push_back(kv);
        if (auto* d = shell::as<shell::DictObj>(defaults)) {
            for (const auto& kv : d->entries) {
                std::string k;
                if (!in.str(kv.first, k)) return nullptr;
                bool replaced = false;
                for (auto& p : params.kw)
                    if (p.first == k) { p.second = kv.second; replaced = true; }
                if (!replaced) params.kw.emplace_back(k, kv.second);
            }
        }
        Ref create_fn = queryset_method(in, qs, "create");
        Ref obj = in.call(create_fn, params);
        bool ok = obj != nullptr;
        if (!in.orm->atomic_exit(ok, in.orm->atomic_depth > 1, sid)) return nullptr;
        if (!ok) return nullptr;
        return Interp::tuple({obj, in.True});
    };
    if (update) {
        std::string sid;
        if (!in.orm->atomic_enter(in.orm->atomic_depth > 0, sid)) return nullptr;
        Ref get_fn = queryset_method(in, qs, "get");
        Ref obj = in.call(get_fn, lookup);
        if (!obj) {
            if (!in.pending_is(dne)) {
                in.orm->atomic_exit(false, in.orm->atomic_depth > 1, sid);
                return nullptr;
            }
            in.exc = nullptr;
            Ref r = create();
            if (!in.orm->atomic_exit(r != nullptr, in.orm->atomic_depth > 1, sid)) return nullptr;
            return r;
        }
        if (auto* d = shell::as<shell::DictObj>(defaults)) {
            for (const auto& kv : d->entries) {
                std::string k;
                if (!in.str(kv.first, k)) return nullptr;
                if (!obj->setattr(in, k, kv.second)) return nullptr;
            }
        }
        bool ok = save_instance(in, *static_cast<ModelInstance*>(obj.get()), {});
        if (!in.orm->atomic_exit(ok, in.orm->atomic_depth > 1, sid)) return nullptr;
        if (!ok) return nullptr;
        return Interp::tuple({obj, in.False});
    }
    Ref get_fn = queryset_method(in, qs, "get");
    Ref obj = in.call(get_fn, lookup);
    if (obj) return Interp::tuple({obj, in.False});
    if (!in.pending_is(dne)) return nullptr;
    in.exc = nullptr;
    return create();
}

Ref bulk_update(Interp& in, std::shared_ptr<QuerySetObj>& qs, Args& a) {
    std::vector<Ref> v;
    if (!bind_arguments(in, "bulk_update", {"objs", "fields", "batch_size"}, 2, a, v)) return nullptr;
    int64_t batch_size = 0;
    if (v[2] && v[2]->kind != Kind::kNone) {
        if (v[2]->kind != Kind::kInt && v[2]->kind != Kind::kBool)
            return in.type_error("'<' not supported between instances of '" + v[2]->type_name() + "' and 'int'");
        batch_size = static_cast<shell::IntObj*>(v[2].get())->value;
        if (v[2]->kind == Kind::kBool) batch_size = v[2] == in.True ? 1 : 0;
        if (batch_size < 0) return in.value_error("Batch size must be a positive integer.");
    }
    const int fields_given = in.truthy(v[1]);
    if (fields_given < 0) return nullptr;
    if (!fields_given) return in.value_error("Field names must be given to bulk_update().");
    std::vector<Ref> objs;
    if (!in.iterate(v[0], objs)) return nullptr;
    for (const Ref& obj : objs) {
        Ref pk = in.getattr(obj, "pk");
        if (!pk) return nullptr;
        if (pk->kind == Kind::kNone) return in.value_error("All bulk_update() objects must have a primary key set.");
    }
    std::vector<Ref> names;
    if (!in.iterate(v[1], names)) return nullptr;
    const ModelDef& model = *qs->model;
    std::vector<const Field*> fields;
    for (const Ref& n : names) {
        std::string name;
        if (!in.str(n, name)) return nullptr;
        const Field* f = model.field(name);
        for (const auto& candidate : model.fields)
            if (!f && candidate.attname() == name) f = &candidate;  // get_field() takes attnames too
        if (!f) {
            // _meta.get_field() also knows the reverse relations; they are not concrete.
            std::vector<std::string> known = qs->query->field_choices(model, false);
            if (std::find(known.begin(), known.end(), name) == known.end())
                return in.raise(django_exceptions(in).FieldDoesNotExist, model.name + " has no field named '" + name + "'");
        }
        fields.push_back(f);
    }
    for (const Field* f : fields)
        if (!f || f->many_to_many()) return in.value_error("bulk_update() can only be used with concrete fields.");
    for (const Field* f : fields)
        if (f->primary_key()) return in.value_error("bulk_update() cannot be used with primary key fields.");
    if (objs.empty()) return in.None;
    if (!check_connection(in, qs->query->db_alias)) return nullptr;  // connections[self.db].ops
    // SQLite's bulk_batch_size(['pk', 'pk'] + fields): 999 parameters at most per query.
    const int64_t max_batch = 999 / static_cast<int64_t>(2 + fields.size());
    const int64_t batch = batch_size ? std::min(batch_size, max_batch) : max_batch;
    const Field* pk_field = model.pk();
    const std::string pk_column = "\"" + model.db_table() + "\".\"" + pk_field->column() + "\"";
    std::string sid;
    if (!in.orm->atomic_enter(false, sid)) return nullptr;
    auto fail = [&]() -> Ref {  // leaves the atomic block, keeping the exception being raised
        Ref pending = in.exc;
        in.exc = nullptr;
        in.orm->atomic_exit(false, false, sid);
        in.exc = pending;
        return nullptr;
    };
    for (size_t start = 0; start < objs.size(); start += static_cast<size_t>(batch)) {
        const size_t end = std::min(objs.size(), start + static_cast<size_t>(batch));
        std::vector<Ref> pks;
        std::vector<Value> pk_values;
        for (size_t i = start; i < end; ++i) {
            Ref pk = in.getattr(objs[i], "pk");
            Value pv;
            if (!pk || !to_db(in, *pk_field, pk, pv)) return fail();
            pks.push_back(pk);
            pk_values.push_back(pv);
        }
        // self.filter(pk__in=pks): the query the UPDATE runs on, which also resolves the
        // expressions (F('numOfLike') + 1) that objects hold as values.
        Ref filtered = in.call_method(qs, "filter", {}, {{"pk__in", Interp::list(pks)}});
        if (!filtered) return fail();
        Query q = *static_cast<QuerySetObj*>(filtered.get())->query;
        // Case(When(pk=obj.pk, then=Value(getattr(obj, attname), output_field=field)), ...), or
        // then=the expression itself: a None value is the literal NULL, as Value(None) compiles.
        std::vector<std::pair<const Field*, ExprPtr>> sets;
        for (const Field* f : fields) {
            // update_kwargs is a dict by attname: a field named twice is set once.
            if (std::any_of(sets.begin(), sets.end(), [&](const auto& set) { return set.first == f; })) continue;
            auto node = std::make_shared<ExprNode>(ExprNode::Kind::kRaw);
            node->sql = "CASE";
            for (size_t i = start; i < end; ++i) {
                Ref value = in.getattr(objs[i], f->attname());
                if (!value) return fail();
                node->sql += " WHEN (" + pk_column + " = %s) THEN ";
                node->params.push_back(pk_values[i - start]);
                // Django 3.2 keeps an Expression as it is and wraps anything else in Value(): a
                // bare F() is not an Expression there (only Combinable), so it is stored as the
                // text 'F(name)' (or fails the field's conversion), while F('n') + 1 is one.
                auto* eo = shell::as<ExprObj>(value);
                if (eo && eo->expr && eo->expr->kind == ExprNode::Kind::kF) eo = nullptr;
                if (eo) {
                    ExprPtr e = eo->expr->clone();
                    if (!q.resolve_expr(in, e, /*allow_joins=*/false)) return fail();
                    std::string sql;
                    Compiler ec(in, q);
                    if (!ec.compile_expr(*e, sql, node->params)) return fail();
                    node->sql += sql;
                } else if (value->kind == Kind::kNone) {
                    node->sql += "NULL";
                } else {
                    Value db;
                    if (!to_db(in, *f, value, db)) return fail();
                    node->sql += "%s";
                    node->params.push_back(db);
                }
            }
            node->sql += " ELSE NULL END";
            sets.emplace_back(f, node);
        }
        // .update(**update_kwargs)
        Compiler c(in, q);
        SqlText t;
        bool empty = false;
        if (!c.update(sets, {}, t, empty)) return fail();
        if (!empty && !in.orm->execute(t.sql, t.params)) return fail();
    }
    if (!in.orm->atomic_exit(true, false, sid)) return nullptr;
    return in.None;
}

Ref bulk_create(Interp& in, std::shared_ptr<QuerySetObj>& qs, Args& a) {
    if (a.pos.empty()) return in.type_error("bulk_create() missing 1 required positional argument: 'objs'");
    // bulk_create(objs, batch_size=None, ignore_conflicts=False)
    if (a.pos.size() > 3)
        return in.type_error("QuerySet.bulk_create() takes from 2 to 4 positional arguments but " +
                             std::to_string(a.pos.size() + 1) + " were given");
    for (const auto& kv : a.kw) {
        if (kv.first != "batch_size" && kv.first != "ignore_conflicts" && kv.first != "objs")
            return in.type_error("QuerySet.bulk_create() got an unexpected keyword argument '" + kv.first + "'");
    }
    const Ref* ic = a.pos.size() > 2 ? &a.pos[2] : a.find("ignore_conflicts");
    const int ignore_conflicts = ic && *ic ? in.truthy(*ic) : 0;
    if (ignore_conflicts < 0) return nullptr;
    std::vector<Ref> objs;
    if (!in.iterate(a.pos[0], objs)) return nullptr;
    // batch_size (positional or keyword): None, or a positive int (Django asserts it). A
    // positive float passes the assert and fails in range() unless the backend's maximum
    // (min(batch_size, max_batch_size)) replaces it; True counts as 1.
    int64_t batch_size = 0;
    double batch_float = 0;
    const Ref* bs = a.pos.size() > 1 ? &a.pos[1] : a.find("batch_size");
    if (bs && *bs && (*bs)->kind != Kind::kNone) {
        if ((*bs)->kind == Kind::kFloat) {
            batch_float = static_cast<shell::FloatObj*>(bs->get())->value;
            if (!(batch_float > 0)) return in.raise(in.AssertionError, "");
        } else if ((*bs)->kind == Kind::kBool) {
            if (!static_cast<shell::BoolObj*>(bs->get())->value) return in.raise(in.AssertionError, "");
            batch_size = 1;
        } else {
            auto* n = shell::as<shell::IntObj>(*bs);
            if (!n || (*bs)->kind != Kind::kInt) return in.type_error("'>' not supported between instances of '" + in.type_of(*bs)->name + "' and 'int'");
            if (n->value <= 0) return in.raise(in.AssertionError, "");
            batch_size = n->value;
        }
    }
    if (objs.empty()) return Interp::list({});
    const ModelDef* m = qs->model;
    std::string sid;
    // QuerySet.bulk_create(): transaction.atomic(savepoint=False), so no SAVEPOINT when nested.
    if (!in.orm->atomic_enter(false, sid)) return nullptr;
    // Objects with and without a pk are inserted separately, each as one multi-row INSERT.
    std::vector<ModelInstance*> with_pk, without_pk;
    for (const auto& o : objs) {
        auto* inst = shell::as<ModelInstance>(o);
        if (!inst || inst->model != m) {
            in.orm->atomic_exit(false, false, sid);
            return in.type_error("bulk_create() expects " + m->name + " instances");
        }
        for (const Field* f : concrete_fields(*m))
            if (f->kind() == FieldKind::kDateTime && (f->flag("auto_now") || f->flag("auto_now_add")))
                inst->values[f->attname()] = shell::now_aware(in);
        Ref pk = inst->pk_value();
        (pk && pk->kind != Kind::kNone ? with_pk : without_pk).push_back(inst);
    }
    for (int pass = 0; pass < 2; ++pass) {
        auto& group = pass == 0 ? with_pk : without_pk;
        if (group.empty()) continue;
        std::string cols;
        std::vector<const Field*> fields;
        for (const Field* f : concrete_fields(*m)) {
            if (pass == 1 && f->primary_key() && f->is_auto()) continue;
            fields.push_back(f);
            cols += (cols.empty() ? "" : ", ") + quote(f->column());
        }
        // _batched_insert(): SQLite's bulk_batch_size is 500 rows for one field
        // (SQLITE_MAX_COMPOUND_SELECT), else 999 // fields bound parameters; one INSERT each.
        int64_t max_batch = fields.size() == 1 ? 500 : std::max<int64_t>(999 / static_cast<int64_t>(fields.size()), 1);
        int64_t batch = batch_size > 0 ? std::min(batch_size, max_batch) : max_batch;
        if (batch_float > 0 && batch_float < static_cast<double>(max_batch)) {
            in.orm->atomic_exit(false, false, sid);
            return in.type_error("'float' object cannot be interpreted as an integer");
        }
        for (size_t start = 0; start < group.size(); start += static_cast<size_t>(batch)) {
            size_t end = std::min(group.size(), start + static_cast<size_t>(batch));
            std::string rows;
            std::vector<Value> params;
            for (size_t i = start; i < end; ++i) {
                ModelInstance* inst = group[i];
                std::string marks;
                for (const Field* f : fields) {
                    Ref v = inst->values.count(f->attname()) ? inst->values[f->attname()] : in.None;
                    Value dbv;
                    if (!to_db(in, *f, v, dbv)) {
                        in.orm->atomic_exit(false, false, sid);
                        return nullptr;
                    }
                    marks += marks.empty() ? "%s" : ", %s";
                    params.push_back(dbv);
                }
                rows += (rows.empty() ? "SELECT " : " UNION ALL SELECT ") + marks;
            }
            // The SQLite backend's bulk_insert_sql: SELECT ... UNION ALL SELECT ...; with
            // ignore_conflicts its insert_statement() is INSERT OR IGNORE.
            std::string sql = std::string(ignore_conflicts ? "INSERT OR IGNORE INTO " : "INSERT INTO ") +
                              quote(m->db_table()) + " (" + cols + ") " + rows;
            if (!in.orm->execute(sql, params)) {
                in.orm->atomic_exit(false, false, sid);
                return nullptr;
            }
        }
        for (auto* inst : group) inst->adding = false;
    }
    if (!in.orm->atomic_exit(true, false, sid)) return nullptr;
    return Interp::list(objs);
}

// ------------------------------------------------------------------------- deletion

namespace {

// get_candidate_relations_to_delete(): the foreign keys pointing at `m`, the intermediary
// tables of its many-to-many relations included.
std::vector<RelatedFk> delete_relations(Interp& in, const ModelDef& m) {
    if (!in.apps || !in.orm || !in.orm->through_models) return {};
    return delete_candidates(*in.apps, *in.orm->through_models, m);
}

struct Collector {
    Interp& in;
    std::vector<std::pair<const ModelDef*, std::vector<Ref>>> data;  // instances to delete, in collection order
    std::vector<std::pair<const ModelDef*, SqlText>> fast_deletes;
    std::vector<std::pair<const ModelDef*, std::pair<const Field*, std::vector<Value>>>> set_null;

    std::vector<Ref>* slot(const ModelDef* m) {
        for (auto& d : data)
            if (d.first == m) return &d.second;
        data.emplace_back(m, std::vector<Ref>{});
        return &data.back().second;
    }

    bool has_cascades(const ModelDef* m) {
        for (const auto& rr : delete_relations(in, *m)) {
            Value od = rr.field->get("on_delete");
            if (od.text.find("DO_NOTHING") == std::string::npos) return true;
        }
        return false;
    }

    bool collect(const ModelDef* m, const std::vector<Ref>& objs) {
        auto* s = slot(m);
        std::vector<Ref> fresh;
        for (const auto& o : objs) {
            bool seen = false;
            for (const auto& x : *s)
                if (in.equals(x, o) == 1) seen = true;
            if (!seen) fresh.push_back(o);
        }
        if (fresh.empty()) return true;
        s->insert(s->end(), fresh.begin(), fresh.end());
        std::vector<Value> ids;
        for (const auto& o : fresh) {
            Value v;
            if (!to_db(in, *m->pk(), static_cast<ModelInstance*>(o.get())->pk_value(), v)) return false;
            ids.push_back(v);
        }
        // model_fast_deletes: per related model (in first-seen order) the fields to match, so a
        // model pointing here twice (an m2m to self's intermediary table) gets one DELETE:
        //   DELETE FROM "t" WHERE ("t"."from_user_id" IN (4) OR "t"."to_user_id" IN (4))
        std::vector<std::pair<const ModelDef*, std::vector<const Field*>>> model_fast;
        for (const auto& rr : delete_relations(in, *m)) {
            std::string od = rr.field->get("on_delete").text;
            if (od.find("DO_NOTHING") != std::string::npos) continue;
            bool cascade = od.find("CASCADE") != std::string::npos;
            if (cascade && !has_cascades(rr.model)) {
                auto it = std::find_if(model_fast.begin(), model_fast.end(), [&](const auto& e) { return e.first == rr.model; });
                if (it == model_fast.end()) model_fast.push_back({rr.model, {rr.field}});
                else it->second.push_back(rr.field);
                continue;
            }
            // Fetch the related objects (only their pk, as Django does without signals).
            auto qs = std::make_shared<QuerySetObj>(in, rr.model);
            qs->query.mut().only.insert(rr.model->pk()->name);
            QNode q;
            std::vector<Ref> idrefs;
            for (const auto& o : fresh) idrefs.push_back(static_cast<ModelInstance*>(o.get())->pk_value());
            q.children.push_back({rr.field->name + "__in", Interp::list(idrefs), nullptr});
            if (!qs->query.mut().add_q(in, q)) return false;
            std::vector<Ref> sub;
            if (!qs->run(in, sub)) return false;
            if (sub.empty()) continue;
            if (od.find("PROTECT") != std::string::npos || od.find("RESTRICT") != std::string::npos) {
                bool protect = od.find("PROTECT") != std::string::npos;
                std::string reprs;
                std::string r;
                if (!in.repr(sub[0], r)) return false;
                std::string msg = "Cannot delete some instances of model '" + m->name + "' because they are referenced through " +
                                  (protect ? "protected" : "restricted") + " foreign keys: '" + rr.model->name + "." + rr.field->name + "'.";
                auto e = std::make_shared<shell::ExceptionObj>(protect ? django_exceptions(in).ProtectedError : django_exceptions(in).RestrictedError,
                                                               std::vector<Ref>{Interp::string(msg)});
                e->message_override = "(\"" + msg + "\", {" + r + (sub.size() > 1 ? ", ..." : "") + "})";
                e->has_override = true;
                in.raise_obj(e);
                return false;
            }
            if (od.find("SET_NULL") != std::string::npos || od.find("SET_DEFAULT") != std::string::npos) {
                std::vector<Value> sub_ids;
                for (const auto& o : sub) {
                    Value v;
                    to_db(in, *rr.model->pk(), static_cast<ModelInstance*>(o.get())->pk_value(), v);
                    sub_ids.push_back(v);
                }
                set_null.push_back({rr.model, {rr.field, sub_ids}});
                continue;
            }
            if (!collect(rr.model, sub)) return false;
        }
        std::string list;
        for (size_t i = 0; i < ids.size(); ++i) list += i ? ", %s" : "%s";
        for (const auto& f : model_fast) {
            const std::string table = quote(f.first->db_table());
            SqlText t;
            std::string where;
            for (size_t k = 0; k < f.second.size(); ++k) {
                where += (k ? " OR " : "") + table + "." + quote(f.second[k]->column()) + " IN (" + list + ")";
                t.params.insert(t.params.end(), ids.begin(), ids.end());
            }
            if (f.second.size() > 1) where = "(" + where + ")";
            t.sql = "DELETE FROM " + table + " WHERE " + where;
            fast_deletes.emplace_back(f.first, t);
        }
        return true;
    }
};

}  // namespace

bool can_fast_delete(Interp& in, const ModelDef* m) {
    for (const auto& rr : delete_relations(in, *m))
        if (rr.field->get("on_delete").text.find("DO_NOTHING") == std::string::npos) return false;
    return true;
}

Ref fast_delete(Interp& in, Query& q) {
    Compiler c(in, q);
    SqlText t;
    bool empty = false;
    if (!c.delete_rows(t, empty)) return nullptr;
    // Collector.delete(): the fast deletes run inside atomic(savepoint=False).
    std::string sid;
    if (!in.orm->atomic_enter(false, sid)) return nullptr;
    bool ok = empty || in.orm->execute(t.sql, t.params);
    int64_t n = ok && !empty ? in.orm->changes() : 0;
    if (!in.orm->atomic_exit(ok, false, sid)) return nullptr;
    if (!ok) return nullptr;
    auto counts = Interp::dict();
    if (n) counts->entries.emplace_back(Interp::string(q.model->label()), Interp::integer(n));
    return Interp::tuple({Interp::integer(n), counts});
}

Ref delete_objects(Interp& in, const ModelDef* m, std::vector<Ref> instances, bool from_queryset) {
    for (const auto& o : instances) {
        auto* inst = static_cast<ModelInstance*>(o.get());
        Ref pk = inst->pk_value();
        if (!pk || pk->kind == Kind::kNone)
            return in.raise(in.AssertionError, m->name + " object can't be deleted because its " + m->pk()->attname() +
                                                   " attribute is set to None.");
    }
    Collector c{in, {}, {}, {}};
    if (!c.collect(m, instances)) return nullptr;
    auto counts = Interp::dict();
    int64_t total = 0;
    auto add_count = [&](const ModelDef* model, int64_t n) {
        total += n;
        Ref key = Interp::string(model->label());
        int64_t i = counts->find(in, key);
        if (i >= 0) {
            auto& slot = counts->entries[static_cast<size_t>(i)].second;
            slot = Interp::integer(static_cast<shell::IntObj*>(slot.get())->value + n);
        } else if (n > 0 || true) {
            counts->entries.emplace_back(key, Interp::integer(n));
        }
    };
    // A single object without dependencies is deleted without a transaction.
    bool fast_single = !from_queryset && c.data.size() == 1 && c.data[0].second.size() == 1 && can_fast_delete(in, m);
    std::string sid;
    if (!fast_single && !in.orm->atomic_enter(false, sid)) return nullptr;
    bool ok = true;
    for (auto& fd : c.fast_deletes) {
        if (!(ok = in.orm->execute(fd.second.sql, fd.second.params))) break;
        add_count(fd.first, in.orm->changes());
    }
    for (size_t i = 0; ok && i < c.set_null.size(); ++i) {
        auto& sn = c.set_null[i];
        const Field* f = sn.second.first;
        std::string list;
        for (size_t k = 0; k < sn.second.second.size(); ++k) list += k ? ", %s" : "%s";
        Value dflt = Value::none();
        std::string set_sql = quote(f->column()) + " = NULL";
        std::vector<Value> params;
        if (f->get("on_delete").text.find("SET_DEFAULT") != std::string::npos) {
            Ref d = field_default(in, *f);
            if (!d || !to_db(in, *f, d, dflt)) { ok = false; break; }
            set_sql = quote(f->column()) + " = %s";
            params.push_back(dflt);
        }
        params.insert(params.end(), sn.second.second.begin(), sn.second.second.end());
        std::string sql = "UPDATE " + quote(sn.first->db_table()) + " SET " + set_sql + " WHERE " + quote(sn.first->db_table()) +
                          "." + quote(sn.first->pk()->column()) + " IN (" + list + ")";
        ok = in.orm->execute(sql, params);
    }
    // Instances: dependents first (reverse collection order puts children before parents).
    for (auto it = c.data.rbegin(); ok && it != c.data.rend(); ++it) {
        if (it->second.empty()) continue;
        std::vector<Value> ids;
        for (const auto& o : it->second) {
            Value v;
            to_db(in, *it->first->pk(), static_cast<ModelInstance*>(o.get())->pk_value(), v);
            ids.push_back(v);
        }
        // Collector.delete(): each model's instances sorted by pk, then reversed.
        if (std::all_of(ids.begin(), ids.end(), [](const Value& v) { return v.is_int(); }))
            std::stable_sort(ids.begin(), ids.end(), [](const Value& a, const Value& b) {
                return a.as_int().value_or(0) > b.as_int().value_or(0);
            });
        SqlText t = Compiler::delete_batch(*it->first, it->first->pk()->column(), ids);
        if (!(ok = in.orm->execute(t.sql, t.params))) break;
        add_count(it->first, in.orm->changes());
    }
    if (!fast_single && !in.orm->atomic_exit(ok, false, sid)) return nullptr;
    if (!ok) return nullptr;
    for (auto& d : c.data)
        for (auto& o : d.second) static_cast<ModelInstance*>(o.get())->values[d.first->pk()->attname()] = in.None;
    // Counts of zero are dropped, as Django's Counter-based result does.
    std::vector<std::pair<Ref, Ref>> kept;
    for (auto& e : counts->entries)
        if (static_cast<shell::IntObj*>(e.second.get())->value != 0) kept.push_back(e);
    counts->entries = kept;
    return Interp::tuple({Interp::integer(total), counts});
}

// ------------------------------------------------------------------------- prefetch_related

// do_prefetch(): core/orm/prefetch.cpp.

// ------------------------------------------------------------------------- managers

bool ManagerObj::is_custom(Interp&) {
    if (instance || !cls) return false;
    if (!override_looked_up_) {
        Ref fn = cls->lookup("get_queryset");
        if (fn && fn->kind == Kind::kFunction) get_queryset_override_ = fn;
        override_looked_up_ = true;
    }
    return get_queryset_override_ || queryset_class;
}

shell::ClassRef ManagerObj::related_class(Interp& in, bool many) {
    shell::ClassRef& slot = many ? many_related_class_ : related_class_;
    if (!slot) {
        const shell::ClassRef& plain = many ? in.orm->many_related_manager_class : in.orm->related_manager_class;
        slot = std::make_shared<shell::ClassObj>(plain->name, plain->module, std::vector<shell::ClassRef>{cls ? cls : in.orm->manager_class});
        slot->qualname = plain->qualname;
    }
    return slot;
}

std::shared_ptr<ManagerObj> custom_default_manager(Interp& in, const ModelDef* m) {
    if (m->managers.empty()) return nullptr;
    auto cls = model_class(in, m);
    if (!cls) return nullptr;
    Ref r = cls->getattr(in, m->managers.front().name);
    auto mgr = std::dynamic_pointer_cast<ManagerObj>(r);
    if (!mgr) {
        in.exc = nullptr;
        return nullptr;
    }
    return mgr->is_custom(in) ? mgr : nullptr;
}

std::shared_ptr<QuerySetObj> related_base_queryset(Interp& in, const ModelDef* m) {
    if (auto dm = custom_default_manager(in, m)) {
        auto qs = dm->get_queryset(in);
        return qs ? qs->clone() : nullptr;
    }
    return std::make_shared<QuerySetObj>(in, m);
}

Ref ManagerObj::get_queryset_object(Interp& in) {
    if (!instance && cls) {
        is_custom(in);
        if (get_queryset_override_) {
            Args none;
            return in.call(shell::make_bound_method(in, get_queryset_override_, shared_from_this()), none);
        }
    }
    return base_queryset(in);
}

Ref ManagerObj::call_on_other(Interp& in, const Ref& r, const std::string& name, Args& args) {
    // manager_method: getattr(self.get_queryset(), name)(*args, **kwargs). An override that
    // returns something else (None, when its `return` was forgotten) meets Python's getattr.
    Ref method = in.getattr(r, name);
    if (!method) return nullptr;
    return in.call(method, args);
}

std::shared_ptr<QuerySetObj> ManagerObj::get_queryset(Interp& in) {
    // A learner's manager class that overrides get_queryset() (a PublishedManager filtering
    // its rows): every QuerySet method reached through the manager starts from what it
    // returns, as Django's manager methods call self.get_queryset().
    if (!instance && cls) {
        is_custom(in);
        if (get_queryset_override_) {
            Ref r = get_queryset_object(in);
            if (!r) return nullptr;
            auto qs = std::dynamic_pointer_cast<QuerySetObj>(r);
            if (!qs) {
                in.type_error(cls->name + ".get_queryset() returned a '" + r->type_name() + "' object, not a QuerySet");
                return nullptr;
            }
            return qs;
        }
    }
    return base_queryset(in);
}

std::shared_ptr<QuerySetObj> ManagerObj::base_queryset(Interp& in) {
    if (!instance) {
        // Every QuerySet of a plain manager starts from the same Query: made once, shared
        // copy-on-write (SharedQuery).
        if (!root_query) {
            auto q = std::make_shared<Query>(model);
            q->apps = in.apps;
            root_query = SharedQuery(std::move(q));
            root_recipe = orm::root_recipe(model);
        }
        auto qs = std::make_shared<QuerySetObj>(model, root_query);
        qs->recipe = root_recipe;
        if (queryset_class) {
            qs->custom_class = queryset_class;
            // Cached templates keep their class: a recipe of its own.
            qs->recipe += "|" + queryset_class->name;
        }
        return qs;
    }
    // RelatedManager.get_queryset(): super().get_queryset() (the default manager's, which the
    // related manager's class subclasses) with the relation's filter after its own.
    std::shared_ptr<QuerySetObj> qs;
    if (default_manager) {
        qs = default_manager->get_queryset(in);
        if (!qs) return nullptr;
        qs = qs->clone();
    } else {
        qs = std::make_shared<QuerySetObj>(in, model);
    }
    if (fk) {
        auto* inst = static_cast<ModelInstance*>(instance.get());
        auto pre = inst->prefetched.find(accessor);
        QNode q;
        q.children.push_back({fk->name, instance, nullptr});
        if (!qs->query.mut().add_q(in, q)) return nullptr;
        qs->known_field = fk->name;
        qs->known_instance = instance;
        qs->related_access = follow(inst->origin, accessor, false, query_name);
        if (pre != inst->prefetched.end()) qs->cache = pre->second;
    }
    return qs;
}

std::string ManagerObj::type_name() const { return instance ? "RelatedManager" : cls ? cls->name : "Manager"; }

bool ManagerObj::repr(Interp& in, std::string& out) {
    if (instance) out = "<django.db.models.fields.related_descriptors.create_reverse_many_to_one_manager.<locals>.RelatedManager object at 0x7f0000000000>";
    else out = "<" + cls->traceback_name() + " object at 0x7f0000000000>";
    return true;
}

bool ManagerObj::iterate(Interp& in, std::vector<Ref>& out) {
    in.type_error("'" + type_name() + "' object is not iterable");
    return false;
}

bool ManagerObj::setattr(Interp& in, const std::string& name, Ref value) {
    attrs[name] = std::move(value);
    return true;
}

Ref ManagerObj::getattr(Interp& in, const std::string& name) {
    using namespace std::string_view_literals;  // compared by length first, no strlen
    auto a = attrs.find(name);
    if (a != attrs.end()) return a->second;
    if (name == "model"sv) return model_class(in, model);
    if (name == "_db"sv) return in.None;
    if (name == "__class__"sv && cls) return cls;
    if (name == "get_queryset"sv || name == "all"sv) {
        if (cls && !instance) {
            Ref own = cls->lookup(name);
            if (own && own->kind == Kind::kFunction) return shell::make_bound_method(in, own, shared_from_this());
        }
        // BaseManager.all / get_queryset: one function per session, bound at each access.
        auto& fn = in.orm->manager_methods[name == "all"sv ? "BaseManager.all" : "BaseManager.get_queryset"];
        if (!fn) {
            // BaseManager.all() is `return self.get_queryset()`: whatever that returned (None too).
            const std::string method(name);
            auto f = std::make_shared<shell::BuiltinObj>(name, shell::BuiltinObj::MethodFn([method](Interp& in, Ref& me, Args& a) -> Ref {
                if (!a.pos.empty())
                    return in.type_error("BaseManager." + method + "() takes 1 positional argument but " +
                                         std::to_string(a.pos.size() + 1) + " were given");
                if (!a.kw.empty())
                    return in.type_error("BaseManager." + method + "() got an unexpected keyword argument '" + a.kw[0].first + "'");
                return static_cast<ManagerObj*>(me.get())->get_queryset_object(in);
            }));
            f->python_qualname_prefix = "BaseManager.";
            f->python_qualname = name;
            fn = std::move(f);
        }
        return std::make_shared<shell::BoundMethodObj>(fn, shared_from_this());
    }
    // The learner's manager methods (create_user) come first.
    if (cls && !instance) {
        Ref attr = cls->lookup(name);
        if (attr && (attr->kind == Kind::kFunction || attr->kind == Kind::kBuiltin))
            return shell::make_bound_method(in, attr, shared_from_this());
        if (attr) return attr;
    }
    // A related manager has the methods of the learner's default manager class (Django's
    // RelatedManager subclasses it); they run with this manager as self.
    if (instance && default_manager && default_manager->cls && name != "get_queryset"sv) {
        Ref attr = default_manager->cls->lookup(name);
        if (attr && attr->kind == Kind::kFunction) return shell::make_bound_method(in, attr, shared_from_this());
    }
    // as_manager(): the public methods of the learner's QuerySet class, each run on this
    // manager's get_queryset() (Django copies them onto the manager class).
    if (queryset_class && !name.empty() && name[0] != '_') {
        Ref fn = queryset_class->lookup(name);
        if (fn && fn->kind == Kind::kFunction) {
            auto f = std::make_shared<shell::BuiltinObj>(name, shell::BuiltinObj::MethodFn([fn, name](Interp& in, Ref& me, Args& a) -> Ref {
                return static_cast<ManagerObj*>(me.get())->call_on_queryset(in, name, a, [&](std::shared_ptr<QuerySetObj>& qs) {
                    return in.call(shell::make_bound_method(in, fn, qs), a);
                });
            }));
            f->python_qualname = queryset_class->name + "." + name;  // functools.wraps keeps it
            return std::make_shared<shell::BoundMethodObj>(f, shared_from_this());
        }
    }
    if (instance && (name == "add"sv || name == "remove"sv || name == "clear"sv || name == "set"sv || name == "get_or_create"sv ||
                     name == "update_or_create"sv))
        return reverse_fk_write_method(in, *this, name);
    // A QuerySet method reached through the manager is the manager's copy of it: bound to the
    // manager; when called it makes the manager's QuerySet (get_queryset(), as Django's
    // manager_method does) and runs the QuerySet method on it. The function is made once per
    // name (its body depends on the name alone).
    if (name != "query"sv && name != "ordered"sv) {
        auto known = in.orm->manager_methods.find(name);
        if (known != in.orm->manager_methods.end())
            return std::make_shared<shell::BoundMethodObj>(known->second, shared_from_this());
        QuerySetMethodBody body;
        auto probe = std::make_shared<QuerySetObj>(in, model);  // any QuerySet: only the body is kept
        Ref r = queryset_method(in, probe, name, &body);
        if (body) {
            auto f = std::make_shared<shell::BuiltinObj>(
                name, shell::BuiltinObj::MethodFn([body = std::move(body), name](Interp& in, Ref& me, Args& a) -> Ref {
                    return static_cast<ManagerObj*>(me.get())->call_on_queryset(in, name, a, [&](std::shared_ptr<QuerySetObj>& qs) {
                        return call_queryset_method(in, qs, name, body, a);
                    });
                }));
            f->python_qualname_prefix = shell::kManagerMethodQualname;
            Ref fn = in.orm->manager_methods.emplace(name, std::move(f)).first->second;
            return std::make_shared<shell::BoundMethodObj>(fn, shared_from_this());
        }
        if (!r) in.exc = nullptr;  // not a method: answered below with this manager's QuerySet
    }
    auto qs = get_queryset(in);
    if (!qs) return nullptr;
    if (name == "query"sv || name == "ordered"sv) return in.raise(in.AttributeError, "'" + type_name() + "' object has no attribute '" + name + "'");
    Ref r = queryset_method(in, qs, name);
    if (!r && in.pending_is(in.AttributeError)) {
        in.exc = nullptr;
        return in.raise(in.AttributeError, "'" + type_name() + "' object has no attribute '" + name + "'");
    }
    return r;
}

Ref ManagerObj::find_method(Interp& in, const std::string& name) {
    using namespace std::string_view_literals;
    // Exactly the names getattr() above binds to a function of manager_methods: not an
    // attribute, not one of the names answered before that table, not the learner's own.
    if (instance || name == "model"sv || name == "_db"sv || name == "__class__"sv || name == "get_queryset"sv ||
        name == "all"sv || name == "query"sv || name == "ordered"sv || attrs.count(name))
        return nullptr;
    // A plain manager's class holds only BaseManager's get_queryset/all (answered above).
    if (cls && cls != in.orm->manager_class && cls->lookup(name)) return nullptr;
    if (queryset_class && queryset_class->lookup(name)) return nullptr;
    auto known = in.orm->manager_methods.find(name);
    return known == in.orm->manager_methods.end() ? nullptr : known->second;
}

bool ManagerObj::str(Interp& in, std::string& out) {
    // BaseManager.__str__: "app_label.Model.name"
    if (instance) return repr(in, out);
    out = model->label() + "." + name;
    return true;
}

}  // namespace gramlab::orm

namespace gramlab::orm {

namespace {

//! DecimalValidator(max_digits, decimal_places): the message of the first rule the value
//! breaks, or "" (django/core/validators.py).
std::string decimal_validator_message(const models::Field& f, const shell::decimal::Number& n) {
    auto plural = [](int64_t k, const char* one, const char* many) {
        return "Ensure that there are no more than " + std::to_string(k) + (k == 1 ? one : many);
    };
    if (!n.is_finite()) return "Enter a number.";
    const int64_t len = static_cast<int64_t>(n.digits.size());
    int64_t digits, decimals;
    if (n.exponent >= 0) {
        digits = len + n.exponent;  // a positive exponent adds trailing zeros
        decimals = 0;
    } else if (-n.exponent > len) {
        digits = decimals = -n.exponent;  // leading zeros after the point
    } else {
        digits = len;
        decimals = -n.exponent;
    }
    auto max_digits = f.get("max_digits").as_int();
    auto places = f.get("decimal_places").as_int();
    if (max_digits && digits > *max_digits) return plural(*max_digits, " digit in total.", " digits in total.");
    if (places && decimals > *places) return plural(*places, " decimal place.", " decimal places.");
    if (max_digits && places && digits - decimals > *max_digits - *places)
        return plural(*max_digits - *places, " digit before the decimal point.", " digits before the decimal point.");
    return "";
}

}  // namespace

// Model.full_clean(): clean_fields() then validate_unique(), errors collected per field.
shell::Ref full_clean(Interp& in, ModelInstance& obj) {
    std::vector<std::pair<std::string, std::vector<std::string>>> errors;
    auto add = [&](const std::string& field, const std::string& msg) {
        for (auto& e : errors)
            if (e.first == field) { e.second.push_back(msg); return; }
        errors.push_back({field, {msg}});
    };
    auto has_errors_for = [&](const std::string& field) {
        for (const auto& e : errors)
            if (e.first == field) return true;
        return false;
    };
    for (const Field* f : concrete_fields(*obj.model)) {
        if (f->is_auto()) continue;
        Ref v = obj.values.count(f->attname()) ? obj.values[f->attname()] : in.None;
        // auto_now/auto_now_add imply blank=True (and editable=False).
        bool blank_allowed = f->flag("blank") || f->flag("auto_now") || f->flag("auto_now_add");
        bool empty = v->kind == Kind::kNone || (v->kind == Kind::kStr && static_cast<shell::StrObj*>(v.get())->value.empty());
        if (blank_allowed && empty) continue;
        if (v->kind == Kind::kNone) {
            if (!f->null()) add(f->name, "This field cannot be null.");
            continue;
        }
        if (auto* s = shell::as<shell::StrObj>(v); s && s->value.empty() && !blank_allowed) {
            add(f->name, "This field cannot be blank.");
            continue;
        }
        Ref cleaned = to_python(in, *f, v);
        // Only a ValidationError is collected; anything else (int(inf)'s OverflowError) goes through.
        if (!cleaned && !in.pending_is(django_exceptions(in).ValidationError)) return nullptr;
        if (!cleaned) {
            // The message is the one string in the error's list (validation_error()).
            std::string msg;
            if (auto* e = shell::as<shell::ExceptionObj>(in.exc); e && !e->args.empty())
                if (auto* list = shell::as<shell::SeqObj>(e->args[0]); list && !list->items.empty())
                    if (auto* text = shell::as<shell::StrObj>(list->items[0])) msg = text->value;
            in.exc = nullptr;
            add(f->name, msg);
            continue;
        }
        // Field.validate: a value that is none of the choices (empty values were let through
        // above), before the validators (max_length) run.
        if (f->get("choices").is_sequence()) {
            bool found = false;
            for (const auto& option : flat_choices(in, *f)) {
                int eq = in.equals(cleaned, option.first);
                if (eq < 0) return nullptr;
                if (eq == 1) { found = true; break; }
            }
            if (!found) {
                std::string r;
                if (!in.repr(cleaned, r)) return nullptr;
                add(f->name, "Value " + r + " is not a valid choice.");
                continue;
            }
        }
        if (auto* s = shell::as<shell::StrObj>(v)) {
            if (auto ml = f->max_length()) {
                size_t n = shell::utf8_length(s->value);
                if (static_cast<int64_t>(n) > *ml)
                    add(f->name, "Ensure this value has at most " + std::to_string(*ml) + " characters (it has " + std::to_string(n) + ").");
            }
        }
        if (auto* d = shell::as<shell::DecimalObj>(cleaned); d && f->kind() == models::FieldKind::kDecimal) {
            std::string message = decimal_validator_message(*f, d->value);
            if (!message.empty()) add(f->name, message);
        }
        if (f->is_fk()) {
            // ForeignKey.validate: the target row must exist.
            const ModelDef* target = remote_model(*in.apps, *f);
            const Field* tf = target_field(*in.apps, *f);
            auto qs = std::make_shared<QuerySetObj>(in, target);
            QNode q;
            q.children.push_back({tf->name, v, nullptr});
            if (!qs->query.mut().add_q(in, q)) return nullptr;
            Ref exists = in.call(queryset_method(in, qs, "exists"), {});
            if (!exists) return nullptr;
            if (in.truthy(exists) != 1) {
                std::string r;
                if (!in.repr(v, r)) return nullptr;
                add(f->name, target->model_name() + " instance with " + tf->name + " " + r + " does not exist.");
            }
        }
        // clean_fields(): a field that validated takes its cleaned value (numOfLike=3.7 → 3).
        if (!has_errors_for(f->name)) obj.values[f->attname()] = cleaned;
    }
    // validate_unique: one query per unique field with a value.
    for (const Field* f : concrete_fields(*obj.model)) {
        if (!f->unique() || f->primary_key()) continue;
        if (has_errors_for(f->name)) continue;
        Ref v = obj.values.count(f->attname()) ? obj.values[f->attname()] : in.None;
        if (v->kind == Kind::kNone) continue;
        auto qs = std::make_shared<QuerySetObj>(in, obj.model);
        QNode q;
        q.children.push_back({f->name, v, nullptr});
        if (!qs->query.mut().add_q(in, q)) return nullptr;
        Ref pk = obj.pk_value();
        if (!obj.adding && pk && pk->kind != Kind::kNone) {
            QNode ex;
            ex.children.push_back({"pk", pk, nullptr});
            if (!qs->query.mut().add_q(in, *invert_q(ex))) return nullptr;
        }
        Ref exists = in.call(queryset_method(in, qs, "exists"), {});
        if (!exists) return nullptr;
        if (in.truthy(exists) == 1) {
            std::string label = f->name;
            if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
            for (auto& c : label)
                if (c == '_') c = ' ';
            add(f->name, obj.model->name + " with this " + label + " already exists.");
        }
    }
    if (errors.empty()) return in.None;
    std::string msg = "{";
    for (size_t i = 0; i < errors.size(); ++i) {
        msg += (i ? ", " : "") + shell::repr_str(errors[i].first) + ": [";
        for (size_t k = 0; k < errors[i].second.size(); ++k) msg += (k ? ", " : "") + shell::repr_str(errors[i].second[k]);
        msg += "]";
    }
    msg += "}";
    auto e = std::make_shared<shell::ExceptionObj>(django_exceptions(in).ValidationError, std::vector<Ref>{Interp::string(msg)});
    e->message_override = msg;
    e->has_override = true;
    return in.raise_obj(e);
}

}  // namespace gramlab::orm

// The ORM runtime: Django's modules as the shell imports them, the Model/Manager base
// classes with their builtin methods, the learner's models.py bound as a module, SQL
// execution with Django's query log, and transaction.atomic().
#include "core/orm/runtime.hpp"

#include <cstring>

#include "core/auth/hashers.hpp"
#include "core/common/clock.hpp"
#include "core/common/random.hpp"
#include "core/orm/expressions.hpp"
#include "core/orm/field_values.hpp"
#include "core/orm/meta.hpp"
#include "core/orm/model.hpp"
#include "core/orm/query_cache.hpp"
#include "core/orm/queryset.hpp"
#include "core/orm/choices.hpp"
#include "core/orm/connection_proxy.hpp"
#include "core/orm/through_models.hpp"
#include "core/orm/transaction.hpp"
#include "core/python/parser.hpp"
#include "core/shell/bound_method.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/collections_module.hpp"
#include "core/shell/datetime.hpp"
#include "core/shell/decimal.hpp"
#include "core/shell/function.hpp"
#include "core/shell/json_module.hpp"
#include "core/shell/pprint_module.hpp"
#include "core/shell/math_module.hpp"
#include "core/shell/text.hpp"

namespace gramlab::orm {

using models::Field;
using models::ModelDef;
using shell::Args;
using shell::Interp;
using shell::Kind;
using shell::Ref;

namespace {

shell::ClassRef base_class(const std::string& name, const std::string& module, std::vector<shell::ClassRef> bases) {
    return std::make_shared<shell::ClassObj>(name, module, std::move(bases));
}

void def_method(shell::ClassRef& cls, const std::string& name, shell::BuiltinObj::Fn fn) {
    // Shown as Django's Python function: <function Model.delete at 0x...>, and bound to an
    // instance <bound method Model.delete of <Post: ...>>.
    cls->dict[name] = shell::python_function(cls->name + "." + name, name, std::move(fn));
}

ModelInstance* self_instance(Interp& in, Args& a, const std::string& fname) {
    if (a.pos.empty() || !shell::as<ModelInstance>(a.pos[0])) {
        in.type_error(fname + "() missing 1 required positional argument: 'self'");
        return nullptr;
    }
    return static_cast<ModelInstance*>(a.pos[0].get());
}


}  // namespace

OrmRuntime::OrmRuntime(Interp& interp) : in(interp), query_cache(std::make_unique<QueryCache>()) {
    exceptions = make_django_exceptions(in);
    empty_result_set = base_class("EmptyResultSet", "django.core.exceptions", {in.Exception});
    empty_result_set->is_exception = true;
    model_base = base_class("Model", "django.db.models.base", {in.cls_object});
    // Model classes are instances of ModelBase (type(Post), "'ModelBase' object is not iterable").
    model_base->metaclass = base_class("ModelBase", "django.db.models.base", {in.cls_type});
    manager_class = base_class("Manager", "django.db.models.manager", {in.cls_object});
    base_manager = manager_class;
    base_user_manager = base_class("BaseUserManager", "django.contrib.auth.base_user", {manager_class});
    related_manager_class = base_class("RelatedManager", "django.db.models.fields.related_descriptors", {manager_class});
    related_manager_class->qualname = "create_reverse_many_to_one_manager.<locals>.RelatedManager";
    many_related_manager_class = base_class("ManyRelatedManager", "django.db.models.fields.related_descriptors", {manager_class});
    many_related_manager_class->qualname = "create_forward_many_to_many_manager.<locals>.ManyRelatedManager";
    queryset_class = base_class("QuerySet", "django.db.models.query", {in.cls_object});
    raw_queryset_class = base_class("RawQuerySet", "django.db.models.query", {in.cls_object});
    abstract_base_user = base_class("AbstractBaseUser", "django.contrib.auth.base_user", {model_base});
    permissions_mixin = base_class("PermissionsMixin", "django.contrib.auth.models", {model_base});

    // BaseManager.get_queryset / all, for super().get_queryset() in a learner's override.
    for (const char* name : {"get_queryset", "all"}) {
        const bool all = std::string(name) == "all";
        def_method(manager_class, name, [name, all](Interp& in, Args& a) -> Ref {
            auto* mgr = a.pos.empty() ? nullptr : shell::as<ManagerObj>(a.pos[0]);
            if (!mgr) return in.type_error(std::string(name) + "() missing 1 required positional argument: 'self'");
            if (a.pos.size() > 1 || !a.kw.empty())
                return in.type_error(std::string(name) + "() takes 1 positional argument but " +
                                     std::to_string(a.pos.size() + a.kw.size()) + " were given");
            // BaseManager.all(): `return self.get_queryset()`, whatever that returns.
            if (all) return mgr->get_queryset_object(in);
            auto qs = mgr->base_queryset(in);
            if (!qs) return nullptr;
            return qs;
        });
    }
    def_method(model_base, "save", [](Interp& in, Args& a) -> Ref {
        ModelInstance* obj = self_instance(in, a, "save");
        if (!obj) return nullptr;
        // Model.save(self, force_insert=False, force_update=False, using=None, update_fields=None)
        static const char* const kParams[] = {"force_insert", "force_update", "using", "update_fields"};
        Ref bound[4];
        if (a.pos.size() > 5)
            return in.type_error("Model.save() takes from 1 to 5 positional arguments but " + std::to_string(a.pos.size()) +
                                 " were given");
        for (size_t i = 1; i < a.pos.size(); ++i) bound[i - 1] = a.pos[i];
        for (const auto& kv : a.kw) {
            size_t i = 0;
            while (i < 4 && kv.first != kParams[i]) ++i;
            if (i == 4) return in.type_error("Model.save() got an unexpected keyword argument '" + kv.first + "'");
            if (bound[i]) return in.type_error("Model.save() got multiple values for argument '" + kv.first + "'");
            bound[i] = kv.second;
        }
        auto flag = [&](const Ref& r) { return r ? in.truthy(r) : 0; };
        const int force_insert = flag(bound[0]), force_update = flag(bound[1]);
        if (force_insert < 0 || force_update < 0) return nullptr;
        if (bound[2] && bound[2]->kind != Kind::kNone) {
            std::string alias;
            if (!in.str(bound[2], alias)) return nullptr;
            if (alias != "default") return in.not_supported("save(using=" + alias + "): only the 'default' database exists");
        }
        if (!check_related_saved(in, *obj)) return nullptr;
        const bool has_update_fields = bound[3] && bound[3]->kind != Kind::kNone;
        std::vector<Ref> items;
        if (has_update_fields && !in.iterate(bound[3], items)) return nullptr;
        if (force_insert && (force_update || !items.empty()))
            return in.value_error("Cannot force both insert and updating in model saving.");
        std::vector<std::string> update_fields;
        if (has_update_fields) {
            if (items.empty()) return in.None;  // an empty update_fields skips the save
            // Names of concrete fields other than the primary key, by name or attname.
            std::vector<std::string> unknown;
            for (const auto& i : items) {
                std::string s;
                if (!in.str(i, s)) return nullptr;
                bool known = false;
                for (const Field* f : concrete_fields(*obj->model))
                    if (!f->primary_key() && (f->name == s || f->attname() == s)) known = true;
                if (!known && std::find(unknown.begin(), unknown.end(), s) == unknown.end()) unknown.push_back(s);
                if (std::find(update_fields.begin(), update_fields.end(), s) == update_fields.end()) update_fields.push_back(s);
            }
            if (!unknown.empty()) {
                // Django joins a frozenset, whose order is the str hash's: one name is exact.
                std::string list;
                for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
                return in.value_error("The following fields do not exist in this model, are m2m fields, or are non-concrete fields: " + list);
            }
        } else if (!force_insert && !obj->deferred.empty()) {
            // An instance loaded with only()/defer() saves the fields it loaded (an automatic
            // update_fields), so the deferred ones are neither read nor overwritten.
            for (const Field* f : concrete_fields(*obj->model))
                if (!f->primary_key() &&
                    std::find(obj->deferred.begin(), obj->deferred.end(), f->attname()) == obj->deferred.end())
                    update_fields.push_back(f->name);
        }
        if (!save_instance(in, *obj, update_fields, force_insert == 1, force_update == 1)) return nullptr;
        return in.None;
    });
    def_method(model_base, "delete", [](Interp& in, Args& a) -> Ref {
        ModelInstance* obj = self_instance(in, a, "delete");
        if (!obj) return nullptr;
        return delete_objects(in, obj->model, {a.pos[0]}, false);
    });
    def_method(model_base, "refresh_from_db", [](Interp& in, Args& a) -> Ref {
        // Model.refresh_from_db(self, using=None, fields=None), as Django 3.2 runs it.
        ModelInstance* obj = self_instance(in, a, "refresh_from_db");
        if (!obj) return nullptr;
        if (a.pos.size() > 3)
            return in.type_error("Model.refresh_from_db() takes from 1 to 3 positional arguments but " +
                                 std::to_string(a.pos.size()) + " were given");
        Ref using_arg = a.pos.size() > 1 ? a.pos[1] : nullptr, fields_arg = a.pos.size() > 2 ? a.pos[2] : nullptr;
        for (const auto& kv : a.kw) {
            Ref* slot = kv.first == "using" ? &using_arg : kv.first == "fields" ? &fields_arg : nullptr;
            if (!slot) return in.type_error("Model.refresh_from_db() got an unexpected keyword argument '" + kv.first + "'");
            if (*slot) return in.type_error("Model.refresh_from_db() got multiple values for argument '" + kv.first + "'");
            *slot = kv.second;
        }
        if (using_arg && using_arg->kind != Kind::kNone) {
            std::string alias;
            if (!in.str(using_arg, alias)) return nullptr;
            if (alias != "default") return in.not_supported("refresh_from_db(using=" + alias + "): only the 'default' database exists");
        }
        const bool all_fields = !fields_arg || fields_arg->kind == Kind::kNone;
        std::vector<Ref> fields;
        if (all_fields) {
            obj->prefetched.clear();
            obj->prefetch_cache_set = true;
        } else {
            std::vector<Ref> given;
            if (!in.iterate(fields_arg, given)) return nullptr;
            // A prefetched accessor named in fields is dropped from the cache (and from fields).
            for (const auto& f : given) {
                std::string name;
                if (f->kind == Kind::kStr && obj->prefetched.erase(static_cast<shell::StrObj*>(f.get())->value)) continue;
                fields.push_back(f);
            }
            if (fields.empty()) return in.None;
            for (const auto& f : fields)
                if (f->kind == Kind::kStr && static_cast<shell::StrObj*>(f.get())->value.find("__") != std::string::npos)
                    return in.value_error("Found \"__\" in fields argument. Relations and transforms are not allowed in fields.");
        }
        // _base_manager.filter(pk=self.pk), only the fields asked for (or the loaded ones when
        // some are deferred), then get().
        Ref qs = std::make_shared<QuerySetObj>(in, obj->model);
        Args fa;
        fa.kw.emplace_back("pk", obj->pk_value());
        qs = in.call(queryset_method(in, std::static_pointer_cast<QuerySetObj>(qs), "filter"), fa);
        if (!qs) return nullptr;
        std::vector<Ref> only;
        if (!all_fields) {
            only = fields;
        } else if (!obj->deferred.empty()) {
            for (const Field* f : concrete_fields(*obj->model))
                if (std::find(obj->deferred.begin(), obj->deferred.end(), f->attname()) == obj->deferred.end() &&
                    std::find(obj->deferred.begin(), obj->deferred.end(), f->name) == obj->deferred.end())
                    only.push_back(Interp::string(f->attname()));
        }
        if (!only.empty()) {
            Args oa;
            oa.pos = only;
            qs = in.call(queryset_method(in, std::static_pointer_cast<QuerySetObj>(qs), "only"), oa);
            if (!qs) return nullptr;
        }
        Args ga;
        Ref fresh = in.call(queryset_method(in, std::static_pointer_cast<QuerySetObj>(qs), "get"), ga);
        if (!fresh) return nullptr;
        auto* f = static_cast<ModelInstance*>(fresh.get());
        auto is_deferred = [](const ModelInstance& m, const Field* field) {
            return std::find(m.deferred.begin(), m.deferred.end(), field->attname()) != m.deferred.end() ||
                   std::find(m.deferred.begin(), m.deferred.end(), field->name) != m.deferred.end();
        };
        std::set<std::string> refreshed_relations;
        for (const Field* field : concrete_fields(*obj->model)) {
            if (is_deferred(*f, field)) continue;  // not refreshed
            auto it = f->values.find(field->attname());
            obj->values[field->attname()] = it != f->values.end() ? it->second : in.None;
            obj->deferred.erase(std::remove_if(obj->deferred.begin(), obj->deferred.end(),
                                               [&](const std::string& d) { return d == field->attname() || d == field->name; }),
                                obj->deferred.end());
            if (field->is_fk()) refreshed_relations.insert(field->name);
        }
        // Cached forward relations whose key was refreshed, and every reverse one (a reverse
        // one-to-one accessor), are read again on their next use.
        for (auto it = obj->related_cache.begin(); it != obj->related_cache.end();) {
            const Field* field = obj->model->field(it->first);
            const bool forward = field && field->is_fk();
            if (!forward || refreshed_relations.count(it->first)) it = obj->related_cache.erase(it);
            else ++it;
        }
        obj->adding = false;
        return in.None;
    });
    def_method(model_base, "full_clean", [](Interp& in, Args& a) -> Ref {
        ModelInstance* obj = self_instance(in, a, "full_clean");
        if (!obj) return nullptr;
        return full_clean(in, *obj);
    });
    def_method(model_base, "clean", [](Interp& in, Args&) -> Ref { return in.None; });
    def_method(model_base, "clean_fields", [](Interp& in, Args&) -> Ref { return in.None; });
    def_method(model_base, "get_deferred_fields", [](Interp& in, Args& a) -> Ref {
        ModelInstance* obj = self_instance(in, a, "get_deferred_fields");
        if (!obj) return nullptr;
        auto s = std::make_shared<shell::DictObj>(Kind::kSet);
        for (const auto& d : obj->deferred) s->entries.emplace_back(Interp::string(d), in.None);
        return s;
    });
    def_method(model_base, "serializable_value", [](Interp& in, Args& a) -> Ref {
        if (a.pos.size() != 2) return in.type_error("serializable_value() takes 2 positional arguments");
        std::string n;
        if (!in.str(a.pos[1], n)) return nullptr;
        return in.getattr(a.pos[0], n);
    });
    // AbstractBaseUser's methods (django/contrib/auth/base_user.py).
    // AbstractBaseUser.save() overrides Model.save() (to notify password validators).
    if (auto* model_save = dynamic_cast<shell::BuiltinObj*>(model_base->dict["save"].get()))
        def_method(abstract_base_user, "save", model_save->fn);
    def_method(abstract_base_user, "set_password", [](Interp& in, Args& a) -> Ref {
        ModelInstance* obj = self_instance(in, a, "set_password");
        if (!obj || a.pos.size() < 2) return in.type_error("set_password() missing 1 required positional argument: 'raw_password'");
        if (a.pos[1]->kind == Kind::kNone) {
            obj->values["password"] = Interp::string("!" + in.orm->random_string(40));
        } else {
            std::string pw;
            if (!in.str(a.pos[1], pw)) return nullptr;
            obj->values["password"] = Interp::string(in.orm->hash_password(pw, in.orm->random_string(22)));
        }
        return in.None;
    });
    def_method(abstract_base_user, "check_password", [](Interp& in, Args& a) -> Ref {
        ModelInstance* obj = self_instance(in, a, "check_password");
        if (!obj || a.pos.size() < 2) return in.type_error("check_password() missing 1 required positional argument: 'raw_password'");
        if (a.pos[1]->kind == Kind::kNone) return in.False;
        std::string pw, encoded;
        if (!in.str(a.pos[1], pw)) return nullptr;
        Ref enc = obj->values["password"];
        if (!enc || enc->kind == Kind::kNone) return in.False;
        if (!in.str(enc, encoded)) return nullptr;
        return in.boolean(auth::check_password(pw, encoded));
    });
    def_method(abstract_base_user, "set_unusable_password", [](Interp& in, Args& a) -> Ref {
        ModelInstance* obj = self_instance(in, a, "set_unusable_password");
        if (!obj) return nullptr;
        obj->values["password"] = Interp::string("!" + in.orm->random_string(40));
        return in.None;
    });
    def_method(abstract_base_user, "has_usable_password", [](Interp& in, Args& a) -> Ref {
        ModelInstance* obj = self_instance(in, a, "has_usable_password");
        if (!obj) return nullptr;
        std::string encoded;
        Ref enc = obj->values["password"];
        if (!enc || enc->kind == Kind::kNone) return in.False;
        if (!in.str(enc, encoded)) return nullptr;
        return in.boolean(auth::is_password_usable(encoded));
    });
    def_method(abstract_base_user, "get_username", [](Interp& in, Args& a) -> Ref {
        ModelInstance* obj = self_instance(in, a, "get_username");
        if (!obj) return nullptr;
        const Value* uf = nullptr;
        auto it = obj->model->class_attrs.find("USERNAME_FIELD");
        if (it != obj->model->class_attrs.end()) uf = &it->second;
        return in.getattr(a.pos[0], uf ? uf->text : "username");
    });
    def_method(abstract_base_user, "natural_key", [](Interp& in, Args& a) -> Ref {
        Ref u = in.call_method(a.pos[0], "get_username");
        if (!u) return nullptr;
        return Interp::tuple({u});
    });
    // AbstractBaseUser's properties that are constants for real users.
    abstract_base_user->dict["is_authenticated"] = in.True;
    abstract_base_user->dict["is_anonymous"] = in.False;
    abstract_base_user->dict["is_active"] = in.True;
    // BaseUserManager helpers.
    def_method(base_user_manager, "normalize_email", [](Interp& in, Args& a) -> Ref {
        // A classmethod: a.pos[0] is the class.
        if (a.pos.size() != 2) return in.type_error("normalize_email() missing 1 required positional argument: 'email'");
        // email = email or ''; email.strip().rsplit('@', 1), the domain part lowercased.
        Ref email = a.pos[1];
        int t = in.truthy(email);
        if (t < 0) return nullptr;
        if (t == 0) return Interp::string("");
        Ref stripped = in.call_method(email, "strip");
        if (!stripped) return nullptr;
        std::string s;
        if (!in.str(stripped, s)) return nullptr;
        size_t at = s.rfind('@');
        if (at == std::string::npos) return email;
        return Interp::string(s.substr(0, at) + "@" + shell::py_lower(s.substr(at + 1)));
    });
    static_cast<shell::BuiltinObj*>(base_user_manager->dict["normalize_email"].get())->is_classmethod = true;
    def_method(base_user_manager, "get_by_natural_key", [](Interp& in, Args& a) -> Ref {
        if (a.pos.size() != 2) return in.type_error("get_by_natural_key() missing 1 required positional argument: 'username'");
        auto* mgr = shell::as<ManagerObj>(a.pos[0]);
        if (!mgr) return in.type_error("get_by_natural_key() needs a manager");
        auto it = mgr->model->class_attrs.find("USERNAME_FIELD");
        std::string uf = it != mgr->model->class_attrs.end() ? it->second.text : "username";
        Ref get = in.getattr(a.pos[0], "get");
        if (!get) return nullptr;
        return in.call(get, {}, {{uf, a.pos[1]}});
    });

    random = std::make_unique<SplitMix64>(0x6772616d6c6162ULL);
    install_modules();
}

std::string OrmRuntime::random_string(size_t n) {
    std::string out;
    if (!pinned_random.empty()) {
        while (out.size() < n) out += pinned_random;
        out.resize(n);
        return out;
    }
    return get_random_string(*random, n);
}

std::string OrmRuntime::hash_password(const std::string& pw, const std::string& salt) {
    auto r = auth::make_password(std::string_view(pw), std::string_view(salt));
    return r.ok() ? r.value() : std::string();
}

OrmRuntime::~OrmRuntime() {
    // Instances that outlive the runtime (held by something else) must not unlink from it.
    while (live_head) untrack(*live_head);
}

void OrmRuntime::track(ModelInstance& obj) {
    if (obj.live_in) return;
    obj.live_in = this;
    obj.live_prev = nullptr;
    obj.live_next = live_head;
    if (live_head) live_head->live_prev = &obj;
    live_head = &obj;
}

void OrmRuntime::untrack(ModelInstance& obj) {
    if (obj.live_in != this) return;
    if (obj.live_prev) obj.live_prev->live_next = obj.live_next;
    else live_head = obj.live_next;
    if (obj.live_next) obj.live_next->live_prev = obj.live_prev;
    obj.live_in = nullptr;
    obj.live_prev = obj.live_next = nullptr;
}

std::vector<std::shared_ptr<ModelInstance>> OrmRuntime::live_instances() const {
    std::vector<std::shared_ptr<ModelInstance>> out;
    for (ModelInstance* p = live_head; p; p = p->live_next) {
        // Every listed instance is owned by a shared_ptr (they are only made by make_shared),
        // and alive: a dying one has already left the list.
        if (auto strong = std::static_pointer_cast<ModelInstance>(p->weak_from_this().lock())) out.push_back(std::move(strong));
    }
    return out;
}

void OrmRuntime::collect_classes(std::vector<shell::ClassRef>& out) {
    {
        auto live = live_instances();
        for (auto& obj : live) {
            obj->related_cache.clear();
            obj->prefetched.clear();
            obj->extra.clear();
            obj->values.clear();
        }
        // Out of the list before the last references go (their destructors find it empty).
        for (auto& obj : live) untrack(*obj);
    }
    for (auto& kv : classes) {
        kv.second->release_managers();
        out.push_back(kv.second);
        for (auto& d : kv.second->dict)
            if (auto c = std::dynamic_pointer_cast<shell::ClassObj>(d.second)) out.push_back(c);
    }
    for (auto& kv : user_classes) out.push_back(kv.second);
    for (const auto& c : {model_base, abstract_base_user, permissions_mixin, base_manager, manager_class, base_user_manager,
                          empty_result_set, related_manager_class, many_related_manager_class, queryset_class, raw_queryset_class})
        out.push_back(c);
    for (const auto& c : {exceptions.ObjectDoesNotExist, exceptions.MultipleObjectsReturned, exceptions.FieldError,
                          exceptions.ValidationError, exceptions.FieldDoesNotExist, exceptions.ImproperlyConfigured,
                          exceptions.SuspiciousOperation, exceptions.DatabaseError, exceptions.IntegrityError,
                          exceptions.OperationalError, exceptions.DataError, exceptions.ProgrammingError,
                          exceptions.NotSupportedError, exceptions.InterfaceError, exceptions.InternalError,
                          exceptions.TransactionManagementError, exceptions.ProtectedError, exceptions.RestrictedError})
        out.push_back(c);
    for (auto& kv : models_globals)
        if (auto c = std::dynamic_pointer_cast<shell::ClassObj>(kv.second)) out.push_back(c);
    models_globals.clear();
    contrib_globals.clear();
    classes.clear();
    user_classes.clear();
    row_layouts.clear();
    labels.clear();
    enum_defaults.clear();
    query_cache->clear();
}

std::shared_ptr<const RelatedAccess> follow(const std::shared_ptr<const RelatedAccess>& parent, const std::string& step,
                                            bool single, const std::string& query_name) {
    if (!parent || parent->origin < 0) return nullptr;
    auto a = std::make_shared<RelatedAccess>(*parent);
    a->path = parent->path.empty() ? step : parent->path + "__" + step;
    a->single = parent->single && single;
    a->last_query_name = query_name;
    return a;
}

int64_t OrmRuntime::last_insert_rowid() const { return in.conn ? in.conn->last_insert_rowid() : 0; }
int64_t OrmRuntime::changes() const { return in.conn ? in.conn->changes() : 0; }

std::string sqlite_placeholders(const std::string& sql) {
    // Django's SQLite cursor: %s → ?, %% → %. Copied in runs between '%' (SQL is long and
    // '%' rare), not a character at a time.
    std::string native;
    native.reserve(sql.size());
    for (size_t i = 0;;) {
        size_t pct = sql.find('%', i);
        if (pct == std::string::npos) {
            native.append(sql, i, std::string::npos);
            break;
        }
        native.append(sql, i, pct - i);
        if (pct + 1 < sql.size() && sql[pct + 1] == 's') {
            native += '?';
            i = pct + 2;
        } else if (pct + 1 < sql.size() && sql[pct + 1] == '%') {
            native += '%';
            i = pct + 2;
        } else {
            native += '%';
            i = pct + 1;
        }
    }
    return native;
}

bool OrmRuntime::execute(const std::string& sql, const std::vector<Value>& params, std::vector<db::Row>* rows, bool log_it) {
    return run_sql(sql, nullptr, params, rows, nullptr, log_it);
}

bool OrmRuntime::execute_packed(const std::string& sql, const std::string* native, const std::vector<Value>& params,
                                std::vector<db::PackedRow>& rows) {
    return run_sql(sql, native, params, nullptr, &rows, true);
}

bool OrmRuntime::run_sql(const std::string& sql, const std::string* native, const std::vector<Value>& params,
                         std::vector<db::Row>* rows, std::vector<db::PackedRow>* packed, bool log_it) {
    if (!in.conn) {
        raise_db_error(in, "OperationalError", "no database is connected to this shell");
        return false;
    }
    if (!in.tick()) return false;
    // CursorWrapper._execute validates inside debug_sql: the refused query is still logged.
    const bool broken = log_it && needs_rollback && atomic_depth > 0;
    std::string converted;
    if (!native) {
        converted = sqlite_placeholders(sql);
        native = &converted;
    }
    const bool autocommit_write = log_it && !broken && begin_autocommit_write(sql);
    auto start = MonotonicClock::now();
    Status st = broken   ? Status(Error::make("TransactionManagementError", ""))
                : packed ? in.conn->execute_packed(*native, params, *packed)
                : rows   ? in.conn->execute_into(*native, params, *rows)
                         : in.conn->execute(*native, params);
    double ms = std::chrono::duration<double, std::milli>(MonotonicClock::now() - start).count();
    if (autocommit_write) end_autocommit_write(st);
    // An ORM write that fails inside an atomic block breaks the transaction (Django marks it
    // in save_base, update(), delete(), bulk_create() ...; all their failures from the
    // database pass here).
    if (!st.ok() && log_it && !autocommit_write && !broken) {
        size_t i = 0;
        while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\n')) ++i;
        auto starts = [&](const char* w) { return sql.compare(i, std::strlen(w), w) == 0; };
        if (starts("INSERT") || starts("UPDATE") || starts("DELETE")) mark_for_rollback_on_error();
    }
    if (log_it) {
        LoggedQuery q;
        q.seq = query_seq++;
        q.access = current_access;
        // The shape is compared only for queries run while following a relation (nplusone.cpp).
        if (current_access && current_access->origin >= 0 && !current_access->path.empty()) q.template_sql = sql;
        q.params = params;
        q.ms = ms;
        if (params.empty()) {
            q.sql = sql;
        } else {
            // last_executed_query: sql % tuple(QUOTE(p) for p in params), in runs as above.
            size_t pi = 0;
            q.sql.reserve(sql.size() + 16 * params.size());
            for (size_t i = 0;;) {
                size_t pct = sql.find('%', i);
                if (pct == std::string::npos) {
                    q.sql.append(sql, i, std::string::npos);
                    break;
                }
                q.sql.append(sql, i, pct - i);
                if (pct + 1 < sql.size() && sql[pct + 1] == 's') {
                    if (pi < params.size()) q.sql += in.conn->quote(params[pi++]);
                    else q.sql += "%s";
                    i = pct + 2;
                } else if (pct + 1 < sql.size() && sql[pct + 1] == '%') {
                    q.sql += '%';
                    i = pct + 2;
                } else {
                    q.sql += '%';
                    i = pct + 1;
                }
            }
        }
        log_query(std::move(q));
    }
    if (broken) return validate_no_broken_transaction();
    return st.ok() || raise_statement_error(st);
}

bool OrmRuntime::begin_autocommit_write(const std::string& sql) {
    // Django runs outside atomic blocks in autocommit: each write is its own transaction and
    // its deferred foreign keys are checked when it commits. gramlab's statement savepoint
    // would defer that check to the end of the statement, so a write made outside an atomic
    // block gets its own savepoint and the check right after it.
    auto starts = [&sql](const char* word) {
        size_t i = 0;
        while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\n' || sql[i] == '\t' || sql[i] == '\r')) ++i;
        for (const char* w = word; *w; ++w, ++i)
            if (i >= sql.size() || (sql[i] & ~0x20) != *w) return false;
        return true;
    };
    if (atomic_depth != 0 || !(starts("INSERT") || starts("UPDATE") || starts("DELETE") || starts("REPLACE"))) return false;
    (void)in.conn->execute("SAVEPOINT \"gramlab_autocommit\"");
    return true;
}

void OrmRuntime::end_autocommit_write(Status& st) {
    const bool fk_failed = st.ok() && in.conn->foreign_keys_violated();
    if (fk_failed || !st.ok()) (void)in.conn->execute("ROLLBACK TO SAVEPOINT \"gramlab_autocommit\"");
    (void)in.conn->execute("RELEASE SAVEPOINT \"gramlab_autocommit\"");
    if (fk_failed) st = Error::make("IntegrityError", "FOREIGN KEY constraint failed");
}

bool OrmRuntime::raise_statement_error(const Status& st) {
    const Error& e = st.error();
    if (in.interrupted()) {
        in.raise(in.KeyboardInterrupt, "");
        return false;
    }
    if (e.message.find("interrupted") != std::string::npos && in.over_budget()) {
        in.raise_over_budget();
        return false;
    }
    raise_db_error(in, e.kind, e.message);
    return false;
}

const std::string& OrmRuntime::label_of(const models::ModelDef* m) {
    auto it = labels.find(m);
    if (it == labels.end()) it = labels.emplace(m, m->label()).first;
    return it->second;
}

void OrmRuntime::log_only(const std::string& sql) {
    LoggedQuery q;
    q.sql = sql;
    q.template_sql = sql;
    log_query(std::move(q));
}

void OrmRuntime::log_query(LoggedQuery q) {
    if (queries_log.size() == kQueriesLimit) queries_log.pop_front();
    queries_log.push_back({q.sql, q.ms / 1000.0});
    log.push_back(std::move(q));
}

void OrmRuntime::discard_commit_hooks(const std::string& sid) {
    commit_hooks.erase(std::remove_if(commit_hooks.begin(), commit_hooks.end(),
                                      [&](const CommitHook& h) {
                                          return std::find(h.savepoint_ids.begin(), h.savepoint_ids.end(), sid) !=
                                                 h.savepoint_ids.end();
                                      }),
                       commit_hooks.end());
}

bool OrmRuntime::validate_no_broken_transaction() {
    if (!needs_rollback || atomic_depth == 0) return true;
    in.raise(exceptions.TransactionManagementError,
             "An error occurred in the current transaction. You can't execute queries until the end of the 'atomic' block.");
    return false;
}

bool OrmRuntime::atomic_enter(bool savepoint, std::string& sid) {
    // gramlab runs every learner statement inside its own savepoint, so Django's BEGIN is
    // executed as a savepoint too; the log shows what Django logs.
    ++atomic_depth;
    if (atomic_depth == 1) {
        needs_rollback = false;
        atomic_savepoint_ids.clear();
        commit_hooks.clear();
        log_only("BEGIN");
        sid = "gramlab_atomic";
        return execute("SAVEPOINT \"gramlab_atomic\"", {}, nullptr, false);
    }
    // Atomic.__enter__ makes no savepoint in a transaction already marked for rollback.
    if (!savepoint || needs_rollback) {
        sid.clear();
        atomic_savepoint_ids.push_back(sid);
        return true;
    }
    sid = "s1_x" + std::to_string(++savepoint_seq);
    atomic_savepoint_ids.push_back(sid);
    return execute("SAVEPOINT \"" + sid + "\"", {});
}

bool OrmRuntime::atomic_exit(bool commit, bool savepoint, const std::string& sid) {
    --atomic_depth;
    // Atomic.__exit__: a block marked for rollback rolls back even without an exception; the
    // flag is cleared first and set again when this level has no savepoint to roll back to.
    if (needs_rollback) {
        commit = false;
        needs_rollback = false;
    }
    if (sid != "gramlab_atomic" && !atomic_savepoint_ids.empty()) atomic_savepoint_ids.pop_back();
    if (sid.empty()) {
        if (!commit && atomic_depth > 0) needs_rollback = true;
        return true;
    }
    if (sid == "gramlab_atomic") {
        // The outermost block's COMMIT checks the deferred foreign keys.
        if (commit && in.conn && in.conn->foreign_keys_violated()) {
            execute("ROLLBACK TO SAVEPOINT \"gramlab_atomic\"", {}, nullptr, false);
            execute("RELEASE SAVEPOINT \"gramlab_atomic\"", {}, nullptr, false);
            commit_hooks.clear();
            raise_db_error(in, "IntegrityError", "FOREIGN KEY constraint failed");
            return false;
        }
        if (!commit) {
            commit_hooks.clear();
            if (!execute("ROLLBACK TO SAVEPOINT \"gramlab_atomic\"", {}, nullptr, false)) return false;
        }
        if (!execute("RELEASE SAVEPOINT \"gramlab_atomic\"", {}, nullptr, false)) return false;
        // run_and_clear_commit_hooks(): in order; one that raises ends the rest.
        std::vector<CommitHook> hooks;
        hooks.swap(commit_hooks);
        for (auto& h : hooks) {
            Args none;
            if (!in.call(h.fn, none)) return false;
        }
        return true;
    }
    if (!commit) {
        // Atomic.__exit__: savepoint_rollback(sid), then savepoint_commit(sid) ("the savepoint
        // won't be reused"); both go through the cursor, so both are logged.
        discard_commit_hooks(sid);
        if (!execute("ROLLBACK TO SAVEPOINT \"" + sid + "\"", {})) return false;
        return execute("RELEASE SAVEPOINT \"" + sid + "\"", {});
    }
    return execute("RELEASE SAVEPOINT \"" + sid + "\"", {});
}

// ------------------------------------------------------------------------- modules

void OrmRuntime::install_modules() {
    shell::install_datetime_modules(in);
    shell::install_math_module(in);
    shell::install_decimal_module(in);
    shell::install_json_module(in);
    shell::install_collections_module(in);
    shell::install_pprint_module(in);
    auto module = [](const std::string& name) { return std::make_shared<shell::ModuleObj>(name); };
    in.module_factories["django"] = [module](Interp&) { return module("django"); };
    in.module_factories["django.utils"] = [module](Interp& in) {
        auto m = module("django.utils");
        Ref tz = in.import_module("django.utils.timezone");
        if (tz) m->attrs["timezone"] = tz;
        return m;
    };
    in.module_factories["django.db.models.functions"] = [module](Interp& in) {
        auto funcs = module("django.db.models.functions");
        auto models = module("django.db.models");
        install_expression_api(in, *models, *funcs);
        return funcs;
    };
    in.module_factories["django.db.models"] = [module](Interp& in) -> Ref {
        auto models = module("django.db.models");
        auto funcs = std::static_pointer_cast<shell::ModuleObj>(in.import_module("django.db.models.functions"));
        install_expression_api(in, *models, *funcs);
        models->attrs["functions"] = funcs;
        models->attrs["Model"] = in.orm->model_base;
        models->attrs["Manager"] = in.orm->manager_class;
        models->attrs["QuerySet"] = in.orm->queryset_class;
        models->attrs["ObjectDoesNotExist"] = in.orm->exceptions.ObjectDoesNotExist;
        models->attrs["ProtectedError"] = in.orm->exceptions.ProtectedError;
        models->attrs["RestrictedError"] = in.orm->exceptions.RestrictedError;
        for (const char* c : {"Choices", "TextChoices", "IntegerChoices"}) models->attrs[c] = choices_base_class(in, c);
        // `class Color(models.TextChoices): ...` typed at the prompt.
        in.special_class = [](Interp& in, const py::Stmt& s, const std::vector<shell::ClassRef>& bases, shell::Frame& f) -> shell::ClassRef {
            for (const auto& b : bases)
                for (const auto& [name, base] : in.orm->choices_bases)
                    if (b == base) return make_choices_class(in, s, name, "builtins", s.name, f);
            return nullptr;
        };
        for (const char* f : {"CASCADE", "PROTECT", "SET_NULL", "SET_DEFAULT", "DO_NOTHING", "RESTRICT"})
            models->attrs[f] = std::make_shared<shell::BuiltinObj>(f, [](Interp& in, Args&) -> Ref { return in.None; });
        // Field classes (for output_field=...).
        for (const char* name : {"IntegerField", "FloatField", "CharField", "TextField", "BooleanField", "DateTimeField",
                                 "DateField", "DecimalField", "DurationField", "BigIntegerField", "TimeField",
                                 "SmallIntegerField", "PositiveIntegerField"}) {
            std::string n = name;
            auto cls = std::make_shared<shell::ClassObj>(n, "django.db.models.fields", std::vector<shell::ClassRef>{});
            cls->construct = [n](Interp& in, Args& a) -> Ref {
                auto f = std::make_shared<models::Field>();
                f->cls = models::find_field_class(n);
                f->name = "";
                // The options an output_field's type depends on (Cast's varchar(max_length)).
                for (const auto& kv : a.kw) {
                    if (kv.first != "max_length" && kv.first != "max_digits" && kv.first != "decimal_places") continue;
                    if (kv.second->kind == shell::Kind::kInt)
                        f->options[kv.first] = Value::of_int(static_cast<shell::IntObj*>(kv.second.get())->value);
                    else if (kv.second->kind == shell::Kind::kNone)
                        f->options[kv.first] = Value::none();
                }
                return std::make_shared<FieldObj>(f);
            };
            models->attrs[n] = cls;
        }
        return models;
    };
    in.module_factories["django.db"] = [module](Interp& in) -> Ref {
        auto db = module("django.db");
        Ref models = in.import_module("django.db.models");
        if (!models) return nullptr;
        db->attrs["models"] = models;
        db->attrs["transaction"] = in.import_module("django.db.transaction");
        db->attrs["IntegrityError"] = in.orm->exceptions.IntegrityError;
        db->attrs["DatabaseError"] = in.orm->exceptions.DatabaseError;
        db->attrs["OperationalError"] = in.orm->exceptions.OperationalError;
        db->attrs["connection"] = in.import_module("django.db.connection");
        db->attrs["reset_queries"] = std::make_shared<shell::BuiltinObj>("reset_queries", [](Interp& in, Args&) -> Ref {
            in.orm->queries_log.clear();
            return in.None;
        });
        return db;
    };
    in.module_factories["django.db.connection"] = [](Interp& in) -> Ref { return connection_proxy(in); };
    in.module_factories["django.db.utils"] = [module](Interp& in) -> Ref {
        auto u = module("django.db.utils");
        const auto& e = in.orm->exceptions;
        u->attrs["IntegrityError"] = e.IntegrityError;
        u->attrs["DatabaseError"] = e.DatabaseError;
        u->attrs["OperationalError"] = e.OperationalError;
        u->attrs["DataError"] = e.DataError;
        u->attrs["ProgrammingError"] = e.ProgrammingError;
        u->attrs["NotSupportedError"] = e.NotSupportedError;
        return u;
    };
    install_transaction_module(in);
    in.module_factories["django.core"] = [module](Interp& in) -> Ref {
        auto c = module("django.core");
        c->attrs["exceptions"] = in.import_module("django.core.exceptions");
        return c;
    };
    in.module_factories["django.core.exceptions"] = [module](Interp& in) -> Ref {
        auto m = module("django.core.exceptions");
        const auto& e = in.orm->exceptions;
        m->attrs["ObjectDoesNotExist"] = e.ObjectDoesNotExist;
        m->attrs["MultipleObjectsReturned"] = e.MultipleObjectsReturned;
        m->attrs["FieldError"] = e.FieldError;
        m->attrs["ValidationError"] = e.ValidationError;
        m->attrs["FieldDoesNotExist"] = e.FieldDoesNotExist;
        m->attrs["ImproperlyConfigured"] = e.ImproperlyConfigured;
        m->attrs["EmptyResultSet"] = in.orm->empty_result_set;
        return m;
    };
}

bool OrmRuntime::bind_project(const std::string& app_label) {
    query_cache->clear();  // recipes name model definitions
    // Rows loaded so far are converted under the settings they were loaded with.
    for (auto& obj : live_instances()) obj->values.materialize();
    row_layouts.clear();
    labels.clear();
    if (!in.apps) return true;
    // Model classes, with bases as written (AbstractBaseUser brings its methods), and the
    // classes of the auto-created intermediary models of many-to-many fields.
    through_models = std::make_unique<ThroughModels>(*in.apps);
    auto add_class = [&](const ModelDef& m) {
        std::vector<shell::ClassRef> bases;
        for (const auto& b : m.base_names) {
            if (b == "AbstractBaseUser" || b == "AbstractUser") bases.push_back(abstract_base_user);
            else if (b == "PermissionsMixin") bases.push_back(permissions_mixin);
        }
        if (m.app_label == "auth" && m.name == "User") bases.push_back(abstract_base_user);
        bases.push_back(model_base);
        auto cls = std::make_shared<ModelClass>(&m, bases);
        cls->metaclass = model_base->metaclass;
        auto dne = std::make_shared<shell::ClassObj>("DoesNotExist", m.app_label + ".models",
                                                     std::vector<shell::ClassRef>{exceptions.ObjectDoesNotExist});
        dne->qualname = m.name + ".DoesNotExist";
        dne->is_exception = true;
        auto mor = std::make_shared<shell::ClassObj>("MultipleObjectsReturned", m.app_label + ".models",
                                                     std::vector<shell::ClassRef>{exceptions.MultipleObjectsReturned});
        mor->qualname = m.name + ".MultipleObjectsReturned";
        mor->is_exception = true;
        for (const auto& c : {dne, mor}) {
            std::weak_ptr<shell::ClassObj> weak = c;
            c->construct = [weak](Interp& in, Args& a) -> Ref { return std::make_shared<shell::ExceptionObj>(weak.lock(), a.pos); };
        }
        cls->dict["DoesNotExist"] = dne;
        cls->dict["MultipleObjectsReturned"] = mor;
        for (const auto& kv : m.class_attrs) cls->dict[kv.first] = value_to_object(in, kv.second);
        classes[&m] = cls;
    };
    for (const auto& m : in.apps->models())
        if (!m.abstract) add_class(m);
    for (const auto& t : through_models->auto_created()) add_class(t);
    // The learner's models.py: run its imports, defs and helper classes in its own globals,
    // and attach the methods of each model class.
    for (const auto& m : in.apps->models()) {
        if (m.app_label != app_label || !m.source) continue;
        if (!models_globals.empty()) break;
        shell::Frame frame;
        frame.globals = &models_globals;
        frame.is_module = true;
        for (const auto& mm : in.apps->models())
            if (classes.count(&mm) && mm.app_label == app_label) models_globals[mm.name] = classes[&mm];
        for (const auto& st : m.source->body) {
            if (st->kind == py::StmtKind::kClassDef) {
                bool is_model = false;
                for (const auto& mm : in.apps->models())
                    if (mm.app_label == app_label && mm.name == st->name) is_model = true;
                if (is_model) continue;
                if (std::string base = choices_base(*st); !base.empty()) {
                    auto cls = make_choices_class(in, *st, base, app_label + ".models", st->name, frame);
                    if (!cls) {
                        in.exc = nullptr;
                        continue;
                    }
                    models_globals[st->name] = cls;
                    continue;
                }
                // A manager or helper class: bases resolved against what models.py imported.
                std::vector<shell::ClassRef> bases;
                for (const auto& b : st->bases) {
                    std::string bn = b->kind == py::ExprKind::kAttribute ? b->id : b->id;
                    if (bn == "BaseUserManager" || bn == "UserManager") bases.push_back(base_user_manager);
                    else if (bn == "Manager") bases.push_back(manager_class);
                    else if (bn == "QuerySet") bases.push_back(queryset_class);
                    else if (auto it = user_classes.find(bn); it != user_classes.end()) bases.push_back(it->second);
                }
                if (bases.empty()) bases.push_back(in.cls_object);
                auto cls = std::make_shared<shell::ClassObj>(st->name, app_label + ".models", bases);
                shell::Frame body;
                body.globals = &models_globals;
                body.is_module = false;
                body.is_class_body = true;
                body.defining_class = cls;
                for (const auto& s2 : st->body) {
                    if (s2->kind != py::StmtKind::kFunctionDef && s2->kind != py::StmtKind::kAssign) continue;
                    if (in.exec(*s2, body) == shell::Flow::kRaise) in.exc = nullptr;
                }
                for (auto& kv : body.locals()) {
                    if (auto* fn = shell::as<shell::FunctionObj>(kv.second)) {
                        fn->defining_class = cls;
                        fn->qualname = st->name + "." + fn->name;
                    }
                    cls->dict[kv.first] = kv.second;
                }
                user_classes[st->name] = cls;
                models_globals[st->name] = cls;
                continue;
            }
            if (st->kind == py::StmtKind::kImport || st->kind == py::StmtKind::kImportFrom ||
                st->kind == py::StmtKind::kFunctionDef || st->kind == py::StmtKind::kAssign) {
                if (in.exec(*st, frame) == shell::Flow::kRaise) in.exc = nullptr;
            }
        }
        break;
    }
    // Methods written on each model class (def __str__, @property, save overrides).
    for (const auto& m : in.apps->models()) {
        auto it = classes.find(&m);
        if (it == classes.end() || !m.class_stmt) continue;
        auto cls = it->second;
        shell::Frame body;
        body.globals = m.app_label == app_label ? &models_globals : &contrib_globals;
        body.is_module = false;
        body.is_class_body = true;
        body.defining_class = cls;
        for (const auto& s2 : m.class_stmt->body) {
            if (s2->kind == py::StmtKind::kClassDef) {
                // class Visibility(models.TextChoices) inside the model: Story.Visibility.
                std::string base = choices_base(*s2);
                if (base.empty()) continue;
                auto choices = make_choices_class(in, *s2, base, m.app_label + ".models", m.name + "." + s2->name, body);
                if (!choices) {
                    in.exc = nullptr;
                    continue;
                }
                body.locals()[s2->name] = choices;
                continue;
            }
            if (s2->kind == py::StmtKind::kAssign && s2->targets.size() == 1 && s2->value &&
                s2->value->kind == py::ExprKind::kCall) {
                // A field whose default is a name or attribute (Kind.DAILY): evaluated as the
                // class body does; kept when it is a choices member.
                const models::Field* field = m.field(s2->targets[0]->id);
                for (const auto& kw : s2->value->keywords) {
                    if (!field || kw.arg != "default" ||
                        (kw.value->kind != py::ExprKind::kAttribute && kw.value->kind != py::ExprKind::kName))
                        continue;
                    Ref v = in.eval(*kw.value, body);
                    if (!v) in.exc = nullptr;
                    else if (v->enum_member) enum_defaults[field] = v;
                }
                continue;
            }
            if (s2->kind != py::StmtKind::kFunctionDef) continue;
            if (in.exec(*s2, body) == shell::Flow::kRaise) in.exc = nullptr;
        }
        for (auto& kv : body.locals()) {
            if (auto* fn = shell::as<shell::FunctionObj>(kv.second)) {
                fn->defining_class = cls;
                fn->qualname = m.name + "." + fn->name;
            }
            cls->dict[kv.first] = kv.second;
        }
    }
    // `import <app>.models` / `from <app>.models import Post`.
    auto mod = std::make_shared<shell::ModuleObj>(app_label + ".models");
    for (const auto& kv : models_globals) mod->attrs[kv.first] = kv.second;
    for (const auto& kv : classes)
        if (kv.first->app_label == app_label && !through_models->is_auto_created(kv.first))
            mod->attrs[kv.first->name] = kv.second;
    in.modules[app_label + ".models"] = mod;
    auto pkg = std::make_shared<shell::ModuleObj>(app_label);
    pkg->attrs["models"] = mod;
    in.modules[app_label] = pkg;
    // django.contrib.auth: get_user_model() and the auth models.
    in.module_factories["django.contrib.auth"] = [](Interp& in) -> Ref {
        auto m = std::make_shared<shell::ModuleObj>("django.contrib.auth");
        m->attrs["get_user_model"] = std::make_shared<shell::BuiltinObj>("get_user_model", [](Interp& in, Args&) -> Ref {
            const ModelDef* user = in.apps->get_model(in.apps->settings.auth_user_model);
            if (!user) return in.raise(in.orm->exceptions.ImproperlyConfigured, "AUTH_USER_MODEL refers to model '" + in.apps->settings.auth_user_model + "' that has not been installed");
            return model_class(in, user);
        });
        // ModelBackend.authenticate: the user by USERNAME_FIELD, then check_password.
        m->attrs["authenticate"] = std::make_shared<shell::BuiltinObj>("authenticate", [](Interp& in, Args& a) -> Ref {
            const ModelDef* user = in.apps->get_model(in.apps->settings.auth_user_model);
            if (!user) return in.None;
            auto it = user->class_attrs.find("USERNAME_FIELD");
            std::string uf = it != user->class_attrs.end() ? it->second.text : "username";
            const Ref* username = a.find("username");
            if (!username) username = a.find(uf);
            const Ref* password = a.find("password");
            if (!username || !password || (*username)->kind == Kind::kNone || (*password)->kind == Kind::kNone) return in.None;
            Ref cls = model_class(in, user);
            Ref mgr = in.getattr(cls, "objects");
            if (!mgr) return nullptr;
            Ref get = in.getattr(mgr, "get");
            if (!get) return nullptr;
            Ref u = in.call(get, {}, {{uf, *username}});
            if (!u) {
                auto dne = std::static_pointer_cast<shell::ClassObj>(model_class(in, user)->lookup("DoesNotExist"));
                if (!in.pending_is(dne)) return nullptr;
                in.exc = nullptr;
                return in.None;
            }
            Ref ok = in.call_method(u, "check_password", {*password});
            if (!ok) return nullptr;
            return in.truthy(ok) == 1 ? u : in.None;
        });
        return m;
    };
    in.module_factories["django.contrib.auth.base_user"] = [](Interp& in) -> Ref {
        auto m = std::make_shared<shell::ModuleObj>("django.contrib.auth.base_user");
        m->attrs["AbstractBaseUser"] = in.orm->abstract_base_user;
        m->attrs["BaseUserManager"] = in.orm->base_user_manager;
        return m;
    };
    in.module_factories["django.contrib.auth.models"] = [](Interp& in) -> Ref {
        auto m = std::make_shared<shell::ModuleObj>("django.contrib.auth.models");
        m->attrs["AbstractBaseUser"] = in.orm->abstract_base_user;
        m->attrs["BaseUserManager"] = in.orm->base_user_manager;
        m->attrs["PermissionsMixin"] = in.orm->permissions_mixin;
        for (const auto& kv : in.orm->classes)
            if (kv.first->app_label == "auth" && !in.orm->through_models->is_auto_created(kv.first))
                m->attrs[kv.first->name] = kv.second;
        return m;
    };
    in.module_factories["django.contrib.auth.hashers"] = [](Interp& in) -> Ref {
        auto m = std::make_shared<shell::ModuleObj>("django.contrib.auth.hashers");
        m->attrs["make_password"] = std::make_shared<shell::BuiltinObj>("make_password", [](Interp& in, Args& a) -> Ref {
            if (a.pos.empty()) return in.type_error("make_password() missing 1 required positional argument: 'password'");
            if (a.pos[0]->kind == Kind::kNone) return Interp::string("!" + in.orm->random_string(40));
            std::string pw, salt;
            if (!in.str(a.pos[0], pw)) return nullptr;
            const Ref* s = a.pos.size() > 1 ? &a.pos[1] : a.find("salt");
            if (s && (*s)->kind != Kind::kNone) {
                if (!in.str(*s, salt)) return nullptr;
            } else {
                salt = in.orm->random_string(22);
            }
            return Interp::string(in.orm->hash_password(pw, salt));
        });
        m->attrs["check_password"] = std::make_shared<shell::BuiltinObj>("check_password", [](Interp& in, Args& a) -> Ref {
            if (a.pos.size() < 2) return in.type_error("check_password() missing 1 required positional argument: 'encoded'");
            if (a.pos[0]->kind == Kind::kNone || a.pos[1]->kind == Kind::kNone) return in.False;
            std::string pw, enc;
            if (!in.str(a.pos[0], pw) || !in.str(a.pos[1], enc)) return nullptr;
            return in.boolean(auth::check_password(pw, enc));
        });
        m->attrs["is_password_usable"] = std::make_shared<shell::BuiltinObj>("is_password_usable", [](Interp& in, Args& a) -> Ref {
            if (a.pos.empty() || a.pos[0]->kind == Kind::kNone) return in.True;
            std::string enc;
            if (!in.str(a.pos[0], enc)) return nullptr;
            return in.boolean(auth::is_password_usable(enc));
        });
        return m;
    };
    in.module_factories["django.contrib"] = [](Interp&) -> Ref { return std::make_shared<shell::ModuleObj>("django.contrib"); };
    return true;
}

}  // namespace gramlab::orm

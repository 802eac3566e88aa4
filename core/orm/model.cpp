// Model classes and instances: attribute access (fields, FK traversal with its cache,
// reverse managers, one-to-one reverse objects), construction, reprs and equality.
#include "core/orm/model.hpp"

#include <algorithm>
#include <string_view>

#include "core/orm/field_values.hpp"
#include "core/orm/files.hpp"
#include "core/orm/meta.hpp"
#include "core/orm/options.hpp"
#include "core/orm/queryset.hpp"
#include "core/orm/related_descriptors.hpp"
#include "core/orm/runtime.hpp"
#include "core/shell/py_hash.hpp"
#include "core/shell/datetime.hpp"
#include "core/shell/decimal.hpp"
#include "core/shell/function.hpp"

namespace gramlab::orm {

using models::Field;
using models::ModelDef;
using shell::Args;
using shell::Interp;
using shell::Kind;
using shell::Ref;

const Field* target_field_of(const models::Apps& apps, const Field& fk) { return target_field(apps, fk); }

ModelClass::ModelClass(const ModelDef* m, std::vector<shell::ClassRef> bases)
    : ClassObj(m->name, m->app_label + ".models", std::move(bases)), model(m) {
    dict["__gramlab_model__"] = nullptr;
}

Ref ModelClass::getattr(Interp& in, const std::string& name) {
    for (const auto& mgr : model->managers) {
        if (mgr.name != name) continue;
        auto key = "__manager__" + name;
        auto it = dict.find(key);
        if (it != dict.end() && it->second) return it->second;
        shell::ClassRef cls = in.orm->manager_class;
        std::string short_name = mgr.class_path.substr(mgr.class_path.rfind('.') + 1);
        auto uc = in.orm->user_classes.find(short_name);
        if (uc != in.orm->user_classes.end()) cls = uc->second;
        else if (short_name == "UserManager" || short_name == "BaseUserManager") cls = in.orm->base_user_manager;
        shell::ClassRef queryset_cls;
        if (!mgr.queryset_class_path.empty()) {
            // as_manager() / from_queryset(): Django makes a class "<Manager>From<QuerySet>" whose
            // QuerySets are of the learner's QuerySet class and which has its public methods.
            auto qc = in.orm->user_classes.find(mgr.queryset_class_path.substr(mgr.queryset_class_path.rfind('.') + 1));
            if (qc != in.orm->user_classes.end()) {
                queryset_cls = qc->second;
                cls = std::make_shared<shell::ClassObj>(cls->name + "From" + queryset_cls->name, "django.db.models.manager",
                                                        std::vector<shell::ClassRef>{cls});
            }
        }
        auto m = std::make_shared<ManagerObj>(model, cls);
        m->queryset_class = std::move(queryset_cls);
        m->name = name;
        dict[key] = m;
        return m;
    }
    if (model->managers.empty() && name == std::string_view("objects")) {
        if (default_objects_) return default_objects_;
        static const std::string kObjectsKey = "__manager__objects";  // no string built per access
        auto it = dict.find(kObjectsKey);
        if (it != dict.end() && it->second) return default_objects_ = it->second;
        auto m = std::make_shared<ManagerObj>(model, in.orm->manager_class);
        dict[kObjectsKey] = m;
        default_objects_ = m;
        return m;
    }
    if (name == "_meta") return options_object(in, *model);
    // Post.likes / User.liked_posts: the ManyToManyDescriptor (its .through).
    if (auto side = many_to_many_side(in, *model, name)) return many_to_many_descriptor(in, *side);
    if (name == "__gramlab_model__") return in.attribute_error(*this, name);
    return ClassObj::getattr(in, name);
}

void ModelClass::release_managers() {
    for (auto& kv : dict)
        if (auto* m = dynamic_cast<ManagerObj*>(kv.second.get())) m->attrs.clear();
    default_objects_ = nullptr;
}

Ref ModelClass::call(Interp& in, Args& args) { return construct_instance(in, model, args); }

std::shared_ptr<ModelClass> model_class(Interp& in, const ModelDef* m) {
    auto it = in.orm->classes.find(m);
    if (it != in.orm->classes.end()) return it->second;
    return nullptr;
}

ModelInstance::ModelInstance(const ModelDef* m, std::shared_ptr<ModelClass> c)
    : Object(Kind::kNative), model(m), cls(std::move(c)) {}

ModelInstance::~ModelInstance() {
    if (live_in) live_in->untrack(*this);
}

Ref ModelInstance::pk_value() const {
    const Field* pk = model->pk();
    if (!pk) return nullptr;
    auto it = values.find(pk->attname());
    return it == values.end() ? nullptr : it->second;
}

RowLayout::RowLayout(Interp& in, const ModelDef* m) : model(m), cls(model_class(in, m)), fields(concrete_fields(*m)) {
    attnames.reserve(fields.size());
    for (const Field* f : fields) attnames.push_back(f->attname());
    by_attname.resize(fields.size());
    for (size_t i = 0; i < by_attname.size(); ++i) by_attname[i] = i;
    std::stable_sort(by_attname.begin(), by_attname.end(),
                     [this](size_t a, size_t b) { return attnames[a] < attnames[b]; });
}

const RowLayout& row_layout(Interp& in, const ModelDef* m) { return *shared_row_layout(in, m); }

std::shared_ptr<const RowLayout> shared_row_layout(Interp& in, const ModelDef* m) {
    auto& slot = in.orm->row_layouts[m];
    if (!slot) slot = std::make_shared<const RowLayout>(in, m);
    return slot;
}

void RowSource::fill(InstanceValues& out, size_t part) const {
    const RowLayout& layout = *parts_->parts[part].first;
    const size_t offset = parts_->parts[part].second;
    // Only the columns the row has (a short row leaves the trailing fields unset), converted
    // straight into place in key order (converting a value has no side effects).
    const size_t n = row_.size() > offset ? std::min(layout.fields.size(), row_.size() - offset) : 0;
    out.reserve(n);
    for (size_t k : layout.by_attname)
        if (k < n) out.append_in_order(layout.attnames[k], from_db(parts_->in, *layout.fields[k], row_.value(offset + k)));
}

std::shared_ptr<ModelInstance> instance_from_source(Interp& in, const RowLayout& layout,
                                                    const std::shared_ptr<const InstanceValues::Source>& source,
                                                    size_t index) {
    auto obj = std::make_shared<ModelInstance>(layout.model, layout.cls);
    in.orm->track(*obj);
    obj->values.defer_to(source, index);
    obj->adding = false;
    return obj;
}

std::shared_ptr<ModelInstance> instance_from_row(Interp& in, const ModelDef* m, const std::vector<Value>& row, size_t offset,
                                                 const std::vector<std::string>&) {
    return instance_from_row(in, row_layout(in, m), row, offset);
}

std::shared_ptr<ModelInstance> instance_from_row(Interp& in, const RowLayout& layout, const std::vector<Value>& row,
                                                 size_t offset) {
    auto obj = std::make_shared<ModelInstance>(layout.model, layout.cls);
    in.orm->track(*obj);
    // Only the columns the row has (a short row leaves the trailing fields unset), converted
    // straight into place in key order (converting a value has no side effects).
    const size_t n = row.size() > offset ? std::min(layout.fields.size(), row.size() - offset) : 0;
    obj->values.reserve(n);
    for (size_t k : layout.by_attname)
        if (k < n) obj->values.append_in_order(layout.attnames[k], from_db(in, *layout.fields[k], row[offset + k]));
    obj->adding = false;
    return obj;
}

Ref value_to_object(Interp& in, const Value& v) {
    switch (v.kind) {
        case Value::Kind::kNone: return in.None;
        case Value::Kind::kBool: return in.boolean(v.boolean);
        case Value::Kind::kInt: return Interp::integer(v.as_int().value_or(0));
        case Value::Kind::kFloat: return Interp::floating(v.number);
        case Value::Kind::kStr: return Interp::string(v.text);
        case Value::Kind::kList:
        case Value::Kind::kTuple: {
            std::vector<Ref> items;
            for (const auto& x : v.items) items.push_back(value_to_object(in, x));
            return v.kind == Value::Kind::kList ? Interp::list(items) : Interp::tuple(items);
        }
        case Value::Kind::kRef:
            if (v.text == "django.utils.timezone.now") return shell::now_aware(in);
            if (v.text == "datetime.date.today") {
                Ref now = shell::now_aware(in);
                return in.call_method(now, "date");
            }
            return Interp::string(v.text);
        case Value::Kind::kDecimal: {
            // Decimal('3.00') written in models.py (a default): parsed as Decimal() parses it.
            shell::decimal::Number n;
            if (shell::decimal::parse(v.text, n)) return shell::make_decimal(std::move(n));
            return Interp::string(v.text);
        }
        default: return in.None;
    }
}

Ref construct_instance(Interp& in, const ModelDef* m, Args& args) {
    auto obj = std::make_shared<ModelInstance>(m, model_class(in, m));
    in.orm->track(*obj);
    auto fields = concrete_fields(*m);
    if (args.pos.size() > fields.size()) return in.raise(in.IndexError, "Number of args exceeds number of fields");
    std::map<std::string, Ref> given;
    for (size_t i = 0; i < args.pos.size(); ++i) given[fields[i]->name] = args.pos[i];
    for (const auto& kv : args.kw) {
        const Field* f = nullptr;
        for (const auto* x : fields)
            if (x->name == kv.first || x->attname() == kv.first) f = x;
        bool positional_dup = false;
        for (size_t i = 0; i < args.pos.size(); ++i)
            if (f && fields[i] == f) positional_dup = true;
        if (positional_dup) return in.type_error("__init__() got multiple values for argument '" + kv.first + "'");
        if (!f) {
            // Properties with setters and plain attributes of the class are accepted too.
            if (kv.first == "pk") {
                given[m->pk()->name] = kv.second;
                continue;
            }
            if (model_class(in, m)->lookup(kv.first)) {
                if (!obj->extra.count(kv.first)) obj->extra_order.push_back(kv.first);
                obj->extra[kv.first] = kv.second;
                continue;
            }
            // Model.__init__ sets a many-to-many field through its descriptor, which refuses.
            if (const Field* mf = m->field(kv.first); mf && mf->many_to_many())
                return in.type_error("Direct assignment to the forward side of a many-to-many set is prohibited. Use " +
                                     kv.first + ".set() instead.");
            return in.type_error(m->name + "() got an unexpected keyword argument '" + kv.first + "'");
        }
        given[kv.first] = kv.second;
    }
    for (const Field* f : fields) {
        auto it = given.find(f->name);
        if (it == given.end()) it = given.find(f->attname());
        if (it != given.end()) {
            if (!obj->setattr(in, it->first == f->attname() && f->is_fk() ? f->attname() : f->name, it->second)) return nullptr;
            continue;
        }
        Ref d = field_default(in, *f);
        if (!d) return nullptr;
        obj->values[f->attname()] = d;
    }
    obj->adding = true;
    return obj;
}

bool ModelInstance::repr(Interp& in, std::string& out) {
    std::string s;
    if (!str(in, s)) return false;
    out = "<" + model->name + ": " + s + ">";
    return true;
}

bool ModelInstance::str(Interp& in, std::string& out) {
    if (Ref m = cls->lookup("__str__"); m && m->kind == Kind::kFunction) {
        Ref r = in.call(shell::make_bound_method(in, m, shared_from_this()), {});
        if (!r) return false;
        if (r->kind != Kind::kStr) {
            in.type_error("__str__ returned non-string (type " + r->type_name() + ")");
            return false;
        }
        out = static_cast<shell::StrObj*>(r.get())->value;
        return true;
    }
    Ref pk = pk_value();
    std::string p;
    if (!pk || !in.str(pk, p)) return false;
    out = model->name + " object (" + p + ")";
    return true;
}

int ModelInstance::eq(Interp& in, const Ref& other) {
    auto* o = shell::as<ModelInstance>(other);
    if (!o) return -2;
    if (o->model != model) return 0;
    Ref a = pk_value(), b = o->pk_value();
    if (!a || a->kind == Kind::kNone) return this == o;
    return in.equals(a, b);
}

bool ModelInstance::hash(Interp& in, uint64_t& out) {
    Ref pk = pk_value();
    if (!pk || pk->kind == Kind::kNone) {
        in.type_error("Model instances without primary key value are unhashable");
        return false;
    }
    return in.hash(pk, out);
}

// Django's Model.__hash__ is hash(self.pk).
bool ModelInstance::python_hash(Interp& in, int64_t& out) {
    Ref pk = pk_value();
    return pk && pk->kind != Kind::kNone && shell::stable_python_hash(in, pk, out);
}

// Loads a deferred field with one query, as Django's DeferredAttribute does.
bool load_deferred(Interp& in, ModelInstance& obj, const std::string& attname) {
    auto qs = std::make_shared<QuerySetObj>(in, obj.model);
    const Field* f = nullptr;
    for (const auto& x : obj.model->fields)
        if (x.attname() == attname) f = &x;
    if (!f) return false;
    qs->query.mut().only.insert(f->name);
    QNode q;
    q.children.push_back({"pk", obj.pk_value(), nullptr});
    if (!qs->query.mut().add_q(in, q)) return false;
    qs->query.mut().default_ordering = false;
    qs->query.mut().set_limits(std::nullopt, 21);
    std::vector<Ref> rows;
    if (!qs->run(in, rows)) return false;
    if (rows.empty()) {
        // DeferredAttribute runs refresh_from_db(fields=[...]): a deleted row is a DoesNotExist.
        auto exc = std::static_pointer_cast<shell::ClassObj>(model_class(in, obj.model)->lookup("DoesNotExist"));
        in.raise(exc, obj.model->name + " matching query does not exist.");
        return false;
    }
    auto* r = static_cast<ModelInstance*>(rows[0].get());
    obj.values[attname] = r->values[attname];
    obj.extra_order.push_back(attname);  // set after the others, as refresh_from_db() does (__dict__ order)
    obj.deferred.erase(std::remove(obj.deferred.begin(), obj.deferred.end(), attname), obj.deferred.end());
    return true;
}

namespace {

shell::ClassRef related_does_not_exist(Interp& in, const ModelDef* m, const std::string& attr) {
    auto key = "__rdne__" + attr;
    auto cls = model_class(in, m);
    auto it = cls->dict.find(key);
    if (it != cls->dict.end()) return std::static_pointer_cast<shell::ClassObj>(it->second);
    // RelatedObjectDoesNotExist subclasses the related model's DoesNotExist and AttributeError.
    auto c = std::make_shared<shell::ClassObj>("RelatedObjectDoesNotExist", m->app_label + ".models",
                                               std::vector<shell::ClassRef>{in.AttributeError});
    c->qualname = m->name + "." + attr + ".RelatedObjectDoesNotExist";
    c->is_exception = true;
    cls->dict[key] = c;
    return c;
}

}  // namespace

// Field.flatchoices: (value, label) pairs, the named groups' options flattened.
std::vector<std::pair<Ref, Ref>> flat_choices(Interp& in, const Field& f) {
    std::vector<std::pair<Ref, Ref>> out;
    Value choices = f.get("choices");
    if (!choices.is_sequence()) return out;
    auto pair_of = [](const Value& v) { return v.is_sequence() && v.items.size() == 2; };
    for (const auto& c : choices.items) {
        if (!pair_of(c)) continue;
        if (c.items[1].is_sequence()) {
            for (const auto& option : c.items[1].items)
                if (pair_of(option)) out.emplace_back(value_to_object(in, option.items[0]), value_to_object(in, option.items[1]));
        } else {
            out.emplace_back(value_to_object(in, c.items[0]), value_to_object(in, c.items[1]));
        }
    }
    return out;
}

namespace {

// Model._get_FIELD_display: the label of the field's value, force_str(..., strings_only=True)
// (None, numbers, dates and Decimals as they are), the value itself when no choice has it.
Ref choice_display(Interp& in, ModelInstance& obj, const Field& f) {
    auto it = obj.values.find(f.attname());
    Ref value = it == obj.values.end() ? in.None : it->second;
    Ref shown = value;
    // dict(flatchoices).get(value, value): the last option with an equal value wins.
    for (const auto& [key, label] : flat_choices(in, f)) {
        int eq = in.equals(key, value);
        if (eq < 0) return nullptr;
        if (eq == 1) shown = label;
    }
    switch (shown->kind) {
        case Kind::kNone: case Kind::kInt: case Kind::kFloat: case Kind::kDecimal: case Kind::kStr:
        case Kind::kDateTime: case Kind::kDate: case Kind::kTime:
            return shown;
        default: {
            std::string text;
            if (!in.str(shown, text)) return nullptr;
            return Interp::string(text);
        }
    }
}

// Model._get_next_or_previous_by_FIELD (DateField / DateTimeField without null=True):
// the default manager's filter(**kwargs), then the rows after this one in (field, pk) order,
// the first of them or DoesNotExist.
Ref next_or_previous_by(Interp& in, const Ref& self, const Field& f, bool is_next, Args& args) {
    auto& obj = static_cast<ModelInstance&>(*self);
    // partialmethod(_get_next_or_previous_by_FIELD, field=f, is_next=...): a positional
    // argument lands on `field`; keywords named like the bound ones replace them.
    if (!args.pos.empty())
        return in.type_error("Model._get_next_or_previous_by_FIELD() got multiple values for argument 'field'");
    shell::KwArgs filters;
    for (auto& kv : args.kw) {
        if (kv.first == "is_next") {
            int t = in.truthy(kv.second);
            if (t < 0) return nullptr;
            is_next = t == 1;
        } else if (kv.first == "field") {
            if (kv.second->kind == Kind::kNone) return in.raise(in.AttributeError, "'NoneType' object has no attribute 'attname'");
            return in.not_supported("get_next_by_FOO(field=...)");
        } else {
            filters.push_back(kv);
        }
    }
    Ref pk = obj.pk_value();
    int has_pk = pk ? in.truthy(pk) : 0;
    if (has_pk < 0) return nullptr;
    if (!has_pk) return in.value_error("get_next/get_previous cannot be used on unsaved objects.");
    const std::string op = is_next ? "gt" : "lt", order = is_next ? "" : "-";
    auto it = obj.values.find(f.attname());
    Ref param = it == obj.values.end() ? in.None : it->second;
    Ref q_class = in.import_module("django.db.models");
    if (!q_class) return nullptr;
    q_class = q_class->getattr(in, "Q");
    if (!q_class) return nullptr;
    // Q(**{'field__gt': param}) | Q(**{field: param, 'pk__gt': pk}); Q sorts its kwargs.
    Args after_args{{}, {{f.name + "__" + op, param}}};
    Ref after = in.call(q_class, after_args);
    Args tie{{}, {{f.name, param}, {"pk__" + op, pk}}};
    if (tie.kw[1].first < tie.kw[0].first) std::swap(tie.kw[0], tie.kw[1]);
    Ref same = after ? in.call(q_class, tie) : nullptr;
    Ref q = same ? in.binop(py::BinOpKind::kBitOr, after, same) : nullptr;
    if (!q) return nullptr;
    Ref manager = obj.cls->getattr(in, obj.model->managers.empty() ? std::string("objects") : obj.model->managers.front().name);
    Ref qs = manager ? in.call_method(manager, "filter", {}, filters) : nullptr;
    qs = qs ? in.call_method(qs, "filter", {q}) : nullptr;
    qs = qs ? in.call_method(qs, "order_by", {Interp::string(order + f.name), Interp::string(order + "pk")}) : nullptr;
    if (!qs) return nullptr;
    Ref first = qs->getitem(in, Interp::integer(0));
    if (!first && in.pending_is(in.IndexError)) {
        in.exc = nullptr;
        auto dne = std::static_pointer_cast<shell::ClassObj>(obj.cls->lookup("DoesNotExist"));
        return in.raise(dne, obj.model->name + " matching query does not exist.");
    }
    return first;
}


// Model._state: django.db.models.base.ModelState (adding, db, fields_cache).
class ModelStateObj final : public shell::Object {
public:
    explicit ModelStateObj(std::shared_ptr<ModelInstance> o) : Object(Kind::kNative), obj(std::move(o)) {}
    std::shared_ptr<ModelInstance> obj;
    std::string type_name() const override { return "ModelState"; }
    bool repr(Interp&, std::string& out) override {
        out = "<django.db.models.base.ModelState object at 0x7f0000000000>";
        return true;
    }
    Ref getattr(Interp& in, const std::string& name) override {
        if (name == "adding") return in.boolean(obj->adding);
        // The alias the instance was loaded from or saved to; None for a new instance.
        if (name == "db") return obj->adding ? in.None : Interp::string("default");
        if (name == "__class__") {
            auto& c = in.orm->model_state_class;
            if (!c) c = std::make_shared<shell::ClassObj>("ModelState", "django.db.models.base", std::vector<shell::ClassRef>{in.cls_object});
            return c;
        }
        if (name == "fields_cache") {
            auto d = Interp::dict();
            for (const auto& [field, value] : obj->related_cache) d->entries.emplace_back(Interp::string(field), value);
            return d;
        }
        return in.attribute_error(*this, name);
    }
};

// instance.__dict__ / vars(instance), in the order Model.__init__ and the ORM set them:
// _state, the loaded fields by attname in field order, annotations and attributes set since,
// then _prefetched_objects_cache. A snapshot: writing into it does not reach the instance.
Ref instance_dict(Interp& in, const std::shared_ptr<ModelInstance>& self) {
    auto d = Interp::dict();
    d->entries.emplace_back(Interp::string("_state"), std::make_shared<ModelStateObj>(self));
    const auto& later = self->extra_order;  // also the deferred fields loaded since, in order
    for (const Field* f : concrete_fields(*self->model)) {
        auto it = self->values.find(f->attname());
        if (it == self->values.end() || std::find(later.begin(), later.end(), f->attname()) != later.end()) continue;
        d->entries.emplace_back(Interp::string(f->attname()), it->second);
    }
    for (const auto& name : later) {
        auto it = self->extra.find(name);
        if (it != self->extra.end()) {
            d->entries.emplace_back(Interp::string(name), it->second);
        } else if (auto v = self->values.find(name); v != self->values.end()) {
            d->entries.emplace_back(Interp::string(name), v->second);
        }
    }
    if (!self->prefetched.empty() || self->prefetch_cache_set) {
        // Keyed by the relation's prefetch cache name: the accessor, except a reverse
        // many-to-many relation's, which is its related_query_name.
        auto cache = Interp::dict();
        for (const auto& entry : self->prefetched) {
            std::string key = entry.first;
            for (const auto& rr : reverse_relations(*in.apps, *self->model))
                if (rr.accessor == entry.first && rr.field->many_to_many()) key = rr.query_name;
            Ref manager = self->getattr(in, entry.first);
            Ref all = manager ? in.call_method(manager, "all") : nullptr;
            if (!all) return nullptr;
            cache->entries.emplace_back(Interp::string(key), all);
        }
        d->entries.emplace_back(Interp::string("_prefetched_objects_cache"), cache);
    }
    return d;
}

}  // namespace

Ref ModelInstance::getattr(Interp& in, const std::string& name) {
    Ref self = shared_from_this();
    auto* me = this;
    // Concrete fields and FK attnames.
    for (const auto& f : model->fields) {
        if (f.many_to_many()) {
            if (f.name != name) continue;
            auto side = many_to_many_side(in, *model, name);
            if (!side) return in.not_supported("this many-to-many relation");
            return many_related_manager(in, self, *side);
        }
        if (f.attname() == name || (!f.is_fk() && f.name == name)) {
            if (std::find(deferred.begin(), deferred.end(), f.attname()) != deferred.end())
                if (!load_deferred(in, *me, f.attname())) return nullptr;
            auto it = values.find(f.attname());
            Ref v = it == values.end() ? in.None : it->second;
            if (is_file_field(f)) return make_field_file(in, self, f, v);  // FileDescriptor
            return v;
        }
        if (f.is_fk() && f.name == name) {
            auto c = related_cache.find(name);
            if (c != related_cache.end()) return c->second;
            if (std::find(deferred.begin(), deferred.end(), f.attname()) != deferred.end())
                if (!load_deferred(in, *me, f.attname())) return nullptr;
            Ref id = values.count(f.attname()) ? values[f.attname()] : in.None;
            if (id->kind == Kind::kNone) {
                if (f.null()) return in.None;
                return in.raise(related_does_not_exist(in, model, name), model->name + " has no " + name + ".");
            }
            const ModelDef* target = remote_model(*in.apps, f);
            auto qs = std::make_shared<QuerySetObj>(in, target);
            const Field* tf = target_field(*in.apps, f);
            Args a;
            a.kw.emplace_back(tf->name, id);
            Ref obj = queryset_method(in, qs, "get");
            if (!obj) return nullptr;
            auto access = follow(origin, name, true, name);
            Ref r;
            {
                AccessScope scope(*in.orm, access);
                r = in.call(obj, a);
            }
            if (!r) return nullptr;
            if (auto* ri = shell::as<ModelInstance>(r); ri && access) ri->origin = access;
            related_cache[name] = r;
            return r;
        }
    }
    if (name == "pk") {
        Ref pk = pk_value();
        return pk ? pk : in.None;
    }
    auto ex = extra.find(name);
    if (ex != extra.end()) return ex->second;
    // Reverse relations: user.posts (a manager) or user.profile (one-to-one).
    for (const auto& rr : reverse_relations(*in.apps, *model)) {
        if (rr.accessor != name) continue;
        if (rr.field->many_to_many()) {
            auto side = many_to_many_side(in, *model, name);
            if (!side) return in.not_supported("this many-to-many relation");
            return many_related_manager(in, self, *side);
        }
        if (rr.field->kind() == models::FieldKind::kOneToOne) {
            auto c = related_cache.find(name);
            if (c != related_cache.end()) {
                if (c->second->kind == Kind::kNone)
                    return in.raise(related_does_not_exist(in, model, name), model->name + " has no " + name + ".");
                return c->second;
            }
            auto qs = std::make_shared<QuerySetObj>(in, rr.model);
            Args a;
            a.kw.emplace_back(rr.field->name, self);
            Ref get = queryset_method(in, qs, "get");
            auto access = follow(origin, name, true, rr.query_name);
            Ref r;
            {
                AccessScope scope(*in.orm, access);
                r = in.call(get, a);
            }
            if (auto* ri = shell::as<ModelInstance>(r); ri && access) ri->origin = access;
            if (!r) {
                auto dne = model_class(in, rr.model)->lookup("DoesNotExist");
                if (in.pending_is(std::static_pointer_cast<shell::ClassObj>(dne))) {
                    in.exc = nullptr;
                    return in.raise(related_does_not_exist(in, model, name), model->name + " has no " + name + ".");
                }
                return nullptr;
            }
            if (auto* ri = shell::as<ModelInstance>(r)) ri->related_cache[rr.field->name] = self;
            related_cache[name] = r;
            return r;
        }
        auto dm = custom_default_manager(in, rr.model);
        auto mgr = std::make_shared<ManagerObj>(rr.model, dm ? dm->related_class(in, false) : in.orm->related_manager_class);
        mgr->instance = self;
        mgr->default_manager = dm;
        if (dm) mgr->queryset_class = dm->queryset_class;
        mgr->fk = rr.field;
        mgr->accessor = name;
        mgr->query_name = rr.query_name;
        return mgr;
    }
    if (name == "__class__") return cls;
    if (name == "_meta") return options_object(in, *model);
    if (name == "__dict__") return instance_dict(in, std::static_pointer_cast<ModelInstance>(self));
    if (name == "_state") return std::make_shared<ModelStateObj>(std::static_pointer_cast<ModelInstance>(self));
    // DateField.contribute_to_class: get_next_by_<name> / get_previous_by_<name>.
    for (bool is_next : {true, false}) {
        const std::string_view prefix = is_next ? "get_next_by_" : "get_previous_by_";
        if (name.compare(0, prefix.size(), prefix) != 0) continue;
        for (const auto& f : model->fields) {
            if ((f.kind() != models::FieldKind::kDate && f.kind() != models::FieldKind::kDateTime) || f.null() ||
                name.compare(prefix.size(), std::string::npos, f.name) != 0)
                continue;
            const Field* field = &f;
            return std::make_shared<shell::BuiltinObj>(name, [self, field, is_next](Interp& in, Args& a) -> Ref {
                return next_or_previous_by(in, self, *field, is_next, a);
            });
        }
    }
    Ref attr = cls->lookup(name);
    if (!attr && name.size() > 12 && name.compare(0, 4, "get_") == 0 && name.compare(name.size() - 8, 8, "_display") == 0) {
        // Field.contribute_to_class: get_<name>_display for a field with choices, unless the
        // class defines its own.
        const std::string field_name = name.substr(4, name.size() - 12);
        for (const auto& f : model->fields) {
            if (f.name != field_name || !f.get("choices").is_sequence()) continue;
            const Field* field = &f;
            return std::make_shared<shell::BuiltinObj>(name, [self, field](Interp& in, Args& a) -> Ref {
                // partialmethod(_get_FIELD_display, field=f): the one parameter is bound.
                if (!a.pos.empty())
                    return in.type_error("Model._get_FIELD_display() got multiple values for argument 'field'");
                for (const auto& kv : a.kw) {
                    if (kv.first != "field")
                        return in.type_error("Model._get_FIELD_display() got an unexpected keyword argument '" + kv.first + "'");
                    if (kv.second->kind == Kind::kNone)
                        return in.raise(in.AttributeError, "'NoneType' object has no attribute 'attname'");
                    return in.not_supported("get_FOO_display(field=...)");
                }
                return choice_display(in, static_cast<ModelInstance&>(*self), *field);
            });
        }
    }
    if (attr) {
        if (auto* fn = shell::as<shell::FunctionObj>(attr)) {
            if (fn->is_property) return in.call(attr, {self});
            return shell::make_bound_method(in, attr, self);
        }
        if (attr->kind == Kind::kBuiltin) return shell::make_bound_method(in, attr, self);
        return attr;
    }
    for (const auto& mgr : model->managers)
        if (mgr.name == name) return in.raise(in.AttributeError, "Manager isn't accessible via " + model->name + " instances");
    if (name == "objects") return in.raise(in.AttributeError, "Manager isn't accessible via " + model->name + " instances");
    return in.raise(in.AttributeError, "'" + model->name + "' object has no attribute '" + name + "'");
}

bool ModelInstance::setattr(Interp& in, const std::string& name, Ref value) {
    for (const auto& f : model->fields) {
        if (f.many_to_many() && f.name == name) {
            in.type_error("Direct assignment to the forward side of a many-to-many set is prohibited. Use " + name + ".set() instead.");
            return false;
        }
        if (f.is_fk() && f.name == name) {
            if (value->kind == Kind::kNone) {
                if (!f.null()) {
                    // Django 3.2 allows assigning None; save() fails with IntegrityError.
                }
                values[f.attname()] = in.None;
                related_cache[name] = in.None;
                return true;
            }
            auto* inst = shell::as<ModelInstance>(value);
            const ModelDef* target = remote_model(*in.apps, f);
            if (!inst || inst->model != target) {
                std::string r;
                if (!in.repr(value, r)) return false;
                in.value_error("Cannot assign \"" + r + "\": \"" + model->name + "." + name + "\" must be a \"" + target->name + "\" instance.");
                return false;
            }
            const Field* tf = target_field(*in.apps, f);
            Ref id = inst->values.count(tf->attname()) ? inst->values[tf->attname()] : in.None;
            values[f.attname()] = id;
            related_cache[name] = value;
            return true;
        }
        if (f.attname() == name || f.name == name) {
            if (f.is_fk()) {
                // Assigning the id drops a cached object that no longer matches.
                auto c = related_cache.find(f.name);
                if (c != related_cache.end()) {
                    auto* inst = shell::as<ModelInstance>(c->second);
                    if (!inst || in.equals(inst->pk_value() ? inst->pk_value() : in.None, value) != 1) related_cache.erase(c);
                }
            }
            if (Ref file_name = field_file_name(value)) value = file_name;  // FieldFile: its name is stored
            values[f.attname()] = std::move(value);
            deferred.erase(std::remove(deferred.begin(), deferred.end(), f.attname()), deferred.end());
            return true;
        }
    }
    if (name == "pk") {
        values[model->pk()->attname()] = std::move(value);
        return true;
    }
    for (const auto& rr : reverse_relations(*in.apps, *model)) {
        if (rr.accessor == name && rr.field->many_to_many()) {
            in.type_error("Direct assignment to the reverse side of a many-to-many set is prohibited. Use " + name + ".set() instead.");
            return false;
        }
    }
    Ref attr = cls->lookup(name);
    if (auto* fn = shell::as<shell::FunctionObj>(attr); fn && fn->is_property) {
        in.raise(in.AttributeError, "can't set attribute");
        return false;
    }
    if (!extra.count(name)) extra_order.push_back(name);
    extra[name] = std::move(value);
    return true;
}

}  // namespace gramlab::orm

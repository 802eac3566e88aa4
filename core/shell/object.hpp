// The shell's runtime values: every Python object a learner's statement can touch (None,
// numbers, strings, containers, datetimes, functions, classes, exceptions, and the ORM's
// model classes, instances, managers and QuerySets, which live in core/orm/).
// Errors follow CPython's convention: an operation that raises returns a null Ref and leaves
// the exception pending in the Interp (see interp.hpp), so no C++ exceptions are needed.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gramlab::shell {

class Interp;
class Object;
using Ref = std::shared_ptr<Object>;

using KwArgs = std::vector<std::pair<std::string, Ref>>;

//! The arguments of one call, positional then keyword, in the order written.
struct Args {
    std::vector<Ref> pos;
    KwArgs kw;
    const Ref* find(const std::string& name) const {
        for (const auto& kv : kw)
            if (kv.first == name) return &kv.second;
        return nullptr;
    }
};

enum class Kind {
    kNone, kBool, kInt, kFloat, kStr, kBytes, kList, kTuple, kDict, kSet, kSlice,
    kDecimal, kDateTime, kDate, kTime, kTimeDelta, kTimezone,
    kFunction,      // a def/lambda written by the learner (or in models.py)
    kBuiltin,       // a function implemented in C++ (len, print, Q, Count, ...)
    kBoundMethod,   // obj.method for a learner-written method
    kClass,         // a class: builtin (int, ValueError), exception, learner-written, model
    kExceptionObj,  // a raised or constructed exception instance
    kModule,        // datetime, django.db.models, ...
    kInstance,      // an instance of a learner-written non-model class
    kNative,        // ORM objects (model instances, managers, QuerySets, Q, F, expressions)
};

class Object : public std::enable_shared_from_this<Object> {
public:
    explicit Object(Kind k) : kind(k) {}
    virtual ~Object() = default;
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;

    const Kind kind;
    //! A member of a TextChoices / IntegerChoices class (core/orm/choices.cpp): a str or an
    //! int to everything but type() and repr().
    bool enum_member = false;

    //! type(x).__name__, used in error messages ("'int' object is not callable").
    virtual std::string type_name() const;
    //! repr(x); may run learner code (__str__ inside a model repr) and so may raise.
    virtual bool repr(Interp& in, std::string& out);
    //! str(x); defaults to repr.
    virtual bool str(Interp& in, std::string& out) { return repr(in, out); }
    //! Attribute lookup; null + AttributeError pending when absent.
    virtual Ref getattr(Interp& in, const std::string& name);
    //! `x.name(...)` without a bound method (CPython's LOAD_METHOD): a BuiltinObj with a
    //! `method` body that getattr(name) would bind to this object, or null (nothing pending)
    //! to take the getattr path. Only objects whose method lookup is a table hit answer.
    virtual Ref find_method(Interp&, const std::string&) { return nullptr; }
    //! Attribute assignment; false + exception pending on failure.
    virtual bool setattr(Interp& in, const std::string& name, Ref value);
    //! Calling the object.
    virtual Ref call(Interp& in, Args& args);
    //! bool(x): 1 true, 0 false, -1 raised.
    virtual int truthy(Interp& in) { return 1; }
    //! iter(x) as a materialised list of items (the shell's iterables are finite).
    virtual bool iterate(Interp& in, std::vector<Ref>& out);
    //! len(x); -1 raised.
    virtual int64_t length(Interp& in);
    //! x[key]
    virtual Ref getitem(Interp& in, const Ref& key);
    //! x[key] = value
    virtual bool setitem(Interp& in, const Ref& key, Ref value);
    //! `item in x`: 1, 0, or -1 raised. Default: iterate and compare.
    virtual int contains(Interp& in, const Ref& item);
    //! Hash for dict keys and sets: false when unhashable (TypeError pending).
    virtual bool hash(Interp& in, uint64_t& out);
    //! CPython's hash() of this object when it is the same in every process (py_hash.hpp);
    //! false when it is not (the default) or the object is unhashable, nothing raised.
    virtual bool python_hash(Interp&, int64_t&) { return false; }
    //! ==: 1 / 0, -1 raised, -2 not implemented (falls back to identity).
    virtual int eq(Interp& in, const Ref& other) { return -2; }
    //! Ordering: -1 / 0 / 1 into `result`; returns false with nothing pending when unorderable.
    virtual bool order(Interp& in, const Ref& other, int& result) { return false; }
    //! Binary operators; null with nothing pending = NotImplemented. `reflected`: other op self.
    virtual Ref binop(Interp& in, int op, const Ref& other, bool reflected) { return nullptr; }
    //! Unary operators (-x, ~x); null with nothing pending = unsupported.
    virtual Ref unary(Interp& in, int op) { return nullptr; }
    //! Drops the references this object holds to other objects of the session (CPython's
    //! tp_clear): called at the session's end on every class and on the objects
    //! Interp::track_cyclic() listed, since gramlab has no cycle collector (`qs.me = qs`, a
    //! class whose methods point back at it, must not outlive the session).
    virtual void drop_references() {}
};

// ------------------------------------------------------------------------- plain values

class NoneObj final : public Object {
public:
    NoneObj() : Object(Kind::kNone) {}
    std::string type_name() const override { return "NoneType"; }
    bool repr(Interp&, std::string& out) override { out = "None"; return true; }
    int truthy(Interp&) override { return 0; }
};

class BoolObj final : public Object {
public:
    explicit BoolObj(bool v) : Object(Kind::kBool), value(v) {}
    const bool value;
    std::string type_name() const override { return "bool"; }
    bool repr(Interp&, std::string& out) override { out = value ? "True" : "False"; return true; }
    int truthy(Interp&) override { return value ? 1 : 0; }
};

class IntObj : public Object {
public:
    explicit IntObj(int64_t v) : Object(Kind::kInt), value(v) {}
    const int64_t value;
    std::string type_name() const override { return "int"; }
    bool repr(Interp&, std::string& out) override { out = std::to_string(value); return true; }
    int truthy(Interp&) override { return value != 0; }
    Ref getattr(Interp& in, const std::string& name) override;
};

class FloatObj final : public Object {
public:
    explicit FloatObj(double v) : Object(Kind::kFloat), value(v) {}
    const double value;
    std::string type_name() const override { return "float"; }
    bool repr(Interp&, std::string& out) override;
    int truthy(Interp&) override { return value != 0.0; }
    Ref getattr(Interp& in, const std::string& name) override;
};

class StrObj : public Object {
public:
    explicit StrObj(std::string v) : Object(Kind::kStr), value(std::move(v)) {}
    const std::string value;  // UTF-8
    std::string type_name() const override { return "str"; }
    bool repr(Interp&, std::string& out) override;
    bool str(Interp&, std::string& out) override { out = value; return true; }
    int truthy(Interp&) override { return !value.empty(); }
    Ref getattr(Interp& in, const std::string& name) override;
    bool iterate(Interp& in, std::vector<Ref>& out) override;
    int64_t length(Interp& in) override;
    Ref getitem(Interp& in, const Ref& key) override;
    int contains(Interp& in, const Ref& item) override;
};

class BytesObj final : public Object {
public:
    explicit BytesObj(std::string v) : Object(Kind::kBytes), value(std::move(v)) {}
    const std::string value;
    std::string type_name() const override { return "bytes"; }
    bool repr(Interp&, std::string& out) override;
    int truthy(Interp&) override { return !value.empty(); }
    int64_t length(Interp&) override { return static_cast<int64_t>(value.size()); }
};

//! list and tuple share one representation.
class SeqObj final : public Object {
public:
    SeqObj(Kind k, std::vector<Ref> v) : Object(k), items(std::move(v)) {}
    std::vector<Ref> items;  // tuples never change after construction
    //! A named tuple (values_list(named=True)): class name and field names.
    std::string row_name;
    std::vector<std::string> row_fields;
    //! A dict view (d.keys(), d.values(), d.items()): "dict_keys", ... A snapshot list that
    //! prints, names itself and refuses indexing as the view does.
    const char* view_name = nullptr;
    std::string type_name() const override {
        return view_name ? view_name : !row_name.empty() ? row_name : kind == Kind::kList ? "list" : "tuple";
    }
    bool repr(Interp& in, std::string& out) override;
    int truthy(Interp&) override { return !items.empty(); }
    Ref getattr(Interp& in, const std::string& name) override;
    bool iterate(Interp&, std::vector<Ref>& out) override { out = items; return true; }
    int64_t length(Interp&) override { return static_cast<int64_t>(items.size()); }
    Ref getitem(Interp& in, const Ref& key) override;
    bool setitem(Interp& in, const Ref& key, Ref value) override;
    bool hash(Interp& in, uint64_t& out) override;
};

//! dict (insertion ordered) and set (kept as keys with null values).
class DictObj final : public Object {
public:
    explicit DictObj(Kind k = Kind::kDict);
    ~DictObj() override;
    //! Key/value pairs (sets: value None) in iteration order: a dict's insertion order; a set's
    //! CPython table order once settle_order() ran (repr and iterate call it). Code outside this
    //! class may append pairs with new keys; removal and reordering go through the members
    //! below, which keep the hash index and a set's table in step.
    std::vector<std::pair<Ref, Ref>> entries;
    //! collections.Counter / defaultdict / OrderedDict: a dict with that class's missing-key
    //! rule, repr, methods and operators (collections_module.cpp). Null for a plain dict.
    const char* flavor = nullptr;
    Ref default_factory;  // defaultdict's (None: missing keys raise KeyError)
    std::string type_name() const override { return flavor ? flavor : kind == Kind::kDict ? "dict" : "set"; }
    bool repr(Interp& in, std::string& out) override;
    Ref binop(Interp& in, int op, const Ref& other, bool reflected) override;
    int truthy(Interp&) override { return !entries.empty(); }
    Ref getattr(Interp& in, const std::string& name) override;
    bool iterate(Interp&, std::vector<Ref>& out) override;
    int64_t length(Interp&) override { return static_cast<int64_t>(entries.size()); }
    Ref getitem(Interp& in, const Ref& key) override;
    bool setitem(Interp& in, const Ref& key, Ref value) override;
    int contains(Interp& in, const Ref& item) override;
    //! Index of `key`, -1 when absent, -2 when raised (unhashable / comparison error).
    int64_t find(Interp& in, const Ref& key);
    //! Inserts or replaces; false when raised.
    bool put(Interp& in, const Ref& key, Ref value);
    //! Removes entries[i] (del d[k], d.pop(k), set.discard(x)).
    void erase_at(size_t i);
    //! d.clear() / s.clear()
    void clear();
    //! Makes this empty object a copy of `other` (dict(d), d.copy(), set(s), s.copy()); a set
    //! copies CPython's table as set_merge does, so the copy iterates in the same order.
    void copy_from(const DictObj& other);
    //! set |= other / set.update(other) for another set: CPython's set_merge.
    bool merge_set(Interp& in, DictObj& other);
    //! set.pop(): removes and returns the element CPython would, null when empty.
    Ref pop_set_element();
    //! Puts a set's entries in CPython's iteration order (a no-op for dicts, for sets already
    //! in order and for sets holding a value whose hash differs per process, e.g. strings).
    void settle_order();

private:
    struct SetTable;  // a set's simulated CPython table (object.cpp)
    //! Keeps the hash index covering every entry; false when a key would not hash again.
    bool sync_index(Interp& in);
    void index_insert(size_t position);
    void index_erase(size_t position);
    //! Removes entries[i] and its index slot (the set table is the caller's).
    void remove_position(size_t i);
    //! Registers a newly appended set element with the simulated table.
    void track_new_element(Interp& in, size_t position);
    void drop_set_table();

    // Hash index (open addressing over entry positions + 1), built once there are more than a
    // few entries: lookups stay O(1) in dicts and sets of thousands of rows.
    std::vector<uint64_t> hashes_;    // in.hash() of entries[i].first, for indexed entries
    std::vector<uint32_t> slots_;     // 0 = empty, else position + 1
    bool index_valid_ = false;
    std::unique_ptr<SetTable> table_;  // sets only; null when the order is not CPython's to know
    bool table_given_up_ = false;
};

class SliceObj final : public Object {
public:
    SliceObj(Ref lo, Ref hi, Ref st) : Object(Kind::kSlice), lower(std::move(lo)), upper(std::move(hi)), step(std::move(st)) {}
    Ref lower, upper, step;  // NoneObj when omitted
    std::string type_name() const override { return "slice"; }
    bool repr(Interp& in, std::string& out) override;
};

// ------------------------------------------------------------------------- callables

//! A function implemented in C++. `self` is bound for methods of builtin objects.
class BuiltinObj final : public Object {
public:
    using Fn = std::function<Ref(Interp&, Args&)>;
    //! A method's body taking its receiver apart from the arguments (bound_method.hpp), so a
    //! bound call passes self without copying the arguments to put it in front.
    using MethodFn = std::function<Ref(Interp&, Ref&, Args&)>;
    BuiltinObj(std::string n, Fn f) : Object(Kind::kBuiltin), name(std::move(n)), fn(std::move(f)) {}
    BuiltinObj(std::string n, MethodFn m) : Object(Kind::kBuiltin), name(std::move(n)), method(std::move(m)) {}
    std::string name;
    std::string repr_text;  // when set, repr() prints it ("<built-in function len>")
    //! When set, the Python function this stands for: repr() is "<function `python_qualname`
    //! at 0x...>" (built when asked, not at every attribute access).
    const char* python_qualname_prefix = nullptr;  // "QuerySet." in "QuerySet.count"; may be null
    std::string python_qualname;
    Fn fn;
    MethodFn method;
    //! A classmethod: bound to the class it is reached through (or the class of the instance).
    bool is_classmethod = false;
    std::string type_name() const override { return "builtin_function_or_method"; }
    bool repr(Interp& in, std::string& out) override;
    Ref call(Interp& in, Args& args) override;
    //! The Python qualname ("QuerySet.count") when this stands for a Python function, else "".
    std::string qualname() const;
    bool has_python_qualname() const { return python_qualname_prefix || !python_qualname.empty(); }
    //! __name__ and __qualname__.
    Ref getattr(Interp& in, const std::string& n) override;
};

// ------------------------------------------------------------------------- classes, instances

//! A class: builtin (int, str, ValueError), learner-written, or a model exception class.
//! Model classes are ModelClass (core/orm) and derive from this.
class ClassObj : public Object {
public:
    ClassObj(std::string n, std::string module, std::vector<std::shared_ptr<ClassObj>> b)
        : Object(Kind::kClass), name(std::move(n)), module(std::move(module)), bases(std::move(b)) {}
    std::string name;      // __name__
    std::string qualname;  // __qualname__ (empty = name)
    std::string module;    // __module__ ("builtins" for builtins)
    std::vector<std::shared_ptr<ClassObj>> bases;
    std::map<std::string, Ref> dict;  // class attributes and methods
    //! Builtin classes construct values through this (int('3'), ValueError('x')).
    std::function<Ref(Interp&, Args&)> construct;
    //! Its methods point back at it (super()), its bases and dict at other classes.
    void drop_references() override {
        dict.clear();
        bases.clear();
        construct = nullptr;
    }
    bool is_exception = false;
    //! type(cls) when it is not `type` (Django's models: ModelBase).
    std::shared_ptr<ClassObj> metaclass;

    std::string type_name() const override { return metaclass ? metaclass->name : "type"; }
    bool repr(Interp& in, std::string& out) override;
    Ref getattr(Interp& in, const std::string& name) override;
    bool setattr(Interp& in, const std::string& name, Ref value) override;
    Ref call(Interp& in, Args& args) override;
    Ref getitem(Interp& in, const Ref& key) override;
    //! Traceback name: "module.qualname" ("NameError" for builtins).
    std::string traceback_name() const;
    bool is_subclass_of(const ClassObj* other) const;
    //! Finds an attribute in this class or its bases (MRO: depth-first, left to right).
    Ref lookup(const std::string& attr) const;
};
using ClassRef = std::shared_ptr<ClassObj>;

//! An exception instance: its class and args (message = str(args[0]) usually).
class ExceptionObj final : public Object {
public:
    ExceptionObj(ClassRef c, std::vector<Ref> a) : Object(Kind::kExceptionObj), cls(std::move(c)), args(std::move(a)) {}
    ClassRef cls;
    std::vector<Ref> args;
    //! Overrides str(e) when set (Django exceptions that format their own message).
    std::string message_override;
    bool has_override = false;
    //! Where it was raised (for SyntaxError: the line and column).
    int line = 0, column = 0;
    std::string type_name() const override { return cls->name; }
    bool repr(Interp& in, std::string& out) override;
    bool str(Interp& in, std::string& out) override;
    Ref getattr(Interp& in, const std::string& name) override;
};

//! An instance of a learner-written (non-model) class, e.g. a custom manager's helper.
class InstanceObj : public Object {
public:
    explicit InstanceObj(ClassRef c) : Object(Kind::kInstance), cls(std::move(c)) {}
    ClassRef cls;
    std::map<std::string, Ref> dict;
    std::string type_name() const override { return cls->name; }
    bool repr(Interp& in, std::string& out) override;
    bool str(Interp& in, std::string& out) override;
    Ref getattr(Interp& in, const std::string& name) override;
    bool setattr(Interp& in, const std::string& name, Ref value) override;
};

//! A module: its attributes (datetime, django.utils.timezone, ...).
class ModuleObj final : public Object {
public:
    explicit ModuleObj(std::string n) : Object(Kind::kModule), name(std::move(n)) {}
    std::string name;
    std::map<std::string, Ref> attrs;
    std::string type_name() const override { return "module"; }
    bool repr(Interp& in, std::string& out) override { out = "<module '" + name + "'>"; return true; }
    Ref getattr(Interp& in, const std::string& name) override;
};

// ------------------------------------------------------------------------- helpers

//! Typed access: null when `r` is not of that class.
template <typename T>
T* as(const Ref& r) { return dynamic_cast<T*>(r.get()); }

}  // namespace gramlab::shell

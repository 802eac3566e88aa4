// Value: the Python values that appear in model and migration definitions (field options,
// Meta options, defaults, choices), kept symbolically so they can be compared, printed
// with Python's repr and serialised back into a migration file exactly as Django would.
// Mirrors what django/db/migrations/serializer.py can serialise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gramlab {

struct Value;
using Kwargs = std::vector<std::pair<std::string, Value>>;

struct Value {
    enum class Kind {
        kNone,
        kBool,
        kInt,       // text holds the decimal digits (Python ints are unbounded)
        kFloat,     // number holds it; text holds Python's repr
        kStr,
        kBytes,
        kList,
        kTuple,
        kDict,      // items alternate key, value
        kSet,
        kRef,       // a top-level function/class/constant by import path: "django.utils.timezone.now"
        kCall,      // a deconstructible object: text = import path, items = args, kwargs
        kSetting,   // settings.NAME (text = NAME, items[0] = the setting's value)
        kDecimal,   // Decimal('1.50'): text holds the digits
        kModel,     // a model class: text = "app_label.ModelName"
    };

    Kind kind = Kind::kNone;
    bool boolean = false;
    double number = 0.0;
    std::string text;
    std::vector<Value> items;
    Kwargs kwargs;

    static Value none() { return Value(); }
    static Value of_bool(bool b) { Value v; v.kind = Kind::kBool; v.boolean = b; return v; }
    static Value of_int(int64_t i) { Value v; v.kind = Kind::kInt; v.text = std::to_string(i); return v; }
    static Value of_int_text(std::string digits) { Value v; v.kind = Kind::kInt; v.text = std::move(digits); return v; }
    static Value of_float(double d);
    static Value of_str(std::string s) { Value v; v.kind = Kind::kStr; v.text = std::move(s); return v; }
    static Value list(std::vector<Value> items) { Value v; v.kind = Kind::kList; v.items = std::move(items); return v; }
    static Value tuple(std::vector<Value> items) { Value v; v.kind = Kind::kTuple; v.items = std::move(items); return v; }
    static Value ref(std::string path) { Value v; v.kind = Kind::kRef; v.text = std::move(path); return v; }
    static Value call(std::string path, std::vector<Value> args = {}, Kwargs kwargs = {}) {
        Value v; v.kind = Kind::kCall; v.text = std::move(path); v.items = std::move(args); v.kwargs = std::move(kwargs);
        return v;
    }
    static Value model(std::string label) { Value v; v.kind = Kind::kModel; v.text = std::move(label); return v; }

    bool is_none() const { return kind == Kind::kNone; }
    bool is_str() const { return kind == Kind::kStr; }
    bool is_int() const { return kind == Kind::kInt; }
    bool is_bool() const { return kind == Kind::kBool; }
    bool is_sequence() const { return kind == Kind::kList || kind == Kind::kTuple; }
    //! Python truthiness for literals (refs, calls and models are truthy).
    bool truthy() const;
    //! The int value if it fits in int64 (kInt or kBool), else nullopt.
    std::optional<int64_t> as_int() const;
    //! Finds a keyword argument of a kCall.
    const Value* kwarg(const std::string& name) const;

    bool operator==(const Value& o) const;
    bool operator!=(const Value& o) const { return !(*this == o); }
};

//! Python's repr() of a str: 'abc', "it's", '\n' escaped, non-ASCII printable kept.
std::string py_repr_str(const std::string& s);
//! Python's repr() of a float: 1.0, 0.1, 1e+16, inf.
std::string py_repr_float(double d);
//! Python's repr() of a value (models as <class 'app.models.Name'>, refs as their path).
std::string py_repr(const Value& v);

}  // namespace gramlab

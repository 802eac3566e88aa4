// Writes YAML the way PyYAML's `safe_dump(data, default_flow_style=False, indent=2, width=80)`
// does, for the values docker-compose 1.29 prints with `docker-compose config`: block mappings
// with sorted keys, indentless sequences, `{}`/`[]` for empty collections, and PyYAML's choice
// between plain, 'single' and "double" quoted scalars (a string that would read back as a
// number, bool or null is quoted), including the folding of long scalars at column 80.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace gramlab::deploy {

//! A Python value as PyYAML sees it: None, bool, int, str, list or dict.
struct PyValue {
    enum class Kind { kNone, kBool, kInt, kStr, kList, kDict };
    Kind kind = Kind::kNone;
    bool boolean = false;
    std::int64_t integer = 0;
    std::string str;
    bool force_double_quotes = false;                   // compose's representer for "y", "no", "true", ...
    std::vector<PyValue> items;                         // kList
    std::vector<std::pair<std::string, PyValue>> dict;  // kDict (written sorted by key)

    static PyValue none() { return PyValue{}; }
    static PyValue of_kind(Kind k) {
        PyValue v;
        v.kind = k;
        return v;
    }
    static PyValue of_bool(bool b);
    static PyValue of_int(std::int64_t i);
    static PyValue of_str(std::string s);
    static PyValue list() { return of_kind(Kind::kList); }
    static PyValue mapping() { return of_kind(Kind::kDict); }
    //! Sets `key` (replacing an earlier value of the same key, as a dict does).
    void set(const std::string& key, PyValue v);
    const PyValue* get(const std::string& key) const;
};

//! What PyYAML's resolver makes of a plain scalar: "str", "int", "float", "bool", "null",
//! "timestamp" (YAML 1.1 rules, e.g. "3.8" → float, "yes" → bool, "" and "~" → null).
std::string yaml11_resolve(const std::string& plain);

//! The document PyYAML's safe_dump writes for `v` (a dict), ending with a newline.
std::string pyyaml_dump(const PyValue& v);

}  // namespace gramlab::deploy

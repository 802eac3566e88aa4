// Default behaviour of every object (Python's TypeError/AttributeError wording when an
// operation is not supported) and the containers' reprs, indexing and hashing.
#include "core/shell/object.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/models/value.hpp"
#include "core/shell/collections_module.hpp"
#include "core/shell/django_names.hpp"
#include "core/shell/function.hpp"
#include "core/shell/interp.hpp"
#include "core/shell/py_hash.hpp"
#include "core/shell/set_order.hpp"
#include "core/shell/text.hpp"

namespace gramlab::shell {

// ------------------------------------------------------------------------- Object defaults

std::string Object::type_name() const { return "object"; }

bool Object::repr(Interp& in, std::string& out) {
    out = "<" + type_name() + " object>";
    return true;
}

Ref Object::getattr(Interp& in, const std::string& name) { return in.attribute_error(*this, name); }

bool Object::setattr(Interp& in, const std::string& name, Ref) {
    in.attribute_error(*this, name);
    return false;
}

Ref Object::call(Interp& in, Args&) { return in.type_error("'" + type_name() + "' object is not callable"); }

bool Object::iterate(Interp& in, std::vector<Ref>&) {
    in.type_error("'" + type_name() + "' object is not iterable");
    return false;
}

int64_t Object::length(Interp& in) {
    in.type_error("object of type '" + type_name() + "' has no len()");
    return -1;
}

Ref Object::getitem(Interp& in, const Ref&) { return in.type_error("'" + type_name() + "' object is not subscriptable"); }

bool Object::setitem(Interp& in, const Ref&, Ref) {
    in.type_error("'" + type_name() + "' object does not support item assignment");
    return false;
}

int Object::contains(Interp& in, const Ref& item) {
    std::vector<Ref> items;
    if (!iterate(in, items)) {
        in.exc = nullptr;
        in.type_error("argument of type '" + type_name() + "' is not iterable");
        return -1;
    }
    for (const auto& x : items) {
        int eq = in.equals(x, item);
        if (eq != 0) return eq;
    }
    return 0;
}

bool Object::hash(Interp&, uint64_t& out) {
    out = reinterpret_cast<uintptr_t>(this) >> 4;
    return true;
}

// ------------------------------------------------------------------------- numbers, strings

bool FloatObj::repr(Interp&, std::string& out) {
    out = py_repr_float(value);
    return true;
}

bool StrObj::repr(Interp&, std::string& out) {
    out = repr_str(value);
    return true;
}

bool BytesObj::repr(Interp&, std::string& out) {
    out = "b" + py_repr_str(value);
    return true;
}

bool StrObj::iterate(Interp&, std::vector<Ref>& out) {
    for (const auto& cp : utf8_chars(value)) out.push_back(Interp::string(cp));
    return true;
}

int64_t StrObj::length(Interp&) { return static_cast<int64_t>(utf8_length(value)); }

int StrObj::contains(Interp& in, const Ref& item) {
    auto* s = as<StrObj>(item);
    if (!s) {
        in.type_error("'in <string>' requires string as left operand, not " + item->type_name());
        return -1;
    }
    return value.find(s->value) != std::string::npos;
}

// Resolves Python index/slice arguments over a sequence of `n` items.
namespace {

bool to_index(Interp& in, const Ref& r, int64_t& out, const std::string& what) {
    if (r->kind == Kind::kInt) { out = static_cast<IntObj*>(r.get())->value; return true; }
    if (r->kind == Kind::kBool) { out = static_cast<BoolObj*>(r.get())->value; return true; }
    in.type_error(what);
    return false;
}

}  // namespace

bool slice_indices(Interp& in, const SliceObj& s, int64_t n, int64_t& start, int64_t& stop, int64_t& step) {
    const char* msg = "slice indices must be integers or None or have an __index__ method";
    step = 1;
    if (s.step->kind != Kind::kNone && !to_index(in, s.step, step, msg)) return false;
    if (step == 0) {
        in.value_error("slice step cannot be zero");
        return false;
    }
    auto clamp = [&](const Ref& r, int64_t dflt, int64_t& v) {
        if (r->kind == Kind::kNone) { v = dflt; return true; }
        if (!to_index(in, r, v, msg)) return false;
        if (v < 0) v += n;
        if (step > 0) v = std::clamp<int64_t>(v, 0, n);
        else v = std::clamp<int64_t>(v, -1, n - 1);
        return true;
    };
    if (!clamp(s.lower, step > 0 ? 0 : n - 1, start)) return false;
    if (!clamp(s.upper, step > 0 ? n : -1, stop)) return false;
    return true;
}

template <typename T>
static std::vector<T> apply_slice(const std::vector<T>& v, int64_t start, int64_t stop, int64_t step) {
    std::vector<T> out;
    if (step > 0)
        for (int64_t i = start; i < stop; i += step) out.push_back(v[static_cast<size_t>(i)]);
    else
        for (int64_t i = start; i > stop; i += step) out.push_back(v[static_cast<size_t>(i)]);
    return out;
}

Ref StrObj::getitem(Interp& in, const Ref& key) {
    std::vector<std::string> chars = utf8_chars(value);
    int64_t n = static_cast<int64_t>(chars.size());
    if (auto* sl = as<SliceObj>(key)) {
        int64_t a, b, st;
        if (!slice_indices(in, *sl, n, a, b, st)) return nullptr;
        std::string r;
        for (const auto& c : apply_slice(chars, a, b, st)) r += c;
        return Interp::string(r);
    }
    int64_t i;
    if (!to_index(in, key, i, "string indices must be integers, not '" + key->type_name() + "'")) return nullptr;
    if (i < 0) i += n;
    if (i < 0 || i >= n) return in.raise(in.IndexError, "string index out of range");
    return Interp::string(chars[static_cast<size_t>(i)]);
}

// ------------------------------------------------------------------------- list / tuple

bool SeqObj::repr(Interp& in, std::string& out) {
    if (in.depth > in.budget.max_depth) {
        in.raise(in.RecursionError, "maximum recursion depth exceeded while getting the repr of an object");
        return false;
    }
    if (!in.repr_enter(this)) {
        out = kind == Kind::kList ? "[...]" : "(...)";
        return true;
    }
    ++in.depth;
    std::string s = view_name ? std::string(view_name) + "([" : !row_name.empty() ? row_name + "(" : kind == Kind::kList ? "[" : "(";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) s += ", ";
        if (!row_name.empty() && i < row_fields.size()) s += row_fields[i] + "=";
        std::string r;
        if (!in.repr(items[i], r)) {
            --in.depth;
            in.repr_leave();
            return false;
        }
        s += r;
    }
    --in.depth;
    in.repr_leave();
    if (kind == Kind::kTuple && items.size() == 1 && row_name.empty()) s += ",";
    s += view_name ? "])" : kind == Kind::kList ? "]" : ")";
    out = std::move(s);
    return true;
}

Ref SeqObj::getitem(Interp& in, const Ref& key) {
    if (view_name) return in.type_error("'" + std::string(view_name) + "' object is not subscriptable");
    int64_t n = static_cast<int64_t>(items.size());
    if (auto* sl = as<SliceObj>(key)) {
        int64_t a, b, st;
        if (!slice_indices(in, *sl, n, a, b, st)) return nullptr;
        auto v = apply_slice(items, a, b, st);
        return kind == Kind::kList ? Interp::list(std::move(v)) : Interp::tuple(std::move(v));
    }
    const std::string what = kind == Kind::kList ? "list" : "tuple";
    int64_t i;
    if (!to_index(in, key, i, what + " indices must be integers or slices, not " + key->type_name())) return nullptr;
    if (i < 0) i += n;
    if (i < 0 || i >= n) return in.raise(in.IndexError, what + " index out of range");
    return items[static_cast<size_t>(i)];
}

bool SeqObj::setitem(Interp& in, const Ref& key, Ref value) {
    if (kind != Kind::kList) {
        in.type_error("'tuple' object does not support item assignment");
        return false;
    }
    int64_t i, n = static_cast<int64_t>(items.size());
    if (!to_index(in, key, i, "list indices must be integers or slices, not " + key->type_name())) return false;
    if (i < 0) i += n;
    if (i < 0 || i >= n) {
        in.raise(in.IndexError, "list assignment index out of range");
        return false;
    }
    items[static_cast<size_t>(i)] = std::move(value);
    return true;
}

bool SeqObj::hash(Interp& in, uint64_t& out) {
    if (kind == Kind::kList) {
        in.type_error("unhashable type: 'list'");
        return false;
    }
    uint64_t h = 0x345678;
    for (const auto& x : items) {
        uint64_t hx;
        if (!in.hash(x, hx)) return false;
        h = (h ^ hx) * 1000003;
    }
    out = h;
    return true;
}

// ------------------------------------------------------------------------- dict / set

Ref DictObj::binop(Interp& in, int op, const Ref& other, bool reflected) {
    return flavor ? collections_binop(in, *this, op, other, reflected) : nullptr;
}

bool DictObj::repr(Interp& in, std::string& out) {
    if (flavor) return collections_repr(in, *this, out);
    if (kind == Kind::kSet && entries.empty()) { out = "set()"; return true; }
    if (in.depth > in.budget.max_depth) {
        in.raise(in.RecursionError, "maximum recursion depth exceeded while getting the repr of an object");
        return false;
    }
    if (!in.repr_enter(this)) {
        out = "{...}";
        return true;
    }
    settle_order();
    ++in.depth;
    auto fail = [&] {
        --in.depth;
        in.repr_leave();
        return false;
    };
    std::string s = "{";
    bool first = true;
    for (const auto& kv : entries) {
        if (!first) s += ", ";
        first = false;
        std::string k;
        if (!in.repr(kv.first, k)) return fail();
        s += k;
        if (kind == Kind::kDict) {
            std::string v;
            if (!in.repr(kv.second, v)) return fail();
            s += ": " + v;
        }
    }
    --in.depth;
    in.repr_leave();
    out = s + "}";
    return true;
}

bool DictObj::iterate(Interp&, std::vector<Ref>& out) {
    settle_order();
    for (const auto& kv : entries) out.push_back(kv.first);
    return true;
}

// ---- a set's CPython table

struct DictObj::SetTable {
    IntSetOrder table;            // keys are the tokens below
    std::vector<int64_t> tokens;  // entries[i]'s token
    std::vector<int64_t> hashes;  // entries[i]'s CPython hash()
    int64_t next_token = 0;
    bool settled = true;          // entries are in the table's order
};

DictObj::DictObj(Kind k) : Object(k) {}
DictObj::~DictObj() = default;

void DictObj::drop_set_table() {
    table_.reset();
    table_given_up_ = true;
}

void DictObj::track_new_element(Interp& in, size_t position) {
    if (kind != Kind::kSet || table_given_up_) return;
    if (!table_) table_ = std::make_unique<SetTable>();
    int64_t h = 0;
    // Pairs appended directly (not through put) leave the table behind: insertion order then.
    if (table_->tokens.size() != position || !stable_python_hash(in, entries[position].first, h)) {
        drop_set_table();
        return;
    }
    int64_t token = table_->next_token++;
    table_->table.add(token, h);
    table_->tokens.push_back(token);
    table_->hashes.push_back(h);
    table_->settled = false;
}

void DictObj::settle_order() {
    if (kind != Kind::kSet || !table_ || table_->settled) return;
    if (table_->tokens.size() != entries.size()) {
        drop_set_table();
        return;
    }
    std::vector<int64_t> order = table_->table.items();
    std::unordered_map<int64_t, size_t> position;
    position.reserve(order.size());
    for (size_t i = 0; i < table_->tokens.size(); ++i) position.emplace(table_->tokens[i], i);
    std::vector<std::pair<Ref, Ref>> sorted;
    std::vector<int64_t> tokens, hashes;
    sorted.reserve(order.size());
    tokens.reserve(order.size());
    hashes.reserve(order.size());
    bool moved = false;
    for (int64_t token : order) {
        size_t p = position.at(token);
        moved = moved || p != sorted.size();
        sorted.push_back(std::move(entries[p]));
        tokens.push_back(token);
        hashes.push_back(table_->hashes[p]);
    }
    entries.swap(sorted);
    table_->tokens.swap(tokens);
    table_->hashes.swap(hashes);
    table_->settled = true;
    if (moved) index_valid_ = false;
}

void DictObj::erase_at(size_t i) {
    if (i >= entries.size()) return;
    if (table_) {
        if (table_->tokens.size() == entries.size()) {
            table_->table.discard(table_->tokens[i], table_->hashes[i]);
            table_->tokens.erase(table_->tokens.begin() + static_cast<long>(i));
            table_->hashes.erase(table_->hashes.begin() + static_cast<long>(i));
        } else {
            drop_set_table();
        }
    }
    remove_position(i);
}

void DictObj::remove_position(size_t i) {
    index_erase(i);
    entries.erase(entries.begin() + static_cast<long>(i));
}

void DictObj::clear() {
    entries.clear();
    hashes_.clear();
    slots_.clear();
    index_valid_ = false;
    table_.reset();
    table_given_up_ = false;
}

void DictObj::copy_from(const DictObj& other) {
    clear();
    entries = other.entries;
    if (kind != Kind::kSet) return;
    table_given_up_ = other.table_given_up_;
    if (!other.table_) return;
    if (other.table_->tokens.size() != other.entries.size()) {
        drop_set_table();
        return;
    }
    table_ = std::make_unique<SetTable>();
    table_->table.merge_into_empty(other.table_->table);
    table_->tokens = other.table_->tokens;
    table_->hashes = other.table_->hashes;
    table_->next_token = other.table_->next_token;
    table_->settled = false;
}

bool DictObj::merge_set(Interp& in, DictObj& other) {
    if (&other == this || other.entries.empty()) return true;
    if (entries.empty() && other.kind == Kind::kSet && kind == Kind::kSet && !table_given_up_) {
        // set_merge into an empty set copies the other table (same slots when sizes match).
        copy_from(other);
        return true;
    }
    if (table_ && table_->tokens.size() == entries.size()) table_->table.reserve_for_merge(other.entries.size());
    other.settle_order();
    for (const auto& kv : other.entries)
        if (!put(in, kv.first, in.None)) return false;
    return true;
}

Ref DictObj::pop_set_element() {
    if (entries.empty()) return nullptr;
    size_t victim = 0;
    if (table_ && table_->tokens.size() == entries.size()) {
        int64_t token = 0;
        if (table_->table.pop(token)) {
            for (size_t i = 0; i < table_->tokens.size(); ++i)
                if (table_->tokens[i] == token) { victim = i; break; }
            table_->tokens.erase(table_->tokens.begin() + static_cast<long>(victim));
            table_->hashes.erase(table_->hashes.begin() + static_cast<long>(victim));
            Ref key = entries[victim].first;
            remove_position(victim);
            return key;
        }
    }
    Ref key = entries.front().first;
    erase_at(0);
    return key;
}

// ---- the hash index

namespace {

constexpr size_t kIndexFrom = 8;  // up to this many entries a scan is as fast as the index

// Keys whose hash runs no learner code (a learner class may define __hash__ with side effects):
// only those are hashed again when the index is rebuilt.
bool hash_is_pure(const Ref& k) {
    if (k->kind == Kind::kInstance) return false;
    if (k->kind == Kind::kTuple)
        for (const auto& x : static_cast<SeqObj*>(k.get())->items)
            if (!hash_is_pure(x)) return false;
    return true;
}

size_t slot_of(uint64_t h, size_t mask) { return static_cast<size_t>((h * 0x9E3779B97F4A7C15ULL) >> 20) & mask; }

}  // namespace

void DictObj::index_insert(size_t position) {
    const size_t mask = slots_.size() - 1;
    size_t i = slot_of(hashes_[position], mask);
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = static_cast<uint32_t>(position + 1);
}

// Takes one position out of the index without rehashing anything: backward-shift deletion keeps
// every probe chain unbroken, and the positions after it move down by one as the entries do.
void DictObj::index_erase(size_t position) {
    if (!index_valid_ || position >= hashes_.size()) return;  // not indexed: nothing points at it
    const size_t mask = slots_.size() - 1;
    size_t i = slot_of(hashes_[position], mask);
    while (slots_[i] != position + 1) {
        if (slots_[i] == 0) {  // cannot happen while the index is in step; rebuild to be safe
            index_valid_ = false;
            return;
        }
        i = (i + 1) & mask;
    }
    size_t hole = i;
    for (size_t j = (i + 1) & mask; slots_[j] != 0; j = (j + 1) & mask) {
        const size_t home = slot_of(hashes_[slots_[j] - 1], mask);
        // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
        const bool stays = hole < j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!stays) {
            slots_[hole] = slots_[j];
            hole = j;
        }
    }
    slots_[hole] = 0;
    hashes_.erase(hashes_.begin() + static_cast<long>(position));
    const auto removed = static_cast<uint32_t>(position + 1);
    for (auto& slot : slots_)
        if (slot > removed) --slot;
}

bool DictObj::sync_index(Interp& in) {
    if (!index_valid_ || hashes_.size() > entries.size()) {
        hashes_.clear();
        slots_.clear();
        index_valid_ = true;
    }
    if (hashes_.size() == entries.size()) return true;
    size_t want = 16;
    while (want < entries.size() * 2) want <<= 1;
    const size_t first_new = hashes_.size();
    for (size_t i = first_new; i < entries.size(); ++i) {
        uint64_t h = 0;
        Ref saved = in.exc;
        if (!hash_is_pure(entries[i].first) || !in.hash(entries[i].first, h)) {
            in.exc = saved;
            index_valid_ = false;
            hashes_.clear();
            slots_.clear();
            return false;
        }
        hashes_.push_back(h);
    }
    if (slots_.size() < want) {
        slots_.assign(want, 0);
        for (size_t i = 0; i < hashes_.size(); ++i) index_insert(i);
    } else {
        for (size_t i = first_new; i < hashes_.size(); ++i) index_insert(i);
    }
    return true;
}

int64_t DictObj::find(Interp& in, const Ref& key) {
    uint64_t h;
    if (!in.hash(key, h)) return -2;
    if (entries.size() > kIndexFrom && sync_index(in)) {
        const size_t mask = slots_.size() - 1;
        for (size_t i = slot_of(h, mask);; i = (i + 1) & mask) {
            const uint32_t slot = slots_[i];
            if (slot == 0) return -1;
            const size_t p = slot - 1;
            if (hashes_[p] != h) continue;
            int eq = in.equals(entries[p].first, key);
            if (eq < 0) return -2;
            if (eq) return static_cast<int64_t>(p);
        }
    }
    for (size_t i = 0; i < entries.size(); ++i) {
        int eq = in.equals(entries[i].first, key);
        if (eq < 0) return -2;
        if (eq) return static_cast<int64_t>(i);
    }
    return -1;
}

bool DictObj::put(Interp& in, const Ref& key, Ref value) {
    int64_t i = find(in, key);
    if (i == -2) return false;
    if (i >= 0) {
        entries[static_cast<size_t>(i)].second = std::move(value);
        return true;
    }
    entries.emplace_back(key, std::move(value));
    track_new_element(in, entries.size() - 1);
    return true;
}

Ref DictObj::getitem(Interp& in, const Ref& key) {
    if (kind == Kind::kSet) return in.type_error("'set' object is not subscriptable");
    int64_t i = find(in, key);
    if (i == -2) return nullptr;
    if (i < 0 && flavor) return collections_missing(in, *this, key);  // Counter: 0, defaultdict: factory()
    if (i < 0) return in.raise_obj(std::make_shared<ExceptionObj>(in.KeyError, std::vector<Ref>{key}));
    return entries[static_cast<size_t>(i)].second;
}

bool DictObj::setitem(Interp& in, const Ref& key, Ref value) {
    if (kind == Kind::kSet) {
        in.type_error("'set' object does not support item assignment");
        return false;
    }
    return put(in, key, std::move(value));
}

int DictObj::contains(Interp& in, const Ref& item) {
    int64_t i = find(in, item);
    if (i == -2) return -1;
    return i >= 0;
}

bool SliceObj::repr(Interp& in, std::string& out) {
    std::string a, b, c;
    if (!in.repr(lower, a) || !in.repr(upper, b) || !in.repr(step, c)) return false;
    out = "slice(" + a + ", " + b + ", " + c + ")";
    return true;
}

bool BuiltinObj::repr(Interp&, std::string& out) {
    if (has_python_qualname()) out = "<function " + qualname() + " at 0x7f0000000000>";
    else out = !repr_text.empty() ? repr_text : "<built-in function " + name + ">";
    return true;
}

std::string BuiltinObj::qualname() const {
    return python_qualname_prefix ? python_qualname_prefix + python_qualname : python_qualname;
}

Ref BuiltinObj::getattr(Interp& in, const std::string& n) {
    if (n == "__name__") return Interp::string(name);
    if (n == "__qualname__") return Interp::string(has_python_qualname() ? qualname() : name);
    // One that stands for a Python function is a 'function' to the learner.
    if (has_python_qualname()) return in.raise(in.AttributeError, "'function' object has no attribute '" + n + "'");
    return Object::getattr(in, n);
}

Ref BuiltinObj::call(Interp& in, Args& args) {
    if (!method) return fn(in, args);
    // Called unbound (QuerySet.count(qs)): the receiver is the first argument.
    if (args.pos.empty()) return in.type_error(name + "() missing 1 required positional argument: 'self'");
    Ref me = args.pos[0];
    Args rest;
    rest.pos.assign(args.pos.begin() + 1, args.pos.end());
    rest.kw = args.kw;
    return method(in, me, rest);
}

// ------------------------------------------------------------------------- classes

std::string ClassObj::traceback_name() const {
    std::string q = qualname.empty() ? name : qualname;
    if (module.empty() || module == "builtins" || module == "__main__") return q;
    return module + "." + q;
}

bool ClassObj::repr(Interp&, std::string& out) {
    std::string q = qualname.empty() ? name : qualname;
    out = "<class '" + ((module.empty() || module == "builtins") ? q : module + "." + q) + "'>";
    return true;
}

bool ClassObj::is_subclass_of(const ClassObj* other) const {
    if (this == other) return true;
    for (const auto& b : bases)
        if (b->is_subclass_of(other)) return true;
    return false;
}

Ref ClassObj::lookup(const std::string& attr) const {
    auto it = dict.find(attr);
    if (it != dict.end()) return it->second;
    for (const auto& b : bases)
        if (Ref r = b->lookup(attr)) return r;
    return nullptr;
}

Ref ClassObj::getattr(Interp& in, const std::string& attr) {
    if (attr == "__name__") return Interp::string(name);
    if (attr == "__qualname__") return Interp::string(qualname.empty() ? name : qualname);
    if (attr == "__module__") return Interp::string(module);
    if (Ref r = lookup(attr)) {
        if (is_classmethod(r)) return make_bound_method(in, r, shared_from_this());
        return r;
    }
    return in.raise(in.AttributeError, "type object '" + name + "' has no attribute '" + attr + "'");
}

Ref ClassObj::getitem(Interp& in, const Ref&) {
    // list[int], dict[str, int], ...: types.GenericAlias, which gramlab does not model.
    static const char* const kGeneric[] = {"list", "dict", "tuple", "set", "frozenset", "type"};
    if (module == "builtins")
        for (const char* g : kGeneric)
            if (name == g) return in.not_supported("generic aliases such as " + name + "[...]");
    return in.type_error("type '" + name + "' is not subscriptable");
}

bool ClassObj::setattr(Interp&, const std::string& attr, Ref value) {
    dict[attr] = std::move(value);
    return true;
}

Ref ClassObj::call(Interp& in, Args& args) {
    if (construct) return construct(in, args);
    for (const auto& b : bases)
        if (b->construct && b->is_exception && !lookup("__init__")) {
            Ref r = b->construct(in, args);
            if (auto* e = as<ExceptionObj>(r)) e->cls = std::static_pointer_cast<ClassObj>(shared_from_this());
            if (auto* e = as<InstanceObj>(r)) e->cls = std::static_pointer_cast<ClassObj>(shared_from_this());
            return r;
        }
    auto obj = std::make_shared<InstanceObj>(std::static_pointer_cast<ClassObj>(shared_from_this()));
    if (Ref init = lookup("__init__")) {
        Args a = args;
        a.pos.insert(a.pos.begin(), obj);
        if (!in.call(init, a)) return nullptr;
    } else if (!args.pos.empty() || !args.kw.empty()) {
        return in.type_error(name + "() takes no arguments");
    }
    return obj;
}

// ------------------------------------------------------------------------- exceptions

bool ExceptionObj::str(Interp& in, std::string& out) {
    if (has_override) { out = message_override; return true; }
    if (args.empty()) { out.clear(); return true; }
    if (args.size() == 1) {
        // KeyError's str is the repr of its key.
        if (cls->is_subclass_of(in.KeyError.get())) return in.repr(args[0], out);
        return in.str(args[0], out);
    }
    return in.repr(Interp::tuple(args), out);
}

bool ExceptionObj::repr(Interp& in, std::string& out) {
    std::string a;
    if (has_override) a = repr_str(message_override);
    else {
        std::string t;
        if (!in.repr(Interp::tuple(args), t)) return false;
        a = args.size() == 1 ? t.substr(1, t.size() - 3) : t.substr(1, t.size() - 2);
    }
    out = cls->name + "(" + a + ")";
    return true;
}

Ref ExceptionObj::getattr(Interp& in, const std::string& name) {
    if (name == "args") return Interp::tuple(args);
    if (Ref r = cls->lookup(name)) return r;
    return in.attribute_error(*this, name);
}

// ------------------------------------------------------------------------- instances, modules

Ref InstanceObj::getattr(Interp& in, const std::string& name) {
    auto it = dict.find(name);
    if (it != dict.end()) return it->second;
    if (name == "__class__") return cls;
    if (Ref r = cls->lookup(name)) {
        if (r->kind == Kind::kFunction) return make_bound_method(in, r, shared_from_this());
        return r;
    }
    return in.attribute_error(*this, name);
}

bool InstanceObj::setattr(Interp&, const std::string& name, Ref value) {
    dict[name] = std::move(value);
    return true;
}

bool InstanceObj::repr(Interp& in, std::string& out) {
    if (Ref m = cls->lookup("__repr__")) {
        Ref r = in.call(make_bound_method(in, m, shared_from_this()), {});
        if (!r) return false;
        return in.str(r, out);
    }
    out = "<" + cls->traceback_name() + " object at 0x7f0000000000>";
    return true;
}

bool InstanceObj::str(Interp& in, std::string& out) {
    if (Ref m = cls->lookup("__str__")) {
        Ref r = in.call(make_bound_method(in, m, shared_from_this()), {});
        if (!r) return false;
        if (r->kind != Kind::kStr) {
            in.type_error("__str__ returned non-string (type " + r->type_name() + ")");
            return false;
        }
        out = static_cast<StrObj*>(r.get())->value;
        return true;
    }
    return repr(in, out);
}

Ref ModuleObj::getattr(Interp& in, const std::string& attr) {
    auto it = attrs.find(attr);
    if (it != attrs.end()) return it->second;
    if (django_has_name(name, attr)) return in.not_supported(name + "." + attr);
    return in.raise(in.AttributeError, "module '" + name + "' has no attribute '" + attr + "'");
}

}  // namespace gramlab::shell

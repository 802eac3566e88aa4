// pprint.pprint / pformat / pp / saferepr (see pprint_module.hpp), following CPython 3.11's
// Lib/pprint.py: PrettyPrinter._format, the _pprint_* dispatch for dict, list, tuple, set,
// str, bytes, OrderedDict, defaultdict and Counter, and _safe_repr for the one-line form.
#include "core/shell/pprint_module.hpp"

#include <algorithm>
#include <cstring>
#include <set>

#include "core/shell/function.hpp"
#include "core/shell/text.hpp"

namespace gramlab::shell {

namespace {

// Python's \s and str.splitlines() boundaries, by code point.
bool is_space(uint32_t c) {
    return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

bool is_line_break(uint32_t c) {
    return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x85 ||
           c == 0x2028 || c == 0x2029;
}

// str.splitlines(keepends=True)
std::vector<std::string> split_lines_keep_ends(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0, i = 0;
    while (i < s.size()) {
        uint32_t c = utf8_decode(s, i);
        if (!is_line_break(c)) continue;
        if (c == '\r' && i < s.size() && s[i] == '\n') ++i;
        out.push_back(s.substr(start, i - start));
        start = i;
    }
    if (start < s.size()) out.push_back(s.substr(start));
    return out;
}

// re.findall(r'\S*\s*', line) without its final empty match.
std::vector<std::string> words_with_spaces(const std::string& line) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < line.size()) {
        size_t start = i, j = i;
        while (j < line.size()) {
            size_t k = j;
            if (is_space(utf8_decode(line, k))) break;
            j = k;
        }
        while (j < line.size()) {
            size_t k = j;
            if (!is_space(utf8_decode(line, k))) break;
            j = k;
        }
        out.push_back(line.substr(start, j - start));
        i = j;
    }
    return out;
}

struct Printer {
    explicit Printer(Interp& i) : in(i) {}
    Interp& in;
    int64_t indent_per_level = 1;
    int64_t width = 80;
    int64_t depth = 0;  // 0: no limit
    bool compact = false;
    bool sort_dicts = true;
    bool underscore_numbers = false;
    std::set<const Object*> context;  // containers being printed (recursion)

    static constexpr int64_t kMaxLevel = 900;
    bool too_deep() {
        in.raise(in.RecursionError, "maximum recursion depth exceeded while calling a Python object");
        return false;
    }

    // `n` spaces, or MemoryError past the shell's budget (indent=10**9 would otherwise ask the
    // allocator for a gigabyte before anything is printed).
    bool blanks(int64_t n, const std::string& out, std::string& into) {
        if (n > (1 << 20) || static_cast<int64_t>(out.size()) + n > in.budget.memory_bytes) {
            in.raise(in.MemoryError, "the result would exceed the shell's memory budget");
            return false;
        }
        into.assign(static_cast<size_t>(std::max<int64_t>(0, n)), ' ');
        return true;
    }
    // Writes `n` spaces.
    bool pad(std::string& out, int64_t n) {
        std::string b;
        if (!blanks(n, out, b)) return false;
        out += b;
        return true;
    }
    // Writes the object's own repr (the empty forms of the dispatched containers).
    bool write_repr(const Ref& o, std::string& out) {
        std::string rep;
        if (!in.repr(o, rep)) return false;
        out += rep;
        return true;
    }

    static int64_t columns(const std::string& s) { return static_cast<int64_t>(utf8_length(s)); }

    static const DictObj* plain_dict(const Ref& o) {
        auto* d = as<DictObj>(o);
        return d && d->kind == Kind::kDict && !d->flavor ? d : nullptr;
    }
    static const SeqObj* plain_seq(const Ref& o) {
        auto* s = as<SeqObj>(o);
        return s && (s->kind == Kind::kList || s->kind == Kind::kTuple) && s->row_name.empty() && !s->view_name ? s
                                                                                                                        : nullptr;
    }
    static bool flavored(const Ref& o, const char* flavor) {
        auto* d = as<DictObj>(o);
        return d && d->flavor && std::strcmp(d->flavor, flavor) == 0;
    }

    // sorted(items, key=_safe_key): by the keys' own order; keys that do not compare (a str
    // and an int) fall back to their type names, as _safe_key does (then by position).
    bool sorted_entries(const std::vector<std::pair<Ref, Ref>>& entries, std::vector<std::pair<Ref, Ref>>& out) {
        std::vector<size_t> idx(entries.size());
        for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
        bool failed = false;
        std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
            if (failed) return false;
            const Ref& x = entries[a].first;
            const Ref& y = entries[b].first;
            int lt = in.less(x, y);
            if (lt >= 0) return lt == 1;
            if (!in.pending_is(in.TypeError)) {
                failed = true;
                return false;
            }
            in.exc = nullptr;
            return in.type_of(x)->name < in.type_of(y)->name;
        });
        if (failed) return false;
        out.clear();
        for (size_t i : idx) out.push_back(entries[i]);
        return true;
    }

    // PrettyPrinter._safe_repr: the one-line form, dicts with sorted keys.
    bool safe_repr(const Ref& o, int64_t level, std::string& out) {
        // CPython's recursion limit, before the C++ stack's.
        if (level > kMaxLevel) return too_deep();
        if (o->kind == Kind::kInt && underscore_numbers) {
            std::string digits;
            if (!in.repr(o, digits)) return false;
            size_t sign = digits[0] == '-' ? 1 : 0;
            std::string grouped;
            size_t n = digits.size() - sign;
            for (size_t i = 0; i < n; ++i) {
                if (i && (n - i) % 3 == 0) grouped += '_';
                grouped += digits[sign + i];
            }
            out = digits.substr(0, sign) + grouped;
            return true;
        }
        if (const DictObj* d = plain_dict(o)) {
            if (d->entries.empty()) {
                out = "{}";
                return true;
            }
            if (depth && level >= depth) {
                out = "{...}";
                return true;
            }
            if (context.count(d)) return recursion(o, out);
            context.insert(d);
            std::vector<std::pair<Ref, Ref>> items = d->entries;
            if (sort_dicts && !sorted_entries(d->entries, items)) return false;
            std::string body;
            for (size_t i = 0; i < items.size(); ++i) {
                std::string k, v;
                if (!safe_repr(items[i].first, level + 1, k) || !safe_repr(items[i].second, level + 1, v)) return false;
                body += (i ? ", " : "") + k + ": " + v;
            }
            context.erase(d);
            out = "{" + body + "}";
            return true;
        }
        if (const SeqObj* s = plain_seq(o)) {
            const bool list = s->kind == Kind::kList;
            if (s->items.empty()) {
                out = list ? "[]" : "()";
                return true;
            }
            const char* open = list ? "[" : "(";
            const char* close = list ? "]" : s->items.size() == 1 ? ",)" : ")";
            if (depth && level >= depth) {
                out = std::string(open) + "..." + close;
                return true;
            }
            if (context.count(s)) return recursion(o, out);
            context.insert(s);
            std::string body;
            for (size_t i = 0; i < s->items.size(); ++i) {
                std::string r;
                if (!safe_repr(s->items[i], level + 1, r)) return false;
                body += (i ? ", " : "") + r;
            }
            context.erase(s);
            out = open + body + close;
            return true;
        }
        return in.repr(o, out);
    }

    bool recursion(const Ref& o, std::string& out) {
        // "<Recursion on list with id=...>": the id is an address, which gramlab prints fixed.
        out = "<Recursion on " + in.type_of(o)->name + " with id=140000000000000>";
        return true;
    }

    // PrettyPrinter._format
    bool format(const Ref& o, std::string& out, int64_t indent, int64_t allowance, int64_t level) {
        if (level > kMaxLevel) return too_deep();
        std::string rep;
        if (!safe_repr(o, level, rep)) return false;
        const int64_t max_width = width - indent - allowance;
        if (columns(rep) > max_width) {
            if (context.count(o.get())) {
                out += rep;
                return true;
            }
            if (plain_dict(o)) return pprint_dict(o, out, indent, allowance, level + 1);
            if (auto* s = plain_seq(o)) {
                if (s->kind == Kind::kList) return pprint_list(*s, out, indent, allowance, level + 1);
                return pprint_tuple(*s, out, indent, allowance, level + 1);
            }
            if (auto* d = as<DictObj>(o); d && d->kind == Kind::kSet) return pprint_set(o, *d, out, indent, allowance, level + 1);
            if (auto* str = as<StrObj>(o)) return pprint_str(str->value, out, indent, allowance, level + 1);
            if (auto* b = as<BytesObj>(o)) return pprint_bytes(b->value, out, indent, allowance, level + 1);
            if (flavored(o, "OrderedDict")) return pprint_ordered_dict(o, out, indent, allowance, level + 1);
            if (flavored(o, "defaultdict")) return pprint_default_dict(o, out, indent, allowance, level + 1);
            if (flavored(o, "Counter")) return pprint_counter(o, out, indent, allowance, level + 1);
        }
        out += rep;
        return true;
    }

    bool pprint_dict(const Ref& o, std::string& out, int64_t indent, int64_t allowance, int64_t level) {
        auto* d = as<DictObj>(o);
        out += '{';
        if (indent_per_level > 1 && !pad(out, indent_per_level - 1)) return false;
        if (!d->entries.empty()) {
            std::vector<std::pair<Ref, Ref>> items = d->entries;
            if (sort_dicts && !sorted_entries(d->entries, items)) return false;
            context.insert(d);
            bool ok = format_dict_items(items, out, indent, allowance + 1, level);
            context.erase(d);
            if (!ok) return false;
        }
        out += '}';
        return true;
    }

    bool format_dict_items(const std::vector<std::pair<Ref, Ref>>& items, std::string& out, int64_t indent,
                           int64_t allowance, int64_t level) {
        indent += indent_per_level;
        std::string delimnl;
        if (!blanks(indent, out, delimnl)) return false;
        delimnl = ",\n" + delimnl;
        for (size_t i = 0; i < items.size(); ++i) {
            const bool last = i + 1 == items.size();
            std::string rep;
            if (!safe_repr(items[i].first, level, rep)) return false;
            out += rep;
            out += ": ";
            if (!format(items[i].second, out, indent + columns(rep) + 2, last ? allowance : 1, level)) return false;
            if (!last) out += delimnl;
        }
        return true;
    }

    bool pprint_list(const SeqObj& s, std::string& out, int64_t indent, int64_t allowance, int64_t level) {
        out += '[';
        context.insert(&s);
        bool ok = format_items(s.items, out, indent, allowance + 1, level);
        context.erase(&s);
        out += ']';
        return ok;
    }

    bool pprint_tuple(const SeqObj& s, std::string& out, int64_t indent, int64_t allowance, int64_t level) {
        out += '(';
        const std::string end = s.items.size() == 1 ? ",)" : ")";
        context.insert(&s);
        bool ok = format_items(s.items, out, indent, allowance + static_cast<int64_t>(end.size()), level);
        context.erase(&s);
        out += end;
        return ok;
    }

    bool pprint_set(const Ref& o, DictObj& d, std::string& out, int64_t indent, int64_t allowance, int64_t level) {
        if (d.entries.empty()) return write_repr(o, out);
        std::vector<std::pair<Ref, Ref>> sorted;
        if (!sorted_entries(d.entries, sorted)) return false;
        std::vector<Ref> items;
        for (auto& e : sorted) items.push_back(e.first);
        out += '{';
        context.insert(&d);
        bool ok = format_items(items, out, indent, allowance + 1, level);
        context.erase(&d);
        out += '}';
        return ok;
    }

    // PrettyPrinter._format_items (with compact=True's packing)
    bool format_items(const std::vector<Ref>& items, std::string& out, int64_t indent, int64_t allowance, int64_t level) {
        indent += indent_per_level;
        if (indent_per_level > 1 && !pad(out, indent_per_level - 1)) return false;
        std::string delimnl;
        if (!blanks(indent, out, delimnl)) return false;
        delimnl = ",\n" + delimnl;
        std::string delim;
        int64_t max_width = width - indent + 1;
        int64_t room = max_width;
        for (size_t i = 0; i < items.size(); ++i) {
            const bool last = i + 1 == items.size();
            if (last) {
                max_width -= allowance;
                room -= allowance;
            }
            if (compact) {
                std::string rep;
                if (!safe_repr(items[i], level, rep)) return false;
                const int64_t w = columns(rep) + 2;
                if (room < w) {
                    room = max_width;
                    if (!delim.empty()) delim = delimnl;
                }
                if (room >= w) {
                    room -= w;
                    out += delim;
                    delim = ", ";
                    out += rep;
                    continue;
                }
            }
            out += delim;
            delim = delimnl;
            if (!format(items[i], out, indent, last ? allowance : 1, level)) return false;
        }
        return true;
    }

    // PrettyPrinter._pprint_str: lines, then words, as adjacent string literals.
    bool pprint_str(const std::string& s, std::string& out, int64_t indent, int64_t allowance, int64_t level) {
        if (s.empty()) {
            out += repr_str(s);
            return true;
        }
        std::vector<std::string> chunks;
        std::vector<std::string> lines = split_lines_keep_ends(s);
        if (level == 1) {
            indent += 1;
            allowance += 1;
        }
        int64_t max_width1 = width - indent;
        const int64_t max_width = width - indent;
        std::string rep;
        for (size_t i = 0; i < lines.size(); ++i) {
            rep = repr_str(lines[i]);
            if (i + 1 == lines.size()) max_width1 -= allowance;
            if (columns(rep) <= max_width1) {
                chunks.push_back(rep);
                continue;
            }
            std::vector<std::string> parts = words_with_spaces(lines[i]);
            int64_t max_width2 = max_width;
            std::string current;
            for (size_t j = 0; j < parts.size(); ++j) {
                std::string candidate = current + parts[j];
                if (j + 1 == parts.size() && i + 1 == lines.size()) max_width2 -= allowance;
                if (columns(repr_str(candidate)) > max_width2) {
                    if (!current.empty()) chunks.push_back(repr_str(current));
                    current = parts[j];
                } else {
                    current = std::move(candidate);
                }
            }
            if (!current.empty()) chunks.push_back(repr_str(current));
        }
        if (chunks.size() == 1) {
            out += rep;
            return true;
        }
        if (level == 1) out += '(';
        for (size_t i = 0; i < chunks.size(); ++i) {
            if (i) {
                out += '\n';
                if (!pad(out, indent)) return false;
            }
            out += chunks[i];
        }
        if (level == 1) out += ')';
        return true;
    }

    std::string bytes_repr(const std::string& b) {
        std::string r;
        Ref obj = std::make_shared<BytesObj>(b);
        (void)in.repr(obj, r);
        return r;
    }

    // PrettyPrinter._pprint_bytes / _wrap_bytes_repr: four bytes at a time.
    bool pprint_bytes(const std::string& b, std::string& out, int64_t indent, int64_t allowance, int64_t level) {
        if (b.size() <= 4) {
            out += bytes_repr(b);
            return true;
        }
        const bool parens = level == 1;
        if (parens) {
            indent += 1;
            allowance += 1;
            out += '(';
        }
        int64_t room = width - indent;
        const size_t last = b.size() / 4 * 4;
        std::string current, delim;
        std::vector<std::string> reps;
        for (size_t i = 0; i < b.size(); i += 4) {
            std::string part = b.substr(i, 4);
            std::string candidate = current + part;
            if (i == last) room -= allowance;
            if (columns(bytes_repr(candidate)) > room) {
                if (!current.empty()) reps.push_back(bytes_repr(current));
                current = part;
            } else {
                current = std::move(candidate);
            }
        }
        if (!current.empty()) reps.push_back(bytes_repr(current));
        for (const auto& r : reps) {
            out += delim;
            out += r;
            if (delim.empty()) {
                if (!blanks(indent, out, delim)) return false;
                delim = "\n" + delim;
            }
        }
        if (parens) out += ')';
        return true;
    }

    bool pprint_ordered_dict(const Ref& o, std::string& out, int64_t indent, int64_t allowance, int64_t level) {
        auto* d = as<DictObj>(o);
        if (d->entries.empty()) return write_repr(o, out);
        out += "OrderedDict(";
        std::vector<Ref> pairs;
        for (const auto& e : d->entries) pairs.push_back(Interp::tuple({e.first, e.second}));
        if (!format(Interp::list(std::move(pairs)), out, indent + 12, allowance + 1, level)) return false;
        out += ')';
        return true;
    }

    bool pprint_default_dict(const Ref& o, std::string& out, int64_t indent, int64_t allowance, int64_t level) {
        auto* d = as<DictObj>(o);
        if (d->entries.empty()) return write_repr(o, out);
        std::string factory;
        if (!safe_repr(d->default_factory ? d->default_factory : in.None, level, factory)) return false;
        indent += 12;  // len("defaultdict") + 1
        out += "defaultdict(" + factory + ",\n";
        if (!pad(out, indent)) return false;
        // _pprint_dict over the same entries (the flavor only changes the class name).
        auto plain = std::make_shared<DictObj>();
        plain->entries = d->entries;
        if (!pprint_dict(plain, out, indent, allowance + 1, level)) return false;
        out += ')';
        return true;
    }

    bool pprint_counter(const Ref& o, std::string& out, int64_t indent, int64_t allowance, int64_t level) {
        auto* d = as<DictObj>(o);
        if (d->entries.empty()) return write_repr(o, out);
        Ref common = in.call_method(o, "most_common");
        if (!common) return false;
        std::vector<Ref> pairs;
        if (!in.iterate(common, pairs)) return false;
        std::vector<std::pair<Ref, Ref>> items;
        for (const auto& p : pairs)
            if (auto* t = as<SeqObj>(p); t && t->items.size() == 2) items.emplace_back(t->items[0], t->items[1]);
        out += "Counter({";
        if (indent_per_level > 1 && !pad(out, indent_per_level - 1)) return false;
        if (!format_dict_items(items, out, indent + 8, allowance + 2, level)) return false;
        out += "})";
        return true;
    }
};

// The keyword arguments of pprint()/pformat()/pp() (stream is refused: the shell prints).
bool read_options(Interp& in, const Args& a, size_t first_keyword_positional, Printer& p, const char* fn) {
    static const char* kPositional[] = {"indent", "width", "depth"};
    auto int_option = [&](const Ref& v, const char* name, int64_t& out, bool allow_none) -> bool {
        if (allow_none && v->kind == Kind::kNone) {
            out = 0;
            return true;
        }
        auto* i = as<IntObj>(v);
        if (!i) {
            in.type_error(std::string(fn) + "() argument '" + name + "' must be an int, not " + v->type_name());
            return false;
        }
        out = i->value;
        return true;
    };
    // pprint(object, stream=None, indent=1, width=80, depth=None, ...)
    for (size_t i = first_keyword_positional; i < a.pos.size(); ++i) {
        size_t k = i - first_keyword_positional;
        if (k >= 3) {
            in.type_error(std::string(fn) + "() takes from 1 to 5 positional arguments but " + std::to_string(a.pos.size()) +
                          " were given");
            return false;
        }
        int64_t* slot = k == 0 ? &p.indent_per_level : k == 1 ? &p.width : &p.depth;
        if (!int_option(a.pos[i], kPositional[k], *slot, k == 2)) return false;
    }
    for (const auto& kv : a.kw) {
        const Ref& v = kv.second;
        if (kv.first == "indent") {
            if (!int_option(v, "indent", p.indent_per_level, false)) return false;
        } else if (kv.first == "width") {
            if (!int_option(v, "width", p.width, false)) return false;
        } else if (kv.first == "depth") {
            if (!int_option(v, "depth", p.depth, true)) return false;
        } else if (kv.first == "compact" || kv.first == "sort_dicts" || kv.first == "underscore_numbers") {
            int t = in.truthy(v);
            if (t < 0) return false;
            (kv.first == "compact" ? p.compact : kv.first == "sort_dicts" ? p.sort_dicts : p.underscore_numbers) = t == 1;
        } else if (kv.first == "stream") {
            if (v->kind != Kind::kNone) {
                in.raise(in.NotImplementedError, std::string("pprint.") + fn + "(stream=...) is not supported in gramlab: it prints to the console");
                return false;
            }
        } else {
            in.type_error(std::string(fn) + "() got an unexpected keyword argument '" + kv.first + "'");
            return false;
        }
    }
    // PrettyPrinter.__init__'s checks
    if (p.indent_per_level < 0) {
        in.value_error("indent must be >= 0");
        return false;
    }
    if (a.find("depth") && a.find("depth")->get()->kind != Kind::kNone && p.depth <= 0) {
        in.value_error("depth must be > 0");
        return false;
    }
    if (p.width == 0) {
        in.value_error("width must be != 0");
        return false;
    }
    return true;
}

Ref pformat_impl(Interp& in, Args& a, const char* fn, bool sort_default, size_t stream_slot) {
    if (a.pos.empty())
        return in.type_error(std::string(fn) + "() missing 1 required positional argument: 'object'");
    Printer p(in);
    p.sort_dicts = sort_default;
    // pformat(object, indent, width, depth); pprint/pp(object, stream, indent, width, depth)
    if (stream_slot && a.pos.size() > 1 && a.pos[1]->kind != Kind::kNone)
        return in.raise(in.NotImplementedError, std::string("pprint.") + fn + "(stream=...) is not supported in gramlab: it prints to the console");
    if (!read_options(in, a, 1 + stream_slot, p, fn)) return nullptr;
    std::string out;
    if (!p.format(a.pos[0], out, 0, 0, 0)) return nullptr;
    return Interp::string(std::move(out));
}

Ref build_pprint_module(Interp& in) {
    auto m = std::make_shared<ModuleObj>("pprint");
    m->attrs["pformat"] = std::make_shared<BuiltinObj>("pformat", [](Interp& in, Args& a) {
        return pformat_impl(in, a, "pformat", true, 0);
    });
    auto printer = [](const char* fn, bool sort_default) {
        return [fn, sort_default](Interp& in, Args& a) -> Ref {
            Ref text = pformat_impl(in, a, fn, sort_default, 1);
            if (!text) return nullptr;
            in.out += static_cast<StrObj*>(text.get())->value + "\n";
            return in.None;
        };
    };
    m->attrs["pprint"] = std::make_shared<BuiltinObj>("pprint", printer("pprint", true));
    m->attrs["pp"] = std::make_shared<BuiltinObj>("pp", printer("pp", false));
    m->attrs["saferepr"] = std::make_shared<BuiltinObj>("saferepr", [](Interp& in, Args& a) -> Ref {
        if (a.pos.size() != 1 || !a.kw.empty()) return in.type_error("saferepr() takes 1 positional argument");
        Printer p(in);
        std::string out;
        if (!p.safe_repr(a.pos[0], 0, out)) return nullptr;
        return Interp::string(std::move(out));
    });
    m->attrs["PrettyPrinter"] = std::make_shared<BuiltinObj>("PrettyPrinter", [](Interp& in, Args&) -> Ref {
        return in.raise(in.NotImplementedError, "pprint.PrettyPrinter is not supported in gramlab: use pprint.pprint / pprint.pformat");
    });
    return m;
}

}  // namespace

void install_pprint_module(Interp& in) { in.module_factories["pprint"] = build_pprint_module; }

}  // namespace gramlab::shell

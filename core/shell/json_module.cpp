// json.dumps / json.loads (see json_module.hpp), following CPython's Lib/json/encoder.py and
// Modules/_json.c: the same separators, escapes, key conversions, error messages and positions
// (characters, not bytes, in "line L column C (char N)").
#include "core/shell/json_module.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/shell/builtins.hpp"
#include "core/shell/text.hpp"

namespace gramlab::shell {

namespace {

// ------------------------------------------------------------------------- dumps

struct DumpOptions {
    bool ensure_ascii = true;
    bool sort_keys = false;
    bool has_indent = false;
    std::string indent;
    std::string item_separator = ", ";
    std::string key_separator = ": ";
    Ref default_fn;
    //! The containers being encoded, outermost first (encoder.py's `markers`).
    mutable std::vector<const Object*> open;
};

//! Enters a list or dict: ValueError when it is already being encoded (a cycle), RecursionError
//! past the depth CPython's C encoder reaches.
bool enter(Interp& in, const Object* container, const DumpOptions& opt) {
    for (const Object* o : opt.open)
        if (o == container) return in.value_error("Circular reference detected"), false;
    if (opt.open.size() >= 900) {
        in.raise(in.RecursionError, "maximum recursion depth exceeded while encoding a JSON object");
        return false;
    }
    opt.open.push_back(container);
    return true;
}

void append_u(std::string& out, uint32_t unit) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04x", unit);
    out += buf;
}

//! encoder.py's py_encode_basestring(_ascii).
void encode_string(const std::string& s, bool ensure_ascii, std::string& out) {
    out += '"';
    size_t i = 0;
    while (i < s.size()) {
        size_t start = i;
        uint32_t cp = utf8_decode(s, i);
        switch (cp) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            case '\b': out += "\\b"; continue;
            case '\f': out += "\\f"; continue;
            default: break;
        }
        if (cp < 0x20) {
            append_u(out, cp);
        } else if (cp < 0x80 || !ensure_ascii) {
            out.append(s, start, i - start);
        } else if (cp > 0xffff) {
            uint32_t v = cp - 0x10000;
            append_u(out, 0xd800 | (v >> 10));
            append_u(out, 0xdc00 | (v & 0x3ff));
        } else {
            append_u(out, cp);
        }
    }
    out += '"';
}

bool encode_float(Interp& in, const Ref& f, std::string& out) {
    double d = static_cast<FloatObj*>(f.get())->value;
    if (std::isnan(d)) out += "NaN";
    else if (std::isinf(d)) out += d > 0 ? "Infinity" : "-Infinity";
    else {
        std::string r;
        if (!f->repr(in, r)) return false;
        out += r;
    }
    return true;
}

std::string class_name(Interp& in, const Ref& o) {
    ClassRef c = in.type_of(o);
    return c ? c->name : o->type_name();
}

bool encode(Interp& in, const Ref& o, const DumpOptions& opt, int level, std::string& out);

std::string newline_indent(const DumpOptions& opt, int level) {
    std::string s = "\n";
    for (int k = 0; k < level; ++k) s += opt.indent;
    return s;
}

bool encode_list(Interp& in, const std::vector<Ref>& items, const DumpOptions& opt, int level, std::string& out) {
    if (items.empty()) {
        out += "[]";
        return true;
    }
    out += '[';
    const std::string inner = opt.has_indent ? newline_indent(opt, level + 1) : "";
    const std::string sep = opt.item_separator + inner;
    out += inner;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += sep;
        if (!encode(in, items[i], opt, level + 1, out)) return false;
    }
    if (opt.has_indent) out += newline_indent(opt, level);
    out += ']';
    return true;
}

//! A dict key as encoder.py converts it: str as is, float/bool/None/int to their JSON text.
bool encode_key(Interp& in, const Ref& k, std::string& key, bool& skip) {
    skip = false;
    switch (k->kind) {
        case Kind::kStr: key = static_cast<StrObj*>(k.get())->value; return true;
        case Kind::kBool: key = static_cast<BoolObj*>(k.get())->value ? "true" : "false"; return true;
        case Kind::kNone: key = "null"; return true;
        case Kind::kInt: key = std::to_string(static_cast<IntObj*>(k.get())->value); return true;
        case Kind::kFloat: key.clear(); return encode_float(in, k, key);
        default:
            in.type_error("keys must be str, int, float, bool or None, not " + class_name(in, k));
            return false;
    }
}

bool encode_dict(Interp& in, DictObj& d, const DumpOptions& opt, int level, std::string& out) {
    if (d.entries.empty()) {
        out += "{}";
        return true;
    }
    std::vector<std::pair<Ref, Ref>> items = d.entries;
    if (opt.sort_keys) {
        // sorted(dct.items()): by key (a TypeError for keys of different types).
        bool failed = false;
        std::stable_sort(items.begin(), items.end(), [&](const auto& a, const auto& b) {
            if (failed) return false;
            int lt = in.less(a.first, b.first);
            if (lt < 0) failed = true;
            return lt == 1;
        });
        if (failed) return false;
    }
    out += '{';
    const std::string inner = opt.has_indent ? newline_indent(opt, level + 1) : "";
    out += inner;
    bool first = true;
    for (const auto& kv : items) {
        std::string key;
        bool skip;
        if (!encode_key(in, kv.first, key, skip)) return false;
        if (!first) out += opt.item_separator + inner;
        first = false;
        encode_string(key, opt.ensure_ascii, out);
        out += opt.key_separator;
        if (!encode(in, kv.second, opt, level + 1, out)) return false;
    }
    if (opt.has_indent) out += newline_indent(opt, level);
    out += '}';
    return true;
}

bool encode(Interp& in, const Ref& o, const DumpOptions& opt, int level, std::string& out) {
    if (!in.tick()) return false;
    switch (o->kind) {
        case Kind::kNone: out += "null"; return true;
        case Kind::kBool: out += static_cast<BoolObj*>(o.get())->value ? "true" : "false"; return true;
        case Kind::kInt: out += std::to_string(static_cast<IntObj*>(o.get())->value); return true;
        case Kind::kFloat: return encode_float(in, o, out);
        case Kind::kStr: encode_string(static_cast<StrObj*>(o.get())->value, opt.ensure_ascii, out); return true;
        case Kind::kList:
        case Kind::kTuple:
        case Kind::kDict: {
            if ((o->kind != Kind::kDict && static_cast<SeqObj*>(o.get())->view_name) || !enter(in, o.get(), opt)) break;
            bool ok = o->kind == Kind::kDict ? encode_dict(in, *static_cast<DictObj*>(o.get()), opt, level, out)
                                             : encode_list(in, static_cast<SeqObj*>(o.get())->items, opt, level, out);
            opt.open.pop_back();
            return ok;
        }
        default: break;
    }
    if (in.pending()) return false;  // a cycle or the depth limit
    if (opt.default_fn) {
        // default() may return the object itself: a cycle through default, as encoder.py sees it.
        if (!enter(in, o.get(), opt)) return false;
        Ref r = in.call(opt.default_fn, {o});
        bool ok = r && encode(in, r, opt, level, out);
        opt.open.pop_back();
        return ok;
    }
    in.type_error("Object of type " + class_name(in, o) + " is not JSON serializable");
    return false;
}

bool str_or_none(Interp& in, const Ref& v, const char* what, std::string& out) {
    if (auto* s = as<StrObj>(v)) {
        out = s->value;
        return true;
    }
    in.type_error(std::string(what) + " must be str, not " + v->type_name());
    return false;
}

Ref dumps(Interp& in, Args& a) {
    if (a.pos.size() != 1)
        return in.type_error(a.pos.empty() ? "dumps() missing 1 required positional argument: 'obj'"
                                           : "dumps() takes 1 positional argument but " + std::to_string(a.pos.size()) + " were given");
    DumpOptions opt;
    for (const auto& kv : a.kw) {
        const Ref& v = kv.second;
        if (kv.first == "ensure_ascii") {
            int t = in.truthy(v);
            if (t < 0) return nullptr;
            opt.ensure_ascii = t == 1;
        } else if (kv.first == "sort_keys") {
            int t = in.truthy(v);
            if (t < 0) return nullptr;
            opt.sort_keys = t == 1;
        } else if (kv.first == "indent") {
            if (v->kind == Kind::kNone) continue;
            opt.has_indent = true;
            if (v->kind == Kind::kInt) opt.indent = std::string(static_cast<size_t>(std::max<int64_t>(0, std::min<int64_t>(static_cast<IntObj*>(v.get())->value, 1000))), ' ');
            else if (!str_or_none(in, v, "indent", opt.indent)) return nullptr;
        } else if (kv.first == "separators") {
            if (v->kind == Kind::kNone) continue;
            std::vector<Ref> parts;
            if (!in.iterate(v, parts)) return nullptr;
            if (parts.size() != 2) return in.value_error("too many values to unpack (expected 2)");
            if (!str_or_none(in, parts[0], "item separator", opt.item_separator) ||
                !str_or_none(in, parts[1], "key separator", opt.key_separator))
                return nullptr;
            continue;
        } else if (kv.first == "default") {
            if (v->kind != Kind::kNone) opt.default_fn = v;
        } else if (kv.first == "skipkeys" || kv.first == "check_circular" || kv.first == "allow_nan" || kv.first == "cls") {
            return in.raise(in.NotImplementedError, "json.dumps(" + kv.first + "=...) is not supported in gramlab");
        } else {
            return in.type_error("__init__() got an unexpected keyword argument '" + kv.first + "'");
        }
    }
    // With an indent, the default item separator loses its trailing space.
    bool separators_given = false;
    for (const auto& kv : a.kw)
        if (kv.first == "separators" && kv.second->kind != Kind::kNone) separators_given = true;
    if (opt.has_indent && !separators_given) opt.item_separator = ",";
    std::string out;
    if (!encode(in, a.pos[0], opt, 0, out)) return nullptr;
    return Interp::string(std::move(out));
}

// ------------------------------------------------------------------------- loads

class Decoder {
public:
    Decoder(Interp& in, const std::string& s, ClassRef error) : in_(in), s_(s), error_(std::move(error)) {}

    Ref document() {
        size_t i = skip_ws(0);
        Ref v = value(i);
        if (!v) return nullptr;
        i = skip_ws(i);
        if (i != s_.size()) return fail("Extra data", i);
        return v;
    }

private:
    Interp& in_;
    const std::string& s_;
    ClassRef error_;
    int depth_ = 0;

    size_t skip_ws(size_t i) const {
        while (i < s_.size() && (s_[i] == ' ' || s_[i] == '\t' || s_[i] == '\n' || s_[i] == '\r')) ++i;
        return i;
    }

    //! JSONDecodeError("msg: line L column C (char N)"), positions in characters.
    std::nullptr_t fail(const std::string& msg, size_t byte_pos) {
        size_t chars = 0, line = 1, col_chars = 0;
        for (size_t i = 0; i < byte_pos && i < s_.size(); ++i) {
            if ((static_cast<unsigned char>(s_[i]) & 0xc0) == 0x80) continue;
            ++chars;
            ++col_chars;
            if (s_[i] == '\n') {
                ++line;
                col_chars = 0;
            }
        }
        std::string text = msg + ": line " + std::to_string(line) + " column " + std::to_string(col_chars + 1) + " (char " +
                           std::to_string(chars) + ")";
        auto e = std::make_shared<ExceptionObj>(error_, std::vector<Ref>{Interp::string(text)});
        return in_.raise_obj(e);
    }

    Ref value(size_t& i) {
        if (i >= s_.size()) return fail("Expecting value", i);
        if (!in_.tick()) return nullptr;
        char c = s_[i];
        if (c == '"') return string(i);
        if (c == '{') return object(i);
        if (c == '[') return array(i);
        auto word = [&](const char* w, Ref v) -> Ref {
            size_t n = std::char_traits<char>::length(w);
            if (s_.compare(i, n, w) != 0) return nullptr;
            i += n;
            return v;
        };
        if (c == 'n') if (Ref v = word("null", in_.None)) return v;
        if (c == 't') if (Ref v = word("true", in_.True)) return v;
        if (c == 'f') if (Ref v = word("false", in_.False)) return v;
        if (c == 'N') if (Ref v = word("NaN", Interp::floating(NAN))) return v;
        if (c == 'I') if (Ref v = word("Infinity", Interp::floating(INFINITY))) return v;
        if (c == '-' && s_.compare(i, 9, "-Infinity") == 0) {
            i += 9;
            return Interp::floating(-INFINITY);
        }
        if (c == '-' || (c >= '0' && c <= '9')) return number(i);
        return fail("Expecting value", i);
    }

    // scanner.c's _match_number_unicode: -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?
    Ref number(size_t& i) {
        size_t start = i, j = i;
        if (s_[j] == '-') ++j;
        if (j >= s_.size() || !(s_[j] >= '0' && s_[j] <= '9')) return fail("Expecting value", start);
        if (s_[j] == '0') ++j;
        else while (j < s_.size() && s_[j] >= '0' && s_[j] <= '9') ++j;
        bool is_float = false;
        if (j + 1 < s_.size() && s_[j] == '.' && s_[j + 1] >= '0' && s_[j + 1] <= '9') {
            is_float = true;
            j += 2;
            while (j < s_.size() && s_[j] >= '0' && s_[j] <= '9') ++j;
        }
        if (j < s_.size() && (s_[j] == 'e' || s_[j] == 'E')) {
            size_t k = j + 1;
            if (k < s_.size() && (s_[k] == '-' || s_[k] == '+')) ++k;
            if (k < s_.size() && s_[k] >= '0' && s_[k] <= '9') {
                is_float = true;
                while (k < s_.size() && s_[k] >= '0' && s_[k] <= '9') ++k;
                j = k;
            }
        }
        std::string text = s_.substr(start, j - start);
        i = j;
        if (is_float) return Interp::floating(std::strtod(text.c_str(), nullptr));
        errno = 0;
        long long v = std::strtoll(text.c_str(), nullptr, 10);
        if (errno == ERANGE)
            return in_.raise(in_.OverflowError, "int too large to convert: gramlab's integers are 64-bit");
        return Interp::integer(v);
    }

    bool hex4(size_t at, uint32_t& out) const {
        if (at + 4 > s_.size()) return false;
        out = 0;
        for (size_t k = at; k < at + 4; ++k) {
            char h = s_[k];
            int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (d < 0) return false;
            out = out * 16 + static_cast<uint32_t>(d);
        }
        return true;
    }

    bool raw_string(size_t& i, std::string& out) {
        const size_t start = i;
        ++i;
        while (true) {
            if (i >= s_.size()) return fail("Unterminated string starting at", start), false;
            unsigned char c = static_cast<unsigned char>(s_[i]);
            if (c == '"') {
                ++i;
                return true;
            }
            if (c < 0x20) return fail("Invalid control character at", i), false;
            if (c != '\\') {
                out += static_cast<char>(c);
                ++i;
                continue;
            }
            if (i + 1 >= s_.size()) return fail("Unterminated string starting at", start), false;
            char e = s_[i + 1];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    uint32_t cp;
                    if (!hex4(i + 2, cp)) return fail("Invalid \\uXXXX escape", i + 1), false;
                    i += 6;
                    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < s_.size() && s_[i] == '\\' && s_[i + 1] == 'u') {
                        uint32_t low;
                        if (hex4(i + 2, low) && low >= 0xdc00 && low < 0xe000) {
                            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                            i += 6;
                        }
                    }
                    utf8_append(cp, out);
                    continue;
                }
                default: return fail("Invalid \\escape", i), false;
            }
            i += 2;
        }
    }

    Ref string(size_t& i) {
        std::string out;
        if (!raw_string(i, out)) return nullptr;
        return Interp::string(std::move(out));
    }

    Ref array(size_t& i) {
        if (++depth_ > 500) return in_.raise(in_.RecursionError, "maximum recursion depth exceeded while decoding a JSON array");
        std::vector<Ref> items;
        i = skip_ws(i + 1);
        if (i < s_.size() && s_[i] == ']') {
            ++i;
            --depth_;
            return Interp::list(std::move(items));
        }
        while (true) {
            Ref v = value(i);
            if (!v) return nullptr;
            items.push_back(v);
            i = skip_ws(i);
            if (i < s_.size() && s_[i] == ']') {
                ++i;
                --depth_;
                return Interp::list(std::move(items));
            }
            if (i >= s_.size() || s_[i] != ',') return fail("Expecting ',' delimiter", i);
            i = skip_ws(i + 1);
        }
    }

    Ref object(size_t& i) {
        if (++depth_ > 500) return in_.raise(in_.RecursionError, "maximum recursion depth exceeded while decoding a JSON object");
        auto d = Interp::dict();
        i = skip_ws(i + 1);
        if (i < s_.size() && s_[i] == '}') {
            ++i;
            --depth_;
            return d;
        }
        while (true) {
            if (i >= s_.size() || s_[i] != '"') return fail("Expecting property name enclosed in double quotes", i);
            std::string key;
            if (!raw_string(i, key)) return nullptr;
            i = skip_ws(i);
            if (i >= s_.size() || s_[i] != ':') return fail("Expecting ':' delimiter", i);
            i = skip_ws(i + 1);
            Ref v = value(i);
            if (!v) return nullptr;
            if (!d->put(in_, Interp::string(std::move(key)), v)) return nullptr;
            i = skip_ws(i);
            if (i < s_.size() && s_[i] == '}') {
                ++i;
                --depth_;
                return d;
            }
            if (i >= s_.size() || s_[i] != ',') return fail("Expecting ',' delimiter", i);
            i = skip_ws(i + 1);
        }
    }
};

Ref build_json_module(Interp& in) {
    auto m = std::make_shared<ModuleObj>("json");
    auto error = std::make_shared<ClassObj>("JSONDecodeError", "json.decoder", std::vector<ClassRef>{in.ValueError});
    error->is_exception = true;
    std::weak_ptr<ClassObj> weak = error;
    error->construct = [weak](Interp&, Args& a) -> Ref { return std::make_shared<ExceptionObj>(weak.lock(), a.pos); };
    m->attrs["JSONDecodeError"] = error;
    m->attrs["dumps"] = std::make_shared<BuiltinObj>("dumps", [](Interp& in, Args& a) { return dumps(in, a); });
    m->attrs["loads"] = std::make_shared<BuiltinObj>("loads", [error](Interp& in, Args& a) -> Ref {
        if (a.pos.size() != 1 || !a.kw.empty()) {
            if (a.pos.empty()) return in.type_error("loads() missing 1 required positional argument: 's'");
            return in.raise(in.NotImplementedError, "json.loads() takes only the text in gramlab");
        }
        const Ref& s = a.pos[0];
        std::string text;
        if (auto* str = as<StrObj>(s)) text = str->value;
        else if (auto* b = as<BytesObj>(s)) text = b->value;
        else return in.type_error("the JSON object must be str, bytes or bytearray, not " + s->type_name());
        return Decoder(in, text, error).document();
    });
    for (const char* name : {"dump", "load", "JSONEncoder", "JSONDecoder"}) {
        std::string n = name;
        m->attrs[n] = std::make_shared<BuiltinObj>(n, [n](Interp& in, Args&) -> Ref {
            return in.raise(in.NotImplementedError, "json." + n + " is not supported in gramlab (the shell has no files): use json.dumps / json.loads");
        });
    }
    return m;
}

}  // namespace

void install_json_module(Interp& in) { in.module_factories["json"] = build_json_module; }

}  // namespace gramlab::shell

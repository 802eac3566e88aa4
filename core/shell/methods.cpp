// Methods of the builtin types: str (upper, split, join, format, ...), list (append, sort,
// ...), dict (get, items, ...), set, int and float.
#include <algorithm>
#include <cmath>

#include "core/shell/builtins.hpp"
#include "core/shell/collections_module.hpp"
#include "core/shell/set_ops.hpp"
#include "core/shell/text.hpp"

namespace gramlab::shell {

namespace {

using M = std::function<Ref(Interp&, Ref&, Args&)>;

const std::string& sv(const Ref& r) { return static_cast<StrObj*>(r.get())->value; }

bool str_arg(Interp& in, const Args& a, size_t i, const std::string& fname, std::string& out) {
    auto* s = as<StrObj>(a.pos[i]);
    if (!s) {
        in.type_error(fname + " arg must be None or str");
        return false;
    }
    out = s->value;
    return true;
}

std::string strip_chars(const std::string& s, const std::string* chars, bool left, bool right) {
    auto cs = utf8_chars(s);
    std::vector<std::string> set;
    if (chars) set = utf8_chars(*chars);
    auto strip_me = [&](const std::string& c) {
        return chars ? std::find(set.begin(), set.end(), c) != set.end() : is_py_space(c);
    };
    size_t a = 0, b = cs.size();
    if (left) while (a < b && strip_me(cs[a])) ++a;
    if (right) while (b > a && strip_me(cs[b - 1])) --b;
    std::string out;
    for (size_t i = a; i < b; ++i) out += cs[i];
    return out;
}

Ref str_method(Interp& in, const Ref& self, const std::string& name) {
    const std::string& s = sv(self);
    auto mk = [&](M fn) { return method(name, self, std::move(fn)); };
    if (name == "upper") return mk([](Interp& in, Ref& me, Args& a) -> Ref { if (!check_args(in, "str.upper", a, 0, 0)) return nullptr; return Interp::string(py_upper(sv(me))); });
    if (name == "lower") return mk([](Interp& in, Ref& me, Args& a) -> Ref { if (!check_args(in, "str.lower", a, 0, 0)) return nullptr; return Interp::string(py_lower(sv(me))); });
    if (name == "title" || name == "capitalize") {
        bool title = name == "title";
        return mk([title](Interp&, Ref& me, Args&) -> Ref {
            std::string out;
            bool start = true;
            for (const auto& c : utf8_chars(sv(me))) {
                bool alpha = c.size() > 1 || std::isalpha(static_cast<unsigned char>(c[0]));
                out += (start && alpha) ? py_upper(c) : (alpha ? py_lower(c) : c);
                if (title) start = !alpha;
                else if (alpha || c.size() > 1) start = false;
            }
            return Interp::string(out);
        });
    }
    if (name == "strip" || name == "lstrip" || name == "rstrip") {
        bool l = name != "rstrip", r = name != "lstrip";
        return mk([l, r, name](Interp& in, Ref& me, Args& a) -> Ref {
            if (!check_args(in, "str." + name, a, 0, 1)) return nullptr;
            if (a.pos.empty() || a.pos[0]->kind == Kind::kNone) return Interp::string(strip_chars(sv(me), nullptr, l, r));
            std::string chars;
            if (!str_arg(in, a, 0, name, chars)) return nullptr;
            return Interp::string(strip_chars(sv(me), &chars, l, r));
        });
    }
    if (name == "split" || name == "rsplit") {
        return mk([](Interp& in, Ref& me, Args& a) -> Ref {
            const std::string& str = sv(me);
            const Ref* sep_arg = a.pos.size() > 0 ? &a.pos[0] : a.find("sep");
            int64_t maxsplit = -1;
            if (a.pos.size() > 1 && a.pos[1]->kind == Kind::kInt) maxsplit = static_cast<IntObj*>(a.pos[1].get())->value;
            if (const Ref* m = a.find("maxsplit"); m && (*m)->kind == Kind::kInt) maxsplit = static_cast<IntObj*>(m->get())->value;
            std::vector<Ref> parts;
            if (!sep_arg || (*sep_arg)->kind == Kind::kNone) {
                auto cs = utf8_chars(str);
                std::string cur;
                bool in_word = false;
                int64_t splits = 0;
                for (size_t i = 0; i < cs.size(); ++i) {
                    if (is_py_space(cs[i]) && (maxsplit < 0 || splits < maxsplit)) {
                        if (in_word) { parts.push_back(Interp::string(cur)); cur.clear(); in_word = false; ++splits; }
                    } else if (!is_py_space(cs[i]) || in_word) {
                        cur += cs[i];
                        in_word = true;
                    }
                }
                if (in_word) parts.push_back(Interp::string(strip_chars(cur, nullptr, false, true)));
                return Interp::list(std::move(parts));
            }
            auto* sep = as<StrObj>(*sep_arg);
            if (!sep) return in.type_error("must be str or None, not " + (*sep_arg)->type_name());
            if (sep->value.empty()) return in.value_error("empty separator");
            size_t pos = 0;
            int64_t splits = 0;
            for (;;) {
                size_t hit = str.find(sep->value, pos);
                if (hit == std::string::npos || (maxsplit >= 0 && splits >= maxsplit)) break;
                parts.push_back(Interp::string(str.substr(pos, hit - pos)));
                pos = hit + sep->value.size();
                ++splits;
            }
            parts.push_back(Interp::string(str.substr(pos)));
            return Interp::list(std::move(parts));
        });
    }
    if (name == "join") {
        return mk([](Interp& in, Ref& me, Args& a) -> Ref {
            if (!check_args(in, "str.join", a, 1, 1)) return nullptr;
            std::vector<Ref> items;
            if (!in.iterate(a.pos[0], items)) return nullptr;
            std::string out;
            for (size_t i = 0; i < items.size(); ++i) {
                auto* s = as<StrObj>(items[i]);
                if (!s) return in.type_error("sequence item " + std::to_string(i) + ": expected str instance, " + items[i]->type_name() + " found");
                if (i) out += sv(me);
                out += s->value;
            }
            return Interp::string(out);
        });
    }
    if (name == "replace") {
        return mk([](Interp& in, Ref& me, Args& a) -> Ref {
            if (!check_args(in, "replace", a, 2, 3)) return nullptr;
            auto* o = as<StrObj>(a.pos[0]);
            auto* n = as<StrObj>(a.pos[1]);
            if (!o || !n) return in.type_error("replace() argument 1 must be str, not " + (o ? a.pos[1] : a.pos[0])->type_name());
            int64_t count = -1;
            if (a.pos.size() == 3 && a.pos[2]->kind == Kind::kInt) count = static_cast<IntObj*>(a.pos[2].get())->value;
            std::string str = sv(me), out;
            if (o->value.empty()) {
                auto cs = utf8_chars(str);
                int64_t done = 0;
                for (const auto& c : cs) {
                    if (count < 0 || done < count) { out += n->value; ++done; }
                    out += c;
                }
                if (count < 0 || done < count) out += n->value;
                return Interp::string(out);
            }
            size_t pos = 0;
            int64_t done = 0;
            for (;;) {
                size_t hit = str.find(o->value, pos);
                if (hit == std::string::npos || (count >= 0 && done >= count)) break;
                out += str.substr(pos, hit - pos) + n->value;
                pos = hit + o->value.size();
                ++done;
            }
            out += str.substr(pos);
            return Interp::string(out);
        });
    }
    if (name == "startswith" || name == "endswith") {
        bool starts = name == "startswith";
        return mk([starts, name](Interp& in, Ref& me, Args& a) -> Ref {
            if (!check_args(in, name, a, 1, 1)) return nullptr;
            std::vector<Ref> options;
            if (auto* t = as<SeqObj>(a.pos[0]); t && t->kind == Kind::kTuple) options = t->items;
            else options.push_back(a.pos[0]);
            const std::string& str = sv(me);
            for (const auto& o : options) {
                auto* p = as<StrObj>(o);
                if (!p) return in.type_error(name + " first arg must be str or a tuple of str, not " + o->type_name());
                const std::string& x = p->value;
                if (x.size() <= str.size() && (starts ? str.compare(0, x.size(), x) == 0 : str.compare(str.size() - x.size(), x.size(), x) == 0))
                    return in.True;
            }
            return in.False;
        });
    }
    if (name == "find" || name == "index" || name == "count" || name == "rfind") {
        return mk([name](Interp& in, Ref& me, Args& a) -> Ref {
            if (!check_args(in, name, a, 1, 1)) return nullptr;
            auto* p = as<StrObj>(a.pos[0]);
            if (!p) return in.type_error("must be str, not " + a.pos[0]->type_name());
            const std::string& str = sv(me);
            if (name == "count") {
                if (p->value.empty()) return Interp::integer(static_cast<int64_t>(utf8_length(str) + 1));
                int64_t c = 0;
                for (size_t pos = str.find(p->value); pos != std::string::npos; pos = str.find(p->value, pos + p->value.size())) ++c;
                return Interp::integer(c);
            }
            size_t hit = name == "rfind" ? str.rfind(p->value) : str.find(p->value);
            if (hit == std::string::npos) {
                if (name == "index") return in.value_error("substring not found");
                return Interp::integer(-1);
            }
            return Interp::integer(static_cast<int64_t>(utf8_length(str.substr(0, hit))));
        });
    }
    if (name == "isdigit" || name == "isalpha" || name == "isalnum" || name == "isspace" || name == "isupper" || name == "islower" || name == "isnumeric" || name == "isdecimal") {
        return mk([name](Interp& in, Ref& me, Args&) -> Ref {
            auto cs = utf8_chars(sv(me));
            if (cs.empty()) return in.False;
            bool cased = false;
            for (const auto& c : cs) {
                unsigned char b = static_cast<unsigned char>(c[0]);
                bool ascii = c.size() == 1;
                bool digit = ascii && std::isdigit(b);
                bool alpha = ascii ? std::isalpha(b) != 0 : true;  // non-ASCII letters (Hangul) count as alpha
                if (name == "isdigit" || name == "isnumeric" || name == "isdecimal") { if (!digit) return in.False; }
                else if (name == "isalpha") { if (!alpha) return in.False; }
                else if (name == "isalnum") { if (!alpha && !digit) return in.False; }
                else if (name == "isspace") { if (!is_py_space(c)) return in.False; }
                else if (name == "isupper") { if (py_lower(c) != c) cased = true; else if (py_upper(c) != c) return in.False; }
                else if (name == "islower") { if (py_upper(c) != c) cased = true; else if (py_lower(c) != c) return in.False; }
            }
            if (name == "isupper" || name == "islower") return in.boolean(cased);
            return in.True;
        });
    }
    if (name == "zfill" || name == "center" || name == "ljust" || name == "rjust") {
        return mk([name](Interp& in, Ref& me, Args& a) -> Ref {
            if (!check_args(in, name, a, 1, 2)) return nullptr;
            if (a.pos[0]->kind != Kind::kInt) return in.type_error("'" + a.pos[0]->type_name() + "' object cannot be interpreted as an integer");
            int64_t w = static_cast<IntObj*>(a.pos[0].get())->value;
            std::string fill = a.pos.size() > 1 && as<StrObj>(a.pos[1]) ? sv(a.pos[1]) : (name == "zfill" ? "0" : " ");
            std::string s = sv(me);
            int64_t len = static_cast<int64_t>(utf8_length(s));
            if (len >= w) return Interp::string(s);
            int64_t n = w - len;
            auto rep = [&](int64_t k) { std::string r; for (int64_t i = 0; i < k; ++i) r += fill; return r; };
            if (name == "ljust") return Interp::string(s + rep(n));
            if (name == "rjust") return Interp::string(rep(n) + s);
            if (name == "center") {
                int64_t left = n / 2 + (n & w & 1);
                return Interp::string(rep(left) + s + rep(n - left));
            }
            if (!s.empty() && (s[0] == '-' || s[0] == '+')) return Interp::string(s.substr(0, 1) + rep(n) + s.substr(1));
            return Interp::string(rep(n) + s);
        });
    }
    if (name == "format") {
        return mk([](Interp& in, Ref& me, Args& a) -> Ref {
            const std::string& f = sv(me);
            std::string out;
            size_t auto_index = 0;
            for (size_t i = 0; i < f.size(); ++i) {
                if (f[i] == '{' && i + 1 < f.size() && f[i + 1] == '{') { out += '{'; ++i; continue; }
                if (f[i] == '}' && i + 1 < f.size() && f[i + 1] == '}') { out += '}'; ++i; continue; }
                if (f[i] != '{') { out += f[i]; continue; }
                size_t close = f.find('}', i);
                if (close == std::string::npos) return in.value_error("Single '{' encountered in format string");
                std::string field = f.substr(i + 1, close - i - 1), spec;
                size_t colon = field.find(':');
                if (colon != std::string::npos) { spec = field.substr(colon + 1); field = field.substr(0, colon); }
                char conv = 0;
                if (field.size() >= 2 && field[field.size() - 2] == '!') { conv = field.back(); field.resize(field.size() - 2); }
                Ref v;
                if (field.empty()) {
                    if (auto_index >= a.pos.size()) return in.raise(in.IndexError, "Replacement index " + std::to_string(auto_index) + " out of range for positional args tuple");
                    v = a.pos[auto_index++];
                } else if (std::isdigit(static_cast<unsigned char>(field[0]))) {
                    size_t k = static_cast<size_t>(std::atoll(field.c_str()));
                    if (k >= a.pos.size()) return in.raise(in.IndexError, "Replacement index " + field + " out of range for positional args tuple");
                    v = a.pos[k];
                } else {
                    std::string base = field.substr(0, field.find('.'));
                    const Ref* kv = a.find(base);
                    if (!kv) return in.raise_obj(std::make_shared<ExceptionObj>(in.KeyError, std::vector<Ref>{Interp::string(base)}));
                    v = *kv;
                    size_t dot = field.find('.');
                    while (dot != std::string::npos) {
                        size_t nd = field.find('.', dot + 1);
                        v = in.getattr(v, field.substr(dot + 1, nd == std::string::npos ? std::string::npos : nd - dot - 1));
                        if (!v) return nullptr;
                        dot = nd;
                    }
                }
                if (conv == 'r') { std::string r; if (!in.repr(v, r)) return nullptr; v = Interp::string(r); }
                std::string piece;
                if (!format_value(in, v, spec, piece)) return nullptr;
                out += piece;
                i = close;
            }
            return Interp::string(out);
        });
    }
    if (name == "encode") return mk([](Interp&, Ref& me, Args&) -> Ref { return std::make_shared<BytesObj>(sv(me)); });
    (void)s;
    return in.raise(in.AttributeError, "'str' object has no attribute '" + name + "'");
}

Ref list_method(Interp& in, const Ref& self, const std::string& name) {
    auto* seq = static_cast<SeqObj*>(self.get());
    auto mk = [&](M fn) { return method(name, self, std::move(fn)); };
    auto items = [](Ref& me) -> std::vector<Ref>& { return static_cast<SeqObj*>(me.get())->items; };
    if (seq->view_name) return in.raise(in.AttributeError, "'" + std::string(seq->view_name) + "' object has no attribute '" + name + "'");
    if (!seq->row_name.empty()) {
        for (size_t i = 0; i < seq->row_fields.size(); ++i)
            if (seq->row_fields[i] == name) return seq->items[i];
        if (name == "_fields") {
            std::vector<Ref> f;
            for (const auto& n : seq->row_fields) f.push_back(Interp::string(n));
            return Interp::tuple(f);
        }
        if (name == "_asdict") {
            return mk([](Interp& in, Ref& me, Args&) -> Ref {
                auto* s = static_cast<SeqObj*>(me.get());
                auto d = Interp::dict();
                for (size_t i = 0; i < s->row_fields.size(); ++i) d->entries.emplace_back(Interp::string(s->row_fields[i]), s->items[i]);
                return d;
            });
        }
    }
    if (name == "count") return mk([items](Interp& in, Ref& me, Args& a) -> Ref {
        if (!check_args(in, "count", a, 1, 1)) return nullptr;
        int64_t c = 0;
        for (const auto& x : items(me)) { int e = in.equals(x, a.pos[0]); if (e < 0) return nullptr; c += e; }
        return Interp::integer(c);
    });
    if (name == "index") return mk([items](Interp& in, Ref& me, Args& a) -> Ref {
        if (!check_args(in, "index", a, 1, 1)) return nullptr;
        auto& v = items(me);
        for (size_t i = 0; i < v.size(); ++i) { int e = in.equals(v[i], a.pos[0]); if (e < 0) return nullptr; if (e) return Interp::integer(static_cast<int64_t>(i)); }
        std::string r;
        if (!in.repr(a.pos[0], r)) return nullptr;
        return in.value_error(me->kind == Kind::kList ? r + " is not in list" : "tuple.index(x): x not in tuple");
    });
    if (self->kind != Kind::kList) return in.raise(in.AttributeError, "'" + self->type_name() + "' object has no attribute '" + name + "'");
    if (name == "append") return mk([items](Interp& in, Ref& me, Args& a) -> Ref {
        if (!check_args(in, "list.append", a, 1, 1)) return nullptr;
        items(me).push_back(a.pos[0]);
        return in.None;
    });
    if (name == "extend") return mk([items](Interp& in, Ref& me, Args& a) -> Ref {
        if (!check_args(in, "list.extend", a, 1, 1)) return nullptr;
        std::vector<Ref> more;
        if (!in.iterate(a.pos[0], more)) return nullptr;
        items(me).insert(items(me).end(), more.begin(), more.end());
        return in.None;
    });
    if (name == "insert") return mk([items](Interp& in, Ref& me, Args& a) -> Ref {
        if (!check_args(in, "insert", a, 2, 2)) return nullptr;
        if (a.pos[0]->kind != Kind::kInt) return in.type_error("'" + a.pos[0]->type_name() + "' object cannot be interpreted as an integer");
        auto& v = items(me);
        int64_t i = static_cast<IntObj*>(a.pos[0].get())->value, n = static_cast<int64_t>(v.size());
        if (i < 0) i = std::max<int64_t>(0, i + n);
        if (i > n) i = n;
        v.insert(v.begin() + i, a.pos[1]);
        return in.None;
    });
    if (name == "pop") return mk([items](Interp& in, Ref& me, Args& a) -> Ref {
        if (!check_args(in, "pop", a, 0, 1)) return nullptr;
        auto& v = items(me);
        if (v.empty()) return in.raise(in.IndexError, "pop from empty list");
        int64_t i = -1, n = static_cast<int64_t>(v.size());
        if (!a.pos.empty() && a.pos[0]->kind == Kind::kInt) i = static_cast<IntObj*>(a.pos[0].get())->value;
        if (i < 0) i += n;
        if (i < 0 || i >= n) return in.raise(in.IndexError, "pop index out of range");
        Ref r = v[static_cast<size_t>(i)];
        v.erase(v.begin() + i);
        return r;
    });
    if (name == "remove") return mk([items](Interp& in, Ref& me, Args& a) -> Ref {
        if (!check_args(in, "list.remove", a, 1, 1)) return nullptr;
        auto& v = items(me);
        for (size_t i = 0; i < v.size(); ++i) { int e = in.equals(v[i], a.pos[0]); if (e < 0) return nullptr; if (e) { v.erase(v.begin() + static_cast<long>(i)); return in.None; } }
        return in.value_error("list.remove(x): x not in list");
    });
    if (name == "clear") return mk([items](Interp& in, Ref& me, Args&) -> Ref { items(me).clear(); return in.None; });
    if (name == "copy") return mk([items](Interp&, Ref& me, Args&) -> Ref { return Interp::list(items(me)); });
    if (name == "reverse") return mk([items](Interp& in, Ref& me, Args&) -> Ref { std::reverse(items(me).begin(), items(me).end()); return in.None; });
    if (name == "sort") return mk([items](Interp& in, Ref& me, Args& a) -> Ref {
        if (!a.pos.empty()) return in.type_error("sort() takes no positional arguments");
        Args sa;
        sa.pos.push_back(Interp::list(items(me)));
        sa.kw = a.kw;
        Ref sorted = in.call(in.builtins["sorted"], sa);
        if (!sorted) return nullptr;
        items(me) = static_cast<SeqObj*>(sorted.get())->items;
        return in.None;
    });
    return in.raise(in.AttributeError, "'list' object has no attribute '" + name + "'");
}

Ref dict_method(Interp& in, const Ref& self, const std::string& name) {
    auto mk = [&](M fn) { return method(name, self, std::move(fn)); };
    auto d = [](Ref& me) { return static_cast<DictObj*>(me.get()); };
    if (self->kind == Kind::kSet) return set_method(in, self, name);
    if (name == "get") return mk([d](Interp& in, Ref& me, Args& a) -> Ref {
        if (!check_args(in, "get", a, 1, 2)) return nullptr;
        int64_t i = d(me)->find(in, a.pos[0]);
        if (i == -2) return nullptr;
        if (i < 0) return a.pos.size() > 1 ? a.pos[1] : in.None;
        return d(me)->entries[static_cast<size_t>(i)].second;
    });
    if (name == "keys" || name == "values" || name == "items") {
        int which = name == "keys" ? 0 : name == "values" ? 1 : 2;
        return mk([d, which](Interp& in, Ref& me, Args& a) -> Ref {
            std::vector<Ref> out;
            for (const auto& kv : d(me)->entries)
                out.push_back(which == 0 ? kv.first : which == 1 ? kv.second : Interp::tuple({kv.first, kv.second}));
            auto view = std::make_shared<SeqObj>(Kind::kList, std::move(out));
            view->view_name = which == 0 ? "dict_keys" : which == 1 ? "dict_values" : "dict_items";
            return view;
        });
    }
    if (name == "pop") return mk([d](Interp& in, Ref& me, Args& a) -> Ref {
        if (!check_args(in, "pop", a, 1, 2)) return nullptr;
        int64_t i = d(me)->find(in, a.pos[0]);
        if (i == -2) return nullptr;
        if (i < 0) {
            if (a.pos.size() > 1) return a.pos[1];
            return in.raise_obj(std::make_shared<ExceptionObj>(in.KeyError, std::vector<Ref>{a.pos[0]}));
        }
        Ref v = d(me)->entries[static_cast<size_t>(i)].second;
        d(me)->erase_at(static_cast<size_t>(i));
        return v;
    });
    if (name == "update") return mk([d](Interp& in, Ref& me, Args& a) -> Ref {
        if (!a.pos.empty()) {
            auto* src = as<DictObj>(a.pos[0]);
            if (!src) return in.type_error("'" + a.pos[0]->type_name() + "' object is not iterable");
            for (const auto& kv : src->entries) if (!d(me)->put(in, kv.first, kv.second)) return nullptr;
        }
        for (const auto& kv : a.kw) if (!d(me)->put(in, Interp::string(kv.first), kv.second)) return nullptr;
        return in.None;
    });
    if (name == "setdefault") return mk([d](Interp& in, Ref& me, Args& a) -> Ref {
        if (!check_args(in, "setdefault", a, 1, 2)) return nullptr;
        int64_t i = d(me)->find(in, a.pos[0]);
        if (i == -2) return nullptr;
        if (i >= 0) return d(me)->entries[static_cast<size_t>(i)].second;
        Ref v = a.pos.size() > 1 ? a.pos[1] : in.None;
        d(me)->entries.emplace_back(a.pos[0], v);
        return v;
    });
    if (name == "popitem") return mk([d](Interp& in, Ref& me, Args& a) -> Ref {
        if (!check_args(in, "popitem", a, 0, 0)) return nullptr;
        auto& e = d(me)->entries;
        if (e.empty()) return in.raise_obj(std::make_shared<ExceptionObj>(in.KeyError, std::vector<Ref>{Interp::string("popitem(): dictionary is empty")}));
        Ref item = Interp::tuple({e.back().first, e.back().second});
        d(me)->erase_at(e.size() - 1);
        return item;
    });
    if (name == "copy") return mk([d](Interp&, Ref& me, Args&) -> Ref { auto c = Interp::dict(); c->copy_from(*d(me)); return c; });
    if (name == "clear") return mk([d](Interp& in, Ref& me, Args&) -> Ref { d(me)->clear(); return in.None; });
    return in.raise(in.AttributeError, "'dict' object has no attribute '" + name + "'");
}

}  // namespace

Ref StrObj::getattr(Interp& in, const std::string& name) { return str_method(in, shared_from_this(), name); }
Ref SeqObj::getattr(Interp& in, const std::string& name) { return list_method(in, shared_from_this(), name); }
Ref DictObj::getattr(Interp& in, const std::string& name) {
    if (flavor) {
        if (Ref m = collections_method(in, shared_from_this(), name)) return m;
        if (in.pending()) return nullptr;
    }
    return dict_method(in, shared_from_this(), name);
}

Ref IntObj::getattr(Interp& in, const std::string& name) {
    if (name == "real" || name == "numerator") return shared_from_this();
    if (name == "imag") return Interp::integer(0);
    if (name == "denominator") return Interp::integer(1);
    return in.attribute_error(*this, name);
}

Ref FloatObj::getattr(Interp& in, const std::string& name) {
    if (name == "real") return shared_from_this();
    if (name == "imag") return Interp::floating(0.0);
    if (name == "is_integer") {
        Ref self = shared_from_this();
        return method(name, self, [](Interp& in, Ref& me, Args&) -> Ref {
            double d = static_cast<FloatObj*>(me.get())->value;
            return in.boolean(std::isfinite(d) && d == std::floor(d));
        });
    }
    return in.attribute_error(*this, name);
}

}  // namespace gramlab::shell

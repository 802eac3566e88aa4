// PyYAML's Emitter (emitter.py: analyze_scalar, choose_scalar_style, write_plain,
// write_single_quoted) and Resolver (resolver.py: the YAML 1.1 implicit types), reduced to block
// style, which is all `docker-compose config` writes.
//
//   services:                  ← keys sorted, nested mappings indented by 2
//     web:
//       command:               ← sequences inside a mapping are not indented
//       - '3000'               ← "3000" would read back as an int: quoted
//       restart: "no"          ← compose forces double quotes on bool-like words
//   volumes:
//     static_volume: {}        ← empty collections in flow style
#include "core/deploy/yaml_writer.hpp"

#include <algorithm>
#include <regex>

namespace gramlab::deploy {

PyValue PyValue::of_bool(bool b) {
    PyValue v = of_kind(Kind::kBool);
    v.boolean = b;
    return v;
}

PyValue PyValue::of_int(std::int64_t i) {
    PyValue v = of_kind(Kind::kInt);
    v.integer = i;
    return v;
}

PyValue PyValue::of_str(std::string s) {
    PyValue v = of_kind(Kind::kStr);
    v.str = std::move(s);
    return v;
}

void PyValue::set(const std::string& key, PyValue v) {
    for (auto& [k, old] : dict)
        if (k == key) {
            old = std::move(v);
            return;
        }
    dict.emplace_back(key, std::move(v));
}

const PyValue* PyValue::get(const std::string& key) const {
    for (const auto& [k, v] : dict)
        if (k == key) return &v;
    return nullptr;
}

std::string yaml11_resolve(const std::string& s) {
    // resolver.py's implicit resolvers, in the order they are registered.
    static const std::regex kBool("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
    static const std::regex kFloat(
        "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    static const std::regex kInt(
        "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
        "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
    static const std::regex kTimestamp(
        "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
        "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]"
        "(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$");
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return "null";
    // libstdc++'s regex matcher recurses per character: long text is not run through it (no
    // number, bool or date is that long in a compose file; PyYAML would agree on any such text).
    if (s.size() > 128) return "str";
    if (std::regex_match(s, kBool)) return "bool";
    if (std::regex_match(s, kFloat)) return "float";
    if (std::regex_match(s, kInt)) return "int";
    if (s == "<<") return "merge";
    if (std::regex_match(s, kTimestamp)) return "timestamp";
    if (s == "=") return "value";
    return "str";
}

namespace {

struct Analysis {
    bool multiline = false;
    bool allow_block_plain = true;
    bool allow_single_quoted = true;
};

bool is_space_or_break(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

// emitter.py analyze_scalar, for the block context (flow plain is never asked for).
Analysis analyze(const std::string& s) {
    Analysis a;
    if (s.empty()) {
        a.allow_block_plain = false;
        return a;
    }
    bool block_indicators = false, line_breaks = false, special = false;
    bool leading_space = false, trailing_space = false, break_space = false, space_break = false;
    bool previous_space = false, previous_break = false;
    if (s.rfind("---", 0) == 0 || s.rfind("...", 0) == 0) block_indicators = true;
    bool preceded_by_ws = true;
    for (size_t i = 0; i < s.size(); ++i) {
        char ch = s[i];
        bool followed_by_ws = i + 1 >= s.size() || is_space_or_break(s[i + 1]);
        if (i == 0) {
            if (std::string("#,[]{}&*!|>'\"%@`").find(ch) != std::string::npos) block_indicators = true;
            if ((ch == '?' || ch == ':') && followed_by_ws) block_indicators = true;
            if (ch == '-' && followed_by_ws) block_indicators = true;
        } else {
            if (ch == ':' && followed_by_ws) block_indicators = true;
            if (ch == '#' && preceded_by_ws) block_indicators = true;
        }
        if (ch == '\n') line_breaks = true;
        unsigned char u = static_cast<unsigned char>(ch);
        if (!(ch == '\n' || (u >= 0x20 && u <= 0x7E) || u >= 0x80)) special = true;
        if (ch == ' ') {
            if (i == 0) leading_space = true;
            if (i + 1 == s.size()) trailing_space = true;
            if (previous_break) break_space = true;
            previous_space = true;
            previous_break = false;
        } else if (ch == '\n') {
            if (previous_space) space_break = true;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = previous_break = false;
        }
        preceded_by_ws = is_space_or_break(ch);
    }
    if (s[0] == '\n' || s.back() == '\n') a.allow_block_plain = false;
    if (leading_space || trailing_space) a.allow_block_plain = false;
    if (break_space) a.allow_block_plain = a.allow_single_quoted = false;
    if (space_break || special) a.allow_block_plain = a.allow_single_quoted = false;
    if (line_breaks) {
        a.allow_block_plain = false;
        a.multiline = true;
    }
    if (block_indicators) a.allow_block_plain = false;
    return a;
}

class Emitter {
  public:
    std::string out;

    void mapping(const PyValue& m, int indent, bool first_inline) {
        std::vector<const std::pair<std::string, PyValue>*> entries;
        for (const auto& e : m.dict) entries.push_back(&e);
        std::stable_sort(entries.begin(), entries.end(),
                         [](const auto* a, const auto* b) { return a->first < b->first; });
        bool first = true;
        for (const auto* e : entries) {
            if (!(first && first_inline)) newline(indent);
            first = false;
            scalar(PyValue::of_str(e->first), indent, true);
            write(":");
            value(e->second, indent, indent + 2, true);
        }
    }

  private:
    int column_ = 0;

    void write(const std::string& s) {
        out += s;
        column_ += static_cast<int>(s.size());
    }
    void newline(int indent) {
        if (!out.empty()) out += "\n";
        column_ = 0;
        write(std::string(static_cast<size_t>(indent), ' '));
    }

    // A mapping's value or a sequence's item, after "key:" or "-".
    void value(const PyValue& v, int indent, int child_indent, bool in_mapping) {
        if (v.kind == PyValue::Kind::kDict && !v.dict.empty()) {
            if (in_mapping) {
                mapping(v, child_indent, false);
            } else {
                write(" ");
                mapping(v, child_indent, true);
            }
        } else if (v.kind == PyValue::Kind::kList && !v.items.empty()) {
            // Block sequences in a mapping are "indentless": the dashes line up with the keys.
            int dash = in_mapping ? indent : child_indent;
            bool first = true;
            for (const auto& item : v.items) {
                if (!(first && !in_mapping)) newline(dash);
                if (first && !in_mapping) write(" ");
                first = false;
                write("-");
                value(item, dash, dash + 2, false);
            }
        } else {
            write(" ");
            scalar(v, child_indent, false);
        }
    }

    void scalar(const PyValue& v, int cont_indent, bool simple_key) {
        switch (v.kind) {
            case PyValue::Kind::kNone:
                return write("null");
            case PyValue::Kind::kBool:
                return write(v.boolean ? "true" : "false");
            case PyValue::Kind::kInt:
                return write(std::to_string(v.integer));
            case PyValue::Kind::kDict:
                return write("{}");
            case PyValue::Kind::kList:
                return write("[]");
            case PyValue::Kind::kStr:
                break;
        }
        const std::string& s = v.str;
        Analysis a = analyze(s);
        if (!v.force_double_quotes && yaml11_resolve(s) == "str" && a.allow_block_plain && !(simple_key && a.multiline))
            return plain(s, cont_indent, !simple_key);
        if (!v.force_double_quotes && a.allow_single_quoted && !a.multiline)
            return single_quoted(s, cont_indent, !simple_key);
        double_quoted(s);
    }

    // write_plain: a single space between words becomes a line break once past column 80.
    void plain(const std::string& s, int cont_indent, bool split) {
        size_t start = 0;
        bool spaces = false;
        for (size_t end = 0; end <= s.size(); ++end) {
            char ch = end < s.size() ? s[end] : '\0';
            bool at_end = end == s.size();
            if (spaces) {
                if (at_end || ch != ' ') {
                    if (start + 1 == end && column_ > 80 && split)
                        newline(cont_indent);
                    else
                        write(s.substr(start, end - start));
                    start = end;
                }
            } else if (at_end || ch == ' ') {
                write(s.substr(start, end - start));
                start = end;
            }
            if (!at_end) spaces = ch == ' ';
        }
    }

    void single_quoted(const std::string& s, int cont_indent, bool split) {
        write("'");
        size_t start = 0;
        bool spaces = false;
        for (size_t end = 0; end <= s.size(); ++end) {
            char ch = end < s.size() ? s[end] : '\0';
            bool at_end = end == s.size();
            if (spaces) {
                if (at_end || ch != ' ') {
                    if (start + 1 == end && column_ > 80 && split && start != 0 && end != s.size())
                        newline(cont_indent);
                    else
                        write(s.substr(start, end - start));
                    start = end;
                }
            } else if (at_end || ch == ' ' || ch == '\'') {
                if (start < end) write(s.substr(start, end - start));
                start = end;
            }
            if (ch == '\'' && !at_end) {
                write("''");
                start = end + 1;
            }
            if (!at_end) spaces = ch == ' ';
        }
        write("'");
    }

    void double_quoted(const std::string& s) {
        std::string q = "\"";
        for (char ch : s) {
            unsigned char u = static_cast<unsigned char>(ch);
            if (ch == '"' || ch == '\\')
                q += std::string{'\\', ch};
            else if (ch == '\n')
                q += "\\n";
            else if (ch == '\t')
                q += "\\t";
            else if (u < 0x20 || u == 0x7F) {
                static const char* hex = "0123456789ABCDEF";
                q += std::string("\\x") + hex[u >> 4] + hex[u & 15];
            } else
                q += ch;
        }
        write(q + "\"");
    }
};

}  // namespace

std::string pyyaml_dump(const PyValue& v) {
    if (v.kind != PyValue::Kind::kDict || v.dict.empty()) return "{}\n";
    Emitter e;
    e.mapping(v, 0, true);
    return e.out + "\n";
}

}  // namespace gramlab::deploy

// Parser (pattern → node tree) and backtracking matcher of MiniRegex.
#include "core/deploy/mini_regex.hpp"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <vector>

namespace gramlab::deploy {

struct MiniRegex::Node {
    enum Kind { kChar, kAny, kClass, kGroup, kStart, kEnd } kind = kChar;
    char ch = 0;
    std::vector<std::pair<char, char>> ranges;  // kClass
    bool negated = false;                       // kClass
    std::vector<std::vector<Node>> alts;        // kGroup: alternatives, each a sequence
    int min = 1, max = 1;                       // quantifier (-1 = unbounded)
};

namespace {

using Node = MiniRegex::Node;
using Seq = std::vector<Node>;

class RxParser {
  public:
    explicit RxParser(std::string_view p) : p_(p) {}
    bool ok = true;
    std::string err;

    std::vector<Seq> alternatives() {
        std::vector<Seq> alts(1);
        while (i_ < p_.size() && ok) {
            char c = p_[i_];
            if (c == ')') break;
            if (c == '|') {
                ++i_;
                alts.emplace_back();
                continue;
            }
            Node n;
            if (!atom(n)) return alts;
            quantifier(n);
            alts.back().push_back(std::move(n));
        }
        return alts;
    }
    bool at_end() const { return i_ >= p_.size(); }

  private:
    void fail(std::string m) {
        if (ok) err = std::move(m);
        ok = false;
    }
    void add_escape_class(char e, Node& n) {
        n.kind = Node::kClass;
        if (e == 'd' || e == 'D') n.ranges = {{'0', '9'}};
        if (e == 'w' || e == 'W') n.ranges = {{'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {'_', '_'}};
        if (e == 's' || e == 'S') n.ranges = {{' ', ' '}, {'\t', '\t'}, {'\n', '\n'}, {'\r', '\r'}};
        n.negated = std::isupper(static_cast<unsigned char>(e));
    }
    bool atom(Node& n) {
        char c = p_[i_++];
        switch (c) {
            case '.':
                n.kind = Node::kAny;
                return true;
            case '^':
                n.kind = Node::kStart;
                return true;
            case '$':
                n.kind = Node::kEnd;
                return true;
            case '(': {
                if (p_.substr(i_, 2) == "?:") i_ += 2;
                n.kind = Node::kGroup;
                n.alts = alternatives();
                if (i_ >= p_.size() || p_[i_] != ')') {
                    fail("missing )");
                    return false;
                }
                ++i_;
                return true;
            }
            case '*':
            case '+':
            case '?':
                fail("nothing to repeat");
                return false;
            case '[': {
                n.kind = Node::kClass;
                if (i_ < p_.size() && p_[i_] == '^') n.negated = true, ++i_;
                bool first = true;
                while (i_ < p_.size() && (p_[i_] != ']' || first)) {
                    first = false;
                    char a = p_[i_++];
                    if (a == '\\' && i_ < p_.size()) {
                        char e = p_[i_++];
                        if (std::strchr("dwsDWS", e)) {
                            Node tmp;
                            add_escape_class(e, tmp);
                            n.ranges.insert(n.ranges.end(), tmp.ranges.begin(), tmp.ranges.end());
                            continue;
                        }
                        a = e;
                    }
                    char b = a;
                    if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
                        b = p_[i_ + 1];
                        i_ += 2;
                    }
                    n.ranges.emplace_back(a, b);
                }
                if (i_ >= p_.size()) {
                    fail("missing terminating ] for character class");
                    return false;
                }
                ++i_;
                return true;
            }
            case '\\': {
                if (i_ >= p_.size()) {
                    fail("\\ at end of pattern");
                    return false;
                }
                char e = p_[i_++];
                if (std::strchr("dwsDWS", e))
                    add_escape_class(e, n);
                else
                    n.kind = Node::kChar, n.ch = e;
                return true;
            }
            default:
                n.kind = Node::kChar;
                n.ch = c;
                return true;
        }
    }
    void quantifier(Node& n) {
        if (i_ >= p_.size()) return;
        char c = p_[i_];
        if (c == '*')
            n.min = 0, n.max = -1, ++i_;
        else if (c == '+')
            n.min = 1, n.max = -1, ++i_;
        else if (c == '?')
            n.min = 0, n.max = 1, ++i_;
        else if (c == '{') {
            size_t close = p_.find('}', i_);
            if (close == std::string_view::npos) return;
            std::string body(p_.substr(i_ + 1, close - i_ - 1));
            size_t comma = body.find(',');
            n.min = std::atoi(body.substr(0, comma).c_str());
            n.max = comma == std::string::npos
                        ? n.min
                        : (comma + 1 < body.size() ? std::atoi(body.substr(comma + 1).c_str()) : -1);
            i_ = close + 1;
        }
        if (i_ < p_.size() && p_[i_] == '?') ++i_;  // lazy marker: same match set for a search
    }
    std::string_view p_;
    size_t i_ = 0;
};

struct Matcher {
    std::string_view s;
    bool icase;

    bool eq(char a, char b) const {
        return icase ? std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b))
                     : a == b;
    }
    bool single(const Node& n, size_t i) const {
        if (i >= s.size()) return false;
        char c = s[i];
        if (n.kind == Node::kAny) return c != '\n';
        if (n.kind == Node::kChar) return eq(n.ch, c);
        bool in = false;
        for (auto [a, b] : n.ranges) {
            char lc = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            char uc = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if ((c >= a && c <= b) || (icase && ((lc >= a && lc <= b) || (uc >= a && uc <= b)))) in = true;
        }
        return in != n.negated;
    }
    // Matches seq[k..] at position i, then calls k_next(end).
    bool seq(const Seq& q, size_t k, size_t i, const std::function<bool(size_t)>& next) const {
        if (k == q.size()) return next(i);
        const Node& n = q[k];
        if (n.kind == Node::kStart) return i == 0 && seq(q, k + 1, i, next);
        if (n.kind == Node::kEnd) return i == s.size() && seq(q, k + 1, i, next);
        return repeat(q, k, i, 0, next);
    }
    bool repeat(const Seq& q, size_t k, size_t i, int count, const std::function<bool(size_t)>& next) const {
        const Node& n = q[k];
        bool can_more = n.max < 0 || count < n.max;
        if (can_more) {  // greedy: try one more repetition first
            if (n.kind == Node::kGroup) {
                for (const auto& alt : n.alts) {
                    if (seq(alt, 0, i, [&](size_t e) { return e != i && repeat(q, k, e, count + 1, next); }))
                        return true;
                }
            } else if (single(n, i) && repeat(q, k, i + 1, count + 1, next)) {
                return true;
            }
        }
        if (count >= n.min) return seq(q, k + 1, i, next);
        if (n.kind == Node::kGroup && count < n.min) {
            // zero-width alternative (e.g. "(a|)") counted as one repetition
            for (const auto& alt : n.alts)
                if (seq(alt, 0, i, [&](size_t e) { return e == i && seq(q, k + 1, i, next); })) return true;
        }
        return false;
    }
};

}  // namespace

Result<MiniRegex> MiniRegex::compile(std::string_view pattern, bool case_insensitive) {
    RxParser p(pattern);
    Node root;
    root.kind = Node::kGroup;
    root.alts = p.alternatives();
    if (p.ok && !p.at_end()) p.ok = false, p.err = "unmatched closing parenthesis";
    if (!p.ok) {
        return Error::make("emerg", "pcre_compile() failed: " + p.err + " in \"" + std::string(pattern) + "\"");
    }
    MiniRegex rx;
    rx.root_ = std::make_shared<const Node>(std::move(root));
    rx.icase_ = case_insensitive;
    return rx;
}

bool MiniRegex::search(std::string_view text) const {
    if (!root_) return false;
    Matcher m{text, icase_};
    Seq top{*root_};
    for (size_t start = 0; start <= text.size(); ++start)
        if (m.seq(top, 0, start, [](size_t) { return true; })) return true;
    return false;
}

}  // namespace gramlab::deploy

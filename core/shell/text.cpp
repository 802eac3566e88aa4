// UTF-8 text helpers: code point iteration, Python's repr of str, case mapping.
#include "core/shell/text.hpp"

#include "core/models/value.hpp"

namespace gramlab::shell {

namespace {

size_t seq_len(unsigned char c) {
    if (c < 0x80) return 1;
    if ((c >> 5) == 0x6) return 2;
    if ((c >> 4) == 0xe) return 3;
    if ((c >> 3) == 0x1e) return 4;
    return 1;
}

}  // namespace

uint32_t utf8_decode(const std::string& s, size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = seq_len(c);
    if (n == 1 || i + n > s.size()) { ++i; return c; }
    uint32_t cp = n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
    for (size_t k = 1; k < n; ++k) {
        unsigned char d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xc0) != 0x80) { ++i; return c; }
        cp = (cp << 6) | (d & 0x3f);
    }
    i += n;
    return cp;
}

void utf8_append(uint32_t cp, std::string& out) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

namespace {

uint32_t to_upper(uint32_t c) {
    if (c >= 'a' && c <= 'z') return c - 32;
    if ((c >= 0xe0 && c <= 0xfe && c != 0xf7)) return c - 32;
    if (c >= 0x3b1 && c <= 0x3c9 && c != 0x3c2) return c - 32;  // Greek
    if (c >= 0x430 && c <= 0x44f) return c - 32;                // Cyrillic
    if (c >= 0xff41 && c <= 0xff5a) return c - 32;              // fullwidth
    return c;
}

uint32_t to_lower(uint32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if ((c >= 0xc0 && c <= 0xde && c != 0xd7)) return c + 32;
    if (c >= 0x391 && c <= 0x3a9) return c + 32;
    if (c >= 0x410 && c <= 0x42f) return c + 32;
    if (c >= 0xff21 && c <= 0xff3a) return c + 32;
    return c;
}

template <typename F>
std::string map_chars(const std::string& s, F f) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        size_t start = i;
        uint32_t cp = utf8_decode(s, i);
        uint32_t m = f(cp);
        if (m == cp) out.append(s, start, i - start);
        else utf8_append(m, out);
    }
    return out;
}

}  // namespace

std::vector<std::string> utf8_chars(const std::string& s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
        size_t start = i;
        utf8_decode(s, i);
        out.push_back(s.substr(start, i - start));
    }
    return out;
}

size_t utf8_length(const std::string& s) {
    size_t n = 0, i = 0;
    while (i < s.size()) {
        utf8_decode(s, i);
        ++n;
    }
    return n;
}

std::string repr_str(const std::string& s) { return py_repr_str(s); }

std::string py_upper(const std::string& s) { return map_chars(s, to_upper); }
std::string py_lower(const std::string& s) { return map_chars(s, to_lower); }

bool is_py_space(const std::string& ch) {
    if (ch.size() == 1) return ch[0] == ' ' || (ch[0] >= '\t' && ch[0] <= '\r') || (ch[0] >= 0x1c && ch[0] <= 0x1f);
    return ch == "\xc2\x85" || ch == "\xc2\xa0" || ch == "\xe3\x80\x80" || ch == "\xe2\x80\xa8" || ch == "\xe2\x80\xa9";
}

}  // namespace gramlab::shell

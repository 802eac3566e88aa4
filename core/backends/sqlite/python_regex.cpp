// Rewrites a Python `re` pattern for std::wregex; see python_regex.hpp for what and why.
#include "core/backends/sqlite/python_regex.hpp"

#include <cstdint>
#include <map>

namespace gramlab::backends::sqlite {

namespace {

// Python's \w for str patterns is [0-9A-Za-z_] plus every Unicode letter and digit; these are
// the ranges of the scripts a learner's data is written in (Latin with its extensions, IPA,
// Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, Hangul jamo and syllables, kana, CJK,
// fullwidth forms). Emoji and punctuation are not in it, as in Python.
const wchar_t* const kWordRanges =
    L"0-9A-Za-z_\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02C1\u0370-\u0373\u0376-\u0377"
    L"\u037B-\u037D\u0386\u0388-\u03FF\u0400-\u0481\u048A-\u052F\u05D0-\u05EA\u0620-\u064A\u0660-\u0669"
    L"\u0900-\u0939\u0966-\u096F\u0E01-\u0E30\u0E50-\u0E59\u1100-\u11FF\u3041-\u3096\u30A1-\u30FA"
    L"\u3131-\u318E\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A";

}  // namespace

std::wstring utf8_to_wide(const std::string& s) {
    std::wstring out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) {
            out.push_back(L'\uFFFD');
            ++i;
            continue;
        }
        uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        bool ok = true;
        for (size_t k = 1; k < n; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc >> 6) != 0x2) ok = false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!ok) {
            out.push_back(L'\uFFFD');
            ++i;
            continue;
        }
        out.push_back(static_cast<wchar_t>(cp));
        i += n;
    }
    return out;
}

TranslatedRegex translate_python_regex(const std::string& utf8_pattern) {
    TranslatedRegex r;
    const std::wstring p = utf8_to_wide(utf8_pattern);
    size_t i = 0;
    bool dotall = false, ascii = false;
    // Leading global flags: (?i), (?s), (?a), (?u), combined ((?is)).
    while (i + 2 < p.size() && p[i] == L'(' && p[i + 1] == L'?' && p.find(L')', i) != std::wstring::npos) {
        size_t close = p.find(L')', i);
        std::wstring flags = p.substr(i + 2, close - i - 2);
        if (flags.empty() || flags.find_first_not_of(L"imsxau") != std::wstring::npos) break;
        for (wchar_t f : flags) {
            if (f == L'i') r.icase = true;
            else if (f == L's') dotall = true;
            else if (f == L'a') ascii = true;
            else if (f == L'm') r.unsupported = "the MULTILINE flag (?m)";
            else if (f == L'x') r.unsupported = "the VERBOSE flag (?x)";
        }
        i = close + 1;
    }
    const std::wstring word = ascii ? L"0-9A-Za-z_" : kWordRanges;
    std::map<std::wstring, int> group_of;
    int groups = 0;
    bool in_class = false;
    std::wstring& out = r.pattern;
    for (; i < p.size(); ++i) {
        const wchar_t c = p[i];
        if (c == L'\\' && i + 1 < p.size()) {
            const wchar_t e = p[++i];
            switch (e) {
                case L'A': out += in_class ? L"A" : L"^"; break;
                case L'Z': out += in_class ? L"Z" : L"$"; break;
                case L'w': out += in_class ? word : L"[" + word + L"]"; break;
                case L'W':
                    if (in_class) r.unsupported = "\\W inside a character class";
                    out += L"[^" + word + L"]";
                    break;
                default:
                    out += L'\\';
                    out += e;
            }
            continue;
        }
        if (in_class) {
            if (c == L']') in_class = false;
            out += c;
            continue;
        }
        switch (c) {
            case L'[': {
                in_class = true;
                out += c;
                // Python takes a ']' right after '[' or '[^' as a literal; ECMAScript would end the class.
                if (i + 1 < p.size() && p[i + 1] == L'^') out += p[++i];
                if (i + 1 < p.size() && p[i + 1] == L']') {
                    out += L"\\]";
                    ++i;
                }
                break;
            }
            case L'.': out += dotall ? L"[\\s\\S]" : L"[^\\n]"; break;
            case L'$': out += L"(?=\\n?$)"; break;  // also before a final newline, as Python's $
            case L'(': {
                if (i + 1 < p.size() && p[i + 1] == L'?') {
                    const wchar_t k = i + 2 < p.size() ? p[i + 2] : 0;
                    if (k == L'P' && i + 3 < p.size() && p[i + 3] == L'<') {
                        size_t close = p.find(L'>', i + 4);
                        if (close == std::wstring::npos) {
                            out += c;  // invalid: std::wregex reports it
                            break;
                        }
                        group_of[p.substr(i + 4, close - i - 4)] = ++groups;
                        out += L'(';
                        i = close;
                    } else if (k == L'P' && i + 3 < p.size() && p[i + 3] == L'=') {
                        size_t close = p.find(L')', i + 4);
                        auto g = close == std::wstring::npos ? group_of.end() : group_of.find(p.substr(i + 4, close - i - 4));
                        if (g == group_of.end()) {
                            r.invalid = true;  // re.error: unknown group name
                            break;
                        }
                        out += L"(?:\\" + std::to_wstring(g->second) + L")";
                        i = close;
                    } else if (k == L'#') {
                        size_t close = p.find(L')', i);
                        i = close == std::wstring::npos ? p.size() : close;
                    } else if (k == L'<') {
                        r.unsupported = "lookbehind assertions ((?<=...), (?<!...))";
                        out += c;
                    } else if (k == L'>') {
                        r.unsupported = "atomic groups ((?>...))";
                        out += c;
                    } else if (k == L':' || k == L'=' || k == L'!') {
                        out += c;
                    } else if (k == 0) {
                        r.invalid = true;  // re.error: unexpected end of pattern
                    } else {
                        r.unsupported = "inline flags or groups of this kind";
                        out += c;
                    }
                } else {
                    ++groups;
                    out += c;
                }
                break;
            }
            case L'{': {
                // A repeat {m}, {m,}, {,n}, {m,n}; anything else is a literal '{' in Python.
                size_t j = i + 1;
                std::wstring lo, hi;
                while (j < p.size() && p[j] >= L'0' && p[j] <= L'9') lo += p[j++];
                bool comma = j < p.size() && p[j] == L',';
                if (comma) {
                    ++j;
                    while (j < p.size() && p[j] >= L'0' && p[j] <= L'9') hi += p[j++];
                }
                if (j < p.size() && p[j] == L'}' && (!lo.empty() || (comma && !hi.empty()))) {
                    out += L"{" + (lo.empty() ? L"0" : lo) + (comma ? L"," + hi : L"") + L"}";
                    i = j;
                    if (i + 1 < p.size() && p[i + 1] == L'+') r.unsupported = "possessive quantifiers";
                } else {
                    out += L"\\{";
                }
                break;
            }
            case L'}': out += L"\\}"; break;
            case L'+':
            case L'*':
            case L'?':
                out += c;
                // Possessive quantifiers (Python 3.11: a*+, a++, a?+, a{2}+).
                if (c != L'?' || (i > 0 && p[i - 1] != L'(')) {
                    if (i + 1 < p.size() && p[i + 1] == L'+' && c != L'+') r.unsupported = "possessive quantifiers";
                    if (c == L'+' && i + 1 < p.size() && p[i + 1] == L'+') r.unsupported = "possessive quantifiers";
                }
                break;
            default: out += c;
        }
    }
    return r;
}

}  // namespace gramlab::backends::sqlite

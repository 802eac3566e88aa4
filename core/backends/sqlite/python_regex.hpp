// Python `re` patterns, as Django's REGEXP function (django/db/backends/sqlite3/base.py
// _sqlite_regexp: re.search(pattern, str(value))) compiles them, rewritten for std::wregex
// (ECMAScript) over UTF-32 text: `.` is one character (a Hangul syllable, not a byte), `\w`
// includes the letters and digits of the scripts learners write (Hangul, CJK, kana, Latin,
// Greek, Cyrillic, ...), `$` also matches before a final newline, and Python-only syntax is
// translated ((?P<name>...), (?P=name), \A, \Z, (?#...), leading (?i)/(?s)/(?a) flags).
// What ECMAScript cannot express (lookbehind, (?m), (?x), \W inside a class, atomic groups)
// is reported, never silently matched differently.
#pragma once

#include <string>

namespace gramlab::backends::sqlite {

struct TranslatedRegex {
    std::wstring pattern;  // ECMAScript, UTF-32
    bool icase = false;
    std::string unsupported;  // non-empty: what gramlab cannot run ("lookbehind assertions")
    bool invalid = false;     // Python's re would reject the pattern (re.error)
};

TranslatedRegex translate_python_regex(const std::string& utf8_pattern);

//! UTF-8 to UTF-32 (invalid bytes become U+FFFD, as Python's 'replace' error handler does).
std::wstring utf8_to_wide(const std::string& s);

}  // namespace gramlab::backends::sqlite

// core/backends/sqlite/python_regex.*: Python `re` syntax rewritten for std::wregex, and what
// cannot be rewritten reported instead of matched differently. The differential corpus
// (27_regex) checks the results against Django; this pins the rewriting itself.
#include <gtest/gtest.h>

#include <regex>

#include "core/backends/sqlite/python_regex.hpp"

namespace {

using gramlab::backends::sqlite::translate_python_regex;
using gramlab::backends::sqlite::utf8_to_wide;

bool search(const std::string& pattern, const std::string& subject) {
    auto t = translate_python_regex(pattern);
    EXPECT_TRUE(t.unsupported.empty()) << pattern << ": " << t.unsupported;
    auto flags = std::regex::ECMAScript;
    if (t.icase) flags |= std::regex::icase;
    return std::regex_search(utf8_to_wide(subject), std::wregex(t.pattern, flags));
}

TEST(PythonRegexTest, CountsCharactersNotBytes) {
    EXPECT_TRUE(search("^.{2}$", "한글"));
    EXPECT_FALSE(search("^.{6}$", "한글"));
    EXPECT_TRUE(search("^\\w+$", "서울여행"));
    EXPECT_FALSE(search("^\\w+$", "🐶"));
    EXPECT_TRUE(search("^[가-힣]+$", "부산"));
}

TEST(PythonRegexTest, TranslatesPythonOnlySyntax) {
    EXPECT_TRUE(search("(?P<x>다)(?P=x)", "다다"));
    EXPECT_TRUE(search("\\A첫", "첫 글"));
    EXPECT_TRUE(search("글\\Z", "첫 글"));
    EXPECT_TRUE(search("끝$", "끝\n"));  // $ also before a final newline
    EXPECT_FALSE(search("a.b", "a\nb"));
    EXPECT_TRUE(search("(?s)a.b", "a\nb"));
    EXPECT_TRUE(search("(?i)ORM", "django orm"));
    EXPECT_TRUE(search("[]]", "]"));
    EXPECT_TRUE(search("a{2", "a{2"));
    EXPECT_TRUE(search("x{,2}y", "y"));
    EXPECT_TRUE(search("바다(?#comment)", "바다"));
}

TEST(PythonRegexTest, ReportsWhatECMAScriptCannotDo) {
    for (const char* p : {"(?<=a)b", "(?<!a)b", "(?m)^a", "(?x) a", "(?>a)", "a++", "[\\W]"})
        EXPECT_FALSE(translate_python_regex(p).unsupported.empty()) << p;
}

TEST(PythonRegexTest, PatternsPythonRejectsAreInvalidNotUnsupported) {
    EXPECT_TRUE(translate_python_regex("(?P=missing)").invalid);
    EXPECT_TRUE(translate_python_regex("(?").invalid);
    EXPECT_FALSE(translate_python_regex("(?P<x>a)(?P=x)").invalid);
}

TEST(PythonRegexTest, InvalidUtf8BecomesReplacementCharacters) {
    EXPECT_EQ(utf8_to_wide("a\xff" "b"), std::wstring(L"a\uFFFDb"));
    EXPECT_EQ(utf8_to_wide("\xed\x95"), std::wstring(L"\uFFFD\uFFFD"));
}

}  // namespace

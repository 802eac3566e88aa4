// Tests for the single diagnostic renderer (core/common/diagnostic.cpp).
#include <gtest/gtest.h>

#include "core/common/diagnostic.hpp"
#include "core/common/result.hpp"

using namespace gramlab;

TEST(DiagnosticTest, RendersLineColumnAndCarets) {
    std::string src = "class A:\n    name = models.CharField(max_length=)\n";
    uint32_t off = static_cast<uint32_t>(src.find(')'));
    std::string got = render_diagnostic(src, "models.py", SourceSpan{off, 1}, "SyntaxError: invalid syntax");
    EXPECT_EQ(got,
              "models.py:2:40: SyntaxError: invalid syntax\n"
              "        name = models.CharField(max_length=)\n"
              "                                           ^");
}

TEST(DiagnosticTest, CaretsAlignUnderKoreanText) {
    std::string src = "x = '한글' + ?";
    uint32_t off = static_cast<uint32_t>(src.find('?'));
    std::string got = render_diagnostic(src, "", SourceSpan{off, 1}, "SyntaxError: invalid syntax");
    // '한글' is two wide characters: 4 columns in a terminal.
    EXPECT_EQ(got,
              "<input>:1:12: SyntaxError: invalid syntax\n"
              "    x = '한글' + ?\n"
              "                 ^");
}

TEST(DiagnosticTest, SpanlessErrorHasNoCaretLine) {
    Error e = Error::make("CommandError", "App 'blog' does not have migrations.");
    EXPECT_EQ(render_error("", e), "CommandError: App 'blog' does not have migrations.");
}

TEST(ResultTest, CarriesValueOrError) {
    Result<int> good(3);
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(good.value(), 3);
    Result<int> bad(Error::make("ValueError", "nope"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().to_string(), "ValueError: nope");
}

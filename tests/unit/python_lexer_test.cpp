// Tests for the Python tokenizer (core/python/lexer.cpp): token streams rendered compactly and
// compared with one literal, INDENT/DEDENT placement, literals, and CPython's error messages.
#include <gtest/gtest.h>

#include <string>

#include "core/python/lexer.hpp"

using namespace gramlab;
using namespace gramlab::py;

namespace {

// NAME(x) OP(=) NUMBER(1) NEWLINE END
std::string render(std::string_view src) {
    TokenizeResult r = tokenize(src);
    std::string out;
    for (const Token& t : r.tokens) {
        if (!out.empty()) out += ' ';
        switch (t.kind) {
            case TokenKind::kName: out += "NAME(" + std::string(t.text) + ")"; break;
            case TokenKind::kNumber: out += "NUMBER(" + (t.is_float ? std::to_string(t.float_value) : t.int_text) + ")"; break;
            case TokenKind::kString: out += "STRING(" + t.value + ")"; break;
            case TokenKind::kOp: out += "OP(" + std::string(t.text) + ")"; break;
            case TokenKind::kNewline: out += "NEWLINE"; break;
            case TokenKind::kIndent: out += "INDENT"; break;
            case TokenKind::kDedent: out += "DEDENT"; break;
            case TokenKind::kEndMarker: out += "END"; break;
            case TokenKind::kError: out += "ERROR"; break;
        }
    }
    return out;
}

// "Kind: message @line:col" of the first error, or "" if none.
std::string first_error(std::string_view src) {
    TokenizeResult r = tokenize(src);
    if (r.errors.empty()) return "";
    const Error& e = r.errors[0];
    LineCol lc = line_col(src, e.span.offset);
    return e.kind + ": " + e.message + " @" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

const Token& first_string(const TokenizeResult& r) {
    for (const Token& t : r.tokens)
        if (t.kind == TokenKind::kString) return t;
    return r.tokens.back();
}

}  // namespace

TEST(PythonLexerTest, EmptyAndCommentOnlyInputs) {
    EXPECT_EQ(render(""), "END");
    EXPECT_EQ(render("# only a comment\n\n   # another\n"), "END");
    EXPECT_EQ(render("\n\n\n"), "END");
}

TEST(PythonLexerTest, SimpleAssignment) {
    EXPECT_EQ(render("x = 1\n"), "NAME(x) OP(=) NUMBER(1) NEWLINE END");
    EXPECT_EQ(render("x = 1"), "NAME(x) OP(=) NUMBER(1) NEWLINE END");  // NEWLINE is synthesised at EOF
}

TEST(PythonLexerTest, IndentAndDedent) {
    EXPECT_EQ(render("if a:\n    b\n\n    # c\n        \nd\n"),
              "NAME(if) NAME(a) OP(:) NEWLINE INDENT NAME(b) NEWLINE DEDENT NAME(d) NEWLINE END");
    EXPECT_EQ(render("class A:\n  def f():\n    pass\n"),
              "NAME(class) NAME(A) OP(:) NEWLINE INDENT NAME(def) NAME(f) OP(() OP()) OP(:) NEWLINE INDENT "
              "NAME(pass) NEWLINE DEDENT DEDENT END");
}

TEST(PythonLexerTest, TabsIndentConsistently) {
    EXPECT_EQ(render("if a:\n\tb\n\tif c:\n\t\td\n"),
              "NAME(if) NAME(a) OP(:) NEWLINE INDENT NAME(b) NEWLINE NAME(if) NAME(c) OP(:) NEWLINE INDENT NAME(d) "
              "NEWLINE DEDENT DEDENT END");
}

TEST(PythonLexerTest, ImplicitLineJoiningAndBackslash) {
    EXPECT_EQ(render("x = (1,\n     2)\ny = [\n]\n"),
              "NAME(x) OP(=) OP(() NUMBER(1) OP(,) NUMBER(2) OP()) NEWLINE NAME(y) OP(=) OP([) OP(]) NEWLINE END");
    EXPECT_EQ(render("x = 1 + \\\n    2\n"), "NAME(x) OP(=) NUMBER(1) OP(+) NUMBER(2) NEWLINE END");
}

TEST(PythonLexerTest, WindowsLineEndings) {
    EXPECT_EQ(render("if a:\r\n    b\r\nc\r\n"),
              "NAME(if) NAME(a) OP(:) NEWLINE INDENT NAME(b) NEWLINE DEDENT NAME(c) NEWLINE END");
    TokenizeResult r = tokenize("s = '''a\r\nb'''\r\n");
    EXPECT_EQ(first_string(r).value, "a\nb");
}

TEST(PythonLexerTest, Operators) {
    EXPECT_EQ(render("a **= b // c >> d -> e != f ... @ g := h"),
              "NAME(a) OP(**=) NAME(b) OP(//) NAME(c) OP(>>) NAME(d) OP(->) NAME(e) OP(!=) NAME(f) OP(...) OP(@) "
              "NAME(g) OP(:=) NAME(h) NEWLINE END");
}

TEST(PythonLexerTest, Numbers) {
    EXPECT_EQ(render("1_000 0xFF 0o17 0b101 0 00"), "NUMBER(1000) NUMBER(255) NUMBER(15) NUMBER(5) NUMBER(0) NUMBER(0) NEWLINE END");
    EXPECT_EQ(render("0xFFFFFFFFFFFFFFFFFFFF"), "NUMBER(1208925819614629174706175) NEWLINE END");
    TokenizeResult r = tokenize("2.5 1e3 .5 1_0.2_5e-1_0 3.");
    ASSERT_GE(r.tokens.size(), 5u);
    EXPECT_DOUBLE_EQ(r.tokens[0].float_value, 2.5);
    EXPECT_DOUBLE_EQ(r.tokens[1].float_value, 1000.0);
    EXPECT_DOUBLE_EQ(r.tokens[2].float_value, 0.5);
    EXPECT_DOUBLE_EQ(r.tokens[3].float_value, 10.25e-10);
    EXPECT_DOUBLE_EQ(r.tokens[4].float_value, 3.0);
    EXPECT_TRUE(r.tokens[4].is_float);
}

TEST(PythonLexerTest, StringPrefixesAndEscapes) {
    EXPECT_EQ(render(R"('a\n\t\\\'b' "x\x41\u00e9" r'\d+' b'\x00z' U'u' Rb'\n')"),
              "STRING(a\n\t\\'b) STRING(xAé) STRING(\\d+) STRING(" + std::string(1, '\0') +
                  "z) STRING(u) STRING(\\n) NEWLINE END");
    TokenizeResult r = tokenize("f'{x!r}' rb'' BR'' fR'{y}'");
    ASSERT_EQ(r.errors.size(), 0u);
    EXPECT_TRUE(r.tokens[0].is_fstring);
    EXPECT_EQ(r.tokens[0].value, "{x!r}");  // raw body; the parser splits it
    EXPECT_EQ(r.tokens[0].body_offset, 2u);
    EXPECT_TRUE(r.tokens[1].is_bytes && r.tokens[1].is_raw);
    EXPECT_TRUE(r.tokens[2].is_bytes && r.tokens[2].is_raw);
    EXPECT_TRUE(r.tokens[3].is_fstring && r.tokens[3].is_raw);
}

TEST(PythonLexerTest, TripleQuotedStrings) {
    TokenizeResult r = tokenize("x = '''one\n'two'\n\"three\"'''\ny = \"\"\"a\\\nb\"\"\"\n");
    ASSERT_TRUE(r.errors.empty());
    EXPECT_EQ(r.tokens[2].value, "one\n'two'\n\"three\"");
    EXPECT_EQ(r.tokens[2].span.offset, 4u);
    EXPECT_EQ(r.tokens[6].value, "ab");
}

TEST(PythonLexerTest, UnicodeIdentifiers) {
    EXPECT_EQ(render("제목 = '한글'\n_x1 = 이름"), "NAME(제목) OP(=) STRING(한글) NEWLINE NAME(_x1) OP(=) NAME(이름) NEWLINE END");
}

TEST(PythonLexerTest, SpansAreByteOffsets) {
    TokenizeResult r = tokenize("  \nab = 'c'\n");
    ASSERT_GE(r.tokens.size(), 3u);
    EXPECT_EQ(r.tokens[0].span.offset, 3u);
    EXPECT_EQ(r.tokens[0].span.length, 2u);
    EXPECT_EQ(r.tokens[2].span.offset, 8u);
    EXPECT_EQ(r.tokens[2].span.length, 3u);
}

TEST(PythonLexerTest, ErrorsUseCPythonWordingAndColumns) {
    EXPECT_EQ(first_error("x = 'abc\ny = 1\n"), "SyntaxError: unterminated string literal (detected at line 1) @1:5");
    EXPECT_EQ(first_error("x = '''abc\n\nd"),
              "SyntaxError: unterminated triple-quoted string literal (detected at line 3) @1:5");
    EXPECT_EQ(first_error("x = 1abc"), "SyntaxError: invalid decimal literal @1:5");
    EXPECT_EQ(first_error("x = 1_000_"), "SyntaxError: invalid decimal literal @1:10");
    EXPECT_EQ(first_error("x = 0x"), "SyntaxError: invalid hexadecimal literal @1:6");
    EXPECT_EQ(first_error("x = 0b102"), "SyntaxError: invalid digit '2' in binary literal @1:9");
    EXPECT_EQ(first_error("x = 09"),
              "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal "
              "integers @1:5");
    EXPECT_EQ(first_error("x = )"), "SyntaxError: unmatched ')' @1:5");
    EXPECT_EQ(first_error("x = (]"),
              "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' @1:6");
    EXPECT_EQ(first_error("x = (\n]"),
              "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1 @2:1");
    EXPECT_EQ(first_error("x = [1,\n2"), "SyntaxError: '[' was never closed @1:5");
    EXPECT_EQ(first_error("if x:\n    a\n  b"),
              "IndentationError: unindent does not match any outer indentation level @3:4");
    EXPECT_EQ(first_error("if x:\n\tif y:\n\t\ta\n        \tb"),
              "TabError: inconsistent use of tabs and spaces in indentation @4:1");
    EXPECT_EQ(first_error("a\xc2\xa0" "b"), "SyntaxError: invalid non-printable character U+00A0 @1:2");
    EXPECT_EQ(first_error("x = 1 \xe2\x86\x92 2"), "SyntaxError: invalid character '→' (U+2192) @1:7");
    EXPECT_EQ(first_error("x = \"\\x4\""),
              "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated "
              "\\xXX escape @1:5");
    EXPECT_EQ(first_error("x = b'\xc3\xa9'"), "SyntaxError: bytes can only contain ASCII literal characters @1:5");
    EXPECT_EQ(first_error("x = 1j"), "SyntaxError: complex numbers are not supported in gramlab @1:5");
    EXPECT_EQ(first_error("x = 1 \\ 2"), "SyntaxError: unexpected character after line continuation character @1:8");
}

TEST(PythonLexerTest, NulBytesAndInvalidUtf8AreRejected) {
    std::string nul = std::string("x = 1") + '\0' + "\n";
    EXPECT_EQ(first_error(nul), "SyntaxError: source code cannot contain null bytes @1:6");
    EXPECT_EQ(first_error("x = '\xff'"),
              "SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xff in position 5: invalid start byte @1:6");
    EXPECT_EQ(render("x = '\xff'"), "END");
}

TEST(PythonLexerTest, TooDeepNestingIsAnError) {
    EXPECT_EQ(first_error(std::string(100000, '(')), "SyntaxError: too many nested parentheses @1:201");
    std::string deep;
    for (int i = 0; i < 120; ++i) deep += std::string(static_cast<size_t>(i), ' ') + "if x:\n";
    EXPECT_EQ(first_error(deep), "IndentationError: too many levels of indentation @102:1");
}

TEST(PythonLexerTest, BomIsSkipped) {
    EXPECT_EQ(render("\xEF\xBB\xBFx = 1\n"), "NAME(x) OP(=) NUMBER(1) NEWLINE END");
}

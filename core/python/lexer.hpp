// Tokenizer for gramlab's Python subset: source text → tokens with byte spans, including
// INDENT / DEDENT / NEWLINE exactly where CPython's tokenizer (Parser/tokenizer.c) puts them.
// String literals are decoded here (f-strings keep their raw body for the parser), numbers are
// normalised (hex/octal/binary → decimal text). Errors are collected, never thrown.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.hpp"
#include "core/common/source_span.hpp"

namespace gramlab::py {

enum class TokenKind {
    kName,       // identifiers and keywords (keywords are told apart by the parser)
    kNumber,     // 1, 0x1F, 1_000, 2.5e3
    kString,     // 'a', b"b", r'\d', f'{x}', '''...'
    kOp,         // operators and delimiters; unknown characters ('$', '?') also land here
    kNewline,    // end of a logical line
    kIndent,
    kDedent,
    kEndMarker,
    kError,      // marks where the tokenizer reported an error (already in the error list)
};

struct Token {
    TokenKind kind = TokenKind::kEndMarker;
    SourceSpan span;
    std::string_view text;  // the exact source text (a view into the tokenized source)

    // kNumber
    bool is_float = false;
    std::string int_text;      // decimal digits of an integer, no leading zeros ("0" for zero)
    double float_value = 0.0;

    // kString
    bool is_bytes = false;
    bool is_fstring = false;
    bool is_raw = false;
    std::string value;         // decoded contents; for f-strings the raw body between the quotes
    uint32_t body_offset = 0;  // source offset of the first body character
};

//! Value of the kError token that marks "'(' was never closed": unlike other tokenizer errors it
//! does not silence the parser, which decides which of the two CPython would report.
inline constexpr std::string_view kUnclosedMarker = "<unclosed>";

struct TokenizeResult {
    std::vector<Token> tokens;  // always ends with kEndMarker
    std::vector<Error> errors;  // SyntaxError / IndentationError / TabError, in source order
};

//! Tokenizes source[begin, end). Token spans are offsets into `source`, so a sub-range (an
//! f-string's `{expression}`) gets spans that point into the whole file.
//! `expression_mode` tokenizes as if inside brackets: no NEWLINE / INDENT / DEDENT.
//! REQUIRES: begin <= end <= source.size(), source.size() < 4 GiB.
TokenizeResult tokenize(std::string_view source, uint32_t begin, uint32_t end, bool expression_mode);

//! Tokenizes a whole file.
inline TokenizeResult tokenize(std::string_view source) {
    return tokenize(source, 0, static_cast<uint32_t>(source.size()), false);
}

//! Decodes the escape sequences of a string literal body ('a\n\x41' → "a<newline>A").
//! `raw` keeps backslashes; `bytes` refuses non-ASCII characters and \u escapes stay literal.
//! \r\n and lone \r inside the body become \n. Returns false and sets *error (CPython's
//! message) on a malformed escape.
bool decode_string_body(std::string_view body, bool raw, bool bytes, std::string* out, std::string* error);

//! Appends the UTF-8 encoding of code point `cp` to *out.
void append_utf8(uint32_t cp, std::string* out);

//! Decodes one UTF-8 sequence at s[i]; returns its length (0 if malformed) and sets *cp.
int decode_utf8(std::string_view s, size_t i, uint32_t* cp);

//! True for Python keywords ("if", "lambda", "None", ...); soft keywords are not included.
bool is_keyword(std::string_view word);

}  // namespace gramlab::py

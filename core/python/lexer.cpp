// The Python tokenizer: bytes → tokens, following CPython's Parser/tokenizer.c. Indentation is
// measured twice (tabs to 8 columns and tabs as 1) to detect inconsistent tab use, brackets are
// tracked for implicit line joining and for "'(' was never closed", and every error is recorded
// with CPython's wording and column and leaves a kError token so the parser can stay quiet.
#include "core/python/lexer.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace gramlab::py {

namespace {

constexpr size_t kMaxParenDepth = 200;   // CPython: MAXLEVEL
constexpr size_t kMaxIndentDepth = 100;  // CPython: MAXINDENT
constexpr size_t kMaxLexErrors = 50;
constexpr size_t kMaxIntDigits = 4300;   // CPython: sys.get_int_max_str_digits()

bool is_ascii_id_start(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ascii_id_char(unsigned char c) { return is_ascii_id_start(c) || (c >= '0' && c <= '9'); }

// Code points that print nothing (CPython: "invalid non-printable character U+00A0").
bool is_non_printable(uint32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF;
}

// An approximation of Unicode XID_Continue for non-ASCII code points: letters of every script
// (Korean, CJK, Cyrillic, ...) are accepted; punctuation, symbols, arrows, box drawing and emoji
// blocks are not. Good enough to tell `이름 = 1` from `x = 1 → 2`.
bool is_unicode_id_char(uint32_t cp) {
    if (is_non_printable(cp)) return false;
    if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xB7 || cp == 0xBA;
    if (cp == 0xD7 || cp == 0xF7) return false;
    if (cp >= 0x2010 && cp <= 0x205E) return cp == 0x203F || cp == 0x2040 || cp == 0x2054;
    if (cp >= 0x2070 && cp <= 0x209F) return true;  // super/subscripts letters
    if (cp >= 0x20A0 && cp <= 0x20FF) return cp >= 0x20D0;  // currency symbols; combining marks
    if (cp >= 0x2100 && cp <= 0x214F) return true;  // letterlike
    if (cp >= 0x2150 && cp <= 0x2BFF) return cp >= 0x2160 && cp <= 0x2188;  // roman numerals only
    if (cp >= 0x2E00 && cp <= 0x2E7F) return false;
    if (cp >= 0x3000 && cp <= 0x303F) return (cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3021 && cp <= 0x302F) ||
                                              (cp >= 0x3031 && cp <= 0x3035) || (cp >= 0x3038 && cp <= 0x303C);
    if (cp >= 0xFE10 && cp <= 0xFE6F) return cp >= 0xFE20 && cp <= 0xFE2F;
    if (cp >= 0xFF00 && cp <= 0xFF65) {
        return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) || cp == 0xFF3F ||
               (cp >= 0xFF41 && cp <= 0xFF5A);
    }
    if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;
    if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji, playing cards, ...
    return true;
}

std::string hex_code_point(uint32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

int digit_value(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 99;
}

// Converts digits in `radix` (2, 8, 16) to decimal text, using base-1e9 limbs.
std::string to_decimal(const std::string& digits, int radix) {
    std::vector<uint32_t> limbs;  // little-endian, base 1e9
    for (char ch : digits) {
        uint64_t carry = static_cast<uint64_t>(digit_value(static_cast<unsigned char>(ch)));
        for (uint32_t& limb : limbs) {
            uint64_t v = static_cast<uint64_t>(limb) * static_cast<uint64_t>(radix) + carry;
            limb = static_cast<uint32_t>(v % 1000000000u);
            carry = v / 1000000000u;
        }
        while (carry) {
            limbs.push_back(static_cast<uint32_t>(carry % 1000000000u));
            carry /= 1000000000u;
        }
    }
    if (limbs.empty()) return "0";
    std::string out = std::to_string(limbs.back());
    char buf[16];
    for (size_t i = limbs.size() - 1; i-- > 0;) {
        std::snprintf(buf, sizeof buf, "%09u", static_cast<unsigned>(limbs[i]));
        out += buf;
    }
    return out;
}

// Longest-match operator table; brackets are handled separately.
constexpr std::string_view kOps3[] = {"**=", "//=", ">>=", "<<=", "..."};
constexpr std::string_view kOps2[] = {"**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", "+=", "-=",
                                      "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":="};

class Lexer {
public:
    Lexer(std::string_view src, uint32_t begin, uint32_t end, bool expression_mode)
        : src_(src), pos_(begin), begin_(begin), end_(end), expr_mode_(expression_mode) {}

    TokenizeResult run() {
        if (!expr_mode_) {
            if (!validate_encoding()) return finish_fatal();
            if (end_ - pos_ >= 3 && src_.substr(pos_, 3) == "\xEF\xBB\xBF") pos_ += 3;
        }
        bool at_line_start = !expr_mode_;
        while (!fatal_) {
            if (at_line_start) {
                at_line_start = false;
                if (!handle_indentation()) {
                    if (pos_ >= end_) break;
                    at_line_start = true;  // blank or comment-only line was skipped
                    continue;
                }
                if (fatal_) break;
            }
            skip_blanks();
            if (pos_ >= end_) break;
            unsigned char c = static_cast<unsigned char>(src_[pos_]);
            if (c == '#') {
                while (pos_ < end_ && src_[pos_] != '\n' && src_[pos_] != '\r') ++pos_;
                continue;
            }
            if (c == '\n' || c == '\r') {
                uint32_t nl = pos_;
                pos_ += (c == '\r' && pos_ + 1 < end_ && src_[pos_ + 1] == '\n') ? 2 : 1;
                if (parens_.empty() && !expr_mode_) {
                    if (line_has_tokens_) push(TokenKind::kNewline, nl, pos_);
                    line_has_tokens_ = false;
                    at_line_start = true;
                }
                continue;
            }
            if (c == '\\') {
                lex_continuation();
                continue;
            }
            if (is_ascii_id_start(c) || c >= 0x80) {
                lex_name_or_string();
                continue;
            }
            if ((c >= '0' && c <= '9') || (c == '.' && pos_ + 1 < end_ && src_[pos_ + 1] >= '0' && src_[pos_ + 1] <= '9')) {
                lex_number();
                continue;
            }
            if (c == '\'' || c == '"') {
                lex_string(pos_, pos_, false, false, false);
                continue;
            }
            lex_operator();
        }
        return finish();
    }

private:
    // ------------------------------------------------------------------ helpers

    int line_of(uint32_t offset) {
        if (line_starts_.empty()) {
            line_starts_.push_back(0);
            for (uint32_t i = 0; i < src_.size(); ++i)
                if (src_[i] == '\n') line_starts_.push_back(i + 1);
        }
        size_t lo = 0, hi = line_starts_.size();
        while (hi - lo > 1) {
            size_t mid = (lo + hi) / 2;
            if (line_starts_[mid] <= offset) lo = mid; else hi = mid;
        }
        return static_cast<int>(lo + 1);
    }

    Token& push(TokenKind kind, uint32_t start, uint32_t stop) {
        Token t;
        t.kind = kind;
        t.span = SourceSpan{start, stop - start};
        t.text = src_.substr(start, stop - start);
        toks_.push_back(std::move(t));
        if (kind != TokenKind::kNewline && kind != TokenKind::kIndent && kind != TokenKind::kDedent)
            line_has_tokens_ = true;
        if (kind == TokenKind::kNewline) line_errored_ = false;
        return toks_.back();
    }

    // Records an error and leaves a kError token covering [start, stop).
    // Like CPython, only the first tokenizer error of a logical line is reported.
    void error(const char* kind, std::string message, uint32_t at, uint32_t length, uint32_t start, uint32_t stop) {
        if (!line_errored_) errs_.push_back(Error::make(kind, std::move(message), SourceSpan{at, length}));
        line_errored_ = true;
        push(TokenKind::kError, start, stop);
        if (errs_.size() >= kMaxLexErrors) fatal_ = true;
    }
    void syntax_error(std::string message, uint32_t at, uint32_t length) {
        error("SyntaxError", std::move(message), at, length, at, at + length);
    }
    uint32_t one_char(uint32_t at) const { return at < end_ ? 1 : 0; }

    bool validate_encoding() {
        for (uint32_t i = pos_; i < end_;) {
            unsigned char c = static_cast<unsigned char>(src_[i]);
            if (c == 0) {
                errs_.push_back(Error::make("SyntaxError", "source code cannot contain null bytes", SourceSpan{i, 1}));
                return false;
            }
            if (c < 0x80) { ++i; continue; }
            uint32_t cp = 0;
            int n = decode_utf8(src_.substr(0, end_), i, &cp);
            if (n == 0) {
                char buf[160];
                std::snprintf(buf, sizeof buf, "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %u: %s",
                              static_cast<unsigned>(c), static_cast<unsigned>(i - begin_),
                              (c >= 0x80 && c < 0xC2) || c > 0xF4 ? "invalid start byte" : "invalid continuation byte");
                errs_.push_back(Error::make("SyntaxError", buf, SourceSpan{i, 1}));
                return false;
            }
            i += static_cast<uint32_t>(n);
        }
        return true;
    }

    void skip_blanks() {
        while (pos_ < end_ && (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\f')) ++pos_;
    }

    // ------------------------------------------------------------------ indentation

    // Measures the indentation of a new line and emits INDENT/DEDENT. Returns false for a
    // blank or comment-only line (consumed, including its newline) or at end of input.
    bool handle_indentation() {
        uint32_t line_start = pos_;
        int col = 0, altcol = 0;
        while (pos_ < end_) {
            char c = src_[pos_];
            if (c == ' ') { ++col; ++altcol; }
            else if (c == '\t') { col = (col / 8 + 1) * 8; ++altcol; }
            else if (c == '\f') { col = altcol = 0; }
            else break;
            ++pos_;
        }
        if (pos_ >= end_) return false;
        char c = src_[pos_];
        if (c == '#' || c == '\n' || c == '\r') {
            while (pos_ < end_ && src_[pos_] != '\n' && src_[pos_] != '\r') ++pos_;
            if (pos_ < end_) pos_ += (src_[pos_] == '\r' && pos_ + 1 < end_ && src_[pos_ + 1] == '\n') ? 2 : 1;
            return false;
        }
        if (col == indents_.back()) {
            if (altcol != altindents_.back()) return tab_error(line_start);
        } else if (col > indents_.back()) {
            if (indents_.size() > kMaxIndentDepth) {
                error("IndentationError", "too many levels of indentation", line_start, pos_ - line_start, pos_, pos_);
                fatal_ = true;
                return true;
            }
            if (altcol <= altindents_.back()) return tab_error(line_start);
            indents_.push_back(col);
            altindents_.push_back(altcol);
            push(TokenKind::kIndent, pos_ - 1, pos_);  // CPython's column: the last indentation character
        } else {
            while (indents_.size() > 1 && col < indents_.back()) {
                indents_.pop_back();
                altindents_.pop_back();
                push(TokenKind::kDedent, pos_, pos_);
            }
            if (col != indents_.back()) {
                uint32_t eol = pos_;
                while (eol < end_ && src_[eol] != '\n' && src_[eol] != '\r') ++eol;
                error("IndentationError", "unindent does not match any outer indentation level", eol, one_char(eol),
                      pos_, pos_);
                fatal_ = true;
                return true;
            }
            if (altcol != altindents_.back()) return tab_error(line_start);
        }
        return true;
    }

    bool tab_error(uint32_t line_start) {
        error("TabError", "inconsistent use of tabs and spaces in indentation", line_start, pos_ - line_start, pos_, pos_);
        fatal_ = true;
        return true;
    }

    // ------------------------------------------------------------------ tokens

    void lex_continuation() {
        uint32_t at = pos_++;
        if (pos_ >= end_) {
            syntax_error("unexpected EOF while parsing", at, 1);
            return;
        }
        if (src_[pos_] == '\n') { ++pos_; return; }
        if (src_[pos_] == '\r') {
            pos_ += (pos_ + 1 < end_ && src_[pos_ + 1] == '\n') ? 2 : 1;
            return;
        }
        error("SyntaxError", "unexpected character after line continuation character", at + 1, 1, at, at + 1);
    }

    void lex_name_or_string() {
        uint32_t start = pos_;
        bool ascii_only = true;
        while (pos_ < end_) {
            unsigned char c = static_cast<unsigned char>(src_[pos_]);
            if (is_ascii_id_char(c)) { ++pos_; continue; }
            if (c < 0x80) break;
            uint32_t cp = 0;
            int n = decode_utf8(src_.substr(0, end_), pos_, &cp);
            if (n == 0 || !is_unicode_id_char(cp)) {
                if (pos_ == start) {
                    invalid_character(cp, n == 0 ? 1 : static_cast<uint32_t>(n));
                    return;
                }
                break;
            }
            ascii_only = false;
            pos_ += static_cast<uint32_t>(n);
        }
        std::string_view word = src_.substr(start, pos_ - start);
        if (ascii_only && word.size() <= 2 && pos_ < end_ && (src_[pos_] == '\'' || src_[pos_] == '"')) {
            bool raw = false, bytes = false, fstr = false, ok = true;
            for (char ch : word) {
                char l = static_cast<char>(ch | 0x20);
                if (l == 'r' && !raw) raw = true;
                else if (l == 'b' && !bytes && !fstr) bytes = true;
                else if (l == 'f' && !fstr && !bytes) fstr = true;
                else if (l == 'u' && word.size() == 1) {}
                else ok = false;
            }
            if (ok) {
                lex_string(start, pos_, raw, bytes, fstr);
                return;
            }
        }
        push(TokenKind::kName, start, pos_);
    }

    void invalid_character(uint32_t cp, uint32_t n) {
        uint32_t at = pos_;
        pos_ += n;
        if (is_non_printable(cp)) {
            syntax_error("invalid non-printable character " + hex_code_point(cp), at, n);
        } else {
            syntax_error("invalid character '" + std::string(src_.substr(at, n)) + "' (" + hex_code_point(cp) + ")",
                         at, n);
        }
    }

    void lex_string(uint32_t start, uint32_t quote_at, bool raw, bool bytes, bool fstr) {
        char q = src_[quote_at];
        bool triple = quote_at + 2 < end_ && src_[quote_at + 1] == q && src_[quote_at + 2] == q;
        uint32_t body = quote_at + (triple ? 3 : 1);
        uint32_t i = body;
        uint32_t body_end = 0;
        while (true) {
            if (i >= end_) {
                pos_ = end_;
                if (triple) {
                    uint32_t last = end_ > start ? end_ - 1 : start;
                    error("SyntaxError",
                          "unterminated triple-quoted string literal (detected at line " + std::to_string(line_of(last)) + ")",
                          start, 1, start, end_);
                    fatal_ = true;
                } else {
                    error("SyntaxError",
                          "unterminated string literal (detected at line " + std::to_string(line_of(start)) + ")", start,
                          1, start, end_);
                }
                return;
            }
            char c = src_[i];
            if (c == '\\') {
                i += 1;
                if (i < end_) i += (src_[i] == '\r' && i + 1 < end_ && src_[i + 1] == '\n') ? 2 : 1;
                continue;
            }
            if (!triple && (c == '\n' || c == '\r')) {
                pos_ = i;
                error("SyntaxError",
                      "unterminated string literal (detected at line " + std::to_string(line_of(start)) + ")", start, 1,
                      start, i);
                return;
            }
            if (c == q) {
                if (!triple) { body_end = i; i += 1; break; }
                if (i + 2 < end_ && src_[i + 1] == q && src_[i + 2] == q) { body_end = i; i += 3; break; }
            }
            ++i;
        }
        pos_ = i;
        std::string_view text = src_.substr(body, body_end - body);
        Token t;
        t.kind = TokenKind::kString;
        t.span = SourceSpan{start, pos_ - start};
        t.text = src_.substr(start, pos_ - start);
        t.is_raw = raw;
        t.is_bytes = bytes;
        t.is_fstring = fstr;
        t.body_offset = body;
        if (fstr) {
            t.value = std::string(text);
        } else {
            std::string err;
            if (!decode_string_body(text, raw, bytes, &t.value, &err)) {
                error("SyntaxError", err, start, pos_ - start, start, pos_);
                return;
            }
        }
        toks_.push_back(std::move(t));
        line_has_tokens_ = true;
    }

    // Reads digits (in `radix`) with single underscores between them into *digits. Returns false
    // after reporting "invalid ... literal" at a misplaced underscore.
    bool read_digits(int radix, std::string* digits, const char* literal_name, uint32_t number_start) {
        while (pos_ < end_) {
            unsigned char c = static_cast<unsigned char>(src_[pos_]);
            if (c == '_') {
                unsigned char n = pos_ + 1 < end_ ? static_cast<unsigned char>(src_[pos_ + 1]) : 0;
                if (digit_value(n) >= radix) {
                    uint32_t at = pos_;
                    skip_number_tail();
                    error("SyntaxError", std::string("invalid ") + literal_name + " literal", at, 1, number_start, pos_);
                    return false;
                }
                ++pos_;
                continue;
            }
            if (digit_value(c) >= radix) break;
            digits->push_back(static_cast<char>(c));
            ++pos_;
        }
        return true;
    }

    void skip_number_tail() {
        while (pos_ < end_ && (is_ascii_id_char(static_cast<unsigned char>(src_[pos_])) || src_[pos_] == '.')) ++pos_;
    }

    bool followed_by_identifier() {
        if (pos_ >= end_) return false;
        unsigned char c = static_cast<unsigned char>(src_[pos_]);
        if (is_ascii_id_char(c)) return true;
        if (c < 0x80) return false;
        uint32_t cp = 0;
        return decode_utf8(src_.substr(0, end_), pos_, &cp) > 0 && is_unicode_id_char(cp);
    }

    void lex_number() {
        uint32_t start = pos_;
        if (src_[pos_] == '0' && pos_ + 1 < end_) {
            char x = static_cast<char>(src_[pos_ + 1] | 0x20);
            int radix = x == 'x' ? 16 : x == 'o' ? 8 : x == 'b' ? 2 : 0;
            if (radix) {
                const char* name = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary";
                pos_ += 2;
                if (pos_ < end_ && src_[pos_] == '_') ++pos_;
                std::string digits;
                if (!read_digits(radix, &digits, name, start)) return;
                if (pos_ < end_ && digit_value(static_cast<unsigned char>(src_[pos_])) < 10 && radix < 16) {
                    uint32_t at = pos_;
                    std::string msg = std::string("invalid digit '") + src_[pos_] + "' in " + name + " literal";
                    skip_number_tail();
                    error("SyntaxError", msg, at, 1, start, pos_);
                    return;
                }
                if (digits.empty() || followed_by_identifier()) {
                    uint32_t at = pos_ - 1;  // CPython points at the last character it accepted
                    skip_number_tail();
                    error("SyntaxError", std::string("invalid ") + name + " literal", at, 1, start, pos_);
                    return;
                }
                if (digits.size() > kMaxIntDigits * 4) {
                    skip_number_tail();
                    error("SyntaxError", "integer literal too large", start, pos_ - start, start, pos_);
                    return;
                }
                Token& t = push(TokenKind::kNumber, start, pos_);
                t.int_text = to_decimal(digits, radix);
                return;
            }
        }
        std::string digits;
        if (!read_digits(10, &digits, "decimal", start)) return;
        bool is_float = false;
        std::string clean = digits;
        if (pos_ < end_ && src_[pos_] == '.') {
            is_float = true;
            ++pos_;
            clean += '.';
            std::string frac;
            if (pos_ < end_ && src_[pos_] >= '0' && src_[pos_] <= '9' && !read_digits(10, &frac, "decimal", start)) return;
            clean += frac;
        }
        if (pos_ < end_ && (src_[pos_] == 'e' || src_[pos_] == 'E')) {
            uint32_t e = pos_ + 1;
            if (e < end_ && (src_[e] == '+' || src_[e] == '-')) ++e;
            if (e < end_ && src_[e] >= '0' && src_[e] <= '9') {
                is_float = true;
                clean += 'e';
                clean += src_[pos_ + 1] == '-' ? "-" : "";
                pos_ = e;
                std::string exp;
                if (!read_digits(10, &exp, "decimal", start)) return;
                clean += exp;
            } else {
                skip_number_tail();
                error("SyntaxError", "invalid decimal literal", start, 1, start, pos_);
                return;
            }
        }
        if (pos_ < end_ && (src_[pos_] == 'j' || src_[pos_] == 'J')) {
            ++pos_;
            skip_number_tail();
            error("SyntaxError", "complex numbers are not supported in gramlab", start, pos_ - start, start, pos_);
            return;
        }
        if (followed_by_identifier()) {
            skip_number_tail();
            error("SyntaxError", "invalid decimal literal", start, 1, start, pos_);
            return;
        }
        Token& t = push(TokenKind::kNumber, start, pos_);
        if (is_float) {
            t.is_float = true;
            t.float_value = std::strtod(clean.c_str(), nullptr);
            return;
        }
        size_t nz = digits.find_first_not_of('0');
        if (nz == std::string::npos) {
            t.int_text = "0";
            return;
        }
        if (nz > 0) {
            toks_.pop_back();
            error("SyntaxError",
                  "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                  start, pos_ - start, start, pos_);
            return;
        }
        if (digits.size() > kMaxIntDigits) {
            toks_.pop_back();
            error("SyntaxError",
                  "Exceeds the limit (4300 digits) for integer string conversion: value has " +
                      std::to_string(digits.size()) + " digits; use sys.set_int_max_str_digits() to increase the limit",
                  start, pos_ - start, start, pos_);
            return;
        }
        t.int_text = std::move(digits);
    }

    void lex_operator() {
        uint32_t start = pos_;
        char c = src_[pos_];
        if (c == '(' || c == '[' || c == '{') {
            if (parens_.size() >= kMaxParenDepth) {
                syntax_error("too many nested parentheses", start, 1);
                fatal_ = true;
                return;
            }
            parens_.emplace_back(c, start);
            ++pos_;
            push(TokenKind::kOp, start, pos_);
            return;
        }
        if (c == ')' || c == ']' || c == '}') {
            ++pos_;
            if (parens_.empty()) {
                syntax_error(std::string("unmatched '") + c + "'", start, 1);
                return;
            }
            char open = parens_.back().first;
            uint32_t open_at = parens_.back().second;
            parens_.pop_back();
            char want = open == '(' ? ')' : open == '[' ? ']' : '}';
            if (c != want) {
                std::string msg = std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" +
                                  open + "'";
                int open_line = line_of(open_at);
                if (open_line != line_of(start)) msg += " on line " + std::to_string(open_line);
                syntax_error(msg, start, 1);
                return;
            }
            push(TokenKind::kOp, start, pos_);
            return;
        }
        std::string_view rest = src_.substr(pos_, end_ - pos_);
        for (std::string_view op : kOps3) {
            if (rest.substr(0, 3) == op) {
                pos_ += 3;
                push(TokenKind::kOp, start, pos_);
                return;
            }
        }
        for (std::string_view op : kOps2) {
            if (rest.substr(0, 2) == op) {
                pos_ += 2;
                push(TokenKind::kOp, start, pos_);
                return;
            }
        }
        unsigned char uc = static_cast<unsigned char>(c);
        if (uc < 0x20 || uc == 0x7F) {
            invalid_character(uc, 1);
            return;
        }
        ++pos_;
        push(TokenKind::kOp, start, pos_);  // includes '$', '?', '!' and '`': the parser rejects them
    }

    // ------------------------------------------------------------------ end of input

    TokenizeResult finish() {
        if (!fatal_ && !parens_.empty()) {
            char open = parens_.back().first;
            uint32_t at = parens_.back().second;
            error("SyntaxError", std::string("'") + open + "' was never closed", at, 1, end_, end_);
            toks_.back().value = kUnclosedMarker;  // the parser decides whether this error wins
        }
        return finish_fatal();
    }

    TokenizeResult finish_fatal() {
        if (line_has_tokens_ && !expr_mode_) push(TokenKind::kNewline, end_, end_);
        while (indents_.size() > 1) {
            indents_.pop_back();
            push(TokenKind::kDedent, end_, end_);
        }
        push(TokenKind::kEndMarker, end_, end_);
        TokenizeResult r;
        r.tokens = std::move(toks_);
        r.errors = std::move(errs_);
        return r;
    }

    std::string_view src_;
    uint32_t pos_;
    uint32_t begin_;
    uint32_t end_;
    bool expr_mode_;
    bool fatal_ = false;
    bool line_has_tokens_ = false;
    bool line_errored_ = false;
    std::vector<Token> toks_;
    std::vector<Error> errs_;
    std::vector<std::pair<char, uint32_t>> parens_;
    std::vector<int> indents_{0};
    std::vector<int> altindents_{0};
    std::vector<uint32_t> line_starts_;
};

bool hex_digits(std::string_view body, size_t at, int count, uint32_t* value) {
    if (at + static_cast<size_t>(count) > body.size()) return false;
    uint32_t v = 0;
    for (int k = 0; k < count; ++k) {
        int d = digit_value(static_cast<unsigned char>(body[at + static_cast<size_t>(k)]));
        if (d >= 16) return false;
        v = v * 16 + static_cast<uint32_t>(d);
    }
    *value = v;
    return true;
}

std::string unicode_error(size_t from, size_t to, const char* what) {
    return "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(from) + "-" +
           std::to_string(to) + ": " + what;
}

}  // namespace

TokenizeResult tokenize(std::string_view source, uint32_t begin, uint32_t end, bool expression_mode) {
    return Lexer(source, begin, end, expression_mode).run();
}

int decode_utf8(std::string_view s, size_t i, uint32_t* cp) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { *cp = c; return 1; }
    int n;
    uint32_t v;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; v = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; v = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; v = c & 0x07; }
    else return 0;
    if (i + static_cast<size_t>(n) > s.size()) return 0;
    for (int k = 1; k < n; ++k) {
        unsigned char cc = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
        if ((cc & 0xC0) != 0x80) return 0;
        v = (v << 6) | (cc & 0x3F);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return n;
}

void append_utf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
        out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool decode_string_body(std::string_view body, bool raw, bool bytes, std::string* out, std::string* error) {
    out->clear();
    out->reserve(body.size());
    for (size_t i = 0; i < body.size();) {
        char c = body[i];
        if (c == '\r') {
            out->push_back('\n');
            i += (i + 1 < body.size() && body[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        if (bytes && static_cast<unsigned char>(c) >= 0x80) {
            *error = "bytes can only contain ASCII literal characters";
            return false;
        }
        if (c != '\\' || raw || i + 1 >= body.size()) {
            out->push_back(c);
            ++i;
            continue;
        }
        char e = body[i + 1];
        switch (e) {
            case '\n': i += 2; continue;
            case '\r': i += (i + 2 < body.size() && body[i + 2] == '\n') ? 3 : 2; continue;
            case '\\': out->push_back('\\'); break;
            case '\'': out->push_back('\''); break;
            case '"': out->push_back('"'); break;
            case 'a': out->push_back('\a'); break;
            case 'b': out->push_back('\b'); break;
            case 'f': out->push_back('\f'); break;
            case 'n': out->push_back('\n'); break;
            case 'r': out->push_back('\r'); break;
            case 't': out->push_back('\t'); break;
            case 'v': out->push_back('\v'); break;
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                uint32_t v = 0;
                size_t k = i + 1;
                for (int n = 0; n < 3 && k < body.size() && body[k] >= '0' && body[k] <= '7'; ++n, ++k)
                    v = v * 8 + static_cast<uint32_t>(body[k] - '0');
                if (bytes) out->push_back(static_cast<char>(v & 0xFF));
                else append_utf8(v, out);
                i = k;
                continue;
            }
            case 'x': {
                uint32_t v = 0;
                if (!hex_digits(body, i + 2, 2, &v)) {
                    if (bytes) *error = "(value error) invalid \\x escape at position " + std::to_string(i);
                    else *error = unicode_error(i, std::min(body.size(), i + 3) - 1, "truncated \\xXX escape");
                    return false;
                }
                if (bytes) out->push_back(static_cast<char>(v));
                else append_utf8(v, out);
                i += 4;
                continue;
            }
            case 'u': case 'U': case 'N': {
                if (bytes) {
                    out->push_back('\\');
                    ++i;
                    continue;
                }
                if (e == 'N') {
                    *error = unicode_error(i, body.size() - 1, "\\N{...} escapes are not supported in gramlab");
                    return false;
                }
                int count = e == 'u' ? 4 : 8;
                uint32_t v = 0;
                if (!hex_digits(body, i + 2, count, &v)) {
                    *error = unicode_error(i, std::min(body.size(), i + 2 + static_cast<size_t>(count)) - 1,
                                           e == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape");
                    return false;
                }
                if (v > 0x10FFFF) {
                    *error = unicode_error(i, i + 9, "illegal Unicode character");
                    return false;
                }
                append_utf8(v, out);
                i += 2 + static_cast<size_t>(count);
                continue;
            }
            default:
                out->push_back('\\');  // unknown escapes keep their backslash (Python warns)
                ++i;
                continue;
        }
        i += 2;
    }
    return true;
}

bool is_keyword(std::string_view w) {
    static constexpr std::string_view kKeywords[] = {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"};
    for (std::string_view k : kKeywords)
        if (k == w) return true;
    return false;
}

}  // namespace gramlab::py

// f-string bodies (Python 3.11 rules): literal text with {{ }} escapes and backslash escapes,
// and replacement fields {expr!conv:spec} whose expression is tokenized and parsed by a
// sub-parser with spans that point into the whole file. f'{x=}' (debug) is supported.
//   f'Post {self.title!r:>10}'  →  JoinedStr([Constant('Post '), FormattedValue(self.title, 'r', spec)])
#include <utility>

#include "core/python/parser_impl.hpp"

namespace gramlab::py::detail {

namespace {

constexpr int kMaxSpecNesting = 2;  // CPython: "f-string: expressions nested too deeply"

class FStringParser {
public:
    FStringParser(Parser& p, const Token& tok)
        : p_(p), body_(tok.value), base_(tok.body_offset), raw_(tok.is_raw) {}

    // Parses body_[i...] until the end (top level) or an unmatched '}' (format spec).
    bool parse_parts(size_t& i, int nesting, std::vector<ExprPtr>& parts, std::string& literal, SourceSpan& lit_span) {
        bool in_spec = nesting > 0;
        size_t chunk = i;
        while (i < body_.size()) {
            char c = body_[i];
            if (c == '\\' && !raw_ && i + 1 < body_.size()) {
                char n = body_[i + 1];
                if (n == '{' || n == '}') { ++i; continue; }
                if (n == 'N' && i + 2 < body_.size() && body_[i + 2] == '{') {
                    size_t close = body_.find('}', i);
                    i = close == std::string_view::npos ? body_.size() : close + 1;
                    continue;
                }
                i += 2;
                continue;
            }
            if (c == '{') {
                if (!flush_chunk(chunk, i, literal, lit_span)) return false;
                if (i + 1 < body_.size() && body_[i + 1] == '{' && !in_spec) {
                    literal += '{';
                    lit_span = SourceSpan::cover(lit_span, span(i, 2));
                    i += 2;
                    chunk = i;
                    continue;
                }
                if (!parse_field(i, nesting, parts, literal, lit_span)) return false;
                chunk = i;
                continue;
            }
            if (c == '}') {
                if (in_spec) break;
                if (!flush_chunk(chunk, i, literal, lit_span)) return false;
                if (i + 1 < body_.size() && body_[i + 1] == '}') {
                    literal += '}';
                    lit_span = SourceSpan::cover(lit_span, span(i, 2));
                    i += 2;
                    chunk = i;
                    continue;
                }
                return error("single '}' is not allowed", span(i, 1));
            }
            ++i;
        }
        return flush_chunk(chunk, i, literal, lit_span);
    }

private:
    SourceSpan span(size_t at, size_t length) const {
        return SourceSpan{base_ + static_cast<uint32_t>(at), static_cast<uint32_t>(length)};
    }

    bool error(const std::string& message, SourceSpan where, bool prefix = true) {
        p_.fail(p_.fstring_ || !prefix ? message : "f-string: " + message, where);
        p_.failed_ = true;
        return false;
    }

    bool flush_chunk(size_t from, size_t to, std::string& literal, SourceSpan& lit_span) {
        if (to <= from) return true;
        std::string decoded, err;
        if (!decode_string_body(body_.substr(from, to - from), raw_, false, &decoded, &err)) return error(err, span(from, to - from));
        literal += decoded;
        lit_span = SourceSpan::cover(lit_span, span(from, to - from));
        return true;
    }

    static void flush_literal(std::vector<ExprPtr>& parts, std::string& literal, SourceSpan& lit_span) {
        if (literal.empty()) return;
        ExprPtr c = std::make_unique<Expr>(ExprKind::kConstant, lit_span);
        c->const_kind = ConstKind::kStr;
        c->id = std::move(literal);
        parts.push_back(std::move(c));
        literal.clear();
        lit_span = SourceSpan{};
    }

    // REQUIRES: body_[i] == '{'. On success i is just past the closing '}'.
    bool parse_field(size_t& i, int nesting, std::vector<ExprPtr>& parts, std::string& literal, SourceSpan& lit_span) {
        if (nesting >= kMaxSpecNesting) return error("expressions nested too deeply", span(i, 1));
        size_t open = i;
        size_t expr_start = i + 1;
        size_t j = expr_start;
        int depth = 0;
        char quote = 0;
        bool debug = false;
        for (; j < body_.size(); ++j) {
            char c = body_[j];
            if (quote) {
                if (c == quote) quote = 0;
                continue;
            }
            if (c == '\\') return error("f-string expression part cannot include a backslash", span(j, 1), false);
            if (c == '#') return error("f-string expression part cannot include '#'", span(j, 1), false);
            if (c == '\'' || c == '"') { quote = c; continue; }
            if (c == '(' || c == '[' || c == '{') { ++depth; continue; }
            if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    if (c == '}') break;
                    return error(std::string("unmatched '") + c + "'", span(j, 1));
                }
                --depth;
                continue;
            }
            if (depth > 0) continue;
            char next = j + 1 < body_.size() ? body_[j + 1] : 0;
            char prev = j > expr_start ? body_[j - 1] : 0;
            if (c == '!' && next != '=') break;
            if (c == ':') break;
            if (c == '=' && next != '=' && prev != '=' && prev != '!' && prev != '<' && prev != '>') {
                debug = true;
                break;
            }
        }
        if (j >= body_.size()) return error("expecting '}'", span(open, 1));
        std::string_view expr_text = body_.substr(expr_start, j - expr_start);
        if (expr_text.find_first_not_of(" \t\r\n\f") == std::string_view::npos)
            return error("empty expression not allowed", span(j, 1));

        TokenizeResult lexed = tokenize(p_.ctx_.source, base_ + static_cast<uint32_t>(expr_start),
                                        base_ + static_cast<uint32_t>(j), true);
        if (!lexed.errors.empty()) {
            if (!p_.failed_) {
                for (Error& e : lexed.errors) {
                    if (e.message.rfind("f-string", 0) != 0) e.message = "f-string: " + e.message;
                    p_.ctx_.add(std::move(e));
                }
            }
            p_.failed_ = true;
            return false;
        }
        Parser sub(p_.ctx_, std::move(lexed.tokens), true);
        ExprPtr value = sub.parse_fstring_field();
        if (!value) {
            p_.failed_ = true;
            return false;
        }

        if (debug) {
            size_t k = j + 1;
            while (k < body_.size() && (body_[k] == ' ' || body_[k] == '\t')) ++k;
            literal += std::string(body_.substr(expr_start, k - expr_start));
            lit_span = SourceSpan::cover(lit_span, span(expr_start, k - expr_start));
            j = k;
        }
        char conversion = 0;
        if (j < body_.size() && body_[j] == '!') {
            char conv = j + 1 < body_.size() ? body_[j + 1] : 0;
            if (conv != 's' && conv != 'r' && conv != 'a')
                return error("invalid conversion character: expected 's', 'r', or 'a'", span(j + 1, 1));
            conversion = conv;
            j += 2;
        }
        ExprPtr spec;
        if (j < body_.size() && body_[j] == ':') {
            size_t spec_start = ++j;
            spec = std::make_unique<Expr>(ExprKind::kJoinedStr);
            std::string spec_literal;
            SourceSpan spec_span;
            if (!parse_parts(j, nesting + 1, spec->elts, spec_literal, spec_span)) return false;
            flush_literal(spec->elts, spec_literal, spec_span);
            spec->span = span(spec_start, j - spec_start);
        }
        if (j >= body_.size() || body_[j] != '}') return error("expecting '}'", span(open, 1));
        ++j;
        if (debug && !conversion && !spec) conversion = 'r';
        flush_literal(parts, literal, lit_span);
        ExprPtr fv = std::make_unique<Expr>(ExprKind::kFormattedValue, span(open, j - open));
        fv->value = std::move(value);
        fv->conversion = conversion;
        fv->format_spec = std::move(spec);
        parts.push_back(std::move(fv));
        i = j;
        return true;
    }

    Parser& p_;
    std::string_view body_;
    uint32_t base_;
    bool raw_;
};

}  // namespace

bool Parser::parse_fstring_token(const Token& tok, std::vector<ExprPtr>& parts, std::string& literal,
                                 SourceSpan& literal_span) {
    DepthGuard guard(*this);
    if (!guard) return false;
    FStringParser fp(*this, tok);
    size_t i = 0;
    return fp.parse_parts(i, 0, parts, literal, literal_span);
}

}  // namespace gramlab::py::detail

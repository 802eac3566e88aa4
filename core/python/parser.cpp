// Entry point of the Python parser (parse_module) and the Parser's token cursor, depth guard
// and error bookkeeping. Errors follow CPython 3.11: one per logical line, the tokenizer's
// message wins over the parser's, and parsing resumes at the next statement.
#include <algorithm>
#include <utility>

#include "core/python/compile_checks.hpp"
#include "core/python/parser.hpp"
#include "core/python/parser_impl.hpp"

namespace gramlab::py {

namespace detail {

int ParseContext::line_of(uint32_t offset) {
    if (line_starts.empty()) {
        line_starts.push_back(0);
        for (uint32_t i = 0; i < source.size(); ++i)
            if (source[i] == '\n') line_starts.push_back(i + 1);
    }
    auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
    return static_cast<int>(it - line_starts.begin());
}

void ParseContext::add(Error e) {
    if (stop) return;
    errors.push_back(std::move(e));
    if (errors.size() >= kMaxErrors) stop = true;
}

Parser::Parser(ParseContext& ctx, std::vector<Token> tokens, bool fstring)
    : ctx_(ctx), tokens_(std::move(tokens)), fstring_(fstring) {
    if (tokens_.empty()) {
        Token end;
        end.kind = TokenKind::kEndMarker;
        end.span = SourceSpan{static_cast<uint32_t>(ctx.source.size()), 0};
        tokens_.push_back(end);
    }
    prev_end_ = tokens_[0].span.offset;
}

void Parser::advance() {
    const Token& t = cur();
    if (t.kind == TokenKind::kEndMarker) return;
    if (t.kind != TokenKind::kNewline && t.kind != TokenKind::kIndent && t.kind != TokenKind::kDedent)
        prev_end_ = t.span.end();
    ++pos_;
}

std::nullptr_t Parser::fail(const std::string& message, SourceSpan span, const char* kind) {
    if (failed_) return nullptr;
    failed_ = true;
    if (at(TokenKind::kError) && cur().value != kUnclosedMarker) return nullptr;
    for (size_t i = stmt_start_; i < tokens_.size(); ++i) {
        TokenKind k = tokens_[i].kind;
        if (k == TokenKind::kError && tokens_[i].value != kUnclosedMarker) return nullptr;  // the tokenizer explained it
        if (k == TokenKind::kNewline || k == TokenKind::kEndMarker) break;
    }
    ctx_.add(Error::make(kind, fstring_ ? "f-string: " + message : message, span));
    return nullptr;
}

std::nullptr_t Parser::fail_here() {
    if (at(TokenKind::kError)) {
        failed_ = true;
        return nullptr;
    }
    return fail("invalid syntax", cur().span);
}

std::nullptr_t Parser::fail_expected(const char* what) {
    if (at(TokenKind::kError)) return fail_here();
    return fail(std::string("expected ") + what, cur().span);
}

bool Parser::enter() {
    if (++ctx_.depth <= kMaxDepth) return true;
    fail("too many nested parentheses", cur().span);
    return false;
}

ExprPtr Parser::parse_fstring_field() {
    ExprPtr e = parse_star_expressions();
    if (!e) return nullptr;
    if (at(TokenKind::kEndMarker)) return e;
    if (at_expression_start())
        return fail("invalid syntax. Perhaps you forgot a comma?", SourceSpan::cover(e->span, cur().span));
    return fail_here();
}

}  // namespace detail

ParseResult parse_module(std::string_view source, const std::string& file) {
    ParseResult result;
    if (source.size() >= UINT32_MAX / 2) {
        Error e = Error::make("SyntaxError", "source too large");
        e.file = file;
        result.errors.push_back(std::move(e));
        return result;
    }
    TokenizeResult lexed = tokenize(source);
    detail::ParseContext ctx;
    ctx.source = source;
    detail::Parser parser(ctx, std::move(lexed.tokens), false);
    result.module.body = parser.parse_file();
    // "'(' was never closed" competes with the parser's error in the unclosed statement: CPython
    // keeps the parser's error if it is on the bracket's own line, the bracket's otherwise.
    for (size_t i = 0; i < lexed.errors.size(); ++i) {
        const Error& unclosed = lexed.errors[i];
        if (unclosed.message.size() < 16 || unclosed.message.compare(unclosed.message.size() - 16, 16, "was never closed"))
            continue;
        int bracket_line = ctx.line_of(unclosed.span.offset);
        auto later = std::find_if(ctx.errors.begin(), ctx.errors.end(),
                                  [&](const Error& e) { return e.span.offset >= unclosed.span.offset; });
        if (later == ctx.errors.end()) continue;
        if (ctx.line_of(later->span.offset) == bracket_line) {
            lexed.errors.erase(lexed.errors.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            ctx.errors.erase(later);
        }
        break;
    }
    // Tokenizer errors first in source order, then the parser's; CPython reports the earliest.
    std::vector<Error> all = std::move(lexed.errors);
    for (Error& e : ctx.errors) all.push_back(std::move(e));
    std::stable_sort(all.begin(), all.end(),
                     [](const Error& a, const Error& b) { return a.span.offset < b.span.offset; });
    if (all.size() > detail::kMaxErrors) all.resize(detail::kMaxErrors);
    // Input that parses can still be refused by CPython's compiler, before any of it runs.
    if (all.empty())
        if (std::optional<Error> e = compile_check(result.module)) all.push_back(std::move(*e));
    for (Error& e : all) e.file = file;
    result.errors = std::move(all);
    return result;
}

}  // namespace gramlab::py

// Python statements by recursive descent: simple statements (assignments, import, return, ...)
// separated by ';', compound statements with their indented blocks, decorators and parameter
// lists. After an error the parser skips to the end of the logical line (and over the block
// that line opened) so the next statement can still be checked.
#include <utility>

#include "core/python/parser_impl.hpp"

namespace gramlab::py::detail {

namespace {

struct AugOp {
    std::string_view text;
    BinOpKind kind;
};

constexpr AugOp kAugOps[] = {
    {"+=", BinOpKind::kAdd},     {"-=", BinOpKind::kSub},      {"*=", BinOpKind::kMult},    {"/=", BinOpKind::kDiv},
    {"//=", BinOpKind::kFloorDiv}, {"%=", BinOpKind::kMod},    {"**=", BinOpKind::kPow},    {"@=", BinOpKind::kMatMult},
    {"&=", BinOpKind::kBitAnd},  {"|=", BinOpKind::kBitOr},    {"^=", BinOpKind::kBitXor},  {"<<=", BinOpKind::kLShift},
    {">>=", BinOpKind::kRShift},
};

}  // namespace

std::vector<StmtPtr> Parser::parse_file() {
    std::vector<StmtPtr> body;
    while (!at(TokenKind::kEndMarker) && !ctx_.stop) {
        if (at(TokenKind::kDedent) || at(TokenKind::kNewline)) {
            advance();
            continue;
        }
        parse_statement(body);
    }
    return body;
}

void Parser::synchronize() {
    while (!at(TokenKind::kNewline) && !at(TokenKind::kEndMarker) && !at(TokenKind::kIndent) &&
           !at(TokenKind::kDedent))
        advance();
    if (at(TokenKind::kNewline)) advance();
    if (!at(TokenKind::kIndent)) return;
    int depth = 0;
    do {
        if (at(TokenKind::kIndent)) ++depth;
        if (at(TokenKind::kDedent)) --depth;
        advance();
    } while (depth > 0 && !at(TokenKind::kEndMarker));
}

void Parser::parse_statement(std::vector<StmtPtr>& out) {
    size_t before = pos_;
    stmt_start_ = pos_;
    failed_ = false;
    if (at(TokenKind::kIndent)) {
        fail("unexpected indent", cur().span, "IndentationError");
        synchronize();
        failed_ = false;
        return;
    }
    uint32_t start = cur().span.offset;
    if (at_op("@") || at_kw("def") || at_kw("class") || at_kw("if") || at_kw("while") || at_kw("for") ||
        at_kw("try") || at_kw("with") || at_kw("async")) {
        std::vector<ExprPtr> decorators;
        while (at_op("@") && !failed_) {
            advance();
            ExprPtr d = parse_named_expression();
            if (!d) break;
            decorators.push_back(std::move(d));
            if (!at(TokenKind::kNewline)) {
                fail_here();
                break;
            }
            advance();
        }
        if (!failed_) {
            StmtPtr s = parse_compound(std::move(decorators), start);
            if (s && !failed_) out.push_back(std::move(s));
        }
    } else {
        parse_simple_statements(out);
    }
    if (failed_) {
        synchronize();
        failed_ = false;
    }
    if (pos_ == before && !at(TokenKind::kEndMarker) && !at(TokenKind::kDedent)) advance();
}

void Parser::parse_simple_statements(std::vector<StmtPtr>& out) {
    while (true) {
        StmtPtr s = parse_simple_statement();
        if (!s) {
            if (!failed_) fail_here();
            return;
        }
        out.push_back(std::move(s));
        if (!accept_op(";") || at(TokenKind::kNewline)) break;
    }
    if (!at(TokenKind::kNewline)) {
        fail_here();
        return;
    }
    advance();
}

StmtPtr Parser::parse_simple_statement() {
    uint32_t start = cur().span.offset;
    auto finish = [&](StmtPtr s) {
        s->span = span_from(start);
        return s;
    };
    auto at_end = [this] { return at(TokenKind::kNewline) || at_op(";") || at(TokenKind::kEndMarker); };
    if (at_kw("pass") || at_kw("break") || at_kw("continue")) {
        StmtKind k = at_kw("pass") ? StmtKind::kPass : at_kw("break") ? StmtKind::kBreak : StmtKind::kContinue;
        advance();
        return finish(std::make_unique<Stmt>(k));
    }
    if (at_kw("return")) {
        advance();
        StmtPtr s = std::make_unique<Stmt>(StmtKind::kReturn);
        if (!at_end() && !(s->value = parse_star_expressions())) return nullptr;
        return finish(std::move(s));
    }
    if (at_kw("raise")) {
        advance();
        StmtPtr s = std::make_unique<Stmt>(StmtKind::kRaise);
        if (!at_end()) {
            if (!(s->value = parse_expression())) return nullptr;
            if (accept_kw("from") && !(s->cause = parse_expression())) return nullptr;
        }
        return finish(std::move(s));
    }
    if (at_kw("del")) {
        advance();
        StmtPtr s = std::make_unique<Stmt>(StmtKind::kDelete);
        do {
            if (at_end() && !s->targets.empty()) break;
            ExprPtr t = parse_bitwise_or();
            if (!t || !check_target(*t, TargetContext::kDelete)) return nullptr;
            s->targets.push_back(std::move(t));
        } while (accept_op(","));
        return finish(std::move(s));
    }
    if (at_kw("assert")) {
        advance();
        StmtPtr s = std::make_unique<Stmt>(StmtKind::kAssert);
        if (!(s->value = parse_expression())) return nullptr;
        if (accept_op(",") && !(s->cause = parse_expression())) return nullptr;
        return finish(std::move(s));
    }
    if (at_kw("global") || at_kw("nonlocal")) {
        StmtPtr s = std::make_unique<Stmt>(at_kw("global") ? StmtKind::kGlobal : StmtKind::kNonlocal);
        advance();
        do {
            if (!at_name()) return fail_here();
            s->names.push_back(Alias{std::string(cur().text), "", cur().span});
            advance();
        } while (accept_op(","));
        return finish(std::move(s));
    }
    if (at_kw("import")) return parse_import();
    if (at_kw("from")) return parse_from_import();
    return parse_expression_statement();
}

// x = y = 1 | a, b = t | x += 1 | x: int = 1 | call()
StmtPtr Parser::parse_expression_statement() {
    uint32_t start = cur().span.offset;
    if (at_name() && (cur().text == "print" || cur().text == "exec") &&
        (peek().kind == TokenKind::kString || peek().kind == TokenKind::kNumber ||
         (peek().kind == TokenKind::kName && !is_keyword(peek().text)))) {
        std::string name(cur().text);
        return fail("Missing parentheses in call to '" + name + "'. Did you mean " + name + "(...)?",
                    SourceSpan::cover(cur().span, peek().span));
    }
    ExprPtr first = parse_star_expressions();
    if (!first) return nullptr;
    if (at_op(":")) {
        if (!check_target(*first, TargetContext::kAnnAssign)) return nullptr;
        advance();
        StmtPtr s = std::make_unique<Stmt>(StmtKind::kAnnAssign);
        if (!(s->annotation = parse_expression())) return nullptr;
        if (accept_op("=") && !(s->value = parse_star_expressions())) return nullptr;
        s->targets.push_back(std::move(first));
        s->span = span_from(start);
        return s;
    }
    if (cur().kind == TokenKind::kOp) {
        for (const AugOp& op : kAugOps) {
            if (cur().text != op.text) continue;
            if (!check_target(*first, TargetContext::kAugAssign)) return nullptr;
            advance();
            StmtPtr s = std::make_unique<Stmt>(StmtKind::kAugAssign);
            s->aug_op = op.kind;
            if (!(s->value = parse_star_expressions())) return nullptr;
            s->targets.push_back(std::move(first));
            s->span = span_from(start);
            return s;
        }
    }
    if (at_op("=")) {
        StmtPtr s = std::make_unique<Stmt>(StmtKind::kAssign);
        ExprPtr last = std::move(first);
        while (at_op("=")) {
            if (!check_target(*last, TargetContext::kAssign)) return nullptr;
            advance();
            s->targets.push_back(std::move(last));
            if (!(last = parse_star_expressions())) return nullptr;
        }
        s->value = std::move(last);
        s->span = span_from(start);
        return s;
    }
    StmtPtr s = std::make_unique<Stmt>(StmtKind::kExpr);
    s->value = std::move(first);
    s->span = span_from(start);
    return s;
}

// import a.b.c as d, e
StmtPtr Parser::parse_import() {
    uint32_t start = cur().span.offset;
    advance();
    StmtPtr s = std::make_unique<Stmt>(StmtKind::kImport);
    do {
        uint32_t a_start = cur().span.offset;
        Alias a;
        if (!at_name()) return fail_here();
        a.name = std::string(cur().text);
        advance();
        while (accept_op(".")) {
            if (!at_name()) return fail_here();
            a.name += "." + std::string(cur().text);
            advance();
        }
        if (accept_kw("as")) {
            if (!at_name()) return fail_here();
            a.asname = std::string(cur().text);
            advance();
        }
        a.span = span_from(a_start);
        s->names.push_back(std::move(a));
    } while (accept_op(","));
    s->span = span_from(start);
    return s;
}

// from ..pkg.mod import (a as b, c) | from . import x | from m import *
StmtPtr Parser::parse_from_import() {
    uint32_t start = cur().span.offset;
    advance();
    StmtPtr s = std::make_unique<Stmt>(StmtKind::kImportFrom);
    while (at_op(".") || at_op("...")) {
        s->level += at_op(".") ? 1 : 3;
        advance();
    }
    if (at_name()) {
        s->module = std::string(cur().text);
        advance();
        while (accept_op(".")) {
            if (!at_name()) return fail_here();
            s->module += "." + std::string(cur().text);
            advance();
        }
    } else if (s->level == 0) {
        return fail_here();
    }
    if (!accept_kw("import")) return fail_here();
    if (at_op("*")) {
        s->names.push_back(Alias{"*", "", cur().span});
        advance();
        s->span = span_from(start);
        return s;
    }
    bool parens = accept_op("(");
    while (true) {
        uint32_t a_start = cur().span.offset;
        if (!at_name()) return fail_here();
        Alias a;
        a.name = std::string(cur().text);
        advance();
        if (accept_kw("as")) {
            if (!at_name()) return fail_here();
            a.asname = std::string(cur().text);
            advance();
        }
        a.span = span_from(a_start);
        s->names.push_back(std::move(a));
        if (!accept_op(",")) break;
        if (parens && at_op(")")) break;
        if (!parens && (at(TokenKind::kNewline) || at_op(";")))
            return fail("trailing comma not allowed without surrounding parentheses", cur().span);
    }
    if (parens && !accept_op(")")) return fail_here();
    s->span = span_from(start);
    return s;
}

StmtPtr Parser::parse_compound(std::vector<ExprPtr> decorators, uint32_t start) {
    if (at_kw("def")) return parse_function_def(std::move(decorators), start);
    if (at_kw("class")) return parse_class_def(std::move(decorators), start);
    if (!decorators.empty()) return fail_here();
    if (at_kw("if")) return parse_if(false);
    if (at_kw("while")) return parse_while();
    if (at_kw("for")) return parse_for();
    if (at_kw("try")) return parse_try();
    if (at_kw("with")) return parse_with();
    return fail("'async' is not supported in gramlab", cur().span);
}

bool Parser::parse_block(const std::string& what, uint32_t header_offset, std::vector<StmtPtr>& out) {
    if (!at(TokenKind::kNewline)) {
        parse_simple_statements(out);
        return !failed_;
    }
    advance();
    if (!at(TokenKind::kIndent)) {
        fail("expected an indented block after " + what + " on line " + std::to_string(ctx_.line_of(header_offset)),
             cur().span, "IndentationError");
        failed_ = false;  // the header itself is fine: keep parsing what follows
        return true;
    }
    DepthGuard guard(*this);
    if (!guard) return false;
    advance();
    size_t saved_start = stmt_start_;
    while (!at(TokenKind::kDedent) && !at(TokenKind::kEndMarker) && !ctx_.stop) parse_statement(out);
    if (at(TokenKind::kDedent)) advance();
    stmt_start_ = saved_start;
    return true;
}

// if a: ... elif b: ... else: ...   (elif becomes a nested If in orelse, as in Python's ast)
StmtPtr Parser::parse_if(bool) {
    uint32_t start = cur().span.offset;
    StmtPtr root;
    Stmt* last = nullptr;
    std::vector<std::pair<Stmt*, uint32_t>> chain;
    ChainDepth depth(*this);
    while (true) {
        if (!depth.step()) return nullptr;
        uint32_t header = cur().span.offset;
        bool elif = last != nullptr;
        advance();  // 'if' / 'elif'
        StmtPtr s = std::make_unique<Stmt>(StmtKind::kIf);
        if (!(s->test = parse_named_expression())) return nullptr;
        if (!accept_op(":")) return fail_colon(false);
        if (!parse_block(elif ? "'elif' statement" : "'if' statement", header, s->body)) return nullptr;
        Stmt* raw = s.get();
        chain.emplace_back(raw, header);
        if (last) last->orelse.push_back(std::move(s));
        else root = std::move(s);
        last = raw;
        if (!at_kw("elif")) break;
    }
    if (at_kw("else")) {
        uint32_t header = cur().span.offset;
        advance();
        if (!accept_op(":")) return fail_colon(true);
        if (!parse_block("'else' statement", header, last->orelse)) return nullptr;
    }
    for (auto& [node, node_start] : chain) node->span = span_from(node_start);
    root->span = span_from(start);
    return root;
}

StmtPtr Parser::parse_while() {
    uint32_t start = cur().span.offset;
    advance();
    StmtPtr s = std::make_unique<Stmt>(StmtKind::kWhile);
    if (!(s->test = parse_named_expression())) return nullptr;
    if (!accept_op(":")) return fail_colon(false);
    if (!parse_block("'while' statement", start, s->body)) return nullptr;
    if (at_kw("else")) {
        uint32_t header = cur().span.offset;
        advance();
        if (!accept_op(":")) return fail_colon(true);
        if (!parse_block("'else' statement", header, s->orelse)) return nullptr;
    }
    s->span = span_from(start);
    return s;
}

StmtPtr Parser::parse_for() {
    uint32_t start = cur().span.offset;
    advance();
    StmtPtr s = std::make_unique<Stmt>(StmtKind::kFor);
    ExprPtr target = parse_target_list(TargetContext::kFor);
    if (!target) return nullptr;
    s->targets.push_back(std::move(target));
    if (!accept_kw("in")) return fail_here();
    if (!(s->value = parse_star_expressions())) return nullptr;
    if (!accept_op(":")) return fail_colon(false);
    if (!parse_block("'for' statement", start, s->body)) return nullptr;
    if (at_kw("else")) {
        uint32_t header = cur().span.offset;
        advance();
        if (!accept_op(":")) return fail_colon(true);
        if (!parse_block("'else' statement", header, s->orelse)) return nullptr;
    }
    s->span = span_from(start);
    return s;
}

StmtPtr Parser::parse_try() {
    uint32_t start = cur().span.offset;
    advance();
    StmtPtr s = std::make_unique<Stmt>(StmtKind::kTry);
    if (!accept_op(":")) return fail_colon(true);
    if (!parse_block("'try' statement", start, s->body)) return nullptr;
    bool bare_seen = false;
    while (at_kw("except")) {
        uint32_t h_start = cur().span.offset;
        if (bare_seen) return fail("default 'except:' must be last", cur().span);
        advance();
        if (at_op("*")) return fail("'except*' is not supported in gramlab", cur().span);
        ExceptHandler h;
        if (!at_op(":")) {
            if (!(h.type = parse_expression())) return nullptr;
            if (at_op(",")) {
                uint32_t type_start = h.type->span.offset;
                advance();
                if (!parse_expression()) return nullptr;
                return fail("multiple exception types must be parenthesized", span_from(type_start));
            }
            if (accept_kw("as")) {
                if (!at_name()) return fail_here();
                h.name = std::string(cur().text);
                advance();
            }
        } else {
            bare_seen = true;
        }
        if (!accept_op(":")) return fail_colon(false);
        if (!parse_block("'except' statement", h_start, h.body)) return nullptr;
        h.span = span_from(h_start);
        s->handlers.push_back(std::move(h));
    }
    if (at_kw("else")) {
        if (s->handlers.empty()) return fail_here();
        uint32_t header = cur().span.offset;
        advance();
        if (!accept_op(":")) return fail_colon(true);
        if (!parse_block("'else' statement", header, s->orelse)) return nullptr;
    }
    bool has_finally = false;
    if (at_kw("finally")) {
        has_finally = true;
        uint32_t header = cur().span.offset;
        advance();
        if (!accept_op(":")) return fail_colon(true);
        if (!parse_block("'finally' statement", header, s->finalbody)) return nullptr;
    }
    if (s->handlers.empty() && !has_finally) return fail("expected 'except' or 'finally' block", cur().span);
    s->span = span_from(start);
    return s;
}

// with a as b, c:  |  with (a as b, c):
StmtPtr Parser::parse_with() {
    uint32_t start = cur().span.offset;
    advance();
    StmtPtr s = std::make_unique<Stmt>(StmtKind::kWith);
    // A parenthesised item list is told apart from a parenthesised expression by looking for
    // `as` or a comma at depth 1 and a ':' right after the closing bracket.
    bool parenthesized = false;
    if (at_op("(")) {
        int depth = 0;
        bool marker = false;
        size_t i = pos_;
        for (; i < tokens_.size(); ++i) {
            const Token& t = tokens_[i];
            if (t.kind == TokenKind::kNewline || t.kind == TokenKind::kEndMarker) break;
            if (t.kind != TokenKind::kOp && t.kind != TokenKind::kName) continue;
            if (t.text == "(" || t.text == "[" || t.text == "{") ++depth;
            else if (t.text == ")" || t.text == "]" || t.text == "}") {
                if (--depth == 0) break;
            } else if (depth == 1 && (t.text == "as" || t.text == ",")) marker = true;
        }
        parenthesized = marker && i + 1 < tokens_.size() && tokens_[i + 1].kind == TokenKind::kOp &&
                        tokens_[i + 1].text == ":";
    }
    if (parenthesized) advance();
    do {
        if (parenthesized && at_op(")")) break;
        WithItem item;
        if (!(item.context_expr = parse_expression())) return nullptr;
        if (accept_kw("as")) {
            if (!(item.optional_vars = parse_bitwise_or())) return nullptr;
            if (!check_target(*item.optional_vars, TargetContext::kWith)) return nullptr;
        }
        s->items.push_back(std::move(item));
    } while (accept_op(","));
    if (parenthesized && !accept_op(")")) return fail_here();
    if (!accept_op(":")) return fail_colon(false);
    if (!parse_block("'with' statement", start, s->body)) return nullptr;
    s->span = span_from(start);
    return s;
}

StmtPtr Parser::parse_function_def(std::vector<ExprPtr> decorators, uint32_t start) {
    uint32_t header = cur().span.offset;
    advance();  // 'def'
    StmtPtr s = std::make_unique<Stmt>(StmtKind::kFunctionDef);
    if (!at_name()) return fail_here();
    s->name = std::string(cur().text);
    s->name_span = cur().span;
    advance();
    if (!accept_op("(")) return fail_expected("'('");
    if (!(s->args = parse_parameters(false))) return nullptr;
    if (!accept_op(")")) return fail_here();
    if (accept_op("->") && !(s->returns = parse_expression())) return nullptr;
    if (!accept_op(":")) return fail_colon(true);
    if (!parse_block("function definition", header, s->body)) return nullptr;
    s->decorators = std::move(decorators);
    s->span = span_from(start);
    return s;
}

StmtPtr Parser::parse_class_def(std::vector<ExprPtr> decorators, uint32_t start) {
    uint32_t header = cur().span.offset;
    advance();  // 'class'
    StmtPtr s = std::make_unique<Stmt>(StmtKind::kClassDef);
    if (!at_name()) return fail_here();
    s->name = std::string(cur().text);
    s->name_span = cur().span;
    advance();
    if (accept_op("(") && !parse_call_arguments(s->bases, s->class_keywords, ")")) return nullptr;
    if (!accept_op(":")) return fail_colon(false);
    if (!parse_block("class definition", header, s->body)) return nullptr;
    s->decorators = std::move(decorators);
    s->span = span_from(start);
    return s;
}

// Parameters up to (not including) ')' for def or ':' for lambda:
//   a, b=1, /, c: int = 2, *args, d, e=3, **kwargs
std::unique_ptr<Arguments> Parser::parse_parameters(bool lambda) {
    auto args = std::make_unique<Arguments>();
    const char* close = lambda ? ":" : ")";
    bool seen_default = false, seen_star = false, seen_slash = false, seen_kwarg = false;
    auto parse_one = [&](bool allow_default, Arg* out) -> bool {
        uint32_t a_start = cur().span.offset;
        if (!at_name()) {
            fail_here();
            return false;
        }
        out->name = std::string(cur().text);
        advance();
        if (!lambda && accept_op(":") && !(out->annotation = parse_expression())) return false;
        if (at_op("=")) {
            if (!allow_default) {
                fail(seen_kwarg ? "var-keyword argument cannot have default value"
                                : "var-positional argument cannot have default value",
                     cur().span);
                return false;
            }
            advance();
            if (!(out->default_value = parse_expression())) return false;
        }
        out->span = span_from(a_start);
        return true;
    };
    while (!at_op(close)) {
        if (seen_kwarg) {
            fail("arguments cannot follow var-keyword argument", cur().span);
            return nullptr;
        }
        if (at_op("/")) {
            if (seen_slash) return fail("/ may appear only once", cur().span);
            if (seen_star) return fail("/ must be ahead of *", cur().span);
            if (args->args.empty()) return fail("at least one argument must precede /", cur().span);
            args->posonly = std::move(args->args);
            args->args.clear();
            seen_slash = true;
            advance();
        } else if (at_op("*")) {
            SourceSpan star = cur().span;
            if (seen_star) return fail("* argument may appear only once", star);
            seen_star = true;
            advance();
            if (at_name()) {
                args->vararg = std::make_unique<Arg>();
                if (!parse_one(false, args->vararg.get())) return nullptr;
            } else if (at_op(close) || (at_op(",") && (peek().text == close || peek().text == "**"))) {
                return fail("named arguments must follow bare *", star);
            }
        } else if (at_op("**")) {
            advance();
            seen_kwarg = true;
            args->kwarg = std::make_unique<Arg>();
            if (!parse_one(false, args->kwarg.get())) return nullptr;
        } else if (at_name()) {
            Arg a;
            if (!parse_one(true, &a)) return nullptr;
            if (seen_star) {
                args->kwonly.push_back(std::move(a));
            } else {
                if (a.default_value) seen_default = true;
                else if (seen_default) return fail("non-default argument follows default argument", a.span);
                args->args.push_back(std::move(a));
            }
        } else {
            return fail_here();
        }
        if (!accept_op(",")) break;
    }
    if (!at_op(close)) return lambda ? fail_colon(false) : fail_here();
    return args;
}

}  // namespace gramlab::py::detail

// Internal to the Python parser: the recursive-descent Parser class shared by
// parse_statements.cpp (statements and blocks), parse_expressions.cpp (the expression
// precedence ladder) and parse_fstring.cpp (f-string bodies). Not part of core's API.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.hpp"
#include "core/python/ast.hpp"
#include "core/python/lexer.hpp"

namespace gramlab::py::detail {

// Cap on the depth of the tree being built (brackets, unary and binary operator chains, attribute
// and call chains, elif chains, blocks). Brackets alone are capped at 200 by the tokenizer; this
// bound keeps the parser, the destructors and every recursive walk of the tree off the stack limit.
inline constexpr int kMaxDepth = 1000;
inline constexpr size_t kMaxErrors = 20;

//! State shared by a file's parser and the sub-parsers of its f-string expressions.
struct ParseContext {
    std::string_view source;
    std::vector<Error> errors;
    int depth = 0;
    bool depth_reported = false;
    bool stop = false;  // too many errors: give up
    std::vector<uint32_t> line_starts;

    int line_of(uint32_t offset);
    void add(Error e);
};

// Where an assignment target appears; picks CPython's message for an invalid one.
enum class TargetContext { kAssign, kAugAssign, kAnnAssign, kDelete, kFor, kWith, kComprehension };

class Parser {
public:
    //! `fstring` sub-parsers prefix their messages with "f-string: ".
    Parser(ParseContext& ctx, std::vector<Token> tokens, bool fstring);

    std::vector<StmtPtr> parse_file();
    //! For f-string fields: star_expressions followed by the end of the tokens.
    ExprPtr parse_fstring_field();

    // ------------------------------------------------------------ statements
    void parse_statement(std::vector<StmtPtr>& out);
    void parse_simple_statements(std::vector<StmtPtr>& out);
    StmtPtr parse_simple_statement();
    StmtPtr parse_expression_statement();
    StmtPtr parse_import();
    StmtPtr parse_from_import();
    StmtPtr parse_compound(std::vector<ExprPtr> decorators, uint32_t start);
    StmtPtr parse_if(bool is_elif);
    StmtPtr parse_while();
    StmtPtr parse_for();
    StmtPtr parse_try();
    StmtPtr parse_with();
    StmtPtr parse_function_def(std::vector<ExprPtr> decorators, uint32_t start);
    StmtPtr parse_class_def(std::vector<ExprPtr> decorators, uint32_t start);
    //! After the header's ':'; `what` is "'if' statement", "function definition", ...
    bool parse_block(const std::string& what, uint32_t header_offset, std::vector<StmtPtr>& out);
    std::unique_ptr<Arguments> parse_parameters(bool lambda);
    void synchronize();

    // ------------------------------------------------------------ expressions
    ExprPtr parse_star_expressions();          // a, *b, c  → Tuple
    ExprPtr parse_star_expression();           // *a | expression
    ExprPtr parse_expression();                // lambda / if-else
    ExprPtr parse_named_expression();          // expression, rejecting ':='
    ExprPtr parse_disjunction();
    ExprPtr parse_conjunction();
    ExprPtr parse_inversion();
    ExprPtr parse_comparison();
    ExprPtr parse_bitwise_or();
    ExprPtr parse_bitwise_xor();
    ExprPtr parse_bitwise_and();
    ExprPtr parse_shift();
    ExprPtr parse_sum();
    ExprPtr parse_term();
    ExprPtr parse_factor();
    ExprPtr parse_power();
    ExprPtr parse_primary();
    ExprPtr parse_atom();
    ExprPtr parse_lambda();
    ExprPtr parse_paren();
    ExprPtr parse_list();
    ExprPtr parse_brace();
    ExprPtr finish_brace_comprehension(ExprPtr comp, uint32_t start);
    ExprPtr parse_strings();
    ExprPtr parse_subscript_slices();
    ExprPtr parse_slice();
    bool parse_call_arguments(std::vector<ExprPtr>& args, std::vector<Keyword>& keywords, const char* close);
    bool parse_comprehensions(std::vector<Comprehension>& out);
    ExprPtr parse_target_list(TargetContext ctx);  // for-loop / comprehension targets
    bool check_target(const Expr& e, TargetContext ctx);

    // ------------------------------------------------------------ f-strings (parse_fstring.cpp)
    //! Appends the parts of one f-string token to *parts (literal text accumulates in *literal).
    bool parse_fstring_token(const Token& tok, std::vector<ExprPtr>& parts, std::string& literal,
                             SourceSpan& literal_span);

    // ------------------------------------------------------------ tokens
    const Token& cur() const { return tokens_[pos_]; }
    const Token& peek(size_t n = 1) const {
        return tokens_[pos_ + n < tokens_.size() ? pos_ + n : tokens_.size() - 1];
    }
    bool at(TokenKind k) const { return cur().kind == k; }
    bool at_op(std::string_view op) const { return cur().kind == TokenKind::kOp && cur().text == op; }
    bool at_kw(std::string_view kw) const { return cur().kind == TokenKind::kName && cur().text == kw; }
    bool at_name() const { return cur().kind == TokenKind::kName && !is_keyword(cur().text); }
    void advance();
    bool accept_op(std::string_view op) {
        if (!at_op(op)) return false;
        advance();
        return true;
    }
    bool accept_kw(std::string_view kw) {
        if (!at_kw(kw)) return false;
        advance();
        return true;
    }
    //! True if the current token can begin an expression (used for "Perhaps you forgot a comma?").
    bool at_expression_start() const;

    SourceSpan span_from(uint32_t start) const {
        return SourceSpan{start, prev_end_ > start ? prev_end_ - start : 0};
    }
    ExprPtr make(ExprKind kind, uint32_t start) const { return std::make_unique<Expr>(kind, span_from(start)); }

    // ------------------------------------------------------------ errors
    //! Records an error unless the statement already failed or the tokenizer reported one on
    //! this logical line (CPython prefers the tokenizer's message). Always returns nullptr.
    std::nullptr_t fail(const std::string& message, SourceSpan span, const char* kind = "SyntaxError");
    //! "invalid syntax" at the current token (silent if it is a tokenizer error token).
    std::nullptr_t fail_here();
    std::nullptr_t fail_expected(const char* what);
    //! A missing ':' after a header: "expected ':'" when `forced` (def, try, else, finally) or at the
    //! end of the line, "invalid syntax" otherwise, as CPython 3.11 decides.
    std::nullptr_t fail_colon(bool forced) {
        if (forced || at(TokenKind::kNewline)) return fail_expected("':'");
        return fail_here();
    }
    bool enter();  // depth guard; false (and an error) past kMaxDepth
    void leave() { --ctx_.depth; }

    ParseContext& ctx_;
    std::vector<Token> tokens_;
    size_t pos_ = 0;
    uint32_t prev_end_ = 0;   // end offset of the last consumed real token
    size_t stmt_start_ = 0;   // token index where the current statement began
    bool failed_ = false;     // the current statement has an error; unwind to synchronize()
    bool fstring_ = false;
};

//! Depth guard for recursive functions: `DepthGuard g(*this); if (!g) return nullptr;`.
class DepthGuard {
public:
    explicit DepthGuard(Parser& p) : p_(p), ok_(p.enter()) {}
    ~DepthGuard() { p_.leave(); }
    explicit operator bool() const { return ok_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

private:
    Parser& p_;
    bool ok_;
};

//! Depth accounting for loops that build left-nested trees (a + b + c, a.b.c, elif chains):
//! each step() adds one level until the loop's scope ends.
class ChainDepth {
public:
    explicit ChainDepth(Parser& p) : p_(p) {}
    ~ChainDepth() { p_.ctx_.depth -= n_; }
    bool step() {
        ++n_;
        return p_.enter();
    }
    ChainDepth(const ChainDepth&) = delete;
    ChainDepth& operator=(const ChainDepth&) = delete;

private:
    Parser& p_;
    int n_ = 0;
};

//! Python's name for an expression kind in messages ("function call", "literal", ...).
const char* expr_name(const Expr& e);

}  // namespace gramlab::py::detail

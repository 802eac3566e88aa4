// Python expressions by recursive descent, one function per precedence level, lowest first
// (Grammar/python.gram of CPython 3.11): lambda/if-else, or, and, not, comparisons, |, ^, &,
// shifts, + -, * / // % @, unary, **, primaries (calls, subscripts, attributes), atoms.
// Every node's span runs from its first token to its last; errors use CPython's wording.
#include <utility>

#include "core/python/parser_impl.hpp"

namespace gramlab::py::detail {

namespace {

bool is_comprehension_or_close(const Parser& p) { return p.at_kw("for") || p.at_kw("async"); }

}  // namespace

const char* expr_name(const Expr& e) {
    switch (e.kind) {
        case ExprKind::kName: return "name";
        case ExprKind::kConstant:
            switch (e.const_kind) {
                case ConstKind::kNone: return "None";
                case ConstKind::kBool: return e.bool_value ? "True" : "False";
                case ConstKind::kEllipsis: return "ellipsis";
                default: return "literal";
            }
        case ExprKind::kJoinedStr: case ExprKind::kFormattedValue: return "f-string expression";
        case ExprKind::kAttribute: return "attribute";
        case ExprKind::kSubscript: return "subscript";
        case ExprKind::kSlice: return "slice";
        case ExprKind::kCall: return "function call";
        case ExprKind::kBinOp: case ExprKind::kUnaryOp: case ExprKind::kBoolOp: return "expression";
        case ExprKind::kCompare: return "comparison";
        case ExprKind::kList: return "list";
        case ExprKind::kTuple: return "tuple";
        case ExprKind::kDict: return "dict literal";
        case ExprKind::kSet: return "set display";
        case ExprKind::kIfExp: return "conditional expression";
        case ExprKind::kLambda: return "lambda";
        case ExprKind::kStarred: return "starred";
        case ExprKind::kListComp: return "list comprehension";
        case ExprKind::kGeneratorExp: return "generator expression";
        case ExprKind::kSetComp: return "set comprehension";
        case ExprKind::kDictComp: return "dict comprehension";
    }
    return "expression";
}

bool Parser::at_expression_start() const {
    const Token& t = cur();
    switch (t.kind) {
        case TokenKind::kNumber: case TokenKind::kString: return true;
        case TokenKind::kName:
            return !is_keyword(t.text) || t.text == "True" || t.text == "False" || t.text == "None" ||
                   t.text == "lambda" || t.text == "not";
        case TokenKind::kOp:
            return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "-" || t.text == "+" || t.text == "~" ||
                   t.text == "...";
        default: return false;
    }
}

// star_expressions: a, *b, c  → Tuple (a trailing comma makes a one-element tuple)
ExprPtr Parser::parse_star_expressions() {
    uint32_t start = cur().span.offset;
    ExprPtr first = parse_star_expression();
    if (!first) return nullptr;
    if (!at_op(",")) return first;
    ExprPtr tuple = make(ExprKind::kTuple, start);
    tuple->elts.push_back(std::move(first));
    while (accept_op(",")) {
        if (!at_expression_start() && !at_op("*")) break;
        ExprPtr e = parse_star_expression();
        if (!e) return nullptr;
        tuple->elts.push_back(std::move(e));
    }
    tuple->span = span_from(start);
    return tuple;
}

ExprPtr Parser::parse_star_expression() {
    if (!at_op("*")) return parse_expression();
    uint32_t start = cur().span.offset;
    advance();
    ExprPtr value = parse_bitwise_or();
    if (!value) return nullptr;
    ExprPtr e = make(ExprKind::kStarred, start);
    e->value = std::move(value);
    return e;
}

ExprPtr Parser::parse_named_expression() { return parse_expression(); }

// expression: lambda | disjunction ['if' disjunction 'else' expression]
ExprPtr Parser::parse_expression() {
    DepthGuard guard(*this);
    if (!guard) return nullptr;
    if (at_kw("lambda")) return parse_lambda();
    uint32_t start = cur().span.offset;
    ExprPtr body = parse_disjunction();
    if (!body) return nullptr;
    if (at_kw("if")) {
        advance();
        ExprPtr test = parse_disjunction();
        if (!test) return nullptr;
        if (!accept_kw("else")) return fail("expected 'else' after 'if' expression", span_from(start));
        ExprPtr orelse = parse_expression();
        if (!orelse) return nullptr;
        ExprPtr e = make(ExprKind::kIfExp, start);
        e->test = std::move(test);
        e->value = std::move(body);
        e->orelse = std::move(orelse);
        return e;
    }
    if (at_op(":=")) return fail("assignment expressions (:=) are not supported in gramlab", cur().span);
    return body;
}

ExprPtr Parser::parse_lambda() {
    uint32_t start = cur().span.offset;
    advance();  // 'lambda'
    std::unique_ptr<Arguments> args = parse_parameters(true);
    if (!args) return nullptr;
    if (!accept_op(":")) return fail_colon(false);
    ExprPtr body = parse_expression();
    if (!body) return nullptr;
    ExprPtr e = make(ExprKind::kLambda, start);
    e->args_def = std::shared_ptr<Arguments>(std::move(args));
    e->value = std::move(body);
    return e;
}

ExprPtr Parser::parse_disjunction() {
    uint32_t start = cur().span.offset;
    ExprPtr first = parse_conjunction();
    if (!first || !at_kw("or")) return first;
    ExprPtr e = make(ExprKind::kBoolOp, start);
    e->bool_op = BoolOpKind::kOr;
    e->elts.push_back(std::move(first));
    while (accept_kw("or")) {
        ExprPtr next = parse_conjunction();
        if (!next) return nullptr;
        e->elts.push_back(std::move(next));
    }
    e->span = span_from(start);
    return e;
}

ExprPtr Parser::parse_conjunction() {
    uint32_t start = cur().span.offset;
    ExprPtr first = parse_inversion();
    if (!first || !at_kw("and")) return first;
    ExprPtr e = make(ExprKind::kBoolOp, start);
    e->bool_op = BoolOpKind::kAnd;
    e->elts.push_back(std::move(first));
    while (accept_kw("and")) {
        ExprPtr next = parse_inversion();
        if (!next) return nullptr;
        e->elts.push_back(std::move(next));
    }
    e->span = span_from(start);
    return e;
}

ExprPtr Parser::parse_inversion() {
    if (!at_kw("not")) return parse_comparison();
    DepthGuard guard(*this);
    if (!guard) return nullptr;
    uint32_t start = cur().span.offset;
    advance();
    ExprPtr operand = parse_inversion();
    if (!operand) return nullptr;
    ExprPtr e = make(ExprKind::kUnaryOp, start);
    e->unary_op = UnaryOpKind::kNot;
    e->value = std::move(operand);
    return e;
}

// comparison: a < b <= c, a not in b, a is not b  → Compare(value=a, cmp_ops, elts=comparators)
ExprPtr Parser::parse_comparison() {
    uint32_t start = cur().span.offset;
    ExprPtr left = parse_bitwise_or();
    if (!left) return nullptr;
    ExprPtr cmp;
    while (true) {
        CmpOpKind op;
        const Token& t = cur();
        if (t.kind == TokenKind::kOp && t.text == "==") op = CmpOpKind::kEq;
        else if (t.kind == TokenKind::kOp && t.text == "!=") op = CmpOpKind::kNotEq;
        else if (t.kind == TokenKind::kOp && t.text == "<") op = CmpOpKind::kLt;
        else if (t.kind == TokenKind::kOp && t.text == "<=") op = CmpOpKind::kLtE;
        else if (t.kind == TokenKind::kOp && t.text == ">") op = CmpOpKind::kGt;
        else if (t.kind == TokenKind::kOp && t.text == ">=") op = CmpOpKind::kGtE;
        else if (at_kw("in")) op = CmpOpKind::kIn;
        else if (at_kw("not") && peek().kind == TokenKind::kName && peek().text == "in") op = CmpOpKind::kNotIn;
        else if (at_kw("is")) op = (peek().kind == TokenKind::kName && peek().text == "not") ? CmpOpKind::kIsNot : CmpOpKind::kIs;
        else break;
        advance();
        if (op == CmpOpKind::kNotIn || op == CmpOpKind::kIsNot) advance();
        ExprPtr right = parse_bitwise_or();
        if (!right) return nullptr;
        if (!cmp) {
            cmp = make(ExprKind::kCompare, start);
            cmp->value = std::move(left);
        }
        cmp->cmp_ops.push_back(op);
        cmp->elts.push_back(std::move(right));
    }
    if (!cmp) return left;
    cmp->span = span_from(start);
    return cmp;
}

namespace {

struct BinOpEntry {
    std::string_view text;
    BinOpKind kind;
};

}  // namespace

// The left-associative binary levels share one loop shape.
#define GRAMLAB_BINARY_LEVEL(fn, next, ...)                                              \
    ExprPtr Parser::fn() {                                                               \
        static constexpr BinOpEntry kOps[] = {__VA_ARGS__};                              \
        uint32_t start = cur().span.offset;                                              \
        ExprPtr left = next();                                                           \
        ChainDepth chain(*this);                                                         \
        while (left) {                                                                   \
            const BinOpEntry* hit = nullptr;                                             \
            if (cur().kind == TokenKind::kOp)                                            \
                for (const BinOpEntry& o : kOps)                                         \
                    if (cur().text == o.text) hit = &o;                                  \
            if (!hit) break;                                                             \
            if (!chain.step()) return nullptr;                                           \
            advance();                                                                   \
            ExprPtr right = next();                                                      \
            if (!right) return nullptr;                                                  \
            ExprPtr e = make(ExprKind::kBinOp, start);                                   \
            e->bin_op = hit->kind;                                                       \
            e->left = std::move(left);                                                   \
            e->right = std::move(right);                                                 \
            left = std::move(e);                                                         \
        }                                                                                \
        return left;                                                                     \
    }

GRAMLAB_BINARY_LEVEL(parse_bitwise_or, parse_bitwise_xor, {"|", BinOpKind::kBitOr})
GRAMLAB_BINARY_LEVEL(parse_bitwise_xor, parse_bitwise_and, {"^", BinOpKind::kBitXor})
GRAMLAB_BINARY_LEVEL(parse_bitwise_and, parse_shift, {"&", BinOpKind::kBitAnd})
GRAMLAB_BINARY_LEVEL(parse_shift, parse_sum, {"<<", BinOpKind::kLShift}, {">>", BinOpKind::kRShift})
GRAMLAB_BINARY_LEVEL(parse_sum, parse_term, {"+", BinOpKind::kAdd}, {"-", BinOpKind::kSub})
GRAMLAB_BINARY_LEVEL(parse_term, parse_factor, {"*", BinOpKind::kMult}, {"/", BinOpKind::kDiv},
                     {"//", BinOpKind::kFloorDiv}, {"%", BinOpKind::kMod}, {"@", BinOpKind::kMatMult})

#undef GRAMLAB_BINARY_LEVEL

// factor: ('+' | '-' | '~') factor | power
ExprPtr Parser::parse_factor() {
    UnaryOpKind op;
    if (at_op("-")) op = UnaryOpKind::kUSub;
    else if (at_op("+")) op = UnaryOpKind::kUAdd;
    else if (at_op("~")) op = UnaryOpKind::kInvert;
    else return parse_power();
    DepthGuard guard(*this);
    if (!guard) return nullptr;
    uint32_t start = cur().span.offset;
    advance();
    ExprPtr operand = parse_factor();
    if (!operand) return nullptr;
    ExprPtr e = make(ExprKind::kUnaryOp, start);
    e->unary_op = op;
    e->value = std::move(operand);
    return e;
}

// power: primary ['**' factor]   (right-associative through factor)
ExprPtr Parser::parse_power() {
    uint32_t start = cur().span.offset;
    ExprPtr base = parse_primary();
    if (!base || !at_op("**")) return base;
    DepthGuard guard(*this);
    if (!guard) return nullptr;
    advance();
    ExprPtr exponent = parse_factor();
    if (!exponent) return nullptr;
    ExprPtr e = make(ExprKind::kBinOp, start);
    e->bin_op = BinOpKind::kPow;
    e->left = std::move(base);
    e->right = std::move(exponent);
    return e;
}

// primary: atom ('.' NAME | '(' arguments ')' | '[' slices ']')*
ExprPtr Parser::parse_primary() {
    uint32_t start = cur().span.offset;
    ExprPtr e = parse_atom();
    ChainDepth chain(*this);
    while (e) {
        if ((at_op(".") || at_op("(") || at_op("[")) && !chain.step()) return nullptr;
        if (at_op(".")) {
            advance();
            if (!at_name()) return fail_here();
            ExprPtr attr = std::make_unique<Expr>(ExprKind::kAttribute);
            attr->id = std::string(cur().text);
            advance();
            attr->value = std::move(e);
            attr->span = span_from(start);
            e = std::move(attr);
        } else if (at_op("(")) {
            advance();
            ExprPtr call = std::make_unique<Expr>(ExprKind::kCall);
            if (!parse_call_arguments(call->elts, call->keywords, ")")) return nullptr;
            call->value = std::move(e);
            call->span = span_from(start);
            e = std::move(call);
        } else if (at_op("[")) {
            advance();
            ExprPtr slice = parse_subscript_slices();
            if (!slice) return nullptr;
            if (!accept_op("]")) return fail_here();
            ExprPtr sub = std::make_unique<Expr>(ExprKind::kSubscript);
            sub->value = std::move(e);
            sub->slice = std::move(slice);
            sub->span = span_from(start);
            e = std::move(sub);
        } else {
            break;
        }
    }
    return e;
}

// slices: slice (',' slice)* [',']  → one slice, or a Tuple of them
ExprPtr Parser::parse_subscript_slices() {
    uint32_t start = cur().span.offset;
    ExprPtr first = parse_slice();
    // `d[*keys]` is a tuple of one unpacked item, as with a trailing comma (PEP 646).
    if (!first || (!at_op(",") && first->kind != ExprKind::kStarred)) return first;
    ExprPtr tuple = make(ExprKind::kTuple, start);
    tuple->elts.push_back(std::move(first));
    while (accept_op(",")) {
        if (at_op("]")) break;
        ExprPtr e = parse_slice();
        if (!e) return nullptr;
        tuple->elts.push_back(std::move(e));
    }
    tuple->span = span_from(start);
    return tuple;
}

// slice: [expression] ':' [expression] [':' [expression]] | star_expression
ExprPtr Parser::parse_slice() {
    uint32_t start = cur().span.offset;
    ExprPtr lower;
    if (!at_op(":")) {
        lower = parse_star_expression();
        if (!lower || !at_op(":")) return lower;
    }
    advance();  // ':'
    ExprPtr s = std::make_unique<Expr>(ExprKind::kSlice);
    s->lower = std::move(lower);
    auto bound_follows = [this] { return !at_op(":") && !at_op(",") && !at_op("]"); };
    if (bound_follows()) {
        s->upper = parse_expression();
        if (!s->upper) return nullptr;
    }
    if (accept_op(":") && bound_follows()) {
        s->step = parse_expression();
        if (!s->step) return nullptr;
    }
    s->span = span_from(start);
    return s;
}

// arguments: positional, *iterable, name=value, **mapping; a lone generator needs no parens.
// Also used for class bases. REQUIRES: the opening bracket was consumed.
bool Parser::parse_call_arguments(std::vector<ExprPtr>& args, std::vector<Keyword>& keywords, const char* close) {
    bool seen_keyword = false, seen_double_star = false;
    while (!at_op(close)) {
        uint32_t start = cur().span.offset;
        if (at_op("*")) {
            if (seen_double_star) {
                fail("iterable argument unpacking follows keyword argument unpacking", cur().span);
                return false;
            }
            ExprPtr e = parse_star_expression();
            if (!e) return false;
            args.push_back(std::move(e));
        } else if (at_op("**")) {
            advance();
            ExprPtr value = parse_expression();
            if (!value) return false;
            Keyword kw;
            kw.value = std::move(value);
            kw.span = span_from(start);
            keywords.push_back(std::move(kw));
            seen_double_star = true;
        } else if (at_name() && peek().kind == TokenKind::kOp && peek().text == "=") {
            Keyword kw;
            kw.arg = std::string(cur().text);
            advance();
            advance();  // '='
            kw.value = parse_expression();
            if (!kw.value) return false;
            kw.span = span_from(start);
            keywords.push_back(std::move(kw));
            seen_keyword = true;
        } else {
            ExprPtr e = parse_expression();
            if (!e) return false;
            if (at_op("=")) {
                fail("expression cannot contain assignment, perhaps you meant \"==\"?",
                     SourceSpan::cover(e->span, cur().span));
                return false;
            }
            if (is_comprehension_or_close(*this)) {
                ExprPtr gen = make(ExprKind::kGeneratorExp, start);
                gen->value = std::move(e);
                if (!parse_comprehensions(gen->generators)) return false;
                gen->span = span_from(start);
                if (!args.empty() || !keywords.empty() || !at_op(close)) {
                    fail("Generator expression must be parenthesized", gen->span);
                    return false;
                }
                e = std::move(gen);
            }
            if (seen_keyword || seen_double_star) {
                fail(seen_double_star ? "positional argument follows keyword argument unpacking"
                                      : "positional argument follows keyword argument",
                     e->span);
                return false;
            }
            args.push_back(std::move(e));
        }
        if (accept_op(",")) continue;
        if (at_op(close)) break;
        if (at_expression_start()) {
            fail("invalid syntax. Perhaps you forgot a comma?", SourceSpan::cover(span_from(start), cur().span));
            return false;
        }
        fail_here();
        return false;
    }
    advance();  // the closing bracket
    return true;
}

// for_if_clauses: ('for' targets 'in' disjunction ('if' disjunction)*)+
bool Parser::parse_comprehensions(std::vector<Comprehension>& out) {
    while (at_kw("for") || at_kw("async")) {
        if (at_kw("async")) {
            fail("asynchronous comprehensions are not supported in gramlab", cur().span);
            return false;
        }
        advance();
        Comprehension c;
        c.target = parse_target_list(TargetContext::kComprehension);
        if (!c.target) return false;
        if (!accept_kw("in")) {
            fail_here();
            return false;
        }
        c.iter = parse_disjunction();
        if (!c.iter) return false;
        while (accept_kw("if")) {
            ExprPtr cond = parse_disjunction();
            if (!cond) return false;
            c.ifs.push_back(std::move(cond));
        }
        out.push_back(std::move(c));
    }
    return true;
}

// Targets of `for` and comprehensions: star_targets, parsed at bitwise-or level so `in` stops them.
ExprPtr Parser::parse_target_list(TargetContext ctx) {
    uint32_t start = cur().span.offset;
    auto one = [this]() -> ExprPtr {
        if (!at_op("*")) return parse_bitwise_or();
        uint32_t s = cur().span.offset;
        advance();
        ExprPtr v = parse_bitwise_or();
        if (!v) return nullptr;
        ExprPtr e = make(ExprKind::kStarred, s);
        e->value = std::move(v);
        return e;
    };
    ExprPtr first = one();
    if (!first) return nullptr;
    ExprPtr result;
    if (!at_op(",")) {
        result = std::move(first);
    } else {
        result = make(ExprKind::kTuple, start);
        result->elts.push_back(std::move(first));
        while (accept_op(",")) {
            if (at_kw("in") || at_op("=")) break;
            ExprPtr e = one();
            if (!e) return nullptr;
            result->elts.push_back(std::move(e));
        }
        result->span = span_from(start);
    }
    if (!check_target(*result, ctx)) return nullptr;
    return result;
}

// Reports CPython's message for an expression that cannot be assigned to / deleted.
bool Parser::check_target(const Expr& e, TargetContext ctx) {
    switch (e.kind) {
        case ExprKind::kName: case ExprKind::kAttribute: case ExprKind::kSubscript: return true;
        case ExprKind::kTuple: case ExprKind::kList:
            if (ctx == TargetContext::kAugAssign || ctx == TargetContext::kAnnAssign) break;
            for (const ExprPtr& el : e.elts)
                if (!check_target(*el, ctx)) return false;
            return true;
        case ExprKind::kStarred:
            if (ctx == TargetContext::kDelete) {
                fail("cannot delete starred", e.span);
                return false;
            }
            if (ctx == TargetContext::kAugAssign || ctx == TargetContext::kAnnAssign) break;
            return check_target(*e.value, ctx);
        default: break;
    }
    std::string name = expr_name(e);
    switch (ctx) {
        case TargetContext::kAugAssign:
            fail("'" + name + "' is an illegal expression for augmented assignment", e.span);
            break;
        case TargetContext::kAnnAssign:
            if (e.kind == ExprKind::kTuple || e.kind == ExprKind::kList)
                fail("only single target (not " + name + ") can be annotated", e.span);
            else
                fail("illegal target for annotation", e.span);
            break;
        case TargetContext::kDelete: fail("cannot delete " + name, e.span); break;
        case TargetContext::kAssign:
            if (e.kind == ExprKind::kConstant && e.const_kind != ConstKind::kInt && e.const_kind != ConstKind::kFloat &&
                e.const_kind != ConstKind::kStr && e.const_kind != ConstKind::kBytes)
                fail("cannot assign to " + name, e.span);
            else
                fail("cannot assign to " + name + " here. Maybe you meant '==' instead of '='?", e.span);
            break;
        default: fail("cannot assign to " + name, e.span); break;
    }
    return false;
}

// atom: NAME | True | False | None | strings | NUMBER | ... | (…) | […] | {…}
ExprPtr Parser::parse_atom() {
    const Token& t = cur();
    switch (t.kind) {
        case TokenKind::kName: {
            if (t.text == "True" || t.text == "False" || t.text == "None") {
                ExprPtr e = std::make_unique<Expr>(ExprKind::kConstant, t.span);
                e->const_kind = t.text == "None" ? ConstKind::kNone : ConstKind::kBool;
                e->bool_value = t.text == "True";
                advance();
                return e;
            }
            if (t.text == "yield" || t.text == "await" || t.text == "async")
                return fail("'" + std::string(t.text) + "' is not supported in gramlab", t.span);
            if (is_keyword(t.text)) return fail_here();
            ExprPtr e = std::make_unique<Expr>(ExprKind::kName, t.span);
            e->id = std::string(t.text);
            advance();
            return e;
        }
        case TokenKind::kNumber: {
            ExprPtr e = std::make_unique<Expr>(ExprKind::kConstant, t.span);
            if (t.is_float) {
                e->const_kind = ConstKind::kFloat;
                e->float_value = t.float_value;
            } else {
                e->const_kind = ConstKind::kInt;
                e->int_text = t.int_text;
            }
            advance();
            return e;
        }
        case TokenKind::kString: return parse_strings();
        case TokenKind::kOp:
            if (t.text == "(") return parse_paren();
            if (t.text == "[") return parse_list();
            if (t.text == "{") return parse_brace();
            if (t.text == "...") {
                ExprPtr e = std::make_unique<Expr>(ExprKind::kConstant, t.span);
                e->const_kind = ConstKind::kEllipsis;
                advance();
                return e;
            }
            return fail_here();
        default: return fail_here();
    }
}

// ( ) | (expr) | (a, b) | (x for x in y)
ExprPtr Parser::parse_paren() {
    uint32_t start = cur().span.offset;
    advance();
    if (accept_op(")")) return make(ExprKind::kTuple, start);
    ExprPtr first = parse_star_expression();
    if (!first) return nullptr;
    if (at_kw("for") || at_kw("async")) {
        ExprPtr gen = std::make_unique<Expr>(ExprKind::kGeneratorExp);
        gen->value = std::move(first);
        if (!parse_comprehensions(gen->generators)) return nullptr;
        if (!accept_op(")")) return fail_here();
        gen->span = span_from(start);
        return gen;
    }
    if (accept_op(")")) return first;  // a parenthesised expression keeps its own span (as CPython's)
    if (!at_op(",")) {
        if (at_expression_start())
            return fail("invalid syntax. Perhaps you forgot a comma?", SourceSpan::cover(first->span, cur().span));
        return fail_here();
    }
    ExprPtr tuple = std::make_unique<Expr>(ExprKind::kTuple);
    tuple->elts.push_back(std::move(first));
    while (accept_op(",")) {
        if (at_op(")")) break;
        ExprPtr e = parse_star_expression();
        if (!e) return nullptr;
        tuple->elts.push_back(std::move(e));
        if (!at_op(",") && !at_op(")")) {
            if (at_expression_start())
                return fail("invalid syntax. Perhaps you forgot a comma?",
                            SourceSpan::cover(tuple->elts.back()->span, cur().span));
            return fail_here();
        }
    }
    if (!accept_op(")")) return fail_here();
    tuple->span = span_from(start);
    return tuple;
}

// [ ] | [a, *b] | [x for x in y if c]
ExprPtr Parser::parse_list() {
    uint32_t start = cur().span.offset;
    advance();
    ExprPtr list = std::make_unique<Expr>(ExprKind::kList);
    while (!at_op("]")) {
        ExprPtr e = parse_star_expression();
        if (!e) return nullptr;
        if (list->elts.empty() && (at_kw("for") || at_kw("async"))) {
            ExprPtr comp = std::make_unique<Expr>(ExprKind::kListComp);
            comp->value = std::move(e);
            if (!parse_comprehensions(comp->generators)) return nullptr;
            if (!accept_op("]")) return fail_here();
            comp->span = span_from(start);
            return comp;
        }
        list->elts.push_back(std::move(e));
        if (accept_op(",")) continue;
        if (at_op("]")) break;
        if (at_expression_start())
            return fail("invalid syntax. Perhaps you forgot a comma?",
                        SourceSpan::cover(list->elts.back()->span, cur().span));
        return fail_here();
    }
    advance();
    list->span = span_from(start);
    return list;
}

// The `for ... in ... if ...` clauses and the closing brace of {x for ...} / {k: v for ...}.
ExprPtr Parser::finish_brace_comprehension(ExprPtr comp, uint32_t start) {
    if (!parse_comprehensions(comp->generators)) return nullptr;
    if (!accept_op("}")) return fail_here();
    comp->span = span_from(start);
    return comp;
}

// { } | {k: v, **m} | {a, b} | {x for ...} | {k: v for ...}
ExprPtr Parser::parse_brace() {
    uint32_t start = cur().span.offset;
    advance();
    ExprPtr node;
    while (!at_op("}")) {
        uint32_t item_start = cur().span.offset;
        if (at_op("**")) {
            if (node && node->kind == ExprKind::kSet) return fail_here();
            advance();
            ExprPtr m = parse_bitwise_or();
            if (!m) return nullptr;
            if (!node && (at_kw("for") || at_kw("async")))
                return fail("dict unpacking cannot be used in dict comprehension", span_from(item_start));
            if (!node) node = std::make_unique<Expr>(ExprKind::kDict);
            node->keys.push_back(nullptr);
            node->elts.push_back(std::move(m));
        } else {
            ExprPtr k = parse_star_expression();
            if (!k) return nullptr;
            if (!node) node = std::make_unique<Expr>(at_op(":") ? ExprKind::kDict : ExprKind::kSet);
            if (node->kind == ExprKind::kDict) {
                if (!accept_op(":")) {
                    if (at_op(",") || at_op("}")) return fail("':' expected after dictionary key", k->span);
                    return fail_here();
                }
                ExprPtr v = parse_expression();
                if (!v) return nullptr;
                if (node->keys.empty() && (at_kw("for") || at_kw("async"))) {
                    ExprPtr comp = std::make_unique<Expr>(ExprKind::kDictComp);
                    comp->left = std::move(k);
                    comp->value = std::move(v);
                    return finish_brace_comprehension(std::move(comp), start);
                }
                node->keys.push_back(std::move(k));
                node->elts.push_back(std::move(v));
            } else {
                if (node->elts.empty() && (at_kw("for") || at_kw("async"))) {
                    if (k->kind == ExprKind::kStarred) return fail("iterable unpacking cannot be used in comprehension", k->span);
                    ExprPtr comp = std::make_unique<Expr>(ExprKind::kSetComp);
                    comp->value = std::move(k);
                    return finish_brace_comprehension(std::move(comp), start);
                }
                if (at_op(":")) return fail_here();
                node->elts.push_back(std::move(k));
            }
        }
        if (accept_op(",")) continue;
        if (at_op("}")) break;
        if (at_expression_start())
            return fail("invalid syntax. Perhaps you forgot a comma?", SourceSpan::cover(span_from(item_start), cur().span));
        return fail_here();
    }
    advance();
    if (!node) node = std::make_unique<Expr>(ExprKind::kDict);
    node->span = span_from(start);
    return node;
}

// Adjacent literals concatenate: 'a' 'b' → 'ab'; any f-string among them makes a JoinedStr.
ExprPtr Parser::parse_strings() {
    uint32_t start = cur().span.offset;
    bool any_f = false, any_bytes = false, any_str = false;
    size_t first = pos_;
    while (at(TokenKind::kString)) {
        const Token& t = cur();
        any_f = any_f || t.is_fstring;
        (t.is_bytes ? any_bytes : any_str) = true;
        advance();
    }
    size_t last = pos_;
    if (any_bytes && any_str) return fail("cannot mix bytes and nonbytes literals", SourceSpan{prev_end_, 0});
    if (!any_f) {
        ExprPtr e = make(ExprKind::kConstant, start);
        e->const_kind = any_bytes ? ConstKind::kBytes : ConstKind::kStr;
        for (size_t i = first; i < last; ++i) e->id += tokens_[i].value;
        return e;
    }
    ExprPtr joined = make(ExprKind::kJoinedStr, start);
    std::string literal;
    SourceSpan literal_span;
    for (size_t i = first; i < last; ++i) {
        const Token& t = tokens_[i];
        if (!t.is_fstring) {
            literal += t.value;
            literal_span = SourceSpan::cover(literal_span, t.span);
            continue;
        }
        if (!parse_fstring_token(t, joined->elts, literal, literal_span)) {
            failed_ = true;
            return nullptr;
        }
    }
    if (!literal.empty()) {
        ExprPtr c = std::make_unique<Expr>(ExprKind::kConstant, literal_span);
        c->const_kind = ConstKind::kStr;
        c->id = std::move(literal);
        joined->elts.push_back(std::move(c));
    }
    return joined;
}

}  // namespace gramlab::py::detail

// Expression → Python source, like Python's ast.unparse: strings in repr() form, parentheses
// only where precedence needs them (precedence table of Lib/ast.py's _Precedence), tuples
// always parenthesised except as a subscript.
//   BinOp(Mult, BinOp(Add, a, b), c)  →  "(a + b) * c"
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/python/lexer.hpp"
#include "core/python/parser.hpp"

namespace gramlab::py {

namespace {

// Lib/ast.py _Precedence, lowest first.
enum Prec : int {
    kTuple = 0, kTest, kOr, kAnd, kNot, kCmp, kBor, kBxor, kBand, kShift, kArith, kTerm, kFactor, kPower, kAtom,
};

int binop_prec(BinOpKind op) {
    switch (op) {
        case BinOpKind::kAdd: case BinOpKind::kSub: return kArith;
        case BinOpKind::kMult: case BinOpKind::kDiv: case BinOpKind::kFloorDiv: case BinOpKind::kMod:
        case BinOpKind::kMatMult: return kTerm;
        case BinOpKind::kPow: return kPower;
        case BinOpKind::kBitAnd: return kBand;
        case BinOpKind::kBitOr: return kBor;
        case BinOpKind::kBitXor: return kBxor;
        case BinOpKind::kLShift: case BinOpKind::kRShift: return kShift;
    }
    return kArith;
}

const char* binop_text(BinOpKind op) {
    switch (op) {
        case BinOpKind::kAdd: return "+";
        case BinOpKind::kSub: return "-";
        case BinOpKind::kMult: return "*";
        case BinOpKind::kDiv: return "/";
        case BinOpKind::kFloorDiv: return "//";
        case BinOpKind::kMod: return "%";
        case BinOpKind::kPow: return "**";
        case BinOpKind::kMatMult: return "@";
        case BinOpKind::kBitAnd: return "&";
        case BinOpKind::kBitOr: return "|";
        case BinOpKind::kBitXor: return "^";
        case BinOpKind::kLShift: return "<<";
        case BinOpKind::kRShift: return ">>";
    }
    return "?";
}

const char* cmpop_text(CmpOpKind op) {
    switch (op) {
        case CmpOpKind::kEq: return "==";
        case CmpOpKind::kNotEq: return "!=";
        case CmpOpKind::kLt: return "<";
        case CmpOpKind::kLtE: return "<=";
        case CmpOpKind::kGt: return ">";
        case CmpOpKind::kGtE: return ">=";
        case CmpOpKind::kIs: return "is";
        case CmpOpKind::kIsNot: return "is not";
        case CmpOpKind::kIn: return "in";
        case CmpOpKind::kNotIn: return "not in";
    }
    return "?";
}

void append_hex_escape(std::string* out, const char* fmt, uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, fmt, static_cast<unsigned>(v));
    *out += buf;
}

// Escapes one character the way repr() does; `quote` is the delimiter in use (0: none).
void escape_into(std::string_view s, char quote, bool bytes, std::string* out) {
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '\\') { *out += "\\\\"; ++i; continue; }
        if (quote && c == static_cast<unsigned char>(quote)) { *out += '\\'; *out += quote; ++i; continue; }
        if (c == '\n') { *out += "\\n"; ++i; continue; }
        if (c == '\r') { *out += "\\r"; ++i; continue; }
        if (c == '\t') { *out += "\\t"; ++i; continue; }
        if (c < 0x20 || c == 0x7F) { append_hex_escape(out, "\\x%02x", c); ++i; continue; }
        if (c < 0x80) { *out += static_cast<char>(c); ++i; continue; }
        if (bytes) { append_hex_escape(out, "\\x%02x", c); ++i; continue; }
        uint32_t cp = 0;
        int n = decode_utf8(s, i, &cp);
        if (n == 0) {  // lone surrogate or stray byte: show the byte
            append_hex_escape(out, "\\x%02x", c);
            ++i;
            continue;
        }
        if (cp <= 0xA0 || cp == 0xAD) append_hex_escape(out, "\\x%02x", cp);
        else if ((cp >= 0x2028 && cp <= 0x2029) || cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200F))
            append_hex_escape(out, "\\u%04x", cp);
        else out->append(s.substr(i, static_cast<size_t>(n)));
        i += static_cast<size_t>(n);
    }
}

// repr() of a str/bytes value: single quotes unless the text has ' and no ".
std::string string_repr(std::string_view s, bool bytes) {
    bool has_single = s.find('\'') != std::string_view::npos;
    bool has_double = s.find('"') != std::string_view::npos;
    char quote = (has_single && !has_double) ? '"' : '\'';
    std::string out = bytes ? "b" : "";
    out += quote;
    escape_into(s, quote, bytes, &out);
    out += quote;
    return out;
}

// repr() of a float: shortest round-tripping digits, exponent form outside 1e-4 <= |x| < 1e16.
std::string float_repr(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "1e309" : "-1e309";  // ast.unparse's spelling of inf
    char buf[64];
    int prec = 1;
    for (; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    std::string s = buf;  // d.ddde±XX
    bool neg = !s.empty() && s[0] == '-';
    if (neg) s.erase(0, 1);
    size_t e_pos = s.find('e');
    std::string digits = s.substr(0, e_pos);
    int exp = std::atoi(s.c_str() + e_pos + 1);
    if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    std::string out = neg ? "-" : "";
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            out += "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
        } else if (static_cast<int>(digits.size()) <= exp + 1) {
            out += digits + std::string(static_cast<size_t>(exp + 1) - digits.size(), '0') + ".0";
        } else {
            out += digits.substr(0, static_cast<size_t>(exp + 1)) + "." + digits.substr(static_cast<size_t>(exp + 1));
        }
        return out;
    }
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    return out + ebuf;
}

class Unparser {
public:
    std::string out;

    void expr(const Expr& e, int prec) {
        switch (e.kind) {
            case ExprKind::kName: out += e.id; return;
            case ExprKind::kConstant: constant(e); return;
            case ExprKind::kJoinedStr: joined_str(e); return;
            case ExprKind::kFormattedValue: joined_str(e); return;
            case ExprKind::kAttribute:
                expr(*e.value, kAtom);
                if (e.value->kind == ExprKind::kConstant && e.value->const_kind == ConstKind::kInt) out += ' ';
                out += '.';
                out += e.id;
                return;
            case ExprKind::kSubscript:
                expr(*e.value, kAtom);
                out += '[';
                if (e.slice->kind == ExprKind::kTuple && !e.slice->elts.empty()) {
                    items(e.slice->elts);
                    if (e.slice->elts.size() == 1) out += ',';
                } else {
                    expr(*e.slice, kTuple);
                }
                out += ']';
                return;
            case ExprKind::kSlice:
                if (e.lower) expr(*e.lower, kTest);
                out += ':';
                if (e.upper) expr(*e.upper, kTest);
                if (e.step) {
                    out += ':';
                    expr(*e.step, kTest);
                }
                return;
            case ExprKind::kCall: call(e); return;
            case ExprKind::kBinOp: {
                int p = binop_prec(e.bin_op);
                bool right_assoc = e.bin_op == BinOpKind::kPow;
                open(prec > p);
                expr(*e.left, right_assoc ? p + 1 : p);
                out += ' ';
                out += binop_text(e.bin_op);
                out += ' ';
                expr(*e.right, right_assoc ? p : p + 1);
                close(prec > p);
                return;
            }
            case ExprKind::kUnaryOp: {
                int p = e.unary_op == UnaryOpKind::kNot ? kNot : kFactor;
                open(prec > p);
                out += e.unary_op == UnaryOpKind::kNot ? "not " : e.unary_op == UnaryOpKind::kUSub ? "-"
                       : e.unary_op == UnaryOpKind::kUAdd ? "+" : "~";
                expr(*e.value, p);
                close(prec > p);
                return;
            }
            case ExprKind::kBoolOp: {
                int p = e.bool_op == BoolOpKind::kAnd ? kAnd : kOr;
                open(prec > p);
                for (size_t i = 0; i < e.elts.size(); ++i) {
                    if (i) out += e.bool_op == BoolOpKind::kAnd ? " and " : " or ";
                    expr(*e.elts[i], p + 1);
                }
                close(prec > p);
                return;
            }
            case ExprKind::kCompare:
                open(prec > kCmp);
                expr(*e.value, kCmp + 1);
                for (size_t i = 0; i < e.cmp_ops.size() && i < e.elts.size(); ++i) {
                    out += ' ';
                    out += cmpop_text(e.cmp_ops[i]);
                    out += ' ';
                    expr(*e.elts[i], kCmp + 1);
                }
                close(prec > kCmp);
                return;
            case ExprKind::kList:
                out += '[';
                items(e.elts);
                out += ']';
                return;
            case ExprKind::kTuple:
                out += '(';
                items(e.elts);
                if (e.elts.size() == 1) out += ',';
                out += ')';
                return;
            case ExprKind::kSet:
                if (e.elts.empty()) {
                    out += "{*()}";
                    return;
                }
                out += '{';
                items(e.elts);
                out += '}';
                return;
            case ExprKind::kDict:
                out += '{';
                for (size_t i = 0; i < e.elts.size(); ++i) {
                    if (i) out += ", ";
                    if (i < e.keys.size() && e.keys[i]) {
                        expr(*e.keys[i], kTest);
                        out += ": ";
                        expr(*e.elts[i], kTest);
                    } else {
                        out += "**";
                        expr(*e.elts[i], kBor + 1);
                    }
                }
                out += '}';
                return;
            case ExprKind::kIfExp:
                open(prec > kTest);
                expr(*e.value, kTest + 1);
                out += " if ";
                expr(*e.test, kTest + 1);
                out += " else ";
                expr(*e.orelse, kTest);
                close(prec > kTest);
                return;
            case ExprKind::kLambda:
                open(prec > kTest);
                out += "lambda";
                if (e.args_def) {
                    size_t before = out.size();
                    out += ' ';
                    arguments(*e.args_def);
                    if (out.size() == before + 1) out.pop_back();
                }
                out += ": ";
                expr(*e.value, kTest);
                close(prec > kTest);
                return;
            case ExprKind::kStarred:
                out += '*';
                expr(*e.value, kBor);
                return;
            case ExprKind::kListComp:
                out += '[';
                expr(*e.value, kTest);
                comprehensions(e);
                out += ']';
                return;
            case ExprKind::kGeneratorExp:
                out += '(';
                expr(*e.value, kTest);
                comprehensions(e);
                out += ')';
                return;
            case ExprKind::kSetComp:
                out += '{';
                expr(*e.value, kTest);
                comprehensions(e);
                out += '}';
                return;
            case ExprKind::kDictComp:
                out += '{';
                expr(*e.left, kTest);
                out += ": ";
                expr(*e.value, kTest);
                comprehensions(e);
                out += '}';
                return;
        }
    }

    void arguments(const Arguments& a) {
        bool first = true;
        auto sep = [&] {
            if (!first) out += ", ";
            first = false;
        };
        auto arg = [&](const Arg& x) {
            sep();
            out += x.name;
            if (x.annotation) {
                out += ": ";
                expr(*x.annotation, kTest);
            }
            if (x.default_value) {
                out += x.annotation ? " = " : "=";
                expr(*x.default_value, kTest);
            }
        };
        for (const Arg& x : a.posonly) arg(x);
        if (!a.posonly.empty()) {
            sep();
            out += '/';
        }
        for (const Arg& x : a.args) arg(x);
        if (a.vararg || !a.kwonly.empty()) {
            sep();
            out += '*';
            if (a.vararg) {
                out += a.vararg->name;
                if (a.vararg->annotation) {
                    out += ": ";
                    expr(*a.vararg->annotation, kTest);
                }
            }
        }
        for (const Arg& x : a.kwonly) arg(x);
        if (a.kwarg) {
            sep();
            out += "**" + a.kwarg->name;
            if (a.kwarg->annotation) {
                out += ": ";
                expr(*a.kwarg->annotation, kTest);
            }
        }
    }

private:
    void open(bool paren) {
        if (paren) out += '(';
    }
    void close(bool paren) {
        if (paren) out += ')';
    }

    void items(const std::vector<ExprPtr>& elts) {
        for (size_t i = 0; i < elts.size(); ++i) {
            if (i) out += ", ";
            expr(*elts[i], kTest);
        }
    }

    void constant(const Expr& e) {
        switch (e.const_kind) {
            case ConstKind::kNone: out += "None"; return;
            case ConstKind::kBool: out += e.bool_value ? "True" : "False"; return;
            case ConstKind::kInt: out += e.int_text.empty() ? "0" : e.int_text; return;
            case ConstKind::kFloat: out += float_repr(e.float_value); return;
            case ConstKind::kStr: out += string_repr(e.id, false); return;
            case ConstKind::kBytes: out += string_repr(e.id, true); return;
            case ConstKind::kEllipsis: out += "..."; return;
        }
    }

    void call(const Expr& e) {
        expr(*e.value, kAtom);
        out += '(';
        bool first = true;
        if (e.elts.size() == 1 && e.keywords.empty() && e.elts[0]->kind == ExprKind::kGeneratorExp) {
            const Expr& g = *e.elts[0];
            expr(*g.value, kTest);
            comprehensions(g);
            out += ')';
            return;
        }
        for (const ExprPtr& a : e.elts) {
            if (!first) out += ", ";
            first = false;
            expr(*a, kTest);
        }
        for (const Keyword& k : e.keywords) {
            if (!first) out += ", ";
            first = false;
            if (k.arg.empty()) {
                out += "**";
                expr(*k.value, kBor + 1);
            } else {
                out += k.arg + "=";
                expr(*k.value, kTest);
            }
        }
        out += ')';
    }

    void comprehensions(const Expr& e) {
        for (const Comprehension& c : e.generators) {
            out += " for ";
            if (c.target->kind == ExprKind::kTuple && !c.target->elts.empty()) {
                items(c.target->elts);
                if (c.target->elts.size() == 1) out += ',';
            } else {
                expr(*c.target, kTuple);
            }
            out += " in ";
            expr(*c.iter, kTest + 1);
            for (const ExprPtr& cond : c.ifs) {
                out += " if ";
                expr(*cond, kTest + 1);
            }
        }
    }

    // {value!conv:spec} of one FormattedValue.
    static std::string field_text(const Expr& fv) {
        std::string b = "{";
        if (fv.value) {
            Unparser inner;
            inner.expr(*fv.value, kTest + 1);
            if (!inner.out.empty() && inner.out[0] == '{') b += ' ';
            b += inner.out;
        }
        if (fv.conversion) {
            b += '!';
            b += fv.conversion;
        }
        if (fv.format_spec) {
            b += ':';
            for (const ExprPtr& p : fv.format_spec->elts) {
                if (!p) continue;
                if (p->kind == ExprKind::kFormattedValue) b += field_text(*p);
                else append_literal(p->id, 0, &b);
            }
        }
        return b + "}";
    }

    static void append_literal(const std::string& text, char quote, std::string* b) {
        std::string esc;
        escape_into(text, quote, false, &esc);
        for (char c : esc) {
            if (c == '{') *b += "{{";
            else if (c == '}') *b += "}}";
            else *b += c;
        }
    }

    // f'...': pick the first quote style no field uses, then escape the literal text for it.
    void joined_str(const Expr& e) {
        std::string fields;
        bool literal_single = false, literal_double = false;
        std::vector<const Expr*> parts;
        if (e.kind == ExprKind::kFormattedValue) parts.push_back(&e);
        for (const ExprPtr& p : e.elts)
            if (p) parts.push_back(p.get());
        for (const Expr* p : parts) {
            if (p->kind == ExprKind::kFormattedValue) {
                fields += field_text(*p);
            } else {
                literal_single = literal_single || p->id.find('\'') != std::string::npos;
                literal_double = literal_double || p->id.find('"') != std::string::npos;
            }
        }
        std::string quote = "'";
        if (fields.find('\'') != std::string::npos || (literal_single && !literal_double)) quote = "\"";
        if (quote == "\"" && fields.find('"') != std::string::npos) quote = "'''";
        out += 'f';
        out += quote;
        for (const Expr* p : parts) {
            if (p->kind == ExprKind::kFormattedValue) out += field_text(*p);
            else append_literal(p->id, quote.size() == 1 ? quote[0] : 0, &out);
        }
        out += quote;
    }
};

}  // namespace

std::string unparse(const Expr& e) {
    Unparser u;
    u.expr(e, 0);
    return u.out;
}

}  // namespace gramlab::py

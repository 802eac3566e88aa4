// The abstract syntax tree of the Python subset gramlab understands: what models.py,
// migration files, settings.py and shell statements are made of. Node names follow
// Python's own `ast` module so learners (and contributors) recognise them.
// Every node carries the SourceSpan of the text it came from.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/common/source_span.hpp"

namespace gramlab::py {

// ---------------------------------------------------------------- expressions

enum class ExprKind {
    kName,       // id
    kConstant,   // 1, 2.5, 'text', b'..', True, False, None, ...
    kJoinedStr,  // f'...{value}...'  (values holds Constant(str) and FormattedValue parts)
    kFormattedValue,  // {value!conv:spec} inside an f-string
    kAttribute,  // value.attr
    kSubscript,  // value[index]
    kSlice,      // lower:upper:step (only inside Subscript)
    kCall,       // func(args, keywords)
    kBinOp,      // left op right
    kUnaryOp,    // op operand
    kBoolOp,     // a and b / a or b (values)
    kCompare,    // left ops[0] comparators[0] ...
    kList,       // [elts]
    kTuple,      // (elts)
    kDict,       // {keys: values}
    kSet,        // {elts}
    kIfExp,      // body if test else orelse
    kLambda,     // lambda args: body
    kStarred,    // *value (in calls and targets)
    kListComp,   // [elt for target in iter if cond]
    kGeneratorExp,  // (elt for target in iter if cond)
    kSetComp,    // {elt for target in iter if cond}
    kDictComp,   // {key: value for target in iter if cond}
};

enum class ConstKind { kNone, kBool, kInt, kFloat, kStr, kBytes, kEllipsis };

enum class BinOpKind { kAdd, kSub, kMult, kDiv, kFloorDiv, kMod, kPow, kMatMult, kBitAnd, kBitOr, kBitXor, kLShift, kRShift };
enum class UnaryOpKind { kNot, kUSub, kUAdd, kInvert };
enum class BoolOpKind { kAnd, kOr };
enum class CmpOpKind { kEq, kNotEq, kLt, kLtE, kGt, kGtE, kIs, kIsNot, kIn, kNotIn };

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Keyword {
    std::string arg;  // empty for **kwargs
    ExprPtr value;
    SourceSpan span;
};

struct Comprehension {
    ExprPtr target;
    ExprPtr iter;
    std::vector<ExprPtr> ifs;
};

struct Arguments;  // lambda / def parameters, defined below

struct Expr {
    ExprKind kind;
    SourceSpan span;

    // Name / Attribute.attr / Constant string value (decoded) / FormattedValue spec
    std::string id;
    // Constant
    ConstKind const_kind = ConstKind::kNone;
    bool bool_value = false;
    std::string int_text;  // integers are kept as decimal text: Python ints are unbounded
    double float_value = 0.0;
    // FormattedValue conversion: 0, 's', 'r', 'a'
    char conversion = 0;

    // Children (meaning depends on kind):
    //   Attribute: value;  Subscript: value, slice;  Call: func, args, keywords
    //   BinOp: left, right;  UnaryOp: operand(value);  Compare: left(value), comparators
    //   Slice: lower, upper, step (any may be null);  IfExp: test, body(value), orelse
    //   Lambda: args_def, body(value);  Starred: value;  FormattedValue: value, format_spec
    //   ListComp/GeneratorExp/SetComp: value = elt, generators;  DictComp: left = key, value, generators
    ExprPtr value;
    ExprPtr left;
    ExprPtr right;
    ExprPtr slice;
    ExprPtr lower, upper, step;
    ExprPtr test, orelse;
    ExprPtr format_spec;  // a JoinedStr
    std::vector<ExprPtr> elts;         // List, Tuple, Set, BoolOp values, JoinedStr parts, Call args, Compare comparators
    std::vector<ExprPtr> keys;         // Dict keys (null entry = **mapping)
    std::vector<Keyword> keywords;     // Call
    std::vector<Comprehension> generators;
    std::shared_ptr<Arguments> args_def;  // Lambda (shared_ptr: Arguments is incomplete here)

    BinOpKind bin_op = BinOpKind::kAdd;
    UnaryOpKind unary_op = UnaryOpKind::kNot;
    BoolOpKind bool_op = BoolOpKind::kAnd;
    std::vector<CmpOpKind> cmp_ops;

    // Constant in a shell statement: the interpreter's object for it, made once when the
    // statement is first parsed (as CPython keeps a code object's constants) and reused each
    // time the statement runs. Opaque here; null in ASTs that sessions share (models.py).
    std::shared_ptr<void> runtime_constant;

    explicit Expr(ExprKind k, SourceSpan s = {}) : kind(k), span(s) {}
};

struct Arg {
    std::string name;
    ExprPtr annotation;  // may be null
    ExprPtr default_value;  // may be null
    SourceSpan span;
};

//! def f(a, b=1, *args, c, d=2, **kwargs)
struct Arguments {
    std::vector<Arg> posonly;   // before '/'
    std::vector<Arg> args;      // positional-or-keyword
    std::unique_ptr<Arg> vararg;   // *args (null if absent)
    std::vector<Arg> kwonly;    // after * or *args
    std::unique_ptr<Arg> kwarg;    // **kwargs (null if absent)
};

// ---------------------------------------------------------------- statements

enum class StmtKind {
    kExpr, kAssign, kAugAssign, kAnnAssign, kPass, kBreak, kContinue, kReturn, kRaise,
    kDelete, kAssert, kGlobal, kNonlocal, kImport, kImportFrom,
    kIf, kFor, kWhile, kTry, kWith, kFunctionDef, kClassDef,
};

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;

struct Alias {
    std::string name;    // dotted module or imported name
    std::string asname;  // empty if none
    SourceSpan span;
};

struct ExceptHandler {
    ExprPtr type;  // null for bare except
    std::string name;
    std::vector<StmtPtr> body;
    SourceSpan span;
};

struct WithItem {
    ExprPtr context_expr;
    ExprPtr optional_vars;  // may be null
};

struct Stmt {
    StmtKind kind;
    SourceSpan span;

    // Expr / Return / AugAssign / AnnAssign / Assign value; Raise exc; Assert test
    ExprPtr value;
    // Assign: targets (a = b = 1); AugAssign/AnnAssign/For/Delete: targets[0..]
    std::vector<ExprPtr> targets;
    BinOpKind aug_op = BinOpKind::kAdd;
    ExprPtr annotation;  // AnnAssign
    ExprPtr cause;       // raise X from cause; Assert msg
    // If/While: test; For: iter (in `value`) and target (targets[0])
    ExprPtr test;
    std::vector<StmtPtr> body;
    std::vector<StmtPtr> orelse;
    std::vector<StmtPtr> finalbody;
    std::vector<ExceptHandler> handlers;
    std::vector<WithItem> items;
    // Import/ImportFrom
    std::string module;  // ImportFrom module ("" for `from . import x`)
    int level = 0;       // number of leading dots in ImportFrom
    std::vector<Alias> names;
    // Global/Nonlocal names use `names[i].name`
    // FunctionDef/ClassDef
    std::string name;
    SourceSpan name_span;
    std::unique_ptr<Arguments> args;        // FunctionDef
    std::vector<ExprPtr> bases;             // ClassDef
    std::vector<Keyword> class_keywords;    // ClassDef (metaclass=...)
    std::vector<ExprPtr> decorators;
    ExprPtr returns;                        // FunctionDef annotation

    explicit Stmt(StmtKind k, SourceSpan s = {}) : kind(k), span(s) {}
};

//! A parsed file or shell input.
struct Module {
    std::vector<StmtPtr> body;
};

}  // namespace gramlab::py

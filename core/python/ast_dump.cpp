// Renders a py::Module / py::Expr as compact text for tests and debugging: node names from
// Python's ast module, children positional, empty parts left out, one statement per line.
//   If(Compare(Name(x), [Gt], [Constant(1)]))
//     Return(Name(x))
#include "core/python/ast_dump.hpp"

#include "core/python/parser.hpp"

namespace gramlab::py {

namespace {

const char* binop_name(BinOpKind op) {
    switch (op) {
        case BinOpKind::kAdd: return "Add";
        case BinOpKind::kSub: return "Sub";
        case BinOpKind::kMult: return "Mult";
        case BinOpKind::kDiv: return "Div";
        case BinOpKind::kFloorDiv: return "FloorDiv";
        case BinOpKind::kMod: return "Mod";
        case BinOpKind::kPow: return "Pow";
        case BinOpKind::kMatMult: return "MatMult";
        case BinOpKind::kBitAnd: return "BitAnd";
        case BinOpKind::kBitOr: return "BitOr";
        case BinOpKind::kBitXor: return "BitXor";
        case BinOpKind::kLShift: return "LShift";
        case BinOpKind::kRShift: return "RShift";
    }
    return "?";
}

const char* unaryop_name(UnaryOpKind op) {
    switch (op) {
        case UnaryOpKind::kNot: return "Not";
        case UnaryOpKind::kUSub: return "USub";
        case UnaryOpKind::kUAdd: return "UAdd";
        case UnaryOpKind::kInvert: return "Invert";
    }
    return "?";
}

const char* cmpop_name(CmpOpKind op) {
    switch (op) {
        case CmpOpKind::kEq: return "Eq";
        case CmpOpKind::kNotEq: return "NotEq";
        case CmpOpKind::kLt: return "Lt";
        case CmpOpKind::kLtE: return "LtE";
        case CmpOpKind::kGt: return "Gt";
        case CmpOpKind::kGtE: return "GtE";
        case CmpOpKind::kIs: return "Is";
        case CmpOpKind::kIsNot: return "IsNot";
        case CmpOpKind::kIn: return "In";
        case CmpOpKind::kNotIn: return "NotIn";
    }
    return "?";
}

std::string opt(const ExprPtr& e) { return e ? dump(*e) : "None"; }

std::string list(const std::vector<ExprPtr>& v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) s += ", ";
        s += opt(v[i]);
    }
    return s + "]";
}

std::string keywords(const std::vector<Keyword>& kws) {
    std::string s = "[";
    for (size_t i = 0; i < kws.size(); ++i) {
        if (i) s += ", ";
        s += kws[i].arg.empty() ? "**" : kws[i].arg + "=";
        s += opt(kws[i].value);
    }
    return s + "]";
}

std::string arg(const Arg& a) {
    std::string s = a.name;
    if (a.annotation) s += ": " + dump(*a.annotation);
    if (a.default_value) s += "=" + dump(*a.default_value);
    return s;
}

std::string args_list(const std::vector<Arg>& v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) s += ", ";
        s += arg(v[i]);
    }
    return s + "]";
}

std::string arguments(const Arguments* a) {
    if (!a) return "arguments()";
    std::string parts;
    auto add = [&](const std::string& p) {
        if (!parts.empty()) parts += ", ";
        parts += p;
    };
    if (!a->posonly.empty()) add("posonly=" + args_list(a->posonly));
    if (!a->args.empty()) add("args=" + args_list(a->args));
    if (a->vararg) add("vararg=" + arg(*a->vararg));
    if (!a->kwonly.empty()) add("kwonly=" + args_list(a->kwonly));
    if (a->kwarg) add("kwarg=" + arg(*a->kwarg));
    return "arguments(" + parts + ")";
}

std::string comprehensions(const std::vector<Comprehension>& gens) {
    std::string s = "[";
    for (size_t i = 0; i < gens.size(); ++i) {
        if (i) s += ", ";
        s += "comprehension(" + opt(gens[i].target) + ", " + opt(gens[i].iter);
        if (!gens[i].ifs.empty()) s += ", " + list(gens[i].ifs);
        s += ")";
    }
    return s + "]";
}

void stmts(const std::vector<StmtPtr>& body, int indent, std::string& out);

void label(const std::string& text, int indent, std::string& out) {
    out.append(static_cast<size_t>(indent), ' ');
    out += text + "\n";
}

void stmt(const Stmt& s, int indent, std::string& out) {
    std::string line;
    switch (s.kind) {
        case StmtKind::kExpr: line = "Expr(" + opt(s.value) + ")"; break;
        case StmtKind::kAssign: line = "Assign(" + list(s.targets) + ", " + opt(s.value) + ")"; break;
        case StmtKind::kAugAssign:
            line = "AugAssign(" + (s.targets.empty() ? "None" : opt(s.targets[0])) + ", " + binop_name(s.aug_op) +
                   ", " + opt(s.value) + ")";
            break;
        case StmtKind::kAnnAssign:
            line = "AnnAssign(" + (s.targets.empty() ? "None" : opt(s.targets[0])) + ", " + opt(s.annotation);
            if (s.value) line += ", " + dump(*s.value);
            line += ")";
            break;
        case StmtKind::kPass: line = "Pass"; break;
        case StmtKind::kBreak: line = "Break"; break;
        case StmtKind::kContinue: line = "Continue"; break;
        case StmtKind::kReturn: line = s.value ? "Return(" + dump(*s.value) + ")" : "Return"; break;
        case StmtKind::kRaise:
            line = "Raise";
            if (s.value) line += "(" + dump(*s.value) + (s.cause ? ", " + dump(*s.cause) : "") + ")";
            break;
        case StmtKind::kDelete: line = "Delete(" + list(s.targets) + ")"; break;
        case StmtKind::kAssert:
            line = "Assert(" + opt(s.value) + (s.cause ? ", " + dump(*s.cause) : "") + ")";
            break;
        case StmtKind::kGlobal: case StmtKind::kNonlocal: case StmtKind::kImport: case StmtKind::kImportFrom: {
            std::string names = "[";
            for (size_t i = 0; i < s.names.size(); ++i) {
                if (i) names += ", ";
                names += s.names[i].name;
                if (!s.names[i].asname.empty()) names += " as " + s.names[i].asname;
            }
            names += "]";
            if (s.kind == StmtKind::kGlobal) line = "Global(" + names + ")";
            else if (s.kind == StmtKind::kNonlocal) line = "Nonlocal(" + names + ")";
            else if (s.kind == StmtKind::kImport) line = "Import(" + names + ")";
            else line = "ImportFrom(" + std::string(static_cast<size_t>(s.level), '.') + s.module + ", " + names + ")";
            break;
        }
        case StmtKind::kIf: line = "If(" + opt(s.test) + ")"; break;
        case StmtKind::kWhile: line = "While(" + opt(s.test) + ")"; break;
        case StmtKind::kFor:
            line = "For(" + (s.targets.empty() ? "None" : opt(s.targets[0])) + ", " + opt(s.value) + ")";
            break;
        case StmtKind::kTry: line = "Try"; break;
        case StmtKind::kWith: {
            line = "With([";
            for (size_t i = 0; i < s.items.size(); ++i) {
                if (i) line += ", ";
                line += opt(s.items[i].context_expr);
                if (s.items[i].optional_vars) line += " as " + dump(*s.items[i].optional_vars);
            }
            line += "])";
            break;
        }
        case StmtKind::kFunctionDef:
            line = "FunctionDef(" + s.name + ", " + arguments(s.args.get());
            if (s.returns) line += ", returns=" + dump(*s.returns);
            if (!s.decorators.empty()) line += ", decorators=" + list(s.decorators);
            line += ")";
            break;
        case StmtKind::kClassDef:
            line = "ClassDef(" + s.name;
            if (!s.bases.empty()) line += ", bases=" + list(s.bases);
            if (!s.class_keywords.empty()) line += ", keywords=" + keywords(s.class_keywords);
            if (!s.decorators.empty()) line += ", decorators=" + list(s.decorators);
            line += ")";
            break;
    }
    label(line, indent, out);
    stmts(s.body, indent + 2, out);
    for (const ExceptHandler& h : s.handlers) {
        std::string head = "except";
        if (h.type) head += " " + dump(*h.type);
        if (!h.name.empty()) head += " as " + h.name;
        label(head + ":", indent, out);
        stmts(h.body, indent + 2, out);
    }
    if (!s.orelse.empty()) {
        label("else:", indent, out);
        stmts(s.orelse, indent + 2, out);
    }
    if (!s.finalbody.empty()) {
        label("finally:", indent, out);
        stmts(s.finalbody, indent + 2, out);
    }
}

void stmts(const std::vector<StmtPtr>& body, int indent, std::string& out) {
    for (const StmtPtr& s : body)
        if (s) stmt(*s, indent, out);
}

}  // namespace

std::string dump(const Expr& e) {
    switch (e.kind) {
        case ExprKind::kName: return "Name(" + e.id + ")";
        case ExprKind::kConstant: return "Constant(" + unparse(e) + ")";
        case ExprKind::kJoinedStr: return "JoinedStr(" + list(e.elts) + ")";
        case ExprKind::kFormattedValue: {
            std::string s = "FormattedValue(" + opt(e.value);
            if (e.conversion) s += std::string(", !") + e.conversion;
            if (e.format_spec) s += ", spec=" + dump(*e.format_spec);
            return s + ")";
        }
        case ExprKind::kAttribute: return "Attribute(" + opt(e.value) + ", " + e.id + ")";
        case ExprKind::kSubscript: return "Subscript(" + opt(e.value) + ", " + opt(e.slice) + ")";
        case ExprKind::kSlice: return "Slice(" + opt(e.lower) + ", " + opt(e.upper) + ", " + opt(e.step) + ")";
        case ExprKind::kCall: return "Call(" + opt(e.value) + ", " + list(e.elts) + ", " + keywords(e.keywords) + ")";
        case ExprKind::kBinOp:
            return "BinOp(" + opt(e.left) + ", " + binop_name(e.bin_op) + ", " + opt(e.right) + ")";
        case ExprKind::kUnaryOp: return std::string("UnaryOp(") + unaryop_name(e.unary_op) + ", " + opt(e.value) + ")";
        case ExprKind::kBoolOp:
            return std::string("BoolOp(") + (e.bool_op == BoolOpKind::kAnd ? "And" : "Or") + ", " + list(e.elts) + ")";
        case ExprKind::kCompare: {
            std::string ops = "[";
            for (size_t i = 0; i < e.cmp_ops.size(); ++i) {
                if (i) ops += ", ";
                ops += cmpop_name(e.cmp_ops[i]);
            }
            return "Compare(" + opt(e.value) + ", " + ops + "], " + list(e.elts) + ")";
        }
        case ExprKind::kList: return "List(" + list(e.elts) + ")";
        case ExprKind::kTuple: return "Tuple(" + list(e.elts) + ")";
        case ExprKind::kSet: return "Set(" + list(e.elts) + ")";
        case ExprKind::kDict: {
            std::string s = "Dict([";
            for (size_t i = 0; i < e.elts.size(); ++i) {
                if (i) s += ", ";
                if (i < e.keys.size() && e.keys[i]) s += dump(*e.keys[i]) + ": ";
                else s += "**";
                s += opt(e.elts[i]);
            }
            return s + "])";
        }
        case ExprKind::kIfExp: return "IfExp(" + opt(e.test) + ", " + opt(e.value) + ", " + opt(e.orelse) + ")";
        case ExprKind::kLambda: return "Lambda(" + arguments(e.args_def.get()) + ", " + opt(e.value) + ")";
        case ExprKind::kStarred: return "Starred(" + opt(e.value) + ")";
        case ExprKind::kListComp: return "ListComp(" + opt(e.value) + ", " + comprehensions(e.generators) + ")";
        case ExprKind::kGeneratorExp:
            return "GeneratorExp(" + opt(e.value) + ", " + comprehensions(e.generators) + ")";
        case ExprKind::kSetComp: return "SetComp(" + opt(e.value) + ", " + comprehensions(e.generators) + ")";
        case ExprKind::kDictComp:
            return "DictComp(" + opt(e.left) + ", " + opt(e.value) + ", " + comprehensions(e.generators) + ")";
    }
    return "?";
}

std::string dump(const Module& module) {
    std::string out;
    stmts(module.body, 0, out);
    return out;
}

}  // namespace gramlab::py

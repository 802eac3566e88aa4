// CPython's post-parse SyntaxErrors over a parsed module: a symbol-table pass (nonlocal
// declarations) and a compiler pass (return / break / continue placement, starred
// expressions), each reporting its first error in source order. See compile_checks.hpp.
#include "core/python/compile_checks.hpp"

#include <set>
#include <string>
#include <vector>

namespace gramlab::py {

namespace {

// ------------------------------------------------------------------ symbol table

// The names a function body binds (parameters, assignment and loop targets, imports, def and
// class names, `as` names) without descending into nested functions and classes: what makes
// a name local there, so an inner `nonlocal` can refer to it.
class Bindings {
public:
    std::set<std::string> names;
    std::set<std::string> globals;

    void target(const Expr* e) {
        if (!e) return;
        switch (e->kind) {
            case ExprKind::kName: names.insert(e->id); break;
            case ExprKind::kTuple:
            case ExprKind::kList:
                for (const auto& x : e->elts) target(x.get());
                break;
            case ExprKind::kStarred: target(e->value.get()); break;
            default: break;  // attribute and subscript targets bind nothing
        }
    }
    void block(const std::vector<StmtPtr>& body) {
        for (const auto& s : body) stmt(*s);
    }
    void stmt(const Stmt& s) {
        switch (s.kind) {
            case StmtKind::kAssign:
            case StmtKind::kAugAssign:
            case StmtKind::kAnnAssign:
            case StmtKind::kDelete:
                for (const auto& t : s.targets) target(t.get());
                break;
            case StmtKind::kFor:
                for (const auto& t : s.targets) target(t.get());
                break;
            case StmtKind::kWith:
                for (const auto& item : s.items) target(item.optional_vars.get());
                break;
            case StmtKind::kTry:
                for (const auto& h : s.handlers) {
                    if (!h.name.empty()) names.insert(h.name);
                    block(h.body);
                }
                break;
            case StmtKind::kImport:
            case StmtKind::kImportFrom:
                for (const auto& a : s.names) {
                    if (!a.asname.empty()) names.insert(a.asname);
                    else names.insert(a.name.substr(0, a.name.find('.')));
                }
                break;
            case StmtKind::kFunctionDef:
            case StmtKind::kClassDef: names.insert(s.name); return;  // their bodies are other scopes
            case StmtKind::kGlobal:
                for (const auto& a : s.names) globals.insert(a.name);
                break;
            case StmtKind::kNonlocal:
                for (const auto& a : s.names) names.insert(a.name);
                break;
            default: break;
        }
        block(s.body);
        block(s.orelse);
        block(s.finalbody);
    }
    void parameters(const Arguments* a) {
        if (!a) return;
        for (const auto& p : a->posonly) names.insert(p.name);
        for (const auto& p : a->args) names.insert(p.name);
        for (const auto& p : a->kwonly) names.insert(p.name);
        if (a->vararg) names.insert(a->vararg->name);
        if (a->kwarg) names.insert(a->kwarg->name);
    }
    bool binds(const std::string& n) const { return names.count(n) && !globals.count(n); }
};

struct SymtableCheck {
    std::optional<Error> at_module_level;  // found while building (symtable_visit_stmt)
    std::optional<Error> no_binding;       // found while analysing the scopes afterwards
    //! The enclosing function scopes, innermost last (class bodies are skipped: CPython's
    //! nonlocal never finds a class's names).
    std::vector<Bindings> functions;

    void block(const std::vector<StmtPtr>& body, bool module_level) {
        for (const auto& s : body) stmt(*s, module_level);
    }
    void function(const Stmt& s) {
        Bindings b;
        b.parameters(s.args.get());
        b.block(s.body);
        functions.push_back(std::move(b));
        block(s.body, false);
        functions.pop_back();
    }
    void stmt(const Stmt& s, bool module_level) {
        switch (s.kind) {
            case StmtKind::kNonlocal:
                if (module_level) {
                    if (!at_module_level)
                        at_module_level = Error::make("SyntaxError", "nonlocal declaration not allowed at module level", s.span);
                    return;
                }
                for (const auto& a : s.names) {
                    // The current function's own bindings are the declaration itself: look outside it.
                    bool found = false;
                    for (size_t i = functions.empty() ? 0 : functions.size() - 1; i-- > 0;)
                        if (functions[i].binds(a.name)) {
                            found = true;
                            break;
                        }
                    if (!found && !no_binding)
                        no_binding = Error::make("SyntaxError", "no binding for nonlocal '" + a.name + "' found", s.span);
                }
                return;
            case StmtKind::kFunctionDef: function(s); return;
            case StmtKind::kClassDef: {
                // A class body is its own scope; `nonlocal` in it looks at the functions around
                // the class, not at the class body's names, and is never "at module level".
                Bindings none;
                functions.push_back(std::move(none));
                block(s.body, false);
                functions.pop_back();
                return;
            }
            default: break;
        }
        block(s.body, module_level);
        block(s.orelse, module_level);
        block(s.finalbody, module_level);
        for (const auto& h : s.handlers) block(h.body, module_level);
    }
};

// ------------------------------------------------------------------ compiler

struct CompilerCheck {
    std::optional<Error> error;

    void fail(const char* message, SourceSpan span) {
        if (!error) error = Error::make("SyntaxError", message, span);
    }

    // An expression read for its value. `star_ok`: it is an element of a list / tuple / set
    // display or a positional call argument, where `*x` unpacks.
    void load(const Expr* e, bool star_ok = false) {
        if (!e || error) return;
        switch (e->kind) {
            case ExprKind::kStarred:
                if (!star_ok) return fail("can't use starred expression here", e->span);
                load(e->value.get());
                return;
            case ExprKind::kList:
            case ExprKind::kTuple:
            case ExprKind::kSet:
                for (const auto& x : e->elts) load(x.get(), true);
                return;
            case ExprKind::kCall:
                load(e->value.get());
                for (const auto& x : e->elts) load(x.get(), true);
                for (const auto& k : e->keywords) load(k.value.get());
                return;
            case ExprKind::kLambda:
                defaults(e->args_def.get());
                load(e->value.get());
                return;
            case ExprKind::kListComp:
            case ExprKind::kGeneratorExp:
            case ExprKind::kSetComp:
            case ExprKind::kDictComp:
                for (const auto& g : e->generators) {
                    load(g.iter.get());
                    store(g.target.get());
                    for (const auto& c : g.ifs) load(c.get());
                }
                load(e->left.get());
                load(e->value.get());
                return;
            default: break;
        }
        load(e->value.get());
        load(e->left.get());
        load(e->right.get());
        load(e->slice.get());
        load(e->lower.get());
        load(e->upper.get());
        load(e->step.get());
        load(e->test.get());
        load(e->orelse.get());
        load(e->format_spec.get());
        for (const auto& x : e->elts) load(x.get());
        for (const auto& x : e->keys) load(x.get());
        for (const auto& k : e->keywords) load(k.value.get());
    }

    // An assignment target: `*x` only as an element of a tuple or list target, at most one
    // per level.
    void store(const Expr* e, bool in_sequence = false) {
        if (!e || error) return;
        switch (e->kind) {
            case ExprKind::kStarred:
                if (!in_sequence) return fail("starred assignment target must be in a list or tuple", e->span);
                store(e->value.get());
                return;
            case ExprKind::kTuple:
            case ExprKind::kList: {
                int starred = 0;
                for (const auto& x : e->elts)
                    if (x->kind == ExprKind::kStarred && ++starred == 2)
                        return fail("multiple starred expressions in assignment", e->span);
                for (const auto& x : e->elts) store(x.get(), true);
                return;
            }
            case ExprKind::kAttribute: load(e->value.get()); return;
            case ExprKind::kSubscript:
                load(e->value.get());
                load(e->slice.get());
                return;
            default: load(e); return;
        }
    }

    void defaults(const Arguments* a) {
        if (!a) return;
        for (const auto* group : {&a->posonly, &a->args, &a->kwonly})
            for (const auto& p : *group) load(p.default_value.get());
    }

    void block(const std::vector<StmtPtr>& body, bool in_function, bool in_loop) {
        for (const auto& s : body) {
            if (error) return;
            stmt(*s, in_function, in_loop);
        }
    }

    void stmt(const Stmt& s, bool in_function, bool in_loop) {
        switch (s.kind) {
            case StmtKind::kReturn:
                if (!in_function) return fail("'return' outside function", s.span);
                load(s.value.get());
                return;
            case StmtKind::kBreak:
                if (!in_loop) fail("'break' outside loop", s.span);
                return;
            case StmtKind::kContinue:
                if (!in_loop) fail("'continue' not properly in loop", s.span);
                return;
            case StmtKind::kExpr: load(s.value.get()); return;
            case StmtKind::kAssign:
            case StmtKind::kAugAssign:
            case StmtKind::kAnnAssign:
                load(s.value.get());
                for (const auto& t : s.targets) store(t.get());
                return;
            case StmtKind::kDelete:
                for (const auto& t : s.targets) store(t.get());
                return;
            case StmtKind::kRaise:
            case StmtKind::kAssert:
                load(s.value.get());
                load(s.cause.get());
                return;
            case StmtKind::kIf:
                load(s.test.get());
                block(s.body, in_function, in_loop);
                block(s.orelse, in_function, in_loop);
                return;
            case StmtKind::kWhile:
                load(s.test.get());
                block(s.body, in_function, true);
                block(s.orelse, in_function, in_loop);  // a loop's else is outside the loop
                return;
            case StmtKind::kFor:
                load(s.value.get());
                for (const auto& t : s.targets) store(t.get());
                block(s.body, in_function, true);
                block(s.orelse, in_function, in_loop);
                return;
            case StmtKind::kWith:
                for (const auto& item : s.items) {
                    load(item.context_expr.get());
                    store(item.optional_vars.get());
                }
                block(s.body, in_function, in_loop);
                return;
            case StmtKind::kTry:
                block(s.body, in_function, in_loop);
                for (const auto& h : s.handlers) {
                    load(h.type.get());
                    block(h.body, in_function, in_loop);
                }
                block(s.orelse, in_function, in_loop);
                block(s.finalbody, in_function, in_loop);
                return;
            case StmtKind::kFunctionDef:
                for (const auto& d : s.decorators) load(d.get());
                defaults(s.args.get());
                block(s.body, true, false);
                return;
            case StmtKind::kClassDef:
                for (const auto& d : s.decorators) load(d.get());
                for (const auto& b : s.bases) load(b.get(), true);
                for (const auto& k : s.class_keywords) load(k.value.get());
                block(s.body, false, false);
                return;
            default: return;
        }
    }
};

}  // namespace

std::optional<Error> compile_check(const Module& module) {
    SymtableCheck symbols;
    symbols.block(module.body, true);
    if (symbols.at_module_level) return symbols.at_module_level;
    if (symbols.no_binding) return symbols.no_binding;
    CompilerCheck compiler;
    compiler.block(module.body, false, false);
    return compiler.error;
}

}  // namespace gramlab::py

// Walks a console statement's tree and gives each literal its object (see constants.hpp).
#include "core/shell/constants.hpp"

#include "core/shell/interp.hpp"

namespace gramlab::shell {

namespace {

class ConstantPreparer {
public:
    explicit ConstantPreparer(Interp& in) : in_(in) {}

    void stmts(std::vector<py::StmtPtr>& body) {
        for (auto& s : body)
            if (s) stmt(*s);
    }

private:
    void expr(py::ExprPtr& e) {
        if (!e) return;
        py::Expr& x = *e;
        if (x.kind == py::ExprKind::kConstant) {
            constant(x);
            return;
        }
        for (auto* child : {&x.value, &x.left, &x.right, &x.slice, &x.lower, &x.upper, &x.step, &x.test, &x.orelse,
                            &x.format_spec})
            expr(*child);
        exprs(x.elts);
        exprs(x.keys);
        for (auto& k : x.keywords) expr(k.value);
        for (auto& g : x.generators) {
            expr(g.target);
            expr(g.iter);
            exprs(g.ifs);
        }
        if (x.args_def) arguments(*x.args_def);
    }

    void exprs(std::vector<py::ExprPtr>& v) {
        for (auto& e : v) expr(e);
    }

    void arguments(py::Arguments& a) {
        for (auto* list : {&a.posonly, &a.args, &a.kwonly})
            for (auto& arg : *list) expr(arg.default_value);
    }

    void stmt(py::Stmt& s) {
        for (auto* child : {&s.value, &s.annotation, &s.cause, &s.test, &s.returns}) expr(*child);
        exprs(s.targets);
        exprs(s.bases);
        exprs(s.decorators);
        for (auto& k : s.class_keywords) expr(k.value);
        if (s.args) arguments(*s.args);
        stmts(s.body);
        stmts(s.orelse);
        stmts(s.finalbody);
        for (auto& h : s.handlers) {
            expr(h.type);
            stmts(h.body);
        }
        for (auto& w : s.items) {
            expr(w.context_expr);
            expr(w.optional_vars);
        }
    }

    // The kinds whose evaluation always builds a new, immutable object (None and the
    // booleans are shared already; an oversized int raises, so it is left to evaluation).
    void constant(py::Expr& x) {
        const bool kept = x.const_kind == py::ConstKind::kFloat || x.const_kind == py::ConstKind::kStr ||
                          x.const_kind == py::ConstKind::kBytes ||
                          (x.const_kind == py::ConstKind::kInt && x.int_text.size() <= 18);
        if (!kept) return;
        if (Ref obj = in_.eval_constant_value(x)) x.runtime_constant = std::move(obj);
    }

    Interp& in_;
};

}  // namespace

void prepare_constants(Interp& in, py::Module& module) { ConstantPreparer(in).stmts(module.body); }

}  // namespace gramlab::shell

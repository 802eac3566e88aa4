// The local names of a function, as CPython's symtable finds them (see scopes.hpp).
#include "core/shell/scopes.hpp"

namespace gramlab::shell {

namespace {

struct Collector {
    NameSet bound;
    NameSet declared;  // global / nonlocal: not local however they are assigned

    // An assignment target: names bind, a.b and a[i] do not.
    void target(const py::Expr& t) {
        switch (t.kind) {
            case py::ExprKind::kName: bound.insert(t.id); break;
            case py::ExprKind::kTuple:
            case py::ExprKind::kList:
                for (const auto& e : t.elts)
                    if (e) target(*e);
                break;
            case py::ExprKind::kStarred:
                if (t.value) target(*t.value);
                break;
            default: break;
        }
    }

    void block(const std::vector<py::StmtPtr>& body) {
        for (const auto& s : body)
            if (s) stmt(*s);
    }

    void stmt(const py::Stmt& s) {
        switch (s.kind) {
            case py::StmtKind::kAssign:
            case py::StmtKind::kAugAssign:
            case py::StmtKind::kAnnAssign:
            case py::StmtKind::kDelete:
                for (const auto& t : s.targets)
                    if (t) target(*t);
                break;
            case py::StmtKind::kFor:
                for (const auto& t : s.targets)
                    if (t) target(*t);
                block(s.body);
                block(s.orelse);
                break;
            case py::StmtKind::kWhile:
            case py::StmtKind::kIf:
                block(s.body);
                block(s.orelse);
                break;
            case py::StmtKind::kWith:
                for (const auto& item : s.items)
                    if (item.optional_vars) target(*item.optional_vars);
                block(s.body);
                break;
            case py::StmtKind::kTry:
                block(s.body);
                for (const auto& h : s.handlers) {
                    if (!h.name.empty()) bound.insert(h.name);
                    block(h.body);
                }
                block(s.orelse);
                block(s.finalbody);
                break;
            case py::StmtKind::kImport:
                // `import a.b` binds `a`; `import a.b as c` binds `c`.
                for (const auto& a : s.names) bound.insert(a.asname.empty() ? a.name.substr(0, a.name.find('.')) : a.asname);
                break;
            case py::StmtKind::kImportFrom:
                for (const auto& a : s.names)
                    if (a.name != "*") bound.insert(a.asname.empty() ? a.name : a.asname);
                break;
            case py::StmtKind::kFunctionDef:
            case py::StmtKind::kClassDef: bound.insert(s.name); break;
            case py::StmtKind::kGlobal:
            case py::StmtKind::kNonlocal:
                for (const auto& a : s.names) declared.insert(a.name);
                break;
            default: break;
        }
    }
};

void add_params(const py::Arguments& p, NameSet& out) {
    for (const auto& a : p.posonly) out.insert(a.name);
    for (const auto& a : p.args) out.insert(a.name);
    if (p.vararg) out.insert(p.vararg->name);
    for (const auto& a : p.kwonly) out.insert(a.name);
    if (p.kwarg) out.insert(p.kwarg->name);
}

}  // namespace

std::shared_ptr<const NameSet> function_locals(const py::Arguments* params, const std::vector<py::StmtPtr>* body) {
    Collector c;
    if (body) c.block(*body);
    auto names = std::make_shared<NameSet>();
    for (const auto& n : c.bound)
        if (!c.declared.count(n)) names->insert(n);
    if (params) add_params(*params, *names);
    return names;
}

namespace {

void refs(const py::Expr* e, NameSet& out);

void refs_arguments(const py::Arguments* p, NameSet& out) {
    if (!p) return;
    for (const auto* list : {&p->posonly, &p->args, &p->kwonly})
        for (const auto& a : *list) {
            refs(a.default_value.get(), out);
            refs(a.annotation.get(), out);
        }
}

void refs(const py::Expr* e, NameSet& out) {
    if (!e) return;
    if (e->kind == py::ExprKind::kName) out.insert(e->id);
    for (const py::Expr* child : {e->value.get(), e->left.get(), e->right.get(), e->slice.get(), e->lower.get(), e->upper.get(),
                                  e->step.get(), e->test.get(), e->orelse.get(), e->format_spec.get()})
        refs(child, out);
    for (const auto& x : e->elts) refs(x.get(), out);
    for (const auto& x : e->keys) refs(x.get(), out);
    for (const auto& k : e->keywords) refs(k.value.get(), out);
    for (const auto& g : e->generators) {
        refs(g.target.get(), out);
        refs(g.iter.get(), out);
        for (const auto& c : g.ifs) refs(c.get(), out);
    }
    refs_arguments(e->args_def.get(), out);
}

void refs_block(const std::vector<py::StmtPtr>& body, NameSet& out) {
    for (const auto& s : body) {
        if (!s) continue;
        for (const py::Expr* child : {s->value.get(), s->annotation.get(), s->cause.get(), s->test.get(), s->returns.get()})
            refs(child, out);
        for (const auto& t : s->targets) refs(t.get(), out);
        for (const auto& b : s->bases) refs(b.get(), out);
        for (const auto& d : s->decorators) refs(d.get(), out);
        for (const auto& k : s->class_keywords) refs(k.value.get(), out);
        for (const auto& item : s->items) {
            refs(item.context_expr.get(), out);
            refs(item.optional_vars.get(), out);
        }
        refs_arguments(s->args.get(), out);
        if (s->kind == py::StmtKind::kNonlocal)
            for (const auto& a : s->names) out.insert(a.name);
        refs_block(s->body, out);
        refs_block(s->orelse, out);
        refs_block(s->finalbody, out);
        for (const auto& h : s->handlers) {
            refs(h.type.get(), out);
            refs_block(h.body, out);
        }
    }
}

}  // namespace

void referenced_names(const std::vector<py::StmtPtr>& body, NameSet& out) { refs_block(body, out); }
void referenced_names(const py::Expr& e, NameSet& out) { refs(&e, out); }

}  // namespace gramlab::shell

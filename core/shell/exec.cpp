// Statement execution: assignment, control flow (if/for/while/try/with), def/class,
// import, raise and return, as CPython runs them; unsupported constructs say so clearly.
#include "core/shell/builtins.hpp"
#include "core/shell/django_names.hpp"
#include "core/shell/function.hpp"
#include "core/shell/interp.hpp"
#include "core/shell/iterators.hpp"
#include "core/shell/set_ops.hpp"

namespace gramlab::shell {

namespace {

// The variables of the functions around a new function that it uses (`wanted`, less its
// own): a variable of the function it is made in becomes a cell there (CPython's
// MAKE_CELL), shared from then on; one that function itself took from further out is
// passed on. A class body's own names are not visible to the functions made in it.
Closure capture_variables(Interp& in, Frame& f, const NameSet& wanted, const NameSet* own) {
    Closure out;
    if (f.is_module) return out;
    for (const auto& name : wanted) {
        if (own && own->count(name)) continue;
        if (!f.is_class_body && !f.uses_globals(name) && !f.is_nonlocal(name)) {
            auto it = f.locals().find(name);
            if (it != f.locals().end() || (f.local_names && f.local_names->count(name))) {
                Ref& slot = f.locals()[name];
                std::shared_ptr<CellObj> cell;
                if (as_cell(slot)) {
                    cell = std::static_pointer_cast<CellObj>(slot);
                } else {
                    cell = std::make_shared<CellObj>();
                    in.track_cyclic(cell);
                    cell->value = std::move(slot);
                    slot = cell;
                    f.has_cells = true;
                }
                out.emplace(name, std::move(cell));
                continue;
            }
        }
        if (f.free)
            if (auto c = f.free->find(name); c != f.free->end()) out.emplace(name, c->second);
    }
    return out;
}

}  // namespace

Ref make_function(Interp& in, const std::string& name, const py::Arguments* params, Frame& f, const py::Stmt* def,
                  const py::Expr* lambda_body) {
    auto fn = std::make_shared<FunctionObj>();
    fn->name = name;
    fn->qualname = name;
    fn->params = params;
    fn->def = def;
    fn->lambda_body = lambda_body;
    fn->globals = f.globals;
    if (params) {
        for (const auto& a : params->args) {
            if (!a.default_value) continue;
            Ref d = in.eval(*a.default_value, f);
            if (!d) return nullptr;
            fn->defaults.push_back(d);
        }
        for (const auto& a : params->kwonly) {
            if (!a.default_value) continue;
            Ref d = in.eval(*a.default_value, f);
            if (!d) return nullptr;
            fn->kw_defaults[a.name] = d;
        }
    }
    // Made inside a function (or a class body in one): a closure over the variables it uses.
    if (!f.is_module && (def || lambda_body)) {
        NameSet wanted;
        if (def) referenced_names(def->body, wanted);
        else referenced_names(*lambda_body, wanted);
        fn->local_names = function_locals(params, def ? &def->body : nullptr);
        fn->closure = capture_variables(in, f, wanted, fn->local_names.get());
    }
    return fn;
}

namespace {

void store_name(const std::string& id, Ref value, Frame& f) {
    if (f.uses_globals(id)) {
        (*f.globals)[id] = std::move(value);
        return;
    }
    if (f.free && f.is_nonlocal(id))
        if (auto c = f.free->find(id); c != f.free->end()) {
            c->second->value = std::move(value);
            return;
        }
    Ref& slot = f.locals()[id];
    if (f.has_cells)
        if (auto* cell = as_cell(slot)) {
            cell->value = std::move(value);
            return;
        }
    slot = std::move(value);
}

// `del name` and the end of `except ... as name`: false when the name was not bound.
bool erase_name(const std::string& id, Frame& f) {
    if (f.uses_globals(id)) return f.globals->erase(id) > 0;
    if (f.free && f.is_nonlocal(id))
        if (auto c = f.free->find(id); c != f.free->end()) return std::exchange(c->second->value, nullptr) != nullptr;
    auto it = f.locals().find(id);
    if (it == f.locals().end()) return false;
    if (auto* cell = f.has_cells ? as_cell(it->second) : nullptr) return std::exchange(cell->value, nullptr) != nullptr;
    f.locals().erase(it);
    return true;
}

bool unpack(Interp& in, const py::Expr& target, const Ref& value, Frame& f) {
    std::vector<Ref> items;
    if (!in.iterate(value, items)) {
        if (in.pending_is(in.TypeError)) {
            in.exc = nullptr;
            in.type_error("cannot unpack non-iterable " + value->type_name() + " object");
        }
        return false;
    }
    size_t star = target.elts.size();
    for (size_t i = 0; i < target.elts.size(); ++i)
        if (target.elts[i]->kind == py::ExprKind::kStarred) star = i;
    size_t n = target.elts.size();
    if (star == n) {
        if (items.size() > n) {
            in.value_error("too many values to unpack (expected " + std::to_string(n) + ")");
            return false;
        }
        if (items.size() < n) {
            in.value_error("not enough values to unpack (expected " + std::to_string(n) + ", got " +
                           std::to_string(items.size()) + ")");
            return false;
        }
        for (size_t i = 0; i < n; ++i)
            if (!assign_target(in, *target.elts[i], items[i], f)) return false;
        return true;
    }
    if (items.size() < n - 1) {
        in.value_error("not enough values to unpack (expected at least " + std::to_string(n - 1) + ", got " +
                       std::to_string(items.size()) + ")");
        return false;
    }
    size_t after = n - star - 1;
    for (size_t i = 0; i < star; ++i)
        if (!assign_target(in, *target.elts[i], items[i], f)) return false;
    std::vector<Ref> rest(items.begin() + static_cast<long>(star), items.end() - static_cast<long>(after));
    if (!assign_target(in, *target.elts[star]->value, Interp::list(std::move(rest)), f)) return false;
    for (size_t i = 0; i < after; ++i)
        if (!assign_target(in, *target.elts[star + 1 + i], items[items.size() - after + i], f)) return false;
    return true;
}

// Matches a raised exception against an `except` clause's class (or tuple of classes).
int matches(Interp& in, const Ref& exc, const Ref& spec) {
    if (auto* t = as<SeqObj>(spec)) {
        for (const auto& c : t->items) {
            int m = matches(in, exc, c);
            if (m != 0) return m;
        }
        return 0;
    }
    auto cls = std::dynamic_pointer_cast<ClassObj>(spec);
    if (!cls || !cls->is_exception) {
        in.type_error("catching classes that do not inherit from BaseException is not allowed");
        return -1;
    }
    auto* e = as<ExceptionObj>(exc);
    return e && e->cls->is_subclass_of(cls.get()) ? 1 : 0;
}

Flow exec_try(Interp& in, const py::Stmt& s, Frame& f) {
    Flow flow = in.exec_block(s.body, f);
    if (flow == Flow::kRaise && !s.handlers.empty()) {
        Ref exc = in.exc;
        // Budget and interrupt stops cannot be caught by the learner's code.
        bool uncatchable = in.interrupted();
        for (const auto& h : s.handlers) {
            if (uncatchable) break;
            int m = 1;
            if (h.type) {
                in.exc = nullptr;
                Ref spec = in.eval(*h.type, f);
                if (!spec) { flow = Flow::kRaise; goto finally; }
                m = matches(in, exc, spec);
                if (m < 0) { flow = Flow::kRaise; goto finally; }
            }
            if (m == 1) {
                in.exc = nullptr;
                if (!h.name.empty()) store_name(h.name, exc, f);
                in.handling.push_back(exc);
                flow = in.exec_block(h.body, f);
                in.handling.pop_back();
                if (!h.name.empty()) erase_name(h.name, f);
                goto finally;
            }
        }
        in.exc = exc;
    } else if (flow == Flow::kNormal && !s.orelse.empty()) {
        flow = in.exec_block(s.orelse, f);
    }
finally:
    if (!s.finalbody.empty()) {
        Ref saved_exc = in.exc;
        Ref saved_ret = in.return_value;
        in.exc = nullptr;
        Flow fin = in.exec_block(s.finalbody, f);
        if (fin != Flow::kNormal) return fin;  // return/raise in finally wins
        in.exc = saved_exc;
        in.return_value = saved_ret;
    }
    return flow;
}

Flow exec_with(Interp& in, const py::Stmt& s, size_t item, Frame& f) {
    if (item == s.items.size()) return in.exec_block(s.body, f);
    const auto& wi = s.items[item];
    Ref mgr = in.eval(*wi.context_expr, f);
    if (!mgr) return Flow::kRaise;
    Ref enter = in.getattr(mgr, "__enter__");
    if (!enter) {
        in.exc = nullptr;
        in.type_error("'" + mgr->type_name() + "' object does not support the context manager protocol");
        return Flow::kRaise;
    }
    Ref exit = in.getattr(mgr, "__exit__");
    if (!exit) return Flow::kRaise;
    Ref entered = in.call(enter, {});
    if (!entered) return Flow::kRaise;
    if (wi.optional_vars && !assign_target(in, *wi.optional_vars, entered, f)) return Flow::kRaise;
    Flow flow = exec_with(in, s, item + 1, f);
    if (flow == Flow::kRaise) {
        Ref exc = in.exc;
        in.exc = nullptr;
        Ref cls = as<ExceptionObj>(exc) ? Ref(as<ExceptionObj>(exc)->cls) : in.None;
        Ref r = in.call(exit, {cls, exc, in.None});
        if (!r) return Flow::kRaise;
        int t = in.truthy(r);
        if (t < 0) return Flow::kRaise;
        if (t) return Flow::kNormal;
        in.exc = exc;
        return Flow::kRaise;
    }
    Ref saved_ret = in.return_value;
    Ref r = in.call(exit, {in.None, in.None, in.None});
    if (!r) return Flow::kRaise;
    in.return_value = saved_ret;
    return flow;
}

Flow exec_import(Interp& in, const py::Stmt& s, Frame& f) {
    if (s.kind == py::StmtKind::kImport) {
        for (const auto& a : s.names) {
            Ref m = in.import_module(a.name);
            if (!m) return Flow::kRaise;
            if (!a.asname.empty()) {
                store_name(a.asname, m, f);
            } else {
                // `import django.db.models` binds `django`.
                std::string top = a.name.substr(0, a.name.find('.'));
                Ref t = in.import_module(top);
                if (!t) return Flow::kRaise;
                store_name(top, t, f);
            }
        }
        return Flow::kNormal;
    }
    if (s.level > 0) {
        in.raise(in.ImportError, "attempted relative import with no known parent package");
        return Flow::kRaise;
    }
    Ref m = in.import_module(s.module);
    if (!m) return Flow::kRaise;
    for (const auto& a : s.names) {
        if (a.name == "*") {
            if (auto* mo = as<ModuleObj>(m))
                for (const auto& kv : mo->attrs)
                    if (!kv.first.empty() && kv.first[0] != '_') store_name(kv.first, kv.second, f);
            continue;
        }
        Ref v = in.getattr(m, a.name);
        if (!v) {
            in.exc = nullptr;
            // A submodule: `from django.db import models`.
            v = in.import_module(s.module + "." + a.name);
            if (!v) {
                in.exc = nullptr;
                if (django_has_name(s.module, a.name))
                    in.not_supported("'" + a.name + "' from '" + s.module + "'");
                else
                    in.raise(in.ImportError, "cannot import name '" + a.name + "' from '" + s.module + "'");
                return Flow::kRaise;
            }
        }
        store_name(a.asname.empty() ? a.name : a.asname, v, f);
    }
    return Flow::kNormal;
}

Flow exec_class(Interp& in, const py::Stmt& s, Frame& f) {
    std::vector<ClassRef> bases;
    for (const auto& b : s.bases) {
        Ref v = in.eval(*b, f);
        if (!v) return Flow::kRaise;
        auto c = std::dynamic_pointer_cast<ClassObj>(v);
        if (!c) {
            in.type_error("bases must be types");
            return Flow::kRaise;
        }
        if (c->dict.count("__gramlab_model__")) {
            in.not_supported("defining a model class in the shell (write it in models.py)");
            return Flow::kRaise;
        }
        bases.push_back(c);
    }
    if (in.special_class) {
        if (ClassRef special = in.special_class(in, s, bases, f)) {
            store_name(s.name, special, f);
            return Flow::kNormal;
        }
        if (in.exc) return Flow::kRaise;
    }
    if (bases.empty()) bases.push_back(in.cls_object);
    // Django's shell runs the console in a namespace without __name__, so a class body's
    // `__module__ = __name__` finds builtins.__name__: <class 'Tally'>, not '__main__.Tally'.
    auto cls = std::make_shared<ClassObj>(s.name, "builtins", bases);
    for (const auto& b : bases)
        if (b->is_exception) cls->is_exception = true;
    Frame body;
    body.globals = f.globals;
    body.is_module = false;
    body.is_class_body = true;
    body.defining_class = cls;
    // Its methods refer back to it (defining_class, for super()): a cycle that outlives the
    // class's name when the name is rebound or the class was made in a function, so the
    // session's end breaks it (~Interp).
    in.track_cyclic(cls);
    // A class made in a function sees that function's variables (its methods too).
    Closure free;
    if (!f.is_module) {
        NameSet wanted;
        referenced_names(s.body, wanted);
        free = capture_variables(in, f, wanted, nullptr);
        if (!free.empty()) body.free = &free;
    }
    Flow flow = in.exec_block(s.body, body);
    if (flow == Flow::kRaise) return flow;
    for (auto& kv : body.locals()) {
        if (auto* fn = as<FunctionObj>(kv.second)) {
            fn->defining_class = cls;
            fn->qualname = s.name + "." + fn->name;
        }
        cls->dict[kv.first] = kv.second;
    }
    store_name(s.name, cls, f);
    return Flow::kNormal;
}

Flow exec_def(Interp& in, const py::Stmt& s, Frame& f) {
    Ref fnr = make_function(in, s.name, s.args.get(), f, &s, nullptr);
    if (!fnr) return Flow::kRaise;
    auto fn = std::static_pointer_cast<FunctionObj>(fnr);
    fn->defining_class = f.defining_class;
    Ref result = fn;
    for (auto it = s.decorators.rbegin(); it != s.decorators.rend(); ++it) {
        const py::Expr& d = **it;
        if (d.kind == py::ExprKind::kName && (d.id == "property" || d.id == "staticmethod" || d.id == "classmethod")) {
            if (d.id == "property") fn->is_property = true;
            if (d.id == "staticmethod") fn->is_staticmethod = true;
            if (d.id == "classmethod") fn->is_classmethod = true;
            continue;
        }
        Ref dec = in.eval(d, f);
        if (!dec) return Flow::kRaise;
        result = in.call(dec, {result});
        if (!result) return Flow::kRaise;
    }
    store_name(s.name, result, f);
    return Flow::kNormal;
}

}  // namespace

bool assign_target(Interp& in, const py::Expr& target, Ref value, Frame& f) {
    switch (target.kind) {
        case py::ExprKind::kName: store_name(target.id, std::move(value), f); return true;
        case py::ExprKind::kAttribute: {
            Ref obj = in.eval(*target.value, f);
            if (!obj) return false;
            return obj->setattr(in, target.id, std::move(value));
        }
        case py::ExprKind::kSubscript: {
            Ref obj = in.eval(*target.value, f);
            if (!obj) return false;
            Ref key = in.eval(*target.slice, f);
            if (!key) return false;
            return obj->setitem(in, key, std::move(value));
        }
        case py::ExprKind::kTuple:
        case py::ExprKind::kList: return unpack(in, target, value, f);
        default: in.raise(in.SyntaxError, "cannot assign to expression"); return false;
    }
}

bool Interp::display(const Ref& value) {
    if (value->kind == Kind::kNone) return true;
    std::string r;
    builtins["_"] = None;  // sys.displayhook clears `_` before the repr runs
    if (!repr(value, r)) return false;
    out += r + "\n";
    builtins["_"] = value;
    return true;
}

Flow Interp::exec_block(const std::vector<py::StmtPtr>& body, Frame& f) {
    for (const auto& s : body) {
        Flow flow = exec(*s, f);
        if (flow != Flow::kNormal) return flow;
    }
    return Flow::kNormal;
}

Flow Interp::exec(const py::Stmt& s, Frame& f) {
    if (!tick()) return Flow::kRaise;
    switch (s.kind) {
        case py::StmtKind::kExpr: {
            Ref v = eval(*s.value, f);
            if (!v) return Flow::kRaise;
            if (f.echo && !display(v)) return Flow::kRaise;
            return Flow::kNormal;
        }
        case py::StmtKind::kAssign: {
            Ref v = eval(*s.value, f);
            if (!v) return Flow::kRaise;
            for (const auto& t : s.targets)
                if (!assign_target(*this, *t, v, f)) return Flow::kRaise;
            return Flow::kNormal;
        }
        case py::StmtKind::kAnnAssign: {
            if (!s.value) return Flow::kNormal;
            Ref v = eval(*s.value, f);
            if (!v) return Flow::kRaise;
            return assign_target(*this, *s.targets[0], v, f) ? Flow::kNormal : Flow::kRaise;
        }
        case py::StmtKind::kAugAssign: {
            const py::Expr& t = *s.targets[0];
            Ref cur;
            Ref obj, key;
            if (t.kind == py::ExprKind::kName) {
                cur = eval(t, f);
            } else if (t.kind == py::ExprKind::kAttribute) {
                obj = eval(*t.value, f);
                if (!obj) return Flow::kRaise;
                cur = getattr(obj, t.id);
            } else if (t.kind == py::ExprKind::kSubscript) {
                obj = eval(*t.value, f);
                if (!obj) return Flow::kRaise;
                key = eval(*t.slice, f);
                if (!key) return Flow::kRaise;
                cur = obj->getitem(*this, key);
            } else {
                raise(SyntaxError, "'" + std::string("expression") + "' is an illegal expression for augmented assignment");
                return Flow::kRaise;
            }
            if (!cur) return Flow::kRaise;
            Ref rhs = eval(*s.value, f);
            if (!rhs) return Flow::kRaise;
            Ref v;
            // list += iterable extends in place.
            if (s.aug_op == py::BinOpKind::kAdd && cur->kind == Kind::kList) {
                std::vector<Ref> more;
                if (!iterate(rhs, more)) return Flow::kRaise;
                auto& items = static_cast<SeqObj*>(cur.get())->items;
                items.insert(items.end(), more.begin(), more.end());
                v = cur;
            } else if (s.aug_op == py::BinOpKind::kBitOr && cur->kind == Kind::kDict && rhs->kind == Kind::kDict) {
                // d |= other updates d itself.
                auto* d = static_cast<DictObj*>(cur.get());
                for (const auto& kv : static_cast<DictObj*>(rhs.get())->entries)
                    if (!d->put(*this, kv.first, kv.second)) return Flow::kRaise;
                v = cur;
            } else if (cur->kind == Kind::kSet && rhs->kind == Kind::kSet) {
                // set |= &= -= ^= change the set itself (every name bound to it sees it).
                v = set_binop(*this, s.aug_op, cur, rhs, true);
                if (!v && !pending()) v = binop(s.aug_op, cur, rhs);
            } else {
                v = binop(s.aug_op, cur, rhs);
            }
            if (!v) return Flow::kRaise;
            if (t.kind == py::ExprKind::kName) store_name(t.id, v, f);
            else if (t.kind == py::ExprKind::kAttribute) { if (!obj->setattr(*this, t.id, v)) return Flow::kRaise; }
            else if (!obj->setitem(*this, key, v)) return Flow::kRaise;
            return Flow::kNormal;
        }
        case py::StmtKind::kPass: return Flow::kNormal;
        case py::StmtKind::kBreak: return Flow::kBreak;
        case py::StmtKind::kContinue: return Flow::kContinue;
        case py::StmtKind::kReturn: {
            return_value = s.value ? eval(*s.value, f) : None;
            return return_value ? Flow::kReturn : Flow::kRaise;
        }
        case py::StmtKind::kRaise: {
            if (!s.value) {
                if (handling.empty()) {
                    raise(RuntimeError, "No active exception to reraise");
                    return Flow::kRaise;
                }
                exc = handling.back();
                return Flow::kRaise;
            }
            Ref v = eval(*s.value, f);
            if (!v) return Flow::kRaise;
            if (auto c = std::dynamic_pointer_cast<ClassObj>(v)) {
                if (!c->is_exception) {
                    type_error("exceptions must derive from BaseException");
                    return Flow::kRaise;
                }
                v = call(v, {});
                if (!v) return Flow::kRaise;
            }
            if (v->kind != Kind::kExceptionObj) {
                type_error("exceptions must derive from BaseException");
                return Flow::kRaise;
            }
            exc = v;
            return Flow::kRaise;
        }
        case py::StmtKind::kDelete: {
            for (const auto& t : s.targets) {
                if (t->kind == py::ExprKind::kName) {
                    if (!erase_name(t->id, f)) {
                        if (!f.uses_globals(t->id) && f.local_names && f.local_names->count(t->id))
                            raise(UnboundLocalError, "cannot access local variable '" + t->id + "' where it is not associated with a value");
                        else
                            raise(NameError, "name '" + t->id + "' is not defined");
                        return Flow::kRaise;
                    }
                } else if (t->kind == py::ExprKind::kSubscript) {
                    Ref obj = eval(*t->value, f);
                    if (!obj) return Flow::kRaise;
                    Ref key = eval(*t->slice, f);
                    if (!key) return Flow::kRaise;
                    if (auto* d = as<DictObj>(obj)) {
                        int64_t i = d->find(*this, key);
                        if (i == -2) return Flow::kRaise;
                        if (i < 0) {
                            std::string k;
                            repr(key, k);
                            raise(KeyError, k);
                            return Flow::kRaise;
                        }
                        d->erase_at(static_cast<size_t>(i));
                    } else if (auto* l = as<SeqObj>(obj); l && l->kind == Kind::kList && key->kind == Kind::kInt) {
                        int64_t i = static_cast<IntObj*>(key.get())->value, n = static_cast<int64_t>(l->items.size());
                        if (i < 0) i += n;
                        if (i < 0 || i >= n) {
                            raise(IndexError, "list assignment index out of range");
                            return Flow::kRaise;
                        }
                        l->items.erase(l->items.begin() + i);
                    } else {
                        type_error("'" + obj->type_name() + "' object doesn't support item deletion");
                        return Flow::kRaise;
                    }
                } else {
                    not_supported("this form of del");
                    return Flow::kRaise;
                }
            }
            return Flow::kNormal;
        }
        case py::StmtKind::kAssert: {
            // The parser keeps the test in `value` (ast.Assert(test, msg)).
            Ref t = eval(*s.value, f);
            if (!t) return Flow::kRaise;
            int b = truthy(t);
            if (b < 0) return Flow::kRaise;
            if (b) return Flow::kNormal;
            std::vector<Ref> args;
            if (s.cause) {
                Ref m = eval(*s.cause, f);
                if (!m) return Flow::kRaise;
                args.push_back(m);
            }
            exc = std::make_shared<ExceptionObj>(AssertionError, std::move(args));
            return Flow::kRaise;
        }
        case py::StmtKind::kGlobal:
            // At module level `global` changes nothing; in a function the names are the module's.
            if (!f.is_module)
                for (const auto& n : s.names)
                    if (!f.uses_globals(n.name)) f.global_names.push_back(n.name);
            return Flow::kNormal;
        case py::StmtKind::kNonlocal:
            if (f.is_module) {
                raise(SyntaxError, "nonlocal declaration not allowed at module level");
                return Flow::kRaise;
            }
            // The names are the enclosing function's (its cells, captured when this function
            // was made). CPython refuses a name no enclosing function binds when it compiles
            // the function; gramlab when the declaration runs.
            for (const auto& n : s.names) {
                if (!f.free || !f.free->count(n.name)) {
                    raise(SyntaxError, "no binding for nonlocal '" + n.name + "' found");
                    return Flow::kRaise;
                }
                if (!f.is_nonlocal(n.name)) f.nonlocal_names.push_back(n.name);
            }
            return Flow::kNormal;
        case py::StmtKind::kImport:
        case py::StmtKind::kImportFrom: return exec_import(*this, s, f);
        case py::StmtKind::kIf: {
            Ref t = eval(*s.test, f);
            if (!t) return Flow::kRaise;
            int b = truthy(t);
            if (b < 0) return Flow::kRaise;
            return exec_block(b ? s.body : s.orelse, f);
        }
        case py::StmtKind::kFor: {
            Ref it = eval(*s.value, f);
            if (!it) return Flow::kRaise;
            // A generator gives one item per pass: a `break` leaves the rest untaken.
            Flow result = Flow::kNormal;
            int r = for_each_item(*this, it, [&](const Ref& item) -> int {
                if (++loop_iterations > budget.max_loop_iterations || !tick()) {
                    if (!pending()) raise(RuntimeError, "the statement ran more loop iterations than the shell's budget allows");
                    return -1;
                }
                if (!assign_target(*this, *s.targets[0], item, f)) return -1;
                Flow flow = exec_block(s.body, f);
                if (flow == Flow::kBreak) return 0;
                if (flow == Flow::kContinue || flow == Flow::kNormal) return 1;
                result = flow;
                return 0;
            });
            if (r < 0) return Flow::kRaise;
            if (r == 0) return result;  // break (kNormal), return or an error inside the body
            return exec_block(s.orelse, f);
        }
        case py::StmtKind::kWhile: {
            for (;;) {
                if (++loop_iterations > budget.max_loop_iterations || !tick()) {
                    if (!pending()) raise(RuntimeError, "the statement ran more loop iterations than the shell's budget allows");
                    return Flow::kRaise;
                }
                Ref t = eval(*s.test, f);
                if (!t) return Flow::kRaise;
                int b = truthy(t);
                if (b < 0) return Flow::kRaise;
                if (!b) break;
                Flow flow = exec_block(s.body, f);
                if (flow == Flow::kBreak) return Flow::kNormal;
                if (flow == Flow::kContinue) continue;
                if (flow != Flow::kNormal) return flow;
            }
            return exec_block(s.orelse, f);
        }
        case py::StmtKind::kTry: return exec_try(*this, s, f);
        case py::StmtKind::kWith: return exec_with(*this, s, 0, f);
        case py::StmtKind::kFunctionDef: return exec_def(*this, s, f);
        case py::StmtKind::kClassDef: return exec_class(*this, s, f);
    }
    not_supported("this statement");
    return Flow::kRaise;
}

}  // namespace gramlab::shell

// Expression evaluation: names, constants, f-strings, attribute access, subscripts, calls,
// operators, comparisons, comprehensions and lambdas, as CPython evaluates them.
#include <algorithm>
#include <cstdlib>

#include "core/shell/builtins.hpp"
#include "core/shell/function.hpp"
#include "core/shell/interp.hpp"
#include "core/shell/iterators.hpp"
#include "core/shell/set_ops.hpp"

namespace gramlab::shell {

namespace {

Ref lookup_name(Interp& in, const std::string& id, Frame& f) {
    if (!f.uses_globals(id)) {
        auto it = f.locals().find(id);
        const bool nonlocal = f.is_nonlocal(id);
        if (it != f.locals().end() && !nonlocal) {
            auto* cell = f.has_cells ? as_cell(it->second) : nullptr;
            if (!cell) return it->second;
            if (cell->value) return cell->value;
        }
        // A name the function binds is its own even before it is assigned (CPython decides
        // when it compiles the function): not the module's variable of the same name.
        if (!nonlocal && f.local_names && f.local_names->count(id))
            return in.raise(in.UnboundLocalError, "cannot access local variable '" + id + "' where it is not associated with a value");
        if (f.free)
            if (auto c = f.free->find(id); c != f.free->end()) {
                if (c->second->value) return c->second->value;
                return in.raise(in.NameError, "cannot access free variable '" + id +
                                                  "' where it is not associated with a value in enclosing scope");
            }
    }
    auto g = f.globals->find(id);
    if (g != f.globals->end()) return g->second;
    auto b = in.builtins.find(id);
    if (b != in.builtins.end()) return b->second;
    return in.raise(in.NameError, "name '" + id + "' is not defined");
}

Ref eval_constant(Interp& in, const py::Expr& e) {
    switch (e.const_kind) {
        case py::ConstKind::kNone: return in.None;
        case py::ConstKind::kBool: return in.boolean(e.bool_value);
        case py::ConstKind::kInt: {
            const std::string& t = e.int_text;
            if (t.size() > 18) {
                errno = 0;
                char* end = nullptr;
                long long v = std::strtoll(t.c_str(), &end, 10);
                if (errno == ERANGE || *end) return in.raise(in.OverflowError, "integers beyond 64 bits are not supported in gramlab");
                return Interp::integer(v);
            }
            // At most 18 decimal digits (the lexer writes every literal in decimal): no overflow.
            int64_t v = 0;
            for (char c : t) v = v * 10 + (c - '0');
            return Interp::integer(v);
        }
        case py::ConstKind::kFloat: return Interp::floating(e.float_value);
        case py::ConstKind::kStr: return Interp::string(e.id);
        case py::ConstKind::kBytes: return std::make_shared<BytesObj>(e.id);
        case py::ConstKind::kEllipsis: return in.not_supported("Ellipsis (...)");
    }
    return in.None;
}

bool eval_args(Interp& in, const py::Expr& call, Frame& f, Args& args) {
    for (const auto& a : call.elts) {
        if (a->kind == py::ExprKind::kStarred) {
            Ref v = in.eval(*a->value, f);
            if (!v) return false;
            std::vector<Ref> items;
            if (!in.iterate(v, items)) {
                if (in.pending_is(in.TypeError)) {
                    in.exc = nullptr;
                    in.type_error("Value after * must be an iterable, not " + v->type_name());
                }
                return false;
            }
            args.pos.insert(args.pos.end(), items.begin(), items.end());
        } else {
            Ref v = in.eval(*a, f);
            if (!v) return false;
            args.pos.push_back(std::move(v));
        }
    }
    for (const auto& k : call.keywords) {
        Ref v = in.eval(*k.value, f);
        if (!v) return false;
        if (k.arg.empty()) {
            auto* d = as<DictObj>(v);
            if (!d || d->kind != Kind::kDict) {
                in.type_error("argument after ** must be a mapping, not " + v->type_name());
                return false;
            }
            for (const auto& kv : d->entries) {
                auto* key = as<StrObj>(kv.first);
                if (!key) {
                    in.type_error("keywords must be strings");
                    return false;
                }
                args.kw.emplace_back(key->value, kv.second);
            }
        } else {
            for (const auto& existing : args.kw)
                if (existing.first == k.arg) {
                    in.type_error("keyword argument repeated: " + k.arg);
                    return false;
                }
            args.kw.emplace_back(k.arg, std::move(v));
        }
    }
    return true;
}

Ref eval_joined(Interp& in, const py::Expr& e, Frame& f) {
    std::string out;
    for (const auto& part : e.elts) {
        if (part->kind == py::ExprKind::kConstant) {
            out += part->id;
            continue;
        }
        Ref v = in.eval(*part->value, f);
        if (!v) return nullptr;
        if (part->conversion == 'r' || part->conversion == 'a') {
            std::string r;
            if (!in.repr(v, r)) return nullptr;
            v = Interp::string(r);
        } else if (part->conversion == 's') {
            std::string r;
            if (!in.str(v, r)) return nullptr;
            v = Interp::string(r);
        }
        std::string spec;
        if (part->format_spec) {
            Ref s = eval_joined(in, *part->format_spec, f);
            if (!s) return nullptr;
            spec = static_cast<StrObj*>(s.get())->value;
        }
        std::string piece;
        if (!format_value(in, v, spec, piece)) return nullptr;
        out += piece;
    }
    return Interp::string(std::move(out));
}

// What CPython's AST optimizer folds into a constant: literals, +/- on a number, tuples and
// arithmetic of those (a set display of 3+ such items becomes a frozenset constant).
bool is_folded_constant(const py::Expr& e) {
    switch (e.kind) {
        case py::ExprKind::kConstant: return e.const_kind != py::ConstKind::kEllipsis;
        case py::ExprKind::kUnaryOp:
            return (e.unary_op == py::UnaryOpKind::kUSub || e.unary_op == py::UnaryOpKind::kUAdd) && e.value &&
                   e.value->kind == py::ExprKind::kConstant &&
                   (e.value->const_kind == py::ConstKind::kInt || e.value->const_kind == py::ConstKind::kFloat);
        case py::ExprKind::kTuple:
            return std::all_of(e.elts.begin(), e.elts.end(), [](const auto& x) { return is_folded_constant(*x); });
        default: return false;
    }
}

// Runs the generators of a comprehension, calling `emit` in the innermost scope.
bool run_comprehension(Interp& in, const py::Expr& e, size_t level, Frame& scope, const std::function<bool()>& emit) {
    if (level == e.generators.size()) return emit();
    const auto& gen = e.generators[level];
    Ref iterable = in.eval(*gen.iter, scope);
    if (!iterable) return false;
    std::vector<Ref> items;
    if (!in.iterate(iterable, items)) return false;
    for (const auto& item : items) {
        if (!in.tick()) return false;
        if (!assign_target(in, *gen.target, item, scope)) return false;
        bool keep = true;
        for (const auto& cond : gen.ifs) {
            Ref c = in.eval(*cond, scope);
            if (!c) return false;
            int t = in.truthy(c);
            if (t < 0) return false;
            if (!t) { keep = false; break; }
        }
        if (keep && !run_comprehension(in, e, level + 1, scope, emit)) return false;
    }
    return true;
}

}  // namespace

// A comprehension's own scope: its loop variables do not leak into the enclosing one.
Frame comprehension_scope(const Frame& f) {
    Frame scope;
    scope.globals = f.globals;
    scope.is_module = false;
    // The enclosing function's variables as they are now (a comprehension runs at once):
    // values, not the cells some of them are kept in.
    if (!f.is_module)
        for (const auto& [name, v] : f.locals()) {
            auto* cell = f.has_cells ? as_cell(v) : nullptr;
            if (!cell) scope.locals().emplace(name, v);
            else if (cell->value) scope.locals().emplace(name, cell->value);
        }
    scope.local_names = f.local_names;
    scope.free = f.free;
    scope.defining_class = f.defining_class;
    scope.self = f.self;
    return scope;
}


Ref make_function(Interp& in, const std::string& name, const py::Arguments* params, Frame& f, const py::Stmt* def,
                  const py::Expr* lambda_body);

Ref Interp::eval_constant_value(const py::Expr& e) { return eval_constant(*this, e); }

Ref Interp::eval(const py::Expr& e, Frame& f) {
    if (!tick()) return nullptr;
    switch (e.kind) {
        case py::ExprKind::kName: return lookup_name(*this, e.id, f);
        case py::ExprKind::kConstant:
            if (e.runtime_constant) return std::static_pointer_cast<Object>(e.runtime_constant);
            return eval_constant(*this, e);
        case py::ExprKind::kJoinedStr: return eval_joined(*this, e, f);
        case py::ExprKind::kFormattedValue: return not_supported("a bare formatted value");
        case py::ExprKind::kAttribute: {
            Ref v = eval(*e.value, f);
            if (!v) return nullptr;
            return getattr(v, e.id);
        }
        case py::ExprKind::kSubscript: {
            Ref v = eval(*e.value, f);
            if (!v) return nullptr;
            Ref k = eval(*e.slice, f);
            if (!k) return nullptr;
            return v->getitem(*this, k);
        }
        case py::ExprKind::kSlice: {
            Ref lo = e.lower ? eval(*e.lower, f) : None;
            if (!lo) return nullptr;
            Ref hi = e.upper ? eval(*e.upper, f) : None;
            if (!hi) return nullptr;
            Ref st = e.step ? eval(*e.step, f) : None;
            if (!st) return nullptr;
            return std::make_shared<SliceObj>(lo, hi, st);
        }
        case py::ExprKind::kCall: {
            Ref fn;
            Ref self;  // set when `x.name(...)` found its method unbound (Object::find_method)
            if (e.value->kind == py::ExprKind::kAttribute) {
                if (!tick()) return nullptr;  // the attribute's own step, as eval() takes it
                Ref obj = eval(*e.value->value, f);
                if (!obj) return nullptr;
                fn = obj->find_method(*this, e.value->id);
                if (fn) self = std::move(obj);
                else fn = getattr(obj, e.value->id);
            } else {
                fn = eval(*e.value, f);
            }
            if (!fn) return nullptr;
            Args args;
            if (!eval_args(*this, e, f, args)) return nullptr;
            if (self) return call_method_body(fn, self, args);
            // Zero-argument super() needs the calling method's class and self.
            if (auto* b = as<BuiltinObj>(fn); b && b->name == "super" && args.pos.empty()) {
                if (!f.defining_class || !f.self) return raise(RuntimeError, "super(): no arguments");
                args.pos = {f.defining_class, f.self};
            }
            return call(fn, args);
        }
        case py::ExprKind::kBinOp: {
            Ref a = eval(*e.left, f);
            if (!a) return nullptr;
            Ref b = eval(*e.right, f);
            if (!b) return nullptr;
            return binop(e.bin_op, a, b);
        }
        case py::ExprKind::kUnaryOp: {
            // -9223372036854775808 is the one literal whose magnitude is beyond 64 bits but
            // whose value is not: the smallest int64.
            if (e.unary_op == py::UnaryOpKind::kUSub && e.value->kind == py::ExprKind::kConstant &&
                e.value->const_kind == py::ConstKind::kInt && e.value->int_text == "9223372036854775808")
                return Interp::integer(INT64_MIN);
            Ref a = eval(*e.value, f);
            if (!a) return nullptr;
            return unaryop(e.unary_op, a);
        }
        case py::ExprKind::kBoolOp: {
            Ref last;
            for (const auto& v : e.elts) {
                last = eval(*v, f);
                if (!last) return nullptr;
                int t = truthy(last);
                if (t < 0) return nullptr;
                if (e.bool_op == py::BoolOpKind::kAnd ? !t : t) return last;
            }
            return last;
        }
        case py::ExprKind::kCompare: {
            Ref left = eval(*e.value, f);
            if (!left) return nullptr;
            Ref result = True;
            for (size_t i = 0; i < e.cmp_ops.size(); ++i) {
                Ref right = eval(*e.elts[i], f);
                if (!right) return nullptr;
                result = compare(e.cmp_ops[i], left, right);
                if (!result) return nullptr;
                if (i + 1 < e.cmp_ops.size()) {
                    int t = truthy(result);
                    if (t < 0) return nullptr;
                    if (!t) return result;
                }
                left = right;
            }
            return result;
        }
        case py::ExprKind::kSet: {
            std::vector<Ref> items;
            if (e.elts.size() > 2 && std::all_of(e.elts.begin(), e.elts.end(), [](const auto& x) { return is_folded_constant(*x); })) {
                for (const auto& x : e.elts) {
                    Ref v = eval(*x, f);
                    if (!v) return nullptr;
                    items.push_back(std::move(v));
                }
                return set_from_constant_items(*this, items);
            }
            // BUILD_SET, then SET_ADD / SET_UPDATE (a starred set or dict is merged) in order.
            auto s = std::make_shared<DictObj>(Kind::kSet);
            for (const auto& x : e.elts) {
                Ref v = eval(x->kind == py::ExprKind::kStarred ? *x->value : *x, f);
                if (!v) return nullptr;
                if (x->kind == py::ExprKind::kStarred ? !set_update(*this, *s, v) : !s->put(*this, v, None)) return nullptr;
            }
            return s;
        }
        case py::ExprKind::kList:
        case py::ExprKind::kTuple: {
            std::vector<Ref> items;
            for (const auto& x : e.elts) {
                if (x->kind == py::ExprKind::kStarred) {
                    Ref v = eval(*x->value, f);
                    if (!v) return nullptr;
                    std::vector<Ref> more;
                    if (!iterate(v, more)) return nullptr;
                    items.insert(items.end(), more.begin(), more.end());
                    continue;
                }
                Ref v = eval(*x, f);
                if (!v) return nullptr;
                items.push_back(std::move(v));
            }
            if (e.kind == py::ExprKind::kList) return list(std::move(items));
            return tuple(std::move(items));
        }
        case py::ExprKind::kDict: {
            auto d = dict();
            for (size_t i = 0; i < e.elts.size(); ++i) {
                if (!e.keys[i]) {
                    Ref m = eval(*e.elts[i], f);
                    if (!m) return nullptr;
                    auto* md = as<DictObj>(m);
                    if (!md || md->kind != Kind::kDict) return type_error("'" + m->type_name() + "' object is not a mapping");
                    for (const auto& kv : md->entries)
                        if (!d->put(*this, kv.first, kv.second)) return nullptr;
                    continue;
                }
                Ref k = eval(*e.keys[i], f);
                if (!k) return nullptr;
                Ref v = eval(*e.elts[i], f);
                if (!v) return nullptr;
                if (!d->put(*this, k, v)) return nullptr;
            }
            return d;
        }
        case py::ExprKind::kIfExp: {
            Ref t = eval(*e.test, f);
            if (!t) return nullptr;
            int b = truthy(t);
            if (b < 0) return nullptr;
            return eval(b ? *e.value : *e.orelse, f);
        }
        case py::ExprKind::kLambda: {
            return make_function(*this, "<lambda>", e.args_def.get(), f, nullptr, e.value.get());
        }
        case py::ExprKind::kStarred: return raise(SyntaxError, "can't use starred expression here");
        case py::ExprKind::kGeneratorExp: return make_generator(*this, e, f);
        case py::ExprKind::kListComp: {
            Frame scope = comprehension_scope(f);
            std::vector<Ref> out;
            bool ok = run_comprehension(*this, e, 0, scope, [&]() {
                Ref v = eval(*e.value, scope);
                if (!v) return false;
                out.push_back(std::move(v));
                return true;
            });
            if (!ok) return nullptr;
            return list(std::move(out));
        }
        case py::ExprKind::kSetComp:
        case py::ExprKind::kDictComp: {
            Frame scope = comprehension_scope(f);
            auto out = e.kind == py::ExprKind::kSetComp ? std::make_shared<DictObj>(Kind::kSet) : dict();
            bool ok = run_comprehension(*this, e, 0, scope, [&]() {
                // The key before the value (PEP 572's order, Python 3.8+).
                Ref k = eval(e.kind == py::ExprKind::kSetComp ? *e.value : *e.left, scope);
                if (!k) return false;
                Ref v = e.kind == py::ExprKind::kSetComp ? None : eval(*e.value, scope);
                return v && out->put(*this, k, std::move(v));
            });
            if (!ok) return nullptr;
            return out;
        }
    }
    return not_supported("this expression");
}

}  // namespace gramlab::shell

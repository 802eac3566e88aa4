// Calling learner-written functions: Python's argument binding (positional, keyword,
// defaults, *args, **kwargs, keyword-only) with CPython 3.11's TypeError messages.
#include "core/shell/function.hpp"

#include "core/shell/builtins.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::shell {

namespace {

std::string quote_list(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i) out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
        out += "'" + names[i] + "'";
    }
    return out;
}

}  // namespace

bool is_classmethod(const Ref& fn) {
    if (auto* f = as<FunctionObj>(fn)) return f->is_classmethod;
    if (auto* b = as<BuiltinObj>(fn)) return b->is_classmethod;
    return false;
}

Ref make_bound_method(Interp& in, const Ref& fn, const Ref& self) {
    if (auto* f = as<FunctionObj>(fn); f && f->is_staticmethod) return fn;
    if (is_classmethod(fn)) {
        Ref owner = self->kind == Kind::kClass ? self : Ref(in.type_of(self));
        return std::make_shared<BoundMethodObj>(fn, std::move(owner));
    }
    return std::make_shared<BoundMethodObj>(fn, self);
}

bool FunctionObj::repr(Interp&, std::string& out) {
    out = "<function " + qualname + " at 0x7f0000000000>";
    return true;
}

Ref FunctionObj::getattr(Interp& in, const std::string& n) {
    if (n == "__name__") return Interp::string(name);
    if (n == "__qualname__") return Interp::string(qualname);
    return in.attribute_error(*this, n);
}

Ref FunctionObj::call(Interp& in, Args& args) {
    Frame frame;
    frame.globals = globals;
    frame.is_module = false;
    frame.defining_class = defining_class;
    // Which names are the function's own is decided once, as CPython's compiler does.
    if (!local_names) local_names = function_locals(params, def ? &def->body : nullptr);
    frame.local_names = local_names;
    if (!closure.empty()) frame.free = &closure;
    const std::string fname = qualname + "()";
    const py::Arguments* p = params;
    std::vector<const py::Arg*> positional;
    if (p) {
        for (const auto& a : p->posonly) positional.push_back(&a);
        for (const auto& a : p->args) positional.push_back(&a);
    }
    size_t npos = positional.size();
    // Positional arguments.
    size_t given = args.pos.size();
    if (given > npos && !(p && p->vararg)) {
        size_t ndefaults = defaults.size();
        std::string takes = ndefaults ? "from " + std::to_string(npos - ndefaults) + " to " + std::to_string(npos)
                                      : std::to_string(npos);
        std::string plural = (ndefaults || npos != 1) ? " positional arguments" : " positional argument";
        return in.type_error(fname + " takes " + takes + plural + " but " + std::to_string(given) +
                             (given == 1 ? " was given" : " were given"));
    }
    std::vector<bool> bound(npos, false);
    for (size_t i = 0; i < given && i < npos; ++i) {
        frame.locals()[positional[i]->name] = args.pos[i];
        bound[i] = true;
    }
    if (p && p->vararg) {
        std::vector<Ref> rest;
        for (size_t i = npos; i < given; ++i) rest.push_back(args.pos[i]);
        frame.locals()[p->vararg->name] = Interp::tuple(std::move(rest));
    }
    std::shared_ptr<DictObj> kwargs_dict;
    if (p && p->kwarg) kwargs_dict = Interp::dict();
    for (const auto& kv : args.kw) {
        bool found = false;
        for (size_t i = 0; i < npos; ++i) {
            if (positional[i]->name != kv.first) continue;
            if (i < p->posonly.size()) break;
            if (bound[i]) return in.type_error(fname + " got multiple values for argument '" + kv.first + "'");
            frame.locals()[kv.first] = kv.second;
            bound[i] = true;
            found = true;
        }
        if (!found && p) {
            for (const auto& a : p->kwonly)
                if (a.name == kv.first) {
                    frame.locals()[kv.first] = kv.second;
                    found = true;
                }
        }
        if (!found) {
            if (!kwargs_dict) return in.type_error(fname + " got an unexpected keyword argument '" + kv.first + "'");
            kwargs_dict->entries.emplace_back(Interp::string(kv.first), kv.second);
        }
    }
    if (kwargs_dict) frame.locals()[p->kwarg->name] = kwargs_dict;
    // Defaults and missing arguments.
    std::vector<std::string> missing;
    size_t first_default = npos - defaults.size();
    for (size_t i = 0; i < npos; ++i) {
        if (bound[i]) continue;
        if (i >= first_default) frame.locals()[positional[i]->name] = defaults[i - first_default];
        else missing.push_back(positional[i]->name);
    }
    if (!missing.empty())
        return in.type_error(fname + " missing " + std::to_string(missing.size()) + " required positional argument" +
                             (missing.size() == 1 ? "" : "s") + ": " + quote_list(missing));
    if (p) {
        std::vector<std::string> missing_kw;
        for (const auto& a : p->kwonly) {
            if (frame.locals().count(a.name)) continue;
            auto d = kw_defaults.find(a.name);
            if (d != kw_defaults.end()) frame.locals()[a.name] = d->second;
            else missing_kw.push_back(a.name);
        }
        if (!missing_kw.empty())
            return in.type_error(fname + " missing " + std::to_string(missing_kw.size()) + " required keyword-only argument" +
                                 (missing_kw.size() == 1 ? "" : "s") + ": " + quote_list(missing_kw));
    }
    if (npos > 0 && bound[0]) frame.self = frame.locals()[positional[0]->name];
    if (lambda_body) return in.eval(*lambda_body, frame);
    Flow flow = in.exec_block(def->body, frame);
    if (flow == Flow::kRaise) return nullptr;
    if (flow == Flow::kReturn) {
        Ref r = in.return_value;
        in.return_value = nullptr;
        return r;
    }
    if (flow == Flow::kBreak || flow == Flow::kContinue) return in.raise(in.SyntaxError, "'break' outside loop");
    return in.None;
}

bool BoundMethodObj::repr(Interp& in, std::string& out) {
    std::string s;
    if (!in.repr(self, s)) return false;
    std::string q = "?";
    if (auto* f = as<FunctionObj>(func)) {
        q = f->qualname;
    } else if (auto* b = as<BuiltinObj>(func); b && b->has_python_qualname()) {
        q = b->qualname();
    } else if (auto* b = as<BuiltinObj>(func); b && b->repr_text.rfind("<function ", 0) == 0) {
        // A C++ function shown as a Python one (bound_method.hpp): "<function Model.delete at 0x...>".
        size_t at = b->repr_text.rfind(" at 0x");
        q = b->repr_text.substr(10, at == std::string::npos || at < 10 ? std::string::npos : at - 10);
    }
    out = "<bound method " + q + " of " + s + ">";
    return true;
}

int BoundMethodObj::eq(Interp& in, const Ref& other) {
    auto* o = as<BoundMethodObj>(other);
    if (!o) return -2;
    if (self != o->self) return 0;
    if (func == o->func) return 1;
    return in.equals(func, o->func);
}

Ref BoundMethodObj::getattr(Interp& in, const std::string& name) {
    if (name == "__self__") return self;
    if (name == "__func__") return func;
    // Python looks the rest up on the function (so the error names the function's type).
    return in.getattr(func, name);
}

bool BoundMethodObj::hash(Interp& in, uint64_t& out) {
    uint64_t h = 0;
    if (!in.hash(func, h)) return false;
    out = h ^ (reinterpret_cast<uintptr_t>(self.get()) >> 4);
    return true;
}

Ref BoundMethodObj::call(Interp& in, Args& args) {
    // A C++ method body takes its receiver apart: no copy of the arguments.
    if (auto* b = func->kind == Kind::kBuiltin ? static_cast<BuiltinObj*>(func.get()) : nullptr; b && b->method) {
        Ref me = self;
        return b->method(in, me, args);
    }
    Args a = args;
    a.pos.insert(a.pos.begin(), self);
    return in.call(func, a);
}

}  // namespace gramlab::shell

namespace gramlab::shell {

namespace {

// super(): attribute lookup that starts after `cls` (in its bases), bound to `self`.
class SuperObj final : public Object {
public:
    SuperObj(ClassRef c, Ref s) : Object(Kind::kNative), cls(std::move(c)), self(std::move(s)) {}
    ClassRef cls;
    Ref self;
    std::string type_name() const override { return "super"; }
    bool repr(Interp&, std::string& out) override {
        out = "<super: <class '" + cls->name + "'>, <" + self->type_name() + " object>>";
        return true;
    }
    Ref getattr(Interp& in, const std::string& name) override {
        for (const auto& b : cls->bases) {
            Ref r = b->lookup(name);
            if (!r) continue;
            if (r->kind == Kind::kFunction || r->kind == Kind::kBuiltin) return make_bound_method(in, r, self);
            return r;
        }
        if (name == "__init__") {
            Ref self_ref = self;
            return std::make_shared<BuiltinObj>("__init__", [](Interp& in, Args&) -> Ref { return in.None; });
        }
        return in.raise(in.AttributeError, "'super' object has no attribute '" + name + "'");
    }
};

}  // namespace

Ref make_super(Interp& in, const ClassRef& cls, const Ref& self) { return std::make_shared<SuperObj>(cls, self); }

}  // namespace gramlab::shell

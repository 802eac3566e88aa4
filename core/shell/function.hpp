// Functions written by the learner (def, lambda, and the methods in models.py) and bound
// methods. Calling one binds arguments the way Python does (defaults, *args, **kwargs,
// keyword-only parameters) with CPython's TypeError messages, then runs the body.
#pragma once

#include <memory>
#include <string>

#include "core/python/ast.hpp"
#include "core/shell/interp.hpp"
#include "core/shell/object.hpp"

namespace gramlab::shell {

class FunctionObj final : public Object {
public:
    FunctionObj() : Object(Kind::kFunction) {}
    std::string name;
    std::string qualname;
    const py::Arguments* params = nullptr;
    const py::Stmt* def = nullptr;      // FunctionDef (null for lambda)
    const py::Expr* lambda_body = nullptr;
    std::vector<Ref> defaults;          // for params->args tail (positional defaults)
    std::map<std::string, Ref> kw_defaults;
    std::map<std::string, Ref>* globals = nullptr;
    std::shared_ptr<const void> keep_alive;  // the AST this function points into
    ClassRef defining_class;            // set when defined in a class body (for super())
    //! The enclosing functions' variables this function uses (cells shared with them).
    Closure closure;
    //! The names the function binds (scopes.hpp), worked out at its first call.
    std::shared_ptr<const NameSet> local_names;
    bool is_property = false;
    bool is_staticmethod = false;
    bool is_classmethod = false;

    std::string type_name() const override { return "function"; }
    bool repr(Interp& in, std::string& out) override;
    Ref call(Interp& in, Args& args) override;
    Ref getattr(Interp& in, const std::string& n) override;
};

class BoundMethodObj final : public Object {
public:
    BoundMethodObj(Ref f, Ref s) : Object(Kind::kBoundMethod), func(std::move(f)), self(std::move(s)) {}
    Ref func, self;
    std::string type_name() const override { return "method"; }
    bool repr(Interp& in, std::string& out) override;
    Ref call(Interp& in, Args& args) override;
    //! As Python's method objects: equal when bound to the same object (identity) with equal
    //! functions, so `Post.objects.get == Post.objects.get`; hashed to match.
    int eq(Interp& in, const Ref& other) override;
    bool hash(Interp& in, uint64_t& out) override;
    //! __self__ and __func__; any other attribute is the function's (__name__, __qualname__).
    Ref getattr(Interp& in, const std::string& name) override;
};

//! obj.method for a function found on obj's class: bound to obj, to obj's class for a
//! classmethod, unbound for a staticmethod.
Ref make_bound_method(Interp& in, const Ref& fn, const Ref& self);
//! True for a classmethod (a learner's @classmethod or a C++ one).
bool is_classmethod(const Ref& fn);

}  // namespace gramlab::shell

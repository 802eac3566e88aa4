// Python-level functions and bound methods implemented in C++ (see bound_method.hpp).
#include "core/shell/bound_method.hpp"

#include "core/shell/function.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::shell {

Ref python_function(const std::string& qualname, const std::string& name, std::function<Ref(Interp&, Args&)> fn) {
    auto f = std::make_shared<BuiltinObj>(name, std::move(fn));
    f->python_qualname = qualname;
    return f;
}

namespace {

// The C++ body `fn` as a function with that qualname (prefix + rest), bound to `self`.
Ref bind_method(const char* qualname_prefix, std::string qualname_rest, const std::string& name, Ref self,
         std::function<Ref(Interp&, Ref&, Args&)> fn) {
    auto f = std::make_shared<BuiltinObj>(name, BuiltinObj::MethodFn(std::move(fn)));
    f->python_qualname_prefix = qualname_prefix;
    f->python_qualname = std::move(qualname_rest);
    return std::make_shared<BoundMethodObj>(std::move(f), std::move(self));
}

}  // namespace

Ref bound_method(const std::string& qualname, const std::string& name, Ref self,
                 std::function<Ref(Interp&, Ref&, Args&)> fn) {
    return bind_method(nullptr, qualname, name, std::move(self), std::move(fn));
}

Ref bound_method_in(const char* qualname_prefix, const std::string& name, Ref self,
                    std::function<Ref(Interp&, Ref&, Args&)> fn) {
    return bind_method(qualname_prefix, name, name, std::move(self), std::move(fn));
}

Ref bound_method_static(const char* qualname, const std::string& name, Ref self,
                        std::function<Ref(Interp&, Ref&, Args&)> fn) {
    return bind_method(qualname, "", name, std::move(self), std::move(fn));
}

}  // namespace gramlab::shell

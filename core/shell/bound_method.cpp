// Python-level functions and bound methods implemented in C++ (see bound_method.hpp).
#include "core/shell/bound_method.hpp"

#include "core/shell/function.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::shell {

Ref python_function(const std::string& qualname, const std::string& name, std::function<Ref(Interp&, Args&)> fn) {
    auto f = std::make_shared<BuiltinObj>(name, std::move(fn));
    f->repr_text = "<function " + qualname + " at 0x7f0000000000>";
    return f;
}

Ref bound_method(const std::string& qualname, const std::string& name, Ref self,
                 std::function<Ref(Interp&, Ref&, Args&)> fn) {
    // BoundMethodObj::call passes self first; the C++ function takes it apart.
    Ref f = python_function(qualname, name, [fn = std::move(fn), name](Interp& in, Args& a) -> Ref {
        if (a.pos.empty()) return in.type_error(name + "() missing 1 required positional argument: 'self'");
        Ref me = a.pos[0];
        Args rest;
        rest.pos.assign(a.pos.begin() + 1, a.pos.end());
        rest.kw = a.kw;
        return fn(in, me, rest);
    });
    return std::make_shared<BoundMethodObj>(f, std::move(self));
}

}  // namespace gramlab::shell

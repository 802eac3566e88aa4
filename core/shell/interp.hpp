// The interpreter: executes shell statements (and the methods learners write in models.py)
// over the AST, the way CPython's interactive console would. Holds the pending exception,
// the builtin classes, the global namespace, the printed output and the budgets.
// One Interp per shell session; no global mutable state, so a server can run many.
#pragma once

#include <atomic>
#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/common/clock.hpp"
#include "core/python/ast.hpp"
#include "core/shell/object.hpp"
#include "core/shell/scopes.hpp"

namespace gramlab::models { class Apps; }
namespace gramlab::db { class Connection; }
namespace gramlab::orm { class OrmRuntime; }

namespace gramlab::shell {


//! A variable shared by a function and the functions nested in it (CPython's cell): the
//! enclosing function's scope holds the cell in place of the value, and each nested
//! function's closure holds the same cell, so a nested function reads what the enclosing
//! one assigns later (late binding) and `nonlocal` writes reach the enclosing function.
//! A null value is a variable not assigned yet. Cells never escape as values: reading a
//! variable unwraps its cell.
class CellObj final : public Object {
public:
    CellObj() : Object(Kind::kNative) {}
    Ref value;
    std::string type_name() const override { return "cell"; }
    void drop_references() override { value = nullptr; }
};
using Closure = std::map<std::string, std::shared_ptr<CellObj>, std::less<>>;
//! The cell a scope holds for a shared variable, or null for a plain value.
inline CellObj* as_cell(const Ref& v) { return v && v->kind == Kind::kNative ? dynamic_cast<CellObj*>(v.get()) : nullptr; }

//! A function scope (module level uses the globals directly), or a class body's.
struct Frame {
    std::map<std::string, Ref>* globals = nullptr;
    std::map<std::string, Ref>& locals() { return locals_; }
    const std::map<std::string, Ref>& locals() const { return locals_; }
    //! Names a function body declared `global`: read and written in `globals`.
    std::vector<std::string> global_names;
    //! Names a function body declared `nonlocal`: read and written in its closure's cells.
    std::vector<std::string> nonlocal_names;
    //! The names the function binds (scopes.hpp); null at module level and in class bodies.
    std::shared_ptr<const NameSet> local_names;
    //! The enclosing functions' variables this function uses (its closure), or null.
    const Closure* free = nullptr;
    //! Set once a nested function captured one of this frame's variables: some values in
    //! `locals` are then cells.
    bool has_cells = false;
    bool is_module = true;
    bool is_class_body = false;
    //! Whether `id` lives in the module's globals in this frame.
    bool uses_globals(const std::string& id) const {
        return is_module || std::find(global_names.begin(), global_names.end(), id) != global_names.end();
    }
    bool is_nonlocal(const std::string& id) const {
        return !nonlocal_names.empty() && std::find(nonlocal_names.begin(), nonlocal_names.end(), id) != nonlocal_names.end();
    }
    bool echo = false;        // the interactive console echoes expression statements
    ClassRef defining_class;  // for zero-argument super()
    Ref self;                 // first argument of a method, for super()

private:
    std::map<std::string, Ref> locals_;
};

//! How a statement block ended.
enum class Flow { kNormal, kReturn, kBreak, kContinue, kRaise };

struct Budget {
    std::chrono::milliseconds time{2000};
    int64_t memory_bytes = 256ll << 20;
    int64_t max_loop_iterations = 10'000'000;
    int max_depth = 200;
};

class Interp {
public:
    Interp();
    ~Interp();

    // ------------------------------------------------------------- singletons and makers
    Ref None, True, False;
    Ref boolean(bool b) const { return b ? True : False; }
    static Ref integer(int64_t v);
    static Ref floating(double v);
    static Ref string(std::string v);
    static Ref list(std::vector<Ref> v);
    static Ref tuple(std::vector<Ref> v);
    static std::shared_ptr<DictObj> dict();

    // ------------------------------------------------------------- exceptions
    //! The pending exception (an ExceptionObj), or null.
    Ref exc;
    //! Sets the pending exception and returns null so callers can `return in.raise(...)`.
    std::nullptr_t raise(const ClassRef& cls, const std::string& message);
    std::nullptr_t raise_obj(Ref exception);
    std::nullptr_t type_error(const std::string& m) { return raise(TypeError, m); }
    std::nullptr_t value_error(const std::string& m) { return raise(ValueError, m); }
    //! int(d) for a float: its integer part, or false with Python's error pending (ValueError
    //! for NaN, OverflowError for infinities and for values beyond gramlab's 64-bit ints).
    bool float_to_int(double d, int64_t& out);
    std::nullptr_t attribute_error(const Object& o, const std::string& attr);
    std::nullptr_t not_supported(const std::string& what);
    bool pending() const { return exc != nullptr; }
    //! True when the pending exception is an instance of `cls` (or a subclass).
    bool pending_is(const ClassRef& cls) const;

    ClassRef BaseException, Exception, TypeError, ValueError, NameError, AttributeError, KeyError,
        IndexError, ZeroDivisionError, AssertionError, RuntimeError, NotImplementedError, StopIteration,
        SyntaxError, IndentationError, ImportError, ModuleNotFoundError, LookupError, ArithmeticError,
        OverflowError, UnboundLocalError, RecursionError, MemoryError, KeyboardInterrupt, UnicodeError;
    // builtin value classes (for isinstance and calls like int('3'))
    ClassRef cls_int, cls_float, cls_str, cls_bool, cls_list, cls_tuple, cls_dict, cls_set, cls_object, cls_type;

    // ------------------------------------------------------------- execution
    std::map<std::string, Ref> globals;
    std::map<std::string, Ref> builtins;
    //! Text the statement printed (print(), the console echo).
    std::string out;

    //! Runs statements in `frame`. Flow::kRaise leaves the exception pending.
    Flow exec_block(const std::vector<py::StmtPtr>& body, Frame& frame);
    Flow exec(const py::Stmt& s, Frame& frame);
    Ref eval(const py::Expr& e, Frame& frame);
    //! A Constant node's object, built anew (eval() reuses runtime_constant when it is set).
    Ref eval_constant_value(const py::Expr& e);
    //! The value a `return` left (valid after Flow::kReturn).
    Ref return_value;
    //! Exceptions being handled (innermost last), for a bare `raise`.
    std::vector<Ref> handling;
    //! The class of a builtin type that has no class object of its own here (type(x) of a
    //! generator or an iterator): made once per name, with no attributes of its own.
    ClassRef builtin_type(const std::string& name);
    //! Objects that can end up in a reference cycle no root reaches (the cells of a nested
    //! function that calls itself, a class made inside a function): gramlab has no cycle
    //! collector, so the session's end empties the ones still alive (~Interp).
    void track_cyclic(const Ref& o) {
        if (cyclic_made_.size() >= cyclic_prune_at_) {
            cyclic_made_.erase(std::remove_if(cyclic_made_.begin(), cyclic_made_.end(), [](const auto& w) { return w.expired(); }),
                               cyclic_made_.end());
            cyclic_prune_at_ = std::max<size_t>(64, cyclic_made_.size() * 2);
        }
        cyclic_made_.push_back(o);
    }
    //! Shows an echoed value the way sys.displayhook does (repr + newline, sets `_`).
    bool display(const Ref& value);

    //! Calls any callable.
    //! Calls a method found by Object::find_method on `self` (a BuiltinObj with a body).
    Ref call_method_body(const Ref& fn, Ref self, Args& args);
    Ref call(const Ref& fn, Args& args);
    Ref call(const Ref& fn, std::vector<Ref> pos, KwArgs kw = {});
    //! Calls obj.name(args...).
    Ref call_method(const Ref& obj, const std::string& name, std::vector<Ref> pos = {}, KwArgs kw = {});

    // ------------------------------------------------------------- Python operations
    bool repr(const Ref& o, std::string& out);
    bool str(const Ref& o, std::string& out);
    int truthy(const Ref& o);
    //! ==: 1 equal, 0 not, -1 raised.
    int equals(const Ref& a, const Ref& b);
    //! <: 1, 0, -1 raised (TypeError for unorderable).
    int less(const Ref& a, const Ref& b);
    Ref compare(py::CmpOpKind op, const Ref& a, const Ref& b);
    Ref binop(py::BinOpKind op, const Ref& a, const Ref& b);
    Ref unaryop(py::UnaryOpKind op, const Ref& a);
    bool iterate(const Ref& o, std::vector<Ref>& items);
    bool hash(const Ref& o, uint64_t& h);
    Ref getattr(const Ref& o, const std::string& name);
    bool isinstance(const Ref& o, const ClassRef& cls);
    ClassRef type_of(const Ref& o);

    // ------------------------------------------------------------- budgets and interrupts
    Budget budget;
    //! Set from another thread (the UI's Stop button) to end the running statement.
    std::atomic<bool>* interrupt = nullptr;
    //! Polled every few hundred steps (SessionOptions::poll_stop); a true answer sticks until
    //! the next statement starts.
    std::function<bool()> poll_stop;
    //! True once the statement was asked to stop (the flag, or a poll that said so).
    bool interrupted() const {
        return stop_polled_ || (interrupt && interrupt->load(std::memory_order_relaxed));
    }
    //! Polls poll_stop now; returns interrupted().
    bool poll_interrupt() {
        if (!stop_polled_ && poll_stop && poll_stop()) stop_polled_ = true;
        return interrupted();
    }
    //! Starts the budget clock for one statement.
    void start_statement();
    //! Checks the interrupt flag and the time and memory budgets; raises and returns false
    //! when one is exceeded. Called at every step of the interpreter: the common case (no
    //! flag, not a 256th step, not the heap baseline's step) is inline.
    bool tick() {
        const int n = ++tick_counter_;
        if ((n & 255) != 0 && n != kHeapBaselineTick && !stop_polled_ && !(interrupt && interrupt->load(std::memory_order_relaxed)))
            return true;
        return tick_slow(n);
    }
    //! True once the statement ran past its time budget or grew the heap past its memory budget.
    bool over_budget() const;
    bool over_time() const;
    bool over_memory() const;
    //! Raises the exception that ends a statement over budget (RuntimeError / MemoryError).
    void raise_over_budget();
    int depth = 0;
    //! Containers whose repr is being built (Py_ReprEnter): one met again inside itself prints
    //! as [...] / {...} / (...), as `a.append(a); a` does in Python.
    std::vector<const Object*> repr_active;
    bool repr_enter(const Object* o) {
        for (const Object* x : repr_active)
            if (x == o) return false;
        repr_active.push_back(o);
        return true;
    }
    void repr_leave() { repr_active.pop_back(); }
    int64_t loop_iterations = 0;

    // ------------------------------------------------------------- the project
    const models::Apps* apps = nullptr;
    db::Connection* conn = nullptr;
    //! The clock, "YYYY-MM-DD HH:MM:SS[.ffffff]" UTC: timezone.now(), auto_now.
    std::string now = "2024-01-15 12:00:00";
    std::unique_ptr<orm::OrmRuntime> orm;

    //! Import machinery: module by dotted name (null + ModuleNotFoundError).
    Ref import_module(const std::string& dotted);
    //! Registers a module factory (django.db.models etc. are registered by the ORM).
    std::map<std::string, std::function<Ref(Interp&)>> module_factories;
    //! Makes the class of a class statement whose bases ask for more than a plain class (the
    //! ORM's choices enums); null when it does not apply (or with the exception pending).
    std::function<ClassRef(Interp&, const py::Stmt&, const std::vector<ClassRef>& bases, Frame&)> special_class;
    std::map<std::string, Ref> modules;

private:
    std::vector<std::weak_ptr<Object>> cyclic_made_;
    std::map<std::string, ClassRef> builtin_types_;
    size_t cyclic_prune_at_ = 64;
    MonotonicClock::time_point deadline_;
    int tick_counter_ = 0;
    static constexpr int kHeapBaselineTick = 16;  // see interp.cpp
    bool tick_slow(int n);
    //! The heap in use when the statement's memory started to be measured (see start_statement).
    mutable size_t heap_at_start_ = 0;
    mutable bool heap_baseline_taken_ = false;
    void take_heap_baseline() const;
    bool stop_polled_ = false;
};

//! Python's repr of a str.
std::string repr_str(const std::string& s);

//! Binds `value` to an assignment target (name, attribute, subscript, tuple unpacking).
bool assign_target(Interp& in, const py::Expr& target, Ref value, Frame& f);
//! A comprehension's (or generator expression's) own scope inside `f`: the enclosing
//! function's variables as they are now, its loop variables its own.
Frame comprehension_scope(const Frame& f);

}  // namespace gramlab::shell

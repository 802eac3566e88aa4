// django.db.transaction as Django 3.2's connection implements it (django/db/transaction.py,
// django/db/backends/base/base.py): atomic() (Atomic.__enter__/__exit__ through
// OrmRuntime::atomic_enter/atomic_exit), savepoint()/savepoint_commit()/savepoint_rollback(),
// get_rollback()/set_rollback(), get_autocommit(), commit()/rollback() and on_commit().
#include "core/orm/transaction.hpp"

#include <string>

#include "core/orm/runtime.hpp"
#include "core/shell/bound_method.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/function.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

using shell::Args;
using shell::Interp;
using shell::Kind;
using shell::Ref;

namespace {

// A transaction.atomic() block as a context manager object.
class AtomicObj final : public shell::Object {
public:
    explicit AtomicObj(bool savepoint) : Object(Kind::kNative), savepoint(savepoint) {}
    bool savepoint;
    std::vector<std::string> sids;
    std::vector<bool> used_savepoint;
    std::string type_name() const override { return "Atomic"; }
    Ref getattr(Interp& in, const std::string& name) override {
        Ref self = shared_from_this();
        if (name == "__enter__")
            return shell::method(name, self, [](Interp& in, Ref& me, Args&) -> Ref {
                auto* a = static_cast<AtomicObj*>(me.get());
                std::string sid;
                bool sp = a->savepoint && in.orm->atomic_depth > 0;
                if (!in.orm->atomic_enter(sp, sid)) return nullptr;
                a->sids.push_back(sid);
                a->used_savepoint.push_back(sp);
                return in.None;
            });
        if (name == "__exit__")
            return shell::method(name, self, [](Interp& in, Ref& me, Args& args) -> Ref {
                auto* a = static_cast<AtomicObj*>(me.get());
                bool ok = args.pos.empty() || args.pos[0]->kind == Kind::kNone;
                std::string sid = a->sids.back();
                bool sp = a->used_savepoint.back();
                a->sids.pop_back();
                a->used_savepoint.pop_back();
                if (!in.orm->atomic_exit(ok, sp, sid)) return nullptr;
                return in.False;
            });
        return in.attribute_error(*this, name);
    }
    Ref call(Interp& in, Args& args) override {
        // @transaction.atomic as a decorator is not modelled.
        return in.not_supported("transaction.atomic used as a decorator");
    }
};

//! The `using` argument: only 'default' exists.
bool check_using(Interp& in, const Args& a, size_t position, const char* fn) {
    Ref using_arg = a.pos.size() > position ? a.pos[position] : nullptr;
    if (const Ref* u = a.find("using")) using_arg = *u;
    if (!using_arg || using_arg->kind == Kind::kNone) return true;
    std::string alias;
    if (!in.str(using_arg, alias)) return false;
    if (alias == "default") return true;
    in.not_supported(std::string(fn) + "(using=" + alias + "): only the 'default' database exists");
    return false;
}

//! "SAVEPOINT ..." / "RELEASE SAVEPOINT ..." on a savepoint id the learner passed: an embedded
//! quote is doubled, so the id stays one identifier whatever it holds (Django's quote_name
//! writes ordinary ids the same way).
std::string savepoint_sql(const char* verb, const std::string& sid) {
    std::string quoted;
    for (char c : sid) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return std::string(verb) + " \"" + quoted + "\"";
}

Ref transaction_error(Interp& in, const std::string& message) {
    return in.raise(in.orm->exceptions.TransactionManagementError, message);
}

//! A savepoint id as quote_name() takes it: a str (None has no startswith()).
bool savepoint_name(Interp& in, const Args& a, const char* fn, std::string& sid) {
    if (a.pos.empty() && !a.find("sid")) {
        in.type_error(std::string(fn) + "() missing 1 required positional argument: 'sid'");
        return false;
    }
    Ref v = a.pos.empty() ? *a.find("sid") : a.pos[0];
    if (v->kind != Kind::kStr) {
        in.attribute_error(*v, "startswith");
        return false;
    }
    sid = static_cast<shell::StrObj*>(v.get())->value;
    return true;
}

}  // namespace

void install_transaction_module(Interp& in) {
    in.module_factories["django.db.transaction"] = [](Interp& in) -> Ref {
        auto t = std::make_shared<shell::ModuleObj>("django.db.transaction");
        auto def = [&t](const char* name, std::function<Ref(Interp&, Args&)> fn) {
            t->attrs[name] = std::make_shared<shell::BuiltinObj>(name, std::move(fn));
        };
        def("atomic", [](Interp& in, Args& a) -> Ref {
            bool savepoint = true;
            if (const Ref* sp = a.find("savepoint")) savepoint = in.truthy(*sp) == 1;
            if (!a.pos.empty() && a.pos[0]->kind != Kind::kStr && a.pos[0]->kind != Kind::kNone)
                return in.not_supported("transaction.atomic used as a decorator");
            return std::make_shared<AtomicObj>(savepoint);
        });
        def("get_autocommit", [](Interp& in, Args& a) -> Ref {
            if (!check_using(in, a, 0, "get_autocommit")) return nullptr;
            return in.boolean(in.orm->atomic_depth == 0);
        });
        // commit() / rollback(): no-ops in autocommit (sqlite3's own), forbidden in a block.
        for (const char* name : {"commit", "rollback"}) {
            def(name, [](Interp& in, Args& a) -> Ref {
                if (!check_using(in, a, 0, "commit")) return nullptr;
                if (in.orm->atomic_depth > 0) return transaction_error(in, "This is forbidden when an 'atomic' block is active.");
                return in.None;
            });
        }
        def("savepoint", [](Interp& in, Args& a) -> Ref {
            if (!check_using(in, a, 0, "savepoint")) return nullptr;
            if (in.orm->atomic_depth == 0) return in.None;  // _savepoint_allowed(): not in autocommit
            const std::string sid = "s1_x" + std::to_string(++in.orm->savepoint_seq);
            if (!in.orm->execute("SAVEPOINT \"" + sid + "\"", {})) return nullptr;
            return Interp::string(sid);
        });
        def("savepoint_commit", [](Interp& in, Args& a) -> Ref {
            std::string sid;
            if (!check_using(in, a, 1, "savepoint_commit")) return nullptr;
            if (in.orm->atomic_depth == 0) return in.None;
            if (!savepoint_name(in, a, "savepoint_commit", sid)) return nullptr;
            if (!in.orm->execute(savepoint_sql("RELEASE SAVEPOINT", sid), {})) return nullptr;
            return in.None;
        });
        def("savepoint_rollback", [](Interp& in, Args& a) -> Ref {
            std::string sid;
            if (!check_using(in, a, 1, "savepoint_rollback")) return nullptr;
            if (in.orm->atomic_depth == 0) return in.None;
            if (!savepoint_name(in, a, "savepoint_rollback", sid)) return nullptr;
            if (!in.orm->execute(savepoint_sql("ROLLBACK TO SAVEPOINT", sid), {})) return nullptr;
            in.orm->discard_commit_hooks(sid);
            return in.None;
        });
        def("get_rollback", [](Interp& in, Args& a) -> Ref {
            if (!check_using(in, a, 0, "get_rollback")) return nullptr;
            if (in.orm->atomic_depth == 0) return transaction_error(in, "The rollback flag doesn't work outside of an 'atomic' block.");
            return in.boolean(in.orm->needs_rollback);
        });
        def("set_rollback", [](Interp& in, Args& a) -> Ref {
            Ref flag = a.pos.empty() ? nullptr : a.pos[0];
            if (const Ref* r = a.find("rollback")) flag = *r;
            if (!flag) return in.type_error("set_rollback() missing 1 required positional argument: 'rollback'");
            if (!check_using(in, a, 1, "set_rollback")) return nullptr;
            if (in.orm->atomic_depth == 0) return transaction_error(in, "The rollback flag doesn't work outside of an 'atomic' block.");
            const int t = in.truthy(flag);
            if (t < 0) return nullptr;
            in.orm->needs_rollback = t == 1;
            return in.None;
        });
        def("on_commit", [](Interp& in, Args& a) -> Ref {
            Ref fn = a.pos.empty() ? nullptr : a.pos[0];
            if (const Ref* f = a.find("func")) fn = *f;
            if (!fn) return in.type_error("on_commit() missing 1 required positional argument: 'func'");
            if (!check_using(in, a, 1, "on_commit")) return nullptr;
            const Kind k = fn->kind;
            if (k != Kind::kFunction && k != Kind::kBuiltin && k != Kind::kBoundMethod && k != Kind::kClass)
                return in.type_error("on_commit()'s callback must be a callable.");
            if (in.orm->atomic_depth > 0) {
                in.orm->commit_hooks.push_back({in.orm->atomic_savepoint_ids, fn});
                return in.None;
            }
            Args none;
            return in.call(fn, none) ? in.None : nullptr;  // autocommit: run now
        });
        t->attrs["TransactionManagementError"] = in.orm->exceptions.TransactionManagementError;
        return t;
    };
}

}  // namespace gramlab::orm

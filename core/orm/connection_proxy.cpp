// django.db.connection (see connection_proxy.hpp).
#include "core/orm/connection_proxy.hpp"

#include <cstdio>

#include "core/orm/runtime.hpp"

namespace gramlab::orm {

namespace {

using shell::Interp;
using shell::Kind;
using shell::Ref;

// Django's DefaultConnectionProxy forwards every attribute to the default DatabaseWrapper;
// an unknown one is that class's AttributeError.
class ConnectionProxyObj final : public shell::Object {
public:
    ConnectionProxyObj() : Object(Kind::kNative) {}

    std::string type_name() const override { return "DefaultConnectionProxy"; }
    bool repr(Interp&, std::string& out) override {
        // The address gramlab prints in every such repr, so output stays reproducible.
        out = "<django.db.DefaultConnectionProxy object at 0x7f0000000000>";
        return true;
    }

    Ref getattr(Interp& in, const std::string& name) override {
        OrmRuntime& rt = *in.orm;
        if (name == "queries") {
            // BaseDatabaseWrapper.queries: a new list on every access.
            std::vector<Ref> items;
            items.reserve(rt.queries_log.size());
            for (const auto& q : rt.queries_log) {
                char time[32];
                std::snprintf(time, sizeof time, "%.3f", q.seconds);
                auto d = Interp::dict();
                d->entries.emplace_back(Interp::string("sql"), Interp::string(q.sql));
                d->entries.emplace_back(Interp::string("time"), Interp::string(time));
                items.push_back(d);
            }
            return Interp::list(std::move(items));
        }
        if (name == "vendor") return Interp::string("sqlite");
        if (name == "display_name") return Interp::string("SQLite");
        if (name == "alias") return Interp::string("default");
        if (name == "queries_limit") return Interp::integer(static_cast<int64_t>(OrmRuntime::kQueriesLimit));
        if (name == "in_atomic_block") return in.boolean(rt.atomic_depth > 0);
        if (name == "cursor" || name == "queries_log" || name == "settings_dict" || name == "ops" ||
            name == "introspection" || name == "features" || name == "connection")
            return in.raise(in.NotImplementedError, "connection." + name + " is not supported in gramlab");
        return in.raise(in.AttributeError, "'DatabaseWrapper' object has no attribute '" + name + "'");
    }
};

}  // namespace

Ref connection_proxy(Interp&) {
    return std::make_shared<ConnectionProxyObj>();
}

}  // namespace gramlab::orm

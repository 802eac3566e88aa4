// The default manager's rows as a pk subquery (see manager_rows.hpp).
#include "core/orm/manager_rows.hpp"

#include "core/orm/compiler.hpp"
#include "core/orm/query.hpp"
#include "core/orm/queryset.hpp"
#include "core/orm/runtime.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

bool default_manager_rows(shell::Interp& in, const models::ModelDef* m, ManagerRows& out) {
    out = ManagerRows{};
    auto manager = custom_default_manager(in, m);
    if (!manager) return true;
    auto qs = manager->get_queryset(in);
    if (!qs) return false;
    Query sub = *qs->query;
    // objects.order_by(pk): refused after a slice, as QuerySet.order_by() refuses it.
    if (sub.is_sliced()) {
        in.raise(in.AssertionError, "Cannot reorder a query once a slice has been taken.");
        return false;
    }
    // Only the pk is selected (the rows themselves are read by the caller); the ordering
    // does not matter to IN (...).
    ExprPtr pk = sub.resolve_path(in, "pk", false);
    if (!pk) return false;
    sub.has_values = true;
    sub.values_names = {"pk"};
    sub.values_exprs = {pk};
    sub.annotation_mask.clear();
    sub.order_by.clear();
    sub.default_ordering = false;
    Compiler c(in, sub);
    c.relabel("U");
    SqlText text;
    SelectPlan plan;
    bool empty = false;
    if (!c.select(text, plan, empty)) return false;
    out.all = false;
    out.none = empty;
    out.sql = sqlite_placeholders(text.sql);
    out.params = std::move(text.params);
    return true;
}

}  // namespace gramlab::orm

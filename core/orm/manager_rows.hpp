// Which rows a model's default manager sees, as SQL another query can use: dumpdata serializes
// `Model._default_manager.order_by(pk)` (django/core/management/commands/dumpdata.py), so a
// learner's filtering manager (`objects = VisibleManager()`) keeps hidden rows out of the
// fixture, and out of the many-to-many lists that point at them (the related managers there
// subclass that manager).
#pragma once

#include <string>
#include <vector>

#include "core/models/base.hpp"
#include "core/models/value.hpp"

namespace gramlab::shell {
class Interp;
}

namespace gramlab::orm {

//! The pks of the rows the default manager returns.
struct ManagerRows {
    bool all = true;     // a plain manager: every row (sql is empty)
    bool none = false;   // the manager's QuerySet can match nothing (EmptyResultSet)
    std::string sql;     // "SELECT U0."id" FROM ... WHERE ...", SQLite's '?' placeholders
    std::vector<Value> params;
};

//! False with the exception pending when the manager's get_queryset() fails or its QuerySet
//! cannot be reordered by pk (a sliced one: Django's AssertionError).
bool default_manager_rows(shell::Interp& in, const models::ModelDef* m, ManagerRows& out);

}  // namespace gramlab::orm

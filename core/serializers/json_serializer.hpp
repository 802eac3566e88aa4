// Django's JSON fixture format (serializers/json.py): loaddata (fixture objects → rows, through the model
// registry, values as bound parameters only) and dumpdata (rows → the same JSON Django's
// serializer writes, indent and key order included).
// Mirrors django/core/serializers/{json,python}.py and management/commands/{load,dump}data.py.
#pragma once

#include <map>

#include "core/orm/manager_rows.hpp"

#include <string>
#include <vector>

#include "core/db/connection.hpp"
#include "core/models/base.hpp"

namespace gramlab::serializers {

struct Fixture {
    std::string name;  // as shown in messages ("instagram" or the path)
    std::string text;  // JSON
};

//! Loads fixtures in one transaction; returns the number of objects installed. Errors
//! name the fixture and object ("Problem installing fixture 'x': ...").
Result<size_t> load_fixtures(db::Connection& conn, const models::Apps& apps, const std::vector<Fixture>& fixtures);

//! Serialises every row of `models` (in the given order, each ordered by pk) as Django's
//! dumpdata does; indent < 0 means none (one line). `visible` (may be null) limits a model's
//! rows, and the many-to-many ids pointing at it, to what its default manager returns.
Result<std::string> dump_data(db::Connection& conn, const models::Apps& apps,
                              const std::vector<const models::ModelDef*>& models, int indent,
                              const std::map<const models::ModelDef*, orm::ManagerRows>* visible = nullptr);

}  // namespace gramlab::serializers

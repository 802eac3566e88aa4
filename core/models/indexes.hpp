// Generated names for indexes: names_digest (Django's db/backends/utils.py) and
// Index.set_name_with_model (db/models/indexes.py), which names an Index declared without
// a name: "app_custome_email_0cadac_idx".
#pragma once

#include <string>
#include <vector>

namespace gramlab::models {

//! names_digest(*parts, length): the first `length` hex digits of md5 over the parts.
std::string names_digest(const std::vector<std::string>& parts, size_t length);

//! Index.set_name_with_model: table[:11] + "_" + first column[:7] + "_" + digest + "_idx".
//! `columns_with_order` are column names, "-" prefixed for descending.
std::string index_auto_name(const std::string& table, const std::vector<std::string>& columns_with_order);

}  // namespace gramlab::models

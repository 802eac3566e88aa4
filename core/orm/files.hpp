// The value of a FileField / ImageField attribute: a FieldFile (ImageFieldFile), as
// django/db/models/fields/files.py's FileDescriptor hands it out. The instance keeps the file's
// name (a str, as the database stores it); reading the attribute wraps it.
#pragma once

#include "core/models/fields.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

class ModelInstance;

//! True for FileField and ImageField.
bool is_file_field(const models::Field& f);
//! instance.<file field>: a FieldFile over the stored name (str or None).
shell::Ref make_field_file(shell::Interp& in, const shell::Ref& instance, const models::Field& f, const shell::Ref& name);
//! The name a FieldFile stands for (to store it when one is assigned to a file field); null
//! when `v` is not a FieldFile.
shell::Ref field_file_name(const shell::Ref& v);

}  // namespace gramlab::orm

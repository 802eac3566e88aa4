// Model._meta: Django's Options object (django/db/models/options.py) as a learner inspects it
// at the shell: model_name, app_label, object_name, label, verbose_name(_plural), db_table,
// ordering, pk, fields, concrete_fields, local_fields, many_to_many, get_fields() (reverse
// relations first, then the local fields, then the many-to-many ones) and get_field(name)
// (FieldDoesNotExist "Post has no field named 'x'").
#pragma once

#include "core/models/base.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

//! `Post._meta` / `post._meta`.
shell::Ref options_object(shell::Interp& in, const models::ModelDef& m);

}  // namespace gramlab::orm

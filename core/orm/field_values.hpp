// Converting values between Python objects and the database for each field type:
// from_db_value (a row's column → datetime, bool, int, ...), get_db_prep_value (a Python
// value → what SQLite stores, with Django's errors for bad values), and to_python (for
// assignment and full_clean()).
// Mirrors the to_python / get_prep_value / get_db_prep_value methods of
// django/db/models/fields/__init__.py and the SQLite backend's adapt_*_value.
#pragma once

#include "core/models/fields.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

//! The Python value for a database value of `f` (USE_TZ: aware UTC datetimes).
shell::Ref from_db(shell::Interp& in, const models::Field& f, const Value& v);
//! A DecimalField value from SQLite as Django's SQLite converter makes it: rounded to 15
//! significant digits (what SQLite keeps of a REAL), and for a `column` quantized to the
//! field's decimal_places (an aggregate or arithmetic keeps all 15: Decimal('3700.60000000000')).
//! Null with Django's exception pending for text (TypeError "argument must be int or float").
shell::Ref decimal_from_db(shell::Interp& in, const models::Field* f, const Value& v, bool column);
//! The database value for a Python value; false with Django's exception pending.
//! For relation fields the value is the related pk (or a model instance).
bool to_db(shell::Interp& in, const models::Field& f, const shell::Ref& v, Value& out);
//! Field.to_python: the cleaned Python value (ValidationError pending on failure).
shell::Ref to_python(shell::Interp& in, const models::Field& f, const shell::Ref& v);
//! The field's default (callable defaults are called): None when it has none.
shell::Ref field_default(shell::Interp& in, const models::Field& f);
//! What Django reports the value's repr as in "expected a number but got %r".
bool is_integer_kind(const models::Field& f);

}  // namespace gramlab::orm

// DecimalField values between Python's Decimal and SQLite, without the interpreter, for the ORM
// (core/orm/field_values.cpp) and the serializers alike: the SQLite backend's decimal converter
// (django/db/backends/sqlite3/operations.py get_decimalfield_converter) and
// django/db/backends/utils.py format_number, which get_db_prep_save stores.
#pragma once

#include <string>

#include "core/models/fields.hpp"
#include "core/shell/decimal_number.hpp"

namespace gramlab::backends::sqlite {

//! The converter: an INTEGER or REAL read back as Context(prec=15).create_decimal_from_float,
//! then, for a column of `field`, quantized to its decimal_places under Context(prec=max_digits).
//! False for a value that is neither (Django: TypeError "argument must be int or float").
//! `ctx` collects the signals (InvalidOperation when the value has more digits than max_digits).
bool decimal_from_db(const Value& v, const models::Field* field, bool column, shell::decimal::Number& out,
                     shell::decimal::Context& ctx);

//! format_number(value, max_digits, decimal_places): rounded to decimal_places under
//! Context(prec=max_digits) (or only to max_digits without places), as '{:f}' text. `ctx` is
//! Context(prec=max_digits) on return and holds the signals (InvalidOperation: too many digits).
std::string format_number(const shell::decimal::Number& value, const models::Field& field, shell::decimal::Context& ctx);

}  // namespace gramlab::backends::sqlite

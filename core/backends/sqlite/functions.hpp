// The SQL functions Django's SQLite backend registers on every connection
// (django_datetime_extract, django_datetime_cast_date, REGEXP, ...): the SQL gramlab shows
// is Django's, so the same functions must exist when it runs.
// Mirrors django/db/backends/sqlite3/base.py (get_new_connection and the _sqlite_* helpers).
#pragma once

struct sqlite3;

namespace gramlab::backends::sqlite {

void register_functions(sqlite3* db);
//! The math and text functions (ACOS ... TAN, LPAD, RPAD, REPEAT, REVERSE, RAND); called by
//! register_functions (python_functions.cpp).
void register_python_functions(sqlite3* db);

}  // namespace gramlab::backends::sqlite

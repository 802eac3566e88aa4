// Django's exception classes as the shell shows them (their module paths appear in the
// traceback's last line: django.core.exceptions.FieldError, django.db.utils.IntegrityError).
// Mirrors django/core/exceptions.py and django/db/utils.py.
#pragma once

#include <string>

#include "core/shell/interp.hpp"

namespace gramlab::orm {

struct DjangoExceptions {
    shell::ClassRef ObjectDoesNotExist, MultipleObjectsReturned, FieldError, ValidationError, FieldDoesNotExist,
        ImproperlyConfigured, SuspiciousOperation;
    shell::ClassRef DatabaseError, IntegrityError, OperationalError, DataError, ProgrammingError, NotSupportedError,
        InterfaceError, InternalError;
    shell::ClassRef TransactionManagementError;
    shell::ClassRef ProtectedError, RestrictedError;
    shell::ClassRef ConnectionDoesNotExist;  // django.utils.connection
};

//! Creates the classes (once per Interp, held by the OrmRuntime).
DjangoExceptions make_django_exceptions(shell::Interp& in);

const shell::ClassRef& field_error_class(shell::Interp& in);
const DjangoExceptions& django_exceptions(shell::Interp& in);

//! Raises a database error from SQLite's message ("UNIQUE constraint failed: ...") with
//! Django's class (IntegrityError / OperationalError).
std::nullptr_t raise_db_error(shell::Interp& in, const std::string& kind, const std::string& message);

}  // namespace gramlab::orm

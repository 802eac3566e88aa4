// Django's exception classes for the shell.
#include "core/orm/errors.hpp"

#include "core/orm/runtime.hpp"

namespace gramlab::orm {

namespace {

shell::ClassRef make(shell::Interp& in, const std::string& name, const std::string& module, shell::ClassRef base) {
    auto c = std::make_shared<shell::ClassObj>(name, module, std::vector<shell::ClassRef>{base});
    c->is_exception = true;
    return c;
}

}  // namespace

DjangoExceptions make_django_exceptions(shell::Interp& in) {
    DjangoExceptions d;
    const std::string core = "django.core.exceptions";
    d.ObjectDoesNotExist = make(in, "ObjectDoesNotExist", core, in.Exception);
    d.MultipleObjectsReturned = make(in, "MultipleObjectsReturned", core, in.Exception);
    d.FieldError = make(in, "FieldError", core, in.Exception);
    d.ValidationError = make(in, "ValidationError", core, in.Exception);
    d.FieldDoesNotExist = make(in, "FieldDoesNotExist", core, in.Exception);
    d.ImproperlyConfigured = make(in, "ImproperlyConfigured", core, in.Exception);
    d.SuspiciousOperation = make(in, "SuspiciousOperation", core, in.Exception);
    const std::string utils = "django.db.utils";
    d.DatabaseError = make(in, "DatabaseError", utils, in.Exception);
    d.IntegrityError = make(in, "IntegrityError", utils, d.DatabaseError);
    d.OperationalError = make(in, "OperationalError", utils, d.DatabaseError);
    d.DataError = make(in, "DataError", utils, d.DatabaseError);
    d.ProgrammingError = make(in, "ProgrammingError", utils, d.DatabaseError);
    d.NotSupportedError = make(in, "NotSupportedError", utils, d.DatabaseError);
    d.InterfaceError = make(in, "InterfaceError", utils, in.Exception);
    d.InternalError = make(in, "InternalError", utils, d.DatabaseError);
    d.TransactionManagementError = make(in, "TransactionManagementError", "django.db.transaction", d.ProgrammingError);
    d.ProtectedError = make(in, "ProtectedError", "django.db.models.deletion", d.IntegrityError);
    d.RestrictedError = make(in, "RestrictedError", "django.db.models.deletion", d.IntegrityError);
    d.ConnectionDoesNotExist = make(in, "ConnectionDoesNotExist", "django.utils.connection", in.Exception);
    for (const auto& c : {d.ObjectDoesNotExist, d.MultipleObjectsReturned, d.FieldError, d.ValidationError,
                          d.FieldDoesNotExist, d.ImproperlyConfigured, d.SuspiciousOperation, d.DatabaseError,
                          d.IntegrityError, d.OperationalError, d.DataError, d.ProgrammingError, d.NotSupportedError,
                          d.InterfaceError, d.InternalError, d.TransactionManagementError, d.ProtectedError,
                          d.RestrictedError, d.ConnectionDoesNotExist}) {
        std::weak_ptr<shell::ClassObj> weak = c;
        c->construct = [weak](shell::Interp& in, shell::Args& a) -> shell::Ref {
            return std::make_shared<shell::ExceptionObj>(weak.lock(), a.pos);
        };
    }
    return d;
}

const DjangoExceptions& django_exceptions(shell::Interp& in) { return in.orm->exceptions; }
const shell::ClassRef& field_error_class(shell::Interp& in) { return in.orm->exceptions.FieldError; }

std::nullptr_t raise_db_error(shell::Interp& in, const std::string& kind, const std::string& message) {
    const auto& d = in.orm->exceptions;
    shell::ClassRef cls = kind == "IntegrityError"      ? d.IntegrityError
                          : kind == "DataError"         ? d.DataError
                          : kind == "NotSupportedError" ? d.NotSupportedError
                          : kind == "DatabaseError"     ? d.DatabaseError
                          : kind == "ProgrammingError"  ? d.ProgrammingError
                          : kind == "InterfaceError"    ? d.InterfaceError
                                                        : d.OperationalError;
    return in.raise(cls, message);
}

}  // namespace gramlab::orm

// django.db.connection as a learner inspects it at the shell: `connection.queries` (every
// query the session ran, as Django's debug cursor logs them with DEBUG = True: a list of
// {'sql': ..., 'time': '0.001'} dicts, parameters inlined), `reset_queries()`'s effect on it,
// `connection.vendor`, `in_atomic_block`. The queries themselves are OrmRuntime::queries_log.
#pragma once

#include "core/shell/interp.hpp"

namespace gramlab::orm {

//! The object `from django.db import connection` binds.
shell::Ref connection_proxy(shell::Interp& in);

}  // namespace gramlab::orm

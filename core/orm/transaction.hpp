// django.db.transaction for the shell: atomic() blocks (as context managers), the savepoint
// functions, the rollback flag, autocommit and on_commit() hooks, over OrmRuntime's state.
#pragma once

namespace gramlab::shell {
class Interp;
}

namespace gramlab::orm {

//! Registers the "django.db.transaction" module factory.
void install_transaction_module(shell::Interp& in);

}  // namespace gramlab::orm

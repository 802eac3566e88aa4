// Prepares a shell statement's constants once: each Constant node of a freshly parsed
// console statement gets its object (py::Expr::runtime_constant), so running the statement
// again — the shell's history, a grader re-running an exercise — reuses `50000` or `'text'`
// instead of building it each time, as CPython reuses a code object's constants.
#pragma once

#include "core/python/ast.hpp"

namespace gramlab::shell {

class Interp;

//! Fills runtime_constant of every int, float, str and bytes Constant in `module`. Only for
//! trees the session owns alone (console statements); models.py trees are shared and left as
//! they are. Safe to skip nodes: a Constant without an object is built when evaluated.
void prepare_constants(Interp& in, py::Module& module);

}  // namespace gramlab::shell

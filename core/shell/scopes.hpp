// Which names a function binds (a small part of CPython's symtable): its parameters and
// every name its body assigns, imports, defines or deletes, less those it declares global
// or nonlocal. Python decides this when it compiles the function, before the body runs, so
// reading such a name before it is assigned is an UnboundLocalError (not the module's
// variable of the same name), and a nested function sees the enclosing function's binding.
// Also the names a function refers to, which decide what a nested function captures.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "core/python/ast.hpp"

namespace gramlab::shell {

using NameSet = std::set<std::string, std::less<>>;

//! The local names of a `def` (body) or a lambda (body expression: its parameters only,
//! an expression binds nothing). Nested functions, classes, lambdas and comprehensions
//! are scopes of their own: only a nested def's or class's own name is bound here.
std::shared_ptr<const NameSet> function_locals(const py::Arguments* params, const std::vector<py::StmtPtr>* body);

//! Every name a function's body (or a lambda's expression) reads, writes or declares
//! nonlocal, nested functions and comprehensions included: a superset of the variables it
//! may take from the functions around it (make_function captures those they bind).
void referenced_names(const std::vector<py::StmtPtr>& body, NameSet& out);
void referenced_names(const py::Expr& e, NameSet& out);

}  // namespace gramlab::shell

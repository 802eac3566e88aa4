// Python's set type beyond storage (DictObj holds the elements): the set() constructor, the
// methods (add, update, union, intersection, pop, issubset, ...) and the operators
// | & - ^ |= &= -= ^= < <= > >=, each following the algorithm of CPython 3.11's
// Objects/setobject.c that decides the order of the result, so results print in Python's order.
#pragma once

#include <string>

#include "core/python/ast.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::shell {

//! set_update_internal: adds every element of `iterable` to `so` (a set or dict is merged).
bool set_update(Interp& in, DictObj& so, const Ref& iterable);

//! set(iterable)
Ref make_set(Interp& in, const Ref& iterable);

//! A set display whose items are all constants ({1, 2, 3}): CPython builds a frozenset
//! constant from them and merges it into a new set, which can order it differently from
//! adding the items one by one.
Ref set_from_constant_items(Interp& in, const std::vector<Ref>& items);

//! The bound method `name` of set `self`; AttributeError when there is none.
Ref set_method(Interp& in, const Ref& self, const std::string& name);

//! a | b, a & b, a - b, a ^ b (in place when `inplace`, `a` then mutated and returned).
//! Null with nothing pending when the operator does not apply (not two sets).
Ref set_binop(Interp& in, py::BinOpKind op, const Ref& a, const Ref& b, bool inplace);

//! a < b, a <= b, a > b, a >= b between two sets (subset / superset): 1, 0, -1 raised; -2 when
//! not two sets.
int set_compare(Interp& in, py::CmpOpKind op, const Ref& a, const Ref& b);

}  // namespace gramlab::shell

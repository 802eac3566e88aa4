// CPython 3.11's hash() for the values whose hash is the same in every process: ints, bools,
// floats, tuples of those, model instances with such a primary key. A set's iteration order
// follows these hashes (set_order.hpp), so the shell prints {10, 9, 8} as {8, 9, 10} as
// Python does. Strings, bytes and dates hash through SipHash with a per-process random key
// (PYTHONHASHSEED), and None by its address: a real shell's set of those has no fixed order,
// so they have no value here and such sets keep their insertion order.
#pragma once

#include <cstdint>

#include "core/shell/object.hpp"

namespace gramlab::shell {

//! hash(x) as CPython computes it, when it does not depend on the process; false otherwise
//! (nothing raised).
bool stable_python_hash(Interp& in, const Ref& x, int64_t& out);

//! hash(d) for a float (Python/pyhash.c _Py_HashDouble); false for NaN (hashed by address).
bool python_float_hash(double d, int64_t& out);

}  // namespace gramlab::shell

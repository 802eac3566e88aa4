// Python's `math` module in the shell (`import math; math.ceil(Post.objects.count() / 20)`):
// the functions and constants learners reach for, with CPython 3.11's results and messages.
#pragma once

#include "core/shell/interp.hpp"

namespace gramlab::shell {

//! Registers `math` in in.module_factories.
void install_math_module(Interp& in);

}  // namespace gramlab::shell

// The `pprint` module in the shell: pprint / pformat / pp / saferepr with CPython 3.11's
// layout (Lib/pprint.py): dict keys sorted, containers broken one item per line when their
// repr passes the width, long strings split into adjacent literals, widths counted in
// characters (Korean text is one column a character, as len() counts it). Learners print
// `list(Post.objects.values())` this way.
#pragma once

#include "core/shell/interp.hpp"

namespace gramlab::shell {

//! Registers the `pprint` module (imported on first use).
void install_pprint_module(Interp& in);

}  // namespace gramlab::shell

// The `json` module in the shell: json.dumps (indent, ensure_ascii, sort_keys, separators,
// default) and json.loads with CPython's output and messages ("Object of type date is not JSON
// serializable", "Expecting value: line 1 column 1 (char 0)"), for learners who serialize
// values() rows by hand before they meet Django REST framework.
#pragma once

#include "core/shell/interp.hpp"

namespace gramlab::shell {

//! Registers the `json` module (imported on first use).
void install_json_module(Interp& in);

}  // namespace gramlab::shell

// The `collections` module's dict types in the shell: Counter (counting authors of posts the
// Python way before learning annotate(Count)), defaultdict (grouping rows) and OrderedDict.
// Each is a DictObj with a `flavor`: the dict's storage, hashing and methods, plus the class's
// missing-key rule, repr, methods and operators implemented here, as in Lib/collections.
#pragma once

#include "core/shell/interp.hpp"

namespace gramlab::shell {

//! Registers the `collections` module (imported on first use).
void install_collections_module(Interp& in);

//! d[key] for a key the flavored dict lacks: Counter → 0, defaultdict → default_factory()
//! stored under the key, else KeyError.
Ref collections_missing(Interp& in, DictObj& d, const Ref& key);
//! repr(): Counter({'a': 2}) in most_common() order, defaultdict(<class 'list'>, {...}),
//! OrderedDict([('a', 1)]).
bool collections_repr(Interp& in, DictObj& d, std::string& out);
//! The class's own methods (most_common, elements, update, subtract, total, move_to_end,
//! popitem, default_factory); null with nothing pending for the dict's.
Ref collections_method(Interp& in, const Ref& self, const std::string& name);
//! Counter + - & |; null with nothing pending otherwise.
Ref collections_binop(Interp& in, DictObj& d, int op, const Ref& other, bool reflected);
//! type(d) for a flavored dict.
ClassRef collections_class(Interp& in, const DictObj& d);

}  // namespace gramlab::shell

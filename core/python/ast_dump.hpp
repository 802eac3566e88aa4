// Compact, deterministic text form of a parsed Python module, in the spirit of Python's
// ast.dump but one statement per line with bodies indented. Tests compare it against one
// literal (LevelDB's PrintContents idea); the shell can show it for `--dump-ast`.
#pragma once

#include <string>

#include "core/python/ast.hpp"

namespace gramlab::py {

//! Statements one per line, bodies indented by two spaces, e.g. for
//! "class Post(models.Model):\n    title = models.CharField(max_length=200)\n":
//!   ClassDef(Post, bases=[Attribute(Name(models), Model)])
//!     Assign([Name(title)], Call(Attribute(Name(models), CharField), [], [max_length=Constant(200)]))
std::string dump(const Module& module);

//! One expression: Name(x), Constant('a'), BinOp(Name(a), Add, Name(b)), Call(f, [args], [kw=v]), ...
std::string dump(const Expr& expr);

}  // namespace gramlab::py

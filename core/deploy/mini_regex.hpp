// A small backtracking regex matcher for nginx `location ~` / `~*` patterns (the PCRE subset
// such locations use: literals, ., [...], [^...], \d \w \s, * + ? {m,n}, ^ $, groups, |).
// Written here so core needs no exceptions (std::regex throws on a bad pattern).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace gramlab::deploy {

class MiniRegex {
  public:
    //! Compiles `pattern`; on a malformed pattern the error message reads like nginx's
    //! `pcre_compile() failed: missing ) in "..."`.
    static Result<MiniRegex> compile(std::string_view pattern, bool case_insensitive);
    //! True when the pattern matches anywhere in `text` (PCRE search semantics).
    bool search(std::string_view text) const;

    struct Node;
    MiniRegex() = default;

  private:
    std::shared_ptr<const Node> root_;
    bool icase_ = false;
};

}  // namespace gramlab::deploy

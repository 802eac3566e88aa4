// A YAML document as a small owned tree with source spans (workflow and compose files).
// The adapter over yaml-cpp (Debian's 0.7.0 source): the only file that includes yaml-cpp is
// yaml_reader.cpp, which also confines yaml-cpp's exceptions and turns them into a Result.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/result.hpp"

namespace gramlab::deploy {

struct YamlNode {
    enum class Kind { kNull, kScalar, kSequence, kMap };
    Kind kind = Kind::kNull;
    std::string scalar;                                  // kScalar: the value as written (quotes removed)
    bool quoted = false;                                 // kScalar: written in quotes, so never a number/bool/null
    std::vector<YamlNode> items;                         // kSequence
    std::vector<std::pair<YamlNode, YamlNode>> entries;  // kMap, in document order
    SourceSpan span;

    bool is_null() const { return kind == Kind::kNull; }
    bool is_scalar() const { return kind == Kind::kScalar; }
    bool is_seq() const { return kind == Kind::kSequence; }
    bool is_map() const { return kind == Kind::kMap; }
    //! The value stored under `key` in a map, or nullptr (also for non-maps).
    const YamlNode* get(std::string_view key) const;
    //! The scalar text, or `fallback` for null/non-scalars.
    std::string str(std::string fallback = "") const { return is_scalar() ? scalar : fallback; }
};

//! Parses one YAML document. Errors carry `file` and the span of yaml-cpp's mark, with
//! yaml-cpp's message ("YAMLError: illegal map value").
Result<YamlNode> parse_yaml(std::string_view text, const std::string& file);

}  // namespace gramlab::deploy

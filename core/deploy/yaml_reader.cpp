// The one place yaml-cpp is used: YAML text → YamlNode, with every yaml-cpp exception caught here
// and turned into an Error (file, span, message). Under WASM this file and yaml-cpp are compiled
// with -fexceptions (cmake/Yaml.cmake); nothing else in core throws or catches.
#include "core/deploy/yaml_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <exception>
#include <string>

namespace gramlab::deploy {

const YamlNode* YamlNode::get(std::string_view key) const {
    if (!is_map()) return nullptr;
    for (const auto& [k, v] : entries)
        if (k.is_scalar() && k.scalar == key) return &v;
    return nullptr;
}

namespace {

SourceSpan span_of(const YAML::Mark& m, size_t length) {
    if (m.is_null() || m.pos < 0) return {};
    return SourceSpan{static_cast<uint32_t>(m.pos), static_cast<uint32_t>(length == 0 ? 1 : length)};
}

YamlNode convert(const YAML::Node& n, int depth) {
    YamlNode out;
    if (depth > 64) return out;
    switch (n.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            out.kind = YamlNode::Kind::kNull;
            out.span = span_of(n.Mark(), 1);
            break;
        case YAML::NodeType::Scalar:
            out.kind = YamlNode::Kind::kScalar;
            out.scalar = n.Scalar();
            out.quoted = n.Tag() == "!";
            out.span = span_of(n.Mark(), n.Scalar().size());
            break;
        case YAML::NodeType::Sequence:
            out.kind = YamlNode::Kind::kSequence;
            out.span = span_of(n.Mark(), 1);
            for (const auto& item : n) out.items.push_back(convert(item, depth + 1));
            break;
        case YAML::NodeType::Map:
            out.kind = YamlNode::Kind::kMap;
            out.span = span_of(n.Mark(), 1);
            for (const auto& kv : n)
                out.entries.emplace_back(convert(kv.first, depth + 1), convert(kv.second, depth + 1));
            break;
    }
    return out;
}

}  // namespace

Result<YamlNode> parse_yaml(std::string_view text, const std::string& file) {
    try {
        YAML::Node root = YAML::Load(std::string(text));
        return convert(root, 0);
    } catch (const YAML::Exception& e) {
        Error err = Error::make("YAMLError", e.msg, span_of(e.mark, 1));
        err.file = file;
        return err;
    } catch (const std::exception& e) {
        Error err = Error::make("YAMLError", e.what());
        err.file = file;
        return err;
    }
}

}  // namespace gramlab::deploy

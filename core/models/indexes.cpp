// Index name generation (see indexes.hpp).
#include "core/models/indexes.hpp"

#include <cctype>

#include "core/common/md5.hpp"

namespace gramlab::models {

std::string names_digest(const std::vector<std::string>& parts, size_t length) {
    std::string data;
    for (const auto& p : parts) data += p;
    return md5_hex(data).substr(0, length);
}

std::string index_auto_name(const std::string& table, const std::vector<std::string>& columns_with_order) {
    std::vector<std::string> hash_data = {table};
    hash_data.insert(hash_data.end(), columns_with_order.begin(), columns_with_order.end());
    hash_data.push_back("idx");
    std::string first = columns_with_order.empty() ? "" : columns_with_order[0];
    if (!first.empty() && first[0] == '-') first = first.substr(1);
    std::string name = table.substr(0, 11) + "_" + first.substr(0, 7) + "_" + names_digest(hash_data, 6) + "_idx";
    if (name[0] == '_' || std::isdigit(static_cast<unsigned char>(name[0]))) name = "D" + name.substr(1);
    return name;
}

}  // namespace gramlab::models

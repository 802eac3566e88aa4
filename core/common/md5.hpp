// MD5 (RFC 1321), used only to reproduce Django's generated identifier names
// (names_digest: index names like "app_post_category_id_b20d7758"). Not for security.
#pragma once

#include <string>
#include <string_view>

namespace gramlab {

//! Lower-case hex MD5 digest of `data`.
std::string md5_hex(std::string_view data);

}  // namespace gramlab

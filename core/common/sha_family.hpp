// SHA-1, SHA-384 and SHA-512 hex digests (FIPS 180-4), one-shot: Django's SHA1 / SHA384 /
// SHA512 database functions on SQLite are hashlib's hexdigest of the value's UTF-8 text.
// SHA-256 and SHA-224 are in sha256.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gramlab {

std::string sha1_hex(std::string_view data);
std::string sha384_hex(std::string_view data);
std::string sha512_hex(std::string_view data);

}  // namespace gramlab

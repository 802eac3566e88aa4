// Base64 with the standard alphabet and '=' padding (RFC 4648 section 4), as Python's
// base64.b64encode / base64.b64decode(s, validate=True) do it. Django stores PBKDF2 password
// hashes this way ("pbkdf2_sha256$260000$salt$<base64 of 32 bytes>").
#pragma once

#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace gramlab {

//! Base64 of the raw bytes in `data`, padded to a multiple of 4: base64_encode("ab") → "YWI=".
std::string base64_encode(std::string_view data);

//! The raw bytes encoded by `text`, or a "binascii.Error" with the message Python 3.11's
//! base64.b64decode(text, validate=True) raises:
//!   "QQ"       → Incorrect padding
//!   "Q"        → Invalid base64-encoded string: number of data characters (1) cannot be 1 more
//!                than a multiple of 4
//!   "QUJ D"    → Only base64 data is allowed        (whitespace included)
//!   "=QQ="     → Leading padding not allowed
//!   "QQ=a"     → Discontinuous padding not allowed
//!   "QQ==QQ==" → Excess data after padding
//! Like Python, unused low bits of the last character need not be zero ("QR==" → "A").
Result<std::string> base64_decode(std::string_view text);

}  // namespace gramlab

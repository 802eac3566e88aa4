// SHA-256 (FIPS 180-4), HMAC-SHA256 (RFC 2104) and PBKDF2-HMAC-SHA256 (RFC 8018): the
// primitives behind Django's default password hasher (django/contrib/auth/hashers.py,
// PBKDF2PasswordHasher, which calls django.utils.crypto.pbkdf2 → hashlib.pbkdf2_hmac).
// Byte strings are std::string / std::string_view holding raw bytes, like Python's bytes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gramlab {

//! Incremental SHA-256, hashlib.sha256() style:
//!   Sha256 h; h.update("ab"); h.update("c"); Sha256::Digest d = h.final();  // = sha256("abc")
class Sha256 {
public:
    static constexpr size_t kDigestSize = 32;
    static constexpr size_t kBlockSize = 64;
    using Digest = std::array<uint8_t, kDigestSize>;

    Sha256();
    //! SHA-224: the same compression from SHA-224's initial state; its digest is the first
    //! 28 bytes of final()'s.
    static Sha256 sha224();

    //! Appends `data` to the message.
    void update(std::string_view data);
    void update(const uint8_t* data, size_t size);

    //! Pads the message and returns its digest. Afterwards the object is reset to the empty
    //! message, so it can hash another one.
    Digest final();

private:
    void reset();

    const uint32_t* initial_;
    uint32_t state_[8];
    uint64_t length_;  // bytes hashed so far
    uint8_t buffer_[kBlockSize];
    size_t buffered_;  // bytes waiting in buffer_ (< kBlockSize)
};

//! One-shot SHA-256 of `data`.
Sha256::Digest sha256(std::string_view data);

//! Lower-case hex SHA-256 digest of `data`: sha256_hex("abc") → "ba7816bf…15ad".
std::string sha256_hex(std::string_view data);

//! Lower-case hex SHA-224 digest of `data`.
std::string sha224_hex(std::string_view data);

//! Lower-case hex of a digest.
std::string hex_digest(const Sha256::Digest& digest);

//! Incremental HMAC-SHA256 (RFC 2104), hmac.new(key, digestmod=hashlib.sha256) style.
//! Keys longer than the 64-byte block are hashed first, as the RFC says.
class HmacSha256 {
public:
    explicit HmacSha256(std::string_view key);

    void update(std::string_view data);
    void update(const uint8_t* data, size_t size);

    //! The MAC of everything passed to update(). Afterwards the object is reset to the
    //! empty message under the same key.
    Sha256::Digest final();

private:
    Sha256 inner_start_;  // state after absorbing key ^ ipad
    Sha256 outer_start_;  // state after absorbing key ^ opad
    Sha256 inner_;        // inner_start_ + the message so far
};

//! One-shot HMAC-SHA256 of `message` under `key`.
Sha256::Digest hmac_sha256(std::string_view key, std::string_view message);

//! PBKDF2 with HMAC-SHA256 as the PRF (RFC 8018 section 5.2), the same function as Python's
//! hashlib.pbkdf2_hmac("sha256", password, salt, iterations, dklen). Returns `dklen` raw bytes.
//! Django's pbkdf2(password, salt, iterations) is this with dklen = 32.
//! The HMAC key schedule is computed once per call and each iteration is exactly two SHA-256
//! block compressions with no allocation, so 260000 iterations stay cheap.
//! REQUIRES: iterations >= 1 (0 behaves as 1).
std::string pbkdf2_hmac_sha256(std::string_view password, std::string_view salt, uint32_t iterations,
                               size_t dklen = Sha256::kDigestSize);

}  // namespace gramlab

// Password hashing as Django 3.2 does it by default: PBKDF2-HMAC-SHA256 with 260000
// iterations, stored as "pbkdf2_sha256$260000$<salt>$<base64 hash>". Mirrors
// django/contrib/auth/hashers.py (make_password, check_password, is_password_usable,
// identify_hasher, PBKDF2PasswordHasher). Django's user.set_password(raw) stores
// make_password(raw) and user.check_password(raw) calls check_password(raw, user.password, setter).
//
// gramlab's PASSWORD_HASHERS holds PBKDF2PasswordHasher only. Django's default list also has
// pbkdf2_sha1, argon2 and bcrypt_sha256; hashes of those are "unknown algorithm" here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/random.hpp"
#include "core/common/result.hpp"

namespace gramlab::auth {

inline constexpr std::string_view kUnusablePasswordPrefix = "!";  // Django: UNUSABLE_PASSWORD_PREFIX
inline constexpr size_t kUnusablePasswordSuffixLength = 40;      // Django: UNUSABLE_PASSWORD_SUFFIX_LENGTH

//! The four fields of an encoded PBKDF2 password (the dict PBKDF2PasswordHasher.decode returns).
struct DecodedPassword {
    std::string algorithm;
    uint32_t iterations = 0;
    std::string salt;
    std::string hash;  // base64, as stored
};

//! Django's PBKDF2PasswordHasher. Immutable; `iterations` is the work factor for new hashes
//! (Django changes it by subclassing; here it is a constructor argument).
class PBKDF2PasswordHasher {
public:
    static constexpr std::string_view kAlgorithm = "pbkdf2_sha256";  // Django: algorithm
    static constexpr uint32_t kDefaultIterations = 260000;           // Django 3.2: iterations
    static constexpr size_t kSaltEntropy = 128;                      // Django: salt_entropy (bits)

    explicit PBKDF2PasswordHasher(uint32_t iterations = kDefaultIterations) : iterations_(iterations) {}

    std::string_view algorithm() const { return kAlgorithm; }
    uint32_t iterations() const { return iterations_; }

    //! A fresh salt: 22 characters of [a-zA-Z0-9] (ceil(128 / log2(62)) = 22), drawn from `random`.
    std::string salt(RandomSource& random) const;

    //! "pbkdf2_sha256$<iterations>$<salt>$<base64(pbkdf2(password, salt, iterations, 32))>".
    //! iterations 0 means iterations() (Django: `iterations or self.iterations`). The password
    //! and salt are hashed as their UTF-8 bytes, as Django's force_bytes does.
    //!   encode("pw", "abc", 1) → "pbkdf2_sha256$1$abc$S9VRebWDtVpJrvCSC/54KHyFg+k0nspnR67lr5y4XzY="
    //! Errors: AssertionError when the salt is empty or contains '$' (Django asserts the same).
    Result<std::string> encode(std::string_view password, std::string_view salt, uint32_t iterations = 0) const;

    //! Splits an encoded password into its fields (Django: encoded.split('$', 3)).
    //! Errors, with Python's messages:
    //!   "pbkdf2_sha256$1$salt"        → ValueError: not enough values to unpack (expected 4, got 3)
    //!   "pbkdf2_sha256$abc$salt$hash" → ValueError: invalid literal for int() with base 10: 'abc'
    //!   "md5$1$salt$hash"             → AssertionError
    //! Iterations must be plain decimal digits below 2^32 (Python's int() also takes signs,
    //! spaces and underscores, but such hashes can never verify since encode() prints them back).
    Result<DecodedPassword> decode(std::string_view encoded) const;

    //! True if hashing `password` with the salt and iterations of `encoded` reproduces `encoded`
    //! exactly; compared in constant time. False when `encoded` is malformed.
    bool verify(std::string_view password, std::string_view encoded) const;

    //! True if `encoded` should be re-hashed: other iterations than iterations(), or a salt with
    //! fewer than kSaltEntropy bits (under 22 characters). False when `encoded` is malformed.
    bool must_update(std::string_view encoded) const;

private:
    uint32_t iterations_;
};

//! The hasher for `algorithm`, or "default" for the first of PASSWORD_HASHERS.
//! The returned pointer refers to a static instance. Errors: ValueError "Unknown password
//! hashing algorithm 'md5'. Did you specify it in the PASSWORD_HASHERS setting?"
Result<const PBKDF2PasswordHasher*> get_hasher(std::string_view algorithm = "default");

//! The hasher that produced `encoded`, from its prefix up to the first '$'. Like Django, a
//! 32-character string without '$' or one starting "md5$$" (37 chars) is 'unsalted_md5' and
//! one starting "sha1$$" (46 chars) is 'unsalted_sha1' — neither installed, so both are errors.
//!   identify_hasher("pbkdf2_sha256$…") → the PBKDF2 hasher   identify_hasher("") → ValueError (algorithm '')
Result<const PBKDF2PasswordHasher*> identify_hasher(std::string_view encoded);

//! False only for passwords made unusable by make_password(None) (they start with '!').
//! is_password_usable(std::nullopt) is true, as Django's is_password_usable(None) is.
bool is_password_usable(std::optional<std::string_view> encoded);

//! Django's make_password(password, salt=None): a new encoded password with the default
//! hasher (or `hasher`). An empty `salt` means a fresh salt from `random`. A missing password
//! (Django: None) gives an unusable password: "!" + 40 characters of [a-zA-Z0-9] from `random`.
//! Errors: AssertionError for a salt containing '$'.
Result<std::string> make_password(std::optional<std::string_view> password, RandomSource& random,
                                  std::string_view salt = {},
                                  const PBKDF2PasswordHasher& hasher = PBKDF2PasswordHasher());

//! make_password with a given salt and work factor, needing no randomness:
//!   make_password("pw", "abc") → "pbkdf2_sha256$260000$abc$DSacBknn4fvdQDGcMW+j7JUw3WxnW2Xykvk5uxq1GXU="
//! Errors: AssertionError when the salt is empty or contains '$'.
Result<std::string> make_password(std::string_view password, std::string_view salt,
                                  uint32_t iterations = PBKDF2PasswordHasher::kDefaultIterations);

//! Django's check_password(password, encoded, setter): whether `password` matches `encoded`.
//! False for a missing password, an unusable or malformed `encoded`, and unknown algorithms.
//! When the password is right but the default hasher's must_update() holds (other iterations,
//! short salt), `setter(password)` is called so the caller can store a fresh hash, as
//! User.check_password does.
//! Differences from Django, none visible in the result: Django raises ValueError for a
//! malformed pbkdf2_sha256 hash (here: false), and spends one dummy make_password() on failed
//! lookups and harden_runtime() on wrong passwords to even out timing (here: skipped, so
//! false results stay cheap; the final comparison is still constant-time).
bool check_password(std::optional<std::string_view> password, std::string_view encoded,
                    const std::function<void(std::string_view)>& setter = {});

//! Django's django.utils.crypto.constant_time_compare: a == b, taking time that depends on
//! the lengths only, not on where the strings differ.
bool constant_time_compare(std::string_view a, std::string_view b);

}  // namespace gramlab::auth

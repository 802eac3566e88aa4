// The PBKDF2 password hasher and the module-level helpers of django/contrib/auth/hashers.py.
// Encoded passwords are compared as whole strings, exactly as Django's verify() re-encodes
// and compares, so anything Django would not print (other padding, "+1" iterations) fails.
#include "core/auth/hashers.hpp"

#include <cmath>

#include "core/common/base64.hpp"
#include "core/common/sha256.hpp"

namespace gramlab::auth {

namespace {

// Characters drawn for a salt with at least `entropy_bits` bits (BasePasswordHasher.salt).
size_t salt_length_for(size_t entropy_bits) {
    return static_cast<size_t>(
        std::ceil(static_cast<double>(entropy_bits) / std::log2(static_cast<double>(kRandomStringChars.size()))));
}

// Django's must_update_salt: each salt character carries log2(62) bits.
bool must_update_salt(std::string_view salt, size_t expected_entropy) {
    return static_cast<double>(salt.size()) * std::log2(static_cast<double>(kRandomStringChars.size())) <
           static_cast<double>(expected_entropy);
}

// Python's int(s) for the canonical subset: ASCII digits, value below 2^32.
std::optional<uint32_t> parse_iterations(std::string_view s) {
    if (s.empty() || s.size() > 10) return std::nullopt;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (v > UINT32_MAX) return std::nullopt;
    return static_cast<uint32_t>(v);
}

const PBKDF2PasswordHasher& default_hasher() {
    static const PBKDF2PasswordHasher hasher;
    return hasher;
}

Error unknown_algorithm(std::string_view algorithm) {
    return Error::make("ValueError", "Unknown password hashing algorithm '" + std::string(algorithm) +
                                         "'. Did you specify it in the PASSWORD_HASHERS setting?");
}

}  // namespace

// --- PBKDF2PasswordHasher -------------------------------------------------------------------

std::string PBKDF2PasswordHasher::salt(RandomSource& random) const {
    return get_random_string(random, salt_length_for(kSaltEntropy));
}

Result<std::string> PBKDF2PasswordHasher::encode(std::string_view password, std::string_view salt,
                                                 uint32_t iterations) const {
    // Django: assert salt and '$' not in salt
    if (salt.empty() || salt.find('$') != std::string_view::npos) return Error::make("AssertionError", "");
    if (iterations == 0) iterations = iterations_;
    std::string hash = base64_encode(pbkdf2_hmac_sha256(password, salt, iterations, Sha256::kDigestSize));
    std::string out(kAlgorithm);
    out += '$';
    out += std::to_string(iterations);
    out += '$';
    out += salt;
    out += '$';
    out += hash;
    return out;
}

Result<DecodedPassword> PBKDF2PasswordHasher::decode(std::string_view encoded) const {
    // algorithm, iterations, salt, hash = encoded.split('$', 3)
    std::string_view parts[4];
    size_t count = 0;
    std::string_view rest = encoded;
    while (count < 3) {
        size_t dollar = rest.find('$');
        if (dollar == std::string_view::npos) break;
        parts[count++] = rest.substr(0, dollar);
        rest.remove_prefix(dollar + 1);
    }
    parts[count++] = rest;
    if (count < 4) {
        return Error::make("ValueError",
                           "not enough values to unpack (expected 4, got " + std::to_string(count) + ")");
    }
    if (parts[0] != kAlgorithm) return Error::make("AssertionError", "");
    std::optional<uint32_t> iterations = parse_iterations(parts[1]);
    if (!iterations) {
        return Error::make("ValueError", "invalid literal for int() with base 10: '" + std::string(parts[1]) + "'");
    }
    DecodedPassword decoded;
    decoded.algorithm = std::string(parts[0]);
    decoded.iterations = *iterations;
    decoded.salt = std::string(parts[2]);
    decoded.hash = std::string(parts[3]);
    return decoded;
}

bool PBKDF2PasswordHasher::verify(std::string_view password, std::string_view encoded) const {
    Result<DecodedPassword> decoded = decode(encoded);
    if (!decoded.ok()) return false;
    // Iterations 0 re-encodes with iterations() and can never print back as "0": skip the work.
    if (decoded->iterations == 0) return false;
    Result<std::string> encoded_2 = encode(password, decoded->salt, decoded->iterations);
    if (!encoded_2.ok()) return false;
    return constant_time_compare(encoded, encoded_2.value());
}

bool PBKDF2PasswordHasher::must_update(std::string_view encoded) const {
    Result<DecodedPassword> decoded = decode(encoded);
    if (!decoded.ok()) return false;
    return decoded->iterations != iterations_ || must_update_salt(decoded->salt, kSaltEntropy);
}

// --- module functions -----------------------------------------------------------------------

Result<const PBKDF2PasswordHasher*> get_hasher(std::string_view algorithm) {
    if (algorithm == "default" || algorithm == PBKDF2PasswordHasher::kAlgorithm) return &default_hasher();
    return unknown_algorithm(algorithm);
}

Result<const PBKDF2PasswordHasher*> identify_hasher(std::string_view encoded) {
    // Ancient Django versions stored plain MD5 (also as "md5$$<hash>") and SHA1 ("sha1$$<hash>").
    std::string_view algorithm;
    if ((encoded.size() == 32 && encoded.find('$') == std::string_view::npos) ||
        (encoded.size() == 37 && encoded.starts_with("md5$$"))) {
        algorithm = "unsalted_md5";
    } else if (encoded.size() == 46 && encoded.starts_with("sha1$$")) {
        algorithm = "unsalted_sha1";
    } else {
        algorithm = encoded.substr(0, encoded.find('$'));
    }
    return get_hasher(algorithm);
}

bool is_password_usable(std::optional<std::string_view> encoded) {
    return !encoded || !encoded->starts_with(kUnusablePasswordPrefix);
}

Result<std::string> make_password(std::optional<std::string_view> password, RandomSource& random,
                                  std::string_view salt, const PBKDF2PasswordHasher& hasher) {
    if (!password) {
        std::string unusable(kUnusablePasswordPrefix);
        unusable += get_random_string(random, kUnusablePasswordSuffixLength);
        return unusable;
    }
    if (salt.empty()) return hasher.encode(*password, hasher.salt(random));
    return hasher.encode(*password, salt);
}

Result<std::string> make_password(std::string_view password, std::string_view salt, uint32_t iterations) {
    return default_hasher().encode(password, salt, iterations);
}

bool check_password(std::optional<std::string_view> password, std::string_view encoded,
                    const std::function<void(std::string_view)>& setter) {
    if (!password || !is_password_usable(encoded)) return false;
    Result<const PBKDF2PasswordHasher*> hasher = identify_hasher(encoded);
    if (!hasher.ok()) return false;
    const PBKDF2PasswordHasher& preferred = default_hasher();
    bool hasher_changed = (*hasher)->algorithm() != preferred.algorithm();
    bool must_update = hasher_changed || preferred.must_update(encoded);
    bool is_correct = (*hasher)->verify(*password, encoded);
    if (setter && is_correct && must_update) setter(*password);
    return is_correct;
}

bool constant_time_compare(std::string_view a, std::string_view b) {
    // Always walk all of b; a length mismatch alone makes the result false.
    unsigned diff = a.size() == b.size() ? 0u : 1u;
    for (size_t i = 0; i < b.size(); ++i) {
        unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        diff |= static_cast<unsigned>(x ^ static_cast<unsigned char>(b[i]));
    }
    return diff == 0;
}

}  // namespace gramlab::auth

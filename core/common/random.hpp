// Randomness for the core, supplied by the host. The core reads no clock and no OS entropy:
// hosts pass a RandomSource (the CLI one backed by the OS, the browser one by
// crypto.getRandomValues), and tests and reproducible runs pass a seeded SplitMix64.
// get_random_string mirrors django/utils/crypto.py.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gramlab {

//! A stream of uniformly distributed 64-bit values. Implementations need not be thread-safe.
class RandomSource {
public:
    virtual ~RandomSource() = default;
    //! The next 64 random bits.
    virtual uint64_t next() = 0;
};

//! Deterministic SplitMix64 (Steele, Lea and Flood 2014; Vigna's splitmix64.c): the same seed
//! always gives the same stream, on every platform. Not cryptographically secure: for tests
//! and reproducible runs only.
//!   SplitMix64 r(0); r.next() → 0xe220a8397b1dcdaf
class SplitMix64 final : public RandomSource {
public:
    explicit SplitMix64(uint64_t seed) : state_(seed) {}
    uint64_t next() override {
        uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }

private:
    uint64_t state_;
};

//! The characters of Django's random strings and salts: [a-zA-Z0-9].
inline constexpr std::string_view kRandomStringChars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";  // Django: RANDOM_STRING_CHARS

//! A uniform value in [0, bound), without modulo bias (values in the short last stripe of the
//! 64-bit range are drawn again). REQUIRES: bound > 0 (0 returns 0).
uint64_t random_below(RandomSource& random, uint64_t bound);

//! `length` characters drawn uniformly and independently from `allowed_chars`, like Django's
//! get_random_string(length, allowed_chars) (which uses secrets.choice). Reproducible for a
//! seeded source. REQUIRES: allowed_chars is not empty (empty returns "").
std::string get_random_string(RandomSource& random, size_t length,
                              std::string_view allowed_chars = kRandomStringChars);

}  // namespace gramlab

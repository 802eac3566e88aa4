// Uniform choices from a host-supplied RandomSource (django/utils/crypto.py get_random_string).
#include "core/common/random.hpp"

namespace gramlab {

uint64_t random_below(RandomSource& random, uint64_t bound) {
    if (bound == 0) return 0;
    // 2^64 mod bound: values below it belong to an incomplete stripe and would favour small results.
    uint64_t reject_below = (0 - bound) % bound;
    for (;;) {
        uint64_t r = random.next();
        if (r >= reject_below) return r % bound;
    }
}

std::string get_random_string(RandomSource& random, size_t length, std::string_view allowed_chars) {
    std::string out;
    if (allowed_chars.empty()) return out;
    out.reserve(length);
    for (size_t i = 0; i < length; ++i) out += allowed_chars[random_below(random, allowed_chars.size())];
    return out;
}

}  // namespace gramlab

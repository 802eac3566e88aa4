// SHA-256 block compression plus the HMAC and PBKDF2 constructions built on it.
// PBKDF2 runs its inner loop on 32-bit words: each U_j = HMAC(P, U_{j-1}) is one compression
// from the precomputed key^ipad state and one from the key^opad state, with the padding of
// the fixed-size (64 + 32 byte) messages written once.
#include "core/common/sha256.hpp"

#include <algorithm>
#include <cstring>

namespace gramlab {

namespace {

// First 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4 4.2.2).
constexpr uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// First 32 bits of the fractional parts of the square roots of the first 8 primes (FIPS 180-4 5.3.3).
constexpr uint32_t kInitialState[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// SHA-224's (FIPS 180-4 5.3.2): the second 32 bits of the fractional parts of the square
// roots of the 9th through 16th primes.
constexpr uint32_t kSha224InitialState[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};

inline uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

inline uint32_t load_be32(const uint8_t* p) {
    return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
           (static_cast<uint32_t>(p[2]) << 8) | static_cast<uint32_t>(p[3]);
}

inline void store_be32(uint8_t* p, uint32_t v) {
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
}

// One round; the caller rotates the roles of a..h instead of moving eight values per round.
#define GRAMLAB_SHA256_ROUND(a, b, c, d, e, f, g, h, i)                                                                \
    do {                                                                                                               \
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kRoundConstants[i] + w[i]; \
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));                        \
        d += t1;                                                                                                       \
        h = t1 + t2;                                                                                                   \
    } while (0)

// Compresses one block whose 16 big-endian words are already in w[0..16); w[16..64) is scratch.
void compress_words(uint32_t state[8], uint32_t w[64]) {
    for (int i = 16; i < 64; ++i) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; i += 8) {
        GRAMLAB_SHA256_ROUND(a, b, c, d, e, f, g, h, i);
        GRAMLAB_SHA256_ROUND(h, a, b, c, d, e, f, g, i + 1);
        GRAMLAB_SHA256_ROUND(g, h, a, b, c, d, e, f, i + 2);
        GRAMLAB_SHA256_ROUND(f, g, h, a, b, c, d, e, i + 3);
        GRAMLAB_SHA256_ROUND(e, f, g, h, a, b, c, d, i + 4);
        GRAMLAB_SHA256_ROUND(d, e, f, g, h, a, b, c, i + 5);
        GRAMLAB_SHA256_ROUND(c, d, e, f, g, h, a, b, i + 6);
        GRAMLAB_SHA256_ROUND(b, c, d, e, f, g, h, a, i + 7);
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

#undef GRAMLAB_SHA256_ROUND

void compress_block(uint32_t state[8], const uint8_t* block) {
    uint32_t w[64];
    for (int i = 0; i < 16; ++i) w[i] = load_be32(block + 4 * i);
    compress_words(state, w);
}

// The HMAC key block (RFC 2104): the key itself, or its digest when longer than a block,
// zero-padded to 64 bytes.
void hmac_key_block(std::string_view key, uint8_t out[Sha256::kBlockSize]) {
    std::memset(out, 0, Sha256::kBlockSize);
    if (key.size() > Sha256::kBlockSize) {
        Sha256::Digest d = sha256(key);
        std::memcpy(out, d.data(), d.size());
    } else if (!key.empty()) {
        std::memcpy(out, key.data(), key.size());
    }
}

// The SHA-256 state after compressing the single block key_block ^ pad.
void padded_key_state(const uint8_t key_block[Sha256::kBlockSize], uint8_t pad, uint32_t state[8]) {
    uint8_t block[Sha256::kBlockSize];
    for (size_t i = 0; i < Sha256::kBlockSize; ++i) block[i] = static_cast<uint8_t>(key_block[i] ^ pad);
    std::copy(kInitialState, kInitialState + 8, state);
    compress_block(state, block);
}

constexpr uint8_t kIpad = 0x36;
constexpr uint8_t kOpad = 0x5c;

}  // namespace

// --- Sha256 ---------------------------------------------------------------------------------

Sha256::Sha256() : initial_(kInitialState) { reset(); }

Sha256 Sha256::sha224() {
    Sha256 h;
    h.initial_ = kSha224InitialState;
    h.reset();
    return h;
}

void Sha256::reset() {
    std::copy(initial_, initial_ + 8, state_);
    length_ = 0;
    buffered_ = 0;
}

void Sha256::update(std::string_view data) {
    update(reinterpret_cast<const uint8_t*>(data.data()), data.size());
}

void Sha256::update(const uint8_t* data, size_t size) {
    if (size == 0) return;
    length_ += size;
    if (buffered_ > 0) {
        size_t take = std::min(size, kBlockSize - buffered_);
        std::memcpy(buffer_ + buffered_, data, take);
        buffered_ += take;
        data += take;
        size -= take;
        if (buffered_ < kBlockSize) return;
        compress_block(state_, buffer_);
        buffered_ = 0;
    }
    for (; size >= kBlockSize; data += kBlockSize, size -= kBlockSize) compress_block(state_, data);
    if (size > 0) {
        std::memcpy(buffer_, data, size);
        buffered_ = size;
    }
}

Sha256::Digest Sha256::final() {
    // Padding (FIPS 180-4 5.1.1): 0x80, zeros up to 56 mod 64, then the bit length big-endian.
    uint64_t bit_length = length_ * 8;
    buffer_[buffered_++] = 0x80;
    if (buffered_ > kBlockSize - 8) {
        std::memset(buffer_ + buffered_, 0, kBlockSize - buffered_);
        compress_block(state_, buffer_);
        buffered_ = 0;
    }
    std::memset(buffer_ + buffered_, 0, kBlockSize - 8 - buffered_);
    store_be32(buffer_ + 56, static_cast<uint32_t>(bit_length >> 32));
    store_be32(buffer_ + 60, static_cast<uint32_t>(bit_length));
    compress_block(state_, buffer_);
    Digest out;
    for (int i = 0; i < 8; ++i) store_be32(out.data() + 4 * i, state_[i]);
    reset();
    return out;
}

Sha256::Digest sha256(std::string_view data) {
    Sha256 h;
    h.update(data);
    return h.final();
}

std::string hex_digest(const Sha256::Digest& digest) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * digest.size());
    for (uint8_t byte : digest) {
        out += kHex[byte >> 4];
        out += kHex[byte & 0xf];
    }
    return out;
}

std::string sha256_hex(std::string_view data) { return hex_digest(sha256(data)); }

std::string sha224_hex(std::string_view data) {
    Sha256 h = Sha256::sha224();
    h.update(data);
    return hex_digest(h.final()).substr(0, 56);  // SHA-224 is the first 224 bits
}

// --- HmacSha256 -----------------------------------------------------------------------------

HmacSha256::HmacSha256(std::string_view key) {
    uint8_t key_block[Sha256::kBlockSize];
    hmac_key_block(key, key_block);
    uint8_t pad[Sha256::kBlockSize];
    for (size_t i = 0; i < Sha256::kBlockSize; ++i) pad[i] = static_cast<uint8_t>(key_block[i] ^ kIpad);
    inner_start_.update(pad, sizeof pad);
    for (size_t i = 0; i < Sha256::kBlockSize; ++i) pad[i] = static_cast<uint8_t>(key_block[i] ^ kOpad);
    outer_start_.update(pad, sizeof pad);
    inner_ = inner_start_;
}

void HmacSha256::update(std::string_view data) { inner_.update(data); }

void HmacSha256::update(const uint8_t* data, size_t size) { inner_.update(data, size); }

Sha256::Digest HmacSha256::final() {
    // HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m))
    Sha256::Digest inner_digest = inner_.final();
    Sha256 outer = outer_start_;
    outer.update(inner_digest.data(), inner_digest.size());
    inner_ = inner_start_;
    return outer.final();
}

Sha256::Digest hmac_sha256(std::string_view key, std::string_view message) {
    HmacSha256 mac(key);
    mac.update(message);
    return mac.final();
}

// --- PBKDF2 ---------------------------------------------------------------------------------

std::string pbkdf2_hmac_sha256(std::string_view password, std::string_view salt, uint32_t iterations,
                               size_t dklen) {
    // Precomputed once: the states after the key^ipad and key^opad blocks.
    uint8_t key_block[Sha256::kBlockSize];
    hmac_key_block(password, key_block);
    uint32_t inner_state[8], outer_state[8];
    padded_key_state(key_block, kIpad, inner_state);
    padded_key_state(key_block, kOpad, outer_state);
    HmacSha256 first_mac(password);

    // Both hashed messages in the loop are one block: 32 bytes of U (or of the inner digest),
    // 0x80, zeros, and the bit length of key block + 32 bytes = 768.
    uint32_t w[64];
    constexpr uint32_t kPaddedLengthBits = (Sha256::kBlockSize + Sha256::kDigestSize) * 8;

    std::string out;
    out.reserve(dklen);
    for (uint32_t block_index = 1; out.size() < dklen; ++block_index) {
        // U_1 = HMAC(P, S || INT_32_BE(i)), through the general path since S has any length.
        uint8_t index_bytes[4];
        store_be32(index_bytes, block_index);
        first_mac.update(salt);
        first_mac.update(index_bytes, sizeof index_bytes);
        Sha256::Digest u1 = first_mac.final();

        uint32_t u[8], t[8];
        for (int i = 0; i < 8; ++i) t[i] = u[i] = load_be32(u1.data() + 4 * i);
        for (uint32_t j = 1; j < iterations; ++j) {
            // inner = H((K ^ ipad) || U)
            uint32_t s[8];
            std::copy(inner_state, inner_state + 8, s);
            std::copy(u, u + 8, w);
            w[8] = 0x80000000u;
            std::fill(w + 9, w + 15, 0u);
            w[15] = kPaddedLengthBits;
            compress_words(s, w);
            // U = H((K ^ opad) || inner)
            std::copy(s, s + 8, w);
            w[8] = 0x80000000u;
            std::fill(w + 9, w + 15, 0u);
            w[15] = kPaddedLengthBits;
            std::copy(outer_state, outer_state + 8, u);
            compress_words(u, w);
            for (int i = 0; i < 8; ++i) t[i] ^= u[i];
        }
        uint8_t t_bytes[Sha256::kDigestSize];
        for (int i = 0; i < 8; ++i) store_be32(t_bytes + 4 * i, t[i]);
        size_t take = std::min(dklen - out.size(), sizeof t_bytes);
        out.append(reinterpret_cast<const char*>(t_bytes), take);
    }
    return out;
}

}  // namespace gramlab

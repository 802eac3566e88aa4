// CPython's hash() for ints, floats and tuples (Python/pyhash.c, Objects/tupleobject.c);
// see py_hash.hpp for which values have one here and why.
#include "core/shell/py_hash.hpp"

#include <cmath>

#include "core/shell/set_order.hpp"

namespace gramlab::shell {

namespace {

constexpr uint64_t kModulus = (uint64_t{1} << 61) - 1;  // _PyHASH_MODULUS
constexpr int kBits = 61;                               // _PyHASH_BITS
constexpr int64_t kInfHash = 314159;                    // _PyHASH_INF

}  // namespace

bool python_float_hash(double v, int64_t& out) {
    if (std::isnan(v)) return false;
    if (std::isinf(v)) {
        out = v > 0 ? kInfHash : -kInfHash;
        return true;
    }
    int e = 0;
    double m = std::frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    // Process 28 bits at a time: x = m * 2**e reduced modulo 2**61 - 1.
    uint64_t x = 0;
    while (m != 0.0) {
        x = ((x << 28) & kModulus) | x >> (kBits - 28);
        m *= 268435456.0;  // 2**28
        e -= 28;
        auto y = static_cast<uint64_t>(m);
        m -= static_cast<double>(y);
        x += y;
        if (x >= kModulus) x -= kModulus;
    }
    e = e >= 0 ? e % kBits : kBits - 1 - ((-1 - e) % kBits);
    x = ((x << e) & kModulus) | x >> (kBits - e);
    auto h = static_cast<int64_t>(x) * sign;
    out = h == -1 ? -2 : h;
    return true;
}

bool stable_python_hash(Interp& in, const Ref& x, int64_t& out) {
    switch (x->kind) {
        case Kind::kBool: out = static_cast<BoolObj*>(x.get())->value ? 1 : 0; return true;
        case Kind::kInt: out = py_int_hash(static_cast<IntObj*>(x.get())->value); return true;
        case Kind::kFloat: return python_float_hash(static_cast<FloatObj*>(x.get())->value, out);
        case Kind::kTuple: {
            // tuplehash: xxHash's round over the items' hashes (Python 3.8+).
            constexpr uint64_t kPrime1 = 11400714785074694791ULL;
            constexpr uint64_t kPrime2 = 14029467366897019727ULL;
            constexpr uint64_t kPrime5 = 2870177450012600261ULL;
            const auto& items = static_cast<SeqObj*>(x.get())->items;
            uint64_t acc = kPrime5;
            for (const auto& item : items) {
                int64_t lane = 0;
                if (!stable_python_hash(in, item, lane)) return false;
                acc += static_cast<uint64_t>(lane) * kPrime2;
                acc = (acc << 31) | (acc >> 33);
                acc *= kPrime1;
            }
            acc += static_cast<uint64_t>(items.size()) ^ (kPrime5 ^ 3527539ULL);
            out = acc == ~uint64_t{0} ? 1546275796 : static_cast<int64_t>(acc);
            return true;
        }
        default: return x->python_hash(in, out);
    }
}

}  // namespace gramlab::shell

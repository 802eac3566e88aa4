// Python's `decimal` arithmetic (General Decimal Arithmetic specification) on digit-string
// coefficients: parsing, printing, formatting, hashing and every context operation the shell's
// Decimal objects and Django's DecimalField converters need. The algorithms follow the
// specification as CPython implements it (_pydecimal.py / libmpdec), and results are checked
// against python3.11 in tests/unit/shell_decimal_number_test.cpp.
//
// Working integers (products, quotients, the fixed-point logarithm and exponential behind
// non-integral powers) live in a small base-10^9 BigInt below; coefficients stay strings.
// Every public function catches allocation failure and reports InvalidOperation instead of
// throwing, and operations that would need absurdly long coefficients refuse the same way.
#include "core/shell/decimal_number.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace gramlab::shell::decimal {

namespace {

// Coefficients or working integers longer than this are refused (InvalidOperation): the
// schoolbook algorithms below are quadratic, and Python programs never get near this.
constexpr int64_t kMaxWorkingDigits = 200000;
// format() output longer than this is refused (Python would raise MemoryError long before).
constexpr int64_t kMaxFormattedLength = 10000000;
// The exponent range CPython's libmpdec accepts when converting a string (MAX_EMAX, MIN_ETINY).
constexpr int64_t kMaxParsedAdjusted = 999999999999999999LL;
constexpr int64_t kMinParsedExponent = -1999999999999999997LL;

// ============================================================================ BigInt

using Limbs = std::vector<uint32_t>;  // little-endian base 10^9, no high zero limbs
constexpr uint32_t kBase = 1000000000u;
constexpr uint32_t kPow10[10] = {1,      10,      100,      1000,      10000,
                                 100000, 1000000, 10000000, 100000000, 1000000000};

void trim(Limbs& a) {
    while (!a.empty() && a.back() == 0) a.pop_back();
}

int compare_limbs(const Limbs& a, const Limbs& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    for (size_t i = a.size(); i-- > 0;) {
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

Limbs add_limbs(const Limbs& a, const Limbs& b) {
    const Limbs& longer = a.size() >= b.size() ? a : b;
    const Limbs& shorter = a.size() >= b.size() ? b : a;
    Limbs out(longer.size() + 1, 0);
    uint32_t carry = 0;
    for (size_t i = 0; i < longer.size(); ++i) {
        uint32_t sum = longer[i] + carry + (i < shorter.size() ? shorter[i] : 0);
        carry = sum >= kBase ? 1 : 0;
        out[i] = sum - (carry ? kBase : 0);
    }
    out[longer.size()] = carry;
    trim(out);
    return out;
}

// a - b with a >= b.
Limbs subtract_limbs(const Limbs& a, const Limbs& b) {
    Limbs out(a.size(), 0);
    int64_t borrow = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        int64_t diff = int64_t(a[i]) - borrow - (i < b.size() ? int64_t(b[i]) : 0);
        borrow = diff < 0 ? 1 : 0;
        out[i] = uint32_t(diff + (borrow ? kBase : 0));
    }
    trim(out);
    return out;
}

Limbs multiply_limbs(const Limbs& a, const Limbs& b) {
    if (a.empty() || b.empty()) return {};
    std::vector<uint64_t> acc(a.size() + b.size() + 1, 0);
    for (size_t i = 0; i < a.size(); ++i) {
        uint64_t carry = 0;
        for (size_t j = 0; j < b.size(); ++j) {
            uint64_t cur = acc[i + j] + uint64_t(a[i]) * b[j] + carry;
            acc[i + j] = cur % kBase;
            carry = cur / kBase;
        }
        size_t k = i + b.size();
        while (carry) {
            uint64_t cur = acc[k] + carry;
            acc[k] = cur % kBase;
            carry = cur / kBase;
            ++k;
        }
    }
    Limbs out(acc.size());
    for (size_t i = 0; i < acc.size(); ++i) out[i] = uint32_t(acc[i]);
    trim(out);
    return out;
}

Limbs multiply_small(const Limbs& a, uint64_t factor) {  // factor < 2^32
    if (a.empty() || factor == 0) return {};
    Limbs out;
    out.reserve(a.size() + 2);
    uint64_t carry = 0;
    for (uint32_t limb : a) {
        uint64_t cur = uint64_t(limb) * factor + carry;
        out.push_back(uint32_t(cur % kBase));
        carry = cur / kBase;
    }
    while (carry) {
        out.push_back(uint32_t(carry % kBase));
        carry /= kBase;
    }
    return out;
}

Limbs divide_small(const Limbs& a, uint64_t divisor, uint64_t& remainder) {  // divisor < 2^32
    Limbs out(a.size(), 0);
    uint64_t rem = 0;
    for (size_t i = a.size(); i-- > 0;) {
        uint64_t cur = rem * kBase + a[i];
        out[i] = uint32_t(cur / divisor);
        rem = cur % divisor;
    }
    trim(out);
    remainder = rem;
    return out;
}

// Knuth's algorithm D (TAOCP 4.3.1) in base 10^9; divisor nonzero.
void divmod_limbs(const Limbs& a, const Limbs& b, Limbs& quotient, Limbs& remainder) {
    if (compare_limbs(a, b) < 0) {
        quotient.clear();
        remainder = a;
        return;
    }
    if (b.size() == 1) {
        uint64_t rem = 0;
        quotient = divide_small(a, b[0], rem);
        remainder.clear();
        if (rem) remainder.push_back(uint32_t(rem));
        return;
    }
    const size_t n = b.size();
    const size_t m = a.size() - n;
    const uint64_t scale = kBase / (uint64_t(b.back()) + 1);
    Limbs u = multiply_small(a, scale);
    Limbs v = multiply_small(b, scale);
    u.resize(a.size() + 1, 0);
    v.resize(n, 0);
    quotient.assign(m + 1, 0);
    for (size_t j = m + 1; j-- > 0;) {
        uint64_t numerator = uint64_t(u[j + n]) * kBase + u[j + n - 1];
        uint64_t qhat = numerator / v[n - 1];
        uint64_t rhat = numerator % v[n - 1];
        while (qhat >= kBase || qhat * v[n - 2] > rhat * kBase + u[j + n - 2]) {
            --qhat;
            rhat += v[n - 1];
            if (rhat >= kBase) break;
        }
        int64_t borrow = 0;
        uint64_t carry = 0;
        for (size_t i = 0; i < n; ++i) {
            uint64_t product = qhat * v[i] + carry;
            carry = product / kBase;
            int64_t diff = int64_t(u[i + j]) - int64_t(product % kBase) - borrow;
            borrow = diff < 0 ? 1 : 0;
            u[i + j] = uint32_t(diff + (borrow ? kBase : 0));
        }
        int64_t top = int64_t(u[j + n]) - int64_t(carry) - borrow;
        if (top < 0) {
            // qhat was one too large: add the divisor back.
            --qhat;
            uint32_t add_carry = 0;
            for (size_t i = 0; i < n; ++i) {
                uint32_t sum = u[i + j] + v[i] + add_carry;
                add_carry = sum >= kBase ? 1 : 0;
                u[i + j] = sum - (add_carry ? kBase : 0);
            }
            top += add_carry;
        }
        u[j + n] = uint32_t(top);
        quotient[j] = uint32_t(qhat);
    }
    trim(quotient);
    u.resize(n);
    trim(u);
    uint64_t ignored = 0;
    remainder = divide_small(u, scale, ignored);
}

class BigInt {
public:
    BigInt() = default;
    BigInt(int64_t value) {  // NOLINT(google-explicit-constructor): small literals read naturally
        negative_ = value < 0;
        uint64_t magnitude = negative_ ? uint64_t(0) - uint64_t(value) : uint64_t(value);
        while (magnitude) {
            limbs_.push_back(uint32_t(magnitude % kBase));
            magnitude /= kBase;
        }
    }
    static BigInt from_digits(std::string_view digits, bool negative = false) {
        BigInt out;
        size_t end = digits.size();
        while (end > 0) {
            size_t begin = end >= 9 ? end - 9 : 0;
            uint32_t limb = 0;
            for (size_t i = begin; i < end; ++i) limb = limb * 10 + uint32_t(digits[i] - '0');
            out.limbs_.push_back(limb);
            end = begin;
        }
        trim(out.limbs_);
        out.negative_ = negative && !out.limbs_.empty();
        return out;
    }
    static BigInt from_limbs(Limbs limbs, bool negative) {
        BigInt out;
        out.limbs_ = std::move(limbs);
        trim(out.limbs_);
        out.negative_ = negative && !out.limbs_.empty();
        return out;
    }

    bool is_zero() const { return limbs_.empty(); }
    bool negative() const { return negative_; }
    bool is_odd() const { return !limbs_.empty() && (limbs_[0] & 1u); }
    const Limbs& limbs() const { return limbs_; }

    //! Decimal digits of the magnitude ("0" for zero).
    std::string digits() const {
        if (limbs_.empty()) return "0";
        std::string out = std::to_string(limbs_.back());
        char chunk[10];
        for (size_t i = limbs_.size() - 1; i-- > 0;) {
            uint32_t limb = limbs_[i];
            for (int k = 8; k >= 0; --k) {
                chunk[k] = char('0' + limb % 10);
                limb /= 10;
            }
            out.append(chunk, 9);
        }
        return out;
    }
    //! len(str(x)) in Python: digits plus the minus sign.
    int64_t python_str_length() const {
        if (limbs_.empty()) return 1;
        int64_t length = int64_t(limbs_.size() - 1) * 9;
        uint32_t top = limbs_.back();
        while (top) {
            ++length;
            top /= 10;
        }
        return length + (negative_ ? 1 : 0);
    }
    int64_t digit_count() const { return python_str_length() - (negative_ ? 1 : 0); }

    BigInt abs() const { return from_limbs(limbs_, false); }
    BigInt operator-() const { return from_limbs(limbs_, !negative_); }

    friend int compare(const BigInt& a, const BigInt& b) {
        if (a.negative_ != b.negative_) return a.negative_ ? -1 : 1;
        int magnitude = compare_limbs(a.limbs_, b.limbs_);
        return a.negative_ ? -magnitude : magnitude;
    }
    friend bool operator==(const BigInt& a, const BigInt& b) { return compare(a, b) == 0; }
    friend bool operator<=(const BigInt& a, const BigInt& b) { return compare(a, b) <= 0; }
    friend bool operator>(const BigInt& a, const BigInt& b) { return compare(a, b) > 0; }
    friend bool operator>=(const BigInt& a, const BigInt& b) { return compare(a, b) >= 0; }

    friend BigInt operator+(const BigInt& a, const BigInt& b) {
        if (a.negative_ == b.negative_) return from_limbs(add_limbs(a.limbs_, b.limbs_), a.negative_);
        int magnitude = compare_limbs(a.limbs_, b.limbs_);
        if (magnitude == 0) return BigInt();
        if (magnitude > 0) return from_limbs(subtract_limbs(a.limbs_, b.limbs_), a.negative_);
        return from_limbs(subtract_limbs(b.limbs_, a.limbs_), b.negative_);
    }
    friend BigInt operator-(const BigInt& a, const BigInt& b) { return a + (-b); }
    friend BigInt operator*(const BigInt& a, const BigInt& b) {
        return from_limbs(multiply_limbs(a.limbs_, b.limbs_), a.negative_ != b.negative_);
    }

    //! Python's divmod: floor quotient, remainder with the divisor's sign. Divisor nonzero.
    friend void floor_divmod(const BigInt& a, const BigInt& b, BigInt& quotient, BigInt& remainder) {
        Limbs q, r;
        divmod_limbs(a.limbs_, b.limbs_, q, r);
        quotient = from_limbs(std::move(q), a.negative_ != b.negative_);
        remainder = from_limbs(std::move(r), a.negative_);
        if (!remainder.is_zero() && a.negative_ != b.negative_) {
            quotient = quotient - BigInt(1);
            remainder = remainder + b;
        }
    }
    friend BigInt operator/(const BigInt& a, const BigInt& b) {  // floor division
        BigInt q, r;
        floor_divmod(a, b, q, r);
        return q;
    }
    friend BigInt operator%(const BigInt& a, const BigInt& b) {  // Python modulo
        BigInt q, r;
        floor_divmod(a, b, q, r);
        return r;
    }

    //! x * 10**k, k >= 0.
    BigInt shifted_decimal(int64_t k) const {
        if (limbs_.empty() || k <= 0) return *this;
        Limbs out(size_t(k / 9), 0);
        out.insert(out.end(), limbs_.begin(), limbs_.end());
        return from_limbs(multiply_small(out, kPow10[k % 9]), negative_);
    }
    //! x * 2**k, k >= 0.
    BigInt shifted_binary(int64_t k) const {
        Limbs out = limbs_;
        for (; k >= 30; k -= 30) out = multiply_small(out, 1u << 30);
        out = multiply_small(out, uint64_t(1) << k);
        return from_limbs(std::move(out), negative_);
    }
    //! Python's int.bit_length() (of the magnitude).
    int64_t bit_length() const {
        Limbs rest = limbs_;
        int64_t bits = 0;
        while (rest.size() > 1 || (!rest.empty() && rest[0] >= (1u << 30))) {
            uint64_t ignored = 0;
            rest = divide_small(rest, 1u << 30, ignored);
            bits += 30;
        }
        uint32_t top = rest.empty() ? 0 : rest[0];
        while (top) {
            ++bits;
            top >>= 1;
        }
        return bits;
    }
    //! Fits in int64 (used for exponents and small counts).
    bool to_int64(int64_t& out) const {
        if (limbs_.size() > 3) return false;
        uint64_t magnitude = 0;
        for (size_t i = limbs_.size(); i-- > 0;) {
            if (magnitude > (std::numeric_limits<uint64_t>::max() - limbs_[i]) / kBase) return false;
            magnitude = magnitude * kBase + limbs_[i];
        }
        if (negative_) {
            if (magnitude > uint64_t(std::numeric_limits<int64_t>::max()) + 1) return false;
            out = int64_t(uint64_t(0) - magnitude);
        } else {
            if (magnitude > uint64_t(std::numeric_limits<int64_t>::max())) return false;
            out = int64_t(magnitude);
        }
        return true;
    }

private:
    Limbs limbs_;
    bool negative_ = false;
};

BigInt pow10(int64_t k) { return BigInt(1).shifted_decimal(k); }

BigInt power_of(const BigInt& base, uint64_t exponent) {
    BigInt result(1), square = base;
    while (exponent) {
        if (exponent & 1) result = result * square;
        exponent >>= 1;
        if (exponent) square = square * square;
    }
    return result;
}

//! Closest integer to a/b (b > 0), ties to even.
BigInt div_nearest(const BigInt& a, const BigInt& b) {
    BigInt q, r;
    floor_divmod(a, b, q, r);
    BigInt twice_r = r + r + BigInt(q.is_odd() ? 1 : 0);
    return twice_r > b ? q + BigInt(1) : q;
}

//! Closest integer to sqrt(n), starting from the estimate a (both positive).
BigInt sqrt_nearest(const BigInt& n, BigInt a) {
    BigInt previous;
    while (!(a == previous)) {
        previous = a;
        // a + ceil(n / a), halved.
        BigInt ceil_quotient = -((-n) / a);
        a = (a + ceil_quotient) / BigInt(2);
    }
    return a;
}

// ============================================================================ saturating int64

int64_t saturate(long double value) {
    if (value >= 9.2e18L) return std::numeric_limits<int64_t>::max();
    if (value <= -9.2e18L) return std::numeric_limits<int64_t>::min();
    return int64_t(value);
}
int64_t sat_add(int64_t a, int64_t b) {
    int64_t out = 0;
    if (__builtin_add_overflow(a, b, &out)) return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
    return out;
}
int64_t sat_mul(int64_t a, int64_t b) {
    int64_t out = 0;
    if (__builtin_mul_overflow(a, b, &out)) return saturate((long double)a * (long double)b);
    return out;
}
int64_t floor_div(int64_t a, int64_t b) {  // b > 0
    int64_t q = a / b;
    if ((a % b != 0) && (a < 0)) --q;
    return q;
}
int64_t python_mod(int64_t a, int64_t b) {  // b > 0
    int64_t r = a % b;
    return r < 0 ? r + b : r;
}
int64_t decimal_length(int64_t value) {  // len(str(value)), value >= 0
    int64_t length = 1;
    while (value >= 10) {
        value /= 10;
        ++length;
    }
    return length;
}

// ============================================================================ Number helpers

Number finite(bool negative, std::string digits, int64_t exponent) {
    Number n;
    n.negative = negative;
    n.digits = std::move(digits);
    n.exponent = exponent;
    return n;
}
Number infinity(bool negative) {
    Number n;
    n.negative = negative;
    n.special = Number::Special::kInfinity;
    n.digits = "0";
    return n;
}
Number nan_value(bool negative = false, std::string payload = "", bool signaling = false) {
    Number n;
    n.negative = negative;
    n.special = signaling ? Number::Special::kSNaN : Number::Special::kNaN;
    n.digits = std::move(payload);
    return n;
}
//! What an untrapped InvalidOperation (or one of its sub-conditions) returns.
Number invalid(Context& ctx, unsigned condition = 0) {
    ctx.flags |= kInvalidOperation | condition;
    return nan_value();
}

std::string strip_leading_zeros(std::string digits) {
    size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) return "0";
    if (first) digits.erase(0, first);
    return digits;
}

BigInt coefficient(const Number& n) { return BigInt::from_digits(n.digits); }

void increment_digits(std::string& digits) {
    for (size_t i = digits.size(); i-- > 0;) {
        if (digits[i] == '9') {
            digits[i] = '0';
        } else {
            ++digits[i];
            return;
        }
    }
    digits.insert(digits.begin(), '1');
}

bool is_integral(const Number& n) {
    if (!n.is_finite()) return false;
    if (n.exponent >= 0) return true;
    if (-n.exponent >= int64_t(n.digits.size())) return n.is_zero();
    return n.digits.find_first_not_of('0', n.digits.size() - size_t(-n.exponent)) == std::string::npos;
}
bool is_even_integral(const Number& n) {  // n integral
    if (n.is_zero() || n.exponent > 0) return true;
    char last = n.digits[n.digits.size() - 1 - size_t(-n.exponent)];
    return (last - '0') % 2 == 0;
}

//! Rounding decision for keeping digits[0, keep) of a finite nonzero coefficient (keep < size):
//! 1 round away from zero, 0 the dropped digits are all zero, -1 truncate nonzero digits.
int rounding_direction(const std::string& digits, size_t keep, Rounding mode, bool negative) {
    auto zeros_from = [&](size_t i) { return digits.find_first_not_of('0', i) == std::string::npos; };
    auto round_down = [&] { return zeros_from(keep) ? 0 : -1; };
    auto half_up = [&] {
        if (digits[keep] >= '5') return 1;
        return round_down();
    };
    auto exact_half = [&] { return digits[keep] == '5' && zeros_from(keep + 1); };
    switch (mode) {
        case Rounding::kDown: return round_down();
        case Rounding::kUp: return -round_down();
        case Rounding::kHalfUp: return half_up();
        case Rounding::kHalfDown: return exact_half() ? -1 : half_up();
        case Rounding::kHalfEven:
            if (exact_half() && (keep == 0 || (digits[keep - 1] - '0') % 2 == 0)) return -1;
            return half_up();
        case Rounding::kCeiling: return negative ? round_down() : -round_down();
        case Rounding::kFloor: return negative ? -round_down() : round_down();
        case Rounding::k05Up:
            if (keep && digits[keep - 1] != '0' && digits[keep - 1] != '5') return round_down();
            return -round_down();
    }
    return round_down();
}

//! _rescale: exponent `exp` exactly, padding with zeros or rounding (quiet). The caller bounds
//! the padding (a.exponent - exp); beyond max_padding it refuses (bad_alloc, caught above).
Number rescale(const Number& a, int64_t exp, Rounding mode, int64_t max_padding = kMaxWorkingDigits) {
    if (!a.is_finite()) return a;
    if (a.is_zero()) return finite(a.negative, "0", exp);
    if (a.exponent >= exp) {
        int64_t padding = a.exponent - exp;
        if (padding > max_padding) throw std::bad_alloc();
        return finite(a.negative, a.digits + std::string(size_t(padding), '0'), exp);
    }
    std::string digits = a.digits;
    int64_t keep = int64_t(digits.size()) + a.exponent - exp;  // may be very negative
    if (keep < 0) {
        digits = "1";  // stands for any value below 10**(exp-1)
        keep = 0;
    }
    int changed = rounding_direction(digits, size_t(keep), mode, a.negative);
    std::string kept = keep ? digits.substr(0, size_t(keep)) : std::string("0");
    if (changed == 1) increment_digits(kept);
    return finite(a.negative, strip_leading_zeros(std::move(kept)), exp);
}

//! _round: `places` significant digits (nonzero finite), quiet.
Number round_significant(const Number& a, int64_t places, Rounding mode) {
    if (!a.is_finite() || a.is_zero()) return a;
    Number out = rescale(a, a.adjusted() + 1 - places, mode);
    if (out.adjusted() != a.adjusted()) out = rescale(out, out.adjusted() + 1 - places, mode);
    return out;
}

Number overflow_result(bool negative, Context& ctx) {
    ctx.flags |= kOverflow | kInexact | kRounded;
    bool to_infinity = false;
    switch (ctx.rounding) {
        case Rounding::kHalfUp:
        case Rounding::kHalfEven:
        case Rounding::kHalfDown:
        case Rounding::kUp: to_infinity = true; break;
        case Rounding::kCeiling: to_infinity = !negative; break;
        case Rounding::kFloor: to_infinity = negative; break;
        default: break;
    }
    if (to_infinity) return infinity(negative);
    if (ctx.prec > kMaxWorkingDigits) throw std::bad_alloc();
    return finite(negative, std::string(size_t(ctx.prec), '9'), ctx.emax - ctx.prec + 1);
}

Number fix_nan(const Number& a, const Context& ctx) {
    int64_t max_payload = ctx.prec - ctx.clamp;
    if (int64_t(a.digits.size()) > max_payload) {
        std::string payload = max_payload > 0 ? a.digits.substr(a.digits.size() - size_t(max_payload)) : std::string();
        size_t first = payload.find_first_not_of('0');
        payload = first == std::string::npos ? std::string() : payload.substr(first);
        return nan_value(a.negative, payload, a.special == Number::Special::kSNaN);
    }
    return a;
}

//! _fix: round to ctx.prec and fit the exponent range, raising the spec's signals.
Number fit(const Number& a, Context& ctx) {
    if (a.is_nan()) return fix_nan(a, ctx);
    if (!a.is_finite()) return a;
    const int64_t etiny = ctx.emin - ctx.prec + 1;
    const int64_t etop = ctx.emax - ctx.prec + 1;
    if (a.is_zero()) {
        int64_t exp_max = ctx.clamp ? etop : ctx.emax;
        int64_t new_exp = std::min(std::max(a.exponent, etiny), exp_max);
        if (new_exp != a.exponent) {
            ctx.flags |= kClamped;
            return finite(a.negative, "0", new_exp);
        }
        return a;
    }
    const int64_t length = int64_t(a.digits.size());
    int64_t exp_min = length + a.exponent - ctx.prec;
    if (exp_min > etop) return overflow_result(a.negative, ctx);
    const bool subnormal = exp_min < etiny;
    if (subnormal) exp_min = etiny;
    if (a.exponent < exp_min) {
        std::string digits = a.digits;
        int64_t keep = length + a.exponent - exp_min;
        if (keep < 0) {
            digits = "1";
            keep = 0;
        }
        int changed = rounding_direction(digits, size_t(keep), ctx.rounding, a.negative);
        std::string kept = keep ? digits.substr(0, size_t(keep)) : std::string("0");
        if (changed > 0) {
            increment_digits(kept);
            kept = strip_leading_zeros(std::move(kept));
            if (int64_t(kept.size()) > ctx.prec) {
                kept.pop_back();
                ++exp_min;
            }
        }
        Number out;
        if (exp_min > etop) {
            out = overflow_result(a.negative, ctx);
        } else {
            out = finite(a.negative, strip_leading_zeros(std::move(kept)), exp_min);
        }
        if (changed && subnormal) ctx.flags |= kUnderflow;
        if (subnormal) ctx.flags |= kSubnormal;
        if (changed) ctx.flags |= kInexact;
        ctx.flags |= kRounded;
        if (out.is_zero()) ctx.flags |= kClamped;
        return out;
    }
    if (subnormal) ctx.flags |= kSubnormal;
    if (ctx.clamp == 1 && a.exponent > etop) {
        ctx.flags |= kClamped;
        int64_t padding = a.exponent - etop;
        if (padding > kMaxWorkingDigits) throw std::bad_alloc();
        return finite(a.negative, a.digits + std::string(size_t(padding), '0'), etop);
    }
    return a;
}

//! _check_nans: the NaN result when either operand is a NaN (sNaN signals), else nullopt.
std::optional<Number> check_nans(const Number& a, const Number* b, Context& ctx) {
    auto quiet = [&](const Number& n) {
        Number q = n;
        q.special = Number::Special::kNaN;
        return fix_nan(q, ctx);
    };
    if (a.special == Number::Special::kSNaN) {
        ctx.flags |= kInvalidOperation;
        return quiet(a);
    }
    if (b && b->special == Number::Special::kSNaN) {
        ctx.flags |= kInvalidOperation;
        return quiet(*b);
    }
    if (a.is_nan()) return fix_nan(a, ctx);
    if (b && b->is_nan()) return fix_nan(*b, ctx);
    return std::nullopt;
}

//! _cmp for non-NaN operands.
int compare_values(const Number& a, const Number& b) {
    if (!a.is_finite() || !b.is_finite()) {
        int a_inf = a.is_finite() ? 0 : (a.negative ? -1 : 1);
        int b_inf = b.is_finite() ? 0 : (b.negative ? -1 : 1);
        if (a_inf == b_inf) return 0;
        return a_inf < b_inf ? -1 : 1;
    }
    if (a.is_zero()) {
        if (b.is_zero()) return 0;
        return b.negative ? 1 : -1;
    }
    if (b.is_zero()) return a.negative ? -1 : 1;
    if (a.negative != b.negative) return a.negative ? -1 : 1;
    const int sign = a.negative ? -1 : 1;
    int64_t a_adjusted = a.adjusted(), b_adjusted = b.adjusted();
    if (a_adjusted != b_adjusted) return a_adjusted > b_adjusted ? sign : -sign;
    // Same adjusted exponent: compare the coefficients digit by digit (the shorter one padded
    // with zeros, which is what aligning the exponents means).
    size_t length = std::max(a.digits.size(), b.digits.size());
    for (size_t i = 0; i < length; ++i) {
        char da = i < a.digits.size() ? a.digits[i] : '0';
        char db = i < b.digits.size() ? b.digits[i] : '0';
        if (da != db) return da > db ? sign : -sign;
    }
    return 0;
}

template <typename Fn>
Number guarded(Context& ctx, Fn&& fn) {
    try {
        return fn();
    } catch (...) {
        return invalid(ctx);
    }
}

void check_working_length(int64_t digits) {
    if (digits > kMaxWorkingDigits) throw std::bad_alloc();
}

// ============================================================================ arithmetic cores

Number add_impl(const Number& a, const Number& b, Context& ctx) {
    if (!a.is_finite() || !b.is_finite()) {
        if (auto nan = check_nans(a, &b, ctx)) return *nan;
        if (!a.is_finite()) {
            if (a.negative != b.negative && !b.is_finite()) return invalid(ctx);
            return a;
        }
        return b;
    }
    int64_t exp = std::min(a.exponent, b.exponent);
    const bool negative_zero = ctx.rounding == Rounding::kFloor && a.negative != b.negative;
    if (a.is_zero() && b.is_zero()) {
        bool negative = (a.negative && b.negative) || negative_zero;
        return fit(finite(negative, "0", exp), ctx);
    }
    if (a.is_zero() || b.is_zero()) {
        const Number& other = a.is_zero() ? b : a;
        exp = std::max(exp, other.exponent - ctx.prec - 1);
        return fit(rescale(other, exp, ctx.rounding), ctx);
    }
    // _normalize: a far smaller operand only matters as a sticky digit below the precision,
    // so it is replaced by 10**exp; then both coefficients share the smaller exponent.
    struct Operand {
        bool negative;
        std::string digits;
        int64_t exponent;
    };
    Operand op1{a.negative, a.digits, a.exponent}, op2{b.negative, b.digits, b.exponent};
    Operand& larger_exp = op1.exponent < op2.exponent ? op2 : op1;
    Operand& smaller_exp = op1.exponent < op2.exponent ? op1 : op2;
    int64_t larger_len = int64_t(larger_exp.digits.size());
    int64_t floor_exp = larger_exp.exponent + std::min<int64_t>(-1, larger_len - ctx.prec - 2);
    if (int64_t(smaller_exp.digits.size()) + smaller_exp.exponent - 1 < floor_exp) {
        smaller_exp.digits = "1";
        smaller_exp.exponent = floor_exp;
    }
    int64_t padding = larger_exp.exponent - smaller_exp.exponent;
    check_working_length(padding + larger_len);
    larger_exp.digits.append(size_t(padding), '0');
    larger_exp.exponent = smaller_exp.exponent;

    BigInt x = BigInt::from_digits(op1.digits), y = BigInt::from_digits(op2.digits);
    bool result_negative = false;
    BigInt sum;
    if (op1.negative != op2.negative) {
        int magnitude = compare(x, y);
        if (magnitude == 0) return fit(finite(negative_zero, "0", exp), ctx);
        if (magnitude > 0) {
            result_negative = op1.negative;
            sum = x - y;
        } else {
            result_negative = op2.negative;
            sum = y - x;
        }
    } else {
        result_negative = op1.negative;
        sum = x + y;
    }
    return fit(finite(result_negative, sum.digits(), op1.exponent), ctx);
}

Number multiply_impl(const Number& a, const Number& b, Context& ctx) {
    const bool negative = a.negative != b.negative;
    if (!a.is_finite() || !b.is_finite()) {
        if (auto nan = check_nans(a, &b, ctx)) return *nan;
        if (!a.is_finite()) {
            if (b.is_zero()) return invalid(ctx);
            return infinity(negative);
        }
        if (a.is_zero()) return invalid(ctx);
        return infinity(negative);
    }
    const int64_t exp = a.exponent + b.exponent;
    if (a.is_zero() || b.is_zero()) return fit(finite(negative, "0", exp), ctx);
    if (a.digits == "1") return fit(finite(negative, b.digits, exp), ctx);
    if (b.digits == "1") return fit(finite(negative, a.digits, exp), ctx);
    check_working_length(int64_t(a.digits.size() + b.digits.size()));
    return fit(finite(negative, (coefficient(a) * coefficient(b)).digits(), exp), ctx);
}

Number divide_impl(const Number& a, const Number& b, Context& ctx) {
    const bool negative = a.negative != b.negative;
    if (!a.is_finite() || !b.is_finite()) {
        if (auto nan = check_nans(a, &b, ctx)) return *nan;
        if (!a.is_finite() && !b.is_finite()) return invalid(ctx);
        if (!a.is_finite()) return infinity(negative);
        ctx.flags |= kClamped;
        return finite(negative, "0", ctx.emin - ctx.prec + 1);
    }
    if (b.is_zero()) {
        if (a.is_zero()) return invalid(ctx, kDivisionUndefined);
        ctx.flags |= kDivisionByZero;
        return infinity(negative);
    }
    if (a.is_zero()) return fit(finite(negative, "0", a.exponent - b.exponent), ctx);
    const int64_t shift = int64_t(b.digits.size()) - int64_t(a.digits.size()) + ctx.prec + 1;
    int64_t exp = a.exponent - b.exponent - shift;
    check_working_length(ctx.prec + int64_t(b.digits.size()) + int64_t(a.digits.size()));
    BigInt quotient, remainder;
    if (shift >= 0) {
        floor_divmod(coefficient(a).shifted_decimal(shift), coefficient(b), quotient, remainder);
    } else {
        floor_divmod(coefficient(a), coefficient(b).shifted_decimal(-shift), quotient, remainder);
    }
    std::string digits = quotient.digits();
    if (!remainder.is_zero()) {
        // Inexact: make the last digit a sticky non-0/5 digit so the final rounding is right.
        char last = digits.back();
        if (last == '0' || last == '5') ++digits.back();
    } else {
        const int64_t ideal_exp = a.exponent - b.exponent;
        while (exp < ideal_exp && digits.size() > 1 && digits.back() == '0') {
            digits.pop_back();
            ++exp;
        }
    }
    return fit(finite(negative, std::move(digits), exp), ctx);
}

//! _divide: (a // b, a % b) to the context precision, or DivisionImpossible. a finite or
//! infinite-free, b nonzero, neither NaN.
std::pair<Number, Number> divide_integer_parts(const Number& a, const Number& b, Context& ctx) {
    const bool negative = a.negative != b.negative;
    const bool b_infinite = !b.is_finite();
    const int64_t ideal_exp = b_infinite ? a.exponent : std::min(a.exponent, b.exponent);
    const int64_t expdiff = a.adjusted() - b.adjusted();
    if (a.is_zero() || b_infinite || expdiff <= -2) {
        return {finite(negative, "0", 0), rescale(a, ideal_exp, ctx.rounding)};
    }
    if (expdiff <= ctx.prec) {
        BigInt x = coefficient(a), y = coefficient(b);
        int64_t exp_gap = a.exponent - b.exponent;
        check_working_length(std::abs(exp_gap));
        if (exp_gap >= 0) {
            x = x.shifted_decimal(exp_gap);
        } else {
            y = y.shifted_decimal(-exp_gap);
        }
        BigInt q, r;
        floor_divmod(x, y, q, r);
        if (q.digit_count() <= ctx.prec) {
            return {finite(negative, q.digits(), 0), finite(a.negative, r.digits(), ideal_exp)};
        }
    }
    Number impossible = invalid(ctx, kDivisionImpossible);
    return {impossible, impossible};
}

// ---------------------------------------------------------------------------- power

//! floor(10**p * ln(10)) (p >= 0), the constant ln, exp and power need.
BigInt log10_digits(int64_t p);

//! M * log(x / M) approximately (error <= 22 for 0.1 <= x/M <= 10), x and M positive.
BigInt integer_log(const BigInt& x, const BigInt& M, int64_t L = 8) {
    BigInt y = x - M;
    int64_t R = 0;
    auto needs_reduction = [&] {
        BigInt magnitude = y.abs();
        if (R <= L) return magnitude.shifted_binary(L - R) >= M;
        return magnitude / BigInt(1).shifted_binary(R - L) >= M;
    };
    while (needs_reduction()) {
        BigInt y_shifted = div_nearest(y, BigInt(1).shifted_binary(R));
        BigInt root = sqrt_nearest(M * (M + y_shifted), M);
        y = div_nearest((M * y).shifted_binary(1), M + root);
        ++R;
    }
    const int64_t terms = (10 * M.python_str_length() + 3 * L - 1) / (3 * L);
    BigInt y_shifted = div_nearest(y, BigInt(1).shifted_binary(R));
    BigInt w = div_nearest(M, BigInt(terms));
    for (int64_t k = terms - 1; k > 0; --k) w = div_nearest(M, BigInt(k)) - div_nearest(y_shifted * w, M);
    return div_nearest(w * y, M);
}

BigInt log10_digits(int64_t p) {
    static const char kStored[] = "23025850929940456840179914546843642076011014886";
    const int64_t stored_length = int64_t(sizeof(kStored) - 1);
    if (p < stored_length) return BigInt::from_digits(std::string_view(kStored, size_t(p + 1)));
    for (int64_t extra = 3;; extra += 3) {
        BigInt M = pow10(p + extra + 2);
        std::string digits = div_nearest(integer_log(M.shifted_decimal(1), M), BigInt(100)).digits();
        if (digits.size() > size_t(extra) &&
            digits.find_first_not_of('0', digits.size() - size_t(extra)) != std::string::npos) {
            // Keep the reliable digits: drop trailing zeros and the next (uncertain) digit.
            size_t end = digits.find_last_not_of('0');
            digits.resize(end);  // removes that last nonzero digit too
            return BigInt::from_digits(std::string_view(digits).substr(0, size_t(p + 1)));
        }
    }
}

//! 10**p * log(c * 10**e) approximately (error <= 1), c > 0, c*10**e != 1.
BigInt decimal_log(BigInt c, int64_t e, int64_t p) {
    p += 2;
    const int64_t length = c.python_str_length();
    const int64_t f = e + length - (e + length >= 1 ? 1 : 0);
    BigInt log_d;
    if (p > 0) {
        const int64_t k = e + p - f;
        if (k >= 0) {
            c = c.shifted_decimal(k);
        } else {
            c = div_nearest(c, pow10(-k));
        }
        log_d = integer_log(c, pow10(p));
    }
    BigInt f_log_ten;
    if (f) {
        const int64_t extra = decimal_length(f < 0 ? -f : f) - 1;
        if (p + extra >= 0) f_log_ten = div_nearest(BigInt(f) * log10_digits(p + extra), pow10(extra));
    }
    return div_nearest(f_log_ten + log_d, BigInt(100));
}

//! M * exp(x / M) approximately, x/M small.
BigInt integer_exp(const BigInt& x, const BigInt& M, int64_t L = 8) {
    const int64_t R = (x.shifted_binary(L) / M).bit_length();
    const int64_t terms = (10 * M.python_str_length() + 3 * L - 1) / (3 * L);
    BigInt y = div_nearest(x, BigInt(terms));
    BigInt m_shift = M.shifted_binary(R);
    for (int64_t i = terms - 1; i > 0; --i) y = div_nearest(x * (m_shift + y), m_shift * BigInt(i));
    for (int64_t k = R - 1; k >= 0; --k) {
        m_shift = M.shifted_binary(k + 2);
        y = div_nearest(y * (y + m_shift), m_shift);
    }
    return M + y;
}

//! exp(c * 10**e) as d * 10**f with p digits (error in d at most 1).
std::pair<BigInt, int64_t> decimal_exp(const BigInt& c, int64_t e, int64_t p) {
    p += 2;
    const int64_t extra = std::max<int64_t>(0, e + c.python_str_length() - 1);
    const int64_t q = p + extra;
    const int64_t shift = e + q;
    BigInt c_shifted = shift >= 0 ? c.shifted_decimal(shift) : c / pow10(-shift);
    BigInt quotient, remainder;
    floor_divmod(c_shifted, log10_digits(q), quotient, remainder);
    remainder = div_nearest(remainder, pow10(extra));
    int64_t quotient_small = 0;
    if (!quotient.to_int64(quotient_small)) throw std::bad_alloc();
    return {div_nearest(integer_exp(remainder, pow10(p)), BigInt(1000)), quotient_small - p + 3};
}

//! x**y for x = xc*10**xe > 0 (x != 1) and y = yc*10**ye != 0, p digits, error at most 1.
std::pair<BigInt, int64_t> decimal_power(const BigInt& xc, int64_t xe, const BigInt& yc, int64_t ye, int64_t p) {
    const int64_t b = yc.abs().python_str_length() + ye;
    check_working_length(p + b + 1);
    BigInt lxc = decimal_log(xc, xe, p + b + 1);
    const int64_t shift = ye - b;
    BigInt pc = shift >= 0 ? (lxc * yc).shifted_decimal(shift) : div_nearest(lxc * yc, pow10(-shift));
    if (pc.is_zero()) {
        if ((xc.python_str_length() + xe >= 1) == (yc > BigInt(0))) return {pow10(p - 1) + BigInt(1), 1 - p};
        return {pow10(p) - BigInt(1), -p};
    }
    auto [coeff, exp] = decimal_exp(pc, -(p + 1), p + 1);
    return {div_nearest(coeff, BigInt(10)), exp + 1};
}

int64_t log10_lower_bound(const BigInt& c) {  // 100*log10(c) lower bound, c > 0
    static const int kCorrection[10] = {0, 100, 70, 53, 40, 31, 23, 16, 10, 5};
    std::string digits = c.digits();
    return 100 * int64_t(digits.size()) - kCorrection[digits[0] - '0'];
}

//! n * 10**e when that is an integer, else nullopt.
std::optional<BigInt> decimal_lshift_exact(const BigInt& n, int64_t e) {
    if (n.is_zero()) return BigInt();
    if (e >= 0) {
        check_working_length(e);
        return n.shifted_decimal(e);
    }
    std::string digits = n.digits();
    int64_t trailing_zeros = int64_t(digits.size() - 1 - digits.find_last_not_of('0'));
    if (trailing_zeros < -e) return std::nullopt;
    return n / pow10(-e);
}

//! Exponent-stripped coefficient: xc without trailing zeros, xe adjusted.
void strip_trailing_zeros(const Number& n, BigInt& c, int64_t& e) {
    size_t end = n.digits.find_last_not_of('0');
    std::string digits = n.digits.substr(0, end + 1);
    e = n.exponent + int64_t(n.digits.size() - digits.size());
    c = BigInt::from_digits(digits);
}

//! _power_exact: x**y when exactly representable in p digits (x > 0, x != 1, y != 0 finite).
std::optional<Number> power_exact(const Number& x, const Number& y, int64_t p) {
    BigInt xc, yc;
    int64_t xe = 0, ye = 0;
    strip_trailing_zeros(x, xc, xe);
    strip_trailing_zeros(y, yc, ye);
    const bool y_integral_positive = is_integral(y) && !y.negative;
    auto ideal_exponent = [&]() -> int64_t {  // x.exponent * int(y), saturating
        int64_t y_int = 0;
        bool overflow = false;
        if (!to_int64(y, y_int, overflow)) y_int = std::numeric_limits<int64_t>::max();
        return sat_mul(x.exponent, y_int);
    };

    if (xc == BigInt(1)) {
        BigInt xe_big = BigInt(xe) * yc;
        while (!xe_big.is_zero() && (xe_big % BigInt(10)).is_zero()) {
            xe_big = xe_big / BigInt(10);
            ++ye;
        }
        if (ye < 0) return std::nullopt;
        check_working_length(ye);
        BigInt exponent_big = xe_big.shifted_decimal(ye);
        if (y.negative) exponent_big = -exponent_big;
        int64_t exponent = 0;
        if (!exponent_big.to_int64(exponent)) return std::nullopt;
        int64_t zeros = 0;
        if (y_integral_positive) zeros = std::min(exponent - ideal_exponent(), p - 1);
        if (zeros < 0) zeros = 0;  // ideal exponent above the result: no padding
        check_working_length(zeros);
        return finite(false, "1" + std::string(size_t(zeros), '0'), exponent - zeros);
    }

    if (y.negative) {
        const int last_digit = xc.digits().back() - '0';
        int64_t e = 0;
        if (last_digit == 2 || last_digit == 4 || last_digit == 6 || last_digit == 8) {
            // xc must be a power of two.
            BigInt rest = xc;
            while (!rest.is_odd()) rest = rest / BigInt(2);
            if (!(rest == BigInt(1))) return std::nullopt;
            e = xc.bit_length() - 1;
            const int64_t emax = p * 93 / 65;
            if (ye >= decimal_length(emax)) return std::nullopt;
            auto e_big = decimal_lshift_exact(BigInt(e) * yc, ye);
            auto xe_big = decimal_lshift_exact(BigInt(xe) * yc, ye);
            if (!e_big || !xe_big) return std::nullopt;
            if (*e_big > BigInt(emax) || !e_big->to_int64(e) || !xe_big->to_int64(xe)) return std::nullopt;
            xc = power_of(BigInt(5), uint64_t(e));
        } else if (last_digit == 5) {
            e = xc.bit_length() * 28 / 65;
            BigInt quotient, remainder;
            floor_divmod(power_of(BigInt(5), uint64_t(e)), xc, quotient, remainder);
            if (!remainder.is_zero()) return std::nullopt;
            xc = quotient;
            while ((xc % BigInt(5)).is_zero()) {
                xc = xc / BigInt(5);
                --e;
            }
            const int64_t emax = p * 10 / 3;
            if (ye >= decimal_length(emax)) return std::nullopt;
            auto e_big = decimal_lshift_exact(BigInt(e) * yc, ye);
            auto xe_big = decimal_lshift_exact(BigInt(xe) * yc, ye);
            if (!e_big || !xe_big) return std::nullopt;
            if (*e_big > BigInt(emax) || !e_big->to_int64(e) || !xe_big->to_int64(xe)) return std::nullopt;
            xc = BigInt(1).shifted_binary(e);
        } else {
            return std::nullopt;
        }
        if (xc >= pow10(p)) return std::nullopt;
        return finite(false, xc.digits(), -e - xe);
    }

    // y positive: y = m/n in lowest terms.
    BigInt m, n;
    const int64_t xc_bits = xc.bit_length();
    if (ye >= 0) {
        check_working_length(ye);
        m = yc.shifted_decimal(ye);
        n = BigInt(1);
    } else {
        if (xe != 0 && (yc * BigInt(xe)).abs().python_str_length() <= -ye) return std::nullopt;
        if ((yc * BigInt(xc_bits)).python_str_length() <= -ye) return std::nullopt;
        m = yc;
        n = pow10(-ye);
        while (!m.is_odd() && !n.is_odd()) {
            m = m / BigInt(2);
            n = n / BigInt(2);
        }
        while ((m % BigInt(5)).is_zero() && (n % BigInt(5)).is_zero()) {
            m = m / BigInt(5);
            n = n / BigInt(5);
        }
    }
    if (n > BigInt(1)) {
        if (BigInt(xc_bits) <= n) return std::nullopt;
        int64_t root = 0;
        n.to_int64(root);  // n < xc_bits, small
        if (python_mod(xe, root) != 0) return std::nullopt;
        xe = floor_div(xe, root);
        // Newton's method for the root-th root of xc.
        BigInt a = BigInt(1).shifted_binary((xc_bits + root - 1) / root);
        BigInt q, r;
        while (true) {
            floor_divmod(xc, power_of(a, uint64_t(root - 1)), q, r);
            if (a <= q) break;
            a = (a * BigInt(root - 1) + q) / BigInt(root);
        }
        if (!(a == q && r.is_zero())) return std::nullopt;
        xc = a;
    }
    if (xc > BigInt(1) && m > BigInt(p * 100 / log10_lower_bound(xc))) return std::nullopt;
    int64_t m_small = 0;
    m.to_int64(m_small);
    xc = power_of(xc, uint64_t(m_small));
    xe = sat_mul(xe, m_small);
    if (xc > pow10(p)) return std::nullopt;
    std::string digits = xc.digits();
    int64_t zeros = 0;
    if (y_integral_positive) zeros = std::min(sat_add(xe, -ideal_exponent()), p - int64_t(digits.size()));
    if (zeros < 0) zeros = 0;
    check_working_length(zeros);
    return finite(false, digits + std::string(size_t(zeros), '0'), xe - zeros);
}

//! _log10_exp_bound: r with log10(x) >= 10**r (x finite positive, x != 1).
int64_t log10_exp_bound(const Number& x) {
    const int64_t adj = x.adjusted();
    if (adj >= 1) return decimal_length(adj) - 1;
    if (adj <= -2) return decimal_length(-1 - adj) - 1;
    BigInt c = coefficient(x);
    const int64_t e = x.exponent;
    if (adj == 0) {
        std::string num = (c - pow10(-e)).digits();
        std::string den = (c * BigInt(231)).digits();
        return int64_t(num.size()) - int64_t(den.size()) - (num < den ? 1 : 0) + 2;
    }
    std::string num = (pow10(-e) - c).digits();
    return int64_t(num.size()) + e - (num < std::string("231") ? 1 : 0) - 1;
}

//! CPython's result when a power certainly underflows: zero at Etiny, whatever the rounding.
Number underflow_to_zero(bool negative, Context& ctx) {
    ctx.flags |= kUnderflow | kSubnormal | kInexact | kRounded | kClamped;
    return finite(negative, "0", ctx.emin - ctx.prec + 1);
}

Number power_impl(const Number& a, const Number& b, Context& ctx) {
    if (auto nan = check_nans(a, &b, ctx)) return *nan;
    if (b.is_zero()) {
        if (a.is_zero()) return invalid(ctx);
        return finite(false, "1", 0);
    }
    bool result_negative = false;
    Number x = a;
    if (a.negative) {
        if (is_integral(b)) {
            result_negative = !is_even_integral(b);
        } else if (!a.is_zero()) {
            return invalid(ctx);
        }
        x.negative = false;
    }
    if (x.is_zero()) return b.negative ? infinity(result_negative) : finite(result_negative, "0", 0);
    if (!x.is_finite()) return b.negative ? finite(result_negative, "0", 0) : infinity(result_negative);

    if (compare_values(x, finite(false, "1", 0)) == 0) {
        int64_t exp = 0;
        if (is_integral(b)) {
            int64_t multiplier = 0;
            if (b.negative) {
                multiplier = 0;
            } else if (compare_values(b, from_int(ctx.prec)) > 0) {
                multiplier = ctx.prec;
            } else {
                bool ignored = false;
                to_int64(b, multiplier, ignored);
            }
            exp = sat_mul(x.exponent, multiplier);
            if (exp < 1 - ctx.prec) {
                exp = 1 - ctx.prec;
                ctx.flags |= kRounded;
            }
        } else {
            ctx.flags |= kInexact | kRounded;
            exp = 1 - ctx.prec;
        }
        check_working_length(-exp);
        return finite(result_negative, "1" + std::string(size_t(exp < 0 ? -exp : 0), '0'), exp);
    }

    const int64_t x_adjusted = x.adjusted();
    if (!b.is_finite()) {
        if ((!b.negative) == (x_adjusted < 0)) return finite(result_negative, "0", 0);
        return infinity(result_negative);
    }

    std::optional<Number> result;
    bool exact = false;
    const int64_t bound = sat_add(log10_exp_bound(x), b.adjusted());
    if ((x_adjusted >= 0) == (!b.negative)) {
        if (bound >= decimal_length(ctx.emax < 0 ? 0 : ctx.emax)) result = finite(result_negative, "1", ctx.emax + 1);
    } else {
        const int64_t etiny = ctx.emin - ctx.prec + 1;
        if (bound >= decimal_length(-etiny)) return underflow_to_zero(result_negative, ctx);
    }
    if (!result) {
        check_working_length(ctx.prec);
        result = power_exact(x, b, ctx.prec + 1);
        if (result) {
            result->negative = result_negative;
            exact = true;
        }
    }
    if (!result) {
        const int64_t p = ctx.prec;
        BigInt xc = coefficient(x);
        BigInt yc = BigInt::from_digits(b.digits, b.negative);
        for (int64_t extra = 3;; extra += 3) {
            auto [coeff, exp] = decimal_power(xc, x.exponent, yc, b.exponent, p + extra);
            const int64_t unit_digits = coeff.python_str_length() - p - 1;
            if (!(coeff % (BigInt(5) * pow10(unit_digits))).is_zero()) {
                result = finite(result_negative, coeff.digits(), exp);
                break;
            }
        }
    }
    if (exact && !is_integral(b)) {
        // An exact result for a non-integral exponent still signals Inexact (the spec says so):
        // pad to prec+1 digits so Rounded is raised, round in a scratch context, merge flags.
        Number padded = *result;
        if (int64_t(padded.digits.size()) <= ctx.prec) {
            int64_t pad = ctx.prec + 1 - int64_t(padded.digits.size());
            padded.digits.append(size_t(pad), '0');
            padded.exponent -= pad;
        }
        Context scratch = ctx;
        scratch.flags = 0;
        Number out = fit(padded, scratch);
        scratch.flags |= kInexact;
        if (scratch.flags & kSubnormal) scratch.flags |= kUnderflow;
        ctx.flags |= scratch.flags;
        return out;
    }
    // libmpdec computes integral powers in a round-half-even working context, so a result far
    // below the subnormal range is zero whatever the rounding mode (CPython prints 0E-1000026
    // for Context(rounding=ROUND_UP).power(Decimal('4E364580'), -5)).
    if (is_integral(b) && !result->is_zero() && result->adjusted() < ctx.emin - ctx.prec) {
        return underflow_to_zero(result_negative, ctx);
    }
    return fit(*result, ctx);
}

Number sqrt_impl(const Number& a, Context& ctx) {
    if (!a.is_finite()) {
        if (auto nan = check_nans(a, nullptr, ctx)) return *nan;
        if (!a.negative) return a;
    }
    if (a.is_zero()) return fit(finite(a.negative, "0", floor_div(a.exponent, 2)), ctx);
    if (a.negative) return invalid(ctx);
    const int64_t prec = ctx.prec + 1;
    check_working_length(2 * prec + int64_t(a.digits.size()));
    BigInt c = coefficient(a);
    int64_t e = floor_div(a.exponent, 2);
    int64_t l = 0;
    if (python_mod(a.exponent, 2) == 1) {
        c = c.shifted_decimal(1);
        l = int64_t(a.digits.size() >> 1) + 1;
    } else {
        l = int64_t(a.digits.size() + 1) >> 1;
    }
    const int64_t shift = prec - l;
    bool exact = true;
    if (shift >= 0) {
        c = c.shifted_decimal(2 * shift);
    } else {
        BigInt q, r;
        floor_divmod(c, pow10(-2 * shift), q, r);
        c = q;
        exact = r.is_zero();
    }
    e -= shift;
    BigInt n = pow10(prec);
    while (true) {
        BigInt q = c / n;
        if (n <= q) break;
        n = (n + q) / BigInt(2);
    }
    exact = exact && n * n == c;
    if (exact) {
        if (shift >= 0) {
            n = n / pow10(shift);
        } else {
            n = n.shifted_decimal(-shift);
        }
        e += shift;
    } else if ((n % BigInt(5)).is_zero()) {
        n = n + BigInt(1);
    }
    Context rounding_context = ctx;
    rounding_context.rounding = Rounding::kHalfEven;
    Number out = fit(finite(false, n.digits(), e), rounding_context);
    ctx.flags = rounding_context.flags;
    return out;
}

Number quantize_impl(const Number& a, const Number& exp, Rounding mode, Context& ctx) {
    if (!a.is_finite() || !exp.is_finite()) {
        if (auto nan = check_nans(a, &exp, ctx)) return *nan;
        if (!a.is_finite() && !exp.is_finite()) return a;
        return invalid(ctx);
    }
    const int64_t etiny = ctx.emin - ctx.prec + 1;
    if (!(etiny <= exp.exponent && exp.exponent <= ctx.emax)) return invalid(ctx);
    if (a.is_zero()) return fit(finite(a.negative, "0", exp.exponent), ctx);
    const int64_t a_adjusted = a.adjusted();
    if (a_adjusted > ctx.emax) return invalid(ctx);
    // Checked before rescaling, so a huge padding is never built.
    if (a_adjusted - exp.exponent + 1 > ctx.prec) return invalid(ctx);
    Number out = rescale(a, exp.exponent, mode);
    if (out.adjusted() > ctx.emax) return invalid(ctx);
    if (int64_t(out.digits.size()) > ctx.prec) return invalid(ctx);
    if (!out.is_zero() && out.adjusted() < ctx.emin) ctx.flags |= kSubnormal;
    if (out.exponent > a.exponent) {
        if (compare_values(out, a) != 0) ctx.flags |= kInexact;
        ctx.flags |= kRounded;
    }
    return fit(out, ctx);
}

// ============================================================================ text

bool is_ascii_space(unsigned char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

//! Length of a Unicode whitespace character (as str.strip() sees it) at text[i], or 0.
size_t whitespace_length_at(std::string_view text, size_t i) {
    const auto byte = [&](size_t k) { return i + k < text.size() ? (unsigned char)text[i + k] : 0u; };
    if (is_ascii_space(byte(0))) return 1;
    if (byte(0) == 0xC2 && (byte(1) == 0x85 || byte(1) == 0xA0)) return 2;
    if (byte(0) == 0xE1 && byte(1) == 0x9A && byte(2) == 0x80) return 3;                     // U+1680
    if (byte(0) == 0xE2 && byte(1) == 0x80 && (byte(2) <= 0x8A || byte(2) == 0xA8 ||        // U+2000..200A,
                                               byte(2) == 0xA9 || byte(2) == 0xAF)) return 3;  // 2028, 2029, 202F
    if (byte(0) == 0xE2 && byte(1) == 0x81 && byte(2) == 0x9F) return 3;                     // U+205F
    if (byte(0) == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) return 3;                     // U+3000
    return 0;
}
//! Same, for the character ending at text[end-1].
size_t whitespace_length_before(std::string_view text, size_t end) {
    for (size_t length = 1; length <= 3 && length <= end; ++length) {
        if (whitespace_length_at(text, end - length) == length) return length;
    }
    return 0;
}

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) return false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        if (c != lower[i]) return false;
    }
    return true;
}
bool all_digits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

//! "%+d" of an exponent.
std::string signed_exponent(int64_t value) { return value < 0 ? std::to_string(value) : "+" + std::to_string(value); }

std::string to_string_impl(const Number& n, bool engineering) {
    const std::string sign = n.negative ? "-" : "";
    if (n.special == Number::Special::kInfinity) return sign + "Infinity";
    if (n.special == Number::Special::kNaN) return sign + "NaN" + n.digits;
    if (n.special == Number::Special::kSNaN) return sign + "sNaN" + n.digits;
    const int64_t length = int64_t(n.digits.size());
    const int64_t left_digits = n.exponent + length;
    int64_t dot_place = 0;
    if (n.exponent <= 0 && left_digits > -6) {
        dot_place = left_digits;
    } else if (!engineering) {
        dot_place = 1;
    } else if (n.digits == "0") {
        dot_place = python_mod(left_digits + 1, 3) - 1;
    } else {
        dot_place = python_mod(left_digits - 1, 3) + 1;
    }
    std::string int_part, frac_part;
    if (dot_place <= 0) {
        int_part = "0";
        frac_part = "." + std::string(size_t(-dot_place), '0') + n.digits;
    } else if (dot_place >= length) {
        int_part = n.digits + std::string(size_t(dot_place - length), '0');
    } else {
        int_part = n.digits.substr(0, size_t(dot_place));
        frac_part = "." + n.digits.substr(size_t(dot_place));
    }
    std::string exp;
    if (left_digits != dot_place) exp = "E" + signed_exponent(left_digits - dot_place);
    return sign + int_part + frac_part + exp;
}

// ---------------------------------------------------------------------------- format

struct FormatSpec {
    std::string fill = " ";
    char align = '>';
    char sign = '-';
    bool no_negative_zero = false;
    bool zero_pad = false;
    int64_t min_width = 0;
    bool thousands = false;  // ',' given
    bool locale_type = false;  // 'n' / 'N': C locale, no grouping
    int64_t precision = -1;  // -1: none
    char type = 0;           // 0: none
};

bool parse_unsigned(std::string_view text, size_t& i, int64_t& out) {
    out = 0;
    size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        int digit = text[i] - '0';
        if (out > (std::numeric_limits<int64_t>::max() - digit) / 10) return false;
        out = out * 10 + digit;
        ++i;
    }
    return i > start;
}

size_t utf8_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1;
}

bool is_align(char c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

//! The spec grammar CPython's _decimal (libmpdec) accepts:
//! [z][[fill]align][sign][z][0][width][,][.precision][type], 'z' anywhere once (3.11 strips it).
bool parse_format_spec(std::string_view raw, FormatSpec& spec) {
    std::string text(raw);
    size_t z = text.find('z');
    if (z != std::string::npos) {
        spec.no_negative_zero = true;
        text.erase(z, 1);
    }
    size_t i = 0;
    bool have_align = false;
    if (!text.empty()) {
        size_t fill_length = utf8_length((unsigned char)text[0]);
        if (fill_length < text.size() && is_align(text[fill_length])) {
            spec.fill = text.substr(0, fill_length);
            spec.align = text[fill_length];
            i = fill_length + 1;
            have_align = true;
        } else if (is_align(text[0])) {
            spec.align = text[0];
            i = 1;
            have_align = true;
        }
    }
    if (i < text.size() && (text[i] == '+' || text[i] == '-' || text[i] == ' ')) spec.sign = text[i++];
    if (i < text.size() && text[i] == '0') {
        if (have_align) return false;
        spec.zero_pad = true;
        ++i;
    }
    if (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        if (text[i] == '0') return false;
        if (!parse_unsigned(text, i, spec.min_width)) return false;
    }
    if (i < text.size() && text[i] == ',') {
        spec.thousands = true;
        ++i;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (!parse_unsigned(text, i, spec.precision)) return false;
    }
    if (i < text.size()) {
        char c = text[i];
        if (c == 'e' || c == 'E' || c == 'f' || c == 'F' || c == 'g' || c == 'G' || c == '%') {
            spec.type = c;
            ++i;
        } else if (c == 'n' || c == 'N') {
            if (spec.thousands) return false;
            spec.type = c == 'n' ? 'g' : 'G';
            spec.locale_type = true;
            ++i;
        }
    }
    if (i != text.size()) return false;
    if (spec.precision == 0 && (spec.type == 0 || spec.type == 'g' || spec.type == 'G')) spec.precision = 1;
    return true;
}

int64_t count_characters(std::string_view utf8) {
    int64_t count = 0;
    for (unsigned char c : utf8) count += (c & 0xC0) != 0x80;
    return count;
}

std::string repeat(const std::string& unit, int64_t times) {
    std::string out;
    if (times <= 0) return out;
    out.reserve(unit.size() * size_t(times));
    for (int64_t k = 0; k < times; ++k) out += unit;
    return out;
}

std::string align_formatted(const std::string& sign, const std::string& body, const FormatSpec& spec) {
    const int64_t pad_count = spec.min_width - int64_t(sign.size()) - count_characters(body);
    const std::string padding = repeat(spec.fill, pad_count);
    switch (spec.align) {
        case '<': return sign + body + padding;
        case '=': return sign + padding + body;
        case '^': {
            const int64_t half = std::max<int64_t>(pad_count, 0) / 2;
            return repeat(spec.fill, half) + sign + body + repeat(spec.fill, std::max<int64_t>(pad_count, 0) - half);
        }
        default: return padding + sign + body;
    }
}

//! _insert_thousands_sep with groups of 3 (or none for 'n' in the C locale), zero padding to
//! min_width on the left.
std::string group_digits(const std::string& digits_in, const FormatSpec& spec, int64_t min_width) {
    if (!spec.thousands) {
        int64_t width = std::max<int64_t>({int64_t(digits_in.size()), min_width, 1});
        return std::string(size_t(width - int64_t(digits_in.size())), '0') + digits_in;
    }
    std::string digits = digits_in;
    std::vector<std::string> groups;
    while (true) {
        int64_t length = std::min<int64_t>(std::max<int64_t>({int64_t(digits.size()), min_width, 1}), 3);
        int64_t take = std::min<int64_t>(length, int64_t(digits.size()));
        groups.push_back(std::string(size_t(length - take), '0') + digits.substr(digits.size() - size_t(take)));
        digits.resize(digits.size() - size_t(take));
        min_width -= length;
        if (digits.empty() && min_width <= 0) break;
        min_width -= 1;  // the separator
    }
    std::string out;
    for (size_t k = groups.size(); k-- > 0;) {
        out += groups[k];
        if (k) out += ',';
    }
    return out;
}

std::string format_sign(bool negative, const FormatSpec& spec) {
    if (negative) return "-";
    if (spec.sign == '+' || spec.sign == ' ') return std::string(1, spec.sign);
    return "";
}

bool format_impl(const Number& input, std::string_view spec_text, std::string& out, std::string& error) {
    FormatSpec spec;
    if (!parse_format_spec(spec_text, spec)) {
        error = "invalid format string";
        return false;
    }
    if (spec.min_width > kMaxFormattedLength || spec.precision > kMaxFormattedLength) {
        error = "format result too large";
        return false;
    }
    if (!input.is_finite()) {
        // Zero padding does not apply to NaN and Infinity: plain right alignment with spaces.
        if (spec.zero_pad) {
            spec.fill = " ";
            spec.align = '>';
        }
        Number magnitude = input;
        magnitude.negative = false;
        std::string body = to_string_impl(magnitude, false);
        if (spec.type == '%') body += '%';
        out = align_formatted(format_sign(input.negative, spec), body, spec);
        return true;
    }
    if (spec.type == 0) spec.type = 'G';
    Number n = input;
    if (spec.type == '%') n.exponent += 2;
    const Rounding rounding = Rounding::kHalfEven;
    if (spec.precision >= 0) {
        if (spec.type == 'e' || spec.type == 'E') {
            n = round_significant(n, spec.precision + 1, rounding);
        } else if (spec.type == 'f' || spec.type == 'F' || spec.type == '%') {
            if (n.exponent + spec.precision > kMaxFormattedLength) {
                error = "format result too large";
                return false;
            }
            n = rescale(n, -spec.precision, rounding, kMaxFormattedLength);
        } else if ((spec.type == 'g' || spec.type == 'G') && int64_t(n.digits.size()) > spec.precision) {
            n = round_significant(n, spec.precision, rounding);
        }
    }
    const bool fixed = spec.type == 'f' || spec.type == 'F' || spec.type == '%';
    if (n.is_zero() && n.exponent > 0 && fixed) n = rescale(n, 0, rounding, kMaxFormattedLength);
    const bool negative = (n.is_zero() && spec.no_negative_zero) ? false : n.negative;

    const int64_t length = int64_t(n.digits.size());
    const int64_t left_digits = n.exponent + length;
    int64_t dot_place = 1;
    if (spec.type == 'e' || spec.type == 'E') {
        dot_place = (n.is_zero() && spec.precision >= 0) ? 1 - spec.precision : 1;
    } else if (fixed) {
        dot_place = left_digits;
    } else if (n.exponent <= 0 && left_digits > -6) {
        dot_place = left_digits;
    }
    if (std::abs(dot_place) > kMaxFormattedLength) {
        error = "format result too large";
        return false;
    }
    std::string int_part, frac_part;
    if (dot_place < 0) {
        int_part = "0";
        frac_part = std::string(size_t(-dot_place), '0') + n.digits;
    } else if (dot_place > length) {
        int_part = n.digits + std::string(size_t(dot_place - length), '0');
    } else {
        int_part = dot_place ? n.digits.substr(0, size_t(dot_place)) : std::string("0");
        frac_part = n.digits.substr(size_t(dot_place));
    }
    const int64_t exponent = left_digits - dot_place;

    const std::string sign = format_sign(negative, spec);
    if (!frac_part.empty()) frac_part = "." + frac_part;
    if (exponent != 0 || spec.type == 'e' || spec.type == 'E') {
        const char e_char = (spec.type == 'E' || spec.type == 'G') ? 'E' : 'e';
        frac_part += e_char + signed_exponent(exponent);
    }
    if (spec.type == '%') frac_part += '%';
    int64_t min_width = 0;
    if (spec.zero_pad) min_width = spec.min_width - int64_t(frac_part.size()) - int64_t(sign.size());
    int_part = group_digits(int_part, spec, min_width);
    out = align_formatted(sign, int_part + frac_part, spec);
    return true;
}

// ---------------------------------------------------------------------------- hash

constexpr uint64_t kHashModulus = (uint64_t(1) << 61) - 1;
constexpr int64_t kHashInfinity = 314159;

uint64_t mulmod_hash(uint64_t a, uint64_t b) {  // a, b < 2**61 - 1
    uint64_t result = 0;
    a %= kHashModulus;
    while (b) {
        if (b & 1) {
            result += a;
            if (result >= kHashModulus) result -= kHashModulus;
        }
        a <<= 1;  // a < 2**61, so no overflow
        if (a >= kHashModulus) a -= kHashModulus;
        b >>= 1;
    }
    return result;
}
uint64_t powmod_hash(uint64_t base, uint64_t exponent) {
    uint64_t result = 1;
    base %= kHashModulus;
    while (exponent) {
        if (exponent & 1) result = mulmod_hash(result, base);
        base = mulmod_hash(base, base);
        exponent >>= 1;
    }
    return result;
}

}  // namespace

// ============================================================================ public API

bool parse(std::string_view text, Number& out) {
    try {
        size_t begin = 0, end = text.size();
        while (begin < end) {
            size_t length = whitespace_length_at(text, begin);
            if (!length) break;
            begin += length;
        }
        while (end > begin) {
            size_t length = whitespace_length_before(text, end);
            if (!length) break;
            end -= length;
        }
        std::string body;
        body.reserve(end - begin);
        for (size_t i = begin; i < end; ++i) {
            if (text[i] != '_') body += text[i];
        }
        std::string_view s = body;
        bool negative = false;
        if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
            negative = s[0] == '-';
            s.remove_prefix(1);
        }
        if (equals_ignoring_case(s, "inf") || equals_ignoring_case(s, "infinity")) {
            out = infinity(negative);
            return true;
        }
        const bool signaling = !s.empty() && (s[0] == 's' || s[0] == 'S');
        std::string_view nan_part = signaling ? s.substr(1) : s;
        if (nan_part.size() >= 3 && equals_ignoring_case(nan_part.substr(0, 3), "nan")) {
            std::string_view payload = nan_part.substr(3);
            if (!all_digits(payload)) return false;
            size_t first = payload.find_first_not_of('0');
            out = nan_value(negative, first == std::string_view::npos ? std::string() : std::string(payload.substr(first)),
                            signaling);
            return true;
        }
        // [digits][.digits][e[sign]digits], at least one digit in the mantissa.
        size_t i = 0;
        std::string mantissa;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') mantissa += s[i++];
        int64_t frac_digits = 0;
        if (i < s.size() && s[i] == '.') {
            ++i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
                mantissa += s[i++];
                ++frac_digits;
            }
        }
        if (mantissa.empty()) return false;
        int64_t exponent = 0;
        if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
            ++i;
            bool exp_negative = false;
            if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
            std::string_view exp_digits = s.substr(i);
            if (exp_digits.empty() || !all_digits(exp_digits)) return false;
            size_t first = exp_digits.find_first_not_of('0');
            exp_digits = first == std::string_view::npos ? std::string_view("0") : exp_digits.substr(first);
            if (exp_digits.size() > 19) return false;  // beyond any exponent CPython accepts
            uint64_t magnitude = 0;
            for (char c : exp_digits) magnitude = magnitude * 10 + uint64_t(c - '0');
            if (magnitude > uint64_t(4000000000000000000ULL)) return false;
            exponent = exp_negative ? -int64_t(magnitude) : int64_t(magnitude);
            i = s.size();
        }
        if (i != s.size()) return false;
        Number n = finite(negative, strip_leading_zeros(mantissa), 0);
        n.exponent = exponent - frac_digits;
        if (n.adjusted() > kMaxParsedAdjusted || n.exponent < kMinParsedExponent) return false;
        out = std::move(n);
        return true;
    } catch (...) {
        return false;
    }
}

Number from_int(int64_t value) {
    const bool negative = value < 0;
    const uint64_t magnitude = negative ? uint64_t(0) - uint64_t(value) : uint64_t(value);
    return finite(negative, std::to_string(magnitude), 0);
}

Number from_double(double value) {
    if (std::isnan(value)) return nan_value(std::signbit(value));
    if (std::isinf(value)) return infinity(value < 0);
    const bool negative = std::signbit(value);
    if (value == 0) return finite(negative, "0", 0);
    int binary_exponent = 0;
    double fraction = std::frexp(std::fabs(value), &binary_exponent);  // |value| = fraction * 2**exp
    uint64_t mantissa = uint64_t(std::ldexp(fraction, 53));
    int64_t exp2 = int64_t(binary_exponent) - 53;
    while (exp2 < 0 && (mantissa & 1u) == 0) {
        mantissa >>= 1;
        ++exp2;
    }
    const BigInt coeff{int64_t(mantissa)};
    if (exp2 >= 0) return finite(negative, coeff.shifted_binary(exp2).digits(), 0);
    // mantissa / 2**k == mantissa * 5**k / 10**k.
    const int64_t k = -exp2;
    return finite(negative, (coeff * power_of(BigInt(5), uint64_t(k))).digits(), -k);
}

std::string to_sci_string(const Number& n) {
    try {
        return to_string_impl(n, false);
    } catch (...) {
        return "NaN";
    }
}

std::string to_eng_string(const Number& n) {
    try {
        return to_string_impl(n, true);
    } catch (...) {
        return "NaN";
    }
}

bool format(const Number& n, std::string_view spec, std::string& out, std::string& error) {
    try {
        return format_impl(n, spec, out, error);
    } catch (...) {
        error = "format result too large";
        return false;
    }
}

bool to_int64(const Number& n, int64_t& out, bool& overflow) {
    overflow = false;
    if (n.is_nan()) return false;
    if (!n.is_finite()) {
        overflow = true;
        return false;
    }
    std::string digits;
    if (n.exponent >= 0) {
        if (n.is_zero()) {
            out = 0;
            return true;
        }
        if (n.adjusted() >= 19) {
            overflow = true;
            return false;
        }
        digits = n.digits + std::string(size_t(n.exponent), '0');
    } else {
        if (-n.exponent >= int64_t(n.digits.size())) {
            out = 0;
            return true;
        }
        digits = n.digits.substr(0, n.digits.size() - size_t(-n.exponent));
    }
    digits = strip_leading_zeros(digits);
    if (digits.size() > 19) {
        overflow = true;
        return false;
    }
    uint64_t magnitude = 0;
    for (char c : digits) {
        const uint64_t digit = uint64_t(c - '0');
        if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
            overflow = true;
            return false;
        }
        magnitude = magnitude * 10 + digit;
    }
    const uint64_t limit = n.negative ? uint64_t(std::numeric_limits<int64_t>::max()) + 1
                                      : uint64_t(std::numeric_limits<int64_t>::max());
    if (magnitude > limit) {
        overflow = true;
        return false;
    }
    out = n.negative ? int64_t(uint64_t(0) - magnitude) : int64_t(magnitude);
    return true;
}

double to_double(const Number& n) {
    if (n.is_nan()) return n.negative ? -std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::quiet_NaN();
    if (!n.is_finite()) return n.negative ? -HUGE_VAL : HUGE_VAL;
    if (n.is_zero()) return n.negative ? -0.0 : 0.0;
    // Outside double's range whatever the digits: skip building the string for strtod.
    if (n.adjusted() > 400) return n.negative ? -HUGE_VAL : HUGE_VAL;
    if (n.adjusted() < -400) return n.negative ? -0.0 : 0.0;
    // strtod rounds correctly (glibc and musl both), as Python's float(str) does.
    std::string text = (n.negative ? "-" : "") + n.digits + "e" + std::to_string(n.exponent);
    return std::strtod(text.c_str(), nullptr);
}

int64_t python_hash(const Number& n) {
    if (n.is_nan()) return 0;
    if (!n.is_finite()) return n.negative ? -kHashInfinity : kHashInfinity;
    uint64_t exp_hash = 0;
    if (n.exponent >= 0) {
        exp_hash = powmod_hash(10, uint64_t(n.exponent));
    } else {
        const uint64_t ten_inverse = powmod_hash(10, kHashModulus - 2);
        exp_hash = powmod_hash(ten_inverse, uint64_t(-n.exponent));
    }
    uint64_t coeff_hash = 0;
    for (char c : n.digits) coeff_hash = (mulmod_hash(coeff_hash, 10) + uint64_t(c - '0')) % kHashModulus;
    const int64_t hash = int64_t(mulmod_hash(coeff_hash, exp_hash));
    const int64_t signed_hash = n.negative ? -hash : hash;
    return signed_hash == -1 ? -2 : signed_hash;
}

Number plus(const Number& a, Context& ctx) {
    return guarded(ctx, [&]() -> Number {
        if (!a.is_finite()) {
            if (auto nan = check_nans(a, nullptr, ctx)) return *nan;
        }
        Number out = a;
        if (a.is_zero() && ctx.rounding != Rounding::kFloor) out.negative = false;
        return fit(out, ctx);
    });
}

Number minus(const Number& a, Context& ctx) {
    return guarded(ctx, [&]() -> Number {
        if (!a.is_finite()) {
            if (auto nan = check_nans(a, nullptr, ctx)) return *nan;
        }
        Number out = a;
        out.negative = (a.is_zero() && ctx.rounding != Rounding::kFloor) ? false : !a.negative;
        return fit(out, ctx);
    });
}

Number abs(const Number& a, Context& ctx) {
    return guarded(ctx, [&]() -> Number {
        if (!a.is_finite()) {
            if (auto nan = check_nans(a, nullptr, ctx)) return *nan;
        }
        return a.negative ? minus(a, ctx) : plus(a, ctx);
    });
}

Number add(const Number& a, const Number& b, Context& ctx) {
    return guarded(ctx, [&] { return add_impl(a, b, ctx); });
}

Number subtract(const Number& a, const Number& b, Context& ctx) {
    return guarded(ctx, [&]() -> Number {
        if (!a.is_finite() || !b.is_finite()) {
            if (auto nan = check_nans(a, &b, ctx)) return *nan;
        }
        Number negated = b;
        negated.negative = !b.negative;
        return add_impl(a, negated, ctx);
    });
}

Number multiply(const Number& a, const Number& b, Context& ctx) {
    return guarded(ctx, [&] { return multiply_impl(a, b, ctx); });
}

Number divide(const Number& a, const Number& b, Context& ctx) {
    return guarded(ctx, [&] { return divide_impl(a, b, ctx); });
}

Number divide_int(const Number& a, const Number& b, Context& ctx) {
    return guarded(ctx, [&]() -> Number {
        if (auto nan = check_nans(a, &b, ctx)) return *nan;
        if (!a.is_finite()) {
            if (!b.is_finite()) return invalid(ctx);
            return infinity(a.negative != b.negative);
        }
        if (b.is_zero()) {
            if (a.is_zero()) return invalid(ctx, kDivisionUndefined);
            ctx.flags |= kDivisionByZero;
            return infinity(a.negative != b.negative);
        }
        return divide_integer_parts(a, b, ctx).first;
    });
}

Number remainder(const Number& a, const Number& b, Context& ctx) {
    return guarded(ctx, [&]() -> Number {
        if (auto nan = check_nans(a, &b, ctx)) return *nan;
        if (!a.is_finite()) return invalid(ctx);
        if (b.is_zero()) return a.is_zero() ? invalid(ctx, kDivisionUndefined) : invalid(ctx);
        auto parts = divide_integer_parts(a, b, ctx);
        if (parts.second.is_nan()) return parts.second;
        return fit(parts.second, ctx);
    });
}

Number power(const Number& a, const Number& b, Context& ctx) {
    return guarded(ctx, [&] { return power_impl(a, b, ctx); });
}

Number sqrt(const Number& a, Context& ctx) {
    return guarded(ctx, [&] { return sqrt_impl(a, ctx); });
}

int compare(const Number& a, const Number& b) {
    if (a.is_nan() || b.is_nan()) return 2;
    return compare_values(a, b);
}

bool equal(const Number& a, const Number& b) { return compare(a, b) == 0; }

int compare_with_double(const Number& a, double b) {
    if (a.is_nan() || std::isnan(b)) return 2;
    try {
        return compare_values(a, from_double(b));
    } catch (...) {
        return 2;
    }
}

Number quantize(const Number& a, const Number& exp, Rounding r, Context& ctx) {
    return guarded(ctx, [&] { return quantize_impl(a, exp, r, ctx); });
}

Number normalize(const Number& a, Context& ctx) {
    return guarded(ctx, [&]() -> Number {
        if (!a.is_finite()) {
            if (auto nan = check_nans(a, nullptr, ctx)) return *nan;
        }
        Number fitted = fit(a, ctx);
        if (!fitted.is_finite()) return fitted;
        if (fitted.is_zero()) return finite(fitted.negative, "0", 0);
        const int64_t exp_max = ctx.clamp ? ctx.emax - ctx.prec + 1 : ctx.emax;
        size_t end = fitted.digits.size();
        int64_t exp = fitted.exponent;
        while (fitted.digits[end - 1] == '0' && exp < exp_max) {
            ++exp;
            --end;
        }
        return finite(fitted.negative, fitted.digits.substr(0, end), exp);
    });
}

Number to_integral_value(const Number& a, Rounding r, Context& ctx) {
    return guarded(ctx, [&]() -> Number {
        if (!a.is_finite()) {
            if (auto nan = check_nans(a, nullptr, ctx)) return *nan;
            return a;
        }
        if (a.exponent >= 0) return a;
        return rescale(a, 0, r);
    });
}

Number round_to_context(const Number& a, Context& ctx) {
    return guarded(ctx, [&]() -> Number {
        if (a.is_nan() && int64_t(a.digits.size()) > ctx.prec - ctx.clamp) return invalid(ctx, kConversionSyntax);
        return fit(a, ctx);
    });
}

Number scaleb(const Number& a, int64_t k, Context& ctx) {
    return guarded(ctx, [&]() -> Number {
        if (auto nan = check_nans(a, nullptr, ctx)) return *nan;
        const int64_t limit = sat_mul(2, sat_add(ctx.emax, ctx.prec));
        if (k < -limit || k > limit) return invalid(ctx);
        if (!a.is_finite()) return a;
        return fit(finite(a.negative, a.digits, sat_add(a.exponent, k)), ctx);
    });
}

}  // namespace gramlab::shell::decimal

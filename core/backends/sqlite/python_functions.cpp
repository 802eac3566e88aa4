// Django's SQLite math and text user functions (base.py get_new_connection: ACOS ... TAN,
// CEILING, FLOOR, LN, LOG, MOD, PI, POWER, SIGN, SQRT, LPAD, RPAD, REPEAT, REVERSE, RAND, MD5,
// SHA1, SHA224, SHA256, SHA384, SHA512) with
// the semantics of the Python lambdas Django registers: NULL in, NULL out (none_guard); Python's
// result types (math.ceil gives an int, math.fmod a float, int ** int an int); and every Python
// exception (a math domain error, a str where a number belongs, a division by zero, an int too
// large for SQLite) surfacing as sqlite3's "user-defined function raised exception".
#include <cmath>
#include <cstdint>
#include <string>

#include "core/backends/sqlite/functions.hpp"
#include "core/common/md5.hpp"
#include "core/common/sha256.hpp"
#include "core/common/sha_family.hpp"
#include "core/shell/text.hpp"
#include "sqlite3.h"

namespace gramlab::backends::sqlite {

namespace {

constexpr double kPi = 3.14159265358979323846;  // math.pi
constexpr const char* kRaised = "user-defined function raised exception";
// Python would build any string (or run out of memory); a browser tab cannot: a longer result
// is refused as the exception Python's MemoryError would have been.
constexpr size_t kMaxResultBytes = 16u << 20;

void raised(sqlite3_context* ctx) { sqlite3_result_error(ctx, kRaised, -1); }
// Python's sqlite3 reports a function's OverflowError (and a returned int wider than 64 bits)
// as SQLITE_TOOBIG, which Django raises as DataError("string or blob too big").
void overflowed(sqlite3_context* ctx) { sqlite3_result_error_toobig(ctx); }

bool any_null(int argc, sqlite3_value** argv) {
    for (int i = 0; i < argc; ++i)
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
    return false;
}

//! A Python number from an SQLite argument: int or float; text and blobs are str and bytes in
//! Python, which the math functions refuse.
struct Number {
    bool ok = false, is_int = false;
    int64_t i = 0;
    double d = 0;
    double as_double() const { return is_int ? static_cast<double>(i) : d; }
};

Number number(sqlite3_value* v) {
    Number n;
    switch (sqlite3_value_type(v)) {
        case SQLITE_INTEGER: n.ok = n.is_int = true; n.i = sqlite3_value_int64(v); break;
        case SQLITE_FLOAT: n.ok = true; n.d = sqlite3_value_double(v); break;
        default: break;
    }
    return n;
}

//! A float result of math.f(x), checked as CPython's math_1 does: nan from a number is a
//! ValueError, inf from a finite x an OverflowError where f can overflow (exp), else a ValueError.
void result_float(sqlite3_context* ctx, double x, double r, bool can_overflow = false) {
    if (std::isnan(r) && !std::isnan(x)) return raised(ctx);
    if (std::isinf(r) && std::isfinite(x)) return can_overflow ? overflowed(ctx) : raised(ctx);
    sqlite3_result_double(ctx, r);
}

//! math.ceil / math.floor: an int (OverflowError for inf, ValueError for nan, and an int that
//! does not fit SQLite's 64 bits is an OverflowError on the way back).
void ceil_floor(sqlite3_context* ctx, sqlite3_value** argv, bool ceil) {
    Number n = number(argv[0]);
    if (!n.ok) return raised(ctx);
    if (n.is_int) return sqlite3_result_int64(ctx, n.i);
    double r = ceil ? std::ceil(n.d) : std::floor(n.d);
    if (std::isnan(r)) return raised(ctx);  // ValueError: cannot convert float NaN to integer
    // inf is an OverflowError; a finite int too wide for SQLite overflows on the way back.
    if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) return overflowed(ctx);
    sqlite3_result_int64(ctx, static_cast<int64_t>(r));
}

void fn_ceiling(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    ceil_floor(ctx, argv, true);
}

void fn_floor(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    ceil_floor(ctx, argv, false);
}

//! One-argument math.* functions returning a float; `domain` says where Python accepts x.
//! kPlain: the result is a plain product in Python (math.degrees, math.radians), never checked.
template <double (*F)(double), bool (*Domain)(double), bool kPlain = false>
void unary_float(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    Number n = number(argv[0]);
    if (!n.ok) return raised(ctx);
    const double x = n.as_double();
    if (!Domain(x)) return raised(ctx);
    if (kPlain) return sqlite3_result_double(ctx, F(x));
    result_float(ctx, x, F(x));
}

bool any_finite(double) { return true; }
bool finite(double x) { return std::isfinite(x) || std::isnan(x); }  // sin(inf) is a ValueError
bool positive(double x) { return x > 0 || std::isnan(x); }
bool non_negative(double x) { return x >= 0 || std::isnan(x); }
bool unit(double x) { return (x >= -1 && x <= 1) || std::isnan(x); }

double degrees(double x) { return x * (180.0 / kPi); }
double radians(double x) { return x * (kPi / 180.0); }
double cot(double x) { return 1 / std::tan(x); }
bool cot_domain(double x) { return finite(x) && std::tan(x) != 0; }  // 1 / 0.0 is a ZeroDivisionError
double sin_(double x) { return std::sin(x); }
double cos_(double x) { return std::cos(x); }
double tan_(double x) { return std::tan(x); }
double acos_(double x) { return std::acos(x); }
double asin_(double x) { return std::asin(x); }
double atan_(double x) { return std::atan(x); }
double log_(double x) { return std::log(x); }
double sqrt_(double x) { return std::sqrt(x); }

// math.exp(nan) is nan, which result_float would refuse: nan passes through these.
void fn_exp(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    Number n = number(argv[0]);
    if (!n.ok) return raised(ctx);
    const double x = n.as_double();
    result_float(ctx, x, std::exp(x), true);
}

// SIGN: (x > 0) - (x < 0), an int (nan compares false both ways: 0).
void fn_sign(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    Number n = number(argv[0]);
    if (!n.ok) return raised(ctx);
    if (n.is_int) return sqlite3_result_int(ctx, (n.i > 0) - (n.i < 0));
    sqlite3_result_int(ctx, (n.d > 0) - (n.d < 0));
}

// LOG(x, y) = math.log(y, x): the logarithm of y to the base x.
void fn_log(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    Number b = number(argv[0]), v = number(argv[1]);
    if (!b.ok || !v.ok) return raised(ctx);
    const double base = b.as_double(), x = v.as_double();
    if (!(base > 0) || !(x > 0)) return raised(ctx);
    const double lb = std::log(base);
    if (lb == 0) return raised(ctx);  // base 1: ZeroDivisionError
    sqlite3_result_double(ctx, std::log(x) / lb);
}

// MOD: math.fmod, a float (ValueError for y == 0 or an infinite x).
void fn_mod(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    Number a = number(argv[0]), b = number(argv[1]);
    if (!a.ok || !b.ok) return raised(ctx);
    const double x = a.as_double(), y = b.as_double();
    if (y == 0 || std::isinf(x)) return raised(ctx);
    sqlite3_result_double(ctx, std::fmod(x, y));
}

void fn_atan2(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    Number a = number(argv[0]), b = number(argv[1]);
    if (!a.ok || !b.ok) return raised(ctx);
    sqlite3_result_double(ctx, std::atan2(a.as_double(), b.as_double()));
}

// POWER: operator.pow. int ** non-negative int is an exact int (one too large for SQLite is an
// OverflowError); a negative exponent gives a float, 0 ** negative a ZeroDivisionError; a
// negative float to a fractional power is a complex number, which SQLite cannot take.
void fn_power(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    Number a = number(argv[0]), b = number(argv[1]);
    if (!a.ok || !b.ok) return raised(ctx);
    if (a.is_int && b.is_int && b.i >= 0) {
        int64_t result = 1, base = a.i, e = b.i;
        // Squaring overflows before the result does only when the remaining exponent is 0.
        while (e > 0) {
            if (e & 1) {
                if (__builtin_mul_overflow(result, base, &result)) return overflowed(ctx);
            }
            e >>= 1;
            if (e > 0 && __builtin_mul_overflow(base, base, &base)) {
                // |base| >= 2**32: any further factor overflows unless the result is 0 or ±1.
                if (a.i == 0 || a.i == 1) break;
                if (a.i == -1) { result = (b.i & 1) ? -1 : 1; break; }
                return overflowed(ctx);
            }
        }
        return sqlite3_result_int64(ctx, result);
    }
    const double x = a.as_double(), y = b.as_double();
    if (x == 0 && y < 0) return raised(ctx);
    if (x < 0 && std::isfinite(y) && y != std::floor(y)) return raised(ctx);
    const double r = std::pow(x, y);
    if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) return overflowed(ctx);
    sqlite3_result_double(ctx, r);
}

void fn_pi(sqlite3_context* ctx, int, sqlite3_value**) { sqlite3_result_double(ctx, kPi); }

// RAND: random.random(), from SQLite's own generator (the core reads no OS entropy itself).
void fn_rand(sqlite3_context* ctx, int, sqlite3_value**) {
    uint64_t bits = 0;
    sqlite3_randomness(sizeof bits, &bits);
    sqlite3_result_double(ctx, static_cast<double>(bits >> 11) * (1.0 / 9007199254740992.0));
}

// ------------------------------------------------------------------ text

//! Python's str as code points, and back (core/shell/text's UTF-8 helpers).
std::u32string code_points(const unsigned char* s, int n) {
    const std::string text(reinterpret_cast<const char*>(s), static_cast<size_t>(n));
    std::u32string out;
    for (size_t i = 0; i < text.size();) out.push_back(shell::utf8_decode(text, i));
    return out;
}

std::string utf8(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) shell::utf8_append(c, out);
    return out;
}

bool text_arg(sqlite3_value* v, std::u32string& out) {
    if (sqlite3_value_type(v) != SQLITE_TEXT) return false;
    out = code_points(sqlite3_value_text(v), sqlite3_value_bytes(v));
    return true;
}

void result_text(sqlite3_context* ctx, const std::u32string& s) {
    std::string u = utf8(s);
    sqlite3_result_text(ctx, u.data(), static_cast<int>(u.size()), SQLITE_TRANSIENT);
}

//! str * n, refused past kMaxResultBytes (Python's MemoryError, in a browser's budget).
bool repeated(const std::u32string& s, int64_t n, std::u32string& out) {
    out.clear();
    if (n <= 0 || s.empty()) return true;
    if (static_cast<uint64_t>(n) > kMaxResultBytes / 4 / s.size()) return false;
    out.reserve(s.size() * static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) out += s;
    return true;
}

// _sqlite_lpad / _sqlite_rpad (text, length, fill_text).
void pad(sqlite3_context* ctx, int argc, sqlite3_value** argv, bool left) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    std::u32string text, fill, fills;
    if (!text_arg(argv[0], text) || !text_arg(argv[2], fill) || sqlite3_value_type(argv[1]) != SQLITE_INTEGER) return raised(ctx);
    const int64_t length = sqlite3_value_int64(argv[1]);
    const int64_t size = static_cast<int64_t>(text.size());
    if (left) {
        // delta = length - len(text); delta <= 0: text[:length]; else (fill * length)[:delta] + text
        const int64_t delta = length - size;
        if (delta <= 0) {
            int64_t end = length >= 0 ? length : std::max<int64_t>(0, size + length);
            return result_text(ctx, text.substr(0, static_cast<size_t>(std::min(end, size))));
        }
        if (!repeated(fill, length, fills)) return raised(ctx);
        return result_text(ctx, fills.substr(0, static_cast<size_t>(std::min<int64_t>(delta, static_cast<int64_t>(fills.size())))) + text);
    }
    // (text + fill_text * length)[:length]
    if (!repeated(fill, length, fills)) return raised(ctx);
    std::u32string all = text + fills;
    const int64_t n = static_cast<int64_t>(all.size());
    int64_t end = length >= 0 ? std::min(length, n) : std::max<int64_t>(0, n + length);
    result_text(ctx, all.substr(0, static_cast<size_t>(end)));
}

void fn_lpad(sqlite3_context* ctx, int argc, sqlite3_value** argv) { pad(ctx, argc, argv, true); }
void fn_rpad(sqlite3_context* ctx, int argc, sqlite3_value** argv) { pad(ctx, argc, argv, false); }

// REPEAT: operator.mul(x, n): a str repeated, or numbers multiplied.
void fn_repeat(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    const int t0 = sqlite3_value_type(argv[0]), t1 = sqlite3_value_type(argv[1]);
    if (t0 == SQLITE_TEXT && t1 == SQLITE_INTEGER) {
        std::u32string s, out;
        text_arg(argv[0], s);
        if (!repeated(s, sqlite3_value_int64(argv[1]), out)) return raised(ctx);
        return result_text(ctx, out);
    }
    if (t0 == SQLITE_INTEGER && t1 == SQLITE_TEXT) {
        std::u32string s, out;
        text_arg(argv[1], s);
        if (!repeated(s, sqlite3_value_int64(argv[0]), out)) return raised(ctx);
        return result_text(ctx, out);
    }
    Number a = number(argv[0]), b = number(argv[1]);
    if (!a.ok || !b.ok) return raised(ctx);
    if (a.is_int && b.is_int) {
        int64_t r;
        if (__builtin_mul_overflow(a.i, b.i, &r)) return overflowed(ctx);
        return sqlite3_result_int64(ctx, r);
    }
    sqlite3_result_double(ctx, a.as_double() * b.as_double());
}

// REVERSE: x[::-1] on a str (or bytes); numbers are not subscriptable.
void fn_reverse(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    if (sqlite3_value_type(argv[0]) == SQLITE_BLOB) {
        const auto* p = static_cast<const unsigned char*>(sqlite3_value_blob(argv[0]));
        std::string b(p ? reinterpret_cast<const char*>(p) : "", static_cast<size_t>(sqlite3_value_bytes(argv[0])));
        std::string r(b.rbegin(), b.rend());
        return sqlite3_result_blob(ctx, r.data(), static_cast<int>(r.size()), SQLITE_TRANSIENT);
    }
    std::u32string s;
    if (!text_arg(argv[0], s)) return raised(ctx);
    result_text(ctx, std::u32string(s.rbegin(), s.rend()));
}

// MD5 / SHA256: hashlib.md5(x.encode()).hexdigest() (and sha256) of a str.
template <std::string (*Hex)(std::string_view)>
void fn_hash(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (any_null(argc, argv)) return sqlite3_result_null(ctx);
    if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) return raised(ctx);  // no .encode() on numbers or bytes
    const std::string hex = Hex(std::string_view(reinterpret_cast<const char*>(sqlite3_value_text(argv[0])),
                                                 static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
    sqlite3_result_text(ctx, hex.data(), static_cast<int>(hex.size()), SQLITE_TRANSIENT);
}

}  // namespace

void register_python_functions(sqlite3* db) {
    const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    struct Def { const char* name; int args; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
    for (const Def& d : {Def{"ACOS", 1, unary_float<acos_, unit>}, Def{"ASIN", 1, unary_float<asin_, unit>},
                         Def{"ATAN", 1, unary_float<atan_, any_finite>}, Def{"ATAN2", 2, fn_atan2},
                         Def{"CEILING", 1, fn_ceiling}, Def{"COS", 1, unary_float<cos_, finite>},
                         Def{"COT", 1, unary_float<cot, cot_domain>}, Def{"DEGREES", 1, unary_float<degrees, any_finite, true>},
                         Def{"EXP", 1, fn_exp}, Def{"FLOOR", 1, fn_floor}, Def{"LN", 1, unary_float<log_, positive>},
                         Def{"LOG", 2, fn_log}, Def{"LPAD", 3, fn_lpad}, Def{"MOD", 2, fn_mod}, Def{"PI", 0, fn_pi},
                         Def{"POWER", 2, fn_power}, Def{"RADIANS", 1, unary_float<radians, any_finite, true>},
                         Def{"REPEAT", 2, fn_repeat}, Def{"REVERSE", 1, fn_reverse}, Def{"RPAD", 3, fn_rpad},
                         Def{"SIGN", 1, fn_sign}, Def{"SIN", 1, unary_float<sin_, finite>},
                         Def{"SQRT", 1, unary_float<sqrt_, non_negative>}, Def{"TAN", 1, unary_float<tan_, finite>},
                         Def{"MD5", 1, fn_hash<md5_hex>}, Def{"SHA1", 1, fn_hash<sha1_hex>},
                         Def{"SHA224", 1, fn_hash<sha224_hex>}, Def{"SHA256", 1, fn_hash<sha256_hex>},
                         Def{"SHA384", 1, fn_hash<sha384_hex>}, Def{"SHA512", 1, fn_hash<sha512_hex>}})
        sqlite3_create_function(db, d.name, d.args, det, nullptr, d.fn, nullptr, nullptr);
    sqlite3_create_function(db, "RAND", 0, SQLITE_UTF8, nullptr, fn_rand, nullptr, nullptr);
}

}  // namespace gramlab::backends::sqlite

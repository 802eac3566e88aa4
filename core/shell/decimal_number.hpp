// Arbitrary-precision decimal arithmetic as Python's `decimal` module does it (the General
// Decimal Arithmetic specification, which CPython's _pydecimal.py and libmpdec implement): the
// numbers behind the shell's Decimal objects and DecimalField values. Pure computation, no
// interpreter: shell/decimal.cpp wraps it in a Python object, orm/field_values.cpp uses it for
// Django's SQLite converters (Context(prec=15).create_decimal_from_float, quantize).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gramlab::shell::decimal {

enum class Rounding { kHalfEven, kHalfUp, kHalfDown, kUp, kDown, kCeiling, kFloor, k05Up };

//! Conditions an operation signals (bit flags, accumulated in Context::flags). Python's default
//! context traps InvalidOperation, DivisionByZero and Overflow: the shell raises those.
//! The InvalidOperation sub-conditions are separate bits because CPython names them in its
//! message: `decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]`.
enum Signal : unsigned {
    kClamped = 1u << 0,
    kInexact = 1u << 1,
    kRounded = 1u << 2,
    kSubnormal = 1u << 3,
    kUnderflow = 1u << 4,
    kOverflow = 1u << 5,
    kDivisionByZero = 1u << 6,
    kInvalidOperation = 1u << 7,
    kConversionSyntax = 1u << 8,
    kDivisionImpossible = 1u << 9,
    kDivisionUndefined = 1u << 10,
    //! Set by the shell (not by this library): a float met a Decimal in Decimal(float) or a
    //! comparison (never trapped by default).
    kFloatOperation = 1u << 11,
};

//! decimal.Context: precision, rounding, exponent limits. Defaults are Python's default context.
struct Context {
    int64_t prec = 28;
    Rounding rounding = Rounding::kHalfEven;
    int64_t emax = 999999;
    int64_t emin = -999999;
    int clamp = 0;
    unsigned flags = 0;  // signals raised so far (Signal bits)
    //! Signals that raise (Python's default: InvalidOperation, DivisionByZero, Overflow). The
    //! library only records flags; the shell raises for the trapped ones.
    unsigned traps = kInvalidOperation | kDivisionByZero | kOverflow;
};

//! One decimal number: (-1)^negative * digits * 10^exponent, or an infinity / NaN.
struct Number {
    enum class Special { kFinite, kInfinity, kNaN, kSNaN };
    bool negative = false;
    Special special = Special::kFinite;
    std::string digits = "0";  // coefficient: ASCII digits, no leading zeros ("0" for zero); NaN payload ("" = none)
    int64_t exponent = 0;      // finite numbers only

    bool is_finite() const { return special == Special::kFinite; }
    bool is_nan() const { return special == Special::kNaN || special == Special::kSNaN; }
    bool is_zero() const { return is_finite() && digits == "0"; }
    //! adjusted(): exponent of the most significant digit.
    int64_t adjusted() const { return is_finite() ? exponent + static_cast<int64_t>(digits.size()) - 1 : 0; }
};

// ----------------------------------------------------------------------------- conversion

//! Decimal('text'): Python's syntax (surrounding whitespace, underscores between digits,
//! 'Infinity'/'Inf'/'NaN'/'sNaN' any case, exponent 'e'/'E'). Exact, never rounded.
//! False when the text is not a number (ConversionSyntax).
bool parse(std::string_view text, Number& out);
Number from_int(int64_t value);
//! Decimal(float) / Decimal.from_float: the binary value exactly (0.1 -> 55 digits).
Number from_double(double value);
//! str(d): to-scientific-string.
std::string to_sci_string(const Number& n);
//! d.to_eng_string().
std::string to_eng_string(const Number& n);
//! format(d, spec) as Decimal.__format__ does ('.2f', ',', '>10', '%', 'e', 'g', 'n' as 'g').
//! False with `error` = Python's ValueError message for a bad spec.
bool format(const Number& n, std::string_view spec, std::string& out, std::string& error);
//! int(d) (truncation toward zero). False when special or outside int64 (`overflow` tells which).
bool to_int64(const Number& n, int64_t& out, bool& overflow);
//! float(d): correctly rounded.
double to_double(const Number& n);
//! hash(d), equal to hash(int) / hash(float) for equal values, as CPython computes it
//! (modulus 2**61 - 1). Not defined for sNaN (caller raises TypeError).
int64_t python_hash(const Number& n);

// ----------------------------------------------------------------------------- arithmetic
// Every operation rounds its result to ctx.prec with ctx.rounding and records signals in
// ctx.flags, exactly as the specification says (so e.g. add of 1E+999999 and 1 stays cheap:
// no operation builds a coefficient much longer than its operands or the precision).

Number plus(const Number& a, Context& ctx);   // +a (rounds to the context)
Number minus(const Number& a, Context& ctx);  // -a
Number abs(const Number& a, Context& ctx);
Number add(const Number& a, const Number& b, Context& ctx);
Number subtract(const Number& a, const Number& b, Context& ctx);
Number multiply(const Number& a, const Number& b, Context& ctx);
Number divide(const Number& a, const Number& b, Context& ctx);       // a / b
Number divide_int(const Number& a, const Number& b, Context& ctx);   // a // b (truncates)
Number remainder(const Number& a, const Number& b, Context& ctx);    // a % b (sign of a)
//! a ** b (Python's Decimal.__pow__ without modulo): integral b exactly, other b via exp/ln
//! to the context precision.
Number power(const Number& a, const Number& b, Context& ctx);
Number sqrt(const Number& a, Context& ctx);
//! compare: -1, 0, 1; 2 when either is NaN (unordered).
int compare(const Number& a, const Number& b);
//! compare_total-free equality helper for ==: NaN never equal.
bool equal(const Number& a, const Number& b);
//! Exact comparison with a float, as Python's Decimal.__lt__(float) does: -1/0/1, 2 unordered.
int compare_with_double(const Number& a, double b);

//! d.quantize(exp, rounding): exponent of `exp`, rounding `r`; InvalidOperation when the
//! result needs more than ctx.prec digits.
Number quantize(const Number& a, const Number& exp, Rounding r, Context& ctx);
Number normalize(const Number& a, Context& ctx);
//! d.to_integral_value(rounding) (no Inexact/Rounded signals).
Number to_integral_value(const Number& a, Rounding r, Context& ctx);
//! Context(prec).create_decimal(n): n rounded to the context.
Number round_to_context(const Number& a, Context& ctx);
//! d.scaleb(k) (what Django's Decimal(1).scaleb(-places) builds).
Number scaleb(const Number& a, int64_t k, Context& ctx);

}  // namespace gramlab::shell::decimal

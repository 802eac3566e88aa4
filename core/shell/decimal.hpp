// Python's decimal.Decimal in the shell and the `decimal` module around it: the value type of
// DecimalField (Django reads prices back as Decimal('10.50')). The arithmetic is
// decimal_number.hpp's; this file is the Python face: construction from str/int/float/tuple,
// operators with int (float refused as CPython refuses it), comparisons and hashing that agree
// with int and float, the methods learners use (quantize, normalize, as_tuple, ...), and the
// exceptions the default context traps (InvalidOperation, DivisionByZero, Overflow) with
// CPython's messages ("[<class 'decimal.ConversionSyntax'>]").
#pragma once

#include "core/shell/decimal_number.hpp"
#include "core/shell/object.hpp"

namespace gramlab::shell {

class DecimalObj final : public Object {
public:
    explicit DecimalObj(decimal::Number n) : Object(Kind::kDecimal), value(std::move(n)) {}
    const decimal::Number value;

    std::string type_name() const override { return "decimal.Decimal"; }
    bool repr(Interp& in, std::string& out) override;
    bool str(Interp& in, std::string& out) override;
    int truthy(Interp&) override { return value.is_zero() ? 0 : 1; }
    Ref getattr(Interp& in, const std::string& name) override;
    int eq(Interp& in, const Ref& other) override;
    bool order(Interp& in, const Ref& other, int& result) override;
    Ref binop(Interp& in, int op, const Ref& other, bool reflected) override;
    Ref unary(Interp& in, int op) override;
    bool hash(Interp& in, uint64_t& out) override;
    bool python_hash(Interp& in, int64_t& out) override;
};

Ref make_decimal(decimal::Number n);

//! Registers the `decimal` module (imported on first use).
void install_decimal_module(Interp& in);

//! Raises what Python's default context traps among `flags` (InvalidOperation and its
//! sub-conditions, DivisionByZero, Overflow) and returns false; true when nothing is trapped.
bool check_decimal_signals(Interp& in, unsigned flags);

//! Decimal(value): str (Python's syntax), int, bool, float (exactly), Decimal, or a
//! (sign, digits, exponent) tuple. False with Python's exception pending (InvalidOperation
//! [ConversionSyntax], TypeError "conversion from NoneType to Decimal is not supported", ...).
bool decimal_from_object(Interp& in, const Ref& v, decimal::Number& out);

}  // namespace gramlab::shell

// decimal.Decimal in the shell (core/shell/decimal.cpp) beyond the differential corpus
// (28_decimal): extreme exponents stay cheap, Decimal works with math/round/%-formatting and
// as a dict key next to equal ints and floats, and the parts of the module gramlab does not
// have say so. Expected texts are what python3.11 prints for the same statements.
#include <gtest/gtest.h>

#include "core/shell/session.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

class ShellDecimal : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(sh_.ready()); }
    std::string out(const std::string& unit) { return sh_.console(unit); }
    gramlab::testing::InstagramShell sh_{{"from decimal import *", "import math"}};
};

TEST_F(ShellDecimal, ExtremeExponentsAreComputedWithoutHugeCoefficients) {
    EXPECT_EQ(out("Decimal('1E+999999') + Decimal('1E-999999')"), "Decimal('1.000000000000000000000000000E+999999')\n");
    EXPECT_EQ(out("Decimal('1e-999999') * Decimal('1e-999999')"), "Decimal('0E-1000026')\n");
    EXPECT_EQ(out("Decimal('9' * 100) + 1"), "Decimal('1.000000000000000000000000000E+100')\n");
    EXPECT_EQ(out("Decimal(2) ** 1000"), "Decimal('1.071508607186267320948425049E+301')\n");
    EXPECT_EQ(out("Decimal('1.5').quantize(Decimal('1E+999999'))"), "Decimal('0E+999999')\n");
    EXPECT_EQ(out("Decimal('1.5').quantize(Decimal('1E-999999'))"),
              "decimal.InvalidOperation: [<class 'decimal.InvalidOperation'>]\n");
    EXPECT_EQ(out("Decimal(1) / Decimal('Infinity')"), "Decimal('0E-1000026')\n");
}

TEST_F(ShellDecimal, WorksWithBuiltinsMathAndFormatting) {
    EXPECT_EQ(out("math.floor(Decimal('-2.5')), math.ceil(Decimal('2.1')), math.trunc(Decimal('-2.7')), math.sqrt(Decimal('2'))"),
              "(-3, 3, -2, 1.4142135623730951)\n");
    EXPECT_EQ(out("'%d|%.1f|%5.2f' % (Decimal('7.9'), Decimal('2.25'), Decimal('3.14159'))"), "'7|2.2| 3.14'\n");
    EXPECT_EQ(out("Decimal('1').quantize(Decimal('0.01'), rounding='ROUND_UP'), Decimal('1.25').to_integral_value('ROUND_HALF_DOWN')"),
              "(Decimal('1.00'), Decimal('1'))\n");
    EXPECT_EQ(out("divmod(Decimal(-7), 2), Decimal(7) % Decimal('-3'), Decimal('-7') // Decimal('2.5')"),
              "((Decimal('-3'), Decimal('-1')), Decimal('1'), Decimal('-2'))\n");
    EXPECT_EQ(out("Decimal(10) ** Decimal('-2'), abs(Decimal('-0.00')), -Decimal('0.00')"),
              "(Decimal('0.01'), Decimal('0.00'), Decimal('0.00'))\n");
    EXPECT_EQ(out("{Decimal('0.5'): 1, 0.5: 2}, Decimal('2.50') in [2.5]"), "({Decimal('0.5'): 2}, True)\n");
    EXPECT_EQ(out("Decimal.from_float(0.1)"), "Decimal('0.1000000000000000055511151231257827021181583404541015625')\n");
}

TEST_F(ShellDecimal, ErrorsMatchCPython) {
    EXPECT_EQ(out("round(Decimal('NaN'))"), "ValueError: cannot convert NaN to integer\n");
    EXPECT_EQ(out("int(Decimal('Infinity'))"), "OverflowError: cannot convert Infinity to integer\n");
    EXPECT_EQ(out("hash(Decimal('sNaN'))"), "TypeError: Cannot hash a signaling NaN value\n");
    EXPECT_EQ(out("Decimal('3.14').quantize()"), "TypeError: function missing required argument 'exp' (pos 1)\n");
    EXPECT_EQ(out("Decimal('1.5').quantize(Decimal('0.1'), rounding='bad')"),
              "TypeError: valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n"
              "   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]\n");
    EXPECT_EQ(out("Decimal('1.5').quantize(0.1)"), "TypeError: conversion from float to Decimal is not supported\n");
    EXPECT_EQ(out("Decimal(b'1')"), "TypeError: conversion from bytes to Decimal is not supported\n");
    EXPECT_EQ(out("Decimal((2, (1, 2), -1))"), "ValueError: sign must be an integer with the value 0 or 1\n");
    EXPECT_EQ(out("Decimal((0, (1, 12), -1)), Decimal((1, (), 'F'))"), "ValueError: coefficient must be a tuple of digits\n");
    EXPECT_EQ(out("Decimal((1, (), 'F')), Decimal((0, (1, 2), -1))"), "(Decimal('-Infinity'), Decimal('1.2'))\n");
    EXPECT_EQ(out("Decimal('1.5') > None"), "TypeError: '>' not supported between instances of 'decimal.Decimal' and 'NoneType'\n");
    EXPECT_EQ(out("~Decimal('1.5')"), "TypeError: bad operand type for unary ~: 'decimal.Decimal'\n");
    EXPECT_EQ(out("Decimal('1.5') & 1"), "TypeError: unsupported operand type(s) for &: 'decimal.Decimal' and 'int'\n");
    EXPECT_EQ(out("Decimal(2) ** 1.5"), "TypeError: unsupported operand type(s) for ** or pow(): 'decimal.Decimal' and 'float'\n");
    EXPECT_EQ(out("Decimal(5) // Decimal('0.0000000000000000000000000001')"),
              "decimal.InvalidOperation: [<class 'decimal.DivisionImpossible'>]\n");
}

TEST_F(ShellDecimal, ContextArgumentsAndCapitalsAreRefusedClearly) {
    EXPECT_EQ(out("Decimal('1.25').quantize(Decimal('0.1'), context=getcontext())"),
              "NotImplementedError: context= arguments are not supported in gramlab: use `with localcontext() as ctx:`\n");
    EXPECT_EQ(out("getcontext().capitals = 0"),
              "NotImplementedError: decimal.Context.capitals cannot be changed in gramlab (it is always 1)\n");
    // A localcontext() block's precision ends with the block, whatever happens inside.
    EXPECT_EQ(out("with localcontext() as c:\n    c.prec = 3\n    Decimal(1) / 0\n"),
              "decimal.DivisionByZero: [<class 'decimal.DivisionByZero'>]\n");
    EXPECT_EQ(out("getcontext().prec, Decimal(1) / 7"), "(28, Decimal('0.1428571428571428571428571429'))\n");
}

}  // namespace

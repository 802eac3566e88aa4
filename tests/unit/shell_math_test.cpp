// The shell's `math` module (core/shell/math_module.cpp): results and error messages as
// python3.11 prints them for the same statements.
#include <gtest/gtest.h>

#include "core/shell/session.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

class ShellMath : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(sh_.ready()); }
    std::string out(const std::string& unit) { return sh_.console(unit); }
    gramlab::testing::InstagramShell sh_{{"import math", "from instagram.models import *"}};
};

TEST_F(ShellMath, ResultsMatchCPython) {
    EXPECT_EQ(out("math.log(8, 2), math.ceil(7 / 3), math.floor(-2.5), math.trunc(-2.7), math.sqrt(2)"),
              "(3.0, 3, -3, -2, 1.4142135623730951)\n");
    EXPECT_EQ(out("math.pi, math.e, math.inf, math.gcd(12, 18), math.gcd(), math.factorial(10)"),
              "(3.141592653589793, 2.718281828459045, inf, 6, 0, 3628800)\n");
    EXPECT_EQ(out("math.isclose(0.1 + 0.2, 0.3), math.prod([1, 2, 3]), math.fabs(-3), math.pow(2, 10), math.exp(1)"),
              "(True, 6, 3.0, 1024.0, 2.718281828459045)\n");
    EXPECT_EQ(out("math.log10(1000), math.log2(8), math.hypot(3, 4), math.isnan(math.nan), math.ceil(True), math.floor(5)"),
              "(3.0, 3.0, 5.0, True, 1, 5)\n");
    // The pagination a learner writes: pages of 20 posts.
    EXPECT_EQ(out("math.ceil(Post.objects.count() / 5)"), "3\n");
}

TEST_F(ShellMath, ErrorsMatchCPython) {
    EXPECT_EQ(out("math.sqrt(-1)"), "ValueError: math domain error\n");
    EXPECT_EQ(out("math.sqrt('a')"), "TypeError: must be real number, not str\n");
    EXPECT_EQ(out("math.floor(math.inf)"), "OverflowError: cannot convert float infinity to integer\n");
    EXPECT_EQ(out("math.floor(math.nan)"), "ValueError: cannot convert float NaN to integer\n");
    EXPECT_EQ(out("math.factorial(-1)"), "ValueError: factorial() not defined for negative values\n");
    EXPECT_EQ(out("math.factorial(2.5)"), "TypeError: 'float' object cannot be interpreted as an integer\n");
    EXPECT_EQ(out("math.log(0)"), "ValueError: math domain error\n");
    EXPECT_EQ(out("math.floor()"), "TypeError: math.floor() takes exactly one argument (0 given)\n");
    EXPECT_EQ(out("math.log(1, 2, 3)"), "TypeError: math.log requires 1 to 2 arguments\n");
    EXPECT_EQ(out("math.pow(1)"), "TypeError: pow expected 2 arguments, got 1\n");
    EXPECT_EQ(out("math.prod(5)"), "TypeError: 'int' object is not iterable\n");
}

}  // namespace

// The shell's json module (core/shell/json_module.cpp) on input the differential corpus does not
// hold: cycles (directly and through default=), nesting deeper than CPython's encoder and
// decoder go, a 100,000-character Korean string, an injection string. Expected texts are what
// python3.11 prints for the same statements.
#include <gtest/gtest.h>

#include "core/shell/session.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

class ShellJson : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(sh_.ready()); }
    std::string out(const std::string& unit) { return sh_.console(unit); }
    gramlab::testing::InstagramShell sh_{{"import json"}};
};

TEST_F(ShellJson, CyclesAndDeepNestingFailAsCPythonDoes) {
    EXPECT_EQ(out("a = []\na.append(a)\njson.dumps(a)"), "ValueError: Circular reference detected\n");
    out("a.clear()");  // the shell frees by reference count: break the cycle
    EXPECT_EQ(out("json.dumps(object(), default=lambda o: o)"), "ValueError: Circular reference detected\n");
    EXPECT_EQ(out("deep = []\nfor i in range(2000):\n    deep = [deep]\n\njson.dumps(deep)"),
              "RecursionError: maximum recursion depth exceeded while encoding a JSON object\n");
    EXPECT_EQ(out("ok = []\nfor i in range(300):\n    ok = [ok]\n\nlen(json.dumps(ok))"), "602\n");
    EXPECT_EQ(out("json.dumps({'k': {1, 2}}, default=list)"), "'{\"k\": [1, 2]}'\n");
    EXPECT_EQ(out("json.loads('[' * 3000)"), "RecursionError: maximum recursion depth exceeded while decoding a JSON array\n");
}

TEST_F(ShellJson, BigKoreanTextAndInjectionStringsRoundTrip) {
    EXPECT_EQ(out("json.loads('\"' + '가' * 100000 + '\"') == '가' * 100000"), "True\n");
    EXPECT_EQ(out("json.dumps(\"'; DROP TABLE x; --\")"), "'\"\\'; DROP TABLE x; --\"'\n");
    EXPECT_EQ(out("json.loads(json.dumps('한글 \\U0001F600', ensure_ascii=True))"), "'한글 😀'\n");
}

}  // namespace

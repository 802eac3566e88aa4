// The shell's dicts and sets (core/shell/object.cpp DictObj, core/shell/set_ops.cpp): lookups
// through the hash index stay right across deletions, re-insertions and equal keys of different
// types; sets iterate, print and pop in CPython 3.11's table order. Expected texts are what
// python3.11 prints for the same statements.
#include <gtest/gtest.h>

#include "core/shell/session.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

class ShellContainers : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(sh_.ready()); }
    std::string out(const std::string& unit) { return sh_.console(unit); }
    gramlab::testing::InstagramShell sh_{{"from instagram.models import *"}};
};

TEST_F(ShellContainers, BigDictLookupsSurviveDeletionsAndReinsertion) {
    ASSERT_EQ(out("d = {i: i * 2 for i in range(5000)}"), "");
    ASSERT_EQ(out("for i in range(0, 5000, 3):\n    del d[i]\n"), "");
    EXPECT_EQ(out("len(d), d.pop(1), 1 in d, 2 in d, d.get(3), d.get(4)"), "(3333, 2, False, True, None, 8)\n");
    ASSERT_EQ(out("d[3] = 'back'"), "");
    EXPECT_EQ(out("len(d), d[3], list(d)[-1], list(d)[:3]"), "(3333, 'back', 3, [2, 4, 5])\n");
    EXPECT_EQ(out("sum(1 for i in range(5000) if i in d)"), "3333\n");
}

TEST_F(ShellContainers, EqualKeysOfDifferentTypesAreOneKey) {
    EXPECT_EQ(out("m = {1: 'int'}\nm[1.0] = 'float'\nm[True] = 'bool'\nm"), "{1: 'bool'}\n");
    EXPECT_EQ(out("big = {i: i for i in range(100)}\nbig[2.0] = 'two'\nlen(big), big[2]"), "(100, 'two')\n");
    EXPECT_EQ(out("{[1]: 2}"), "TypeError: unhashable type: 'list'\n");
}

TEST_F(ShellContainers, SetsIterateInCPythonTableOrder) {
    EXPECT_EQ(out("set(range(10, 0, -1))"), "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}\n");
    EXPECT_EQ(out("{1000, 8, 16}"), "{1000, 8, 16}\n");
    EXPECT_EQ(out("s = set(range(1000))\ns -= set(range(0, 1000, 2))\nlen(s), 999 in s, 998 in s, list(s)[:5]"),
              "(500, True, False, [1, 3, 5, 7, 9])\n");
    EXPECT_EQ(out("t = {5, 1}\nt2 = t.copy()\nt2.add(3)\nt, t2"), "({1, 5}, {1, 3, 5})\n");
    // pop() takes the first used slot from where the last pop stopped.
    EXPECT_EQ(out("a = set()\nfor x in (7, 15, 23):\n    a.add(x)\n\na.pop(), a.pop(), a"), "(15, 23, {7})\n");
}

TEST_F(ShellContainers, SetsOfModelInstancesFollowTheirPrimaryKeys) {
    EXPECT_EQ(out("ids = {u.pk for u in User.objects.all()}\nsorted(ids) == sorted({u.pk for u in set(User.objects.all())})"),
              "True\n");
    EXPECT_EQ(out("[u.pk for u in {u for u in User.objects.order_by('-pk')}] == list({u.pk for u in User.objects.all()})"),
              "True\n");
}

TEST_F(ShellContainers, SetErrorsUsePythonsMessages) {
    EXPECT_EQ(out("set().pop()"), "KeyError: 'pop from an empty set'\n");
    EXPECT_EQ(out("{1} | [1]"), "TypeError: unsupported operand type(s) for |: 'set' and 'list'\n");
    EXPECT_EQ(out("{1}.add()"), "TypeError: set.add() takes exactly one argument (0 given)\n");
    EXPECT_EQ(out("{1}.union(5)"), "TypeError: 'int' object is not iterable\n");
    EXPECT_EQ(out("frozenset([1])"), "NotImplementedError: frozenset is not supported in gramlab\n");
}

TEST_F(ShellContainers, DictViewsAndMergesAsPythonHasThem) {
    EXPECT_EQ(out("d = {'a': 1, 'b': 2}\nd.keys(), d.values(), d.items()"),
              "(dict_keys(['a', 'b']), dict_values([1, 2]), dict_items([('a', 1), ('b', 2)]))\n");
    EXPECT_EQ(out("d.keys()[0]"), "TypeError: 'dict_keys' object is not subscriptable\n");
    EXPECT_EQ(out("d.popitem(), d"), "(('b', 2), {'a': 1})\n");
    EXPECT_EQ(out("dict.fromkeys([1, 2], 0), d | {'c': 3}"), "({1: 0, 2: 0}, {'a': 1, 'c': 3})\n");
    EXPECT_EQ(out("e = d\ne |= {'z': 9}\nd"), "{'a': 1, 'z': 9}\n");
    EXPECT_EQ(out("{}.popitem()"), "KeyError: 'popitem(): dictionary is empty'\n");
}

// Not a container, but the same kind of refusal: a module a real shell has is never reported
// as missing.
TEST_F(ShellContainers, StandardLibraryModulesSayTheyAreNotSupported) {
    EXPECT_EQ(out("import itertools"), "NotImplementedError: the standard library module 'itertools' is not supported in gramlab\n");
    EXPECT_EQ(out("from itertools import chain"),
              "NotImplementedError: the standard library module 'itertools' is not supported in gramlab\n");
    EXPECT_EQ(out("import os.path"), "NotImplementedError: the standard library module 'os' is not supported in gramlab\n");
    EXPECT_EQ(out("import no_such_module"), "ModuleNotFoundError: No module named 'no_such_module'\n");
    EXPECT_EQ(out("import datetime\ndatetime.date(2024, 1, 15)"), "datetime.date(2024, 1, 15)\n");
}

}  // namespace

// Reference cycles made at the prompt are freed with the session (the sanitizer build's leak
// check fails this test binary otherwise): a list and a dict that contain themselves, two
// instances pointing at each other, a bound method stored on its own object, a cycle through
// an exception's args, and a 20,000-deep nesting emptied without recursion.
TEST(ShellTeardown, CyclesMadeAtThePromptAreFreedWithTheSession) {
    gramlab::testing::InstagramShell sh{{"from instagram.models import *"}};
    ASSERT_TRUE(sh.ready());
    EXPECT_EQ(sh.console("a = [1, 2]\na.append(a)\na"), "[1, 2, [...]]\n");
    EXPECT_EQ(sh.console("d = {'k': 1}\nd['me'] = d\nd"), "{'k': 1, 'me': {...}}\n");
    sh.console("class Node:\n    pass\n");
    sh.console("x = Node()\ny = Node()\nx.other = y\ny.other = x\nx.own = x.__init__");
    sh.console("e = ValueError('boom')\nl = [e]\ne.args = (l,)");
    sh.console("deep = []\nfor i in range(20000):\n    deep = [deep, deep]\n");
    sh.console("deep[0].append(deep)");
    sh.console("p = Post.objects.first()\np.me = p");
}

// pprint's indentation is bounded by the statement's memory budget: a huge indent= is a
// MemoryError when it would be written, and harmless when nothing is broken across lines.
TEST_F(ShellContainers, PprintHugeIndentIsAMemoryErrorNotAnAllocation) {
    out("from pprint import pprint, pformat");
    EXPECT_EQ(out("pprint([1], indent=10**9)"), "[1]\n");
    EXPECT_EQ(out("pprint([list(range(40))] * 2, indent=10**9)"),
              "MemoryError: the result would exceed the shell's memory budget\n");
    EXPECT_EQ(out("len(pformat(['가나다 ' * 30] * 3))"), "386\n");  // python3.11
}

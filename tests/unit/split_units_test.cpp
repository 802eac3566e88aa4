// shell::split_units(): input cut into statements the way Python's interactive console cuts it
// (one top-level statement per unit; a compound statement runs to a blank line or the next
// top-level line; brackets and backslashes continue a line). The one-line fast path must give
// what the general splitter gives.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/shell/session.hpp"

namespace gramlab::shell {
namespace {

using Units = std::vector<std::pair<std::string, int>>;

TEST(SplitUnits, OneLineIsOneUnitOnLineOne) {
    EXPECT_EQ(split_units("p = Post.objects.get(pk=1)"), (Units{{"p = Post.objects.get(pk=1)", 1}}));
    EXPECT_EQ(split_units("  x"), (Units{{"  x", 1}}));  // kept as typed: the parser reports the indent
    EXPECT_EQ(split_units("x = 1\r"), (Units{{"x = 1", 1}}));
    EXPECT_EQ(split_units("s = '#'  # a comment"), (Units{{"s = '#'  # a comment", 1}}));
}

TEST(SplitUnits, BlankAndCommentLinesAreNoUnits) {
    EXPECT_EQ(split_units(""), Units{});
    EXPECT_EQ(split_units("   \t"), Units{});
    EXPECT_EQ(split_units("# only a comment"), Units{});
    EXPECT_EQ(split_units("  # indented comment\r"), Units{});
    EXPECT_EQ(split_units("\n\n# c\n"), Units{});
}

TEST(SplitUnits, OneLineGivesWhatTheSameLineAmongOthersGives) {
    for (const std::string line : {"a = 1", "print('x')\r", "  y", "# c", "   ", "d = {'k': 1}"}) {
        Units alone = split_units(line);
        Units with_newline = split_units(line + "\n");  // the general path
        EXPECT_EQ(alone, with_newline) << line;
    }
}

TEST(SplitUnits, CompoundStatementsEndAtABlankOrTopLevelLine) {
    const std::string src =
        "for p in Post.objects.all():\n"
        "    print(p)\n"
        "\n"
        "try:\n"
        "    x = 1\n"
        "except Exception:\n"
        "    pass\n"
        "finally:\n"
        "    y = 2\n"
        "n = 3\n";
    EXPECT_EQ(split_units(src), (Units{{"for p in Post.objects.all():\n    print(p)", 1},
                                       {"try:\n    x = 1\nexcept Exception:\n    pass\nfinally:\n    y = 2", 4},
                                       {"n = 3", 10}}));
}

TEST(SplitUnits, BracketsAndBackslashesContinueALine) {
    EXPECT_EQ(split_units("qs = Post.objects.filter(\n    pk=1,\n)\nlen(qs)"),
              (Units{{"qs = Post.objects.filter(\n    pk=1,\n)", 1}, {"len(qs)", 4}}));
    EXPECT_EQ(split_units("x = 1 + \\\n    2\nx"), (Units{{"x = 1 + \\\n    2", 1}, {"x", 3}}));
    // A bracket inside a string does not open anything.
    EXPECT_EQ(split_units("s = '('\nt = 2"), (Units{{"s = '('", 1}, {"t = 2", 2}}));
}

}  // namespace
}  // namespace gramlab::shell

// Statements run again in one session (core/shell/session.cpp reuses the parsed tree of a
// statement text it has seen; core/db/connection.cpp reuses prepared statements; the ORM
// builds rows and the query log without per-character copies): a repeated statement must
// give exactly what its first run gave, and redefinitions must still take effect.
#include <gtest/gtest.h>

#include "core/gramlab.hpp"
#include "core/shell/session.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

using gramlab::shell::StatementResult;

class ShellRepeat : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(sh_.ready()); }
    StatementResult run(const std::string& unit) { return sh_.run(unit); }
    std::string json(const std::string& unit) { return sh_.json(unit); }
    gramlab::testing::InstagramShell sh_{{"from instagram.models import *", "from django.db.models import Count"}};
};

TEST_F(ShellRepeat, RepeatedQueryStatementsGiveIdenticalResults) {
    for (const char* s : {"Post.objects.all()", "Post.objects.get(pk=1)",
                          "list(Post.objects.select_related('post_author')[:3])",
                          "list(Post.objects.annotate(n=Count('comment'))[:3])",
                          "Comment.objects.filter(post__post_author_id=1).count()",
                          "Post.objects.filter(post_content__contains='50%').count()",
                          "Post.objects.get(pk=-1)"}) {
        std::string first = json(s);
        EXPECT_EQ(json(s), first) << s;
        EXPECT_EQ(json(s), first) << s;
    }
}

TEST_F(ShellRepeat, PercentSignsInParametersAreLoggedAsDjangoDoes) {
    auto r = run("Post.objects.filter(post_content__contains='5%').count()");
    ASSERT_FALSE(r.error);
    ASSERT_EQ(r.queries.size(), 1u);
    EXPECT_NE(r.queries[0].sql.find("LIKE '%5\\%%' ESCAPE '\\'"), std::string::npos) << r.queries[0].sql;
}

TEST_F(ShellRepeat, RedefinitionWithARepeatedTextTakesEffect) {
    run("def f():\n    return 1\n");
    EXPECT_EQ(run("f()").output.value_or(""), "1\n");
    run("def f():\n    return 2\n");
    EXPECT_EQ(run("f()").output.value_or(""), "2\n");
    // The first definition's text again: its cached tree is reused and defines f anew.
    run("def f():\n    return 1\n");
    EXPECT_EQ(run("f()").output.value_or(""), "1\n");
}

TEST_F(ShellRepeat, SyntaxErrorsAreReportedEveryTime) {
    for (int i = 0; i < 2; ++i) {
        auto r = run("Post.objects.get(pk=");
        ASSERT_TRUE(r.error);
        EXPECT_EQ(r.error->type, "SyntaxError");
    }
}

TEST_F(ShellRepeat, ManyDistinctStatementsStillRun) {
    // More distinct texts than the parse cache holds: it is emptied, nothing is lost.
    for (int i = 0; i < 600; ++i) {
        auto r = run("x = " + std::to_string(i));
        ASSERT_FALSE(r.error) << i;
    }
    EXPECT_EQ(run("x").output.value_or(""), "599\n");
    EXPECT_EQ(run("x = 3").error.has_value(), false);
    EXPECT_EQ(run("x").output.value_or(""), "3\n");
}

TEST(ConnectionTest, ExecuteIntoAppendsRowsWithBoundParameters) {
    auto conn = gramlab::db::Connection::open("sqlite://:memory:");
    ASSERT_TRUE(conn.ok());
    auto& c = *conn.value();
    ASSERT_TRUE(c.execute_script("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'x'), (2, NULL);").ok());
    std::vector<gramlab::db::Row> rows;
    rows.emplace_back();  // appended to, not replaced
    ASSERT_TRUE(c.execute_into("SELECT a, b FROM t WHERE a >= ? ORDER BY a", {gramlab::Value::of_int(1)}, rows).ok());
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_TRUE(rows[0].empty());
    ASSERT_EQ(rows[1].size(), 2u);
    EXPECT_EQ(rows[1][0].as_int().value_or(0), 1);
    EXPECT_EQ(rows[1][1].text, "x");
    EXPECT_TRUE(rows[2][1].is_none());
    // The same text again (its prepared statement reused) with another parameter.
    std::vector<gramlab::db::Row> again;
    ASSERT_TRUE(c.execute_into("SELECT a, b FROM t WHERE a >= ? ORDER BY a", {gramlab::Value::of_int(2)}, again).ok());
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0][0].as_int().value_or(0), 2);
    // Errors are reported and leave what was collected.
    EXPECT_FALSE(c.execute_into("SELECT nope FROM t", {}, again).ok());
    EXPECT_EQ(again.size(), 1u);
}

}  // namespace

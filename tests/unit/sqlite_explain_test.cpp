// EXPLAIN QUERY PLAN in plain words (core/backends/sqlite/explain.hpp): each kind of plan row
// SQLite prints, the nesting, and the index suggestions for full scans, temporary automatic
// indexes and sorts, on the SQL Django writes.
#include <gtest/gtest.h>

#include "core/backends/sqlite/explain.hpp"

namespace gramlab::backends::sqlite {
namespace {

TEST(SqliteExplainTest, PrimaryKeySearchIsTheFastest) {
    auto ex = explain_plan({{2, 0, "SEARCH instagram_post USING INTEGER PRIMARY KEY (rowid=?)"}},
                           "SELECT \"instagram_post\".\"id\" FROM \"instagram_post\" WHERE \"instagram_post\".\"id\" = ?");
    ASSERT_EQ(ex.steps.size(), 1u);
    EXPECT_EQ(ex.steps[0].explanation,
              "Finds the row(s) of instagram_post directly by primary key (rowid=?): the fastest lookup there is.");
    EXPECT_FALSE(ex.steps[0].full_scan);
    EXPECT_TRUE(ex.suggestions.empty());
}

TEST(SqliteExplainTest, FullScanOnAFilteredColumnSuggestsAnIndex) {
    const std::string sql =
        "SELECT \"instagram_post\".\"id\" FROM \"instagram_post\" WHERE \"instagram_post\".\"location\" = ? "
        "ORDER BY \"instagram_post\".\"upload_time\" DESC";
    auto ex = explain_plan({{2, 0, "SCAN instagram_post"}, {10, 0, "USE TEMP B-TREE FOR ORDER BY"}}, sql);
    ASSERT_EQ(ex.steps.size(), 2u);
    EXPECT_TRUE(ex.steps[0].full_scan);
    EXPECT_EQ(ex.steps[0].explanation,
              "Reads every row of instagram_post (a full table scan): no index narrows this step.");
    EXPECT_EQ(ex.steps[1].explanation,
              "Sorts the rows in a temporary B-tree for ORDER BY: no index gives them in that order.");
    ASSERT_EQ(ex.suggestions.size(), 2u);
    EXPECT_EQ(ex.suggestions[0],
              "An index on instagram_post.location could turn this full scan into a search (the query filters on "
              "it): add db_index=True to that field (or Meta.indexes = [models.Index(fields=['location'])]), then "
              "makemigrations and migrate.");
    EXPECT_NE(ex.suggestions[1].find("instagram_post.upload_time would return the rows already sorted"), std::string::npos);
}

TEST(SqliteExplainTest, IndexSearchJoinAndNesting) {
    const std::string sql =
        "SELECT COUNT(*) AS \"__count\" FROM \"instagram_comment\" INNER JOIN \"instagram_post\" ON "
        "(\"instagram_comment\".\"post_id\" = \"instagram_post\".\"id\") WHERE \"instagram_post\".\"post_author_id\" = ?";
    auto ex = explain_plan({{3, 0, "SEARCH instagram_post USING COVERING INDEX instagram_post_post_author_id_4f0a5c1c (post_author_id=?)"},
                            {7, 0, "SEARCH instagram_comment USING COVERING INDEX instagram_comment_post_id_abc (post_id=?)"}},
                           sql);
    ASSERT_EQ(ex.steps.size(), 2u);
    EXPECT_EQ(ex.steps[0].explanation,
              "Finds only the matching rows of instagram_post through index instagram_post_post_author_id_4f0a5c1c "
              "(post_author_id=?) instead of reading the whole table; the index holds every column needed, so the "
              "table is not read.");
    EXPECT_TRUE(ex.suggestions.empty());
    // Subqueries nest under their parent row; Django's aliases (U0) are named with their table.
    auto sub = explain_plan({{2, 0, "SCAN instagram_user"}, {4, 0, "LIST SUBQUERY 1"}, {6, 4, "SCAN U0"}},
                            "SELECT \"instagram_user\".\"id\" FROM \"instagram_user\" WHERE \"instagram_user\".\"id\" IN "
                            "(SELECT U0.\"post_author_id\" FROM \"instagram_post\" U0 WHERE U0.\"location\" = ?)");
    ASSERT_EQ(sub.steps.size(), 3u);
    EXPECT_EQ(sub.steps[2].depth, 1);
    EXPECT_EQ(sub.steps[1].explanation,
              "Runs the subquery of an IN (...) once and keeps its values to look rows up in.");
    EXPECT_EQ(sub.steps[2].explanation,
              "Reads every row of U0 (instagram_post) (a full table scan): no index narrows this step.");
}

TEST(SqliteExplainTest, AutomaticIndexGroupByAndUnknownRows) {
    auto ex = explain_plan({{3, 0, "SCAN instagram_post"},
                            {5, 0, "SEARCH instagram_comment USING AUTOMATIC COVERING INDEX (post_id=?)"},
                            {9, 0, "USE TEMP B-TREE FOR GROUP BY"},
                            {11, 0, "SOMETHING NEW"}},
                           "SELECT 1");
    ASSERT_EQ(ex.steps.size(), 4u);
    EXPECT_TRUE(ex.steps[1].full_scan);
    EXPECT_EQ(ex.steps[1].explanation,
              "Builds a temporary index on instagram_comment (post_id=?) for this query, every time it runs, because "
              "no index exists for it.");
    ASSERT_EQ(ex.suggestions.size(), 1u);
    EXPECT_NE(ex.suggestions[0].find("An index on instagram_comment.post_id would save building a temporary one"),
              std::string::npos);
    EXPECT_NE(ex.suggestions[0].find("models.Index(fields=['post'])"), std::string::npos);
    EXPECT_EQ(ex.steps[2].explanation,
              "Groups the rows in a temporary B-tree (GROUP BY, as annotate() with an aggregate asks).");
    EXPECT_EQ(ex.steps[3].explanation, "SQLite's step: SOMETHING NEW.");
    // A SELECT without FROM reads no table (not a full scan of a table named CONSTANT).
    auto constant = explain_plan({{2, 0, "SCAN CONSTANT ROW"}}, "SELECT 1");
    ASSERT_EQ(constant.steps.size(), 1u);
    EXPECT_FALSE(constant.steps[0].full_scan);
    EXPECT_EQ(constant.steps[0].explanation,
              "Reads no table: the SELECT has no FROM, so it computes one row of constants.");
    EXPECT_TRUE(constant.suggestions.empty());
}

}  // namespace
}  // namespace gramlab::backends::sqlite

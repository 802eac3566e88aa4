// N+1 detection (core/orm/nplusone.cpp) through the shell facade on the Instagram example:
// a relation loaded once per row is reported with the fix Django offers and the query count
// with that fix; the fix itself, run in the same session, brings the count down to it.
#include <gtest/gtest.h>

#include "core/gramlab.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

using gramlab::shell::StatementResult;

class ShellNPlusOne : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(sh_.ready()); }
    StatementResult run(const std::string& unit) {
        auto r = sh_.run(unit);
        EXPECT_FALSE(r.error) << unit << ": " << r.error->type << ": " << r.error->message;
        return r;
    }
    gramlab::testing::InstagramShell sh_;
};

TEST_F(ShellNPlusOne, ForwardForeignKeyPerRowSuggestsSelectRelated) {
    auto r = run("for p in Post.objects.all():\n    p.post_author.instagram_id\n");
    ASSERT_EQ(r.n_plus_one.size(), 1u);
    const auto& n = r.n_plus_one[0];
    EXPECT_EQ(n.model, "instagram.Post");
    EXPECT_EQ(n.relation, "post_author");
    EXPECT_EQ(n.fix, "select_related('post_author')");
    EXPECT_EQ(n.origin_query, 0);
    EXPECT_EQ(static_cast<size_t>(n.queries_before), r.queries.size());
    EXPECT_EQ(n.queries.size(), r.queries.size() - 1);
    EXPECT_EQ(n.queries_after, 1);
    // The rewrite really runs in that many queries, and is not reported again.
    auto fixed = run("for p in Post.objects.select_related('post_author'):\n    p.post_author.instagram_id\n");
    EXPECT_EQ(fixed.queries.size(), 1u);
    EXPECT_TRUE(fixed.n_plus_one.empty());
}

TEST_F(ShellNPlusOne, ReverseManagerPerRowSuggestsPrefetchRelated) {
    auto r = run("for u in User.objects.all():\n    list(u.posts.all())\n");
    ASSERT_EQ(r.n_plus_one.size(), 1u);
    EXPECT_EQ(r.n_plus_one[0].relation, "posts");
    EXPECT_EQ(r.n_plus_one[0].fix, "prefetch_related('posts')");
    EXPECT_EQ(r.n_plus_one[0].queries_after, 2);
    auto fixed = run("for u in User.objects.prefetch_related('posts'):\n    list(u.posts.all())\n");
    EXPECT_EQ(fixed.queries.size(), 2u);
    EXPECT_TRUE(fixed.n_plus_one.empty());
}

TEST_F(ShellNPlusOne, RelatedCountPerRowSuggestsAnnotate) {
    auto r = run("for p in Post.objects.all():\n    p.comment_set.count()\n");
    ASSERT_EQ(r.n_plus_one.size(), 1u);
    EXPECT_EQ(r.n_plus_one[0].relation, "comment_set");
    EXPECT_EQ(r.n_plus_one[0].fix, "annotate(comment_set_count=Count('comment'))");
    EXPECT_EQ(r.n_plus_one[0].queries_after, 1);
}

TEST_F(ShellNPlusOne, ChainedForwardRelationsFoldIntoOnePath) {
    auto r = run("for c in Comment.objects.all()[:4]:\n    c.post.post_author.profile\n");
    ASSERT_EQ(r.n_plus_one.size(), 1u);
    EXPECT_EQ(r.n_plus_one[0].relation, "post__post_author__profile");
    EXPECT_EQ(r.n_plus_one[0].fix, "select_related('post__post_author__profile')");
    EXPECT_EQ(r.n_plus_one[0].queries.size(), 12u);
    EXPECT_EQ(r.n_plus_one[0].queries_after, 1);
}

TEST_F(ShellNPlusOne, RowsFromAnEarlierStatementStillCount) {
    run("posts = list(Post.objects.all())");
    auto r = run("[p.post_author_id for p in posts], [p.post_author.username for p in posts][:1]");
    ASSERT_EQ(r.n_plus_one.size(), 1u);
    EXPECT_EQ(r.n_plus_one[0].origin_query, -1);
    EXPECT_EQ(r.n_plus_one[0].queries_after, 0);
}

TEST_F(ShellNPlusOne, SingleLoadsAndLearnerObjectsAreNotReported) {
    EXPECT_TRUE(run("Post.objects.first().post_author").n_plus_one.empty());
    run("u = User(instagram_id='new', username='N')");
    EXPECT_TRUE(run("u.posts.count(), u.posts.count()").n_plus_one.empty());
    // A statement with no related loads reports nothing.
    EXPECT_TRUE(run("Post.objects.count()").n_plus_one.empty());
}

TEST_F(ShellNPlusOne, JsonCarriesPatternsAndEvaluationIndexes) {
    auto r = run("for p in Post.objects.all()[:2]:\n    p.post_author\n");
    std::string j = gramlab::shell::to_json(r);
    EXPECT_NE(j.find("\"n_plus_one\":[{\"model\":\"instagram.Post\",\"relation\":\"post_author\","
                     "\"fix\":\"select_related('post_author')\",\"queries\":[1,2],\"origin_query\":0,"
                     "\"queries_before\":3,\"queries_after\":1}]"),
              std::string::npos)
        << j;
    EXPECT_NE(j.find("{\"model\":\"instagram.Post\",\"reason\":\"iteration\",\"cache_reused\":false,\"query\":0}"),
              std::string::npos)
        << j;
}

}  // namespace

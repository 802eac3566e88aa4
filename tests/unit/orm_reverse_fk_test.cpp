// Reverse ForeignKey managers, exclude() across multi-valued relations, nested prefetch and
// dumpdata's many-to-many lists (core/orm/reverse_fk_manager.cpp, query.cpp split_exclude,
// prefetch.cpp, serializers/json_serializer.cpp), on the blog app of the shell differential
// corpus (tests/differential/shell/apps/blog: Article.writer and Comment.article have
// null=True, Comment.writer has not, Article.likes is an m2m to Writer), whose fixture the
// assertions rely on. The corpus file 13_related_writes checks the same against Django.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/gramlab.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

using gramlab::shell::StatementResult;

class ReverseFkTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::path(GRAMLAB_SOURCE_DIR) / "tests" / "differential" / "shell" / "apps" / "blog";
        project_ = std::make_unique<gramlab::Project>(gramlab::testing::app_project(dir_));
        conn_ = gramlab::testing::app_database(*project_, dir_);
        ASSERT_TRUE(conn_);
        session_ = project_->shell(*conn_, gramlab::testing::pinned_options());
        ASSERT_TRUE(session_);
        for (const char* s : {"from blog.models import Writer, Article, Comment", "from django.db.models import Prefetch",
                              "seoul = Article.objects.get(pk=1)", "minji = Writer.objects.get(pk=1)",
                              "c1 = Comment.objects.get(pk=1)", "c2 = Comment.objects.get(pk=2)",
                              "c6 = Comment.objects.get(pk=6)"})
            ASSERT_FALSE(run(s).error) << s;
    }

    StatementResult run(const std::string& unit) { return session_->run_units({unit})[0]; }

    std::string error_of(const std::string& unit) {
        auto r = run(unit);
        return r.error ? r.error->type + ": " + r.error->message : "";
    }

    // Comment pk -> article_id, in pk order.
    std::string articles() {
        auto r = conn_->query("SELECT \"id\", \"article_id\" FROM \"blog_comment\" ORDER BY \"id\"");
        EXPECT_TRUE(r.ok());
        std::string out;
        if (!r.ok()) return out;
        for (const auto& row : r.value())
            out += (out.empty() ? "" : " ") + row[0].text + "-" + (row[1].is_none() ? "N" : row[1].text);
        return out;
    }

    std::filesystem::path dir_;
    std::unique_ptr<gramlab::Project> project_;
    std::unique_ptr<gramlab::db::Connection> conn_;
    std::unique_ptr<gramlab::shell::Session> session_;
};

TEST_F(ReverseFkTest, BulkRemoveIsOneBoundUpdate) {
    auto r = run("seoul.comment_set.remove(c2, c1)");
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_EQ(r.queries.size(), 1u);
    EXPECT_EQ(r.queries[0].sql, "UPDATE \"blog_comment\" SET \"article_id\" = NULL WHERE (\"blog_comment\".\"article_id\" = 1 "
                                "AND \"blog_comment\".\"id\" IN (1, 2))");
    EXPECT_GE(r.queries[0].params.size(), 3u);  // values are bound, never spliced
    EXPECT_EQ(articles(), "1-N 2-N 3-2 4-3 5-3 6-N");
}

TEST_F(ReverseFkTest, WritesCheckTheirObjects) {
    EXPECT_EQ(error_of("seoul.comment_set.remove(c6)"),
              "blog.models.Article.DoesNotExist: <Comment: 2: 주인 없는 댓글> is not related to <Article: 서울 여행>.");
    EXPECT_EQ(error_of("seoul.comment_set.remove(None)"), "TypeError: 'Comment' instance expected, got None");
    EXPECT_EQ(error_of("seoul.comment_set.add(Comment(writer=minji, text='x'))"),
              "ValueError: <Comment: 1: x> instance isn't saved. Use bulk=False or save the object first.");
    EXPECT_EQ(error_of("seoul.comment_set.set(5)"), "TypeError: 'int' object is not iterable");
    EXPECT_EQ(error_of("seoul.comment_set.clear(1)"),
              "TypeError: create_reverse_many_to_one_manager.<locals>.RelatedManager.clear() takes 1 positional "
              "argument but 2 were given");
    EXPECT_EQ(error_of("minji.comments.remove(c1)"), "AttributeError: 'RelatedManager' object has no attribute 'remove'");
    EXPECT_EQ(error_of("minji.comments.clear()"), "AttributeError: 'RelatedManager' object has no attribute 'clear'");
    EXPECT_EQ(articles(), "1-1 2-1 3-2 4-3 5-3 6-N");
}

TEST_F(ReverseFkTest, SetRemovesTheOldAndAddsTheNew) {
    auto r = run("seoul.comment_set.set([c1, c6])");
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_EQ(r.queries.size(), 4u);
    EXPECT_EQ(r.queries[0].sql, "BEGIN");
    EXPECT_EQ(r.queries[3].sql, "UPDATE \"blog_comment\" SET \"article_id\" = 1 WHERE \"blog_comment\".\"id\" IN (6)");
    EXPECT_EQ(articles(), "1-1 2-N 3-2 4-3 5-3 6-1");
    // Without null=True, set() only adds.
    r = run("minji.comments.set([c6])");
    ASSERT_EQ(r.queries.size(), 1u);
    EXPECT_EQ(r.queries[0].sql, "UPDATE \"blog_comment\" SET \"writer_id\" = 1 WHERE \"blog_comment\".\"id\" IN (6)");
}

TEST_F(ReverseFkTest, ExcludeAcrossAReverseRelationIsNotExists) {
    auto r = run("list(Writer.objects.exclude(articles__comment__writer__name='minji'))");
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_EQ(r.queries.size(), 1u);
    EXPECT_NE(r.queries[0].sql.find("WHERE NOT (EXISTS(SELECT (1) AS \"a\" FROM \"blog_article\" U1 INNER JOIN "
                                    "\"blog_comment\" U2 ON (U1.\"id\" = U2.\"article_id\") INNER JOIN \"blog_writer\" U3"),
              std::string::npos)
        << r.queries[0].sql;
}

TEST_F(ReverseFkTest, NestedPrefetchRunsOneQueryPerLevel) {
    auto r = run("[len(a.comment_set.all()) for w in Writer.objects.prefetch_related('articles__comment_set') for a in "
                 "w.articles.all()]");
    ASSERT_FALSE(r.error) << r.error->message;
    EXPECT_EQ(r.output, "[2, 1, 2]\n");
    EXPECT_EQ(r.queries.size(), 3u);
    EXPECT_EQ(error_of("list(Writer.objects.prefetch_related('articles__comment_set__nothing'))"),
              "AttributeError: Cannot find 'nothing' on Comment object, 'articles__comment_set__nothing' is an invalid "
              "parameter to prefetch_related()");
    EXPECT_EQ(error_of("list(Comment.objects.prefetch_related('text__x'))"),
              "AttributeError: Cannot find 'x' on str object, 'text__x' is an invalid parameter to prefetch_related()");
    EXPECT_EQ(error_of("Prefetch()"), "TypeError: Prefetch.__init__() missing 1 required positional argument: 'lookup'");
}

TEST_F(ReverseFkTest, BadBatchSizes) {
    EXPECT_EQ(error_of("Writer.objects.bulk_create([Writer(name='z')], batch_size=float('nan'))"), "AssertionError: ");
    EXPECT_EQ(error_of("Writer.objects.bulk_create([Writer(name='z')], batch_size=0.5)"),
              "TypeError: 'float' object cannot be interpreted as an integer");
    auto r = run("Writer.objects.bulk_create([Writer(name='z')], batch_size=1e9)");  // min() takes the backend's 500
    EXPECT_FALSE(r.error);
}

TEST_F(ReverseFkTest, DumpdataListsManyToManyByTargetId) {
    auto out = project_->dumpdata(*conn_, {"blog.article"}, -1).out;
    EXPECT_NE(out.find("{\"model\": \"blog.article\", \"pk\": 3, \"fields\": {\"writer\": 2, \"title\": \"제주 바다\", "
                       "\"likes\": [1, 3, 4]}}"),
              std::string::npos)
        << out;
}

}  // namespace

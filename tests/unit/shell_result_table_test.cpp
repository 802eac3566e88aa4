// The echoed value as a table (core/shell/result_table.cpp, JSON key "result") on the
// Instagram example: QuerySet shapes, lists, one instance, the row cap, and that producing
// it changes neither the statement's queries nor the QuerySet's result cache.
#include <gtest/gtest.h>

#include "core/gramlab.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

using gramlab::shell::StatementResult;

class ShellResultTable : public ::testing::Test {
protected:
    void SetUp() override { start(100000); }
    void start(int64_t result_rows) {
        session_.reset();  // before the connection it uses
        conn_ = gramlab::testing::instagram_database(project_);
        ASSERT_TRUE(conn_);
        auto so = gramlab::testing::pinned_options();
        so.result_rows = result_rows;
        session_ = project_.shell(*conn_, so);
        ASSERT_TRUE(session_);
        run("from instagram.models import *");
        run("from django.db.models import Count");
    }
    StatementResult run(const std::string& unit) {
        auto r = session_->run_units({unit});
        EXPECT_FALSE(r[0].error) << unit << ": " << r[0].error->type << ": " << r[0].error->message;
        return r[0];
    }
    // The "result" part of the statement's JSON line ("" when absent).
    static std::string result_json(const StatementResult& r) {
        std::string j = gramlab::shell::to_json(r);
        size_t at = j.find(",\"result\":");
        return at == std::string::npos ? "" : j.substr(at + 10, j.size() - at - 11);
    }
    gramlab::Project project_{gramlab::testing::instagram_project()};
    std::unique_ptr<gramlab::db::Connection> conn_;
    std::unique_ptr<gramlab::shell::Session> session_;
};

TEST_F(ShellResultTable, ValuesListIsATableOfTheNamedColumns) {
    auto r = run("User.objects.filter(id__lte=2).order_by('id').values_list('instagram_id', 'is_professional')");
    EXPECT_EQ(result_json(r),
              "{\"kind\":\"values_list\",\"model\":\"instagram.User\",\"columns\":[\"instagram_id\",\"is_professional\"],"
              "\"rows\":[[\"kim_minji\",true],[\"lee.junho\",false]],\"truncated\":false}");
    // The statement's own queries only: the repr's LIMIT 21 query.
    ASSERT_EQ(r.queries.size(), 1u);
    EXPECT_NE(r.queries[0].sql.find("LIMIT 21"), std::string::npos);
}

TEST_F(ShellResultTable, FlatValuesListHasOneColumn) {
    auto r = run("User.objects.filter(username__startswith='김').values_list('instagram_id', flat=True)");
    EXPECT_EQ(result_json(r),
              "{\"kind\":\"values_list\",\"model\":\"instagram.User\",\"columns\":[\"instagram_id\"],"
              "\"rows\":[[\"kim_minji\"]],\"truncated\":false}");
}

TEST_F(ShellResultTable, ValuesAreDictsByKeyWithAnnotations) {
    auto r = run("Post.objects.annotate(n=Count('comment')).order_by('id').values('id', 'n')[:2]");
    ASSERT_TRUE(r.result);
    EXPECT_EQ(r.result->kind, "values");
    EXPECT_EQ(r.result->columns, (std::vector<std::string>{"id", "n"}));
    ASSERT_EQ(r.result->rows.size(), 2u);
    EXPECT_EQ(r.result->rows[0][0].as_int(), 1);
}

TEST_F(ShellResultTable, QuerySetOfInstancesHasOneColumnPerConcreteField) {
    auto r = run("Post.objects.all()");
    ASSERT_TRUE(r.result);
    EXPECT_EQ(r.result->kind, "queryset");
    EXPECT_EQ(r.result->model, "instagram.Post");
    EXPECT_EQ(r.result->columns, (std::vector<std::string>{"id", "post_author_id", "location", "numOfLike",
                                                            "post_content", "is_comment", "upload_time"}));
    EXPECT_EQ(r.result->rows.size(), 12u);
    EXPECT_FALSE(r.result->truncated);
    // Datetimes are their str(): the UI shows what print() would.
    EXPECT_EQ(r.result->rows[0][6].kind, gramlab::Value::Kind::kStr);
    EXPECT_NE(r.result->rows[0][6].text.find("+00:00"), std::string::npos) << r.result->rows[0][6].text;
}

TEST_F(ShellResultTable, RowCapSetsTruncated) {
    session_->set_result_rows(5);
    auto r = run("Comment.objects.order_by('id')");
    ASSERT_TRUE(r.result);
    EXPECT_EQ(r.result->rows.size(), 5u);
    EXPECT_TRUE(r.result->truncated);
    EXPECT_EQ(r.result->rows[4][0].as_int(), 5);
    auto sliced = run("Comment.objects.order_by('id')[3:6]");
    ASSERT_TRUE(sliced.result);
    EXPECT_EQ(sliced.result->rows.size(), 3u);
    EXPECT_FALSE(sliced.result->truncated);
    EXPECT_EQ(sliced.result->rows[0][0].as_int(), 4);
}

TEST_F(ShellResultTable, TheQuerySetCacheStaysEmpty) {
    run("qs = User.objects.all()");  // User.__str__ runs no query (Post's loads its author)
    auto shown = run("qs");
    ASSERT_TRUE(shown.result);
    // As in Django: repr() does not fill the cache, so len() runs the query.
    auto n = run("len(qs)");
    ASSERT_EQ(n.evaluations.size(), 1u);
    EXPECT_FALSE(n.evaluations[0].cache_reused);
    EXPECT_EQ(n.queries.size(), 1u);
    // Once evaluated, the table comes from the cache without a query.
    auto again = run("qs");
    EXPECT_TRUE(again.queries.empty());
    ASSERT_TRUE(again.result);
    EXPECT_EQ(again.result->rows.size(), 6u);
    // Echoing the object `_` already holds adds no table (the one shown is that object's).
    EXPECT_FALSE(run("_").result);
}

TEST_F(ShellResultTable, ListsInstancesAndTuples) {
    auto l = run("list(User.objects.order_by('id')[:2])");
    ASSERT_TRUE(l.result);
    EXPECT_EQ(l.result->kind, "list");
    EXPECT_EQ(l.result->model, "instagram.User");
    EXPECT_EQ(l.result->columns.front(), "id");
    auto o = run("User.objects.get(instagram_id='kim_minji')");
    ASSERT_TRUE(o.result);
    EXPECT_EQ(o.result->kind, "object");
    EXPECT_EQ(o.result->rows.size(), 1u);
    auto t = run("[(1, 'a'), (2, 'b', None)]");
    EXPECT_EQ(result_json(t),
              "{\"kind\":\"list\",\"model\":null,\"columns\":[\"0\",\"1\",\"2\"],"
              "\"rows\":[[1,\"a\",null],[2,\"b\",null]],\"truncated\":false}");
    auto d = run("{'a': 1.5}");
    EXPECT_EQ(result_json(d), "{\"kind\":\"dict\",\"model\":null,\"columns\":[\"key\",\"value\"],"
                              "\"rows\":[[\"a\",1.5]],\"truncated\":false}");
}

TEST_F(ShellResultTable, NoTableForScalarsPrintsAssignmentsAndErrors) {
    EXPECT_FALSE(run("Post.objects.count()").result);
    EXPECT_FALSE(run("'text'").result);
    EXPECT_FALSE(run("x = list(Post.objects.all())").result);
    EXPECT_FALSE(run("print([1, 2])").result);  // print() returns None: `_` unchanged
    auto err = session_->run_units({"Post.objects.filter(nme='x')"});
    EXPECT_TRUE(err[0].error);
    EXPECT_FALSE(err[0].result);
    EXPECT_EQ(result_json(err[0]), "");
}

TEST_F(ShellResultTable, OffByDefaultAsInTheCli) {
    start(0);
    auto r = run("Post.objects.all()");
    EXPECT_FALSE(r.result);
    EXPECT_EQ(gramlab::shell::to_json(r).find("\"result\""), std::string::npos);
}

}  // namespace

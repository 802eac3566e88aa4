// Many-to-many relations in the shell (core/orm/related_descriptors.*, through_models.*):
// the rows add/remove/set/clear leave in the intermediary tables, the statements and query
// counts they log (as Django 3.2's connection.queries), prefetch_related's two queries, and
// deletes cascading into the intermediary tables. Runs on the social app of the shell
// differential corpus (tests/differential/shell/apps/social: User.follows / User.friends to
// self, Post.likes to User, Tag.posts to Post, Group.members through Membership), whose
// fixture the assertions rely on.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/gramlab.hpp"
#include "core/shell/set_order.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

using gramlab::shell::IntSetOrder;
using gramlab::shell::StatementResult;

std::vector<int64_t> set_of(const std::vector<int64_t>& adds) {
    IntSetOrder s;
    for (int64_t v : adds) s.add(v);
    return s.items();
}

// Expected orders printed by CPython 3.11 (`s = set(); s.add(...); list(s)`).
TEST(IntSetOrderTest, IteratesInCPythonOrder) {
    EXPECT_EQ(set_of({9, 2}), (std::vector<int64_t>{9, 2}));
    EXPECT_EQ(set_of({17, 1, 33, 9, 25, 2}), (std::vector<int64_t>{1, 33, 2, 9, 17, 25}));
    EXPECT_EQ(set_of({-1, -2, 5, int64_t{1} << 61, (int64_t{1} << 61) - 1}),
              (std::vector<int64_t>{(int64_t{1} << 61) - 1, int64_t{1} << 61, 5, -2, -1}));
}

TEST(IntSetOrderTest, DiscardedSlotsAreReusedAfterAResize) {
    // s = set(range(1, 13)); s.discard(3); s.discard(8); s.add(40); s.add(3)
    IntSetOrder s;
    for (int64_t v = 1; v < 13; ++v) s.add(v);
    EXPECT_TRUE(s.discard(3));
    EXPECT_TRUE(s.discard(8));
    EXPECT_FALSE(s.discard(8));
    s.add(40);
    s.add(3);
    EXPECT_EQ(s.items(), (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 40, 9, 10, 11, 12}));
    EXPECT_EQ(s.size(), 12u);
    EXPECT_TRUE(s.contains(40));
    EXPECT_FALSE(s.contains(8));
}

class ManyToManyTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::path(GRAMLAB_SOURCE_DIR) / "tests" / "differential" / "shell" / "apps" / "social";
        project_ = std::make_unique<gramlab::Project>(gramlab::testing::app_project(dir_));
        conn_ = gramlab::testing::app_database(*project_, dir_);
        ASSERT_TRUE(conn_);
        session_ = project_->shell(*conn_, gramlab::testing::pinned_options());
        ASSERT_TRUE(session_);
        for (const char* s : {"from social.models import User, Post, Tag", "minji = User.objects.get(pk=1)",
                              "junho = User.objects.get(pk=2)", "hana = User.objects.get(pk=5)",
                              "post = Post.objects.get(pk=1)"})
            ASSERT_FALSE(run(s).error) << s;
    }

    StatementResult run(const std::string& unit) { return session_->run_units({unit})[0]; }

    static std::vector<std::string> sqls(const StatementResult& r) {
        std::vector<std::string> out;
        for (const auto& q : r.queries) out.push_back(q.sql);
        return out;
    }

    // The (source, target) id pairs of an intermediary table, in row order.
    std::string rows(const std::string& table, const std::string& a, const std::string& b) {
        auto r = conn_->query("SELECT \"" + a + "\", \"" + b + "\" FROM \"" + table + "\" ORDER BY \"id\"");
        EXPECT_TRUE(r.ok());
        std::string out;
        if (!r.ok()) return out;
        for (const auto& row : r.value()) out += (out.empty() ? "" : " ") + row[0].text + "-" + row[1].text;
        return out;
    }

    std::filesystem::path dir_;
    std::unique_ptr<gramlab::Project> project_;
    std::unique_ptr<gramlab::db::Connection> conn_;
    std::unique_ptr<gramlab::shell::Session> session_;
};

TEST_F(ManyToManyTest, AddInsertsTheMissingRowsInOneStatement) {
    // Post 1 is liked by users 2, 3 and 5 in the fixture.
    auto r = run("post.likes.add(minji, hana)");
    ASSERT_FALSE(r.error) << r.error->message;
    EXPECT_EQ(sqls(r), (std::vector<std::string>{
                           "BEGIN",
                           "INSERT OR IGNORE INTO \"social_post_likes\" (\"post_id\", \"user_id\") SELECT 1, 1 UNION ALL SELECT 1, 5"}));
    EXPECT_EQ(r.queries[1].params.size(), 4u);  // values are bound, never spliced
    EXPECT_EQ(rows("social_post_likes", "post_id", "user_id"), "1-2 1-3 1-5 2-3 4-1 4-2 4-4 4-5 5-1 1-1");
}

TEST_F(ManyToManyTest, RemoveAndClearDeleteOnlyTheInstancesRows) {
    auto r = run("post.likes.remove(hana, 3)");
    ASSERT_FALSE(r.error) << r.error->message;
    EXPECT_EQ(sqls(r), (std::vector<std::string>{
                           "BEGIN", "DELETE FROM \"social_post_likes\" WHERE (\"social_post_likes\".\"post_id\" = 1 AND "
                                    "\"social_post_likes\".\"user_id\" IN (3, 5))"}));
    EXPECT_EQ(rows("social_post_likes", "post_id", "user_id"), "1-2 2-3 4-1 4-2 4-4 4-5 5-1");
    EXPECT_TRUE(run("post.likes.remove()").queries.empty());
    r = run("minji.liked_posts.clear()");
    EXPECT_EQ(sqls(r), (std::vector<std::string>{
                           "BEGIN", "DELETE FROM \"social_post_likes\" WHERE \"social_post_likes\".\"user_id\" = 1"}));
    EXPECT_EQ(rows("social_post_likes", "post_id", "user_id"), "1-2 2-3 4-2 4-4 4-5");
}

TEST_F(ManyToManyTest, SetReadsTheCurrentIdsThenRemovesAndAdds) {
    auto r = run("post.likes.set([junho, 4])");
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_EQ(r.queries.size(), 4u);
    EXPECT_EQ(r.queries[0].sql, "BEGIN");
    EXPECT_EQ(r.queries[1].sql,
              "SELECT \"social_user\".\"id\" FROM \"social_user\" INNER JOIN \"social_post_likes\" ON "
              "(\"social_user\".\"id\" = \"social_post_likes\".\"user_id\") WHERE \"social_post_likes\".\"post_id\" = 1");
    EXPECT_EQ(r.queries[2].sql, "DELETE FROM \"social_post_likes\" WHERE (\"social_post_likes\".\"post_id\" = 1 AND "
                                "\"social_post_likes\".\"user_id\" IN (3, 5))");
    EXPECT_EQ(r.queries[3].sql, "INSERT OR IGNORE INTO \"social_post_likes\" (\"post_id\", \"user_id\") SELECT 1, 4");
    auto same = run("post.likes.set([junho, 4])");
    EXPECT_EQ(same.queries.size(), 2u);  // BEGIN and the SELECT: nothing to change
}

TEST_F(ManyToManyTest, SymmetricalRelationWritesBothDirections) {
    auto r = run("minji.friends.add(junho, hana)");
    ASSERT_FALSE(r.error) << r.error->message;
    EXPECT_EQ(sqls(r),
              (std::vector<std::string>{
                  "BEGIN",
                  "INSERT OR IGNORE INTO \"social_user_friends\" (\"from_user_id\", \"to_user_id\") SELECT 1, 2 UNION ALL SELECT 1, 5",
                  "INSERT OR IGNORE INTO \"social_user_friends\" (\"from_user_id\", \"to_user_id\") SELECT 2, 1 UNION ALL SELECT 5, 1"}));
    // The fixture's friends (1-3, 3-5) were loaded in both directions, as Django's loaddata does.
    EXPECT_EQ(rows("social_user_friends", "from_user_id", "to_user_id"), "1-3 3-1 3-5 5-3 1-2 1-5 2-1 5-1");
    EXPECT_EQ(run("hana.friends.count()").output.value_or(""), "2\n");
    r = run("junho.friends.remove(minji)");
    EXPECT_EQ(rows("social_user_friends", "from_user_id", "to_user_id"), "1-3 3-1 3-5 5-3 1-5 5-1");
    r = run("hana.friends.clear()");
    EXPECT_EQ(sqls(r)[1], "DELETE FROM \"social_user_friends\" WHERE (\"social_user_friends\".\"from_user_id\" = 5 OR "
                          "\"social_user_friends\".\"to_user_id\" = 5)");
    EXPECT_EQ(rows("social_user_friends", "from_user_id", "to_user_id"), "1-3 3-1");
}

TEST_F(ManyToManyTest, AtomicBlockLogsOneBegin) {
    auto r = run("from django.db import transaction\nwith transaction.atomic():\n    post.likes.add(minji)\n    post.likes.remove(junho)");
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_EQ(r.queries.size(), 3u);
    EXPECT_EQ(r.queries[0].sql, "BEGIN");
}

TEST_F(ManyToManyTest, PrefetchRelatedRunsTwoQueriesAndServesTheManagers) {
    auto r = run("for p in Post.objects.prefetch_related('likes'):\n    print(p.pk, p.likes.count(), [u.pk for u in p.likes.all()])");
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_EQ(r.queries.size(), 2u);
    EXPECT_EQ(r.queries[1].sql,
              "SELECT (\"social_post_likes\".\"post_id\") AS \"_prefetch_related_val_post_id\", \"social_user\".\"id\", "
              "\"social_user\".\"username\", \"social_user\".\"name\" FROM \"social_user\" INNER JOIN \"social_post_likes\" "
              "ON (\"social_user\".\"id\" = \"social_post_likes\".\"user_id\") WHERE \"social_post_likes\".\"post_id\" IN "
              "(1, 2, 3, 4, 5, 6)");
    EXPECT_EQ(r.output.value_or(""), "1 3 [2, 3, 5]\n2 1 [3]\n3 0 []\n4 4 [1, 2, 4, 5]\n5 1 [1]\n6 0 []\n");
}

TEST_F(ManyToManyTest, CountPerRowIsReportedAsNPlusOne) {
    auto r = run("for p in Post.objects.all():\n    print(p.likes.count())");
    ASSERT_FALSE(r.error) << r.error->message;
    EXPECT_EQ(r.queries.size(), 7u);
    ASSERT_EQ(r.n_plus_one.size(), 1u);
    EXPECT_EQ(r.n_plus_one[0].relation, "likes");
    EXPECT_EQ(r.n_plus_one[0].fix, "annotate(likes_count=Count('likes'))");
}

TEST_F(ManyToManyTest, DeleteCascadesIntoEveryIntermediaryTable) {
    auto r = run("User.objects.get(pk=4).delete()");
    ASSERT_FALSE(r.error) << r.error->message;
    EXPECT_EQ(r.output.value_or(""),
              "(6, {'social.Post_likes': 2, 'social.Tag_posts': 1, 'social.User_follows': 1, 'social.Post': 1, 'social.User': 1})\n");
    auto q = sqls(r);
    ASSERT_EQ(q.size(), 11u);  // ... the intermediary tables, Membership (a custom one), Post, User
    EXPECT_EQ(q[8], "DELETE FROM \"social_membership\" WHERE \"social_membership\".\"user_id\" IN (4)");
    EXPECT_EQ(q[5], "DELETE FROM \"social_user_follows\" WHERE (\"social_user_follows\".\"from_user_id\" IN (4) OR "
                    "\"social_user_follows\".\"to_user_id\" IN (4))");
    EXPECT_EQ(rows("social_post_likes", "post_id", "user_id"), "1-2 1-3 1-5 2-3 4-1 4-2 4-5");
    EXPECT_EQ(rows("social_user_follows", "from_user_id", "to_user_id"), "1-2 1-3 2-1 3-1 3-2 5-1");
}

TEST_F(ManyToManyTest, CustomThroughModelGetsItsDefaults) {
    ASSERT_FALSE(run("from social.models import Group, Membership").error);
    ASSERT_FALSE(run("g = Group.objects.create(name='g')").error);
    auto r = run("g.members.add(minji, junho, through_defaults={'role': 'admin'})");
    ASSERT_FALSE(r.error) << r.error->message;
    EXPECT_EQ(sqls(r), (std::vector<std::string>{
                           "BEGIN",
                           "SELECT \"social_membership\".\"user_id\" FROM \"social_membership\" WHERE "
                           "(\"social_membership\".\"group_id\" = 1 AND \"social_membership\".\"user_id\" IN (1, 2))",
                           "INSERT INTO \"social_membership\" (\"group_id\", \"user_id\", \"role\", \"joined\") SELECT 1, 1, "
                           "'admin', '2024-01-15 12:00:00' UNION ALL SELECT 1, 2, 'admin', '2024-01-15 12:00:00'"}));
    r = run("g.members.add(minji)");  // related already: only the SELECT
    EXPECT_EQ(r.queries.size(), 2u);
    EXPECT_EQ(rows("social_membership", "user_id", "role"), "1-admin 2-admin");
}

TEST_F(ManyToManyTest, MistakesRaiseDjangosErrors) {
    auto r = run("User(username='x', name='y').liked_posts.all()");
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->type, "ValueError");
    EXPECT_EQ(r.error->message,
              "\"<User: x>\" needs to have a value for field \"id\" before this many-to-many relationship can be used.");
    r = run("post.likes.add(Post.objects.get(pk=2))");
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->type, "TypeError");
    EXPECT_EQ(r.error->message, "'User' instance expected, got <Post: 한강에서 치맥 🍗>");
    r = run("post.likes.add('abc')");
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->message, "Field 'id' expected a number but got 'abc'.");
    r = run("minji.liked_posts = []");
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->message, "Direct assignment to the reverse side of a many-to-many set is prohibited. Use liked_posts.set() instead.");
    // Nothing was written by the failed statements.
    EXPECT_EQ(rows("social_post_likes", "post_id", "user_id"), "1-2 1-3 1-5 2-3 4-1 4-2 4-4 4-5 5-1");
}

}  // namespace

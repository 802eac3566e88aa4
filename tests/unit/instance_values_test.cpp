// Model instances' field values (core/orm/instance_values.hpp): a sorted vector that behaves as
// the std::map it replaced, and rows converted only when first used. Converting late must be
// invisible: an instance shows the row as it was loaded, even when the database changed
// since, and writing one field of an unread instance keeps the others.
#include <gtest/gtest.h>

#include "core/gramlab.hpp"
#include "core/orm/instance_values.hpp"
#include "core/shell/interp.hpp"
#include "core/shell/session.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

using gramlab::orm::InstanceValues;
using gramlab::shell::Interp;
using gramlab::shell::StatementResult;

// A source that hands out {"a": index, "c": index * 10} and counts how often it was asked.
class CountingSource final : public InstanceValues::Source {
public:
    mutable int fills = 0;
    void fill(InstanceValues& out, size_t index) const override {
        ++fills;
        out.append_in_order("a", Interp::integer(static_cast<int64_t>(index)));
        out.append_in_order("c", Interp::integer(static_cast<int64_t>(index) * 10));
    }
};

int64_t int_of(const gramlab::shell::Ref& r) { return static_cast<gramlab::shell::IntObj*>(r.get())->value; }

TEST(InstanceValues, BehavesAsASortedMap) {
    InstanceValues v;
    v["m"] = Interp::integer(1);
    v["b"] = Interp::integer(2);
    v.insert_or_assign("x", Interp::integer(3));
    v["b"] = Interp::integer(4);
    ASSERT_EQ(v.size(), 3u);
    std::string keys;
    for (const auto& kv : v) keys += kv.first;
    EXPECT_EQ(keys, "bmx");
    EXPECT_EQ(int_of(v.find("b")->second), 4);
    EXPECT_EQ(v.count("m"), 1u);
    EXPECT_EQ(v.count("zz"), 0u);
    EXPECT_TRUE(v.find("a") == v.end());
    EXPECT_EQ(v.erase("m"), 1u);
    EXPECT_EQ(v.erase("m"), 0u);
    EXPECT_EQ(v.size(), 2u);
    // Out-of-order appends still land in key order.
    v.append_in_order("c", Interp::integer(5));
    keys.clear();
    for (const auto& kv : v) keys += kv.first;
    EXPECT_EQ(keys, "bcx");
}

TEST(InstanceValues, PendingRowIsConvertedOnceAtFirstUse) {
    auto source = std::make_shared<CountingSource>();
    InstanceValues v;
    v.defer_to(source, 7);
    EXPECT_TRUE(v.pending());
    EXPECT_EQ(source->fills, 0);
    EXPECT_EQ(int_of(v.find("c")->second), 70);
    EXPECT_EQ(source->fills, 1);
    EXPECT_FALSE(v.pending());
    EXPECT_EQ(v.size(), 2u);
    EXPECT_EQ(source->fills, 1);

    // Writing one field of an unread row keeps the others.
    InstanceValues w;
    w.defer_to(source, 2);
    w["a"] = Interp::integer(99);
    EXPECT_EQ(source->fills, 2);
    EXPECT_EQ(int_of(w.find("a")->second), 99);
    EXPECT_EQ(int_of(w.find("c")->second), 20);

    // A copy has the values; clear() forgets the row without converting it.
    InstanceValues x;
    x.defer_to(source, 3);
    InstanceValues y = x;
    EXPECT_EQ(source->fills, 3);
    EXPECT_EQ(int_of(y.find("c")->second), 30);
    InstanceValues z;
    z.defer_to(source, 4);
    z.clear();
    EXPECT_TRUE(z.empty());
    EXPECT_EQ(source->fills, 3);
}

struct Shell : gramlab::testing::InstagramShell {
    Shell()
        : InstagramShell({"from instagram.models import *", "from django.db.models import Value",
                          "from django.db.models.functions import Concat"}) {}
    //! Runs one unit that must succeed.
    void run(const std::string& unit) {
        StatementResult r = InstagramShell::run(unit);
        EXPECT_FALSE(r.error) << unit << ": " << r.error->message;
    }
};

TEST(InstanceValues, UnreadInstancesShowTheRowAsLoaded) {
    Shell sh;
    const std::string locations = "[p.location for p in Post.objects.order_by('pk')[:3]]";
    const std::string before = sh.out(locations);
    ASSERT_EQ(before.rfind("[", 0), 0u) << before;
    const std::string authors = "[p.post_author.instagram_id for p in Post.objects.select_related('post_author').order_by('pk')[:3]]";
    const std::string authors_before = sh.out(authors);
    ASSERT_EQ(authors_before.rfind("[", 0), 0u) << authors_before;

    // Loaded, not read, then the rows change underneath.
    sh.run("posts = list(Post.objects.order_by('pk')[:3])");
    sh.run("with_authors = list(Post.objects.select_related('post_author').order_by('pk')[:3])");
    sh.run("Post.objects.update(location='바뀜')");
    sh.run("User.objects.update(instagram_id=Concat('instagram_id', Value('_new')))");
    EXPECT_EQ(sh.out("[p.location for p in posts]"), before);
    EXPECT_EQ(sh.out("[p.post_author.instagram_id for p in with_authors]"), authors_before);
    EXPECT_NE(sh.out(locations), before);
}

TEST(InstanceValues, SavingAnUnreadInstanceKeepsItsOtherFields) {
    Shell sh;
    const std::string row = "Post.objects.filter(pk=1).values('post_content', 'numOfLike', 'post_author_id')";
    const std::string before = sh.out(row);
    sh.run("p = Post.objects.get(pk=1)");
    sh.run("p.location = '제주'");
    sh.run("p.save()");
    EXPECT_EQ(sh.out("Post.objects.get(pk=1).location"), "'제주'\n");
    EXPECT_EQ(sh.out(row), before);
}

}  // namespace

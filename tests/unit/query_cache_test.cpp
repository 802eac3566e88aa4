// The compiled-query cache (core/orm/query_cache.*): a QuerySet built from the model's manager
// by methods with literal arguments reuses the Query and SQL made for the same recipe before.
// Whatever the cache serves must be exactly what a cold session computes: statements that
// differ in any argument (type, order, sign, slice bound, connector) must never share an
// entry, and data written between runs must be seen.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/gramlab.hpp"
#include "core/orm/queryset.hpp"
#include "core/shell/session.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

using gramlab::shell::StatementResult;

struct Shell : gramlab::testing::InstagramShell {
    Shell() : InstagramShell({"from instagram.models import *", "from django.db.models import Q, F, Count, Sum, Max"}) {}
};

// Near-identical statements: each pair differs in one detail a careless key would lose.
const char* const kStatements[] = {
    "Post.objects.filter(pk=1)",
    "Post.objects.filter(pk='1')",
    "Post.objects.filter(pk=1.0)",
    "Post.objects.filter(pk=True)",
    "Post.objects.filter(pk=2)",
    "Post.objects.exclude(pk=1)",
    "Post.objects.filter(pk__in=[1, 2])",
    "Post.objects.filter(pk__in=(1, 2))",
    "Post.objects.filter(pk__in=[1, 2, 3])",
    "Post.objects.filter(pk__in=[12])",
    "Post.objects.filter(pk__in=[1, 2])[:1]",
    "Post.objects.filter(location='')",
    "Post.objects.filter(location=None)",
    "Post.objects.filter(location__isnull=True)",
    "Post.objects.filter(post_content__contains='a:1')",
    "Post.objects.filter(post_content__contains='a')",
    "Post.objects.order_by('upload_time')",
    "Post.objects.order_by('-upload_time')",
    "Post.objects.order_by('upload_time', 'pk')",
    "Post.objects.order_by('upload_time').reverse()",
    "Post.objects.values('location')",
    "Post.objects.values_list('location')",
    "Post.objects.values_list('location', flat=True)",
    "Post.objects.values_list('location', named=True)",
    "Post.objects.filter(Q(pk=1) | Q(pk=2))",
    "Post.objects.filter(Q(pk=1) & Q(pk=2))",
    "Post.objects.filter(~Q(pk=1) | Q(pk=2))",
    "Post.objects.filter(numOfLike__gt=F('pk') + 1)",
    "Post.objects.filter(numOfLike__gt=F('pk') - 1)",
    "Post.objects.annotate(n=Count('comment')).order_by('-n', 'pk')",
    "Post.objects.annotate(n=Count('comment', distinct=True)).order_by('-n', 'pk')",
    "Post.objects.annotate(m=Count('comment')).order_by('-m', 'pk')",
    "Post.objects.all()[1:3]",
    "Post.objects.all()[1:4]",
    "Post.objects.all()[2:3]",
    "Post.objects.all()[1]",
    "Post.objects.all()[2]",
    "Post.objects.all()[::2]",
    "Post.objects.first()",
    "Post.objects.last()",
    "Post.objects.get(pk=1)",
    "Post.objects.get(pk=2)",
    "Post.objects.get(pk=99)",
    "Post.objects.filter(pk=1).count()",
    "Post.objects.filter(pk=1).exists()",
    "Post.objects.filter(pk=99).exists()",
    "Post.objects.none()",
    "Post.objects.select_related('post_author')[:2]",
    "Post.objects.only('location')[:2]",
    "Post.objects.defer('location')[:2]",
    "Post.objects.filter(nosuchfield=1)",
    "Post.objects.filter(pk__in=1)",
    "Post.objects.distinct().count()",
    "Post.objects.aggregate(Sum('numOfLike'), Max('pk'))",
};

TEST(QueryCache, CachedRunsMatchAColdSessionForNearIdenticalStatements) {
    // Cold: each statement once in a fresh session (nothing cached for it yet).
    std::map<std::string, std::string> cold;
    for (const char* s : kStatements) {
        Shell fresh;
        cold[s] = fresh.json(s);
    }
    // Warm: all of them in one session, three rounds, in a different order each round.
    Shell warm;
    std::vector<std::string> order(std::begin(kStatements), std::end(kStatements));
    for (int round = 0; round < 3; ++round) {
        if (round == 1) std::reverse(order.begin(), order.end());
        if (round == 2) std::rotate(order.begin(), order.begin() + static_cast<long>(order.size() / 2), order.end());
        for (const auto& s : order) EXPECT_EQ(warm.json(s), cold[s]) << "round " << round << ": " << s;
    }
}

TEST(QueryCache, RowsWrittenBetweenRunsAreSeen) {
    Shell sh;
    const std::string count = "Post.objects.filter(location='Jeju cache test').count()";
    const std::string rows = "list(Post.objects.filter(location='Jeju cache test').values_list('post_content', flat=True))";
    EXPECT_EQ(sh.run(count).output.value_or(""), "0\n");
    EXPECT_EQ(sh.run(rows).output.value_or(""), "[]\n");
    auto c = sh.run("Post.objects.create(post_author_id=1, location='Jeju cache test', post_content='바다')");
    ASSERT_FALSE(c.error) << c.error->message;
    EXPECT_EQ(sh.run(count).output.value_or(""), "1\n");
    EXPECT_EQ(sh.run(rows).output.value_or(""), "['바다']\n");
    ASSERT_FALSE(sh.run("Post.objects.filter(location='Jeju cache test').delete()").error);
    EXPECT_EQ(sh.run(count).output.value_or(""), "0\n");
}

TEST(QueryCache, VariablesAndInstancesAreReadAtEveryRun) {
    Shell sh;
    // The same text with other values behind its names: never the earlier result.
    sh.run("n = 1");
    const std::string by_var = "Post.objects.filter(pk=n).values_list('pk', flat=True)";
    EXPECT_EQ(sh.run(by_var).output.value_or(""), "<QuerySet [1]>\n");
    sh.run("n = 2");
    EXPECT_EQ(sh.run(by_var).output.value_or(""), "<QuerySet [2]>\n");
    // A model instance argument, and a related manager, follow the instance.
    const std::string by_author = "Post.objects.filter(post_author=u).count()";
    const std::string related = "u.posts.count()";
    sh.run("u = User.objects.get(pk=1)");
    std::string first_author = sh.run(by_author).output.value_or("");
    std::string first_related = sh.run(related).output.value_or("");
    EXPECT_EQ(first_author, first_related);
    sh.run("u = User.objects.get(pk=2)");
    Shell cold;
    cold.run("u = User.objects.get(pk=2)");
    EXPECT_EQ(sh.run(by_author).output.value_or(""), cold.run(by_author).output.value_or(""));
    EXPECT_EQ(sh.run(related).output.value_or(""), cold.run(related).output.value_or(""));
}

TEST(QueryCache, ErrorsAreRaisedEveryTime) {
    Shell sh;
    for (int i = 0; i < 3; ++i) {
        auto r = sh.run("Post.objects.filter(nosuchfield=1).count()");
        ASSERT_TRUE(r.error);
        EXPECT_EQ(r.error->type, "django.core.exceptions.FieldError");
        auto g = sh.run("Post.objects.get(pk=99)");
        ASSERT_TRUE(g.error);
        EXPECT_EQ(g.error->type, "instagram.models.Post.DoesNotExist");
    }
}

TEST(QueryCache, DerivingAQuerySetNeverChangesTheOneItCameFrom) {
    // QuerySets made from the cache, and every QuerySet of a manager, share one Query until
    // one of them changes it (SharedQuery): derive from each in every way that changes a
    // Query, then check the originals, the manager and a cold session still agree.
    Shell sh;
    Shell cold;
    const std::vector<std::string> held = {"a = Post.objects.filter(pk=1)", "r = Post.objects.all()",
                                           "v = Post.objects.values('location')"};
    for (const auto& h : held) ASSERT_FALSE(sh.run(h).error || cold.run(h).error) << h;
    auto sql = [&](Shell& s, const std::string& expr) { return s.run("str(" + expr + ".query)").output.value_or("?"); };
    const std::string a0 = sql(sh, "a"), r0 = sql(sh, "r"), v0 = sql(sh, "v");
    for (const char* derive :
         {"a.order_by('-pk')[:1]", "a.exclude(pk=2).distinct()", "a.reverse()", "a.only('location')", "a.defer('location')",
          "a.select_related('post_author')", "a.annotate(n=Count('comment'))", "a.values_list('pk', flat=True)",
          "r.filter(pk=2)", "r.none()", "r[1:2]", "r.order_by('upload_time').reverse()", "v.filter(pk=1)",
          "Post.objects.filter(pk=1).order_by('pk')", "Post.objects.all().select_related('post_author')[:3]",
          "Post.objects.filter(pk=1).first()", "Post.objects.filter(pk=1).last()", "Post.objects.filter(pk=1).latest('upload_time')",
          "Post.objects.get(pk=1)", "Post.objects.filter(pk=1).count()", "Post.objects.prefetch_related('comment_set').filter(pk=1)[0]"}) {
        auto d = sh.run(std::string("x = ") + derive);
        ASSERT_FALSE(d.error) << derive << ": " << d.error->message;
        ASSERT_EQ(sql(sh, "a"), a0) << "after " << derive;
        ASSERT_EQ(sql(sh, "r"), r0) << "after " << derive;
        ASSERT_EQ(sql(sh, "v"), v0) << "after " << derive;
        ASSERT_EQ(sql(sh, "Post.objects.filter(pk=1)"), a0) << "after " << derive;
        ASSERT_EQ(sql(sh, "Post.objects.all()"), r0) << "after " << derive;
        ASSERT_EQ(sh.json(std::string("list(") + derive + ")" ), cold.json(std::string("list(") + derive + ")")) << derive;
    }
    EXPECT_EQ(a0, sql(cold, "Post.objects.filter(pk=1)"));
    EXPECT_EQ(r0, sql(cold, "Post.objects.all()"));
}

TEST(QueryCache, SharedQueryCopiesBeforeTheFirstChangeOnlyWhenShared) {
    gramlab::Project project{gramlab::testing::instagram_project()};
    ASSERT_TRUE(project.apps().ok());
    const gramlab::models::ModelDef* post = project.apps().value().get_model("instagram.Post");
    ASSERT_NE(post, nullptr);
    gramlab::orm::SharedQuery root(std::make_shared<gramlab::orm::Query>(post));
    gramlab::orm::SharedQuery held = root;
    const gramlab::orm::Query* before = &*root;
    held.mut().distinct = true;                 // shared: held gets its own copy first
    EXPECT_FALSE(root->distinct);
    EXPECT_TRUE(held->distinct);
    EXPECT_NE(&*held, before);
    EXPECT_EQ(&*root, before);
    const gramlab::orm::Query* own = &*held;
    held.mut().empty = true;                    // no longer shared: changed in place
    EXPECT_EQ(&*held, own);
    EXPECT_FALSE(root->empty);
}

}  // namespace

namespace {

// `x.name(...)` calls a manager's or QuerySet's method without making a bound method
// (Object::find_method). It must find exactly what getattr would bind: anything that makes
// getattr answer differently (an attribute set on the manager, the learner's own manager
// method) must still win, and the result must be the bound method's.
TEST(MethodCalls, CallingAMethodDirectlyMatchesCallingItsBoundMethod) {
    Shell sh;
    const std::vector<std::pair<std::string, std::string>> same = {
        {"Post.objects.get(pk=1)", "m = Post.objects.get\nm(pk=1)"},
        {"Post.objects.filter(pk__in=[1, 2]).count()", "m = Post.objects.filter(pk__in=[1, 2]).count\nm()"},
        {"Post.objects.all().order_by('-pk').first()", "m = Post.objects.all().order_by\nm('-pk').first()"},
        {"Post.objects.get(pk=99)", "m = Post.objects.get\nm(pk=99)"},
        {"User.objects.get_by_natural_key('nosuchuser')", "m = User.objects.get_by_natural_key\nm('nosuchuser')"},
    };
    for (const auto& [direct, bound] : same) {
        auto a = sh.run(direct);
        Shell other;
        std::vector<StatementResult> b = other.session->run(bound);
        ASSERT_EQ(b.size(), 2u) << bound;
        EXPECT_EQ(a.output, b[1].output) << direct;
        EXPECT_EQ(a.error.has_value(), b[1].error.has_value()) << direct;
        if (a.error && b[1].error) {
            EXPECT_EQ(a.error->message, b[1].error->message) << direct;
        }
    }
}

TEST(MethodCalls, AnAttributeSetOnTheManagerHidesTheMethodOfTheSameName) {
    Shell sh;
    ASSERT_EQ(sh.run("Post.objects.count()").output.value_or(""), sh.run("Post.objects.all().count()").output.value_or("?"));
    ASSERT_FALSE(sh.run("Post.objects.count = 5").error);
    auto r = sh.run("Post.objects.count()");
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->type, "TypeError");
    EXPECT_EQ(r.error->message, "'int' object is not callable");
    EXPECT_EQ(sh.run("Post.objects.count").output.value_or(""), "5\n");
    // The QuerySet's own method is untouched.
    EXPECT_FALSE(sh.run("Post.objects.all().count()").error);
}

}  // namespace

namespace {

// Django's QuerySet methods gramlab does not run yet are still attributes of every QuerySet
// and manager (hasattr is true, as in Django) and say so when called: never an
// AttributeError claiming Django has no such method, never a wrong result.
TEST(MethodCalls, DjangoMethodsNotDoneYetSayNotSupportedWhenCalled) {
    Shell sh;
    for (const char* m : {"extra", "as_manager"}) {
        for (const std::string receiver : {"Post.objects", "Post.objects.all()"}) {
            EXPECT_EQ(sh.out("hasattr(" + receiver + ", '" + m + "')"), "True\n") << receiver << "." << m;
            auto r = sh.run(receiver + "." + m + "()");
            ASSERT_TRUE(r.error) << receiver << "." << m;
            EXPECT_EQ(r.error->type, "NotImplementedError") << receiver << "." << m;
            EXPECT_EQ(r.error->message, std::string("QuerySet.") + m + "() is not supported in gramlab");
            EXPECT_TRUE(r.queries.empty());
        }
    }
    EXPECT_EQ(sh.out("Post.objects.nosuch"), "error: AttributeError: 'Manager' object has no attribute 'nosuch'");
    EXPECT_EQ(sh.out("Post.objects.all().nosuch"), "error: AttributeError: 'QuerySet' object has no attribute 'nosuch'");
}

}  // namespace

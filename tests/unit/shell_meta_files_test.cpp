// Bad input to the shell's Model._meta (Options, field objects), FieldFile values, bound
// methods of QuerySet/Model/Manager and aggregate() over a subquery: every mistake ends as a
// Python exception (or works), never as a crash; the differential corpus covers the happy paths.
#include <gtest/gtest.h>

#include "core/gramlab.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

using gramlab::shell::StatementResult;

class ShellMetaFiles : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(sh_.ready()); }
    StatementResult run(const std::string& unit) { return sh_.run(unit); }
    std::string ok(const std::string& unit) {
        auto r = run(unit);
        EXPECT_FALSE(r.error) << unit << "\n  -> " << r.error->type << ": " << r.error->message;
        return r.output.value_or("");
    }
    std::string error_type(const std::string& unit) {
        auto r = run(unit);
        EXPECT_TRUE(r.error) << unit << " raised nothing";
        return r.error ? r.error->type : "";
    }
    gramlab::testing::InstagramShell sh_{{"from instagram.models import *", "from django.db.models import F, Q, Count, Sum, Avg"}};
};

TEST_F(ShellMetaFiles, OptionsAndFieldsRejectBadArguments) {
    EXPECT_EQ(error_type("Post._meta.get_field()"), "TypeError");
    EXPECT_EQ(error_type("Post._meta.get_field('a', 'b')"), "TypeError");
    EXPECT_EQ(error_type("Post._meta.get_field(1)"), "django.core.exceptions.FieldDoesNotExist");
    EXPECT_EQ(error_type("Post._meta.get_field('')"), "django.core.exceptions.FieldDoesNotExist");
    EXPECT_EQ(error_type("Post._meta.get_fields(1, 2, 3)"), "TypeError");
    EXPECT_EQ(error_type("Post._meta.nope"), "AttributeError");
    EXPECT_EQ(error_type("Post._meta.get_field('location').nope"), "AttributeError");
    EXPECT_EQ(error_type("Post._meta.get_field('comment').nope"), "AttributeError");
    EXPECT_EQ(ok("Post._meta.get_field('post_author_id')"), "<django.db.models.fields.related.ForeignKey: post_author>\n");
    EXPECT_EQ(ok("Post._meta.get_field('post_author').remote_field"), "<ManyToOneRel: instagram.post>\n");
    EXPECT_EQ(ok("Post._meta.get_field('location') == Post._meta.get_field('location')"), "True\n");
    EXPECT_EQ(ok("len(set(Post._meta.get_fields()))"), "9\n");
    EXPECT_EQ(ok("Post._meta.get_field('post_author').get_internal_type"),
              "<bound method ForeignKey.get_internal_type of <django.db.models.fields.related.ForeignKey: post_author>>\n");
}

TEST_F(ShellMetaFiles, FieldFileSurvivesOddNamesAndAssignments) {
    ok("p = Profile.objects.get(pk=1)");
    ok("f = p.profile_picture");
    EXPECT_EQ(error_type("f.nope"), "AttributeError");
    EXPECT_EQ(error_type("f.size"), "NotImplementedError");
    EXPECT_EQ(error_type("f.open()"), "NotImplementedError");
    EXPECT_EQ(error_type("f.width = 3"), "AttributeError");
    ok("f.name = 5");  // not a str: reads as an empty file, no crash
    EXPECT_EQ(ok("bool(f)"), "False\n");
    EXPECT_EQ(ok("str(f)"), "''\n");
    ok("f.name = '\\x00%s\\'; DROP TABLE x; --'");
    EXPECT_EQ(ok("f.url"), "\"/%00%25s'%3B%20DROP%20TABLE%20x%3B%20--\"\n");
    ok("p.profile_picture = Profile.objects.get(pk=3).profile_picture");  // a FieldFile stores its name
    EXPECT_EQ(ok("type(p.profile_picture.name) is str or p.profile_picture.name is None"), "True\n");
}

TEST_F(ShellMetaFiles, BoundMethodsStillCall) {
    ok("m = Post.objects.filter(pk=3).count");
    EXPECT_EQ(ok("m()"), "1\n");
    EXPECT_EQ(ok("Post.objects.count()"), "12\n");
    EXPECT_EQ(ok("Post.objects.all().filter(pk=3).exists()"), "True\n");
    EXPECT_EQ(ok("callable(Post.objects.filter)"), "True\n");
}

TEST_F(ShellMetaFiles, AggregateOverSubqueryRejectsWhatDjangoRejects) {
    EXPECT_EQ(error_type("Post.objects.annotate(n=Count('comment')).aggregate(Avg('nope'))"),
              "django.core.exceptions.FieldError");
    // Positional with filter=: two source expressions, no default alias (Aggregate.default_alias).
    EXPECT_EQ(error_type("Post.objects.all()[:3].aggregate(Sum('numOfLike', filter=Q(pk=1)))"), "TypeError");
    // A filter that is itself a subquery is not rewritten over the subquery yet: said plainly.
    EXPECT_EQ(error_type("Post.objects.all()[:3].aggregate(s=Sum('numOfLike', filter=Q(pk__in=Post.objects.all())))"),
              "NotImplementedError");
    EXPECT_EQ(ok("Post.objects.all()[:0].aggregate(Sum('numOfLike'))"), "{'numOfLike__sum': None}\n");
    EXPECT_EQ(ok("Post.objects.none().distinct().aggregate(n=Count('pk'))"), "{'n': 0}\n");
}

}  // namespace

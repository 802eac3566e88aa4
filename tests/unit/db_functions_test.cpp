// django.db.models.functions in the shell (core/orm/db_functions.cpp, the SQLite functions of
// core/backends/sqlite/python_functions.cpp): what the differential corpus (33_functions) cannot
// hold, because real Django has it and gramlab does not (names Django has are "not supported in
// gramlab", never an ImportError claiming Django lacks them), and the Python semantics of the
// SQLite functions at their edges (NULL through, int ** int exact, domain errors raised).
#include <gtest/gtest.h>

#include "core/shell/session.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

class DbFunctions : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(sh_.ready()); }
    std::string out(const std::string& unit) { return sh_.console(unit); }
    gramlab::testing::InstagramShell sh_{{"from instagram.models import *", "from django.db.models import Value, F",
                                          "from django.db.models.functions import *"}};
};

TEST_F(DbFunctions, NamesDjangoHasAreNotSupportedNotMissing) {
    EXPECT_EQ(out("from django.db.models.functions import JSONObject"),
              "NotImplementedError: 'JSONObject' from 'django.db.models.functions' is not supported in gramlab\n");
    EXPECT_EQ(out("from django.db.models import FilteredRelation"),
              "NotImplementedError: 'FilteredRelation' from 'django.db.models' is not supported in gramlab\n");
    EXPECT_EQ(out("import django.db.models.aggregates"),
              "NotImplementedError: the module 'django.db.models.aggregates' is not supported in gramlab\n");
    EXPECT_EQ(out("from django.db import models\nmodels.FilteredRelation"),
              "NotImplementedError: django.db.models.FilteredRelation is not supported in gramlab\n");
    // A name Django does not have stays Python's ImportError / AttributeError.
    EXPECT_EQ(out("from django.db.models.functions import NoSuchFunction"),
              "ImportError: cannot import name 'NoSuchFunction' from 'django.db.models.functions'\n");
    EXPECT_EQ(out("from django.db import models\nmodels.NoSuchThing"),
              "AttributeError: module 'django.db.models' has no attribute 'NoSuchThing'\n");
}

TEST_F(DbFunctions, SqliteFunctionsHavePythonSemantics) {
    auto one = [&](const std::string& expr) {
        return out("Post.objects.annotate(x=" + expr + ").values_list('x', flat=True)[:1]");
    };
    EXPECT_EQ(one("Power(Value(2), Value(62))"), "<QuerySet [4.611686018427388e+18]>\n");  // FloatField output
    EXPECT_EQ(one("Power(Value(2), Value(64))"), "django.db.utils.DataError: string or blob too big\n");  // int too wide for SQLite
    EXPECT_EQ(one("Power(Value(0), Value(-1))"), "django.db.utils.OperationalError: user-defined function raised exception\n");
    EXPECT_EQ(one("Power(Value(-8), Value(0.5))"), "django.db.utils.OperationalError: user-defined function raised exception\n");
    EXPECT_EQ(one("Sqrt(Value(None))"), "<QuerySet [None]>\n");
    EXPECT_EQ(one("Sqrt(Value('a'))"), "django.db.utils.OperationalError: user-defined function raised exception\n");
    EXPECT_EQ(one("Mod(Value(7), Value(0))"), "django.db.utils.OperationalError: user-defined function raised exception\n");
    EXPECT_EQ(one("Log(Value(1), Value(8))"), "django.db.utils.OperationalError: user-defined function raised exception\n");
    EXPECT_EQ(one("Cot(Value(0))"), "django.db.utils.OperationalError: user-defined function raised exception\n");
    EXPECT_EQ(one("ACos(Value(2))"), "django.db.utils.OperationalError: user-defined function raised exception\n");
    EXPECT_EQ(one("Ceil(Value(2.5))"), "<QuerySet [3.0]>\n");
    EXPECT_EQ(one("Sign(Value(-4))"), "<QuerySet [-1]>\n");
    // LPAD/RPAD count characters, not bytes; the fill repeats and is cut.
    EXPECT_EQ(one("LPad(Value('서울'), 5, Value('ab'))"), "<QuerySet ['aba서울']>\n");
    EXPECT_EQ(one("RPad(Value('서울'), 1)"), "<QuerySet ['서']>\n");
    EXPECT_EQ(one("Reverse(Value('가나다'))"), "<QuerySet ['다나가']>\n");
    // A result Python would build but a browser tab cannot hold is refused, not allocated.
    EXPECT_EQ(one("Repeat(Value('x'), 100000000)"), "django.db.utils.OperationalError: user-defined function raised exception\n");
}

TEST_F(DbFunctions, KindsReachSqlOnlyWhenTheyAreWords) {
    // Extract and Trunc write their kind into the SQL as a literal: Django's
    // extract_trunc_lookup_pattern refuses anything but [\w\-_()]+ (CVE-2022-34265).
    EXPECT_EQ(out("Post.objects.annotate(x=Extract('upload_time', \"year', 'x') --\")).first()"),
              "ValueError: Invalid lookup_name: year', 'x') --\n");
    EXPECT_EQ(out("Post.objects.annotate(x=Trunc('upload_time', \"day'\")).first()"), "ValueError: Invalid kind: day'\n");
    EXPECT_EQ(out("Post.objects.count()"), "12\n");
}

}  // namespace

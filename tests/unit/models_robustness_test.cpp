// Bad input never crashes the model layer: seeded random mutations of every models.py in
// the differential corpus go through check and makemigrations (run under ASan/UBSan in the
// dev preset), and import-time errors are reported with the file, line and caret.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/gramlab.hpp"

namespace fs = std::filesystem;
using namespace gramlab;

namespace {

ProjectFiles single_file(const std::string& text) {
    ProjectFiles pf;
    pf.app_label = "app";
    pf.migrations_dir = "app/migrations";
    pf.model_files.push_back({"models", "app/models.py", text});
    return pf;
}

std::vector<std::string> corpus() {
    std::vector<std::string> out;
    fs::path root = fs::path(GRAMLAB_SOURCE_DIR) / "tests" / "differential" / "models";
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(root, ec)) {
        std::ifstream in(e.path() / "models.py", std::ios::binary);
        if (!in) continue;
        std::ostringstream ss;
        ss << in.rdbuf();
        out.push_back(ss.str());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST(ModelsRobustnessTest, RandomMutationsNeverCrash) {
    auto files = corpus();
    ASSERT_GE(files.size(), 30u);
    std::mt19937 rng(20261126);
    const std::string alphabet = "()[]{}:=,.'\"\\#\n \t_abcXYZ019+-*/%&|~<>@한글\x00\xff";
    int reported = 0, runs = 0;
    for (const auto& original : files) {
        for (int i = 0; i < 8; ++i) {
            std::string text = original;
            int edits = 1 + static_cast<int>(rng() % 4);
            for (int e = 0; e < edits && !text.empty(); ++e) {
                size_t pos = rng() % text.size();
                switch (rng() % 3) {
                    case 0: text.erase(pos, 1 + rng() % 8); break;
                    case 1: text.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
                    default: text[pos] = alphabet[rng() % alphabet.size()]; break;
                }
            }
            Project p(single_file(text));
            CommandResult c = p.check();
            CommandResult m = p.makemigrations({});
            ++runs;
            if (c.exit_code != 0) {
                ++reported;
                EXPECT_FALSE(c.err.empty()) << "a failing check must say why";
            }
            (void)m;
        }
    }
    EXPECT_GT(reported, runs / 4) << "most mutations should be reported as errors";
}

TEST(ModelsErrorTest, SyntaxErrorPointsAtLineAndColumn) {
    Project p(single_file("from django.db import models\n\nclass Post(models.Model)\n    title = 1\n"));
    CommandResult r = p.check();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err,
              "Traceback (most recent call last):\n"
              "  File \"app/models.py\", line 3, column 25\n"
              "    class Post(models.Model)\n"
              "                            ^\n"
              "SyntaxError: expected ':'\n");
}

TEST(ModelsErrorTest, ForeignKeyWithoutOnDeleteIsDjangosTypeError) {
    Project p(single_file("from django.db import models\n\nclass A(models.Model):\n    pass\n\n"
                          "class B(models.Model):\n    a = models.ForeignKey(A)\n"));
    CommandResult r = p.check();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("  File \"app/models.py\", line 7, column 9, in <module>\n    a = models.ForeignKey(A)\n        ^^^^^^^^^^^^^^^^^^^^\n"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("TypeError: ForeignKey.__init__() missing 1 required positional argument: 'on_delete'\n"),
              std::string::npos);
}

TEST(ModelsErrorTest, UnknownNameAndUnknownFieldClass) {
    CommandResult r1 = Project(single_file("from django.db import models\nclass A(models.Model):\n    b = Foo()\n")).check();
    EXPECT_NE(r1.err.find("NameError: name 'Foo' is not defined"), std::string::npos) << r1.err;
    CommandResult r2 =
        Project(single_file("from django.db import models\nclass A(models.Model):\n    b = models.CharFeild(max_length=3)\n"))
            .check();
    EXPECT_NE(r2.err.find("AttributeError: module 'django.db.models' has no attribute 'CharFeild'"), std::string::npos)
        << r2.err;
}

TEST(ModelsErrorTest, EmptyAndHugeInputs) {
    EXPECT_EQ(Project(single_file("")).check().exit_code, 0);
    std::string huge = "from django.db import models\n";
    for (int i = 0; i < 2000; ++i)
        huge += "class M" + std::to_string(i) + "(models.Model):\n    name = models.CharField(max_length=10)\n";
    Project p(single_file(huge));
    EXPECT_EQ(p.check().exit_code, 0);
}

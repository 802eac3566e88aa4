// The shell's limits through the facade on the Instagram example: the time budget, the memory
// budget and the interrupt flag (the UI's Stop) each end a runaway statement with a clear
// error and leave the database exactly as it was before that statement; and an injection
// corpus (quotes, comments, `'; DROP TABLE ...`, NUL bytes, %-sequences, huge and invalid
// UTF-8 strings) used as values, lookups and field names leaves every table intact, because
// values only reach SQLite as bound parameters and names are checked against the models.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "core/gramlab.hpp"
#include "tests/unit/instagram_workspace.hpp"

namespace {

using gramlab::shell::StatementResult;

class ShellLimits : public ::testing::Test {
protected:
    void open(gramlab::shell::SessionOptions so) {
        conn_ = gramlab::testing::instagram_database(project_);
        ASSERT_TRUE(conn_);
        so.interrupt = &stop_;
        session_ = project_.shell(*conn_, so);
        ASSERT_TRUE(session_);
        ok("from instagram.models import *");
        ok("from django.db.models import F, Q");
    }
    StatementResult run(const std::string& unit) { return session_->run_units({unit})[0]; }
    std::string ok(const std::string& unit) {
        auto r = run(unit);
        EXPECT_FALSE(r.error) << unit << "\n  -> " << r.error->type << ": " << r.error->message;
        return r.output.value_or("");
    }
    //! Every table's name, schema and row count: what "intact" means.
    std::string snapshot() {
        std::string out;
        auto tables = conn_->query("SELECT name, sql FROM sqlite_master ORDER BY name");
        EXPECT_TRUE(tables.ok());
        for (const auto& row : tables.value()) {
            out += row[0].text + " | " + row[1].text;
            if (!row[1].is_none() && row[1].text.rfind("CREATE TABLE", 0) == 0) {
                auto n = conn_->query("SELECT COUNT(*) FROM \"" + row[0].text + "\"");
                EXPECT_TRUE(n.ok());
                out += " | " + std::to_string(n.value()[0][0].as_int().value_or(-1));
            }
            out += "\n";
        }
        return out;
    }
    gramlab::Project project_{gramlab::testing::instagram_project()};
    std::unique_ptr<gramlab::db::Connection> conn_;
    std::unique_ptr<gramlab::shell::Session> session_;
    std::atomic<bool> stop_{false};
};

TEST_F(ShellLimits, TimeBudgetEndsTheStatementAndUndoesIt) {
    auto so = gramlab::testing::pinned_options();
    so.time_budget_ms = 200;
    open(so);
    std::string before = snapshot();
    // A query per iteration: the time budget ends it long before the loop-iteration cap
    // (a bare `pass` loop reached 10M iterations within 200 ms in a release build).
    auto r = run("Post.objects.create(post_author_id=1, post_content='kept?')\nwhile True:\n    Post.objects.filter(pk=1).exists()\n");
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->type, "RuntimeError");
    EXPECT_EQ(r.error->message, "the statement ran longer than the shell's time budget (200 ms) and was stopped");
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(ok("Post.objects.filter(post_content='kept?').count()"), "0\n");
}

TEST_F(ShellLimits, LoopIterationCapEndsTheStatementAndUndoesIt) {
    auto so = gramlab::testing::pinned_options();
    so.time_budget_ms = 60000;
    so.max_loop_iterations = 100000;
    open(so);
    std::string before = snapshot();
    auto r = run("Post.objects.create(post_author_id=1, post_content='kept?')\nwhile True:\n    pass\n");
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->type, "RuntimeError");
    EXPECT_EQ(r.error->message, "the statement ran more loop iterations than the shell's budget allows");
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(ok("Post.objects.filter(post_content='kept?').count()"), "0\n");
    // Under the cap a loop runs to its end and its writes stay.
    EXPECT_EQ(ok("for i in range(3):\n    p = Post.objects.create(post_author_id=1, post_content='kept?')\n"), "");
    EXPECT_EQ(ok("Post.objects.filter(post_content='kept?').count()"), "3\n");
}

TEST_F(ShellLimits, MemoryBudgetEndsTheStatementAndUndoesIt) {
    auto so = gramlab::testing::pinned_options();
    so.memory_budget_bytes = 16ll << 20;
    open(so);
    std::string before = snapshot();
    auto r = run("Post.objects.filter(pk=1).update(post_content='changed')\nx = []\nwhile True:\n    x.append('a' * 10000)\n");
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->type, "MemoryError");
    EXPECT_EQ(r.error->message, "the statement used more memory than the shell's memory budget (16 MB) and was stopped");
    EXPECT_EQ(snapshot(), before);
    EXPECT_NE(ok("Post.objects.get(pk=1).post_content"), "'changed'\n");
    // One huge allocation is refused before it is made.
    auto big = run("'x' * (1 << 40)");
    ASSERT_TRUE(big.error);
    EXPECT_EQ(big.error->type, "MemoryError");
    // The session goes on.
    EXPECT_EQ(ok("1 + 1"), "2\n");
}

// The flag set while a statement runs (from the UI thread natively; in the browser the
// worker's message handler sets it between slices, see docs/js-api.md).
#ifndef __EMSCRIPTEN__
TEST_F(ShellLimits, InterruptStopsAStatementAndUndoesIt) {
    auto so = gramlab::testing::pinned_options();
    so.time_budget_ms = 60000;
    so.max_loop_iterations = 1'000'000'000'000;  // the interrupt, not the iteration cap, must end it
    open(so);
    std::string before = snapshot();
    std::thread stopper([this] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        stop_ = true;
    });
    auto r = run("Comment.objects.all().delete()\nn = 0\nwhile True:\n    n += 1\n");
    stopper.join();
    stop_ = false;
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->type, "KeyboardInterrupt");
    EXPECT_EQ(snapshot(), before);
    EXPECT_NE(ok("Comment.objects.count()"), "0\n");
}
#endif

TEST_F(ShellLimits, InterruptSetBeforeTheFirstQueryUndoesEverything) {
    open(gramlab::testing::pinned_options());
    std::string before = snapshot();
    stop_ = true;
    auto r = run("Comment.objects.all().delete()");
    stop_ = false;
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->type, "KeyboardInterrupt");
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(ok("Comment.objects.count() > 0"), "True\n");
}

// The polled stop (how the browser's worker sees the page's Stop button: one poll every few
// hundred interpreter steps and every few thousand SQLite opcodes): the statement ends, the
// database is as before, and the session's variables are still there afterwards.
TEST_F(ShellLimits, PolledStopEndsLoopsAndQueriesAndKeepsTheSession) {
    auto so = gramlab::testing::pinned_options();
    so.time_budget_ms = 60000;
    int polls = 0;
    bool stop_after_polls = false;
    so.poll_stop = [&] { return stop_after_polls && ++polls > 3; };
    open(so);
    ok("kept = 41");
    std::string before = snapshot();
    stop_after_polls = true;
    auto loop = run("Comment.objects.all().delete()\nwhile True:\n    pass\n");
    ASSERT_TRUE(loop.error);
    EXPECT_EQ(loop.error->type, "KeyboardInterrupt");
    EXPECT_EQ(snapshot(), before);
    EXPECT_GT(polls, 3);
    // A statement that ends before the next poll is not touched by an old answer.
    polls = 0;
    auto update = run("Post.objects.filter(pk=1).update(post_content='changed')\nwhile True:\n    pass\n");
    ASSERT_TRUE(update.error);
    EXPECT_EQ(update.error->type, "KeyboardInterrupt");
    EXPECT_EQ(snapshot(), before);
    stop_after_polls = false;
    EXPECT_EQ(ok("kept + 1"), "42\n");
    EXPECT_NE(ok("Post.objects.get(pk=1).post_content"), "'changed'\n");
}

// One slow query, not a loop: only SQLite's progress handler can stop it (the interpreter
// gets no step in between). The handler is installed once per session and reinstalled when
// another session on the same connection took it over; between statements it lets anything
// run, however long, so a finished statement's deadline never stops later work.
TEST_F(ShellLimits, TimeBudgetStopsOneSlowQueryInEverySessionOnTheConnection) {
    auto so = gramlab::testing::pinned_options();
    so.time_budget_ms = 100;
    open(so);
    // 1500 posts by one author: the three-level self join below has 1500^3 rows to count.
    ASSERT_TRUE(conn_->execute_script(
                         "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500) "
                         "INSERT INTO instagram_post (post_author_id, location, \"numOfLike\", post_content, is_comment, "
                         "upload_time) SELECT 1, 'here', 0, 'p', 1, '2024-01-15 12:00:00' FROM c")
                    .ok());
    const std::string slow = "Post.objects.filter(post_author__posts__post_author__posts__post_author__posts__numOfLike=0).count()";
    const std::string message = "the statement ran longer than the shell's time budget (100 ms) and was stopped";
    auto first = run(slow);
    ASSERT_TRUE(first.error);
    EXPECT_EQ(first.error->type, "RuntimeError");
    EXPECT_EQ(first.error->message, message);
    EXPECT_EQ(first.queries.size(), 1u);
    // A second session on the same connection takes the handler over, and is stopped too.
    auto other = project_.shell(*conn_, so);
    ASSERT_TRUE(other);
    ASSERT_FALSE(other->run_units({"from instagram.models import *"})[0].error);
    auto second = other->run_units({slow})[0];
    ASSERT_TRUE(second.error);
    EXPECT_EQ(second.error->message, message);
    // The first session gets it back for its next statement.
    auto again = run(slow);
    ASSERT_TRUE(again.error);
    EXPECT_EQ(again.error->message, message);
    // Between statements the connection runs long SQL to its end (both deadlines have passed).
    auto n = conn_->query(
        "SELECT COUNT(*) FROM instagram_post a, instagram_post b WHERE a.post_author_id = 1 AND b.post_author_id = 1");
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_GE(n.value()[0][0].as_int().value_or(0), 1500 * 1500);
    other.reset();
    EXPECT_EQ(ok("1 + 1"), "2\n");
    auto last = run(slow);
    ASSERT_TRUE(last.error);
    EXPECT_EQ(last.error->message, message);
}

// raw() runs the learner's own SQL, but only one statement of it: a second statement after a
// ';' or hidden behind a NUL byte is refused before anything runs; parameters stay bound.
TEST_F(ShellLimits, RawSqlRunsOneStatementAndBindsItsParameters) {
    open(gramlab::testing::pinned_options());
    std::string before = snapshot();
    const std::vector<std::pair<std::string, std::string>> refused = {
        {R"('SELECT * FROM instagram_post; DROP TABLE instagram_post')", "You can only execute one statement at a time."},
        {R"('SELECT * FROM instagram_post\x00; DROP TABLE instagram_post')", "the query contains a null character"},
    };
    for (const auto& [sql, message] : refused) {
        auto r = run("list(Post.objects.raw(" + sql + "))");
        ASSERT_TRUE(r.error) << sql;
        EXPECT_EQ(r.error->type, "django.db.utils.ProgrammingError") << sql;
        EXPECT_EQ(r.error->message, message) << sql;
    }
    EXPECT_EQ(ok("list(Post.objects.raw('SELECT * FROM instagram_post WHERE post_content = %s', "
                 "[\"'; DROP TABLE instagram_post; --\"]))"),
              "[]\n");
    EXPECT_EQ(ok("len(Post.objects.raw('SELECT * FROM instagram_post WHERE post_content LIKE %s', ['%김%' * 5000]))"), "0\n");
    EXPECT_EQ(snapshot(), before);
}

// Each value goes through create / filter / exclude / contains / update / get and comes back
// equal; the same text as a field name or order_by/values argument is a FieldError.
TEST_F(ShellLimits, InjectionCorpusLeavesEveryTableIntact) {
    open(gramlab::testing::pinned_options());
    const std::vector<std::string> corpus = {
        R"('x')",
        R"("'")",
        R"('"')",
        R"("'; DROP TABLE instagram_post; --")",
        R"('"; DROP TABLE "instagram_user"; --')",
        R"("1' OR '1'='1")",
        R"("1 OR 1=1")",
        R"('/* comment */ --')",
        R"('a\x00b')",
        R"('\x00')",
        R"('%s')",
        R"('%%s %d %')",
        R"('\\')",
        R"("\\'")",
        R"('_%')",
        R"('ab' * 20000)",
        R"('김민지의 게시물 😀')",
        R"(b'\xff\xfe\xc3'.decode('utf-8', 'replace'))",
        R"('\ud800')",
        R"('); DELETE FROM instagram_user WHERE (1=1')",
        R"('\r\n;\t')",
    };
    std::string before = snapshot();
    int created = 0;
    for (const auto& v : corpus) {
        SCOPED_TRACE(v);
        auto set = run("s = " + v);
        if (set.error) {  // e.g. a lone surrogate the shell rejects: must be a clean error
            EXPECT_FALSE(set.error->type.empty());
            continue;
        }
        ok("p = Post.objects.create(post_author_id=1, post_content=s)");
        ++created;
        EXPECT_EQ(ok("Post.objects.get(pk=p.pk).post_content == s"), "True\n");
        EXPECT_EQ(ok("Post.objects.filter(post_content=s).filter(pk=p.pk).count()"), "1\n");
        EXPECT_EQ(ok("Post.objects.filter(post_content__contains=s, pk=p.pk).exists()"), "True\n");
        EXPECT_EQ(ok("Post.objects.filter(post_content__iexact=s, pk=p.pk).exists()"), "True\n");
        ok("Post.objects.exclude(post_content=s).count()");
        ok("Post.objects.filter(post_content__in=[s, s + s]).count()");
        ok("Post.objects.filter(Q(post_content__startswith=s) | Q(post_author__username=s)).count()");
        EXPECT_EQ(ok("Post.objects.filter(pk=p.pk).update(post_content=s + s)"), "1\n");
        EXPECT_EQ(ok("Post.objects.get(pk=p.pk).post_content == s + s"), "True\n");
        ok("User.objects.filter(username=s).update(username=s)");
        // As a name, the text never reaches SQL: Django's FieldError.
        for (const std::string stmt : {"Post.objects.filter(**{s: 1})", "Post.objects.order_by(s)", "Post.objects.values(s)",
                                       "Post.objects.filter(post_content=F(s))"}) {
            auto r = run(stmt[0] == 'P' && stmt.find("order_by") != std::string::npos ? "list(" + stmt + ")" : stmt);
            ASSERT_TRUE(r.error) << stmt;
            EXPECT_TRUE(r.error->type == "django.core.exceptions.FieldError" || r.error->type == "TypeError" ||
                        r.error->type == "ValueError")
                << stmt << " -> " << r.error->type << ": " << r.error->message;
        }
    }
    EXPECT_GT(created, 15);
    // A megabyte of text is stored and read back; as a LIKE pattern it is over SQLite's
    // SQLITE_MAX_LIKE_PATTERN_LENGTH (50000) and fails as it does under Django.
    ok("s = 'ab' * 500000");
    ok("p = Post.objects.create(post_author_id=1, post_content=s)");
    EXPECT_EQ(ok("Post.objects.get(pk=p.pk).post_content == s"), "True\n");
    auto like = run("Post.objects.filter(post_content__contains=s).exists()");
    ASSERT_TRUE(like.error);
    EXPECT_EQ(like.error->type, "django.db.utils.OperationalError");
    EXPECT_EQ(like.error->message, "LIKE or GLOB pattern too complex");
    // Only the created posts were added; every table, schema and other count is unchanged.
    ok("Post.objects.filter(pk__gt=100).delete()");
    EXPECT_EQ(ok("Post.objects.count()"), ok("Post.objects.filter(pk__lte=100).count()"));
    run("Post.objects.filter(pk__gt=12).delete()");
    EXPECT_EQ(snapshot(), before);
}

// Floats beyond a 64-bit integer where an integer is expected: Python's int() would make a big
// int and the sqlite3 driver refuse it (Django's message); the converted value must never be
// undefined behaviour (a float-to-int cast out of range). NaN and infinities are in the
// differential corpus (11_errors).
TEST_F(ShellLimits, HugeFloatsForIntegerFieldsRaiseOverflowError) {
    open(gramlab::testing::pinned_options());
    for (const char* stmt : {"Post.objects.filter(pk=1e30).count()", "Post.objects.filter(numOfLike__lt=-1e19).count()",
                             "Post.objects.filter(pk__in=[1, 9.3e18])"}) {
        auto r = run(stmt);
        ASSERT_TRUE(r.error) << stmt;
        EXPECT_EQ(r.error->type, "OverflowError") << stmt;
        EXPECT_EQ(r.error->message, "Python int too large to convert to SQLite INTEGER") << stmt;
        EXPECT_TRUE(r.queries.empty()) << stmt;
    }
    auto i = run("int(1e19)");
    ASSERT_TRUE(i.error);
    EXPECT_EQ(i.error->message, "integers beyond 64 bits are not supported in gramlab");
    auto ok = run("Post.objects.filter(pk=9.2e18).count()");
    EXPECT_FALSE(ok.error);
    EXPECT_EQ(ok.output.value_or(""), "0\n");
}

// std::regex recurses while compiling and (libstdc++'s backtracking matcher) while matching:
// a huge pattern or value used to overflow the stack. Now they run or are refused, and a NUL
// in a pattern is part of it (it once cut the pattern short and matched every row).
TEST_F(ShellLimits, RegexLookupsOnHugeValuesAndPatternsNeverCrash) {
    open(gramlab::testing::pinned_options());
    ok("p = Post.objects.get(pk=1)\np.post_content = '가' * 60000\np.save()");
    EXPECT_EQ(ok("Post.objects.filter(post_content__regex='^(.)*$', pk=1).count()"), "1\n");
    EXPECT_EQ(ok("Post.objects.filter(post_content__regex=r'^\\w{60000}$').count()"), "1\n");
    auto backref = run("Post.objects.filter(post_content__regex=r'(.)\\1').count()");
    ASSERT_TRUE(backref.error);
    EXPECT_NE(backref.error->message.find("are not supported in gramlab"), std::string::npos) << backref.error->message;
    auto huge = run("Post.objects.filter(post_content__regex='가' * 100000).count()");
    ASSERT_TRUE(huge.error);
    EXPECT_NE(huge.error->message.find("patterns longer than 10000 characters"), std::string::npos) << huge.error->message;
    EXPECT_EQ(ok("Post.objects.filter(post_content__regex='\\x00').count()"), "0\n");
    auto bad = run("Post.objects.filter(post_content__regex='(?P=missing)').count()");
    ASSERT_TRUE(bad.error);
    EXPECT_EQ(bad.error->message, "user-defined function raised exception");
}

}  // namespace

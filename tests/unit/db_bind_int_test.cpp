// Integers reach SQLite as 64-bit INTEGER parameters over their whole range: a 19-digit value
// (a timedelta of 10**8 days in microseconds, INT64_MAX, INT64_MIN) was once bound as TEXT,
// which made django_format_dtdelta answer NULL and a filter count 0 where Django raises.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/db/connection.hpp"

namespace gramlab::db {
namespace {

Value int_text(const std::string& t) {
    Value v;
    v.kind = Value::Kind::kInt;
    v.text = t;
    return v;
}

TEST(DbBindInt, AsIntReadsTheWholeInt64Range) {
    EXPECT_EQ(int_text("9223372036854775807").as_int(), INT64_MAX);
    EXPECT_EQ(int_text("-9223372036854775808").as_int(), INT64_MIN);
    EXPECT_EQ(int_text("8640000000000000000").as_int(), int64_t{8640000000000000000});
    EXPECT_EQ(int_text("0").as_int(), 0);
    EXPECT_EQ(int_text("-0").as_int(), 0);
    EXPECT_FALSE(int_text("9223372036854775808").as_int().has_value());
    EXPECT_FALSE(int_text("-9223372036854775809").as_int().has_value());
    EXPECT_FALSE(int_text("18446744073709551616").as_int().has_value());
    EXPECT_FALSE(int_text("123456789012345678901").as_int().has_value());
    EXPECT_FALSE(int_text("-").as_int().has_value());
    EXPECT_FALSE(int_text("12x").as_int().has_value());
}

TEST(DbBindInt, NineteenDigitIntsAreBoundAsIntegers) {
    auto conn = Connection::open("sqlite://:memory:");
    ASSERT_TRUE(conn.ok());
    Connection& c = *conn.value();
    for (const char* t : {"9223372036854775807", "-9223372036854775808", "8640000000000000000", "42"}) {
        std::vector<Row> rows;
        ASSERT_TRUE(c.execute_into("SELECT typeof(?1), ?1", {int_text(t)}, rows).ok());
        ASSERT_EQ(rows.size(), 1u);
        EXPECT_EQ(rows[0].at(0).text, "integer") << t;
        EXPECT_EQ(rows[0].at(1).text, t);
    }
}

TEST(DbBindInt, FunctionOverflowIsDataError) {
    auto conn = Connection::open("sqlite://:memory:");
    ASSERT_TRUE(conn.ok());
    Connection& c = *conn.value();
    std::vector<Row> rows;
    // datetime + timedelta(days=10**8): Python's OverflowError, which sqlite3 reports as
    // SQLITE_TOOBIG and Django raises as DataError.
    Status st = c.execute_into("SELECT django_format_dtdelta('+', '2024-01-15 12:00:00', ?)",
                               {int_text("8640000000000000000")}, rows);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, "DataError");
    EXPECT_EQ(st.error().message, "string or blob too big");
    rows.clear();
    ASSERT_TRUE(c.execute_into("SELECT django_format_dtdelta('-', '2024-01-15', ?)", {int_text("3600000000")}, rows).ok());
    EXPECT_EQ(rows.at(0).at(0).text, "2024-01-15");  // CPython's date - timedelta(hours=1): td.days only
    rows.clear();
    ASSERT_TRUE(c.execute_into("SELECT django_format_dtdelta('+', '2024-01-15', ?)", {int_text("-3600000000")}, rows).ok());
    EXPECT_EQ(rows.at(0).at(0).text, "2024-01-14");  // timedelta(hours=-1).days == -1
    rows.clear();
    ASSERT_TRUE(c.execute_into("SELECT django_format_dtdelta('+', ?, ?)",
                               {int_text("9223372036854775807"), int_text("9223372036854775807")}, rows).ok());
    EXPECT_EQ(rows.at(0).at(0).text, "213503982 days, 8:01:49.551614");  // Python's exact int sum
}

}  // namespace
}  // namespace gramlab::db

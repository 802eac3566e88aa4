// db::PackedRow (the ORM's kept rows) holds exactly what a Row (std::vector<Value>) holds:
// every storage class, NULLs, empty and long text, embedded NULs, blobs, Korean text from a
// UTF-8 and a UTF-16 database, and a row of more than 32 columns; cells past the end read as
// NULL and a moved-from row is empty rather than dangling.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/db/connection.hpp"
#include "core/db/packed_row.hpp"

namespace gramlab::db {
namespace {

struct Fetched {
    std::vector<Row> rows;
    std::vector<PackedRow> packed;
};

Fetched fetch(Connection& c, const std::string& sql) {
    Fetched f;
    EXPECT_TRUE(c.execute_into(sql, {}, f.rows).ok());
    EXPECT_TRUE(c.execute_packed(sql, {}, f.packed).ok());
    return f;
}

void expect_same(const Fetched& f) {
    ASSERT_EQ(f.rows.size(), f.packed.size());
    for (size_t r = 0; r < f.rows.size(); ++r) {
        ASSERT_EQ(f.rows[r].size(), f.packed[r].size()) << r;
        for (size_t c = 0; c < f.rows[r].size(); ++c) {
            EXPECT_TRUE(f.rows[r][c] == f.packed[r].value(c)) << "row " << r << " column " << c;
            EXPECT_EQ(f.rows[r][c].is_none(), f.packed[r].is_null(c));
        }
    }
}

std::unique_ptr<Connection> open_with(const std::string& encoding) {
    auto conn = Connection::open("sqlite://:memory:");
    EXPECT_TRUE(conn.ok());
    auto c = std::move(conn.value());
    EXPECT_TRUE(c->execute_script("PRAGMA encoding = '" + encoding +
                                  "'; CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, f REAL, s TEXT, b BLOB);")
                    .ok());
    const std::vector<std::vector<Value>> rows = {
        {Value::of_int(-9223372036854775807LL - 1), Value::of_float(0.1), Value::of_str("한글 텍스트 🍝"), Value::none()},
        {Value::none(), Value::none(), Value::of_str(""), Value::none()},
        {Value::of_int(42), Value::of_float(-2.5e300), Value::of_str(std::string(70000, 'x') + "끝"), Value::none()},
    };
    for (const auto& r : rows) EXPECT_TRUE(c->execute("INSERT INTO t (i, f, s, b) VALUES (?, ?, ?, ?)", r).ok());
    Value blob;
    blob.kind = Value::Kind::kBytes;
    blob.text = std::string("\0\1\2\xff", 4);
    EXPECT_TRUE(c->execute("INSERT INTO t (i, b) VALUES (1, ?)", {blob}).ok());
    return c;
}

TEST(DbPackedRow, HoldsWhatARowHoldsInUtf8AndUtf16) {
    for (const char* encoding : {"UTF-8", "UTF-16le"}) {
        SCOPED_TRACE(encoding);
        auto c = open_with(encoding);
        Fetched f = fetch(*c, "SELECT id, i, f, s, b, NULL, 7, 'x' || s FROM t ORDER BY id");
        ASSERT_EQ(f.packed.size(), 4u);
        expect_same(f);
        EXPECT_EQ(f.packed[0].type(1), PackedRow::Type::kInt);
        EXPECT_EQ(f.packed[0].type(2), PackedRow::Type::kFloat);
        EXPECT_EQ(f.packed[0].bytes_at(3), "한글 텍스트 🍝");
        EXPECT_EQ(f.packed[3].type(4), PackedRow::Type::kBlob);
        EXPECT_EQ(f.packed[3].bytes_at(4), std::string("\0\1\2\xff", 4));
        EXPECT_EQ(f.packed[2].bytes_at(3).size(), 70003u);
    }
}

TEST(DbPackedRow, EmbeddedNulSurvivesInUtf8) {
    auto c = open_with("UTF-8");
    ASSERT_TRUE(c->execute("UPDATE t SET s = ? WHERE id = 2", {Value::of_str(std::string("nul\0inside", 10))}).ok());
    Fetched f = fetch(*c, "SELECT s FROM t WHERE id = 2");
    expect_same(f);
    ASSERT_EQ(f.packed.size(), 1u);
    EXPECT_EQ(f.packed[0].bytes_at(0), std::string("nul\0inside", 10));
}

TEST(DbPackedRow, WideRowsPastEndAndMovedFrom) {
    auto c = open_with("UTF-8");
    std::string sql = "SELECT ";
    for (int i = 0; i < 40; ++i) sql += (i ? ", " : "") + std::string(i % 2 ? "s" : "i");
    Fetched f = fetch(*c, sql + " FROM t ORDER BY id");
    expect_same(f);
    PackedRow& r = f.packed[0];
    EXPECT_EQ(r.size(), 40u);
    EXPECT_TRUE(r.is_null(40));
    EXPECT_TRUE(r.value(1000).is_none());
    EXPECT_EQ(r.bytes_at(1000), "");
    EXPECT_EQ(r.int_at(1000), 0);
    PackedRow moved = std::move(r);
    EXPECT_EQ(moved.size(), 40u);
    EXPECT_EQ(r.size(), 0u);  // NOLINT(bugprone-use-after-move): the moved-from state is the point
    EXPECT_TRUE(r.is_null(0));
    EXPECT_EQ(moved.bytes_at(1), "한글 텍스트 🍝");
    PackedRow empty;
    EXPECT_EQ(empty.size(), 0u);
    EXPECT_TRUE(empty.value(0).is_none());
}

}  // namespace
}  // namespace gramlab::db

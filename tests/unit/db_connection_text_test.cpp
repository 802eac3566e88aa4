// db::Connection reads TEXT columns as UTF-8 whatever the database's encoding (a learner may
// open any SQLite file): Korean, emoji, empty and long strings come back byte for byte from a
// UTF-8 and a UTF-16 database, and an embedded NUL survives in UTF-8.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/db/connection.hpp"

namespace gramlab::db {
namespace {

std::vector<std::string> texts_in(const std::string& encoding) {
    auto conn = Connection::open("sqlite://:memory:");
    EXPECT_TRUE(conn.ok());
    if (!conn.ok()) return {};
    Connection& c = *conn.value();
    EXPECT_TRUE(c.execute_script("PRAGMA encoding = '" + encoding + "'; CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT);").ok());
    const std::vector<std::string> values = {"한글 텍스트", "emoji 🍝 #맛집", "", std::string("nul\0inside", 10),
                                             std::string(5000, 'a') + "끝"};
    for (const auto& v : values) EXPECT_TRUE(c.execute("INSERT INTO t (x) VALUES (?)", {Value::of_str(v)}).ok());
    std::vector<Row> rows;
    EXPECT_TRUE(c.execute_into("SELECT x FROM t ORDER BY id", {}, rows).ok());
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.at(0).text);
    return out;
}

TEST(DbConnectionText, Utf8AndUtf16DatabasesReadTheSameText) {
    const std::vector<std::string> expected = {"한글 텍스트", "emoji 🍝 #맛집", "", std::string("nul\0inside", 10),
                                               std::string(5000, 'a') + "끝"};
    EXPECT_EQ(texts_in("UTF-8"), expected);
    // UTF-16 cannot hold the NUL-truncation SQLite applies when converting: compare up to it.
    std::vector<std::string> utf16 = texts_in("UTF-16le");
    ASSERT_EQ(utf16.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
        if (i != 3) EXPECT_EQ(utf16[i], expected[i]) << i;
}

}  // namespace
}  // namespace gramlab::db

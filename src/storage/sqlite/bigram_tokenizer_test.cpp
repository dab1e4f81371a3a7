#include "storage/sqlite/bigram_tokenizer.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace ac::storage {
namespace {

TEST(BigramMatchExpression, QuotesEachTermAndAsksOneCharacterAsAPrefix) {
    EXPECT_EQ(BigramMatchExpression("徐汇"), R"("徐汇")");
    EXPECT_EQ(BigramMatchExpression("  王 漕溪北路\t"), R"("王" * AND "漕溪北路")");
    EXPECT_EQ(BigramMatchExpression(R"(a"b)"), R"("a""b")");
    EXPECT_EQ(BigramMatchExpression("\u3000 "), "");
}

// The tokenizer on an in-memory FTS5 table: a term is found exactly where it stands in one segment.
TEST(BigramTokenizer, FindsEveryOccurringTermAndNothingAcrossWhitespace) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
    ASSERT_EQ(RegisterBigramTokenizer(db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='ac_bigram', prefix='1');"
                           "INSERT INTO t (rowid, x) VALUES (1, '王秀英\n13912345678\n徐汇区 漕溪北路 201 弄'),"
                           "(2, 'SF-1021-BR\n沙发异响'), (3, '沙\n发')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    const auto match = [&](const std::string& text) {
        std::string ids;
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1, &stmt, nullptr),
                  SQLITE_OK);
        const std::string expression = BigramMatchExpression(text);
        sqlite3_bind_text(stmt, 1, expression.c_str(), -1, SQLITE_TRANSIENT);
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            ids += std::to_string(sqlite3_column_int64(stmt, 0));
        }
        sqlite3_finalize(stmt);
        return ids;
    };
    EXPECT_EQ(match("王"), "1");
    EXPECT_EQ(match("英"), "1") << "the last character of a segment";
    EXPECT_EQ(match("秀英"), "1");
    EXPECT_EQ(match("王秀英"), "1");
    EXPECT_EQ(match("1234"), "1");
    EXPECT_EQ(match("78"), "1");
    EXPECT_EQ(match("北路"), "1");
    EXPECT_EQ(match("区漕"), "") << "not across whitespace";
    EXPECT_EQ(match("徐汇 201"), "1");
    EXPECT_EQ(match("徐汇 沙发"), "");
    EXPECT_EQ(match("sf-10"), "2") << "ASCII in any case";
    EXPECT_EQ(match("Sf-1021-bR"), "2");
    EXPECT_EQ(match("沙发"), "2") << "row 3 has the characters in two segments";
    EXPECT_EQ(match("沙"), "23");
    EXPECT_EQ(match("发"), "23");
    EXPECT_EQ(match("响"), "2");
    EXPECT_EQ(match("异响声"), "");
    sqlite3_close(db);
}

}  // namespace
}  // namespace ac::storage

#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace ac {
namespace {

TEST(Csv, ReadsQuotedFieldsDoubledQuotesAndLineBreaks) {
    const auto rows = ParseCsv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line\nbreak\"\n\n 1 , 2 ,3");
    ASSERT_TRUE(rows) << rows.error().detail;
    ASSERT_EQ(rows->size(), 3u) << "the blank line is skipped";
    EXPECT_EQ((*rows)[1], (CsvRow{"x, y", "say \"hi\"", "line\nbreak"}));
    EXPECT_EQ((*rows)[2], (CsvRow{"1", "2", "3"})) << "spaces around unquoted fields are dropped";
}

TEST(Csv, AnUnbalancedQuoteNamesItsRow) {
    const auto rows = ParseCsv("name,phone\nok,1\n\"open,2\n");
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().message.key, "csv.malformed");
    EXPECT_EQ(rows.error().message.params.at(0).second, "3");
}

TEST(Csv, TextIsUtf8WithoutBomOrReadAsGb18030) {
    EXPECT_EQ(*CsvTextToUtf8("\xEF\xBB\xBF姓名"), "姓名");
    EXPECT_EQ(*CsvTextToUtf8("\xD5\xC5\xC8\xFD"), "张三");
    EXPECT_FALSE(CsvTextToUtf8("\x81\x20"));
    EXPECT_TRUE(IsValidUtf8("张三 abc"));
    EXPECT_FALSE(IsValidUtf8("\xC0\xAF")) << "overlong";
    EXPECT_FALSE(IsValidUtf8("\xE5\xBC")) << "truncated";
    EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80")) << "surrogate";
}

}  // namespace
}  // namespace ac

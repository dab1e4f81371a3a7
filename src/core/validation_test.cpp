#include "core/validation.hpp"

#include <gtest/gtest.h>

namespace ac {
namespace {

TEST(FieldCheck, ReportsEveryBrokenFieldAndTrims) {
    FieldCheck check;
    std::string name = "  王建国 \n";
    std::string blank = "   ";
    std::string long_text(51, 'x');
    std::string notes = "第一行\n第二行";
    std::string control = "a\x01";
    check.Text("name", name, 1, 50);
    check.Text("blank", blank, 1, 50);
    check.Text("long", long_text, 0, 50);
    check.Text("notes", notes, 0, 50, true);
    check.Text("control", control, 0, 50, true);
    check.Range("days", 400, 0, 365);
    EXPECT_EQ(name, "王建国");
    ASSERT_EQ(check.errors().size(), 4u);
    EXPECT_TRUE(check.Failed("blank"));
    EXPECT_TRUE(check.Failed("long"));
    EXPECT_FALSE(check.Failed("notes"));
    EXPECT_TRUE(check.Failed("control"));
    EXPECT_EQ(check.Finish().error().fields.size(), 4u);
    EXPECT_TRUE(CheckPage(1, 200));
    EXPECT_EQ(CheckPage(0, 201).error().fields.size(), 2u);
}

}  // namespace
}  // namespace ac

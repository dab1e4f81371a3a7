#include "core/money.hpp"

#include <limits>
#include <stdexcept>

#include <gtest/gtest.h>

namespace ac {
namespace {

TEST(Money, ParsesYuanWrittenByPeople) {
    EXPECT_EQ(Money::ParseYuan("12")->fen(), 1200);
    EXPECT_EQ(Money::ParseYuan("12.3")->fen(), 1230);
    EXPECT_EQ(Money::ParseYuan("12.34")->fen(), 1234);
    EXPECT_EQ(Money::ParseYuan("0.05")->fen(), 5);
    EXPECT_EQ(Money::ParseYuan(".5")->fen(), 50);
    EXPECT_EQ(Money::ParseYuan("-0.50")->fen(), -50);
    EXPECT_EQ(Money::ParseYuan("+7")->fen(), 700);
    EXPECT_EQ(Money::ParseYuan("1,234.50")->fen(), 123450);
}

TEST(Money, RejectsWhatIsNotAnAmount) {
    for (const char* text : {"", "-", ".", "12.345", "1.2.3", "abc", "12a", "1,,2", ",12", "12,", "1 2", "¥12", "12.",
                             "99999999999999999999"}) {
        EXPECT_FALSE(Money::ParseYuan(text).has_value()) << text;
    }
}

TEST(Money, RejectsAmountsBeyondTheInputLimit) {
    EXPECT_TRUE(Money::ParseYuan("10000000000000.00").has_value());
    EXPECT_FALSE(Money::ParseYuan("10000000000000.01").has_value());
}

TEST(Money, FormatsWithTwoDecimals) {
    EXPECT_EQ(Money::FromFen(0).ToYuanString(), "0.00");
    EXPECT_EQ(Money::FromFen(5).ToYuanString(), "0.05");
    EXPECT_EQ(Money::FromFen(1234).ToYuanString(), "12.34");
    EXPECT_EQ(Money::FromFen(-5).ToYuanString(), "-0.05");
    EXPECT_EQ(Money::FromFen(100000).ToYuanString(), "1000.00");
    EXPECT_EQ(Money::FromFen(std::numeric_limits<std::int64_t>::min()).ToYuanString(), "-92233720368547758.08");
}

TEST(Money, RoundTripsThroughText) {
    for (std::int64_t fen :
         std::initializer_list<std::int64_t>{0, 1, 99, 100, 12345, -12345, Money::kMaxAbsFen, -Money::kMaxAbsFen}) {
        EXPECT_EQ(Money::ParseYuan(Money::FromFen(fen).ToYuanString())->fen(), fen);
    }
}

TEST(Money, ArithmeticIsExactAndOverflowIsCaught) {
    EXPECT_EQ((Money::FromFen(1999) * 3).fen(), 5997);
    EXPECT_EQ((Money::FromFen(100) + Money::FromFen(-250)).fen(), -150);
    EXPECT_EQ((Money::FromFen(100) - Money::FromFen(250)).fen(), -150);
    Money total;
    total += Money::FromFen(10);
    total -= Money::FromFen(3);
    EXPECT_EQ(total.fen(), 7);
    const Money max = Money::FromFen(std::numeric_limits<std::int64_t>::max());
    EXPECT_THROW((void)(max + Money::FromFen(1)), std::overflow_error);
    EXPECT_THROW((void)(max * 2), std::overflow_error);
    EXPECT_THROW((void)(Money::FromFen(std::numeric_limits<std::int64_t>::min()) - Money::FromFen(1)),
                 std::overflow_error);
}

TEST(Money, Compares) {
    EXPECT_LT(Money::FromFen(1), Money::FromFen(2));
    EXPECT_EQ(Money::FromFen(3), Money::FromFen(3));
}

}  // namespace
}  // namespace ac

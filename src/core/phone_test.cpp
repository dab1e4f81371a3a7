#include "core/phone.hpp"

#include <gtest/gtest.h>

namespace ac {
namespace {

TEST(Phone, MobilesAreNormalisedToElevenDigits) {
    EXPECT_EQ(NormalizeMobile("13800138000"), "13800138000");
    EXPECT_EQ(NormalizeMobile("138 0013 8000"), "13800138000");
    EXPECT_EQ(NormalizeMobile("138-0013-8000"), "13800138000");
    EXPECT_EQ(NormalizeMobile("+86 138 0013 8000"), "13800138000");
    EXPECT_EQ(NormalizeMobile("0086 13800138000"), "13800138000");
    EXPECT_EQ(NormalizeMobile("8613800138000"), "13800138000");
}

TEST(Phone, WhatIsNotAMobileIsRefused) {
    for (const char* text :
         {"", "12800138000", "1380013800", "138001380001", "021-64000001", "13800l38000", "abc", "+1 415 555 0100"}) {
        EXPECT_EQ(NormalizeMobile(text), std::nullopt) << text;
    }
}

TEST(Phone, LandlinesKeepTheirDigits) {
    EXPECT_EQ(NormalizePhone("021-6400 0001"), "02164000001");
    EXPECT_EQ(NormalizePhone("(0571) 8800-0003"), "057188000003");
    EXPECT_EQ(NormalizePhone("400-820-8820"), "4008208820");
    EXPECT_EQ(NormalizePhone("+86 138 0013 8000"), "13800138000");
    EXPECT_EQ(NormalizePhone("+1 415 555 0100"), "+14155550100");
    EXPECT_EQ(NormalizePhone("1234"), std::nullopt);
    EXPECT_EQ(NormalizePhone("call me"), std::nullopt);
}

}  // namespace
}  // namespace ac

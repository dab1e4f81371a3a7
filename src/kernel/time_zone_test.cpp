#include "kernel/time_zone.hpp"

#include <gtest/gtest.h>

namespace ac::kernel {
namespace {

TEST(TimeZone, KnowsTheZonesOfTheDatabase) {
    EXPECT_TRUE(IsKnownTimeZone("Asia/Shanghai"));
    EXPECT_TRUE(IsKnownTimeZone("Asia/Urumqi"));
    EXPECT_TRUE(IsKnownTimeZone("UTC"));
    EXPECT_FALSE(IsKnownTimeZone("Asia/Beijing"));
    EXPECT_FALSE(IsKnownTimeZone(""));
    EXPECT_FALSE(IsKnownTimeZone("../../etc/passwd"));
    EXPECT_FALSE(IsKnownTimeZone("Mars/Olympus_Mons"));
}

}  // namespace
}  // namespace ac::kernel

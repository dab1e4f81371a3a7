#include "kernel/fanout.hpp"

#include <gtest/gtest.h>

namespace ac::kernel {
namespace {

TEST(Fanout, SignalsRoundTripThroughTheirTextForm) {
    const std::vector<Signal> signals = {{Signal::Kind::kNotification, 42, StaffId(7)},
                                         {Signal::Kind::kTimers, 0, StaffId()},
                                         {Signal::Kind::kOutbox, 0, StaffId()}};
    EXPECT_EQ(EncodeSignals(signals), "n:42:7,t,o");
    EXPECT_EQ(DecodeSignals("n:42:7,t,o"), signals);
    // Anything else is skipped, not misread.
    EXPECT_EQ(DecodeSignals("x,n:1,n:a:2,t"), (std::vector<Signal>{{Signal::Kind::kTimers, 0, StaffId()}}));
    EXPECT_TRUE(DecodeSignals("").empty());
    // A timer's change says when it fires, so that a scheduler sleeping until before then sleeps on.
    const std::vector<Signal> timed = {{Signal::Kind::kTimers, 1'795'000'000'000, StaffId()}};
    EXPECT_EQ(EncodeSignals(timed), "t:1795000000000");
    EXPECT_EQ(DecodeSignals("t:1795000000000"), timed);
    EXPECT_TRUE(DecodeSignals("t:x,t:").empty());
}

}  // namespace
}  // namespace ac::kernel

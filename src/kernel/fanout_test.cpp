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
}

}  // namespace
}  // namespace ac::kernel

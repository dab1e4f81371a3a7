#include "core/clock.hpp"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace ac {
namespace {

using namespace std::chrono_literals;

TEST(Clock, FormatsUtcWithMilliseconds) {
    EXPECT_EQ(FormatRfc3339(FromEpochMs(0)), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(FormatRfc3339(FromEpochMs(1'795'761'000'123)), "2026-11-27T06:30:00.123Z");
}

TEST(Clock, FormatsHttpDates) {
    EXPECT_EQ(FormatHttpDate(FromEpochMs(1'795'761'000'999)), "Fri, 27 Nov 2026 06:30:00 GMT");
    EXPECT_EQ(FormatHttpDate(FromEpochMs(784'111'777'000)), "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST(Clock, ParsesOffsetsIntoUtc) {
    EXPECT_EQ(ParseRfc3339("2026-11-27T14:30:00+08:00"), FromEpochMs(1'795'761'000'000));
    EXPECT_EQ(ParseRfc3339("2026-11-27T06:30:00Z"), FromEpochMs(1'795'761'000'000));
    EXPECT_EQ(ParseRfc3339("2026-11-27 06:30:00.5Z"), FromEpochMs(1'795'761'000'500));
    EXPECT_EQ(ParseRfc3339("2026-11-27T06:30:00.123456Z"), FromEpochMs(1'795'761'000'123));
    EXPECT_EQ(ParseRfc3339("2026-11-26T22:30:00-08:00"), FromEpochMs(1'795'761'000'000));
}

TEST(Clock, RefusesAmbiguousOrImpossibleTimes) {
    for (const char* text :
         {"", "2026-11-27", "2026-11-27T14:30:00", "2026-02-30T00:00:00Z", "2026-11-27T24:00:00Z",
          "2026-11-27T14:30:00+8:00", "2026-11-27T14:30:00Zjunk", "2026-11-27T14:30Z", "2026-11-27T14:30:00.Z"}) {
        EXPECT_FALSE(ParseRfc3339(text).has_value()) << text;
    }
}

TEST(Clock, RoundTripsThroughText) {
    const Instant instant = FromEpochMs(1'700'000'000'987);
    EXPECT_EQ(ParseRfc3339(FormatRfc3339(instant)), instant);
}

TEST(FakeClock, MovesOnlyWhenTold) {
    FakeClock clock(FromEpochMs(1000));
    EXPECT_EQ(clock.Now(), FromEpochMs(1000));
    clock.Advance(30min);
    EXPECT_EQ(clock.Now(), FromEpochMs(1000 + 30 * 60 * 1000));
    clock.Set(FromEpochMs(5));
    EXPECT_EQ(clock.Now(), FromEpochMs(5));
}

TEST(FakeClock, IsSafeToAdvanceFromManyThreads) {
    FakeClock clock(FromEpochMs(0));
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 1000; ++i) {
                clock.Advance(1ms);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(ToEpochMs(clock.Now()), 8000);
}

}  // namespace
}  // namespace ac

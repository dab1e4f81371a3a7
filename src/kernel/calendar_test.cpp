#include "kernel/calendar.hpp"

#include <gtest/gtest.h>

namespace ac::kernel {
namespace {

using namespace std::chrono_literals;

Instant T(const char* rfc3339) {
    return *ParseRfc3339(rfc3339);
}

Calendar Shanghai() {
    return Calendar::Make({}).value();
}

// National Day 2026: 1–7 October closed, Saturday 10 October worked instead.
Calendar WithNationalDay() {
    CalendarConfig config;
    for (int day = 1; day <= 7; ++day) {
        config.exceptions[LocalDate{2026, 10, static_cast<unsigned>(day)}] = std::nullopt;
    }
    config.week[5] = std::nullopt;  // Saturdays closed in this store
    config.week[6] = std::nullopt;  // Sundays closed
    config.exceptions[LocalDate{2026, 10, 10}] = DayHours{9 * 60, 18 * 60};
    return Calendar::Make(config).value();
}

TEST(LocalDate, ParsesFormatsAndCounts) {
    EXPECT_EQ(LocalDate::Parse("2026-11-27"), (LocalDate{2026, 11, 27}));
    EXPECT_EQ(LocalDate::Parse("2026-02-30"), std::nullopt);
    EXPECT_EQ(LocalDate::Parse("2026-1-5"), std::nullopt);
    EXPECT_EQ((LocalDate{2026, 1, 5}).ToString(), "2026-01-05");
    EXPECT_EQ((LocalDate{2026, 11, 27}).Weekday(), 4) << "a Friday";
    EXPECT_EQ((LocalDate{2026, 1, 31}).Plus(1), (LocalDate{2026, 2, 1}));
    EXPECT_EQ((LocalDate{2028, 2, 28}).Plus(1), (LocalDate{2028, 2, 29})) << "leap year";
    EXPECT_EQ((LocalDate{2026, 12, 31}).Plus(1), (LocalDate{2027, 1, 1}));
    EXPECT_EQ((LocalDate{2026, 3, 1}).Plus(-1), (LocalDate{2026, 2, 28}));
}

TEST(Calendar, LocalDatesTurnAtLocalMidnight) {
    const Calendar calendar = Shanghai();
    EXPECT_EQ(calendar.DateOf(T("2026-11-27T15:59:59.999Z")), (LocalDate{2026, 11, 27}));
    EXPECT_EQ(calendar.MinuteOfDay(T("2026-11-27T15:59:59.999Z")), 1439);
    EXPECT_EQ(calendar.DateOf(T("2026-11-27T16:00:00Z")), (LocalDate{2026, 11, 28}));
    EXPECT_EQ(calendar.MinuteOfDay(T("2026-11-27T16:00:00Z")), 0);
    EXPECT_EQ(calendar.At(LocalDate{2026, 11, 27}, 17 * 60), T("2026-11-27T17:00:00+08:00"));
}

TEST(Calendar, SeventeenHundredCutOffIsStoreLocal) {
    const Calendar calendar = Shanghai();
    EXPECT_TRUE(calendar.IsBefore(T("2026-11-27T16:59:59.999+08:00"), 17 * 60));
    EXPECT_FALSE(calendar.IsBefore(T("2026-11-27T17:00:00+08:00"), 17 * 60));
    EXPECT_EQ(calendar.BatchDate(T("2026-11-27T16:59:00+08:00"), 17 * 60), (LocalDate{2026, 11, 27}));
    EXPECT_EQ(calendar.BatchDate(T("2026-11-27T17:01:00+08:00"), 17 * 60), (LocalDate{2026, 11, 28}));
    EXPECT_EQ(calendar.BatchDate(T("2026-11-30T23:30:00+08:00"), 17 * 60), (LocalDate{2026, 12, 1})) << "month end";
    // 08:59 UTC is 16:59 in Shanghai: the UTC hour does not matter.
    EXPECT_TRUE(calendar.IsBefore(T("2026-11-27T08:59:00Z"), 17 * 60));
    const Calendar urumqi = Calendar::Make({.time_zone = "Asia/Urumqi"}).value();
    EXPECT_TRUE(urumqi.IsBefore(T("2026-11-27T10:59:00Z"), 17 * 60)) << "UTC+6: 16:59 there";
}

TEST(Calendar, EndOfTheNextDayIsTheLastMillisecondOfThatLocalDate) {
    const Calendar calendar = Shanghai();
    EXPECT_EQ(calendar.EndOfDay(T("2026-11-27T10:00:00+08:00"), 0), T("2026-11-27T23:59:59.999+08:00"));
    EXPECT_EQ(calendar.EndOfDay(T("2026-11-27T10:00:00+08:00"), 1), T("2026-11-28T23:59:59.999+08:00"));
    EXPECT_EQ(calendar.EndOfDay(T("2026-11-27T23:59:00+08:00"), 1), T("2026-11-28T23:59:59.999+08:00"));
    EXPECT_EQ(calendar.EndOfDay(T("2026-11-28T00:00:00+08:00"), 1), T("2026-11-29T23:59:59.999+08:00"));
    EXPECT_EQ(calendar.EndOfDay(T("2026-01-31T12:00:00+08:00"), 1), T("2026-02-01T23:59:59.999+08:00"));
    EXPECT_EQ(calendar.EndOfDay(T("2026-02-28T12:00:00+08:00"), 1), T("2026-03-01T23:59:59.999+08:00"));
    EXPECT_EQ(calendar.EndOfDay(T("2028-02-28T12:00:00+08:00"), 1), T("2028-02-29T23:59:59.999+08:00"));
    EXPECT_EQ(calendar.EndOfDay(T("2026-12-31T20:00:00+08:00"), 1), T("2027-01-01T23:59:59.999+08:00"));
}

TEST(Calendar, DaysAheadKeepsTheLocalWallTime) {
    const Calendar calendar = Shanghai();
    EXPECT_EQ(calendar.DaysAhead(T("2026-11-27T14:30:00+08:00"), 3), T("2026-11-30T14:30:00+08:00"));
    EXPECT_EQ(calendar.DaysAhead(T("2026-12-30T14:30:00+08:00"), 3), T("2027-01-02T14:30:00+08:00"));
    // Across a daylight-saving change the UTC distance is not 24 h: the local time stays.
    const Calendar new_york = Calendar::Make({.time_zone = "America/New_York"}).value();
    const Instant before = T("2026-03-07T10:00:00-05:00");
    const Instant after = new_york.DaysAhead(before, 1);
    EXPECT_EQ(after, T("2026-03-08T10:00:00-04:00"));
    EXPECT_EQ(after - before, 23h);
    EXPECT_EQ(new_york.MinuteOfDay(after), 10 * 60);
}

TEST(Calendar, LocalTimesSkippedByAClockChangeMapToTheChange) {
    const Calendar new_york = Calendar::Make({.time_zone = "America/New_York"}).value();
    // 02:30 does not exist on 2026-03-08 in New York.
    EXPECT_EQ(new_york.At(LocalDate{2026, 3, 8}, 2 * 60 + 30), T("2026-03-08T07:00:00Z"));
}

TEST(Calendar, HolidaysAndMakeUpDaysDecideTheWorkingDays) {
    const Calendar calendar = WithNationalDay();
    EXPECT_TRUE(calendar.IsWorkingDay(LocalDate{2026, 9, 30}));
    EXPECT_FALSE(calendar.IsWorkingDay(LocalDate{2026, 10, 1}));
    EXPECT_FALSE(calendar.IsWorkingDay(LocalDate{2026, 10, 7}));
    EXPECT_TRUE(calendar.IsWorkingDay(LocalDate{2026, 10, 8}));
    EXPECT_TRUE(calendar.IsWorkingDay(LocalDate{2026, 10, 10})) << "a Saturday worked instead";
    EXPECT_FALSE(calendar.IsWorkingDay(LocalDate{2026, 10, 11}));
    EXPECT_EQ(calendar.NextWorkingDay(LocalDate{2026, 9, 30}), (LocalDate{2026, 10, 8}));
    EXPECT_EQ(calendar.NextWorkingDay(LocalDate{2026, 10, 9}), (LocalDate{2026, 10, 10}));
}

TEST(Calendar, WorkingMinutesSkipNightsAndHolidays) {
    const Calendar calendar = WithNationalDay();
    EXPECT_EQ(calendar.AddWorkingMinutes(T("2026-09-29T10:00:00+08:00"), 30), T("2026-09-29T10:30:00+08:00"));
    EXPECT_EQ(calendar.AddWorkingMinutes(T("2026-09-29T17:50:00+08:00"), 30), T("2026-09-30T09:20:00+08:00"));
    EXPECT_EQ(calendar.AddWorkingMinutes(T("2026-09-30T17:30:00+08:00"), 60), T("2026-10-08T09:30:00+08:00"))
        << "half an hour before the holiday, half an hour after it";
    EXPECT_EQ(calendar.AddWorkingMinutes(T("2026-09-30T20:00:00+08:00"), 30), T("2026-10-08T09:30:00+08:00"))
        << "registered after hours: the clock starts at the next opening";
    EXPECT_EQ(calendar.AddWorkingMinutes(T("2026-09-29T18:00:00+08:00"), 0), T("2026-09-30T09:00:00+08:00"));
    EXPECT_EQ(calendar.WorkingMinutesBetween(T("2026-09-30T17:30:00+08:00"), T("2026-10-08T09:30:00+08:00")), 60);
    EXPECT_EQ(calendar.WorkingMinutesBetween(T("2026-09-29T08:00:00+08:00"), T("2026-09-29T20:00:00+08:00")), 9 * 60);
    EXPECT_EQ(calendar.WorkingMinutesBetween(T("2026-09-29T12:00:00+08:00"), T("2026-09-29T11:00:00+08:00")), 0);
}

TEST(Calendar, RefusesUnknownZonesAndImpossibleHours) {
    const auto zone = Calendar::Make({.time_zone = "Asia/Beijing"});
    ASSERT_FALSE(zone);
    EXPECT_EQ(zone.error().fields.at(0).field, "time_zone");
    CalendarConfig hours;
    hours.week[0] = DayHours{18 * 60, 9 * 60};
    hours.exceptions[LocalDate{2026, 1, 1}] = DayHours{0, 1500};
    const auto bad = Calendar::Make(hours);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().fields.size(), 2u);
}

TEST(MinuteOfDay, ParsesAndFormats) {
    EXPECT_EQ(ParseMinuteOfDay("09:00"), 540);
    EXPECT_EQ(ParseMinuteOfDay("17:00"), 1020);
    EXPECT_EQ(ParseMinuteOfDay("24:00"), 1440);
    EXPECT_EQ(ParseMinuteOfDay("24:01"), std::nullopt);
    EXPECT_EQ(ParseMinuteOfDay("9:00"), std::nullopt);
    EXPECT_EQ(ParseMinuteOfDay("09:60"), std::nullopt);
    EXPECT_EQ(FormatMinuteOfDay(1020), "17:00");
}

}  // namespace
}  // namespace ac::kernel

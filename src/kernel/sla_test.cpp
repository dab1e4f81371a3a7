#include "kernel/sla.hpp"

#include <gtest/gtest.h>

namespace ac::kernel {
namespace {

using namespace std::chrono_literals;

Instant At(std::string_view text) {
    return ParseRfc3339(text).value();
}

Calendar Shanghai() {
    CalendarConfig config;
    config.exceptions[LocalDate{2026, 10, 1}] = std::nullopt;  // National Day
    return Calendar::Make(config).value();
}

TEST(Sla, ElapsedMinutesCountDayAndNight) {
    const DeadlineRule rule{.kind = DeadlineRule::Kind::kElapsedMinutes, .minutes = 30};
    const Instant start = At("2026-11-27T23:50:00+08:00");
    EXPECT_EQ(Deadline(rule, start, Shanghai()), At("2026-11-28T00:20:00+08:00"));
    EXPECT_EQ(WarnAt(rule, start, Deadline(rule, start, Shanghai())), At("2026-11-28T00:14:00+08:00"));
}

TEST(Sla, WorkingMinutesSkipNightsAndHolidays) {
    const DeadlineRule rule{.kind = DeadlineRule::Kind::kWorkingMinutes, .minutes = 120};
    // 17:00 on 30 September: one hour today, then the holiday, then 09:00–10:00 on 2 October.
    EXPECT_EQ(Deadline(rule, At("2026-09-30T17:00:00+08:00"), Shanghai()), At("2026-10-02T10:00:00+08:00"));
    // Registered at night: the clock starts at the next opening.
    EXPECT_EQ(Deadline(rule, At("2026-11-27T22:00:00+08:00"), Shanghai()), At("2026-11-28T11:00:00+08:00"));
}

TEST(Sla, EndOfDayAndLocalTimeAreStoreLocal) {
    const Instant start = At("2026-11-30T16:00:00Z");  // 00:00 on 1 December in Shanghai
    const DeadlineRule next_day{.kind = DeadlineRule::Kind::kEndOfDay, .days_after = 1};
    EXPECT_EQ(Deadline(next_day, start, Shanghai()), At("2026-12-02T23:59:59.999+08:00"));
    const DeadlineRule by_five{.kind = DeadlineRule::Kind::kLocalTime, .days_after = 0, .minute_of_day = 17 * 60};
    EXPECT_EQ(Deadline(by_five, start, Shanghai()), At("2026-12-01T17:00:00+08:00"));
    // A month end: the last day of November, then 1 December.
    EXPECT_EQ(Deadline(next_day, At("2026-11-30T10:00:00+08:00"), Shanghai()), At("2026-12-01T23:59:59.999+08:00"));
}

// rules: A4
TEST(Sla, EndOfWorkingDayCountsFromTheBatchDay) {
    // The factory order is due by the end of the working day after the contract's batch day.
    const DeadlineRule rule{.kind = DeadlineRule::Kind::kEndOfWorkingDay, .days_after = 1, .minute_of_day = 17 * 60};
    // Received at 16:59: today's batch, due by the end of tomorrow.
    EXPECT_EQ(Deadline(rule, At("2026-11-26T16:59:00+08:00"), Shanghai()), At("2026-11-27T23:59:59.999+08:00"));
    // At 17:01: tomorrow's batch, due by the end of the day after.
    EXPECT_EQ(Deadline(rule, At("2026-11-26T17:01:00+08:00"), Shanghai()), At("2026-11-28T23:59:59.999+08:00"));
    // Before the holiday on 1 October: the day after is 2 October.
    EXPECT_EQ(Deadline(rule, At("2026-09-30T10:00:00+08:00"), Shanghai()), At("2026-10-02T23:59:59.999+08:00"));
    // On the holiday itself: the batch day is 2 October, due on the 3rd.
    EXPECT_EQ(Deadline(rule, At("2026-10-01T10:00:00+08:00"), Shanghai()), At("2026-10-03T23:59:59.999+08:00"));
    EXPECT_EQ(Shanghai().WorkingBatchDate(At("2026-09-30T17:00:00+08:00"), 17 * 60), (LocalDate{2026, 10, 2}));
}

TEST(Sla, AWarningNeverComesAfterTheDeadline) {
    const DeadlineRule rule{.kind = DeadlineRule::Kind::kLocalTime, .minute_of_day = 17 * 60};
    const Instant start = At("2026-11-27T18:00:00+08:00");  // after 17:00: due already
    const Instant deadline = Deadline(rule, start, Shanghai());
    EXPECT_LT(deadline, start);
    EXPECT_EQ(WarnAt(rule, start, deadline), deadline);
}

TEST(Sla, RulesRoundTripThroughJson) {
    for (const DeadlineRule& rule :
         {DeadlineRule{.kind = DeadlineRule::Kind::kElapsedMinutes, .minutes = 30},
          DeadlineRule{.kind = DeadlineRule::Kind::kWorkingMinutes, .minutes = 240, .warn_percent = 50},
          DeadlineRule{.kind = DeadlineRule::Kind::kEndOfDay, .days_after = 1, .escalate_after_minutes = 0},
          DeadlineRule{.kind = DeadlineRule::Kind::kLocalTime, .days_after = 0, .minute_of_day = 1020},
          DeadlineRule{.kind = DeadlineRule::Kind::kEndOfWorkingDay, .days_after = 1, .minute_of_day = 1020}}) {
        EXPECT_EQ(RuleFromJson(RuleToJson(rule)).value(), rule) << RuleToJson(rule);
    }
}

TEST(Sla, BadRulesNameTheirFields) {
    const auto fields = [](std::string_view json) {
        std::vector<std::string> out;
        const auto rule = RuleFromJson(json);
        if (!rule) {
            for (const FieldError& error : rule.error().fields) {
                out.push_back(error.field + ":" + error.message.key);
            }
        }
        return out;
    };
    EXPECT_EQ(fields(R"({"kind":"weekly"})"), (std::vector<std::string>{"kind:field.not_one_of"}));
    EXPECT_EQ(fields(R"({"kind":"elapsed_minutes"})"), (std::vector<std::string>{"minutes:field.required"}));
    EXPECT_EQ(fields(R"({"kind":"elapsed_minutes","minutes":0})"),
              (std::vector<std::string>{"minutes:field.out_of_range"}));
    EXPECT_EQ(fields(R"({"kind":"local_time","days_after":0,"time":"25:00"})"),
              (std::vector<std::string>{"time:field.time_of_day_invalid"}));
    EXPECT_EQ(fields(R"({"kind":"end_of_day","days_after":1,"warn_percent":100})"),
              (std::vector<std::string>{"warn_percent:field.out_of_range"}));
    EXPECT_EQ(fields(R"({"kind":"end_of_day","days_after":1,"colour":"red"})"),
              (std::vector<std::string>{"colour:field.unknown"}));
}

}  // namespace
}  // namespace ac::kernel

#include "kernel/calendar_json.hpp"

#include <gtest/gtest.h>

namespace ac::kernel {
namespace {

TEST(CalendarJson, RoundTrips) {
    CalendarConfig config;
    config.week[6] = std::nullopt;  // closed on Sundays
    config.week[5] = DayHours{10 * 60, 16 * 60 + 30};
    config.exceptions[LocalDate{2026, 10, 1}] = std::nullopt;
    config.exceptions[LocalDate{2026, 10, 11}] = DayHours{9 * 60, 17 * 60};
    const std::string text = CalendarConfigToText(config);
    EXPECT_NE(text.find(R"("sat":{"open":"10:00","close":"16:30"})"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("sun":null)"), std::string::npos) << text;
    const CalendarConfig back = CalendarConfigFromText(text).value();
    EXPECT_EQ(back.week, config.week);
    EXPECT_EQ(back.exceptions, config.exceptions);
}

TEST(CalendarJson, BadHoursAndDatesAreNamed) {
    const auto errors = [](std::string_view text) {
        std::vector<std::string> out;
        const auto config = CalendarConfigFromText(text);
        if (!config) {
            for (const FieldError& error : config.error().fields) {
                out.push_back(error.field + ":" + error.message.key);
            }
        }
        return out;
    };
    EXPECT_EQ(
        errors(R"({"week": {"mon": {"open": "18:00", "close": "09:00"}, "tue": {"open": "9", "close": "18:00"}}})"),
        (std::vector<std::string>{"week.mon.close:field.hours_invalid", "week.tue.open:field.time_of_day_invalid"}));
    EXPECT_EQ(errors(R"({"week": {"someday": null}, "exceptions": [{"date": "2026-02-30", "hours": null},
                        {"date": "2026-10-01"}, {"date": "2026-10-01"}]})"),
              (std::vector<std::string>{"week.someday:field.unknown", "exceptions[0].date:field.date_invalid",
                                        "exceptions[2].date:field.duplicate"}));
    EXPECT_EQ(errors(R"({})"), (std::vector<std::string>{"week:field.required"}));
}

}  // namespace
}  // namespace ac::kernel

// The JSON form of a store's calendar, as stored and as the calendar API reads and writes it:
//
//   {"week": {"mon": {"open": "09:00", "close": "18:00"}, …, "sun": null},
//    "exceptions": [{"date": "2026-10-01", "hours": null}, {"date": "2026-10-11", "hours": {…}}]}
//
// A null day is closed. The time zone is the store's own column, not part of this form.
#pragma once

#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"
#include "kernel/calendar.hpp"

namespace ac::kernel {

[[nodiscard]] boost::json::object CalendarConfigToJson(const CalendarConfig& config);
[[nodiscard]] std::string CalendarConfigToText(const CalendarConfig& config);

// Reads the working hours and exceptions from `reader`, recording field errors ("week.mon.open",
// "exceptions[2].date") in it. Exceptions: at most 800 (two years of holidays and make-up days), no date twice.
[[nodiscard]] CalendarConfig ReadCalendarConfig(json::ObjectReader& reader);
// Parses the stored text. Errors: kValidationFailed naming each bad field.
[[nodiscard]] Result<CalendarConfig> CalendarConfigFromText(std::string_view text);

}  // namespace ac::kernel

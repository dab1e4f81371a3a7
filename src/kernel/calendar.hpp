// A store's business calendar: its IANA time zone, working hours per weekday, and exceptions (holidays, and the
// weekend days that are worked instead, 调休). The regulations' time words are computed here, in store-local
// time: "before 17:00", "the next day", "three days ahead", "within N working minutes".
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace ac::kernel {

struct LocalDate {
    int year = 1970;
    unsigned month = 1;
    unsigned day = 1;

    // "2026-11-27"; nullopt for anything else (including 2026-02-30).
    [[nodiscard]] static std::optional<LocalDate> Parse(std::string_view text);
    [[nodiscard]] std::string ToString() const;
    // The date `days` days later (earlier when negative).
    [[nodiscard]] LocalDate Plus(int days) const;
    // 0 = Monday … 6 = Sunday.
    [[nodiscard]] int Weekday() const;

    friend auto operator<=>(const LocalDate&, const LocalDate&) = default;
};

// Working hours of one day: from `open` to `close`, minutes after local midnight, open < close.
struct DayHours {
    int open = 9 * 60;
    int close = 18 * 60;
    friend bool operator==(const DayHours&, const DayHours&) = default;
};

struct CalendarConfig {
    std::string time_zone = "Asia/Shanghai";
    // Monday first. A store's after-sales desk works every day by default, as furniture stores do.
    std::array<std::optional<DayHours>, 7> week = {DayHours{}, DayHours{}, DayHours{}, DayHours{},
                                                   DayHours{}, DayHours{}, DayHours{}};
    // Dates that differ from the week: nullopt closes the day (a holiday), hours open it (a make-up working day).
    std::map<LocalDate, std::optional<DayHours>> exceptions;
};

// Immutable after construction; safe to share between threads.
class Calendar {
  public:
    // Errors: kValidationFailed for an unknown zone ("time_zone") or hours that are not 0 <= open < close <= 1440.
    [[nodiscard]] static Result<Calendar> Make(CalendarConfig config);

    [[nodiscard]] const CalendarConfig& config() const { return config_; }

    // The local date and the minutes since local midnight of an instant.
    [[nodiscard]] LocalDate DateOf(Instant instant) const;
    [[nodiscard]] int MinuteOfDay(Instant instant) const;

    // The instant of local `date` at `minute` past midnight. A local time skipped by a clock change maps to the
    // moment of the change; a repeated one to its first occurrence.
    [[nodiscard]] Instant At(LocalDate date, int minute) const;
    [[nodiscard]] Instant StartOfDay(LocalDate date) const { return At(date, 0); }

    // Whether `instant` is before `minute` (e.g. 17:00 = 1020) on its own local date.
    [[nodiscard]] bool IsBefore(Instant instant, int minute) const { return MinuteOfDay(instant) < minute; }

    // The date whose batch an instant belongs to: its own date before the cut-off, else the next date (A1).
    [[nodiscard]] LocalDate BatchDate(Instant instant, int cutoff_minute) const;
    // The batch date moved to the first working day on or after it: a contract received on a holiday, or after
    // the cut-off on the eve of one, waits for the next working day.
    [[nodiscard]] LocalDate WorkingBatchDate(Instant instant, int cutoff_minute) const;

    // The last millisecond of the local date `days_after` days after the instant's date ("by the end of the
    // next day" is EndOfDay(t, 1)).
    [[nodiscard]] Instant EndOfDay(Instant instant, int days_after) const;

    // The same local wall time `days` days later ("three days ahead"), whatever the UTC offsets in between.
    [[nodiscard]] Instant DaysAhead(Instant instant, int days) const;

    [[nodiscard]] std::optional<DayHours> HoursOn(LocalDate date) const;
    [[nodiscard]] bool IsWorkingDay(LocalDate date) const { return HoursOn(date).has_value(); }
    // The first working day after `date`.
    [[nodiscard]] LocalDate NextWorkingDay(LocalDate date) const;

    // `minutes` of working time after `start`, counting only opening hours: a start outside them begins at the
    // next opening. Looks at most 400 days ahead (a calendar without working days gives the search limit).
    [[nodiscard]] Instant AddWorkingMinutes(Instant start, std::int64_t minutes) const;
    // Working minutes in [from, to).
    [[nodiscard]] std::int64_t WorkingMinutesBetween(Instant from, Instant to) const;

  private:
    Calendar(CalendarConfig config, const void* zone) : config_(std::move(config)), zone_(zone) {}

    CalendarConfig config_;
    const void* zone_;  // const date::time_zone*, kept out of this header
};

// "09:00" → 540; nullopt unless HH:MM with 00 <= HH <= 24 and the result <= 1440.
[[nodiscard]] std::optional<int> ParseMinuteOfDay(std::string_view text);
[[nodiscard]] std::string FormatMinuteOfDay(int minute);

}  // namespace ac::kernel

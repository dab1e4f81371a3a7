#include "kernel/calendar.hpp"

#include <charconv>
#include <cstdio>

#include <date/tz.h>

namespace ac::kernel {
namespace {

using date::days;
using std::chrono::milliseconds;
using std::chrono::minutes;

constexpr int kMinutesPerDay = 24 * 60;
constexpr int kSearchDays = 400;

const date::time_zone* Zone(const void* zone) {
    return static_cast<const date::time_zone*>(zone);
}

date::year_month_day Ymd(LocalDate date) {
    return date::year_month_day{date::year(date.year), date::month(date.month), date::day(date.day)};
}

LocalDate FromYmd(date::year_month_day ymd) {
    return LocalDate{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day())};
}

date::local_time<milliseconds> LocalOf(const void* zone, Instant instant) {
    return Zone(zone)->to_local(date::sys_time<milliseconds>(instant.time_since_epoch()));
}

}  // namespace

std::optional<LocalDate> LocalDate::Parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    if (std::from_chars(text.data(), text.data() + 4, y).ec != std::errc() ||
        std::from_chars(text.data() + 5, text.data() + 7, m).ec != std::errc() ||
        std::from_chars(text.data() + 8, text.data() + 10, d).ec != std::errc()) {
        return std::nullopt;
    }
    const LocalDate date{y, m, d};
    if (!Ymd(date).ok()) {
        return std::nullopt;
    }
    return date;
}

std::string LocalDate::ToString() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year, month, day);
    return buffer;
}

LocalDate LocalDate::Plus(int count) const {
    return FromYmd(date::year_month_day(date::sys_days(Ymd(*this)) + days(count)));
}

int LocalDate::Weekday() const {
    const unsigned iso = date::weekday(date::sys_days(Ymd(*this))).iso_encoding();  // Monday = 1 … Sunday = 7
    return static_cast<int>(iso) - 1;
}

std::optional<int> ParseMinuteOfDay(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') {
        return std::nullopt;
    }
    int hours = 0;
    int mins = 0;
    if (std::from_chars(text.data(), text.data() + 2, hours).ec != std::errc() ||
        std::from_chars(text.data() + 3, text.data() + 5, mins).ec != std::errc() || hours > 24 || mins > 59) {
        return std::nullopt;
    }
    const int minute = hours * 60 + mins;
    if (minute > kMinutesPerDay) {
        return std::nullopt;
    }
    return minute;
}

std::string FormatMinuteOfDay(int minute) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute / 60, minute % 60);
    return buffer;
}

Result<Calendar> Calendar::Make(CalendarConfig config) {
    std::vector<FieldError> errors;
    const date::time_zone* zone = nullptr;
    try {
        zone = date::locate_zone(config.time_zone);
    } catch (const std::runtime_error&) {
        errors.push_back({"time_zone", Message{"field.time_zone_unknown", {}}});
    }
    const auto check = [&](const std::optional<DayHours>& hours, const std::string& field) {
        if (hours && (hours->open < 0 || hours->close > kMinutesPerDay || hours->open >= hours->close)) {
            errors.push_back({field, Message{"field.hours_invalid", {}}});
        }
    };
    for (std::size_t i = 0; i < config.week.size(); ++i) {
        check(config.week[i], "week[" + std::to_string(i) + "]");
    }
    for (const auto& [date, hours] : config.exceptions) {
        check(hours, "exceptions." + date.ToString());
    }
    if (!errors.empty()) {
        return Fail(Error::Validation(std::move(errors)));
    }
    return Calendar(std::move(config), zone);
}

LocalDate Calendar::DateOf(Instant instant) const {
    return FromYmd(date::year_month_day(date::floor<days>(LocalOf(zone_, instant))));
}

int Calendar::MinuteOfDay(Instant instant) const {
    const auto local = LocalOf(zone_, instant);
    return static_cast<int>(date::floor<minutes>(local - date::floor<days>(local)).count());
}

Instant Calendar::At(LocalDate date, int minute) const {
    const date::local_time<milliseconds> local = date::local_days(Ymd(date)) + minutes(minute);
    const auto sys = Zone(zone_)->to_sys(local, date::choose::earliest);
    return Instant(sys.time_since_epoch());
}

LocalDate Calendar::BatchDate(Instant instant, int cutoff_minute) const {
    const LocalDate date = DateOf(instant);
    return IsBefore(instant, cutoff_minute) ? date : date.Plus(1);
}

LocalDate Calendar::WorkingBatchDate(Instant instant, int cutoff_minute) const {
    const LocalDate batch = BatchDate(instant, cutoff_minute);
    return IsWorkingDay(batch) ? batch : NextWorkingDay(batch);
}

Instant Calendar::EndOfDay(Instant instant, int days_after) const {
    return StartOfDay(DateOf(instant).Plus(days_after + 1)) - milliseconds(1);
}

Instant Calendar::DaysAhead(Instant instant, int count) const {
    const auto local = LocalOf(zone_, instant);
    const auto midnight = date::floor<days>(local);
    const auto sys = Zone(zone_)->to_sys(midnight + days(count) + (local - midnight), date::choose::earliest);
    return Instant(sys.time_since_epoch());
}

std::optional<DayHours> Calendar::HoursOn(LocalDate date) const {
    if (const auto exception = config_.exceptions.find(date); exception != config_.exceptions.end()) {
        return exception->second;
    }
    return config_.week[static_cast<std::size_t>(date.Weekday())];
}

LocalDate Calendar::NextWorkingDay(LocalDate date) const {
    LocalDate next = date.Plus(1);
    for (int i = 0; i < kSearchDays && !IsWorkingDay(next); ++i) {
        next = next.Plus(1);
    }
    return next;
}

Instant Calendar::AddWorkingMinutes(Instant start, std::int64_t minutes_left) const {
    LocalDate date = DateOf(start);
    Instant cursor = start;
    for (int i = 0; i < kSearchDays; ++i, date = date.Plus(1)) {
        const std::optional<DayHours> hours = HoursOn(date);
        if (!hours) {
            continue;
        }
        const Instant open = At(date, hours->open);
        const Instant close = At(date, hours->close);
        const Instant from = std::max(cursor, open);
        if (from >= close) {
            continue;
        }
        const auto available = std::chrono::duration_cast<minutes>(close - from).count();
        if (minutes_left <= available) {
            return from + minutes(minutes_left);
        }
        minutes_left -= available;
        cursor = close;
    }
    return cursor;
}

std::int64_t Calendar::WorkingMinutesBetween(Instant from, Instant to) const {
    std::int64_t total = 0;
    if (to <= from) {
        return 0;
    }
    LocalDate date = DateOf(from);
    const LocalDate last = DateOf(to);
    for (int i = 0; i < kSearchDays && date <= last; ++i, date = date.Plus(1)) {
        const std::optional<DayHours> hours = HoursOn(date);
        if (!hours) {
            continue;
        }
        const Instant open = std::max(from, At(date, hours->open));
        const Instant close = std::min(to, At(date, hours->close));
        if (open < close) {
            total += std::chrono::duration_cast<minutes>(close - open).count();
        }
    }
    return total;
}

}  // namespace ac::kernel

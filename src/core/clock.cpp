#include "core/clock.hpp"

#include <cstdio>

namespace ac {
namespace {

// Reads exactly `digits` decimal digits from `text` at `pos`, advancing `pos`.
bool ReadDigits(std::string_view text, std::size_t& pos, int digits, int& out) {
    if (pos + static_cast<std::size_t>(digits) > text.size()) {
        return false;
    }
    int value = 0;
    for (int i = 0; i < digits; ++i) {
        const char c = text[pos + static_cast<std::size_t>(i)];
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(digits);
    out = value;
    return true;
}

bool Expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

}  // namespace

std::string FormatRfc3339(Instant instant) {
    using namespace std::chrono;
    const auto day = floor<days>(instant);
    const year_month_day ymd(day);
    const hh_mm_ss hms(instant - day);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
    return buffer;
}

std::string FormatHttpDate(Instant instant) {
    using namespace std::chrono;
    static constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto day = floor<days>(instant);
    const year_month_day ymd(day);
    const weekday wd(day);
    const hh_mm_ss hms(floor<seconds>(instant) - day);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d GMT", kWeekdays[wd.c_encoding()],
                  static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                  static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return buffer;
}

std::optional<Instant> ParseRfc3339(std::string_view text) {
    using namespace std::chrono;
    std::size_t pos = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!ReadDigits(text, pos, 4, y) || !Expect(text, pos, '-') || !ReadDigits(text, pos, 2, mo) ||
        !Expect(text, pos, '-') || !ReadDigits(text, pos, 2, d)) {
        return std::nullopt;
    }
    if (!Expect(text, pos, 'T') && !Expect(text, pos, 't') && !Expect(text, pos, ' ')) {
        return std::nullopt;
    }
    if (!ReadDigits(text, pos, 2, h) || !Expect(text, pos, ':') || !ReadDigits(text, pos, 2, mi) ||
        !Expect(text, pos, ':') || !ReadDigits(text, pos, 2, s)) {
        return std::nullopt;
    }
    int millis = 0;
    if (Expect(text, pos, '.')) {
        int fraction_digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (fraction_digits < 3) {
                millis = millis * 10 + (text[pos] - '0');
            }
            ++fraction_digits;
            ++pos;
        }
        if (fraction_digits == 0) {
            return std::nullopt;
        }
        for (int i = fraction_digits; i < 3; ++i) {
            millis *= 10;
        }
    }
    int offset_minutes = 0;
    if (Expect(text, pos, 'Z') || Expect(text, pos, 'z')) {
        // UTC
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int oh = 0, om = 0;
        if (!ReadDigits(text, pos, 2, oh) || !Expect(text, pos, ':') || !ReadDigits(text, pos, 2, om) || oh > 23 ||
            om > 59) {
            return std::nullopt;
        }
        offset_minutes = sign * (oh * 60 + om);
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    const year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 59) {
        return std::nullopt;
    }
    const auto local = sys_days(ymd) + hours(h) + minutes(mi) + seconds(s) + milliseconds(millis);
    return Instant(local - minutes(offset_minutes));
}

}  // namespace ac

#include "kernel/calendar_json.hpp"

#include <array>
#include <set>

namespace ac::kernel {
namespace {

constexpr std::array<std::string_view, 7> kDayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::size_t kMaxExceptions = 800;

boost::json::value HoursJson(const std::optional<DayHours>& hours) {
    if (!hours) {
        return nullptr;
    }
    return boost::json::object{{"open", FormatMinuteOfDay(hours->open)}, {"close", FormatMinuteOfDay(hours->close)}};
}

// Reads {"open": "09:00", "close": "18:00"}; nullopt (a closed day) when the member is null or absent.
std::optional<DayHours> ReadHours(json::ObjectReader& parent, std::string_view name, bool& bad) {
    std::optional<json::ObjectReader> reader = parent.Object(name, false);
    if (!reader) {
        return std::nullopt;
    }
    const json::StringRule rule{.required = true, .max_chars = 5};
    const std::optional<std::string> open_text = reader->String("open", rule);
    const std::optional<std::string> close_text = reader->String("close", rule);
    reader->RejectUnknownFields();
    std::optional<int> open;
    std::optional<int> close;
    if (open_text && !(open = ParseMinuteOfDay(*open_text))) {
        reader->AddError("open", Message{"field.time_of_day_invalid", {}});
    }
    if (close_text && !(close = ParseMinuteOfDay(*close_text))) {
        reader->AddError("close", Message{"field.time_of_day_invalid", {}});
    }
    if (!open || !close) {
        bad = true;
        return std::nullopt;
    }
    if (*open >= *close) {
        reader->AddError("close", Message{"field.hours_invalid", {}});
        bad = true;
        return std::nullopt;
    }
    return DayHours{*open, *close};
}

}  // namespace

boost::json::object CalendarConfigToJson(const CalendarConfig& config) {
    boost::json::object week;
    for (std::size_t day = 0; day < kDayNames.size(); ++day) {
        week[kDayNames[day]] = HoursJson(config.week[day]);
    }
    boost::json::array exceptions;
    for (const auto& [date, hours] : config.exceptions) {
        exceptions.push_back(boost::json::object{{"date", date.ToString()}, {"hours", HoursJson(hours)}});
    }
    return boost::json::object{{"week", std::move(week)}, {"exceptions", std::move(exceptions)}};
}

std::string CalendarConfigToText(const CalendarConfig& config) {
    return json::Serialize(CalendarConfigToJson(config));
}

CalendarConfig ReadCalendarConfig(json::ObjectReader& reader) {
    CalendarConfig config;
    bool bad = false;
    if (std::optional<json::ObjectReader> week = reader.Object("week")) {
        for (std::size_t day = 0; day < kDayNames.size(); ++day) {
            config.week[day] = ReadHours(*week, kDayNames[day], bad);
        }
        week->RejectUnknownFields();
    }
    if (const boost::json::array* exceptions =
            reader.Array("exceptions", json::ArrayRule{.required = false, .max_items = kMaxExceptions})) {
        std::set<LocalDate> seen;
        for (std::size_t i = 0; i < exceptions->size(); ++i) {
            std::optional<json::ObjectReader> item = reader.Item("exceptions", *exceptions, i);
            if (!item) {
                continue;
            }
            const std::optional<std::string> date_text = item->String("date", json::StringRule{.max_chars = 10});
            const std::optional<DayHours> hours = ReadHours(*item, "hours", bad);
            item->RejectUnknownFields();
            if (!date_text) {
                continue;
            }
            const std::optional<LocalDate> date = LocalDate::Parse(*date_text);
            if (!date) {
                item->AddError("date", Message{"field.date_invalid", {}});
            } else if (!seen.insert(*date).second) {
                item->AddError("date", Message{"field.duplicate", {}});
            } else {
                config.exceptions[*date] = hours;
            }
        }
    }
    reader.RejectUnknownFields();
    return config;
}

Result<CalendarConfig> CalendarConfigFromText(std::string_view text) {
    AC_ASSIGN_OR_RETURN(const boost::json::object object, json::ParseObject(text));
    json::ObjectReader reader(object);
    CalendarConfig config = ReadCalendarConfig(reader);
    AC_RETURN_IF_ERROR(reader.Finish());
    return config;
}

}  // namespace ac::kernel

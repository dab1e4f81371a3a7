#include "kernel/sla.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/json.hpp"

namespace ac::kernel {
namespace {

constexpr std::array<std::string_view, 5> kKindNames = {"elapsed_minutes", "working_minutes", "end_of_day",
                                                        "local_time", "end_of_working_day"};

}  // namespace

std::string_view RuleKindName(DeadlineRule::Kind kind) {
    return kKindNames[static_cast<std::size_t>(kind)];
}

std::string RuleToJson(const DeadlineRule& rule) {
    boost::json::object json{{"kind", RuleKindName(rule.kind)},
                             {"warn_percent", rule.warn_percent},
                             {"escalate_after_minutes", rule.escalate_after_minutes}};
    switch (rule.kind) {
        case DeadlineRule::Kind::kElapsedMinutes:
        case DeadlineRule::Kind::kWorkingMinutes:
            json["minutes"] = rule.minutes;
            break;
        case DeadlineRule::Kind::kEndOfDay:
            json["days_after"] = rule.days_after;
            break;
        case DeadlineRule::Kind::kLocalTime:
        case DeadlineRule::Kind::kEndOfWorkingDay:
            json["days_after"] = rule.days_after;
            json["time"] = FormatMinuteOfDay(rule.minute_of_day);
            break;
    }
    return boost::json::serialize(json);
}

Result<DeadlineRule> RuleFromJson(std::string_view text) {
    AC_ASSIGN_OR_RETURN(const boost::json::object object, json::ParseObject(text));
    json::ObjectReader reader(object);
    DeadlineRule rule;
    const auto kind = reader.OneOf("kind", kKindNames);
    if (kind) {
        rule.kind = static_cast<DeadlineRule::Kind>(std::find(kKindNames.begin(), kKindNames.end(), *kind) -
                                                    kKindNames.begin());
    }
    const bool by_minutes =
        rule.kind == DeadlineRule::Kind::kElapsedMinutes || rule.kind == DeadlineRule::Kind::kWorkingMinutes;
    rule.minutes =
        reader.Int("minutes", {.required = kind && by_minutes, .min = 1, .max = 60 * 24 * 365}).value_or(rule.minutes);
    rule.days_after = static_cast<int>(
        reader.Int("days_after", {.required = kind && !by_minutes, .min = 0, .max = 365}).value_or(rule.days_after));
    if (const auto time = reader.String("time", {.required = kind == "local_time", .max_chars = 5})) {
        if (const auto minute = ParseMinuteOfDay(*time)) {
            rule.minute_of_day = *minute;
        } else {
            reader.AddError("time", Message{"field.time_of_day_invalid", {}});
        }
    }
    rule.warn_percent = static_cast<int>(
        reader.Int("warn_percent", {.required = false, .min = 1, .max = 99}).value_or(rule.warn_percent));
    rule.escalate_after_minutes =
        reader.Int("escalate_after_minutes", {.required = false, .min = 0, .max = 60 * 24 * 30})
            .value_or(rule.escalate_after_minutes);
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    return rule;
}

Instant Deadline(const DeadlineRule& rule, Instant start, const Calendar& calendar) {
    switch (rule.kind) {
        case DeadlineRule::Kind::kElapsedMinutes:
            return start + std::chrono::minutes(rule.minutes);
        case DeadlineRule::Kind::kWorkingMinutes:
            return calendar.AddWorkingMinutes(start, rule.minutes);
        case DeadlineRule::Kind::kEndOfDay:
            return calendar.EndOfDay(start, rule.days_after);
        case DeadlineRule::Kind::kLocalTime:
            return calendar.At(calendar.DateOf(start).Plus(rule.days_after), rule.minute_of_day);
        case DeadlineRule::Kind::kEndOfWorkingDay: {
            LocalDate day = calendar.WorkingBatchDate(start, rule.minute_of_day);
            for (int i = 0; i < rule.days_after; ++i) {
                day = calendar.NextWorkingDay(day);
            }
            return calendar.StartOfDay(day.Plus(1)) - std::chrono::milliseconds(1);
        }
    }
    return start;
}

Instant WarnAt(const DeadlineRule& rule, Instant start, Instant deadline) {
    if (deadline <= start) {
        return deadline;
    }
    return start + (deadline - start) * rule.warn_percent / 100;
}

void Policies::Add(PolicyDef policy) {
    if (Find(policy.name) != nullptr) {
        throw std::logic_error("SLA policy " + policy.name + " registered twice");
    }
    policies_.push_back(std::move(policy));
}

const PolicyDef* Policies::Find(std::string_view name) const {
    const auto it =
        std::find_if(policies_.begin(), policies_.end(), [&](const PolicyDef& p) { return p.name == name; });
    return it == policies_.end() ? nullptr : &*it;
}

}  // namespace ac::kernel

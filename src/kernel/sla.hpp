// SLA policies: named deadline rules ("repair first contact: 30 minutes"), with built-in defaults that a store
// (or the whole chain) may override.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "kernel/calendar.hpp"

namespace ac::kernel {

struct DeadlineRule {
    enum class Kind : std::uint8_t {
        kElapsedMinutes,  // `minutes` after the start, day or night
        kWorkingMinutes,  // `minutes` of the store's working hours after the start
        kEndOfDay,        // the end of the local day `days_after` days after the start
        kLocalTime,       // `minute_of_day` on the local date `days_after` days after the start
        // The end of the `days_after`-th working day after the start's batch day: the start's own working day when
        // it comes before `minute_of_day` (the cut-off), else the next working day ("the day after a contract is
        // received", A4).
        kEndOfWorkingDay,
    };
    Kind kind = Kind::kElapsedMinutes;
    std::int64_t minutes = 30;
    int days_after = 0;
    int minute_of_day = 17 * 60;
    int warn_percent = 80;                     // the warning comes when this share of the time has passed
    std::int64_t escalate_after_minutes = 30;  // after the breach, when the head of after-sales is told

    friend bool operator==(const DeadlineRule&, const DeadlineRule&) = default;
};

[[nodiscard]] std::string_view RuleKindName(DeadlineRule::Kind kind);

// {"kind": "elapsed_minutes", "minutes": 30, "warn_percent": 80, "escalate_after_minutes": 30} and the like.
[[nodiscard]] std::string RuleToJson(const DeadlineRule& rule);
// Errors: kValidationFailed naming each bad field.
[[nodiscard]] Result<DeadlineRule> RuleFromJson(std::string_view json);

// When a timer started at `start` under `rule` is due, and when it warns.
[[nodiscard]] Instant Deadline(const DeadlineRule& rule, Instant start, const Calendar& calendar);
[[nodiscard]] Instant WarnAt(const DeadlineRule& rule, Instant start, Instant deadline);

struct PolicyDef {
    std::string name;  // "repair.first_contact"
    DeadlineRule rule;
};

// The built-in policies, registered by the modules at start-up; read-only afterwards.
class Policies {
  public:
    // Throws std::logic_error for a duplicate name.
    void Add(PolicyDef policy);
    [[nodiscard]] const PolicyDef* Find(std::string_view name) const;
    [[nodiscard]] const std::vector<PolicyDef>& all() const { return policies_; }

  private:
    std::vector<PolicyDef> policies_;
};

}  // namespace ac::kernel

// Time as business rules see it: UTC instants in milliseconds, read from an injected Clock.
//
// Only app/ reads the system clock (app/system_clock.hpp); everything else takes a Clock& so that tests, and the
// server's --fake-clock mode, decide what time it is.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ac {

// A point in time, UTC, millisecond precision: the unit the database stores (epoch milliseconds).
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

[[nodiscard]] constexpr std::int64_t ToEpochMs(Instant instant) {
    return instant.time_since_epoch().count();
}
[[nodiscard]] constexpr Instant FromEpochMs(std::int64_t ms) {
    return Instant(std::chrono::milliseconds(ms));
}

// "2026-11-27T06:30:00.123Z".
[[nodiscard]] std::string FormatRfc3339(Instant instant);

// The HTTP date format (RFC 9110 IMF-fixdate): "Fri, 27 Nov 2026 06:30:00 GMT".
[[nodiscard]] std::string FormatHttpDate(Instant instant);

// Parses "2026-11-27T14:30:00+08:00", "2026-11-27T06:30:00.5Z", "2026-11-27 06:30:00Z" (a space for the 'T' is
// accepted). The offset is required: a time without one is ambiguous. Returns nullopt for anything else.
[[nodiscard]] std::optional<Instant> ParseRfc3339(std::string_view text);

// The source of "now". Implementations are thread-safe.
class Clock {
  public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual Instant Now() const = 0;
};

// A clock that only moves when told to. Thread-safe; time never goes backwards through Advance, but Set may move
// it anywhere (tests of "before 17:00" set it directly).
class FakeClock final : public Clock {
  public:
    explicit FakeClock(Instant start) : now_ms_(ToEpochMs(start)) {}

    [[nodiscard]] Instant Now() const override { return FromEpochMs(now_ms_.load(std::memory_order_acquire)); }
    void Set(Instant instant) { now_ms_.store(ToEpochMs(instant), std::memory_order_release); }
    void Advance(std::chrono::milliseconds by) { now_ms_.fetch_add(by.count(), std::memory_order_acq_rel); }

  private:
    std::atomic<std::int64_t> now_ms_;
};

}  // namespace ac

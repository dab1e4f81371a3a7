// The real clock: the only place that reads the system time (everything else takes a Clock&).
#pragma once

#include <chrono>

#include "core/clock.hpp"

namespace ac::app {

class SystemClock final : public Clock {
  public:
    [[nodiscard]] Instant Now() const override {
        return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    }
};

}  // namespace ac::app

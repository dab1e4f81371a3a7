// The SLA scheduler: one thread that sleeps until the earliest timer needs it (a warning, a breach, an
// escalation) — no polling — fires what is due, and sleeps again. A new or moved timer, or a change of the test
// clock, wakes it early. Deadlines that passed while the server was down fire as soon as it starts.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

#include "kernel/kernel.hpp"

namespace ac::kernel {

class Scheduler {
  public:
    struct Options {
        // The longest sleep: a safety net for a wake-up signal lost between servers.
        std::chrono::milliseconds max_sleep{60'000};
        // Timers handled in one transaction.
        int batch = 64;
    };
    struct Stats {
        std::uint64_t wakeups = 0;  // times the thread woke and looked for due timers
        std::uint64_t fired = 0;    // timer firings (warnings, breaches, escalations) it handled
        std::uint64_t errors = 0;
    };

    Scheduler(Kernel& kernel, const Clock& clock, Options options);
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    void Start();
    void Stop();
    // Look again now (timers changed, or the clock moved). Any thread.
    void Wake();
    // A timer changed that fires at `at`: look again now unless the thread already sleeps until no later than that.
    void WakeFor(Instant at);
    [[nodiscard]] Stats stats() const;
    // Fires everything due at the clock's now, on the calling thread; returns how many firings it handled.
    [[nodiscard]] Result<std::int64_t> RunDue();

  private:
    void Run();

    Kernel& kernel_;
    const Clock& clock_;
    const Options options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool woken_ = false;
    bool stopping_ = false;
    std::optional<Instant> sleeping_until_;  // while the thread waits: when it wakes by itself
    std::atomic<std::uint64_t> wakeups_{0};
    std::atomic<std::uint64_t> fired_{0};
    std::atomic<std::uint64_t> errors_{0};
    std::thread thread_;
};

}  // namespace ac::kernel

#include "kernel/scheduler.hpp"

#include <algorithm>

#include "core/thread_name.hpp"
#include "log/log.hpp"

namespace ac::kernel {
namespace {

// When timers are due but another server holds them (PostgreSQL), or the database failed: look again after this.
constexpr auto kRetryDelay = std::chrono::milliseconds(200);
constexpr auto kErrorDelay = std::chrono::seconds(2);

}  // namespace

Scheduler::Scheduler(Kernel& kernel, const Clock& clock, Options options)
    : kernel_(kernel), clock_(clock), options_(options) {}

Scheduler::~Scheduler() {
    Stop();
}

void Scheduler::Start() {
    thread_ = std::thread([this] {
        NameThisThread("ac-scheduler");
        Run();
    });
}

void Scheduler::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void Scheduler::Wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

void Scheduler::WakeFor(Instant at) {
    {
        std::lock_guard lock(mutex_);
        if (sleeping_until_ && at >= *sleeping_until_) {
            return;  // it looks at the timers by then anyway
        }
        woken_ = true;
    }
    wake_.notify_all();
}

Scheduler::Stats Scheduler::stats() const {
    return Stats{wakeups_.load(), fired_.load(), errors_.load()};
}

Result<std::int64_t> Scheduler::RunDue() {
    std::int64_t total = 0;
    for (;;) {
        AC_ASSIGN_OR_RETURN(const int fired, kernel_.FireDueTimers(options_.batch));
        total += fired;
        fired_ += static_cast<std::uint64_t>(fired);
        if (fired < options_.batch) {
            return total;
        }
    }
}

void Scheduler::Run() {
    log::Info("scheduler.started", {});
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                break;
            }
            woken_ = false;
        }
        ++wakeups_;
        std::chrono::milliseconds sleep = options_.max_sleep;
        const Result<std::int64_t> fired = RunDue();
        const Result<std::optional<Instant>> next = fired ? kernel_.NextTimerFire() : Fail(fired.error());
        if (!next) {
            ++errors_;
            log::Warn("scheduler.failed", {{"error", next.error().detail}});
            sleep = kErrorDelay;
        } else if (*next) {
            const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(**next - clock_.Now());
            // Due already, yet nothing fired: another server holds those timers right now.
            sleep =
                std::clamp(until, std::chrono::milliseconds(*fired == 0 ? kRetryDelay : std::chrono::milliseconds(0)),
                           options_.max_sleep);
        }
        std::unique_lock lock(mutex_);
        sleeping_until_ = clock_.Now() + sleep;
        wake_.wait_for(lock, sleep, [this] { return woken_ || stopping_; });
        sleeping_until_.reset();
    }
    log::Info("scheduler.stopped", {});
}

}  // namespace ac::kernel

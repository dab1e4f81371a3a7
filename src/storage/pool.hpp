// What the backends share: the traffic counters behind PoolStats, and a bounded pool of connections.
// Internal to storage/ (the backends include it; nothing else should).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/database.hpp"

namespace ac::storage {

// Counters of a Database, for PoolStats. Thread-safe.
class PoolCounters {
  public:
    void Acquired(std::chrono::steady_clock::time_point wait_started) {
        acquired_total_.fetch_add(1, std::memory_order_relaxed);
        const auto waited =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - wait_started);
        wait_microseconds_total_.fetch_add(static_cast<std::uint64_t>(waited.count()), std::memory_order_relaxed);
    }
    void TimedOut() { timeouts_total_.fetch_add(1, std::memory_order_relaxed); }
    void Ended(bool committed) {
        (committed ? commits_total_ : rollbacks_total_).fetch_add(1, std::memory_order_relaxed);
    }
    void GroupCommitted() { group_commits_total_.fetch_add(1, std::memory_order_relaxed); }
    void Checkpointed() { checkpoints_total_.fetch_add(1, std::memory_order_relaxed); }
    void WriterCheckpointed() {
        Checkpointed();
        writer_checkpoints_total_.fetch_add(1, std::memory_order_relaxed);
    }
    void WalSynced() { wal_syncs_total_.fetch_add(1, std::memory_order_relaxed); }
    void ConnectionLost() { connections_lost_total_.fetch_add(1, std::memory_order_relaxed); }
    // Counts a failed statement by its kind (serialization failures).
    void Failed(const Error& error) {
        if (KindOf(error) == DbErrorKind::kSerializationFailure) {
            serialization_failures_total_.fetch_add(1, std::memory_order_relaxed);
        }
    }
    // Passes `result` through, counting it when it is a failure.
    template <class R>
    R Count(R result) {
        if (!result) {
            Failed(result.error());
        }
        return result;
    }

    // Fills the counter fields of `stats`.
    void FillInto(PoolStats& stats) const {
        stats.acquired_total = acquired_total_.load(std::memory_order_relaxed);
        stats.wait_microseconds_total = wait_microseconds_total_.load(std::memory_order_relaxed);
        stats.timeouts_total = timeouts_total_.load(std::memory_order_relaxed);
        stats.commits_total = commits_total_.load(std::memory_order_relaxed);
        stats.rollbacks_total = rollbacks_total_.load(std::memory_order_relaxed);
        stats.group_commits_total = group_commits_total_.load(std::memory_order_relaxed);
        stats.checkpoints_total = checkpoints_total_.load(std::memory_order_relaxed);
        stats.writer_checkpoints_total = writer_checkpoints_total_.load(std::memory_order_relaxed);
        stats.wal_syncs_total = wal_syncs_total_.load(std::memory_order_relaxed);
        stats.serialization_failures_total = serialization_failures_total_.load(std::memory_order_relaxed);
        stats.connections_lost_total = connections_lost_total_.load(std::memory_order_relaxed);
    }

  private:
    std::atomic<std::uint64_t> acquired_total_{0};
    std::atomic<std::uint64_t> wait_microseconds_total_{0};
    std::atomic<std::uint64_t> timeouts_total_{0};
    std::atomic<std::uint64_t> commits_total_{0};
    std::atomic<std::uint64_t> rollbacks_total_{0};
    std::atomic<std::uint64_t> group_commits_total_{0};
    std::atomic<std::uint64_t> checkpoints_total_{0};
    std::atomic<std::uint64_t> writer_checkpoints_total_{0};
    std::atomic<std::uint64_t> wal_syncs_total_{0};
    std::atomic<std::uint64_t> serialization_failures_total_{0};
    std::atomic<std::uint64_t> connections_lost_total_{0};
};

// Up to `max_size` connections of type C, opened on demand by `open` and handed out one transaction at a time.
// Thread-safe.
template <class C>
class ConnectionPool {
  public:
    using Opener = std::function<Result<std::unique_ptr<C>>()>;

    // `counters` must outlive the pool.
    ConnectionPool(std::size_t max_size, std::chrono::milliseconds acquire_timeout, Opener open, PoolCounters& counters)
        : max_size_(max_size), acquire_timeout_(acquire_timeout), open_(std::move(open)), counters_(counters) {}

    // An idle connection, or a new one while fewer than max_size are open; otherwise waits up to the acquire
    // timeout for one to be released. Errors: kPoolTimeout, or the opener's error.
    Result<std::unique_ptr<C>> Acquire() {
        const auto started = std::chrono::steady_clock::now();
        std::unique_lock lock(mutex_);
        const auto deadline = started + acquire_timeout_;
        while (idle_.empty() && open_count_ >= max_size_) {
            if (available_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
                open_count_ >= max_size_) {
                counters_.TimedOut();
                return Fail(MakeDbError(DbErrorKind::kPoolTimeout, "timed out waiting for a connection"));
            }
        }
        std::unique_ptr<C> connection;
        if (!idle_.empty()) {
            connection = std::move(idle_.back());
            idle_.pop_back();
        } else {
            ++open_count_;  // reserve the slot, then open outside the lock
            lock.unlock();
            Result<std::unique_ptr<C>> opened = open_();
            if (!opened) {
                lock.lock();
                --open_count_;
                available_.notify_one();
                return opened;
            }
            connection = std::move(*opened);
        }
        counters_.Acquired(started);
        return connection;
    }

    // Takes a connection back: idle again when `reusable`, closed (and its slot freed) otherwise.
    void Release(std::unique_ptr<C> connection, bool reusable) {
        if (!reusable) {
            connection.reset();  // close outside the lock
        }
        {
            std::lock_guard lock(mutex_);
            if (reusable) {
                idle_.push_back(std::move(connection));
            } else {
                --open_count_;
            }
        }
        available_.notify_one();
    }

    struct Usage {
        std::size_t open = 0;
        std::size_t in_use = 0;
    };
    [[nodiscard]] Usage usage() const {
        std::lock_guard lock(mutex_);
        return Usage{open_count_, open_count_ - idle_.size()};
    }
    [[nodiscard]] std::size_t max_size() const { return max_size_; }

  private:
    const std::size_t max_size_;
    const std::chrono::milliseconds acquire_timeout_;
    const Opener open_;
    PoolCounters& counters_;

    mutable std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<C>> idle_;  // guarded by mutex_
    std::size_t open_count_ = 0;            // guarded by mutex_; idle plus handed out plus being opened
};

}  // namespace ac::storage

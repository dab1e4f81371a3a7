// RunInTransaction: begin, run, commit, and retry on a serialization failure.
#pragma once

#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <thread>
#include <type_traits>

#include "storage/database.hpp"

namespace ac::storage {

// How many times a transaction is tried before a retryable failure is returned to the caller.
inline constexpr int kMaxTransactionAttempts = 12;
// From this attempt on a write runs as TxMode::kWriteQueued: writers that keep failing each other (PostgreSQL
// serialization failures on the same rows) then take turns instead.
inline constexpr int kQueuedFromAttempt = 2;

namespace detail {

// RunInTransaction's attempts, on the calling thread.
template <class Work>
auto RunAttempts(Database& db, TxMode mode, Work& work) -> std::invoke_result_t<Work&, Transaction&> {
    using R = std::invoke_result_t<Work&, Transaction&>;
    thread_local std::minstd_rand jitter(std::random_device{}());
    for (int attempt = 1;; ++attempt) {
        Result<std::unique_ptr<Transaction>> tx =
            db.Begin(mode == TxMode::kWrite && attempt >= kQueuedFromAttempt ? TxMode::kWriteQueued : mode);
        if (!tx) {
            if (!IsRetryable(tx.error()) || attempt >= kMaxTransactionAttempts) {
                return R(std::unexpect, std::move(tx).error());
            }
        } else {
            R result = work(**tx);
            Error error;
            if (result) {
                Status committed = (*tx)->Commit();
                if (committed) {
                    return result;
                }
                error = std::move(committed).error();
            } else {
                error = std::move(result).error();
                (*tx)->Rollback();
            }
            if (!IsRetryable(error) || attempt >= kMaxTransactionAttempts) {
                return R(std::unexpect, std::move(error));
            }
        }
        // Exponential back-off with full jitter: up to 1, 2, 4, ... ms, at most 64 ms.
        const int ceiling_ms = 1 << std::min(attempt - 1, 6);
        std::this_thread::sleep_for(
            std::chrono::microseconds(std::uniform_int_distribution<int>(100, ceiling_ms * 1000)(jitter)));
    }
}

}  // namespace detail

// Runs `work(Transaction&)` (which returns a Result<T> or Status) in a transaction of `mode` and commits it when
// `work` succeeds. When `work` or the commit fails with a retryable error (a serialization failure, a busy
// database), the transaction is rolled back and run again after a short randomised pause, up to
// kMaxTransactionAttempts times; so `work` must have no effects outside the transaction. Returns `work`'s result,
// or the error that ended the last attempt. A write transaction runs where the database runs its writes
// (Database::RunWrite), the caller waiting for it.
template <class Work>
auto RunInTransaction(Database& db, TxMode mode, Work&& work) -> std::invoke_result_t<Work&, Transaction&> {
    using R = std::invoke_result_t<Work&, Transaction&>;
    if (mode == TxMode::kRead) {
        return detail::RunAttempts(db, mode, work);
    }
    std::optional<R> result;
    auto run = [&] { result.emplace(detail::RunAttempts(db, mode, work)); };
    db.RunWrite([](void* self) { (*static_cast<decltype(run)*>(self))(); }, &run);
    return std::move(*result);
}

}  // namespace ac::storage

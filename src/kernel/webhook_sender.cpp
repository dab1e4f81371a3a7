#include "kernel/webhook_sender.hpp"

#include <algorithm>

#include "core/digest.hpp"
#include "core/thread_name.hpp"
#include "log/log.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::kernel {
namespace {

using storage::Transaction;
using storage::TxMode;

constexpr auto kErrorDelay = std::chrono::seconds(2);
constexpr std::size_t kMaxErrorChars = 500;

}  // namespace

std::chrono::milliseconds RetryDelay(int attempts, std::chrono::milliseconds first, std::chrono::milliseconds max) {
    std::chrono::milliseconds delay = first;
    for (int i = 1; i < attempts && delay < max; ++i) {
        delay *= 2;
    }
    return std::min(delay, max);
}

std::vector<std::pair<std::string, std::string>> WebhookHeaders(const Delivery& delivery, const std::string& secret,
                                                                Instant now) {
    const std::string timestamp =
        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
    return {
        {"Content-Type", "application/json"},
        {"User-Agent", "aftercare-webhooks"},
        {"X-Aftercare-Event", delivery.event_type},
        {"X-Aftercare-Delivery", std::to_string(delivery.id)},
        {"X-Aftercare-Timestamp", timestamp},
        {"X-Aftercare-Signature", "sha256=" + HmacSha256Hex(secret, timestamp + "." + delivery.payload)},
    };
}

WebhookSender::WebhookSender(storage::Database& db, const Clock& clock, PostFunction post, Options options)
    : db_(db), clock_(clock), post_(std::move(post)), options_(options) {}

WebhookSender::~WebhookSender() {
    Stop();
}

void WebhookSender::Start() {
    thread_ = std::thread([this] {
        NameThisThread("ac-webhooks");
        Run();
    });
}

void WebhookSender::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void WebhookSender::Wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

Status WebhookSender::Attempt(Delivery delivery) {
    AC_ASSIGN_OR_RETURN(const auto subscription, storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) {
                            return WebhookRepository::FindSubscription(tx, delivery.subscription_id);
                        }));
    const Instant at = clock_.Now();
    PostOutcome outcome;
    const auto started = std::chrono::steady_clock::now();
    if (!subscription || !subscription->active) {
        outcome.error = "the subscription was removed";
    } else {
        outcome = post_(OutgoingPost{subscription->url, WebhookHeaders(delivery, subscription->secret, at),
                                     delivery.payload, options_.timeout});
    }
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    const bool delivered = outcome.status && *outcome.status >= 200 && *outcome.status < 300;
    if (!delivered && outcome.error.empty()) {
        outcome.error = "HTTP " + std::to_string(outcome.status.value_or(0));
    }
    if (outcome.error.size() > kMaxErrorChars) {
        outcome.error.resize(kMaxErrorChars);
    }
    delivery.attempts += 1;
    delivery.lease_until.reset();
    if (delivered) {
        delivery.state = "delivered";
        delivery.delivered_at = clock_.Now();
    } else if (delivery.attempts >= options_.max_attempts || !subscription || !subscription->active) {
        delivery.state = "failed";
    } else {
        delivery.next_attempt_at =
            clock_.Now() + RetryDelay(delivery.attempts, options_.first_retry, options_.max_retry);
    }
    log::Info("webhook.attempt", {{"delivery", delivery.id},
                                  {"event", delivery.event_type},
                                  {"status", static_cast<std::int64_t>(outcome.status.value_or(0))},
                                  {"state", delivery.state},
                                  {"ms", static_cast<std::int64_t>(took.count())}});
    return storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
        AC_RETURN_IF_ERROR(WebhookRepository::RecordAttempt(
            tx, kernel::Attempt{0, delivery.id, at, outcome.status, delivered ? "" : outcome.error, took.count()}));
        return WebhookRepository::Finish(tx, delivery);
    });
}

Result<int> WebhookSender::RunDue() {
    int attempts = 0;
    for (;;) {
        const Instant now = clock_.Now();
        AC_ASSIGN_OR_RETURN(std::vector<Delivery> due,
                            storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) {
                                return WebhookRepository::Claim(tx, now, now + options_.lease, options_.batch);
                            }));
        for (Delivery& delivery : due) {
            AC_RETURN_IF_ERROR(Attempt(std::move(delivery)));
            ++attempts;
        }
        if (static_cast<int>(due.size()) < options_.batch) {
            return attempts;
        }
    }
}

void WebhookSender::Run() {
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                break;
            }
            woken_ = false;
        }
        std::chrono::milliseconds sleep = options_.max_sleep;
        const Result<int> sent = RunDue();
        const Result<std::optional<Instant>> next =
            sent ? storage::RunInTransaction(db_, TxMode::kRead,
                                             [&](Transaction& tx) { return WebhookRepository::NextDue(tx); })
                 : Fail(sent.error());
        if (!next) {
            log::Warn("webhook.failed", {{"error", next.error().detail}});
            sleep = kErrorDelay;
        } else if (*next) {
            const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(**next - clock_.Now());
            sleep = std::clamp(until, std::chrono::milliseconds(50), options_.max_sleep);
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, sleep, [this] { return woken_ || stopping_; });
    }
}

}  // namespace ac::kernel

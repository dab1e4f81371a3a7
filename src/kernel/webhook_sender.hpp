// Sends the outbox's webhook deliveries: one thread that sleeps until the next delivery is due, leases a batch,
// POSTs each (outside any transaction), records the attempt and either marks it delivered or schedules the next
// try with exponential backoff, giving up after `max_attempts`.
//
// Each request carries: Content-Type: application/json; X-Aftercare-Event (the event type);
// X-Aftercare-Delivery (the delivery id: receivers dedupe by it, since a delivery may arrive twice);
// X-Aftercare-Timestamp (Unix seconds); X-Aftercare-Signature: "sha256=" + hex HMAC-SHA256 under the
// subscription's secret of "<timestamp>.<body>".
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "kernel/webhook_repository.hpp"
#include "storage/database.hpp"

namespace ac::kernel {

struct OutgoingPost {
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::chrono::milliseconds timeout{10'000};
};
struct PostOutcome {
    std::optional<int> status;  // the receiver's HTTP status, if it answered
    std::string error;          // why not, if it did not
};
// Sends one HTTP POST (http/client.hpp provides the real one).
using PostFunction = std::function<PostOutcome(const OutgoingPost&)>;

// The headers of a delivery, signed with `secret`.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> WebhookHeaders(const Delivery& delivery,
                                                                              const std::string& secret, Instant now);

class WebhookSender {
  public:
    struct Options {
        int max_attempts = 8;
        std::chrono::milliseconds first_retry{10'000};   // doubled after each failure…
        std::chrono::milliseconds max_retry{3'600'000};  // …up to this
        std::chrono::milliseconds lease{120'000};
        std::chrono::milliseconds timeout{10'000};
        std::chrono::milliseconds max_sleep{60'000};
        int batch = 16;
    };

    WebhookSender(storage::Database& db, const Clock& clock, PostFunction post, Options options);
    ~WebhookSender();
    WebhookSender(const WebhookSender&) = delete;
    WebhookSender& operator=(const WebhookSender&) = delete;

    void Start();
    void Stop();
    void Wake();
    // Sends every delivery due now on the calling thread; returns how many attempts it made.
    [[nodiscard]] Result<int> RunDue();

  private:
    void Run();
    Status Attempt(Delivery delivery);

    storage::Database& db_;
    const Clock& clock_;
    PostFunction post_;
    const Options options_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool woken_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

// The delay before attempt `attempts + 1` after `attempts` failures: first_retry · 2^(attempts-1), at most max.
[[nodiscard]] std::chrono::milliseconds RetryDelay(int attempts, std::chrono::milliseconds first,
                                                   std::chrono::milliseconds max);

}  // namespace ac::kernel

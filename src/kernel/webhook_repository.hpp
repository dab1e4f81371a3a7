// The SQL of webhooks: subscriptions, the outbox of deliveries and the record of each attempt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace ac::kernel {

struct Subscription {
    std::int64_t id = 0;
    std::string url;
    std::string secret;
    std::vector<std::string> event_types;  // exact names, "document.*" prefixes, or "*"
    bool active = true;
    Instant created_at;
};

// Whether `event_type` ("sla.breach") is one the subscription asked for.
[[nodiscard]] bool Matches(const Subscription& subscription, std::string_view event_type);

struct Delivery {
    std::int64_t id = 0;
    std::int64_t subscription_id = 0;
    std::optional<std::int64_t> event_id;
    std::string event_type;
    std::string payload;
    std::string state;  // pending, delivered, failed
    int attempts = 0;
    Instant next_attempt_at;
    std::optional<Instant> lease_until;
    Instant created_at;
    std::optional<Instant> delivered_at;
};

struct Attempt {
    std::int64_t id = 0;
    std::int64_t outbox_id = 0;
    Instant at;
    std::optional<int> status;  // the receiver's HTTP status, if it answered
    std::string error;
    std::int64_t duration_ms = 0;
};

class WebhookRepository {
  public:
    static Result<std::int64_t> InsertSubscription(storage::Transaction& tx, const Subscription& subscription,
                                                   StaffId actor);
    static Result<std::vector<Subscription>> Subscriptions(storage::Transaction& tx, bool active_only);
    static Result<std::optional<Subscription>> FindSubscription(storage::Transaction& tx, std::int64_t id);
    static Result<bool> Deactivate(storage::Transaction& tx, std::int64_t id);

    static Status Enqueue(storage::Transaction& tx, std::int64_t subscription, std::optional<std::int64_t> event_id,
                          std::string_view event_type, const std::string& payload, Instant now);
    // Takes up to `limit` deliveries that are due (or whose lease ran out) and leases them until `lease_until`
    // (PostgreSQL: skipping those another server is taking).
    static Result<std::vector<Delivery>> Claim(storage::Transaction& tx, Instant now, Instant lease_until, int limit);
    // The earliest moment a delivery becomes due.
    static Result<std::optional<Instant>> NextDue(storage::Transaction& tx);
    static Status Finish(storage::Transaction& tx,
                         const Delivery& delivery);  // state, attempts, next, lease, delivered
    static Status RecordAttempt(storage::Transaction& tx, const Attempt& attempt);
    static Result<std::vector<Delivery>> DeliveriesOf(storage::Transaction& tx, std::int64_t subscription, int limit);
    static Result<std::vector<Attempt>> AttemptsOf(storage::Transaction& tx, std::int64_t outbox_id);
};

}  // namespace ac::kernel

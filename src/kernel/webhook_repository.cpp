#include "kernel/webhook_repository.hpp"

#include <algorithm>

namespace ac::kernel {
namespace {

using storage::Row;
using storage::Rows;
using storage::Transaction;
using storage::Value;

constexpr std::string_view kInsertSubscription =
    "INSERT INTO webhook_subscriptions (url, secret, event_types, active, created_at_ms, created_by) "
    "VALUES ($1, $2, $3, 1, $4, $5) RETURNING id";
constexpr std::string_view kSubscriptionColumns = "id, url, secret, event_types, active, created_at_ms";
constexpr std::string_view kDeactivate = "UPDATE webhook_subscriptions SET active = 0 WHERE id = $1";
constexpr std::string_view kEnqueue =
    "INSERT INTO outbox (subscription_id, event_id, event_type, payload, state, attempts, next_attempt_at_ms, "
    "created_at_ms) VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5)";
constexpr std::string_view kDeliveryColumns =
    "id, subscription_id, event_id, event_type, payload, state, attempts, next_attempt_at_ms, lease_until_ms, "
    "created_at_ms, delivered_at_ms";
constexpr std::string_view kLease = "UPDATE outbox SET lease_until_ms = $2 WHERE id = $1";
constexpr std::string_view kNextDue =
    "SELECT MIN(CASE WHEN lease_until_ms IS NOT NULL AND lease_until_ms > next_attempt_at_ms THEN lease_until_ms "
    "ELSE next_attempt_at_ms END) FROM outbox WHERE state = 'pending'";
constexpr std::string_view kFinish =
    "UPDATE outbox SET state = $2, attempts = $3, next_attempt_at_ms = $4, lease_until_ms = NULL, "
    "delivered_at_ms = $5 WHERE id = $1";
constexpr std::string_view kInsertAttempt =
    "INSERT INTO webhook_attempts (outbox_id, at_ms, status, error, duration_ms) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kAttempts =
    "SELECT id, outbox_id, at_ms, status, error, duration_ms FROM webhook_attempts WHERE outbox_id = $1 ORDER BY id";

std::string JoinTypes(const std::vector<std::string>& types) {
    std::string joined;
    for (const std::string& type : types) {
        joined += joined.empty() ? "" : ",";
        joined += type;
    }
    return joined;
}

std::vector<std::string> SplitTypes(std::string_view text) {
    std::vector<std::string> types;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        types.emplace_back(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    }
    return types;
}

Subscription SubscriptionFrom(const Row& row) {
    Subscription subscription;
    subscription.id = row.Int(0);
    subscription.url = row.Text(1);
    subscription.secret = row.Text(2);
    subscription.event_types = SplitTypes(row.Text(3));
    subscription.active = row.Bool(4);
    subscription.created_at = row.Time(5);
    return subscription;
}

Delivery DeliveryFrom(const Row& row) {
    Delivery delivery;
    delivery.id = row.Int(0);
    delivery.subscription_id = row.Int(1);
    delivery.event_id = row.OptInt(2);
    delivery.event_type = row.Text(3);
    delivery.payload = row.Text(4);
    delivery.state = row.Text(5);
    delivery.attempts = static_cast<int>(row.Int(6));
    delivery.next_attempt_at = row.Time(7);
    if (const auto lease = row.OptInt(8)) {
        delivery.lease_until = FromEpochMs(*lease);
    }
    delivery.created_at = row.Time(9);
    if (const auto delivered = row.OptInt(10)) {
        delivery.delivered_at = FromEpochMs(*delivered);
    }
    return delivery;
}

}  // namespace

bool Matches(const Subscription& subscription, std::string_view event_type) {
    return std::any_of(subscription.event_types.begin(), subscription.event_types.end(), [&](const std::string& type) {
        if (type == "*" || type == event_type) {
            return true;
        }
        return type.ends_with(".*") && event_type.starts_with(std::string_view(type).substr(0, type.size() - 1));
    });
}

Result<std::int64_t> WebhookRepository::InsertSubscription(Transaction& tx, const Subscription& subscription,
                                                           StaffId actor) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kInsertSubscription,
                                            {subscription.url, subscription.secret, JoinTypes(subscription.event_types),
                                             subscription.created_at, actor.valid() ? Value(actor) : Value()}));
    return rows.front().Int(0);
}

Result<std::vector<Subscription>> WebhookRepository::Subscriptions(Transaction& tx, bool active_only) {
    const std::string sql = "SELECT " + std::string(kSubscriptionColumns) + " FROM webhook_subscriptions" +
                            (active_only ? " WHERE active = 1" : "") + " ORDER BY id";
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql));
    std::vector<Subscription> subscriptions;
    for (const Row& row : rows) {
        subscriptions.push_back(SubscriptionFrom(row));
    }
    return subscriptions;
}

Result<std::optional<Subscription>> WebhookRepository::FindSubscription(Transaction& tx, std::int64_t id) {
    const std::string sql = "SELECT " + std::string(kSubscriptionColumns) + " FROM webhook_subscriptions WHERE id = $1";
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {id}));
    if (rows.empty()) {
        return std::optional<Subscription>();
    }
    return std::optional<Subscription>(SubscriptionFrom(rows.front()));
}

Result<bool> WebhookRepository::Deactivate(Transaction& tx, std::int64_t id) {
    AC_ASSIGN_OR_RETURN(const std::int64_t changed, tx.Execute(kDeactivate, {id}));
    return changed == 1;
}

Status WebhookRepository::Enqueue(Transaction& tx, std::int64_t subscription, std::optional<std::int64_t> event_id,
                                  std::string_view event_type, const std::string& payload, Instant now) {
    AC_RETURN_IF_ERROR(tx.Execute(
        kEnqueue,
        {subscription, event_id ? Value(static_cast<long long>(*event_id)) : Value(), event_type, payload, now}));
    return Ok();
}

Result<std::vector<Delivery>> WebhookRepository::Claim(Transaction& tx, Instant now, Instant lease_until, int limit) {
    const std::string sql = "SELECT " + std::string(kDeliveryColumns) +
                            " FROM outbox WHERE state = 'pending' AND next_attempt_at_ms <= $1"
                            " AND (lease_until_ms IS NULL OR lease_until_ms <= $1) ORDER BY next_attempt_at_ms"
                            " LIMIT $2" +
                            (tx.backend() == storage::Backend::kPostgres ? " FOR UPDATE SKIP LOCKED" : "");
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {now, limit}));
    std::vector<Delivery> deliveries;
    for (const Row& row : rows) {
        Delivery delivery = DeliveryFrom(row);
        delivery.lease_until = lease_until;
        AC_RETURN_IF_ERROR(tx.Execute(kLease, {delivery.id, lease_until}));
        deliveries.push_back(std::move(delivery));
    }
    return deliveries;
}

Result<std::optional<Instant>> WebhookRepository::NextDue(Transaction& tx) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kNextDue));
    const auto ms = rows.front().OptInt(0);
    return ms ? std::optional<Instant>(FromEpochMs(*ms)) : std::nullopt;
}

Status WebhookRepository::Finish(Transaction& tx, const Delivery& delivery) {
    AC_RETURN_IF_ERROR(tx.Execute(kFinish, {delivery.id, delivery.state, delivery.attempts, delivery.next_attempt_at,
                                            delivery.delivered_at ? Value(*delivery.delivered_at) : Value()}));
    return Ok();
}

Status WebhookRepository::RecordAttempt(Transaction& tx, const Attempt& attempt) {
    AC_RETURN_IF_ERROR(
        tx.Execute(kInsertAttempt, {attempt.outbox_id, attempt.at, attempt.status ? Value(*attempt.status) : Value(),
                                    attempt.error, attempt.duration_ms}));
    return Ok();
}

Result<std::vector<Delivery>> WebhookRepository::DeliveriesOf(Transaction& tx, std::int64_t subscription, int limit) {
    const std::string sql =
        "SELECT " + std::string(kDeliveryColumns) + " FROM outbox WHERE subscription_id = $1 ORDER BY id DESC LIMIT $2";
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {subscription, limit}));
    std::vector<Delivery> deliveries;
    for (const Row& row : rows) {
        deliveries.push_back(DeliveryFrom(row));
    }
    return deliveries;
}

Result<std::vector<Attempt>> WebhookRepository::AttemptsOf(Transaction& tx, std::int64_t outbox_id) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kAttempts, {outbox_id}));
    std::vector<Attempt> attempts;
    for (const Row& row : rows) {
        Attempt attempt;
        attempt.id = row.Int(0);
        attempt.outbox_id = row.Int(1);
        attempt.at = row.Time(2);
        if (const auto status = row.OptInt(3)) {
            attempt.status = static_cast<int>(*status);
        }
        attempt.error = row.Text(4);
        attempt.duration_ms = row.Int(5);
        attempts.push_back(std::move(attempt));
    }
    return attempts;
}

}  // namespace ac::kernel

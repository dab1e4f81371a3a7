// Webhook subscriptions over HTTP, and the record of their deliveries.
#include <boost/json/array.hpp>
#include <boost/url/parse.hpp>

#include "auth/secrets.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"
#include "kernel/api/routes.hpp"
#include "kernel/webhook_repository.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::kernel::api {
namespace {

using storage::Transaction;
using storage::TxMode;

constexpr std::string_view kCreateSchema = R"({
  "type": "object", "required": ["url", "event_types"], "additionalProperties": false,
  "properties": {
    "url": {"type": "string", "maxLength": 500, "description": "http:// URL that receives POSTs"},
    "event_types": {"type": "array", "minItems": 1, "maxItems": 50,
                    "items": {"type": "string", "description": "sla.breach, document.repair_ticket.*, or *"}},
    "secret": {"type": "string", "minLength": 16, "maxLength": 200,
               "description": "the HMAC key; generated (and shown once) when absent"}
  }
})";

bool ValidUrl(std::string_view text) {
    const auto url = boost::urls::parse_absolute_uri(text);
    return url && url->scheme() == "http" && !url->host().empty() && !url->has_userinfo();
}

// "sla.breach", "document.repair_ticket.*", "*": lowercase words, dots, underscores, and a final "*".
bool ValidEventType(std::string_view type) {
    if (type == "*") {
        return true;
    }
    std::string_view body = type;
    if (body.ends_with(".*")) {
        body.remove_suffix(2);
    }
    return !body.empty() &&
           body.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._") == std::string_view::npos &&
           body.front() != '.' && body.back() != '.';
}

boost::json::object SubscriptionJson(const Subscription& subscription) {
    boost::json::array types;
    for (const std::string& type : subscription.event_types) {
        types.emplace_back(type);
    }
    return boost::json::object{{"id", subscription.id},
                               {"url", subscription.url},
                               {"event_types", std::move(types)},
                               {"active", subscription.active},
                               {"created_at", FormatRfc3339(subscription.created_at)}};
}

Result<http::Response> Create(Kernel& kernel, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    const auto url = reader.String("url", {.min_chars = 1, .max_chars = 500});
    std::vector<std::string> types;
    if (const boost::json::array* array = reader.Array("event_types", {.min_items = 1, .max_items = 50})) {
        for (std::size_t i = 0; i < array->size(); ++i) {
            const boost::json::value& item = (*array)[i];
            const std::string field = "event_types[" + std::to_string(i) + "]";
            if (!item.is_string()) {
                reader.AddError(field, Message{"field.must_be_string", {}});
            } else if (!ValidEventType(item.get_string())) {
                reader.AddError(field, Message{"field.event_type_invalid", {}});
            } else {
                types.emplace_back(item.get_string());
            }
        }
    }
    const auto secret = reader.String("secret", {.required = false, .min_chars = 16, .max_chars = 200});
    reader.RejectUnknownFields();
    if (url && !ValidUrl(*url)) {
        reader.AddError("url", Message{"field.url_invalid", {}});
    }
    AC_RETURN_IF_ERROR(reader.Finish());
    Subscription subscription;
    subscription.url = *url;
    subscription.secret = secret ? *secret : auth::RandomToken();
    subscription.event_types = std::move(types);
    subscription.created_at = kernel.clock().Now();
    AC_ASSIGN_OR_RETURN(subscription.id, storage::RunInTransaction(kernel.db(), TxMode::kWrite, [&](Transaction& tx) {
                            return WebhookRepository::InsertSubscription(tx, subscription, request.principal->staff_id);
                        }));
    boost::json::object json = SubscriptionJson(subscription);
    json["secret"] = subscription.secret;  // shown this once
    return http::JsonResponse(201, json);
}

Result<http::Response> List(Kernel& kernel, http::Request&) {
    AC_ASSIGN_OR_RETURN(const std::vector<Subscription> subscriptions,
                        storage::RunInTransaction(kernel.db(), TxMode::kRead, [](Transaction& tx) {
                            return WebhookRepository::Subscriptions(tx, false);
                        }));
    boost::json::array items;
    for (const Subscription& subscription : subscriptions) {
        items.push_back(SubscriptionJson(subscription));
    }
    return http::JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

Result<http::Response> Remove(Kernel& kernel, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    AC_ASSIGN_OR_RETURN(const bool removed,
                        storage::RunInTransaction(kernel.db(), TxMode::kWrite, [&](Transaction& tx) {
                            return WebhookRepository::Deactivate(tx, id);
                        }));
    if (!removed) {
        return Fail(Error::Make(ErrorCode::kNotFound, "webhooks.not_found", {{"id", std::to_string(id)}}));
    }
    return http::Response::NoContent();
}

Result<http::Response> Deliveries(Kernel& kernel, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    return storage::RunInTransaction(kernel.db(), TxMode::kRead, [&](Transaction& tx) -> Result<http::Response> {
        AC_ASSIGN_OR_RETURN(const auto subscription, WebhookRepository::FindSubscription(tx, id));
        if (!subscription) {
            return Fail(Error::Make(ErrorCode::kNotFound, "webhooks.not_found", {{"id", std::to_string(id)}}));
        }
        AC_ASSIGN_OR_RETURN(const std::vector<Delivery> deliveries, WebhookRepository::DeliveriesOf(tx, id, 50));
        boost::json::array items;
        for (const Delivery& delivery : deliveries) {
            AC_ASSIGN_OR_RETURN(const std::vector<Attempt> attempts, WebhookRepository::AttemptsOf(tx, delivery.id));
            boost::json::array tries;
            for (const Attempt& attempt : attempts) {
                tries.push_back(boost::json::object{
                    {"at", FormatRfc3339(attempt.at)},
                    {"status", attempt.status ? boost::json::value(*attempt.status) : boost::json::value(nullptr)},
                    {"error", attempt.error},
                    {"duration_ms", attempt.duration_ms}});
            }
            items.push_back(boost::json::object{
                {"id", delivery.id},
                {"event_type", delivery.event_type},
                {"state", delivery.state},
                {"attempts", delivery.attempts},
                {"next_attempt_at", FormatRfc3339(delivery.next_attempt_at)},
                {"created_at", FormatRfc3339(delivery.created_at)},
                {"delivered_at", delivery.delivered_at ? boost::json::value(FormatRfc3339(*delivery.delivered_at))
                                                       : boost::json::value(nullptr)},
                {"tries", std::move(tries)}});
        }
        return http::JsonResponse(200, boost::json::object{{"items", std::move(items)}});
    });
}

}  // namespace

void AddWebhookRoutes(http::Router& router, Kernel& kernel) {
    const std::string permission = "webhooks.manage";
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/webhooks",
        .handler = [&kernel](http::Request& request) { return List(kernel, request); },
        .permission = permission,
        .doc = {.summary = "Webhook subscriptions (without their secrets)", .tag = "webhooks"},
    });
    router.Add(http::Route{
        .method = http::Method::kPost,
        .pattern = "/api/v1/webhooks",
        .handler = [&kernel](http::Request& request) { return Create(kernel, request); },
        .permission = permission,
        .doc = {.summary = "Subscribe a URL to event types; the answer holds the signing secret, once",
                .tag = "webhooks",
                .request_schema = std::string(kCreateSchema),
                .success_status = 201},
    });
    router.Add(http::Route{
        .method = http::Method::kDelete,
        .pattern = "/api/v1/webhooks/{id}",
        .handler = [&kernel](http::Request& request) { return Remove(kernel, request); },
        .permission = permission,
        .doc = {.summary = "End a subscription (its pending deliveries fail)",
                .tag = "webhooks",
                .success_status = 204},
    });
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/webhooks/{id}/deliveries",
        .handler = [&kernel](http::Request& request) { return Deliveries(kernel, request); },
        .permission = permission,
        .doc = {.summary = "A subscription's latest 50 deliveries with every attempt", .tag = "webhooks"},
    });
}

}  // namespace ac::kernel::api

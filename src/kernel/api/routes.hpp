// The kernel over HTTP: the generic routes of every document type, notifications (inbox and WebSocket),
// webhooks, store calendars and SLA policies. Modules add their own list and create routes beside these.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/i18n.hpp"
#include "http/router.hpp"
#include "http/websocket_hub.hpp"
#include "kernel/fanout.hpp"
#include "kernel/kernel.hpp"

namespace ac::kernel::api {

// A module's own fields of a document, as the JSON object "fields". Runs in a read transaction.
using FieldsView = std::function<Result<boost::json::object>(storage::Transaction& tx, const Document& document)>;

// The answer with `document` as GET /api/v1/<resource>/{id} gives it: its fields (from `fields`, when set) and timers
// read in one transaction, and the actions the caller may take now. Create routes answer with it (status 201).
[[nodiscard]] Result<http::Response> DocumentResponse(Kernel& kernel, const Catalog& catalog,
                                                      const http::Request& request, const Document& document,
                                                      const FieldsView& fields, int status = 200);

// For a document type (its resource "repair-tickets"):
//   GET  /api/v1/<resource>/{id}                     the document: common columns, "fields", timers, actions
//   POST /api/v1/<resource>/{id}/actions/{action}    {version, inputs, comment} → the document after it
//   GET  /api/v1/<resource>/{id}/events              the timeline
//   GET  /api/v1/<resource>/{id}/files/{hash}        a file the document holds (a signature)
void AddDocumentRoutes(http::Router& router, Kernel& kernel, const Catalog& catalog, const DocumentType& type,
                       FieldsView fields);

// GET /api/v1/notifications, POST /api/v1/notifications/{id}/read, POST /api/v1/notifications/read-all,
// GET /api/v1/ws (the WebSocket upgrade).
void AddNotificationRoutes(http::Router& router, Kernel& kernel, const Catalog& catalog);

// GET/POST /api/v1/webhooks, DELETE /api/v1/webhooks/{id}, GET /api/v1/webhooks/{id}/deliveries.
void AddWebhookRoutes(http::Router& router, Kernel& kernel);

// GET/PUT /api/v1/stores/{id}/calendar; GET /api/v1/sla-policies, PUT/DELETE /api/v1/sla-policies/{name}.
void AddCalendarRoutes(http::Router& router, Kernel& kernel, const Catalog& catalog);

// Pushes each new notification to its recipient's open WebSockets, rendered in each connection's language, from
// a thread of its own (the committing thread only queues the id).
class NotificationPusher {
  public:
    NotificationPusher(Kernel& kernel, const Catalog& catalog, http::WebSocketHub& hub);
    ~NotificationPusher();
    NotificationPusher(const NotificationPusher&) = delete;
    NotificationPusher& operator=(const NotificationPusher&) = delete;

    void Start();
    void Stop();
    void Push(std::int64_t notification_id, StaffId staff);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// The catalog keys a registry's types and policies need (state, action, input and checklist labels, the
// notification texts) that the catalog lacks. Start-up refuses to serve with any missing.
[[nodiscard]] std::vector<std::string> MissingLabels(const Registry& registry, const Policies& policies,
                                                     const Catalog& catalog);

}  // namespace ac::kernel::api

// The in-app inbox over HTTP and its live push over a WebSocket.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <boost/json/array.hpp>

#include "core/thread_name.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"
#include "kernel/api/document_json.hpp"
#include "kernel/api/routes.hpp"
#include "log/log.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::kernel::api {
namespace {

using storage::Transaction;
using storage::TxMode;

constexpr std::int64_t kMaxPageSize = 100;

// The documents the notifications point at, looked up once each.
Result<std::vector<boost::json::object>> Render(Transaction& tx, const Catalog& catalog, Lang lang,
                                                const Registry& registry, const std::vector<NotificationRow>& rows) {
    std::map<std::int64_t, std::optional<Document>> documents;
    std::vector<boost::json::object> out;
    for (const NotificationRow& row : rows) {
        std::optional<Document> document;
        if (row.document_id) {
            auto cached = documents.find(row.document_id->value());
            if (cached == documents.end()) {
                AC_ASSIGN_OR_RETURN(auto found, DocumentRepository::Find(tx, *row.document_id));
                cached = documents.emplace(row.document_id->value(), std::move(found)).first;
            }
            document = cached->second;
        }
        out.push_back(NotificationJson(catalog, lang, row, document, registry));
    }
    return out;
}

Result<http::Response> List(Kernel& kernel, const Catalog& catalog, http::Request& request) {
    http::QueryReader query(request);
    const bool unread = query.Bool("unread").value_or(false);
    const std::int64_t page = query.Int("page", 1, 100'000).value_or(1);
    const std::int64_t page_size = query.Int("page_size", 1, kMaxPageSize).value_or(20);
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    const StaffId me = request.principal->staff_id;
    return storage::RunInTransaction(kernel.db(), TxMode::kRead, [&](Transaction& tx) -> Result<http::Response> {
        AC_ASSIGN_OR_RETURN(const std::vector<NotificationRow> rows,
                            NotificationRepository::OfStaff(tx, me, unread, static_cast<int>(page_size),
                                                            static_cast<int>((page - 1) * page_size)));
        AC_ASSIGN_OR_RETURN(const std::int64_t total, NotificationRepository::Count(tx, me, unread));
        AC_ASSIGN_OR_RETURN(const std::int64_t unread_count, NotificationRepository::Count(tx, me, true));
        AC_ASSIGN_OR_RETURN(std::vector<boost::json::object> items,
                            Render(tx, catalog, request.lang, kernel.registry(), rows));
        boost::json::array array;
        for (boost::json::object& item : items) {
            array.emplace_back(std::move(item));
        }
        return http::JsonResponse(200, boost::json::object{{"items", std::move(array)},
                                                           {"total", total},
                                                           {"unread_count", unread_count},
                                                           {"page", page},
                                                           {"page_size", page_size}});
    });
}

Result<http::Response> MarkRead(Kernel& kernel, http::Request& request, bool all) {
    std::optional<std::int64_t> id;
    if (!all) {
        AC_ASSIGN_OR_RETURN(id, http::PathId(request));
    }
    const StaffId me = request.principal->staff_id;
    const Instant now = kernel.clock().Now();
    return storage::RunInTransaction(kernel.db(), TxMode::kWrite, [&](Transaction& tx) -> Result<http::Response> {
        if (id) {
            AC_ASSIGN_OR_RETURN(const auto found, NotificationRepository::Find(tx, *id));
            // Someone else's notification is as good as none.
            if (!found || found->staff_id != me) {
                return Fail(
                    Error::Make(ErrorCode::kNotFound, "notifications.not_found", {{"id", std::to_string(*id)}}));
            }
        }
        AC_ASSIGN_OR_RETURN(const std::int64_t marked, NotificationRepository::MarkRead(tx, me, id, now));
        AC_ASSIGN_OR_RETURN(const std::int64_t unread_count, NotificationRepository::Count(tx, me, true));
        return http::JsonResponse(200, boost::json::object{{"marked", marked}, {"unread_count", unread_count}});
    });
}

// The upgrade to a WebSocket, for the signed-in staff member. A browser's cross-site page must not open one with
// the user's cookie: its Origin has to name this server.
Result<http::Response> Upgrade(http::Request& request) {
    const auto upgrade = request.Header("Upgrade");
    if (!upgrade || !http::EqualsIgnoreCase(*upgrade, "websocket")) {
        return Fail(Error::Make(ErrorCode::kInvalidArgument, "notifications.websocket_required"));
    }
    if (const auto origin = request.Header("Origin")) {
        const std::string host(request.Header("Host").value_or(""));
        const std::size_t scheme = origin->find("://");
        const std::string_view origin_host = scheme == std::string_view::npos ? *origin : origin->substr(scheme + 3);
        if (host.empty() || origin_host != host) {
            return Fail(Error::Make(ErrorCode::kPermissionDenied, "notifications.origin_forbidden"));
        }
    }
    http::Response response;
    response.status = 101;
    response.websocket = http::WebSocketUpgrade{request.principal->staff_id, request.lang};
    return response;
}

}  // namespace

void AddNotificationRoutes(http::Router& router, Kernel& kernel, const Catalog& catalog) {
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/notifications",
        .handler = [&kernel, &catalog](http::Request& request) { return List(kernel, catalog, request); },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "The caller's notifications, newest first (?unread=true, page, page_size), with the "
                           "unread count",
                .tag = "notifications"},
    });
    router.Add(http::Route{
        .method = http::Method::kPost,
        .pattern = "/api/v1/notifications/{id}/read",
        .handler = [&kernel](http::Request& request) { return MarkRead(kernel, request, false); },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "Mark one of the caller's notifications read", .tag = "notifications"},
    });
    router.Add(http::Route{
        .method = http::Method::kPost,
        .pattern = "/api/v1/notifications/read-all",
        .handler = [&kernel](http::Request& request) { return MarkRead(kernel, request, true); },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "Mark all of the caller's notifications read", .tag = "notifications"},
    });
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/ws",
        .handler = Upgrade,
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "WebSocket of live updates: {\"type\": \"notification\", \"notification\": {…}, "
                           "\"unread_count\": n} for each new notification of the caller",
                .tag = "notifications",
                .success_status = 101},
    });
}

struct NotificationPusher::State {
    State(Kernel& k, const Catalog& c, http::WebSocketHub& h) : kernel(k), catalog(c), hub(h) {}
    Kernel& kernel;
    const Catalog& catalog;
    http::WebSocketHub& hub;
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<std::pair<std::int64_t, StaffId>> queue;
    bool stopping = false;
    std::thread thread;

    void Run() {
        for (;;) {
            std::pair<std::int64_t, StaffId> item;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [this] { return stopping || !queue.empty(); });
                if (stopping) {
                    return;
                }
                item = queue.front();
                queue.pop_front();
            }
            const Status pushed = PushOne(item.first, item.second);
            if (!pushed) {
                log::Warn("ws.push_failed", {{"notification", item.first}, {"error", pushed.error().detail}});
            }
        }
    }

    Status PushOne(std::int64_t id, StaffId staff) {
        if (!hub.Connected(staff)) {
            return Ok();
        }
        struct Loaded {
            NotificationRow row;
            std::optional<Document> document;
            std::int64_t unread = 0;
        };
        AC_ASSIGN_OR_RETURN(const std::optional<Loaded> loaded,
                            storage::RunInTransaction(
                                kernel.db(), TxMode::kRead, [&](Transaction& tx) -> Result<std::optional<Loaded>> {
                                    AC_ASSIGN_OR_RETURN(auto row, NotificationRepository::Find(tx, id));
                                    if (!row) {
                                        return std::optional<Loaded>();
                                    }
                                    Loaded result{*row, std::nullopt, 0};
                                    if (row->document_id) {
                                        AC_ASSIGN_OR_RETURN(result.document,
                                                            DocumentRepository::Find(tx, *row->document_id));
                                    }
                                    AC_ASSIGN_OR_RETURN(result.unread, NotificationRepository::Count(tx, staff, true));
                                    return std::optional<Loaded>(std::move(result));
                                }));
        if (!loaded) {
            return Ok();
        }
        hub.Publish(staff, [&](Lang lang) {
            return json::Serialize(boost::json::object{
                {"type", "notification"},
                {"notification", NotificationJson(catalog, lang, loaded->row, loaded->document, kernel.registry())},
                {"unread_count", loaded->unread}});
        });
        return Ok();
    }
};

NotificationPusher::NotificationPusher(Kernel& kernel, const Catalog& catalog, http::WebSocketHub& hub)
    : state_(std::make_unique<State>(kernel, catalog, hub)) {}

NotificationPusher::~NotificationPusher() {
    Stop();
}

void NotificationPusher::Start() {
    state_->thread = std::thread([state = state_.get()] {
        NameThisThread("ac-push");
        state->Run();
    });
}

void NotificationPusher::Stop() {
    {
        std::lock_guard lock(state_->mutex);
        state_->stopping = true;
    }
    state_->wake.notify_all();
    if (state_->thread.joinable()) {
        state_->thread.join();
    }
}

void NotificationPusher::Push(std::int64_t notification_id, StaffId staff) {
    if (!state_->hub.Connected(staff)) {
        return;  // nobody to push to: a page that connects later reads the inbox itself
    }
    {
        std::lock_guard lock(state_->mutex);
        state_->queue.emplace_back(notification_id, staff);
    }
    state_->wake.notify_one();
}

}  // namespace ac::kernel::api

#include "modules/delivery/api/delivery_routes.hpp"

#include <limits>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/json_body.hpp"
#include "http/query.hpp"
#include "kernel/api/document_json.hpp"
#include "kernel/api/routes.hpp"

namespace ac::delivery {
namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

constexpr std::string_view kJobRowSchema = R"({
  "type": "object",
  "required": ["id", "number", "state", "state_label", "store_id", "version", "created_at", "contract_id",
               "contract_number", "customer_name", "phone", "address", "installer_id", "installer_name", "crew",
               "window_start", "window_end", "breached"],
  "properties": {
    "id": {"type": "integer"}, "number": {"type": "string"}, "state": {"type": "string"},
    "state_label": {"type": "string"}, "store_id": {"type": "integer"}, "version": {"type": "integer"},
    "created_at": {"type": "string"}, "contract_id": {"type": "integer"}, "contract_number": {"type": "string"},
    "customer_name": {"type": "string"}, "phone": {"type": "string"}, "address": {"type": "string"},
    "installer_id": {"type": ["integer", "null"]}, "installer_name": {"type": "string"}, "crew": {"type": "string"},
    "window_start": {"type": ["string", "null"]}, "window_end": {"type": ["string", "null"]},
    "breached": {"type": "boolean"}
  }
})";

constexpr std::string_view kListQuery = R"({
  "q": {"type": "string", "description": "part of the number, customer, phone or address"},
  "state": {"type": "string"}, "open": {"type": "boolean", "description": "not yet signed for, nor cancelled"},
  "mine": {"type": "boolean", "description": "only the calling installer's jobs"},
  "installer_id": {"type": "integer"}, "contract_id": {"type": "integer"}, "store_id": {"type": "integer"},
  "from": {"type": "string", "format": "date-time"}, "to": {"type": "string", "format": "date-time"},
  "page": {"type": "integer"}, "page_size": {"type": "integer"}
})";

boost::json::value OptTime(const std::optional<Instant>& at) {
    return at ? boost::json::value(FormatRfc3339(*at)) : boost::json::value(nullptr);
}

boost::json::object RowJson(const Catalog& catalog, Lang lang, const JobRow& row) {
    const Job& j = row.job;
    return boost::json::object{
        {"id", row.document.id.value()},
        {"number", row.document.number},
        {"state", row.document.state},
        {"state_label",
         kernel::api::Label(catalog, lang, "doc.delivery_job.state." + row.document.state, row.document.state)},
        {"store_id", row.document.store_id.value()},
        {"version", row.document.version},
        {"created_at", FormatRfc3339(row.document.created_at)},
        {"contract_id", j.contract_id.value()},
        {"contract_number", j.contract_number},
        {"customer_name", j.customer_name},
        {"phone", j.phone},
        {"address", j.address},
        {"installer_id", j.installer_id ? boost::json::value(j.installer_id->value()) : nullptr},
        {"installer_name", j.installer_name},
        {"crew", j.crew},
        {"window_start", OptTime(j.window_start)},
        {"window_end", OptTime(j.window_end)},
        {"breached", row.breached},
    };
}

Result<http::Response> List(DeliveryService& deliveries, const Catalog& catalog, http::Request& request) {
    http::QueryReader query(request);
    JobQuery filter;
    filter.text = query.Text("q").value_or("");
    filter.state = query.Text("state", 32).value_or("");
    filter.open = query.Bool("open").value_or(false);
    if (const auto store = query.Int("store_id", 1, kMaxId)) {
        filter.store_id = StoreId(*store);
    }
    if (const auto installer = query.Int("installer_id", 1, kMaxId)) {
        filter.installer_id = StaffId(*installer);
    }
    if (const auto contract = query.Int("contract_id", 1, kMaxId)) {
        filter.contract_id = kernel::DocumentId(*contract);
    }
    if (query.Bool("mine").value_or(false)) {
        filter.installer_id = request.principal->staff_id;
    }
    filter.from = query.Time("from");
    filter.to = query.Time("to");
    filter.page = static_cast<int>(query.Int("page", 1, kMaxPage).value_or(1));
    filter.page_size = static_cast<int>(query.Int("page_size", 1, kMaxPageSize).value_or(20));
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const Page<JobRow> page, deliveries.List(*request.principal, filter));
    return http::PageResponse(page, [&](const JobRow& row) { return RowJson(catalog, request.lang, row); });
}

Result<http::Response> DispatchBoard(DeliveryService& deliveries, const Catalog& catalog, http::Request& request) {
    http::QueryReader query(request);
    std::optional<StoreId> store;
    if (const auto id = query.Int("store_id", 1, kMaxId)) {
        store = StoreId(*id);
    }
    const std::string from = query.Text("from", 10).value_or("");
    const int days = static_cast<int>(query.Int("days", 1, 31).value_or(7));
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const Board board, deliveries.DispatchBoard(*request.principal, store, from, days));
    boost::json::array installers;
    for (const Installer& installer : board.installers) {
        installers.push_back(boost::json::object{{"id", installer.id.value()}, {"name", installer.name}});
    }
    boost::json::array jobs;
    for (const JobRow& row : board.jobs) {
        jobs.push_back(RowJson(catalog, request.lang, row));
    }
    return http::JsonResponse(200, boost::json::object{{"from", board.from},
                                                       {"days", board.days},
                                                       {"store_id", board.store_id.value()},
                                                       {"installers", std::move(installers)},
                                                       {"jobs", std::move(jobs)}});
}

}  // namespace

void AddDeliveryRoutes(http::Router& router, DeliveryService& deliveries, kernel::Kernel& kernel,
                       const Catalog& catalog) {
    router.Add(
        {.method = http::Method::kGet,
         .pattern = "/api/v1/deliveries",
         .handler = [&deliveries, &catalog](http::Request& request) { return List(deliveries, catalog, request); },
         .permission = "deliveries.read",
         .doc = {.summary = "Delivery and installation jobs, by delivery window",
                 .tag = "deliveries",
                 .response_schema = http::PageSchema(kJobRowSchema),
                 .query_schema = std::string(kListQuery)}});
    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/deliveries/board",
                .handler = [&deliveries,
                            &catalog](http::Request& request) { return DispatchBoard(deliveries, catalog, request); },
                .permission = "deliveries.read",
                .doc = {.summary = "The dispatch board: jobs by day and crew, and those still to schedule (B1)",
                        .tag = "deliveries",
                        .response_schema = R"({"type": "object", "required": ["from", "days", "store_id",
                          "installers", "jobs"], "properties": {"from": {"type": "string"},
                          "days": {"type": "integer"}, "store_id": {"type": "integer"},
                          "installers": {"type": "array", "items": {"type": "object", "required": ["id", "name"],
                            "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}},
                          "jobs": {"type": "array", "items": )" +
                                           std::string(kJobRowSchema) + "}}}",
                        .query_schema = R"({"store_id": {"type": "integer"},
                          "from": {"type": "string", "format": "date", "description": "default: today"},
                          "days": {"type": "integer", "minimum": 1, "maximum": 31}})"}});
    const kernel::DocumentType* type = kernel.registry().Find(kType);
    if (type == nullptr) {
        throw std::logic_error("the delivery job type is not registered");
    }
    kernel::api::AddDocumentRoutes(router, kernel, catalog, *type,
                                   [&deliveries](storage::Transaction& tx, const kernel::Document& document) {
                                       return deliveries.FieldsJson(tx, document);
                                   });
}

}  // namespace ac::delivery

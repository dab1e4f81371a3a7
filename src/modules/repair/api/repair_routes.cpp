#include "modules/repair/api/repair_routes.hpp"

#include <limits>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/json_body.hpp"
#include "http/query.hpp"
#include "kernel/api/document_json.hpp"
#include "kernel/api/routes.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::repair {
namespace {

constexpr std::string_view kRegisterSchema = R"({
  "type": "object", "additionalProperties": false,
  "required": ["customer_name", "phone", "address", "product_model", "problem", "symptoms", "channel"],
  "properties": {
    "customer_name": {"type": "string", "maxLength": 50}, "phone": {"type": "string", "maxLength": 30},
    "district": {"type": "string", "maxLength": 30}, "address": {"type": "string", "maxLength": 200},
    "product_model": {"type": "string", "maxLength": 64, "description": "a product's model or code"},
    "problem": {"type": "string", "maxLength": 500}, "symptoms": {"type": "string", "maxLength": 1000},
    "channel": {"type": "string", "enum": ["phone", "letter", "visit", "web"]},
    "delivered_on": {"type": ["string", "null"], "format": "date"},
    "store_id": {"type": "integer", "description": "default: the registering user's store"}
  }
})";

constexpr std::string_view kListQuery = R"({
  "q": {"type": "string", "description": "part of the number, customer, phone, address, model or problem"},
  "state": {"type": "string"}, "sla": {"type": "string", "enum": ["running", "breached"]},
  "open": {"type": "boolean", "description": "only tickets not yet repaired, closed or cancelled"},
  "mine": {"type": "boolean", "description": "only the visits of the calling technician"},
  "store_id": {"type": "integer"}, "technician_id": {"type": "integer"},
  "from": {"type": "string", "format": "date-time"}, "to": {"type": "string", "format": "date-time"},
  "page": {"type": "integer"}, "page_size": {"type": "integer"}
})";

constexpr std::string_view kTicketRowSchema = R"({
  "type": "object",
  "required": ["id", "number", "state", "state_label", "store_id", "version", "created_at", "customer_name", "phone",
               "address", "product_model", "problem", "channel", "source", "warranty", "technician_id",
               "window_start", "window_end", "first_contact_deadline", "breached"],
  "properties": {
    "id": {"type": "integer"}, "number": {"type": "string"}, "state": {"type": "string"},
    "state_label": {"type": "string"}, "store_id": {"type": "integer"}, "version": {"type": "integer"},
    "created_at": {"type": "string"}, "customer_name": {"type": "string"}, "phone": {"type": "string"},
    "address": {"type": "string"}, "product_model": {"type": "string"}, "problem": {"type": "string"},
    "channel": {"type": "string"}, "source": {"type": "string"}, "warranty": {"type": "string"},
    "technician_id": {"type": ["integer", "null"]}, "window_start": {"type": ["string", "null"]},
    "window_end": {"type": ["string", "null"]},
    "first_contact_deadline": {"type": ["string", "null"], "description": "while the 30-minute timer runs"},
    "breached": {"type": "boolean", "description": "a deadline of this ticket was missed"}
  }
})";

constexpr json::StringRule kText{.required = false, .max_chars = 2000, .trim = false, .multiline = true};

boost::json::value OptTime(const std::optional<Instant>& at) {
    return at ? boost::json::value(FormatRfc3339(*at)) : boost::json::value(nullptr);
}

kernel::api::FieldsView TicketFields(RepairService& repairs) {
    return [&repairs](storage::Transaction& tx, const kernel::Document& document) {
        return repairs.FieldsJson(tx, document);
    };
}

Result<http::Response> Register(RepairService& repairs, kernel::Kernel& kernel, const Catalog& catalog,
                                http::Request& request) {
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    Registration r;
    r.customer_name = reader.String("customer_name", kText).value_or("");
    r.phone = reader.String("phone", kText).value_or("");
    r.district = reader.String("district", kText).value_or("");
    r.address = reader.String("address", kText).value_or("");
    r.product_model = reader.String("product_model", kText).value_or("");
    r.problem = reader.String("problem", kText).value_or("");
    r.symptoms = reader.String("symptoms", kText).value_or("");
    r.channel = reader.String("channel", kText).value_or("");
    r.delivered_on = reader.String("delivered_on", kText);
    if (const auto store = reader.Int("store_id", {.required = false, .min = 1})) {
        r.store_id = StoreId(*store);
    }
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const kernel::Document document, repairs.Register(*request.principal, r, request.request_id));
    return kernel::api::DocumentResponse(kernel, catalog, request, document, TicketFields(repairs), 201);
}

Result<http::Response> List(RepairService& repairs, const Catalog& catalog, http::Request& request) {
    http::QueryReader query(request);
    TicketQuery filter;
    filter.text = query.Text("q").value_or("");
    filter.state = query.Text("state", 32).value_or("");
    static constexpr std::string_view kSla[] = {"running", "breached"};
    filter.sla = query.OneOf("sla", kSla).value_or("");
    constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
    if (const auto store = query.Int("store_id", 1, kMaxId)) {
        filter.store_id = StoreId(*store);
    }
    if (const auto technician = query.Int("technician_id", 1, kMaxId)) {
        filter.technician_id = StaffId(*technician);
    }
    const auto time_param = [&](std::string_view name) -> std::optional<Instant> {
        const auto text = query.Text(name, 40);
        if (!text) {
            return std::nullopt;
        }
        return ParseRfc3339(*text);
    };
    filter.open = query.Bool("open").value_or(false);
    if (query.Bool("mine").value_or(false)) {
        filter.technician_id = request.principal->staff_id;  // "my visits" on a technician's phone
    }
    filter.from = time_param("from");
    filter.to = time_param("to");
    filter.page = static_cast<int>(query.Int("page", 1, kMaxPage).value_or(1));
    filter.page_size = static_cast<int>(query.Int("page_size", 1, kMaxPageSize).value_or(20));
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const Page<TicketRow> page, repairs.List(*request.principal, filter));
    const Lang lang = request.lang;
    return http::PageResponse(page, [&](const TicketRow& row) {
        const Ticket& t = row.ticket;
        return boost::json::object{
            {"id", row.document.id.value()},
            {"number", row.document.number},
            {"state", row.document.state},
            {"state_label",
             kernel::api::Label(catalog, lang, "doc.repair_ticket.state." + row.document.state, row.document.state)},
            {"store_id", row.document.store_id.value()},
            {"version", row.document.version},
            {"created_at", FormatRfc3339(row.document.created_at)},
            {"customer_name", t.customer_name},
            {"phone", t.phone},
            {"address", (t.district.empty() ? "" : t.district + " ") + t.address},
            {"product_model", t.product_model},
            {"problem", t.problem},
            {"channel", t.channel},
            {"source", t.source},
            {"warranty", t.warranty},
            {"technician_id", t.technician_id ? boost::json::value(t.technician_id->value()) : nullptr},
            {"window_start", OptTime(t.window_start)},
            {"window_end", OptTime(t.window_end)},
            {"first_contact_deadline", OptTime(row.first_contact_deadline)},
            {"breached", row.breached},
        };
    });
}

}  // namespace

void AddRepairRoutes(http::Router& router, RepairService& repairs, kernel::Kernel& kernel, const Catalog& catalog) {
    router.Add({.method = http::Method::kPost,
                .pattern = "/api/v1/repair-tickets",
                .handler = [&repairs, &kernel,
                            &catalog](http::Request& request) { return Register(repairs, kernel, catalog, request); },
                .permission = "repairs.register",
                .doc = {.summary = "Register a repair problem (the problem registration form, C1/C4)",
                        .tag = "repairs",
                        .request_schema = std::string(kRegisterSchema),
                        .success_status = 201}});
    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/repair-tickets",
                .handler = [&repairs, &catalog](http::Request& request) { return List(repairs, catalog, request); },
                .permission = "repairs.read",
                .doc = {.summary = "Repair tickets the caller sees, newest first",
                        .tag = "repairs",
                        .response_schema = http::PageSchema(kTicketRowSchema),
                        .query_schema = std::string(kListQuery)}});
    const kernel::DocumentType* type = kernel.registry().Find(kType);
    if (type == nullptr) {
        throw std::logic_error("the repair ticket type is not registered");
    }
    kernel::api::AddDocumentRoutes(router, kernel, catalog, *type, TicketFields(repairs));
}

}  // namespace ac::repair

#include "app/test_routes.hpp"

#include <array>
#include <charconv>
#include <stdexcept>
#include <thread>

#include <boost/json/object.hpp>

#include "core/json.hpp"
#include "http/json_body.hpp"
#include "kernel/api/document_json.hpp"
#include "kernel/api/routes.hpp"
#include "kernel/test_ticket.hpp"

namespace ac::app {
namespace {

constexpr std::array<std::string_view, 2> kKinds = {"repair", "delivery"};

constexpr std::string_view kEchoSchema = R"({
  "type": "object",
  "required": ["name", "quantity", "unit_price_fen"],
  "additionalProperties": false,
  "properties": {
    "name": {"type": "string", "minLength": 1, "maxLength": 20},
    "quantity": {"type": "integer", "minimum": 1, "maximum": 100},
    "unit_price_fen": {"type": "integer", "minimum": 0, "maximum": 100000000},
    "note": {"type": "string", "maxLength": 200},
    "kind": {"type": "string", "enum": ["repair", "delivery"]},
    "due": {"type": "string", "format": "date-time"}
  }
})";

Result<http::Response> Echo(http::Request& request) {
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    const auto name = reader.String("name", {.min_chars = 1, .max_chars = 20});
    const auto quantity = reader.Int("quantity", {.min = 1, .max = 100});
    const auto price = reader.Fen("unit_price_fen", {.min = 0, .max = 100'000'000});
    const auto note = reader.String("note", {.required = false, .max_chars = 200, .multiline = true});
    const auto kind = reader.OneOf("kind", kKinds, /*required=*/false);
    const auto due = reader.Time("due", /*required=*/false);
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());

    boost::json::object out{{"name", *name},
                            {"quantity", *quantity},
                            {"unit_price_fen", price->fen()},
                            {"total_fen", (*price * *quantity).fen()},
                            {"total_yuan", (*price * *quantity).ToYuanString()}};
    if (note) {
        out["note"] = *note;
    }
    if (kind) {
        out["kind"] = *kind;
    }
    if (due) {
        out["due"] = FormatRfc3339(*due);
    }
    return http::JsonResponse(200, out);
}

}  // namespace

void AddTestRoutes(http::Router& router) {
    router.Add(http::Route{
        .method = http::Method::kPost,
        .pattern = "/api/v1/test/echo",
        .handler = Echo,
        .permission = std::string(http::kPublic),
        .doc = {.summary = "Test only: validate and echo a body",
                .tag = "test",
                .request_schema = std::string(kEchoSchema)},
        .blocking = false,
    });
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/test/panic",
        .handler = [](http::Request&) -> Result<http::Response> {
            throw std::runtime_error("deliberate failure from /api/v1/test/panic");
        },
        .permission = std::string(http::kPublic),
        .doc = {.summary = "Test only: a handler that throws", .tag = "test"},
        .blocking = false,
    });
    // GET and POST: reads and writes run on different pools.
    for (const http::Method method : {http::Method::kGet, http::Method::kPost}) {
        router.Add(http::Route{
            .method = method,
            .pattern = "/api/v1/test/sleep",
            .handler = [](http::Request& request) -> Result<http::Response> {
                const std::string text = request.QueryParam("ms").value_or("0");
                int ms = 0;
                const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
                if (ec != std::errc() || end != text.data() + text.size() || ms < 0 || ms > 60'000) {
                    return Fail(Error::Validation(
                        {FieldError{"ms", Message{"field.out_of_range", {{"min", "0"}, {"max", "60000"}}}}}));
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(ms));
                return http::Response::Json(200, R"({"slept_ms":)" + std::to_string(ms) + "}");
            },
            .permission = std::string(http::kPublic),
            .doc = {.summary = "Test only: answer after ?ms= milliseconds", .tag = "test"},
            .blocking = true,
        });
    }
}

void AddClockRoutes(http::Router& router, FakeClock& clock, std::function<void()> changed) {
    const auto now = [&clock] {
        return http::JsonResponse(
            200, boost::json::object{{"now", FormatRfc3339(clock.Now())}, {"epoch_ms", ToEpochMs(clock.Now())}});
    };
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/test/clock",
        .handler = [now](http::Request&) -> Result<http::Response> { return now(); },
        .permission = std::string(http::kPublic),
        .doc = {.summary = "Test only: the fake clock's time", .tag = "test"},
        .blocking = false,
    });
    router.Add(http::Route{
        .method = http::Method::kPost,
        .pattern = "/api/v1/test/clock",
        .handler = [&clock, now, changed](http::Request& request) -> Result<http::Response> {
            AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
            json::ObjectReader reader(body);
            const auto advance =
                reader.Int("advance_ms", {.required = false, .min = 0, .max = 10LL * 365 * 86'400'000});
            const auto set = reader.Time("set", /*required=*/false);
            reader.RejectUnknownFields();
            if (reader.ok() && advance.has_value() == set.has_value()) {
                reader.AddError("advance_ms", Message{"field.required", {}});
            }
            AC_RETURN_IF_ERROR(reader.Finish());
            if (advance) {
                clock.Advance(std::chrono::milliseconds(*advance));
            } else {
                clock.Set(*set);
            }
            if (changed) {
                changed();
            }
            return now();
        },
        .permission = std::string(http::kPublic),
        .doc = {.summary = "Test only: move the fake clock ({advance_ms} or {set})", .tag = "test"},
        .blocking = false,
    });
}

void AddTestTicketRoutes(http::Router& router, kernel::Kernel& kernel, const Catalog& catalog) {
    const kernel::DocumentType* type = kernel.registry().Find(kernel::test_ticket::kType);
    if (type == nullptr) {
        throw std::logic_error("the test ticket type is not registered");
    }
    router.Add(http::Route{
        .method = http::Method::kPost,
        .pattern = "/api/v1/test-tickets",
        .handler = [&kernel, &catalog](http::Request& request) -> Result<http::Response> {
            AC_ASSIGN_OR_RETURN(const boost::json::object body, http::ReadJsonObject(request));
            json::ObjectReader reader(body);
            const auto store = reader.Int("store_id", {.min = 1});
            const auto title = reader.String("title", {.min_chars = 1, .max_chars = 100});
            const auto assignee = reader.Int("assignee_id", {.required = false, .min = 1});
            reader.RejectUnknownFields();
            AC_RETURN_IF_ERROR(reader.Finish());
            kernel::CreateRequest create;
            create.type = std::string(kernel::test_ticket::kType);
            create.store_id = StoreId(*store);
            if (assignee) {
                create.assignee = StaffId(*assignee);
            }
            create.fields = {kernel::FieldChange{"title", "null", json::Serialize(boost::json::value(*title))}};
            create.write = [&](storage::Transaction& tx, const kernel::Document& document) {
                return kernel::test_ticket::Insert(tx, document.id, *title);
            };
            create.request_id = request.request_id;
            AC_ASSIGN_OR_RETURN(const kernel::Document document, kernel.Create(*request.principal, create));
            AC_ASSIGN_OR_RETURN(const std::vector<kernel::TimerRow> timers, kernel.Timers(document.id));
            return http::JsonResponse(
                201, kernel::api::DocumentJson(kernel, catalog, request.lang, *request.principal, document, timers,
                                               boost::json::object{{"title", *title}}));
        },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "Test only: create a test ticket", .tag = "test", .success_status = 201},
    });
    kernel::api::AddDocumentRoutes(
        router, kernel, catalog, *type,
        [](storage::Transaction& tx, const kernel::Document& document) -> Result<boost::json::object> {
            AC_ASSIGN_OR_RETURN(const auto fields, kernel::test_ticket::Load(tx, document.id));
            boost::json::object json;
            if (fields) {
                json["title"] = fields->title;
                json["appointment"] =
                    fields->appointment ? boost::json::value(FormatRfc3339(*fields->appointment)) : nullptr;
            }
            return json;
        });
}

}  // namespace ac::app

#include "modules/contracts/api/contract_routes.hpp"

#include <limits>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/json_body.hpp"
#include "http/query.hpp"
#include "kernel/api/document_json.hpp"
#include "kernel/api/routes.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::contracts {
namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
constexpr json::StringRule kText{.required = false, .max_chars = 2000, .trim = false, .multiline = true};

constexpr std::string_view kContractSchema = R"({
  "type": "object", "additionalProperties": false,
  "required": ["customer_name", "phone", "address", "lines"],
  "properties": {
    "customer_name": {"type": "string", "maxLength": 50}, "phone": {"type": "string", "maxLength": 30},
    "district": {"type": "string", "maxLength": 30}, "address": {"type": "string", "maxLength": 200},
    "installation_requirements": {"type": "string", "maxLength": 500},
    "special_requirements": {"type": "string", "maxLength": 500},
    "salesperson_id": {"type": "integer", "description": "default: the caller, when a salesperson"},
    "warehouse_id": {"type": "integer", "description": "default: the store's first warehouse"},
    "store_id": {"type": "integer", "description": "default: the caller's store"},
    "lines": {"type": "array", "minItems": 1, "maxItems": 100, "items": {
      "type": "object", "additionalProperties": false, "required": ["product_id", "quantity"],
      "properties": {"product_id": {"type": "integer"}, "quantity": {"type": "integer", "minimum": 1},
                     "unit_price_fen": {"type": "integer", "minimum": 0, "description": "default: the list price"}}}}
  }
})";

constexpr std::string_view kContractListQuery = R"({
  "q": {"type": "string", "description": "part of the number, customer, phone, address or product"},
  "state": {"type": "string"}, "batch_date": {"type": "string", "format": "date"},
  "salesperson_id": {"type": "integer"}, "store_id": {"type": "integer"},
  "at_risk": {"type": "boolean", "description": "only contracts waiting on an overdue factory order"},
  "page": {"type": "integer"}, "page_size": {"type": "integer"}
})";

constexpr std::string_view kContractRowSchema = R"({
  "type": "object",
  "required": ["id", "number", "state", "state_label", "store_id", "version", "created_at", "customer_name", "phone",
               "address", "salesperson_id", "salesperson_name", "batch_date", "late", "total_fen", "units",
               "reserved", "need", "at_risk"],
  "properties": {
    "id": {"type": "integer"}, "number": {"type": "string"}, "state": {"type": "string"},
    "state_label": {"type": "string"}, "store_id": {"type": "integer"}, "version": {"type": "integer"},
    "created_at": {"type": "string"}, "customer_name": {"type": "string"}, "phone": {"type": "string"},
    "address": {"type": "string"}, "salesperson_id": {"type": "integer"}, "salesperson_name": {"type": "string"},
    "batch_date": {"type": "string"}, "late": {"type": "boolean", "description": "received after 17:00, rule A1"},
    "total_fen": {"type": "integer"}, "units": {"type": "integer"}, "reserved": {"type": "integer"},
    "need": {"type": "integer", "description": "units neither in stock nor on a factory order"},
    "at_risk": {"type": "boolean", "description": "waits on a factory order past its expected arrival, rule A5"}
  }
})";

constexpr std::string_view kNeedSchema = R"({
  "type": "object", "required": ["line_id", "contract_id", "contract_number", "product_id", "product_name", "model",
                                 "factory", "quantity", "warehouse_id"],
  "properties": {"line_id": {"type": "integer"}, "contract_id": {"type": "integer"},
    "contract_number": {"type": "string"}, "product_id": {"type": "integer"}, "product_name": {"type": "string"},
    "model": {"type": "string"}, "factory": {"type": "string"}, "quantity": {"type": "integer"},
    "warehouse_id": {"type": "integer"}}
})";

constexpr std::string_view kFactoryOrderRowSchema = R"({
  "type": "object",
  "required": ["id", "number", "state", "state_label", "version", "created_at", "factory", "placed_at", "overdue",
               "lines"],
  "properties": {
    "id": {"type": "integer"}, "number": {"type": "string"}, "state": {"type": "string"},
    "state_label": {"type": "string"}, "version": {"type": "integer"}, "created_at": {"type": "string"},
    "factory": {"type": "string"}, "placed_at": {"type": ["string", "null"]},
    "overdue": {"type": "boolean", "description": "placed, and a line is past its expected arrival, rule A5"},
    "lines": {"type": "array", "items": {"type": "object", "required": ["contract_number", "product_name", "model",
      "quantity", "expected_on", "received"], "properties": {"contract_number": {"type": "string"},
      "product_name": {"type": "string"}, "model": {"type": "string"}, "quantity": {"type": "integer"},
      "expected_on": {"type": ["string", "null"]}, "received": {"type": "integer"}}}}
  }
})";

constexpr std::string_view kWarehouseSchema = R"({
  "type": "object", "required": ["id", "store_id", "code", "name"],
  "properties": {"id": {"type": "integer"}, "store_id": {"type": "integer"}, "code": {"type": "string"},
                 "name": {"type": "string"}}
})";

constexpr std::string_view kStockLevelSchema = R"({
  "type": "object",
  "required": ["warehouse_id", "product_id", "product_code", "product_name", "model", "on_hand", "reserved",
               "available"],
  "properties": {"warehouse_id": {"type": "integer"}, "product_id": {"type": "integer"},
    "product_code": {"type": "string"}, "product_name": {"type": "string"}, "model": {"type": "string"},
    "on_hand": {"type": "integer"}, "reserved": {"type": "integer"}, "available": {"type": "integer"}}
})";

constexpr std::string_view kMovementSchema = R"({
  "type": "object",
  "required": ["id", "warehouse_id", "product_id", "kind", "on_hand_delta", "reserved_delta", "contract_id",
               "factory_order_id", "note", "at", "staff_id"],
  "properties": {"id": {"type": "integer"}, "warehouse_id": {"type": "integer"}, "product_id": {"type": "integer"},
    "kind": {"type": "string", "enum": ["receipt", "reserve", "release", "issue"]},
    "on_hand_delta": {"type": "integer"}, "reserved_delta": {"type": "integer"},
    "contract_id": {"type": ["integer", "null"]}, "factory_order_id": {"type": ["integer", "null"]},
    "note": {"type": "string"}, "at": {"type": "string"}, "staff_id": {"type": ["integer", "null"]}}
})";

std::string ArraySchema(std::string_view item) {
    return R"({"type": "array", "items": )" + std::string(item) + "}";
}

boost::json::value OptTime(const std::optional<Instant>& at) {
    return at ? boost::json::value(FormatRfc3339(*at)) : boost::json::value(nullptr);
}

template <class T>
boost::json::value OptId(const std::optional<T>& id) {
    return id ? boost::json::value(id->value()) : boost::json::value(nullptr);
}

boost::json::object ContractRowJson(const Catalog& catalog, Lang lang, const ContractRow& row) {
    const Contract& c = row.contract;
    return boost::json::object{
        {"id", row.document.id.value()},
        {"number", row.document.number},
        {"state", row.document.state},
        {"state_label",
         kernel::api::Label(catalog, lang, "doc.sales_contract.state." + row.document.state, row.document.state)},
        {"store_id", row.document.store_id.value()},
        {"version", row.document.version},
        {"created_at", FormatRfc3339(row.document.created_at)},
        {"customer_name", c.customer_name},
        {"phone", c.phone},
        {"address", (c.district.empty() ? "" : c.district + " ") + c.address},
        {"salesperson_id", c.salesperson_id.value()},
        {"salesperson_name", c.salesperson_name},
        {"batch_date", c.batch_date},
        {"late", c.late},
        {"total_fen", c.total_fen},
        {"units", row.units},
        {"reserved", row.reserved},
        {"need", row.need},
        {"at_risk", row.at_risk},
    };
}

boost::json::object NeedJson(const Need& need) {
    return boost::json::object{{"line_id", need.line_id},
                               {"contract_id", need.contract_id.value()},
                               {"contract_number", need.contract_number},
                               {"product_id", need.product_id.value()},
                               {"product_name", need.product_name},
                               {"model", need.model},
                               {"factory", need.factory},
                               {"quantity", need.quantity},
                               {"warehouse_id", need.warehouse_id.value()}};
}

boost::json::object FactoryOrderRowJson(const Catalog& catalog, Lang lang, const FactoryOrderRow& row) {
    boost::json::array lines;
    for (const FactoryLine& line : row.order.lines) {
        lines.push_back(boost::json::object{
            {"contract_number", line.contract_number},
            {"product_name", line.product_name},
            {"model", line.model},
            {"quantity", line.quantity},
            {"expected_on", line.expected_on ? boost::json::value(*line.expected_on) : boost::json::value(nullptr)},
            {"received", line.received}});
    }
    return boost::json::object{
        {"id", row.document.id.value()},
        {"number", row.document.number},
        {"state", row.document.state},
        {"state_label",
         kernel::api::Label(catalog, lang, "doc.factory_order.state." + row.document.state, row.document.state)},
        {"version", row.document.version},
        {"created_at", FormatRfc3339(row.document.created_at)},
        {"factory", row.order.factory},
        {"placed_at", OptTime(row.order.placed_at)},
        {"overdue", row.overdue},
        {"lines", std::move(lines)},
    };
}

boost::json::object WarehouseJson(const Warehouse& w) {
    return boost::json::object{
        {"id", w.id.value()}, {"store_id", w.store_id.value()}, {"code", w.code}, {"name", w.name}};
}

boost::json::object LevelJson(const StockLevel& level) {
    return boost::json::object{{"warehouse_id", level.warehouse_id.value()},
                               {"product_id", level.product_id.value()},
                               {"product_code", level.product_code},
                               {"product_name", level.product_name},
                               {"model", level.model},
                               {"on_hand", level.on_hand},
                               {"reserved", level.reserved},
                               {"available", level.on_hand - level.reserved}};
}

Result<http::Response> CreateContract(ContractService& contracts, kernel::Kernel& kernel, const Catalog& catalog,
                                      http::Request& request) {
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    ContractInput in;
    in.customer_name = reader.String("customer_name", kText).value_or("");
    in.phone = reader.String("phone", kText).value_or("");
    in.district = reader.String("district", kText).value_or("");
    in.address = reader.String("address", kText).value_or("");
    in.installation_requirements = reader.String("installation_requirements", kText).value_or("");
    in.special_requirements = reader.String("special_requirements", kText).value_or("");
    if (const auto id = reader.Int("salesperson_id", {.required = false, .min = 1})) {
        in.salesperson_id = StaffId(*id);
    }
    if (const auto id = reader.Int("warehouse_id", {.required = false, .min = 1})) {
        in.warehouse_id = WarehouseId(*id);
    }
    if (const auto id = reader.Int("store_id", {.required = false, .min = 1})) {
        in.store_id = StoreId(*id);
    }
    if (const boost::json::array* lines = reader.Array("lines", {.required = false, .max_items = 100})) {
        for (std::size_t i = 0; i < lines->size(); ++i) {
            LineInput line;
            if (auto item = reader.Item("lines", *lines, i)) {
                if (const auto product = item->Int("product_id", {.required = false, .min = 1})) {
                    line.product_id = catalog::ProductId(*product);
                }
                line.quantity = item->Int("quantity", {.required = false}).value_or(0);
                line.unit_price_fen = item->Int("unit_price_fen", {.required = false});
                item->RejectUnknownFields();
            }
            in.lines.push_back(line);
        }
    }
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const kernel::Document document, contracts.Create(*request.principal, in, request.request_id));
    return kernel::api::DocumentResponse(
        kernel, catalog, request, document,
        [&contracts](storage::Transaction& tx, const kernel::Document& created) {
            return contracts.FieldsJson(tx, created);
        },
        201);
}

Result<ContractQuery> ReadContractQuery(http::QueryReader& query) {
    ContractQuery filter;
    filter.text = query.Text("q").value_or("");
    filter.state = query.Text("state", 32).value_or("");
    filter.batch_date = query.Text("batch_date", 10).value_or("");
    if (const auto store = query.Int("store_id", 1, kMaxId)) {
        filter.store_id = StoreId(*store);
    }
    if (const auto salesperson = query.Int("salesperson_id", 1, kMaxId)) {
        filter.salesperson_id = StaffId(*salesperson);
    }
    filter.at_risk = query.Bool("at_risk").value_or(false);
    filter.page = static_cast<int>(query.Int("page", 1, kMaxPage).value_or(1));
    filter.page_size = static_cast<int>(query.Int("page_size", 1, kMaxPageSize).value_or(20));
    return filter;
}

Result<http::Response> ListContracts(ContractService& contracts, const Catalog& catalog, http::Request& request) {
    http::QueryReader query(request);
    AC_ASSIGN_OR_RETURN(const ContractQuery filter, ReadContractQuery(query));
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const Page<ContractRow> page, contracts.List(*request.principal, filter));
    return http::PageResponse(page,
                              [&](const ContractRow& row) { return ContractRowJson(catalog, request.lang, row); });
}

// The order follower's day: the batch, what needs a factory order, drafts to place, orders on the way.
Result<http::Response> Board(ContractService& contracts, const Catalog& catalog, http::Request& request) {
    http::QueryReader query(request);
    std::optional<StoreId> store;
    if (const auto id = query.Int("store_id", 1, kMaxId)) {
        store = StoreId(*id);
    }
    const auto date = query.Text("date", 10);
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    const Principal& actor = *request.principal;
    if (!store) {
        store = actor.store_id;
    }
    if (!store) {
        return Fail(Error::Validation({FieldError{"store_id", Message{"contracts.store_required", {}}}}));
    }
    if (!actor.CanSeeStore(*store)) {
        return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
    }
    std::string batch;
    if (date) {
        if (!kernel::LocalDate::Parse(*date)) {
            return Fail(Error::Validation({FieldError{"date", Message{"field.date_invalid", {}}}}));
        }
        batch = *date;
    } else {
        AC_ASSIGN_OR_RETURN(batch, contracts.CurrentBatch(*store));
    }
    ContractQuery filter;
    filter.store_id = store;
    filter.batch_date = batch;
    filter.page_size = kMaxPageSize;
    AC_ASSIGN_OR_RETURN(const Page<ContractRow> batch_page, contracts.List(actor, filter));
    boost::json::array batch_items;
    std::int64_t late = 0;
    for (const ContractRow& row : batch_page.items) {
        late += row.contract.late ? 1 : 0;
        batch_items.push_back(ContractRowJson(catalog, request.lang, row));
    }
    // Contracts of earlier batches still waiting for goods.
    ContractQuery waiting;
    waiting.store_id = store;
    waiting.state = "checked";
    waiting.page_size = kMaxPageSize;
    AC_ASSIGN_OR_RETURN(const Page<ContractRow> waiting_page, contracts.List(actor, waiting));
    boost::json::array waiting_items;
    for (const ContractRow& row : waiting_page.items) {
        waiting_items.push_back(ContractRowJson(catalog, request.lang, row));
    }
    AC_ASSIGN_OR_RETURN(const std::vector<Need> needs, contracts.Needs(actor, store));
    boost::json::array need_items;
    for (const Need& need : needs) {
        need_items.push_back(NeedJson(need));
    }
    boost::json::array drafts;
    AC_ASSIGN_OR_RETURN(const Page<FactoryOrderRow> draft_page,
                        contracts.FactoryOrders(actor, "draft", false, 1, kMaxPageSize));
    for (const FactoryOrderRow& row : draft_page.items) {
        if (row.document.store_id == *store) {
            drafts.push_back(FactoryOrderRowJson(catalog, request.lang, row));
        }
    }
    boost::json::array placed;
    AC_ASSIGN_OR_RETURN(const Page<FactoryOrderRow> placed_page,
                        contracts.FactoryOrders(actor, "placed", false, 1, kMaxPageSize));
    for (const FactoryOrderRow& row : placed_page.items) {
        if (row.document.store_id == *store) {
            placed.push_back(FactoryOrderRowJson(catalog, request.lang, row));
        }
    }
    return http::JsonResponse(200, boost::json::object{{"batch_date", batch},
                                                       {"store_id", store->value()},
                                                       {"batch", std::move(batch_items)},
                                                       {"late", late},
                                                       {"waiting", std::move(waiting_items)},
                                                       {"needs", std::move(need_items)},
                                                       {"drafts", std::move(drafts)},
                                                       {"placed", std::move(placed)}});
}

Result<http::Response> LateReport(ContractService& contracts, http::Request& request) {
    http::QueryReader query(request);
    const std::string from = query.Text("from", 10).value_or("");
    const std::string to = query.Text("to", 10).value_or("");
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const std::vector<LateCount> counts, contracts.LateReport(*request.principal, from, to));
    boost::json::array items;
    for (const LateCount& c : counts) {
        items.push_back(boost::json::object{{"salesperson_id", c.salesperson_id.value()},
                                            {"name", c.name},
                                            {"contracts", c.contracts},
                                            {"late", c.late}});
    }
    return http::JsonResponse(200, boost::json::object{{"from", from}, {"to", to}, {"items", std::move(items)}});
}

Result<http::Response> CreateWarehouse(ContractService& contracts, http::Request& request) {
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    Warehouse w;
    w.code = reader.String("code", kText).value_or("");
    w.name = reader.String("name", kText).value_or("");
    if (const auto store = reader.Int("store_id", {.required = false, .min = 1})) {
        w.store_id = StoreId(*store);
    }
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const Warehouse created, contracts.CreateWarehouse(*request.principal, w));
    return http::JsonResponse(201, WarehouseJson(created));
}

Result<http::Response> ListWarehouses(ContractService& contracts, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::vector<Warehouse> warehouses, contracts.Warehouses(*request.principal));
    boost::json::array items;
    for (const Warehouse& w : warehouses) {
        items.push_back(WarehouseJson(w));
    }
    return http::JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

Result<http::Response> ReceiveStock(ContractService& contracts, http::Request& request) {
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    ReceiptInput in;
    if (const auto id = reader.Int("warehouse_id", {.required = false, .min = 1})) {
        in.warehouse_id = WarehouseId(*id);
    }
    if (const auto id = reader.Int("product_id", {.required = false, .min = 1})) {
        in.product_id = catalog::ProductId(*id);
    }
    in.quantity = reader.Int("quantity", {.required = false}).value_or(0);
    in.note = reader.String("note", kText).value_or("");
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const StockLevel level, contracts.Receive(*request.principal, in));
    return http::JsonResponse(201, LevelJson(level));
}

Result<http::Response> ListStock(ContractService& contracts, http::Request& request) {
    http::QueryReader query(request);
    std::optional<WarehouseId> warehouse;
    if (const auto id = query.Int("warehouse_id", 1, kMaxId)) {
        warehouse = WarehouseId(*id);
    }
    const std::string text = query.Text("q").value_or("");
    const int page = static_cast<int>(query.Int("page", 1, kMaxPage).value_or(1));
    const int page_size = static_cast<int>(query.Int("page_size", 1, kMaxPageSize).value_or(50));
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const Page<StockLevel> levels,
                        contracts.Levels(*request.principal, warehouse, text, page, page_size));
    return http::PageResponse(levels, LevelJson);
}

Result<http::Response> ListMovements(ContractService& contracts, http::Request& request) {
    http::QueryReader query(request);
    const auto warehouse = query.Int("warehouse_id", 1, kMaxId);
    std::optional<catalog::ProductId> product;
    if (const auto id = query.Int("product_id", 1, kMaxId)) {
        product = catalog::ProductId(*id);
    }
    const int page = static_cast<int>(query.Int("page", 1, kMaxPage).value_or(1));
    const int page_size = static_cast<int>(query.Int("page_size", 1, kMaxPageSize).value_or(50));
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    if (!warehouse) {
        return Fail(Error::Validation({FieldError{"warehouse_id", Message{"field.required", {}}}}));
    }
    AC_ASSIGN_OR_RETURN(const Page<Movement> movements,
                        contracts.Movements(*request.principal, WarehouseId(*warehouse), product, page, page_size));
    return http::PageResponse(movements, [](const Movement& m) {
        return boost::json::object{{"id", m.id},
                                   {"warehouse_id", m.warehouse_id.value()},
                                   {"product_id", m.product_id.value()},
                                   {"kind", m.kind},
                                   {"on_hand_delta", m.on_hand_delta},
                                   {"reserved_delta", m.reserved_delta},
                                   {"contract_id", OptId(m.contract_id)},
                                   {"factory_order_id", OptId(m.factory_order_id)},
                                   {"note", m.note},
                                   {"at", FormatRfc3339(m.at)},
                                   {"staff_id", OptId(m.staff_id)}};
    });
}

Result<http::Response> ListFactoryOrders(ContractService& contracts, const Catalog& catalog, http::Request& request) {
    http::QueryReader query(request);
    const std::string state = query.Text("state", 32).value_or("");
    const bool overdue = query.Bool("overdue").value_or(false);
    const int page = static_cast<int>(query.Int("page", 1, kMaxPage).value_or(1));
    const int page_size = static_cast<int>(query.Int("page_size", 1, kMaxPageSize).value_or(20));
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const Page<FactoryOrderRow> orders,
                        contracts.FactoryOrders(*request.principal, state, overdue, page, page_size));
    return http::PageResponse(
        orders, [&](const FactoryOrderRow& row) { return FactoryOrderRowJson(catalog, request.lang, row); });
}

Result<http::Response> DraftFactoryOrders(ContractService& contracts, const Catalog& catalog, http::Request& request) {
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    std::optional<StoreId> store;
    if (const auto id = reader.Int("store_id", {.required = false, .min = 1})) {
        store = StoreId(*id);
    }
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const std::vector<kernel::Document> drafted,
                        contracts.DraftFactoryOrders(*request.principal, store, request.request_id));
    boost::json::array items;
    for (const kernel::Document& d : drafted) {
        items.push_back(boost::json::object{
            {"id", d.id.value()},
            {"number", d.number},
            {"state", d.state},
            {"state_label", kernel::api::Label(catalog, request.lang, "doc.factory_order.state." + d.state, d.state)},
            {"version", d.version}});
    }
    return http::JsonResponse(201, boost::json::object{{"items", std::move(items)}});
}

}  // namespace

void AddContractRoutes(http::Router& router, ContractService& contracts, kernel::Kernel& kernel,
                       const Catalog& catalog) {
    router.Add({.method = http::Method::kPost,
                .pattern = "/api/v1/contracts",
                .handler = [&contracts, &kernel, &catalog](
                               http::Request& request) { return CreateContract(contracts, kernel, catalog, request); },
                .permission = "contracts.write",
                .doc = {.summary = "Enter a sales contract (A1, A2, B11)",
                        .tag = "contracts",
                        .request_schema = std::string(kContractSchema),
                        .success_status = 201}});
    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/contracts",
                .handler = [&contracts,
                            &catalog](http::Request& request) { return ListContracts(contracts, catalog, request); },
                .permission = "contracts.read",
                .doc = {.summary = "Sales contracts the caller sees, newest first",
                        .tag = "contracts",
                        .response_schema = http::PageSchema(kContractRowSchema),
                        .query_schema = std::string(kContractListQuery)}});
    router.Add(
        {.method = http::Method::kGet,
         .pattern = "/api/v1/contracts/board",
         .handler = [&contracts, &catalog](http::Request& request) { return Board(contracts, catalog, request); },
         .permission = "contracts.read",
         .doc = {.summary = "The order follower's day: the batch, needs, factory orders to place and on the way",
                 .tag = "contracts",
                 .response_schema = R"({"type": "object", "required": ["batch_date", "store_id", "batch",
                          "late", "waiting", "needs", "drafts", "placed"], "properties": {
                          "batch_date": {"type": "string"}, "store_id": {"type": "integer"},
                          "batch": {"type": "array", "items": )" +
                                    std::string(kContractRowSchema) + R"(},
                          "late": {"type": "integer"},
                          "waiting": {"type": "array", "items": )" +
                                    std::string(kContractRowSchema) + R"(},
                          "needs": {"type": "array", "items": )" +
                                    std::string(kNeedSchema) + R"(},
                          "drafts": {"type": "array", "items": )" +
                                    std::string(kFactoryOrderRowSchema) + R"(},
                          "placed": {"type": "array", "items": )" +
                                    std::string(kFactoryOrderRowSchema) + R"(}}})",
                 .query_schema = R"({"store_id": {"type": "integer"},
                          "date": {"type": "string", "format": "date", "description": "default: the current batch"}})"}});
    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/contracts/late-report",
                .handler = [&contracts](http::Request& request) { return LateReport(contracts, request); },
                .permission = "contracts.read",
                .doc = {.summary = "Contracts after the 17:00 cut-off per salesperson (A1)",
                        .tag = "contracts",
                        .response_schema = R"({"type": "object", "required": ["from", "to", "items"], "properties": {
                          "from": {"type": "string"}, "to": {"type": "string"}, "items": {"type": "array", "items": {
                          "type": "object", "required": ["salesperson_id", "name", "contracts", "late"],
                          "properties": {"salesperson_id": {"type": "integer"}, "name": {"type": "string"},
                          "contracts": {"type": "integer"}, "late": {"type": "integer"}}}}}})",
                        .query_schema = R"({"from": {"type": "string", "format": "date"},
                          "to": {"type": "string", "format": "date"}})"}});
    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/warehouses",
                .handler = [&contracts](http::Request& request) { return ListWarehouses(contracts, request); },
                .permission = "stock.read",
                .doc = {.summary = "Warehouses of the caller's stores",
                        .tag = "stock",
                        .response_schema = R"({"type": "object", "required": ["items"], "properties": {"items": )" +
                                           ArraySchema(kWarehouseSchema) + "}}"}});
    router.Add({.method = http::Method::kPost,
                .pattern = "/api/v1/warehouses",
                .handler = [&contracts](http::Request& request) { return CreateWarehouse(contracts, request); },
                .permission = "stock.write",
                .doc = {.summary = "Add a warehouse",
                        .tag = "stock",
                        .request_schema = R"({"type": "object", "additionalProperties": false,
                          "required": ["code", "name"], "properties": {"code": {"type": "string", "maxLength": 32},
                          "name": {"type": "string", "maxLength": 50}, "store_id": {"type": "integer"}}})",
                        .response_schema = std::string(kWarehouseSchema),
                        .success_status = 201}});
    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/stock",
                .handler = [&contracts](http::Request& request) { return ListStock(contracts, request); },
                .permission = "stock.read",
                .doc = {.summary = "Finished-goods stock per warehouse and product (A3)",
                        .tag = "stock",
                        .response_schema = http::PageSchema(kStockLevelSchema),
                        .query_schema = R"({"warehouse_id": {"type": "integer"}, "q": {"type": "string"},
                          "page": {"type": "integer"}, "page_size": {"type": "integer"}})"}});
    router.Add({.method = http::Method::kPost,
                .pattern = "/api/v1/stock/receipts",
                .handler = [&contracts](http::Request& request) { return ReceiveStock(contracts, request); },
                .permission = "stock.write",
                .doc = {.summary = "Receive goods into a warehouse (a ledger row)",
                        .tag = "stock",
                        .request_schema = R"({"type": "object", "additionalProperties": false,
                          "required": ["warehouse_id", "product_id", "quantity"], "properties": {
                          "warehouse_id": {"type": "integer"}, "product_id": {"type": "integer"},
                          "quantity": {"type": "integer", "minimum": 1, "maximum": 10000},
                          "note": {"type": "string", "maxLength": 200}}})",
                        .response_schema = std::string(kStockLevelSchema),
                        .success_status = 201}});
    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/stock/movements",
                .handler = [&contracts](http::Request& request) { return ListMovements(contracts, request); },
                .permission = "stock.read",
                .doc = {.summary = "The stock ledger of a warehouse, newest first",
                        .tag = "stock",
                        .response_schema = http::PageSchema(kMovementSchema),
                        .query_schema = R"({"warehouse_id": {"type": "integer"}, "product_id": {"type": "integer"},
                          "page": {"type": "integer"}, "page_size": {"type": "integer"}})"}});
    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/factory-orders",
                .handler = [&contracts, &catalog](
                               http::Request& request) { return ListFactoryOrders(contracts, catalog, request); },
                .permission = "contracts.read",
                .doc = {.summary = "Factory orders, newest first (A4, A5)",
                        .tag = "contracts",
                        .response_schema = http::PageSchema(kFactoryOrderRowSchema),
                        .query_schema = R"({"state": {"type": "string"}, "overdue": {"type": "boolean"},
                          "page": {"type": "integer"}, "page_size": {"type": "integer"}})"}});
    router.Add({.method = http::Method::kPost,
                .pattern = "/api/v1/factory-orders/drafts",
                .handler = [&contracts, &catalog](
                               http::Request& request) { return DraftFactoryOrders(contracts, catalog, request); },
                .permission = "factory_orders.write",
                .doc = {.summary = "Draft the day's factory orders from the needs, one per factory (A4)",
                        .tag = "contracts",
                        .request_schema = R"({"type": "object", "additionalProperties": false,
                          "properties": {"store_id": {"type": "integer"}}})",
                        .response_schema = R"({"type": "object", "required": ["items"], "properties": {"items": {
                          "type": "array", "items": {"type": "object", "required": ["id", "number", "state",
                          "state_label", "version"], "properties": {"id": {"type": "integer"},
                          "number": {"type": "string"}, "state": {"type": "string"},
                          "state_label": {"type": "string"}, "version": {"type": "integer"}}}}}})",
                        .success_status = 201}});
    for (const std::string_view name : {kContractType, kFactoryOrderType}) {
        const kernel::DocumentType* type = kernel.registry().Find(name);
        if (type == nullptr) {
            throw std::logic_error("the contract types are not registered");
        }
        if (name == kContractType) {
            kernel::api::AddDocumentRoutes(router, kernel, catalog, *type,
                                           [&contracts](storage::Transaction& tx, const kernel::Document& document) {
                                               return contracts.FieldsJson(tx, document);
                                           });
        } else {
            kernel::api::AddDocumentRoutes(router, kernel, catalog, *type,
                                           [&contracts](storage::Transaction& tx, const kernel::Document& document) {
                                               return contracts.FactoryOrderFieldsJson(tx, document);
                                           });
        }
    }
}

}  // namespace ac::contracts

// Customers and products over HTTP. The handlers translate JSON (and CSV) to the service's inputs and back.
#include "modules/catalog/api/catalog_routes.hpp"

#include <array>
#include <limits>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/clock.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"

namespace ac::catalog {
namespace {

constexpr std::string_view kAddressSchema =
    R"({"type": "object", "required": ["address"], "additionalProperties": false, "properties": {
      "district": {"type": "string", "maxLength": 30}, "address": {"type": "string", "maxLength": 200}}})";

constexpr std::string_view kCustomerSchema = R"({
  "type": "object",
  "required": ["id", "name", "phones", "addresses", "notes", "merged_into", "version", "created_at", "updated_at"],
  "properties": {
    "id": {"type": "integer"}, "name": {"type": "string"},
    "phones": {"type": "array", "items": {"type": "string"}},
    "addresses": {"type": "array", "items": {"type": "object", "required": ["district", "address"],
      "properties": {"district": {"type": "string"}, "address": {"type": "string"}}}},
    "notes": {"type": "string"},
    "merged_into": {"type": ["integer", "null"], "description": "set on a duplicate merged into another customer"},
    "version": {"type": "integer"},
    "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}
  }
})";

constexpr std::string_view kProductSchema = R"({
  "type": "object",
  "required": ["id", "code", "name", "model", "category", "unit_price_fen", "warranty_months", "lead_time_days",
               "factory", "installation_required", "active", "version", "created_at", "updated_at"],
  "properties": {
    "id": {"type": "integer"}, "code": {"type": "string"}, "name": {"type": "string"}, "model": {"type": "string"},
    "category": {"type": "string"}, "unit_price_fen": {"type": "integer", "description": "in fen, 1/100 yuan"},
    "warranty_months": {"type": "integer"}, "lead_time_days": {"type": "integer"}, "factory": {"type": "string"},
    "installation_required": {"type": "boolean"}, "active": {"type": "boolean"}, "version": {"type": "integer"},
    "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}
  }
})";

constexpr std::string_view kImportReportSchema = R"({
  "type": "object", "required": ["rows", "created", "updated", "dry_run"],
  "properties": {"rows": {"type": "integer"}, "created": {"type": "integer"}, "updated": {"type": "integer"},
                 "dry_run": {"type": "boolean"}}
})";

std::string CustomerInputSchema(bool patch) {
    std::string schema = R"({"type": "object", "additionalProperties": false, )";
    schema += patch ? R"("required": ["version"], )" : R"("required": ["name", "phones"], )";
    schema += R"("properties": {)";
    if (patch) {
        schema += R"("version": {"type": "integer", "description": "the version last read; a stale one answers 409"},)";
    }
    schema += R"("name": {"type": "string", "minLength": 1, "maxLength": 50},
      "phones": {"type": "array", "minItems": 1, "maxItems": 5, "items": {"type": "string"}},
      "addresses": {"type": "array", "maxItems": 5, "items": )" +
              std::string(kAddressSchema) + R"(},
      "notes": {"type": "string", "maxLength": 500}}})";
    return schema;
}

std::string ProductInputSchema(bool patch) {
    std::string schema = R"({"type": "object", "additionalProperties": false, )";
    schema += patch ? R"("required": ["version"], )" : R"("required": ["code", "name", "unit_price_fen"], )";
    schema += R"("properties": {)";
    if (patch) {
        schema += R"("version": {"type": "integer"},)";
    }
    schema += R"("code": {"type": "string", "maxLength": 32, "pattern": "^[A-Za-z0-9_.-]+$"},
      "name": {"type": "string", "minLength": 1, "maxLength": 100}, "model": {"type": "string", "maxLength": 64},
      "category": {"type": "string", "maxLength": 32},
      "unit_price_fen": {"type": "integer", "minimum": 0, "description": "in fen, 1/100 yuan"},
      "warranty_months": {"type": "integer", "minimum": 0, "maximum": 120},
      "lead_time_days": {"type": "integer", "minimum": 0, "maximum": 365, "description": "default 3"},
      "factory": {"type": "string", "maxLength": 64, "description": "who makes it; factory orders are grouped by it"},
      "installation_required": {"type": "boolean"}, "active": {"type": "boolean"}}})";
    return schema;
}

constexpr std::string_view kPagingQuery = R"("page": {"type": "integer", "minimum": 1},
  "page_size": {"type": "integer", "minimum": 1, "maximum": 200})";

std::string CustomerQuerySchema() {
    return R"({"q": {"type": "string", "description": "part of a name, phone, district or address"},
      "sort": {"type": "string", "enum": ["-updated_at", "updated_at", "name", "-name", "-created_at"],
               "description": "default: -updated_at; with q, -created_at: newest first, straight from the search index"}, )" +
           std::string(kPagingQuery) + "}";
}

std::string ProductQuerySchema() {
    return R"({"q": {"type": "string", "description": "part of the code, name or model"},
      "category": {"type": "string"}, "active": {"type": "boolean"},
      "sort": {"type": "string", "enum": ["code", "-code", "name", "unit_price", "-unit_price", "-updated_at"]}, )" +
           std::string(kPagingQuery) + "}";
}

constexpr std::string_view kImportQuery = R"({"dry_run": {"type": "boolean", "description": "check only"}})";
constexpr std::string_view kCsvBody = R"({"type": "string", "description": "CSV with a header row, UTF-8 or GB18030"})";

constexpr std::string_view kMergeSchema = R"({
  "type": "object", "required": ["version", "duplicate_id", "duplicate_version"], "additionalProperties": false,
  "properties": {"version": {"type": "integer", "description": "of the customer that stays"},
                 "duplicate_id": {"type": "integer"}, "duplicate_version": {"type": "integer"}}
})";

// Type checks only; the service checks the rules and reports every broken field.
constexpr json::StringRule kText{.required = false, .max_chars = 2000, .trim = false, .multiline = true};

boost::json::value CustomerJson(const Customer& customer) {
    boost::json::array phones;
    for (const std::string& phone : customer.phones) {
        phones.emplace_back(phone);
    }
    boost::json::array addresses;
    for (const Address& address : customer.addresses) {
        addresses.push_back(boost::json::object{{"district", address.district}, {"address", address.address}});
    }
    return boost::json::object{
        {"id", customer.id.value()},
        {"name", customer.name},
        {"phones", std::move(phones)},
        {"addresses", std::move(addresses)},
        {"notes", customer.notes},
        {"merged_into", customer.merged_into ? boost::json::value(customer.merged_into->value()) : nullptr},
        {"version", customer.version},
        {"created_at", FormatRfc3339(customer.created_at)},
        {"updated_at", FormatRfc3339(customer.updated_at)},
    };
}

boost::json::value ProductJson(const Product& product) {
    return boost::json::object{
        {"id", product.id.value()},
        {"code", product.code},
        {"name", product.name},
        {"model", product.model},
        {"category", product.category},
        {"unit_price_fen", product.unit_price.fen()},
        {"warranty_months", product.warranty_months},
        {"lead_time_days", product.lead_time_days},
        {"factory", product.factory},
        {"installation_required", product.installation_required},
        {"active", product.active},
        {"version", product.version},
        {"created_at", FormatRfc3339(product.created_at)},
        {"updated_at", FormatRfc3339(product.updated_at)},
    };
}

boost::json::value ReportJson(const ImportReport& report) {
    return boost::json::object{
        {"rows", report.rows}, {"created", report.created}, {"updated", report.updated}, {"dry_run", report.dry_run}};
}

std::optional<std::vector<std::string>> Phones(json::ObjectReader& reader, bool required) {
    const boost::json::array* array = reader.Array("phones", {.required = required, .max_items = 20});
    if (array == nullptr) {
        return std::nullopt;
    }
    std::vector<std::string> phones;
    for (std::size_t i = 0; i < array->size(); ++i) {
        if (!(*array)[i].is_string()) {
            reader.AddError("phones[" + std::to_string(i) + "]", Message{"field.must_be_string", {}});
            continue;
        }
        phones.emplace_back((*array)[i].get_string());
    }
    return phones;
}

std::optional<std::vector<Address>> Addresses(json::ObjectReader& reader) {
    const boost::json::array* array = reader.Array("addresses", {.required = false, .max_items = 20});
    if (array == nullptr) {
        return std::nullopt;
    }
    std::vector<Address> addresses;
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto item = reader.Item("addresses", *array, i);
        if (!item) {
            continue;
        }
        Address address;
        address.district = item->String("district", kText).value_or("");
        address.address = item->String("address", kText).value_or("");
        item->RejectUnknownFields();
        addresses.push_back(std::move(address));
    }
    return addresses;
}

template <class E>
struct SortOption {
    std::string_view name;
    E value;
};

constexpr SortOption<CustomerSort> kCustomerSorts[] = {
    {"-updated_at", CustomerSort::kUpdatedDesc},
    {"updated_at", CustomerSort::kUpdatedAsc},
    {"name", CustomerSort::kNameAsc},
    {"-name", CustomerSort::kNameDesc},
    {"-created_at", CustomerSort::kCreatedDesc},
};

constexpr SortOption<ProductSort> kProductSorts[] = {
    {"code", ProductSort::kCodeAsc},          {"-code", ProductSort::kCodeDesc},
    {"name", ProductSort::kNameAsc},          {"unit_price", ProductSort::kPriceAsc},
    {"-unit_price", ProductSort::kPriceDesc}, {"-updated_at", ProductSort::kUpdatedDesc},
};

template <class E, std::size_t N>
std::optional<E> ReadSort(http::QueryReader& query, const SortOption<E> (&options)[N]) {
    std::array<std::string_view, N> names{};
    for (std::size_t i = 0; i < N; ++i) {
        names[i] = options[i].name;
    }
    const auto chosen = query.OneOf("sort", names);
    if (!chosen) {
        return std::nullopt;
    }
    for (const auto& option : options) {
        if (option.name == *chosen) {
            return option.value;
        }
    }
    return std::nullopt;
}

// The CSV body of an import request and its ?dry_run flag.
struct ImportRequest {
    std::string_view csv;
    bool dry_run = false;
};

Result<ImportRequest> ReadImport(const http::Request& request) {
    const std::string_view type = request.Header("Content-Type").value_or("");
    const std::string_view media = type.substr(0, type.find(';'));
    if (!http::EqualsIgnoreCase(media, "text/csv") && !http::EqualsIgnoreCase(media, "text/plain")) {
        return Fail(Error::Make(ErrorCode::kUnsupportedMediaType, "catalog.import_content_type"));
    }
    http::QueryReader query(request);
    ImportRequest import{.csv = request.body, .dry_run = query.Bool("dry_run").value_or(false)};
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    return import;
}

// ---- handlers -------------------------------------------------------------------------------------------------

Result<http::Response> ListCustomers(CatalogService& catalog, http::Request& request) {
    http::QueryReader query(request);
    CustomerQuery filter;
    filter.text = query.Text("q").value_or("");
    // A search lists the newest customers first unless asked otherwise: the search index gives them in that order.
    filter.sort = ReadSort(query, kCustomerSorts)
                      .value_or(filter.text.empty() ? CustomerSort::kUpdatedDesc : CustomerSort::kCreatedDesc);
    filter.page = static_cast<int>(query.Int("page", 1, kMaxPage).value_or(1));
    filter.page_size = static_cast<int>(query.Int("page_size", 1, kMaxPageSize).value_or(20));
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const Page<Customer> page, catalog.ListCustomers(*request.principal, filter));
    return http::PageResponse(page, CustomerJson);
}

Result<http::Response> CreateCustomer(CatalogService& catalog, http::Request& request) {
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    CustomerInput input;
    input.name = reader.String("name", kText).value_or("");
    input.phones = Phones(reader, true).value_or(std::vector<std::string>{});
    input.addresses = Addresses(reader).value_or(std::vector<Address>{});
    input.notes = reader.String("notes", kText).value_or("");
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const Customer customer, catalog.CreateCustomer(*request.principal, input));
    return http::JsonResponse(201, CustomerJson(customer));
}

Result<http::Response> GetCustomer(CatalogService& catalog, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    AC_ASSIGN_OR_RETURN(const Customer customer, catalog.GetCustomer(*request.principal, CustomerId(id)));
    return http::JsonResponse(200, CustomerJson(customer));
}

Result<http::Response> UpdateCustomer(CatalogService& catalog, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    CustomerPatch patch;
    patch.version = reader.Int("version", {.min = 1}).value_or(0);
    patch.name = reader.String("name", kText);
    patch.phones = Phones(reader, false);
    patch.addresses = Addresses(reader);
    patch.notes = reader.String("notes", kText);
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const Customer customer, catalog.UpdateCustomer(*request.principal, CustomerId(id), patch));
    return http::JsonResponse(200, CustomerJson(customer));
}

Result<http::Response> MergeCustomers(CatalogService& catalog, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    CustomerMerge merge;
    merge.version = reader.Int("version", {.min = 1}).value_or(0);
    merge.duplicate = CustomerId(reader.Int("duplicate_id", {.min = 1}).value_or(0));
    merge.duplicate_version = reader.Int("duplicate_version", {.min = 1}).value_or(0);
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const Customer customer, catalog.MergeCustomers(*request.principal, CustomerId(id), merge));
    return http::JsonResponse(200, CustomerJson(customer));
}

Result<http::Response> ImportCustomers(CatalogService& catalog, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const ImportRequest import, ReadImport(request));
    AC_ASSIGN_OR_RETURN(const ImportReport report,
                        catalog.ImportCustomers(*request.principal, import.csv, import.dry_run));
    return http::JsonResponse(import.dry_run ? 200 : 201, ReportJson(report));
}

Result<http::Response> ListProducts(CatalogService& catalog, http::Request& request) {
    http::QueryReader query(request);
    ProductQuery filter;
    filter.text = query.Text("q").value_or("");
    filter.category = query.Text("category").value_or("");
    filter.active = query.Bool("active");
    filter.sort = ReadSort(query, kProductSorts).value_or(ProductSort::kCodeAsc);
    filter.page = static_cast<int>(query.Int("page", 1, kMaxPage).value_or(1));
    filter.page_size = static_cast<int>(query.Int("page_size", 1, kMaxPageSize).value_or(20));
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const Page<Product> page, catalog.ListProducts(*request.principal, filter));
    return http::PageResponse(page, ProductJson);
}

Result<http::Response> CreateProduct(CatalogService& catalog, http::Request& request) {
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    ProductInput input;
    input.code = reader.String("code", kText).value_or("");
    input.name = reader.String("name", kText).value_or("");
    input.model = reader.String("model", kText).value_or("");
    input.category = reader.String("category", kText).value_or("");
    input.unit_price_fen = reader.Int("unit_price_fen", {}).value_or(0);
    input.warranty_months = static_cast<int>(
        reader.Int("warranty_months", {.required = false, .min = -1'000'000, .max = 1'000'000}).value_or(12));
    input.lead_time_days = static_cast<int>(
        reader.Int("lead_time_days", {.required = false, .min = -1'000'000, .max = 1'000'000}).value_or(3));
    input.factory = reader.String("factory", kText).value_or("");
    input.installation_required = reader.Bool("installation_required", false).value_or(false);
    input.active = reader.Bool("active", false).value_or(true);
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const Product product, catalog.CreateProduct(*request.principal, input));
    return http::JsonResponse(201, ProductJson(product));
}

Result<http::Response> GetProduct(CatalogService& catalog, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    AC_ASSIGN_OR_RETURN(const Product product, catalog.GetProduct(*request.principal, ProductId(id)));
    return http::JsonResponse(200, ProductJson(product));
}

Result<http::Response> UpdateProduct(CatalogService& catalog, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    ProductPatch patch;
    patch.version = reader.Int("version", {.min = 1}).value_or(0);
    patch.code = reader.String("code", kText);
    patch.name = reader.String("name", kText);
    patch.model = reader.String("model", kText);
    patch.category = reader.String("category", kText);
    patch.unit_price_fen = reader.Int("unit_price_fen", {.required = false});
    if (const auto months = reader.Int("warranty_months", {.required = false, .min = -1'000'000, .max = 1'000'000})) {
        patch.warranty_months = static_cast<int>(*months);
    }
    if (const auto days = reader.Int("lead_time_days", {.required = false, .min = -1'000'000, .max = 1'000'000})) {
        patch.lead_time_days = static_cast<int>(*days);
    }
    patch.factory = reader.String("factory", kText);
    patch.installation_required = reader.Bool("installation_required", false);
    patch.active = reader.Bool("active", false);
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const Product product, catalog.UpdateProduct(*request.principal, ProductId(id), patch));
    return http::JsonResponse(200, ProductJson(product));
}

Result<http::Response> ImportProducts(CatalogService& catalog, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const ImportRequest import, ReadImport(request));
    AC_ASSIGN_OR_RETURN(const ImportReport report,
                        catalog.ImportProducts(*request.principal, import.csv, import.dry_run));
    return http::JsonResponse(import.dry_run ? 200 : 201, ReportJson(report));
}

}  // namespace

void AddCatalogRoutes(http::Router& router, CatalogService& catalog) {
    const auto bind = [&catalog](Result<http::Response> (*handler)(CatalogService&, http::Request&)) {
        return [&catalog, handler](http::Request& request) { return handler(catalog, request); };
    };
    const std::string customer = std::string(kCustomerSchema);
    const std::string product = std::string(kProductSchema);
    const std::string report = std::string(kImportReportSchema);

    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/customers",
                .handler = bind(ListCustomers),
                .permission = "catalog.read",
                .doc = {.summary = "Find customers by a part of the name, a phone or an address "
                                   "(?q=&sort=&page=&page_size=)",
                        .tag = "catalog",
                        .response_schema = http::PageSchema(customer),
                        .query_schema = CustomerQuerySchema()}});
    router.Add({.method = http::Method::kPost,
                .pattern = "/api/v1/customers",
                .handler = bind(CreateCustomer),
                .permission = "customers.write",
                .doc = {.summary = "Register a customer",
                        .tag = "catalog",
                        .request_schema = CustomerInputSchema(false),
                        .response_schema = customer,
                        .success_status = 201}});
    router.Add({.method = http::Method::kPost,
                .pattern = "/api/v1/customers/import",
                .handler = bind(ImportCustomers),
                .permission = "customers.write",
                .doc = {.summary = "Import customers from a CSV file (all rows or none; ?dry_run=true checks only)",
                        .tag = "catalog",
                        .request_schema = std::string(kCsvBody),
                        .request_content_type = "text/csv",
                        .response_schema = report,
                        .query_schema = std::string(kImportQuery),
                        .success_status = 201},
                .max_body_bytes = kMaxImportBytes});
    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/customers/{id}",
                .handler = bind(GetCustomer),
                .permission = "catalog.read",
                .doc = {.summary = "One customer", .tag = "catalog", .response_schema = customer}});
    router.Add({.method = http::Method::kPatch,
                .pattern = "/api/v1/customers/{id}",
                .handler = bind(UpdateCustomer),
                .permission = "customers.write",
                .doc = {.summary = "Change a customer (with the version last read)",
                        .tag = "catalog",
                        .request_schema = CustomerInputSchema(true),
                        .response_schema = customer}});
    router.Add({.method = http::Method::kPost,
                .pattern = "/api/v1/customers/{id}/merge",
                .handler = bind(MergeCustomers),
                .permission = "customers.merge",
                .doc = {.summary = "Merge a duplicate customer into this one",
                        .tag = "catalog",
                        .request_schema = std::string(kMergeSchema),
                        .response_schema = customer}});
    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/products",
                .handler = bind(ListProducts),
                .permission = "catalog.read",
                .doc = {.summary = "Find products (?q=&category=&active=&sort=&page=&page_size=)",
                        .tag = "catalog",
                        .response_schema = http::PageSchema(product),
                        .query_schema = ProductQuerySchema()}});
    router.Add({.method = http::Method::kPost,
                .pattern = "/api/v1/products",
                .handler = bind(CreateProduct),
                .permission = "products.write",
                .doc = {.summary = "Add a product",
                        .tag = "catalog",
                        .request_schema = ProductInputSchema(false),
                        .response_schema = product,
                        .success_status = 201}});
    router.Add({.method = http::Method::kPost,
                .pattern = "/api/v1/products/import",
                .handler = bind(ImportProducts),
                .permission = "products.write",
                .doc = {.summary = "Import products from a CSV file: existing codes are updated (all rows or none)",
                        .tag = "catalog",
                        .request_schema = std::string(kCsvBody),
                        .request_content_type = "text/csv",
                        .response_schema = report,
                        .query_schema = std::string(kImportQuery),
                        .success_status = 201},
                .max_body_bytes = kMaxImportBytes});
    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/products/{id}",
                .handler = bind(GetProduct),
                .permission = "catalog.read",
                .doc = {.summary = "One product", .tag = "catalog", .response_schema = product}});
    router.Add({.method = http::Method::kPatch,
                .pattern = "/api/v1/products/{id}",
                .handler = bind(UpdateProduct),
                .permission = "products.write",
                .doc = {.summary = "Change a product (with the version last read)",
                        .tag = "catalog",
                        .request_schema = ProductInputSchema(true),
                        .response_schema = product}});
    router.Add({.method = http::Method::kGet,
                .pattern = "/api/v1/product-categories",
                .handler = [&catalog](http::Request& request) -> Result<http::Response> {
                    AC_ASSIGN_OR_RETURN(const auto categories, catalog.Categories(*request.principal));
                    boost::json::array items;
                    for (const std::string& category : categories) {
                        items.emplace_back(category);
                    }
                    return http::JsonResponse(200, boost::json::object{{"items", std::move(items)}});
                },
                .permission = "catalog.read",
                .doc = {.summary = "The product categories in use",
                        .tag = "catalog",
                        .response_schema = R"({"type": "object", "required": ["items"], "properties": {"items": )"
                                           R"({"type": "array", "items": {"type": "string"}}}})"}});
}

}  // namespace ac::catalog

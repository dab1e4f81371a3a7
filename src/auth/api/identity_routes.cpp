// Stores, staff and roles over HTTP. The handlers only translate JSON to the service's inputs and back.
#include <array>
#include <limits>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "auth/api/identity_json.hpp"
#include "auth/permissions.hpp"
#include "auth/routes.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"

namespace ac::auth {
namespace {

constexpr std::string_view kStoreCreateSchema = R"({
  "type": "object", "required": ["code", "name"], "additionalProperties": false,
  "properties": {
    "code": {"type": "string", "minLength": 2, "maxLength": 16, "pattern": "^[A-Za-z0-9_-]+$"},
    "name": {"type": "string", "minLength": 1, "maxLength": 50},
    "address": {"type": "string", "maxLength": 200},
    "phone": {"type": "string", "maxLength": 30},
    "time_zone": {"type": "string", "description": "IANA name, default Asia/Shanghai"},
    "active": {"type": "boolean"}
  }
})";

constexpr std::string_view kStorePatchSchema = R"({
  "type": "object", "required": ["version"], "additionalProperties": false,
  "properties": {
    "version": {"type": "integer", "description": "the version last read; a stale one answers 409"},
    "code": {"type": "string"}, "name": {"type": "string"}, "address": {"type": "string"},
    "phone": {"type": "string"}, "time_zone": {"type": "string"}, "active": {"type": "boolean"}
  }
})";

constexpr std::string_view kStaffCreateSchema = R"({
  "type": "object", "required": ["username", "name", "roles"], "additionalProperties": false,
  "properties": {
    "username": {"type": "string", "minLength": 3, "maxLength": 32, "pattern": "^[a-z0-9][a-z0-9._-]*$"},
    "name": {"type": "string", "minLength": 1, "maxLength": 50},
    "phone": {"type": ["string", "null"], "description": "mainland mobile number"},
    "employee_no": {"type": ["string", "null"], "maxLength": 20},
    "store_id": {"type": ["integer", "null"], "description": "null or absent: head office"},
    "roles": {"type": "array", "minItems": 1, "items": {"type": "string"}},
    "skills": {"type": "array", "maxItems": 20, "items": {"type": "string", "maxLength": 30}},
    "active": {"type": "boolean"},
    "password": {"type": "string", "minLength": 8, "maxLength": 128}
  }
})";

constexpr std::string_view kStaffPatchSchema = R"({
  "type": "object", "required": ["version"], "additionalProperties": false,
  "properties": {
    "version": {"type": "integer"}, "username": {"type": "string"}, "name": {"type": "string"},
    "phone": {"type": ["string", "null"]}, "employee_no": {"type": ["string", "null"]},
    "store_id": {"type": ["integer", "null"]},
    "roles": {"type": "array", "items": {"type": "string"}}, "skills": {"type": "array", "items": {"type": "string"}},
    "active": {"type": "boolean"}
  }
})";

constexpr std::string_view kPasswordResetSchema = R"({
  "type": "object", "required": ["password"], "additionalProperties": false,
  "properties": {"password": {"type": "string", "minLength": 8, "maxLength": 128}}
})";

// The routes check only that a field has the right type (and is not absurdly long); the service checks the
// rules (required, lengths, formats) for every field at once and reports them all, for the API and the command
// line alike.
constexpr json::StringRule kText{.required = false, .max_chars = 1000, .trim = false, .multiline = true};

// A list of strings (roles, skills); records a field error and returns nullopt otherwise.
std::optional<std::vector<std::string>> StringList(json::ObjectReader& reader, std::string_view name, bool required) {
    const boost::json::array* array = reader.Array(name, {.required = required, .max_items = 50});
    if (array == nullptr) {
        return std::nullopt;
    }
    std::vector<std::string> values;
    for (std::size_t i = 0; i < array->size(); ++i) {
        if (!(*array)[i].is_string()) {
            reader.AddError(std::string(name) + "[" + std::to_string(i) + "]", Message{"field.must_be_string", {}});
            continue;
        }
        values.emplace_back((*array)[i].get_string());
    }
    return values;
}

// A store reference that may be null (head office): absent → nullopt; null → {nullopt}.
std::optional<std::optional<StoreId>> StoreRef(const boost::json::object& body, json::ObjectReader& reader) {
    const boost::json::value* value = body.if_contains("store_id");
    if (value == nullptr) {
        (void)reader.Int("store_id", {.required = false});  // marks the field as known
        return std::nullopt;
    }
    if (value->is_null()) {
        (void)reader.Int("store_id", {.required = false});
        return std::optional<StoreId>();
    }
    const auto id = reader.Int("store_id", {.min = 1});
    if (!id) {
        return std::nullopt;
    }
    return std::optional<StoreId>(StoreId(*id));
}

// Optional text that may be null to clear it: absent → nullopt; null → "".
std::optional<std::string> ClearableText(const boost::json::object& body, json::ObjectReader& reader,
                                         std::string_view name) {
    const boost::json::value* value = body.if_contains(name);
    const auto text = reader.String(name, kText);
    if (value != nullptr && value->is_null()) {
        return std::string();
    }
    return text;
}

Result<http::Response> ListStores(IdentityService& identity, http::Request& request) {
    http::QueryReader query(request);
    StoreQuery filter;
    filter.text = query.Text("q").value_or("");
    filter.active = query.Bool("active");
    filter.page = static_cast<int>(query.Int("page", 1, 100'000).value_or(1));
    filter.page_size = static_cast<int>(query.Int("page_size", 1, 200).value_or(50));
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const Page<Store> page, identity.ListStores(*request.principal, filter));
    return http::PageResponse(page, StoreJson);
}

Result<http::Response> CreateStore(IdentityService& identity, http::Request& request) {
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    StoreInput input;
    input.code = reader.String("code", kText).value_or("");
    input.name = reader.String("name", kText).value_or("");
    input.address = reader.String("address", kText).value_or("");
    input.phone = reader.String("phone", kText).value_or("");
    input.time_zone = reader.String("time_zone", kText).value_or("Asia/Shanghai");
    input.active = reader.Bool("active", false).value_or(true);
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const Store store, identity.CreateStore(*request.principal, input));
    return http::JsonResponse(201, StoreJson(store));
}

Result<http::Response> UpdateStore(IdentityService& identity, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    StorePatch patch;
    patch.version = reader.Int("version", {.min = 1}).value_or(0);
    patch.code = reader.String("code", kText);
    patch.name = reader.String("name", kText);
    patch.address = reader.String("address", kText);
    patch.phone = reader.String("phone", kText);
    patch.time_zone = reader.String("time_zone", kText);
    patch.active = reader.Bool("active", false);
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const Store store, identity.UpdateStore(*request.principal, StoreId(id), patch));
    return http::JsonResponse(200, StoreJson(store));
}

Result<http::Response> ListStaff(IdentityService& identity, http::Request& request) {
    http::QueryReader query(request);
    StaffQuery filter;
    filter.text = query.Text("q").value_or("");
    filter.active = query.Bool("active");
    if (const auto store = query.Int("store_id", 1, std::numeric_limits<std::int64_t>::max())) {
        filter.store_id = StoreId(*store);
    }
    std::vector<std::string_view> role_codes;
    for (const RoleInfo& info : Roles()) {
        role_codes.push_back(info.code);
    }
    if (const auto role = query.OneOf("role", role_codes)) {
        filter.role = RoleFromCode(*role);
    }
    filter.page = static_cast<int>(query.Int("page", 1, 100'000).value_or(1));
    filter.page_size = static_cast<int>(query.Int("page_size", 1, 200).value_or(50));
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const Page<Staff> page, identity.ListStaff(*request.principal, filter));
    return http::PageResponse(page, StaffJson);
}

Result<http::Response> CreateStaff(IdentityService& identity, http::Request& request) {
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    StaffInput input;
    input.username = reader.String("username", kText).value_or("");
    input.name = reader.String("name", kText).value_or("");
    input.phone = reader.String("phone", kText).value_or("");
    input.employee_no = reader.String("employee_no", kText).value_or("");
    input.store_id = StoreRef(body, reader).value_or(std::nullopt);
    input.roles = StringList(reader, "roles", false).value_or(std::vector<std::string>{});
    input.skills = StringList(reader, "skills", false).value_or(std::vector<std::string>{});
    input.active = reader.Bool("active", false).value_or(true);
    input.password = reader.String("password", kText).value_or("");
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const Staff staff, identity.CreateStaff(*request.principal, input));
    return http::JsonResponse(201, StaffJson(staff));
}

Result<http::Response> UpdateStaff(IdentityService& identity, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    StaffPatch patch;
    patch.version = reader.Int("version", {.min = 1}).value_or(0);
    patch.username = reader.String("username", kText);
    patch.name = reader.String("name", kText);
    patch.phone = ClearableText(body, reader, "phone");
    patch.employee_no = ClearableText(body, reader, "employee_no");
    patch.store_id = StoreRef(body, reader);
    patch.roles = StringList(reader, "roles", false);
    patch.skills = StringList(reader, "skills", false);
    patch.active = reader.Bool("active", false);
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const Staff staff, identity.UpdateStaff(*request.principal, StaffId(id), patch));
    return http::JsonResponse(200, StaffJson(staff));
}

Result<http::Response> ResetPassword(IdentityService& identity, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    const auto password = reader.String("password", kText);
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_ASSIGN_OR_RETURN(const Staff staff,
                        identity.SetPassword(*request.principal, StaffId(id), password.value_or("")));
    return http::JsonResponse(200, StaffJson(staff));
}

}  // namespace

void AddIdentityRoutes(http::Router& router, IdentityService& identity) {
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/roles",
        .handler = [](http::Request&) -> Result<http::Response> {
            boost::json::array roles;
            for (const RoleInfo& info : Roles()) {
                RoleSet one;
                Add(one, info.role);
                boost::json::array permissions;
                for (const std::string_view permission : PermissionsOf(one)) {
                    permissions.emplace_back(permission);
                }
                roles.push_back(boost::json::object{{"code", info.code},
                                                    {"name_zh_cn", info.zh_cn},
                                                    {"name_en", info.en},
                                                    {"chain_wide", info.chain_wide},
                                                    {"permissions", std::move(permissions)}});
            }
            return http::JsonResponse(200, boost::json::object{{"items", std::move(roles)}});
        },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "The roles, their names and permissions", .tag = "identity"},
    });

    const auto bind = [&identity](Result<http::Response> (*handler)(IdentityService&, http::Request&)) {
        return [&identity, handler](http::Request& request) { return handler(identity, request); };
    };
    router.Add(
        http::Route{.method = http::Method::kGet,
                    .pattern = "/api/v1/stores",
                    .handler = bind(ListStores),
                    .permission = "stores.read",
                    .doc = {.summary = "Stores the caller sees (?q=&active=&page=&page_size=)", .tag = "identity"}});
    router.Add(http::Route{.method = http::Method::kPost,
                           .pattern = "/api/v1/stores",
                           .handler = bind(CreateStore),
                           .permission = "stores.write",
                           .doc = {.summary = "Open a store",
                                   .tag = "identity",
                                   .request_schema = std::string(kStoreCreateSchema),
                                   .response_schema = kStoreSchema,
                                   .success_status = 201}});
    router.Add(http::Route{.method = http::Method::kGet,
                           .pattern = "/api/v1/stores/{id}",
                           .handler = [&identity](http::Request& request) -> Result<http::Response> {
                               AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
                               AC_ASSIGN_OR_RETURN(const Store store,
                                                   identity.GetStore(*request.principal, StoreId(id)));
                               return http::JsonResponse(200, StoreJson(store));
                           },
                           .permission = "stores.read",
                           .doc = {.summary = "One store", .tag = "identity", .response_schema = kStoreSchema}});
    router.Add(http::Route{.method = http::Method::kPatch,
                           .pattern = "/api/v1/stores/{id}",
                           .handler = bind(UpdateStore),
                           .permission = "stores.write",
                           .doc = {.summary = "Change a store (with the version last read)",
                                   .tag = "identity",
                                   .request_schema = std::string(kStorePatchSchema),
                                   .response_schema = kStoreSchema}});
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/staff",
        .handler = bind(ListStaff),
        .permission = "staff.read",
        .doc = {.summary = "Staff the caller sees (?q=&store_id=&role=&active=&page=&page_size=)", .tag = "identity"}});
    router.Add(http::Route{.method = http::Method::kPost,
                           .pattern = "/api/v1/staff",
                           .handler = bind(CreateStaff),
                           .permission = "staff.write",
                           .doc = {.summary = "Add a staff member (and their account)",
                                   .tag = "identity",
                                   .request_schema = std::string(kStaffCreateSchema),
                                   .response_schema = kStaffSchema,
                                   .success_status = 201}});
    router.Add(http::Route{.method = http::Method::kGet,
                           .pattern = "/api/v1/staff/{id}",
                           .handler = [&identity](http::Request& request) -> Result<http::Response> {
                               AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
                               AC_ASSIGN_OR_RETURN(const Staff staff,
                                                   identity.GetStaff(*request.principal, StaffId(id)));
                               return http::JsonResponse(200, StaffJson(staff));
                           },
                           .permission = "staff.read",
                           .doc = {.summary = "One staff member", .tag = "identity", .response_schema = kStaffSchema}});
    router.Add(http::Route{.method = http::Method::kPatch,
                           .pattern = "/api/v1/staff/{id}",
                           .handler = bind(UpdateStaff),
                           .permission = "staff.write",
                           .doc = {.summary = "Change a staff member; deactivating ends their sessions",
                                   .tag = "identity",
                                   .request_schema = std::string(kStaffPatchSchema),
                                   .response_schema = kStaffSchema}});
    router.Add(http::Route{.method = http::Method::kPost,
                           .pattern = "/api/v1/staff/{id}/password",
                           .handler = bind(ResetPassword),
                           .permission = "staff.write",
                           .doc = {.summary = "Set a staff member's password; their sessions end",
                                   .tag = "identity",
                                   .request_schema = std::string(kPasswordResetSchema),
                                   .response_schema = kStaffSchema}});
}

void AddApiTokenRoutes(http::Router& router, AuthService& auth) {
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/api-tokens",
        .handler = [&auth](http::Request& request) -> Result<http::Response> {
            AC_ASSIGN_OR_RETURN(const auto tokens, auth.ListApiTokens(*request.principal));
            boost::json::array items;
            for (const ApiTokenRow& token : tokens) {
                items.emplace_back(ApiTokenJson(token));
            }
            return http::JsonResponse(200, boost::json::object{{"items", std::move(items)}});
        },
        .permission = "api_tokens.manage",
        .doc = {.summary = "API tokens of staff the caller sees (never the tokens themselves)", .tag = "identity"},
    });
    router.Add(http::Route{
        .method = http::Method::kPost,
        .pattern = "/api/v1/api-tokens",
        .handler = [&auth](http::Request& request) -> Result<http::Response> {
            AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
            json::ObjectReader reader(body);
            const auto staff_id = reader.Int("staff_id", {.min = 1});
            const auto name = reader.String("name", {.max_chars = 100});
            reader.RejectUnknownFields();
            AC_RETURN_IF_ERROR(reader.Finish());
            AC_ASSIGN_OR_RETURN(const NewApiToken created,
                                auth.CreateApiToken(*request.principal, StaffId(*staff_id), *name));
            boost::json::object json = ApiTokenJson(created.row);
            json["token"] = created.token;
            return http::JsonResponse(201, json);
        },
        .permission = "api_tokens.manage",
        .doc = {.summary = "Issue an API token acting as a staff member; the answer shows it once",
                .tag = "identity",
                .request_schema = R"({"type": "object", "required": ["staff_id", "name"], "additionalProperties": false,
                    "properties": {"staff_id": {"type": "integer"}, "name": {"type": "string", "maxLength": 60}}})",
                .success_status = 201},
    });
    router.Add(http::Route{
        .method = http::Method::kDelete,
        .pattern = "/api/v1/api-tokens/{id}",
        .handler = [&auth](http::Request& request) -> Result<http::Response> {
            AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
            AC_RETURN_IF_ERROR(auth.RevokeApiToken(*request.principal, id));
            return http::Response::NoContent();
        },
        .permission = "api_tokens.manage",
        .doc = {.summary = "Revoke an API token", .tag = "identity", .success_status = 204},
    });
}

}  // namespace ac::auth

#include "auth/api/identity_json.hpp"

#include <boost/json/array.hpp>

#include "auth/permissions.hpp"

namespace ac::auth {

boost::json::object StoreJson(const Store& store) {
    return boost::json::object{{"id", store.id.value()},
                               {"code", store.code},
                               {"name", store.name},
                               {"address", store.address},
                               {"phone", store.phone},
                               {"time_zone", store.time_zone},
                               {"active", store.active},
                               {"version", store.version},
                               {"created_at", FormatRfc3339(store.created_at)},
                               {"updated_at", FormatRfc3339(store.updated_at)}};
}

boost::json::object StaffJson(const Staff& staff) {
    boost::json::array roles;
    for (const RoleInfo& info : Roles()) {
        if (Has(staff.roles, info.role)) {
            roles.emplace_back(info.code);
        }
    }
    boost::json::array skills;
    for (const std::string& skill : staff.skills) {
        skills.emplace_back(skill);
    }
    boost::json::object json{{"id", staff.id.value()},
                             {"username", staff.username},
                             {"name", staff.name},
                             {"roles", std::move(roles)},
                             {"skills", std::move(skills)},
                             {"active", staff.active},
                             {"has_password", staff.has_password},
                             {"version", staff.version},
                             {"created_at", FormatRfc3339(staff.created_at)},
                             {"updated_at", FormatRfc3339(staff.updated_at)}};
    json["phone"] = staff.phone ? boost::json::value(*staff.phone) : nullptr;
    json["employee_no"] = staff.employee_no ? boost::json::value(*staff.employee_no) : nullptr;
    json["store_id"] = staff.store_id ? boost::json::value(staff.store_id->value()) : nullptr;
    return json;
}

boost::json::object SessionJson(const Staff& staff, const Principal& principal, std::optional<Instant> expires_at) {
    boost::json::array permissions;
    for (const std::string_view permission : PermissionsOf(principal.roles)) {
        permissions.emplace_back(permission);
    }
    boost::json::object user = StaffJson(staff);
    user["permissions"] = std::move(permissions);
    user["sees_all_stores"] = principal.SeesAllStores();
    boost::json::object json{{"user", std::move(user)}};
    json["csrf_token"] = principal.via == Principal::Via::kSession ? boost::json::value(principal.csrf_token) : nullptr;
    json["expires_at"] = expires_at ? boost::json::value(FormatRfc3339(*expires_at)) : nullptr;
    return json;
}

boost::json::object ApiTokenJson(const ApiTokenRow& token) {
    boost::json::object json{{"id", token.id},
                             {"prefix", token.prefix},
                             {"staff_id", token.staff_id.value()},
                             {"name", token.name},
                             {"created_at", FormatRfc3339(token.created_at)}};
    json["last_used_at"] = token.last_used_at ? boost::json::value(FormatRfc3339(*token.last_used_at)) : nullptr;
    json["revoked_at"] = token.revoked_at ? boost::json::value(FormatRfc3339(*token.revoked_at)) : nullptr;
    return json;
}

const char* const kStoreSchema = R"({
  "type": "object",
  "required": ["id", "code", "name", "address", "phone", "time_zone", "active", "version"],
  "properties": {
    "id": {"type": "integer"}, "code": {"type": "string"}, "name": {"type": "string"},
    "address": {"type": "string"}, "phone": {"type": "string"}, "time_zone": {"type": "string"},
    "active": {"type": "boolean"}, "version": {"type": "integer"},
    "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}
  }
})";

const char* const kStaffSchema = R"({
  "type": "object",
  "required": ["id", "username", "name", "roles", "skills", "active", "version"],
  "properties": {
    "id": {"type": "integer"}, "username": {"type": "string"}, "name": {"type": "string"},
    "phone": {"type": ["string", "null"]}, "employee_no": {"type": ["string", "null"]},
    "store_id": {"type": ["integer", "null"], "description": "null: head office"},
    "roles": {"type": "array", "items": {"type": "string"}}, "skills": {"type": "array", "items": {"type": "string"}},
    "active": {"type": "boolean"}, "has_password": {"type": "boolean"}, "version": {"type": "integer"},
    "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}
  }
})";

const char* const kSessionSchema = R"({
  "type": "object",
  "required": ["user", "csrf_token"],
  "properties": {
    "user": {
      "type": "object", "description": "The staff record with permissions and sees_all_stores",
      "required": ["id", "username", "name", "roles", "skills", "active", "version", "store_id", "permissions",
                   "sees_all_stores"],
      "properties": {
        "id": {"type": "integer"}, "username": {"type": "string"}, "name": {"type": "string"},
        "phone": {"type": ["string", "null"]}, "employee_no": {"type": ["string", "null"]},
        "store_id": {"type": ["integer", "null"], "description": "null: head office"},
        "roles": {"type": "array", "items": {"type": "string"}},
        "skills": {"type": "array", "items": {"type": "string"}},
        "active": {"type": "boolean"}, "version": {"type": "integer"},
        "permissions": {"type": "array", "items": {"type": "string"}},
        "sees_all_stores": {"type": "boolean"}
      }
    },
    "csrf_token": {"type": ["string", "null"], "description": "Send as X-CSRF-Token on POST, PUT, PATCH, DELETE"},
    "expires_at": {"type": ["string", "null"], "format": "date-time"}
  }
})";

}  // namespace ac::auth

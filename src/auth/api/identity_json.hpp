// JSON of identity records, shared by the auth routes. Internal to auth/api.
#pragma once

#include <boost/json/object.hpp>

#include "auth/credential_repository.hpp"
#include "auth/identity.hpp"

namespace ac::auth {

[[nodiscard]] boost::json::object StoreJson(const Store& store);
[[nodiscard]] boost::json::object StaffJson(const Staff& staff);
// The signed-in user: their staff record, permissions, and (for a browser session) the CSRF token.
[[nodiscard]] boost::json::object SessionJson(const Staff& staff, const Principal& principal,
                                              std::optional<Instant> expires_at);
[[nodiscard]] boost::json::object ApiTokenJson(const ApiTokenRow& token);

// JSON Schemas of the bodies, for the OpenAPI document.
extern const char* const kStoreSchema;
extern const char* const kStaffSchema;
extern const char* const kSessionSchema;

}  // namespace ac::auth

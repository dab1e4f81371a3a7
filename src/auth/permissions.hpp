// Which role may do what: the one table of role × permission. Routes name a permission when they are registered
// (http::Route::permission); the authentication middleware checks it against this table.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/principal.hpp"

namespace ac::auth {

struct PermissionDef {
    std::string_view name;  // "stores.write"
    std::string_view zh_cn;
    std::string_view en;
    RoleSet roles;  // the roles that hold it
};

// Every permission of the table.
[[nodiscard]] std::span<const PermissionDef> Permissions();

// Whether `permission` is kPublic, kAuthenticated or in the table.
[[nodiscard]] bool IsKnownPermission(std::string_view permission);

// Whether a holder of `roles` has `permission` (always for kPublic and kAuthenticated; never for an unknown one).
[[nodiscard]] bool Allows(const RoleSet& roles, std::string_view permission);

// The table permissions `roles` hold, in table order.
[[nodiscard]] std::vector<std::string_view> PermissionsOf(const RoleSet& roles);

}  // namespace ac::auth

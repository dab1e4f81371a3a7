// The HTTP routes of identity and access: sign-in, stores, staff, roles, API tokens.
#pragma once

#include "auth/auth_service.hpp"
#include "auth/identity_service.hpp"
#include "http/router.hpp"

namespace ac::auth {

// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me, POST /api/v1/auth/password.
void AddAuthRoutes(http::Router& router, AuthService& auth, bool secure_cookies);

// /api/v1/roles, /api/v1/stores[/{id}], /api/v1/staff[/{id}[/password]].
void AddIdentityRoutes(http::Router& router, IdentityService& identity);

// /api/v1/api-tokens[/{id}].
void AddApiTokenRoutes(http::Router& router, AuthService& auth);

}  // namespace ac::auth

// The authentication middleware and the session cookie.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "auth/auth_service.hpp"
#include "http/pipeline.hpp"

namespace ac::auth {

inline constexpr std::string_view kSessionCookie = "ac_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// For every route that is not public: recognises the caller (Authorization: Bearer <API token>, else the session
// cookie), requires the session's CSRF token in X-CSRF-Token on POST/PUT/PATCH/DELETE, checks the route's
// permission against the role table, and sets Request::principal. Answers 401 without valid credentials, 403
// without the CSRF token or the permission. `auth` must outlive the middleware.
[[nodiscard]] http::Middleware AuthMiddleware(AuthService& auth, bool secure_cookies);

// Whether cookies for `request` get the Secure attribute: when configured, or when a proxy says the client
// came over HTTPS (X-Forwarded-Proto: https).
[[nodiscard]] bool UseSecureCookies(const http::Request& request, bool configured);

// Set-Cookie values for a new session and for ending one.
[[nodiscard]] std::string SessionCookieHeader(std::string_view token, std::chrono::seconds max_age, bool secure);
[[nodiscard]] std::string ClearedSessionCookieHeader(bool secure);

}  // namespace ac::auth

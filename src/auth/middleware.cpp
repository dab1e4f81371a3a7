#include "auth/middleware.hpp"

#include "auth/permissions.hpp"
#include "auth/secrets.hpp"

namespace ac::auth {
namespace {

bool ChangesState(http::Method method) {
    return method == http::Method::kPost || method == http::Method::kPut || method == http::Method::kPatch ||
           method == http::Method::kDelete;
}

// The token of an "Authorization: Bearer <token>" header, if the request has one.
std::optional<std::string> BearerToken(const http::Request& request) {
    const std::optional<std::string_view> header = request.Header("Authorization");
    if (!header || header->size() < 7 || !http::EqualsIgnoreCase(header->substr(0, 7), "Bearer ")) {
        return std::nullopt;
    }
    std::string_view token = header->substr(7);
    while (!token.empty() && token.front() == ' ') {
        token.remove_prefix(1);
    }
    return std::string(token);
}

}  // namespace

bool UseSecureCookies(const http::Request& request, bool configured) {
    if (configured) {
        return true;
    }
    const std::optional<std::string_view> forwarded = request.Header("X-Forwarded-Proto");
    return forwarded && http::EqualsIgnoreCase(*forwarded, "https");
}

std::string SessionCookieHeader(std::string_view token, std::chrono::seconds max_age, bool secure) {
    std::string cookie = std::string(kSessionCookie) + "=" + std::string(token) +
                         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age.count());
    if (secure) {
        cookie += "; Secure";
    }
    return cookie;
}

std::string ClearedSessionCookieHeader(bool secure) {
    std::string cookie = std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
    if (secure) {
        cookie += "; Secure";
    }
    return cookie;
}

http::Middleware AuthMiddleware(AuthService& auth, bool secure_cookies) {
    return [&auth, secure_cookies](http::Request& request, const http::Handler& next) -> Result<http::Response> {
        const std::string& permission = request.route->permission;
        if (permission == http::kPublic) {
            return next(request);
        }
        Result<Principal> principal = Fail(Error::Make(ErrorCode::kUnauthenticated, "auth.required"));
        const std::optional<std::string> bearer = BearerToken(request);
        const std::optional<std::string> cookie = request.Cookie(kSessionCookie);
        if (bearer) {
            principal = auth.AuthenticateApiToken(*bearer);
        } else if (cookie) {
            principal = auth.AuthenticateSession(*cookie);
        }
        if (!principal) {
            return Fail(std::move(principal).error());
        }
        if (principal->via == Principal::Via::kSession && ChangesState(request.method)) {
            const std::optional<std::string_view> csrf = request.Header(kCsrfHeader);
            if (!csrf || !ConstantTimeEquals(*csrf, principal->csrf_token)) {
                return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.csrf_invalid"));
            }
        }
        if (!Allows(principal->roles, permission)) {
            return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.forbidden", {{"permission", permission}}));
        }
        request.principal = std::move(*principal);
        return next(request);
    };
}

}  // namespace ac::auth

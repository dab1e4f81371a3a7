// Sign-in, sign-out, the current user and password change.
#include <boost/json/object.hpp>

#include "auth/api/identity_json.hpp"
#include "auth/middleware.hpp"
#include "auth/routes.hpp"
#include "http/json_body.hpp"

namespace ac::auth {
namespace {

constexpr std::string_view kLoginSchema = R"({
  "type": "object", "required": ["login", "password"], "additionalProperties": false,
  "properties": {
    "login": {"type": "string", "maxLength": 64, "description": "username or mobile number"},
    "password": {"type": "string", "maxLength": 128}
  }
})";

constexpr std::string_view kPasswordSchema = R"({
  "type": "object", "required": ["current_password", "new_password"], "additionalProperties": false,
  "properties": {
    "current_password": {"type": "string", "maxLength": 128},
    "new_password": {"type": "string", "minLength": 8, "maxLength": 128}
  }
})";

std::string UserAgent(const http::Request& request) {
    return std::string(request.Header("User-Agent").value_or(""));
}

// The answer to a new session: the user, the CSRF token, and the cookie.
http::Response SessionResponse(const SignIn& sign_in, const AuthService& auth, const http::Request& request,
                               bool secure_cookies) {
    http::Response response =
        http::JsonResponse(200, SessionJson(sign_in.staff, sign_in.principal, sign_in.expires_at));
    if (!sign_in.session_token.empty()) {
        const auto max_age = std::chrono::duration_cast<std::chrono::seconds>(auth.options().session_lifetime);
        response.AddHeader("Set-Cookie", SessionCookieHeader(sign_in.session_token, max_age,
                                                             UseSecureCookies(request, secure_cookies)));
    }
    return response;
}

}  // namespace

void AddAuthRoutes(http::Router& router, AuthService& auth, bool secure_cookies) {
    router.Add(http::Route{
        .method = http::Method::kPost,
        .pattern = "/api/v1/auth/login",
        .handler = [&auth, secure_cookies](http::Request& request) -> Result<http::Response> {
            AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
            json::ObjectReader reader(body);
            const auto login = reader.String("login", {.max_chars = 64});
            const auto password = reader.String("password", {.max_chars = 128, .trim = false});
            reader.RejectUnknownFields();
            AC_RETURN_IF_ERROR(reader.Finish());
            AC_ASSIGN_OR_RETURN(SignIn sign_in,
                                auth.Login(*login, *password, request.RemoteHost(), UserAgent(request)));
            return SessionResponse(sign_in, auth, request, secure_cookies);
        },
        .permission = std::string(http::kPublic),
        .doc = {.summary = "Sign in with a username or mobile number; sets the session cookie",
                .tag = "auth",
                .request_schema = std::string(kLoginSchema),
                .response_schema = kSessionSchema},
    });

    router.Add(http::Route{
        .method = http::Method::kPost,
        .pattern = "/api/v1/auth/logout",
        .handler = [&auth, secure_cookies](http::Request& request) -> Result<http::Response> {
            AC_RETURN_IF_ERROR(auth.Logout(*request.principal));
            http::Response response = http::Response::NoContent();
            response.AddHeader("Set-Cookie", ClearedSessionCookieHeader(UseSecureCookies(request, secure_cookies)));
            return response;
        },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "Sign out: the session ends", .tag = "auth", .success_status = 204},
    });

    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/auth/me",
        .handler = [&auth](http::Request& request) -> Result<http::Response> {
            AC_ASSIGN_OR_RETURN(const Staff staff, auth.CurrentStaff(*request.principal));
            return http::JsonResponse(200, SessionJson(staff, *request.principal, std::nullopt));
        },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "The signed-in user, their permissions and CSRF token",
                .tag = "auth",
                .response_schema = kSessionSchema},
    });

    router.Add(http::Route{
        .method = http::Method::kPost,
        .pattern = "/api/v1/auth/password",
        .handler = [&auth, secure_cookies](http::Request& request) -> Result<http::Response> {
            AC_ASSIGN_OR_RETURN(boost::json::object body, http::ReadJsonObject(request));
            json::ObjectReader reader(body);
            const auto current = reader.String("current_password", {.max_chars = 128, .trim = false});
            const auto next = reader.String("new_password", {.max_chars = 128, .trim = false});
            reader.RejectUnknownFields();
            AC_RETURN_IF_ERROR(reader.Finish());
            AC_ASSIGN_OR_RETURN(SignIn sign_in, auth.ChangePassword(*request.principal, *current, *next,
                                                                    request.RemoteHost(), UserAgent(request)));
            return SessionResponse(sign_in, auth, request, secure_cookies);
        },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "Change one's own password; every other session ends, this one is renewed",
                .tag = "auth",
                .request_schema = std::string(kPasswordSchema),
                .response_schema = kSessionSchema},
    });
}

}  // namespace ac::auth

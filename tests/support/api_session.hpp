// A caller of the API as the web app or a script is one: signed in with a session cookie (and sending the CSRF
// token on changes), or carrying an API token.
#pragma once

#include <cstdint>
#include <string>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace ac::testing {

class ApiSession {
  public:
    // Signs in with POST /api/v1/auth/login; throws std::runtime_error when that fails.
    ApiSession(std::uint16_t port, const std::string& login, const std::string& password);
    // Uses an API token (Authorization: Bearer) instead of a session.
    static ApiSession WithToken(std::uint16_t port, const std::string& token);

    HttpResponse Get(const std::string& target);
    HttpResponse Post(const std::string& target, const std::string& body);
    HttpResponse Patch(const std::string& target, const std::string& body);
    HttpResponse Delete(const std::string& target);
    // Any method, with or without the CSRF header; a body is sent as `content_type`.
    HttpResponse Send(const std::string& method, const std::string& target, const std::string& body,
                      bool with_csrf = true, const std::string& content_type = "application/json");

    [[nodiscard]] const std::string& cookie() const { return cookie_; }
    [[nodiscard]] const std::string& csrf() const { return csrf_; }
    [[nodiscard]] std::int64_t staff_id() const { return staff_id_; }
    [[nodiscard]] const HttpResponse& login_response() const { return login_response_; }
    void set_cookie(std::string cookie) { cookie_ = std::move(cookie); }
    void set_csrf(std::string csrf) { csrf_ = std::move(csrf); }

  private:
    explicit ApiSession(std::uint16_t port) : port_(port) {}
    std::uint16_t port_;
    std::string cookie_;  // "ac_session=…"
    std::string csrf_;
    std::string bearer_;
    std::int64_t staff_id_ = 0;
    HttpResponse login_response_;
};

// The ac_session=… pair of a response's Set-Cookie header, or "".
[[nodiscard]] std::string SessionCookieOf(const HttpResponse& response);

// Creates a staff member over the API as `admin` (store 0: head office), named like their username, with one role
// and a password; returns their id (0 after a failed expectation).
std::int64_t CreateStaff(ApiSession& admin, const std::string& username, const std::string& role, std::int64_t store,
                         const std::string& password);

// Creates a user straight in the database with `aftercare user add` (as an operator would); throws on failure.
void AddUser(const std::string& db_url, const std::string& username, const std::string& role,
             const std::string& password, const std::string& store_code = "");

}  // namespace ac::testing

#include "support/api_session.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace ac::testing {

std::string SessionCookieOf(const HttpResponse& response) {
    const std::string header = response.Header("Set-Cookie");
    return header.substr(0, header.find(';'));
}

ApiSession::ApiSession(std::uint16_t port, const std::string& login, const std::string& password) : port_(port) {
    HttpClient client(port);
    login_response_ =
        client.Post("/api/v1/auth/login", R"({"login":")" + login + R"(","password":")" + password + "\"}");
    if (login_response_.status != 200) {
        throw std::runtime_error("sign-in as " + login + " failed: " + login_response_.body);
    }
    cookie_ = SessionCookieOf(login_response_);
    const auto body = login_response_.Json();
    csrf_ = std::string(body.at("csrf_token").as_string());
    staff_id_ = body.at("user").at("id").as_int64();
}

ApiSession ApiSession::WithToken(std::uint16_t port, const std::string& token) {
    ApiSession session(port);
    session.bearer_ = token;
    return session;
}

HttpResponse ApiSession::Send(const std::string& method, const std::string& target, const std::string& body,
                              bool with_csrf, const std::string& content_type) {
    HttpClient client(port_);
    Headers headers;
    if (!cookie_.empty()) {
        headers.emplace_back("Cookie", cookie_);
    }
    if (!bearer_.empty()) {
        headers.emplace_back("Authorization", "Bearer " + bearer_);
    }
    if (with_csrf && !csrf_.empty() && method != "GET") {
        headers.emplace_back("X-CSRF-Token", csrf_);
    }
    if (!body.empty()) {
        headers.emplace_back("Content-Type", content_type);
    }
    return client.Request(method, target, body, headers);
}

HttpResponse ApiSession::Get(const std::string& target) {
    return Send("GET", target, "");
}
HttpResponse ApiSession::Post(const std::string& target, const std::string& body) {
    return Send("POST", target, body);
}
HttpResponse ApiSession::Patch(const std::string& target, const std::string& body) {
    return Send("PATCH", target, body);
}
HttpResponse ApiSession::Delete(const std::string& target) {
    return Send("DELETE", target, "");
}

void AddUser(const std::string& db_url, const std::string& username, const std::string& role,
             const std::string& password, const std::string& store_code) {
    TempDir dir;
    std::vector<std::string> args = {"user",
                                     "add",
                                     "--username",
                                     username,
                                     "--role",
                                     role,
                                     "--password-stdin",
                                     "--db",
                                     db_url,
                                     "--data-dir",
                                     (dir.path() / "d").string(),
                                     "--log-level",
                                     "warn"};
    if (!store_code.empty()) {
        args.emplace_back("--store");
        args.push_back(store_code);
    }
    const RunResult result = RunAftercare(args, {}, std::chrono::seconds(60), password + "\n");
    if (result.exit_code != 0) {
        throw std::runtime_error("aftercare user add " + username + " failed: " + result.err);
    }
}

std::int64_t CreateStaff(ApiSession& admin, const std::string& username, const std::string& role, std::int64_t store,
                         const std::string& password) {
    std::string body = R"({"username":")" + username + R"(","name":")" + username + R"(","roles":[")" + role +
                       R"("],"password":")" + password + "\"";
    if (store != 0) {
        body += R"(,"store_id":)" + std::to_string(store);
    }
    const HttpResponse created = admin.Post("/api/v1/staff", body + "}");
    EXPECT_EQ(created.status, 201) << created.body;
    return created.status == 201 ? created.Json().at("id").as_int64() : 0;
}

}  // namespace ac::testing

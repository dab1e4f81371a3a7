// Signing in and out, sessions, CSRF, API tokens and the start-up account rules, through the real binary.
#include <algorithm>
#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "support/api_session.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace ac::testing {
namespace {

using namespace std::chrono_literals;

const Env kEnglish = {{"LANG", "C.UTF-8"}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}};

std::string Code(const HttpResponse& response) {
    return std::string(response.Json().at("error").at("code").as_string());
}

// One server (fake clock) for the tests of this suite; each test makes its own users.
class AuthApi : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = new TestDatabase();
        server_ = new ServerProcess(ServerConfig{.db_url = db_->url(), .extra_args = {"--fake-clock"}});
        // Created from the shell while the server runs, as an operator does on a fresh installation.
        AddUser(db_->url(), "admin", "admin", "Counter2026x");
    }
    static void TearDownTestSuite() {
        delete server_;
        delete db_;
    }
    static std::uint16_t port() { return server_->port(); }

    // A new staff member with a password, made by the administrator; returns their id.
    static std::int64_t NewUser(const std::string& username, const std::string& role, const std::string& password) {
        ApiSession admin(port(), "admin", "Counter2026x");
        const HttpResponse created =
            admin.Post("/api/v1/staff", R"({"username":")" + username + R"(","name":"测试)" + username +
                                            R"(","roles":[")" + role + R"("],"password":")" + password + "\"}");
        EXPECT_EQ(created.status, 201) << created.body;
        return created.Json().at("id").as_int64();
    }

    static void AdvanceClock(std::chrono::milliseconds by) {
        HttpClient client(port());
        ASSERT_EQ(client.Post("/api/v1/test/clock", R"({"advance_ms":)" + std::to_string(by.count()) + "}").status,
                  200);
    }

    static TestDatabase* db_;
    static ServerProcess* server_;
};

TestDatabase* AuthApi::db_ = nullptr;
ServerProcess* AuthApi::server_ = nullptr;

TEST_F(AuthApi, SigningInSetsAnHttpOnlySameSiteCookieAndReturnsTheUser) {
    NewUser("cookie_user", "aftersales_agent", "Sofa2026x");
    HttpClient client(port());
    const HttpResponse response =
        client.Post("/api/v1/auth/login", R"({"login":"cookie_user","password":"Sofa2026x"})");
    ASSERT_EQ(response.status, 200) << response.body;
    const std::string cookie = response.Header("Set-Cookie");
    EXPECT_TRUE(std::regex_search(cookie, std::regex("^ac_session=[A-Za-z0-9_-]{43}; ")));
    EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("; SameSite=Lax"), std::string::npos);
    EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
    EXPECT_NE(cookie.find("; Max-Age=2592000"), std::string::npos);
    EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP on loopback";
    const auto body = response.Json();
    EXPECT_EQ(body.at("user").at("username"), "cookie_user");
    EXPECT_EQ(body.at("user").at("roles").as_array().at(0), "aftersales_agent");
    // An agent: stores.read, staff.read, catalog.read, customers.write, repairs.read, repairs.register,
    // contracts.read, stock.read, deliveries.read.
    EXPECT_EQ(body.at("user").at("permissions").as_array().size(), 9u);
    EXPECT_EQ(body.at("csrf_token").as_string().size(), 32u);
    EXPECT_FALSE(body.at("user").as_object().contains("password_hash"));

    const HttpResponse behind_tls = client.Post(
        "/api/v1/auth/login", R"({"login":"cookie_user","password":"Sofa2026x"})", {{"X-Forwarded-Proto", "https"}});
    EXPECT_NE(behind_tls.Header("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(AuthApi, AMobileNumberSignsInToo) {
    ApiSession admin(port(), "admin", "Counter2026x");
    ASSERT_EQ(admin
                  .Post("/api/v1/staff", R"({"username":"phone_user","name":"手机","roles":["installer"],
                                             "phone":"13911112222","password":"Sofa2026x"})")
                  .status,
              201);
    EXPECT_NO_THROW(ApiSession(port(), "139 1111 2222", "Sofa2026x"));
}

TEST_F(AuthApi, AWrongPasswordAndAnUnknownUserGetTheSameAnswerInTheSameTime) {
    NewUser("timing_user", "installer", "Sofa2026x");
    HttpClient client(port());
    const auto attempt = [&](const std::string& login) {
        const auto started = std::chrono::steady_clock::now();
        const HttpResponse response =
            client.Post("/api/v1/auth/login", R"({"login":")" + login + R"(","password":"Wrong2026x"})",
                        {{"Accept-Language", "en"}});
        return std::make_pair(response, std::chrono::steady_clock::now() - started);
    };
    const auto [wrong, wrong_time] = attempt("timing_user");
    const auto [unknown, unknown_time] = attempt("no_such_person");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(Code(wrong), Code(unknown));
    EXPECT_EQ(wrong.Json().at("error").at("message"), unknown.Json().at("error").at("message"));
    EXPECT_EQ(wrong.Json().at("error").at("message"), "The username/mobile number or the password is wrong");
    // An unknown account is checked against a dummy hash, so it takes as long as a wrong password (an argon2id
    // verification, tens of milliseconds); without it the answer would come back in a fraction of that.
    EXPECT_GT(unknown_time * 3, wrong_time)
        << "unknown " << std::chrono::duration<double>(unknown_time).count() << " s, wrong "
        << std::chrono::duration<double>(wrong_time).count() << " s";
}

TEST_F(AuthApi, WithoutCredentialsProtectedRoutesAre401) {
    HttpClient client(port());
    for (const char* target :
         {"/api/v1/auth/me", "/api/v1/stores", "/api/v1/staff", "/api/v1/roles", "/api/v1/api-tokens"}) {
        const HttpResponse response = client.Get(target);
        EXPECT_EQ(response.status, 401) << target;
        EXPECT_EQ(Code(response), "unauthenticated") << target;
    }
    EXPECT_EQ(client.Get("/api/v1/auth/me", {{"Cookie", "ac_session=forged-value"}}).status, 401);
    EXPECT_EQ(client.Get("/api/v1/auth/me", {{"Authorization", "Bearer act_forged"}}).status, 401);
    EXPECT_EQ(client.Get("/api/v1/auth/me", {{"Authorization", "Basic YWRtaW46YWRtaW4="}}).status, 401);
    EXPECT_EQ(client.Get("/healthz").status, 200) << "public routes need nothing";
}

TEST_F(AuthApi, ChangesFromABrowserSessionNeedTheCsrfToken) {
    ApiSession admin(port(), "admin", "Counter2026x");
    const HttpResponse store = admin.Post("/api/v1/stores", R"({"code":"CSRF1","name":"跨站测试店"})");
    ASSERT_EQ(store.status, 201) << store.body;
    const std::string target = "/api/v1/stores/" + std::to_string(store.Json().at("id").as_int64());
    const std::string body = R"({"version":1,"name":"改名"})";

    const HttpResponse without = admin.Send("PATCH", target, body, /*with_csrf=*/false);
    EXPECT_EQ(without.status, 403);
    EXPECT_EQ(without.Json().at("error").at("message"), "请求缺少有效的 CSRF 令牌，请刷新页面后重试");
    const std::string real = admin.csrf();
    admin.set_csrf(real.substr(0, real.size() - 1) + (real.back() == 'a' ? "b" : "a"));
    EXPECT_EQ(admin.Patch(target, body).status, 403) << "a wrong token";
    admin.set_csrf(real);
    EXPECT_EQ(admin.Get(target).Json().at("name"), "跨站测试店") << "the refused requests changed nothing";
    EXPECT_EQ(admin.Patch(target, body).status, 200);
    EXPECT_EQ(admin.Send("GET", target, "", /*with_csrf=*/false).status, 200) << "reading needs no token";
}

TEST_F(AuthApi, ApiTokenRequestsNeedNoCsrfToken) {
    ApiSession admin(port(), "admin", "Counter2026x");
    const HttpResponse created =
        admin.Post("/api/v1/api-tokens", R"({"staff_id":)" + std::to_string(admin.staff_id()) + R"(,"name":"脚本"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string token(created.Json().at("token").as_string());
    ApiSession script = ApiSession::WithToken(port(), token);
    EXPECT_EQ(script.Post("/api/v1/stores", R"({"code":"TOK1","name":"令牌建的店"})").status, 201);
    const auto me = script.Get("/api/v1/auth/me").Json();
    EXPECT_EQ(me.at("user").at("username"), "admin");
    EXPECT_TRUE(me.at("csrf_token").is_null());
}

TEST_F(AuthApi, SigningOutEndsTheSession) {
    NewUser("logout_user", "installer", "Sofa2026x");
    ApiSession user(port(), "logout_user", "Sofa2026x");
    ASSERT_EQ(user.Get("/api/v1/auth/me").status, 200);
    const HttpResponse out = user.Post("/api/v1/auth/logout", "");
    EXPECT_EQ(out.status, 204);
    EXPECT_NE(out.Header("Set-Cookie").find("ac_session=; "), std::string::npos);
    EXPECT_NE(out.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(user.Get("/api/v1/auth/me").status, 401) << "the old cookie opens nothing";
}

TEST_F(AuthApi, ASessionUnusedFor12HoursEnds) {
    NewUser("idle_user", "installer", "Sofa2026x");
    ApiSession user(port(), "idle_user", "Sofa2026x");
    AdvanceClock(11h);
    EXPECT_EQ(user.Get("/api/v1/auth/me").status, 200);
    AdvanceClock(11h);
    EXPECT_EQ(user.Get("/api/v1/auth/me").status, 200) << "each use starts the 12 hours again";
    AdvanceClock(12h + 1s);
    const HttpResponse expired = user.Get("/api/v1/auth/me");
    EXPECT_EQ(expired.status, 401);
    EXPECT_EQ(expired.Json().at("error").at("message"), "登录已失效，请重新登录");
}

TEST_F(AuthApi, DeactivationEndsEverySessionAndTokenAtOnce) {
    const std::int64_t id = NewUser("leaver", "aftersales_agent", "Sofa2026x");
    ApiSession leaver(port(), "leaver", "Sofa2026x");
    ApiSession admin(port(), "admin", "Counter2026x");
    const HttpResponse token =
        admin.Post("/api/v1/api-tokens", R"({"staff_id":)" + std::to_string(id) + R"(,"name":"离职者的脚本"})");
    ApiSession script = ApiSession::WithToken(port(), std::string(token.Json().at("token").as_string()));
    ASSERT_EQ(leaver.Get("/api/v1/auth/me").status, 200);
    ASSERT_EQ(script.Get("/api/v1/auth/me").status, 200);
    const std::string target = "/api/v1/staff/" + std::to_string(id);
    const std::int64_t version = admin.Get(target).Json().at("version").as_int64();
    ASSERT_EQ(admin.Patch(target, R"({"version":)" + std::to_string(version) + R"(,"active":false})").status, 200);
    EXPECT_EQ(leaver.Get("/api/v1/auth/me").status, 401);
    EXPECT_EQ(script.Get("/api/v1/auth/me").status, 401);
    EXPECT_THROW(ApiSession(port(), "leaver", "Sofa2026x"), std::runtime_error) << "and cannot sign in again";
}

TEST_F(AuthApi, ChangingOnesPasswordEndsOtherSessionsAndRenewsThisOne) {
    NewUser("changer", "technician", "Sofa2026x");
    ApiSession phone(port(), "changer", "Sofa2026x");
    ApiSession desk(port(), "changer", "Sofa2026x");
    const HttpResponse wrong =
        desk.Post("/api/v1/auth/password", R"({"current_password":"Nope2026x","new_password":"Chair2027y"})");
    EXPECT_EQ(wrong.status, 422);
    EXPECT_EQ(wrong.Json().at("error").at("fields").at("current_password"), "当前密码不正确");
    const HttpResponse weak =
        desk.Post("/api/v1/auth/password", R"({"current_password":"Sofa2026x","new_password":"abc"})");
    EXPECT_EQ(weak.Json().at("error").at("fields").at("new_password"),
              "密码需 8–128 位，同时包含字母和数字，且不能包含用户名");
    const HttpResponse changed =
        desk.Post("/api/v1/auth/password", R"({"current_password":"Sofa2026x","new_password":"Chair2027y"})");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(phone.Get("/api/v1/auth/me").status, 401) << "the other session ended";
    EXPECT_EQ(desk.Get("/api/v1/auth/me").status, 401) << "this one too; the answer carries its successor";
    desk.set_cookie(SessionCookieOf(changed));
    desk.set_csrf(std::string(changed.Json().at("csrf_token").as_string()));
    EXPECT_EQ(desk.Get("/api/v1/auth/me").status, 200);
    EXPECT_THROW(ApiSession(port(), "changer", "Sofa2026x"), std::runtime_error);
    EXPECT_NO_THROW(ApiSession(port(), "changer", "Chair2027y"));
}

TEST_F(AuthApi, AnAdministratorsPasswordResetEndsTheirSessions) {
    const std::int64_t id = NewUser("forgetful", "installer", "Sofa2026x");
    ApiSession user(port(), "forgetful", "Sofa2026x");
    ApiSession admin(port(), "admin", "Counter2026x");
    const HttpResponse reset =
        admin.Post("/api/v1/staff/" + std::to_string(id) + "/password", R"({"password":"Reset2026x"})");
    ASSERT_EQ(reset.status, 200) << reset.body;
    EXPECT_EQ(user.Get("/api/v1/auth/me").status, 401);
    EXPECT_NO_THROW(ApiSession(port(), "forgetful", "Reset2026x"));
}

TEST_F(AuthApi, ATokenFromTheCommandLineServesAScript) {
    TempDir dir;
    const std::vector<std::string> common = {"--db",        db_->url(), "--data-dir", (dir.path() / "d").string(),
                                             "--log-level", "warn"};
    std::vector<std::string> create = {"token", "create", "--user", "admin", "--name", "对账脚本"};
    create.insert(create.end(), common.begin(), common.end());
    const RunResult created = RunAftercare(create, kEnglish);
    ASSERT_EQ(created.exit_code, 0) << created.err;
    const std::string token = created.out.substr(0, created.out.find('\n'));
    EXPECT_TRUE(token.starts_with("act_")) << created.out;
    EXPECT_NE(created.err.find("shown only this once"), std::string::npos);

    HttpClient client(port());
    const HttpResponse me = client.Get("/api/v1/auth/me", {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.Json().at("user").at("username"), "admin");

    ApiSession admin(port(), "admin", "Counter2026x");
    const auto tokens = admin.Get("/api/v1/api-tokens").Json().at("items").as_array();
    const auto listed =
        std::find_if(tokens.begin(), tokens.end(), [&](const auto& t) { return t.at("name") == "对账脚本"; });
    ASSERT_NE(listed, tokens.end());
    EXPECT_FALSE(listed->as_object().contains("token")) << "a token is shown once, never listed";
    EXPECT_EQ(listed->at("prefix").as_string(), token.substr(0, 10));

    std::vector<std::string> revoke = {"token", "revoke", "--id", std::to_string(listed->at("id").as_int64())};
    revoke.insert(revoke.end(), common.begin(), common.end());
    ASSERT_EQ(RunAftercare(revoke, kEnglish).exit_code, 0);
    // Revoked by another process: the server, which checked the token a moment ago, refuses it within its token
    // cache's second (a revocation through the server itself applies at once: TokensIssuedAndRevokedOverTheApi).
    const auto revoked_at = std::chrono::steady_clock::now();
    int status = 200;
    while (status == 200 && std::chrono::steady_clock::now() - revoked_at < std::chrono::seconds(3)) {
        status = client.Get("/api/v1/auth/me", {{"Authorization", "Bearer " + token}}).status;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(status, 401);
    EXPECT_LT(std::chrono::steady_clock::now() - revoked_at, std::chrono::milliseconds(2500));
}

TEST_F(AuthApi, TokensIssuedAndRevokedOverTheApi) {
    ApiSession admin(port(), "admin", "Counter2026x");
    const HttpResponse created =
        admin.Post("/api/v1/api-tokens", R"({"staff_id":)" + std::to_string(admin.staff_id()) + R"(,"name":"ERP"})");
    ASSERT_EQ(created.status, 201);
    const std::string token(created.Json().at("token").as_string());
    HttpClient client(port());
    ASSERT_EQ(client.Get("/api/v1/stores", {{"Authorization", "Bearer " + token}}).status, 200);
    EXPECT_EQ(admin.Delete("/api/v1/api-tokens/" + std::to_string(created.Json().at("id").as_int64())).status, 204);
    EXPECT_EQ(client.Get("/api/v1/stores", {{"Authorization", "Bearer " + token}}).status, 401);
    EXPECT_EQ(admin.Delete("/api/v1/api-tokens/999999").status, 404);
    EXPECT_EQ(admin.Post("/api/v1/api-tokens", R"({"staff_id":999999,"name":"x"})")
                  .Json()
                  .at("error")
                  .at("fields")
                  .at("staff_id"),
              "不存在");
}

TEST_F(AuthApi, EveryAnswerCarriesTheSecurityHeaders) {
    HttpClient client(port());
    ApiSession admin(port(), "admin", "Counter2026x");
    std::vector<HttpResponse> answers = {
        client.Get("/healthz"),
        client.Get("/api/v1/no/such/route"),
        client.Get("/customers"),
        client.Get("/api/v1/staff"),
        client.Get("/api/v1/test/panic"),
        admin.Get("/api/v1/auth/me"),
        admin.Send("POST", "/api/v1/auth/logout", "", false),
    };
    HttpClient oversized(port());
    answers.push_back(
        oversized.SendRaw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n"));
    std::set<int> statuses;
    for (const HttpResponse& answer : answers) {
        statuses.insert(answer.status);
        const std::string csp = answer.Header("Content-Security-Policy");
        EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << answer.status;
        EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << answer.status;
        EXPECT_NE(csp.find("object-src 'none'"), std::string::npos) << answer.status;
        EXPECT_EQ(answer.Header("X-Content-Type-Options"), "nosniff") << answer.status;
        EXPECT_EQ(answer.Header("Referrer-Policy"), "strict-origin-when-cross-origin") << answer.status;
        EXPECT_EQ(answer.Header("X-Frame-Options"), "DENY") << answer.status;
    }
    EXPECT_EQ(statuses, (std::set<int>{200, 401, 403, 404, 413, 500}));
    EXPECT_EQ(admin.Get("/api/v1/auth/me").Header("Cache-Control"), "no-store") << "a user's data is not cached";
}

// Every route declares a permission, and each is public, any signed-in user, or a permission of the table.
TEST_F(AuthApi, EveryRouteDeclaresAKnownPermission) {
    ApiSession admin(port(), "admin", "Counter2026x");
    std::set<std::string> known = {"public", "authenticated"};
    const auto roles = admin.Get("/api/v1/roles").Json();
    for (const auto& role : roles.at("items").as_array()) {
        for (const auto& permission : role.at("permissions").as_array()) {
            known.insert(std::string(permission.as_string()));
        }
    }
    HttpClient client(port());
    const auto paths = client.Get("/api/v1/openapi.json").Json().at("paths").as_object();
    std::size_t operations = 0;
    for (const auto& item : paths) {
        for (const auto& operation : item.value().as_object()) {
            ++operations;
            const auto* permission = operation.value().as_object().if_contains("x-permission");
            ASSERT_NE(permission, nullptr) << item.key() << " " << operation.key();
            EXPECT_TRUE(known.contains(std::string(permission->as_string())))
                << item.key() << " " << operation.key() << " needs " << permission->as_string();
            if (permission->as_string() != "public") {
                const HttpResponse anonymous =
                    client.Request(std::string(operation.key()) == "get" ? "GET" : "POST",
                                   std::regex_replace(std::string(item.key()), std::regex(R"(\{[^}]+\})"), "1"), "{}",
                                   {{"Content-Type", "application/json"}});
                if (std::string(operation.key()) == "get" || std::string(operation.key()) == "post") {
                    EXPECT_EQ(anonymous.status, 401) << item.key() << " " << operation.key();
                }
            }
        }
    }
    EXPECT_GE(operations, 20u);
}

TEST_F(AuthApi, RolesCarryTheirChineseNamesAndPermissions) {
    ApiSession admin(port(), "admin", "Counter2026x");
    const auto roles = admin.Get("/api/v1/roles").Json().at("items").as_array();
    ASSERT_EQ(roles.size(), 9u);
    const auto agent =
        std::find_if(roles.begin(), roles.end(), [](const auto& r) { return r.at("code") == "aftersales_agent"; });
    ASSERT_NE(agent, roles.end());
    EXPECT_EQ(agent->at("name_zh_cn"), "售后服务人员");
    EXPECT_EQ(agent->at("chain_wide"), false);
}

// Sign-in limits, on their own server: the per-address limit would otherwise count other tests' failures.
TEST(AuthLimitsApi, TooManyFailuresAre429WithRetryAfterUntilTheWindowPasses) {
    TestDatabase db;
    ServerProcess server(ServerConfig{
        .db_url = db.url(),
        .extra_args = {"--fake-clock", "--login-max-failures", "3", "--login-max-failures-per-address", "8"}});
    AddUser(db.url(), "admin", "admin", "Counter2026x");
    HttpClient client(server.port());
    const auto login = [&](const std::string& name, const std::string& password) {
        return client.Post("/api/v1/auth/login", R"({"login":")" + name + R"(","password":")" + password + "\"}",
                           {{"Accept-Language", "en"}});
    };
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(login("admin", "Wrong2026x").status, 401);
    }
    const HttpResponse locked = login("admin", "Counter2026x");
    EXPECT_EQ(locked.status, 429);
    EXPECT_EQ(Code(locked), "rate_limited");
    EXPECT_EQ(locked.Header("Retry-After"), "900");
    EXPECT_EQ(locked.Json().at("error").at("message"), "Too many failed sign-ins; try again in 900 seconds");
    ASSERT_EQ(client.Post("/api/v1/test/clock", R"({"advance_ms":900001})").status, 200);
    EXPECT_EQ(login("admin", "Counter2026x").status, 200);

    for (int i = 0; i < 8; ++i) {
        EXPECT_EQ(login("guess" + std::to_string(i), "Wrong2026x").status, 401);
    }
    EXPECT_EQ(login("admin", "Counter2026x").status, 429) << "this address made too many attempts";
}

TEST(CookieApi, SecureCookiesCanBeRequiredByConfiguration) {
    TestDatabase db;
    AddUser(db.url(), "admin", "admin", "Counter2026x");
    ServerProcess server(ServerConfig{.db_url = db.url(), .extra_args = {"--secure-cookies"}});
    ApiSession admin(server.port(), "admin", "Counter2026x");
    EXPECT_NE(admin.login_response().Header("Set-Cookie").find("; Secure"), std::string::npos);
    EXPECT_EQ(admin.login_response().Header("Cache-Control"), "no-store") << "the answer holds the CSRF token";
    EXPECT_NE(admin.Post("/api/v1/auth/logout", "").Header("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST(FirstStartApi, AFreshInstallationHasNoPasswordAndSaysHowToMakeTheFirstAdmin) {
    TestDatabase db;
    ServerProcess server(ServerConfig{.db_url = db.url(), .env = kEnglish});
    EXPECT_NE(server.Stdout().find("no administrator yet, and no default password"), std::string::npos)
        << server.Stdout();
    EXPECT_NE(server.Stdout().find("aftercare user add --username admin --role admin --password-stdin"),
              std::string::npos);
    EXPECT_NE(server.Log().find(R"("event":"auth.no_admin")"), std::string::npos);
    HttpClient client(server.port());
    for (const char* password : {"admin", "password", "admin123", "demo2026", ""}) {
        EXPECT_EQ(client.Post("/api/v1/auth/login", R"({"login":"admin","password":")" + std::string(password) + "\"}")
                      .status,
                  password[0] == '\0' ? 422 : 401)
            << password;
    }
    auto opened = db.Open();
    auto tx = opened->Begin(storage::TxMode::kRead).value();
    EXPECT_EQ(tx->Query("SELECT count(*) FROM staff").value().front().Int(0), 0);
}

TEST(FirstStartApi, DemoModeCreatesOneAccountPerRoleOnceAndPrintsThem) {
    TestDatabase db;
    TempDir dir;
    const auto data = dir.path() / "data";
    std::string first_out;
    {
        ServerProcess server(
            ServerConfig{.db_url = db.url(), .extra_args = {"--demo"}, .env = kEnglish, .data_dir = data});
        first_out = server.Stdout();
        for (const char* username : {"admin", "head", "manager", "supervisor", "agent", "sales", "follower",
                                     "installer", "technician", "agent2"}) {
            EXPECT_NE(first_out.find(std::string("  ") + username + " "), std::string::npos) << username;
            EXPECT_NO_THROW(ApiSession(server.port(), username, "demo2026")) << username;
        }
        EXPECT_NE(first_out.find("Demo sign-ins (password demo2026)"), std::string::npos) << first_out;
        ApiSession agent(server.port(), "agent", "demo2026");
        EXPECT_EQ(agent.Get("/api/v1/staff").Json().at("total"), 7) << "the agent sees the Xuhui store's staff";
        ASSERT_EQ(server.Terminate(), 0);
    }
    ServerProcess again(ServerConfig{.db_url = db.url(), .extra_args = {"--demo"}, .env = kEnglish, .data_dir = data});
    EXPECT_NE(again.Stdout().find("Demo sign-ins"), std::string::npos) << "the logins are shown again";
    ApiSession admin(again.port(), "admin", "demo2026");
    EXPECT_EQ(admin.Get("/api/v1/staff").Json().at("total"), 10) << "nothing was created twice";
    EXPECT_EQ(admin.Get("/api/v1/stores").Json().at("total"), 3);
}

TEST(FirstStartApi, DemoModeLeavesARealInstallationAlone) {
    TestDatabase db;
    AddUser(db.url(), "boss", "admin", "Chair2026xy");
    ServerProcess server(ServerConfig{.db_url = db.url(), .extra_args = {"--demo"}, .env = kEnglish});
    EXPECT_EQ(server.Stdout().find("Demo sign-ins"), std::string::npos);
    ApiSession boss(server.port(), "boss", "Chair2026xy");
    EXPECT_EQ(boss.Get("/api/v1/staff").Json().at("total"), 1);
    EXPECT_EQ(boss.Get("/api/v1/stores").Json().at("total"), 0);
}

TEST(UserAddCli, RefusesBadAccountsWithFieldErrors) {
    TestDatabase db;
    TempDir dir;
    const auto run = [&](std::vector<std::string> args, const std::string& password) {
        args.insert(args.end(), {"--db", db.url(), "--data-dir", (dir.path() / "d").string(), "--log-level", "warn"});
        return RunAftercare(args, kEnglish, std::chrono::seconds(60), password + "\n");
    };
    const RunResult weak = run({"user", "add", "--username", "admin", "--role", "admin", "--password-stdin"}, "admin");
    EXPECT_EQ(weak.exit_code, 1);
    EXPECT_NE(weak.err.find("password: must be 8 to 128 characters"), std::string::npos) << weak.err;
    const RunResult role =
        run({"user", "add", "--username", "admin", "--role", "boss", "--password-stdin"}, "Counter2026x");
    EXPECT_NE(role.err.find("roles[0]: is not a role: boss"), std::string::npos) << role.err;
    const RunResult store =
        run({"user", "add", "--username", "agent", "--role", "aftersales_agent", "--store", "NOPE"}, "");
    EXPECT_NE(store.err.find("There is no store with code NOPE"), std::string::npos) << store.err;
    const RunResult empty = run({"user", "add", "--username", "admin", "--role", "admin", "--password-stdin"}, "");
    EXPECT_NE(empty.err.find("password: must not be blank"), std::string::npos) << empty.err;
    ASSERT_EQ(
        run({"user", "add", "--username", "admin", "--role", "admin", "--password-stdin"}, "Counter2026x").exit_code,
        0);
    const RunResult twice =
        run({"user", "add", "--username", "ADMIN", "--role", "admin", "--password-stdin"}, "Counter2026x");
    EXPECT_EQ(twice.exit_code, 1);
    EXPECT_NE(twice.err.find("username: is already taken"), std::string::npos) << twice.err;
}

}  // namespace
}  // namespace ac::testing

// The HTTP server as users meet it: the real binary on a free port, over real sockets, on the database backend
// AC_TEST_DB names.
#include <atomic>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace ac::testing {
namespace {

using namespace std::chrono_literals;

// Lines of the server log, each parsed as the JSON object it must be.
std::vector<boost::json::object> LogLines(const std::string& log) {
    std::vector<boost::json::object> lines;
    std::istringstream in(log);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) {
            lines.push_back(boost::json::parse(line).as_object());
        }
    }
    return lines;
}

std::string ErrorCode(const HttpResponse& response) {
    return std::string(response.Json().at("error").at("code").as_string());
}

std::string ErrorMessage(const HttpResponse& response) {
    return std::string(response.Json().at("error").at("message").as_string());
}

// One server for the tests that do not stop it.
class ServerApi : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = new TestDatabase();
        server_ = new ServerProcess(ServerConfig{.db_url = db_->url()});
    }
    static void TearDownTestSuite() {
        delete server_;
        delete db_;
    }
    static std::uint16_t port() { return server_->port(); }

    static TestDatabase* db_;
    static ServerProcess* server_;
};

TestDatabase* ServerApi::db_ = nullptr;
ServerProcess* ServerApi::server_ = nullptr;

TEST_F(ServerApi, HealthzAnswersWithARequestId) {
    HttpClient client(port());
    const HttpResponse response = client.Get("/healthz");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"status":"ok"})");
    EXPECT_EQ(response.Header("Content-Type"), "application/json; charset=utf-8");
    EXPECT_TRUE(std::regex_match(response.Header("X-Request-Id"), std::regex("[0-9a-f]{16}")));
    EXPECT_TRUE(std::regex_match(response.Header("Date"),
                                 std::regex(R"([A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)")))
        << response.Header("Date");
    EXPECT_EQ(response.Header("Server"), "aftercare");
    EXPECT_TRUE(response.keep_alive);
}

TEST_F(ServerApi, ReadyzChecksTheDatabase) {
    HttpClient client(port());
    const HttpResponse response = client.Get("/readyz");
    EXPECT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(response.body, R"({"status":"ready"})");
}

TEST_F(ServerApi, VersionIsServed) {
    HttpClient client(port());
    const auto body = client.Get("/api/v1/version").Json();
    EXPECT_EQ(body.at("version"), "0.1.0");
    EXPECT_FALSE(body.at("commit").as_string().empty());
}

TEST_F(ServerApi, ARequestIdIsEchoedAndStampedOnTheLogLines) {
    HttpClient client(port());
    const HttpResponse ok = client.Get("/healthz", {{"X-Request-Id", "trace-ok-7"}});
    EXPECT_EQ(ok.Header("X-Request-Id"), "trace-ok-7");
    const HttpResponse missing = client.Get("/api/v1/no/such/page", {{"X-Request-Id", "trace-404-7"}});
    EXPECT_EQ(missing.Json().at("error").at("request_id"), "trace-404-7");

    bool access_logged = false;
    for (const auto& line : LogLines(server_->Log())) {
        if (line.contains("request_id") && line.at("request_id") == "trace-404-7" &&
            line.at("event") == "http.access") {
            access_logged = true;
            EXPECT_EQ(line.at("status"), 404);
            EXPECT_EQ(line.at("path"), "/api/v1/no/such/page");
            EXPECT_EQ(line.at("route"), "unmatched");
        }
    }
    EXPECT_TRUE(access_logged) << server_->Log();
}

TEST_F(ServerApi, KeepAliveServesManyRequestsOnOneConnection) {
    HttpClient client(port());
    const auto connections = [&] {
        const std::string metrics = client.Get("/metrics").body;
        std::smatch match;
        EXPECT_TRUE(std::regex_search(metrics, match, std::regex(R"(aftercare_http_connections_total (\d+))")));
        return std::stoi(match[1].str());
    };
    const int before = connections();
    for (int i = 0; i < 50; ++i) {
        const HttpResponse response = client.Get("/healthz");
        ASSERT_EQ(response.status, 200);
        ASSERT_TRUE(response.keep_alive);
    }
    EXPECT_EQ(connections(), before) << "no new connection was needed";
}

TEST_F(ServerApi, ConnectionCloseIsHonoured) {
    HttpClient client(port());
    const HttpResponse response = client.Get("/healthz", {{"Connection", "close"}});
    EXPECT_EQ(response.status, 200);
    EXPECT_FALSE(response.keep_alive);
    HttpClient http10(port());
    const HttpResponse old = http10.SendRaw("GET /healthz HTTP/1.0\r\n\r\n");
    EXPECT_EQ(old.status, 200);
    EXPECT_FALSE(old.keep_alive);
    EXPECT_TRUE(http10.ServerClosed(2s));
}

TEST_F(ServerApi, AnUnknownRouteIs404InTheCallersLanguage) {
    HttpClient client(port());
    const HttpResponse zh = client.Get("/api/v1/nothing-here");
    EXPECT_EQ(zh.status, 404);
    EXPECT_EQ(ErrorCode(zh), "not_found");
    EXPECT_EQ(ErrorMessage(zh), "没有这个接口：/api/v1/nothing-here");
    const HttpResponse en = client.Get("/api/v1/nothing-here", {{"Accept-Language", "en-GB,en;q=0.9"}});
    EXPECT_EQ(ErrorMessage(en), "There is no such endpoint: /api/v1/nothing-here");
    EXPECT_TRUE(en.keep_alive) << "an error answer keeps the connection";
}

TEST_F(ServerApi, AWrongMethodIs405WithAllow) {
    HttpClient client(port());
    const HttpResponse response = client.Request("DELETE", "/healthz", "", {{"Accept-Language", "en"}});
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.Header("Allow"), "GET, HEAD");
    EXPECT_EQ(ErrorCode(response), "method_not_allowed");
    EXPECT_EQ(ErrorMessage(response), "/healthz does not support DELETE (it supports GET, HEAD)");
}

TEST_F(ServerApi, HeadAnswersWithTheHeadersOfGet) {
    HttpClient client(port());
    const HttpResponse response = client.Request("HEAD", "/healthz", "", {});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "");
    EXPECT_EQ(response.Header("Content-Length"), "15");
    EXPECT_EQ(client.Get("/healthz").status, 200) << "the connection is still in step";
}

TEST_F(ServerApi, MalformedHttpIs400AndTheServerGoesOnServing) {
    const std::vector<std::string> garbage = {
        "GARBAGE\r\n\r\n",
        "GET / HTTP/9.9\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        "POST /api/v1/test/echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n",
        std::string("GET /\x01 HTTP/1.1\r\n\r\n"),
        "GET /healthz?q=%zz HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET http://elsewhere.example/healthz HTTP/1.1\r\nHost: x\r\n\r\n",
    };
    for (const std::string& raw : garbage) {
        HttpClient client(port());
        const HttpResponse response = client.SendRaw(raw);
        EXPECT_EQ(response.status, 400) << raw;
        EXPECT_EQ(ErrorCode(response), "bad_request") << raw;
        EXPECT_FALSE(response.keep_alive);
        EXPECT_TRUE(client.ServerClosed(2s));
    }
    HttpClient after(port());
    EXPECT_EQ(after.Get("/healthz").status, 200);
}

TEST_F(ServerApi, ABodyOverTheLimitIs413WithoutBeingRead) {
    HttpClient declared(port());
    declared.Write(
        "POST /api/v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 2000000\r\n\r\n");
    const HttpResponse response = declared.ReadResponse();
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(ErrorCode(response), "payload_too_large");
    EXPECT_EQ(ErrorMessage(response), "请求内容超过 1048576 字节的上限");
    EXPECT_TRUE(declared.ServerClosed(2s));

    // Chunked: the size is only known while reading.
    HttpClient chunked(port());
    chunked.Write(
        "POST /api/v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n");
    const std::string chunk(64 * 1024, 'x');
    char size_line[32];
    std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
    HttpResponse chunked_response;
    try {
        for (int i = 0; i < 20; ++i) {
            chunked.Write(std::string(size_line) + chunk + "\r\n");
        }
    } catch (const std::exception&) {
        // The server may close while the rest is still being sent; its answer is already on the way.
    }
    chunked_response = chunked.ReadResponse();
    EXPECT_EQ(chunked_response.status, 413);

    HttpClient after(port());
    EXPECT_EQ(after.Get("/healthz").status, 200);
}

TEST_F(ServerApi, OversizedHeadersAre413) {
    HttpClient client(port());
    const HttpResponse response =
        client.SendRaw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20 * 1024, 'a') + "\r\n\r\n");
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(ErrorCode(response), "payload_too_large");
}

TEST_F(ServerApi, MalformedJsonIs400AndSaysWhere) {
    HttpClient client(port());
    const HttpResponse response =
        client.Post("/api/v1/test/echo", R"({"name": "沙发", "quantity": 3,, })", {{"Accept-Language", "en"}});
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(ErrorCode(response), "bad_request");
    EXPECT_NE(ErrorMessage(response).find("near byte 34"), std::string::npos) << ErrorMessage(response);

    const HttpResponse array = client.Post("/api/v1/test/echo", "[1,2]");
    EXPECT_EQ(array.status, 400);
    EXPECT_EQ(ErrorMessage(array), "请求内容应为 JSON 对象");

    const HttpResponse form =
        client.Post("/api/v1/test/echo", "name=x", {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(form.status, 415);
    EXPECT_EQ(ErrorCode(form), "unsupported_media_type");

    const HttpResponse bad_utf8 = client.Post("/api/v1/test/echo", "{\"name\": \"\xff\"}");
    EXPECT_EQ(bad_utf8.status, 400);
}

TEST_F(ServerApi, FieldErrorsNameEveryBadFieldInTheCallersLanguage) {
    HttpClient client(port());
    const std::string body =
        R"({"name": "一二三四五六七八九十一二三四五六七八九十一", "quantity": "3", "colour": "red"})";
    const HttpResponse zh = client.Post("/api/v1/test/echo", body);
    EXPECT_EQ(zh.status, 422);
    const auto error = zh.Json().at("error").as_object();
    EXPECT_EQ(error.at("code"), "validation_failed");
    EXPECT_EQ(error.at("message"), "请求中有 4 个字段填写不正确");
    const auto& fields = error.at("fields").as_object();
    EXPECT_EQ(fields.at("name"), "不能超过 20 个字符");
    EXPECT_EQ(fields.at("quantity"), "应为整数");
    EXPECT_EQ(fields.at("unit_price_fen"), "必填");
    EXPECT_EQ(fields.at("colour"), "不是可识别的字段");

    const HttpResponse en = client.Post("/api/v1/test/echo", body, {{"Accept-Language", "en"}});
    const auto en_fields = en.Json().at("error").at("fields").as_object();
    EXPECT_EQ(en_fields.at("name"), "must be at most 20 characters");
    EXPECT_EQ(en_fields.at("unit_price_fen"), "is required");
}

TEST_F(ServerApi, AValidBodyIsAccepted) {
    HttpClient client(port());
    const HttpResponse response =
        client.Post("/api/v1/test/echo",
                    R"({"name": " 真皮沙发 ", "quantity": 2, "unit_price_fen": 399900, "note": "送货上门\n请提前联系",
            "kind": "delivery", "due": "2026-11-28T09:00:00+08:00"})");
    ASSERT_EQ(response.status, 200) << response.body;
    const auto body = response.Json();
    EXPECT_EQ(body.at("name"), "真皮沙发");
    EXPECT_EQ(body.at("total_fen"), 799800);
    EXPECT_EQ(body.at("total_yuan"), "7998.00");
    EXPECT_EQ(body.at("due"), "2026-11-28T01:00:00.000Z");
}

TEST_F(ServerApi, AnEscapedExceptionIs500WithTheRequestIdAndServingGoesOn) {
    HttpClient client(port());
    const HttpResponse response = client.Get("/api/v1/test/panic", {{"X-Request-Id", "panic-1"}});
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(ErrorCode(response), "internal");
    EXPECT_EQ(response.Json().at("error").at("request_id"), "panic-1");
    EXPECT_EQ(response.body.find("deliberate"), std::string::npos) << "no internals in the answer";
    bool logged = false;
    for (const auto& line : LogLines(server_->Log())) {
        if (line.contains("request_id") && line.at("request_id") == "panic-1" &&
            line.at("event") == "http.unhandled_exception") {
            logged = line.at("what") == "deliberate failure from /api/v1/test/panic";
        }
    }
    EXPECT_TRUE(logged);

    std::vector<std::thread> threads;
    std::atomic<int> served{0};
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            HttpClient own(port());
            for (int i = 0; i < 10; ++i) {
                if (own.Get("/api/v1/test/panic").status == 500 && own.Get("/healthz").status == 200) {
                    ++served;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(served.load(), 80);
}

TEST_F(ServerApi, MetricsCountRequestsByRouteAndStatusAndShowThePool) {
    HttpClient client(port());
    for (int i = 0; i < 3; ++i) {
        ASSERT_EQ(client.Get("/readyz").status, 200);
    }
    ASSERT_EQ(client.Get("/api/v1/not/routed").status, 404);
    const HttpResponse response = client.Get("/metrics");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    const std::string& text = response.body;
    std::smatch match;
    ASSERT_TRUE(std::regex_search(
        text, match,
        std::regex(R"re(aftercare_http_requests_total\{route="/readyz",method="GET",status="200"\} (\d+))re")));
    EXPECT_GE(std::stoi(match[1].str()), 3);
    EXPECT_NE(text.find(R"(aftercare_http_requests_total{route="unmatched",method="GET",status="404"})"),
              std::string::npos);
    EXPECT_NE(
        text.find(
            R"(aftercare_http_request_duration_seconds_bucket{route="/readyz",method="GET",status="200",le="+Inf"})"),
        std::string::npos);
    const std::string backend = TestBackendName();
    EXPECT_NE(text.find("aftercare_db_pool_connections{backend=\"" + backend + "\",state=\"open\"}"), std::string::npos)
        << text;
    EXPECT_NE(text.find("aftercare_db_transactions_total{backend=\"" + backend + "\",outcome=\"commit\"}"),
              std::string::npos);
    EXPECT_NE(text.find("aftercare_db_pool_acquired_total"), std::string::npos);
}

// The document is generated from the router; this proves each operation it lists is really served.
TEST_F(ServerApi, TheOpenApiDocumentListsExactlyWhatTheServerAnswers) {
    HttpClient client(port());
    const HttpResponse response = client.Get("/api/v1/openapi.json");
    ASSERT_EQ(response.status, 200);
    const auto document = response.Json().as_object();
    EXPECT_EQ(document.at("openapi"), "3.1.0");
    std::size_t operations = 0;
    for (const auto& item : document.at("paths").as_object()) {
        const std::string path = std::regex_replace(std::string(item.key()), std::regex(R"(\{[^}]+\})"), "1");
        for (const auto& operation : item.value().as_object()) {
            std::string method(operation.key());
            std::transform(method.begin(), method.end(), method.begin(), ::toupper);
            if (path.find("/sleep") != std::string::npos) {
                continue;  // answered after a delay; covered by the lifecycle tests
            }
            const HttpResponse probe = method == "GET"
                                           ? client.Get(path)
                                           : client.Request(method, path, "{}", {{"Content-Type", "application/json"}});
            EXPECT_NE(probe.status, 404) << method << " " << path;
            EXPECT_NE(probe.status, 405) << method << " " << path;
            ++operations;
        }
    }
    EXPECT_GE(operations, 6u);
    for (const char* path : {"/healthz", "/readyz", "/metrics", "/api/v1/openapi.json", "/api/v1/version"}) {
        EXPECT_TRUE(document.at("paths").as_object().contains(path)) << path;
    }
}

TEST_F(ServerApi, ManyConcurrentClientsAreAllServed) {
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t) {
        threads.emplace_back([&, t] {
            HttpClient client(port());
            for (int i = 0; i < 25; ++i) {
                const HttpResponse response =
                    (i % 2 == 0) ? client.Get("/readyz")
                                 : client.Post("/api/v1/test/echo", R"({"name":"柜)" + std::to_string(t) +
                                                                        R"(","quantity":1,"unit_price_fen":1})");
                if (response.status == 200) {
                    ++ok;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(ok.load(), 16 * 25);
}

TEST_F(ServerApi, EveryLogLineIsOneJsonObject) {
    HttpClient client(port());
    (void)client.Get("/%ff%fe/\xe4\xb8");  // an undecodable path must not break the log
    std::size_t lines = 0;
    std::istringstream in(server_->Log());
    std::string line;
    while (std::getline(in, line)) {
        ++lines;
        EXPECT_NO_THROW((void)boost::json::parse(line).as_object()) << line;
    }
    EXPECT_GT(lines, 10u);
}

// Servers started for one test: shutdown, timeouts, start-up failures.
class ServerLifecycle : public ::testing::Test {
  protected:
    TestDatabase db_;
};

TEST_F(ServerLifecycle, PortZeroPicksAFreePortAndSaysWhichOnStdout) {
    ServerProcess server(ServerConfig{.db_url = db_.url()});
    EXPECT_NE(server.port(), 0);
    EXPECT_NE(server.Stdout().find("http://127.0.0.1:" + std::to_string(server.port()) + "/"), std::string::npos)
        << server.Stdout();
    HttpClient client(server.port());
    EXPECT_EQ(client.Get("/healthz").status, 200);
}

TEST_F(ServerLifecycle, SigtermWithNothingInFlightExitsZero) {
    ServerProcess server(ServerConfig{.db_url = db_.url()});
    EXPECT_EQ(server.Terminate(10s), 0);
    EXPECT_NE(server.Log().find(R"("event":"http.stopped","graceful":true)"), std::string::npos) << server.Log();
}

TEST_F(ServerLifecycle, SigintIsGracefulToo) {
    ServerProcess server(ServerConfig{.db_url = db_.url()});
    server.Signal(SIGINT);
    EXPECT_EQ(server.WaitExit(10s), 0);
}

TEST_F(ServerLifecycle, SigtermFinishesTheRequestBeingHandled) {
    ServerProcess server(ServerConfig{.db_url = db_.url()});
    HttpClient client(server.port());
    client.Write("GET /api/v1/test/sleep?ms=800 HTTP/1.1\r\nHost: x\r\n\r\n");
    std::this_thread::sleep_for(200ms);
    server.Signal(SIGTERM);
    std::this_thread::sleep_for(200ms);
    EXPECT_FALSE(CanConnect(server.port())) << "no new connections after SIGTERM";
    const HttpResponse response = client.ReadResponse();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"slept_ms":800})");
    EXPECT_FALSE(response.keep_alive) << "the answer says the connection closes";
    EXPECT_EQ(server.WaitExit(10s), 0);
}

TEST_F(ServerLifecycle, SigtermFinishesARequestStillBeingSent) {
    ServerProcess server(ServerConfig{.db_url = db_.url()});
    HttpClient client(server.port());
    const std::string body = R"({"name":"床","quantity":1,"unit_price_fen":5})";
    client.Write("POST /api/v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                 std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10));
    std::this_thread::sleep_for(100ms);
    server.Signal(SIGTERM);
    std::this_thread::sleep_for(300ms);
    EXPECT_TRUE(server.running());
    client.Write(body.substr(10));
    const HttpResponse response = client.ReadResponse();
    EXPECT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(server.WaitExit(10s), 0);
}

TEST_F(ServerLifecycle, SigtermClosesIdleKeepAliveConnectionsAtOnce) {
    ServerProcess server(ServerConfig{.db_url = db_.url()});
    HttpClient idle(server.port());
    ASSERT_EQ(idle.Get("/healthz").status, 200);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(server.Terminate(10s), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 3s) << "did not wait for the 60 s idle timeout";
    EXPECT_TRUE(idle.ServerClosed(1s));
}

TEST_F(ServerLifecycle, ARequestOutlastingTheGracePeriodIsCut) {
    ServerProcess server(ServerConfig{.db_url = db_.url(), .extra_args = {"--shutdown-grace-ms", "300"}});
    HttpClient client(server.port());
    client.Write("GET /api/v1/test/sleep?ms=5000 HTTP/1.1\r\nHost: x\r\n\r\n");
    std::this_thread::sleep_for(100ms);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(server.Terminate(10s), 1);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
    EXPECT_NE(server.Log().find("http.shutdown_forced"), std::string::npos);
}

// Reads run on their own small pool: a write is not kept waiting behind reads that fill it, nor a read behind writes.
TEST_F(ServerLifecycle, ReadsAndWritesRunOnSeparatePools) {
    ServerProcess server(ServerConfig{.db_url = db_.url(), .extra_args = {"--readers", "1", "--workers", "1"}});
    HttpClient slow_read(server.port());
    HttpClient write(server.port());
    HttpClient queued_read(server.port());
    const auto started = std::chrono::steady_clock::now();
    slow_read.Write("GET /api/v1/test/sleep?ms=1500 HTTP/1.1\r\nHost: x\r\n\r\n");
    std::this_thread::sleep_for(100ms);
    queued_read.Write("GET /api/v1/test/sleep?ms=0 HTTP/1.1\r\nHost: x\r\n\r\n");
    write.Write("POST /api/v1/test/sleep?ms=0 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    const HttpResponse written = write.ReadResponse();
    const auto write_answered = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(written.status, 200) << written.body;
    EXPECT_LT(write_answered, 1200ms) << "the write waited for the read's thread";

    const HttpResponse queued = queued_read.ReadResponse();
    EXPECT_EQ(queued.status, 200);
    EXPECT_GE(std::chrono::steady_clock::now() - started, 1400ms) << "the one read thread served both reads at once";
    EXPECT_EQ(slow_read.ReadResponse().status, 200);
}

TEST_F(ServerLifecycle, SlowHeadersAre408) {
    ServerProcess server(ServerConfig{.db_url = db_.url(), .extra_args = {"--header-timeout-ms", "300"}});
    HttpClient client(server.port());
    client.Write("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    const auto started = std::chrono::steady_clock::now();
    const HttpResponse response = client.ReadResponse();
    EXPECT_EQ(response.status, 408);
    EXPECT_EQ(ErrorCode(response), "request_timeout");
    EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
    EXPECT_TRUE(client.ServerClosed(2s));
    HttpClient after(server.port());
    EXPECT_EQ(after.Get("/healthz").status, 200);
}

TEST_F(ServerLifecycle, ASlowBodyIs408) {
    ServerProcess server(ServerConfig{.db_url = db_.url(), .extra_args = {"--body-timeout-ms", "300"}});
    HttpClient client(server.port());
    client.Write(
        "POST /api/v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 40\r\n\r\n{\"na");
    const HttpResponse response = client.ReadResponse();
    EXPECT_EQ(response.status, 408);
    EXPECT_TRUE(client.ServerClosed(2s));
}

TEST_F(ServerLifecycle, IdleConnectionsCloseAfterTheIdleTimeout) {
    ServerProcess server(ServerConfig{.db_url = db_.url(), .extra_args = {"--idle-timeout-ms", "300"}});
    HttpClient silent(server.port());
    silent.Write("");  // connect, send nothing
    EXPECT_TRUE(silent.ServerClosed(3s));
    HttpClient kept(server.port());
    ASSERT_EQ(kept.Get("/healthz").status, 200);
    EXPECT_TRUE(kept.ServerClosed(3s)) << "a kept-alive connection with no next request is closed too";
}

TEST_F(ServerLifecycle, TheBodyLimitComesFromTheEnvironmentOrAConfigFile) {
    const std::string body =
        R"({"name":"沙发","quantity":1,"unit_price_fen":100,"note":")" + std::string(150, 'x') + "\"}";
    {
        ServerProcess server(ServerConfig{.db_url = db_.url(), .env = {{"AFTERCARE_MAX_BODY_BYTES", "100"}}});
        HttpClient client(server.port());
        EXPECT_EQ(client.Post("/api/v1/test/echo", body).status, 413);
    }
    TempDir dir;
    std::ofstream(dir.path() / "aftercare.toml") << "max-body-bytes = 120\n";
    ServerProcess server(
        ServerConfig{.db_url = db_.url(), .extra_args = {"--config", (dir.path() / "aftercare.toml").string()}});
    HttpClient client(server.port());
    EXPECT_EQ(client.Post("/api/v1/test/echo", body).status, 413);
    EXPECT_EQ(client.Post("/api/v1/test/echo", R"({"name":"x","quantity":1,"unit_price_fen":1})").status, 200);
}

TEST_F(ServerLifecycle, TestRoutesExistOnlyWhenAskedFor) {
    ServerProcess server(ServerConfig{.db_url = db_.url(), .test_routes = false});
    HttpClient client(server.port());
    EXPECT_EQ(client.Get("/api/v1/test/panic").status, 404);
    const auto document = client.Get("/api/v1/openapi.json").Json();
    EXPECT_FALSE(document.at("paths").as_object().contains("/api/v1/test/echo"));
}

TEST_F(ServerLifecycle, ThePortInUseIsAClearError) {
    ServerProcess first(ServerConfig{.db_url = db_.url()});
    TempDir dir;
    const RunResult second = RunAftercare({"serve", "--listen", "127.0.0.1:" + std::to_string(first.port()),
                                           "--data-dir", (dir.path() / "data").string(), "--db", db_.url()},
                                          {{"LANG", "C.UTF-8"}});
    EXPECT_EQ(second.exit_code, 1);
    EXPECT_NE(second.err.find("Cannot listen on 127.0.0.1:" + std::to_string(first.port())), std::string::npos)
        << second.err;
}

TEST_F(ServerLifecycle, TheDataFolderIsCreatedOnFirstStart) {
    TempDir dir;
    const auto data = dir.path() / "fresh" / "nested" / "data";
    ASSERT_FALSE(std::filesystem::exists(data));
    ServerProcess server(ServerConfig{.data_dir = data});
    EXPECT_TRUE(std::filesystem::is_directory(data));
    EXPECT_TRUE(std::filesystem::exists(data / "aftercare.db")) << "SQLite is the default database";
    HttpClient client(server.port());
    EXPECT_EQ(client.Get("/readyz").status, 200);
}

TEST_F(ServerLifecycle, PostgresOnly_ReadyzFailsWhileTheDatabaseIsGone) {
    auto doomed = std::make_unique<TestDatabase>();
    ServerProcess server(ServerConfig{.db_url = doomed->url()});
    HttpClient client(server.port());
    ASSERT_EQ(client.Get("/readyz").status, 200);
    doomed.reset();  // DROP DATABASE ... WITH (FORCE): every connection is cut
    const HttpResponse response = client.Get("/readyz", {{"Accept-Language", "en"}});
    EXPECT_EQ(response.status, 503);
    EXPECT_EQ(ErrorCode(response), "unavailable");
    EXPECT_EQ(response.Header("Retry-After"), "5");
    EXPECT_EQ(client.Get("/healthz").status, 200) << "the process itself is alive";
}

}  // namespace
}  // namespace ac::testing

// The workflow kernel over HTTP, through the real binary with a fake clock: actions and their refusals, the
// timeline, SLA timers firing on the scheduler's own thread, notifications (inbox and WebSocket), webhooks, store
// calendars and SLA policies, `aftercare audit verify`, and (on PostgreSQL) several servers sharing the work.
#include <atomic>
#include <barrier>
#include <functional>
#include <thread>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "core/digest.hpp"
#include "storage/database.hpp"
#include "storage/transaction_runner.hpp"
#include "support/api_session.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"
#include "support/webhook_receiver.hpp"
#include "support/websocket_client.hpp"

namespace ac::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kStart = "2026-11-27T10:00:00+08:00";
const std::string kPng("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01", 24);

std::vector<std::string> FakeClockArgs(std::string_view start = kStart) {
    return {"--fake-clock", "--fake-clock-start", std::string(start)};
}

// Polls `done` until it holds or `timeout` passes; the scheduler and the webhook sender run on their own threads.
std::string Str(const boost::json::value& value) {
    return std::string(value.as_string());
}

std::string Notice(std::string_view at = "2026-11-27T10:00:00+08:00") {
    return R"("customer_notice":{"channel":"phone","contacted_at":")" + std::string(at) +
           R"(","summary":"约好明天下午上门"})";
}

boost::json::value AdvanceClockOf(std::uint16_t port, std::chrono::milliseconds by) {
    HttpClient client(port);
    const HttpResponse moved = client.Post("/api/v1/test/clock", R"({"advance_ms":)" + std::to_string(by.count()) + "}",
                                           {{"Content-Type", "application/json"}});
    EXPECT_EQ(moved.status, 200) << moved.body;
    return moved.Json();
}

// The setting every test of this file shares: stores SH01 and SH02 and one person per role that matters.
struct Cast {
    std::int64_t store_a = 0;
    std::int64_t store_b = 0;
    std::int64_t tech = 0;
    std::int64_t tech_b = 0;

    void Create(std::uint16_t port) {
        ApiSession admin(port, "admin", "Counter2026x");
        store_a = admin.Post("/api/v1/stores", R"({"code":"SH01","name":"上海徐汇店"})").Json().at("id").as_int64();
        store_b = admin.Post("/api/v1/stores", R"({"code":"SH02","name":"上海浦东店"})").Json().at("id").as_int64();
        const auto add = [&](const std::string& username, std::optional<std::int64_t> store, const std::string& role) {
            const std::string body = R"({"username":")" + username + R"(","name":"员工)" + username +
                                     R"(","roles":[")" + role + R"("],"password":"Sofa2026x")" +
                                     (store ? R"(,"store_id":)" + std::to_string(*store) : std::string()) + "}";
            const HttpResponse created = admin.Post("/api/v1/staff", body);
            EXPECT_EQ(created.status, 201) << created.body;
            return created.Json().at("id").as_int64();
        };
        add("agent", store_a, "aftersales_agent");
        add("supervisor", store_a, "aftersales_supervisor");
        add("head", std::nullopt, "aftersales_head");
        tech = add("tech", store_a, "technician");
        add("agentb", store_b, "aftersales_agent");
        tech_b = add("techb", store_b, "technician");
    }
};

class WorkflowApi : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = new TestDatabase();
        AddUser(db_->url(), "admin", "admin", "Counter2026x");
        server_ = new ServerProcess(ServerConfig{.db_url = db_->url(), .extra_args = FakeClockArgs()});
        cast_.Create(port());
    }
    static void TearDownTestSuite() {
        delete server_;
        delete db_;
    }
    static std::uint16_t port() { return server_->port(); }

    static ApiSession As(const std::string& username) {
        return ApiSession(port(), username, username == "admin" ? "Counter2026x" : "Sofa2026x");
    }

    static boost::json::value AdvanceClock(std::chrono::milliseconds by) { return AdvanceClockOf(port(), by); }

    static boost::json::value CreateTicket(ApiSession& session, std::int64_t store,
                                           const std::string& title = "沙发异响") {
        const HttpResponse created = session.Post(
            "/api/v1/test-tickets", R"({"store_id":)" + std::to_string(store) + R"(,"title":")" + title + "\"}");
        EXPECT_EQ(created.status, 201) << created.body;
        return created.Json();
    }

    static HttpResponse Act(ApiSession& session, const boost::json::value& ticket, const std::string& action,
                            const std::string& inputs = "", std::int64_t version = 0) {
        const std::int64_t id = ticket.at("id").as_int64();
        const std::int64_t v = version != 0 ? version : ticket.at("version").as_int64();
        return session.Post("/api/v1/test-tickets/" + std::to_string(id) + "/actions/" + action,
                            R"({"version":)" + std::to_string(v) + R"(,"inputs":{)" + inputs + "}}");
    }

    static std::size_t EventCount(ApiSession& session, const boost::json::value& ticket) {
        const HttpResponse events =
            session.Get("/api/v1/test-tickets/" + std::to_string(ticket.at("id").as_int64()) + "/events");
        return events.Json().at("items").as_array().size();
    }

    // The caller's notifications of `kind` about ticket `number`.
    static std::vector<boost::json::value> NotificationsOf(ApiSession& session, const std::string& number,
                                                           const std::string& kind) {
        std::vector<boost::json::value> found;
        const boost::json::value inbox = session.Get("/api/v1/notifications?page_size=100").Json();
        for (const auto& item : inbox.at("items").as_array()) {
            if (item.at("kind") == boost::json::value(kind) && !item.at("document").is_null() &&
                item.at("document").at("number") == boost::json::value(number)) {
                found.push_back(item);
            }
        }
        return found;
    }

    static TestDatabase* db_;
    static ServerProcess* server_;
    static Cast cast_;
};

TestDatabase* WorkflowApi::db_ = nullptr;
ServerProcess* WorkflowApi::server_ = nullptr;
Cast WorkflowApi::cast_;

TEST_F(WorkflowApi, ADocumentListsTheActionsTheCallerMayTakeAndAnActionMovesIt) {
    ApiSession agent = As("agent");
    const boost::json::value ticket = CreateTicket(agent, cast_.store_a);
    EXPECT_EQ(ticket.at("state"), "new");
    EXPECT_EQ(ticket.at("state_label"), "新建");
    EXPECT_EQ(ticket.at("version"), 1);
    EXPECT_EQ(Str(ticket.at("number")).substr(0, 10), "TT20261127");
    ASSERT_EQ(ticket.at("actions").as_array().size(), 1u);
    const auto& contact = ticket.at("actions").at(0);
    EXPECT_EQ(contact.at("name"), "contact");
    EXPECT_EQ(contact.at("label"), "联系客户");
    EXPECT_EQ(contact.at("inputs").at(0).at("kind"), "customer_notice");
    EXPECT_EQ(contact.at("inputs").at(0).at("channels").as_array().size(), 4u);
    ASSERT_EQ(ticket.at("timers").as_array().size(), 1u);
    EXPECT_EQ(ticket.at("timers").at(0).at("name"), "test.first_contact");
    EXPECT_EQ(ticket.at("timers").at(0).at("label"), "首次联系");

    // The supervisor sees other actions on the same document, in English when asked.
    ApiSession supervisor = As("supervisor");
    const std::string path = "/api/v1/test-tickets/" + std::to_string(ticket.at("id").as_int64());
    HttpClient raw(port());
    const boost::json::value seen = raw.Get(path, {{"Cookie", supervisor.cookie()}, {"Accept-Language", "en"}}).Json();
    std::vector<std::string> names;
    for (const auto& action : seen.at("actions").as_array()) {
        names.push_back(Str(action.at("name")));
    }
    EXPECT_EQ(names, (std::vector<std::string>{"assign", "contact", "cancel"}));
    EXPECT_EQ(seen.at("state_label"), "New");

    const HttpResponse contacted = Act(agent, ticket, "contact", Notice());
    ASSERT_EQ(contacted.status, 200) << contacted.body;
    const boost::json::value after = contacted.Json();
    EXPECT_EQ(after.at("state"), "contacted");
    EXPECT_EQ(after.at("version"), 2);
    EXPECT_EQ(after.at("timers").at(0).at("state"), "stopped");

    const boost::json::value events = supervisor.Get(path + "/events").Json();
    ASSERT_EQ(events.at("items").as_array().size(), 2u);
    const auto& event = events.at("items").at(1);
    EXPECT_EQ(event.at("action"), "contact");
    EXPECT_EQ(event.at("action_label"), "联系客户");
    EXPECT_EQ(event.at("actor_name"), "员工agent");
    EXPECT_EQ(event.at("from_state"), "new");
    EXPECT_EQ(event.at("to_state"), "contacted");
    EXPECT_EQ(event.at("changes").at("state").at("after"), "contacted");
    EXPECT_EQ(event.at("inputs").at("customer_notice").at("channel"), "phone");
    EXPECT_EQ(Str(event.at("request_id")), contacted.Header("X-Request-Id"));

    // Another store's staff cannot see it at all.
    ApiSession agent_b = As("agentb");
    EXPECT_EQ(agent_b.Get(path).status, 403);
    EXPECT_EQ(agent_b.Get(path + "/events").status, 403);
}

TEST_F(WorkflowApi, EveryBadActionGetsItsClearErrorAndWritesNothing) {
    ApiSession agent = As("agent");
    boost::json::value ticket = CreateTicket(agent, cast_.store_a);
    ticket = Act(agent, ticket, "contact", Notice()).Json();
    const std::string path = "/api/v1/test-tickets/" + std::to_string(ticket.at("id").as_int64());

    const auto error = [](const HttpResponse& response) { return response.Json().at("error"); };

    const HttpResponse unknown = Act(agent, ticket, "teleport");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(error(unknown).at("message"), "此类单据没有“teleport”这项操作");

    const HttpResponse wrong_state = Act(agent, ticket, "unhold");
    EXPECT_EQ(wrong_state.status, 409);
    EXPECT_EQ(error(wrong_state).at("code"), "failed_precondition");
    EXPECT_EQ(error(wrong_state).at("message"), "单据当前状态为“已联系”，不能进行“继续处理”操作");

    const HttpResponse forbidden = Act(agent, ticket, "cancel", R"("reason":"客户取消")");
    EXPECT_EQ(forbidden.status, 403);
    EXPECT_EQ(error(forbidden).at("message"), "您的角色不能进行“取消”操作");

    const HttpResponse missing = Act(agent, ticket, "schedule");
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(error(missing).at("fields").at("inputs.appointment"), "必填");

    const HttpResponse stale = Act(agent, ticket, "schedule", R"("appointment":"2026-11-28T14:00:00+08:00")", 1);
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(error(stale).at("code"), "conflict");
    EXPECT_EQ(error(stale).at("message"), "单据已被其他人修改（您看到的是第 1 版，当前是第 2 版），请刷新后重试");

    const HttpResponse past = Act(agent, ticket, "schedule", R"("appointment":"2026-11-26T14:00:00+08:00")");
    EXPECT_EQ(past.status, 422);
    EXPECT_EQ(error(past).at("fields").at("inputs.appointment"), "预约时间应晚于现在");

    const HttpResponse malformed = agent.Post(path + "/actions/schedule", R"({"version": 2, "inputs": {)");
    EXPECT_EQ(malformed.status, 400);
    const HttpResponse types = agent.Post(path + "/actions/schedule", R"({"version":"2","inputs":{"appointment":5}})");
    EXPECT_EQ(types.status, 422);
    EXPECT_EQ(error(types).at("fields").at("version"), "应为整数");
    EXPECT_EQ(error(types).at("fields").at("inputs.appointment"), "应为带时区的时间，例如 2026-11-27T14:30:00+08:00");
    const HttpResponse unknown_input =
        agent.Post(path + "/actions/schedule", R"({"version":2,"inputs":{"appointment_at":"x"},"colour":"red"})");
    EXPECT_EQ(unknown_input.status, 422);
    EXPECT_EQ(error(unknown_input).at("fields").at("inputs.appointment_at"), "不是可识别的字段");
    EXPECT_EQ(error(unknown_input).at("fields").at("colour"), "不是可识别的字段");

    // A signature that is not an image; a body beyond the limit.
    ApiSession supervisor = As("supervisor");
    ASSERT_EQ(
        supervisor
            .Post(path + "/actions/assign", R"({"version":2,"inputs":{"assignee":)" + std::to_string(cast_.tech) + "}}")
            .status,
        200);
    ticket = agent.Get(path).Json();
    ticket = Act(agent, ticket, "schedule", R"("appointment":"2026-11-28T14:00:00+08:00")").Json();
    ApiSession tech = As("tech");
    const HttpResponse not_image =
        Act(tech, ticket, "complete",
            R"("signature":{"image":"data:image/png;base64,)" + Base64Encode("<svg onload=alert(1)>") +
                R"(","signer":"王女士"},"checklist":{"assembled":true,"cleaned":true})");
    EXPECT_EQ(not_image.status, 422);
    EXPECT_EQ(error(not_image).at("fields").at("inputs.signature.image"),
              "签名应为 PNG 或 JPEG 图片（Base64 或 data URL）");
    HttpClient big(port());
    big.Write("POST " + path + "/actions/complete HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nCookie: " +
              tech.cookie() + "\r\nX-CSRF-Token: " + tech.csrf() + "\r\nContent-Length: 9000000\r\n\r\n");
    EXPECT_EQ(big.ReadResponse().status, 413);

    // In English for an English caller.
    HttpClient raw(port());
    const HttpResponse english = raw.Post(path + "/actions/unhold", R"({"version":4})",
                                          {{"Cookie", agent.cookie()},
                                           {"X-CSRF-Token", agent.csrf()},
                                           {"Content-Type", "application/json"},
                                           {"Accept-Language", "en-US,en;q=0.9"}});
    EXPECT_EQ(english.status, 409);
    EXPECT_EQ(english.Json().at("error").at("message"),
              "The action \"Resume\" is not possible while the document is \"Scheduled\"");

    const boost::json::value now = agent.Get(path).Json();
    EXPECT_EQ(now.at("version"), 4);
    EXPECT_EQ(now.at("state"), "scheduled");
    EXPECT_EQ(EventCount(agent, ticket), 4u) << "created, contacted, assigned, scheduled: nothing else";
}

TEST_F(WorkflowApi, EightClientsActingOnOneVersionExactlyOneWins) {
    ApiSession agent = As("agent");
    const boost::json::value ticket = CreateTicket(agent, cast_.store_a);
    constexpr int kClients = 8;
    std::vector<std::unique_ptr<ApiSession>> sessions;
    for (int i = 0; i < kClients; ++i) {
        sessions.push_back(std::make_unique<ApiSession>(As(i % 2 == 0 ? "agent" : "supervisor")));
    }
    std::barrier start(kClients);
    std::vector<int> statuses(kClients);
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.emplace_back([&, i] {
            start.arrive_and_wait();
            statuses[i] = Act(*sessions[i], ticket, "contact", Notice()).status;
        });
    }
    for (std::thread& client : clients) {
        client.join();
    }
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), kClients - 1);
    EXPECT_EQ(EventCount(agent, ticket), 2u);
    EXPECT_EQ(agent.Get("/api/v1/test-tickets/" + std::to_string(ticket.at("id").as_int64())).Json().at("version"), 2);
}

TEST_F(WorkflowApi, TheSchedulerWarnsBreachesAndEscalatesOnTheFakeClock) {
    ApiSession agent = As("agent");
    ApiSession supervisor = As("supervisor");
    ApiSession tech = As("tech");
    ApiSession head = As("head");
    boost::json::value ticket = CreateTicket(agent, cast_.store_a);
    const std::string number = Str(ticket.at("number"));
    const std::string path = "/api/v1/test-tickets/" + std::to_string(ticket.at("id").as_int64());
    ASSERT_EQ(Act(supervisor, ticket, "assign", R"("assignee":)" + std::to_string(cast_.tech)).status, 200);

    // 24 of 30 minutes: the assignee is warned.
    AdvanceClock(24min);
    ASSERT_TRUE(Eventually([&] { return !NotificationsOf(tech, number, "sla.warning").empty(); }))
        << server_->Log().substr(0, 2000);
    const auto warning = NotificationsOf(tech, number, "sla.warning").front();
    EXPECT_NE(Str(warning.at("text")).find("“首次联系”即将超时"), std::string::npos) << warning;
    EXPECT_TRUE(NotificationsOf(supervisor, number, "sla.breach").empty());

    // 30 minutes: breached; the supervisor and the assignee are told, a breach is on record.
    AdvanceClock(6min);
    ASSERT_TRUE(Eventually([&] { return !NotificationsOf(supervisor, number, "sla.breach").empty(); }));
    EXPECT_FALSE(NotificationsOf(tech, number, "sla.breach").empty());
    EXPECT_TRUE(NotificationsOf(head, number, "sla.escalated").empty());
    ticket = agent.Get(path).Json();
    EXPECT_EQ(ticket.at("timers").at(0).at("state"), "breached");

    // 30 minutes later still not handled: the head of after-sales.
    AdvanceClock(30min);
    ASSERT_TRUE(Eventually([&] { return !NotificationsOf(head, number, "sla.escalated").empty(); }));
    std::vector<std::string> actions;
    const boost::json::value events = agent.Get(path + "/events").Json();
    for (const auto& event : events.at("items").as_array()) {
        actions.push_back(Str(event.at("action")));
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"create", "assign", "sla.warning", "sla.breach", "sla.escalated"}));

    // Marking read.
    const std::int64_t id = NotificationsOf(head, number, "sla.escalated").front().at("id").as_int64();
    const HttpResponse read = head.Post("/api/v1/notifications/" + std::to_string(id) + "/read", "");
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(NotificationsOf(head, number, "sla.escalated").front().at("read"), true);
    EXPECT_EQ(supervisor.Post("/api/v1/notifications/" + std::to_string(id) + "/read", "").status, 404)
        << "someone else's notification";
    ASSERT_EQ(head.Post("/api/v1/notifications/read-all", "").status, 200);
    EXPECT_EQ(head.Get("/api/v1/notifications?unread=true").Json().at("unread_count"), 0);
}

TEST_F(WorkflowApi, WaitingForTheCustomerMovesTheDeadline) {
    ApiSession agent = As("agent");
    boost::json::value ticket = CreateTicket(agent, cast_.store_a);
    ticket = Act(agent, ticket, "contact", Notice()).Json();
    const boost::json::value clock = HttpClient(port()).Get("/api/v1/test/clock").Json();
    const Instant now = ParseRfc3339(Str(clock.at("now"))).value();
    ticket = Act(agent, ticket, "schedule", R"("appointment":")" + FormatRfc3339(now + 24h) + "\"").Json();
    const auto visit = [&](const boost::json::value& document) {
        for (const auto& timer : document.at("timers").as_array()) {
            if (timer.at("name") == "test.visit") {
                return timer;
            }
        }
        return boost::json::value();
    };
    const Instant deadline = ParseRfc3339(Str(visit(ticket).at("deadline"))).value();
    ticket = Act(agent, ticket, "hold", R"("reason":"客户出差")").Json();
    EXPECT_EQ(visit(ticket).at("state"), "paused");
    AdvanceClock(5h);
    ticket = Act(agent, ticket, "unhold").Json();
    EXPECT_EQ(visit(ticket).at("state"), "running");
    EXPECT_EQ(ParseRfc3339(Str(visit(ticket).at("deadline"))).value(), deadline + 5h);
}

TEST_F(WorkflowApi, PoliciesAndCalendarsConfigureDeadlines) {
    ApiSession head = As("head");
    std::optional<ApiSession> agent_b = As("agentb");
    const std::string store_b = std::to_string(cast_.store_b);

    // Store B: 60 working minutes, and closed on the day after the test clock's (Saturday 28 Nov 2026).
    const HttpResponse policy =
        head.Send("PUT", "/api/v1/sla-policies/test.first_contact",
                  R"({"store_id":)" + store_b + R"(,"rule":{"kind":"working_minutes","minutes":60}})");
    ASSERT_EQ(policy.status, 200) << policy.body;
    const boost::json::value calendar = head.Get("/api/v1/stores/" + store_b + "/calendar").Json();
    EXPECT_EQ(calendar.at("time_zone"), "Asia/Shanghai");
    EXPECT_EQ(calendar.at("version"), 0);
    EXPECT_EQ(calendar.at("week").at("mon").at("open"), "09:00");
    const HttpResponse put =
        head.Send("PUT", "/api/v1/stores/" + store_b + "/calendar",
                  R"({"version":0,"week":{"mon":{"open":"09:00","close":"18:00"},"tue":{"open":"09:00","close":"18:00"},
            "wed":{"open":"09:00","close":"18:00"},"thu":{"open":"09:00","close":"18:00"},
            "fri":{"open":"09:00","close":"18:00"},"sat":null,"sun":{"open":"10:00","close":"16:00"}},
            "exceptions":[{"date":"2026-12-31","hours":null}]})");
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(put.Json().at("version"), 1);
    EXPECT_EQ(put.Json().at("week").at("sat"), nullptr);
    // A stale version, bad hours: refused, named.
    EXPECT_EQ(head.Send("PUT", "/api/v1/stores/" + store_b + "/calendar", R"({"version":0,"week":{}})").status, 409);
    const HttpResponse bad = head.Send("PUT", "/api/v1/stores/" + store_b + "/calendar",
                                       R"({"version":1,"week":{"mon":{"open":"18:00","close":"09:00"}},
                                           "exceptions":[{"date":"2026-02-30"}]})");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.Json().at("error").at("fields").at("week.mon.close"),
              "营业时间不正确（开始须早于结束，均在 00:00–24:00 之间）");
    EXPECT_EQ(bad.Json().at("error").at("fields").at("exceptions[0].date"), "应为日期，例如 2026-10-01");
    const HttpResponse bad_rule = head.Send("PUT", "/api/v1/sla-policies/test.first_contact",
                                            R"({"rule":{"kind":"elapsed_minutes","minutes":-5}})");
    EXPECT_EQ(bad_rule.status, 422);
    EXPECT_TRUE(bad_rule.Json().at("error").at("fields").as_object().contains("rule.minutes")) << bad_rule.body;
    EXPECT_EQ(
        head.Send("PUT", "/api/v1/sla-policies/no.such", R"({"rule":{"kind":"end_of_day","days_after":1}})").status,
        404);
    EXPECT_EQ(agent_b->Send("PUT", "/api/v1/stores/" + store_b + "/calendar", R"({"version":1,"week":{}})").status,
              403);

    // Friday 17:30 local: 30 minutes today, Saturday closed, 30 minutes from Sunday's 10:00 opening.
    HttpClient clock(port());
    ASSERT_EQ(clock
                  .Post("/api/v1/test/clock", R"({"set":"2026-12-04T17:30:00+08:00"})",
                        {{"Content-Type", "application/json"}})
                  .status,
              200);
    agent_b.emplace(As("agentb"));  // a week later: sign in again
    const boost::json::value ticket = CreateTicket(*agent_b, cast_.store_b);
    EXPECT_EQ(ParseRfc3339(Str(ticket.at("timers").at(0).at("deadline"))).value(),
              ParseRfc3339("2026-12-06T10:30:00+08:00").value());

    const boost::json::value listed = agent_b->Get("/api/v1/sla-policies?store_id=" + store_b).Json();
    for (const auto& item : listed.at("items").as_array()) {
        if (item.at("name") == "test.first_contact") {
            EXPECT_EQ(item.at("effective").at("kind"), "working_minutes");
            EXPECT_EQ(item.at("default").at("kind"), "elapsed_minutes");
            EXPECT_EQ(item.at("chain"), nullptr);
        }
    }
    head = As("head");
    EXPECT_EQ(head.Delete("/api/v1/sla-policies/test.first_contact?store_id=" + store_b).status, 204);
}

TEST_F(WorkflowApi, NotificationsArePushedOverTheWebSocket) {
    ApiSession supervisor = As("supervisor");
    WebSocketClient socket(port(), {.cookie = supervisor.cookie()});
    ASSERT_TRUE(socket.ok()) << socket.status();
    ApiSession agent = As("agent");
    const boost::json::value ticket = CreateTicket(agent, cast_.store_a);
    std::optional<boost::json::value> pushed;
    // Other tests' tickets may be pushed too: wait for this one.
    for (int i = 0; i < 20 && !pushed; ++i) {
        const std::optional<std::string> message = socket.Read(10s);
        ASSERT_TRUE(message) << "nothing pushed";
        const boost::json::value json = boost::json::parse(*message);
        if (json.at("notification").at("document").at("number") == ticket.at("number")) {
            pushed = json;
        }
    }
    ASSERT_TRUE(pushed);
    EXPECT_EQ(pushed->at("type"), "notification");
    EXPECT_EQ(Str(pushed->at("notification").at("text")), "新的测试工单 " + Str(ticket.at("number")));
    EXPECT_GE(pushed->at("unread_count").as_int64(), 1);

    // No session, or a page of another site using the session: refused.
    EXPECT_EQ(WebSocketClient(port(), {}).status(), 401);
    WebSocketClient cross_site(port(), {.cookie = supervisor.cookie(), .origin = "http://evil.example"});
    EXPECT_FALSE(cross_site.ok());
    EXPECT_EQ(cross_site.status(), 403);
    WebSocketClient same_site(port(),
                              {.cookie = supervisor.cookie(), .origin = "http://127.0.0.1:" + std::to_string(port())});
    EXPECT_TRUE(same_site.ok());
}

TEST_F(WorkflowApi, WebhooksAreSignedRetriedWithBackoffAndRecorded) {
    WebhookReceiver receiver({500, 503});
    ApiSession admin = As("admin");
    const HttpResponse subscribed = admin.Post(
        "/api/v1/webhooks", R"({"url":")" + receiver.url() + R"(","event_types":["document.test_ticket.contact"]})");
    ASSERT_EQ(subscribed.status, 201) << subscribed.body;
    const std::string secret = Str(subscribed.Json().at("secret"));
    const std::int64_t subscription = subscribed.Json().at("id").as_int64();
    EXPECT_GE(secret.size(), 32u);
    EXPECT_FALSE(admin.Get("/api/v1/webhooks").Json().at("items").at(0).as_object().contains("secret"));

    ApiSession agent = As("agent");
    boost::json::value ticket = CreateTicket(agent, cast_.store_a);
    ticket = Act(agent, ticket, "contact", Notice()).Json();

    // First attempt at once: 500.
    ASSERT_EQ(receiver.WaitFor(1, 10s).size(), 1u);
    const std::string deliveries = "/api/v1/webhooks/" + std::to_string(subscription) + "/deliveries";
    ASSERT_TRUE(Eventually([&] {
        const auto items = admin.Get(deliveries).Json().at("items");
        return !items.as_array().empty() && items.at(0).at("attempts") == 1;
    }));
    // The next after 10 s (fake), then 20 s more.
    AdvanceClock(9s);
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(receiver.received().size(), 1u) << "not before its time";
    AdvanceClock(1s);
    ASSERT_EQ(receiver.WaitFor(2, 10s).size(), 2u);
    ASSERT_TRUE(Eventually([&] { return admin.Get(deliveries).Json().at("items").at(0).at("attempts") == 2; }));
    AdvanceClock(20s);
    const std::vector<ReceivedRequest> received = receiver.WaitFor(3, 10s);
    ASSERT_EQ(received.size(), 3u);

    const ReceivedRequest& request = received.back();
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.target, "/hook");
    EXPECT_EQ(request.Header("Content-Type"), "application/json");
    EXPECT_EQ(request.Header("X-Aftercare-Event"), "document.test_ticket.contact");
    EXPECT_EQ(request.Header("X-Aftercare-Delivery"), received.front().Header("X-Aftercare-Delivery"));
    EXPECT_EQ(request.Header("X-Aftercare-Signature"),
              "sha256=" + HmacSha256Hex(secret, request.Header("X-Aftercare-Timestamp") + "." + request.body));
    const boost::json::value payload = boost::json::parse(request.body);
    EXPECT_EQ(payload.at("type"), "document.test_ticket.contact");
    EXPECT_EQ(payload.at("document").at("number"), ticket.at("number"));
    EXPECT_EQ(payload.at("from_state"), "new");
    EXPECT_EQ(payload.at("to_state"), "contacted");

    ASSERT_TRUE(Eventually([&] { return admin.Get(deliveries).Json().at("items").at(0).at("state") == "delivered"; }));
    const boost::json::value delivery = admin.Get(deliveries).Json().at("items").at(0);
    EXPECT_EQ(delivery.at("attempts"), 3);
    ASSERT_EQ(delivery.at("tries").as_array().size(), 3u);
    EXPECT_EQ(delivery.at("tries").at(0).at("status"), 500);
    EXPECT_EQ(delivery.at("tries").at(1).at("status"), 503);
    EXPECT_EQ(delivery.at("tries").at(2).at("status"), 200);

    // Bad subscriptions are refused and named; only administrators manage them.
    const HttpResponse bad = admin.Post("/api/v1/webhooks", R"({"url":"ftp://x/","event_types":["Bad Type",3]})");
    EXPECT_EQ(bad.status, 422);
    const auto fields = bad.Json().at("error").at("fields");
    EXPECT_EQ(fields.at("url"), "应为 http:// 开头的完整网址");
    EXPECT_EQ(fields.at("event_types[0]"), "应为事件类型（如 sla.breach）、以 .* 结尾的前缀或 *");
    EXPECT_EQ(fields.at("event_types[1]"), "应为文本");
    EXPECT_EQ(As("head").Get("/api/v1/webhooks").status, 403);
    EXPECT_EQ(admin.Delete("/api/v1/webhooks/" + std::to_string(subscription)).status, 204);
}

TEST_F(WorkflowApi, ASignedCompletionKeepsTheSignatureForThoseWhoMaySeeIt) {
    ApiSession agent = As("agent");
    ApiSession supervisor = As("supervisor");
    boost::json::value ticket = CreateTicket(agent, cast_.store_a);
    const std::string path = "/api/v1/test-tickets/" + std::to_string(ticket.at("id").as_int64());
    ticket = Act(supervisor, ticket, "assign", R"("assignee":)" + std::to_string(cast_.tech)).Json();
    ticket = Act(agent, ticket, "contact", Notice()).Json();
    const boost::json::value clock = HttpClient(port()).Get("/api/v1/test/clock").Json();
    const Instant now = ParseRfc3339(Str(clock.at("now"))).value();
    ticket = Act(agent, ticket, "schedule", R"("appointment":")" + FormatRfc3339(now + 3h) + "\"").Json();
    ApiSession tech = As("tech");
    const HttpResponse incomplete = Act(tech, ticket, "complete", R"("checklist":{"assembled":true,"cleaned":false})");
    EXPECT_EQ(incomplete.status, 422);
    EXPECT_EQ(incomplete.Json().at("error").at("fields").at("inputs.checklist.cleaned"), "此项尚未确认");
    EXPECT_EQ(incomplete.Json().at("error").at("fields").at("inputs.signature"), "必填");
    const HttpResponse done = Act(tech, ticket, "complete",
                                  R"("signature":{"image":"data:image/png;base64,)" + Base64Encode(kPng) +
                                      R"(","signer":"王女士"},"checklist":{"assembled":true,"cleaned":true})");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.Json().at("state"), "done");
    const auto events = agent.Get(path + "/events").Json().at("items");
    const auto& last = events.as_array().back();
    const std::string hash = Str(last.at("inputs").at("signature").at("file"));
    EXPECT_EQ(hash, Sha256Hex(kPng));
    EXPECT_EQ(last.at("inputs").at("signature").at("signer"), "王女士");
    const HttpResponse file = supervisor.Get(path + "/files/" + hash);
    ASSERT_EQ(file.status, 200);
    EXPECT_EQ(file.Header("Content-Type"), "image/png");
    EXPECT_EQ(file.body, kPng);
    EXPECT_EQ(As("agentb").Get(path + "/files/" + hash).status, 403);
    EXPECT_EQ(supervisor.Get(path + "/files/" + std::string(64, 'a')).status, 404);
}

// A server of its own for what changes the database underneath.
class WorkflowIsolatedApi : public ::testing::Test {
  protected:
    void SetUp() override { AddUser(db_.url(), "admin", "admin", "Counter2026x"); }

    TestDatabase db_;
};

// rules: Q1 Q2 Q3
TEST_F(WorkflowIsolatedApi, AuditVerifyReportsTheFirstBrokenLink) {
    std::int64_t broken_id = 0;
    {
        ServerProcess server(ServerConfig{.db_url = db_.url(), .extra_args = FakeClockArgs()});
        Cast cast;
        cast.Create(server.port());
        ApiSession agent(server.port(), "agent", "Sofa2026x");
        for (int i = 0; i < 3; ++i) {
            const HttpResponse created = agent.Post(
                "/api/v1/test-tickets", R"({"store_id":)" + std::to_string(cast.store_a) + R"(,"title":"工单"})");
            ASSERT_EQ(created.status, 201);
            broken_id = created.Json().at("id").as_int64();
            const std::string action = "/api/v1/test-tickets/" + std::to_string(broken_id) + "/actions/contact";
            ASSERT_EQ(agent.Post(action, R"({"version":1,"inputs":{)" + Notice() + "}}").status, 200);
        }
        const RunResult intact = RunAftercare({"audit", "verify", "--db", db_.url()}, {{"LANG", "en_US.UTF-8"}});
        EXPECT_EQ(intact.exit_code, 0) << intact.err;
        EXPECT_NE(intact.out.find("The audit trail is intact: 3 documents, 6 events"), std::string::npos) << intact.out;
    }
    // Someone with the database owner's rights removes the guard and rewrites history.
    auto db = db_.Open();
    const bool sqlite = db->backend() == storage::Backend::kSqlite;
    ASSERT_TRUE(storage::RunInTransaction(*db, storage::TxMode::kSchema, [&](storage::Transaction& tx) -> Status {
        AC_RETURN_IF_ERROR(tx.ExecuteScript(sqlite ? "DROP TRIGGER events_no_update"
                                                   : "DROP TRIGGER events_no_update_or_delete ON events"));
        AC_RETURN_IF_ERROR(
            tx.Execute("UPDATE events SET actor_id = NULL WHERE document_id = $1 AND seq = 2", {broken_id}));
        return Ok();
    }));
    const RunResult broken = RunAftercare({"audit", "verify", "--db", db_.url()}, {{"LANG", "zh_CN.UTF-8"}});
    EXPECT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.err.find("审计链在单据 " + std::to_string(broken_id) + " 的第 2 条事件处断开"), std::string::npos)
        << broken.err;
}

TEST_F(WorkflowIsolatedApi, TimersSurviveARestartAndMissedDeadlinesFireAtStart) {
    auto data = std::make_unique<TempDir>();
    std::string number;
    Cast cast;
    {
        ServerProcess server(
            ServerConfig{.db_url = db_.url(), .extra_args = FakeClockArgs(), .data_dir = data->path()});
        cast.Create(server.port());
        ApiSession agent(server.port(), "agent", "Sofa2026x");
        const HttpResponse created = agent.Post(
            "/api/v1/test-tickets", R"({"store_id":)" + std::to_string(cast.store_a) + R"(,"title":"停机期间"})");
        ASSERT_EQ(created.status, 201);
        number = Str(created.Json().at("number"));
        ASSERT_EQ(server.Terminate(), 0);
    }
    // Back two hours later: the 30-minute deadline passed while no server ran.
    ServerProcess server(ServerConfig{
        .db_url = db_.url(), .extra_args = FakeClockArgs("2026-11-27T12:00:00+08:00"), .data_dir = data->path()});
    ApiSession supervisor(server.port(), "supervisor", "Sofa2026x");
    const auto breached = [&] {
        const boost::json::value inbox = supervisor.Get("/api/v1/notifications").Json();
        for (const auto& item : inbox.at("items").as_array()) {
            if (item.at("kind") == "sla.breach" && item.at("document").at("number") == boost::json::value(number)) {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(Eventually(breached)) << server.Log().substr(0, 3000);
}

// rules: Q1 Q2 Q3
TEST_F(WorkflowIsolatedApi, PostgresOnlyTwoServersFireEachTimerExactlyOnceAndShareNotifications) {
    // Small batches, so that the two schedulers interleave on the same due timers.
    std::vector<std::string> args = FakeClockArgs();
    args.insert(args.end(), {"--sla-batch", "3"});
    ServerProcess first(ServerConfig{.db_url = db_.url(), .extra_args = args});
    ServerProcess second(ServerConfig{.db_url = db_.url(), .extra_args = args});
    Cast cast;
    cast.Create(first.port());

    // A supervisor listening on the second server hears of a ticket made on the first.
    ApiSession supervisor(second.port(), "supervisor", "Sofa2026x");
    WebSocketClient socket(second.port(), {.cookie = supervisor.cookie()});
    ASSERT_TRUE(socket.ok());
    ApiSession agent(first.port(), "agent", "Sofa2026x");
    constexpr int kTickets = 40;
    for (int i = 0; i < kTickets; ++i) {
        const HttpResponse created = agent.Post(
            "/api/v1/test-tickets", R"({"store_id":)" + std::to_string(cast.store_a) + R"(,"title":"工单"})");
        ASSERT_EQ(created.status, 201);
    }
    const std::optional<std::string> pushed = socket.Read(10s);
    ASSERT_TRUE(pushed) << "nothing pushed across servers";
    EXPECT_NE(pushed->find("新的测试工单"), std::string::npos);

    // Both servers reach the deadlines at once; both schedulers race for the same timers.
    std::thread a([&] { AdvanceClockOf(first.port(), 31min); });
    std::thread b([&] { AdvanceClockOf(second.port(), 31min); });
    a.join();
    b.join();
    auto db = db_.Open();
    const auto count = [&](const std::string& sql) {
        return storage::RunInTransaction(*db, storage::TxMode::kRead,
                                         [&](storage::Transaction& tx) -> Result<std::int64_t> {
                                             AC_ASSIGN_OR_RETURN(const storage::Rows rows, tx.Query(sql));
                                             return rows.front().Int(0);
                                         })
            .value();
    };
    ASSERT_TRUE(Eventually([&] { return count("SELECT count(*) FROM sla_breaches") >= kTickets; }));
    std::this_thread::sleep_for(500ms);  // any double firing would have happened by now
    EXPECT_EQ(count("SELECT count(*) FROM sla_breaches"), kTickets);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE action = 'sla.breach'"), kTickets);
    EXPECT_EQ(count("SELECT count(*) FROM (SELECT document_id FROM events WHERE action = 'sla.breach' "
                    "GROUP BY document_id HAVING count(*) > 1) AS twice"),
              0);
    const auto fired = [](const std::string& log) {
        std::size_t n = 0;
        for (std::size_t at = log.find("\"event\":\"kernel.sla\""); at != std::string::npos;
             at = log.find("\"event\":\"kernel.sla\"", at + 1)) {
            ++n;
        }
        return n;
    };
    EXPECT_EQ(fired(first.Log()) + fired(second.Log()), static_cast<std::size_t>(kTickets));
    std::cout << "[ servers  ] first fired " << fired(first.Log()) << ", second fired " << fired(second.Log())
              << std::endl;
    const RunResult verified = RunAftercare({"audit", "verify", "--db", db_.url()});
    EXPECT_EQ(verified.exit_code, 0) << verified.err;
}

}  // namespace
}  // namespace ac::testing

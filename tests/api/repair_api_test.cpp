// Repairs (chapter C) and the visit rules of Q over HTTP, with the fake clock: registration, the 30-minute
// first contact, dispatch, the visit with its checklists and service record, goods taken back against a receipt,
// closing and the follow-up call.
#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <thread>
#include <vector>

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "support/api_session.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace ac::testing {
namespace {

using namespace std::chrono_literals;

// A PNG's first bytes, Base64: what a signature pad sends is checked for being an image.
constexpr std::string_view kPngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB";
constexpr std::string_view kPassword = "Repair2026x";

std::string Str(const boost::json::value& value) {
    return std::string(value.as_string());
}

std::string Registration(const std::string& phone, const std::string& name = "王建国") {
    return R"({"customer_name":")" + name + R"(","phone":")" + phone +
           R"(","district":"徐汇区","address":"漕溪北路 201 弄 5 号 802 室","product_model":"SF-1021-BR",
             "problem":"沙发异响","symptoms":"坐下时左侧扶手有咯吱声","channel":"phone","delivered_on":"2026-03-01"})";
}

const std::string kArrival =
    R"("arrival_checklist":{"tools_prepared":true,"problem_read":true,"greeted_with_id":true,"consent":true,)"
    R"("protection":true})";
const std::string kDeparture =
    R"("departure_checklist":{"no_damage":true,"explained":true,"three_donts":true,"to_specification":true,)"
    R"("cleaned_up":true,"farewell":true})";

std::string Signature() {
    return R"("signature":{"image":"data:image/png;base64,)" + std::string(kPngBase64) + R"(","signer":"王建国"})";
}

class RepairApi : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = new TestDatabase();
        AddUser(db_->url(), "admin", "admin", std::string(kPassword));
        server_ = new ServerProcess(ServerConfig{
            .db_url = db_->url(), .extra_args = {"--fake-clock", "--fake-clock-start", "2026-11-27T10:00:00+08:00"}});
        ApiSession admin(port(), "admin", std::string(kPassword));
        store_a_ = admin.Post("/api/v1/stores", R"({"code":"SH01","name":"上海徐汇店"})").Json().at("id").as_int64();
        store_b_ = admin.Post("/api/v1/stores", R"({"code":"SH02","name":"上海浦东店"})").Json().at("id").as_int64();
        const auto person = [&](const std::string& username, const std::string& role, std::int64_t store) {
            return CreateStaff(admin, username, role, store, std::string(kPassword));
        };
        person("sales", "salesperson", store_a_);
        agent_ = person("agent", "aftersales_agent", store_a_);
        person("supervisor", "aftersales_supervisor", store_a_);
        person("head", "aftersales_head", 0);
        tech_ = person("tech", "technician", store_a_);
        tech_b_ = person("tech_b", "technician", store_b_);
        person("installer", "installer", store_a_);
        EXPECT_EQ(admin
                      .Post("/api/v1/products", R"({"code":"SF-1021","name":"真皮三人沙发","model":"SF-1021-BR",
                      "category":"沙发","unit_price_fen":1288000,"warranty_months":36})")
                      .status,
                  201);
    }
    static void TearDownTestSuite() {
        delete server_;
        delete db_;
    }
    // Every test starts at 10:00 on 27 Nov 2026, store time (sessions are made after it).
    void SetUp() override {
        HttpClient client(port());
        const HttpResponse set = client.Post("/api/v1/test/clock", R"({"set":"2026-11-27T10:00:00+08:00"})",
                                             {{"Content-Type", "application/json"}});
        ASSERT_EQ(set.status, 200) << set.body;
    }
    static std::uint16_t port() { return server_->port(); }
    static ApiSession As(const std::string& username) { return ApiSession(port(), username, std::string(kPassword)); }
    static void AdvanceClock(std::chrono::milliseconds by) {
        HttpClient client(port());
        const HttpResponse moved =
            client.Post("/api/v1/test/clock", R"({"advance_ms":)" + std::to_string(by.count()) + "}",
                        {{"Content-Type", "application/json"}});
        ASSERT_EQ(moved.status, 200) << moved.body;
    }
    static std::string Path(const boost::json::value& ticket) {
        return "/api/v1/repair-tickets/" + std::to_string(ticket.at("id").as_int64());
    }
    // Takes `action` with the ticket's current version; returns the answer.
    static HttpResponse Act(ApiSession& session, const boost::json::value& ticket, const std::string& action,
                            const std::string& inputs) {
        const std::int64_t version = session.Get(Path(ticket)).Json().at("version").as_int64();
        return session.Post(Path(ticket) + "/actions/" + action,
                            R"({"version":)" + std::to_string(version) + R"(,"inputs":{)" + inputs + "}}");
    }
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
    static std::string Window(std::string_view start, std::string_view end) {
        return R"("window_start":")" + std::string(start) + R"(","window_end":")" + std::string(end) + "\"";
    }
    static std::int64_t Total(ApiSession& session) {
        return session.Get("/api/v1/repair-tickets").Json().at("total").as_int64();
    }
    // A registered ticket with a visit agreed for 14:00-16:00 today and the technician dispatched.
    static boost::json::value Dispatched(const std::string& phone) {
        ApiSession agent = As("agent");
        ApiSession supervisor = As("supervisor");
        const boost::json::value ticket = agent.Post("/api/v1/repair-tickets", Registration(phone)).Json();
        EXPECT_EQ(Act(agent, ticket, "agree_visit",
                      Window("2026-11-27T14:00:00+08:00", "2026-11-27T16:00:00+08:00") + R"(,"note":"约下午上门")")
                      .status,
                  200);
        EXPECT_EQ(Act(supervisor, ticket, "dispatch",
                      R"("assignee":)" + std::to_string(tech_) + R"(,"tools_to_prepare":"扳手、木工胶、备用扶手螺丝")")
                      .status,
                  200);
        return ticket;
    }

    static TestDatabase* db_;
    static ServerProcess* server_;
    static std::int64_t store_a_, store_b_, agent_, tech_, tech_b_;
};

TestDatabase* RepairApi::db_ = nullptr;
ServerProcess* RepairApi::server_ = nullptr;
std::int64_t RepairApi::store_a_ = 0;
std::int64_t RepairApi::store_b_ = 0;
std::int64_t RepairApi::agent_ = 0;
std::int64_t RepairApi::tech_ = 0;
std::int64_t RepairApi::tech_b_ = 0;

// rules: C1
TEST_F(RepairApi, TheRegistrationFormNeedsEveryFieldAndBadInputWritesNothing) {
    ApiSession sales = As("sales");
    const std::int64_t before = Total(sales);
    const HttpResponse empty = sales.Post("/api/v1/repair-tickets", "{}");
    EXPECT_EQ(empty.status, 422);
    const auto fields = empty.Json().at("error").at("fields").as_object();
    for (const char* field : {"customer_name", "phone", "address", "product_model", "problem", "symptoms", "channel"}) {
        EXPECT_TRUE(fields.contains(field)) << field;
    }
    const HttpResponse bad = sales.Post("/api/v1/repair-tickets", R"({"customer_name":"王建国","phone":"12-34",
        "address":"漕溪北路","product_model":"X","problem":"异响","symptoms":"咯吱","channel":"fax",
        "delivered_on":"2026-02-30"})");
    EXPECT_EQ(bad.status, 422);
    const auto bad_fields = bad.Json().at("error").at("fields").as_object();
    EXPECT_EQ(bad_fields.at("phone"), "不是有效的电话号码");
    EXPECT_EQ(bad_fields.at("channel"), "应为：电话、信函、来访、网上");
    EXPECT_EQ(bad_fields.at("delivered_on"), "应为日期，例如 2026-10-01");
    EXPECT_EQ(sales.Post("/api/v1/repair-tickets", R"({"customer_name":1})")
                  .Json()
                  .at("error")
                  .at("fields")
                  .at("customer_name"),
              "应为文本");
    EXPECT_EQ(sales.Post("/api/v1/repair-tickets", "{\"customer_name\":").status, 400);
    EXPECT_EQ(As("installer").Post("/api/v1/repair-tickets", Registration("13911110000")).status, 403);
    EXPECT_EQ(sales
                  .Post("/api/v1/repair-tickets",
                        Registration("13911110000").replace(1, 0, R"("store_id":)" + std::to_string(store_b_) + ","))
                  .status,
              403)
        << "a salesperson registers for their own store";
    EXPECT_EQ(Total(sales), before) << "nothing was written";
}

// rules: C1 C2 C3
TEST_F(RepairApi, ASalespersonsRegistrationReachesAfterSalesAtOnceWithThe30MinuteClock) {
    ApiSession sales = As("sales");
    const HttpResponse created = sales.Post("/api/v1/repair-tickets", Registration("139 2000 0001", "李秀英"));
    ASSERT_EQ(created.status, 201) << created.body;
    const auto ticket = created.Json();
    EXPECT_EQ(Str(ticket.at("number")).substr(0, 2), "WX");
    EXPECT_EQ(ticket.at("state"), "registered");
    EXPECT_EQ(ticket.at("fields").at("source"), "store");
    EXPECT_EQ(ticket.at("fields").at("phone"), "13920000001");
    EXPECT_EQ(ticket.at("fields").at("warranty"), "in_warranty") << "delivered 2026-03-01, 36 months";
    EXPECT_FALSE(ticket.at("fields").at("product_id").is_null());
    const auto timer = ticket.at("timers").at(0);
    EXPECT_EQ(timer.at("name"), "repair.first_contact");
    EXPECT_EQ(timer.at("deadline"), "2026-11-27T02:30:00.000Z") << "30 minutes after registration";
    // C2: after-sales hears of it at once.
    const std::string number = Str(ticket.at("number"));
    ApiSession agent = As("agent");
    ApiSession supervisor = As("supervisor");
    ASSERT_EQ(NotificationsOf(agent, number, "document.created").size(), 1u);
    EXPECT_NE(Str(NotificationsOf(agent, number, "document.created")[0].at("text")).find("请在 30 分钟内联系客户"),
              std::string::npos);
    EXPECT_EQ(NotificationsOf(supervisor, number, "document.created").size(), 1u);
    // The customer was registered from the form.
    EXPECT_EQ(agent.Get("/api/v1/customers?q=13920000001").Json().at("total"), 1);
    const auto listed = agent.Get("/api/v1/repair-tickets?sla=running&q=%E6%9D%8E%E7%A7%80%E8%8B%B1").Json();
    ASSERT_EQ(listed.at("total"), 1);
    EXPECT_EQ(listed.at("items").at(0).at("first_contact_deadline"), "2026-11-27T02:30:00.000Z");
    // Each filter narrows the list: state, store, the registration time.
    const std::string mine = "q=13920000001&store_id=" + std::to_string(store_a_);
    EXPECT_EQ(agent.Get("/api/v1/repair-tickets?state=registered&" + mine).Json().at("total"), 1);
    EXPECT_EQ(agent.Get("/api/v1/repair-tickets?state=closed&" + mine).Json().at("total"), 0);
    EXPECT_EQ(
        agent.Get("/api/v1/repair-tickets?from=2026-11-27T00:00:00%2B08:00&to=2026-11-28T00:00:00%2B08:00&" + mine)
            .Json()
            .at("total"),
        1);
    EXPECT_EQ(agent.Get("/api/v1/repair-tickets?to=2026-11-27T00:00:00%2B08:00&" + mine).Json().at("total"), 0);
    EXPECT_EQ(agent.Get("/api/v1/repair-tickets?q=13920000001&store_id=" + std::to_string(store_b_)).status, 200);
    EXPECT_EQ(agent.Get("/api/v1/repair-tickets?q=13920000001&store_id=" + std::to_string(store_b_)).Json().at("total"),
              0)
        << "another store's filter finds nothing in the agent's store";
}

// rules: C4 C5
TEST_F(RepairApi, AfterSalesRegistersDirectlyOnTheSameFormWithTheSameRule) {
    ApiSession agent = As("agent");
    const HttpResponse created = agent.Post("/api/v1/repair-tickets", Registration("13920000002"));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.Json().at("fields").at("source"), "aftersales");
    EXPECT_EQ(created.Json().at("timers").at(0).at("name"), "repair.first_contact");
    EXPECT_EQ(created.Json().at("fields").at("customer_name"), "王建国");
}

// A list counts its rows four pages past the one asked for and no further: beyond, `total` is that many and
// `total_capped` says there are more, so a state that a hundred thousand tickets reached costs a few pages to count.
// Paging on moves the count along until it reaches the real total.
TEST_F(RepairApi, AListCountsFourPagesAheadAndSaysWhenThereAreMore) {
    ApiSession agent = As("agent");
    for (int i = 0; i < 6; ++i) {
        ASSERT_EQ(agent.Post("/api/v1/repair-tickets", Registration("1392200000" + std::to_string(i))).status, 201);
    }
    const auto all = agent.Get("/api/v1/repair-tickets?page_size=200").Json();
    ASSERT_EQ(all.at("total_capped"), false);
    const std::int64_t n = all.at("total").as_int64();
    ASSERT_GE(n, 6);
    const auto page = [&](std::int64_t number) {
        return agent.Get("/api/v1/repair-tickets?page_size=1&page=" + std::to_string(number)).Json();
    };
    const auto first = page(1);
    EXPECT_EQ(first.at("total"), 5) << "pages 1 to 5 of one row";
    EXPECT_EQ(first.at("total_capped"), true);
    EXPECT_EQ(first.at("items").as_array().size(), 1u);
    const auto short_of_it = page(n - 5);
    EXPECT_EQ(short_of_it.at("total"), n - 1);
    EXPECT_EQ(short_of_it.at("total_capped"), true);
    const auto reaching = page(n - 4);
    EXPECT_EQ(reaching.at("total"), n);
    EXPECT_EQ(reaching.at("total_capped"), false);
    // Past the last page: nothing to show, the whole count.
    const auto beyond = page(n + 1);
    EXPECT_TRUE(beyond.at("items").as_array().empty());
    EXPECT_EQ(beyond.at("total"), n);
    EXPECT_EQ(beyond.at("total_capped"), false);
    // A short page is the list's end: its total is the rows before it and on it.
    const auto last = agent.Get("/api/v1/repair-tickets?page_size=4&page=" + std::to_string((n + 3) / 4)).Json();
    EXPECT_EQ(last.at("total"), n);
    EXPECT_EQ(last.at("total_capped"), false);
    // The same with a filter: the store's registered tickets.
    const auto registered = agent.Get("/api/v1/repair-tickets?state=registered&page_size=1").Json();
    EXPECT_EQ(registered.at("total"), 5);
    EXPECT_EQ(registered.at("total_capped"), true);
}

// Registrations sent at once: the server runs writes on fibers that share the database's commits; each request is
// answered with its own ticket, and what the server logs for it after the commit carries that request's id.
TEST_F(RepairApi, RegistrationsSentAtOnceAreEachAnsweredAndLoggedAsTheirOwn) {
    ApiSession agent = As("agent");
    constexpr int kAtOnce = 24;
    const auto phone = [](int i) { return "1392100" + std::to_string(1000 + i); };
    std::vector<HttpResponse> answers(kAtOnce);
    std::vector<std::thread> senders;
    for (int i = 0; i < kAtOnce; ++i) {
        senders.emplace_back([&, i] {
            HttpClient client(port());
            answers[i] = client.Request("POST", "/api/v1/repair-tickets", Registration(phone(i)),
                                        {{"Cookie", agent.cookie()},
                                         {"X-CSRF-Token", agent.csrf()},
                                         {"Content-Type", "application/json"},
                                         {"X-Request-Id", "at-once-" + std::to_string(i)}});
        });
    }
    for (std::thread& sender : senders) {
        sender.join();
    }
    std::set<std::string> numbers;
    std::vector<std::string> expected_lines;
    for (int i = 0; i < kAtOnce; ++i) {
        ASSERT_EQ(answers[i].status, 201) << answers[i].body;
        const auto ticket = answers[i].Json();
        EXPECT_EQ(Str(ticket.at("fields").at("phone")), phone(i));
        const std::string number = Str(ticket.at("number"));
        numbers.insert(number);
        expected_lines.push_back(R"("request_id":"at-once-)" + std::to_string(i) +
                                 R"(","event":"kernel.created","document":")" + number + "\"");
    }
    EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kAtOnce));
    const auto all_logged = [&] {
        const std::string log = server_->Log();
        return std::all_of(expected_lines.begin(), expected_lines.end(),
                           [&](const std::string& line) { return log.find(line) != std::string::npos; });
    };
    EXPECT_TRUE(Eventually(all_logged)) << "a request's log line names another request, or none";
}

// rules: C3 C5
TEST_F(RepairApi, ContactAgreedAt29MinutesMeetsTheRule) {
    ApiSession agent = As("agent");
    ApiSession supervisor = As("supervisor");
    const auto ticket = agent.Post("/api/v1/repair-tickets", Registration("13920000003")).Json();
    const std::string number = Str(ticket.at("number"));
    AdvanceClock(20min);
    // An attempt that does not reach the customer is logged but does not stop the clock.
    ASSERT_EQ(Act(agent, ticket, "log_call", R"("outcome":"no_answer","note":"无人接听")").status, 200);
    EXPECT_EQ(agent.Get(Path(ticket)).Json().at("timers").at(0).at("state"), "running");
    EXPECT_EQ(
        Act(agent, ticket, "log_call", R"("outcome":"hung_up")").Json().at("error").at("fields").at("inputs.outcome"),
        "应为以下之一：no_answer, busy, wrong_number, reached_not_agreed");
    AdvanceClock(9min);
    const HttpResponse agreed =
        Act(agent, ticket, "agree_visit",
            Window("2026-11-27T14:00:00+08:00", "2026-11-27T16:00:00+08:00") + R"(,"note":"约今天下午两点到四点")");
    ASSERT_EQ(agreed.status, 200) << agreed.body;
    const auto after = agreed.Json();
    EXPECT_EQ(after.at("state"), "scheduled");
    EXPECT_EQ(after.at("timers").at(0).at("state"), "stopped");
    EXPECT_EQ(after.at("fields").at("calls").as_array().size(), 2u);
    EXPECT_EQ(after.at("fields").at("calls").at(1).at("outcome"), "agreed");
    AdvanceClock(5min);
    std::this_thread::sleep_for(200ms);
    EXPECT_TRUE(NotificationsOf(supervisor, number, "sla.breach").empty()) << "met at 29 minutes";
}

// rules: C3 C5
TEST_F(RepairApi, NoContactAt31MinutesIsABreachEscalatedToSupervisorThenHead) {
    ApiSession agent = As("agent");
    ApiSession supervisor = As("supervisor");
    ApiSession head = As("head");
    const auto ticket = agent.Post("/api/v1/repair-tickets", Registration("13920000004")).Json();
    const std::string number = Str(ticket.at("number"));
    ASSERT_EQ(Act(supervisor, ticket, "assign_agent", R"("assignee":)" + std::to_string(agent_)).status, 200);
    AdvanceClock(31min);
    ASSERT_TRUE(Eventually([&] { return !NotificationsOf(supervisor, number, "sla.breach").empty(); }));
    EXPECT_FALSE(NotificationsOf(agent, number, "sla.breach").empty()) << "the assigned agent too";
    EXPECT_TRUE(NotificationsOf(head, number, "sla.escalated").empty());
    EXPECT_EQ(agent.Get(Path(ticket)).Json().at("timers").at(0).at("state"), "breached");
    EXPECT_EQ(agent.Get("/api/v1/repair-tickets?sla=breached&q=" + number).Json().at("total"), 1);
    AdvanceClock(30min);
    ASSERT_TRUE(Eventually([&] { return !NotificationsOf(head, number, "sla.escalated").empty(); }));
}

// rules: C6 C8 C9 C10 C11 C12 C13 Q4 Q6 Q7 Q9 Q11 Q12 Q13 Q14 Q15 Q16 Q19 Q20 Q21 Q22 Q23 Q24
TEST_F(RepairApi, GoodsTakenBackComeBackAgainstTheReceiptAndTheSignedRepairSlip) {
    ApiSession agent = As("agent");
    ApiSession supervisor = As("supervisor");
    ApiSession tech = As("tech");
    ApiSession head = As("head");
    const auto ticket = Dispatched("13920000005");
    const std::string number = Str(ticket.at("number"));
    // Q7: the technician's view shows the registered problem.
    const auto seen = tech.Get(Path(ticket)).Json();
    EXPECT_EQ(seen.at("fields").at("problem"), "沙发异响");
    EXPECT_EQ(seen.at("fields").at("symptoms"), "坐下时左侧扶手有咯吱声");

    // C6, Q6, Q9, Q12, Q14/Q15: arrival needs the checklist; lateness is measured against the window (Q4).
    const HttpResponse unchecked = Act(tech, ticket, "arrive", R"("arrival_checklist":{"tools_prepared":true})");
    EXPECT_EQ(unchecked.status, 422);
    const auto missing = unchecked.Json().at("error").at("fields").as_object();
    EXPECT_EQ(missing.at("inputs.arrival_checklist.problem_read"), "此项尚未确认");
    EXPECT_EQ(missing.size(), 4u);
    AdvanceClock(6h + 15min);  // 16:15, the window ended at 16:00: 15 minutes late
    const HttpResponse arrived = Act(tech, ticket, "arrive", kArrival);
    ASSERT_EQ(arrived.status, 200) << arrived.body;
    EXPECT_EQ(arrived.Json().at("fields").at("visits").at(0).at("late_minutes"), 15);

    // Q23: no signature and no reason → refused; a file that is not an image → refused.
    const std::string take_back = R"("findings":"扶手内部木架开裂","goods":"沙发左侧扶手",)" + kDeparture +
                                  R"(,"rating":4,"remarks":"师傅很专业")";
    const HttpResponse unsigned_ = Act(tech, ticket, "take_back", take_back);
    EXPECT_EQ(unsigned_.status, 422);
    EXPECT_EQ(unsigned_.Json().at("error").at("fields").at("inputs.signature"), "请客户签名，或填写客户未签名的原因");
    const HttpResponse not_image = Act(tech, ticket, "take_back",
                                       take_back + R"(,"signature":{"image":"data:image/png;base64,PHN2Zz4=",)"
                                                   R"("signer":"王建国"})");
    EXPECT_EQ(not_image.status, 422);
    EXPECT_EQ(tech.Get(Path(ticket)).Json().at("state"), "on_site") << "nothing written";
    // C8, Q19: taken back against a receipt; the customer was busy and declined to sign, which is recorded.
    const HttpResponse taken =
        Act(tech, ticket, "take_back", take_back + R"(,"refusal_reason":"客户赶时间，拒绝签字")");
    ASSERT_EQ(taken.status, 200) << taken.body;
    const auto workshop = taken.Json();
    EXPECT_EQ(workshop.at("state"), "in_workshop");
    const std::string receipt = Str(workshop.at("fields").at("receipts").at(0).at("number"));
    EXPECT_EQ(receipt, "SJ" + number.substr(2) + "-1");
    EXPECT_EQ(workshop.at("fields").at("visits").at(0).at("refusal_reason"), "客户赶时间，拒绝签字");
    EXPECT_EQ(workshop.at("fields").at("visits").at(0).at("rating"), 4);

    // C8: coming back, the receipt must be taken back and the repair slip signed; a refusal does not do.
    const std::string returned = R"("return_checklist":{"receipt_taken_back":true,"to_specification":true,)"
                                 R"("no_damage":true,"cleaned_up":true,"farewell":true},"rating":5)";
    const HttpResponse refused = Act(tech, ticket, "return_goods", returned + R"(,"refusal_reason":"不想签")");
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(refused.Json().at("error").at("fields").at("inputs.signature"), "必填");
    const HttpResponse back = Act(tech, ticket, "return_goods", returned + "," + Signature());
    ASSERT_EQ(back.status, 200) << back.body;
    const auto repaired = back.Json();
    EXPECT_EQ(repaired.at("state"), "repaired");
    EXPECT_FALSE(repaired.at("fields").at("receipts").at(0).at("taken_back_at").is_null());
    EXPECT_FALSE(repaired.at("fields").at("visits").at(1).at("signature_file").is_null());

    // C12: the repair slip back at after-sales closes it (timed); a major problem goes to the head.
    bool slip_timer = false;
    for (const auto& timer : repaired.at("timers").as_array()) {
        slip_timer = slip_timer || (timer.at("name") == "repair.slip_return" && timer.at("state") == "running");
    }
    EXPECT_TRUE(slip_timer);
    EXPECT_EQ(Act(agent, ticket, "close_major", R"("slip":{"slip_returned":false},"reason":"木架批次问题")").status,
              422);
    const HttpResponse closed =
        Act(agent, ticket, "close_major", R"("slip":{"slip_returned":true},"reason":"同批木架可能都有问题")");
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(closed.Json().at("fields").at("major"), true);
    EXPECT_EQ(NotificationsOf(head, number, "document.close_major").size(), 1u);

    // C13: the follow-up call, kept for the technician's assessment.
    EXPECT_EQ(Act(agent, ticket, "follow_up", R"("satisfaction":6)")
                  .Json()
                  .at("error")
                  .at("fields")
                  .at("inputs.satisfaction"),
              "应在 1 到 5 之间");
    const HttpResponse followed = Act(agent, ticket, "follow_up", R"("satisfaction":5,"remarks":"很满意")");
    ASSERT_EQ(followed.status, 200) << followed.body;
    EXPECT_EQ(followed.Json().at("state"), "followed_up");
    EXPECT_EQ(followed.Json().at("fields").at("follow_ups").at(0).at("satisfaction"), 5);
}

// rules: C6 Q6 Q7 Q8
TEST_F(RepairApi, MyVisitsShowTheProblemAndWhatToBringAndADelayIsAnnouncedInAdvance) {
    ApiSession tech = As("tech");
    const auto ticket = Dispatched("13920000009");
    const auto mine = tech.Get("/api/v1/repair-tickets?mine=true&open=true").Json();
    bool listed = false;
    for (const auto& item : mine.at("items").as_array()) {
        listed = listed || item.at("id") == ticket.at("id");
        EXPECT_EQ(item.at("technician_id"), tech_);
    }
    EXPECT_TRUE(listed);
    const auto fields = tech.Get(Path(ticket)).Json().at("fields");
    EXPECT_EQ(fields.at("tools_to_prepare"), "扳手、木工胶、备用扶手螺丝");
    EXPECT_EQ(fields.at("problem"), "沙发异响");

    AdvanceClock(3h + 30min);  // 13:30, window 14:00-16:00
    const std::string notice = R"("customer_notice":{"channel":"phone","contacted_at":"2026-11-27T13:30:00+08:00",)"
                               R"("summary":"路上堵车，向客户致歉，改到五点"},)";
    const HttpResponse told =
        Act(tech, ticket, "announce_delay", notice + Window("2026-11-27T17:00:00+08:00", "2026-11-27T18:00:00+08:00"));
    ASSERT_EQ(told.status, 200) << told.body;
    EXPECT_EQ(told.Json().at("fields").at("window_start"), "2026-11-27T09:00:00.000Z");
    AdvanceClock(5h);  // 18:30, after the new window
    const HttpResponse late = Act(
        tech, ticket, "announce_delay",
        R"("customer_notice":{"channel":"phone","contacted_at":"2026-11-27T18:30:00+08:00","summary":"再改时间"},)" +
            Window("2026-11-27T19:00:00+08:00", "2026-11-27T20:00:00+08:00"));
    EXPECT_EQ(late.status, 422);
    EXPECT_EQ(late.Json().at("error").at("fields").at("inputs.customer_notice.contacted_at"),
              "应在原约定时间之前告知客户");
}

// rules: C6 Q6 Q9 Q12 Q14 Q15
TEST_F(RepairApi, AStoreCanChangeAVisitChecklistAndTheVisitAsksForExactlyThat) {
    ApiSession head = As("head");
    ApiSession tech = As("tech");
    const std::string store = std::to_string(store_a_);
    const auto templates = head.Get("/api/v1/checklist-templates?store_id=" + store).Json();
    boost::json::array items;
    for (const auto& entry : templates.at("items").as_array()) {
        if (entry.at("name") == "repair.arrival") {
            items = entry.at("effective").as_array();
        }
    }
    ASSERT_EQ(items.size(), 5u);
    EXPECT_EQ(items.at(0).at("zh_cn"), "已备好可能需要的工具和配件");

    // Bad items name their field and change nothing; only the head and administrators may change them.
    const HttpResponse empty = head.Send("PUT", "/api/v1/checklist-templates/repair.arrival",
                                         R"({"store_id":)" + store + R"(,"version":0,"items":[]})");
    EXPECT_EQ(empty.status, 422);
    const HttpResponse bad = head.Send(
        "PUT", "/api/v1/checklist-templates/repair.arrival",
        R"({"store_id":)" + store +
            R"(,"version":0,"items":[{"key":"Bad Key","zh_cn":"甲","en":"a"},{"key":"x","zh_cn":"","en":"b"},)"
            R"({"key":"x","zh_cn":"乙","en":"b"}]})");
    EXPECT_EQ(bad.status, 422);
    const auto bad_fields = bad.Json().at("error").at("fields").as_object();
    EXPECT_EQ(bad_fields.at("items[0].key"), "只能使用小写字母、数字和下划线（最多 40 个）");
    EXPECT_EQ(bad_fields.at("items[1].zh_cn"), "不能为空");
    EXPECT_EQ(bad_fields.at("items[2].key"), "与前面的项重复");
    EXPECT_EQ(head.Send("PUT", "/api/v1/checklist-templates/no.such", R"({"version":0,"items":[]})").status, 404);
    items.push_back(boost::json::object{{"key", "mask"}, {"zh_cn", "已佩戴口罩"}, {"en", "Wearing a mask"}});
    const std::string body =
        R"({"store_id":)" + store + R"(,"version":0,"items":)" + boost::json::serialize(items) + "}";
    EXPECT_EQ(As("supervisor").Send("PUT", "/api/v1/checklist-templates/repair.arrival", body).status, 403);
    const HttpResponse put = head.Send("PUT", "/api/v1/checklist-templates/repair.arrival", body);
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(put.Json().at("version"), 1);
    EXPECT_EQ(head.Send("PUT", "/api/v1/checklist-templates/repair.arrival", body).status, 409) << "version 0 again";

    // The visit asks for exactly the store's items, worded as the store set them.
    const auto ticket = Dispatched("13920000010");
    bool offered = false;
    const boost::json::value seen = tech.Get(Path(ticket)).Json();
    for (const auto& action : seen.at("actions").as_array()) {
        if (action.at("name") == "arrive") {
            const auto& offered_items = action.at("inputs").at(0).at("items").as_array();
            offered = offered_items.size() == 6 && offered_items.at(5).at("label") == "已佩戴口罩";
        }
    }
    EXPECT_TRUE(offered);
    const HttpResponse without_mask = Act(tech, ticket, "arrive", kArrival);
    EXPECT_EQ(without_mask.status, 422);
    EXPECT_EQ(without_mask.Json().at("error").at("fields").at("inputs.arrival_checklist.mask"), "此项尚未确认");
    const std::string with_mask = kArrival.substr(0, kArrival.size() - 1) + R"(,"mask":true})";
    const HttpResponse unknown =
        Act(tech, ticket, "arrive", with_mask.substr(0, with_mask.size() - 1) + R"(,"umbrella":true})");
    EXPECT_EQ(unknown.Json().at("error").at("fields").at("inputs.arrival_checklist.umbrella"), "不是可识别的字段");
    ASSERT_EQ(Act(tech, ticket, "arrive", with_mask).status, 200);

    // Removing the override brings the built-in items back.
    ASSERT_EQ(head.Delete("/api/v1/checklist-templates/repair.arrival?store_id=" + store).status, 204);
    const auto after = head.Get("/api/v1/checklist-templates?store_id=" + store).Json();
    for (const auto& entry : after.at("items").as_array()) {
        if (entry.at("name") == "repair.arrival") {
            EXPECT_EQ(entry.at("effective").as_array().size(), 5u);
            EXPECT_TRUE(entry.at("store").is_null());
        }
    }
}

// rules: C7 C10 Q23
TEST_F(RepairApi, WhatCannotBeSolvedOnSiteGoesBackToAfterSalesForSupport) {
    ApiSession supervisor = As("supervisor");
    ApiSession tech = As("tech");
    const auto ticket = Dispatched("13920000006");
    const std::string number = Str(ticket.at("number"));
    ASSERT_EQ(Act(tech, ticket, "arrive", kArrival).status, 200);
    const HttpResponse escalated =
        Act(tech, ticket, "escalate",
            R"("findings":"电机无反应","reason":"需要厂家技术支持",)" + kDeparture + R"(,"rating":3,)" + Signature());
    ASSERT_EQ(escalated.status, 200) << escalated.body;
    EXPECT_EQ(escalated.Json().at("state"), "escalated");
    EXPECT_EQ(NotificationsOf(supervisor, number, "document.escalate").size(), 1u);
    const HttpResponse planned =
        Act(supervisor, ticket, "plan_support",
            Window("2026-12-01T09:00:00+08:00", "2026-12-01T12:00:00+08:00") + R"(,"note":"厂家工程师同去")");
    ASSERT_EQ(planned.status, 200) << planned.body;
    EXPECT_EQ(planned.Json().at("state"), "dispatched");
    ASSERT_EQ(Act(tech, ticket, "arrive", kArrival).status, 200);
    // Photos are images of a limited size: an oversized one and a text are refused, and nothing is written.
    const std::string fix =
        R"("findings":"控制板损坏","parts_used":"控制板 ×1","explanation":"电压不稳烧坏控制板，建议加装稳压插座",)" +
        kDeparture + R"(,"rating":5,"remarks":"谢谢",)" + Signature();
    const HttpResponse oversized =
        Act(tech, ticket, "finish_fixed",
            fix + R"(,"photos_before":["data:image/jpeg;base64,)" + std::string(1'500'000, 'A') + R"("])");
    EXPECT_EQ(oversized.status, 422);
    EXPECT_EQ(oversized.Json().at("error").at("fields").at("inputs.photos_before[0]"), "每张照片不能超过 1024 KiB");
    const HttpResponse text = Act(tech, ticket, "finish_fixed", fix + R"(,"photos_after":["aGVsbG8="])");
    EXPECT_EQ(text.Json().at("error").at("fields").at("inputs.photos_after[0]"), "照片应为 PNG 或 JPEG 图片");
    EXPECT_EQ(tech.Get(Path(ticket)).Json().at("state"), "on_site") << "nothing written";
    // C10: the explanation given to the customer is part of the visit; before/after photos are kept.
    const std::string photo = "\"data:image/png;base64," + std::string(kPngBase64) + "\"";
    const HttpResponse fixed =
        Act(tech, ticket, "finish_fixed",
            fix + R"(,"photos_before":[)" + photo + R"(],"photos_after":[)" + photo + "," + photo + "]");
    ASSERT_EQ(fixed.status, 200) << fixed.body;
    EXPECT_EQ(fixed.Json().at("fields").at("visits").at(1).at("photos").at("photos_after").as_array().size(), 2u);
    const auto visit = fixed.Json().at("fields").at("visits").at(1);
    EXPECT_EQ(visit.at("outcome"), "fixed");
    EXPECT_EQ(visit.at("explanation"), "电压不稳烧坏控制板，建议加装稳压插座");
    EXPECT_EQ(visit.at("signer"), "王建国");
}

TEST_F(RepairApi, DispatchTakesOnlyATechnicianOfTheStoreAndAStaleVersionChangesNothing) {
    ApiSession agent = As("agent");
    ApiSession supervisor = As("supervisor");
    const auto ticket = agent.Post("/api/v1/repair-tickets", Registration("13920000007")).Json();
    ASSERT_EQ(Act(agent, ticket, "agree_visit",
                  Window("2026-12-02T09:00:00+08:00", "2026-12-02T10:00:00+08:00") + R"(,"note":"约好")")
                  .status,
              200);
    EXPECT_EQ(Act(supervisor, ticket, "dispatch", R"("assignee":)" + std::to_string(tech_b_))
                  .Json()
                  .at("error")
                  .at("fields")
                  .at("inputs.assignee"),
              "该员工不属于本单据的门店");
    EXPECT_EQ(Act(supervisor, ticket, "dispatch", R"("assignee":)" + std::to_string(agent_))
                  .Json()
                  .at("error")
                  .at("fields")
                  .at("inputs.assignee"),
              "该员工没有承担此工作的角色");
    const HttpResponse stale = supervisor.Post(Path(ticket) + "/actions/dispatch",
                                               R"({"version":1,"inputs":{"assignee":)" + std::to_string(tech_) + "}}");
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(agent.Get(Path(ticket)).Json().at("state"), "scheduled");
    const HttpResponse window =
        Act(agent, agent.Post("/api/v1/repair-tickets", Registration("13920000008")).Json(), "agree_visit",
            Window("2026-11-27T08:00:00+08:00", "2026-11-27T07:00:00+08:00") + R"(,"note":"x")");
    EXPECT_EQ(window.status, 422);
}

}  // namespace
}  // namespace ac::testing

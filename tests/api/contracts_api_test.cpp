// Contracts to delivery (chapters A and B) over HTTP, with the fake clock: the 17:00 cut-off, stock reservation
// under concurrency, factory orders and their arrival, and the delivery job from scheduling to the follow-up.
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

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

constexpr std::string_view kPassword = "Contract2026x";
constexpr std::string_view kPng = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB";

std::string Str(const boost::json::value& value) {
    return std::string(value.as_string());
}

std::string Id(std::int64_t id) {
    return std::to_string(id);
}

class ContractsApi : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = new TestDatabase();
        AddUser(db_->url(), "admin", "admin", std::string(kPassword));
        server_ = new ServerProcess(
            ServerConfig{.db_url = db_->url(),
                         .extra_args = {"--fake-clock", "--fake-clock-start", "2026-11-27T10:00:00+08:00",
                                        // the clock jumps days ahead: sessions outlive the jumps
                                        "--session-idle-minutes", "43200"}});
        ApiSession admin(port(), "admin", std::string(kPassword));
        store_ = admin.Post("/api/v1/stores", R"({"code":"SH01","name":"上海徐汇店"})").Json().at("id").as_int64();
        const auto person = [&](const std::string& username, const std::string& role, std::int64_t store) {
            return CreateStaff(admin, username, role, store, std::string(kPassword));
        };
        sales_ = person("sales", "salesperson", store_);
        sales_b_ = person("sales_b", "salesperson", store_);
        person("follower", "order_follower", store_);
        person("agent", "aftersales_agent", store_);
        person("supervisor", "aftersales_supervisor", store_);
        installer_ = person("installer", "installer", store_);
        installer_b_ = person("installer_b", "installer", store_);
        const auto product = [&](const std::string& body) {
            const HttpResponse created = admin.Post("/api/v1/products", body);
            EXPECT_EQ(created.status, 201) << created.body;
            return created.Json().at("id").as_int64();
        };
        sofa_ = product(R"({"code":"SF-1021","name":"真皮三人沙发","model":"SF-1021-BR","unit_price_fen":1288000,
                           "lead_time_days":3,"factory":"顺德家具厂"})");
        table_ = product(R"({"code":"TB-300","name":"实木餐桌","model":"TB-300-OAK","unit_price_fen":468000,
                            "lead_time_days":5,"factory":"南康木业"})");
        lamp_ = product(R"({"code":"LP-9","name":"落地灯","model":"LP-9","unit_price_fen":39900})");
        // One unit, for the concurrency test only.
        last_ = product(R"({"code":"CH-1","name":"单人椅","model":"CH-1","unit_price_fen":99900})");
        const HttpResponse warehouse =
            admin.Post("/api/v1/warehouses", R"({"code":"WH-XH","name":"徐汇仓","store_id":)" + Id(store_) + "}");
        EXPECT_EQ(warehouse.status, 201) << warehouse.body;
        warehouse_ = warehouse.Json().at("id").as_int64();
    }
    static void TearDownTestSuite() {
        delete server_;
        delete db_;
    }
    static void SetClock(const std::string& at) {
        HttpClient client(port());
        const HttpResponse set =
            client.Post("/api/v1/test/clock", R"({"set":")" + at + "\"}", {{"Content-Type", "application/json"}});
        ASSERT_EQ(set.status, 200) << set.body;
    }
    void SetUp() override { SetClock("2026-11-27T10:00:00+08:00"); }
    static std::uint16_t port() { return server_->port(); }
    static ApiSession As(const std::string& username) { return ApiSession(port(), username, std::string(kPassword)); }
    static void AdvanceClock(std::chrono::milliseconds by) {
        HttpClient client(port());
        const HttpResponse moved =
            client.Post("/api/v1/test/clock", R"({"advance_ms":)" + std::to_string(by.count()) + "}",
                        {{"Content-Type", "application/json"}});
        ASSERT_EQ(moved.status, 200) << moved.body;
    }
    static std::string ContractBody(const std::string& phone, const std::string& lines) {
        return R"({"customer_name":"李晓梅","phone":")" + phone +
               R"(","district":"徐汇区","address":"宜山路 700 号 3 号楼 1201 室",
                 "installation_requirements":"电梯可用，需上门安装餐桌","special_requirements":"周末送货",
                 "lines":)" +
               lines + "}";
    }
    static std::string Line(std::int64_t product, int quantity) {
        return R"({"product_id":)" + Id(product) + R"(,"quantity":)" + std::to_string(quantity) + "}";
    }
    static std::string Path(const std::string& resource, const boost::json::value& doc) {
        return "/api/v1/" + resource + "/" + std::to_string(doc.at("id").as_int64());
    }
    static HttpResponse Act(ApiSession& session, const std::string& resource, const boost::json::value& doc,
                            const std::string& action, const std::string& inputs = "") {
        const HttpResponse current = session.Get(Path(resource, doc));
        const std::int64_t version = current.Json().at("version").as_int64();
        return session.Post(Path(resource, doc) + "/actions/" + action,
                            R"({"version":)" + std::to_string(version) + R"(,"inputs":{)" + inputs + "}}");
    }
    static boost::json::value Get(ApiSession& session, const std::string& resource, const boost::json::value& doc) {
        return session.Get(Path(resource, doc)).Json();
    }
    static std::int64_t Total(ApiSession& session, const std::string& target) {
        return session.Get(target).Json().at("total").as_int64();
    }
    static void Receive(std::int64_t product, int quantity) {
        ApiSession follower = As("follower");
        const HttpResponse received = follower.Post(
            "/api/v1/stock/receipts", R"({"warehouse_id":)" + Id(warehouse_) + R"(,"product_id":)" + Id(product) +
                                          R"(,"quantity":)" + std::to_string(quantity) + R"(,"note":"入库"})");
        ASSERT_EQ(received.status, 201) << received.body;
    }
    static boost::json::value Level(std::int64_t product) {
        ApiSession follower = As("follower");
        const boost::json::value levels =
            follower.Get("/api/v1/stock?page_size=200&warehouse_id=" + Id(warehouse_)).Json();
        for (const auto& item : levels.at("items").as_array()) {
            if (item.at("product_id").as_int64() == product) {
                return item;
            }
        }
        return nullptr;
    }
    // The ledger's sums for a product: every stock number is explained by its movements.
    static std::pair<std::int64_t, std::int64_t> LedgerSums(std::int64_t product) {
        ApiSession follower = As("follower");
        const boost::json::value ledger =
            follower
                .Get("/api/v1/stock/movements?page_size=200&warehouse_id=" + Id(warehouse_) +
                     "&product_id=" + Id(product))
                .Json();
        std::int64_t on_hand = 0;
        std::int64_t reserved = 0;
        for (const auto& item : ledger.at("items").as_array()) {
            on_hand += item.at("on_hand_delta").as_int64();
            reserved += item.at("reserved_delta").as_int64();
        }
        return {on_hand, reserved};
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
    static boost::json::value TimerOf(const boost::json::value& doc, const std::string& name) {
        for (const auto& timer : doc.at("timers").as_array()) {
            if (timer.at("name") == boost::json::value(name)) {
                return timer;
            }
        }
        return nullptr;
    }
    static std::string Window(std::string_view start, std::string_view end) {
        return R"("window_start":")" + std::string(start) + R"(","window_end":")" + std::string(end) + "\"";
    }
    static std::string Notice(std::string_view at, std::string_view summary) {
        return R"("customer_notice":{"channel":"phone","contacted_at":")" + std::string(at) + R"(","summary":")" +
               std::string(summary) + "\"}";
    }
    // The delivery job of a contract, once its goods are all in.
    static boost::json::value JobOf(ApiSession& session, const boost::json::value& contract) {
        const boost::json::value jobs =
            session.Get("/api/v1/deliveries?contract_id=" + Id(contract.at("id").as_int64())).Json();
        if (jobs.at("items").as_array().empty()) {
            return nullptr;
        }
        return jobs.at("items").at(0);
    }

    static TestDatabase* db_;
    static ServerProcess* server_;
    static std::int64_t store_, sales_, sales_b_, installer_, installer_b_, warehouse_, sofa_, table_, lamp_, last_;
};

TestDatabase* ContractsApi::db_ = nullptr;
ServerProcess* ContractsApi::server_ = nullptr;
std::int64_t ContractsApi::store_ = 0;
std::int64_t ContractsApi::sales_ = 0;
std::int64_t ContractsApi::sales_b_ = 0;
std::int64_t ContractsApi::installer_ = 0;
std::int64_t ContractsApi::installer_b_ = 0;
std::int64_t ContractsApi::warehouse_ = 0;
std::int64_t ContractsApi::sofa_ = 0;
std::int64_t ContractsApi::table_ = 0;
std::int64_t ContractsApi::lamp_ = 0;
std::int64_t ContractsApi::last_ = 0;

// rules: A2 B11
TEST_F(ContractsApi, AContractNeedsItsFieldsAndLinesAndBadInputWritesNothing) {
    ApiSession sales = As("sales");
    const std::int64_t before = Total(sales, "/api/v1/contracts");
    const HttpResponse empty = sales.Post("/api/v1/contracts", "{}");
    ASSERT_EQ(empty.status, 422) << empty.body;
    const boost::json::value empty_json = empty.Json();
    const auto& fields = empty_json.at("error").at("fields").as_object();
    for (const char* field : {"customer_name", "phone", "address", "lines"}) {
        EXPECT_TRUE(fields.contains(field)) << field;
    }
    const HttpResponse bad = sales.Post(
        "/api/v1/contracts", ContractBody("12-34", R"([{"product_id":999999,"quantity":1},{"quantity":0}])"));
    ASSERT_EQ(bad.status, 422) << bad.body;
    const boost::json::value bad_json = bad.Json();
    const auto& bad_fields = bad_json.at("error").at("fields").as_object();
    EXPECT_EQ(bad_fields.at("phone"), "不是有效的电话号码");
    EXPECT_EQ(bad_fields.at("lines[1].product_id"), "必填");
    EXPECT_EQ(bad_fields.at("lines[1].quantity"), "应在 1 到 10000 之间");
    const HttpResponse wrong_type =
        sales.Post("/api/v1/contracts", ContractBody("13800001111", R"([{"product_id":1,"quantity":"x","size":2}])"));
    const boost::json::value wrong = wrong_type.Json();
    EXPECT_EQ(wrong.at("error").at("fields").at("lines[0].quantity"), "应为整数") << wrong_type.body;
    EXPECT_EQ(wrong.at("error").at("fields").at("lines[0].size"), "不是可识别的字段") << wrong_type.body;
    // A product that does not exist is named by its line, once the rest is right.
    const HttpResponse unknown =
        sales.Post("/api/v1/contracts", ContractBody("13800001111", R"([{"product_id":999999,"quantity":1}])"));
    ASSERT_EQ(unknown.status, 422) << unknown.body;
    EXPECT_EQ(unknown.Json().at("error").at("fields").at("lines[0].product_id"), "商品不存在或已停用");
    // In English for an English caller.
    HttpClient client(port());
    const HttpResponse english = client.Request("POST", "/api/v1/contracts", ContractBody("13800001111", "[]"),
                                                {{"Cookie", sales.cookie()},
                                                 {"X-CSRF-Token", sales.csrf()},
                                                 {"Content-Type", "application/json"},
                                                 {"Accept-Language", "en-US,en;q=0.9"}});
    EXPECT_EQ(english.status, 422);
    EXPECT_EQ(english.Json().at("error").at("fields").at("lines"), "at least one line") << english.body;
    EXPECT_EQ(sales.Post("/api/v1/contracts", "{\"customer_name\":").status, 400);
    // The order follower enters a contract for a salesperson, and must name one.
    ApiSession follower = As("follower");
    const HttpResponse nameless =
        follower.Post("/api/v1/contracts", ContractBody("13800001111", "[" + Line(lamp_, 1) + "]"));
    EXPECT_EQ(nameless.Json().at("error").at("fields").at("salesperson_id"), "请选择导购");
    EXPECT_EQ(As("installer").Post("/api/v1/contracts", ContractBody("13800001111", "[" + Line(lamp_, 1) + "]")).status,
              403);
    EXPECT_EQ(Total(sales, "/api/v1/contracts"), before) << "nothing was written";

    // A well-formed contract records the lines as sold, with the customer's address and requirements (A2, B11).
    std::string body = ContractBody("13800001111", "[" + Line(sofa_, 1) + "," + R"({"product_id":)" + Id(lamp_) +
                                                       R"(,"quantity":2,"unit_price_fen":35000}])");
    body.insert(1, R"("salesperson_id":)" + Id(sales_b_) + ",");
    const HttpResponse created = follower.Post("/api/v1/contracts", body);
    ASSERT_EQ(created.status, 201) << created.body;
    const auto contract = created.Json();
    EXPECT_EQ(Str(contract.at("number")).substr(0, 2), "HT");
    const auto& f = contract.at("fields");
    EXPECT_EQ(f.at("salesperson_id"), sales_b_);
    EXPECT_EQ(f.at("installation_requirements"), "电梯可用，需上门安装餐桌");
    EXPECT_EQ(f.at("special_requirements"), "周末送货");
    EXPECT_EQ(f.at("lines").at(0).at("product_name"), "真皮三人沙发");
    EXPECT_EQ(f.at("lines").at(0).at("model"), "SF-1021-BR");
    EXPECT_EQ(f.at("lines").at(0).at("unit_price_fen"), 1288000);
    EXPECT_EQ(f.at("lines").at(1).at("unit_price_fen"), 35000);
    EXPECT_EQ(f.at("total_fen"), 1288000 + 2 * 35000);
    EXPECT_EQ(Total(sales, "/api/v1/contracts"), before + 1);
    // The system's own steps are not for callers.
    const HttpResponse system_step =
        follower.Post("/api/v1/contracts/" + Id(contract.at("id").as_int64()) + "/actions/goods_ready",
                      R"({"version":1,"inputs":{}})");
    EXPECT_EQ(system_step.status, 404);
    EXPECT_EQ(follower.Post("/api/v1/factory-orders/drafts", R"({"store_id":"x"})")
                  .Json()
                  .at("error")
                  .at("fields")
                  .at("store_id"),
              "应为整数");
}

// rules: A1
TEST_F(ContractsApi, ContractsFromFivePmBelongToTheNextWorkingDaysBatchAndCountAsLate) {
    ApiSession sales = As("sales");
    ApiSession follower = As("follower");
    ApiSession head_office = As("admin");
    // 1 December is a holiday for this store.
    const std::string store = Id(store_);
    const boost::json::value calendar = head_office.Get("/api/v1/stores/" + store + "/calendar").Json();
    const std::string week = boost::json::serialize(calendar.at("week"));
    const HttpResponse put =
        head_office.Send("PUT", "/api/v1/stores/" + store + "/calendar",
                         R"({"version":)" + std::to_string(calendar.at("version").as_int64()) + R"(,"week":)" + week +
                             R"(,"exceptions":[{"date":"2026-12-01","hours":null}]})");
    ASSERT_EQ(put.status, 200) << put.body;

    const auto enter = [&](ApiSession& session, const std::string& at) {
        SetClock(at);
        const HttpResponse created =
            session.Post("/api/v1/contracts", ContractBody("13900002222", "[" + Line(lamp_, 1) + "]"));
        EXPECT_EQ(created.status, 201) << created.body;
        return created.Json().at("fields");
    };
    const auto at_1659 = enter(sales, "2026-11-27T16:59:00+08:00");
    EXPECT_EQ(at_1659.at("batch_date"), "2026-11-27");
    EXPECT_EQ(at_1659.at("late"), false);
    const auto at_1701 = enter(sales, "2026-11-27T17:01:00+08:00");
    EXPECT_EQ(at_1701.at("batch_date"), "2026-11-28");
    EXPECT_EQ(at_1701.at("late"), true);
    // After 17:00 on the eve of the holiday: the batch of the day after it.
    const auto eve = enter(sales, "2026-11-30T17:30:00+08:00");
    EXPECT_EQ(eve.at("batch_date"), "2026-12-02");
    // On the holiday itself, in the morning: not late, but the next working day's batch.
    const auto holiday = enter(sales, "2026-12-01T09:00:00+08:00");
    EXPECT_EQ(holiday.at("batch_date"), "2026-12-02");
    EXPECT_EQ(holiday.at("late"), false);

    // The order follower's board shows the batch of its day.
    SetClock("2026-12-02T08:30:00+08:00");
    const boost::json::value board = follower.Get("/api/v1/contracts/board").Json();
    EXPECT_EQ(board.at("batch_date"), "2026-12-02");
    EXPECT_EQ(board.at("batch").as_array().size(), 2u);
    EXPECT_EQ(board.at("late"), 1);
    // Late submissions per salesperson.
    const boost::json::value report =
        follower.Get("/api/v1/contracts/late-report?from=2026-11-27&to=2026-12-02").Json();
    bool found = false;
    for (const auto& row : report.at("items").as_array()) {
        if (row.at("salesperson_id").as_int64() == sales_) {
            found = true;
            EXPECT_EQ(row.at("contracts"), 4);
            EXPECT_EQ(row.at("late"), 2);
        }
    }
    EXPECT_TRUE(found) << boost::json::serialize(report);
    EXPECT_EQ(follower.Get("/api/v1/contracts/late-report?from=yesterday&to=2026-12-02")
                  .Json()
                  .at("error")
                  .at("fields")
                  .at("from"),
              "应为日期，例如 2026-10-01");
    // Back to a calendar without the holiday for the other tests.
    const boost::json::value now = head_office.Get("/api/v1/stores/" + store + "/calendar").Json();
    ASSERT_EQ(head_office
                  .Send("PUT", "/api/v1/stores/" + store + "/calendar",
                        R"({"version":)" + std::to_string(now.at("version").as_int64()) + R"(,"week":)" + week +
                            R"(,"exceptions":[]})")
                  .status,
              200);
}

// rules: A3
TEST_F(ContractsApi, EightOrderFollowersReservingTheLastUnitLeaveExactlyOneWinner) {
    Receive(last_, 1);
    ApiSession sales = As("sales");
    std::vector<boost::json::value> contracts;
    for (int i = 0; i < 8; ++i) {
        const HttpResponse created =
            sales.Post("/api/v1/contracts", ContractBody("1370000000" + std::to_string(i), "[" + Line(last_, 1) + "]"));
        ASSERT_EQ(created.status, 201) << created.body;
        contracts.push_back(created.Json());
    }
    std::vector<ApiSession> followers;
    for (int i = 0; i < 8; ++i) {
        followers.push_back(As("follower"));
    }
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            const HttpResponse checked = followers[i].Post(Path("contracts", contracts[i]) + "/actions/check_stock",
                                                           R"({"version":1,"inputs":{}})");
            if (checked.status == 200) {
                ok.fetch_add(1);
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(ok.load(), 8) << "every check goes through";
    int winners = 0;
    for (const boost::json::value& contract : contracts) {
        const auto doc = Get(sales, "contracts", contract);
        const auto& line = doc.at("fields").at("lines").at(0);
        winners += static_cast<int>(line.at("reserved").as_int64());
        EXPECT_EQ(line.at("reserved").as_int64() + line.at("need").as_int64(), 1);
    }
    EXPECT_EQ(winners, 1) << "exactly one contract holds the last unit";
    const boost::json::value level = Level(last_);
    EXPECT_EQ(level.at("on_hand"), 1);
    EXPECT_EQ(level.at("reserved"), 1);
    EXPECT_EQ(level.at("available"), 0);
    EXPECT_EQ(LedgerSums(last_), std::make_pair(std::int64_t{1}, std::int64_t{1}));
}

// rules: A4
TEST_F(ContractsApi, LinesStockCannotCoverMustBeOrderedByTheEndOfTheNextWorkingDay) {
    ApiSession sales = As("sales");
    ApiSession follower = As("follower");
    ApiSession supervisor = As("supervisor");
    const HttpResponse created =
        sales.Post("/api/v1/contracts", ContractBody("13600003333", "[" + Line(lamp_, 1) + "]"));
    ASSERT_EQ(created.status, 201);
    const auto contract = created.Json();
    const std::string number = Str(contract.at("number"));
    EXPECT_EQ(TimerOf(contract, "contract.factory_order").at("deadline"), "2026-11-28T15:59:59.999Z");
    ASSERT_EQ(Act(follower, "contracts", contract, "check_stock").status, 200);
    EXPECT_EQ(Get(follower, "contracts", contract).at("state"), "checked");
    // Nobody orders it: the next day ends, the breach is recorded and the supervisors hear of it.
    SetClock("2026-11-29T00:00:30+08:00");
    ASSERT_TRUE(Eventually([&] {
        return TimerOf(Get(follower, "contracts", contract), "contract.factory_order").at("state") == "breached";
    }));
    EXPECT_FALSE(NotificationsOf(supervisor, number, "sla.breach").empty());
}

// rules: A3 A4 A5 A6 B1 B2 B3 B4 B6 B7 B8 B9 B10 B12 B13 B14 B15 B16 Q8 Q23
TEST_F(ContractsApi, FromContractToFollowUpCallThroughStockFactoryArrivalAndDelivery) {
    Receive(sofa_, 1);
    ApiSession sales = As("sales");
    ApiSession follower = As("follower");
    ApiSession agent = As("agent");
    ApiSession supervisor = As("supervisor");
    ApiSession installer = As("installer");
    // A sofa in stock, two tables to be made (the factory takes five days).
    const HttpResponse created = sales.Post(
        "/api/v1/contracts", ContractBody("13500004444", "[" + Line(sofa_, 1) + "," + Line(table_, 2) + "]"));
    ASSERT_EQ(created.status, 201) << created.body;
    const auto contract = created.Json();
    const std::string contract_number = Str(contract.at("number"));
    EXPECT_EQ(NotificationsOf(follower, contract_number, "document.created").size(), 1u) << "the order follower";
    EXPECT_EQ(Act(sales, "contracts", contract, "check_stock").status, 403) << "the order follower checks stock";

    // A3: the stock check reserves the sofa; the tables become a need.
    const HttpResponse checked = Act(follower, "contracts", contract, "check_stock");
    ASSERT_EQ(checked.status, 200) << checked.body;
    const boost::json::value checked_json = checked.Json();
    const auto& lines = checked_json.at("fields").at("lines");
    EXPECT_EQ(lines.at(0).at("reserved"), 1);
    EXPECT_EQ(lines.at(1).at("reserved"), 0);
    EXPECT_EQ(lines.at(1).at("need"), 2);
    EXPECT_EQ(Level(sofa_).at("reserved").as_int64(), 1);

    // A4: the day's factory orders are drafted per factory and placed; the need is gone.
    const HttpResponse drafted = follower.Post("/api/v1/factory-orders/drafts", "{}");
    ASSERT_EQ(drafted.status, 201) << drafted.body;
    boost::json::value order = nullptr;
    const boost::json::value drafted_json = drafted.Json();
    for (const auto& item : drafted_json.at("items").as_array()) {
        const auto doc = follower.Get("/api/v1/factory-orders/" + Id(item.at("id").as_int64())).Json();
        if (doc.at("fields").at("factory") == "南康木业") {
            order = doc;
        }
    }
    ASSERT_FALSE(order.is_null()) << drafted.body;
    EXPECT_EQ(Str(order.at("number")).substr(0, 2), "GC");
    EXPECT_EQ(follower.Post("/api/v1/factory-orders/drafts", "{}").status, 409) << "nothing left to order";
    AdvanceClock(24h);  // the next day, 10:00 on 28 November
    const HttpResponse placed = Act(follower, "factory-orders", order, "place");
    ASSERT_EQ(placed.status, 200) << placed.body;
    // A5: expected five days after placing.
    EXPECT_EQ(placed.Json().at("fields").at("lines").at(0).at("expected_on"), "2026-12-03");
    const auto after_placing = Get(follower, "contracts", contract);
    EXPECT_EQ(TimerOf(after_placing, "contract.factory_order").at("state"), "stopped") << "A4 met";

    // A5: past the expected day without arrival, the order is overdue and the customer's delivery at risk.
    SetClock("2026-12-04T09:00:00+08:00");
    EXPECT_EQ(Get(follower, "factory-orders", order).at("fields").at("overdue"), true);
    const auto at_risk = follower.Get("/api/v1/contracts?at_risk=true").Json();
    bool risky = false;
    for (const auto& row : at_risk.at("items").as_array()) {
        risky = risky || row.at("number") == boost::json::value(contract_number);
    }
    EXPECT_TRUE(risky);
    EXPECT_EQ(follower.Get("/api/v1/factory-orders?overdue=true").Json().at("total"), 1);

    // The tables arrive: into stock, reserved for the contract, which becomes ready with a delivery job (A6).
    EXPECT_EQ(Act(follower, "factory-orders", order, "receive").status, 422) << "the arrival check is required";
    const HttpResponse received =
        Act(follower, "factory-orders", order, "receive", R"("arrival":{"counted":true,"inspected":true})");
    ASSERT_EQ(received.status, 200) << received.body;
    EXPECT_EQ(Get(follower, "contracts", contract).at("state"), "ready");
    EXPECT_EQ(Level(table_).at("on_hand").as_int64(), 2);
    EXPECT_EQ(Level(table_).at("reserved").as_int64(), 2);
    const boost::json::value job = JobOf(agent, contract);
    ASSERT_FALSE(job.is_null());
    const std::string job_number = Str(job.at("number"));
    EXPECT_EQ(job_number.substr(0, 2), "SH");
    EXPECT_EQ(job.at("state"), "to_schedule");
    EXPECT_EQ(NotificationsOf(agent, job_number, "document.created").size(), 1u);
    const auto job_fields = Get(agent, "deliveries", job).at("fields");
    EXPECT_EQ(job_fields.at("installation_requirements"), "电梯可用，需上门安装餐桌") << "B11";
    EXPECT_EQ(job_fields.at("lines").as_array().size(), 2u);

    // B1: date, window, address and crew; a window in the past is refused, naming the field.
    const HttpResponse past =
        Act(agent, "deliveries", job, "schedule",
            Window("2026-12-04T08:00:00+08:00", "2026-12-04T08:30:00+08:00") + R"(,"assignee":)" + Id(installer_));
    EXPECT_EQ(past.status, 422);
    EXPECT_EQ(past.Json().at("error").at("fields").at("inputs.window_start"), "时间应晚于现在");
    const HttpResponse scheduled = Act(agent, "deliveries", job, "schedule",
                                       Window("2026-12-05T09:00:00+08:00", "2026-12-05T12:00:00+08:00") +
                                           R"(,"assignee":)" + Id(installer_) + R"(,"crew":"小王")");
    ASSERT_EQ(scheduled.status, 200) << scheduled.body;
    EXPECT_EQ(NotificationsOf(installer, job_number, "document.schedule").size(), 1u);

    // B3, Q8: a new time without a recorded customer notice is refused; so is a notice after the agreed time.
    const HttpResponse silent =
        Act(agent, "deliveries", job, "reschedule",
            R"("reason":"货车故障",)" + Window("2026-12-06T09:00:00+08:00", "2026-12-06T12:00:00+08:00"));
    EXPECT_EQ(silent.status, 422);
    EXPECT_TRUE(silent.Json().at("error").at("fields").as_object().contains("inputs.customer_notice"));
    const HttpResponse told =
        Act(agent, "deliveries", job, "reschedule",
            Notice("2026-12-04T08:50:00+08:00", "货车故障，向客户致歉，改到周日上午") + R"(,"reason":"货车故障",)" +
                Window("2026-12-06T09:00:00+08:00", "2026-12-06T12:00:00+08:00"));
    ASSERT_EQ(told.status, 200) << told.body;
    EXPECT_EQ(told.Json().at("fields").at("changes").at(0).at("reason"), "货车故障");
    EXPECT_EQ(told.Json().at("state"), "scheduled");

    // B2: the confirmation call; B12: the slip goes to the installer ahead of the visit.
    EXPECT_EQ(Act(agent, "deliveries", job, "send_slip").status, 409) << "not before the confirmation";
    const HttpResponse confirmed =
        Act(agent, "deliveries", job, "confirm",
            Notice("2026-12-04T09:00:00+08:00", "确认姓名、周日上午、型号 TB-300-OAK") +
                R"(,"confirmation":{"name_confirmed":true,"time_confirmed":true,"model_confirmed":true})");
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    ASSERT_EQ(Act(agent, "deliveries", job, "send_slip").status, 200);
    EXPECT_EQ(NotificationsOf(installer, job_number, "document.send_slip").size(), 1u);

    // B4: no leaving without the inspection and its photos.
    SetClock("2026-12-06T07:30:00+08:00");
    const std::string inspection =
        R"("inspection":{"unpacked":true,"inspected":true,"repacked":true,"slip_read":true})";
    const HttpResponse no_photos = Act(installer, "deliveries", job, "inspect", inspection);
    EXPECT_EQ(no_photos.status, 422);
    EXPECT_TRUE(no_photos.Json().at("error").at("fields").as_object().contains("inputs.inspection_photos"));
    EXPECT_EQ(Act(installer, "deliveries", job, "arrive").status, 409) << "not before the inspection";
    ASSERT_EQ(Act(installer, "deliveries", job, "inspect",
                  inspection + R"(,"inspection_photos":[")" + std::string(kPng) + "\"]")
                  .status,
              200);

    // On site: the door checklist (B6, B7, B9, B13), then the customer inspects and signs (B8, B10, B14, Q23).
    SetClock("2026-12-06T09:40:00+08:00");
    const HttpResponse arrived =
        Act(installer, "deliveries", job, "arrive",
            R"("arrival_checklist":{"greeted":true,"id_shown":true,"shoe_covers":true,"floor_protected":true})");
    ASSERT_EQ(arrived.status, 200) << arrived.body;
    const std::string departure =
        R"("departure_checklist":{"placed_as_wanted":true,"to_specification":true,"no_damage":true,)"
        R"("explained":true,"waste_removed":true,"customer_inspected":true,"farewell":true},"rating":5)";
    const HttpResponse unsigned_ = Act(installer, "deliveries", job, "sign_off", departure);
    EXPECT_EQ(unsigned_.status, 422);
    EXPECT_EQ(unsigned_.Json().at("error").at("fields").at("inputs.signature"), "必填");
    const HttpResponse missing_item =
        Act(installer, "deliveries", job, "sign_off",
            R"("departure_checklist":{"placed_as_wanted":true},"rating":5,"signature":{"image":")" + std::string(kPng) +
                R"(","signer":"李晓梅"})");
    EXPECT_EQ(missing_item.status, 422) << "every departure item is confirmed";
    const HttpResponse signed_off =
        Act(installer, "deliveries", job, "sign_off",
            departure + R"(,"signature":{"image":")" + std::string(kPng) + R"(","signer":"李晓梅"})");
    ASSERT_EQ(signed_off.status, 200) << signed_off.body;
    EXPECT_EQ(signed_off.Json().at("fields").at("signer"), "李晓梅");
    EXPECT_EQ(Get(follower, "contracts", contract).at("state"), "delivered");
    // The goods left the warehouse, and the ledger explains every number.
    EXPECT_EQ(Level(table_).at("on_hand").as_int64(), 0);
    EXPECT_EQ(Level(table_).at("reserved").as_int64(), 0);
    EXPECT_EQ(LedgerSums(table_), std::make_pair(std::int64_t{0}, std::int64_t{0}));
    const boost::json::value sofa = Level(sofa_);
    EXPECT_EQ(LedgerSums(sofa_), std::make_pair(sofa.at("on_hand").as_int64(), sofa.at("reserved").as_int64()));

    // B15: the voucher back at after-sales stops its timer and tells the salesperson.
    const auto delivered = Get(agent, "deliveries", job);
    EXPECT_EQ(TimerOf(delivered, "delivery.voucher_return").at("state"), "running");
    ASSERT_EQ(Act(agent, "deliveries", job, "return_voucher", R"("voucher":{"voucher_returned":true})").status, 200);
    EXPECT_EQ(TimerOf(Get(agent, "deliveries", job), "delivery.voucher_return").at("state"), "stopped");
    ASSERT_EQ(NotificationsOf(sales, job_number, "document.return_voucher").size(), 1u);

    // B16: the follow-up call is kept against the crew leader.
    const HttpResponse followed =
        Act(agent, "deliveries", job, "follow_up", R"("satisfaction":5,"remarks":"安装师傅很细心")");
    ASSERT_EQ(followed.status, 200) << followed.body;
    EXPECT_EQ(followed.Json().at("state"), "followed_up");
    const boost::json::value followed_json = followed.Json();
    EXPECT_EQ(followed_json.at("fields").at("follow_ups").at(0).at("satisfaction"), 5);
    EXPECT_EQ(followed_json.at("fields").at("follow_ups").at(0).at("installer_id"), installer_) << "for the assessment";
}

// rules: B1 B3 B5 B12 B15
TEST_F(ContractsApi, ReplacedGoodsTellTheSupervisorAndAVoucherNotBackBreaches) {
    Receive(lamp_, 1);
    ApiSession sales = As("sales");
    ApiSession follower = As("follower");
    ApiSession agent = As("agent");
    ApiSession supervisor = As("supervisor");
    ApiSession installer = As("installer_b");
    const auto contract =
        sales.Post("/api/v1/contracts", ContractBody("13400005555", "[" + Line(lamp_, 1) + "]")).Json();
    ASSERT_EQ(Act(follower, "contracts", contract, "check_stock").status, 200);
    EXPECT_EQ(Get(follower, "contracts", contract).at("state"), "ready") << "all in stock: ready at once";
    const boost::json::value job = JobOf(agent, contract);
    ASSERT_FALSE(job.is_null());
    const std::string number = Str(job.at("number"));
    ASSERT_EQ(
        Act(agent, "deliveries", job, "schedule",
            Window("2026-11-28T14:00:00+08:00", "2026-11-28T17:00:00+08:00") + R"(,"assignee":)" + Id(installer_b_))
            .status,
        200);
    // The dispatch board moves it to the other crew.
    const boost::json::value board = agent.Get("/api/v1/deliveries/board?from=2026-11-28&days=3").Json();
    EXPECT_EQ(board.at("installers").as_array().size(), 2u);
    ASSERT_EQ(Act(agent, "deliveries", job, "reassign", R"("assignee":)" + Id(installer_)).status, 200);
    ASSERT_EQ(Act(agent, "deliveries", job, "reassign", R"("assignee":)" + Id(installer_b_)).status, 200);
    ASSERT_EQ(Act(agent, "deliveries", job, "confirm",
                  Notice("2026-11-27T10:00:00+08:00", "确认") +
                      R"(,"confirmation":{"name_confirmed":true,"time_confirmed":true,"model_confirmed":true})")
                  .status,
              200);
    ASSERT_EQ(Act(agent, "deliveries", job, "send_slip").status, 200);
    // B3: a notice given after the agreed time has begun does not do.
    SetClock("2026-11-28T14:30:00+08:00");
    // B12: the slip goes out ahead of the visit, not once it has begun.
    ASSERT_EQ(Act(agent, "deliveries", job, "reassign", R"("assignee":)" + Id(installer_)).status, 409)
        << "the slip went out: the crew stays";
    const HttpResponse too_late = Act(agent, "deliveries", job, "reschedule",
                                      Notice("2026-11-28T14:20:00+08:00", "晚到") + R"(,"reason":"堵车",)" +
                                          Window("2026-11-28T16:00:00+08:00", "2026-11-28T18:00:00+08:00"));
    EXPECT_EQ(too_late.status, 422);
    EXPECT_EQ(too_late.Json().at("error").at("fields").at("inputs.customer_notice.contacted_at"),
              "应在原约定时间之前告知客户");
    SetClock("2026-11-28T12:00:00+08:00");
    ASSERT_EQ(Act(installer, "deliveries", job, "inspect",
                  R"("inspection":{"unpacked":true,"inspected":true,"repacked":true,"slip_read":true},)"
                  R"("inspection_photos":[")" +
                      std::string(kPng) + "\"]")
                  .status,
              200);
    // B5: the lamp is damaged: replaced, the original taken back, a new time agreed, the supervisor told at once.
    const HttpResponse replaced = Act(installer, "deliveries", job, "replace_goods",
                                      R"("goods":"落地灯 LP-9 灯罩破裂","reason":"开箱发现灯罩破裂",)" +
                                          Notice("2026-11-28T11:55:00+08:00", "致歉，明天同一时间送新灯") + "," +
                                          Window("2026-11-29T14:00:00+08:00", "2026-11-29T17:00:00+08:00"));
    ASSERT_EQ(replaced.status, 200) << replaced.body;
    EXPECT_EQ(replaced.Json().at("state"), "scheduled");
    EXPECT_EQ(replaced.Json().at("fields").at("changes").at(0).at("kind"), "replacement");
    EXPECT_EQ(replaced.Json().at("fields").at("changes").at(0).at("goods"), "落地灯 LP-9 灯罩破裂");
    EXPECT_EQ(NotificationsOf(supervisor, number, "document.replace_goods").size(), 1u);

    // Delivered the next day; the voucher is not back by the end of the day after: a breach.
    ASSERT_EQ(Act(agent, "deliveries", job, "confirm",
                  Notice("2026-11-28T11:58:00+08:00", "确认") +
                      R"(,"confirmation":{"name_confirmed":true,"time_confirmed":true,"model_confirmed":true})")
                  .status,
              200);
    // B12: a slip sent once the agreed time has begun is not "ahead of the visit".
    SetClock("2026-11-29T14:05:00+08:00");
    const HttpResponse slip_late = Act(agent, "deliveries", job, "send_slip");
    EXPECT_EQ(slip_late.status, 409);
    EXPECT_EQ(slip_late.Json().at("error").at("message"), "提货单应在送货时间之前发出");
    SetClock("2026-11-28T12:15:00+08:00");
    ASSERT_EQ(Act(agent, "deliveries", job, "send_slip").status, 200);
    ASSERT_EQ(Act(installer, "deliveries", job, "inspect",
                  R"("inspection":{"unpacked":true,"inspected":true,"repacked":true,"slip_read":true},)"
                  R"("inspection_photos":[")" +
                      std::string(kPng) + "\"]")
                  .status,
              200);
    SetClock("2026-11-29T14:10:00+08:00");
    ASSERT_EQ(Act(installer, "deliveries", job, "arrive",
                  R"("arrival_checklist":{"greeted":true,"id_shown":true,"shoe_covers":true,"floor_protected":true})")
                  .status,
              200);
    ASSERT_EQ(Act(installer, "deliveries", job, "sign_off",
                  R"("departure_checklist":{"placed_as_wanted":true,"to_specification":true,"no_damage":true,)"
                  R"("explained":true,"waste_removed":true,"customer_inspected":true,"farewell":true},"rating":4,)"
                  R"("signature":{"image":")" +
                      std::string(kPng) + R"(","signer":"李晓梅"})")
                  .status,
              200);
    SetClock("2026-12-01T00:00:30+08:00");
    ASSERT_TRUE(Eventually(
        [&] { return TimerOf(Get(agent, "deliveries", job), "delivery.voucher_return").at("state") == "breached"; }));
}

// rules: A3
TEST_F(ContractsApi, StockWritesCheckTheirFieldsAndTheLedgerExplainsEveryLevel) {
    ApiSession follower = As("follower");
    const HttpResponse wrong = follower.Post("/api/v1/stock/receipts", R"({"warehouse_id":"x"})");
    EXPECT_EQ(wrong.Json().at("error").at("fields").at("warehouse_id"), "应为整数") << wrong.body;
    const HttpResponse bad = follower.Post("/api/v1/stock/receipts", R"({"quantity":0})");
    ASSERT_EQ(bad.status, 422);
    const boost::json::value bad_json = bad.Json();
    const auto& fields = bad_json.at("error").at("fields").as_object();
    EXPECT_EQ(fields.at("warehouse_id"), "必填") << bad.body;
    EXPECT_EQ(fields.at("product_id"), "必填");
    EXPECT_EQ(fields.at("quantity"), "应在 1 到 10000 之间");
    const HttpResponse unknown = follower.Post(
        "/api/v1/stock/receipts", R"({"warehouse_id":999999,"product_id":)" + Id(lamp_) + R"(,"quantity":1})");
    EXPECT_EQ(unknown.Json().at("error").at("fields").at("warehouse_id"), "仓库不存在");
    EXPECT_EQ(As("sales").Post("/api/v1/stock/receipts", R"({"warehouse_id":1,"product_id":1,"quantity":1})").status,
              403);
    const HttpResponse duplicate =
        As("admin").Post("/api/v1/warehouses", R"({"code":"WH-XH","name":"重复","store_id":)" + Id(store_) + "}");
    EXPECT_EQ(duplicate.Json().at("error").at("fields").at("code"), "编码已被使用");
    EXPECT_EQ(follower.Get("/api/v1/stock/movements").status, 422) << "a warehouse is named";
    for (const std::int64_t product : {sofa_, table_, lamp_, last_}) {
        const boost::json::value level = Level(product);
        if (!level.is_null()) {
            EXPECT_EQ(LedgerSums(product),
                      std::make_pair(level.at("on_hand").as_int64(), level.at("reserved").as_int64()));
        }
    }
}

}  // namespace
}  // namespace ac::testing

// The permission matrix: every route × every role × own store / another store / a missing record, with the
// expected answer derived from what the server publishes — the route list with each route's permission
// (/api/v1/openapi.json) and the role × permission table with each role's reach (/api/v1/roles) — so that the
// expectations are not a second, hand-written copy of the table.
//
// A route needs a fixture below (how to call it, and which store the record it touches belongs to); a new route
// without one fails this test until one is added.
#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "support/api_session.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace ac::testing {
namespace {

enum class Target { kNone, kOwn, kOther, kMissing };

std::string TargetName(Target target) {
    switch (target) {
        case Target::kNone:
            return "collection";
        case Target::kOwn:
            return "own store";
        case Target::kOther:
            return "another store";
        case Target::kMissing:
            return "missing record";
    }
    return "";
}

// What the matrix needs to call a route for one target.
struct Call {
    std::string target;  // path with the id filled in
    std::string body;    // JSON, empty for none
    std::string content_type = "application/json";
};

struct Fixture {
    std::vector<Target> targets;
    std::function<Call(Target)> make;
};

class PermissionMatrixApi : public ::testing::Test {
  protected:
    void SetUp() override {
        AddUser(db_.url(), "root", "admin", "Table2026xy");
        admin_ = std::make_unique<ApiSession>(server_.port(), "root", "Table2026xy");
        own_store_ = Create("/api/v1/stores", R"({"code":"OWN","name":"本店"})");
        other_store_ = Create("/api/v1/stores", R"({"code":"OTHER","name":"他店"})");
        own_staff_ = Create("/api/v1/staff", StaffBody("target_own", own_store_, ""));
        other_staff_ = Create("/api/v1/staff", StaffBody("target_other", other_store_, ""));
        own_token_ = Create("/api/v1/api-tokens", R"({"staff_id":)" + std::to_string(own_staff_) + R"(,"name":"t"})");
        other_token_ =
            Create("/api/v1/api-tokens", R"({"staff_id":)" + std::to_string(other_staff_) + R"(,"name":"t"})");
        // Chapters A and B: a warehouse per store, a salesperson and an order follower of the own store.
        own_warehouse_ = Create("/api/v1/warehouses",
                                R"({"code":"W-OWN","name":"本店仓","store_id":)" + std::to_string(own_store_) + "}");
        other_warehouse_ = Create("/api/v1/warehouses", R"({"code":"W-OTHER","name":"他店仓","store_id":)" +
                                                            std::to_string(other_store_) + "}");
        own_sales_ = Create("/api/v1/staff", R"({"username":"fx_sales","name":"导购","store_id":)" +
                                                 std::to_string(own_store_) + R"(,"roles":["salesperson"]})");
        Create("/api/v1/staff", R"({"username":"fx_follower","name":"跟单","store_id":)" + std::to_string(own_store_) +
                                    R"(,"roles":["order_follower"],"password":"Follow2026xy"})");
        goods_ = Create("/api/v1/products", R"({"code":"FX-1","name":"矩阵商品","unit_price_fen":100})");
        // Never received: a contract for it always needs a factory order.
        made_to_order_ = Create("/api/v1/products", R"({"code":"FX-2","name":"定制商品","unit_price_fen":100})");
    }

    std::int64_t Create(const std::string& target, const std::string& body) {
        const HttpResponse response = admin_->Post(target, body);
        EXPECT_EQ(response.status, 201) << target << " " << response.body;
        return response.Json().at("id").as_int64();
    }

    static std::string StaffBody(const std::string& username, std::int64_t store, const std::string& password) {
        std::string body = R"({"username":")" + username + R"(","name":")" + username + R"(","store_id":)" +
                           std::to_string(store) + R"(,"roles":["installer"])";
        if (!password.empty()) {
            body += R"(,"password":")" + password + "\"";
        }
        return body + "}";
    }

    std::string Unique() { return std::to_string(++counter_); }

    std::int64_t VersionOf(const std::string& target) { return admin_->Get(target).Json().at("version").as_int64(); }

    // The record a path id points at for each target.
    std::int64_t StoreFor(Target t) {
        return t == Target::kOwn ? own_store_ : t == Target::kOther ? other_store_ : 999'999;
    }
    std::int64_t StaffFor(Target t) {
        return t == Target::kOwn ? own_staff_ : t == Target::kOther ? other_staff_ : 999'999;
    }
    std::int64_t TokenFor(Target t) {
        return t == Target::kOwn ? own_token_ : t == Target::kOther ? other_token_ : 999'999;
    }

    std::map<std::string, Fixture> Fixtures() {
        const std::vector<Target> by_id = {Target::kOwn, Target::kOther, Target::kMissing};
        const std::vector<Target> scoped_create = {Target::kOwn, Target::kOther};
        std::map<std::string, Fixture> fixtures;
        fixtures["GET /api/v1/stores"] = {{Target::kNone}, [](Target) { return Call{"/api/v1/stores", ""}; }};
        // A new store belongs to no caller's store: creating one is a chain-level act.
        fixtures["POST /api/v1/stores"] = {
            {Target::kOther}, [this](Target) {
                const std::string n = Unique();
                return Call{"/api/v1/stores", R"({"code":"N)" + n + R"(","name":"新店)" + n + "\"}"};
            }};
        fixtures["GET /api/v1/stores/{id}"] = {by_id, [this](Target t) {
                                                   return Call{"/api/v1/stores/" + std::to_string(StoreFor(t)), ""};
                                               }};
        fixtures["PATCH /api/v1/stores/{id}"] = {
            by_id, [this](Target t) {
                const std::string path = "/api/v1/stores/" + std::to_string(StoreFor(t));
                const std::int64_t version = t == Target::kMissing ? 1 : VersionOf(path);
                return Call{path,
                            R"({"version":)" + std::to_string(version) + R"(,"address":"地址)" + Unique() + "\"}"};
            }};
        fixtures["GET /api/v1/staff"] = {{Target::kNone}, [](Target) { return Call{"/api/v1/staff", ""}; }};
        fixtures["POST /api/v1/staff"] = {
            scoped_create, [this](Target t) {
                return Call{"/api/v1/staff", StaffBody("new" + Unique(), StoreFor(t), "")};
            }};
        fixtures["GET /api/v1/staff/{id}"] = {by_id, [this](Target t) {
                                                  return Call{"/api/v1/staff/" + std::to_string(StaffFor(t)), ""};
                                              }};
        fixtures["PATCH /api/v1/staff/{id}"] = {
            by_id, [this](Target t) {
                const std::string path = "/api/v1/staff/" + std::to_string(StaffFor(t));
                const std::int64_t version = t == Target::kMissing ? 1 : VersionOf(path);
                return Call{path,
                            R"({"version":)" + std::to_string(version) + R"(,"skills":["技能)" + Unique() + "\"]}"};
            }};
        fixtures["POST /api/v1/staff/{id}/password"] = {
            by_id, [this](Target t) {
                return Call{"/api/v1/staff/" + std::to_string(StaffFor(t)) + "/password",
                            R"({"password":"Matrix)" + Unique() + "x\"}"};
            }};
        fixtures["GET /api/v1/api-tokens"] = {{Target::kNone}, [](Target) { return Call{"/api/v1/api-tokens", ""}; }};
        fixtures["POST /api/v1/api-tokens"] = {
            scoped_create, [this](Target t) {
                return Call{"/api/v1/api-tokens",
                            R"({"staff_id":)" + std::to_string(StaffFor(t)) + R"(,"name":"矩阵"})"};
            }};
        fixtures["DELETE /api/v1/api-tokens/{id}"] = {
            by_id, [this](Target t) {
                return Call{"/api/v1/api-tokens/" + std::to_string(TokenFor(t)), ""};
            }};
        // Webhooks and SLA policies are chain-level: like stores, no store owns them.
        const auto subscription = [this]() {
            return Create("/api/v1/webhooks", R"({"url":"http://127.0.0.1:9/hook","event_types":["sla.breach"]})");
        };
        fixtures["GET /api/v1/webhooks"] = {{Target::kNone}, [](Target) { return Call{"/api/v1/webhooks", ""}; }};
        fixtures["POST /api/v1/webhooks"] = {
            {Target::kOther}, [](Target) {
                return Call{"/api/v1/webhooks", R"({"url":"http://127.0.0.1:9/hook","event_types":["*"]})"};
            }};
        fixtures["DELETE /api/v1/webhooks/{id}"] = {
            {Target::kOther, Target::kMissing}, [subscription](Target t) {
                return Call{"/api/v1/webhooks/" + std::to_string(t == Target::kMissing ? 999'999 : subscription()), ""};
            }};
        fixtures["GET /api/v1/webhooks/{id}/deliveries"] = {
            {Target::kOther, Target::kMissing}, [subscription](Target t) {
                return Call{"/api/v1/webhooks/" + std::to_string(t == Target::kMissing ? 999'999 : subscription()) +
                                "/deliveries",
                            ""};
            }};
        fixtures["PUT /api/v1/stores/{id}/calendar"] = {
            by_id, [this](Target t) {
                const std::string path = "/api/v1/stores/" + std::to_string(StoreFor(t)) + "/calendar";
                const std::int64_t version = t == Target::kMissing ? 0 : VersionOf(path);
                return Call{path, R"({"version":)" + std::to_string(version) +
                                      R"(,"week":{"sun":null},"exceptions":[{"date":"2026-10-01","hours":null}]})"};
            }};
        fixtures["PUT /api/v1/sla-policies/{name}"] = {
            by_id, [this](Target t) {
                return Call{"/api/v1/sla-policies/test.first_contact",
                            R"({"store_id":)" + std::to_string(StoreFor(t)) +
                                R"(,"rule":{"kind":"elapsed_minutes","minutes":)" + Unique() + "}}"};
            }};
        fixtures["DELETE /api/v1/sla-policies/{name}"] = {
            by_id, [this](Target t) {
                return Call{"/api/v1/sla-policies/test.first_contact?store_id=" + std::to_string(StoreFor(t)), ""};
            }};
        // The catalog is shared by the whole chain: no store owns a customer or a product.
        const auto customer = [this]() {
            return Create("/api/v1/customers", R"({"name":"客户","phones":["1390000)" + Pad(Unique()) + R"("]})");
        };
        const auto product = [this]() {
            return Create("/api/v1/products", R"({"code":"P)" + Unique() + R"(","name":"商品","unit_price_fen":100})");
        };
        const std::vector<Target> record = {Target::kNone, Target::kMissing};
        fixtures["GET /api/v1/customers"] = {{Target::kNone}, [](Target) { return Call{"/api/v1/customers", ""}; }};
        fixtures["POST /api/v1/customers"] = {
            {Target::kNone}, [this](Target) {
                return Call{"/api/v1/customers", R"({"name":"新客户","phones":["1380000)" + Pad(Unique()) + R"("]})"};
            }};
        fixtures["POST /api/v1/customers/import"] = {
            {Target::kNone}, [this](Target) {
                return Call{"/api/v1/customers/import", "姓名,电话\n导入客户,1370000" + Pad(Unique()) + "\n",
                            "text/csv"};
            }};
        fixtures["GET /api/v1/customers/{id}"] = {
            record, [customer](Target t) {
                return Call{"/api/v1/customers/" + std::to_string(t == Target::kMissing ? 999'999 : customer()), ""};
            }};
        fixtures["PATCH /api/v1/customers/{id}"] = {
            record, [this, customer](Target t) {
                const std::string path =
                    "/api/v1/customers/" + std::to_string(t == Target::kMissing ? 999'999 : customer());
                const std::int64_t version = t == Target::kMissing ? 1 : VersionOf(path);
                return Call{path, R"({"version":)" + std::to_string(version) + R"(,"notes":"备注"})"};
            }};
        fixtures["POST /api/v1/customers/{id}/merge"] = {
            record, [customer](Target t) {
                const std::int64_t duplicate = customer();
                return Call{
                    "/api/v1/customers/" + std::to_string(t == Target::kMissing ? 999'999 : customer()) + "/merge",
                    R"({"version":1,"duplicate_id":)" + std::to_string(duplicate) + R"(,"duplicate_version":1})"};
            }};
        fixtures["GET /api/v1/products"] = {{Target::kNone}, [](Target) { return Call{"/api/v1/products", ""}; }};
        fixtures["GET /api/v1/product-categories"] = {{Target::kNone}, [](Target) {
                                                          return Call{"/api/v1/product-categories", ""};
                                                      }};
        fixtures["POST /api/v1/products"] = {
            {Target::kNone}, [this](Target) {
                return Call{"/api/v1/products", R"({"code":"N)" + Unique() + R"(","name":"新品","unit_price_fen":1})"};
            }};
        fixtures["POST /api/v1/products/import"] = {
            {Target::kNone}, [this](Target) {
                return Call{"/api/v1/products/import", "编码,名称,单价\nI" + Unique() + ",导入商品,12.50\n",
                            "text/csv"};
            }};
        fixtures["GET /api/v1/products/{id}"] = {
            record, [product](Target t) {
                return Call{"/api/v1/products/" + std::to_string(t == Target::kMissing ? 999'999 : product()), ""};
            }};
        fixtures["PATCH /api/v1/products/{id}"] = {
            record, [this, product](Target t) {
                const std::string path =
                    "/api/v1/products/" + std::to_string(t == Target::kMissing ? 999'999 : product());
                const std::int64_t version = t == Target::kMissing ? 1 : VersionOf(path);
                return Call{path, R"({"version":)" + std::to_string(version) + R"(,"model":"M"})"};
            }};
        fixtures["PUT /api/v1/checklist-templates/{name}"] = {
            by_id, [this](Target t) {
                const std::int64_t store = StoreFor(t == Target::kMissing ? Target::kOwn : t);
                const boost::json::value listed =
                    admin_->Get("/api/v1/checklist-templates?store_id=" + std::to_string(store)).Json();
                std::int64_t version = 0;
                for (const auto& entry : listed.at("items").as_array()) {
                    if (entry.at("name") == "repair.arrival" && !entry.at("store").is_null()) {
                        version = entry.at("store").at("version").as_int64();
                    }
                }
                return Call{"/api/v1/checklist-templates/repair.arrival",
                            R"({"store_id":)" + std::to_string(StoreFor(t)) + R"(,"version":)" +
                                std::to_string(version) + R"(,"items":[{"key":"k)" + Unique() +
                                R"(","zh_cn":"项","en":"item"}]})"};
            }};
        fixtures["DELETE /api/v1/checklist-templates/{name}"] = {
            by_id, [this](Target t) {
                return Call{"/api/v1/checklist-templates/repair.arrival?store_id=" + std::to_string(StoreFor(t)), ""};
            }};
        fixtures["GET /api/v1/repair-tickets"] = {{Target::kNone}, [](Target) {
                                                      return Call{"/api/v1/repair-tickets", ""};
                                                  }};
        fixtures["POST /api/v1/repair-tickets"] = {
            scoped_create, [this](Target t) {
                return Call{"/api/v1/repair-tickets",
                            R"({"customer_name":"矩阵","phone":"13600000001","address":"地址","product_model":"M",)"
                            R"("problem":"异响","symptoms":"咯吱","channel":"phone","store_id":)" +
                                std::to_string(StoreFor(t)) + "}"};
            }};
        ContractFixtures(fixtures);
        return fixtures;
    }

    std::int64_t WarehouseFor(Target t) {
        return t == Target::kOwn ? own_warehouse_ : t == Target::kOther ? other_warehouse_ : 999'999;
    }

    std::string ContractBody(std::int64_t store, std::int64_t product) {
        return R"({"customer_name":"矩阵","phone":"13600000002","address":"地址","salesperson_id":)" +
               std::to_string(own_sales_) + R"(,"store_id":)" + std::to_string(store) + R"(,"lines":[{"product_id":)" +
               std::to_string(product) + R"(,"quantity":1}]})";
    }

    void ContractFixtures(std::map<std::string, Fixture>& fixtures) {
        const std::vector<Target> by_id = {Target::kOwn, Target::kOther, Target::kMissing};
        const std::vector<Target> scoped = {Target::kOwn, Target::kOther};
        const auto collection = [](std::string path) {
            return Fixture{{Target::kNone}, [path](Target) { return Call{path, ""}; }};
        };
        fixtures["GET /api/v1/contracts"] = collection("/api/v1/contracts");
        fixtures["GET /api/v1/contracts/board"] = collection("/api/v1/contracts/board");
        fixtures["GET /api/v1/contracts/late-report"] =
            collection("/api/v1/contracts/late-report?from=2026-11-01&to=2026-11-30");
        fixtures["GET /api/v1/factory-orders"] = collection("/api/v1/factory-orders");
        fixtures["GET /api/v1/deliveries"] = collection("/api/v1/deliveries");
        fixtures["GET /api/v1/deliveries/board"] = collection("/api/v1/deliveries/board");
        fixtures["GET /api/v1/warehouses"] = collection("/api/v1/warehouses");
        fixtures["GET /api/v1/stock"] = collection("/api/v1/stock");
        fixtures["POST /api/v1/contracts"] = {scoped, [this](Target t) {
                                                  return Call{"/api/v1/contracts", ContractBody(StoreFor(t), goods_)};
                                              }};
        fixtures["POST /api/v1/warehouses"] = {
            scoped, [this](Target t) {
                return Call{"/api/v1/warehouses", R"({"code":"W)" + Unique() + R"(","name":"仓","store_id":)" +
                                                      std::to_string(StoreFor(t)) + "}"};
            }};
        fixtures["POST /api/v1/stock/receipts"] = {
            scoped, [this](Target t) {
                return Call{"/api/v1/stock/receipts", R"({"warehouse_id":)" + std::to_string(WarehouseFor(t)) +
                                                          R"(,"product_id":)" + std::to_string(goods_) +
                                                          R"(,"quantity":1})"};
            }};
        fixtures["GET /api/v1/stock/movements"] = {
            by_id, [this](Target t) {
                return Call{"/api/v1/stock/movements?warehouse_id=" + std::to_string(WarehouseFor(t)), ""};
            }};
        // Each draft needs a checked contract lacking goods: the order follower enters and checks one first.
        fixtures["POST /api/v1/factory-orders/drafts"] = {
            scoped, [this](Target t) {
                ApiSession follower(server_.port(), "fx_follower", "Follow2026xy");
                const boost::json::value contract =
                    follower.Post("/api/v1/contracts", ContractBody(own_store_, made_to_order_)).Json();
                follower.Post(
                    "/api/v1/contracts/" + std::to_string(contract.at("id").as_int64()) + "/actions/check_stock",
                    R"({"version":1,"inputs":{}})");
                return Call{"/api/v1/factory-orders/drafts", R"({"store_id":)" + std::to_string(StoreFor(t)) + "}"};
            }};
    }

    // `n` as four digits ("0042"), to make unique phone numbers.
    static std::string Pad(const std::string& n) {
        return std::string(4 - std::min<std::size_t>(4, n.size()), '0') + n;
    }

    TestDatabase db_;
    // Test routes on: they register the test ticket's SLA policies (the test routes themselves are open to all).
    ServerProcess server_{ServerConfig{.db_url = db_.url(), .test_routes = true}};
    std::unique_ptr<ApiSession> admin_;
    std::int64_t own_store_ = 0;
    std::int64_t other_store_ = 0;
    std::int64_t own_staff_ = 0;
    std::int64_t other_staff_ = 0;
    std::int64_t own_token_ = 0;
    std::int64_t own_warehouse_ = 0;
    std::int64_t other_warehouse_ = 0;
    std::int64_t own_sales_ = 0;
    std::int64_t goods_ = 0;
    std::int64_t made_to_order_ = 0;
    std::int64_t other_token_ = 0;
    int counter_ = 0;
};

TEST_F(PermissionMatrixApi, EveryRoleGetsExactlyWhatTheTableGrants) {
    // The table, as the server publishes it.
    struct RoleRow {
        std::string code;
        bool chain_wide = false;
        std::set<std::string> permissions;
    };
    std::vector<RoleRow> roles;
    const auto published = admin_->Get("/api/v1/roles").Json();
    for (const auto& role : published.at("items").as_array()) {
        RoleRow row{std::string(role.at("code").as_string()), role.at("chain_wide").as_bool(), {}};
        for (const auto& permission : role.at("permissions").as_array()) {
            row.permissions.insert(std::string(permission.as_string()));
        }
        roles.push_back(std::move(row));
    }
    ASSERT_EQ(roles.size(), 9u);

    // One caller per role, all in the own store.
    std::map<std::string, std::unique_ptr<ApiSession>> callers;
    for (const RoleRow& role : roles) {
        const std::string username = "m_" + role.code;
        const std::string body = R"({"username":")" + username + R"(","name":")" + username + R"(","store_id":)" +
                                 std::to_string(own_store_) + R"(,"roles":[")" + role.code +
                                 R"("],"password":"Caller2026x"})";
        ASSERT_EQ(admin_->Post("/api/v1/staff", body).status, 201) << role.code;
        callers[role.code] = std::make_unique<ApiSession>(server_.port(), username, "Caller2026x");
    }

    // The routes, as the server publishes them.
    HttpClient client(server_.port());
    const auto paths = client.Get("/api/v1/openapi.json").Json().at("paths").as_object();
    auto fixtures = Fixtures();
    std::size_t checked = 0;
    std::set<std::string> covered;
    for (const auto& item : paths) {
        for (const auto& operation : item.value().as_object()) {
            std::string method(operation.key());
            std::transform(method.begin(), method.end(), method.begin(), ::toupper);
            const std::string permission(operation.value().at("x-permission").as_string());
            if (permission == "public" || permission == "authenticated") {
                continue;  // open to everyone (signed in): proven in auth_api_test
            }
            const std::string route = method + " " + std::string(item.key());
            const auto fixture = fixtures.find(route);
            ASSERT_NE(fixture, fixtures.end()) << "add a permission-matrix fixture for " << route;
            covered.insert(route);
            for (const RoleRow& role : roles) {
                const bool granted = role.permissions.contains(permission);
                for (const Target target : fixture->second.targets) {
                    const Call call = fixture->second.make(target);
                    // Refused without the permission, or for another store without a chain-wide reach; a
                    // missing record is 404 to whoever may look; anything else succeeds (any 2xx).
                    int expected = 0;
                    if (!granted || (target == Target::kOther && !role.chain_wide)) {
                        expected = 403;
                    } else if (target == Target::kMissing) {
                        expected = 404;
                    }
                    const HttpResponse response =
                        callers[role.code]->Send(method, call.target, call.body, true, call.content_type);
                    const std::string where = route + " as " + role.code + " on " + TargetName(target) + " (needs " +
                                              permission + "): " + response.body;
                    if (expected != 0) {
                        EXPECT_EQ(response.status, expected) << where;
                    } else {
                        EXPECT_EQ(response.status / 100, 2) << where;
                    }
                    ++checked;
                }
            }
        }
    }
    for (const auto& [route, fixture] : fixtures) {
        EXPECT_TRUE(covered.contains(route)) << "fixture for a route the server does not have: " << route;
    }
    EXPECT_GE(checked, 200u);
}

}  // namespace
}  // namespace ac::testing

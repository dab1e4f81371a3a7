// Stores and staff over HTTP: bad input, store scope, versions.
#include <gtest/gtest.h>

#include "support/api_session.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace ac::testing {
namespace {

class IdentityApi : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = new TestDatabase();
        AddUser(db_->url(), "admin", "admin", "Counter2026x");
        server_ = new ServerProcess(ServerConfig{.db_url = db_->url()});
        ApiSession admin(port(), "admin", "Counter2026x");
        store_a_ = admin.Post("/api/v1/stores", R"({"code":"SH01","name":"上海徐汇店","phone":"021-6400 0001"})")
                       .Json()
                       .at("id")
                       .as_int64();
        store_b_ = admin.Post("/api/v1/stores", R"({"code":"SH02","name":"上海浦东店"})").Json().at("id").as_int64();
    }
    static void TearDownTestSuite() {
        delete server_;
        delete db_;
    }
    static std::uint16_t port() { return server_->port(); }
    static std::int64_t StaffTotal(ApiSession& session) {
        return session.Get("/api/v1/staff").Json().at("total").as_int64();
    }

    static TestDatabase* db_;
    static ServerProcess* server_;
    static std::int64_t store_a_;
    static std::int64_t store_b_;
};

TestDatabase* IdentityApi::db_ = nullptr;
ServerProcess* IdentityApi::server_ = nullptr;
std::int64_t IdentityApi::store_a_ = 0;
std::int64_t IdentityApi::store_b_ = 0;

TEST_F(IdentityApi, StoresAndStaffAreCreatedAndRead) {
    ApiSession admin(port(), "admin", "Counter2026x");
    const auto store = admin.Get("/api/v1/stores/" + std::to_string(store_a_)).Json();
    EXPECT_EQ(store.at("code"), "SH01");
    EXPECT_EQ(store.at("phone"), "02164000001");
    EXPECT_EQ(store.at("time_zone"), "Asia/Shanghai");
    const HttpResponse created = admin.Post(
        "/api/v1/staff", R"({"username":"Zhou.Tao","name":"周涛","phone":"139 0000 0009","employee_no":"E009",
            "store_id":)" + std::to_string(store_a_) +
                             R"(,"roles":["technician"],"skills":["沙发维修","皮革修复"]})");
    ASSERT_EQ(created.status, 201) << created.body;
    const auto staff = created.Json();
    EXPECT_EQ(staff.at("username"), "zhou.tao");
    EXPECT_EQ(staff.at("phone"), "13900000009");
    EXPECT_EQ(staff.at("store_id"), store_a_);
    EXPECT_EQ(staff.at("has_password"), false);
    EXPECT_EQ(staff.at("skills").as_array().size(), 2u);
    const auto read = admin.Get("/api/v1/staff/" + std::to_string(staff.at("id").as_int64())).Json();
    EXPECT_EQ(read.at("name"), "周涛");
    const auto found = admin.Get("/api/v1/staff?q=%E5%91%A8&role=technician").Json();
    EXPECT_EQ(found.at("total"), 1);
    EXPECT_EQ(found.at("items").at(0).at("username"), "zhou.tao");
}

TEST_F(IdentityApi, BadInputNamesEveryFieldAndWritesNothing) {
    ApiSession admin(port(), "admin", "Counter2026x");
    const std::int64_t before = StaffTotal(admin);
    const HttpResponse response = admin.Post("/api/v1/staff", R"({"username":"a b","name":")" + std::string(51, 'x') +
                                                                  R"(","phone":"12345","roles":["boss"],"active":"yes",
            "store_id":"SH01","password":"weak","nickname":"小周"})");
    EXPECT_EQ(response.status, 422);
    const auto fields = response.Json().at("error").at("fields").as_object();
    EXPECT_EQ(fields.at("active"), "应为 true 或 false") << "types are checked first";
    EXPECT_EQ(fields.at("store_id"), "应为整数");
    EXPECT_EQ(fields.at("nickname"), "不是可识别的字段");
    const HttpResponse rules =
        admin.Post("/api/v1/staff", R"({"username":"a b","name":")" + std::string(51, 'x') +
                                        R"(","phone":"12345","roles":["boss"],"password":"weak"})");
    EXPECT_EQ(rules.status, 422);
    const auto rule_fields = rules.Json().at("error").at("fields").as_object();
    EXPECT_EQ(rule_fields.at("username"), "只能使用小写字母、数字、点、下划线和连字符，并以字母或数字开头");
    EXPECT_EQ(rule_fields.at("name"), "不能超过 50 个字符");
    EXPECT_EQ(rule_fields.at("phone"), "不是有效的电话号码");
    EXPECT_EQ(rule_fields.at("roles[0]"), "不是有效的角色：boss");
    EXPECT_EQ(rule_fields.at("password"), "密码需 8–128 位，同时包含字母和数字，且不能包含用户名");
    EXPECT_EQ(StaffTotal(admin), before) << "nothing was written";

    const HttpResponse malformed = admin.Post("/api/v1/staff", R"({"username": "x",)");
    EXPECT_EQ(malformed.status, 400);
    const HttpResponse store = admin.Post("/api/v1/stores", R"({"code":"X","time_zone":"Asia/Beijing"})");
    const auto store_fields = store.Json().at("error").at("fields").as_object();
    EXPECT_EQ(store_fields.at("code"), "至少需要 2 个字符");
    EXPECT_EQ(store_fields.at("name"), "不能为空") << "missing, reported with the other fields";
    EXPECT_EQ(store_fields.at("time_zone"), "不是有效的时区（例如 Asia/Shanghai）");
}

TEST_F(IdentityApi, DuplicatesAreRefusedPerField) {
    ApiSession admin(port(), "admin", "Counter2026x");
    ASSERT_EQ(admin
                  .Post("/api/v1/staff", R"({"username":"dup","name":"甲","phone":"13600000001","employee_no":"D1",
                                             "roles":["installer"]})")
                  .status,
              201);
    const std::int64_t before = StaffTotal(admin);
    const HttpResponse again = admin.Post(
        "/api/v1/staff",
        R"({"username":"DUP","name":"乙","phone":"+86 136 0000 0001","employee_no":"D1","roles":["installer"]})");
    EXPECT_EQ(again.status, 422);
    const auto fields = again.Json().at("error").at("fields").as_object();
    EXPECT_EQ(fields.at("username"), "已被使用");
    EXPECT_EQ(fields.at("phone"), "已被使用");
    EXPECT_EQ(fields.at("employee_no"), "已被使用");
    EXPECT_EQ(StaffTotal(admin), before);
    EXPECT_EQ(
        admin.Post("/api/v1/stores", R"({"code":"sh01","name":"重复"})").Json().at("error").at("fields").at("code"),
        "已被使用");
}

TEST_F(IdentityApi, AStaleVersionIsAConflict) {
    ApiSession admin(port(), "admin", "Counter2026x");
    const auto created = admin.Post("/api/v1/stores", R"({"code":"VER1","name":"版本店"})").Json();
    const std::string target = "/api/v1/stores/" + std::to_string(created.at("id").as_int64());
    EXPECT_EQ(admin.Patch(target, R"({"version":1,"name":"第一次"})").status, 200);
    const HttpResponse stale = admin.Patch(target, R"({"version":1,"name":"第二次"})");
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(stale.Json().at("error").at("code"), "conflict");
    EXPECT_EQ(admin.Get(target).Json().at("name"), "第一次");
    EXPECT_EQ(admin.Patch(target, R"({"name":"没有版本"})").Json().at("error").at("fields").at("version"), "必填");
}

TEST_F(IdentityApi, QueryParametersAreChecked) {
    ApiSession admin(port(), "admin", "Counter2026x");
    const HttpResponse bad = admin.Get("/api/v1/staff?page=0&page_size=500&role=boss&pagesize=10");
    EXPECT_EQ(bad.status, 422);
    const auto fields = bad.Json().at("error").at("fields").as_object();
    EXPECT_TRUE(fields.contains("page"));
    EXPECT_TRUE(fields.contains("page_size"));
    EXPECT_TRUE(fields.contains("role"));
    EXPECT_EQ(fields.at("pagesize"), "不是可识别的参数");
    EXPECT_EQ(admin.Get("/api/v1/staff/abc").status, 404);
    EXPECT_EQ(admin.Get("/api/v1/staff/999999").status, 404);
}

TEST_F(IdentityApi, StoreStaffSeeOnlyTheirStore) {
    ApiSession admin(port(), "admin", "Counter2026x");
    const auto make = [&](const std::string& username, std::int64_t store, const std::string& role) {
        const HttpResponse r = admin.Post(
            "/api/v1/staff", R"({"username":")" + username + R"(","name":")" + username + R"(","store_id":)" +
                                 std::to_string(store) + R"(,"roles":[")" + role + R"("],"password":"Scope2026x"})");
        EXPECT_EQ(r.status, 201) << r.body;
        return r.Json().at("id").as_int64();
    };
    make("scope_agent_a", store_a_, "aftersales_agent");
    const std::int64_t other = make("scope_tech_b", store_b_, "technician");
    ApiSession agent(port(), "scope_agent_a", "Scope2026x");
    const auto seen = agent.Get("/api/v1/staff?page_size=200").Json();
    for (const auto& staff : seen.at("items").as_array()) {
        EXPECT_EQ(staff.at("store_id"), store_a_) << staff.at("username");
    }
    EXPECT_EQ(agent.Get("/api/v1/staff/" + std::to_string(other)).status, 403);
    EXPECT_EQ(agent.Get("/api/v1/staff?store_id=" + std::to_string(store_b_)).Json().at("total"), 0);
    EXPECT_EQ(agent.Get("/api/v1/stores").Json().at("total"), 1);
    EXPECT_EQ(agent.Get("/api/v1/stores/" + std::to_string(store_b_)).status, 403);
    const HttpResponse write = agent.Post("/api/v1/stores", R"({"code":"NOPE","name":"不行"})");
    EXPECT_EQ(write.status, 403);
    EXPECT_EQ(write.Json().at("error").at("message"), "没有权限（需要：stores.write）");
}

TEST_F(IdentityApi, TheLastAdministratorCannotBeDeactivated) {
    ApiSession admin(port(), "admin", "Counter2026x");
    const std::string target = "/api/v1/staff/" + std::to_string(admin.staff_id());
    const std::int64_t version = admin.Get(target).Json().at("version").as_int64();
    const HttpResponse refused =
        admin.Patch(target, R"({"version":)" + std::to_string(version) + R"(,"active":false})");
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(refused.Json().at("error").at("code"), "failed_precondition");
    EXPECT_EQ(admin.Get("/api/v1/auth/me").status, 200);
}

}  // namespace
}  // namespace ac::testing

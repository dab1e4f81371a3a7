// Customers and products over HTTP: Chinese search, field errors in the caller's language, versions, merging
// duplicates, CSV imports that are all or nothing.
#include <algorithm>
#include <thread>

#include <gtest/gtest.h>

#include "support/api_session.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace ac::testing {
namespace {

class CatalogApi : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = new TestDatabase();
        AddUser(db_->url(), "admin", "admin", "Counter2026x");
        server_ = new ServerProcess(ServerConfig{.db_url = db_->url()});
        ApiSession admin(port(), "admin", "Counter2026x");
        admin.Post("/api/v1/stores", R"({"code":"SH01","name":"上海徐汇店"})");
        admin.Post("/api/v1/staff", R"({"username":"sales","name":"张敏","store_id":1,"roles":["salesperson"],
                                        "password":"Counter2026x"})");
        admin.Post("/api/v1/staff", R"({"username":"fixer","name":"周涛","store_id":1,"roles":["technician"],
                                        "password":"Counter2026x"})");
    }
    static void TearDownTestSuite() {
        delete server_;
        delete db_;
    }
    static std::uint16_t port() { return server_->port(); }
    static std::int64_t Total(ApiSession& session, const std::string& target) {
        return session.Get(target).Json().at("total").as_int64();
    }
    static HttpResponse Csv(ApiSession& session, const std::string& target, const std::string& csv) {
        return session.Send("POST", target, csv, true, "text/csv; charset=utf-8");
    }

    static TestDatabase* db_;
    static ServerProcess* server_;
};

TestDatabase* CatalogApi::db_ = nullptr;
ServerProcess* CatalogApi::server_ = nullptr;

TEST_F(CatalogApi, CustomersAreFoundByAnyPartOfNamePhoneOrAddress) {
    ApiSession sales(port(), "sales", "Counter2026x");
    const HttpResponse created = sales.Post("/api/v1/customers", R"({"name":"欧阳小明","phones":["139 1234 5678",
        "021-6234 5678"],"addresses":[{"district":"浦东新区","address":"张杨路 500 号 12 楼"}],"notes":"周末在家"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const auto customer = created.Json();
    EXPECT_EQ(customer.at("phones").at(0), "13912345678");
    EXPECT_EQ(customer.at("phones").at(1), "02162345678");
    EXPECT_EQ(customer.at("version"), 1);
    ASSERT_EQ(sales.Post("/api/v1/customers", R"({"name":"李秀英","phones":["13800001111"]})").status, 201);

    // Substrings in Chinese (percent-encoded as a browser sends them), of a phone with spaces, of a district.
    for (const std::string q : {"%E5%B0%8F%E6%98%8E", "1234%205678", "%E6%B5%A6%E4%B8%9C", "6234"}) {
        const auto found = sales.Get("/api/v1/customers?q=" + q).Json();
        ASSERT_EQ(found.at("total"), 1) << q;
        EXPECT_EQ(found.at("items").at(0).at("name"), "欧阳小明") << q;
    }
    EXPECT_EQ(Total(sales, "/api/v1/customers?q=%E7%8E%8B%E4%BA%94"), 0);
    // The search index follows a change: the old district is no longer found, the new one is.
    const std::string path = "/api/v1/customers/" + std::to_string(customer.at("id").as_int64());
    const HttpResponse moved =
        sales.Patch(path, R"({"version":1,"addresses":[{"district":"闵行区","address":"七莘路 88 号"}]})");
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(Total(sales, "/api/v1/customers?q=%E6%B5%A6%E4%B8%9C"), 0);                             // 浦东
    EXPECT_EQ(Total(sales, "/api/v1/customers?q=%E4%B8%83%E8%8E%98%E8%B7%AF"), 1);                    // 七莘路
    EXPECT_EQ(Total(sales, "/api/v1/customers?q=%E9%97%B5"), 1) << "one character";                   // 闵
    EXPECT_EQ(Total(sales, "/api/v1/customers?q=%E5%B0%8F%E6%98%8E%20%E4%B8%83"), 1) << "two terms";  // 小明 七
    EXPECT_EQ(sales.Get("/api/v1/customers?q=1").Json().at("total_capped"), false);
    // Sorting by name is by code point on both databases; paging keeps the total.
    const auto page = sales.Get("/api/v1/customers?sort=name&page_size=1&page=2").Json();
    EXPECT_EQ(page.at("total").as_int64(), Total(sales, "/api/v1/customers"));
    EXPECT_EQ(page.at("items").as_array().size(), 1u);
    EXPECT_EQ(sales.Get("/api/v1/customers?sort=age").status, 422);
}

TEST_F(CatalogApi, BadInputNamesTheFieldInTheCallersLanguageAndWritesNothing) {
    ApiSession sales(port(), "sales", "Counter2026x");
    ASSERT_EQ(sales.Post("/api/v1/customers", R"({"name":"王建国","phones":["13911112222"]})").status, 201);
    const std::int64_t before = Total(sales, "/api/v1/customers");

    const HttpResponse zh = sales.Post("/api/v1/customers", R"({"name":" ","phones":["1234","13911112222"],
        "addresses":[{"district":"徐汇区"}],"age":3})");
    EXPECT_EQ(zh.status, 422);
    auto fields = zh.Json().at("error").at("fields").as_object();
    EXPECT_EQ(fields.at("age"), "不是可识别的字段") << "types and names are checked first";
    const HttpResponse rules = sales.Post("/api/v1/customers", R"({"name":" ","phones":["1234","13911112222"],
        "addresses":[{"district":"徐汇区"}]})");
    fields = rules.Json().at("error").at("fields").as_object();
    EXPECT_EQ(fields.at("addresses[0].address"), "不能为空");
    EXPECT_EQ(fields.at("name"), "不能为空");
    EXPECT_EQ(fields.at("phones[0]"), "不是有效的电话号码");
    const HttpResponse taken = sales.Post("/api/v1/customers", R"({"name":"王建国","phones":["139 1111 2222"]})");
    EXPECT_EQ(taken.status, 422);
    EXPECT_NE(std::string(taken.Json().at("error").at("fields").at("phones[0]").as_string()).find("王建国"),
              std::string::npos);

    HttpClient english(port());
    const HttpResponse en = english.Request("POST", "/api/v1/customers", R"({"name":"Bob","phones":[]})",
                                            {{"Cookie", sales.cookie()},
                                             {"X-CSRF-Token", sales.csrf()},
                                             {"Content-Type", "application/json"},
                                             {"Accept-Language", "en-US,en;q=0.9"}});
    EXPECT_EQ(en.status, 422);
    EXPECT_EQ(en.Json().at("error").at("fields").at("phones"), "must have at least 1 item(s)");
    EXPECT_EQ(sales.Post("/api/v1/customers", R"({"name":"x",)").status, 400);
    EXPECT_EQ(Total(sales, "/api/v1/customers"), before) << "nothing was written";

    // A technician reads the catalog but does not register customers.
    ApiSession fixer(port(), "fixer", "Counter2026x");
    EXPECT_EQ(fixer.Get("/api/v1/customers").status, 200);
    EXPECT_EQ(fixer.Post("/api/v1/customers", R"({"name":"x","phones":["13900000000"]})").status, 403);
}

TEST_F(CatalogApi, ConcurrentRegistrationsOfOnePhoneMakeOneCustomer) {
    std::vector<int> statuses(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        threads.emplace_back([&statuses, i] {
            ApiSession sales(port(), "sales", "Counter2026x");
            statuses[i] = sales.Post("/api/v1/customers", R"({"name":"并发客户","phones":["13977778888"]})").status;
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
    for (const int status : statuses) {
        EXPECT_TRUE(status == 201 || status == 422 || status == 409) << status;
    }
    ApiSession sales(port(), "sales", "Counter2026x");
    EXPECT_EQ(Total(sales, "/api/v1/customers?q=13977778888"), 1);
}

TEST_F(CatalogApi, AStaleVersionIsAConflictAndChangesNothing) {
    ApiSession sales(port(), "sales", "Counter2026x");
    const auto customer = sales.Post("/api/v1/customers", R"({"name":"赵敏","phones":["13922223333"]})").Json();
    const std::string path = "/api/v1/customers/" + std::to_string(customer.at("id").as_int64());
    const HttpResponse first = sales.Patch(path, R"({"version":1,"notes":"下午方便"})");
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(first.Json().at("version"), 2);
    const HttpResponse stale = sales.Patch(path, R"({"version":1,"notes":"上午方便"})");
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(sales.Get(path).Json().at("notes"), "下午方便");
    EXPECT_EQ(sales.Get("/api/v1/customers/999999").status, 404);
}

TEST_F(CatalogApi, MergingMovesPhonesAndAddressesAndHidesTheDuplicate) {
    ApiSession admin(port(), "admin", "Counter2026x");
    const auto keep = admin
                          .Post("/api/v1/customers", R"({"name":"陈丽华","phones":["13933334444"],
        "addresses":[{"district":"长宁区","address":"天山路 600 弄"}]})")
                          .Json();
    const auto duplicate = admin
                               .Post("/api/v1/customers", R"({"name":"陈丽华（重复）","phones":["13933335555"],
        "addresses":[{"district":"闵行区","address":"莘松路 380 弄"}],"notes":"老人在家"})")
                               .Json();
    const std::string keep_path = "/api/v1/customers/" + std::to_string(keep.at("id").as_int64());
    const std::string body = R"({"version":1,"duplicate_id":)" + std::to_string(duplicate.at("id").as_int64()) +
                             R"(,"duplicate_version":1})";
    const HttpResponse self =
        admin.Post(keep_path + "/merge", R"({"version":1,"duplicate_id":)" + std::to_string(keep.at("id").as_int64()) +
                                             R"(,"duplicate_version":1})");
    EXPECT_EQ(self.status, 422);
    const HttpResponse merged = admin.Post(keep_path + "/merge", body);
    ASSERT_EQ(merged.status, 200) << merged.body;
    const auto result = merged.Json();
    EXPECT_EQ(result.at("phones").as_array().size(), 2u);
    EXPECT_EQ(result.at("addresses").as_array().size(), 2u);
    EXPECT_EQ(result.at("notes"), "老人在家");
    EXPECT_EQ(admin.Post(keep_path + "/merge", body).status, 409) << "the same merge again is stale";

    const auto gone = admin.Get("/api/v1/customers/" + std::to_string(duplicate.at("id").as_int64())).Json();
    EXPECT_EQ(gone.at("merged_into"), keep.at("id"));
    EXPECT_EQ(Total(admin, "/api/v1/customers?q=%E9%99%88%E4%B8%BD%E5%8D%8E"), 1) << "only the kept one is listed";
    EXPECT_EQ(Total(admin, "/api/v1/customers?q=13933335555"), 1) << "found by the duplicate's phone";
    ApiSession sales(port(), "sales", "Counter2026x");
    EXPECT_EQ(sales.Post(keep_path + "/merge", body).status, 403) << "a salesperson may not merge";
}

TEST_F(CatalogApi, ACustomerImportIsAllOrNothingWithAReportPerRow) {
    ApiSession sales(port(), "sales", "Counter2026x");
    const std::int64_t before = Total(sales, "/api/v1/customers");
    const std::string bad =
        "\xEF\xBB\xBF姓名,电话,区,地址,备注\n"
        "孙丽,13944440001,黄浦区,西藏南路 1200 号,\n"
        "马超,电话不详,浦东新区,花木路 800 弄,\"新房装修中，\n请先电话\"\n"
        ",13944440002,,,\n"
        "朱海燕,13944440001,,,\n";
    const HttpResponse refused = Csv(sales, "/api/v1/customers/import", bad);
    EXPECT_EQ(refused.status, 422) << refused.body;
    const auto fields = refused.Json().at("error").at("fields").as_object();
    EXPECT_EQ(fields.at("rows[3].phones[0]"), "不是有效的电话号码");
    EXPECT_EQ(fields.at("rows[4].name"), "不能为空");
    EXPECT_EQ(fields.at("rows[5].phones[0]"), "与第 2 行的电话重复");
    EXPECT_EQ(fields.size(), 3u);
    EXPECT_EQ(Total(sales, "/api/v1/customers"), before) << "nothing half-imported";

    const std::string good =
        "姓名,电话,区,地址,备注\n"
        "孙丽,13944440001 / 021-63330000,黄浦区,西藏南路 1200 号,\n"
        "马超,13944440003,浦东新区,花木路 800 弄,\"新房装修中，\n请先电话\"\n";
    const HttpResponse dry = Csv(sales, "/api/v1/customers/import?dry_run=true", good);
    ASSERT_EQ(dry.status, 200) << dry.body;
    EXPECT_EQ(dry.Json().at("created"), 2);
    EXPECT_EQ(Total(sales, "/api/v1/customers"), before);
    const HttpResponse imported = Csv(sales, "/api/v1/customers/import", good);
    ASSERT_EQ(imported.status, 201) << imported.body;
    EXPECT_EQ(Total(sales, "/api/v1/customers"), before + 2);
    const auto sun = sales.Get("/api/v1/customers?q=%E5%AD%99%E4%B8%BD").Json().at("items").at(0);
    EXPECT_EQ(sun.at("phones").as_array().size(), 2u);
    const auto ma = sales.Get("/api/v1/customers?q=13944440003").Json().at("items").at(0);
    EXPECT_EQ(ma.at("notes"), "新房装修中，\n请先电话");
    EXPECT_EQ(Csv(sales, "/api/v1/customers/import", good).status, 422) << "phones now taken";

    // A file saved by a spreadsheet in Chinese as plain CSV (GB18030).
    const std::string gbk =
        "\xD0\xD5\xC3\xFB,\xB5\xE7\xBB\xB0,\xC7\xF8,\xB5\xD8\xD6\xB7\n\xD5\xC5\xC8\xFD,13700001111,"
        "\xD0\xEC\xBB\xE3\xC7\xF8,\xE4\xEE\xCF\xAA\xB1\xB1\xC2\xB7 1 \xBA\xC5\n";
    ASSERT_EQ(Csv(sales, "/api/v1/customers/import", gbk).status, 201);
    const auto zhang = sales.Get("/api/v1/customers?q=13700001111").Json().at("items").at(0);
    EXPECT_EQ(zhang.at("name"), "张三");
    EXPECT_EQ(zhang.at("addresses").at(0).at("district"), "徐汇区");

    EXPECT_EQ(Csv(sales, "/api/v1/customers/import", "姓名,年龄\n张三,30\n").status, 422);
    EXPECT_EQ(Csv(sales, "/api/v1/customers/import", "姓名,电话\n\"张三,1370000\n").status, 400);
    EXPECT_EQ(sales.Post("/api/v1/customers/import", R"({"rows":[]})").status, 415);
}

TEST_F(CatalogApi, ProductsKeepPricesInFenAndImportsUpdateByCode) {
    ApiSession admin(port(), "admin", "Counter2026x");
    const HttpResponse created =
        admin.Post("/api/v1/products", R"({"code":"sf-1021","name":"真皮三人沙发","model":"SF-1021-BR",
            "category":"沙发","unit_price_fen":1288000,"warranty_months":36,"installation_required":true})");
    ASSERT_EQ(created.status, 201) << created.body;
    const auto product = created.Json();
    EXPECT_EQ(product.at("code"), "SF-1021");
    EXPECT_EQ(product.at("lead_time_days"), 3) << "factory lead time defaults to three days (A5)";
    EXPECT_EQ(admin.Post("/api/v1/products", R"({"code":"SF-1021","name":"x","unit_price_fen":1})").status, 422);
    const HttpResponse bad = admin.Post("/api/v1/products", R"({"code":"a b","name":"","unit_price_fen":-1,
        "lead_time_days":400})");
    const auto fields = bad.Json().at("error").at("fields").as_object();
    EXPECT_EQ(fields.at("code"), "只能包含字母、数字和 - _ .");
    EXPECT_EQ(fields.at("name"), "不能为空");
    EXPECT_EQ(fields.at("unit_price_fen"), "应在 0 到 10000000000 之间");
    EXPECT_EQ(fields.at("lead_time_days"), "应在 0 到 365 之间");

    const std::string csv =
        "编码,名称,型号,类别,单价（元）,保修月数,生产周期（天）,需安装\n"
        "SF-1021,真皮三人沙发,SF-1021-BR,沙发,\"13,880.00\",36,5,是\n"
        "BD-2001,实木双人床,BD-2001-180,床具,6680,60,,是\n";
    const HttpResponse imported = Csv(admin, "/api/v1/products/import", csv);
    ASSERT_EQ(imported.status, 201) << imported.body;
    EXPECT_EQ(imported.Json().at("created"), 1);
    EXPECT_EQ(imported.Json().at("updated"), 1);
    const auto sofa = admin.Get("/api/v1/products/" + std::to_string(product.at("id").as_int64())).Json();
    EXPECT_EQ(sofa.at("unit_price_fen"), 1388000);
    EXPECT_EQ(sofa.at("lead_time_days"), 5);
    EXPECT_EQ(sofa.at("version"), 2);
    const auto bed = admin.Get("/api/v1/products?q=bd-2001").Json().at("items").at(0);
    EXPECT_EQ(bed.at("unit_price_fen"), 668000);
    EXPECT_EQ(bed.at("lead_time_days"), 3);
    const auto categories = admin.Get("/api/v1/product-categories").Json().at("items").as_array();
    EXPECT_EQ(categories.size(), 2u);
    EXPECT_EQ(admin.Get("/api/v1/products?category=%E5%BA%8A%E5%85%B7").Json().at("total"), 1);

    const HttpResponse refused =
        Csv(admin, "/api/v1/products/import", "编码,名称,单价\nNEW-1,新品,12.345\nNEW-1,新品二,abc\n");
    EXPECT_EQ(refused.status, 422);
    const auto import_fields = refused.Json().at("error").at("fields").as_object();
    EXPECT_TRUE(import_fields.contains("rows[2].unit_price"));
    EXPECT_EQ(import_fields.at("rows[3].code"), "与第 2 行的编码重复");
    EXPECT_EQ(admin.Get("/api/v1/products?q=NEW-1").Json().at("total"), 0);
}

}  // namespace
}  // namespace ac::testing

#include "http/query.hpp"

#include <array>

#include <gtest/gtest.h>

namespace ac::http {
namespace {

Request WithQuery(std::string query) {
    Request request;
    request.query = std::move(query);
    return request;
}

TEST(QueryReader, ReadsTypedParameters) {
    const Request request = WithQuery("q=%E5%BC%A0&page=2&active=true&role=installer");
    QueryReader reader(request);
    EXPECT_EQ(reader.Text("q"), "张");
    EXPECT_EQ(reader.Int("page", 1, 100), 2);
    EXPECT_EQ(reader.Bool("active"), true);
    constexpr std::array<std::string_view, 2> kRoles = {"installer", "technician"};
    EXPECT_EQ(reader.OneOf("role", kRoles), "installer");
    EXPECT_EQ(reader.Int("page_size", 1, 200), std::nullopt);
    reader.RejectUnknown();
    EXPECT_TRUE(reader.Finish());
}

TEST(QueryReader, CollectsEveryBadParameter) {
    const Request request = WithQuery("page=0&page_size=x&active=maybe&role=boss&pagesize=10");
    QueryReader reader(request);
    (void)reader.Int("page", 1, 100);
    (void)reader.Int("page_size", 1, 200);
    (void)reader.Bool("active");
    constexpr std::array<std::string_view, 1> kRoles = {"installer"};
    (void)reader.OneOf("role", kRoles);
    reader.RejectUnknown();
    const Status status = reader.Finish();
    ASSERT_FALSE(status);
    const auto& fields = status.error().fields;
    ASSERT_EQ(fields.size(), 5u);
    EXPECT_EQ(fields[0].message.key, "field.out_of_range");
    EXPECT_EQ(fields[1].message.key, "field.must_be_integer");
    EXPECT_EQ(fields[2].message.key, "field.must_be_boolean");
    EXPECT_EQ(fields[3].message.key, "field.not_one_of");
    EXPECT_EQ(fields[4].field, "pagesize");
    EXPECT_EQ(fields[4].message.key, "field.unknown_parameter");
}

TEST(PathId, AcceptsPositiveIdsOnly) {
    Request request;
    request.path_params = {{"id", "42"}};
    EXPECT_EQ(PathId(request).value(), 42);
    for (const char* bad : {"0", "-1", "abc", "1.5", "", "99999999999999999999"}) {
        request.path_params = {{"id", bad}};
        const auto id = PathId(request);
        ASSERT_FALSE(id) << bad;
        EXPECT_EQ(id.error().code, ErrorCode::kNotFound);
    }
}

}  // namespace
}  // namespace ac::http

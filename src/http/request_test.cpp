#include "http/request.hpp"

#include <gtest/gtest.h>

namespace ac::http {
namespace {

TEST(Request, HeadersAreCaseInsensitive) {
    Request request;
    request.headers = {{"Content-Type", "application/json"}, {"X-Request-Id", "abc"}};
    EXPECT_EQ(request.Header("content-type"), "application/json");
    EXPECT_EQ(request.Header("X-REQUEST-ID"), "abc");
    EXPECT_EQ(request.Header("Accept"), std::nullopt);
}

TEST(Request, QueryParametersAreDecoded) {
    Request request;
    request.query = "q=%E5%BC%A0%E4%B8%89+%E6%B2%99%E5%8F%91&page=2&flag&page=3&plus=%2B";
    EXPECT_EQ(request.QueryParam("q"), "张三 沙发");
    EXPECT_EQ(request.QueryParam("page"), "2");
    EXPECT_EQ(request.QueryParam("flag"), "");
    EXPECT_EQ(request.QueryParam("plus"), "+");
    EXPECT_EQ(request.QueryParam("missing"), std::nullopt);
    EXPECT_EQ(request.QueryParams().size(), 5u);
    request.query = "bad=%zz";
    EXPECT_TRUE(request.QueryParams().empty()) << "never reached in the server: the pipeline refuses it";
}

TEST(Request, CookiesAreFoundByName) {
    Request request;
    request.headers = {{"Cookie", "theme=dark; ac_session=abc-123_x; other=\"quoted\""}, {"cookie", "late=1"}};
    EXPECT_EQ(request.Cookie("ac_session"), "abc-123_x");
    EXPECT_EQ(request.Cookie("other"), "quoted");
    EXPECT_EQ(request.Cookie("late"), "1");
    EXPECT_EQ(request.Cookie("session"), std::nullopt) << "no prefix match";
    EXPECT_EQ(request.Cookie("missing"), std::nullopt);
}

TEST(Request, RemoteHostDropsThePort) {
    Request request;
    request.remote_address = "127.0.0.1:53712";
    EXPECT_EQ(request.RemoteHost(), "127.0.0.1");
    request.remote_address = "[::1]:8080";
    EXPECT_EQ(request.RemoteHost(), "::1");
}

TEST(Request, MethodsParseExactly) {
    EXPECT_EQ(ParseMethod("GET"), Method::kGet);
    EXPECT_EQ(ParseMethod("DELETE"), Method::kDelete);
    EXPECT_EQ(ParseMethod("get"), Method::kUnknown);
    EXPECT_EQ(ParseMethod("BREW"), Method::kUnknown);
    EXPECT_EQ(MethodName(Method::kPatch), "PATCH");
}

TEST(Response, SetHeaderReplacesCaseInsensitively) {
    Response response = Response::Json(201, "{}");
    response.SetHeader("X-Thing", "1");
    response.SetHeader("x-thing", "2");
    EXPECT_EQ(response.headers.size(), 1u);
    EXPECT_EQ(response.Header("X-THING"), "2");
    EXPECT_EQ(response.status, 201);
    EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
}

TEST(PercentDecode, HandlesEdges) {
    EXPECT_EQ(PercentDecode("a%20b", false), "a b");
    EXPECT_EQ(PercentDecode("a+b", false), "a+b");
    EXPECT_EQ(PercentDecode("a+b", true), "a b");
    EXPECT_EQ(PercentDecode("%", false), "%");
    EXPECT_EQ(PercentDecode("%4", false), "%4");
    EXPECT_EQ(PercentDecode("%41", false), "A");
}

}  // namespace
}  // namespace ac::http

#include "http/router.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace ac::http {
namespace {

Handler Named(std::string name) {
    return [name](Request&) -> Result<Response> { return Response::Text(200, name); };
}

Route R(Method method, std::string pattern) {
    Route route;
    route.method = method;
    route.handler = Named(pattern);
    route.permission = std::string(kPublic);
    route.pattern = std::move(pattern);
    return route;
}

TEST(Router, MatchesLiteralsAndParameters) {
    Router router;
    router.Add(R(Method::kGet, "/api/v1/stores"));
    router.Add(R(Method::kGet, "/api/v1/stores/{id}"));
    router.Add(R(Method::kGet, "/api/v1/stores/{id}/staff/{staff_id}"));
    router.Add(R(Method::kPost, "/api/v1/stores/{id}/actions/{action}"));

    Match match = router.Find(Method::kGet, "/api/v1/stores/42/staff/7");
    ASSERT_EQ(match.kind, Match::Kind::kFound);
    EXPECT_EQ(match.route->pattern, "/api/v1/stores/{id}/staff/{staff_id}");
    EXPECT_EQ(match.params, (Params{{"id", "42"}, {"staff_id", "7"}}));

    EXPECT_EQ(router.Find(Method::kGet, "/api/v1/stores").route->pattern, "/api/v1/stores");
    EXPECT_EQ(router.Find(Method::kPost, "/api/v1/stores/1/actions/close").params.back().second, "close");
}

TEST(Router, LiteralSegmentsWinOverParameters) {
    Router router;
    router.Add(R(Method::kGet, "/docs/{id}"));
    router.Add(R(Method::kGet, "/docs/export"));
    EXPECT_EQ(router.Find(Method::kGet, "/docs/export").route->pattern, "/docs/export");
    EXPECT_EQ(router.Find(Method::kGet, "/docs/17").route->pattern, "/docs/{id}");
}

TEST(Router, BacktracksFromALiteralDeadEnd) {
    Router router;
    router.Add(R(Method::kGet, "/a/b/c"));
    router.Add(R(Method::kGet, "/a/{x}/d"));
    const Match match = router.Find(Method::kGet, "/a/b/d");
    ASSERT_EQ(match.kind, Match::Kind::kFound);
    EXPECT_EQ(match.route->pattern, "/a/{x}/d");
    EXPECT_EQ(match.params, (Params{{"x", "b"}}));
}

TEST(Router, DistinguishesNotFoundFromMethodNotAllowed) {
    Router router;
    router.Add(R(Method::kGet, "/items/{id}"));
    router.Add(R(Method::kDelete, "/items/{id}"));
    EXPECT_EQ(router.Find(Method::kGet, "/nothing").kind, Match::Kind::kNotFound);
    EXPECT_EQ(router.Find(Method::kGet, "/items").kind, Match::Kind::kNotFound);
    EXPECT_EQ(router.Find(Method::kGet, "/items/").kind, Match::Kind::kNotFound);
    EXPECT_EQ(router.Find(Method::kGet, "/items/1/more").kind, Match::Kind::kNotFound);
    const Match match = router.Find(Method::kPost, "/items/1");
    EXPECT_EQ(match.kind, Match::Kind::kMethodNotAllowed);
    EXPECT_EQ(match.allowed, (std::vector<Method>{Method::kGet, Method::kHead, Method::kDelete}));
}

TEST(Router, HeadFallsBackToGet) {
    Router router;
    router.Add(R(Method::kGet, "/healthz"));
    EXPECT_EQ(router.Find(Method::kHead, "/healthz").kind, Match::Kind::kFound);
}

TEST(Router, DecodesParametersButNotSlashesBetweenSegments) {
    Router router;
    router.Add(R(Method::kGet, "/customers/{name}"));
    const Match match = router.Find(Method::kGet, "/customers/%E5%BC%A0%E4%B8%89%2Fx");
    ASSERT_EQ(match.kind, Match::Kind::kFound);
    EXPECT_EQ(match.params, (Params{{"name", "张三/x"}}));
}

TEST(Router, RefusesBadPatternsAndDuplicates) {
    Router router;
    router.Add(R(Method::kGet, "/a/{id}"));
    EXPECT_THROW(router.Add(R(Method::kGet, "/a/{id}")), std::logic_error);
    EXPECT_THROW(router.Add(R(Method::kGet, "/a/{other}/x")), std::logic_error);
    EXPECT_THROW(router.Add(R(Method::kGet, "no-slash")), std::logic_error);
    EXPECT_THROW(router.Add(R(Method::kGet, "/b/{x")), std::logic_error);
    EXPECT_THROW(router.Add(R(Method::kUnknown, "/c")), std::logic_error);
    Route without_handler = R(Method::kGet, "/d");
    without_handler.handler = nullptr;
    EXPECT_THROW(router.Add(std::move(without_handler)), std::logic_error);
    Route without_permission = R(Method::kGet, "/e");
    without_permission.permission.clear();
    EXPECT_THROW(router.Add(std::move(without_permission)), std::logic_error) << "every route declares a permission";
    Route inline_with_credentials = R(Method::kGet, "/f");
    inline_with_credentials.permission = "stores.read";
    inline_with_credentials.blocking = false;
    EXPECT_THROW(router.Add(std::move(inline_with_credentials)), std::logic_error);
    EXPECT_NO_THROW(router.Add(R(Method::kPost, "/a/{id}")));
}

}  // namespace
}  // namespace ac::http

#include "http/openapi.hpp"

#include <stdexcept>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "http/system_routes.hpp"

namespace ac::http {
namespace {

TEST(OpenApi, DescribesEveryRouteWithItsParametersAndSchemas) {
    Router router;
    Metrics metrics;
    AddSystemRoutes(router, metrics, {.ready_check = [] { return Ok(); }, .version = "1.2.3", .commit = "abc"});
    router.Add(Route{.method = Method::kGet,
                     .pattern = "/api/v1/things/{id}",
                     .handler = [](Request&) -> Result<Response> { return Response::NoContent(); },
                     .permission = std::string(kPublic),
                     .doc = {.summary = "One thing", .tag = "things", .success_status = 204}});
    router.Add(Route{.method = Method::kPost,
                     .pattern = "/api/v1/things/{id}",
                     .handler = [](Request&) -> Result<Response> { return Response::NoContent(); },
                     .permission = std::string(kPublic),
                     .doc = {.request_schema = R"({"type":"object"})"}});
    const auto document = boost::json::parse(BuildOpenApiDocument(router, "1.2.3")).as_object();
    EXPECT_EQ(document.at("openapi"), "3.1.0");
    EXPECT_EQ(document.at("info").at("version"), "1.2.3");
    const auto& paths = document.at("paths").as_object();
    std::size_t operations = 0;
    for (const auto& item : paths) {
        operations += item.value().as_object().size();
    }
    EXPECT_EQ(operations, router.routes().size());
    const auto& thing = paths.at("/api/v1/things/{id}").as_object();
    EXPECT_EQ(thing.at("get").at("parameters").at(0).at("name"), "id");
    EXPECT_TRUE(thing.at("get").at("responses").as_object().contains("204"));
    EXPECT_EQ(thing.at("post").at("requestBody").at("content").at("application/json").at("schema").at("type"),
              "object");
    EXPECT_EQ(thing.at("get").at("responses").at("default").at("$ref"), "#/components/responses/Error");
    EXPECT_TRUE(paths.contains("/healthz"));
    EXPECT_TRUE(document.at("components").at("schemas").as_object().contains("Error"));
}

TEST(OpenApi, RefusesASchemaThatIsNotJson) {
    Router router;
    router.Add(Route{.method = Method::kPost,
                     .pattern = "/bad",
                     .handler = [](Request&) -> Result<Response> { return Response::NoContent(); },
                     .permission = std::string(kPublic),
                     .doc = {.request_schema = "{not json"}});
    EXPECT_THROW((void)BuildOpenApiDocument(router, "0"), std::logic_error);
}

}  // namespace
}  // namespace ac::http

#include "http/system_routes.hpp"

#include <memory>
#include <mutex>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/openapi.hpp"

namespace ac::http {
namespace {

constexpr std::string_view kStatusSchema =
    R"({"type":"object","required":["status"],"properties":{"status":{"type":"string"}}})";
constexpr std::string_view kVersionSchema =
    R"({"type":"object","required":["version","commit"],"properties":{"version":{"type":"string"},)"
    R"("commit":{"type":"string"}}})";

}  // namespace

void AddSystemRoutes(Router& router, Metrics& metrics, SystemRoutesConfig config) {
    auto shared = std::make_shared<SystemRoutesConfig>(std::move(config));

    router.Add(Route{
        .method = Method::kGet,
        .pattern = "/healthz",
        .handler = [](Request&) -> Result<Response> { return Response::Json(200, R"({"status":"ok"})"); },
        .permission = std::string(kPublic),
        .doc = {.summary = "Liveness: the process answers HTTP",
                .tag = "system",
                .response_schema = std::string(kStatusSchema)},
        .blocking = false,
    });

    router.Add(Route{
        .method = Method::kGet,
        .pattern = "/readyz",
        .handler = [shared](Request&) -> Result<Response> {
            if (Status ready = shared->ready_check(); !ready) {
                Error error = Error::Make(ErrorCode::kUnavailable, "http.not_ready");
                error.detail = ready.error().detail;
                return Fail(std::move(error));
            }
            return Response::Json(200, R"({"status":"ready"})");
        },
        .permission = std::string(kPublic),
        .doc = {.summary = "Readiness: the database answers",
                .tag = "system",
                .response_schema = std::string(kStatusSchema)},
        .blocking = true,
    });

    router.Add(Route{
        .method = Method::kGet,
        .pattern = "/metrics",
        .handler = [&metrics](Request&) -> Result<Response> {
            return Response::Text(200, metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
        },
        .permission = std::string(kPublic),
        .doc = {.summary = "Prometheus metrics", .tag = "system", .success_content_type = "text/plain"},
        .blocking = false,
    });

    router.Add(Route{
        .method = Method::kGet,
        .pattern = "/api/v1/version",
        .handler = [shared](Request&) -> Result<Response> {
            boost::json::object body{{"version", shared->version}, {"commit", shared->commit}};
            return Response::Json(200, boost::json::serialize(body));
        },
        .permission = std::string(kPublic),
        .doc = {.summary = "The server's version", .tag = "system", .response_schema = std::string(kVersionSchema)},
        .blocking = false,
    });

    struct OpenApiCache {
        std::once_flag once;
        std::string document;
    };
    auto cache = std::make_shared<OpenApiCache>();
    router.Add(Route{
        .method = Method::kGet,
        .pattern = "/api/v1/openapi.json",
        .handler = [&router, shared, cache](Request&) -> Result<Response> {
            std::call_once(cache->once, [&] { cache->document = BuildOpenApiDocument(router, shared->version); });
            return Response::Json(200, cache->document);
        },
        .permission = std::string(kPublic),
        .doc = {.summary = "This OpenAPI 3 document", .tag = "system"},
        .blocking = false,
    });
}

}  // namespace ac::http

#include "http/openapi.hpp"

#include <cctype>
#include <stdexcept>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"

namespace ac::http {
namespace {

namespace json = boost::json;

json::value ParseSchema(const std::string& text, const Route& route) {
    boost::system::error_code ec;
    json::value schema = json::parse(text, ec);
    if (ec) {
        throw std::logic_error("route " + route.pattern + " has a schema that is not JSON: " + ec.message());
    }
    return schema;
}

std::string OperationId(const Route& route) {
    std::string id;
    for (const char c : MethodName(route.method)) {
        id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    bool upper_next = true;
    for (const char c : route.pattern) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            id += upper_next ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper_next = false;
        } else {
            upper_next = true;
        }
    }
    return id;
}

json::object ErrorSchema() {
    json::array codes;
    for (const ErrorCode code : AllErrorCodes()) {
        codes.emplace_back(ErrorCodeName(code));
    }
    json::object fields{{"type", "object"},
                        {"additionalProperties", {{"type", "string"}}},
                        {"description", "One message per invalid field, by the field's path in the request."}};
    json::object inner{
        {"type", "object"},
        {"required", json::array{"code", "message"}},
        {"properties",
         {{"code", {{"type", "string"}, {"enum", std::move(codes)}}},
          {"message", {{"type", "string"}, {"description", "In the caller's language (Accept-Language)."}}},
          {"fields", std::move(fields)},
          {"request_id", {{"type", "string"}}}}}};
    return json::object{{"type", "object"}, {"required", json::array{"error"}}, {"properties", {{"error", inner}}}};
}

}  // namespace

std::string BuildOpenApiDocument(const Router& router, std::string_view version) {
    json::object paths;
    for (const auto& route : router.routes()) {
        json::object operation;
        operation["operationId"] = OperationId(*route);
        if (!route->doc.summary.empty()) {
            operation["summary"] = route->doc.summary;
        }
        if (!route->doc.tag.empty()) {
            operation["tags"] = json::array{json::value(route->doc.tag)};
        }
        operation["x-permission"] = route->permission;
        if (route->permission == kPublic) {
            operation["security"] = json::array{};
        }
        json::array parameters;
        std::size_t open = 0;
        while ((open = route->pattern.find('{', open)) != std::string::npos) {
            const std::size_t close = route->pattern.find('}', open);
            parameters.push_back(json::object{{"name", route->pattern.substr(open + 1, close - open - 1)},
                                              {"in", "path"},
                                              {"required", true},
                                              {"schema", {{"type", "string"}}}});
            open = close;
        }
        if (!route->doc.query_schema.empty()) {
            const json::value query = ParseSchema(route->doc.query_schema, *route);
            for (const auto& member : query.as_object()) {
                parameters.push_back(json::object{
                    {"name", member.key()}, {"in", "query"}, {"required", false}, {"schema", member.value()}});
            }
        }
        if (!parameters.empty()) {
            operation["parameters"] = std::move(parameters);
        }
        if (!route->doc.request_schema.empty()) {
            operation["requestBody"] = json::object{
                {"required", true},
                {"content",
                 {{route->doc.request_content_type, {{"schema", ParseSchema(route->doc.request_schema, *route)}}}}}};
        }
        json::object success{{"description", "Success"}};
        if (route->doc.success_status != 204) {
            json::value schema = route->doc.response_schema.empty() ? json::value(json::object{})
                                                                    : ParseSchema(route->doc.response_schema, *route);
            success["content"] = json::object{{route->doc.success_content_type, {{"schema", std::move(schema)}}}};
        }
        operation["responses"] = json::object{{std::to_string(route->doc.success_status), std::move(success)},
                                              {"default", {{"$ref", "#/components/responses/Error"}}}};

        std::string method;
        for (const char c : MethodName(route->method)) {
            method += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        json::value& item = paths[route->pattern];  // one path item holds every method of the path
        if (!item.is_object()) {
            item.emplace_object();
        }
        item.as_object()[method] = std::move(operation);
    }

    json::object document{
        {"openapi", "3.1.0"},
        {"info",
         {{"title", "aftercare API"},
          {"version", version},
          {"description",
           "After-sales service management. Errors share one shape; messages follow Accept-Language "
           "(zh-CN by default, en)."}}},
        {"paths", std::move(paths)},
        {"security", json::array{json::object{{"session", json::array{}}}, json::object{{"bearer", json::array{}}}}},
        {"components",
         {{"securitySchemes",
           {{"session",
             {{"type", "apiKey"},
              {"in", "cookie"},
              {"name", "ac_session"},
              {"description", "Browser session; state-changing requests also send the X-CSRF-Token header"}}},
            {"bearer",
             {{"type", "http"}, {"scheme", "bearer"}, {"description", "API token (aftercare token create)"}}}}},
          {"schemas", {{"Error", ErrorSchema()}}},
          {"responses",
           {{"Error",
             {{"description", "An error in the common shape"},
              {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}}}}};
    return json::serialize(document);
}

}  // namespace ac::http

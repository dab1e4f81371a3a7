#include "http/json_body.hpp"

#include <boost/json/serialize.hpp>

namespace ac::http {
namespace {

bool IsJsonContentType(std::string_view value) {
    const std::size_t semicolon = value.find(';');
    std::string_view type = value.substr(0, semicolon);
    while (!type.empty() && type.back() == ' ') {
        type.remove_suffix(1);
    }
    return EqualsIgnoreCase(type, "application/json");
}

}  // namespace

Result<boost::json::object> ReadJsonObject(const Request& request) {
    const std::optional<std::string_view> content_type = request.Header("Content-Type");
    if (!content_type || !IsJsonContentType(*content_type)) {
        return Fail(Error::Make(ErrorCode::kUnsupportedMediaType, "json.content_type"));
    }
    return json::ParseObject(request.body);
}

Response JsonResponse(int status, const boost::json::value& body) {
    return Response::Json(status, boost::json::serialize(body));
}

std::string PageSchema(std::string_view item) {
    return R"({"type": "object", "required": ["items", "total", "page", "page_size"], "properties": {
      "items": {"type": "array", "items": )" +
           std::string(item) + R"(}, "total": {"type": "integer"},
      "total_capped": {"type": "boolean", "description": "true when more rows match than total: a list counts up to four pages past the one asked for"},
      "page": {"type": "integer"},
      "page_size": {"type": "integer"}}})";
}

}  // namespace ac::http

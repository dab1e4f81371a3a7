// JSON bodies for handlers: reading a request's object, writing a response. Include only from api/ files.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/json.hpp"
#include "core/result.hpp"
#include "http/request.hpp"

namespace ac::http {

// The body of `request` as a JSON object. Errors: kUnsupportedMediaType "json.content_type" unless the
// Content-Type is application/json; kInvalidArgument "json.malformed" / "json.not_object" otherwise.
[[nodiscard]] Result<boost::json::object> ReadJsonObject(const Request& request);

// A JSON response with `status`.
[[nodiscard]] Response JsonResponse(int status, const boost::json::value& body);

}  // namespace ac::http

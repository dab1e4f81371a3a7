// JSON bodies for handlers: reading a request's object, writing a response. Include only from api/ files.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/json.hpp"
#include "core/result.hpp"
#include "core/validation.hpp"
#include "http/request.hpp"

namespace ac::http {

// The body of `request` as a JSON object. Errors: kUnsupportedMediaType "json.content_type" unless the
// Content-Type is application/json; kInvalidArgument "json.malformed" / "json.not_object" otherwise.
[[nodiscard]] Result<boost::json::object> ReadJsonObject(const Request& request);

// A JSON response with `status`.
[[nodiscard]] Response JsonResponse(int status, const boost::json::value& body);

// A page of a list as {"items": [...], "total", "page", "page_size"}, each item rendered by `to_json`.
template <class T, class ToJson>
[[nodiscard]] Response PageResponse(const Page<T>& page, ToJson to_json) {
    boost::json::array items;
    items.reserve(page.items.size());
    for (const T& item : page.items) {
        items.emplace_back(to_json(item));
    }
    return JsonResponse(200, boost::json::object{{"items", std::move(items)},
                                                 {"total", page.total},
                                                 {"total_capped", page.total_capped},
                                                 {"page", page.page},
                                                 {"page_size", page.page_size}});
}

// The JSON Schema of what PageResponse answers, for the OpenAPI document: `item` is the schema of one item.
[[nodiscard]] std::string PageSchema(std::string_view item);

}  // namespace ac::http

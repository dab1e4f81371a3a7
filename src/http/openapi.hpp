// The OpenAPI 3 document of the API, generated from the routes as registered (so it cannot drift from them).
#pragma once

#include <string>
#include <string_view>

#include "http/router.hpp"

namespace ac::http {

// The document for every route of `router`, as JSON text. Throws std::logic_error when a route's schema text is
// not valid JSON (a start-up bug).
[[nodiscard]] std::string BuildOpenApiDocument(const Router& router, std::string_view version);

}  // namespace ac::http

// The one place where an ErrorCode becomes an HTTP status, and the JSON shape of every error answer:
//   {"error": {"code": "validation_failed", "message": "…", "fields": {"phone": "…"}, "request_id": "…"}}
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace ac::http {

[[nodiscard]] int HttpStatus(ErrorCode code);

// The error body in `lang`. An error without a message key gets its code's title ("error.<code>"). `fields` is
// present only when the error has field errors; `request_id` only when given.
[[nodiscard]] std::string RenderErrorBody(const Error& error, Lang lang, const Catalog& catalog,
                                          std::string_view request_id);

// The catalog entries of http/ (http.*).
[[nodiscard]] std::span<const MessageDef> HttpMessages();

}  // namespace ac::http

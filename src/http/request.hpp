// The request and response a handler sees: plain types, no Beast, no Boost.JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/i18n.hpp"
#include "core/principal.hpp"

namespace ac::http {

enum class Method : std::uint8_t { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kUnknown };
inline constexpr std::size_t kMethodCount = 8;

// "GET", "HEAD", ...; "UNKNOWN" for kUnknown.
[[nodiscard]] std::string_view MethodName(Method method);
// The method for a request line token (case-sensitive, as HTTP says); kUnknown for anything else.
[[nodiscard]] Method ParseMethod(std::string_view token);

struct HeaderField {
    std::string name;
    std::string value;
};

using Params = std::vector<std::pair<std::string, std::string>>;

struct Route;

// One HTTP request. The server fills the wire fields; the pipeline fills request_id, lang, route and path_params.
struct Request {
    Method method = Method::kGet;
    std::string method_text;  // as sent, for logs when the method is unknown
    std::string target;       // as sent: path and query
    std::string path;         // the target up to '?', still percent-encoded
    std::string query;        // after '?', still percent-encoded
    std::vector<HeaderField> headers;
    std::string body;
    std::string remote_address;  // "127.0.0.1:53712"

    std::string request_id;
    Lang lang = Lang::kZhCn;
    const Route* route = nullptr;
    Params path_params;  // percent-decoded values, by the names of the route pattern
    // Who is calling; set by the authentication middleware for every route that is not public.
    std::optional<Principal> principal;

    // The value of the first header called `name` (case-insensitive), or nullopt.
    [[nodiscard]] std::optional<std::string_view> Header(std::string_view name) const;
    // The decoded value of path parameter `name` ("{id}" in the pattern); empty when the route has none.
    [[nodiscard]] std::string_view PathParam(std::string_view name) const;
    // The decoded value of the first query parameter `name` ("+" is a space), or nullopt. The pipeline has
    // already refused a target with malformed percent-encoding.
    [[nodiscard]] std::optional<std::string> QueryParam(std::string_view name) const;
    // Every query parameter, decoded, in order.
    [[nodiscard]] Params QueryParams() const;
    // The value of cookie `name` from the Cookie header(s), or nullopt.
    [[nodiscard]] std::optional<std::string> Cookie(std::string_view name) const;
    // The client's address without the port ("127.0.0.1", "::1").
    [[nodiscard]] std::string RemoteHost() const;
};

// A handler's request to turn the connection into a WebSocket for `staff` (see WebSocketHub).
struct WebSocketUpgrade {
    StaffId staff;
    Lang lang = Lang::kZhCn;
};

struct Response {
    int status = 200;
    std::string content_type;
    std::vector<HeaderField> headers;
    std::string body;
    bool close = false;  // close the connection after this response
    // Set (with status 101) by a handler that accepts a WebSocket upgrade; the server completes the handshake.
    std::optional<WebSocketUpgrade> websocket;

    // `body` must already be serialised JSON.
    [[nodiscard]] static Response Json(int status, std::string body);
    [[nodiscard]] static Response Text(int status, std::string body,
                                       std::string content_type = "text/plain; charset=utf-8");
    [[nodiscard]] static Response NoContent();

    // Replaces a header of that name (case-insensitive) or adds it.
    void SetHeader(std::string_view name, std::string value);
    // Adds a header even if one of that name exists (Set-Cookie).
    void AddHeader(std::string_view name, std::string value);
    [[nodiscard]] std::optional<std::string_view> Header(std::string_view name) const;
};

// Decodes %XX escapes (Boost.URL); with `plus_is_space`, '+' becomes ' ' (query strings). Text with a malformed
// escape is returned as written.
[[nodiscard]] std::string PercentDecode(std::string_view text, bool plus_is_space);

// ASCII case-insensitive equality (header names).
[[nodiscard]] bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace ac::http

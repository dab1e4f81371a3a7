// A small HTTP/1.1 client for outgoing calls (webhook deliveries): one POST, one connection, a deadline for
// the whole exchange. Plain http:// only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ac::http {

struct ClientRequest {
    std::string url;  // http://host[:port]/path?query
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::chrono::milliseconds timeout{10'000};
    std::size_t max_response_bytes = 64 * 1024;
};

struct ClientResponse {
    std::optional<int> status;  // set when the server answered
    std::string body;
    std::string error;  // why there is no status: bad URL, refused, timed out, …
};

// Sends `request` as a POST. Never throws.
[[nodiscard]] ClientResponse Post(const ClientRequest& request);

}  // namespace ac::http

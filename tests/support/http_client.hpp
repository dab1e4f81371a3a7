// A small blocking HTTP/1.1 client for API tests: keep-alive requests, and raw bytes for malformed input.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

namespace ac::testing {

struct HttpResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool keep_alive = false;

    // The first header called `name` (case-insensitive), or "".
    [[nodiscard]] std::string Header(const std::string& name) const;
    // The body parsed as JSON; throws when it is not.
    [[nodiscard]] boost::json::value Json() const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// One connection to 127.0.0.1:port, opened on first use and reopened after the server closed it. Throws
// std::runtime_error on connection errors and on a response that cannot be read within the timeout.
class HttpClient {
  public:
    explicit HttpClient(std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(30));
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpResponse Get(const std::string& target, const Headers& headers = {});
    HttpResponse Post(const std::string& target, const std::string& body, const Headers& headers = {});
    HttpResponse Request(const std::string& method, const std::string& target, const std::string& body,
                         const Headers& headers);

    // Sends `raw` bytes as they are and reads one response.
    HttpResponse SendRaw(const std::string& raw);
    // Sends `raw` bytes without reading anything.
    void Write(const std::string& raw);
    // Reads one response (after Write).
    HttpResponse ReadResponse();

    // Whether the server closed the connection within `wait` (reads until EOF or timeout; data is discarded).
    bool ServerClosed(std::chrono::milliseconds wait);

    void Close();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Whether anything accepts connections on 127.0.0.1:port.
[[nodiscard]] bool CanConnect(std::uint16_t port);

}  // namespace ac::testing

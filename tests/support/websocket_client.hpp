// A WebSocket client for API tests: opens /api/v1/ws with a session cookie and reads messages with a timeout.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace ac::testing {

class WebSocketClient {
  public:
    struct Options {
        std::string cookie;  // "ac_session=…"
        std::string origin;  // empty: none sent
        std::string accept_language;
        std::string target = "/api/v1/ws";
    };
    // Connects and performs the handshake. Check ok(); when the server declined, status() is its HTTP status.
    WebSocketClient(std::uint16_t port, const Options& options);
    ~WebSocketClient();
    WebSocketClient(const WebSocketClient&) = delete;
    WebSocketClient& operator=(const WebSocketClient&) = delete;

    [[nodiscard]] bool ok() const;
    [[nodiscard]] int status() const;
    // The next text message, or nullopt when none came within `timeout` or the connection closed.
    std::optional<std::string> Read(std::chrono::milliseconds timeout);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ac::testing

// An HTTP server on 127.0.0.1 that records the requests it receives (webhook deliveries) and answers each with
// the next status of a script (then 200).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ac::testing {

struct ReceivedRequest {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    [[nodiscard]] std::string Header(const std::string& name) const;
};

class WebhookReceiver {
  public:
    // Listens on a free port of 127.0.0.1; `statuses` are the answers to the first requests, in order.
    explicit WebhookReceiver(std::deque<int> statuses = {});
    ~WebhookReceiver();
    WebhookReceiver(const WebhookReceiver&) = delete;
    WebhookReceiver& operator=(const WebhookReceiver&) = delete;

    [[nodiscard]] std::uint16_t port() const;
    [[nodiscard]] std::string url(const std::string& path = "/hook") const;
    // Waits until at least `count` requests arrived (or `timeout` passed) and returns them all.
    std::vector<ReceivedRequest> WaitFor(std::size_t count, std::chrono::milliseconds timeout);
    [[nodiscard]] std::vector<ReceivedRequest> received() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ac::testing

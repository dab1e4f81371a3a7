// Waiting for what another thread of the server does (the SLA scheduler, the webhook sender, a push).
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace ac::testing {

// Polls `done` every 25 ms until it holds or `timeout` has passed; returns its last answer.
inline bool Eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return done();
}

}  // namespace ac::testing

// Prometheus metrics in the text exposition format (version 0.0.4), served at /metrics.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "http/request.hpp"

namespace ac::http {

// Request counts and latency histograms by route pattern, method and status, connection figures, and whatever
// the registered collectors add (database pool figures). Observe* methods are thread-safe; collectors are
// registered before serving starts.
class Metrics {
  public:
    // Upper bounds of the latency histogram buckets, in seconds.
    static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,    0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

    Metrics();

    // Counts a response. `route` is the matched pattern ("/api/v1/stores/{id}"), "unmatched" for a path without
    // a route, or "protocol_error" for a request that could not be read.
    void ObserveRequest(std::string_view route, Method method, int status, std::chrono::nanoseconds duration);
    void ConnectionOpened();
    void ConnectionClosed();

    // Adds `collector`, called at each Render to append more metric families.
    void AddCollector(std::function<void(std::string&)> collector);

    [[nodiscard]] std::string Render() const;

  private:
    struct Series {
        std::uint64_t count = 0;
        double sum_seconds = 0;
        std::array<std::uint64_t, kBuckets.size()> buckets{};  // non-cumulative counts per bucket
    };
    using Key = std::tuple<std::string, Method, int>;

    mutable std::mutex mutex_;
    std::map<Key, Series, std::less<>> series_;  // guarded by mutex_

    std::atomic<std::int64_t> connections_active_{0};
    std::atomic<std::uint64_t> connections_total_{0};
    std::chrono::steady_clock::time_point started_;
    std::vector<std::function<void(std::string&)>> collectors_;  // set up before serving, then read-only
};

// Appends one metric family with a single sample. `labels` is a rendered label set such as {state="idle"} or
// empty; `type` is "counter" or "gauge".
void AppendMetric(std::string& out, std::string_view name, std::string_view type, std::string_view help, double value,
                  std::string_view labels = {});

// Appends the HELP and TYPE lines of a family whose samples the caller appends with AppendSample.
void AppendFamilyHeader(std::string& out, std::string_view name, std::string_view type, std::string_view help);
void AppendSample(std::string& out, std::string_view name, std::string_view labels, double value);

// A label value escaped for the exposition format (backslash, quote, newline).
[[nodiscard]] std::string EscapeLabel(std::string_view value);

}  // namespace ac::http

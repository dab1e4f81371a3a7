#include "http/metrics.hpp"

#include <gtest/gtest.h>

namespace ac::http {
namespace {

using namespace std::chrono_literals;

TEST(Metrics, CountsRequestsAndBucketsLatencyByRouteAndStatus) {
    Metrics metrics;
    metrics.ObserveRequest("/healthz", Method::kGet, 200, 200us);
    metrics.ObserveRequest("/healthz", Method::kGet, 200, 3ms);
    metrics.ObserveRequest("/api/v1/stores/{id}", Method::kGet, 404, 20s);
    const std::string text = metrics.Render();
    EXPECT_NE(text.find("# TYPE aftercare_http_requests_total counter"), std::string::npos);
    EXPECT_NE(text.find(R"(aftercare_http_requests_total{route="/healthz",method="GET",status="200"} 2)"),
              std::string::npos);
    EXPECT_NE(
        text.find(
            R"(aftercare_http_request_duration_seconds_bucket{route="/healthz",method="GET",status="200",le="0.0005"} 1)"),
        std::string::npos);
    EXPECT_NE(
        text.find(
            R"(aftercare_http_request_duration_seconds_bucket{route="/healthz",method="GET",status="200",le="0.005"} 2)"),
        std::string::npos);
    EXPECT_NE(
        text.find(
            R"(aftercare_http_request_duration_seconds_bucket{route="/api/v1/stores/{id}",method="GET",status="404",le="10"} 0)"),
        std::string::npos);
    EXPECT_NE(
        text.find(
            R"(aftercare_http_request_duration_seconds_bucket{route="/api/v1/stores/{id}",method="GET",status="404",le="+Inf"} 1)"),
        std::string::npos);
    EXPECT_NE(
        text.find(R"(aftercare_http_request_duration_seconds_count{route="/healthz",method="GET",status="200"} 2)"),
        std::string::npos);
}

TEST(Metrics, TracksConnectionsAndRunsCollectors) {
    Metrics metrics;
    metrics.ConnectionOpened();
    metrics.ConnectionOpened();
    metrics.ConnectionClosed();
    metrics.AddCollector([](std::string& out) { AppendMetric(out, "extra_total", "counter", "Extra.", 7); });
    const std::string text = metrics.Render();
    EXPECT_NE(text.find("aftercare_http_connections_active 1\n"), std::string::npos);
    EXPECT_NE(text.find("aftercare_http_connections_total 2\n"), std::string::npos);
    EXPECT_NE(text.find("# HELP extra_total Extra.\n# TYPE extra_total counter\nextra_total 7\n"), std::string::npos);
}

TEST(Metrics, EscapesLabelValues) {
    EXPECT_EQ(EscapeLabel(R"(a"b\c)"), R"(a\"b\\c)");
    EXPECT_EQ(EscapeLabel("line\nbreak"), "line\\nbreak");
}

TEST(Metrics, EverySampleLineIsWellFormed) {
    Metrics metrics;
    metrics.ObserveRequest("/x", Method::kPost, 201, 1ms);
    const std::string text = metrics.Render();
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        ASSERT_NE(end, std::string::npos) << "the text ends with a newline";
        const std::string line = text.substr(start, end - start);
        if (!line.starts_with("#")) {
            const std::size_t space = line.rfind(' ');
            ASSERT_NE(space, std::string::npos) << line;
            EXPECT_NO_THROW((void)std::stod(line.substr(space + 1) == "+Inf" ? "0" : line.substr(space + 1))) << line;
        }
        start = end + 1;
    }
}

}  // namespace
}  // namespace ac::http

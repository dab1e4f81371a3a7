#include "http/metrics.hpp"

#include <cmath>
#include <cstdio>

namespace ac::http {
namespace {

std::string FormatNumber(double value) {
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    char buffer[40];
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.9g", value);
    }
    return buffer;
}

}  // namespace

Metrics::Metrics() : started_(std::chrono::steady_clock::now()) {}

void Metrics::ObserveRequest(std::string_view route, Method method, int status, std::chrono::nanoseconds duration) {
    const double seconds = std::chrono::duration<double>(duration).count();
    std::size_t bucket = 0;
    while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) {
        ++bucket;
    }
    std::lock_guard lock(mutex_);
    auto it = series_.find(std::make_tuple(route, method, status));
    if (it == series_.end()) {
        it = series_.emplace(Key(std::string(route), method, status), Series{}).first;
    }
    Series& series = it->second;
    ++series.count;
    series.sum_seconds += seconds;
    if (bucket < kBuckets.size()) {
        ++series.buckets[bucket];
    }
}

void Metrics::ConnectionOpened() {
    connections_active_.fetch_add(1, std::memory_order_relaxed);
    connections_total_.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::ConnectionClosed() {
    connections_active_.fetch_sub(1, std::memory_order_relaxed);
}

void Metrics::AddCollector(std::function<void(std::string&)> collector) {
    collectors_.push_back(std::move(collector));
}

std::string Metrics::Render() const {
    std::map<Key, Series, std::less<>> snapshot;
    {
        std::lock_guard lock(mutex_);
        snapshot = series_;
    }
    std::string out;
    out.reserve(4096 + snapshot.size() * 1600);

    AppendFamilyHeader(out, "aftercare_http_requests_total", "counter",
                       "HTTP requests answered, by route pattern, method and status.");
    for (const auto& [key, series] : snapshot) {
        const auto& [route, method, status] = key;
        const std::string labels = "{route=\"" + EscapeLabel(route) + "\",method=\"" + std::string(MethodName(method)) +
                                   "\",status=\"" + std::to_string(status) + "\"}";
        AppendSample(out, "aftercare_http_requests_total", labels, static_cast<double>(series.count));
    }

    AppendFamilyHeader(out, "aftercare_http_request_duration_seconds", "histogram",
                       "Time spent handling a request once it was read, by route pattern, method and status.");
    for (const auto& [key, series] : snapshot) {
        const auto& [route, method, status] = key;
        const std::string base = "route=\"" + EscapeLabel(route) + "\",method=\"" + std::string(MethodName(method)) +
                                 "\",status=\"" + std::to_string(status) + "\"";
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            cumulative += series.buckets[i];
            AppendSample(out, "aftercare_http_request_duration_seconds_bucket",
                         "{" + base + ",le=\"" + FormatNumber(kBuckets[i]) + "\"}", static_cast<double>(cumulative));
        }
        AppendSample(out, "aftercare_http_request_duration_seconds_bucket", "{" + base + ",le=\"+Inf\"}",
                     static_cast<double>(series.count));
        AppendSample(out, "aftercare_http_request_duration_seconds_sum", "{" + base + "}", series.sum_seconds);
        AppendSample(out, "aftercare_http_request_duration_seconds_count", "{" + base + "}",
                     static_cast<double>(series.count));
    }

    AppendMetric(out, "aftercare_http_connections_active", "gauge", "Open client connections.",
                 static_cast<double>(connections_active_.load(std::memory_order_relaxed)));
    AppendMetric(out, "aftercare_http_connections_total", "counter", "Client connections accepted.",
                 static_cast<double>(connections_total_.load(std::memory_order_relaxed)));
    AppendMetric(out, "aftercare_uptime_seconds", "gauge", "Seconds since the server started.",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
    for (const auto& collector : collectors_) {
        collector(out);
    }
    return out;
}

void AppendFamilyHeader(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void AppendSample(std::string& out, std::string_view name, std::string_view labels, double value) {
    out += name;
    out += labels;
    out += ' ';
    out += FormatNumber(value);
    out += '\n';
}

void AppendMetric(std::string& out, std::string_view name, std::string_view type, std::string_view help, double value,
                  std::string_view labels) {
    AppendFamilyHeader(out, name, type, help);
    AppendSample(out, name, labels, value);
}

std::string EscapeLabel(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace ac::http

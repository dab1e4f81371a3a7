// Structured logging: one JSON object per line, with the request id of the request being served.
//
//   log::Info("http.listening", {{"address", "127.0.0.1:8080"}, {"threads", 2}});
//   → {"ts":"2026-11-27T06:30:00.123Z","level":"info","event":"http.listening","address":"127.0.0.1:8080",...}
//
// The process has one log (configured by app/ through Init); writing is thread-safe.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace ac::log {

enum class Level : std::uint8_t { kTrace, kDebug, kInfo, kWarn, kError, kOff };

// "trace", "debug", "info", "warn", "error", "off"; nullopt otherwise.
[[nodiscard]] std::optional<Level> ParseLevel(std::string_view name);
[[nodiscard]] std::string_view LevelName(Level level);

// One key/value of a log line. The key must be a plain identifier; the value is rendered as JSON.
struct Field {
    using Value = std::variant<std::string_view, std::int64_t, std::uint64_t, double, bool>;

    Field(std::string_view k, std::string_view v) : key(k), value(v) {}
    Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
    Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
    Field(std::string_view k, bool v) : key(k), value(v) {}
    Field(std::string_view k, double v) : key(k), value(v) {}
    Field(std::string_view k, int v) : key(k), value(static_cast<std::int64_t>(v)) {}
    Field(std::string_view k, long v) : key(k), value(static_cast<std::int64_t>(v)) {}
    Field(std::string_view k, long long v) : key(k), value(static_cast<std::int64_t>(v)) {}
    Field(std::string_view k, unsigned v) : key(k), value(static_cast<std::uint64_t>(v)) {}
    Field(std::string_view k, unsigned long v) : key(k), value(static_cast<std::uint64_t>(v)) {}
    Field(std::string_view k, unsigned long long v) : key(k), value(static_cast<std::uint64_t>(v)) {}

    std::string_view key;
    Value value;
};

struct Options {
    Level level = Level::kInfo;
    std::string file;  // append to this file; empty: standard error
};

// (Re)configures the process log. Call from app/ before other threads log. Throws std::runtime_error when the file
// cannot be opened.
void Init(const Options& options);

void SetLevel(Level level);
[[nodiscard]] bool Enabled(Level level);

// Writes one line if `level` is enabled. `event` names what happened ("http.access", "db.migrated").
void Write(Level level, std::string_view event, std::initializer_list<Field> fields);

inline void Trace(std::string_view event, std::initializer_list<Field> fields = {}) {
    Write(Level::kTrace, event, fields);
}
inline void Debug(std::string_view event, std::initializer_list<Field> fields = {}) {
    Write(Level::kDebug, event, fields);
}
inline void Info(std::string_view event, std::initializer_list<Field> fields = {}) {
    Write(Level::kInfo, event, fields);
}
inline void Warn(std::string_view event, std::initializer_list<Field> fields = {}) {
    Write(Level::kWarn, event, fields);
}
inline void Error(std::string_view event, std::initializer_list<Field> fields = {}) {
    Write(Level::kError, event, fields);
}

// Flushes buffered lines (before exit).
void Flush();

// While alive, every line this thread (on a fiber: this fiber) writes carries "request_id". Scopes nest; the
// innermost wins.
class RequestScope {
  public:
    explicit RequestScope(std::string_view request_id);
    ~RequestScope();
    RequestScope(const RequestScope&) = delete;
    RequestScope& operator=(const RequestScope&) = delete;

  private:
    std::string_view previous_;
};

// The request id of this thread's (this fiber's) current RequestScope, or empty.
[[nodiscard]] std::string_view CurrentRequestId();

// Appends `text` to `out` as a JSON string literal (with quotes), escaping what JSON requires.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace ac::log

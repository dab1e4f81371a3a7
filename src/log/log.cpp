#include "log/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>

#include <spdlog/formatter.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "core/clock.hpp"
#include "core/fiber.hpp"

namespace ac::log {
namespace {

spdlog::level::level_enum ToSpdlog(Level level) {
    switch (level) {
        case Level::kTrace:
            return spdlog::level::trace;
        case Level::kDebug:
            return spdlog::level::debug;
        case Level::kInfo:
            return spdlog::level::info;
        case Level::kWarn:
            return spdlog::level::warn;
        case Level::kError:
            return spdlog::level::err;
        case Level::kOff:
            return spdlog::level::off;
    }
    return spdlog::level::info;
}

std::string_view SpdlogLevelName(spdlog::level::level_enum level) {
    switch (level) {
        case spdlog::level::trace:
            return "trace";
        case spdlog::level::debug:
            return "debug";
        case spdlog::level::info:
            return "info";
        case spdlog::level::warn:
            return "warn";
        case spdlog::level::err:
            return "error";
        case spdlog::level::critical:
            return "critical";
        default:
            return "off";
    }
}

// Wraps the pre-rendered payload of a line with its time and level: {"ts":...,"level":...,<payload>}.
class JsonLineFormatter final : public spdlog::formatter {
  public:
    void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
        const auto ms = std::chrono::time_point_cast<std::chrono::milliseconds>(msg.time);
        std::string head = "{\"ts\":\"";
        head += FormatRfc3339(Instant(ms.time_since_epoch()));
        head += "\",\"level\":\"";
        head += SpdlogLevelName(msg.level);
        head += "\",";
        dest.append(head.data(), head.data() + head.size());
        dest.append(msg.payload.begin(), msg.payload.end());
        dest.push_back('}');
        dest.push_back('\n');
    }
    std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonLineFormatter>(); }
};

// The process log: the one piece of global state, because every layer logs. Init replaces it atomically.
std::atomic<std::shared_ptr<spdlog::logger>> g_logger;

std::shared_ptr<spdlog::logger> MakeLogger(const Options& options) {
    spdlog::sink_ptr sink;
    if (options.file.empty()) {
        sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    } else {
        sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(options.file, /*truncate=*/false);
    }
    auto logger = std::make_shared<spdlog::logger>("aftercare", std::move(sink));
    logger->set_formatter(std::make_unique<JsonLineFormatter>());
    logger->set_level(ToSpdlog(options.level));
    logger->flush_on(spdlog::level::trace);  // every line reaches the file at once: nothing lost on a crash
    return logger;
}

std::shared_ptr<spdlog::logger> Logger() {
    std::shared_ptr<spdlog::logger> logger = g_logger.load(std::memory_order_acquire);
    if (!logger) {
        // Nobody called Init (a unit test): log to stderr at the default level.
        std::shared_ptr<spdlog::logger> expected;
        logger = MakeLogger(Options{});
        if (!g_logger.compare_exchange_strong(expected, logger)) {
            logger = expected;
        }
    }
    return logger;
}

// The length of the valid UTF-8 sequence starting at text[i], or 0 when the bytes there are not valid UTF-8.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    std::uint32_t min_code_point = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        min_code_point = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        min_code_point = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        min_code_point = 0x10000;
    } else {
        return 0;
    }
    if (i + length > text.size()) {
        return 0;
    }
    std::uint32_t code_point = lead & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            return 0;
        }
        code_point = (code_point << 6) | (byte(i + k) & 0x3F);
    }
    if (code_point < min_code_point || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        return 0;
    }
    return length;
}

void AppendValue(std::string& out, const Field::Value& value) {
    std::visit(
        [&out](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string_view>) {
                AppendJsonString(out, v);
            } else if constexpr (std::is_same_v<T, bool>) {
                out += v ? "true" : "false";
            } else if constexpr (std::is_same_v<T, double>) {
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%.6g", v);
                out += buffer;
            } else {
                out += std::to_string(v);
            }
        },
        value);
}

}  // namespace

std::optional<Level> ParseLevel(std::string_view name) {
    for (Level level : {Level::kTrace, Level::kDebug, Level::kInfo, Level::kWarn, Level::kError, Level::kOff}) {
        if (LevelName(level) == name) {
            return level;
        }
    }
    if (name == "warning") {
        return Level::kWarn;
    }
    return std::nullopt;
}

std::string_view LevelName(Level level) {
    switch (level) {
        case Level::kTrace:
            return "trace";
        case Level::kDebug:
            return "debug";
        case Level::kInfo:
            return "info";
        case Level::kWarn:
            return "warn";
        case Level::kError:
            return "error";
        case Level::kOff:
            return "off";
    }
    return "info";
}

void Init(const Options& options) {
    g_logger.store(MakeLogger(options), std::memory_order_release);
}

void SetLevel(Level level) {
    Logger()->set_level(ToSpdlog(level));
}

bool Enabled(Level level) {
    return Logger()->should_log(ToSpdlog(level));
}

void Write(Level level, std::string_view event, std::initializer_list<Field> fields) {
    const auto logger = Logger();
    const auto spd_level = ToSpdlog(level);
    if (!logger->should_log(spd_level)) {
        return;
    }
    std::string payload;
    payload.reserve(128);
    if (const std::string_view request_id = fiber::CurrentLocals().request_id; !request_id.empty()) {
        payload += "\"request_id\":";
        AppendJsonString(payload, request_id);
        payload += ',';
    }
    payload += "\"event\":";
    AppendJsonString(payload, event);
    for (const Field& field : fields) {
        payload += ',';
        AppendJsonString(payload, field.key);
        payload += ':';
        AppendValue(payload, field.value);
    }
    logger->log(spd_level, spdlog::string_view_t(payload.data(), payload.size()));
}

void Flush() {
    Logger()->flush();
}

RequestScope::RequestScope(std::string_view request_id) : previous_(fiber::CurrentLocals().request_id) {
    fiber::CurrentLocals().request_id = request_id;
}

RequestScope::~RequestScope() {
    fiber::CurrentLocals().request_id = previous_;
}

std::string_view CurrentRequestId() {
    return fiber::CurrentLocals().request_id;
}

void AppendJsonString(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            // Multi-byte UTF-8 passes through; invalid bytes (a garbled request line) become U+FFFD so that
            // every line stays valid JSON.
            const std::size_t length = Utf8SequenceLength(text, i);
            if (length == 0) {
                out += "\\ufffd";
            } else {
                out.append(text.substr(i, length));
                i += length - 1;
            }
            continue;
        }
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (u < 0x20 || u == 0x7f) {
                    out += "\\u00";
                    out += kHex[u >> 4];
                    out += kHex[u & 0xF];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

}  // namespace ac::log

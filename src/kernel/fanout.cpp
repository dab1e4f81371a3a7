#include "kernel/fanout.hpp"

#include <charconv>

#include "core/digest.hpp"
#include "core/thread_name.hpp"
#include "log/log.hpp"

namespace ac::kernel {
namespace {

// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more.
constexpr std::size_t kMaxPayload = 7000;
constexpr auto kListenWait = std::chrono::seconds(30);

std::string RandomInstance() {
    return Sha256Hex(std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "/" +
                     std::to_string(reinterpret_cast<std::uintptr_t>(&kMaxPayload)))
        .substr(0, 12);
}

std::optional<std::int64_t> ToInt(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

std::string EncodeSignals(const std::vector<Signal>& signals) {
    std::string text;
    for (const Signal& signal : signals) {
        if (!text.empty()) {
            text += ',';
        }
        switch (signal.kind) {
            case Signal::Kind::kNotification:
                text += "n:" + std::to_string(signal.id) + ":" + std::to_string(signal.staff.value());
                break;
            case Signal::Kind::kTimers:
                text += 't';
                if (signal.id != 0) {
                    text += ":" + std::to_string(signal.id);
                }
                break;
            case Signal::Kind::kOutbox:
                text += 'o';
                break;
        }
    }
    return text;
}

std::vector<Signal> DecodeSignals(std::string_view text) {
    std::vector<Signal> signals;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        const std::string_view item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        if (item == "t") {
            signals.push_back(Signal{Signal::Kind::kTimers, 0, StaffId()});
        } else if (item.starts_with("t:")) {
            if (const auto at = ToInt(item.substr(2))) {
                signals.push_back(Signal{Signal::Kind::kTimers, *at, StaffId()});
            }
        } else if (item == "o") {
            signals.push_back(Signal{Signal::Kind::kOutbox, 0, StaffId()});
        } else if (item.starts_with("n:")) {
            const std::string_view rest = item.substr(2);
            const std::size_t colon = rest.find(':');
            const auto id = ToInt(rest.substr(0, colon));
            const auto staff = colon == std::string_view::npos ? std::nullopt : ToInt(rest.substr(colon + 1));
            if (id && staff) {
                signals.push_back(Signal{Signal::Kind::kNotification, *id, StaffId(*staff)});
            }
        }
    }
    return signals;
}

PostgresFanout::PostgresFanout(storage::Database& db, SignalSink& sink)
    : db_(db), sink_(sink), instance_(RandomInstance()) {}

PostgresFanout::~PostgresFanout() {
    Stop();
}

Status PostgresFanout::Start() {
    AC_ASSIGN_OR_RETURN(listener_, db_.Listen(kChannel));
    if (!listener_) {
        return Ok();
    }
    // The first Wait connects and LISTENs: do it here, so that a signal sent right after Start is not missed.
    AC_RETURN_IF_ERROR(listener_->Wait(std::chrono::milliseconds(0)));
    thread_ = std::thread([this] {
        NameThisThread("ac-fanout");
        Run();
    });
    return Ok();
}

void PostgresFanout::Stop() {
    stopping_ = true;
    if (listener_) {
        listener_->Interrupt();
    }
    if (thread_.joinable()) {
        thread_.join();
    }
}

Status PostgresFanout::Stage(storage::Transaction& tx, const std::vector<Signal>& signals) {
    if (signals.empty()) {
        return Ok();
    }
    // Split into payloads PostgreSQL accepts; each starts with this server's instance.
    std::vector<Signal> chunk;
    std::size_t size = 0;
    const auto send = [&]() -> Status {
        if (chunk.empty()) {
            return Ok();
        }
        AC_RETURN_IF_ERROR(tx.Query("SELECT pg_notify($1, $2)", {kChannel, instance_ + "|" + EncodeSignals(chunk)}));
        chunk.clear();
        size = 0;
        return Ok();
    };
    for (const Signal& signal : signals) {
        const std::size_t item = EncodeSignals({signal}).size() + 1;
        if (size + item > kMaxPayload) {
            AC_RETURN_IF_ERROR(send());
        }
        chunk.push_back(signal);
        size += item;
    }
    return send();
}

void PostgresFanout::Run() {
    while (!stopping_) {
        Result<storage::Listener::Received> received = listener_->Wait(kListenWait);
        if (stopping_) {
            break;
        }
        if (!received) {
            log::Warn("fanout.listen_failed", {{"error", received.error().detail}});
            continue;
        }
        std::vector<Signal> signals;
        if (received->resync) {
            log::Info("fanout.listening", {{"channel", std::string(kChannel)}});
            signals.push_back(Signal{Signal::Kind::kTimers, 0, StaffId()});
            signals.push_back(Signal{Signal::Kind::kOutbox, 0, StaffId()});
        }
        for (const std::string& payload : received->payloads) {
            const std::size_t bar = payload.find('|');
            if (bar == std::string::npos || std::string_view(payload).substr(0, bar) == instance_) {
                continue;  // this server's own: its sink heard them at the commit
            }
            for (const Signal& signal : DecodeSignals(std::string_view(payload).substr(bar + 1))) {
                signals.push_back(signal);
            }
        }
        if (!signals.empty()) {
            sink_.Deliver(signals);
        }
    }
}

}  // namespace ac::kernel

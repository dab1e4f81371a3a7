// What happens after a kernel transaction commits: pushing new notifications to open WebSockets, waking the SLA
// scheduler and the webhook sender — in this server, and (on PostgreSQL) in every other server too.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/principal.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace ac::kernel {

struct Signal {
    enum class Kind : std::uint8_t {
        kNotification,  // `id` is a new notification for `staff`
        kTimers,        // timers changed: the scheduler may have to wake earlier (`id`: when, in ms; 0: look now)
        kOutbox,        // webhook deliveries are waiting
    };
    Kind kind = Kind::kNotification;
    std::int64_t id = 0;
    StaffId staff;

    friend bool operator==(const Signal&, const Signal&) = default;
};

// Where signals end up in one server. Called from the thread that committed, or the listener's.
class SignalSink {
  public:
    virtual ~SignalSink() = default;
    virtual void Deliver(const std::vector<Signal>& signals) = 0;
};

class Fanout {
  public:
    virtual ~Fanout() = default;
    // Inside the transaction: PostgreSQL sends the signals with the commit (NOTIFY), to every other server.
    [[nodiscard]] virtual Status Stage(storage::Transaction& tx, const std::vector<Signal>& signals) = 0;
    // After the commit: this server's own sink hears them at once.
    virtual void Committed(const std::vector<Signal>& signals) = 0;
};

// One server (SQLite, or tests): signals go to the sink after the commit.
class LocalFanout final : public Fanout {
  public:
    explicit LocalFanout(SignalSink& sink) : sink_(sink) {}
    Status Stage(storage::Transaction&, const std::vector<Signal>&) override { return Ok(); }
    void Committed(const std::vector<Signal>& signals) override { sink_.Deliver(signals); }

  private:
    SignalSink& sink_;
};

// Several servers sharing PostgreSQL: NOTIFY on the channel "aftercare" with the commit, and a thread LISTENing
// that hands other servers' signals to the sink. After a lost connection the sink hears "look at everything"
// (kTimers and kOutbox), since signals may have been missed.
class PostgresFanout final : public Fanout {
  public:
    static constexpr std::string_view kChannel = "aftercare";

    PostgresFanout(storage::Database& db, SignalSink& sink);
    ~PostgresFanout() override;
    PostgresFanout(const PostgresFanout&) = delete;
    PostgresFanout& operator=(const PostgresFanout&) = delete;

    // Starts listening. Errors: the database's, when LISTEN cannot begin.
    [[nodiscard]] Status Start();
    void Stop();

    Status Stage(storage::Transaction& tx, const std::vector<Signal>& signals) override;
    void Committed(const std::vector<Signal>& signals) override { sink_.Deliver(signals); }

  private:
    void Run();

    storage::Database& db_;
    SignalSink& sink_;
    const std::string instance_;  // tells this server's own NOTIFYs apart
    std::unique_ptr<storage::Listener> listener_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

// The text form of signals for NOTIFY payloads ("n:12:3,t,o") and back; unknown items are skipped.
[[nodiscard]] std::string EncodeSignals(const std::vector<Signal>& signals);
[[nodiscard]] std::vector<Signal> DecodeSignals(std::string_view text);

}  // namespace ac::kernel

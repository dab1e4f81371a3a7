// What the workflow kernel costs, on SQLite on the disk under test ($AC_BENCH_DIR), durable commits, or with
// $AC_BENCH_PG (a PostgreSQL server's URL, its maintenance database) on fresh databases of that server:
//   - actions per second on one document type (the test ticket), and creations per second;
//   - the SLA scheduler with 1,000,000 running timers: the time to find the next wake-up, the CPU it uses while
//     nothing is due, and how late a breach is recorded after its deadline.
#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <benchmark/benchmark.h>
#include <libpq-fe.h>

#include "app/system_clock.hpp"
#include "auth/directory.hpp"
#include "auth/identity_service.hpp"
#include "auth/secrets.hpp"
#include "kernel/kernel.hpp"
#include "kernel/scheduler.hpp"
#include "kernel/test_ticket.hpp"
#include "storage/migrations.hpp"
#include "storage/transaction_runner.hpp"
#include <sys/resource.h>

namespace {

using namespace std::chrono_literals;
using ac::Instant;
using ac::storage::Transaction;
using ac::storage::TxMode;
namespace kernel = ac::kernel;

constexpr std::int64_t kTimers = 1'000'000;

std::filesystem::path BenchDir() {
    const char* dir = std::getenv("AC_BENCH_DIR");
    return std::filesystem::path(dir != nullptr ? dir : ".");
}

// Records when breach notifications reach the server's signal sink (what would push them to WebSockets).
class TimingSink final : public kernel::SignalSink {
  public:
    void Deliver(const std::vector<kernel::Signal>& signals) override {
        const Instant now = ac::app::SystemClock().Now();
        std::lock_guard lock(mutex_);
        for (const kernel::Signal& signal : signals) {
            if (signal.kind == kernel::Signal::Kind::kNotification) {
                arrivals_.push_back(now);
            }
        }
        arrived_.notify_all();
    }
    bool WaitFor(std::size_t count, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return arrived_.wait_for(lock, timeout, [&] { return arrivals_.size() >= count; });
    }
    std::vector<Instant> arrivals() {
        std::lock_guard lock(mutex_);
        return arrivals_;
    }
    void Clear() {
        std::lock_guard lock(mutex_);
        arrivals_.clear();
    }

  private:
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::vector<Instant> arrivals_;
};

// Runs one statement outside a transaction (CREATE DATABASE) on the PostgreSQL server at `url`.
void PostgresExec(const std::string& url, const std::string& sql) {
    PGconn* conn = PQconnectdb(url.c_str());
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);  // "does not exist, skipping"
    PGresult* result = PQexec(conn, sql.c_str());
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    const std::string message = PQerrorMessage(conn);
    PQclear(result);
    PQfinish(conn);
    if (!ok) {
        throw std::runtime_error(sql + ": " + message);
    }
}

// A fresh database: an SQLite file in the bench folder, or with $AC_BENCH_PG a new database on that server named
// after the file ("kernel-timers.db" → bench_kernel_timers).
std::unique_ptr<ac::storage::Database> OpenFresh(const std::string& name) {
    ac::auth::InitCrypto();
    ac::storage::OpenOptions options;
    if (const char* server = std::getenv("AC_BENCH_PG"); server != nullptr && *server != '\0') {
        std::string database = "bench_" + std::filesystem::path(name).stem().string();
        std::replace(database.begin(), database.end(), '-', '_');
        PostgresExec(server, "DROP DATABASE IF EXISTS " + database);
        PostgresExec(server, "CREATE DATABASE " + database);
        std::string url = server;
        url = url.substr(0, url.find('?'));
        options.url = url.substr(0, url.rfind('/') + 1) + database;
        return ac::storage::Open(options).value();
    }
    const auto path = BenchDir() / name;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path.string() + suffix);
    }
    options.url = path.string();
    return ac::storage::Open(options).value();
}

struct World {
    explicit World(const std::string& name) : db(OpenFresh(name)) {
        (void)ac::storage::Migrate(*db, clock).value();
        (void)kernel::test_ticket::EnsureTable(*db).value();
        registry.Add(kernel::test_ticket::Type());
        kernel::test_ticket::AddPolicies(policies);
        ac::auth::IdentityService identity(*db, clock);
        const ac::Principal system = ac::auth::SystemPrincipal();
        store = identity.CreateStore(system, {.code = "SH01", .name = "上海徐汇店"})->id;
        const auto add = [&](const std::string& username, const std::string& role) {
            const auto staff =
                identity
                    .CreateStaff(system, {.username = username, .name = username, .store_id = store, .roles = {role}})
                    .value();
            return ac::auth::PrincipalOf(staff, ac::Principal::Via::kSession, 0, "");
        };
        supervisor = add("supervisor", "aftersales_supervisor");
        agent = add("agent", "aftersales_agent");
    }

    kernel::Document Create() {
        kernel::CreateRequest request;
        request.type = std::string(kernel::test_ticket::kType);
        request.store_id = store;
        request.write = [](Transaction& tx, const kernel::Document& document) {
            return kernel::test_ticket::Insert(tx, document.id, "沙发异响");
        };
        return kernel_.Create(agent, request).value();
    }

    ac::app::SystemClock clock;
    std::unique_ptr<ac::storage::Database> db;
    kernel::Registry registry;
    kernel::Policies policies;
    ac::auth::IdentityDirectory directory;
    std::unique_ptr<kernel::BlobStore> blobs = kernel::MakeDatabaseBlobStore();
    TimingSink sink;
    kernel::LocalFanout fanout{sink};
    kernel::Kernel kernel_{*db, clock, registry, policies, directory, *blobs, fanout};
    ac::StoreId store;
    ac::Principal supervisor;
    ac::Principal agent;
};

// One action after another on one document: approve_exception keeps it in its state, so it can repeat. Each is
// a durable transaction: the document row, the chained event, the check of the approver.
void BM_ApplyAction(benchmark::State& state) {
    World world("kernel-actions.db");
    kernel::Document document = world.Create();
    kernel::ActionInputs notice;
    notice.notice = kernel::CustomerNotice{"phone", world.clock.Now(), "约好上门"};
    document = world.kernel_.Apply(world.agent, {document.id, "contact", document.version, notice, ""}).value();
    kernel::ActionInputs schedule;
    schedule.times["appointment"] = world.clock.Now() + 24h;
    document = world.kernel_.Apply(world.agent, {document.id, "schedule", document.version, schedule, ""}).value();
    kernel::ActionInputs approval;
    approval.approval = kernel::Approval{"老客户特批", ac::StaffId()};
    for (auto _ : state) {
        auto applied = world.kernel_.Apply(world.supervisor,
                                           {document.id, "approve_exception", document.version, approval, "bench"});
        if (!applied) {
            state.SkipWithError(applied.error().message.key.c_str());
            break;
        }
        document = *applied;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ApplyAction)->UseRealTime()->Unit(benchmark::kMicrosecond);

// Creations: the day's number, the module row, the first event, the SLA timer, the supervisor's notification.
void BM_CreateDocument(benchmark::State& state) {
    World world("kernel-create.db");
    for (auto _ : state) {
        benchmark::DoNotOptimize(world.Create());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CreateDocument)->UseRealTime()->Unit(benchmark::kMicrosecond);

// The world with a million running timers, none due for a day (built once, shared by the scheduler benchmarks).
World& MillionTimers() {
    static World* world = [] {
        auto* built = new World("kernel-timers.db");
        const std::int64_t now = ac::ToEpochMs(built->clock.Now());
        const std::int64_t day = 24LL * 3600 * 1000;
        // Spread over the next day onwards, so that the index has a million distinct keys.
        const std::string documents =
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(kTimers) +
            ") INSERT INTO documents (type, number, store_id, state, version, event_count, last_event_hash, "
            "created_at_ms, updated_at_ms) SELECT 'test_ticket', 'BULK' || i, " +
            std::to_string(built->store.value()) + ", 'new', 1, 0, '', " + std::to_string(now) + ", " +
            std::to_string(now) + " FROM n";
        const std::string timers =
            "INSERT INTO sla_timers (document_id, name, state, started_at_ms, deadline_ms, warn_at_ms, next_fire_ms) "
            "SELECT id, 'test.first_contact', 'running', " +
            std::to_string(now) + ", " + std::to_string(now + day) + " + id * 10, " + std::to_string(now + day) +
            " + id * 8, " + std::to_string(now + day) + " + id * 8 FROM documents WHERE number LIKE 'BULK%'";
        (void)ac::storage::RunInTransaction(*built->db, TxMode::kWrite, [&](Transaction& tx) -> ac::Status {
            AC_RETURN_IF_ERROR(tx.Execute(documents));
            AC_RETURN_IF_ERROR(tx.Execute(timers));
            return ac::Ok();
        }).value();
        return built;
    }();
    return *world;
}

std::int64_t RunningTimers(World& world) {
    return ac::storage::RunInTransaction(*world.db, TxMode::kRead,
                                         [](Transaction& tx) -> ac::Result<std::int64_t> {
                                             AC_ASSIGN_OR_RETURN(
                                                 const auto rows,
                                                 tx.Query("SELECT count(*) FROM sla_timers WHERE state = 'running'"));
                                             return rows.front().Int(0);
                                         })
        .value();
}

// What the scheduler does before each sleep: find the earliest next firing among all timers.
void BM_NextWakeAmongAMillionTimers(benchmark::State& state) {
    World& world = MillionTimers();
    for (auto _ : state) {
        benchmark::DoNotOptimize(world.kernel_.NextTimerFire().value());
    }
    state.counters["running_timers"] = static_cast<double>(RunningTimers(world));
}
BENCHMARK(BM_NextWakeAmongAMillionTimers)->UseRealTime()->Unit(benchmark::kMicrosecond);

double ProcessCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The scheduler running over a million timers with nothing due: it should sleep, not poll.
void BM_SchedulerIdleWithAMillionTimers(benchmark::State& state) {
    World& world = MillionTimers();
    const auto window = std::chrono::seconds(state.range(0));
    for (auto _ : state) {
        kernel::Scheduler scheduler(world.kernel_, world.clock, {});
        scheduler.Start();
        std::this_thread::sleep_for(200ms);  // its first look
        const double cpu_before = ProcessCpuSeconds();
        const auto wakeups_before = scheduler.stats().wakeups;
        std::this_thread::sleep_for(window);
        const double cpu = ProcessCpuSeconds() - cpu_before;
        const auto wakeups = scheduler.stats().wakeups - wakeups_before;
        scheduler.Stop();
        state.counters["cpu_ms_per_s"] = cpu * 1000.0 / static_cast<double>(window.count());
        state.counters["wakeups"] = static_cast<double>(wakeups);
    }
}
BENCHMARK(BM_SchedulerIdleWithAMillionTimers)->Arg(10)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

// Deadlines 100 ms apart among a million timers: how long after each deadline its breach is committed and the
// supervisor's notification signalled.
void BM_BreachDelayWithAMillionTimers(benchmark::State& state) {
    World& world = MillionTimers();
    constexpr int kDeadlines = 20;
    for (auto _ : state) {
        world.sink.Clear();
        kernel::Scheduler scheduler(world.kernel_, world.clock, {});
        scheduler.Start();
        std::vector<Instant> deadlines;
        (void)ac::storage::RunInTransaction(*world.db, TxMode::kWrite, [&](Transaction& tx) -> ac::Status {
            deadlines.clear();
            const Instant first = world.clock.Now() + 500ms;
            for (int i = 0; i < kDeadlines; ++i) {
                kernel::TimerRow timer;
                timer.document_id = kernel::DocumentId(i + 1);  // documents of the bulk set
                timer.name = "test.visit";
                timer.state = "running";
                timer.started_at = world.clock.Now();
                timer.deadline = first + std::chrono::milliseconds(100 * i);
                timer.warn_at = timer.deadline;
                timer.warned = true;
                timer.next_fire = timer.deadline;
                AC_RETURN_IF_ERROR(kernel::TimerRepository::Upsert(tx, timer));
                deadlines.push_back(timer.deadline);
            }
            return ac::Ok();
        }).value();
        scheduler.Wake();
        if (!world.sink.WaitFor(kDeadlines, 30s)) {
            state.SkipWithError("not every breach was signalled");
            break;
        }
        scheduler.Stop();
        std::vector<double> delays;
        const std::vector<Instant> arrivals = world.sink.arrivals();
        for (int i = 0; i < kDeadlines; ++i) {
            delays.push_back(static_cast<double>(
                (arrivals[static_cast<std::size_t>(i)] - deadlines[static_cast<std::size_t>(i)]).count()));
        }
        std::sort(delays.begin(), delays.end());
        state.counters["delay_ms_median"] = delays[delays.size() / 2];
        state.counters["delay_ms_max"] = delays.back();
    }
}
BENCHMARK(BM_BreachDelayWithAMillionTimers)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();

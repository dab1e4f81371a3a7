// The one storage interface: a Database hands out Transactions; repositories run their SQL in them.
//
// Two backends implement it (storage/sqlite, storage/postgres) with the same observable behaviour, proven by the
// conformance suite in storage_dbtest.cpp:
//   - SQL uses PostgreSQL-style numbered parameters ($1, $2, ...) on both backends;
//   - write transactions are serializable: SQLite has a single writer, PostgreSQL runs SERIALIZABLE;
//   - read transactions see one consistent snapshot (SQLite WAL readers, PostgreSQL REPEATABLE READ READ ONLY);
//   - after any failed statement the transaction is failed: later statements and Commit return that error,
//     and the transaction rolls back;
//   - failures come back as ac::Error with a portable kind (see DbErrorKind), never as backend codes.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "storage/value.hpp"

namespace ac::fiber {
class FiberPool;
}

namespace ac::storage {

enum class Backend : std::uint8_t { kSqlite, kPostgres };

// "sqlite" or "postgresql".
[[nodiscard]] std::string_view BackendName(Backend backend);

enum class TxMode : std::uint8_t {
    kRead,     // a read-only snapshot; writing in it fails
    kWrite,    // serializable read-write
    kSchema,   // a schema change: one at a time across every process sharing the database, and each statement
               // sees everything committed before it ran (PostgreSQL: READ COMMITTED plus an advisory lock)
    kCounter,  // a short write that only moves a counter (INSERT … ON CONFLICT DO UPDATE … RETURNING): PostgreSQL
               // runs it READ COMMITTED, so concurrent increments of one row wait for each other instead of failing
               // as serialization conflicts; on SQLite an ordinary write
    kWriteQueued,  // a kWrite that runs alone: it waits until the writes in progress in every process end, and
                   // writes begun meanwhile wait for it (PostgreSQL: an advisory lock that each kWrite holds shared
                   // from before BEGIN to after its end, this one exclusively). RunInTransaction retries a write
                   // this way after a serialization failure, so that a write contending for rows others keep
                   // changing cannot fail again and again; on SQLite an ordinary write
};

// The portable classification of a storage failure; read it from an Error with KindOf().
enum class DbErrorKind : std::uint8_t {
    kNone,                  // the error did not come from storage
    kUniqueViolation,       // → ErrorCode::kAlreadyExists
    kForeignKeyViolation,   // → kFailedPrecondition
    kNotNullViolation,      // → kInternal (input validation should have caught it)
    kCheckViolation,        // → kInternal (likewise)
    kSerializationFailure,  // → kAborted; RunInTransaction retries it
    kBusy,                  // the database is locked by another process for too long → kUnavailable; retried
    kConnectionLost,        // → kUnavailable; the connection is discarded
    kPoolTimeout,           // no connection became free in time → kUnavailable
    kReadOnly,              // a write in a read transaction → kInternal
    kTransactionFailed,     // a statement after an earlier failure in the same transaction → kInternal
    kSchemaNewer,           // the database was migrated by a newer binary → kFailedPrecondition
    kOther,                 // anything else → kInternal
};

[[nodiscard]] DbErrorKind KindOf(const Error& error);

// Whether retrying the whole transaction may succeed (serialization failure, busy).
[[nodiscard]] bool IsRetryable(const Error& error);

// Builds the Error for a storage failure of `kind`; `detail` (the backend's message, SQL) goes to logs only.
[[nodiscard]] Error MakeDbError(DbErrorKind kind, std::string detail);

// Pool and traffic figures for /metrics. Counters only grow.
struct PoolStats {
    std::size_t max_connections = 0;  // the pool's limit (SQLite: readers + the writer)
    std::size_t open_connections = 0;
    std::size_t in_use = 0;
    std::uint64_t acquired_total = 0;
    std::uint64_t wait_microseconds_total = 0;  // time spent waiting for a free connection
    std::uint64_t timeouts_total = 0;
    std::uint64_t commits_total = 0;
    std::uint64_t rollbacks_total = 0;
    // SQLite: the COMMITs written, each for a group of write transactions (group commit); fewer than the write
    // transactions committed when writers overlap. PostgreSQL groups its own flushes and leaves this at 0.
    std::uint64_t group_commits_total = 0;
    // SQLite: WAL checkpoints, in the background or by the writer (PostgreSQL checkpoints by itself: 0); of which
    // the writer's, which hold up every writer while they copy: once the background has left it little.
    std::uint64_t checkpoints_total = 0;
    std::uint64_t writer_checkpoints_total = 0;
    // SQLite, synchronous FULL: syncs of the WAL that made group commits durable, each for the groups committed
    // since the one before (the writer goes on meanwhile). 0 otherwise.
    std::uint64_t wal_syncs_total = 0;
    std::uint64_t serialization_failures_total = 0;
    std::uint64_t connections_lost_total = 0;
};

// A unit of work on one connection. Not thread-safe: one thread uses a transaction at a time.
// Destroying a transaction that was not committed rolls it back and returns its connection to the pool.
class Transaction {
  public:
    virtual ~Transaction() = default;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // Runs a statement that returns rows (SELECT, or INSERT ... RETURNING) and reads them all.
    [[nodiscard]] Result<Rows> Query(std::string_view sql, std::span<const Value> params);
    [[nodiscard]] Result<Rows> Query(std::string_view sql, std::initializer_list<Value> params = {}) {
        return Query(sql, std::span<const Value>(params.begin(), params.size()));
    }

    // Runs a statement and returns the number of rows it changed.
    [[nodiscard]] Result<std::int64_t> Execute(std::string_view sql, std::span<const Value> params);
    [[nodiscard]] Result<std::int64_t> Execute(std::string_view sql, std::initializer_list<Value> params = {}) {
        return Execute(sql, std::span<const Value>(params.begin(), params.size()));
    }

    // Runs a statement for its effect alone (the count of changed rows does not matter).
    [[nodiscard]] Status Run(std::string_view sql, std::initializer_list<Value> params = {}) {
        Result<std::int64_t> changed = Execute(sql, std::span<const Value>(params.begin(), params.size()));
        return changed ? Ok() : Status(std::unexpected<Error>(std::move(changed).error()));
    }

    // Runs several ';'-separated statements without parameters (migrations, test set-up).
    [[nodiscard]] Status ExecuteScript(std::string_view sql);

    // Makes the changes durable (per the backend's durability setting) and ends the transaction. On failure the
    // transaction is rolled back. Calling it twice, or after a failed statement, returns an error.
    [[nodiscard]] Status Commit();

    // Discards the changes and ends the transaction; harmless when already ended.
    void Rollback();

    [[nodiscard]] TxMode mode() const { return mode_; }
    [[nodiscard]] virtual Backend backend() const = 0;
    [[nodiscard]] bool active() const { return state_ == State::kActive; }

  protected:
    explicit Transaction(TxMode mode) : mode_(mode) {}

    virtual Result<Rows> DoQuery(std::string_view sql, std::span<const Value> params) = 0;
    virtual Result<std::int64_t> DoExecute(std::string_view sql, std::span<const Value> params) = 0;
    virtual Status DoExecuteScript(std::string_view sql) = 0;
    virtual Status DoCommit() = 0;
    virtual void DoRollback() = 0;

  private:
    enum class State : std::uint8_t { kActive, kFailed, kEnded };

    // Checks that a statement may run; otherwise the error to return.
    Status CheckUsable();
    // Marks the transaction failed after `error` and rolls it back.
    Error Poison(Error error);

    TxMode mode_;
    State state_ = State::kActive;
    std::optional<Error> failure_;
};

// Messages other processes sharing the database sent on a channel (PostgreSQL LISTEN/NOTIFY): a dedicated
// connection, used by one thread; Interrupt() may be called from any thread.
class Listener {
  public:
    virtual ~Listener() = default;
    struct Received {
        std::vector<std::string> payloads;
        // The connection was (re)established: messages sent meanwhile may be lost, so look at everything again.
        bool resync = false;
    };
    // Waits up to `timeout` for messages (or an interruption). A lost connection is opened again on the next
    // call; while the server cannot be reached it returns kUnavailable (after waiting up to `timeout`).
    [[nodiscard]] virtual Result<Received> Wait(std::chrono::milliseconds timeout) = 0;
    // Makes a Wait in progress (or the next one) return at once.
    virtual void Interrupt() = 0;
};

// A database: a pool of connections. Thread-safe.
class Database {
  public:
    virtual ~Database() = default;

    [[nodiscard]] virtual Backend backend() const = 0;

    // Starts a transaction, waiting up to the acquire timeout for a connection (kPoolTimeout after it).
    [[nodiscard]] virtual Result<std::unique_ptr<Transaction>> Begin(TxMode mode) = 0;

    // Checks that the database answers (for /readyz).
    [[nodiscard]] virtual Status Ping() = 0;

    [[nodiscard]] virtual PoolStats Stats() const = 0;

    // Where the data lives, without secrets: "sqlite:/srv/aftercare/data/aftercare.db",
    // "postgresql://app@db1:5432/aftercare".
    [[nodiscard]] virtual std::string Describe() const = 0;

    // The backend's own version ("3.40.1", "15.18").
    [[nodiscard]] virtual std::string ServerVersion() = 0;

    // Ends a bulk load (OpenOptions::sqlite_bulk_load): SQLite's writer goes back to WAL and checks foreign keys
    // again. Otherwise nothing to do.
    // Errors: kPoolTimeout while a transaction holds the writer; kUnavailable when SQLite keeps its mode.
    [[nodiscard]] virtual Status EndBulkLoad() { return Ok(); }
    // SQLite: makes the SQLite file `path` part of the writer's transactions as schema `name` (ATTACH DATABASE) until
    // DetachFromWriter, so that a bulk load can copy tables built beside it in one statement each (`INSERT … SELECT *`
    // from a table of the same definition moves the records as they are). Errors: kPoolTimeout while a transaction
    // holds the writer; kUnavailable when the file cannot be attached; kFailedPrecondition on other backends.
    [[nodiscard]] virtual Status AttachToWriter(std::string_view name, std::string_view path);
    [[nodiscard]] virtual Status DetachFromWriter(std::string_view name);
    // Listens on `channel` over a connection of its own. SQLite has no other server to hear from: nullptr.
    [[nodiscard]] virtual Result<std::unique_ptr<Listener>> Listen(std::string_view channel) {
        (void)channel;
        return std::unique_ptr<Listener>();
    }

    // Where write transactions run (RunInTransaction): on `fibers` when set, else on the calling thread. SQLite has
    // one writer, so a server runs its writes on the fibers of one thread, which share commits (group commit)
    // without a trip through the kernel per writer, while the rest of each request (reading and checking it, the
    // answer) runs on the other threads. Set it before the threads that write start, and unset it once they
    // stopped; `fibers` must outlive its use.
    void SetWriteFibers(fiber::FiberPool* fibers) { write_fibers_.store(fibers, std::memory_order_release); }

    // Runs `task(arg)` where write transactions run, and returns once it has.
    void RunWrite(void (*task)(void*), void* arg);

  private:
    std::atomic<fiber::FiberPool*> write_fibers_{nullptr};
};

struct OpenOptions {
    // An SQLite file path (optionally "sqlite:" + path) or a "postgresql://" / "postgres://" URL.
    std::string url;
    // PostgreSQL: connections in the pool. SQLite: reader connections (there is one writer besides).
    std::size_t pool_size = 8;
    // How long Begin waits for a free connection (and SQLite for another process's write lock).
    std::chrono::milliseconds acquire_timeout{5000};
    // SQLite's PRAGMA synchronous: "FULL" (the default: an acknowledged commit survives power loss) or "NORMAL".
    std::string sqlite_synchronous = "FULL";
    // SQLite, for filling a database that nothing else uses meanwhile (the data generator): the writer writes changed
    // pages straight into the file and keeps its rollback journal in memory, instead of writing each page to the WAL
    // and again into the file at a checkpoint, and syncs the file once at the end instead of at every commit. A failed
    // transaction still rolls back; a crash or power loss during the load leaves the file unusable. Foreign keys are
    // not checked during the load (half of the time some tables take to insert): the loader's rows must be whole
    // by construction, and its tests check them with PRAGMA foreign_key_check. Database::EndBulkLoad syncs the file
    // and returns to WAL, the `sqlite_synchronous` setting and checked foreign keys. (Only at open: a connection
    // cannot leave WAL while another one has the file open.)
    bool sqlite_bulk_load = false;
};

// Opens the database `options.url` names. SQLite creates the file (not its folder) when missing.
// Errors: kUnavailable (cannot connect or open), kValidationFailed-like kInvalidArgument for a malformed URL.
[[nodiscard]] Result<std::unique_ptr<Database>> Open(const OpenOptions& options);

// Whether `url` names a PostgreSQL database.
[[nodiscard]] bool IsPostgresUrl(std::string_view url);

}  // namespace ac::storage

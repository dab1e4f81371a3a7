#include "storage/postgres/postgres_database.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <libpq-fe.h>

#include "log/log.hpp"
#include "storage/pool.hpp"
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace ac::storage {
namespace {

// Type oids of pg_type that map to something other than text.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;

constexpr std::size_t kMaxPreparedStatements = 512;

// The advisory lock that serialises schema changes of every aftercare process on one database.
constexpr std::int64_t kSchemaLockKey = 0x61667465'72636172;  // "aftercar"
// The writers' turn: every serializable write holds it shared, a TxMode::kWriteQueued one alone; a session lock, taken
// before BEGIN and given back after COMMIT or ROLLBACK. PostgreSQL queues a new shared request behind a waiting
// exclusive one, so a queued writer runs once the writes in progress end, and no write can fail it.
constexpr std::int64_t kWriteTurnLockKey = 0x61667465'72717565;  // "afterque"

// The statement that takes (or gives back) the writers' turn for a transaction of `mode`; empty for other modes.
std::string WriteTurn(TxMode mode, bool take) {
    const std::string key = "(" + std::to_string(kWriteTurnLockKey) + ")";
    switch (mode) {
        case TxMode::kWrite:
            return std::string(take ? "SELECT pg_advisory_lock_shared" : "SELECT pg_advisory_unlock_shared") + key;
        case TxMode::kWriteQueued:
            return std::string(take ? "SELECT pg_advisory_lock" : "SELECT pg_advisory_unlock") + key;
        default:
            return "";
    }
}

// Owns a PGresult.
struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

DbErrorKind KindOfSqlState(std::string_view state) {
    if (state == "23505") {
        return DbErrorKind::kUniqueViolation;
    }
    if (state == "23503") {
        return DbErrorKind::kForeignKeyViolation;
    }
    if (state == "23502") {
        return DbErrorKind::kNotNullViolation;
    }
    if (state == "23514") {
        return DbErrorKind::kCheckViolation;
    }
    if (state == "40001" || state == "40P01") {
        return DbErrorKind::kSerializationFailure;
    }
    if (state == "25006") {
        return DbErrorKind::kReadOnly;
    }
    if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03" || state == "53300") {
        return DbErrorKind::kConnectionLost;
    }
    return DbErrorKind::kOther;
}

std::string FormatDouble(double value) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

// One libpq connection and the statements prepared on it. Used by one transaction at a time.
class PgConnection {
  public:
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;
    ~PgConnection() { PQfinish(conn_); }

    static Result<std::unique_ptr<PgConnection>> Connect(const OpenOptions& options) {
        const std::string timeout_seconds =
            std::to_string(std::max<long>(2, static_cast<long>(options.acquire_timeout.count() / 1000)));
        // Values before "dbname" are defaults the URL may override; those after it are imposed.
        const char* keywords[] = {"fallback_application_name", "connect_timeout", "dbname", "client_encoding", nullptr};
        const char* values[] = {"aftercare", timeout_seconds.c_str(), options.url.c_str(), "UTF8", nullptr};
        PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
        auto connection = std::unique_ptr<PgConnection>(new PgConnection(conn));
        if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
            std::string detail = conn != nullptr ? PQerrorMessage(conn) : "out of memory";
            return Fail(Error::Make(ErrorCode::kUnavailable, "db.unavailable", {{"target", RedactUrl(options.url)}})
                            .WithDetail(std::move(detail)));
        }
        PQsetNoticeProcessor(
            conn,
            [](void*, const char* message) {
                log::Debug("db.notice", {{"message", message}});
            },
            nullptr);
        return connection;
    }

    // Runs several statements through the simple query protocol.
    Status Exec(const std::string& sql) {
        PgResult result(PQexec(conn_, sql.c_str()));
        const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            return Fail(MakeError(result.get(), sql));
        }
        return Ok();
    }

    PGconn* raw() { return conn_; }

    Result<Rows> Query(std::string_view sql, std::span<const Value> params) {
        AC_ASSIGN_OR_RETURN(PgResult result, Run(sql, params));
        const int row_count = PQntuples(result.get());
        const int column_count = PQnfields(result.get());
        std::vector<std::string> names;
        std::vector<Oid> types;
        for (int c = 0; c < column_count; ++c) {
            names.emplace_back(PQfname(result.get(), c));
            types.push_back(PQftype(result.get(), c));
        }
        std::vector<Row> rows;
        rows.reserve(static_cast<std::size_t>(row_count));
        for (int r = 0; r < row_count; ++r) {
            std::vector<Value> cells;
            cells.reserve(static_cast<std::size_t>(column_count));
            for (int c = 0; c < column_count; ++c) {
                if (PQgetisnull(result.get(), r, c)) {
                    cells.emplace_back();
                    continue;
                }
                const char* text = PQgetvalue(result.get(), r, c);
                const auto length = static_cast<std::size_t>(PQgetlength(result.get(), r, c));
                switch (types[static_cast<std::size_t>(c)]) {
                    case kInt8Oid:
                    case kInt2Oid:
                    case kInt4Oid:
                    case kOidOid:
                        cells.emplace_back(static_cast<long long>(std::strtoll(text, nullptr, 10)));
                        break;
                    case kFloat4Oid:
                    case kFloat8Oid:
                        cells.emplace_back(std::strtod(text, nullptr));
                        break;
                    case kBoolOid:
                        cells.emplace_back(text[0] == 't');
                        break;
                    case kByteaOid: {
                        std::size_t size = 0;
                        unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
                        cells.emplace_back(Blob{std::string(reinterpret_cast<const char*>(bytes), size)});
                        PQfreemem(bytes);
                        break;
                    }
                    default:
                        cells.emplace_back(std::string(text, length));
                }
            }
            rows.emplace_back(std::move(cells));
        }
        return Rows(std::move(names), std::move(rows));
    }

    Result<std::int64_t> Execute(std::string_view sql, std::span<const Value> params) {
        AC_ASSIGN_OR_RETURN(PgResult result, Run(sql, params));
        const char* affected = PQcmdTuples(result.get());
        return static_cast<std::int64_t>(affected[0] == '\0' ? 0 : std::strtoll(affected, nullptr, 10));
    }

    // Ends the session now (and with it its session locks); Reusable() is false afterwards.
    void Close() {
        PQfinish(conn_);
        conn_ = nullptr;
    }
    // Whether the connection can be reused: open, and not inside a transaction.
    [[nodiscard]] bool Reusable() const {
        return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
    }
    [[nodiscard]] bool InTransaction() const {
        const PGTransactionStatusType status = PQtransactionStatus(conn_);
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
    }
    [[nodiscard]] std::string ServerVersion() const {
        const char* version = PQparameterStatus(conn_, "server_version");
        return version != nullptr ? version : "";
    }

  private:
    explicit PgConnection(PGconn* conn) : conn_(conn) {}

    Error MakeError(const PGresult* result, std::string_view sql) const {
        std::string detail = result != nullptr ? PQresultErrorMessage(result) : "";
        if (detail.empty()) {
            detail = PQerrorMessage(conn_);
        }
        while (!detail.empty() && detail.back() == '\n') {
            detail.pop_back();
        }
        const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        DbErrorKind kind = state != nullptr ? KindOfSqlState(state) : DbErrorKind::kOther;
        if (PQstatus(conn_) != CONNECTION_OK) {
            kind = DbErrorKind::kConnectionLost;
        }
        if (state != nullptr) {
            detail = std::string("[") + state + "] " + detail;
        }
        if (!sql.empty()) {
            detail += " in: ";
            detail += sql.substr(0, 300);
        }
        return MakeDbError(kind, std::move(detail));
    }

    Result<PgResult> Run(std::string_view sql, std::span<const Value> params) {
        const std::string key(sql);
        auto prepared = prepared_.find(key);
        if (prepared == prepared_.end()) {
            if (prepared_.size() >= kMaxPreparedStatements) {
                AC_RETURN_IF_ERROR(Exec("DEALLOCATE ALL"));
                prepared_.clear();
            }
            std::string name = "ac" + std::to_string(next_statement_++);
            PgResult result(PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr));
            if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
                return Fail(MakeError(result.get(), sql));
            }
            prepared = prepared_.emplace(key, std::move(name)).first;
        }

        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        std::vector<int> lengths(params.size(), 0);
        std::vector<int> formats(params.size(), 0);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const Value::Variant& value = params[i].variant();
            if (const auto* integer = std::get_if<std::int64_t>(&value)) {
                texts[i] = std::to_string(*integer);
                values[i] = texts[i].c_str();
            } else if (const auto* real = std::get_if<double>(&value)) {
                texts[i] = FormatDouble(*real);
                values[i] = texts[i].c_str();
            } else if (const auto* text = std::get_if<std::string>(&value)) {
                values[i] = text->c_str();
            } else if (const auto* blob = std::get_if<Blob>(&value)) {
                values[i] = blob->bytes.data();
                lengths[i] = static_cast<int>(blob->bytes.size());
                formats[i] = 1;  // binary: raw bytes, no escaping
            }
        }
        PgResult result(PQexecPrepared(conn_, prepared->second.c_str(), static_cast<int>(params.size()), values.data(),
                                       lengths.data(), formats.data(), /*resultFormat=*/0));
        const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            return Fail(MakeError(result.get(), sql));
        }
        return result;
    }

    PGconn* conn_;
    std::unordered_map<std::string, std::string> prepared_;  // SQL text → statement name on this connection
    std::uint64_t next_statement_ = 0;
};

// LISTEN on a connection of its own; poll() on its socket and on an eventfd that Interrupt() writes.
class PgListener final : public Listener {
  public:
    PgListener(OpenOptions options, std::string channel)
        : options_(std::move(options)), channel_(std::move(channel)), wake_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}
    ~PgListener() override {
        if (wake_ >= 0) {
            close(wake_);
        }
    }
    PgListener(const PgListener&) = delete;
    PgListener& operator=(const PgListener&) = delete;

    Result<Received> Wait(std::chrono::milliseconds timeout) override {
        Received received;
        if (!connection_) {
            Status connected = Connect();
            if (!connected) {
                WaitForWake(timeout);
                return Fail(std::move(connected).error());
            }
            received.resync = true;
            return received;
        }
        pollfd fds[2] = {{PQsocket(connection_->raw()), POLLIN, 0}, {wake_, POLLIN, 0}};
        const int ready = poll(fds, 2, static_cast<int>(std::min<std::int64_t>(timeout.count(), 24L * 3600 * 1000)));
        if (ready < 0 && errno != EINTR) {
            return Fail(MakeDbError(DbErrorKind::kOther, std::string("poll: ") + std::strerror(errno)));
        }
        if ((fds[1].revents & POLLIN) != 0) {
            DrainWake();
        }
        if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
            if (PQconsumeInput(connection_->raw()) == 0) {
                std::string detail = PQerrorMessage(connection_->raw());
                connection_.reset();
                return Fail(MakeDbError(DbErrorKind::kConnectionLost, "listen: " + detail));
            }
        }
        while (PGnotify* notify = PQnotifies(connection_->raw())) {
            received.payloads.emplace_back(notify->extra);
            PQfreemem(notify);
        }
        return received;
    }

    void Interrupt() override {
        const std::uint64_t one = 1;
        (void)!write(wake_, &one, sizeof one);
    }

  private:
    Status Connect() {
        AC_ASSIGN_OR_RETURN(connection_, PgConnection::Connect(options_));
        // The channel is ours (a constant), but quote it anyway.
        char* quoted = PQescapeIdentifier(connection_->raw(), channel_.c_str(), channel_.size());
        const std::string sql = std::string("LISTEN ") + (quoted != nullptr ? quoted : "");
        PQfreemem(quoted);
        Status listened = connection_->Exec(sql);
        if (!listened) {
            connection_.reset();
        }
        return listened;
    }

    void WaitForWake(std::chrono::milliseconds timeout) {
        pollfd fd{wake_, POLLIN, 0};
        if (poll(&fd, 1, static_cast<int>(timeout.count())) > 0) {
            DrainWake();
        }
    }

    void DrainWake() {
        std::uint64_t count = 0;
        (void)!read(wake_, &count, sizeof count);
    }

    const OpenOptions options_;
    const std::string channel_;
    const int wake_;
    std::unique_ptr<PgConnection> connection_;
};

class PostgresDatabase;

class PostgresTransaction final : public Transaction {
  public:
    PostgresTransaction(PostgresDatabase& owner, std::unique_ptr<PgConnection> connection, TxMode mode)
        : Transaction(mode), owner_(owner), connection_(std::move(connection)) {}
    ~PostgresTransaction() override;

    Backend backend() const override { return Backend::kPostgres; }

  protected:
    Result<Rows> DoQuery(std::string_view sql, std::span<const Value> params) override;
    Result<std::int64_t> DoExecute(std::string_view sql, std::span<const Value> params) override;
    Status DoExecuteScript(std::string_view sql) override { return connection_->Exec(std::string(sql)); }
    Status DoCommit() override;
    void DoRollback() override;

  private:
    PostgresDatabase& owner_;
    std::unique_ptr<PgConnection> connection_;
};

class PostgresDatabase final : public Database {
  public:
    explicit PostgresDatabase(OpenOptions options)
        : options_(std::move(options)),
          pool_(
              options_.pool_size, options_.acquire_timeout, [this] { return PgConnection::Connect(options_); },
              counters_) {}

    Backend backend() const override { return Backend::kPostgres; }

    Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
        std::string begin;
        switch (mode) {
            case TxMode::kRead:
                begin = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
                break;
            case TxMode::kWrite:
            case TxMode::kWriteQueued:
                begin = "BEGIN ISOLATION LEVEL SERIALIZABLE";
                break;
            case TxMode::kCounter:
                begin = "BEGIN ISOLATION LEVEL READ COMMITTED";
                break;
            case TxMode::kSchema:
                // Waits for any other process changing the schema; released at commit or rollback.
                begin = "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" +
                        std::to_string(kSchemaLockKey) + ")";
                break;
        }
        // A pooled connection may have died while idle (a server restart); nothing ran on it yet, so try another.
        for (std::size_t attempt = 0;; ++attempt) {
            AC_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> connection, pool_.Acquire());
            // The writers' turn before BEGIN and in a statement of its own (statements sent together run as one
            // transaction): the snapshot is taken after the wait and sees what the writers before committed.
            const std::string turn = WriteTurn(mode, true);
            Status began = turn.empty() ? Ok() : connection->Exec(turn);
            if (began) {
                began = connection->Exec(begin);
            }
            if (began) {
                return std::unique_ptr<Transaction>(new PostgresTransaction(*this, std::move(connection), mode));
            }
            Release(std::move(connection), mode);
            if (KindOf(began.error()) != DbErrorKind::kConnectionLost || attempt > options_.pool_size) {
                return Fail(std::move(began).error());
            }
        }
    }

    Status Ping() override {
        AC_ASSIGN_OR_RETURN(auto tx, Begin(TxMode::kRead));
        AC_RETURN_IF_ERROR(tx->Query("SELECT 1", {}));
        tx->Rollback();
        return Ok();
    }

    PoolStats Stats() const override {
        PoolStats stats;
        const auto usage = pool_.usage();
        stats.max_connections = pool_.max_size();
        stats.open_connections = usage.open;
        stats.in_use = usage.in_use;
        counters_.FillInto(stats);
        return stats;
    }

    std::string Describe() const override { return RedactUrl(options_.url); }

    std::string ServerVersion() override {
        auto connection = pool_.Acquire();
        if (!connection) {
            return "";
        }
        std::string version = (*connection)->ServerVersion();
        Release(std::move(*connection));
        return version;
    }

    Result<std::unique_ptr<Listener>> Listen(std::string_view channel) override {
        return std::unique_ptr<Listener>(std::make_unique<PgListener>(options_, std::string(channel)));
    }

    // Takes back a connection: idle again when reusable, closed otherwise.
    void Release(std::unique_ptr<PgConnection> connection, TxMode mode = TxMode::kRead) {
        if (const std::string turn = WriteTurn(mode, false);
            !turn.empty() && connection->Reusable() && !connection->Exec(turn)) {
            connection->Close();  // the turn goes with the session rather than staying held in the pool
        }
        const bool reusable = connection->Reusable();
        if (!reusable) {
            counters_.ConnectionLost();
        }
        pool_.Release(std::move(connection), reusable);
    }

    PoolCounters& counters() { return counters_; }

    // Opens the first connection so that Open fails when the server cannot be reached.
    Status Warm() {
        AC_ASSIGN_OR_RETURN(auto connection, pool_.Acquire());
        Release(std::move(connection));
        return Ok();
    }

  private:
    const OpenOptions options_;
    mutable PoolCounters counters_;
    ConnectionPool<PgConnection> pool_;
};

PostgresTransaction::~PostgresTransaction() {
    Rollback();
    owner_.Release(std::move(connection_), mode());
}

Result<Rows> PostgresTransaction::DoQuery(std::string_view sql, std::span<const Value> params) {
    return owner_.counters().Count(connection_->Query(sql, params));
}

Result<std::int64_t> PostgresTransaction::DoExecute(std::string_view sql, std::span<const Value> params) {
    return owner_.counters().Count(connection_->Execute(sql, params));
}

Status PostgresTransaction::DoCommit() {
    Status committed = owner_.counters().Count(connection_->Exec("COMMIT"));
    if (committed) {
        owner_.counters().Ended(true);
    }
    return committed;
}

void PostgresTransaction::DoRollback() {
    if (connection_->InTransaction()) {
        (void)connection_->Exec("ROLLBACK");
    }
    owner_.counters().Ended(false);
}

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const OpenOptions& options) {
    auto db = std::make_unique<PostgresDatabase>(options);
    AC_RETURN_IF_ERROR(db->Warm());
    return std::unique_ptr<Database>(std::move(db));
}

std::string PostgresLibraryVersion() {
    const int version = PQlibVersion();  // e.g. 150018
    return std::to_string(version / 10000) + "." + std::to_string(version % 10000);
}

std::string RedactUrl(std::string_view url) {
    std::string redacted(url);
    // user:password@ in the authority
    const std::size_t scheme_end = redacted.find("://");
    if (scheme_end != std::string::npos) {
        const std::size_t authority_start = scheme_end + 3;
        const std::size_t authority_end = redacted.find_first_of("/?", authority_start);
        const std::size_t at =
            redacted.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end - 1);
        if (at != std::string::npos && at >= authority_start) {
            const std::size_t colon = redacted.find(':', authority_start);
            if (colon != std::string::npos && colon < at) {
                redacted.replace(colon + 1, at - colon - 1, "****");
            }
        }
    }
    // password=... in the query
    const std::size_t query = redacted.find('?');
    if (query != std::string::npos) {
        std::size_t pos = query;
        while ((pos = redacted.find("password=", pos)) != std::string::npos) {
            if (redacted[pos - 1] != '?' && redacted[pos - 1] != '&') {
                pos += 9;
                continue;
            }
            const std::size_t value_start = pos + 9;
            const std::size_t value_end = redacted.find('&', value_start);
            redacted.replace(value_start, (value_end == std::string::npos ? redacted.size() : value_end) - value_start,
                             "****");
            pos = value_start;
        }
    }
    return redacted;
}

}  // namespace ac::storage

#include "storage/sqlite/sqlite_database.hpp"

#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <sqlite3.h>

#include "core/fiber.hpp"
#include "core/thread_name.hpp"
#include "storage/pool.hpp"
#include "storage/sqlite/bigram_tokenizer.hpp"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ac::storage {
namespace {

// Cached statements per connection. SQL comes from named constants, so the set is small; the cap only guards
// against a caller that builds statements dynamically.
constexpr std::size_t kMaxCachedStatements = 512;

Error SqliteError(sqlite3* db, int rc, std::string_view sql) {
    const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
    std::string detail = "sqlite error ";
    detail += std::to_string(extended);
    detail += ": ";
    detail += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    if (!sql.empty()) {
        detail += " in: ";
        detail += sql.substr(0, 300);
    }
    DbErrorKind kind = DbErrorKind::kOther;
    switch (extended) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            kind = DbErrorKind::kUniqueViolation;
            break;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            kind = DbErrorKind::kForeignKeyViolation;
            break;
        case SQLITE_CONSTRAINT_NOTNULL:
            kind = DbErrorKind::kNotNullViolation;
            break;
        case SQLITE_CONSTRAINT_CHECK:
            kind = DbErrorKind::kCheckViolation;
            break;
        case SQLITE_BUSY_SNAPSHOT:
            kind = DbErrorKind::kSerializationFailure;
            break;
        default:
            switch (extended & 0xFF) {
                case SQLITE_BUSY:
                case SQLITE_LOCKED:
                    kind = DbErrorKind::kBusy;
                    break;
                case SQLITE_READONLY:
                    kind = DbErrorKind::kReadOnly;
                    break;
                default:
                    break;
            }
    }
    return MakeDbError(kind, std::move(detail));
}

struct Statement {
    sqlite3_stmt* stmt = nullptr;
    // param_slot[n - 1] is SQLite's bind index of "$n"; 0 when the statement does not use "$n".
    std::vector<int> param_slot;
    // The statement is a one-row INSERT written "… RETURNING id" whose `id` is the table's rowid, prepared without
    // the RETURNING clause: Query answers the row's id from sqlite3_last_insert_rowid (see RowidInsert).
    bool returns_rowid = false;
};

// "INSERT INTO <table> (…) VALUES (…) RETURNING id", one row and no conflict clause: the statement without its
// RETURNING clause and the table, or nothing. SQLite runs RETURNING through a temporary table that it creates and
// drops on every execution, a fifth of the cost of a small INSERT; for a rowid this is the same answer as
// sqlite3_last_insert_rowid, which costs nothing.
struct RowidInsert {
    std::string_view statement;
    std::string table;
};

std::optional<RowidInsert> AsRowidInsert(std::string_view sql) {
    constexpr std::string_view kInsert = "INSERT INTO ";
    constexpr std::string_view kReturning = " RETURNING id";
    constexpr std::string_view kValues = " VALUES (";
    if (!sql.starts_with(kInsert) || !sql.ends_with(kReturning) || sql.find(" ON CONFLICT") != std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t name_end = sql.find_first_of(" (", kInsert.size());
    const std::size_t values = sql.find(kValues);
    if (name_end == std::string_view::npos || values == std::string_view::npos) {
        return std::nullopt;
    }
    // The one row of values must end where RETURNING begins: no second row, no SELECT.
    int depth = 0;
    bool quoted = false;
    std::size_t i = values + kValues.size() - 1;
    for (; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '\'') {
            quoted = !quoted;
        } else if (!quoted && c == '(') {
            ++depth;
        } else if (!quoted && c == ')' && --depth == 0) {
            break;
        }
    }
    if (i + 1 != sql.size() - kReturning.size()) {
        return std::nullopt;
    }
    return RowidInsert{sql.substr(0, i + 1), std::string(sql.substr(kInsert.size(), name_end - kInsert.size()))};
}

// A read connection's page cache, filled as pages are read (SQLite's default is 2 MiB). A list page at full scale
// walks more index pages than that, and each miss is a read() of a page the operating system already holds: 16 MiB
// took W3 from 119–133 to 135–152 requests a second at one connection (three alternating pairs).
constexpr int kReaderCacheKiB = 16 * 1024;

// One sqlite3 handle with its statement cache. Used by one transaction at a time (the pool guarantees it).
class Connection {
  public:
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() {
        for (auto& [sql, statement] : cache_) {
            sqlite3_finalize(statement.stmt);
        }
        sqlite3_close_v2(db_);
    }

    static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool writer, const OpenOptions& options) {
        ConfigureLibrary();
        sqlite3* db = nullptr;
        const int flags = (writer ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                          SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
        const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
        auto connection = std::unique_ptr<Connection>(new Connection(db));
        if (rc != SQLITE_OK) {
            return Fail(Error::Make(ErrorCode::kUnavailable, "db.unavailable", {{"target", path}})
                            .WithDetail(SqliteError(db, rc, "").detail));
        }
        sqlite3_extended_result_codes(db, 1);
        sqlite3_busy_timeout(db, static_cast<int>(options.acquire_timeout.count()));
        // Search tables (migration 0011) name this tokenizer; every connection that reads or writes them needs it.
        if (const int registered = RegisterBigramTokenizer(db); registered != SQLITE_OK) {
            return Fail(SqliteError(db, registered, "fts5 tokenizer ac_bigram"));
        }
        if (writer) {
            AC_RETURN_IF_ERROR(connection->SetJournalMode(options.sqlite_bulk_load ? "memory" : "wal"));
            AC_RETURN_IF_ERROR(connection->Exec("PRAGMA synchronous=" + Synchronous(options)));
            // A bulk load's rows are not checked one by one against their parents (see OpenOptions).
            AC_RETURN_IF_ERROR(
                connection->Exec(options.sqlite_bulk_load ? "PRAGMA foreign_keys=OFF" : "PRAGMA foreign_keys=ON"));
        }
        AC_RETURN_IF_ERROR(connection->Exec("PRAGMA temp_store=MEMORY"));
        if (!writer) {
            AC_RETURN_IF_ERROR(connection->Exec("PRAGMA cache_size=-" + std::to_string(kReaderCacheKiB)));
        }
        // Fails with SQLITE_NOTADB when the file is not a database.
        AC_RETURN_IF_ERROR(connection->Query("SELECT count(*) FROM sqlite_schema", {}));
        return connection;
    }

    // The writer connections' PRAGMA synchronous: NORMAL, whose COMMIT writes the WAL without waiting for the disk.
    // Where `options` ask for FULL, the WalSyncer syncs the WAL before a commit is acknowledged.
    static std::string Synchronous(const OpenOptions& /*options*/) { return "NORMAL"; }

    // Writes everything the operating system holds of the main file to the disk.
    Status SyncFile() {
        sqlite3_file* file = nullptr;
        int rc = sqlite3_file_control(db_, "main", SQLITE_FCNTL_FILE_POINTER, &file);
        if (rc == SQLITE_OK && file != nullptr && file->pMethods != nullptr) {
            rc = file->pMethods->xSync(file, SQLITE_SYNC_FULL);
        }
        return rc == SQLITE_OK ? Ok() : Fail(SqliteError(db_, rc, "sync"));
    }

    // Switches the journal (`mode` in lower case, as SQLite answers): "wal", or "memory" for a bulk load. SQLite
    // answers with the mode in force; another one means the file cannot switch (it cannot leave WAL while another
    // connection has the file open).
    Status SetJournalMode(std::string_view mode) {
        AC_ASSIGN_OR_RETURN(Rows answer, Query("PRAGMA journal_mode=" + std::string(mode), {}));
        if (answer.empty() || answer.front().Text(0) != mode) {
            const char* file = sqlite3_db_filename(db_, "main");
            return Fail(
                Error::Make(ErrorCode::kUnavailable, "db.unavailable", {{"target", file != nullptr ? file : ""}})
                    .WithDetail("cannot switch the database's journal to " + std::string(mode)));
        }
        return Ok();
    }

    // A transaction-control statement (BEGIN, COMMIT, SAVEPOINT …): prepared once per connection, since every
    // transaction runs two or more of them.
    Status Control(std::string_view sql) {
        AC_ASSIGN_OR_RETURN(Statement * statement, Prepare(sql));
        const int rc = sqlite3_step(statement->stmt);
        sqlite3_reset(statement->stmt);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
            return Fail(SqliteError(db_, rc, sql));
        }
        return Ok();
    }

    // `text` as an SQL literal (quote '\'') or identifier (quote '"').
    static std::string Quoted(std::string_view text, char quote) {
        std::string quoted(1, quote);
        for (const char c : text) {
            quoted += c;
            if (c == quote) {
                quoted += c;
            }
        }
        return quoted + quote;
    }

    // ATTACH DATABASE: cannot run inside a transaction.
    Status Attach(std::string_view name, std::string_view path) {
        const Status attached = Exec("ATTACH DATABASE " + Quoted(path, '\'') + " AS " + Quoted(name, '"'));
        if (!attached) {
            return Fail(Error::Make(ErrorCode::kUnavailable, "db.unavailable", {{"target", std::string(path)}})
                            .WithDetail(attached.error().detail));
        }
        return Ok();
    }

    Status Exec(const std::string& sql) {
        char* message = nullptr;
        const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
        sqlite3_free(message);
        if (rc != SQLITE_OK) {
            return Fail(SqliteError(db_, rc, sql));
        }
        return Ok();
    }

    Result<Rows> Query(std::string_view sql, std::span<const Value> params) {
        AC_ASSIGN_OR_RETURN(Statement * statement, Prepare(sql));
        sqlite3_stmt* stmt = statement->stmt;
        AC_RETURN_IF_ERROR(Bind(*statement, sql, params));
        // Reset on every exit path so that the statement releases its read snapshot and its bindings.
        struct ResetGuard {
            sqlite3_stmt* stmt;
            ~ResetGuard() {
                sqlite3_reset(stmt);
                sqlite3_clear_bindings(stmt);
            }
        } reset{stmt};

        if (statement->returns_rowid) {
            const int rc = sqlite3_step(stmt);
            if (rc != SQLITE_DONE) {
                return Fail(SqliteError(db_, rc, sql));
            }
            std::vector<Row> rows;
            if (sqlite3_changes64(db_) > 0) {
                rows.emplace_back(std::vector<Value>{Value(static_cast<long long>(sqlite3_last_insert_rowid(db_)))});
            }
            return Rows({"id"}, std::move(rows));
        }
        const int columns = sqlite3_column_count(stmt);
        std::vector<std::string> names;
        names.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            names.emplace_back(sqlite3_column_name(stmt, c));
        }
        std::vector<Row> rows;
        int rc = 0;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            std::vector<Value> cells;
            cells.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                switch (sqlite3_column_type(stmt, c)) {
                    case SQLITE_INTEGER:
                        cells.emplace_back(static_cast<long long>(sqlite3_column_int64(stmt, c)));
                        break;
                    case SQLITE_FLOAT:
                        cells.emplace_back(sqlite3_column_double(stmt, c));
                        break;
                    case SQLITE_TEXT: {
                        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                        cells.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
                        break;
                    }
                    case SQLITE_BLOB: {
                        const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, c));
                        const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                        cells.emplace_back(Blob{std::string(data == nullptr ? "" : data, data == nullptr ? 0 : size)});
                        break;
                    }
                    default:
                        cells.emplace_back();
                }
            }
            rows.emplace_back(std::move(cells));
        }
        if (rc != SQLITE_DONE) {
            return Fail(SqliteError(db_, rc, sql));
        }
        return Rows(std::move(names), std::move(rows));
    }

    Result<std::int64_t> Execute(std::string_view sql, std::span<const Value> params) {
        AC_RETURN_IF_ERROR(Query(sql, params));
        return static_cast<std::int64_t>(sqlite3_changes64(db_));
    }

    [[nodiscard]] bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
    [[nodiscard]] sqlite3* handle() const { return db_; }

  private:
    explicit Connection(sqlite3* db) : db_(db) {}

    // Once per process, before the first connection: SQLite's memory statistics (unused here) take a global mutex
    // on every allocation, shared by all connections and threads.
    static void ConfigureLibrary() {
        static const bool configured = [] {
            (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
            return true;
        }();
        (void)configured;
    }

    Result<Statement*> Prepare(std::string_view sql) {
        if (const auto it = cache_.find(sql); it != cache_.end()) {
            return &it->second;
        }
        const std::string key(sql);
        if (cache_.size() >= kMaxCachedStatements) {
            for (auto& [cached_sql, statement] : cache_) {
                sqlite3_finalize(statement.stmt);
            }
            cache_.clear();
        }
        Statement statement;
        std::string_view prepared = sql;
        if (const std::optional<RowidInsert> insert = AsRowidInsert(sql)) {
            AC_ASSIGN_OR_RETURN(statement.returns_rowid, IdIsRowid(insert->table));
            if (statement.returns_rowid) {
                prepared = insert->statement;
            }
        }
        const int rc = sqlite3_prepare_v3(db_, prepared.data(), static_cast<int>(prepared.size()),
                                          SQLITE_PREPARE_PERSISTENT, &statement.stmt, nullptr);
        if (rc != SQLITE_OK) {
            return Fail(SqliteError(db_, rc, sql));
        }
        if (statement.stmt == nullptr) {
            return Fail(MakeDbError(DbErrorKind::kOther, "empty statement: " + key));
        }
        // Map "$n" names to bind slots; any other parameter style is a bug in the SQL constant.
        const int count = sqlite3_bind_parameter_count(statement.stmt);
        for (int slot = 1; slot <= count; ++slot) {
            const char* name = sqlite3_bind_parameter_name(statement.stmt, slot);
            std::size_t number = 0;
            const std::string_view text = name != nullptr ? std::string_view(name) : std::string_view();
            if (text.size() < 2 || text[0] != '$' ||
                std::from_chars(text.data() + 1, text.data() + text.size(), number).ec != std::errc() || number == 0) {
                sqlite3_finalize(statement.stmt);
                return Fail(MakeDbError(DbErrorKind::kOther, "parameters must be written $1, $2, ...: " + key));
            }
            if (statement.param_slot.size() < number) {
                statement.param_slot.resize(number, 0);
            }
            statement.param_slot[number - 1] = slot;
        }
        return &cache_.emplace(key, std::move(statement)).first->second;
    }

    // Whether `table`'s column "id" is its rowid: the one column of its primary key, declared INTEGER, in a table
    // with rowids.
    Result<bool> IdIsRowid(const std::string& table) {
        AC_ASSIGN_OR_RETURN(const Rows rows,
                            Query("SELECT (SELECT count(*) FROM pragma_table_info($1) WHERE pk > 0), "
                                  "(SELECT count(*) FROM pragma_table_info($1) WHERE pk = 1 AND name = 'id' "
                                  "AND upper(type) = 'INTEGER'), "
                                  "(SELECT count(*) FROM pragma_table_list($1) WHERE schema = 'main' AND wr = 0)",
                                  std::vector<Value>{Value(table)}));
        return !rows.empty() && rows[0].Int(0) == 1 && rows[0].Int(1) == 1 && rows[0].Int(2) == 1;
    }

    Status Bind(const Statement& statement, std::string_view sql, std::span<const Value> params) {
        if (params.size() != statement.param_slot.size()) {
            return Fail(MakeDbError(DbErrorKind::kOther,
                                    "statement takes " + std::to_string(statement.param_slot.size()) +
                                        " parameters, got " + std::to_string(params.size()) + ": " + std::string(sql)));
        }
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int slot = statement.param_slot[i];
            if (slot == 0) {
                return Fail(MakeDbError(DbErrorKind::kOther,
                                        "parameter $" + std::to_string(i + 1) + " is not used: " + std::string(sql)));
            }
            int rc = SQLITE_OK;
            const Value::Variant& value = params[i].variant();
            if (const auto* integer = std::get_if<std::int64_t>(&value)) {
                rc = sqlite3_bind_int64(statement.stmt, slot, *integer);
            } else if (const auto* real = std::get_if<double>(&value)) {
                rc = sqlite3_bind_double(statement.stmt, slot, *real);
            } else if (const auto* text = std::get_if<std::string>(&value)) {
                rc = sqlite3_bind_text64(statement.stmt, slot, text->data(), text->size(), SQLITE_STATIC, SQLITE_UTF8);
            } else if (const auto* blob = std::get_if<Blob>(&value)) {
                rc = sqlite3_bind_blob64(statement.stmt, slot, blob->bytes.data(), blob->bytes.size(), SQLITE_STATIC);
            } else {
                rc = sqlite3_bind_null(statement.stmt, slot);
            }
            if (rc != SQLITE_OK) {
                sqlite3_clear_bindings(statement.stmt);
                return Fail(SqliteError(db_, rc, sql));
            }
        }
        return Ok();
    }

    // Looks statements up by the caller's string_view, without copying the text.
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };

    sqlite3* db_;
    std::unordered_map<std::string, Statement, TextHash, std::equal_to<>> cache_;
};

class SqliteDatabase;

// WAL checkpoints off the request path. SQLite's automatic checkpoint runs in the commit that pushes the WAL past its
// limit, so every few dozen commits one writer (and the group waiting on it) also copies a thousand pages into the
// database file and syncs it. Instead the writer's WAL hook wakes this thread, which checkpoints on a connection of
// its own (PASSIVE: it never blocks the writer or readers) while writers go on appending to the WAL.
class Checkpointer {
  public:
    // A checkpoint once the WAL holds this many frames (SQLite's own default).
    static constexpr int kFrames = 1000;
    static constexpr int kWriterFrames = 2 * kFrames;
    static constexpr int kWriterLeftover = kFrames / 4;
    static constexpr int kWriterFramesAtMost = 16 * kFrames;  // should the background fall behind for good

    Checkpointer(std::unique_ptr<Connection> connection, PoolCounters& counters)
        : connection_(std::move(connection)), counters_(counters), thread_([this] {
              NameThisThread("ac-checkpoint");
              Run();
          }) {}
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;
    ~Checkpointer() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_one();
        thread_.join();
    }

    // Installs the hook on the writer connection (replacing SQLite's automatic checkpoint).
    void Watch(Connection& writer) { sqlite3_wal_hook(writer.handle(), &Checkpointer::Hook, this); }
    static void Unwatch(Connection& writer) { sqlite3_wal_hook(writer.handle(), nullptr, nullptr); }

  private:
    static int Hook(void* self, sqlite3* db, const char* /*schema*/, int frames) {
        auto* checkpointer = static_cast<Checkpointer*>(self);
        // Frames the background copied in its last pass (of an earlier WAL when more than the WAL holds now).
        const int backfilled = checkpointer->backfilled_.load(std::memory_order_relaxed);
        const bool little_left = backfilled <= frames && frames - backfilled <= kWriterLeftover;
        if ((frames >= kWriterFrames && little_left) || frames >= kWriterFramesAtMost) {
            // Under a steady stream of writes a background checkpoint never catches up with the WAL's end, and the
            // WAL only starts over once it has; so past twice the limit the writer copies the rest itself and the
            // next write starts the WAL from its beginning. Only once the background has left little to copy: a
            // commit that wrote thousands of pages at once (an FTS5 merge) is left to the background, which the
            // writer would otherwise spend tens of milliseconds copying and syncing while every writer waits.
            if (sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) == SQLITE_OK) {
                checkpointer->counters_.WriterCheckpointed();
            }
        } else if (frames >= kFrames) {
            {
                std::lock_guard lock(checkpointer->mutex_);
                checkpointer->wanted_ = true;
            }
            checkpointer->wake_.notify_one();
        }
        return SQLITE_OK;
    }

    void Run() {
        std::unique_lock lock(mutex_);
        while (true) {
            wake_.wait(lock, [&] { return stop_ || wanted_; });
            if (stop_) {
                return;
            }
            wanted_ = false;
            lock.unlock();
            int backfilled = 0;
            if (sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                          &backfilled) == SQLITE_OK) {
                backfilled_.store(backfilled, std::memory_order_relaxed);
                counters_.Checkpointed();
            }
            lock.lock();
        }
    }

    std::unique_ptr<Connection> connection_;
    PoolCounters& counters_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool wanted_ = false;             // guarded by mutex_
    std::atomic<int> backfilled_{0};  // frames of the WAL copied by the last background pass
    bool stop_ = false;               // guarded by mutex_
    std::thread thread_;
};

// Group commit. A durable COMMIT waits for the disk, and with one writer every other writer waits behind it; so
// write transactions share commits. The first writer opens the outer transaction (BEGIN IMMEDIATE) and works in it
// directly; every later writer runs its work inside it as a savepoint, one at a time under the writer mutex. (The
// first needs none: nobody's work is in the transaction before its own. That also keeps a lone bulk load out of
// a savepoint, whose in-memory journal SQLite walks from its start on every page it reads back.) A writer that finishes
// while others wait for the writer leaves the outer transaction open for them and waits for the group's commit; the
// last one (no writer waiting, or the group is full or old) commits it, one flush for all, and wakes the others. A
// writer is told "committed" only after that flush, so nothing acknowledged is lost; a writer whose work failed rolls
// back to its savepoint and leaves the others' work in place.
struct CommitGroup {
    std::chrono::steady_clock::time_point opened = std::chrono::steady_clock::now();
    int members = 0;  // writers whose work is in the outer transaction; guarded by the writer mutex
    std::mutex mutex;
    std::condition_variable ended;
    bool closed = false;    // guarded by mutex; its COMMIT ran (the WAL's sync may still be due)
    bool done = false;      // guarded by mutex
    Status status = Ok();   // guarded by mutex; the outcome of the group's COMMIT and sync
    fiber::Event finished;  // set with `done`, for writers waiting on fibers

    // Tells the group's writers the outcome.
    void Finish(Status outcome) {
        {
            std::lock_guard lock(mutex);
            closed = true;
            done = true;
            status = std::move(outcome);
        }
        ended.notify_all();
        finished.Set();
    }
};

// Durable group commits off the writer. The writer connection runs with synchronous=NORMAL: its COMMIT writes the
// group's pages to the WAL and returns without waiting for the disk, and the writer goes on with the next group at
// once. This thread then syncs the WAL (one fdatasync for every group committed since its previous one) and only
// then tells the groups' writers "committed". So what is acknowledged is on the disk, as with synchronous=FULL, but
// the single writer no longer idles through every flush. (A group is visible to readers from its COMMIT, a flush
// before its writers hear of it; a crash in between loses it, as it would lose a commit FULL had not finished.)
// Checkpoints sync the WAL before copying it into the database, in NORMAL as in FULL.
class WalSyncer {
  public:
    WalSyncer(std::string wal_path, PoolCounters& counters)
        : path_(std::move(wal_path)), counters_(counters), thread_([this] {
              NameThisThread("ac-wal-sync");
              Run();
          }) {}
    WalSyncer(const WalSyncer&) = delete;
    WalSyncer& operator=(const WalSyncer&) = delete;
    ~WalSyncer() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_one();
        thread_.join();  // after the groups still queued
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }

    // Syncs the WAL for `group` (committed) and then finishes it.
    void Enqueue(std::shared_ptr<CommitGroup> group) {
        {
            std::lock_guard lock(mutex_);
            queue_.push_back(std::move(group));
        }
        wake_.notify_one();
    }

  private:
    void Run() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
            if (queue_.empty()) {
                return;
            }
            std::vector<std::shared_ptr<CommitGroup>> groups;
            groups.swap(queue_);
            lock.unlock();
            Status synced = Sync();
            if (synced) {
                counters_.WalSynced();
            }
            for (const std::shared_ptr<CommitGroup>& group : groups) {
                group->Finish(synced);
            }
            lock.lock();
        }
    }

    // Writes what the operating system holds of the WAL to the disk. The file is opened once, and again if SQLite
    // made a new one (it deletes the WAL when the last connection closes); without a WAL (an in-memory database)
    // there is nothing to sync.
    Status Sync() {
        if (path_.empty()) {
            return Ok();
        }
        struct stat now {};
        if (::stat(path_.c_str(), &now) != 0) {
            return errno == ENOENT ? Ok() : SyncError("stat");
        }
        if (fd_ < 0 || now.st_ino != inode_ || now.st_dev != device_) {
            if (fd_ >= 0) {
                ::close(fd_);
            }
            fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd_ < 0) {
                return SyncError("open");
            }
            inode_ = now.st_ino;
            device_ = now.st_dev;
        }
        if (::fdatasync(fd_) != 0) {
            return SyncError("fdatasync");
        }
        return Ok();
    }

    Status SyncError(std::string_view call) const {
        return Fail(MakeDbError(DbErrorKind::kOther, std::string(call) + " " + path_ + ": " + std::strerror(errno)));
    }

    const std::string path_;
    PoolCounters& counters_;
    int fd_ = -1;  // used by thread_ only
    ino_t inode_ = 0;
    dev_t device_ = 0;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<std::shared_ptr<CommitGroup>> queue_;  // guarded by mutex_
    bool stop_ = false;                                // guarded by mutex_
    std::thread thread_;
};

// A group commits once it holds this many writers or is this old, even with writers waiting.
constexpr int kMaxGroupMembers = 256;
constexpr auto kMaxGroupAge = std::chrono::milliseconds(10);
// How long a writer waits for its group's commit before it takes the writer to commit the group itself (when the
// writers it left the transaction to gave up waiting).
constexpr auto kGroupWaitSlice = std::chrono::milliseconds(5);

class SqliteTransaction final : public Transaction {
  public:
    SqliteTransaction(SqliteDatabase& owner, std::unique_ptr<Connection> connection, TxMode mode,
                      std::shared_ptr<CommitGroup> group, bool savepoint);
    ~SqliteTransaction() override;

    Backend backend() const override { return Backend::kSqlite; }

  protected:
    Result<Rows> DoQuery(std::string_view sql, std::span<const Value> params) override;
    Result<std::int64_t> DoExecute(std::string_view sql, std::span<const Value> params) override;
    Status DoExecuteScript(std::string_view sql) override { return connection_->Exec(std::string(sql)); }
    Status DoCommit() override;
    void DoRollback() override;

  private:
    // Ends a writer's part in its group: its work stays (`joined`) or is rolled back to its savepoint; then the
    // group is left open for a waiting writer or committed. Returns the group's outcome for a joined writer.
    Status Leave(bool joined);

    SqliteDatabase& owner_;
    std::unique_ptr<Connection> connection_;
    std::shared_ptr<CommitGroup> group_;  // write transactions only
    bool savepoint_ = false;              // a later writer of its group, inside savepoint ac_member
    bool left_ = false;
};

class SqliteDatabase final : public Database {
  public:
    SqliteDatabase(OpenOptions options, std::unique_ptr<Connection> writer, std::unique_ptr<Connection> checkpoints)
        : options_(std::move(options)),
          writer_(std::move(writer)),
          readers_(
              options_.pool_size, options_.acquire_timeout,
              [this] { return Connection::Open(options_.url, /*writer=*/false, options_); }, counters_),
          checkpointer_(std::move(checkpoints), counters_) {
        checkpointer_.Watch(*writer_);
        if (options_.sqlite_synchronous != "NORMAL") {
            const char* file = sqlite3_db_filename(writer_->handle(), "main");
            const char* wal = file != nullptr && *file != '\0' ? sqlite3_filename_wal(file) : nullptr;
            syncer_ = std::make_unique<WalSyncer>(wal != nullptr ? wal : "", counters_);
        }
        bulk_load_ = options_.sqlite_bulk_load;
    }
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;
    ~SqliteDatabase() override {
        if (writer_) {
            Checkpointer::Unwatch(*writer_);
        }
    }

    Backend backend() const override { return Backend::kSqlite; }

    Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
        std::unique_ptr<Connection> connection;
        if (mode == TxMode::kRead) {
            AC_ASSIGN_OR_RETURN(connection, readers_.Acquire());
        } else {
            const auto started = std::chrono::steady_clock::now();
            AC_ASSIGN_OR_RETURN(std::unique_lock<std::timed_mutex> lock, LockWriter());
            // The writer connection moves into the transaction and comes back in Release, which also unlocks the
            // mutex (so the lock object lets go of it here).
            connection = std::move(writer_);
            lock.release();
            counters_.Acquired(started);
            return BeginMember(std::move(connection), mode);
        }
        if (Status began = connection->Control("BEGIN"); !began) {
            Release(std::move(connection), mode);
            return Fail(std::move(began).error());
        }
        return std::unique_ptr<Transaction>(new SqliteTransaction(*this, std::move(connection), mode, nullptr, false));
    }

    Status Ping() override {
        AC_ASSIGN_OR_RETURN(auto tx, Begin(TxMode::kRead));
        AC_RETURN_IF_ERROR(tx->Query("SELECT 1", {}));
        tx->Rollback();
        return Ok();
    }

    PoolStats Stats() const override {
        PoolStats stats;
        const auto readers = readers_.usage();
        stats.max_connections = readers_.max_size() + 1;
        stats.open_connections = readers.open + 1;
        stats.in_use = readers.in_use + (writer_busy_.load(std::memory_order_relaxed) ? 1 : 0);
        counters_.FillInto(stats);
        return stats;
    }

    std::string Describe() const override { return "sqlite:" + options_.url; }
    std::string ServerVersion() override { return SqliteLibraryVersion(); }

    Status EndBulkLoad() override {
        AC_ASSIGN_OR_RETURN(const std::unique_lock<std::timed_mutex> lock, LockWriter());
        if (options_.sqlite_bulk_load) {
            AC_RETURN_IF_ERROR(writer_->SyncFile());
            AC_RETURN_IF_ERROR(writer_->Exec("PRAGMA synchronous=" + Connection::Synchronous(options_)));
        }
        AC_RETURN_IF_ERROR(writer_->SetJournalMode("wal"));
        AC_RETURN_IF_ERROR(writer_->Exec("PRAGMA foreign_keys=ON"));
        bulk_load_ = false;
        return Ok();
    }

    Status AttachToWriter(std::string_view name, std::string_view path) override {
        AC_ASSIGN_OR_RETURN(const std::unique_lock<std::timed_mutex> lock, LockWriter());
        return writer_->Attach(name, path);
    }

    Status DetachFromWriter(std::string_view name) override {
        AC_ASSIGN_OR_RETURN(const std::unique_lock<std::timed_mutex> lock, LockWriter());
        return writer_->Exec("DETACH DATABASE " + Connection::Quoted(name, '"'));
    }

    // Waits up to the acquire timeout for the writer connection (kPoolTimeout after it).
    Result<std::unique_lock<std::timed_mutex>> LockWriter() {
        std::unique_lock lock(writer_mutex_, std::defer_lock);
        writers_waiting_.fetch_add(1, std::memory_order_relaxed);
        const bool locked = lock.try_lock_for(options_.acquire_timeout);
        writers_waiting_.fetch_sub(1, std::memory_order_relaxed);
        if (!locked) {
            counters_.TimedOut();
            return Fail(MakeDbError(DbErrorKind::kPoolTimeout, "timed out waiting for the writer connection"));
        }
        return lock;
    }

    // Takes back a transaction's connection: the writer to its slot (unlocking the writer mutex), a reader to
    // the pool.
    void Release(std::unique_ptr<Connection> connection, TxMode mode) {
        if (mode == TxMode::kRead) {
            readers_.Release(std::move(connection), /*reusable=*/true);
            return;
        }
        writer_ = std::move(connection);
        writer_busy_.store(false, std::memory_order_relaxed);
        writer_mutex_.unlock();
    }

    // Marks the writer as lent out (called with writer_mutex_ held, by the transaction that took it).
    void WriterTaken() { writer_busy_.store(true, std::memory_order_relaxed); }

    // Whether a writer that is done may leave `group` open for the next one (called with writer_mutex_ held).
    // A writer on a fiber counts the work its thread has ready as writers waiting: the thread goes on to it while
    // the fiber waits for the commit.
    bool ShouldPass(const CommitGroup& group) const {
        return (writers_waiting_.load(std::memory_order_relaxed) > 0 || fiber::OthersReady()) &&
               group.members < kMaxGroupMembers && std::chrono::steady_clock::now() - group.opened < kMaxGroupAge;
    }

    // Commits (or, without members, rolls back) the open outer transaction on the writer `connection` and tells
    // the group's writers the outcome (called with writer_mutex_ held). `broken`: SQLite ended the transaction by
    // itself after an error, so the members' work is gone.
    Status EndGroup(Connection& connection, const std::shared_ptr<CommitGroup>& group) {
        Status status = Ok();
        bool sync = false;
        if (!connection.InTransaction()) {
            status = Fail(MakeDbError(DbErrorKind::kSerializationFailure,
                                      "the shared write transaction was ended by another writer's error"));
        } else if (group->members == 0) {
            status = connection.Control("ROLLBACK");
        } else {
            status = FlushSearchNotes(connection);
            if (status) {
                status = counters_.Count(connection.Control("COMMIT"));
            }
            if (status) {
                counters_.GroupCommitted();
                sync = syncer_ != nullptr && !bulk_load_;
            } else if (connection.InTransaction()) {
                (void)connection.Control("ROLLBACK");
            }
        }
        group_.reset();
        if (sync) {
            {
                std::lock_guard lock(group->mutex);
                group->closed = true;
            }
            syncer_->Enqueue(group);
        } else {
            group->Finish(status);
        }
        fiber::WakeIdle();  // this thread's fibers waiting for a commit look again
        return status;
    }

    // Moves the group's search notes (migration 0013) into the search tables: per searched table, the text the index
    // holds is removed and the current text added, in the open outer transaction and outside any savepoint, so FTS5
    // writes one segment per group. Before migration 0013 there is no search_pending table and nothing to do.
    Status FlushSearchNotes(Connection& connection) {
        Result<Rows> targets = connection.Query("SELECT DISTINCT target FROM search_pending", {});
        if (!targets) {
            AC_ASSIGN_OR_RETURN(Rows present,
                                connection.Query("SELECT 1 FROM sqlite_schema WHERE name = 'search_pending'", {}));
            if (present.empty()) {
                return Ok();
            }
            return Fail(std::move(targets).error());
        }
        if (targets->empty()) {
            return Ok();
        }
        for (const Row& row : *targets) {
            const std::string target = row.Text(0);
            if (target.empty() || target.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
                return Fail(MakeDbError(DbErrorKind::kOther, "search_pending names an unknown table: " + target));
            }
            const std::string table = target + "_search";
            const Value name(target);
            // One statement: FTS5 writes its pending index out at the end of every statement, so a removal and an
            // addition in two statements would make two segments. A row's removal comes before its addition.
            AC_RETURN_IF_ERROR(connection.Query(
                "INSERT INTO " + table + " (" + table +
                    ", rowid, search_text) SELECT CASE WHEN removal THEN 'delete' END, row_id, text FROM (SELECT 1 AS "
                    "removal, row_id, indexed_text AS text FROM search_pending WHERE target = $1 AND indexed_text IS "
                    "NOT NULL UNION ALL SELECT 0, row_id, current_text FROM search_pending WHERE target = $1 AND "
                    "current_text IS NOT NULL) ORDER BY row_id, removal DESC",
                std::span<const Value>(&name, 1)));
        }
        AC_RETURN_IF_ERROR(connection.Query("DELETE FROM search_pending", {}));
        return Ok();
    }

    // Waits for `group` to be committed by a later writer; if none comes, takes the writer and commits it.
    Status AwaitGroup(const std::shared_ptr<CommitGroup>& group) {
        if (fiber::InFiber()) {
            return AwaitGroupOnFiber(group);
        }
        std::unique_lock lock(group->mutex);
        while (!group->done) {
            if (group->ended.wait_for(lock, kGroupWaitSlice, [&] { return group->done; })) {
                break;
            }
            lock.unlock();
            EndGroupIfOpen(group);
            lock.lock();
        }
        return group->status;
    }

    PoolCounters& counters() { return counters_; }

  private:
    // Takes the writer and commits `group` if it is still the open one (its later writers gave up waiting).
    void EndGroupIfOpen(const std::shared_ptr<CommitGroup>& group) {
        writer_mutex_.lock();
        if (group_ == group) {
            std::unique_ptr<Connection> connection = std::move(writer_);
            (void)EndGroup(*connection, group);
            writer_ = std::move(connection);
        }
        writer_mutex_.unlock();
    }

    // AwaitGroup on a fiber: while its thread has other work (most likely the next writers of the group), the fiber
    // lets it run; once the thread has nothing else and the group is still open, it commits the group itself.
    Status AwaitGroupOnFiber(const std::shared_ptr<CommitGroup>& group) {
        for (;;) {
            bool closed = false;
            {
                std::lock_guard lock(group->mutex);
                if (group->done) {
                    return group->status;
                }
                closed = group->closed;
            }
            if (closed) {
                group->finished.Wait();  // the WAL's sync, on the syncer's thread
                continue;
            }
            if (fiber::OthersReady()) {
                fiber::WaitForIdle();
                continue;
            }
            EndGroupIfOpen(group);
        }
    }

    const OpenOptions options_;
    mutable PoolCounters counters_;

    // The single writer. writer_mutex_ is held from Begin(kWrite or kSchema) to Release; while held, writer_ is
    // empty and the connection belongs to the transaction.
    std::timed_mutex writer_mutex_;
    std::unique_ptr<Connection> writer_;  // guarded by writer_mutex_
    std::atomic<bool> writer_busy_{false};
    std::shared_ptr<CommitGroup> group_;  // the open outer transaction, if any; guarded by writer_mutex_
    std::atomic<int> writers_waiting_{0};
    bool bulk_load_ = false;             // guarded by writer_mutex_: commits are not synced until EndBulkLoad
    std::unique_ptr<WalSyncer> syncer_;  // synchronous FULL: syncs the WAL before groups are acknowledged

    // Starts a writer's part: joins the open group or opens one, then sets its savepoint.
    Result<std::unique_ptr<Transaction>> BeginMember(std::unique_ptr<Connection> connection, TxMode mode) {
        if (group_ && !connection->InTransaction()) {
            (void)EndGroup(*connection, group_);  // an error ended the outer transaction: its members hear so
        }
        if (!group_) {
            if (Status began = connection->Control("BEGIN IMMEDIATE"); !began) {
                Release(std::move(connection), mode);
                return Fail(std::move(began).error());
            }
            group_ = std::make_shared<CommitGroup>();
            return std::unique_ptr<Transaction>(
                new SqliteTransaction(*this, std::move(connection), mode, group_, /*savepoint=*/false));
        }
        if (Status saved = connection->Control("SAVEPOINT ac_member"); !saved) {
            const std::shared_ptr<CommitGroup> group = group_;
            (void)EndGroup(*connection, group);
            Release(std::move(connection), mode);
            return Fail(std::move(saved).error());
        }
        return std::unique_ptr<Transaction>(
            new SqliteTransaction(*this, std::move(connection), mode, group_, /*savepoint=*/true));
    }

    ConnectionPool<Connection> readers_;
    Checkpointer checkpointer_;  // last: its thread stops before the rest goes
};

SqliteTransaction::SqliteTransaction(SqliteDatabase& owner, std::unique_ptr<Connection> connection, TxMode mode,
                                     std::shared_ptr<CommitGroup> group, bool savepoint)
    : Transaction(mode),
      owner_(owner),
      connection_(std::move(connection)),
      group_(std::move(group)),
      savepoint_(savepoint) {
    if (mode != TxMode::kRead) {
        owner_.WriterTaken();
    }
}

SqliteTransaction::~SqliteTransaction() {
    Rollback();
    if (group_) {
        (void)Leave(false);
    }
    if (connection_) {
        owner_.Release(std::move(connection_), mode());
    }
}

Status SqliteTransaction::Leave(bool joined) {
    if (left_) {
        return Ok();
    }
    left_ = true;
    Connection& connection = *connection_;
    const std::shared_ptr<CommitGroup> group = std::move(group_);
    if (!joined && !savepoint_) {
        // The group's first writer failed: its work is all the transaction holds, so it is rolled back whole.
        (void)owner_.EndGroup(connection, group);
        owner_.Release(std::move(connection_), mode());
        owner_.counters().Ended(false);
        return Ok();
    }
    if (!joined && connection.InTransaction()) {
        (void)connection.Control("ROLLBACK TO ac_member");
        (void)connection.Control("RELEASE ac_member");
    }
    if (joined) {
        ++group->members;
    }
    Status status = Ok();
    if (connection.InTransaction() && owner_.ShouldPass(*group)) {
        owner_.Release(std::move(connection_), mode());
        if (joined) {
            status = owner_.AwaitGroup(group);
        }
    } else {
        status = owner_.EndGroup(connection, group);
        owner_.Release(std::move(connection_), mode());
        if (joined && status) {
            status = owner_.AwaitGroup(group);  // its WAL's sync
        }
    }
    owner_.counters().Ended(joined && status.has_value());
    return joined ? status : Ok();
}

Result<Rows> SqliteTransaction::DoQuery(std::string_view sql, std::span<const Value> params) {
    return owner_.counters().Count(connection_->Query(sql, params));
}

Result<std::int64_t> SqliteTransaction::DoExecute(std::string_view sql, std::span<const Value> params) {
    return owner_.counters().Count(connection_->Execute(sql, params));
}

Status SqliteTransaction::DoCommit() {
    if (left_) {
        return Fail(MakeDbError(DbErrorKind::kTransactionFailed, "commit after the transaction ended"));
    }
    if (group_) {
        if (!savepoint_) {
            return Leave(true);
        }
        if (Status released = owner_.counters().Count(connection_->Control("RELEASE ac_member")); !released) {
            (void)Leave(false);
            return released;
        }
        return Leave(true);
    }
    Status committed = owner_.counters().Count(connection_->Control("COMMIT"));
    if (committed) {
        owner_.counters().Ended(true);
    }
    return committed;
}

void SqliteTransaction::DoRollback() {
    if (left_) {
        return;
    }
    if (group_) {
        (void)Leave(false);
        return;
    }
    // SQLite ends the transaction by itself after some errors (a full disk); then there is nothing to undo.
    if (connection_->InTransaction()) {
        (void)connection_->Control("ROLLBACK");
    }
    owner_.counters().Ended(false);
}

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const OpenOptions& options) {
    AC_ASSIGN_OR_RETURN(auto writer, Connection::Open(options.url, /*writer=*/true, options));
    if (options.sqlite_bulk_load) {
        // The load's commits do not sync: EndBulkLoad syncs the file once. Only the writer's: the checkpoint
        // connection keeps the setting for the WAL that follows (a checkpoint syncs with its connection's setting).
        AC_RETURN_IF_ERROR(writer->Exec("PRAGMA synchronous=OFF"));
    }
    AC_ASSIGN_OR_RETURN(auto checkpoints, Connection::Open(options.url, /*writer=*/true, options));
    return std::unique_ptr<Database>(new SqliteDatabase(options, std::move(writer), std::move(checkpoints)));
}

std::string SqliteLibraryVersion() {
    return sqlite3_libversion();
}

}  // namespace ac::storage

// The storage conformance suite: the same behaviour on SQLite and on PostgreSQL (AC_TEST_DB picks the backend;
// scripts/test runs this binary once for each). Suites named *SqliteOnly* / *PostgresOnly* test what only one
// backend has.
#include <atomic>
#include <barrier>
#include <chrono>
#include <filesystem>
#include <future>
#include <limits>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/fiber.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/transaction_runner.hpp"
#include "support/test_database.hpp"

namespace ac::storage {
namespace {

using namespace std::chrono_literals;
using ac::testing::TestDatabase;

class StorageTest : public ::testing::Test {
  protected:
    void SetUp() override { db_ = test_db_.Open(); }

    [[nodiscard]] bool postgres() const { return test_db_.backend() == Backend::kPostgres; }
    [[nodiscard]] std::string Ddl(std::string_view sqlite, std::string_view postgres_sql) const {
        return std::string(postgres() ? postgres_sql : sqlite);
    }

    // Runs `sql` (several statements) in its own committed transaction.
    void Script(const std::string& sql) {
        auto tx = db_->Begin(TxMode::kWrite).value();
        ASSERT_TRUE(tx->ExecuteScript(sql)) << sql;
        ASSERT_TRUE(tx->Commit());
    }

    std::int64_t Count(const std::string& table) {
        auto tx = db_->Begin(TxMode::kRead).value();
        return tx->Query("SELECT count(*) FROM " + table).value().front().Int(0);
    }

    TestDatabase test_db_;
    std::unique_ptr<Database> db_;
    FakeClock clock_{FromEpochMs(1'795'761'000'000)};
};

TEST_F(StorageTest, MigratesAnEmptyDatabaseOnceAndIsIdempotent) {
    EXPECT_EQ(CurrentSchemaVersion(*db_).value(), 0);
    const MigrationReport first = Migrate(*db_, clock_).value();
    EXPECT_EQ(first.from_version, 0);
    EXPECT_EQ(first.to_version, LatestSchemaVersion(db_->backend()));
    EXPECT_EQ(first.applied.size(), static_cast<std::size_t>(first.to_version));
    EXPECT_EQ(CurrentSchemaVersion(*db_).value(), first.to_version);

    const MigrationReport second = Migrate(*db_, clock_).value();
    EXPECT_TRUE(second.applied.empty());
    EXPECT_EQ(second.from_version, first.to_version);
    EXPECT_EQ(Count("schema_migrations"), first.to_version);

    auto tx = db_->Begin(TxMode::kRead).value();
    const Rows rows = tx->Query("SELECT applied_at_ms FROM schema_migrations WHERE version = 1").value();
    EXPECT_EQ(rows.front().Time(0), clock_.Now());
}

TEST_F(StorageTest, RefusesADatabaseWhoseSchemaIsNewerThanTheBinary) {
    ASSERT_TRUE(Migrate(*db_, clock_));
    const int latest = LatestSchemaVersion(db_->backend());
    {
        auto tx = db_->Begin(TxMode::kWrite).value();
        ASSERT_TRUE(
            tx->Execute("INSERT INTO schema_migrations (version, name, checksum, applied_at_ms) "
                        "VALUES ($1, 'future', 'x', 0)",
                        {latest + 1}));
        ASSERT_TRUE(tx->Commit());
    }
    const auto refused = Migrate(*db_, clock_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(KindOf(refused.error()), DbErrorKind::kSchemaNewer);
    EXPECT_EQ(refused.error().message.params,
              (std::vector<std::pair<std::string, std::string>>{{"database", std::to_string(latest + 1)},
                                                                {"binary", std::to_string(latest)}}));
}

TEST_F(StorageTest, AFailingMigrationLeavesNothingBehind) {
    const std::vector<Migration> migrations = {
        {1, "good", "CREATE TABLE good_one (x BIGINT)", "c1"},
        {2, "bad", "CREATE TABLE good_two (x BIGINT); THIS IS NOT SQL", "c2"},
    };
    const auto result = Migrate(*db_, clock_, migrations);
    ASSERT_FALSE(result);
    EXPECT_EQ(CurrentSchemaVersion(*db_).value(), 0);
    auto tx = db_->Begin(TxMode::kRead).value();
    EXPECT_FALSE(tx->Query("SELECT count(*) FROM good_one")) << "the first migration was rolled back too";
}

TEST_F(StorageTest, ConcurrentMigratorsApplyEachVersionExactlyOnce) {
    // Two pools on one database, as two servers starting at once.
    auto other = test_db_.Open();
    std::vector<std::size_t> applied(2);
    std::vector<bool> ok(2);
    std::barrier start(2);
    std::thread a([&] {
        start.arrive_and_wait();
        auto report = Migrate(*db_, clock_);
        ok[0] = report.has_value();
        applied[0] = report ? report->applied.size() : 0;
    });
    std::thread b([&] {
        start.arrive_and_wait();
        auto report = Migrate(*other, clock_);
        ok[1] = report.has_value();
        applied[1] = report ? report->applied.size() : 0;
    });
    a.join();
    b.join();
    EXPECT_TRUE(ok[0]);
    EXPECT_TRUE(ok[1]);
    EXPECT_EQ(applied[0] + applied[1], static_cast<std::size_t>(LatestSchemaVersion(db_->backend())));
    EXPECT_EQ(Count("schema_migrations"), LatestSchemaVersion(db_->backend()));
}

TEST_F(StorageTest, RoundTripsEveryValueType) {
    Script(Ddl("CREATE TABLE t (id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, s TEXT, b BLOB, n TEXT)",
               "CREATE TABLE t (id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, s TEXT, b BYTEA, n TEXT)"));
    const std::string binary("\x00\x01\xff\xfe\x00z", 6);
    const std::string text = "张三的沙发 😀 'quote' \"double\" \\ back";
    struct Case {
        std::int64_t id;
        std::int64_t i;
        double r;
        std::string s;
        std::string b;
    };
    const std::vector<Case> cases = {
        {1, std::numeric_limits<std::int64_t>::max(), 0.1, text, binary},
        {2, std::numeric_limits<std::int64_t>::min(), -1.5e300, "", ""},
        {3, 0, 0.0, "x", std::string(1, '\0')},
    };
    {
        auto tx = db_->Begin(TxMode::kWrite).value();
        for (const Case& c : cases) {
            ASSERT_TRUE(tx->Execute("INSERT INTO t (id, i, r, s, b, n) VALUES ($1, $2, $3, $4, $5, $6)",
                                    {c.id, c.i, c.r, c.s, Blob{c.b}, nullptr}));
        }
        ASSERT_TRUE(tx->Commit());
    }
    auto tx = db_->Begin(TxMode::kRead).value();
    const Rows rows = tx->Query("SELECT id, i, r, s, b, n FROM t ORDER BY id").value();
    ASSERT_EQ(rows.size(), cases.size());
    EXPECT_EQ(rows.columns(), (std::vector<std::string>{"id", "i", "r", "s", "b", "n"}));
    for (std::size_t k = 0; k < cases.size(); ++k) {
        const Row& row = rows[k];
        EXPECT_EQ(row.Int(0), cases[k].id);
        EXPECT_EQ(row.Int(1), cases[k].i);
        EXPECT_DOUBLE_EQ(row.Real(2), cases[k].r);
        EXPECT_EQ(row.Text(3), cases[k].s);
        EXPECT_EQ(row.Bytes(4), cases[k].b);
        EXPECT_TRUE(row.IsNull(5));
        EXPECT_EQ(row.OptText(5), std::nullopt);
        EXPECT_EQ(row.OptInt(5), std::nullopt);
    }
    EXPECT_THROW((void)rows[0].Int(5), std::logic_error) << "NULL where a value is required is a bug";
    EXPECT_THROW((void)rows[0].Int(3), std::logic_error);
}

TEST_F(StorageTest, ParametersBindByNumberAndMayRepeat) {
    auto tx = db_->Begin(TxMode::kRead).value();
    const Rows rows =
        tx->Query("SELECT CAST($2 AS BIGINT) - CAST($1 AS BIGINT), CAST($2 AS BIGINT) * 2", {10, 25}).value();
    EXPECT_EQ(rows.front().Int(0), 15);
    EXPECT_EQ(rows.front().Int(1), 50);
}

TEST_F(StorageTest, AggregatesReadAsIntegers) {
    Script("CREATE TABLE amounts (fen BIGINT NOT NULL)");
    auto tx = db_->Begin(TxMode::kWrite).value();
    for (const std::int64_t fen : {1999, 1, 100000}) {
        ASSERT_TRUE(tx->Execute("INSERT INTO amounts (fen) VALUES ($1)", {fen}));
    }
    const Rows rows = tx->Query("SELECT SUM(fen), COUNT(*), MAX(fen) FROM amounts").value();
    EXPECT_EQ(rows.front().Int(0), 102000) << "PostgreSQL's SUM(bigint) is NUMERIC";
    EXPECT_EQ(rows.front().Int(1), 3);
    EXPECT_EQ(rows.front().Fen(2).fen(), 100000);
}

TEST_F(StorageTest, InsertReturningGivesGeneratedIds) {
    Script(Ddl("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
               "CREATE TABLE things (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name TEXT NOT NULL)"));
    auto tx = db_->Begin(TxMode::kWrite).value();
    const std::int64_t first =
        tx->Query("INSERT INTO things (name) VALUES ($1) RETURNING id", {"a"}).value().front().Int(0);
    const std::int64_t second =
        tx->Query("INSERT INTO things (name) VALUES ($1) RETURNING id", {"b"}).value().front().Int(0);
    EXPECT_GT(first, 0);
    EXPECT_EQ(second, first + 1);
    EXPECT_EQ(tx->Execute("UPDATE things SET name = $1", {"c"}).value(), 2);
    EXPECT_EQ(tx->Execute("DELETE FROM things WHERE id = $1", {second}).value(), 1);
    EXPECT_EQ(tx->Execute("DELETE FROM things WHERE id = $1", {second}).value(), 0);
    ASSERT_TRUE(tx->Commit());
}

// SQLite answers "INSERT … RETURNING id" from the inserted rowid where `id` is the rowid; the answer must be the
// same as RETURNING's wherever that holds and wherever it does not.
TEST_F(StorageTest, InsertReturningIdIsTheInsertedRowsIdForEveryKindOfTable) {
    Script(
        Ddl("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
            "CREATE TABLE log (id INTEGER PRIMARY KEY, what TEXT NOT NULL);"
            "INSERT INTO log (what) VALUES ('a'), ('b'), ('c');"
            "CREATE TRIGGER things_log AFTER INSERT ON things BEGIN INSERT INTO log (what) VALUES (new.name); END;"
            "CREATE TABLE codes (id TEXT PRIMARY KEY, name TEXT NOT NULL);"
            "CREATE TABLE pairs (id INTEGER NOT NULL, part INTEGER NOT NULL, PRIMARY KEY (id, part));"
            "CREATE TABLE packed (id INTEGER PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;"
            "CREATE TABLE wide (id BIGINT PRIMARY KEY, name TEXT NOT NULL);",
            "CREATE TABLE things (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name TEXT NOT NULL);"
            "CREATE TABLE codes (id TEXT PRIMARY KEY, name TEXT NOT NULL);"
            "CREATE TABLE pairs (id INTEGER NOT NULL, part INTEGER NOT NULL, PRIMARY KEY (id, part));"
            "CREATE TABLE packed (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"
            "CREATE TABLE wide (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"));
    auto tx = db_->Begin(TxMode::kWrite).value();
    const auto id = [&](const std::string& sql, std::vector<Value> params) {
        const Rows rows = tx->Query(sql, params).value();
        EXPECT_EQ(rows.size(), 1U) << sql;
        EXPECT_EQ(rows.columns().size(), 1U) << sql;
        return rows.empty() ? Value() : rows.front()[0];
    };
    // A trigger's own insert (into a table with more rows) does not answer for the statement's row.
    EXPECT_EQ(id("INSERT INTO things (name) VALUES ($1) RETURNING id", {"a"}), Value(1));
    EXPECT_EQ(id("INSERT INTO things (name) VALUES ('it''s (quoted)') RETURNING id", {}), Value(2));
    EXPECT_EQ(id("INSERT INTO wide (id, name) VALUES ($1, $2) RETURNING id", {70, "chosen"}), Value(70));
    EXPECT_EQ(id("INSERT INTO codes (id, name) VALUES ($1, $2) RETURNING id", {"X-1", "code"}), Value("X-1"));
    EXPECT_EQ(id("INSERT INTO pairs (id, part) VALUES ($1, $2) RETURNING id", {5, 2}), Value(5));
    EXPECT_EQ(id("INSERT INTO packed (id, name) VALUES ($1, $2) RETURNING id", {9, "p"}), Value(9));
    // Several rows: one id each.
    const Rows both = tx->Query("INSERT INTO things (name) VALUES ($1), ($2) RETURNING id", {"b", "c"}).value();
    ASSERT_EQ(both.size(), 2U);
    EXPECT_EQ(both[0].Int(0), 3);
    EXPECT_EQ(both[1].Int(0), 4);
    EXPECT_EQ(Count("things"), 0) << "not committed yet";
    ASSERT_TRUE(tx->Commit());
    EXPECT_EQ(Count("things"), 4);
}

TEST_F(StorageTest, WorkThatIsNotCommittedIsRolledBack) {
    Script("CREATE TABLE notes (body TEXT)");
    {
        auto tx = db_->Begin(TxMode::kWrite).value();
        ASSERT_TRUE(tx->Execute("INSERT INTO notes (body) VALUES ($1)", {"dropped"}));
    }  // destroyed without Commit
    {
        auto tx = db_->Begin(TxMode::kWrite).value();
        ASSERT_TRUE(tx->Execute("INSERT INTO notes (body) VALUES ($1)", {"rolled back"}));
        tx->Rollback();
        EXPECT_FALSE(tx->active());
        EXPECT_FALSE(tx->Execute("INSERT INTO notes (body) VALUES ($1)", {"after the end"}));
    }
    EXPECT_EQ(Count("notes"), 0);
    {
        auto tx = db_->Begin(TxMode::kWrite).value();
        ASSERT_TRUE(tx->Execute("INSERT INTO notes (body) VALUES ($1)", {"kept"}));
        ASSERT_TRUE(tx->Commit());
        EXPECT_FALSE(tx->Commit()) << "a transaction commits once";
    }
    EXPECT_EQ(Count("notes"), 1);
}

TEST_F(StorageTest, AUniqueViolationIsAlreadyExistsAndFailsTheTransaction) {
    Script("CREATE TABLE people (phone TEXT NOT NULL UNIQUE); CREATE TABLE log_rows (x BIGINT)");
    Script("INSERT INTO people (phone) VALUES ('13800000000')");
    auto tx = db_->Begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->Execute("INSERT INTO log_rows (x) VALUES (1)"));
    const auto duplicate = tx->Execute("INSERT INTO people (phone) VALUES ($1)", {"13800000000"});
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(KindOf(duplicate.error()), DbErrorKind::kUniqueViolation);
    EXPECT_FALSE(IsRetryable(duplicate.error()));
    const auto next = tx->Query("SELECT 1");
    ASSERT_FALSE(next);
    EXPECT_EQ(KindOf(next.error()), DbErrorKind::kTransactionFailed);
    EXPECT_FALSE(tx->Commit());
    tx.reset();
    EXPECT_EQ(Count("log_rows"), 0) << "the statement before the failure was rolled back with it";
    EXPECT_EQ(Count("people"), 1);
}

TEST_F(StorageTest, ConstraintViolationsHavePortableKinds) {
    Script(
        "CREATE TABLE parents (id BIGINT PRIMARY KEY);"
        "CREATE TABLE children (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL REFERENCES parents (id),"
        " qty BIGINT NOT NULL CHECK (qty > 0))");
    Script("INSERT INTO parents (id) VALUES (1)");
    const auto attempt = [&](const std::string& sql) {
        auto tx = db_->Begin(TxMode::kWrite).value();
        auto result = tx->Execute(sql);
        EXPECT_FALSE(result) << sql;
        return result ? DbErrorKind::kNone : KindOf(result.error());
    };
    EXPECT_EQ(attempt("INSERT INTO children (id, parent_id, qty) VALUES (1, 99, 1)"),
              DbErrorKind::kForeignKeyViolation);
    EXPECT_EQ(attempt("INSERT INTO children (id, parent_id, qty) VALUES (1, 1, NULL)"), DbErrorKind::kNotNullViolation);
    EXPECT_EQ(attempt("INSERT INTO children (id, parent_id, qty) VALUES (1, 1, 0)"), DbErrorKind::kCheckViolation);
    Script("INSERT INTO children (id, parent_id, qty) VALUES (1, 1, 5)");
    EXPECT_EQ(attempt("DELETE FROM parents WHERE id = 1"), DbErrorKind::kForeignKeyViolation);
    EXPECT_EQ(attempt("SELECT * FROM no_such_table"), DbErrorKind::kOther);
}

TEST_F(StorageTest, WritingInAReadTransactionFails) {
    Script("CREATE TABLE notes (body TEXT)");
    auto tx = db_->Begin(TxMode::kRead).value();
    const auto write = tx->Execute("INSERT INTO notes (body) VALUES ('x')");
    ASSERT_FALSE(write);
    EXPECT_EQ(KindOf(write.error()), DbErrorKind::kReadOnly);
    tx.reset();
    EXPECT_EQ(Count("notes"), 0);
}

TEST_F(StorageTest, AReadTransactionSeesOneSnapshot) {
    Script("CREATE TABLE notes (body TEXT)");
    auto reader = db_->Begin(TxMode::kRead).value();
    EXPECT_EQ(reader->Query("SELECT count(*) FROM notes").value().front().Int(0), 0);
    Script("INSERT INTO notes (body) VALUES ('new')");
    EXPECT_EQ(reader->Query("SELECT count(*) FROM notes").value().front().Int(0), 0);
    reader.reset();
    EXPECT_EQ(Count("notes"), 1);
}

// `threads` threads each read and rewrite the one row of a new table `counters` `increments` times, in write
// transactions through RunInTransaction on `db`. Returns the final value and how many writes failed for good.
std::pair<std::int64_t, int> IncrementConcurrently(Database& db, int threads, int increments) {
    {
        auto tx = db.Begin(TxMode::kWrite).value();
        EXPECT_TRUE(
            tx->ExecuteScript("CREATE TABLE counters (id BIGINT PRIMARY KEY, value BIGINT NOT NULL); "
                              "INSERT INTO counters (id, value) VALUES (1, 0)"));
        EXPECT_TRUE(tx->Commit());
    }
    std::atomic<int> failures{0};
    std::vector<std::thread> running;
    for (int t = 0; t < threads; ++t) {
        running.emplace_back([&] {
            for (int i = 0; i < increments; ++i) {
                Status done = RunInTransaction(db, TxMode::kWrite, [](Transaction& tx) -> Status {
                    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT value FROM counters WHERE id = 1"));
                    const std::int64_t value = rows.front().Int(0);
                    AC_RETURN_IF_ERROR(tx.Execute("UPDATE counters SET value = $1 WHERE id = 1", {value + 1}));
                    return Ok();
                });
                if (!done) {
                    failures.fetch_add(1);
                    ADD_FAILURE() << done.error().detail;
                }
            }
        });
    }
    for (auto& thread : running) {
        thread.join();
    }
    auto tx = db.Begin(TxMode::kRead).value();
    return {tx->Query("SELECT value FROM counters WHERE id = 1").value().front().Int(0), failures.load()};
}

// Read-modify-write from many threads: serializable writes plus RunInTransaction's retries lose no update.
TEST_F(StorageTest, ConcurrentReadModifyWriteLosesNoUpdate) {
    const auto [value, failures] = IncrementConcurrently(*db_, 8, 25);
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(value, 8 * 25);
}

// Thirty-two writers at once, each reading and rewriting the same row fifty times: on PostgreSQL many attempts end
// in serialization failures, and a write retried after one runs alone (TxMode::kWriteQueued), so none runs out of
// attempts and no increment is lost. Every write gives its turn back when it ends: no advisory lock is left.
TEST_F(StorageTest, ThirtyTwoWritersOfOneRowAllSucceedAndLoseNothing) {
    constexpr int kThreads = 32;
    const std::unique_ptr<Database> db = test_db_.Open(OpenOptions{.pool_size = kThreads});
    const auto [value, failures] = IncrementConcurrently(*db, kThreads, 50);
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(value, kThreads * 50);
    if (postgres()) {
        auto tx = db->Begin(TxMode::kRead).value();
        EXPECT_EQ(tx->Query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").value().front().Int(0), 0);
        EXPECT_GT(db->Stats().serialization_failures_total, 0u) << "the writers did contend";
    }
}

TEST_F(StorageTest, RunInTransactionCommitsOnSuccessAndRollsBackOnError) {
    Script("CREATE TABLE notes (body TEXT)");
    const Result<int> ok = RunInTransaction(*db_, TxMode::kWrite, [](Transaction& tx) -> Result<int> {
        AC_RETURN_IF_ERROR(tx.Execute("INSERT INTO notes (body) VALUES ('a')"));
        return 7;
    });
    EXPECT_EQ(ok.value(), 7);
    int calls = 0;
    const Status refused = RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
        ++calls;
        AC_RETURN_IF_ERROR(tx.Execute("INSERT INTO notes (body) VALUES ('b')"));
        return Fail(Error::Make(ErrorCode::kFailedPrecondition, "error.failed_precondition"));
    });
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(calls, 1) << "an error that is not retryable is not retried";
    EXPECT_EQ(Count("notes"), 1);
}

TEST_F(StorageTest, ThePoolTimesOutWhenEveryConnectionIsBusy) {
    OpenOptions options;
    options.pool_size = 1;
    options.acquire_timeout = 200ms;
    auto small = test_db_.Open(options);
    // PostgreSQL: the one connection; SQLite: the one reader (the writer is separate).
    auto held = small->Begin(TxMode::kRead).value();
    const auto started = std::chrono::steady_clock::now();
    const auto refused = small->Begin(TxMode::kRead);
    ASSERT_FALSE(refused);
    EXPECT_GE(std::chrono::steady_clock::now() - started, 190ms);
    EXPECT_EQ(KindOf(refused.error()), DbErrorKind::kPoolTimeout);
    EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(small->Stats().timeouts_total, 1u);
    EXPECT_EQ(small->Stats().in_use, 1u);
    held.reset();
    EXPECT_TRUE(small->Begin(TxMode::kRead));
}

TEST_F(StorageTest, AWaitingTransactionGetsTheConnectionWhenItIsFreed) {
    OpenOptions options;
    options.pool_size = 1;
    options.acquire_timeout = 5s;
    auto small = test_db_.Open(options);
    auto held = small->Begin(TxMode::kRead).value();
    std::thread release([&] {
        std::this_thread::sleep_for(100ms);
        held.reset();
    });
    EXPECT_TRUE(small->Begin(TxMode::kRead));
    release.join();
    EXPECT_GT(small->Stats().wait_microseconds_total, 50'000u);
}

TEST_F(StorageTest, MisusedParametersAreErrorsNotSilentNulls) {
    auto tx = db_->Begin(TxMode::kRead).value();
    EXPECT_FALSE(tx->Query("SELECT CAST($1 AS BIGINT)", {}));
    auto other = db_->Begin(TxMode::kRead).value();
    EXPECT_FALSE(other->Query("SELECT CAST($1 AS BIGINT)", {1, 2}));
    auto third = db_->Begin(TxMode::kRead).value();
    const auto nul = third->Query("SELECT CAST($1 AS TEXT)", {std::string("a\0b", 3)});
    ASSERT_FALSE(nul);
    EXPECT_EQ(nul.error().code, ErrorCode::kInternal);
}

TEST_F(StorageTest, LargeValuesRoundTrip) {
    Script(Ddl("CREATE TABLE files (body TEXT, data BLOB)", "CREATE TABLE files (body TEXT, data BYTEA)"));
    std::string text;
    for (int i = 0; i < 100'000; ++i) {
        text += "售后服务";
    }
    std::string bytes(1 << 20, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        bytes[i] = static_cast<char>(i * 7);
    }
    {
        auto tx = db_->Begin(TxMode::kWrite).value();
        ASSERT_TRUE(tx->Execute("INSERT INTO files (body, data) VALUES ($1, $2)", {text, Blob{bytes}}));
        ASSERT_TRUE(tx->Commit());
    }
    auto tx = db_->Begin(TxMode::kRead).value();
    const Rows rows = tx->Query("SELECT body, data FROM files").value();
    EXPECT_EQ(rows.front().Text(0), text);
    EXPECT_EQ(rows.front().Bytes(1), bytes);
}

TEST_F(StorageTest, PingDescribeAndStats) {
    EXPECT_TRUE(db_->Ping());
    EXPECT_FALSE(db_->ServerVersion().empty());
    EXPECT_TRUE(db_->Describe().starts_with(postgres() ? "postgresql://" : "sqlite:")) << db_->Describe();
    const PoolStats before = db_->Stats();
    Script("CREATE TABLE x (y BIGINT)");
    { auto dropped = db_->Begin(TxMode::kWrite).value(); }
    const PoolStats after = db_->Stats();
    EXPECT_EQ(after.commits_total, before.commits_total + 1);
    EXPECT_EQ(after.rollbacks_total, before.rollbacks_total + 1);
    EXPECT_GE(after.acquired_total, before.acquired_total + 2);
    EXPECT_EQ(after.in_use, 0u);
}

TEST_F(StorageTest, OpeningSomethingThatIsNotADatabaseFails) {
    OpenOptions options;
    options.url = postgres() ? "postgresql://nobody@127.0.0.1:1/none" : "/nonexistent-folder/sub/x.db";
    options.acquire_timeout = 2s;
    const auto opened = Open(options);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(opened.error().message.key, "db.unavailable");
}

// SQLite: one writer at a time; a second writer waits for the first and then sees its work.
TEST_F(StorageTest, SqliteOnly_WritersTakeTurns) {
    Script("CREATE TABLE notes (body TEXT)");
    std::atomic<bool> first_committed{false};
    std::barrier started(2);
    std::thread first([&] {
        auto tx = db_->Begin(TxMode::kWrite).value();
        started.arrive_and_wait();
        ASSERT_TRUE(tx->Execute("INSERT INTO notes (body) VALUES ('first')"));
        std::this_thread::sleep_for(150ms);
        first_committed = true;
        ASSERT_TRUE(tx->Commit());
    });
    started.arrive_and_wait();
    auto second = db_->Begin(TxMode::kWrite).value();
    EXPECT_TRUE(first_committed.load()) << "the second writer began only after the first committed";
    EXPECT_EQ(second->Query("SELECT count(*) FROM notes").value().front().Int(0), 1);
    second.reset();
    first.join();
}

// Group commit: overlapping writers share COMMITs, yet each is told "committed" only once its work is on disk and
// visible to every connection, and a writer that fails takes only its own work with it.
TEST_F(StorageTest, SqliteOnly_OverlappingWritersShareCommitsAndLoseNothing) {
    Script("CREATE TABLE notes (writer BIGINT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (writer, n))");
    constexpr int kWriters = 32;
    constexpr int kEach = 20;
    std::atomic<int> committed{0};
    std::atomic<int> invisible{0};
    std::atomic<int> errors{0};
    auto reader = test_db_.Open();  // another pool on the file: what another process would see
    std::barrier start(kWriters);
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            start.arrive_and_wait();
            for (int n = 0; n < kEach; ++n) {
                const bool fails = n % 5 == 4;  // every fifth transaction writes, then fails
                const Status done = RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
                    AC_RETURN_IF_ERROR(tx.Execute("INSERT INTO notes (writer, n) VALUES ($1, $2)", {w, n}));
                    if (fails) {
                        return Fail(Error::Make(ErrorCode::kFailedPrecondition, "error.failed_precondition"));
                    }
                    return Ok();
                });
                if (done.has_value() == fails) {
                    errors.fetch_add(1);
                    continue;
                }
                if (!fails) {
                    committed.fetch_add(1);
                    auto tx = reader->Begin(TxMode::kRead).value();
                    const Rows found =
                        tx->Query("SELECT count(*) FROM notes WHERE writer = $1 AND n = $2", {w, n}).value();
                    if (found.front().Int(0) != 1) {
                        invisible.fetch_add(1);
                    }
                }
            }
        });
    }
    for (auto& writer : writers) {
        writer.join();
    }
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(invisible.load(), 0) << "a writer was told it committed before its row was visible";
    EXPECT_EQ(committed.load(), kWriters * kEach * 4 / 5);
    EXPECT_EQ(Count("notes"), committed.load());
    auto tx = db_->Begin(TxMode::kRead).value();
    EXPECT_EQ(tx->Query("SELECT count(*) FROM notes WHERE n % 5 = 4").value().front().Int(0), 0)
        << "the failed transactions left nothing";
    tx.reset();
    const PoolStats stats = db_->Stats();
    EXPECT_GT(stats.group_commits_total, 0u);
    EXPECT_LT(stats.group_commits_total, static_cast<std::uint64_t>(committed.load()))
        << "overlapping writers shared commits";
}

// Group commit on fibers (how the server runs writes on SQLite): the writers of one thread share commits while
// their fibers wait, writers on plain threads join the same groups, a writer that fails takes only its own work
// with it, a fiber whose group nobody else ends (the next job did not write) commits it once the thread is idle, and
// each writer hears "committed" only once its row is visible to another connection.
TEST_F(StorageTest, SqliteOnly_WritersOnFibersShareCommitsAndLoseNothing) {
    Script("CREATE TABLE notes (writer BIGINT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (writer, n))");
    constexpr int kJobs = 300;
    constexpr int kThreads = 3;
    constexpr int kEach = 20;
    std::atomic<int> committed{0};
    std::atomic<int> invisible{0};
    std::atomic<int> errors{0};
    auto reader = test_db_.Open();
    const auto write = [&](int writer, int n, bool fails) {
        const Status done = RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
            AC_RETURN_IF_ERROR(tx.Execute("INSERT INTO notes (writer, n) VALUES ($1, $2)", {writer, n}));
            if (fails) {
                return Fail(Error::Make(ErrorCode::kFailedPrecondition, "error.failed_precondition"));
            }
            return Ok();
        });
        if (done.has_value() == fails) {
            errors.fetch_add(1);
            return;
        }
        if (!fails) {
            committed.fetch_add(1);
            auto tx = reader->Begin(TxMode::kRead).value();
            if (tx->Query("SELECT count(*) FROM notes WHERE writer = $1 AND n = $2", {writer, n})
                    .value()
                    .front()
                    .Int(0) != 1) {
                invisible.fetch_add(1);
            }
        }
    };
    std::promise<void> posted;
    std::shared_future<void> gate = posted.get_future().share();
    {
        fiber::FiberPool pool({.threads = 1});
        pool.Post([gate] { gate.wait(); });  // the jobs queue up behind this one
        for (int n = 0; n < kJobs; ++n) {
            pool.Post([&, n] {
                if (n % 7 == 6) {
                    return;  // a request that writes nothing
                }
                write(0, n, n % 5 == 4);
            });
        }
        std::vector<std::thread> threads;
        for (int t = 1; t <= kThreads; ++t) {
            threads.emplace_back([&, t] {
                gate.wait();
                for (int n = 0; n < kEach; ++n) {
                    write(t, n, n % 5 == 4);
                }
            });
        }
        posted.set_value();
        for (auto& thread : threads) {
            thread.join();
        }
        pool.Join();
    }
    int expected = kThreads * kEach * 4 / 5;
    for (int n = 0; n < kJobs; ++n) {
        expected += n % 7 != 6 && n % 5 != 4 ? 1 : 0;
    }
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(invisible.load(), 0) << "a writer was told it committed before its row was visible";
    EXPECT_EQ(committed.load(), expected);
    EXPECT_EQ(Count("notes"), expected);
    auto tx = db_->Begin(TxMode::kRead).value();
    EXPECT_EQ(tx->Query("SELECT count(*) FROM notes WHERE n % 5 = 4").value().front().Int(0), 0)
        << "the failed transactions left nothing";
    tx.reset();
    EXPECT_LT(db_->Stats().group_commits_total, static_cast<std::uint64_t>(expected) / 4)
        << "the fibers' writes shared commits";
}

// With write fibers set (how the server runs SQLite), RunInTransaction hands every write transaction to them while
// the callers' threads wait, and reads stay on the callers' threads; writers of many threads then share commits on
// SQLite, and nothing is lost or told "committed" before it is visible. Unset, writes run on the caller's thread.
TEST_F(StorageTest, WriteTransactionsRunOnTheWriteFibersWhenSet) {
    Script("CREATE TABLE notes (writer BIGINT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (writer, n))");
    constexpr int kThreads = 16;
    constexpr int kEach = 25;
    std::atomic<int> writes_off_fiber{0};
    std::atomic<int> reads_on_fiber{0};
    std::atomic<int> invisible{0};
    std::atomic<int> errors{0};
    const std::uint64_t commits_before = db_->Stats().group_commits_total;
    {
        fiber::FiberPool pool({.threads = 1});
        db_->SetWriteFibers(&pool);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int n = 0; n < kEach; ++n) {
                    const Status done = RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
                        if (!fiber::InFiber()) {
                            ++writes_off_fiber;
                        }
                        AC_RETURN_IF_ERROR(tx.Execute("INSERT INTO notes (writer, n) VALUES ($1, $2)", {t, n}));
                        return Ok();
                    });
                    if (!done) {
                        ++errors;
                        continue;
                    }
                    const Result<std::int64_t> seen =
                        RunInTransaction(*db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::int64_t> {
                            if (fiber::InFiber()) {
                                ++reads_on_fiber;
                            }
                            AC_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT count(*) FROM notes WHERE writer = $1 "
                                                                    "AND n = $2",
                                                                    {t, n}));
                            return rows.front().Int(0);
                        });
                    if (!seen || *seen != 1) {
                        ++invisible;
                    }
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
        db_->SetWriteFibers(nullptr);
    }
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(writes_off_fiber.load(), 0) << "a write transaction ran on its caller's thread";
    EXPECT_EQ(reads_on_fiber.load(), 0) << "a read transaction left its caller's thread";
    EXPECT_EQ(invisible.load(), 0);
    EXPECT_EQ(Count("notes"), kThreads * kEach);
    if (!postgres()) {
        EXPECT_LT(db_->Stats().group_commits_total - commits_before, static_cast<std::uint64_t>(kThreads * kEach) / 2)
            << "the writers shared commits";
    }
    const Status after = RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
        EXPECT_FALSE(fiber::InFiber()) << "unset, a write runs where it is called";
        AC_RETURN_IF_ERROR(tx.Execute("INSERT INTO notes (writer, n) VALUES (99, 0)"));
        return Ok();
    });
    EXPECT_TRUE(after);
}

// A writer whose statement fails (a unique violation) inside a shared transaction keeps the others' work.
TEST_F(StorageTest, SqliteOnly_AFailedStatementUndoesOnlyItsOwnWriter) {
    Script("CREATE TABLE notes (body TEXT PRIMARY KEY)");
    std::barrier inside(2);
    std::thread first([&] {
        auto tx = db_->Begin(TxMode::kWrite).value();
        ASSERT_TRUE(tx->Execute("INSERT INTO notes (body) VALUES ('kept')"));
        inside.arrive_and_wait();
        std::this_thread::sleep_for(50ms);  // the second writer is waiting for the writer now
        ASSERT_TRUE(tx->Commit());
    });
    inside.arrive_and_wait();
    {
        auto tx = db_->Begin(TxMode::kWrite).value();  // joins the first writer's open transaction
        EXPECT_FALSE(tx->Execute("INSERT INTO notes (body) VALUES ('kept')"));
    }
    first.join();
    EXPECT_EQ(Count("notes"), 1);
    auto later = db_->Begin(TxMode::kWrite).value();
    ASSERT_TRUE(later->Execute("INSERT INTO notes (body) VALUES ('later')"));
    ASSERT_TRUE(later->Commit());
    EXPECT_EQ(Count("notes"), 2);
}

// WAL checkpoints, mostly in the background (the writer finishes one only when a steady stream of writes keeps the
// background from catching up): writers that fill the WAL many times over leave it a small part of what they wrote,
// and every row is there.
TEST_F(StorageTest, SqliteOnly_CheckpointsKeepTheWalSmall) {
    Script("CREATE TABLE pages (id BIGINT PRIMARY KEY, body BLOB NOT NULL)");
    constexpr int kTransactions = 600;
    const std::string body(64 * 1024, 'x');  // 16 pages per transaction: about 9,600 WAL frames in all
    for (int i = 0; i < kTransactions; ++i) {
        ASSERT_TRUE(RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
            return tx.Run("INSERT INTO pages (id, body) VALUES ($1, $2)", {i, Value(Blob{body})});
        }));
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (db_->Stats().checkpoints_total == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_GT(db_->Stats().checkpoints_total, 0u);
    const std::string wal = test_db_.url().substr(test_db_.url().starts_with("sqlite:") ? 7 : 0) + "-wal";
    const auto written = static_cast<std::uintmax_t>(kTransactions) * body.size();
    EXPECT_LT(std::filesystem::file_size(wal), written / 2) << "the WAL was copied back and started over";
    EXPECT_EQ(Count("pages"), kTransactions);
}

// A commit that writes thousands of pages at once (an FTS5 merge does) is copied into the database by the
// background, not by the writer while every other writer waits; the WAL then starts over.
TEST_F(StorageTest, SqliteOnly_TheWriterLeavesALargeCommitToTheBackgroundCheckpoint) {
    Script("CREATE TABLE pages (id BIGINT PRIMARY KEY, body BLOB NOT NULL)");
    const std::string body(4 * 1024, 'x');
    ASSERT_TRUE(RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
        for (int i = 0; i < 3'000; ++i) {  // some 6,000 WAL frames: past twice the WAL's limit in one commit
            AC_RETURN_IF_ERROR(tx.Run("INSERT INTO pages (id, body) VALUES ($1, $2)", {i, Value(Blob{body})}));
        }
        return Ok();
    }));
    EXPECT_EQ(db_->Stats().writer_checkpoints_total, 0u) << "the writer copied a large commit itself";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (db_->Stats().checkpoints_total == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(db_->Stats().checkpoints_total, 1u) << "the background copied it";
    // With the WAL copied, the next commit writes it from its beginning (a steady stream that never lets the
    // background catch up is the writer's to finish: SqliteOnly_CheckpointsKeepTheWalSmall).
    const std::string wal = test_db_.url().substr(test_db_.url().starts_with("sqlite:") ? 7 : 0) + "-wal";
    const auto before = std::filesystem::file_size(wal);
    for (int id : {3'000, 3'001}) {
        ASSERT_TRUE(RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
            return tx.Run("INSERT INTO pages (id, body) VALUES ($1, $2)", {id, Value(Blob{body})});
        }));
    }
    EXPECT_EQ(std::filesystem::file_size(wal), before) << "the WAL started over instead of growing";
    EXPECT_EQ(db_->Stats().writer_checkpoints_total, 0u);
    EXPECT_EQ(Count("pages"), 3'002);
}

TEST_F(StorageTest, SqliteOnly_ConnectionPragmasAreSet) {
    auto tx = db_->Begin(TxMode::kWrite).value();
    EXPECT_EQ(tx->Query("PRAGMA journal_mode").value().front().Text(0), "wal");
    EXPECT_EQ(tx->Query("PRAGMA foreign_keys").value().front().Int(0), 1);
    EXPECT_EQ(tx->Query("PRAGMA synchronous").value().front().Int(0), 1)
        << "NORMAL: the COMMIT does not wait for the disk; the WAL's syncer does, before the writer hears of it";
    tx.reset();
    OpenOptions normal;
    normal.sqlite_synchronous = "NORMAL";
    auto relaxed = test_db_.Open(normal);
    auto relaxed_tx = relaxed->Begin(TxMode::kWrite).value();
    EXPECT_EQ(relaxed_tx->Query("PRAGMA synchronous").value().front().Int(0), 1) << "NORMAL";
    auto read = db_->Begin(TxMode::kRead).value();
    EXPECT_EQ(read->Query("PRAGMA cache_size").value().front().Int(0), -16384) << "a reader's cache: 16 MiB";
}

// synchronous FULL (the default): a write is acknowledged only after a sync of the WAL that began after its COMMIT,
// one sync for each group; NORMAL syncs nothing.
TEST_F(StorageTest, SqliteOnly_AWriteIsAcknowledgedOnlyOnceTheWalIsSynced) {
    Script("CREATE TABLE notes (n BIGINT PRIMARY KEY)");
    for (int n = 0; n < 20; ++n) {
        const std::uint64_t syncs_before = db_->Stats().wal_syncs_total;
        const Status done = RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
            AC_RETURN_IF_ERROR(tx.Execute("INSERT INTO notes (n) VALUES ($1)", {n}));
            return Ok();
        });
        ASSERT_TRUE(done);
        EXPECT_EQ(db_->Stats().wal_syncs_total, syncs_before + 1) << "write " << n << " was told before its sync";
    }
    OpenOptions normal;
    normal.sqlite_synchronous = "NORMAL";
    auto relaxed = test_db_.Open(normal);
    const Status done = RunInTransaction(*relaxed, TxMode::kWrite, [&](Transaction& tx) -> Status {
        AC_RETURN_IF_ERROR(tx.Execute("INSERT INTO notes (n) VALUES (100)"));
        return Ok();
    });
    ASSERT_TRUE(done);
    EXPECT_EQ(relaxed->Stats().wal_syncs_total, 0u);
    EXPECT_EQ(Count("notes"), 21);
}

// A bulk load (the data generator's) writes into the file without the WAL, without a sync per commit and without
// checking foreign keys, still rolls a failed transaction back, and leaves the file in WAL, synced and checking
// foreign keys, for whatever opens it next.
TEST_F(StorageTest, SqliteOnly_ABulkLoadWritesInPlaceRollsBackAndEndsInWal) {
    TestDatabase fresh;  // no other connection has this file open: a connection cannot leave WAL while one has
    OpenOptions bulk;
    bulk.sqlite_bulk_load = true;
    auto db = fresh.Open(bulk);
    const std::string file = fresh.url().substr(fresh.url().starts_with("sqlite:") ? 7 : 0);
    const auto count = [&] {
        auto tx = db->Begin(TxMode::kRead).value();
        return tx->Query("SELECT count(*) FROM notes").value().front().Int(0);
    };
    ASSERT_TRUE(RunInTransaction(*db, TxMode::kWrite, [&](Transaction& tx) -> Status {
        AC_RETURN_IF_ERROR(tx.Run("CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL)"));
        EXPECT_EQ(tx.Query("PRAGMA journal_mode").value().front().Text(0), "memory");
        EXPECT_EQ(tx.Query("PRAGMA synchronous").value().front().Int(0), 0) << "OFF: synced once, at the end";
        EXPECT_EQ(tx.Query("PRAGMA foreign_keys").value().front().Int(0), 0) << "the loader's rows are whole";
        for (int i = 0; i < 1000; ++i) {
            AC_RETURN_IF_ERROR(tx.Run("INSERT INTO notes (id, body) VALUES ($1, $2)", {i, std::string(200, 'x')}));
        }
        return Ok();
    }));
    EXPECT_FALSE(std::filesystem::exists(file + "-wal")) << "the load wrote through the WAL";
    EXPECT_EQ(count(), 1000);

    // A transaction that fails leaves nothing behind, also after changing pages that were already in the file.
    const Status failed = RunInTransaction(*db, TxMode::kWrite, [&](Transaction& tx) -> Status {
        AC_RETURN_IF_ERROR(tx.Run("UPDATE notes SET body = 'changed'"));
        AC_RETURN_IF_ERROR(tx.Run("INSERT INTO notes (id, body) VALUES (1000, 'new')"));
        return tx.Run("INSERT INTO notes (id, body) VALUES (1, 'clash')");
    });
    ASSERT_FALSE(failed);
    EXPECT_EQ(KindOf(failed.error()), DbErrorKind::kUniqueViolation);
    EXPECT_EQ(count(), 1000);
    {
        auto tx = db->Begin(TxMode::kRead).value();
        EXPECT_EQ(tx->Query("SELECT count(*) FROM notes WHERE body = 'changed'").value().front().Int(0), 0);
        EXPECT_EQ(tx->Query("PRAGMA integrity_check").value().front().Text(0), "ok");
    }

    EXPECT_EQ(db->Stats().wal_syncs_total, 0u) << "the load's commits are not synced one by one";
    ASSERT_TRUE(db->EndBulkLoad());
    ASSERT_TRUE(RunInTransaction(*db, TxMode::kWrite, [&](Transaction& tx) -> Status {
        EXPECT_EQ(tx.Query("PRAGMA journal_mode").value().front().Text(0), "wal");
        EXPECT_EQ(tx.Query("PRAGMA synchronous").value().front().Int(0), 1) << "NORMAL, with the WAL's syncer";
        AC_RETURN_IF_ERROR(tx.Run("CREATE TABLE replies (note_id BIGINT NOT NULL REFERENCES notes (id))"));
        return tx.Run("INSERT INTO notes (id, body) VALUES (1000, 'after')");
    }));
    const Status orphan = RunInTransaction(*db, TxMode::kWrite, [&](Transaction& tx) -> Status {
        return tx.Run("INSERT INTO replies (note_id) VALUES (5000)");
    });
    ASSERT_FALSE(orphan) << "foreign keys are checked again after the load";
    EXPECT_EQ(KindOf(orphan.error()), DbErrorKind::kForeignKeyViolation);
    EXPECT_EQ(db->Stats().wal_syncs_total, 1u) << "after the load, a commit is synced before it is acknowledged";
    EXPECT_TRUE(std::filesystem::exists(file + "-wal"));
    EXPECT_EQ(count(), 1001);
    db.reset();
    auto reopened = fresh.Open();
    auto tx = reopened->Begin(TxMode::kRead).value();
    EXPECT_EQ(tx->Query("SELECT count(*) FROM notes").value().front().Int(0), 1001);
    EXPECT_EQ(tx->Query("PRAGMA journal_mode").value().front().Text(0), "wal");
}

// A bulk load copies tables built beside it in another SQLite file: the file is attached to the writer under a name
// (quoted, as is its path), read in the writer's transactions, then detached.
TEST_F(StorageTest, SqliteOnly_AFileAttachedToTheWriterIsReadInItsTransactionsUntilDetached) {
    const ac::testing::TempDir dir;
    const std::string side = (dir.path() / "side's \"parts\".db").string();
    {
        OpenOptions options;
        options.url = side;
        auto other = Open(options).value();
        ASSERT_TRUE(RunInTransaction(*other, TxMode::kWrite, [](Transaction& tx) -> Status {
            AC_RETURN_IF_ERROR(tx.Run("CREATE TABLE parts (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"));
            return tx.Run("INSERT INTO parts (id, body) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }));
    }
    Script("CREATE TABLE parts (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    const std::string name = "side \"build\"";
    ASSERT_TRUE(db_->AttachToWriter(name, side));
    ASSERT_TRUE(RunInTransaction(*db_, TxMode::kWrite, [](Transaction& tx) -> Status {
        return tx.Run(R"(INSERT INTO main.parts SELECT * FROM "side ""build""".parts)");
    }));
    {
        auto tx = db_->Begin(TxMode::kRead).value();
        EXPECT_EQ(tx->Query("SELECT group_concat(body, '') FROM parts").value().front().Text(0), "abc");
    }
    ASSERT_TRUE(db_->DetachFromWriter(name));
    const Status detached = RunInTransaction(*db_, TxMode::kWrite, [](Transaction& tx) -> Status {
        return tx.Run(R"(INSERT INTO main.parts SELECT id + 3, body FROM "side ""build""".parts)");
    });
    EXPECT_FALSE(detached) << "the file is no longer part of the writer's transactions";

    const Status missing = db_->AttachToWriter("elsewhere", (dir.path() / "no such folder" / "x.db").string());
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kUnavailable);
}

TEST_F(StorageTest, PostgresOnly_OnlySqliteAttachesFiles) {
    const Status attached = db_->AttachToWriter("side", "/tmp/side.db");
    ASSERT_FALSE(attached);
    EXPECT_EQ(attached.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_FALSE(db_->DetachFromWriter("side"));
}

TEST_F(StorageTest, SqliteOnly_AnotherProcessHoldingTheWriteLockIsBusyNotAHang) {
    Script("CREATE TABLE notes (body TEXT)");
    OpenOptions options;
    options.acquire_timeout = 200ms;
    auto first = test_db_.Open(options);
    auto second = test_db_.Open(options);  // another pool on the same file, as another process would have
    auto holding = first->Begin(TxMode::kWrite).value();
    const auto blocked = second->Begin(TxMode::kWrite);
    ASSERT_FALSE(blocked);
    EXPECT_EQ(KindOf(blocked.error()), DbErrorKind::kBusy);
    EXPECT_TRUE(IsRetryable(blocked.error()));
}

// PostgreSQL: a write that conflicts with a concurrent committed write fails as a serialization failure, which
// RunInTransaction retries.
TEST_F(StorageTest, PostgresOnly_ConflictingWritesAreSerializationFailures) {
    Script(
        "CREATE TABLE counters (id BIGINT PRIMARY KEY, value BIGINT NOT NULL); "
        "INSERT INTO counters (id, value) VALUES (1, 0)");
    auto first = db_->Begin(TxMode::kWrite).value();
    auto second = db_->Begin(TxMode::kWrite).value();
    ASSERT_TRUE(first->Query("SELECT value FROM counters WHERE id = 1"));
    ASSERT_TRUE(second->Query("SELECT value FROM counters WHERE id = 1"));
    ASSERT_TRUE(first->Execute("UPDATE counters SET value = value + 1 WHERE id = 1"));
    ASSERT_TRUE(first->Commit());
    const auto conflict = second->Execute("UPDATE counters SET value = value + 1 WHERE id = 1");
    ASSERT_FALSE(conflict);
    EXPECT_EQ(KindOf(conflict.error()), DbErrorKind::kSerializationFailure);
    EXPECT_EQ(conflict.error().code, ErrorCode::kAborted);
    EXPECT_TRUE(IsRetryable(conflict.error()));
    EXPECT_GE(db_->Stats().serialization_failures_total, 1u);
}

TEST_F(StorageTest, PostgresOnly_ALostConnectionIsReportedAndThePoolRecovers) {
    auto tx = db_->Begin(TxMode::kRead).value();
    const std::int64_t pid = tx->Query("SELECT pg_backend_pid()").value().front().Int(0);
    ac::testing::PostgresAdminExec(test_db_.AdminUrl(), "SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
    std::this_thread::sleep_for(50ms);
    const auto lost = tx->Query("SELECT 1");
    ASSERT_FALSE(lost);
    EXPECT_EQ(KindOf(lost.error()), DbErrorKind::kConnectionLost);
    EXPECT_EQ(lost.error().code, ErrorCode::kUnavailable);
    tx.reset();
    EXPECT_GE(db_->Stats().connections_lost_total, 1u);
    auto fresh = db_->Begin(TxMode::kRead).value();
    EXPECT_NE(fresh->Query("SELECT pg_backend_pid()").value().front().Int(0), pid);
}

TEST_F(StorageTest, PostgresOnly_IdleConnectionsKilledByTheServerAreReplacedTransparently) {
    { auto warm = db_->Begin(TxMode::kRead).value(); }
    // Every connection of the pool dies while idle, as after a server restart.
    ac::testing::PostgresAdminExec(test_db_.AdminUrl(),
                                   "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                                       test_db_.url().substr(test_db_.url().rfind('/') + 1) +
                                       "' AND pid <> pg_backend_pid()");
    std::this_thread::sleep_for(50ms);
    auto tx = db_->Begin(TxMode::kRead);
    ASSERT_TRUE(tx) << tx.error().detail;
    EXPECT_TRUE((*tx)->Query("SELECT 1"));
}

TEST_F(StorageTest, PostgresOnly_StatementsArePreparedOncePerConnection) {
    OpenOptions options;
    options.pool_size = 1;
    auto single = test_db_.Open(options);
    for (int i = 0; i < 50; ++i) {
        auto tx = single->Begin(TxMode::kRead).value();
        ASSERT_EQ(tx->Query("SELECT CAST($1 AS BIGINT) + 1", {i}).value().front().Int(0), i + 1);
    }
    auto tx = single->Begin(TxMode::kRead).value();
    EXPECT_EQ(tx->Query("SELECT count(*) FROM pg_prepared_statements").value().front().Int(0), 2);
}

}  // namespace
}  // namespace ac::storage

// How many durable single-row transactions per second SQLite gives on this disk (WAL, synchronous=FULL, one
// INSERT per BEGIN IMMEDIATE ... COMMIT): the baseline that write workloads are measured against. The same
// through the storage layer shows what the layer costs on top.
//
// The database file goes into $AC_BENCH_DIR (default: the current folder), which must be on the disk under test.
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include "storage/database.hpp"

namespace {

std::filesystem::path BenchFile(const char* name) {
    const char* dir = std::getenv("AC_BENCH_DIR");
    std::filesystem::path path = std::filesystem::path(dir != nullptr ? dir : ".") / name;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path.string() + suffix);
    }
    return path;
}

void Check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
    }
}

void BM_RawSqliteDurableSingleRowTransaction(benchmark::State& state) {
    const auto path = BenchFile("raw.db");
    sqlite3* db = nullptr;
    Check(sqlite3_open(path.c_str(), &db), db, "open");
    Check(sqlite3_exec(db,
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                       "CREATE TABLE events (id INTEGER PRIMARY KEY, at BIGINT NOT NULL, body TEXT NOT NULL)",
                       nullptr, nullptr, nullptr),
          db, "setup");
    sqlite3_stmt* insert = nullptr;
    Check(sqlite3_prepare_v2(db, "INSERT INTO events (at, body) VALUES (?1, ?2)", -1, &insert, nullptr), db, "prepare");
    const std::string body = "维修登记：沙发扶手松动，客户要求上门维修";
    std::int64_t n = 0;
    for (auto _ : state) {
        Check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
        sqlite3_bind_int64(insert, 1, ++n);
        sqlite3_bind_text(insert, 2, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
        Check(sqlite3_step(insert), db, "insert");
        sqlite3_reset(insert);
        Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    }
    state.SetItemsProcessed(state.iterations());
    sqlite3_finalize(insert);
    sqlite3_close(db);
}
BENCHMARK(BM_RawSqliteDurableSingleRowTransaction)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_StorageLayerDurableSingleRowTransaction(benchmark::State& state) {
    ac::storage::OpenOptions options;
    options.url = BenchFile("layer.db").string();
    auto db = ac::storage::Open(options).value();
    {
        auto tx = db->Begin(ac::storage::TxMode::kWrite).value();
        (void)tx->ExecuteScript("CREATE TABLE events (id INTEGER PRIMARY KEY, at BIGINT NOT NULL, body TEXT NOT NULL)");
        (void)tx->Commit();
    }
    const std::string body = "维修登记：沙发扶手松动，客户要求上门维修";
    std::int64_t n = 0;
    for (auto _ : state) {
        auto tx = db->Begin(ac::storage::TxMode::kWrite).value();
        if (!tx->Execute("INSERT INTO events (at, body) VALUES ($1, $2)", {++n, body}) || !tx->Commit()) {
            state.SkipWithError("insert failed");
            break;
        }
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StorageLayerDurableSingleRowTransaction)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

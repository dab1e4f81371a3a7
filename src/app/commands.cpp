#include "app/commands.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <system_error>
#include <thread>

#include <boost/version.hpp>

#include "app/build_info.hpp"
#include "app/catalog.hpp"
#include "app/system_clock.hpp"
#include "app/test_routes.hpp"
#include "core/i18n.hpp"
#include "http/metrics.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/system_routes.hpp"
#include "log/log.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/postgres/postgres_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace ac::app {
namespace {

// The language for messages printed on the terminal: Chinese when the locale says so, English otherwise.
Lang TerminalLang() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') {
            return ParseLangTag(value).value_or(Lang::kEn);
        }
    }
    return Lang::kEn;
}

// Prints `error` for the operator and logs it; returns exit code 1.
int Report(const Catalog& catalog, const Error& error) {
    log::Error("app.failed",
               {{"code", ErrorCodeName(error.code)}, {"key", error.message.key}, {"detail", error.detail}});
    std::cerr << "aftercare: " << catalog.Render(TerminalLang(), error.message);
    if (!error.detail.empty()) {
        std::cerr << " (" << error.detail << ")";
    }
    std::cerr << std::endl;
    return 1;
}

Status InitLogging(const Config& config) {
    try {
        log::Init(log::Options{log::ParseLevel(config.log_level).value_or(log::Level::kInfo), config.log_file});
    } catch (const std::exception& e) {
        return Fail(
            Error::Make(ErrorCode::kUnavailable, "app.log_failed", {{"path", config.log_file}, {"reason", e.what()}}));
    }
    return Ok();
}

Status EnsureDataDir(const Config& config) {
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    if (ec) {
        return Fail(Error::Make(ErrorCode::kUnavailable, "app.data_dir_failed",
                                {{"path", config.data_dir}, {"reason", ec.message()}}));
    }
    return Ok();
}

Result<std::unique_ptr<storage::Database>> OpenDatabase(const Config& config) {
    storage::OpenOptions options;
    options.url = config.DatabaseUrl();
    options.pool_size = config.db_pool_size;
    options.sqlite_synchronous = config.sqlite_synchronous;
    return storage::Open(options);
}

// The database pool's figures for /metrics.
void AppendDatabaseMetrics(std::string& out, storage::Database& db) {
    const storage::PoolStats stats = db.Stats();
    const std::string backend = "backend=\"" + std::string(storage::BackendName(db.backend())) + "\"";
    http::AppendFamilyHeader(out, "aftercare_db_pool_connections", "gauge",
                             "Database connections by state (open includes in_use).");
    http::AppendSample(out, "aftercare_db_pool_connections", "{" + backend + ",state=\"open\"}",
                       static_cast<double>(stats.open_connections));
    http::AppendSample(out, "aftercare_db_pool_connections", "{" + backend + ",state=\"in_use\"}",
                       static_cast<double>(stats.in_use));
    http::AppendSample(out, "aftercare_db_pool_connections", "{" + backend + ",state=\"max\"}",
                       static_cast<double>(stats.max_connections));
    http::AppendMetric(out, "aftercare_db_pool_acquired_total", "counter", "Connections handed to transactions.",
                       static_cast<double>(stats.acquired_total), "{" + backend + "}");
    http::AppendMetric(out, "aftercare_db_pool_wait_seconds_total", "counter",
                       "Time transactions waited for a free connection.",
                       static_cast<double>(stats.wait_microseconds_total) / 1e6, "{" + backend + "}");
    http::AppendMetric(out, "aftercare_db_pool_timeouts_total", "counter",
                       "Transactions refused because no connection became free in time.",
                       static_cast<double>(stats.timeouts_total), "{" + backend + "}");
    http::AppendFamilyHeader(out, "aftercare_db_transactions_total", "counter", "Transactions ended, by outcome.");
    http::AppendSample(out, "aftercare_db_transactions_total", "{" + backend + ",outcome=\"commit\"}",
                       static_cast<double>(stats.commits_total));
    http::AppendSample(out, "aftercare_db_transactions_total", "{" + backend + ",outcome=\"rollback\"}",
                       static_cast<double>(stats.rollbacks_total));
    http::AppendMetric(out, "aftercare_db_serialization_failures_total", "counter",
                       "Statements that failed because of a concurrent transaction (retried).",
                       static_cast<double>(stats.serialization_failures_total), "{" + backend + "}");
    http::AppendMetric(out, "aftercare_db_connections_lost_total", "counter",
                       "Connections discarded because the server closed them.",
                       static_cast<double>(stats.connections_lost_total), "{" + backend + "}");
}

std::string JoinVersions(const std::vector<int>& versions) {
    std::string text;
    for (const int version : versions) {
        if (!text.empty()) {
            text += ", ";
        }
        text += std::to_string(version);
    }
    return text;
}

struct OpenedDatabase {
    std::unique_ptr<storage::Database> db;
    storage::MigrationReport migration;
};

// What serve and migrate both do first: start logging, create the data folder, open the database and bring its
// schema up to date.
Result<OpenedDatabase> Prepare(const Config& config, const Clock& clock) {
    AC_RETURN_IF_ERROR(InitLogging(config));
    AC_RETURN_IF_ERROR(EnsureDataDir(config));
    AC_ASSIGN_OR_RETURN(auto db, OpenDatabase(config));
    AC_ASSIGN_OR_RETURN(auto migration, storage::Migrate(*db, clock));
    return OpenedDatabase{std::move(db), std::move(migration)};
}

}  // namespace

int RunServe(const Config& config) {
    const Catalog catalog = BuildCatalog();
    const SystemClock clock;
    Result<OpenedDatabase> prepared = Prepare(config, clock);
    if (!prepared) {
        return Report(catalog, prepared.error());
    }
    storage::Database& db = *prepared->db;
    const storage::MigrationReport& migrated = prepared->migration;

    const ListenAddress listen = ParseListenAddress(config.listen).value_or(ListenAddress{"127.0.0.1", 8080});
    http::Router router;
    http::Metrics metrics;
    http::AddSystemRoutes(router, metrics,
                          {.ready_check = [&db] { return db.Ping(); }, .version = kVersion, .commit = kCommit});
    if (config.enable_test_routes) {
        AddTestRoutes(router);
        log::Warn("app.test_routes_enabled", {{"prefix", "/api/v1/test/"}});
    }
    metrics.AddCollector([&db](std::string& out) { AppendDatabaseMetrics(out, db); });
    http::Pipeline pipeline(router, catalog, metrics, config.max_body_bytes);

    http::ServerOptions options;
    options.host = listen.host;
    options.port = listen.port;
    options.io_threads = config.threads;
    options.worker_threads = config.workers;
    options.max_body_bytes = config.max_body_bytes;
    options.header_timeout = std::chrono::milliseconds(config.header_timeout_ms);
    options.body_timeout = std::chrono::milliseconds(config.body_timeout_ms);
    options.idle_timeout = std::chrono::milliseconds(config.idle_timeout_ms);
    options.shutdown_grace = std::chrono::milliseconds(config.shutdown_grace_ms);
    options.clock = &clock;
    http::Server server(options, pipeline, metrics);
    Result<std::string> address = server.Listen();
    if (!address) {
        return Report(catalog, address.error());
    }
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    log::Info("http.listening", {{"address", *address},
                                 {"io_threads", config.threads != 0 ? config.threads : cores},
                                 {"database", db.Describe()},
                                 {"schema_version", migrated.to_version},
                                 {"version", kVersion}});
    std::cout << catalog.Render(TerminalLang(),
                                Message{"app.serving",
                                        {{"version", kVersion}, {"address", *address}, {"database", db.Describe()}}})
              << std::endl;

    const bool graceful = server.Run();
    log::Flush();
    if (!graceful) {
        // A handler is still running after the grace period; do not wait for it.
        std::_Exit(1);
    }
    return 0;
}

int RunMigrate(const Config& config) {
    const Catalog catalog = BuildCatalog();
    const SystemClock clock;
    Result<OpenedDatabase> prepared = Prepare(config, clock);
    if (!prepared) {
        return Report(catalog, prepared.error());
    }
    const storage::MigrationReport& migrated = prepared->migration;
    const std::string database = prepared->db->Describe();
    const std::string version = std::to_string(migrated.to_version);
    const Message message =
        migrated.applied.empty()
            ? Message{"app.up_to_date", {{"database", database}, {"version", version}}}
            : Message{"app.migrated",
                      {{"database", database}, {"version", version}, {"applied", JoinVersions(migrated.applied)}}};
    std::cout << catalog.Render(TerminalLang(), message) << std::endl;
    return 0;
}

int RunVersion(std::ostream& out) {
    out << "aftercare " << kVersion << "\n"
        << "commit      " << kCommit << "\n"
        << "build       " << kBuildType << ", " << kCompiler << "\n"
        << "sqlite      " << storage::SqliteLibraryVersion() << "\n"
        << "libpq       " << storage::PostgresLibraryVersion() << "\n"
        << "boost       " << BOOST_VERSION / 100000 << "." << BOOST_VERSION / 100 % 1000 << "." << BOOST_VERSION % 100
        << "\n"
        << "schema      " << storage::LatestSchemaVersion(storage::Backend::kSqlite) << "\n";
    return 0;
}

}  // namespace ac::app

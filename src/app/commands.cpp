#include "app/commands.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <system_error>
#include <thread>

#include <boost/version.hpp>

#include "app/build_info.hpp"
#include "app/catalog.hpp"
#include "app/demo.hpp"
#include "app/generate.hpp"
#include "app/system_clock.hpp"
#include "app/test_routes.hpp"
#include "app/web_assets.hpp"
#include "app/workflow.hpp"
#include "auth/auth_service.hpp"
#include "auth/identity_service.hpp"
#include "auth/middleware.hpp"
#include "auth/permissions.hpp"
#include "auth/routes.hpp"
#include "auth/secrets.hpp"
#include "core/fiber.hpp"
#include "core/i18n.hpp"
#include "http/metrics.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_site.hpp"
#include "http/system_routes.hpp"
#include "kernel/audit.hpp"
#include "log/log.hpp"
#include "modules/catalog/api/catalog_routes.hpp"
#include "modules/contracts/api/contract_routes.hpp"
#include "modules/delivery/api/delivery_routes.hpp"
#include "modules/repair/api/repair_routes.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/postgres/postgres_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace ac::app {
namespace {

constexpr std::string_view kFirstAdminHint =
    "aftercare user add --username admin --role admin --password-stdin   (then type the password)";

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

// Prints `error` (and each field error) for the operator and logs it; returns exit code 1.
int Report(const Catalog& catalog, const Error& error) {
    log::Error("app.failed",
               {{"code", ErrorCodeName(error.code)}, {"key", error.message.key}, {"detail", error.detail}});
    const Lang lang = TerminalLang();
    std::cerr << "aftercare: "
              << catalog.Render(lang, error.message.key.empty()
                                          ? Message{"error." + std::string(ErrorCodeName(error.code)), {}}
                                          : error.message);
    if (!error.detail.empty()) {
        std::cerr << " (" << error.detail << ")";
    }
    std::cerr << std::endl;
    for (const FieldError& field : error.fields) {
        std::cerr << "  " << field.field << ": " << catalog.Render(lang, field.message) << std::endl;
    }
    return 1;
}

void Print(const Catalog& catalog, const Message& message, std::ostream& out = std::cout) {
    out << catalog.Render(TerminalLang(), message) << std::endl;
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

Result<std::unique_ptr<storage::Database>> OpenDatabase(const Config& config, bool bulk_load = false) {
    storage::OpenOptions options;
    options.url = config.DatabaseUrl();
    options.pool_size = config.db_pool_size;
    options.sqlite_synchronous = config.sqlite_synchronous;
    options.sqlite_bulk_load = bulk_load;
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
    http::AppendMetric(out, "aftercare_db_group_commits_total", "counter",
                       "SQLite: commits written to disk, each for a group of write transactions.",
                       static_cast<double>(stats.group_commits_total), "{" + backend + "}");
    http::AppendMetric(out, "aftercare_db_checkpoints_total", "counter",
                       "SQLite: WAL checkpoints, in the background or by the writer.",
                       static_cast<double>(stats.checkpoints_total), "{" + backend + "}");
    http::AppendMetric(out, "aftercare_db_writer_checkpoints_total", "counter",
                       "SQLite: WAL checkpoints by the writer, once the background left it little to copy.",
                       static_cast<double>(stats.writer_checkpoints_total), "{" + backend + "}");
    http::AppendMetric(out, "aftercare_db_wal_syncs_total", "counter",
                       "SQLite: syncs of the WAL that made group commits durable, off the writer.",
                       static_cast<double>(stats.wal_syncs_total), "{" + backend + "}");
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
Result<OpenedDatabase> Prepare(const Config& config, const Clock& clock, bool bulk_load = false) {
    AC_RETURN_IF_ERROR(InitLogging(config));
    auth::InitCrypto();
    AC_RETURN_IF_ERROR(EnsureDataDir(config));
    AC_ASSIGN_OR_RETURN(auto db, OpenDatabase(config, bulk_load));
    AC_ASSIGN_OR_RETURN(auto migration, storage::Migrate(*db, clock));
    return OpenedDatabase{std::move(db), std::move(migration)};
}

// Runs a shell command on the prepared database (see Prepare); a failure to prepare is reported and exits 1.
// `bulk_load`: opened for filling it (storage::OpenOptions::sqlite_bulk_load).
template <class Command>
int WithDatabase(const Config& config, Command command, bool bulk_load = false) {
    const Catalog catalog = BuildCatalog();
    const SystemClock clock;
    Result<OpenedDatabase> prepared = Prepare(config, clock, bulk_load);
    if (!prepared) {
        return Report(catalog, prepared.error());
    }
    return command(catalog, clock, *prepared);
}

// Runs a database's write transactions on a FiberPool for as long as it lives.
class WriteFibers {
  public:
    WriteFibers(storage::Database& db, std::size_t threads) : db_(db) {
        if (threads > 0) {
            pool_ = std::make_unique<fiber::FiberPool>(fiber::FiberPool::Options{.threads = threads});
            db_.SetWriteFibers(pool_.get());
        }
    }
    ~WriteFibers() {
        db_.SetWriteFibers(nullptr);
        pool_.reset();
    }
    WriteFibers(const WriteFibers&) = delete;
    WriteFibers& operator=(const WriteFibers&) = delete;

  private:
    storage::Database& db_;
    std::unique_ptr<fiber::FiberPool> pool_;
};

}  // namespace

int RunServe(const Config& config) {
    const Catalog catalog = BuildCatalog();
    const SystemClock system_clock;
    std::unique_ptr<FakeClock> fake_clock;
    if (config.fake_clock) {
        fake_clock = std::make_unique<FakeClock>(*ParseRfc3339(config.fake_clock_start));
    }
    const Clock& clock = fake_clock ? static_cast<const Clock&>(*fake_clock) : system_clock;
    Result<OpenedDatabase> prepared = Prepare(config, clock);
    if (!prepared) {
        return Report(catalog, prepared.error());
    }
    storage::Database& db = *prepared->db;
    const storage::MigrationReport& migrated = prepared->migration;
    // SQLite's writes run on fibers of their own thread (Database::SetWriteFibers), from here until every thread
    // that writes (the server's, the workflow's) has stopped: declared before them, this goes after them.
    const WriteFibers write_fibers(db, storage::IsPostgresUrl(config.db) ? 0 : config.write_fibers);

    auth::IdentityService identity(db, clock);
    auth::AuthOptions auth_options;
    auth_options.session_idle = std::chrono::minutes(config.session_idle_minutes);
    auth_options.max_failures_per_account = static_cast<int>(config.login_max_failures);
    auth_options.max_failures_per_address = static_cast<int>(config.login_max_failures_per_address);
    auth::AuthService auth_service(db, clock, auth_options);
    identity.OnChange([&auth_service] { auth_service.ForgetPrincipals(); });

    catalog::CatalogService catalog_service(db, clock);

    std::vector<DemoLogin> demo_logins;
    if (config.demo) {
        Result<std::vector<DemoLogin>> seeded = EnsureDemoData(identity, catalog_service);
        if (!seeded) {
            return Report(catalog, seeded.error());
        }
        demo_logins = std::move(*seeded);
    }
    Result<std::int64_t> admins = identity.CountActiveAdmins();
    if (!admins) {
        return Report(catalog, admins.error());
    }

    Workflow workflow(db, clock, catalog, config);
    if (Status started = workflow.Start(); !started) {
        return Report(catalog, started.error());
    }

    const ListenAddress listen = ParseListenAddress(config.listen).value_or(ListenAddress{"127.0.0.1", 8080});
    http::Router router;
    http::Metrics metrics;
    http::AddSystemRoutes(router, metrics,
                          {.ready_check = [&db] { return db.Ping(); }, .version = kVersion, .commit = kCommit});
    auth::AddAuthRoutes(router, auth_service, config.secure_cookies);
    auth::AddIdentityRoutes(router, identity);
    auth::AddApiTokenRoutes(router, auth_service);
    workflow.AddRoutes(router);
    catalog::AddCatalogRoutes(router, catalog_service);
    repair::RepairService repairs(workflow.kernel());
    repair::AddRepairRoutes(router, repairs, workflow.kernel(), catalog);
    contracts::ContractService contract_service(workflow.kernel());
    contracts::AddContractRoutes(router, contract_service, workflow.kernel(), catalog);
    if (!demo_logins.empty()) {
        if (Status seeded = EnsureDemoContracts(identity, contract_service, workflow.kernel()); !seeded) {
            return Report(catalog, seeded.error());
        }
    }
    delivery::DeliveryService deliveries(workflow.kernel());
    delivery::AddDeliveryRoutes(router, deliveries, workflow.kernel(), catalog);
    if (!demo_logins.empty()) {
        if (Status seeded = EnsureDemoRepairs(identity, repairs); !seeded) {
            return Report(catalog, seeded.error());
        }
    }
    if (config.enable_test_routes) {
        AddTestRoutes(router);
        AddTestTicketRoutes(router, workflow.kernel(), catalog);
        log::Warn("app.test_routes_enabled", {{"prefix", "/api/v1/test/"}});
    }
    if (fake_clock) {
        AddClockRoutes(router, *fake_clock, [&workflow] { workflow.ClockChanged(); });
        log::Warn("app.fake_clock", {{"now", FormatRfc3339(fake_clock->Now())}});
    }
    for (const auto& route : router.routes()) {
        if (!auth::IsKnownPermission(route->permission)) {
            throw std::logic_error("route " + route->pattern + " names an unknown permission " + route->permission);
        }
    }
    metrics.AddCollector([&db](std::string& out) { AppendDatabaseMetrics(out, db); });
    http::Pipeline pipeline(router, catalog, metrics, config.max_body_bytes);
    pipeline.Use(auth::AuthMiddleware(auth_service, config.secure_cookies));
    const http::StaticSite site = config.web_dir.empty() ? http::StaticSite::FromEmbedded(EmbeddedWebFiles())
                                                         : http::StaticSite::FromFolder(config.web_dir);
    if (!site.has_index()) {
        log::Warn("app.web_app_missing", {{"hint", "run scripts/build-web, then build again"}});
    }
    pipeline.SetFallback([&site](const http::Request& request) { return site.Serve(request); });

    http::ServerOptions options;
    options.host = listen.host;
    options.port = listen.port;
    options.io_threads = config.threads;
    options.worker_threads = config.workers;
    // An SQLite read is work for the cores, so a pool of about their number serves reads best; a PostgreSQL read
    // waits for the server's answer like a write does.
    options.read_threads = config.readers;
    if (config.readers == 0 && storage::IsPostgresUrl(config.db)) {
        options.read_threads = config.workers != 0 ? config.workers : http::DefaultWorkerThreads();
    }
    options.max_body_bytes = config.max_body_bytes;
    options.header_timeout = std::chrono::milliseconds(config.header_timeout_ms);
    options.body_timeout = std::chrono::milliseconds(config.body_timeout_ms);
    options.idle_timeout = std::chrono::milliseconds(config.idle_timeout_ms);
    options.shutdown_grace = std::chrono::milliseconds(config.shutdown_grace_ms);
    options.clock = &clock;
    options.websockets = &workflow.hub();
    http::Server server(options, pipeline, metrics);
    Result<std::string> address = server.Listen();
    if (!address) {
        return Report(catalog, address.error());
    }
    // What the operator reads first, then the log line that tells scripts (and the tests) the server is up.
    Print(catalog, Message{"app.serving", {{"version", kVersion}, {"address", *address}, {"database", db.Describe()}}});
    if (!demo_logins.empty()) {
        PrintDemoLogins(demo_logins, TerminalLang(), std::cout);
    } else if (*admins == 0) {
        // A fresh installation has no password anywhere: say how to make the first administrator.
        log::Warn("auth.no_admin", {{"hint", kFirstAdminHint}});
        Print(catalog, Message{"app.no_admin", {{"command", std::string(kFirstAdminHint)}}});
    }
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    log::Info("http.listening", {{"address", *address},
                                 {"io_threads", config.threads != 0 ? config.threads : cores},
                                 {"database", db.Describe()},
                                 {"schema_version", migrated.to_version},
                                 {"version", kVersion}});

    const bool graceful = server.Run();
    workflow.Stop();
    log::Flush();
    if (!graceful) {
        // A handler is still running after the grace period; do not wait for it.
        std::_Exit(1);
    }
    return 0;
}

int RunMigrate(const Config& config) {
    return WithDatabase(config, [&](const Catalog& catalog, const Clock&, OpenedDatabase& prepared) {
        const storage::MigrationReport& migrated = prepared.migration;
        const std::string database = prepared.db->Describe();
        const std::string version = std::to_string(migrated.to_version);
        const Message message =
            migrated.applied.empty()
                ? Message{"app.up_to_date", {{"database", database}, {"version", version}}}
                : Message{"app.migrated",
                          {{"database", database}, {"version", version}, {"applied", JoinVersions(migrated.applied)}}};
        std::cout << catalog.Render(TerminalLang(), message) << std::endl;
        return 0;
    });
}

int RunUserAdd(const Config& config, const UserAddOptions& options) {
    return WithDatabase(config, [&](const Catalog& catalog, const Clock& clock, OpenedDatabase& prepared) {
        auth::IdentityService identity(*prepared.db, clock);
        auth::StaffInput input;
        input.username = options.username;
        input.name = options.name;
        input.phone = options.phone;
        input.employee_no = options.employee_no;
        input.roles = options.roles;
        if (!options.store_code.empty()) {
            Result<auth::Store> store = identity.FindStoreByCode(auth::SystemPrincipal(), options.store_code);
            if (!store) {
                return Report(catalog, store.error());
            }
            input.store_id = store->id;
        }
        if (options.password_stdin) {
            std::getline(std::cin, input.password);
            if (!input.password.empty() && input.password.back() == '\r') {
                input.password.pop_back();
            }
            if (input.password.empty()) {
                return Report(catalog, Error::Validation({FieldError{"password", Message{"field.blank", {}}}}));
            }
        }
        Result<auth::Staff> staff = identity.CreateStaff(auth::SystemPrincipal(), input);
        if (!staff) {
            return Report(catalog, staff.error());
        }
        Print(catalog,
              Message{"app.user_added", {{"username", staff->username}, {"id", std::to_string(staff->id.value())}}});
        return 0;
    });
}

int RunTokenCreate(const Config& config, const TokenOptions& options) {
    return WithDatabase(config, [&](const Catalog& catalog, const Clock& clock, OpenedDatabase& prepared) {
        auth::AuthService auth_service(*prepared.db, clock, auth::AuthOptions{});
        Result<auth::NewApiToken> created =
            auth_service.CreateApiTokenFor(auth::SystemPrincipal(), options.username, options.name);
        if (!created) {
            return Report(catalog, created.error());
        }
        // The token alone on standard output, so that a script can capture it; the explanation on standard error.
        std::cout << created->token << std::endl;
        Print(catalog,
              Message{"app.token_created", {{"id", std::to_string(created->row.id)}, {"username", options.username}}},
              std::cerr);
        return 0;
    });
}

int RunTokenRevoke(const Config& config, const TokenOptions& options) {
    return WithDatabase(config, [&](const Catalog& catalog, const Clock& clock, OpenedDatabase& prepared) {
        auth::AuthService auth_service(*prepared.db, clock, auth::AuthOptions{});
        if (Status revoked = auth_service.RevokeApiToken(auth::SystemPrincipal(), options.id); !revoked) {
            return Report(catalog, revoked.error());
        }
        Print(catalog, Message{"app.token_revoked", {{"id", std::to_string(options.id)}}});
        return 0;
    });
}

int RunAuditVerify(const Config& config) {
    return WithDatabase(config, [&](const Catalog& catalog, const Clock&, OpenedDatabase& prepared) {
        Result<kernel::VerifyReport> report = kernel::VerifyAuditTrail(*prepared.db);
        if (!report) {
            return Report(catalog, report.error());
        }
        if (report->broken_document) {
            log::Error("audit.broken", {{"document", report->broken_document->value()},
                                        {"seq", report->broken_seq},
                                        {"problem", report->problem}});
            Print(catalog,
                  Message{"audit.broken",
                          {{"document", std::to_string(report->broken_document->value())},
                           {"seq", std::to_string(report->broken_seq)},
                           {"problem", report->problem}}},
                  std::cerr);
            return 1;
        }
        Print(catalog,
              Message{"audit.intact",
                      {{"documents", std::to_string(report->documents)}, {"events", std::to_string(report->events)}}});
        return 0;
    });
}

namespace {

std::string FixedPoint(double value, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

}  // namespace

int RunGenerate(const Config& config, const GenerateArgs& args) {
    return WithDatabase(
        config,
        [&](const Catalog& catalog, const Clock& clock, OpenedDatabase& prepared) {
            Result<GenerateReport> report =
                Generate(*prepared.db, clock, GenerateOptions{.scale = args.scale, .seed = args.seed});
            if (!report) {
                return Report(catalog, report.error());
            }
            for (const auto& [table, rows] : report->rows) {
                std::cout << table << ": " << rows << "\n";
            }
            const double rate = report->seconds > 0 ? static_cast<double>(report->total_rows) / report->seconds : 0;
            Print(catalog, Message{"generate.done",
                                   {{"rows", std::to_string(report->total_rows)},
                                    {"seconds", FixedPoint(report->seconds, 1)},
                                    {"rate", std::to_string(static_cast<std::int64_t>(rate))}}});
            Print(catalog, Message{"generate.phases",
                                   {{"load", FixedPoint(report->seconds - report->index_seconds, 1)},
                                    {"indexes", FixedPoint(report->index_seconds, 1)}}});
            return 0;
        },
        /*bulk_load=*/true);
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

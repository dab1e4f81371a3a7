#include "app/config.hpp"

#include <algorithm>
#include <charconv>
#include <ostream>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/clock.hpp"

namespace ac::app {
namespace {

void AddStorageOptions(CLI::App& command, Config& config) {
    command.add_option("--data-dir", config.data_dir, "Folder for the data (created if missing)")
        ->envname("AFTERCARE_DATA_DIR")
        ->capture_default_str();
    command.add_option("--db", config.db, "SQLite file path or postgresql:// URL (default: <data-dir>/aftercare.db)")
        ->envname("AFTERCARE_DB");
    command.add_option("--db-pool-size", config.db_pool_size, "Database connections (SQLite: reader connections)")
        ->envname("AFTERCARE_DB_POOL_SIZE")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    command
        .add_option("--sqlite-synchronous", config.sqlite_synchronous,
                    "SQLite durability: FULL (a commit survives power loss) or NORMAL")
        ->envname("AFTERCARE_SQLITE_SYNCHRONOUS")
        ->check(CLI::IsMember({"FULL", "NORMAL"}))
        ->capture_default_str();
}

void AddLogOptions(CLI::App& command, Config& config) {
    command.add_option("--log-level", config.log_level, "trace, debug, info, warn, error or off")
        ->envname("AFTERCARE_LOG_LEVEL")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    command.add_option("--log-file", config.log_file, "Append logs to this file instead of standard error")
        ->envname("AFTERCARE_LOG_FILE");
}

void AddConfigFile(CLI::App& command, std::string& path) {
    command.add_option(
        "--config", path,
        "Read options from this TOML file: keys are the long option names, e.g. listen = \"0.0.0.0:80\"");
}

// The value of "--config FILE" or "--config=FILE" in `args`, if any.
std::optional<std::string> FindConfigPath(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--config" && i + 1 < args.size()) {
            return args[i + 1];
        }
        if (args[i].starts_with("--config=")) {
            return args[i].substr(9);
        }
    }
    return std::nullopt;
}

// Turns the config file into "--key=value" arguments for `command`, to be placed before the user's own arguments:
// the user's flags then win, and environment variables only fill what neither set. A key that no command of
// `all_commands` knows is an error; a key only another command knows (serve's `listen` read by migrate) is skipped.
std::vector<std::string> ConfigFileArguments(const std::string& path, const CLI::App& command,
                                             const std::vector<const CLI::App*>& all_commands) {
    std::vector<std::string> injected;
    for (const CLI::ConfigItem& item : CLI::ConfigTOML().from_file(path)) {
        if (!item.parents.empty()) {
            throw CLI::ConversionError("config file " + path + ": sections are not used; write " + item.name +
                                       " at the top level");
        }
        if (item.name == "config") {
            continue;
        }
        const std::string option = "--" + item.name;
        if (command.get_option_no_throw(option) == nullptr) {
            const bool known = std::any_of(all_commands.begin(), all_commands.end(), [&](const CLI::App* other) {
                return other->get_option_no_throw(option) != nullptr;
            });
            if (!known) {
                throw CLI::ConversionError("config file " + path + ": unknown key " + item.name);
            }
            continue;
        }
        for (const std::string& input : item.inputs) {
            injected.push_back(option + "=" + input);
        }
    }
    return injected;
}

}  // namespace

std::string Config::DatabaseUrl() const {
    if (!db.empty()) {
        return db;
    }
    std::string dir = data_dir.empty() ? std::string(".") : data_dir;
    if (dir.back() != '/') {
        dir += '/';
    }
    return dir + "aftercare.db";
}

std::optional<ListenAddress> ParseListenAddress(std::string_view text) {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view host = text.substr(0, colon);
    const std::string_view port_text = text.substr(colon + 1);
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
        return std::nullopt;
    }
    if (host.starts_with('[')) {
        if (!host.ends_with(']') || host.size() < 3) {
            return std::nullopt;
        }
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string_view::npos) {
        return std::nullopt;  // an IPv6 address must be bracketed
    }
    ListenAddress address;
    address.host = host.empty() ? "0.0.0.0" : std::string(host);
    address.port = static_cast<std::uint16_t>(port);
    return address;
}

std::variant<Invocation, int> ParseCommandLine(int argc, const char* const* argv, std::ostream& out,
                                               std::ostream& err) {
    Invocation invocation;
    // Each command binds its options to its own Config: CLI11 applies environment variables to the options of
    // every command, also those not invoked, and a shared Config would let those overwrite the invoked one's.
    Config serve_config;
    Config migrate_config;
    Config user_add_config;
    Config token_create_config;
    Config token_revoke_config;

    CLI::App app("aftercare: after-sales service management for stores that deliver, install and repair", "aftercare");
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "Help for every command");

    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    std::string config_path;

    CLI::App* serve = app.add_subcommand("serve", "Run the web server (migrates the database first)");
    AddConfigFile(*serve, config_path);
    AddStorageOptions(*serve, serve_config);
    AddLogOptions(*serve, serve_config);
    serve->add_option("--listen", serve_config.listen, "host:port to listen on; port 0 picks a free port")
        ->envname("AFTERCARE_LISTEN")
        ->check([](const std::string& value) {
            return ParseListenAddress(value) ? std::string() : "expected host:port, e.g. 127.0.0.1:8080";
        })
        ->capture_default_str();
    serve->add_option("--threads", serve_config.threads, "I/O threads (0: one per core)")
        ->envname("AFTERCARE_THREADS")
        ->check(CLI::Range(0, 256))
        ->capture_default_str();
    serve
        ->add_option("--workers", serve_config.workers, "Threads for requests that wait on the database (0: automatic)")
        ->envname("AFTERCARE_WORKERS")
        ->check(CLI::Range(0, 1024))
        ->capture_default_str();
    serve
        ->add_option("--readers", serve_config.readers,
                     "Threads for reading requests (0: two per core on SQLite, as many as --workers on PostgreSQL)")
        ->envname("AFTERCARE_READERS")
        ->check(CLI::Range(0, 1024))
        ->capture_default_str();
    serve
        ->add_option("--write-fibers", serve_config.write_fibers,
                     "SQLite: threads whose fibers run the write transactions (0: each on the thread that asks)")
        ->envname("AFTERCARE_WRITE_FIBERS")
        ->check(CLI::Range(0, 64))
        ->capture_default_str();
    serve->add_option("--max-body-bytes", serve_config.max_body_bytes, "Largest request body accepted by default")
        ->envname("AFTERCARE_MAX_BODY_BYTES")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30))
        ->capture_default_str();
    serve->add_option("--header-timeout-ms", serve_config.header_timeout_ms, "Time allowed to send a request's headers")
        ->envname("AFTERCARE_HEADER_TIMEOUT_MS")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{3'600'000}))
        ->capture_default_str();
    serve->add_option("--body-timeout-ms", serve_config.body_timeout_ms, "Time allowed to send a request's body")
        ->envname("AFTERCARE_BODY_TIMEOUT_MS")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{3'600'000}))
        ->capture_default_str();
    serve
        ->add_option("--idle-timeout-ms", serve_config.idle_timeout_ms,
                     "How long an idle kept-alive connection stays open")
        ->envname("AFTERCARE_IDLE_TIMEOUT_MS")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{3'600'000}))
        ->capture_default_str();
    serve
        ->add_option("--shutdown-grace-ms", serve_config.shutdown_grace_ms,
                     "On SIGTERM, how long requests in flight may still take")
        ->envname("AFTERCARE_SHUTDOWN_GRACE_MS")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{3'600'000}))
        ->capture_default_str();
    serve->add_flag("--enable-test-routes", serve_config.enable_test_routes,
                    "Serve /api/v1/test/* (echo, panic, sleep) for the test suite; never in production");
    serve
        ->add_option("--web-dir", serve_config.web_dir,
                     "Serve the web app from this folder (e.g. web/dist while developing) instead of the copy built "
                     "into the binary")
        ->envname("AFTERCARE_WEB_DIR")
        ->check(CLI::ExistingDirectory);
    serve
        ->add_flag("--demo", serve_config.demo,
                   "On an empty database, create a demo store chain and one user per role, and print their logins")
        ->envname("AFTERCARE_DEMO");
    serve
        ->add_flag("--secure-cookies", serve_config.secure_cookies,
                   "Mark the session cookie Secure (automatic behind a proxy that sends X-Forwarded-Proto: https)")
        ->envname("AFTERCARE_SECURE_COOKIES");
    serve
        ->add_option("--session-idle-minutes", serve_config.session_idle_minutes, "A session unused for this long ends")
        ->envname("AFTERCARE_SESSION_IDLE_MINUTES")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{60 * 24 * 30}))
        ->capture_default_str();
    serve
        ->add_option("--login-max-failures", serve_config.login_max_failures,
                     "Failed sign-ins per account within 15 minutes before it is locked for the rest of them")
        ->envname("AFTERCARE_LOGIN_MAX_FAILURES")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000}))
        ->capture_default_str();
    serve
        ->add_option("--login-max-failures-per-address", serve_config.login_max_failures_per_address,
                     "Failed sign-ins from one client address within 15 minutes")
        ->envname("AFTERCARE_LOGIN_MAX_FAILURES_PER_ADDRESS")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{100000}))
        ->capture_default_str();
    serve
        ->add_option("--webhook-max-attempts", serve_config.webhook_max_attempts,
                     "Attempts to deliver one event to one webhook subscriber (backoff 10 s, doubling, at most 1 h)")
        ->envname("AFTERCARE_WEBHOOK_MAX_ATTEMPTS")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{50}))
        ->capture_default_str();
    serve
        ->add_option("--sla-batch", serve_config.sla_batch,
                     "SLA timers handled in one transaction (several servers share the due ones batch by batch)")
        ->envname("AFTERCARE_SLA_BATCH")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{10000}))
        ->capture_default_str();
    serve->add_flag("--fake-clock", serve_config.fake_clock,
                    "Tests only: time stands at --fake-clock-start until POST /api/v1/test/clock moves it");
    serve->add_option("--fake-clock-start", serve_config.fake_clock_start, "Tests only: where the fake clock starts")
        ->check([](const std::string& value) {
            return ParseRfc3339(value) ? std::string()
                                       : "expected a time with an offset, e.g. 2026-01-05T09:00:00+08:00";
        })
        ->capture_default_str();

    CLI::App* migrate = app.add_subcommand("migrate", "Bring the database schema up to date and exit");
    AddConfigFile(*migrate, config_path);
    AddStorageOptions(*migrate, migrate_config);
    AddLogOptions(*migrate, migrate_config);

    CLI::App* version = app.add_subcommand("version", "Print the version and the libraries built in");

    CLI::App* user = app.add_subcommand("user", "Manage staff accounts from the shell (safe while a server runs)");
    user->require_subcommand(1);
    CLI::App* user_add = user->add_subcommand("add", "Add a staff member who can sign in");
    AddConfigFile(*user_add, config_path);
    AddStorageOptions(*user_add, user_add_config);
    AddLogOptions(*user_add, user_add_config);
    UserAddOptions& add = invocation.user_add;
    user_add->add_option("--username", add.username, "Sign-in name (lowercase letters, digits, . _ -)")->required();
    user_add->add_option("--name", add.name, "Full name (default: the username)");
    user_add->add_option("--role", add.roles, "A role code (repeat for several), e.g. admin, aftersales_agent")
        ->required()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    user_add->add_option("--store", add.store_code, "Code of the store they belong to (default: head office)");
    user_add->add_option("--phone", add.phone, "Mobile number (may also be used to sign in)");
    user_add->add_option("--employee-no", add.employee_no, "Employee number");
    user_add->add_flag("--password-stdin", add.password_stdin,
                       "Read the password from the first line of standard input");

    CLI::App* token = app.add_subcommand("token", "Manage API tokens from the shell (safe while a server runs)");
    token->require_subcommand(1);
    CLI::App* token_create = token->add_subcommand("create", "Issue an API token; prints it once on standard output");
    AddConfigFile(*token_create, config_path);
    AddStorageOptions(*token_create, token_create_config);
    AddLogOptions(*token_create, token_create_config);
    token_create->add_option("--user", invocation.token.username, "Username the token acts as")->required();
    token_create->add_option("--name", invocation.token.name, "What the token is for")->capture_default_str();
    CLI::App* token_revoke = token->add_subcommand("revoke", "Revoke an API token by its id");
    AddConfigFile(*token_revoke, config_path);
    AddStorageOptions(*token_revoke, token_revoke_config);
    AddLogOptions(*token_revoke, token_revoke_config);
    token_revoke->add_option("--id", invocation.token.id, "The token's id")->required()->check(CLI::PositiveNumber);

    Config audit_verify_config;
    CLI::App* audit = app.add_subcommand("audit", "Check the audit trail");
    audit->require_subcommand(1);
    CLI::App* audit_verify =
        audit->add_subcommand("verify", "Walk every document's hash chain; exit 1 at the first broken link");
    AddConfigFile(*audit_verify, config_path);
    AddStorageOptions(*audit_verify, audit_verify_config);
    AddLogOptions(*audit_verify, audit_verify_config);

    Config generate_config;
    CLI::App* generate = app.add_subcommand(
        "generate", "Fill an empty database with a store chain's years of records, for benchmarks and trials");
    AddConfigFile(*generate, config_path);
    AddStorageOptions(*generate, generate_config);
    AddLogOptions(*generate, generate_config);
    generate
        ->add_option("--scale", invocation.generate.scale,
                     "1.0 is 20 stores after ten years: 500,000 customers, 600,000 contracts, 1,000,000 repairs")
        ->check(CLI::Range(0.0001, 10.0));
    generate->add_option("--seed", invocation.generate.seed, "The same seed gives the same data");

    // The commands that read options, by the words that name them.
    const std::vector<std::pair<std::vector<std::string>, CLI::App*>> leaves = {
        {{"serve"}, serve},
        {{"migrate"}, migrate},
        {{"user", "add"}, user_add},
        {{"token", "create"}, token_create},
        {{"token", "revoke"}, token_revoke},
        {{"audit", "verify"}, audit_verify},
        {{"generate"}, generate},
    };

    // Arguments as given, with the config file's values inserted right after the command's words.
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        const std::optional<std::string> file = FindConfigPath(args);
        std::size_t words = 0;
        while (words < args.size() && !args[words].empty() && args[words].front() != '-') {
            ++words;
        }
        const std::vector<std::string> command_words(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(words));
        std::vector<const CLI::App*> all_commands;
        for (const auto& leaf : leaves) {
            all_commands.push_back(leaf.second);
        }
        for (const auto& [path, command] : leaves) {
            if (file && path == command_words) {
                const std::vector<std::string> injected = ConfigFileArguments(*file, *command, all_commands);
                args.insert(args.begin() + static_cast<std::ptrdiff_t>(words), injected.begin(), injected.end());
            }
        }
        // CLI11 takes the arguments reversed, last first.
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e, out, err);
        return code == 0 ? 0 : 2;
    }
    if (serve->parsed()) {
        invocation.command = Command::kServe;
        invocation.config = serve_config;
    } else if (migrate->parsed()) {
        invocation.command = Command::kMigrate;
        invocation.config = migrate_config;
    } else if (version->parsed()) {
        invocation.command = Command::kVersion;
    } else if (user_add->parsed()) {
        invocation.command = Command::kUserAdd;
        invocation.config = user_add_config;
        if (invocation.user_add.name.empty()) {
            invocation.user_add.name = invocation.user_add.username;
        }
    } else if (token_create->parsed()) {
        invocation.command = Command::kTokenCreate;
        invocation.config = token_create_config;
    } else if (token_revoke->parsed()) {
        invocation.command = Command::kTokenRevoke;
        invocation.config = token_revoke_config;
    } else if (audit_verify->parsed()) {
        invocation.command = Command::kAuditVerify;
        invocation.config = audit_verify_config;
    } else if (generate->parsed()) {
        invocation.command = Command::kGenerate;
        invocation.config = generate_config;
    }
    return invocation;
}

}  // namespace ac::app

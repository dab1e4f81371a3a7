#include "app/config.hpp"

#include <algorithm>
#include <charconv>
#include <ostream>
#include <vector>

#include <CLI/CLI.hpp>

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
// the user's flags then win, and environment variables only fill what neither set. A key that no command knows
// is an error; a key that only another command knows (serve's `listen` read by migrate) is skipped.
std::vector<std::string> ConfigFileArguments(const std::string& path, const CLI::App& command, const CLI::App& widest) {
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
            if (widest.get_option_no_throw(option) == nullptr) {
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

    CLI::App* migrate = app.add_subcommand("migrate", "Bring the database schema up to date and exit");
    AddConfigFile(*migrate, config_path);
    AddStorageOptions(*migrate, migrate_config);
    AddLogOptions(*migrate, migrate_config);

    CLI::App* version = app.add_subcommand("version", "Print the version and the libraries built in");

    // Arguments as given, with the config file's values inserted right after the command name.
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        const std::optional<std::string> file = FindConfigPath(args);
        const auto command_at =
            std::find_if(args.begin(), args.end(), [](const std::string& a) { return !a.empty() && a.front() != '-'; });
        if (file && command_at != args.end()) {
            const CLI::App* command = *command_at == "serve" ? serve : *command_at == "migrate" ? migrate : nullptr;
            if (command != nullptr) {
                const std::vector<std::string> injected = ConfigFileArguments(*file, *command, *serve);
                args.insert(command_at + 1, injected.begin(), injected.end());
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
    }
    return invocation;
}

}  // namespace ac::app

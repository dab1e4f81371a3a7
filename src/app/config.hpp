// Everything the binary can be told, with its defaults, and how the command line, AFTERCARE_* environment
// variables and an optional config file become one Config.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ac::app {

struct Config {
    // Storage
    std::string data_dir = "data";  // created on start; holds the SQLite database by default
    std::string db;                 // an SQLite path or a postgresql:// URL; empty: <data_dir>/aftercare.db
    std::size_t db_pool_size = 8;
    std::string sqlite_synchronous = "FULL";
    // Logging
    std::string log_level = "info";
    std::string log_file;  // empty: standard error
    // HTTP
    std::string listen = "127.0.0.1:8080";
    std::size_t threads = 0;       // I/O threads; 0: one per core
    std::size_t workers = 0;       // threads for blocking handlers; 0: sixteen per core, at least 64
    std::size_t write_fibers = 1;  // SQLite: threads whose fibers run write transactions; 0: the callers' threads
    std::size_t readers = 0;  // threads for blocking GET and HEAD handlers; 0: two per core on SQLite, else `workers`
    std::size_t max_body_bytes = 1024 * 1024;
    std::int64_t header_timeout_ms = 10'000;
    std::int64_t body_timeout_ms = 30'000;
    std::int64_t idle_timeout_ms = 60'000;
    std::int64_t shutdown_grace_ms = 10'000;
    bool enable_test_routes = false;  // /api/v1/test/*: only for the test suite
    // Identity and access
    std::string web_dir;          // serve the web app from this folder instead of the embedded copy (development)
    bool demo = false;            // on an empty database, create a demo store chain and one user per role
    bool secure_cookies = false;  // mark the session cookie Secure even without X-Forwarded-Proto: https
    std::int64_t session_idle_minutes = 720;
    std::int64_t login_max_failures = 5;               // per account within 15 minutes
    std::int64_t login_max_failures_per_address = 20;  // per client address within 15 minutes
    // Workflow
    std::int64_t webhook_max_attempts = 8;  // deliveries of one event to one subscriber before giving up
    std::int64_t sla_batch = 64;            // SLA timers the scheduler handles in one transaction
    // Tests
    bool fake_clock = false;  // time stands still until POST /api/v1/test/clock moves it
    std::string fake_clock_start = "2026-01-05T09:00:00+08:00";

    // The database URL in force: `db`, or the SQLite file in `data_dir`.
    [[nodiscard]] std::string DatabaseUrl() const;
};

enum class Command : std::uint8_t {
    kServe,
    kMigrate,
    kVersion,
    kUserAdd,
    kTokenCreate,
    kTokenRevoke,
    kAuditVerify,
    kGenerate
};

// `aftercare user add`.
struct UserAddOptions {
    std::string username;
    std::string name;  // default: the username
    std::vector<std::string> roles;
    std::string store_code;  // empty: head office
    std::string phone;
    std::string employee_no;
    bool password_stdin = false;  // read the password from the first line of standard input
};

// `aftercare token create` / `token revoke`.
struct TokenOptions {
    std::string username;
    std::string name = "cli";
    std::int64_t id = 0;
};

// `aftercare generate`.
struct GenerateArgs {
    double scale = 0.01;
    std::uint64_t seed = 1;
};

struct Invocation {
    Command command = Command::kServe;
    Config config;
    UserAddOptions user_add;
    TokenOptions token;
    GenerateArgs generate;
};

// Reads the command line; options not given there come from the config file (--config FILE, TOML with the long
// option names as keys), then from AFTERCARE_* environment variables, then from the defaults above. On --help the help
// goes to `out` and the result is exit code 0; on a usage error the message goes to `err` and the result is exit
// code 2.
[[nodiscard]] std::variant<Invocation, int> ParseCommandLine(int argc, const char* const* argv, std::ostream& out,
                                                             std::ostream& err);

struct ListenAddress {
    std::string host;
    std::uint16_t port = 0;
};

// "127.0.0.1:8080", "[::1]:0", "localhost:8080", ":8080" (all interfaces). nullopt when malformed.
[[nodiscard]] std::optional<ListenAddress> ParseListenAddress(std::string_view text);

}  // namespace ac::app

// The real aftercare binary, run by API tests as users run it: `aftercare serve --listen 127.0.0.1:0`.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "support/test_database.hpp"
#include <sys/types.h>

namespace ac::testing {

using Env = std::vector<std::pair<std::string, std::string>>;

// The path of the binary under test (the build's own aftercare).
[[nodiscard]] std::string AftercareBinary();

struct RunResult {
    int exit_code = -1;  // 128 + signal number when killed by a signal
    std::string out;
    std::string err;
};

// Runs the binary with `args` (no shell), `env` added to the environment and `input` on its standard input;
// kills it after `timeout`.
[[nodiscard]] RunResult RunAftercare(const std::vector<std::string>& args, const Env& env = {},
                                     std::chrono::seconds timeout = std::chrono::seconds(60),
                                     const std::string& input = "");

struct ServerConfig {
    std::string db_url;                   // empty: the SQLite file in the data folder
    std::vector<std::string> extra_args;  // appended to the command line
    Env env;
    bool test_routes = true;                        // --enable-test-routes
    std::optional<std::filesystem::path> data_dir;  // default: a fresh temporary folder
};

// A running `aftercare serve`. The constructor waits until the server logs the address it listens on and throws
// std::runtime_error (with the server's log) when it exits or does not get there within 30 s. The destructor
// kills a server that is still running.
class ServerProcess {
  public:
    explicit ServerProcess(ServerConfig config = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    [[nodiscard]] std::uint16_t port() const { return port_; }
    [[nodiscard]] pid_t pid() const { return pid_; }
    [[nodiscard]] const std::filesystem::path& data_dir() const { return data_dir_; }

    // Everything the server wrote to standard error (its log) and standard output so far.
    [[nodiscard]] std::string Log() const;
    [[nodiscard]] std::string Stdout() const;

    void Signal(int signal_number);
    // The exit code once the process ended (128 + signal when a signal killed it); nullopt after `timeout`.
    std::optional<int> WaitExit(std::chrono::milliseconds timeout);
    std::optional<int> Terminate(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    [[nodiscard]] bool running();

  private:
    std::unique_ptr<TempDir> own_dir_;
    std::filesystem::path data_dir_;
    pid_t pid_ = -1;
    std::optional<int> exit_code_;
    std::uint16_t port_ = 0;
};

}  // namespace ac::testing

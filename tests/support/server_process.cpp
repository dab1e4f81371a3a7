#include "support/server_process.hpp"

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ac::testing {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int DecodeStatus(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

// Forks and execs the binary with stdout and stderr sent to the given files.
pid_t Spawn(const std::vector<std::string>& args, const Env& env, const std::filesystem::path& out_path,
            const std::filesystem::path& err_path, const std::filesystem::path& in_path = "/dev/null") {
    std::vector<std::string> argv_storage;
    argv_storage.push_back(AftercareBinary());
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        // The server dies with the test process, even when that is killed.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        const int in = ::open(in_path.c_str(), O_RDONLY);
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(in, STDIN_FILENO);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
        for (const auto& [name, value] : env) {
            ::setenv(name.c_str(), value.c_str(), 1);
        }
        std::vector<char*> argv;
        for (std::string& arg : argv_storage) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

}  // namespace

std::string AftercareBinary() {
    return AC_BINARY_PATH;
}

RunResult RunAftercare(const std::vector<std::string>& args, const Env& env, std::chrono::seconds timeout,
                       const std::string& input) {
    TempDir dir;
    const auto out_path = dir.path() / "out";
    const auto err_path = dir.path() / "err";
    const auto in_path = dir.path() / "in";
    std::ofstream(in_path, std::ios::binary) << input;
    const pid_t pid = Spawn(args, env, out_path, err_path, in_path);
    RunResult result;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    result.exit_code = DecodeStatus(status);
    result.out = ReadFile(out_path);
    result.err = ReadFile(err_path);
    return result;
}

ServerProcess::ServerProcess(ServerConfig config) {
    if (config.data_dir) {
        data_dir_ = *config.data_dir;
    } else {
        own_dir_ = std::make_unique<TempDir>();
        data_dir_ = own_dir_->path() / "data";
    }
    std::vector<std::string> args = {"serve",       "--listen", "127.0.0.1:0", "--data-dir", data_dir_.string(),
                                     "--log-level", "debug"};
    if (!config.db_url.empty()) {
        args.emplace_back("--db");
        args.push_back(config.db_url);
    }
    if (config.test_routes) {
        args.emplace_back("--enable-test-routes");
    }
    args.insert(args.end(), config.extra_args.begin(), config.extra_args.end());
    // Logs live beside (not inside) the data folder so that a test can also start on a folder that must not exist.
    const std::filesystem::path log_dir = data_dir_.parent_path();
    std::filesystem::create_directories(log_dir);
    // A previous server's log must not be mistaken for this one's (its "listening" line names another port).
    std::filesystem::remove(log_dir / "server.log");
    std::filesystem::remove(log_dir / "server.out");
    pid_ = Spawn(args, config.env, log_dir / "server.out", log_dir / "server.log");

    const std::regex listening(R"re("event":"http.listening","address":"[^"]*:(\d+)")re");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        std::smatch match;
        const std::string log = Log();
        if (std::regex_search(log, match, listening)) {
            port_ = static_cast<std::uint16_t>(std::stoi(match[1].str()));
            return;
        }
        if (!running()) {
            throw std::runtime_error("aftercare serve exited with " + std::to_string(exit_code_.value_or(-1)) +
                                     " before listening:\n" + log + Stdout());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    throw std::runtime_error("aftercare serve did not start listening within 30 s:\n" + Log());
}

ServerProcess::~ServerProcess() {
    if (running()) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
}

std::string ServerProcess::Log() const {
    return ReadFile(data_dir_.parent_path() / "server.log");
}

std::string ServerProcess::Stdout() const {
    return ReadFile(data_dir_.parent_path() / "server.out");
}

void ServerProcess::Signal(int signal_number) {
    ::kill(pid_, signal_number);
}

bool ServerProcess::running() {
    if (exit_code_) {
        return false;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = DecodeStatus(status);
        return false;
    }
    return true;
}

std::optional<int> ServerProcess::WaitExit(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return exit_code_;
}

std::optional<int> ServerProcess::Terminate(std::chrono::milliseconds timeout) {
    Signal(SIGTERM);
    return WaitExit(timeout);
}

}  // namespace ac::testing

#include "app/config.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

#include "support/test_database.hpp"

namespace ac::app {
namespace {

// Parses a command line; `env` is set for the duration of the call.
std::variant<Invocation, int> Parse(std::vector<std::string> args,
                                    std::vector<std::pair<std::string, std::string>> env = {},
                                    std::string* out_text = nullptr, std::string* err_text = nullptr) {
    for (const auto& [name, value] : env) {
        ::setenv(name.c_str(), value.c_str(), 1);
    }
    args.insert(args.begin(), "aftercare");
    std::vector<const char*> argv;
    for (const std::string& arg : args) {
        argv.push_back(arg.c_str());
    }
    std::ostringstream out;
    std::ostringstream err;
    auto result = ParseCommandLine(static_cast<int>(argv.size()), argv.data(), out, err);
    for (const auto& [name, value] : env) {
        ::unsetenv(name.c_str());
    }
    if (out_text != nullptr) {
        *out_text = out.str();
    }
    if (err_text != nullptr) {
        *err_text = err.str();
    }
    return result;
}

Config ServeConfig(std::vector<std::string> args, std::vector<std::pair<std::string, std::string>> env = {}) {
    auto result = Parse(std::move(args), std::move(env));
    EXPECT_TRUE(std::holds_alternative<Invocation>(result));
    return std::get<Invocation>(result).config;
}

TEST(Config, DefaultsNeedNoConfiguration) {
    const Config config = ServeConfig({"serve"});
    EXPECT_EQ(config.listen, "127.0.0.1:8080");
    EXPECT_EQ(config.data_dir, "data");
    EXPECT_EQ(config.DatabaseUrl(), "data/aftercare.db");
    EXPECT_EQ(config.log_level, "info");
    EXPECT_EQ(config.sqlite_synchronous, "FULL");
    EXPECT_EQ(config.threads, 0u);
    EXPECT_FALSE(config.enable_test_routes);
}

TEST(Config, FlagsSetOptions) {
    const Config config =
        ServeConfig({"serve", "--listen", "0.0.0.0:9000", "--data-dir", "/srv/ac/", "--db", "postgresql://u@h/db",
                     "--log-level", "debug", "--threads", "3", "--max-body-bytes", "2048", "--enable-test-routes"});
    EXPECT_EQ(config.listen, "0.0.0.0:9000");
    EXPECT_EQ(config.DatabaseUrl(), "postgresql://u@h/db");
    EXPECT_EQ(config.log_level, "debug");
    EXPECT_EQ(config.threads, 3u);
    EXPECT_EQ(config.max_body_bytes, 2048u);
    EXPECT_TRUE(config.enable_test_routes);
    EXPECT_EQ(ServeConfig({"serve", "--data-dir", "/srv/ac/"}).DatabaseUrl(), "/srv/ac/aftercare.db");
}

TEST(Config, EnvironmentFillsWhatTheCommandLineLeaves) {
    const Config config = ServeConfig({"serve", "--threads", "2"}, {{"AFTERCARE_LISTEN", "127.0.0.1:0"},
                                                                    {"AFTERCARE_THREADS", "7"},
                                                                    {"AFTERCARE_DB", "/tmp/x.db"},
                                                                    {"AFTERCARE_LOG_LEVEL", "warn"}});
    EXPECT_EQ(config.listen, "127.0.0.1:0");
    EXPECT_EQ(config.threads, 2u) << "a flag beats the environment";
    EXPECT_EQ(config.db, "/tmp/x.db");
    EXPECT_EQ(config.log_level, "warn");
}

// Options shared by several commands (--data-dir, --db, --log-level) too: the environment must not reach the
// invoked command through another command's copy of the option.
TEST(Config, AFlagBeatsTheEnvironmentInEveryCommand) {
    const std::vector<std::pair<std::string, std::string>> env = {{"AFTERCARE_DATA_DIR", "/env"},
                                                                  {"AFTERCARE_LOG_LEVEL", "error"}};
    const Config serve = ServeConfig({"serve", "--data-dir", "/flag", "--log-level", "debug"}, env);
    EXPECT_EQ(serve.data_dir, "/flag");
    EXPECT_EQ(serve.log_level, "debug");
    auto migrate = Parse({"migrate", "--data-dir", "/flag"}, env);
    EXPECT_EQ(std::get<Invocation>(migrate).config.data_dir, "/flag");
    EXPECT_EQ(std::get<Invocation>(migrate).config.log_level, "error");
}

TEST(Config, AConfigFileWithAnUnknownKeyIsAUsageError) {
    ac::testing::TempDir dir;
    const auto path = dir.path() / "bad.toml";
    std::ofstream(path) << "lisen = \"127.0.0.1:1\"\n";
    std::string out;
    std::string err;
    EXPECT_EQ(std::get<int>(Parse({"serve", "--config", path.string()}, {}, &out, &err)), 2);
    EXPECT_NE(err.find("unknown key lisen"), std::string::npos) << err;
    EXPECT_EQ(std::get<int>(Parse({"serve", "--config", (dir.path() / "missing.toml").string()}, {}, &out, &err)), 2);
}

TEST(Config, ConfigFileBeatsEnvironmentAndFlagsBeatBoth) {
    ac::testing::TempDir dir;
    const auto path = dir.path() / "aftercare.toml";
    std::ofstream(path) << "listen = \"127.0.0.1:7000\"\nlog-level = \"error\"\ndata-dir = \"/var/lib/ac\"\n";
    const Config config = ServeConfig({"serve", "--config", path.string(), "--log-level", "debug"},
                                      {{"AFTERCARE_LISTEN", "127.0.0.1:0"}, {"AFTERCARE_DATA_DIR", "/env"}});
    EXPECT_EQ(config.listen, "127.0.0.1:7000");
    EXPECT_EQ(config.data_dir, "/var/lib/ac");
    EXPECT_EQ(config.log_level, "debug");
    // migrate reads the same file and ignores the serve-only keys
    auto migrate = Parse({"migrate", "--config", path.string()});
    ASSERT_TRUE(std::holds_alternative<Invocation>(migrate));
    EXPECT_EQ(std::get<Invocation>(migrate).command, Command::kMigrate);
    EXPECT_EQ(std::get<Invocation>(migrate).config.data_dir, "/var/lib/ac");
}

TEST(Config, UsageErrorsExitWithTwoAndSayWhy) {
    std::string out;
    std::string err;
    EXPECT_EQ(std::get<int>(Parse({"serve", "--listen", "nonsense"}, {}, &out, &err)), 2);
    EXPECT_NE(err.find("host:port"), std::string::npos) << err;
    EXPECT_EQ(std::get<int>(Parse({"serve", "--log-level", "loud"}, {}, &out, &err)), 2);
    EXPECT_EQ(std::get<int>(Parse({"serve", "--threads", "-1"}, {}, &out, &err)), 2);
    EXPECT_EQ(std::get<int>(Parse({"serve", "--no-such-flag"}, {}, &out, &err)), 2);
    EXPECT_EQ(std::get<int>(Parse({}, {}, &out, &err)), 2) << "a command is required";
    EXPECT_EQ(std::get<int>(Parse({"bogus"}, {}, &out, &err)), 2);
}

TEST(Config, HelpExitsWithZero) {
    std::string out;
    EXPECT_EQ(std::get<int>(Parse({"--help"}, {}, &out)), 0);
    EXPECT_NE(out.find("serve"), std::string::npos);
    EXPECT_EQ(std::get<int>(Parse({"serve", "--help"}, {}, &out)), 0);
    EXPECT_NE(out.find("--listen"), std::string::npos);
    EXPECT_NE(out.find("AFTERCARE_LISTEN"), std::string::npos);
    EXPECT_EQ(std::get<int>(Parse({"migrate", "--help"}, {}, &out)), 0);
    EXPECT_NE(out.find("--db"), std::string::npos);
    EXPECT_EQ(std::get<int>(Parse({"version", "--help"}, {}, &out)), 0);
}

TEST(Config, UserAndTokenCommandsParse) {
    auto add = Parse({"user", "add", "--username", "Admin", "--role", "admin", "--role", "store_manager", "--store",
                      "SH01", "--password-stdin", "--db", "/tmp/a.db"});
    ASSERT_TRUE(std::holds_alternative<Invocation>(add));
    const Invocation& invocation = std::get<Invocation>(add);
    EXPECT_EQ(invocation.command, Command::kUserAdd);
    EXPECT_EQ(invocation.user_add.username, "Admin");
    EXPECT_EQ(invocation.user_add.name, "Admin") << "the name defaults to the username";
    EXPECT_EQ(invocation.user_add.roles, (std::vector<std::string>{"admin", "store_manager"}));
    EXPECT_EQ(invocation.user_add.store_code, "SH01");
    EXPECT_TRUE(invocation.user_add.password_stdin);
    EXPECT_EQ(invocation.config.db, "/tmp/a.db");

    auto create = Parse({"token", "create", "--user", "admin", "--name", "erp"});
    EXPECT_EQ(std::get<Invocation>(create).command, Command::kTokenCreate);
    EXPECT_EQ(std::get<Invocation>(create).token.username, "admin");
    EXPECT_EQ(std::get<Invocation>(create).token.name, "erp");
    auto revoke = Parse({"token", "revoke", "--id", "7"});
    EXPECT_EQ(std::get<Invocation>(revoke).command, Command::kTokenRevoke);
    EXPECT_EQ(std::get<Invocation>(revoke).token.id, 7);

    std::string out;
    std::string err;
    EXPECT_EQ(std::get<int>(Parse({"user", "add", "--role", "admin"}, {}, &out, &err)), 2) << "--username is required";
    EXPECT_EQ(std::get<int>(Parse({"token", "revoke", "--id", "0"}, {}, &out, &err)), 2);
    EXPECT_EQ(std::get<int>(Parse({"user"}, {}, &out, &err)), 2);
}

TEST(Config, AConfigFileServesNestedCommandsToo) {
    ac::testing::TempDir dir;
    const auto path = dir.path() / "aftercare.toml";
    std::ofstream(path) << "db = \"/srv/a.db\"\nlisten = \"127.0.0.1:9\"\n";
    auto add = Parse({"user", "add", "--username", "x", "--role", "admin", "--config", path.string()});
    ASSERT_TRUE(std::holds_alternative<Invocation>(add));
    EXPECT_EQ(std::get<Invocation>(add).config.db, "/srv/a.db");
}

TEST(Config, IdentityAndTestOptionsOfServe) {
    const Config config =
        ServeConfig({"serve", "--demo", "--secure-cookies", "--session-idle-minutes", "30", "--login-max-failures", "3",
                     "--fake-clock", "--fake-clock-start", "2026-03-02T08:00:00+08:00"});
    EXPECT_TRUE(config.demo);
    EXPECT_TRUE(config.secure_cookies);
    EXPECT_EQ(config.session_idle_minutes, 30);
    EXPECT_EQ(config.login_max_failures, 3);
    EXPECT_TRUE(config.fake_clock);
    EXPECT_EQ(config.fake_clock_start, "2026-03-02T08:00:00+08:00");
    EXPECT_FALSE(ServeConfig({"serve"}).fake_clock) << "never without asking";
    std::string out;
    std::string err;
    EXPECT_EQ(std::get<int>(Parse({"serve", "--fake-clock-start", "tomorrow"}, {}, &out, &err)), 2);
}

TEST(ListenAddress, ParsesHostAndPort) {
    EXPECT_EQ(ParseListenAddress("127.0.0.1:8080")->port, 8080);
    EXPECT_EQ(ParseListenAddress("127.0.0.1:0")->port, 0);
    EXPECT_EQ(ParseListenAddress("[::1]:9000")->host, "::1");
    EXPECT_EQ(ParseListenAddress(":80")->host, "0.0.0.0");
    EXPECT_EQ(ParseListenAddress("localhost:80")->host, "localhost");
    for (const char* bad : {"", "8080", "host:", "host:65536", "host:-1", "::1:80", "[::1:80", "h:8o"}) {
        EXPECT_FALSE(ParseListenAddress(bad).has_value()) << bad;
    }
}

}  // namespace
}  // namespace ac::app

// The command line as an operator uses it: `aftercare version`, `migrate`, `serve` refusing what it must refuse.
#include <fstream>

#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace ac::testing {
namespace {

const Env kEnglish = {{"LANG", "C.UTF-8"}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}};
const Env kChinese = {{"LANG", "zh_CN.UTF-8"}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}};

TEST(Cli, VersionNamesTheBuildAndItsLibraries) {
    const RunResult result = RunAftercare({"version"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_TRUE(result.out.starts_with("aftercare 0.1.0\n")) << result.out;
    for (const char* part : {"commit", "sqlite      3.", "libpq       ", "boost       1.81", "schema"}) {
        EXPECT_NE(result.out.find(part), std::string::npos) << part << "\n" << result.out;
    }
}

TEST(Cli, EveryCommandHasHelp) {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"--help"}, {"serve", "--help"}, {"migrate", "--help"}, {"version", "--help"}}) {
        const RunResult result = RunAftercare(args);
        EXPECT_EQ(result.exit_code, 0) << args[0];
        EXPECT_NE(result.out.find("Usage: aftercare"), std::string::npos) << result.out;
    }
    const RunResult serve = RunAftercare({"serve", "--help"});
    for (const char* option : {"--listen", "--data-dir", "--db", "--log-level", "--threads", "--config"}) {
        EXPECT_NE(serve.out.find(option), std::string::npos) << option;
    }
}

TEST(Cli, UsageErrorsExitWithTwo) {
    EXPECT_EQ(RunAftercare({}).exit_code, 2);
    EXPECT_EQ(RunAftercare({"fly"}).exit_code, 2);
    const RunResult bad = RunAftercare({"serve", "--listen", "8080"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("--listen"), std::string::npos) << bad.err;
}

TEST(Cli, MigrateBringsTheSchemaUpToDateOnce) {
    TestDatabase db;
    TempDir dir;
    const std::vector<std::string> args = {"migrate", "--db", db.url(), "--data-dir", (dir.path() / "d").string()};
    const RunResult first = RunAftercare(args, kEnglish);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::string latest = std::to_string(storage::LatestSchemaVersion(db.backend()));
    EXPECT_NE(first.out.find("is now at schema version " + latest), std::string::npos) << first.out;
    const RunResult second = RunAftercare(args, kEnglish);
    ASSERT_EQ(second.exit_code, 0);
    EXPECT_NE(second.out.find("already at the latest schema version " + latest), std::string::npos) << second.out;
    const RunResult chinese = RunAftercare(args, kChinese);
    EXPECT_NE(chinese.out.find("已是最新结构版本"), std::string::npos) << chinese.out;
    auto opened = db.Open();
    EXPECT_EQ(storage::CurrentSchemaVersion(*opened).value(), std::stoi(latest));
}

// `aftercare generate` as an operator runs it: it fills an empty database (on SQLite without the WAL, which it
// turns back on), says how many rows it wrote, and refuses a database that already has stores, leaving it as it was.
TEST(Cli, GenerateFillsAnEmptyDatabaseOnceAndLeavesItInWal) {
    TestDatabase db;
    TempDir dir;
    const std::vector<std::string> args = {
        "generate", "--scale", "0.001", "--seed", "5", "--db", db.url(), "--data-dir", (dir.path() / "d").string()};
    const RunResult first = RunAftercare(args, kEnglish);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("customers: 500\n"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("rows per second"), std::string::npos) << first.out;
    const auto check = [&] {
        if (db.backend() == storage::Backend::kSqlite) {
            // The file's own header, before anything opens it again: bytes 18 and 19 are 2 in WAL mode.
            std::ifstream file(db.url().substr(db.url().starts_with("sqlite:") ? 7 : 0), std::ios::binary);
            char header[20] = {};
            ASSERT_TRUE(file.read(header, sizeof header));
            EXPECT_EQ(header[18], 2);
            EXPECT_EQ(header[19], 2);
        }
        auto opened = db.Open();
        auto tx = opened->Begin(storage::TxMode::kRead).value();
        EXPECT_EQ(tx->Query("SELECT count(*) FROM customers").value().front().Int(0), 500);
        if (opened->backend() == storage::Backend::kSqlite) {
            EXPECT_EQ(tx->Query("PRAGMA integrity_check").value().front().Text(0), "ok");
        }
    };
    check();
    const RunResult again = RunAftercare(args, kChinese);
    EXPECT_NE(again.exit_code, 0);
    EXPECT_NE(again.err.find("只能在空数据库中生成"), std::string::npos) << again.err;
    check();
}

TEST(Cli, ServeAndMigrateRefuseASchemaNewerThanTheBinary) {
    TestDatabase db;
    TempDir dir;
    {
        auto opened = db.Open();
        FakeClock clock(FromEpochMs(0));
        ASSERT_TRUE(storage::Migrate(*opened, clock));
        auto tx = opened->Begin(storage::TxMode::kWrite).value();
        ASSERT_TRUE(
            tx->Execute("INSERT INTO schema_migrations (version, name, checksum, applied_at_ms) "
                        "VALUES (9999, 'from the future', 'x', 0)"));
        ASSERT_TRUE(tx->Commit());
    }
    const std::string data = (dir.path() / "d").string();
    const RunResult serve =
        RunAftercare({"serve", "--listen", "127.0.0.1:0", "--db", db.url(), "--data-dir", data}, kEnglish);
    EXPECT_EQ(serve.exit_code, 1);
    EXPECT_NE(serve.err.find("schema version 9999 is newer than this program supports"), std::string::npos)
        << serve.err;
    const RunResult migrate = RunAftercare({"migrate", "--db", db.url(), "--data-dir", data}, kChinese);
    EXPECT_EQ(migrate.exit_code, 1);
    EXPECT_NE(migrate.err.find("比本程序支持的版本"), std::string::npos) << migrate.err;
}

TEST(Cli, AnUnreachableDatabaseIsAClearError) {
    TempDir dir;
    const RunResult result = RunAftercare({"serve", "--listen", "127.0.0.1:0", "--data-dir",
                                           (dir.path() / "d").string(), "--db", "postgresql://nobody@127.0.0.1:1/none"},
                                          kEnglish);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("Cannot open the database: postgresql://nobody@127.0.0.1:1/none"), std::string::npos)
        << result.err;
}

TEST(Cli, LogsGoToTheLogFileWhenAsked) {
    TestDatabase db;
    TempDir dir;
    const auto log_file = dir.path() / "aftercare.log";
    const RunResult result = RunAftercare(
        {"migrate", "--db", db.url(), "--data-dir", (dir.path() / "d").string(), "--log-file", log_file.string()});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.err, "");
    std::ifstream in(log_file);
    std::string first_line;
    std::getline(in, first_line);
    EXPECT_NE(first_line.find(R"("event":"db.migrated")"), std::string::npos) << first_line;
}

}  // namespace
}  // namespace ac::testing

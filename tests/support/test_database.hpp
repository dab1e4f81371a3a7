// The database a test runs on, chosen by the AC_TEST_DB environment variable:
//   unset or "sqlite"       a fresh SQLite file in a temporary folder per test;
//   a postgresql:// URL     a server where tests may create databases: each test gets a fresh one.
// scripts/test runs every database and API test binary once per backend.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "storage/database.hpp"

namespace ac::testing {

[[nodiscard]] storage::Backend TestBackend();

// A temporary folder, removed with everything in it on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// A new, empty database for one test, dropped on destruction.
class TestDatabase {
  public:
    // Throws std::runtime_error when the PostgreSQL server cannot be reached.
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    // What `aftercare --db` takes for this database.
    [[nodiscard]] const std::string& url() const { return url_; }
    [[nodiscard]] storage::Backend backend() const { return backend_; }

    // Opens the database through the storage layer; aborts the test on failure.
    [[nodiscard]] std::unique_ptr<storage::Database> Open(storage::OpenOptions options = {}) const;

    // For PostgreSQL tests that need a superuser: the server's maintenance database.
    [[nodiscard]] std::string AdminUrl() const { return admin_url_; }

  private:
    storage::Backend backend_;
    std::unique_ptr<TempDir> dir_;
    std::string url_;
    std::string admin_url_;
    std::string pg_name_;
};

// Runs one SQL command on a PostgreSQL URL outside any transaction (CREATE/DROP DATABASE, pg_terminate_backend).
// Throws std::runtime_error on failure.
void PostgresAdminExec(const std::string& url, const std::string& sql);

// The human name of the backend under test, for summaries: "sqlite" or "postgresql".
[[nodiscard]] std::string TestBackendName();

}  // namespace ac::testing

#include "support/test_database.hpp"

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <unistd.h>

namespace ac::testing {
namespace {

std::string EnvTestDb() {
    const char* value = std::getenv("AC_TEST_DB");
    return value != nullptr ? value : "";
}

std::string RandomSuffix() {
    static std::atomic<int> counter{0};
    std::mt19937_64 generator(std::random_device{}());
    return std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1)) + "_" +
           std::to_string(generator() % 1'000'000);
}

// The URL with its database name (the path) replaced by `name`.
std::string WithDatabase(const std::string& url, const std::string& name) {
    const std::size_t scheme_end = url.find("://");
    const std::size_t path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    const std::size_t query_start = url.find('?');
    const std::string base =
        url.substr(0, path_start == std::string::npos ? std::min(query_start, url.size()) : path_start);
    const std::string query = query_start == std::string::npos ? "" : url.substr(query_start);
    return base + "/" + name + query;
}

}  // namespace

storage::Backend TestBackend() {
    return storage::IsPostgresUrl(EnvTestDb()) ? storage::Backend::kPostgres : storage::Backend::kSqlite;
}

std::string TestBackendName() {
    return std::string(storage::BackendName(TestBackend()));
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "aftercare-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

void PostgresAdminExec(const std::string& url, const std::string& sql) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        const std::string message = PQerrorMessage(conn);
        PQfinish(conn);
        throw std::runtime_error("cannot connect to " + url + ": " + message);
    }
    PGresult* result = PQexec(conn, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    const std::string message = PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(conn);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        throw std::runtime_error(sql + ": " + message);
    }
}

TestDatabase::TestDatabase() : backend_(TestBackend()) {
    if (backend_ == storage::Backend::kSqlite) {
        dir_ = std::make_unique<TempDir>();
        url_ = (dir_->path() / "test.db").string();
        return;
    }
    admin_url_ = EnvTestDb();
    pg_name_ = "ac_test_" + RandomSuffix();
    PostgresAdminExec(admin_url_, "CREATE DATABASE " + pg_name_ + " TEMPLATE template0 ENCODING 'UTF8'");
    url_ = WithDatabase(admin_url_, pg_name_);
}

TestDatabase::~TestDatabase() {
    if (!pg_name_.empty()) {
        try {
            PostgresAdminExec(admin_url_, "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
        } catch (const std::exception& e) {
            ADD_FAILURE() << "cannot drop test database: " << e.what();
        }
    }
}

std::unique_ptr<storage::Database> TestDatabase::Open(storage::OpenOptions options) const {
    options.url = url_;
    auto db = storage::Open(options);
    if (!db) {
        throw std::runtime_error("cannot open test database " + url_ + ": " + db.error().detail);
    }
    return std::move(*db);
}

}  // namespace ac::testing

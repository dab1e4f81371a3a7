#include "storage/migrations.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "log/log.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::storage {
namespace {

constexpr std::string_view kCreateMigrationsTable = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version       BIGINT PRIMARY KEY,
    name          TEXT NOT NULL,
    checksum      TEXT NOT NULL,
    applied_at_ms BIGINT NOT NULL
))sql";
constexpr std::string_view kSelectApplied = "SELECT version, checksum FROM schema_migrations ORDER BY version";
constexpr std::string_view kSelectCurrentVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr std::string_view kInsertApplied =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at_ms) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kMigrationsTableExists =
    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations' "
    "AND table_schema = current_schema()";
constexpr std::string_view kSqliteMigrationsTableExists =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'";

// FNV-1a, 64 bit: enough to notice that an applied file was edited.
std::string Checksum(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

struct ParsedName {
    int version = 0;
    std::string name;
    std::string_view dialect;  // "", "sqlite" or "postgres"
};

ParsedName ParseFileName(std::string_view file) {
    const auto bad = [&](std::string_view why) {
        return std::logic_error("migration file " + std::string(file) + ": " + std::string(why));
    };
    if (file.size() < 10 || !file.ends_with(".sql") || file[4] != '_') {
        throw bad("expected NNNN_name.sql");
    }
    ParsedName parsed;
    if (std::from_chars(file.data(), file.data() + 4, parsed.version).ec != std::errc() || parsed.version <= 0) {
        throw bad("expected a four-digit version first");
    }
    std::string_view stem = file.substr(5, file.size() - 5 - 4);
    for (const std::string_view dialect : {std::string_view("sqlite"), std::string_view("postgres")}) {
        // ".<dialect>" at the end of the stem
        if (stem.size() > dialect.size() && stem.ends_with(dialect) && stem[stem.size() - dialect.size() - 1] == '.') {
            parsed.dialect = dialect;
            stem.remove_suffix(dialect.size() + 1);
        }
    }
    if (stem.empty()) {
        throw bad("the name is empty");
    }
    parsed.name = std::string(stem);
    return parsed;
}

}  // namespace

std::vector<Migration> LoadMigrations(Backend backend, std::span<const EmbeddedFile> files) {
    struct Entry {
        std::string name;
        const EmbeddedFile* common = nullptr;
        const EmbeddedFile* sqlite = nullptr;
        const EmbeddedFile* postgres = nullptr;
    };
    std::map<int, Entry> entries;
    for (const EmbeddedFile& file : files) {
        const ParsedName parsed = ParseFileName(file.name);
        Entry& entry = entries[parsed.version];
        if (!entry.name.empty() && entry.name != parsed.name) {
            throw std::logic_error("migration version " + std::to_string(parsed.version) + " has two names");
        }
        entry.name = parsed.name;
        const EmbeddedFile** slot = parsed.dialect == "sqlite"     ? &entry.sqlite
                                    : parsed.dialect == "postgres" ? &entry.postgres
                                                                   : &entry.common;
        if (*slot != nullptr) {
            throw std::logic_error("duplicate migration file " + std::string(file.name));
        }
        *slot = &file;
    }
    std::vector<Migration> migrations;
    int expected_version = 1;
    for (const auto& [version, entry] : entries) {
        if (version != expected_version) {
            throw std::logic_error("migration version " + std::to_string(expected_version) + " is missing");
        }
        ++expected_version;
        const bool split = entry.sqlite != nullptr || entry.postgres != nullptr;
        if (split && (entry.common != nullptr || entry.sqlite == nullptr || entry.postgres == nullptr)) {
            throw std::logic_error("migration " + std::to_string(version) +
                                   " needs either one common file or both a .sqlite.sql and a .postgres.sql file");
        }
        const EmbeddedFile* file = !split ? entry.common : backend == Backend::kSqlite ? entry.sqlite : entry.postgres;
        std::string sql = ExpandPlaceholders(backend, file->data);
        std::string checksum = Checksum(sql);
        migrations.push_back(Migration{version, entry.name, std::move(sql), std::move(checksum)});
    }
    return migrations;
}

std::string ExpandPlaceholders(Backend backend, std::string_view sql) {
    const std::pair<std::string_view, std::string_view> replacements[] = {
        {"{{ID}}",
         backend == Backend::kSqlite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
        {"{{BYTES}}", backend == Backend::kSqlite ? "BLOB" : "BYTEA"},
    };
    std::string out(sql);
    for (const auto& [placeholder, text] : replacements) {
        for (std::size_t pos = out.find(placeholder); pos != std::string::npos;
             pos = out.find(placeholder, pos + text.size())) {
            out.replace(pos, placeholder.size(), text);
        }
    }
    return out;
}

Result<MigrationReport> Migrate(Database& db, const Clock& clock, std::span<const Migration> migrations) {
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    Result<MigrationReport> report =
        RunInTransaction(db, TxMode::kSchema, [&](Transaction& tx) -> Result<MigrationReport> {
            AC_RETURN_IF_ERROR(tx.ExecuteScript(kCreateMigrationsTable));
            AC_ASSIGN_OR_RETURN(Rows applied, tx.Query(kSelectApplied));
            MigrationReport result;
            for (const Row& row : applied) {
                const auto version = static_cast<int>(row.Int(0));
                result.from_version = std::max(result.from_version, version);
                const auto known = std::find_if(migrations.begin(), migrations.end(),
                                                [&](const Migration& m) { return m.version == version; });
                if (known != migrations.end() && known->checksum != row.Text(1)) {
                    log::Warn("db.migration_changed", {{"version", version},
                                                       {"name", known->name},
                                                       {"applied_checksum", row.Text(1)},
                                                       {"file_checksum", known->checksum}});
                }
            }
            if (result.from_version > latest) {
                return Fail(
                    Error::Make(ErrorCode::kFailedPrecondition, "db.schema_newer",
                                {{"database", std::to_string(result.from_version)}, {"binary", std::to_string(latest)}})
                        .WithDetail("database schema " + std::to_string(result.from_version) +
                                    " is newer than this binary's " + std::to_string(latest)));
            }
            for (const Migration& migration : migrations) {
                if (migration.version <= result.from_version) {
                    continue;
                }
                AC_RETURN_IF_ERROR(tx.ExecuteScript(migration.sql));
                AC_RETURN_IF_ERROR(
                    tx.Execute(kInsertApplied, {migration.version, migration.name, migration.checksum, clock.Now()}));
                result.applied.push_back(migration.version);
            }
            result.to_version = std::max(result.from_version, latest);
            return result;
        });
    if (report) {
        for (const int version : report->applied) {
            log::Info("db.migrated", {{"version", version}, {"database", db.Describe()}});
        }
    }
    return report;
}

Result<MigrationReport> Migrate(Database& db, const Clock& clock) {
    const std::vector<Migration> migrations = LoadMigrations(db.backend(), EmbeddedMigrations());
    return Migrate(db, clock, migrations);
}

Result<int> CurrentSchemaVersion(Database& db) {
    return RunInTransaction(db, TxMode::kRead, [&](Transaction& tx) -> Result<int> {
        const std::string_view exists =
            db.backend() == Backend::kSqlite ? kSqliteMigrationsTableExists : kMigrationsTableExists;
        AC_ASSIGN_OR_RETURN(Rows tables, tx.Query(exists));
        if (tables.front().Int(0) == 0) {
            return 0;
        }
        AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectCurrentVersion));
        return static_cast<int>(rows.front().Int(0));
    });
}

int LatestSchemaVersion(Backend backend) {
    const std::vector<Migration> migrations = LoadMigrations(backend, EmbeddedMigrations());
    return migrations.empty() ? 0 : migrations.back().version;
}

}  // namespace ac::storage

// The SQLite backend: one writer connection and a pool of read-only connections on a WAL database file.
#pragma once

#include <memory>
#include <string>

#include "storage/database.hpp"

namespace ac::storage {

// Opens (creating if missing) the SQLite file at `options.url`, a plain path. Sets WAL mode, foreign keys on,
// PRAGMA synchronous from `options` (FULL by default) and a busy timeout equal to `options.acquire_timeout`.
// Errors: kUnavailable "db.unavailable" when the file cannot be opened or is not a database.
[[nodiscard]] Result<std::unique_ptr<Database>> OpenSqlite(const OpenOptions& options);

// The SQLite library version linked into this binary ("3.40.1").
[[nodiscard]] std::string SqliteLibraryVersion();

}  // namespace ac::storage

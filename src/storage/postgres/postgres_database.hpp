// The PostgreSQL backend: a pool of libpq connections with per-connection prepared statements.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "storage/database.hpp"

namespace ac::storage {

// Connects to the PostgreSQL server `options.url` names (one connection at once, to fail early when it cannot be
// reached); further connections open on demand up to `options.pool_size`.
// Errors: kUnavailable "db.unavailable" when the server cannot be reached or refuses the login.
[[nodiscard]] Result<std::unique_ptr<Database>> OpenPostgres(const OpenOptions& options);

// The libpq version linked into this binary ("15.18").
[[nodiscard]] std::string PostgresLibraryVersion();

// `url` with its password replaced by "****" (for logs and Describe()).
[[nodiscard]] std::string RedactUrl(std::string_view url);

}  // namespace ac::storage

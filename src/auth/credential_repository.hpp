// The SQL of credentials: sessions, API tokens and failed sign-ins. Every function runs in the caller's
// transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace ac::auth {

struct SessionRow {
    std::int64_t id = 0;
    std::string token_hash;
    StaffId staff_id;
    std::string csrf_token;
    Instant created_at;
    Instant last_seen_at;
    Instant expires_at;
    std::optional<Instant> revoked_at;
    std::string remote;
    std::string user_agent;
};

struct ApiTokenRow {
    std::int64_t id = 0;
    std::string token_hash;
    std::string prefix;  // the first characters of the token, to tell tokens apart in lists
    StaffId staff_id;
    std::string name;
    Instant created_at;
    std::optional<StaffId> created_by;
    std::optional<Instant> last_used_at;
    std::optional<Instant> revoked_at;
};

// How many sign-ins failed since a moment, and when the oldest of them was.
struct FailureCount {
    std::int64_t count = 0;
    std::optional<Instant> oldest;
};

class CredentialRepository {
  public:
    static Result<std::int64_t> InsertSession(storage::Transaction& tx, const SessionRow& session);
    static Result<std::optional<SessionRow>> FindSession(storage::Transaction& tx, std::string_view token_hash);
    static Status TouchSession(storage::Transaction& tx, std::int64_t id, Instant now);
    static Status RevokeSession(storage::Transaction& tx, std::int64_t id, Instant now);
    // Revokes every open session of `staff`; returns how many.
    static Result<std::int64_t> RevokeSessionsOf(storage::Transaction& tx, StaffId staff, Instant now);

    static Result<std::int64_t> InsertApiToken(storage::Transaction& tx, const ApiTokenRow& token);
    static Result<std::optional<ApiTokenRow>> FindApiToken(storage::Transaction& tx, std::string_view token_hash);
    static Result<std::optional<ApiTokenRow>> FindApiTokenById(storage::Transaction& tx, std::int64_t id);
    static Status TouchApiToken(storage::Transaction& tx, std::int64_t id, Instant now);
    static Status RevokeApiToken(storage::Transaction& tx, std::int64_t id, Instant now);
    // Tokens of staff members in `scope` (all when nullopt), newest first.
    static Result<std::vector<ApiTokenRow>> ListApiTokens(storage::Transaction& tx, std::optional<StoreId> scope);

    static Status InsertLoginFailure(storage::Transaction& tx, std::string_view account, std::string_view remote,
                                     Instant at);
    static Result<FailureCount> FailuresOfAccount(storage::Transaction& tx, std::string_view account, Instant since);
    static Result<FailureCount> FailuresFromRemote(storage::Transaction& tx, std::string_view remote, Instant since);
    static Status ClearFailuresOfAccount(storage::Transaction& tx, std::string_view account);
    static Status PruneFailures(storage::Transaction& tx, Instant before);
};

}  // namespace ac::auth

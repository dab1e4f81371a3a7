#include "auth/credential_repository.hpp"

namespace ac::auth {
namespace {

using storage::Row;
using storage::Rows;
using storage::Transaction;
using storage::Value;

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (token_hash, staff_id, csrf_token, created_at_ms, last_seen_at_ms, expires_at_ms, remote, "
    "user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr std::string_view kSelectSession =
    "SELECT id, token_hash, staff_id, csrf_token, created_at_ms, last_seen_at_ms, expires_at_ms, revoked_at_ms, "
    "remote, user_agent FROM sessions WHERE token_hash = $1";
constexpr std::string_view kTouchSession = "UPDATE sessions SET last_seen_at_ms = $2 WHERE id = $1";
constexpr std::string_view kRevokeSession =
    "UPDATE sessions SET revoked_at_ms = $2 WHERE id = $1 AND revoked_at_ms IS NULL";
constexpr std::string_view kRevokeSessionsOf =
    "UPDATE sessions SET revoked_at_ms = $2 WHERE staff_id = $1 AND revoked_at_ms IS NULL";

constexpr std::string_view kInsertApiToken =
    "INSERT INTO api_tokens (token_hash, prefix, staff_id, name, created_at_ms, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view kApiTokenColumns =
    "t.id, t.token_hash, t.prefix, t.staff_id, t.name, t.created_at_ms, t.created_by, t.last_used_at_ms, "
    "t.revoked_at_ms";
constexpr std::string_view kTouchApiToken = "UPDATE api_tokens SET last_used_at_ms = $2 WHERE id = $1";
constexpr std::string_view kRevokeApiToken =
    "UPDATE api_tokens SET revoked_at_ms = $2 WHERE id = $1 AND revoked_at_ms IS NULL";

constexpr std::string_view kInsertFailure = "INSERT INTO login_failures (account, remote, at_ms) VALUES ($1, $2, $3)";
constexpr std::string_view kFailuresOfAccount =
    "SELECT count(*), MIN(at_ms) FROM login_failures WHERE account = $1 AND at_ms > $2";
constexpr std::string_view kFailuresFromRemote =
    "SELECT count(*), MIN(at_ms) FROM login_failures WHERE remote = $1 AND at_ms > $2";
constexpr std::string_view kClearFailures = "DELETE FROM login_failures WHERE account = $1";
constexpr std::string_view kPruneFailures = "DELETE FROM login_failures WHERE at_ms < $1";

std::optional<Instant> OptTime(const Row& row, std::size_t column) {
    const auto ms = row.OptInt(column);
    return ms ? std::optional<Instant>(FromEpochMs(*ms)) : std::nullopt;
}

SessionRow SessionFrom(const Row& row) {
    SessionRow session;
    session.id = row.Int(0);
    session.token_hash = row.Text(1);
    session.staff_id = StaffId(row.Int(2));
    session.csrf_token = row.Text(3);
    session.created_at = row.Time(4);
    session.last_seen_at = row.Time(5);
    session.expires_at = row.Time(6);
    session.revoked_at = OptTime(row, 7);
    session.remote = row.Text(8);
    session.user_agent = row.Text(9);
    return session;
}

ApiTokenRow ApiTokenFrom(const Row& row) {
    ApiTokenRow token;
    token.id = row.Int(0);
    token.token_hash = row.Text(1);
    token.prefix = row.Text(2);
    token.staff_id = StaffId(row.Int(3));
    token.name = row.Text(4);
    token.created_at = row.Time(5);
    if (const auto by = row.OptInt(6)) {
        token.created_by = StaffId(*by);
    }
    token.last_used_at = OptTime(row, 7);
    token.revoked_at = OptTime(row, 8);
    return token;
}

Result<std::optional<ApiTokenRow>> FirstToken(const Rows& rows) {
    if (rows.empty()) {
        return std::optional<ApiTokenRow>();
    }
    return std::optional<ApiTokenRow>(ApiTokenFrom(rows.front()));
}

Result<FailureCount> CountFrom(const Rows& rows) {
    FailureCount count;
    count.count = rows.front().Int(0);
    count.oldest = OptTime(rows.front(), 1);
    return count;
}

}  // namespace

Result<std::int64_t> CredentialRepository::InsertSession(Transaction& tx, const SessionRow& session) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kInsertSession, {session.token_hash, session.staff_id, session.csrf_token,
                                                             session.created_at, session.last_seen_at,
                                                             session.expires_at, session.remote, session.user_agent}));
    return rows.front().Int(0);
}

Result<std::optional<SessionRow>> CredentialRepository::FindSession(Transaction& tx, std::string_view token_hash) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectSession, {token_hash}));
    if (rows.empty()) {
        return std::optional<SessionRow>();
    }
    return std::optional<SessionRow>(SessionFrom(rows.front()));
}

Status CredentialRepository::TouchSession(Transaction& tx, std::int64_t id, Instant now) {
    AC_RETURN_IF_ERROR(tx.Execute(kTouchSession, {id, now}));
    return Ok();
}

Status CredentialRepository::RevokeSession(Transaction& tx, std::int64_t id, Instant now) {
    AC_RETURN_IF_ERROR(tx.Execute(kRevokeSession, {id, now}));
    return Ok();
}

Result<std::int64_t> CredentialRepository::RevokeSessionsOf(Transaction& tx, StaffId staff, Instant now) {
    return tx.Execute(kRevokeSessionsOf, {staff, now});
}

Result<std::int64_t> CredentialRepository::InsertApiToken(Transaction& tx, const ApiTokenRow& token) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kInsertApiToken, {token.token_hash, token.prefix, token.staff_id,
                                                              token.name, token.created_at, token.created_by}));
    return rows.front().Int(0);
}

Result<std::optional<ApiTokenRow>> CredentialRepository::FindApiToken(Transaction& tx, std::string_view token_hash) {
    const std::string sql = "SELECT " + std::string(kApiTokenColumns) + " FROM api_tokens t WHERE t.token_hash = $1";
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {token_hash}));
    return FirstToken(rows);
}

Result<std::optional<ApiTokenRow>> CredentialRepository::FindApiTokenById(Transaction& tx, std::int64_t id) {
    const std::string sql = "SELECT " + std::string(kApiTokenColumns) + " FROM api_tokens t WHERE t.id = $1";
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {id}));
    return FirstToken(rows);
}

Status CredentialRepository::TouchApiToken(Transaction& tx, std::int64_t id, Instant now) {
    AC_RETURN_IF_ERROR(tx.Execute(kTouchApiToken, {id, now}));
    return Ok();
}

Status CredentialRepository::RevokeApiToken(Transaction& tx, std::int64_t id, Instant now) {
    AC_RETURN_IF_ERROR(tx.Execute(kRevokeApiToken, {id, now}));
    return Ok();
}

Result<std::vector<ApiTokenRow>> CredentialRepository::ListApiTokens(Transaction& tx, std::optional<StoreId> scope) {
    const std::string sql = "SELECT " + std::string(kApiTokenColumns) +
                            " FROM api_tokens t JOIN staff s ON s.id = t.staff_id"
                            " WHERE CAST($1 AS BIGINT) IS NULL OR s.store_id = $1 ORDER BY t.id DESC";
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {scope ? Value(*scope) : Value()}));
    std::vector<ApiTokenRow> tokens;
    for (const Row& row : rows) {
        tokens.push_back(ApiTokenFrom(row));
    }
    return tokens;
}

Status CredentialRepository::InsertLoginFailure(Transaction& tx, std::string_view account, std::string_view remote,
                                                Instant at) {
    AC_RETURN_IF_ERROR(tx.Execute(kInsertFailure, {account, remote, at}));
    return Ok();
}

Result<FailureCount> CredentialRepository::FailuresOfAccount(Transaction& tx, std::string_view account, Instant since) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFailuresOfAccount, {account, since}));
    return CountFrom(rows);
}

Result<FailureCount> CredentialRepository::FailuresFromRemote(Transaction& tx, std::string_view remote, Instant since) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFailuresFromRemote, {remote, since}));
    return CountFrom(rows);
}

Status CredentialRepository::ClearFailuresOfAccount(Transaction& tx, std::string_view account) {
    AC_RETURN_IF_ERROR(tx.Execute(kClearFailures, {account}));
    return Ok();
}

Status CredentialRepository::PruneFailures(Transaction& tx, Instant before) {
    AC_RETURN_IF_ERROR(tx.Execute(kPruneFailures, {before}));
    return Ok();
}

}  // namespace ac::auth

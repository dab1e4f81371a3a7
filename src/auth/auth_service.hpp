// Signing in and out, recognising sessions and API tokens, changing passwords, issuing tokens.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "auth/credential_repository.hpp"
#include "auth/identity.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace ac::auth {

struct AuthOptions {
    std::chrono::milliseconds session_idle = std::chrono::hours(12);           // ends after this long unused
    std::chrono::milliseconds session_lifetime = std::chrono::hours(24 * 30);  // ends after this long in any case
    std::chrono::milliseconds touch_interval = std::chrono::minutes(1);  // last-seen is written at most this often
    int max_failures_per_account = 5;   // within failure_window, then 429 for that account
    int max_failures_per_address = 20;  // within failure_window, then 429 for that client address
    std::chrono::milliseconds failure_window = std::chrono::minutes(15);
    // How long an API token's principal is reused without reading it again (0: never). A change made through this
    // process (revoking the token, changing or deactivating its staff member or store) applies at once; one made by
    // another process (`aftercare token revoke`, another app server) within this time.
    std::chrono::milliseconds token_cache = std::chrono::seconds(1);
};

// A new session: the cookie value (shown once, stored only as a hash) and who it belongs to.
struct SignIn {
    std::string session_token;
    Principal principal;
    Staff staff;
    Instant expires_at;
};

struct NewApiToken {
    ApiTokenRow row;
    std::string token;  // shown once; only its hash is stored
};

class AuthService {
  public:
    // `db` and `clock` must outlive the service. Thread-safe.
    AuthService(storage::Database& db, const Clock& clock, AuthOptions options)
        : db_(db), clock_(clock), options_(options) {}

    // Signs in with a username or a phone number. An unknown account, a wrong password, an inactive account and
    // an account without a password all answer kUnauthenticated "auth.invalid_credentials", in about the same
    // time. Too many recent failures for the account or from `remote` answer kResourceExhausted
    // "auth.rate_limited" with the param "retry_after" (seconds), even with the right password.
    [[nodiscard]] Result<SignIn> Login(std::string_view login, std::string_view password, std::string_view remote,
                                       std::string_view user_agent);

    // Ends the principal's session (no effect for API tokens).
    [[nodiscard]] Status Logout(const Principal& principal);

    // The principal of a session cookie value; kUnauthenticated "auth.session_invalid" when it is unknown,
    // revoked, idle too long, past its lifetime, or its staff member is inactive.
    [[nodiscard]] Result<Principal> AuthenticateSession(std::string_view token);

    // The principal of an API token; kUnauthenticated "auth.token_invalid" when unknown, revoked or its staff
    // member is inactive.
    [[nodiscard]] Result<Principal> AuthenticateApiToken(std::string_view token);

    // Checks `current`, sets `next` (policy checked), revokes every session of the person and, for a browser,
    // opens a new one. Errors: kValidationFailed on current_password / new_password; the sign-in limits apply
    // to wrong current passwords.
    [[nodiscard]] Result<SignIn> ChangePassword(const Principal& principal, std::string_view current,
                                                std::string_view next, std::string_view remote,
                                                std::string_view user_agent);

    // The principal's own staff record.
    [[nodiscard]] Result<Staff> CurrentStaff(const Principal& principal);

    // A token acting as `owner` (a staff member the actor sees). Errors: kNotFound, kPermissionDenied,
    // kValidationFailed for the name.
    [[nodiscard]] Result<NewApiToken> CreateApiToken(const Principal& actor, StaffId owner, std::string name);
    [[nodiscard]] Result<NewApiToken> CreateApiTokenFor(const Principal& actor, const std::string& username,
                                                        std::string name);
    // Revokes token `id` (idempotent). Errors: kNotFound, kPermissionDenied.
    [[nodiscard]] Status RevokeApiToken(const Principal& actor, std::int64_t id);
    [[nodiscard]] Result<std::vector<ApiTokenRow>> ListApiTokens(const Principal& actor);

    [[nodiscard]] const AuthOptions& options() const { return options_; }

    // Forgets every remembered token principal: called after a change to staff or stores (IdentityService).
    void ForgetPrincipals();

  private:
    Result<SignIn> OpenSession(storage::Transaction& tx, const Staff& staff, std::string_view remote,
                               std::string_view user_agent, Instant now);
    // kResourceExhausted when the account or the address has too many recent failures.
    Status CheckLimits(storage::Transaction& tx, std::string_view account, std::string_view remote, Instant now);
    Status RecordFailure(std::string_view account, std::string_view remote);

    storage::Database& db_;
    const Clock& clock_;
    const AuthOptions options_;

    // API tokens checked lately, by the hash of the token (a technical cache: it ages on the steady clock, not on
    // the business clock that tests move).
    struct RememberedToken {
        Principal principal;
        std::chrono::steady_clock::time_point checked;
    };
    std::mutex tokens_mutex_;
    std::unordered_map<std::string, RememberedToken> tokens_;  // guarded by tokens_mutex_
    std::uint64_t tokens_generation_ = 0;                      // guarded by tokens_mutex_; counts ForgetPrincipals
};

// The API token prefix: tokens look like "act_…".
inline constexpr std::string_view kApiTokenPrefix = "act_";

}  // namespace ac::auth

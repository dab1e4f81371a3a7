#include "auth/auth_service.hpp"

#include <algorithm>
#include <cctype>

#include "auth/identity_repository.hpp"
#include "auth/identity_service.hpp"
#include "auth/password.hpp"
#include "auth/secrets.hpp"
#include "core/json.hpp"
#include "core/phone.hpp"
#include "log/log.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::auth {
namespace {

using storage::Transaction;
using storage::TxMode;

// More remembered tokens than this (a script minting tokens in a loop) and the cache starts over.
constexpr std::size_t kRememberedTokens = 10'000;

Error InvalidCredentials() {
    return Error::Make(ErrorCode::kUnauthenticated, "auth.invalid_credentials");
}

// What a login names: the normalised mobile number, or the lowercased username.
std::string LoginKey(std::string_view login) {
    if (auto mobile = NormalizeMobile(login)) {
        return *mobile;
    }
    std::string key(login);
    std::transform(key.begin(), key.end(), key.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return key;
}

// The key failures are counted under: the staff member when the login names one (so that their username and
// phone share one limit), else what was typed.
std::string AccountKey(const std::optional<Staff>& staff, std::string_view login_key) {
    return staff ? "staff:" + std::to_string(staff->id.value()) : "login:" + std::string(login_key);
}

std::string Trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return "";
    }
    return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

std::string Clip(std::string_view text, std::size_t max) {
    return std::string(text.substr(0, max));
}

}  // namespace

Status AuthService::CheckLimits(Transaction& tx, std::string_view account, std::string_view remote, Instant now) {
    const Instant since = now - options_.failure_window;
    AC_ASSIGN_OR_RETURN(const FailureCount by_account, CredentialRepository::FailuresOfAccount(tx, account, since));
    AC_ASSIGN_OR_RETURN(const FailureCount by_remote, CredentialRepository::FailuresFromRemote(tx, remote, since));
    std::optional<Instant> free_at;
    if (by_account.count >= options_.max_failures_per_account && by_account.oldest) {
        free_at = *by_account.oldest + options_.failure_window;
    }
    if (by_remote.count >= options_.max_failures_per_address && by_remote.oldest) {
        const Instant remote_free = *by_remote.oldest + options_.failure_window;
        free_at = free_at ? std::max(*free_at, remote_free) : remote_free;
    }
    if (!free_at) {
        return Ok();
    }
    const auto wait_ms = std::max<std::int64_t>(1, (*free_at - now).count());
    const std::int64_t seconds = (wait_ms + 999) / 1000;
    log::Warn("auth.rate_limited", {{"account", account}, {"remote", remote}, {"retry_after_s", seconds}});
    return Fail(
        Error::Make(ErrorCode::kResourceExhausted, "auth.rate_limited", {{"retry_after", std::to_string(seconds)}}));
}

Status AuthService::RecordFailure(std::string_view account, std::string_view remote) {
    const Instant now = clock_.Now();
    log::Info("auth.sign_in_failed", {{"account", account}, {"remote", remote}});
    return storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
        AC_RETURN_IF_ERROR(CredentialRepository::InsertLoginFailure(tx, account, remote, now));
        // Keep the table small: failures older than a day count for nothing.
        return CredentialRepository::PruneFailures(tx, now - std::chrono::hours(24));
    });
}

Result<SignIn> AuthService::OpenSession(Transaction& tx, const Staff& staff, std::string_view remote,
                                        std::string_view user_agent, Instant now) {
    SignIn sign_in;
    sign_in.session_token = RandomToken(32);
    SessionRow session;
    session.token_hash = Sha256Hex(sign_in.session_token);
    session.staff_id = staff.id;
    session.csrf_token = RandomToken(24);
    session.created_at = now;
    session.last_seen_at = now;
    session.expires_at = now + options_.session_lifetime;
    session.remote = Clip(remote, 64);
    session.user_agent = Clip(user_agent, 300);
    AC_ASSIGN_OR_RETURN(const std::int64_t id, CredentialRepository::InsertSession(tx, session));
    sign_in.principal = PrincipalOf(staff, Principal::Via::kSession, id, session.csrf_token);
    sign_in.staff = staff;
    sign_in.expires_at = std::min(session.expires_at, now + options_.session_idle);
    return sign_in;
}

Result<SignIn> AuthService::Login(std::string_view login_text, std::string_view password, std::string_view remote,
                                  std::string_view user_agent) {
    const std::string login = Trimmed(login_text);
    const std::string login_key = LoginKey(login);
    const std::optional<std::string> mobile = NormalizeMobile(login);
    struct Candidate {
        std::optional<Staff> staff;
        std::string hash;
    };
    const Instant started = clock_.Now();
    AC_ASSIGN_OR_RETURN(
        Candidate candidate, storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<Candidate> {
            AC_ASSIGN_OR_RETURN(auto found, IdentityRepository::FindStaffForLogin(tx, login_key, mobile.value_or("")));
            Candidate result;
            if (found) {
                result.staff = std::move(found->first);
                result.hash = std::move(found->second);
            }
            AC_RETURN_IF_ERROR(CheckLimits(tx, AccountKey(result.staff, login_key), remote, started));
            return result;
        }));
    const std::string account = AccountKey(candidate.staff, login_key);
    // Verify outside any transaction (it takes a tenth of a second), and as long for an account that does not
    // exist as for one that does.
    const bool can_sign_in = candidate.staff && candidate.staff->active && !candidate.hash.empty();
    bool verified = false;
    if (can_sign_in) {
        verified = VerifyPassword(candidate.hash, password);
    } else {
        VerifyAgainstDummy(password);
    }
    if (!verified) {
        AC_RETURN_IF_ERROR(RecordFailure(account, remote));
        return Fail(InvalidCredentials());
    }
    const Instant now = clock_.Now();
    AC_ASSIGN_OR_RETURN(SignIn sign_in,
                        storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<SignIn> {
                            AC_RETURN_IF_ERROR(CredentialRepository::ClearFailuresOfAccount(tx, account));
                            return OpenSession(tx, *candidate.staff, remote, user_agent, now);
                        }));
    log::Info("auth.signed_in", {{"staff_id", sign_in.staff.id.value()}, {"remote", remote}});
    return sign_in;
}

Status AuthService::Logout(const Principal& principal) {
    if (principal.via != Principal::Via::kSession) {
        return Ok();
    }
    const Instant now = clock_.Now();
    return storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) {
        return CredentialRepository::RevokeSession(tx, principal.credential_id, now);
    });
}

Result<Principal> AuthService::AuthenticateSession(std::string_view token) {
    const Error invalid = Error::Make(ErrorCode::kUnauthenticated, "auth.session_invalid");
    if (token.empty() || token.size() > 128) {
        return Fail(invalid);
    }
    const std::string hash = Sha256Hex(token);
    const Instant now = clock_.Now();
    struct Found {
        SessionRow session;
        Staff staff;
    };
    AC_ASSIGN_OR_RETURN(
        std::optional<Found> found,
        storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::optional<Found>> {
            AC_ASSIGN_OR_RETURN(auto session, CredentialRepository::FindSession(tx, hash));
            if (!session) {
                return std::optional<Found>();
            }
            AC_ASSIGN_OR_RETURN(auto staff, IdentityRepository::FindStaff(tx, session->staff_id));
            if (!staff) {
                return std::optional<Found>();
            }
            return std::optional<Found>(Found{std::move(*session), std::move(*staff)});
        }));
    if (!found || found->session.revoked_at || !found->staff.active || now >= found->session.expires_at ||
        now - found->session.last_seen_at >= options_.session_idle) {
        return Fail(invalid);
    }
    if (now - found->session.last_seen_at >= options_.touch_interval) {
        AC_RETURN_IF_ERROR(storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) {
            return CredentialRepository::TouchSession(tx, found->session.id, now);
        }));
    }
    return PrincipalOf(found->staff, Principal::Via::kSession, found->session.id, found->session.csrf_token);
}

Result<Principal> AuthService::AuthenticateApiToken(std::string_view token) {
    const Error invalid = Error::Make(ErrorCode::kUnauthenticated, "auth.token_invalid");
    if (!token.starts_with(kApiTokenPrefix) || token.size() > 128) {
        return Fail(invalid);
    }
    const std::string hash = Sha256Hex(token);
    const auto checked = std::chrono::steady_clock::now();
    std::uint64_t generation = 0;
    if (options_.token_cache.count() > 0) {
        std::lock_guard lock(tokens_mutex_);
        generation = tokens_generation_;
        if (const auto it = tokens_.find(hash);
            it != tokens_.end() && checked - it->second.checked < options_.token_cache) {
            return it->second.principal;
        }
    }
    const Instant now = clock_.Now();
    struct Found {
        ApiTokenRow token;
        Staff staff;
    };
    AC_ASSIGN_OR_RETURN(
        std::optional<Found> found,
        storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::optional<Found>> {
            AC_ASSIGN_OR_RETURN(auto row, CredentialRepository::FindApiToken(tx, hash));
            if (!row) {
                return std::optional<Found>();
            }
            AC_ASSIGN_OR_RETURN(auto staff, IdentityRepository::FindStaff(tx, row->staff_id));
            if (!staff) {
                return std::optional<Found>();
            }
            return std::optional<Found>(Found{std::move(*row), std::move(*staff)});
        }));
    if (!found || found->token.revoked_at || !found->staff.active) {
        return Fail(invalid);
    }
    if (!found->token.last_used_at || now - *found->token.last_used_at >= options_.touch_interval) {
        AC_RETURN_IF_ERROR(storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) {
            return CredentialRepository::TouchApiToken(tx, found->token.id, now);
        }));
    }
    Principal principal = PrincipalOf(found->staff, Principal::Via::kApiToken, found->token.id, "");
    if (options_.token_cache.count() > 0) {
        std::lock_guard lock(tokens_mutex_);
        // A change forgotten while this read ran may not be in what it read: then it is not remembered.
        if (generation == tokens_generation_) {
            if (tokens_.size() >= kRememberedTokens) {
                tokens_.clear();
            }
            tokens_.insert_or_assign(hash, RememberedToken{principal, checked});
        }
    }
    return principal;
}

void AuthService::ForgetPrincipals() {
    std::lock_guard lock(tokens_mutex_);
    tokens_.clear();
    ++tokens_generation_;
}

Result<SignIn> AuthService::ChangePassword(const Principal& principal, std::string_view current, std::string_view next,
                                           std::string_view remote, std::string_view user_agent) {
    const Instant started = clock_.Now();
    struct Current {
        Staff staff;
        std::string hash;
    };
    AC_ASSIGN_OR_RETURN(
        Current me, storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<Current> {
            AC_ASSIGN_OR_RETURN(auto found, IdentityRepository::FindStaffForLogin(tx, principal.username, ""));
            if (!found) {
                return Fail(Error::Make(ErrorCode::kUnauthenticated, "auth.session_invalid"));
            }
            AC_RETURN_IF_ERROR(CheckLimits(tx, AccountKey(found->first, ""), remote, started));
            return Current{std::move(found->first), std::move(found->second)};
        }));
    std::vector<FieldError> errors;
    if (me.hash.empty() || !VerifyPassword(me.hash, current)) {
        AC_RETURN_IF_ERROR(RecordFailure(AccountKey(me.staff, ""), remote));
        errors.push_back({"current_password", Message{"auth.password_wrong", {}}});
    }
    if (auto weak = CheckPasswordPolicy(next, me.staff.username)) {
        errors.push_back({"new_password", std::move(*weak)});
    } else if (next == current) {
        errors.push_back({"new_password", Message{"auth.password_unchanged", {}}});
    }
    if (!errors.empty()) {
        return Fail(Error::Validation(std::move(errors)));
    }
    const std::string hash = HashPassword(next);
    const Instant now = clock_.Now();
    AC_ASSIGN_OR_RETURN(
        SignIn sign_in, storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<SignIn> {
            AC_RETURN_IF_ERROR(IdentityRepository::SetPasswordHash(tx, me.staff.id, hash, me.staff.id, now));
            AC_RETURN_IF_ERROR(CredentialRepository::RevokeSessionsOf(tx, me.staff.id, now));
            if (principal.via != Principal::Via::kSession) {
                SignIn none;
                none.principal = principal;
                none.staff = me.staff;
                return none;
            }
            return OpenSession(tx, me.staff, remote, user_agent, now);
        }));
    log::Info("auth.password_changed", {{"staff_id", me.staff.id.value()}});
    return sign_in;
}

Result<Staff> AuthService::CurrentStaff(const Principal& principal) {
    return storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<Staff> {
        AC_ASSIGN_OR_RETURN(auto staff, IdentityRepository::FindStaff(tx, principal.staff_id));
        if (!staff) {
            return Fail(Error::Make(ErrorCode::kUnauthenticated, "auth.session_invalid"));
        }
        return std::move(*staff);
    });
}

Result<NewApiToken> AuthService::CreateApiToken(const Principal& actor, StaffId owner, std::string name) {
    name = Trimmed(name);
    if (name.empty() || json::Utf8Length(name) > 60) {
        return Fail(Error::Validation({FieldError{
            "name", name.empty() ? Message{"field.blank", {}} : Message{"field.too_long", {{"max", "60"}}}}}));
    }
    const Instant now = clock_.Now();
    return storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<NewApiToken> {
        AC_ASSIGN_OR_RETURN(auto staff, IdentityRepository::FindStaff(tx, owner));
        if (!staff) {
            return Fail(Error::Validation({FieldError{"staff_id", Message{"field.not_found", {}}}}));
        }
        if (!actor.CanSeeStore(staff->store_id)) {
            return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
        }
        NewApiToken created;
        created.token = std::string(kApiTokenPrefix) + RandomToken(32);
        created.row.token_hash = Sha256Hex(created.token);
        created.row.prefix = created.token.substr(0, 10);
        created.row.staff_id = owner;
        created.row.name = name;
        created.row.created_at = now;
        if (actor.staff_id.valid()) {
            created.row.created_by = actor.staff_id;
        }
        AC_ASSIGN_OR_RETURN(created.row.id, CredentialRepository::InsertApiToken(tx, created.row));
        log::Info("auth.api_token_created", {{"token_id", created.row.id}, {"staff_id", owner.value()}});
        return created;
    });
}

Result<NewApiToken> AuthService::CreateApiTokenFor(const Principal& actor, const std::string& username,
                                                   std::string name) {
    IdentityService identity(db_, clock_);
    AC_ASSIGN_OR_RETURN(const Staff owner, identity.FindByUsername(actor, username));
    return CreateApiToken(actor, owner.id, std::move(name));
}

Status AuthService::RevokeApiToken(const Principal& actor, std::int64_t id) {
    const Instant now = clock_.Now();
    Status revoked = storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
        AC_ASSIGN_OR_RETURN(auto token, CredentialRepository::FindApiTokenById(tx, id));
        if (!token) {
            return Fail(Error::Make(ErrorCode::kNotFound, "auth.token_not_found", {{"id", std::to_string(id)}}));
        }
        AC_ASSIGN_OR_RETURN(auto owner, IdentityRepository::FindStaff(tx, token->staff_id));
        if (!owner || !actor.CanSeeStore(owner->store_id)) {
            return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
        }
        return CredentialRepository::RevokeApiToken(tx, id, now);
    });
    if (revoked) {
        ForgetPrincipals();
    }
    return revoked;
}

Result<std::vector<ApiTokenRow>> AuthService::ListApiTokens(const Principal& actor) {
    return storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) {
        return CredentialRepository::ListApiTokens(tx, actor.StoreScope());
    });
}

}  // namespace ac::auth

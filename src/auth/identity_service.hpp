// Use cases of stores and staff. Every call takes the acting Principal; the caller (route or command line) has
// already checked the permission, the service checks the store scope and the data.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/identity.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace ac::auth {

struct StoreInput {
    std::string code;
    std::string name;
    std::string address;
    std::string phone;
    std::string time_zone = "Asia/Shanghai";
    bool active = true;
};

// Fields left empty are not changed. `version` is the version the caller saw.
struct StorePatch {
    std::optional<std::string> code;
    std::optional<std::string> name;
    std::optional<std::string> address;
    std::optional<std::string> phone;
    std::optional<std::string> time_zone;
    std::optional<bool> active;
    std::int64_t version = 0;
};

struct StaffInput {
    std::string username;
    std::string name;
    std::string phone;                // empty: none
    std::string employee_no;          // empty: none
    std::optional<StoreId> store_id;  // nullopt: head office
    std::vector<std::string> roles;   // role codes
    std::vector<std::string> skills;
    bool active = true;
    std::string password;  // empty: the account cannot sign in until a password is set
};

// Fields left empty are not changed; phone/employee_no "" clears them; store_id {nullopt} moves to head office.
struct StaffPatch {
    std::optional<std::string> username;
    std::optional<std::string> name;
    std::optional<std::string> phone;
    std::optional<std::string> employee_no;
    std::optional<std::optional<StoreId>> store_id;
    std::optional<std::vector<std::string>> roles;
    std::optional<std::vector<std::string>> skills;
    std::optional<bool> active;
    std::int64_t version = 0;
};

class IdentityService {
  public:
    // `db` and `clock` must outlive the service. Thread-safe.
    IdentityService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Creating a store is a chain-level act: only a principal who sees every store may.
    // Errors: kValidationFailed (every bad field; a taken code), kPermissionDenied "auth.store_forbidden".
    [[nodiscard]] Result<Store> CreateStore(const Principal& actor, const StoreInput& input);
    // Errors: kNotFound, kPermissionDenied for another store.
    [[nodiscard]] Result<Store> GetStore(const Principal& actor, StoreId id);
    // Errors: as GetStore, kValidationFailed, kAborted "error.conflict" for a stale version.
    [[nodiscard]] Result<Store> UpdateStore(const Principal& actor, StoreId id, const StorePatch& patch);
    // The stores the actor sees, filtered.
    [[nodiscard]] Result<Page<Store>> ListStores(const Principal& actor, StoreQuery query);

    // Errors: kValidationFailed (every bad field; taken username/phone/employee number; unknown store),
    // kPermissionDenied for a store the actor does not see.
    [[nodiscard]] Result<Staff> CreateStaff(const Principal& actor, const StaffInput& input);
    [[nodiscard]] Result<Staff> GetStaff(const Principal& actor, StaffId id);
    // Deactivating revokes the person's sessions in the same transaction. Refuses (kFailedPrecondition
    // "identity.last_admin") to deactivate or demote the last active administrator.
    [[nodiscard]] Result<Staff> UpdateStaff(const Principal& actor, StaffId id, const StaffPatch& patch);
    [[nodiscard]] Result<Page<Staff>> ListStaff(const Principal& actor, StaffQuery query);
    // Sets a new password (policy checked) and revokes the person's sessions.
    [[nodiscard]] Result<Staff> SetPassword(const Principal& actor, StaffId id, const std::string& password);
    // The store with this code (case-insensitive), if the actor sees it.
    [[nodiscard]] Result<Store> FindStoreByCode(const Principal& actor, const std::string& code);
    // The staff member with this username, if the actor sees them.
    [[nodiscard]] Result<Staff> FindByUsername(const Principal& actor, const std::string& username);
    // How many active administrators exist (for the start-up hint).
    [[nodiscard]] Result<std::int64_t> CountActiveAdmins();

    // Called after a change to a staff member or a store, for whoever remembers principals (AuthService). Set it
    // before the service is shared between threads.
    void OnChange(std::function<void()> listener) { on_change_ = std::move(listener); }

  private:
    void Changed() const {
        if (on_change_) {
            on_change_();
        }
    }

    storage::Database& db_;
    const Clock& clock_;
    std::function<void()> on_change_;
};

// The principal of a staff member as a credential of kind `via` presents it.
[[nodiscard]] Principal PrincipalOf(const Staff& staff, Principal::Via via, std::int64_t credential_id,
                                    std::string csrf_token);

// A principal for the command line: a head-office administrator acting as "system".
[[nodiscard]] Principal SystemPrincipal();

}  // namespace ac::auth

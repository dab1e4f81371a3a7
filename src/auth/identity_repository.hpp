// The SQL of stores and staff. Every function runs in the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/identity.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace ac::auth {

class IdentityRepository {
  public:
    // Inserts `store` (id, version and times are assigned) and returns its id.
    static Result<StoreId> InsertStore(storage::Transaction& tx, const Store& store, StaffId actor, Instant now);
    // Writes `store`'s fields if its stored version is `store.version`, then increments the version. Returns false
    // (and writes nothing) when the version is stale.
    static Result<bool> UpdateStore(storage::Transaction& tx, const Store& store, StaffId actor, Instant now);
    static Result<std::optional<Store>> FindStore(storage::Transaction& tx, StoreId id);
    static Result<std::optional<StoreId>> FindStoreIdByCode(storage::Transaction& tx, std::string_view code);
    static Result<Page<Store>> ListStores(storage::Transaction& tx, const StoreQuery& query);

    // Inserts `staff` with its roles and skills; `password_hash` may be empty (cannot sign in).
    static Result<StaffId> InsertStaff(storage::Transaction& tx, const Staff& staff, const std::string& password_hash,
                                       StaffId actor, Instant now);
    // Writes `staff`'s fields, roles and skills if its stored version is `staff.version`; false when stale.
    static Result<bool> UpdateStaff(storage::Transaction& tx, const Staff& staff, StaffId actor, Instant now);
    static Result<void> SetPasswordHash(storage::Transaction& tx, StaffId id, const std::string& hash, StaffId actor,
                                        Instant now);
    static Result<std::optional<Staff>> FindStaff(storage::Transaction& tx, StaffId id);
    // The staff member with this username or normalised phone, with the stored password hash (empty if none).
    static Result<std::optional<std::pair<Staff, std::string>>> FindStaffForLogin(storage::Transaction& tx,
                                                                                  std::string_view username,
                                                                                  std::string_view phone);
    static Result<Page<Staff>> ListStaff(storage::Transaction& tx, const StaffQuery& query);

    // The id of another staff member (not `except`) already holding this username / phone / employee number.
    static Result<std::optional<StaffId>> StaffWithUsername(storage::Transaction& tx, std::string_view username,
                                                            StaffId except);
    static Result<std::optional<StaffId>> StaffWithPhone(storage::Transaction& tx, std::string_view phone,
                                                         StaffId except);
    static Result<std::optional<StaffId>> StaffWithEmployeeNo(storage::Transaction& tx, std::string_view number,
                                                              StaffId except);
    // How many active staff hold `role`.
    static Result<std::int64_t> CountActiveWithRole(storage::Transaction& tx, Role role);
    // The directory's token (migration 0014): a new one with every change to staff or staff_roles.
    static Result<std::int64_t> DirectoryToken(storage::Transaction& tx);
    // The active staff holding `role`, of `store` when given, by id.
    static Result<std::vector<StaffId>> ActiveWithRole(storage::Transaction& tx, std::optional<StoreId> store,
                                                       Role role);
};

// `text` as a LIKE pattern matching it anywhere, lowercased, with %, _ and \ escaped (use ESCAPE '\').
[[nodiscard]] std::string ContainsPattern(std::string_view text);

}  // namespace ac::auth

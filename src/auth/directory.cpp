#include "auth/directory.hpp"

#include "auth/identity_repository.hpp"

namespace ac::auth {

Result<std::optional<kernel::Directory::Person>> IdentityDirectory::FindStaff(storage::Transaction& tx, StaffId id) {
    AC_ASSIGN_OR_RETURN(const std::optional<Staff> staff, IdentityRepository::FindStaff(tx, id));
    if (!staff) {
        return std::optional<Person>();
    }
    return std::optional<Person>(Person{staff->id, staff->name, staff->store_id, staff->roles, staff->active});
}

Result<std::vector<StaffId>> IdentityDirectory::ActiveWithRole(storage::Transaction& tx, std::optional<StoreId> store,
                                                               Role role) {
    AC_ASSIGN_OR_RETURN(const std::int64_t token, IdentityRepository::DirectoryToken(tx));
    const std::pair<std::int64_t, int> key(store ? store->value() : 0, static_cast<int>(role));
    {
        const std::lock_guard lock(mutex_);
        if (token == token_) {
            if (const auto it = role_holders_.find(key); it != role_holders_.end()) {
                return it->second;
            }
        }
    }
    AC_ASSIGN_OR_RETURN(std::vector<StaffId> holders, IdentityRepository::ActiveWithRole(tx, store, role));
    const std::lock_guard lock(mutex_);
    if (token != token_) {
        role_holders_.clear();
        token_ = token;
    }
    role_holders_[key] = holders;
    return holders;
}

Result<std::string> IdentityDirectory::StoreTimeZone(storage::Transaction& tx, StoreId store) {
    AC_ASSIGN_OR_RETURN(const std::optional<Store> found, IdentityRepository::FindStore(tx, store));
    if (!found) {
        return Fail(
            Error::Make(ErrorCode::kNotFound, "identity.store_not_found", {{"id", std::to_string(store.value())}}));
    }
    return found->time_zone;
}

}  // namespace ac::auth

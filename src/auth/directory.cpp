#include "auth/directory.hpp"

#include "auth/identity_repository.hpp"

namespace ac::auth {

template <class Map, class Load>
Result<typename Map::mapped_type> IdentityDirectory::Remembered(Map& memo, std::int64_t token,
                                                                const typename Map::key_type& key, Load&& load) {
    {
        const std::lock_guard lock(mutex_);
        if (token == token_) {
            if (const auto it = memo.find(key); it != memo.end()) {
                return it->second;
            }
        }
    }
    AC_ASSIGN_OR_RETURN(typename Map::mapped_type answer, load());
    const std::lock_guard lock(mutex_);
    if (token != token_) {
        role_holders_.clear();
        time_zones_.clear();
        people_.clear();
        token_ = token;
    }
    memo[key] = answer;
    return answer;
}

Result<std::optional<kernel::Directory::Person>> IdentityDirectory::FindStaff(storage::Transaction& tx, StaffId id) {
    AC_ASSIGN_OR_RETURN(const std::int64_t token, IdentityRepository::DirectoryToken(tx));
    return Remembered(people_, token, id.value(), [&]() -> Result<std::optional<Person>> {
        AC_ASSIGN_OR_RETURN(const std::optional<Staff> staff, IdentityRepository::FindStaff(tx, id));
        if (!staff) {
            return std::optional<Person>();
        }
        return std::optional<Person>(Person{staff->id, staff->name, staff->store_id, staff->roles, staff->active});
    });
}

Result<std::vector<StaffId>> IdentityDirectory::ActiveWithRole(storage::Transaction& tx, std::optional<StoreId> store,
                                                               Role role) {
    AC_ASSIGN_OR_RETURN(const std::int64_t token, IdentityRepository::DirectoryToken(tx));
    return Remembered(role_holders_, token, {store ? store->value() : 0, static_cast<int>(role)},
                      [&] { return IdentityRepository::ActiveWithRole(tx, store, role); });
}

Result<std::string> IdentityDirectory::StoreTimeZone(storage::Transaction& tx, StoreId store) {
    AC_ASSIGN_OR_RETURN(const std::int64_t token, IdentityRepository::DirectoryToken(tx));
    return Remembered(time_zones_, token, store.value(), [&]() -> Result<std::string> {
        AC_ASSIGN_OR_RETURN(const std::optional<Store> found, IdentityRepository::FindStore(tx, store));
        if (!found) {
            return Fail(
                Error::Make(ErrorCode::kNotFound, "identity.store_not_found", {{"id", std::to_string(store.value())}}));
        }
        return found->time_zone;
    });
}

}  // namespace ac::auth

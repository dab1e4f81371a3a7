// The kernel's view of people and stores (kernel::Directory), answered from the identity tables.
#pragma once

#include <map>
#include <mutex>
#include <utility>

#include "kernel/document.hpp"

namespace ac::auth {

class IdentityDirectory final : public kernel::Directory {
  public:
    // These three answer from memory while the transaction reads the directory token the answer was computed
    // under (migration 0014: any change to staff, staff_roles or stores, by any process, draws a new one).
    Result<std::optional<Person>> FindStaff(storage::Transaction& tx, StaffId id) override;
    Result<std::vector<StaffId>> ActiveWithRole(storage::Transaction& tx, std::optional<StoreId> store,
                                                Role role) override;
    Result<std::string> StoreTimeZone(storage::Transaction& tx, StoreId store) override;

  private:
    // The answer under `token` from `memo`, or from `load` (then remembered under `token`).
    template <class Map, class Load>
    Result<typename Map::mapped_type> Remembered(Map& memo, std::int64_t token, const typename Map::key_type& key,
                                                 Load&& load);

    std::mutex mutex_;
    std::int64_t token_ = 0;                                                     // the token of every answer below
    std::map<std::pair<std::int64_t, int>, std::vector<StaffId>> role_holders_;  // (store or 0, role) → staff
    std::map<std::int64_t, std::string> time_zones_;                             // store → IANA zone
    std::map<std::int64_t, std::optional<Person>> people_;                       // staff id → person
};

}  // namespace ac::auth

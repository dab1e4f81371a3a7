// The kernel's view of people and stores (kernel::Directory), answered from the identity tables.
#pragma once

#include <map>
#include <mutex>
#include <utility>

#include "kernel/document.hpp"

namespace ac::auth {

class IdentityDirectory final : public kernel::Directory {
  public:
    Result<std::optional<Person>> FindStaff(storage::Transaction& tx, StaffId id) override;
    // Answers from memory while the transaction reads the directory token the answer was computed under
    // (migration 0014: any change to staff or staff_roles, by any process, draws a new one).
    Result<std::vector<StaffId>> ActiveWithRole(storage::Transaction& tx, std::optional<StoreId> store,
                                                Role role) override;
    Result<std::string> StoreTimeZone(storage::Transaction& tx, StoreId store) override;

  private:
    std::mutex mutex_;
    std::int64_t token_ = 0;  // the token of every answer in role_holders_
    std::map<std::pair<std::int64_t, int>, std::vector<StaffId>> role_holders_;  // (store or 0, role) → staff
};

}  // namespace ac::auth

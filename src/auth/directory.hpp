// The kernel's view of people and stores (kernel::Directory), answered from the identity tables.
#pragma once

#include "kernel/document.hpp"

namespace ac::auth {

class IdentityDirectory final : public kernel::Directory {
  public:
    Result<std::optional<Person>> FindStaff(storage::Transaction& tx, StaffId id) override;
    Result<std::vector<StaffId>> ActiveWithRole(storage::Transaction& tx, std::optional<StoreId> store,
                                                Role role) override;
    Result<std::string> StoreTimeZone(storage::Transaction& tx, StoreId store) override;
};

}  // namespace ac::auth

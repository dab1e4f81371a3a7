#include "core/principal.hpp"

namespace ac {
namespace {

constexpr std::array<RoleInfo, kRoleCount> kRoles = {{
    {Role::kSalesperson, "salesperson", "导购", "Salesperson", false},
    {Role::kOrderFollower, "order_follower", "跟单员/库管", "Order follower / warehouse keeper", false},
    {Role::kAftersalesAgent, "aftersales_agent", "售后服务人员", "After-sales agent", false},
    {Role::kAftersalesSupervisor, "aftersales_supervisor", "售后主管", "After-sales supervisor", false},
    {Role::kAftersalesHead, "aftersales_head", "售后服务部负责人", "Head of after-sales", true},
    {Role::kInstaller, "installer", "送货安装工", "Installer", false},
    {Role::kTechnician, "technician", "维修人员", "Technician", false},
    {Role::kStoreManager, "store_manager", "店长", "Store manager", false},
    {Role::kAdmin, "admin", "系统管理员", "Administrator", true},
}};

}  // namespace

const std::array<RoleInfo, kRoleCount>& Roles() {
    return kRoles;
}

const RoleInfo& InfoOf(Role role) {
    return kRoles[static_cast<std::size_t>(role)];
}

std::optional<Role> RoleFromCode(std::string_view code) {
    for (const RoleInfo& info : kRoles) {
        if (info.code == code) {
            return info.role;
        }
    }
    return std::nullopt;
}

bool Principal::SeesAllStores() const {
    if (!store_id) {
        return true;
    }
    for (const RoleInfo& info : kRoles) {
        if (info.chain_wide && Has(roles, info.role)) {
            return true;
        }
    }
    return false;
}

bool Principal::CanSeeStore(std::optional<StoreId> store) const {
    if (SeesAllStores()) {
        return true;
    }
    return store.has_value() && store == store_id;
}

std::optional<StoreId> Principal::StoreScope() const {
    if (SeesAllStores()) {
        return std::nullopt;
    }
    return store_id;
}

}  // namespace ac

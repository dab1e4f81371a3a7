// Who is acting: the signed-in staff member (or the owner of an API token), with their roles and store.
//
// Every service takes the Principal of the request. Which roles may do what is auth/'s permission table; this
// header only says who someone is and which stores they see.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/id.hpp"

namespace ac {

using StoreId = Id<struct StoreTag>;
using StaffId = Id<struct StaffTag>;

// The roles of REQUIREMENTS.md. One person may hold several.
enum class Role : std::uint8_t {
    kSalesperson,           // 导购
    kOrderFollower,         // 跟单员/库管
    kAftersalesAgent,       // 售后服务人员
    kAftersalesSupervisor,  // 售后主管
    kAftersalesHead,        // 售后服务部负责人
    kInstaller,             // 送货安装工
    kTechnician,            // 维修人员
    kStoreManager,          // 店长
    kAdmin,                 // 系统管理员
};
inline constexpr std::size_t kRoleCount = 9;

struct RoleInfo {
    Role role;
    std::string_view code;   // the API's name: "aftersales_agent"
    std::string_view zh_cn;  // 售后服务人员
    std::string_view en;     // After-sales agent
    bool chain_wide;         // sees every store, wherever the person belongs
};

// Every role, in enum order.
[[nodiscard]] const std::array<RoleInfo, kRoleCount>& Roles();
[[nodiscard]] const RoleInfo& InfoOf(Role role);
// The role with API code `code`, or nullopt.
[[nodiscard]] std::optional<Role> RoleFromCode(std::string_view code);

using RoleSet = std::bitset<kRoleCount>;

[[nodiscard]] inline bool Has(const RoleSet& roles, Role role) {
    return roles.test(static_cast<std::size_t>(role));
}
inline void Add(RoleSet& roles, Role role) {
    roles.set(static_cast<std::size_t>(role));
}
[[nodiscard]] inline RoleSet RolesOf(std::initializer_list<Role> roles) {
    RoleSet set;
    for (const Role role : roles) {
        Add(set, role);
    }
    return set;
}

struct Principal {
    enum class Via : std::uint8_t { kSession, kApiToken, kSystem };

    StaffId staff_id;
    std::string username;
    std::string name;
    std::optional<StoreId> store_id;  // nullopt: head office
    RoleSet roles;
    Via via = Via::kSession;
    std::int64_t credential_id = 0;  // the session's or the API token's row id
    std::string csrf_token;          // sessions only

    // Head-office staff and holders of a chain-wide role see every store; everyone else sees their own.
    [[nodiscard]] bool SeesAllStores() const;
    [[nodiscard]] bool CanSeeStore(std::optional<StoreId> store) const;
    // The store a query must be limited to: nullopt when the principal sees all stores.
    [[nodiscard]] std::optional<StoreId> StoreScope() const;
};

}  // namespace ac

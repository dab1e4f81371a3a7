#include "auth/permissions.hpp"

#include <initializer_list>

#include "http/router.hpp"

namespace ac::auth {
namespace {

RoleSet Of(std::initializer_list<Role> roles) {
    RoleSet set;
    for (const Role role : roles) {
        Add(set, role);
    }
    return set;
}

RoleSet Everyone() {
    return RoleSet().set();
}

const std::vector<PermissionDef>& Table() {
    using enum Role;
    static const std::vector<PermissionDef> kTable = {
        {"stores.read", "查看门店", "View stores", Everyone()},
        {"stores.write", "管理门店", "Manage stores", Of({kAdmin})},
        {"staff.read", "查看员工", "View staff",
         Of({kAdmin, kAftersalesHead, kAftersalesSupervisor, kAftersalesAgent, kStoreManager, kOrderFollower})},
        {"staff.write", "管理员工与账号", "Manage staff and accounts", Of({kAdmin})},
        {"api_tokens.manage", "管理 API 令牌", "Manage API tokens", Of({kAdmin})},
        {"webhooks.manage", "管理 Webhook 订阅", "Manage webhook subscriptions", Of({kAdmin})},
        {"calendar.write", "设置门店营业日历", "Set store business calendars", Of({kAdmin, kAftersalesHead})},
        {"catalog.read", "查看客户与商品", "View customers and products", Everyone()},
        {"customers.write", "登记和修改客户", "Register and change customers",
         Of({kSalesperson, kOrderFollower, kAftersalesAgent, kAftersalesSupervisor, kAftersalesHead, kStoreManager,
             kAdmin})},
        {"customers.merge", "合并重复客户", "Merge duplicate customers",
         Of({kAftersalesSupervisor, kAftersalesHead, kStoreManager, kAdmin})},
        {"products.write", "管理商品目录", "Manage the product catalog", Of({kOrderFollower, kAftersalesHead, kAdmin})},
        {"repairs.read", "查看维修登记", "View repair tickets", Everyone()},
        {"repairs.register", "登记维修问题", "Register repair problems",
         Of({kSalesperson, kStoreManager, kAftersalesAgent, kAftersalesSupervisor, kAftersalesHead})},
        {"checklists.manage", "设置上门检查表", "Set visit checklists", Of({kAdmin, kAftersalesHead})},
        {"repairs.visit", "上门维修", "Make repair visits", Of({kTechnician})},
        {"sla.manage", "设置服务时限规则", "Set SLA policies", Of({kAdmin, kAftersalesHead})},
        {"contracts.read", "查看销售合同与工厂订单", "View sales contracts and factory orders", Everyone()},
        {"contracts.write", "录入销售合同", "Enter sales contracts", Of({kSalesperson, kOrderFollower})},
        {"stock.read", "查看库存", "View stock", Everyone()},
        {"stock.write", "管理仓库与入库", "Manage warehouses and receive goods", Of({kOrderFollower, kAdmin})},
        {"factory_orders.write", "生成工厂订单", "Draft factory orders", Of({kOrderFollower})},
        {"deliveries.read", "查看送货安装", "View deliveries", Everyone()},
        {"deliveries.visit", "送货安装上门", "Deliver and install", Of({kInstaller})},
    };
    return kTable;
}

}  // namespace

std::span<const PermissionDef> Permissions() {
    return Table();
}

bool IsKnownPermission(std::string_view permission) {
    if (permission == http::kPublic || permission == http::kAuthenticated) {
        return true;
    }
    for (const PermissionDef& def : Table()) {
        if (def.name == permission) {
            return true;
        }
    }
    return false;
}

bool Allows(const RoleSet& roles, std::string_view permission) {
    if (permission == http::kPublic || permission == http::kAuthenticated) {
        return true;
    }
    for (const PermissionDef& def : Table()) {
        if (def.name == permission) {
            return (def.roles & roles).any();
        }
    }
    return false;
}

std::vector<std::string_view> PermissionsOf(const RoleSet& roles) {
    std::vector<std::string_view> held;
    for (const PermissionDef& def : Table()) {
        if ((def.roles & roles).any()) {
            held.push_back(def.name);
        }
    }
    return held;
}

}  // namespace ac::auth

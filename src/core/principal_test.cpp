#include "core/principal.hpp"

#include <set>

#include <gtest/gtest.h>

namespace ac {
namespace {

Principal Member(std::optional<StoreId> store, std::initializer_list<Role> roles) {
    Principal principal;
    principal.store_id = store;
    for (const Role role : roles) {
        Add(principal.roles, role);
    }
    return principal;
}

TEST(Roles, TheTableHasEveryRoleOfTheRegulationsOnce) {
    std::set<std::string_view> codes;
    for (std::size_t i = 0; i < Roles().size(); ++i) {
        const RoleInfo& info = Roles()[i];
        EXPECT_EQ(static_cast<std::size_t>(info.role), i) << "table in enum order";
        EXPECT_TRUE(codes.insert(info.code).second) << info.code;
        EXPECT_EQ(RoleFromCode(info.code), info.role);
        EXPECT_FALSE(info.zh_cn.empty());
        EXPECT_FALSE(info.en.empty());
    }
    for (const char* code : {"salesperson", "order_follower", "aftersales_agent", "aftersales_supervisor",
                             "aftersales_head", "installer", "technician", "store_manager", "admin"}) {
        EXPECT_TRUE(RoleFromCode(code).has_value()) << code;
    }
    EXPECT_EQ(RoleFromCode("boss"), std::nullopt);
    EXPECT_EQ(InfoOf(Role::kAftersalesAgent).zh_cn, "售后服务人员");
}

TEST(Principal, StoreStaffSeeTheirOwnStoreOnly) {
    const Principal agent = Member(StoreId(1), {Role::kAftersalesAgent});
    EXPECT_FALSE(agent.SeesAllStores());
    EXPECT_TRUE(agent.CanSeeStore(StoreId(1)));
    EXPECT_FALSE(agent.CanSeeStore(StoreId(2)));
    EXPECT_FALSE(agent.CanSeeStore(std::nullopt)) << "head-office records are not a store's";
    EXPECT_EQ(agent.StoreScope(), StoreId(1));
}

TEST(Principal, HeadOfficeStaffAndChainWideRolesSeeEveryStore) {
    const Principal head_office = Member(std::nullopt, {Role::kAftersalesAgent});
    EXPECT_TRUE(head_office.SeesAllStores());
    EXPECT_EQ(head_office.StoreScope(), std::nullopt);
    const Principal head_in_a_store = Member(StoreId(1), {Role::kAftersalesHead});
    EXPECT_TRUE(head_in_a_store.SeesAllStores());
    EXPECT_TRUE(head_in_a_store.CanSeeStore(StoreId(7)));
    const Principal manager_and_admin = Member(StoreId(1), {Role::kStoreManager, Role::kAdmin});
    EXPECT_TRUE(manager_and_admin.SeesAllStores());
}

}  // namespace
}  // namespace ac

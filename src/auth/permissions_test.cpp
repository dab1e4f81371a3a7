#include "auth/permissions.hpp"

#include <set>

#include <gtest/gtest.h>

#include "http/router.hpp"

namespace ac::auth {
namespace {

RoleSet Only(Role role) {
    RoleSet set;
    Add(set, role);
    return set;
}

TEST(Permissions, TheTableIsWellFormed) {
    std::set<std::string_view> names;
    for (const PermissionDef& def : Permissions()) {
        EXPECT_TRUE(names.insert(def.name).second) << def.name;
        EXPECT_NE(def.name.find('.'), std::string_view::npos) << "resource.action: " << def.name;
        EXPECT_TRUE(def.roles.any()) << def.name << " is held by nobody";
        EXPECT_FALSE(def.zh_cn.empty());
        EXPECT_FALSE(def.en.empty());
        EXPECT_TRUE(IsKnownPermission(def.name));
    }
    EXPECT_TRUE(IsKnownPermission(http::kPublic));
    EXPECT_TRUE(IsKnownPermission(http::kAuthenticated));
    EXPECT_FALSE(IsKnownPermission("stores.delete"));
    EXPECT_FALSE(IsKnownPermission(""));
}

TEST(Permissions, AllowsFollowsTheTable) {
    EXPECT_TRUE(Allows(Only(Role::kAdmin), "stores.write"));
    EXPECT_FALSE(Allows(Only(Role::kAftersalesAgent), "stores.write"));
    EXPECT_TRUE(Allows(Only(Role::kAftersalesAgent), "staff.read"));
    EXPECT_FALSE(Allows(Only(Role::kInstaller), "staff.read"));
    EXPECT_TRUE(Allows(Only(Role::kInstaller), "stores.read"));
    EXPECT_TRUE(Allows(Only(Role::kInstaller), http::kAuthenticated));
    EXPECT_FALSE(Allows(Only(Role::kAdmin), "no.such.permission"));
    RoleSet two = Only(Role::kInstaller);
    Add(two, Role::kAdmin);
    EXPECT_TRUE(Allows(two, "staff.write")) << "one role holding it is enough";
    EXPECT_FALSE(Allows(RoleSet(), "stores.read")) << "no role, no permission";
}

TEST(Permissions, PermissionsOfListsWhatTheRolesHold) {
    const auto installer = PermissionsOf(Only(Role::kInstaller));
    EXPECT_EQ(installer, (std::vector<std::string_view>{"stores.read", "catalog.read", "repairs.read", "contracts.read",
                                                        "stock.read", "deliveries.read", "deliveries.visit"}));
    const auto admin = PermissionsOf(Only(Role::kAdmin));
    // Everything but registering repair problems (the store's and after-sales' work, C1, C4), entering contracts
    // and drafting factory orders (salespeople's and order followers', A2, A4), and the field work of technicians
    // and installers.
    EXPECT_EQ(admin.size(), Permissions().size() - 5);
    EXPECT_FALSE(Allows(Only(Role::kAdmin), "repairs.register"));
}

}  // namespace
}  // namespace ac::auth

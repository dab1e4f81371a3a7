// The demo store chain `aftercare serve --demo` (and so `make run`) creates on an empty database, so that a new
// user can sign in at once.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "auth/identity_service.hpp"
#include "core/i18n.hpp"
#include "kernel/kernel.hpp"
#include "modules/catalog/catalog_service.hpp"
#include "modules/contracts/contract_service.hpp"
#include "modules/repair/repair_service.hpp"

namespace ac::app {

// Every demo account has this password (and is told to change it).
inline constexpr std::string_view kDemoPassword = "demo2026";

struct DemoLogin {
    std::string username;
    Role role;
    std::string store;  // store name, or empty for the head office
};

// When the database has no staff at all: three stores and one account per role (an extra agent in the second
// store, to show store scope), and a catalog of customers and products. Returns the demo accounts, created now or
// earlier; an empty list when the database already held other staff.
[[nodiscard]] Result<std::vector<DemoLogin>> EnsureDemoData(auth::IdentityService& identity,
                                                            catalog::CatalogService& catalog);

// When the demo chain has no repair ticket yet: a few registered problems in the first store, as the demo
// after-sales agent and salesperson registered them (their 30-minute clocks start now).
[[nodiscard]] Status EnsureDemoRepairs(auth::IdentityService& identity, repair::RepairService& repairs);
// Warehouses with stock, contracts in each state, the day's factory orders and delivery jobs, one scheduled.
[[nodiscard]] Status EnsureDemoContracts(auth::IdentityService& identity, contracts::ContractService& contracts,
                                         kernel::Kernel& kernel);

// Prints the demo accounts as a table in `lang`.
void PrintDemoLogins(const std::vector<DemoLogin>& logins, Lang lang, std::ostream& out);

}  // namespace ac::app

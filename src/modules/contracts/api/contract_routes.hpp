// HTTP for chapter A: contracts, the order follower's board, stock, warehouses and factory orders.
#pragma once

#include "core/i18n.hpp"
#include "http/router.hpp"
#include "kernel/kernel.hpp"
#include "modules/contracts/contract_service.hpp"

namespace ac::contracts {

void AddContractRoutes(http::Router& router, ContractService& contracts, kernel::Kernel& kernel,
                       const Catalog& catalog);

}  // namespace ac::contracts

// Repairs over HTTP: registration, the ticket list, and the kernel's document routes for repair tickets.
#pragma once

#include "core/i18n.hpp"
#include "http/router.hpp"
#include "kernel/kernel.hpp"
#include "modules/repair/repair_service.hpp"

namespace ac::repair {

void AddRepairRoutes(http::Router& router, RepairService& repairs, kernel::Kernel& kernel, const Catalog& catalog);

}  // namespace ac::repair

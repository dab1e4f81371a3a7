// HTTP for chapter B: delivery jobs and the dispatch board; the actions through the kernel's document routes.
#pragma once

#include "core/i18n.hpp"
#include "http/router.hpp"
#include "kernel/kernel.hpp"
#include "modules/delivery/delivery_service.hpp"

namespace ac::delivery {

void AddDeliveryRoutes(http::Router& router, DeliveryService& deliveries, kernel::Kernel& kernel,
                       const Catalog& catalog);

}  // namespace ac::delivery

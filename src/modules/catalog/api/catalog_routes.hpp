// The catalog over HTTP: /api/v1/customers, /api/v1/products.
#pragma once

#include "http/router.hpp"
#include "modules/catalog/catalog_service.hpp"

namespace ac::catalog {

// `catalog` must outlive the router.
void AddCatalogRoutes(http::Router& router, CatalogService& catalog);

}  // namespace ac::catalog

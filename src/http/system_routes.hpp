// The routes every installation has: health, readiness, metrics and the API document.
#pragma once

#include <functional>
#include <string>

#include "core/result.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace ac::http {

struct SystemRoutesConfig {
    // Whether the server can do its work (the database answers); /readyz is 503 while it fails.
    std::function<Status()> ready_check;
    std::string version;  // for the OpenAPI document and /api/v1/version
    std::string commit;
};

// Adds GET /healthz, /readyz, /metrics, /api/v1/version and /api/v1/openapi.json. `router` and `metrics` must
// outlive the routes; the OpenAPI document is built from `router` on first request, after every route is added.
void AddSystemRoutes(Router& router, Metrics& metrics, SystemRoutesConfig config);

}  // namespace ac::http

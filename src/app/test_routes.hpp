// Routes that exist only with --enable-test-routes, so that the API tests can reach behaviour no production
// route shows on its own yet: JSON validation end to end, a handler that throws, a slow handler.
#pragma once

#include "http/router.hpp"

namespace ac::app {

// POST /api/v1/test/echo: validates a small order-line-like body and echoes it normalised.
// GET  /api/v1/test/panic: throws (the pipeline must answer 500 and keep serving).
// GET  /api/v1/test/sleep?ms=N: answers after N milliseconds (at most 60000), on the worker pool.
void AddTestRoutes(http::Router& router);

}  // namespace ac::app

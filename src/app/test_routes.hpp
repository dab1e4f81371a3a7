// Routes that exist only with --enable-test-routes, so that the API tests can reach behaviour no production
// route shows on its own yet: JSON validation end to end, a handler that throws, a slow handler.
#pragma once

#include <functional>

#include "core/clock.hpp"
#include "http/router.hpp"
#include "kernel/kernel.hpp"

namespace ac::app {

// POST /api/v1/test/echo: validates a small order-line-like body and echoes it normalised.
// GET  /api/v1/test/panic: throws (the pipeline must answer 500 and keep serving).
// GET  /api/v1/test/sleep?ms=N: answers after N milliseconds (at most 60000), on the worker pool.
void AddTestRoutes(http::Router& router);

// GET /api/v1/test/clock: the fake clock's time. POST /api/v1/test/clock with {"advance_ms": N} or
// {"set": "<RFC 3339>"}: moves it (never backwards through advance_ms). Only with --fake-clock.
// `changed` runs after every move (it wakes the SLA scheduler and the webhook sender).
void AddClockRoutes(http::Router& router, FakeClock& clock, std::function<void()> changed);
// The kernel's test document type over HTTP: POST /api/v1/test-tickets {store_id, title, assignee_id?} and the
// generic document routes under /api/v1/test-tickets/{id}.
void AddTestTicketRoutes(http::Router& router, kernel::Kernel& kernel, const Catalog& catalog);

}  // namespace ac::app

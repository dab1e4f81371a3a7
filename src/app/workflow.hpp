// The workflow kernel's running parts in one server: the document registry and SLA policies, the kernel, the
// SLA scheduler, the webhook sender, the WebSocket hub with its notification pusher, and the fan-out that ties
// them (and, on PostgreSQL, the other servers) together.
#pragma once

#include <memory>

#include "app/config.hpp"
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "http/router.hpp"
#include "http/websocket_hub.hpp"
#include "kernel/kernel.hpp"
#include "storage/database.hpp"

namespace ac::app {

class Workflow {
  public:
    // Registers the document types (the test ticket too with --enable-test-routes). Throws std::logic_error when
    // a type's labels are missing from the catalog.
    Workflow(storage::Database& db, const Clock& clock, const Catalog& catalog, const Config& config);
    ~Workflow();
    Workflow(const Workflow&) = delete;
    Workflow& operator=(const Workflow&) = delete;

    // Creates the test ticket table when enabled, starts listening (PostgreSQL) and the threads. Timers whose
    // deadline passed while no server ran fire now.
    [[nodiscard]] Status Start();
    void Stop();

    void AddRoutes(http::Router& router);
    // The clock moved (the test clock): look at timers and deliveries again.
    void ClockChanged();

    [[nodiscard]] http::WebSocketHub& hub();
    [[nodiscard]] kernel::Kernel& kernel();

  private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

}  // namespace ac::app

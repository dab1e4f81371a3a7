#include "app/workflow.hpp"

#include <filesystem>
#include <stdexcept>

#include "auth/directory.hpp"
#include "http/client.hpp"
#include "kernel/api/routes.hpp"
#include "kernel/scheduler.hpp"
#include "kernel/test_ticket.hpp"
#include "kernel/webhook_sender.hpp"
#include "log/log.hpp"
#include "modules/contracts/contract_workflow.hpp"
#include "modules/delivery/delivery_workflow.hpp"
#include "modules/repair/repair_workflow.hpp"

namespace ac::app {
namespace {

kernel::PostOutcome PostWebhook(const kernel::OutgoingPost& post) {
    const http::ClientResponse response =
        http::Post(http::ClientRequest{post.url, post.headers, post.body, post.timeout});
    return kernel::PostOutcome{response.status, response.error};
}

}  // namespace

struct Workflow::Parts final : kernel::SignalSink {
    Parts(storage::Database& database, const Clock& c, const Catalog& cat, const Config& config)
        : db(database),
          clock(c),
          catalog(cat),
          test_types(config.enable_test_routes),
          blobs(db.backend() == storage::Backend::kSqlite
                    ? kernel::MakeFileBlobStore(std::filesystem::path(config.data_dir) / "files")
                    : kernel::MakeDatabaseBlobStore()),
          fanout(MakeFanout()),
          kernel(db, clock, registry, policies, directory, *blobs, *fanout),
          scheduler(kernel, clock, kernel::Scheduler::Options{.batch = static_cast<int>(config.sla_batch)}),
          sender(db, clock, PostWebhook,
                 kernel::WebhookSender::Options{.max_attempts = static_cast<int>(config.webhook_max_attempts)}),
          pusher(kernel, catalog, hub) {}

    std::unique_ptr<kernel::Fanout> MakeFanout() {
        if (db.backend() == storage::Backend::kPostgres) {
            auto postgres = std::make_unique<kernel::PostgresFanout>(db, *this);
            postgres_fanout = postgres.get();
            return postgres;
        }
        return std::make_unique<kernel::LocalFanout>(*this);
    }

    void Deliver(const std::vector<kernel::Signal>& signals) override {
        for (const kernel::Signal& signal : signals) {
            switch (signal.kind) {
                case kernel::Signal::Kind::kNotification:
                    pusher.Push(signal.id, signal.staff);
                    break;
                case kernel::Signal::Kind::kTimers:
                    if (signal.id != 0) {
                        scheduler.WakeFor(FromEpochMs(signal.id));
                    } else {
                        scheduler.Wake();
                    }
                    break;
                case kernel::Signal::Kind::kOutbox:
                    sender.Wake();
                    break;
            }
        }
    }

    storage::Database& db;
    const Clock& clock;
    const Catalog& catalog;
    const bool test_types;
    kernel::Registry registry;
    kernel::Policies policies;
    auth::IdentityDirectory directory;
    std::unique_ptr<kernel::BlobStore> blobs;
    http::WebSocketHub hub;
    kernel::PostgresFanout* postgres_fanout = nullptr;
    std::unique_ptr<kernel::Fanout> fanout;
    kernel::Kernel kernel;
    kernel::Scheduler scheduler;
    kernel::WebhookSender sender;
    kernel::api::NotificationPusher pusher;
};

Workflow::Workflow(storage::Database& db, const Clock& clock, const Catalog& catalog, const Config& config)
    : parts_(std::make_unique<Parts>(db, clock, catalog, config)) {
    parts_->registry.Add(repair::TicketType());
    repair::AddChecklists(parts_->registry);
    repair::AddPolicies(parts_->policies);
    parts_->registry.Add(contracts::ContractType(delivery::JobFor));
    parts_->registry.Add(contracts::FactoryOrderType());
    contracts::AddPolicies(parts_->policies);
    parts_->registry.Add(delivery::JobType());
    delivery::AddChecklists(parts_->registry);
    delivery::AddPolicies(parts_->policies);
    if (parts_->test_types) {
        parts_->registry.Add(kernel::test_ticket::Type());
        kernel::test_ticket::AddPolicies(parts_->policies);
    }
    const std::vector<std::string> missing = kernel::api::MissingLabels(parts_->registry, parts_->policies, catalog);
    if (!missing.empty()) {
        throw std::logic_error("the catalog lacks " + std::to_string(missing.size()) + " label(s), first " +
                               missing.front());
    }
}

Workflow::~Workflow() {
    Stop();
}

Status Workflow::Start() {
    if (parts_->test_types) {
        AC_RETURN_IF_ERROR(kernel::test_ticket::EnsureTable(parts_->db));
    }
    if (parts_->postgres_fanout != nullptr) {
        AC_RETURN_IF_ERROR(parts_->postgres_fanout->Start());
    }
    parts_->pusher.Start();
    parts_->sender.Start();
    parts_->scheduler.Start();
    return Ok();
}

void Workflow::Stop() {
    parts_->scheduler.Stop();
    parts_->sender.Stop();
    parts_->pusher.Stop();
    if (parts_->postgres_fanout != nullptr) {
        parts_->postgres_fanout->Stop();
    }
}

void Workflow::AddRoutes(http::Router& router) {
    kernel::api::AddNotificationRoutes(router, parts_->kernel, parts_->catalog);
    kernel::api::AddWebhookRoutes(router, parts_->kernel);
    kernel::api::AddCalendarRoutes(router, parts_->kernel, parts_->catalog);
}

void Workflow::ClockChanged() {
    parts_->scheduler.Wake();
    parts_->sender.Wake();
}

http::WebSocketHub& Workflow::hub() {
    return parts_->hub;
}

kernel::Kernel& Workflow::kernel() {
    return parts_->kernel;
}

}  // namespace ac::app

// The workflow kernel: the one place where documents are created and their actions applied.
//
// Applying an action is one transaction of eight steps: (1) authorise the actor's store and role, (2) check the
// caller's version, (3) validate the inputs and the guards, (4) run the module's effect, (5) append the
// hash-chained event, (6) start/pause/resume/stop SLA timers, (7) write notifications and webhook deliveries,
// (8) commit — and only then signal (WebSocket pushes, the scheduler, the webhook sender).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/blob_store.hpp"
#include "kernel/calendar.hpp"
#include "kernel/document.hpp"
#include "kernel/fanout.hpp"
#include "kernel/repository.hpp"
#include "kernel/sla.hpp"

namespace ac::kernel {

struct ApplyRequest {
    DocumentId id;
    std::string action;
    std::int64_t version = 0;
    ActionInputs inputs;
    std::string request_id;
};

struct TimelineEntry {
    EventRow event;
    std::string actor_name;  // empty for the system (the SLA scheduler)
};

class Kernel {
  public:
    // Every reference must outlive the kernel. Thread-safe.
    Kernel(storage::Database& db, const Clock& clock, const Registry& registry, const Policies& policies,
           Directory& directory, BlobStore& blobs, Fanout& fanout);

    // Creates a document of `request.type` in its initial state with the next number of the store's local day.
    // Errors: kNotFound for an unknown type; kPermissionDenied without a creator role or the store;
    // kValidationFailed for a bad assignee; the module's own errors.
    [[nodiscard]] Result<Document> Create(const Principal& actor, const CreateRequest& request);

    // Applies an action (the eight steps above). Errors, with nothing written: kNotFound (document, or action
    // "kernel.unknown_action"); kPermissionDenied (store, role, not the assignee); kAborted for a stale version;
    // kFailedPrecondition for an action not allowed in the current state; kValidationFailed naming each bad input
    // ("inputs.<name>"); the guards' and the effect's errors.
    [[nodiscard]] Result<Document> Apply(const Principal& actor, ApplyRequest request);

    // The document, if it is of `type` and in a store the actor sees (kNotFound / kPermissionDenied).
    [[nodiscard]] Result<Document> Get(const Principal& actor, DocumentId id, std::string_view type);
    // Get inside the caller's transaction.
    [[nodiscard]] Result<Document> GetIn(storage::Transaction& tx, const Principal& actor, DocumentId id,
                                         std::string_view type);

    // The actions the actor may take now: allowed in the state, held role, assignee when required.
    [[nodiscard]] std::vector<const ActionDef*> AvailableActions(const Principal& actor,
                                                                 const Document& document) const;

    // The document's events, oldest first, with the actors' names.
    [[nodiscard]] Result<std::vector<TimelineEntry>> Timeline(const Principal& actor, DocumentId id,
                                                              std::string_view type);
    [[nodiscard]] Result<std::vector<TimerRow>> Timers(DocumentId id);

    // Fires what is due at the clock's now: warnings, breaches (with their breach records) and escalations, at
    // most `limit` timers in one transaction. Returns how many were handled.
    [[nodiscard]] Result<int> FireDueTimers(int limit);
    // When the next timer needs the scheduler.
    [[nodiscard]] Result<std::optional<Instant>> NextTimerFire();

    // A store's calendar: its time zone and its stored working hours (or the defaults).
    [[nodiscard]] Result<Calendar> StoreCalendar(storage::Transaction& tx, StoreId store);
    // A checklist template's items for a store: the store's override, else the chain's, else the built-in.
    // Error: kNotFound "kernel.checklist_unknown".
    [[nodiscard]] Result<std::vector<ChecklistItem>> EffectiveChecklist(storage::Transaction& tx, StoreId store,
                                                                        std::string_view name);
    // The same in a read transaction of its own.
    [[nodiscard]] Result<std::vector<ChecklistItem>> EffectiveChecklist(StoreId store, std::string_view name);
    // A policy's rule for a store: the store's override, else the chain's, else the built-in.
    [[nodiscard]] Result<DeadlineRule> EffectiveRule(storage::Transaction& tx, StoreId store, std::string_view name);

    [[nodiscard]] const Registry& registry() const { return registry_; }
    [[nodiscard]] const Policies& policies() const { return policies_; }
    [[nodiscard]] storage::Database& db() { return db_; }
    [[nodiscard]] const Clock& clock() const { return clock_; }
    [[nodiscard]] Directory& directory() { return directory_; }
    [[nodiscard]] BlobStore& blobs() { return blobs_; }

  private:
    struct Work;  // what one transaction collects: signals to send after the commit

    // A document's number taken ahead of its creation: the store's day and that day's sequence.
    struct Number {
        LocalDate day;
        std::int64_t sequence = 0;
    };

    // The bodies of Create and Apply inside a transaction. `depth` > 0: a follow-on of another action, taken as
    // the system on that action's behalf (no role, assignee or version check; only system actions). `number`:
    // taken beforehand (PostgreSQL), else CreateIn takes the next one of the day.
    Result<Document> CreateIn(storage::Transaction& tx, const Principal& actor, const CreateRequest& request,
                              Instant now, Work& work, const std::optional<Number>& number = std::nullopt);
    // PostgreSQL: the day's next number in a transaction of its own (TxMode::kCounter), so that concurrent
    // creations do not fail on the day's counter; a creation that then fails leaves a gap in the numbers.
    Result<std::optional<Number>> TakeNumber(const DocumentType& type, StoreId store, Instant now);
    Result<Document> ApplyIn(storage::Transaction& tx, const Principal& actor, const ApplyRequest& request, Instant now,
                             Work& work, int depth);
    Status CheckInputs(storage::Transaction& tx, const Principal& actor, const Document& document,
                       const ActionDef& action, ActionInputs& inputs, Instant now);
    // `created`: the document was created in this transaction, so it has no timers yet (none is looked up).
    Status ApplyTimers(storage::Transaction& tx, const Document& document, const std::vector<TimerEffect>& effects,
                       const Calendar& calendar, Instant now, Work& work, std::string& changes, bool created);
    Status StartTimer(storage::Transaction& tx, const Document& document, const std::string& name,
                      const Calendar& calendar, Instant now, Work& work);
    Status Notify(storage::Transaction& tx, const Document& document, const std::vector<NotifyRule>& rules,
                  const Principal& actor, std::string_view kind, Instant now, Work& work);
    Status NotifyStaff(storage::Transaction& tx, const Document& document, const std::vector<StaffId>& recipients,
                       std::string_view kind, const std::string& message_key, const std::string& params, Instant now,
                       Work& work);
    Status EnqueueWebhooks(storage::Transaction& tx, const Document& document, const EventRow& event,
                           std::string_view event_type, Instant now, Work& work);
    // Appends `event` (seq, hashes filled in) and advances the document's event head in `document`.
    Result<std::int64_t> Append(storage::Transaction& tx, Document& document, EventRow& event);
    Status FireOne(storage::Transaction& tx, TimerRow timer, Instant now, Work& work);
    void Finish(Work& work);

    storage::Database& db_;
    const Clock& clock_;
    const Registry& registry_;
    const Policies& policies_;
    Directory& directory_;
    BlobStore& blobs_;
    Fanout& fanout_;
};

// The webhook event type of an action ("document.<type>.<action>"), of a creation ("document.<type>.created").
[[nodiscard]] std::string ActionEventType(std::string_view type, std::string_view action);

}  // namespace ac::kernel

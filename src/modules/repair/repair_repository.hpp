// The repair module's SQL: the only code that knows its tables.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/validation.hpp"
#include "modules/repair/repair.hpp"
#include "storage/database.hpp"

namespace ac::repair {

class RepairRepository {
  public:
    static Status Insert(storage::Transaction& tx, kernel::DocumentId id, const Ticket& ticket);
    static Result<std::optional<Ticket>> Find(storage::Transaction& tx, kernel::DocumentId id);
    static Status SetAgent(storage::Transaction& tx, kernel::DocumentId id, StaffId agent);
    static Status SetTechnician(storage::Transaction& tx, kernel::DocumentId id, StaffId technician);
    static Status SetWindow(storage::Transaction& tx, kernel::DocumentId id, Instant start, Instant end);
    static Status SetMajor(storage::Transaction& tx, kernel::DocumentId id);
    static Status SetToolsToPrepare(storage::Transaction& tx, kernel::DocumentId id, const std::string& tools);

    static Status InsertCall(storage::Transaction& tx, kernel::DocumentId id, const Call& call);
    static Result<std::vector<Call>> Calls(storage::Transaction& tx, kernel::DocumentId id);

    // Opens a visit at arrival; returns its id.
    static Result<std::int64_t> OpenVisit(storage::Transaction& tx, kernel::DocumentId id, const Visit& visit);
    // The visit in progress (arrived, not departed), if any.
    static Result<std::optional<Visit>> OpenVisitOf(storage::Transaction& tx, kernel::DocumentId id);
    // Writes the end of a visit: departure, outcome, what was done, the service record.
    static Status CloseVisit(storage::Transaction& tx, const Visit& visit);
    static Result<std::vector<Visit>> Visits(storage::Transaction& tx, kernel::DocumentId id);

    static Status IssueReceipt(storage::Transaction& tx, kernel::DocumentId id, const Receipt& receipt, StaffId by);
    static Status TakeBackReceipts(storage::Transaction& tx, kernel::DocumentId id, Instant at, StaffId by);
    static Result<std::vector<Receipt>> Receipts(storage::Transaction& tx, kernel::DocumentId id);

    static Status InsertFollowUp(storage::Transaction& tx, kernel::DocumentId id, std::optional<StaffId> technician,
                                 const FollowUp& follow_up, StaffId by);
    static Result<std::vector<FollowUp>> FollowUps(storage::Transaction& tx, kernel::DocumentId id);

    static Result<Page<TicketRow>> List(storage::Transaction& tx, const TicketQuery& query);
};

}  // namespace ac::repair

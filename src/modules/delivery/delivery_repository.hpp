// The delivery module's SQL.
#pragma once

#include <optional>
#include <vector>

#include "core/result.hpp"
#include "core/validation.hpp"
#include "modules/delivery/delivery.hpp"
#include "storage/database.hpp"

namespace ac::delivery {

class DeliveryRepository {
  public:
    static Status Insert(storage::Transaction& tx, kernel::DocumentId id, const Job& job);
    static Result<std::optional<Job>> Find(storage::Transaction& tx, kernel::DocumentId id);
    // Writes the job's changeable columns.
    static Status Update(storage::Transaction& tx, const Job& job);
    static Status InsertChange(storage::Transaction& tx, kernel::DocumentId id, const Change& change);
    static Result<std::vector<Change>> Changes(storage::Transaction& tx, kernel::DocumentId id);
    static Status InsertFollowUp(storage::Transaction& tx, kernel::DocumentId id, const FollowUp& follow_up,
                                 StaffId by);
    static Result<std::vector<FollowUp>> FollowUps(storage::Transaction& tx, kernel::DocumentId id);
    static Result<Page<JobRow>> List(storage::Transaction& tx, const JobQuery& query);
};

}  // namespace ac::delivery

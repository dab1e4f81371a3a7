// Listing delivery jobs, the dispatch board and the job's fields; the actions run through the kernel.
#pragma once

#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/principal.hpp"
#include "core/result.hpp"
#include "core/validation.hpp"
#include "kernel/kernel.hpp"
#include "modules/delivery/delivery.hpp"

namespace ac::delivery {

struct Installer {
    StaffId id;
    std::string name;
};

// The dispatch board: the jobs of `days` days from `from` plus those still to schedule, and the store's crews.
struct Board {
    std::string from;
    int days = 7;
    StoreId store_id;
    std::vector<Installer> installers;
    std::vector<JobRow> jobs;
};

class DeliveryService {
  public:
    explicit DeliveryService(kernel::Kernel& kernel) : kernel_(kernel) {}

    Result<Page<JobRow>> List(const Principal& actor, JobQuery query);
    Result<Board> DispatchBoard(const Principal& actor, std::optional<StoreId> store, const std::string& from,
                                int days);
    // The job's fields with the contract's lines (for the slip and the voucher), changes and follow-ups.
    Result<boost::json::object> FieldsJson(storage::Transaction& tx, const kernel::Document& document);

  private:
    kernel::Kernel& kernel_;
};

}  // namespace ac::delivery

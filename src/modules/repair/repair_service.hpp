// Registering repair problems (C1, C4) and listing tickets; the actions run through the kernel.
#pragma once

#include <string>

#include <boost/json/fwd.hpp>

#include "core/principal.hpp"
#include "core/result.hpp"
#include "core/validation.hpp"
#include "kernel/kernel.hpp"
#include "modules/repair/repair.hpp"

namespace ac::repair {

class RepairService {
  public:
    explicit RepairService(kernel::Kernel& kernel) : kernel_(kernel) {}

    // Registers the problem: checks every field, links the customer by phone (or registers them) and the product
    // by model or code, works out the warranty from the delivery date, and creates the ticket, which starts the
    // 30-minute first-contact timer and tells the store's after-sales staff. Errors: kValidationFailed naming
    // each field; kPermissionDenied for a role that may not register or another store.
    Result<kernel::Document> Register(const Principal& actor, Registration registration, const std::string& request_id);
    Result<Page<TicketRow>> List(const Principal& actor, TicketQuery query);
    // The ticket's own fields, calls, visits, receipts and follow-ups as JSON (the document's "fields").
    Result<boost::json::object> FieldsJson(storage::Transaction& tx, const kernel::Document& document);

  private:
    kernel::Kernel& kernel_;
};

}  // namespace ac::repair

// Entering contracts (A1, A2, B11), the stock desk (A3), drafting factory orders (A4) and the order follower's
// reports; the actions run through the kernel.
#pragma once

#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/principal.hpp"
#include "core/result.hpp"
#include "core/validation.hpp"
#include "kernel/kernel.hpp"
#include "modules/contracts/contract_repository.hpp"
#include "modules/contracts/contracts.hpp"

namespace ac::contracts {

struct ReceiptInput {
    std::optional<WarehouseId> warehouse_id;
    std::optional<catalog::ProductId> product_id;
    std::int64_t quantity = 0;
    std::string note;
};

class ContractService {
  public:
    explicit ContractService(kernel::Kernel& kernel) : kernel_(kernel) {}

    // Checks every field (errors name "lines[2].quantity" and the like), links the customer by phone (or registers
    // them), snapshots each product's name, model and price, and stamps the batch day: contracts received from
    // 17:00 store time, or on a closed day, belong to the next working day's batch (A1).
    Result<kernel::Document> Create(const Principal& actor, ContractInput input, const std::string& request_id);
    Result<Page<ContractRow>> List(const Principal& actor, ContractQuery query);
    Result<boost::json::object> FieldsJson(storage::Transaction& tx, const kernel::Document& document);
    // A1: per salesperson, contracts of the batch days from..to and how many came after the cut-off.
    Result<std::vector<LateCount>> LateReport(const Principal& actor, const std::string& from, const std::string& to);
    // The store's batch day for now (today before 17:00, else the next working day).
    Result<std::string> CurrentBatch(StoreId store);

    Result<Warehouse> CreateWarehouse(const Principal& actor, Warehouse warehouse);
    Result<std::vector<Warehouse>> Warehouses(const Principal& actor);
    // A goods receipt (not from a factory order): a ledger row, the level up.
    Result<StockLevel> Receive(const Principal& actor, const ReceiptInput& input);
    Result<Page<StockLevel>> Levels(const Principal& actor, std::optional<WarehouseId> warehouse,
                                    const std::string& text, int page, int page_size);
    Result<Page<Movement>> Movements(const Principal& actor, WarehouseId warehouse,
                                     std::optional<catalog::ProductId> product, int page, int page_size);

    // A4: one draft factory order per factory for the store's needs (lines of checked contracts that neither
    // stock nor an earlier order covers). Errors: kFailedPrecondition when nothing needs ordering.
    Result<std::vector<kernel::Document>> DraftFactoryOrders(const Principal& actor, std::optional<StoreId> store,
                                                             const std::string& request_id);
    Result<std::vector<Need>> Needs(const Principal& actor, std::optional<StoreId> store);
    Result<Page<FactoryOrderRow>> FactoryOrders(const Principal& actor, const std::string& state, bool overdue,
                                                int page, int page_size);
    Result<boost::json::object> FactoryOrderFieldsJson(storage::Transaction& tx, const kernel::Document& document);

  private:
    Result<StoreId> StoreOf(const Principal& actor, std::optional<StoreId> store);
    Result<std::string> Today(storage::Transaction& tx, std::optional<StoreId> store);

    kernel::Kernel& kernel_;
};

}  // namespace ac::contracts

// The contracts module's SQL: contracts and their lines, warehouses, stock and its ledger, factory orders.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/validation.hpp"
#include "modules/contracts/contracts.hpp"
#include "storage/database.hpp"

namespace ac::contracts {

// A line that stock could not cover and no factory order holds yet (A4).
struct Need {
    std::int64_t line_id = 0;
    kernel::DocumentId contract_id;
    catalog::ProductId product_id;
    std::string factory;
    int lead_time_days = 3;
    std::int64_t quantity = 0;
    WarehouseId warehouse_id;
    std::string contract_number;
    std::string product_name;
    std::string model;
};

class StockRepository {
  public:
    static Result<WarehouseId> InsertWarehouse(storage::Transaction& tx, const Warehouse& warehouse, Instant now);
    static Result<std::optional<Warehouse>> FindWarehouse(storage::Transaction& tx, WarehouseId id);
    static Result<std::optional<Warehouse>> FindWarehouseByCode(storage::Transaction& tx, const std::string& code);
    static Result<std::vector<Warehouse>> Warehouses(storage::Transaction& tx, std::optional<StoreId> store);

    // Writes a ledger row and applies its deltas to the level (created at zero when missing). Fails with
    // kFailedPrecondition when the level would go below zero or reserve more than is on hand.
    static Status Move(storage::Transaction& tx, const Movement& movement);
    // Reserves up to `wanted` units of what is on hand and not reserved; returns how many it got.
    static Result<std::int64_t> Reserve(storage::Transaction& tx, Movement movement, std::int64_t wanted);
    static Result<std::optional<StockLevel>> Level(storage::Transaction& tx, WarehouseId warehouse,
                                                   catalog::ProductId product);
    static Result<Page<StockLevel>> Levels(storage::Transaction& tx, std::optional<StoreId> scope,
                                           std::optional<WarehouseId> warehouse, const std::string& text, int page,
                                           int page_size);
    static Result<Page<Movement>> Movements(storage::Transaction& tx, WarehouseId warehouse,
                                            std::optional<catalog::ProductId> product, int page, int page_size);
};

class ContractRepository {
  public:
    static Status Insert(storage::Transaction& tx, kernel::DocumentId id, const Contract& contract);
    static Result<std::optional<Contract>> Find(storage::Transaction& tx, kernel::DocumentId id);
    static Status SetLine(storage::Transaction& tx, std::int64_t line_id, std::int64_t reserved, std::int64_t ordered);
    static Result<Page<ContractRow>> List(storage::Transaction& tx, const ContractQuery& query,
                                          const std::string& today);
    static Result<std::vector<LateCount>> LateCounts(storage::Transaction& tx, std::optional<StoreId> scope,
                                                     const std::string& from_date, const std::string& to_date);

    // Lines of checked contracts of `store` that still need a factory order.
    static Result<std::vector<Need>> Needs(storage::Transaction& tx, StoreId store);
    // Whether every unit of the contract not in stock is on a placed factory order (A4 done for it).
    static Result<bool> FullyOrdered(storage::Transaction& tx, kernel::DocumentId contract);

    static Status InsertFactoryOrder(storage::Transaction& tx, kernel::DocumentId id, const FactoryOrder& order);
    static Result<std::optional<FactoryOrder>> FindFactoryOrder(storage::Transaction& tx, kernel::DocumentId id);
    static Status PlaceFactoryOrder(storage::Transaction& tx, const FactoryOrder& order);
    static Status ReceiveFactoryOrder(storage::Transaction& tx, kernel::DocumentId id, Instant at);
    static Result<Page<FactoryOrderRow>> FactoryOrders(storage::Transaction& tx, std::optional<StoreId> scope,
                                                       const std::string& state, bool overdue, const std::string& today,
                                                       int page, int page_size);
};

}  // namespace ac::contracts

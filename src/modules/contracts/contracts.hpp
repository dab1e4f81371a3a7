// Chapter A: sales contracts (HT), the warehouses' stock with its ledger, and factory orders (GC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/principal.hpp"
#include "kernel/document.hpp"
#include "modules/catalog/catalog.hpp"

namespace ac::contracts {

inline constexpr std::string_view kContractType = "sales_contract";
inline constexpr std::string_view kFactoryOrderType = "factory_order";
// A1: contracts received from 17:00 store time belong to the next day's batch.
inline constexpr int kCutoffMinute = 17 * 60;

using WarehouseId = Id<struct WarehouseTag>;

struct Warehouse {
    WarehouseId id;
    StoreId store_id;
    std::string code;
    std::string name;
};

struct LineInput {
    std::optional<catalog::ProductId> product_id;
    std::int64_t quantity = 0;
    std::optional<std::int64_t> unit_price_fen;  // default: the product's price
};

// What the salesperson or the order follower enters (A2, B11).
struct ContractInput {
    std::string customer_name;
    std::string phone;
    std::string district;
    std::string address;
    std::string installation_requirements;
    std::string special_requirements;
    std::optional<StaffId> salesperson_id;    // default: the caller, when a salesperson
    std::optional<WarehouseId> warehouse_id;  // default: the store's first warehouse
    std::optional<StoreId> store_id;          // default: the caller's store
    std::vector<LineInput> lines;
};

struct Line {
    std::int64_t id = 0;
    int line_no = 0;
    catalog::ProductId product_id;
    std::string product_name;
    std::string model;
    std::int64_t quantity = 0;
    std::int64_t unit_price_fen = 0;
    std::int64_t reserved = 0;  // held in stock for it
    std::int64_t ordered = 0;   // on factory orders, not yet arrived
    // The units neither in stock nor on order: what the factory order of the day must cover (A4).
    [[nodiscard]] std::int64_t Need() const { return quantity - reserved - ordered; }
};

struct Contract {
    kernel::DocumentId id;
    catalog::CustomerId customer_id;
    std::string customer_name;
    std::string phone;
    std::string district;
    std::string address;
    std::string installation_requirements;
    std::string special_requirements;
    StaffId salesperson_id;
    std::string salesperson_name;
    WarehouseId warehouse_id;
    Instant received_at;
    std::string batch_date;
    bool late = false;
    std::int64_t total_fen = 0;
    std::vector<Line> lines;

    [[nodiscard]] bool AllReserved() const {
        for (const Line& line : lines) {
            if (line.reserved < line.quantity) {
                return false;
            }
        }
        return true;
    }
};

struct ContractRow {
    kernel::Document document;
    Contract contract;  // without lines
    std::int64_t units = 0;
    std::int64_t reserved = 0;
    std::int64_t need = 0;  // units neither reserved nor ordered
    bool at_risk = false;   // waiting on a factory order past its expected arrival (A5)
};

struct ContractQuery {
    std::optional<StoreId> scope;
    std::optional<StoreId> store_id;
    std::string state;
    std::string batch_date;
    std::optional<StaffId> salesperson_id;
    bool at_risk = false;
    std::string text;
    int page = 1;
    int page_size = 20;
};

struct StockLevel {
    WarehouseId warehouse_id;
    catalog::ProductId product_id;
    std::string product_code;
    std::string product_name;
    std::string model;
    std::int64_t on_hand = 0;
    std::int64_t reserved = 0;
};

struct Movement {
    std::int64_t id = 0;
    WarehouseId warehouse_id;
    catalog::ProductId product_id;
    std::string kind;  // receipt, reserve, release, issue
    std::int64_t on_hand_delta = 0;
    std::int64_t reserved_delta = 0;
    std::optional<kernel::DocumentId> contract_id;
    std::optional<kernel::DocumentId> factory_order_id;
    std::string note;
    Instant at;
    std::optional<StaffId> staff_id;
};

struct FactoryLine {
    std::int64_t id = 0;
    std::int64_t contract_line_id = 0;
    kernel::DocumentId contract_id;
    std::string contract_number;
    catalog::ProductId product_id;
    std::string product_name;
    std::string model;
    std::int64_t quantity = 0;
    int lead_time_days = 3;
    std::optional<std::string> expected_on;
    std::int64_t received = 0;
};

struct FactoryOrder {
    kernel::DocumentId id;
    std::string factory;
    WarehouseId warehouse_id;
    std::optional<Instant> placed_at;
    std::optional<Instant> received_at;
    std::vector<FactoryLine> lines;
};

struct FactoryOrderRow {
    kernel::Document document;
    FactoryOrder order;    // with lines
    bool overdue = false;  // placed, not received, a line past its expected arrival (A5)
};

// Per salesperson: contracts received in a period and how many after the cut-off (A1).
struct LateCount {
    StaffId salesperson_id;
    std::string name;
    std::int64_t contracts = 0;
    std::int64_t late = 0;
};

}  // namespace ac::contracts

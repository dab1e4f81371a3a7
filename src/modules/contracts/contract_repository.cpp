#include "modules/contracts/contract_repository.hpp"

#include <map>

#include "kernel/repository.hpp"
#include "modules/catalog/catalog_repository.hpp"
#include "storage/text_search.hpp"
#include "storage/where.hpp"

namespace ac::contracts {
namespace {

using storage::Row;
using storage::Rows;
using storage::Transaction;
using storage::Value;

std::string Lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

Warehouse WarehouseFrom(const Row& row) {
    return Warehouse{WarehouseId(row.Int(0)), StoreId(row.Int(1)), row.Text(2), row.Text(3)};
}

constexpr std::string_view kContractColumns =
    "c.customer_id, c.customer_name, c.phone, c.district, c.address, c.installation_requirements, "
    "c.special_requirements, c.salesperson_id, s.name, c.warehouse_id, c.received_at_ms, c.batch_date, c.late, "
    "c.total_fen";

Contract ContractFrom(const Row& row, std::size_t at) {
    Contract c;
    c.customer_id = catalog::CustomerId(row.Int(at + 0));
    c.customer_name = row.Text(at + 1);
    c.phone = row.Text(at + 2);
    c.district = row.Text(at + 3);
    c.address = row.Text(at + 4);
    c.installation_requirements = row.Text(at + 5);
    c.special_requirements = row.Text(at + 6);
    c.salesperson_id = StaffId(row.Int(at + 7));
    c.salesperson_name = row.Text(at + 8);
    c.warehouse_id = WarehouseId(row.Int(at + 9));
    c.received_at = row.Time(at + 10);
    c.batch_date = row.Text(at + 11);
    c.late = row.Bool(at + 12);
    c.total_fen = row.Int(at + 13);
    return c;
}

// Units of a contract line on placed factory orders past their expected arrival and not received (A5).
constexpr std::string_view kOverdueLine =
    "EXISTS (SELECT 1 FROM factory_order_lines fl JOIN factory_orders o ON o.document_id = fl.order_id "
    "JOIN documents od ON od.id = o.document_id WHERE od.state = 'placed' AND fl.received < fl.quantity "
    "AND fl.expected_on < $T AND ";

}  // namespace

// ---- warehouses and stock --------------------------------------------------------------------------------------

Result<WarehouseId> StockRepository::InsertWarehouse(Transaction& tx, const Warehouse& warehouse, Instant now) {
    AC_ASSIGN_OR_RETURN(const Rows rows, tx.Query("INSERT INTO warehouses (store_id, code, name, created_at_ms) "
                                                  "VALUES ($1, $2, $3, $4) RETURNING id",
                                                  {warehouse.store_id, warehouse.code, warehouse.name, now}));
    return WarehouseId(rows[0].Int(0));
}

Result<std::optional<Warehouse>> StockRepository::FindWarehouse(Transaction& tx, WarehouseId id) {
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT id, store_id, code, name FROM warehouses WHERE id = $1", {id}));
    return rows.empty() ? std::nullopt : std::optional<Warehouse>(WarehouseFrom(rows[0]));
}

Result<std::optional<Warehouse>> StockRepository::FindWarehouseByCode(Transaction& tx, const std::string& code) {
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT id, store_id, code, name FROM warehouses WHERE code = $1", {code}));
    return rows.empty() ? std::nullopt : std::optional<Warehouse>(WarehouseFrom(rows[0]));
}

Result<std::vector<Warehouse>> StockRepository::Warehouses(Transaction& tx, std::optional<StoreId> store) {
    AC_ASSIGN_OR_RETURN(const Rows rows, tx.Query("SELECT id, store_id, code, name FROM warehouses "
                                                  "WHERE CAST($1 AS BIGINT) IS NULL OR store_id = $1 ORDER BY id",
                                                  {Value(store)}));
    std::vector<Warehouse> out;
    for (const Row& row : rows) {
        out.push_back(WarehouseFrom(row));
    }
    return out;
}

Status StockRepository::Move(Transaction& tx, const Movement& m) {
    AC_RETURN_IF_ERROR(
        tx.Run("INSERT INTO stock_levels (warehouse_id, product_id, on_hand, reserved) "
               "VALUES ($1, $2, 0, 0) ON CONFLICT (warehouse_id, product_id) DO NOTHING",
               {m.warehouse_id, m.product_id}));
    AC_ASSIGN_OR_RETURN(const std::int64_t changed,
                        tx.Execute("UPDATE stock_levels SET on_hand = on_hand + $3, reserved = reserved + $4 "
                                   "WHERE warehouse_id = $1 AND product_id = $2 AND on_hand + $3 >= 0 "
                                   "AND reserved + $4 >= 0 AND reserved + $4 <= on_hand + $3",
                                   {m.warehouse_id, m.product_id, m.on_hand_delta, m.reserved_delta}));
    if (changed != 1) {
        return Fail(Error::Make(ErrorCode::kFailedPrecondition, "contracts.stock_short"));
    }
    return tx.Run(
        "INSERT INTO stock_movements (warehouse_id, product_id, kind, on_hand_delta, reserved_delta, contract_id, "
        "factory_order_id, note, at_ms, staff_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {m.warehouse_id, m.product_id, m.kind, m.on_hand_delta, m.reserved_delta, Value(m.contract_id),
         Value(m.factory_order_id), m.note, m.at, Value(m.staff_id)});
}

Result<std::int64_t> StockRepository::Reserve(Transaction& tx, Movement movement, std::int64_t wanted) {
    AC_ASSIGN_OR_RETURN(const auto level, Level(tx, movement.warehouse_id, movement.product_id));
    if (!level || wanted <= 0) {
        return 0;
    }
    const std::int64_t got = std::min(wanted, level->on_hand - level->reserved);
    if (got <= 0) {
        return 0;
    }
    movement.kind = "reserve";
    movement.on_hand_delta = 0;
    movement.reserved_delta = got;
    AC_RETURN_IF_ERROR(Move(tx, movement));
    return got;
}

Result<std::optional<StockLevel>> StockRepository::Level(Transaction& tx, WarehouseId warehouse,
                                                         catalog::ProductId product) {
    AC_ASSIGN_OR_RETURN(const Rows rows, tx.Query("SELECT on_hand, reserved FROM stock_levels "
                                                  "WHERE warehouse_id = $1 AND product_id = $2",
                                                  {warehouse, product}));
    if (rows.empty()) {
        return std::nullopt;
    }
    StockLevel level;
    level.warehouse_id = warehouse;
    level.product_id = product;
    level.on_hand = rows[0].Int(0);
    level.reserved = rows[0].Int(1);
    return level;
}

Result<Page<StockLevel>> StockRepository::Levels(Transaction& tx, std::optional<StoreId> scope,
                                                 std::optional<WarehouseId> warehouse, const std::string& text,
                                                 int page, int page_size) {
    const std::string filter =
        " FROM stock_levels l JOIN warehouses w ON w.id = l.warehouse_id JOIN products p ON p.id = l.product_id"
        " WHERE (CAST($1 AS BIGINT) IS NULL OR w.store_id = $1) AND (CAST($2 AS BIGINT) IS NULL OR l.warehouse_id = $2)"
        " AND (CAST($3 AS TEXT) IS NULL OR p.search_text LIKE $3 ESCAPE '\\')";
    const Value pattern = text.empty() ? Value() : Value(catalog::ContainsPattern(text));
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT l.warehouse_id, l.product_id, p.code, p.name, p.model, l.on_hand, l.reserved" +
                                     filter + " ORDER BY p.code, l.warehouse_id LIMIT $4 OFFSET $5",
                                 {Value(scope), Value(warehouse), pattern, page_size, (page - 1) * page_size}));
    AC_ASSIGN_OR_RETURN(const Rows count,
                        tx.Query("SELECT count(*)" + filter, {Value(scope), Value(warehouse), pattern}));
    Page<StockLevel> out;
    out.total = count[0].Int(0);
    out.page = page;
    out.page_size = page_size;
    for (const Row& row : rows) {
        out.items.push_back(StockLevel{WarehouseId(row.Int(0)), catalog::ProductId(row.Int(1)), row.Text(2),
                                       row.Text(3), row.Text(4), row.Int(5), row.Int(6)});
    }
    return out;
}

Result<Page<Movement>> StockRepository::Movements(Transaction& tx, WarehouseId warehouse,
                                                  std::optional<catalog::ProductId> product, int page, int page_size) {
    const std::string filter =
        " FROM stock_movements WHERE warehouse_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR product_id = $2)";
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT id, warehouse_id, product_id, kind, on_hand_delta, reserved_delta, "
                                 "contract_id, factory_order_id, note, at_ms, staff_id" +
                                     filter + " ORDER BY id DESC LIMIT $3 OFFSET $4",
                                 {warehouse, Value(product), page_size, (page - 1) * page_size}));
    AC_ASSIGN_OR_RETURN(const Rows count, tx.Query("SELECT count(*)" + filter, {warehouse, Value(product)}));
    Page<Movement> out;
    out.total = count[0].Int(0);
    out.page = page;
    out.page_size = page_size;
    for (const Row& row : rows) {
        Movement m;
        m.id = row.Int(0);
        m.warehouse_id = WarehouseId(row.Int(1));
        m.product_id = catalog::ProductId(row.Int(2));
        m.kind = row.Text(3);
        m.on_hand_delta = row.Int(4);
        m.reserved_delta = row.Int(5);
        if (const auto contract = row.OptInt(6)) {
            m.contract_id = kernel::DocumentId(*contract);
        }
        if (const auto order = row.OptInt(7)) {
            m.factory_order_id = kernel::DocumentId(*order);
        }
        m.note = row.Text(8);
        m.at = row.Time(9);
        if (const auto staff = row.OptInt(10)) {
            m.staff_id = StaffId(*staff);
        }
        out.items.push_back(std::move(m));
    }
    return out;
}

// ---- contracts ------------------------------------------------------------------------------------------------

Status ContractRepository::Insert(Transaction& tx, kernel::DocumentId id, const Contract& c) {
    std::string search = Lower(c.customer_name + '\n' + c.phone + '\n' + c.district + ' ' + c.address);
    for (const Line& line : c.lines) {
        search += '\n' + Lower(line.product_name + ' ' + line.model);
    }
    AC_RETURN_IF_ERROR(tx.Run(
        "INSERT INTO contracts (document_id, customer_id, customer_name, phone, district, address, "
        "installation_requirements, special_requirements, salesperson_id, warehouse_id, received_at_ms, batch_date, "
        "late, total_fen, search_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        {id, c.customer_id, c.customer_name, c.phone, c.district, c.address, c.installation_requirements,
         c.special_requirements, c.salesperson_id, c.warehouse_id, c.received_at, c.batch_date, c.late, c.total_fen,
         search}));
    for (const Line& line : c.lines) {
        AC_RETURN_IF_ERROR(tx.Run(
            "INSERT INTO contract_lines (contract_id, line_no, product_id, product_name, model, quantity, "
            "unit_price_fen) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {id, line.line_no, line.product_id, line.product_name, line.model, line.quantity, line.unit_price_fen}));
    }
    return Ok();
}

Result<std::optional<Contract>> ContractRepository::Find(Transaction& tx, kernel::DocumentId id) {
    AC_ASSIGN_OR_RETURN(
        const Rows rows,
        tx.Query("SELECT " + std::string(kContractColumns) +
                     " FROM contracts c JOIN staff s ON s.id = c.salesperson_id WHERE c.document_id = $1",
                 {id}));
    if (rows.empty()) {
        return std::nullopt;
    }
    Contract contract = ContractFrom(rows[0], 0);
    contract.id = id;
    AC_ASSIGN_OR_RETURN(const Rows lines,
                        tx.Query("SELECT id, line_no, product_id, product_name, model, quantity, unit_price_fen, "
                                 "reserved, ordered FROM contract_lines WHERE contract_id = $1 ORDER BY line_no",
                                 {id}));
    for (const Row& row : lines) {
        contract.lines.push_back(Line{row.Int(0), static_cast<int>(row.Int(1)), catalog::ProductId(row.Int(2)),
                                      row.Text(3), row.Text(4), row.Int(5), row.Int(6), row.Int(7), row.Int(8)});
    }
    return contract;
}

Status ContractRepository::SetLine(Transaction& tx, std::int64_t line_id, std::int64_t reserved, std::int64_t ordered) {
    return tx.Run("UPDATE contract_lines SET reserved = $2, ordered = $3 WHERE id = $1", {line_id, reserved, ordered});
}

Result<Page<ContractRow>> ContractRepository::List(Transaction& tx, const ContractQuery& q, const std::string& today) {
    storage::Where where("d.type = 'sales_contract'");
    // "{}": today's date, past which a placed factory order's line is overdue.
    std::string at_risk(kOverdueLine);
    at_risk.replace(at_risk.find("$T"), 2, "{}");
    at_risk += "fl.contract_line_id IN (SELECT id FROM contract_lines WHERE contract_id = d.id))";
    kernel::AddDocumentFilters(where, q.scope, q.store_id, q.state);
    if (!q.batch_date.empty()) {
        where.Add("c.batch_date = {}", Value(q.batch_date));
    }
    if (q.salesperson_id) {
        where.Add("c.salesperson_id = {}", Value(*q.salesperson_id));
    }
    const std::optional<storage::TextSearch> search =
        kernel::AddDocumentSearch(where, tx.backend(), "contracts", q.scope, q.store_id, q.text);
    if (q.at_risk) {
        where.Add(at_risk, Value(today));
    }
    const std::string filter = " FROM " + (search ? search->leading : std::string()) +
                               "documents d JOIN contracts c ON c.document_id = d.id JOIN staff s ON s.id = "
                               "c.salesperson_id" +
                               where.sql();
    // The select list flags every row at risk: today's date is the parameter after the filters'.
    std::string at_risk_column = at_risk;
    at_risk_column.replace(at_risk_column.find("{}"), 2, where.Next());
    std::vector<Value> paged = where.params();
    paged.emplace_back(today);
    paged.emplace_back(q.page_size);
    paged.emplace_back((q.page - 1) * q.page_size);
    AC_ASSIGN_OR_RETURN(
        const Rows rows,
        tx.Query("SELECT " + kernel::DocumentColumns("d") + ", " + std::string(kContractColumns) +
                     ", (SELECT COALESCE(SUM(quantity), 0) FROM contract_lines WHERE contract_id = d.id)"
                     ", (SELECT COALESCE(SUM(reserved), 0) FROM contract_lines WHERE contract_id = d.id)"
                     ", (SELECT COALESCE(SUM(quantity - reserved - ordered), 0) FROM contract_lines "
                     "WHERE contract_id = d.id), CASE WHEN " +
                     at_risk_column + " THEN 1 ELSE 0 END" + filter + " ORDER BY " +
                     (search ? search->newest_first : std::string("d.id DESC")) + " LIMIT " + where.Next(1) +
                     " OFFSET " + where.Next(2),
                 paged));
    AC_ASSIGN_OR_RETURN(const std::int64_t counted,
                        storage::CountRows(tx, filter, where.params(), rows.size(), q.page, q.page_size));
    Page<ContractRow> page;
    storage::SetTotal(page, counted, q.page, q.page_size);
    for (const Row& row : rows) {
        ContractRow item;
        constexpr std::size_t n = kernel::kDocumentColumnCount;
        constexpr std::size_t m = n + 14;  // after the contract's columns
        item.document = kernel::DocumentFromRow(row);
        item.contract = ContractFrom(row, n);
        item.contract.id = item.document.id;
        item.units = row.Int(m);
        item.reserved = row.Int(m + 1);
        item.need = row.Int(m + 2);
        item.at_risk = row.Int(m + 3) != 0;
        page.items.push_back(std::move(item));
    }
    return page;
}

Result<std::vector<LateCount>> ContractRepository::LateCounts(Transaction& tx, std::optional<StoreId> scope,
                                                              const std::string& from_date,
                                                              const std::string& to_date) {
    AC_ASSIGN_OR_RETURN(
        const Rows rows,
        tx.Query("SELECT c.salesperson_id, s.name, count(*), SUM(c.late) FROM contracts c "
                 "JOIN documents d ON d.id = c.document_id JOIN staff s ON s.id = c.salesperson_id "
                 "WHERE (CAST($1 AS BIGINT) IS NULL OR d.store_id = $1) AND c.batch_date >= $2 AND c.batch_date <= $3 "
                 "GROUP BY c.salesperson_id, s.name ORDER BY SUM(c.late) DESC, s.name",
                 {Value(scope), from_date, to_date}));
    std::vector<LateCount> out;
    for (const Row& row : rows) {
        out.push_back(LateCount{StaffId(row.Int(0)), row.Text(1), row.Int(2), row.Int(3)});
    }
    return out;
}

Result<std::vector<Need>> ContractRepository::Needs(Transaction& tx, StoreId store) {
    AC_ASSIGN_OR_RETURN(
        const Rows rows,
        tx.Query("SELECT l.id, l.contract_id, l.product_id, p.factory, p.lead_time_days, "
                 "l.quantity - l.reserved - l.ordered, c.warehouse_id, d.number, l.product_name, l.model "
                 "FROM contract_lines l "
                 "JOIN contracts c ON c.document_id = l.contract_id JOIN documents d ON d.id = l.contract_id "
                 "JOIN products p ON p.id = l.product_id WHERE d.store_id = $1 AND d.state = 'checked' "
                 "AND l.quantity - l.reserved - l.ordered > 0 ORDER BY p.factory, l.contract_id, l.line_no",
                 {store}));
    std::vector<Need> out;
    for (const Row& row : rows) {
        out.push_back(Need{row.Int(0), kernel::DocumentId(row.Int(1)), catalog::ProductId(row.Int(2)), row.Text(3),
                           static_cast<int>(row.Int(4)), row.Int(5), WarehouseId(row.Int(6)), row.Text(7), row.Text(8),
                           row.Text(9)});
    }
    return out;
}

Result<bool> ContractRepository::FullyOrdered(Transaction& tx, kernel::DocumentId contract) {
    AC_ASSIGN_OR_RETURN(
        const Rows rows,
        tx.Query("SELECT count(*) FROM contract_lines l WHERE l.contract_id = $1 AND l.quantity - l.reserved > "
                 "(SELECT COALESCE(SUM(fl.quantity - fl.received), 0) FROM factory_order_lines fl "
                 "JOIN factory_orders o ON o.document_id = fl.order_id "
                 "WHERE fl.contract_line_id = l.id AND o.placed_at_ms IS NOT NULL)",
                 {contract}));
    return rows[0].Int(0) == 0;
}

// ---- factory orders -------------------------------------------------------------------------------------------

Status ContractRepository::InsertFactoryOrder(Transaction& tx, kernel::DocumentId id, const FactoryOrder& order) {
    AC_RETURN_IF_ERROR(
        tx.Run("INSERT INTO factory_orders (document_id, factory, warehouse_id) "
               "VALUES ($1, $2, $3)",
               {id, order.factory, order.warehouse_id}));
    for (const FactoryLine& line : order.lines) {
        AC_RETURN_IF_ERROR(
            tx.Run("INSERT INTO factory_order_lines (order_id, contract_line_id, product_id, "
                   "quantity, lead_time_days) VALUES ($1, $2, $3, $4, $5)",
                   {id, line.contract_line_id, line.product_id, line.quantity, line.lead_time_days}));
        AC_ASSIGN_OR_RETURN(const std::int64_t changed,
                            tx.Execute("UPDATE contract_lines SET ordered = ordered + $2 WHERE id = $1 "
                                       "AND quantity - reserved - ordered >= $2",
                                       {line.contract_line_id, line.quantity}));
        if (changed != 1) {
            return Fail(Error::Make(ErrorCode::kAborted, "contracts.needs_changed"));
        }
    }
    return Ok();
}

Result<std::optional<FactoryOrder>> ContractRepository::FindFactoryOrder(Transaction& tx, kernel::DocumentId id) {
    AC_ASSIGN_OR_RETURN(const Rows rows, tx.Query("SELECT factory, warehouse_id, placed_at_ms, received_at_ms "
                                                  "FROM factory_orders WHERE document_id = $1",
                                                  {id}));
    if (rows.empty()) {
        return std::nullopt;
    }
    FactoryOrder order;
    order.id = id;
    order.factory = rows[0].Text(0);
    order.warehouse_id = WarehouseId(rows[0].Int(1));
    order.placed_at = rows[0].OptTime(2);
    order.received_at = rows[0].OptTime(3);
    AC_ASSIGN_OR_RETURN(
        const Rows lines,
        tx.Query("SELECT fl.id, fl.contract_line_id, l.contract_id, cd.number, fl.product_id, l.product_name, l.model, "
                 "fl.quantity, fl.lead_time_days, fl.expected_on, fl.received FROM factory_order_lines fl "
                 "JOIN contract_lines l ON l.id = fl.contract_line_id JOIN documents cd ON cd.id = l.contract_id "
                 "WHERE fl.order_id = $1 ORDER BY fl.id",
                 {id}));
    for (const Row& row : lines) {
        order.lines.push_back(FactoryLine{row.Int(0), row.Int(1), kernel::DocumentId(row.Int(2)), row.Text(3),
                                          catalog::ProductId(row.Int(4)), row.Text(5), row.Text(6), row.Int(7),
                                          static_cast<int>(row.Int(8)), row.OptText(9), row.Int(10)});
    }
    return order;
}

Status ContractRepository::PlaceFactoryOrder(Transaction& tx, const FactoryOrder& order) {
    AC_RETURN_IF_ERROR(tx.Run("UPDATE factory_orders SET placed_at_ms = $2 WHERE document_id = $1",
                              {order.id, Value(order.placed_at)}));
    for (const FactoryLine& line : order.lines) {
        AC_RETURN_IF_ERROR(tx.Run("UPDATE factory_order_lines SET expected_on = $2 WHERE id = $1",
                                  {line.id, Value(line.expected_on)}));
    }
    return Ok();
}

Status ContractRepository::ReceiveFactoryOrder(Transaction& tx, kernel::DocumentId id, Instant at) {
    AC_RETURN_IF_ERROR(tx.Run("UPDATE factory_orders SET received_at_ms = $2 WHERE document_id = $1", {id, at}));
    return tx.Run("UPDATE factory_order_lines SET received = quantity WHERE order_id = $1", {id});
}

Result<Page<FactoryOrderRow>> ContractRepository::FactoryOrders(Transaction& tx, std::optional<StoreId> scope,
                                                                const std::string& state, bool overdue_only,
                                                                const std::string& today, int page, int page_size) {
    std::string overdue(kOverdueLine);
    overdue.replace(overdue.find("$T"), 2, "$4");
    const std::string is_overdue = overdue + "fl.order_id = d.id)";
    const std::string filter =
        " FROM documents d JOIN factory_orders o ON o.document_id = d.id WHERE d.type = 'factory_order'"
        " AND (CAST($1 AS BIGINT) IS NULL OR d.store_id = $1) AND (CAST($2 AS TEXT) IS NULL OR d.state = $2)"
        " AND ($3 = 0 OR " +
        is_overdue + ")";
    const Value state_value = state.empty() ? Value() : Value(state);
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT " + kernel::DocumentColumns("d") + ", CASE WHEN " + is_overdue +
                                     " THEN 1 ELSE 0 END" + filter + " ORDER BY d.id DESC LIMIT $5 OFFSET $6",
                                 {Value(scope), state_value, overdue_only, today, page_size, (page - 1) * page_size}));
    AC_ASSIGN_OR_RETURN(const Rows count,
                        tx.Query("SELECT count(*)" + filter, {Value(scope), state_value, overdue_only, today}));
    Page<FactoryOrderRow> out;
    out.total = count[0].Int(0);
    out.page = page;
    out.page_size = page_size;
    for (const Row& row : rows) {
        FactoryOrderRow item;
        item.document = kernel::DocumentFromRow(row);
        item.overdue = row.Int(kernel::kDocumentColumnCount) != 0;
        AC_ASSIGN_OR_RETURN(auto order, FindFactoryOrder(tx, item.document.id));
        if (order) {
            item.order = std::move(*order);
        }
        out.items.push_back(std::move(item));
    }
    return out;
}

}  // namespace ac::contracts

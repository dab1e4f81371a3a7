#include "modules/contracts/contract_service.hpp"

#include <algorithm>
#include <map>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/json.hpp"
#include "core/phone.hpp"
#include "modules/catalog/catalog_repository.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::contracts {
namespace {

using storage::Transaction;
using storage::TxMode;

constexpr std::size_t kMaxLines = 100;
constexpr std::int64_t kMaxQuantity = 10'000;
constexpr std::int64_t kMaxUnitPriceFen = 100'000'000'00;  // a hundred million yuan

std::string LineField(std::size_t index, std::string_view name) {
    return "lines[" + std::to_string(index) + "]." + std::string(name);
}

boost::json::value Json(const std::string& text) {
    return boost::json::value(text);
}

}  // namespace

Result<StoreId> ContractService::StoreOf(const Principal& actor, std::optional<StoreId> store) {
    if (store) {
        if (!actor.CanSeeStore(*store)) {
            return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
        }
        return *store;
    }
    if (actor.store_id) {
        return *actor.store_id;
    }
    return Fail(Error::Validation({FieldError{"store_id", Message{"contracts.store_required", {}}}}));
}

Result<std::string> ContractService::Today(Transaction& tx, std::optional<StoreId> store) {
    if (!store) {
        return kernel::Calendar::Make({}).value().DateOf(kernel_.clock().Now()).ToString();
    }
    AC_ASSIGN_OR_RETURN(const kernel::Calendar calendar, kernel_.StoreCalendar(tx, *store));
    return calendar.DateOf(kernel_.clock().Now()).ToString();
}

Result<kernel::Document> ContractService::Create(const Principal& actor, ContractInput in,
                                                 const std::string& request_id) {
    FieldCheck check;
    check.Text("customer_name", in.customer_name, 1, 50);
    check.Text("phone", in.phone, 1, 30);
    if (!check.Failed("phone")) {
        if (const auto phone = NormalizePhone(in.phone)) {
            in.phone = *phone;
        } else {
            check.Add("phone", Message{"field.phone_invalid", {}});
        }
    }
    check.Text("district", in.district, 0, 30);
    check.Text("address", in.address, 1, 200);
    check.Text("installation_requirements", in.installation_requirements, 0, 500, true);
    check.Text("special_requirements", in.special_requirements, 0, 500, true);
    if (in.lines.empty()) {
        check.Add("lines", Message{"contracts.lines_required", {}});
    } else if (in.lines.size() > kMaxLines) {
        check.Add("lines", Message{"field.too_many_items", {{"max", std::to_string(kMaxLines)}}});
    }
    for (std::size_t i = 0; i < in.lines.size() && i < kMaxLines; ++i) {
        const LineInput& line = in.lines[i];
        if (!line.product_id) {
            check.Add(LineField(i, "product_id"), Message{"field.required", {}});
        }
        check.Range(LineField(i, "quantity"), line.quantity, 1, kMaxQuantity);
        if (line.unit_price_fen) {
            check.Range(LineField(i, "unit_price_fen"), *line.unit_price_fen, 0, kMaxUnitPriceFen);
        }
    }
    std::optional<StoreId> store;
    if (in.store_id) {
        store = in.store_id;
    } else if (actor.store_id) {
        store = actor.store_id;
    } else {
        check.Add("store_id", Message{"contracts.store_required", {}});
    }
    if (!in.salesperson_id) {
        if (Has(actor.roles, Role::kSalesperson)) {
            in.salesperson_id = actor.staff_id;
        } else {
            check.Add("salesperson_id", Message{"contracts.salesperson_required", {}});
        }
    }
    AC_RETURN_IF_ERROR(check.Finish());

    Contract contract;
    contract.customer_name = in.customer_name;
    contract.phone = in.phone;
    contract.district = in.district;
    contract.address = in.address;
    contract.installation_requirements = in.installation_requirements;
    contract.special_requirements = in.special_requirements;
    contract.salesperson_id = *in.salesperson_id;
    const Instant now = kernel_.clock().Now();
    contract.received_at = now;

    kernel::CreateRequest create;
    create.type = std::string(kContractType);
    create.store_id = *store;
    create.request_id = request_id;
    create.write = [&](Transaction& tx, const kernel::Document& document) -> Status {
        FieldCheck refs;
        // The salesperson: a salesperson of this store.
        AC_ASSIGN_OR_RETURN(const auto person, kernel_.directory().FindStaff(tx, contract.salesperson_id));
        if (!person || !person->active || person->store_id != document.store_id ||
            !Has(person->roles, Role::kSalesperson)) {
            refs.Add("salesperson_id", Message{"contracts.not_salesperson", {}});
        }
        // The warehouse: the given one of this store, else the store's first.
        if (in.warehouse_id) {
            AC_ASSIGN_OR_RETURN(const auto warehouse, StockRepository::FindWarehouse(tx, *in.warehouse_id));
            if (!warehouse || warehouse->store_id != document.store_id) {
                refs.Add("warehouse_id", Message{"contracts.warehouse_other_store", {}});
            } else {
                contract.warehouse_id = warehouse->id;
            }
        } else {
            AC_ASSIGN_OR_RETURN(const auto warehouses, StockRepository::Warehouses(tx, document.store_id));
            if (warehouses.empty()) {
                refs.Add("warehouse_id", Message{"contracts.no_warehouse", {}});
            } else {
                contract.warehouse_id = warehouses.front().id;
            }
        }
        // A2: each line with the product's name and model as sold.
        contract.lines.clear();
        contract.total_fen = 0;
        for (std::size_t i = 0; i < in.lines.size(); ++i) {
            AC_ASSIGN_OR_RETURN(const auto product,
                                catalog::CatalogRepository::FindProduct(tx, *in.lines[i].product_id));
            if (!product || !product->active) {
                refs.Add(LineField(i, "product_id"), Message{"contracts.product_unknown", {}});
                continue;
            }
            Line line;
            line.line_no = static_cast<int>(i + 1);
            line.product_id = product->id;
            line.product_name = product->name;
            line.model = product->model.empty() ? product->code : product->model;
            line.quantity = in.lines[i].quantity;
            line.unit_price_fen = in.lines[i].unit_price_fen.value_or(product->unit_price.fen());
            contract.total_fen += line.quantity * line.unit_price_fen;
            contract.lines.push_back(std::move(line));
        }
        AC_RETURN_IF_ERROR(refs.Finish());
        // A1: the batch day, and whether it came after the cut-off.
        AC_ASSIGN_OR_RETURN(const kernel::Calendar calendar, kernel_.StoreCalendar(tx, document.store_id));
        contract.batch_date = calendar.WorkingBatchDate(now, kCutoffMinute).ToString();
        contract.late = !calendar.IsBefore(now, kCutoffMinute);
        // The customer: the one this phone belongs to, else a new one with this address.
        AC_ASSIGN_OR_RETURN(const auto owners, catalog::CatalogRepository::FindPhoneOwners(tx, {contract.phone}));
        if (const auto it = owners.find(contract.phone); it != owners.end()) {
            contract.customer_id = it->second.id;
        } else {
            catalog::Customer customer;
            customer.name = contract.customer_name;
            customer.phones = {contract.phone};
            customer.addresses = {catalog::Address{contract.district, contract.address}};
            AC_ASSIGN_OR_RETURN(contract.customer_id,
                                catalog::CatalogRepository::InsertCustomer(tx, customer, actor.staff_id, now));
        }
        return ContractRepository::Insert(tx, document.id, contract);
    };
    create.fields = {{"customer_name", "null", json::Serialize(Json(contract.customer_name))},
                     {"phone", "null", json::Serialize(Json(contract.phone))},
                     {"salesperson_id", "null", std::to_string(contract.salesperson_id.value())}};
    return kernel_.Create(actor, create);
}

Result<Page<ContractRow>> ContractService::List(const Principal& actor, ContractQuery query) {
    AC_RETURN_IF_ERROR(CheckPage(query.page, query.page_size));
    query.scope = actor.StoreScope();
    query.text = Trimmed(query.text);
    return storage::RunInTransaction(kernel_.db(), TxMode::kRead, [&](Transaction& tx) -> Result<Page<ContractRow>> {
        AC_ASSIGN_OR_RETURN(const std::string today, Today(tx, query.store_id ? query.store_id : actor.store_id));
        return ContractRepository::List(tx, query, today);
    });
}

Result<std::string> ContractService::CurrentBatch(StoreId store) {
    return storage::RunInTransaction(kernel_.db(), TxMode::kRead, [&](Transaction& tx) -> Result<std::string> {
        AC_ASSIGN_OR_RETURN(const kernel::Calendar calendar, kernel_.StoreCalendar(tx, store));
        return calendar.WorkingBatchDate(kernel_.clock().Now(), kCutoffMinute).ToString();
    });
}

Result<std::vector<LateCount>> ContractService::LateReport(const Principal& actor, const std::string& from,
                                                           const std::string& to) {
    FieldCheck check;
    if (!kernel::LocalDate::Parse(from)) {
        check.Add("from", Message{"field.date_invalid", {}});
    }
    if (!kernel::LocalDate::Parse(to)) {
        check.Add("to", Message{"field.date_invalid", {}});
    }
    AC_RETURN_IF_ERROR(check.Finish());
    return storage::RunInTransaction(kernel_.db(), TxMode::kRead, [&](Transaction& tx) {
        return ContractRepository::LateCounts(tx, actor.StoreScope(), from, to);
    });
}

Result<boost::json::object> ContractService::FieldsJson(Transaction& tx, const kernel::Document& document) {
    AC_ASSIGN_OR_RETURN(const auto found, ContractRepository::Find(tx, document.id));
    if (!found) {
        return boost::json::object();
    }
    const Contract& c = *found;
    boost::json::array lines;
    for (const Line& line : c.lines) {
        lines.push_back(boost::json::object{{"id", line.id},
                                            {"line_no", line.line_no},
                                            {"product_id", line.product_id.value()},
                                            {"product_name", line.product_name},
                                            {"model", line.model},
                                            {"quantity", line.quantity},
                                            {"unit_price_fen", line.unit_price_fen},
                                            {"amount_fen", line.quantity * line.unit_price_fen},
                                            {"reserved", line.reserved},
                                            {"ordered", line.ordered},
                                            {"need", line.Need()}});
    }
    return boost::json::object{
        {"customer_id", c.customer_id.value()},
        {"customer_name", c.customer_name},
        {"phone", c.phone},
        {"district", c.district},
        {"address", c.address},
        {"installation_requirements", c.installation_requirements},
        {"special_requirements", c.special_requirements},
        {"salesperson_id", c.salesperson_id.value()},
        {"salesperson_name", c.salesperson_name},
        {"warehouse_id", c.warehouse_id.value()},
        {"received_at", FormatRfc3339(c.received_at)},
        {"batch_date", c.batch_date},
        {"late", c.late},
        {"total_fen", c.total_fen},
        {"all_reserved", c.AllReserved()},
        {"lines", std::move(lines)},
    };
}

// ---- stock ----------------------------------------------------------------------------------------------------

Result<Warehouse> ContractService::CreateWarehouse(const Principal& actor, Warehouse w) {
    FieldCheck check;
    w.code = Trimmed(w.code);
    check.Text("code", w.code, 1, 32);
    check.Text("name", w.name, 1, 50);
    std::optional<StoreId> store = w.store_id.value() > 0 ? std::optional<StoreId>(w.store_id) : actor.store_id;
    if (!store) {
        check.Add("store_id", Message{"contracts.store_required", {}});
    }
    AC_RETURN_IF_ERROR(check.Finish());
    if (!actor.CanSeeStore(*store)) {
        return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
    }
    w.store_id = *store;
    return storage::RunInTransaction(kernel_.db(), TxMode::kWrite, [&](Transaction& tx) -> Result<Warehouse> {
        AC_ASSIGN_OR_RETURN(const auto taken, StockRepository::FindWarehouseByCode(tx, w.code));
        if (taken) {
            return Fail(Error::Validation({FieldError{"code", Message{"contracts.code_taken", {}}}}));
        }
        Warehouse created = w;
        AC_ASSIGN_OR_RETURN(created.id, StockRepository::InsertWarehouse(tx, w, kernel_.clock().Now()));
        return created;
    });
}

Result<std::vector<Warehouse>> ContractService::Warehouses(const Principal& actor) {
    return storage::RunInTransaction(kernel_.db(), TxMode::kRead, [&](Transaction& tx) {
        return StockRepository::Warehouses(tx, actor.StoreScope());
    });
}

Result<StockLevel> ContractService::Receive(const Principal& actor, const ReceiptInput& input) {
    FieldCheck check;
    if (!input.warehouse_id) {
        check.Add("warehouse_id", Message{"field.required", {}});
    }
    if (!input.product_id) {
        check.Add("product_id", Message{"field.required", {}});
    }
    check.Range("quantity", input.quantity, 1, kMaxQuantity);
    std::string note = input.note;
    check.Text("note", note, 0, 200);
    AC_RETURN_IF_ERROR(check.Finish());
    return storage::RunInTransaction(kernel_.db(), TxMode::kWrite, [&](Transaction& tx) -> Result<StockLevel> {
        AC_ASSIGN_OR_RETURN(const auto warehouse, StockRepository::FindWarehouse(tx, *input.warehouse_id));
        if (warehouse && !actor.CanSeeStore(warehouse->store_id)) {
            return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
        }
        FieldCheck refs;
        if (!warehouse) {
            refs.Add("warehouse_id", Message{"contracts.warehouse_unknown", {}});
        }
        AC_ASSIGN_OR_RETURN(const auto product, catalog::CatalogRepository::FindProduct(tx, *input.product_id));
        if (!product) {
            refs.Add("product_id", Message{"contracts.product_unknown", {}});
        }
        AC_RETURN_IF_ERROR(refs.Finish());
        Movement m;
        m.warehouse_id = warehouse->id;
        m.product_id = product->id;
        m.kind = "receipt";
        m.on_hand_delta = input.quantity;
        m.note = note;
        m.at = kernel_.clock().Now();
        m.staff_id = actor.staff_id;
        AC_RETURN_IF_ERROR(StockRepository::Move(tx, m));
        AC_ASSIGN_OR_RETURN(const auto level, StockRepository::Level(tx, warehouse->id, product->id));
        StockLevel out = *level;
        out.product_code = product->code;
        out.product_name = product->name;
        out.model = product->model;
        return out;
    });
}

Result<Page<StockLevel>> ContractService::Levels(const Principal& actor, std::optional<WarehouseId> warehouse,
                                                 const std::string& text, int page, int page_size) {
    AC_RETURN_IF_ERROR(CheckPage(page, page_size));
    return storage::RunInTransaction(kernel_.db(), TxMode::kRead, [&](Transaction& tx) {
        return StockRepository::Levels(tx, actor.StoreScope(), warehouse, Trimmed(text), page, page_size);
    });
}

Result<Page<Movement>> ContractService::Movements(const Principal& actor, WarehouseId warehouse,
                                                  std::optional<catalog::ProductId> product, int page, int page_size) {
    AC_RETURN_IF_ERROR(CheckPage(page, page_size));
    return storage::RunInTransaction(kernel_.db(), TxMode::kRead, [&](Transaction& tx) -> Result<Page<Movement>> {
        AC_ASSIGN_OR_RETURN(const auto found, StockRepository::FindWarehouse(tx, warehouse));
        if (!found) {
            return Fail(Error::Make(ErrorCode::kNotFound, "error.not_found"));
        }
        if (!actor.CanSeeStore(found->store_id)) {
            return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
        }
        return StockRepository::Movements(tx, warehouse, product, page, page_size);
    });
}

// ---- factory orders -------------------------------------------------------------------------------------------

Result<std::vector<Need>> ContractService::Needs(const Principal& actor, std::optional<StoreId> store_id) {
    AC_ASSIGN_OR_RETURN(const StoreId store, StoreOf(actor, store_id));
    return storage::RunInTransaction(kernel_.db(), TxMode::kRead,
                                     [&](Transaction& tx) { return ContractRepository::Needs(tx, store); });
}

Result<std::vector<kernel::Document>> ContractService::DraftFactoryOrders(const Principal& actor,
                                                                          std::optional<StoreId> store_id,
                                                                          const std::string& request_id) {
    AC_ASSIGN_OR_RETURN(const StoreId store, StoreOf(actor, store_id));
    AC_ASSIGN_OR_RETURN(const std::vector<Need> needs, Needs(actor, store));
    // One order per factory and warehouse.
    std::map<std::pair<std::string, std::int64_t>, bool> groups;
    for (const Need& need : needs) {
        groups[{need.factory, need.warehouse_id.value()}] = true;
    }
    if (groups.empty()) {
        return Fail(Error::Make(ErrorCode::kFailedPrecondition, "contracts.nothing_to_order"));
    }
    std::vector<kernel::Document> drafted;
    for (const auto& [key, unused] : groups) {
        const auto& [factory, warehouse] = key;
        kernel::CreateRequest create;
        create.type = std::string(kFactoryOrderType);
        create.store_id = store;
        create.request_id = request_id;
        create.fields = {{"factory", "null", json::Serialize(Json(factory))}};
        create.write = [&, factory = factory, warehouse = warehouse](Transaction& tx,
                                                                     const kernel::Document& document) -> Status {
            // Read again in this transaction: another draft may have taken some of the needs meanwhile.
            AC_ASSIGN_OR_RETURN(const std::vector<Need> current, ContractRepository::Needs(tx, store));
            FactoryOrder order;
            order.factory = factory;
            order.warehouse_id = WarehouseId(warehouse);
            for (const Need& need : current) {
                if (need.factory == factory && need.warehouse_id.value() == warehouse) {
                    FactoryLine line;
                    line.contract_line_id = need.line_id;
                    line.contract_id = need.contract_id;
                    line.product_id = need.product_id;
                    line.quantity = need.quantity;
                    line.lead_time_days = need.lead_time_days;
                    order.lines.push_back(line);
                }
            }
            if (order.lines.empty()) {
                return Fail(Error::Make(ErrorCode::kFailedPrecondition, "contracts.nothing_to_order"));
            }
            return ContractRepository::InsertFactoryOrder(tx, document.id, order);
        };
        auto created = kernel_.Create(actor, create);
        if (created) {
            drafted.push_back(*created);
        } else if (created.error().code != ErrorCode::kFailedPrecondition) {
            return Fail(created.error());
        }
    }
    if (drafted.empty()) {
        return Fail(Error::Make(ErrorCode::kFailedPrecondition, "contracts.nothing_to_order"));
    }
    return drafted;
}

Result<Page<FactoryOrderRow>> ContractService::FactoryOrders(const Principal& actor, const std::string& state,
                                                             bool overdue, int page, int page_size) {
    AC_RETURN_IF_ERROR(CheckPage(page, page_size));
    return storage::RunInTransaction(
        kernel_.db(), TxMode::kRead, [&](Transaction& tx) -> Result<Page<FactoryOrderRow>> {
            AC_ASSIGN_OR_RETURN(const std::string today, Today(tx, actor.store_id));
            return ContractRepository::FactoryOrders(tx, actor.StoreScope(), state, overdue, today, page, page_size);
        });
}

Result<boost::json::object> ContractService::FactoryOrderFieldsJson(Transaction& tx, const kernel::Document& document) {
    AC_ASSIGN_OR_RETURN(const auto found, ContractRepository::FindFactoryOrder(tx, document.id));
    if (!found) {
        return boost::json::object();
    }
    AC_ASSIGN_OR_RETURN(const std::string today, Today(tx, document.store_id));
    boost::json::array lines;
    bool overdue = false;
    for (const FactoryLine& line : found->lines) {
        const bool late = document.state == "placed" && line.expected_on && *line.expected_on < today &&
                          line.received < line.quantity;
        overdue = overdue || late;
        lines.push_back(boost::json::object{
            {"id", line.id},
            {"contract_id", line.contract_id.value()},
            {"contract_number", line.contract_number},
            {"product_id", line.product_id.value()},
            {"product_name", line.product_name},
            {"model", line.model},
            {"quantity", line.quantity},
            {"lead_time_days", line.lead_time_days},
            {"expected_on", line.expected_on ? boost::json::value(*line.expected_on) : boost::json::value(nullptr)},
            {"received", line.received},
            {"overdue", late},
        });
    }
    return boost::json::object{
        {"factory", found->factory},
        {"warehouse_id", found->warehouse_id.value()},
        {"placed_at", found->placed_at ? boost::json::value(FormatRfc3339(*found->placed_at)) : nullptr},
        {"received_at", found->received_at ? boost::json::value(FormatRfc3339(*found->received_at)) : nullptr},
        {"overdue", overdue},
        {"lines", std::move(lines)},
    };
}

}  // namespace ac::contracts

#include "modules/contracts/contract_workflow.hpp"

#include <set>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "kernel/repository.hpp"
#include "modules/contracts/contract_repository.hpp"
#include "modules/visits/visit_inputs.hpp"

namespace ac::contracts {
namespace {

using enum Role;
using kernel::ActionContext;
using kernel::ActionDef;
using kernel::FieldChange;
using kernel::InputKind;
using kernel::InputSpec;
using kernel::NotifyRule;
using kernel::TimerEffect;

constexpr std::string_view kFactoryOrderTimer = "contract.factory_order";

Result<Contract> LoadContract(storage::Transaction& tx, kernel::DocumentId id) {
    AC_ASSIGN_OR_RETURN(auto contract, ContractRepository::Find(tx, id));
    if (!contract) {
        return Fail(Error::Internal("contract row missing for document " + std::to_string(id.value())));
    }
    return std::move(*contract);
}

Result<FactoryOrder> LoadOrder(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(auto order, ContractRepository::FindFactoryOrder(context.tx, context.document.id));
    if (!order) {
        return Fail(
            Error::Internal("factory order row missing for document " + std::to_string(context.document.id.value())));
    }
    return std::move(*order);
}

Movement MovementFor(const ActionContext& context, const Contract& contract, const Line& line) {
    Movement m;
    m.warehouse_id = contract.warehouse_id;
    m.product_id = line.product_id;
    m.contract_id = contract.id;
    m.at = context.now;
    m.staff_id = context.actor.staff_id;
    return m;
}

// A3: reserve what the warehouse holds for each line; what it lacks is the factory-order need (A4).
Result<std::vector<FieldChange>> CheckStock(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(Contract contract, LoadContract(context.tx, context.document.id));
    boost::json::array before;
    boost::json::array after;
    for (Line& line : contract.lines) {
        before.push_back(boost::json::object{{"line", line.line_no}, {"reserved", line.reserved}});
        AC_ASSIGN_OR_RETURN(const std::int64_t got,
                            StockRepository::Reserve(context.tx, MovementFor(context, contract, line), line.Need()));
        if (got > 0) {
            line.reserved += got;
            AC_RETURN_IF_ERROR(ContractRepository::SetLine(context.tx, line.id, line.reserved, line.ordered));
        }
        after.push_back(
            boost::json::object{{"line", line.line_no}, {"reserved", line.reserved}, {"need", line.Need()}});
    }
    if (contract.AllReserved()) {
        context.Then(contract.id, "goods_ready");
    } else {
        AC_ASSIGN_OR_RETURN(const bool ordered, ContractRepository::FullyOrdered(context.tx, contract.id));
        if (ordered) {
            context.Then(contract.id, "factory_ordered");
        }
    }
    return std::vector<FieldChange>{{"lines", boost::json::serialize(before), boost::json::serialize(after)}};
}

// A6: all goods are in stock: the delivery job is created.
Result<std::vector<FieldChange>> GoodsReady(const ActionContext& context, const DeliveryJobFor& delivery_job) {
    AC_ASSIGN_OR_RETURN(const Contract contract, LoadContract(context.tx, context.document.id));
    context.Spawn(delivery_job(contract, context.document));
    return std::vector<FieldChange>{};
}

// Cancelled: what was reserved goes back to free stock; what is on order arrives as free stock.
Result<std::vector<FieldChange>> CancelContract(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Contract contract, LoadContract(context.tx, context.document.id));
    for (const Line& line : contract.lines) {
        if (line.reserved > 0) {
            Movement m = MovementFor(context, contract, line);
            m.kind = "release";
            m.reserved_delta = -line.reserved;
            AC_RETURN_IF_ERROR(StockRepository::Move(context.tx, m));
            AC_RETURN_IF_ERROR(ContractRepository::SetLine(context.tx, line.id, 0, line.ordered));
        }
    }
    return std::vector<FieldChange>{};
}

// A5: each line is expected the placing date plus the product's lead time.
Result<std::vector<FieldChange>> Place(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(FactoryOrder order, LoadOrder(context));
    order.placed_at = context.now;
    const kernel::LocalDate today = context.calendar.DateOf(context.now);
    std::set<std::int64_t> contracts;
    boost::json::array expected;
    for (FactoryLine& line : order.lines) {
        line.expected_on = today.Plus(line.lead_time_days).ToString();
        expected.push_back(boost::json::object{{"line", line.id}, {"expected_on", *line.expected_on}});
        contracts.insert(line.contract_id.value());
    }
    AC_RETURN_IF_ERROR(ContractRepository::PlaceFactoryOrder(context.tx, order));
    // A4: a contract whose missing goods are now all on placed orders is done with its factory ordering.
    for (const std::int64_t id : contracts) {
        AC_ASSIGN_OR_RETURN(const bool ordered, ContractRepository::FullyOrdered(context.tx, kernel::DocumentId(id)));
        if (ordered) {
            context.Then(kernel::DocumentId(id), "factory_ordered");
        }
    }
    return std::vector<FieldChange>{{"expected", "null", boost::json::serialize(expected)}};
}

// The goods arrive: into stock, then reserved for the contract lines that waited for them; a contract with all
// its goods becomes ready for delivery.
Result<std::vector<FieldChange>> Receive(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const FactoryOrder order, LoadOrder(context));
    std::set<std::int64_t> touched;
    for (const FactoryLine& line : order.lines) {
        const std::int64_t arriving = line.quantity - line.received;
        if (arriving <= 0) {
            continue;
        }
        Movement receipt;
        receipt.warehouse_id = order.warehouse_id;
        receipt.product_id = line.product_id;
        receipt.kind = "receipt";
        receipt.on_hand_delta = arriving;
        receipt.factory_order_id = order.id;
        receipt.at = context.now;
        receipt.staff_id = context.actor.staff_id;
        AC_RETURN_IF_ERROR(StockRepository::Move(context.tx, receipt));
        AC_ASSIGN_OR_RETURN(Contract contract, LoadContract(context.tx, line.contract_id));
        AC_ASSIGN_OR_RETURN(const auto contract_doc, kernel::DocumentRepository::Find(context.tx, line.contract_id));
        for (Line& contract_line : contract.lines) {
            if (contract_line.id != line.contract_line_id) {
                continue;
            }
            contract_line.ordered = std::max<std::int64_t>(0, contract_line.ordered - arriving);
            std::int64_t reserve = 0;
            if (contract_doc && contract_doc->state == "checked" && contract.warehouse_id == order.warehouse_id) {
                reserve = std::min(arriving, contract_line.quantity - contract_line.reserved);
            }
            if (reserve > 0) {
                Movement m = MovementFor(context, contract, contract_line);
                m.kind = "reserve";
                m.reserved_delta = reserve;
                m.factory_order_id = order.id;
                AC_RETURN_IF_ERROR(StockRepository::Move(context.tx, m));
                contract_line.reserved += reserve;
            }
            AC_RETURN_IF_ERROR(ContractRepository::SetLine(context.tx, contract_line.id, contract_line.reserved,
                                                           contract_line.ordered));
        }
        if (contract.AllReserved()) {
            touched.insert(contract.id.value());
        }
    }
    AC_RETURN_IF_ERROR(ContractRepository::ReceiveFactoryOrder(context.tx, order.id, context.now));
    for (const std::int64_t id : touched) {
        context.Then(kernel::DocumentId(id), "goods_ready");
    }
    return std::vector<FieldChange>{};
}

Result<std::vector<FieldChange>> CancelOrder(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const FactoryOrder order, LoadOrder(context));
    for (const FactoryLine& line : order.lines) {
        AC_ASSIGN_OR_RETURN(const Contract contract, LoadContract(context.tx, line.contract_id));
        for (const Line& contract_line : contract.lines) {
            if (contract_line.id == line.contract_line_id) {
                AC_RETURN_IF_ERROR(
                    ContractRepository::SetLine(context.tx, contract_line.id, contract_line.reserved,
                                                std::max<std::int64_t>(0, contract_line.ordered - line.quantity)));
            }
        }
    }
    return std::vector<FieldChange>{};
}

constexpr MessageDef kMessages[] = {
    {"doc.sales_contract", "销售合同", "Sales contract"},
    {"doc.sales_contract.state.received", "已接收", "Received"},
    {"doc.sales_contract.state.checked", "待到货", "Awaiting goods"},
    {"doc.sales_contract.state.ready", "待送货", "Ready for delivery"},
    {"doc.sales_contract.state.delivered", "已送货", "Delivered"},
    {"doc.sales_contract.state.cancelled", "已取消", "Cancelled"},
    {"doc.sales_contract.action.check_stock", "查库存并预留", "Check stock and reserve"},
    {"doc.sales_contract.action.goods_ready", "货已齐", "All goods in stock"},
    {"doc.sales_contract.action.factory_ordered", "缺货已向工厂下单", "Missing goods ordered"},
    {"doc.sales_contract.action.delivered", "已送达签收", "Delivered and signed for"},
    {"doc.sales_contract.action.cancel", "取消合同", "Cancel the contract"},
    {"doc.sales_contract.input.reason", "原因", "Reason"},
    {"doc.factory_order", "工厂订单", "Factory order"},
    {"doc.factory_order.state.draft", "草稿", "Draft"},
    {"doc.factory_order.state.placed", "已下单", "Placed"},
    {"doc.factory_order.state.received", "已到货", "Received"},
    {"doc.factory_order.state.cancelled", "已取消", "Cancelled"},
    {"doc.factory_order.action.place", "向工厂下单", "Place with the factory"},
    {"doc.factory_order.action.receive", "到货入库", "Receive into stock"},
    {"doc.factory_order.action.cancel", "取消", "Cancel"},
    {"doc.factory_order.input.reason", "原因", "Reason"},
    {"doc.factory_order.input.arrival", "到货验收", "Arrival check"},
    {"doc.factory_order.checklist.counted", "已清点数量，与订单一致", "Counted: the quantities match the order"},
    {"doc.factory_order.checklist.inspected", "已检查外包装和商品无损坏", "Inspected: packaging and goods undamaged"},
    {"sla.contract.factory_order", "次日向工厂下单", "Factory order by the next day"},
    {"notify.contract.received", "新销售合同 {number}（{actor}）", "New sales contract {number} from {actor}"},
    {"contracts.stock_short", "库存不足", "not enough stock"},
    {"contracts.needs_changed", "缺货情况已变化，请刷新后重试", "the needs changed meanwhile: reload and try again"},
    {"contracts.nothing_to_order", "没有需要向工厂下单的商品", "nothing needs a factory order"},
    {"contracts.store_required", "总部人员须指定门店", "head-office staff must name the store"},
    {"contracts.no_warehouse", "该门店还没有仓库", "the store has no warehouse yet"},
    {"contracts.warehouse_other_store", "不是该门店的仓库", "not a warehouse of this store"},
    {"contracts.warehouse_unknown", "仓库不存在", "no such warehouse"},
    {"contracts.salesperson_required", "请选择导购", "choose the salesperson"},
    {"contracts.not_salesperson", "不是该门店的导购", "not a salesperson of this store"},
    {"contracts.lines_required", "至少一行商品", "at least one line"},
    {"contracts.product_unknown", "商品不存在或已停用", "no such active product"},
    {"contracts.code_taken", "编码已被使用", "this code is taken"},
};

}  // namespace

kernel::DocumentType ContractType(DeliveryJobFor delivery_job) {
    const RoleSet followers = RolesOf({kOrderFollower});
    kernel::DocumentType type;
    type.type = std::string(kContractType);
    type.prefix = "HT";
    type.resource = "contracts";
    type.states = {"received", "checked", "ready", "delivered", "cancelled"};
    type.initial_state = "received";
    type.creators = RolesOf({kSalesperson, kOrderFollower});
    type.timers_on_create = {std::string(kFactoryOrderTimer)};
    type.notify_on_create = {NotifyRule{NotifyRule::To::kStoreRole, kOrderFollower, "notify.contract.received"}};
    const TimerEffect stop{TimerEffect::Op::kStop, std::string(kFactoryOrderTimer)};
    type.actions = {
        ActionDef{.name = "check_stock",
                  .from = {"received", "checked"},
                  .to = "checked",
                  .roles = followers,
                  .effect = CheckStock},
        ActionDef{.name = "goods_ready",
                  .from = {"checked"},
                  .to = "ready",
                  .system = true,
                  .effect = [delivery_job](const ActionContext& c) { return GoodsReady(c, delivery_job); },
                  .timers = {stop}},
        ActionDef{.name = "factory_ordered", .from = {"checked"}, .system = true, .timers = {stop}},
        ActionDef{.name = "delivered", .from = {"ready"}, .to = "delivered", .system = true},
        ActionDef{.name = "cancel",
                  .from = {"received", "checked"},
                  .to = "cancelled",
                  .roles = RolesOf({kOrderFollower, kAftersalesSupervisor, kStoreManager}),
                  .inputs = {visits::TextInput("reason", true, 500)},
                  .effect = CancelContract,
                  .timers = {stop}},
    };
    return type;
}

kernel::DocumentType FactoryOrderType() {
    const RoleSet followers = RolesOf({kOrderFollower});
    kernel::DocumentType type;
    type.type = std::string(kFactoryOrderType);
    type.prefix = "GC";
    type.resource = "factory-orders";
    type.api_tag = "contracts";
    type.states = {"draft", "placed", "received", "cancelled"};
    type.initial_state = "draft";
    type.creators = followers;
    type.actions = {
        ActionDef{.name = "place", .from = {"draft"}, .to = "placed", .roles = followers, .effect = Place},
        ActionDef{.name = "receive",
                  .from = {"placed"},
                  .to = "received",
                  .roles = followers,
                  .inputs = {InputSpec{
                      .name = "arrival", .kind = InputKind::kChecklist, .checklist = {"counted", "inspected"}}},
                  .effect = Receive},
        ActionDef{.name = "cancel",
                  .from = {"draft"},
                  .to = "cancelled",
                  .roles = followers,
                  .inputs = {visits::TextInput("reason", true, 500)},
                  .effect = CancelOrder},
    };
    return type;
}

void AddPolicies(kernel::Policies& policies) {
    using kernel::DeadlineRule;
    policies.Add(kernel::PolicyDef{
        std::string(kFactoryOrderTimer),
        DeadlineRule{.kind = DeadlineRule::Kind::kEndOfWorkingDay, .days_after = 1, .minute_of_day = kCutoffMinute}});
}

std::span<const MessageDef> Messages() {
    return kMessages;
}

Result<std::optional<Contract>> FindContract(storage::Transaction& tx, kernel::DocumentId id) {
    return ContractRepository::Find(tx, id);
}

Status IssueGoods(const ActionContext& context, kernel::DocumentId contract_id) {
    AC_ASSIGN_OR_RETURN(const Contract contract, LoadContract(context.tx, contract_id));
    for (const Line& line : contract.lines) {
        if (line.reserved > 0) {
            Movement m = MovementFor(context, contract, line);
            m.kind = "issue";
            m.on_hand_delta = -line.reserved;
            m.reserved_delta = -line.reserved;
            AC_RETURN_IF_ERROR(StockRepository::Move(context.tx, m));
        }
    }
    return Ok();
}

}  // namespace ac::contracts

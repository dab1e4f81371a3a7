// The sales contract (HT) and factory order (GC) state machines, declared as data for the kernel.
#pragma once

#include <functional>
#include <span>

#include "core/i18n.hpp"
#include "kernel/document.hpp"
#include "kernel/sla.hpp"
#include "modules/contracts/contracts.hpp"

namespace ac::contracts {

// What a contract whose goods are all in stock creates: its delivery job (A6). Provided by the delivery module.
using DeliveryJobFor = std::function<kernel::CreateRequest(const Contract&, const kernel::Document&)>;

// received → checked (stock reserved, the rest a factory-order need) → ready (all goods in stock: the delivery job
// is created) → delivered; or cancelled. The A4 timer runs from receipt until every missing unit is on a placed
// factory order.
[[nodiscard]] kernel::DocumentType ContractType(DeliveryJobFor delivery_job);
// draft → placed (expected arrival per line, A5) → received (into stock, allocated to the waiting contracts).
[[nodiscard]] kernel::DocumentType FactoryOrderType();
// contract.factory_order: by the end of the working day after the contract's batch day (A4).
void AddPolicies(kernel::Policies& policies);
[[nodiscard]] std::span<const MessageDef> Messages();

// The contract with its lines (for the delivery job, its slip and voucher); nullopt when there is none.
Result<std::optional<Contract>> FindContract(storage::Transaction& tx, kernel::DocumentId id);

// Takes the contract's reserved goods out of its warehouse (delivered and signed for). Run in a delivery
// action's transaction; then the contract's "delivered" follows.
Status IssueGoods(const kernel::ActionContext& context, kernel::DocumentId contract);

}  // namespace ac::contracts

// The delivery job's state machine (chapter B, and the visit rules of Q), declared as data for the kernel.
#pragma once

#include <span>

#include "core/i18n.hpp"
#include "kernel/document.hpp"
#include "kernel/sla.hpp"
#include "modules/contracts/contracts.hpp"

namespace ac::delivery {

// to_schedule → scheduled (B1) → confirmed (B2) → slip_sent (B12) → inspected (B4) → on_site → delivered (B10,
// Q23) → voucher_returned (B15) → followed_up (B16); reschedule (B3, Q8) and replace_goods (B5) go back to
// scheduled; cancelled.
[[nodiscard]] kernel::DocumentType JobType();
// The job a contract with all its goods in stock gets (A6); given to the contract type.
[[nodiscard]] kernel::CreateRequest JobFor(const contracts::Contract& contract, const kernel::Document& document);
// delivery.confirmation, delivery.inspection, delivery.arrival, delivery.departure.
void AddChecklists(kernel::Registry& registry);
// delivery.voucher_return: the voucher back at after-sales by the end of the next day (B15).
void AddPolicies(kernel::Policies& policies);
[[nodiscard]] std::span<const MessageDef> Messages();

}  // namespace ac::delivery

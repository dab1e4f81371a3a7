// The repair ticket's state machine (chapter C and the visit rules of Q), declared as data for the kernel.
#pragma once

#include <span>

#include "core/i18n.hpp"
#include "kernel/document.hpp"
#include "kernel/sla.hpp"

namespace ac::repair {

// The repair ticket type: states, actions, inputs, checklists, timers and notifications.
[[nodiscard]] kernel::DocumentType TicketType();
// The visit checklists (repair.arrival, repair.departure, repair.return) with their zh-CN and English wording;
// each can be changed for the chain or a store (PUT /api/v1/checklist-templates/{name}).
void AddChecklists(kernel::Registry& registry);
// repair.first_contact (30 minutes, C3/C5) and repair.slip_return (end of the next day, C12).
void AddPolicies(kernel::Policies& policies);
// Labels (states, actions, inputs, choices, checklist items, timers) and the module's errors.
[[nodiscard]] std::span<const MessageDef> Messages();

}  // namespace ac::repair

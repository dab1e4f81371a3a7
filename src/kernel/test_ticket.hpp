// A small document type that exercises every feature of the kernel, for its tests and benchmarks (and the
// server's --enable-test-routes). Nothing in the product uses it.
//
//   new ──contact──▶ contacted ──schedule──▶ scheduled ──complete──▶ done
//                                              │  ▲ reschedule, approve_exception
//                                          hold│  │unhold
//                                              ▼  │
//                                       waiting_customer
//   assign: any open state; cancel: any open state ──▶ cancelled
//
// Timers: "test.first_contact" (30 minutes, from creation to contact) and "test.visit" (end of the next day,
// from scheduling to completion, paused while waiting for the customer).
#pragma once

#include <optional>
#include <span>
#include <string>

#include "core/i18n.hpp"
#include "kernel/document.hpp"
#include "kernel/sla.hpp"

namespace ac::kernel::test_ticket {

inline constexpr std::string_view kType = "test_ticket";

[[nodiscard]] DocumentType Type();
void AddPolicies(Policies& policies);
[[nodiscard]] std::span<const MessageDef> Messages();

// Creates the test ticket's own table when missing (test builds only; the product's tables come from migrations).
[[nodiscard]] Status EnsureTable(storage::Database& db);

struct Fields {
    std::string title;
    std::optional<Instant> appointment;
};
[[nodiscard]] Result<std::optional<Fields>> Load(storage::Transaction& tx, DocumentId id);
// The CreateRequest::write of a new ticket.
[[nodiscard]] Status Insert(storage::Transaction& tx, DocumentId id, const std::string& title);

}  // namespace ac::kernel::test_ticket

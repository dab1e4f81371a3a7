// Repairs (chapter C): the repair ticket is the problem registration form (售后问题登记表) as a document.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "kernel/document.hpp"
#include "modules/catalog/catalog.hpp"

namespace ac::repair {

inline constexpr std::string_view kType = "repair_ticket";
inline constexpr std::string_view kResource = "repair-tickets";

// The registration channels (C1): by phone, by letter, in person, on the web.
inline constexpr std::string_view kChannels[] = {"phone", "letter", "visit", "web"};

// The registered problem, as the form has it.
struct Registration {
    std::string customer_name;
    std::string phone;
    std::string district;
    std::string address;
    std::string product_model;
    std::string problem;
    std::string symptoms;
    std::string channel;
    std::optional<std::string> delivered_on;  // YYYY-MM-DD, when the customer knows it
    std::optional<StoreId> store_id;          // default: the registering user's store
};

struct Ticket {
    kernel::DocumentId id;
    catalog::CustomerId customer_id;
    std::string customer_name;
    std::string phone;
    std::string district;
    std::string address;
    std::optional<catalog::ProductId> product_id;
    std::string product_model;
    std::string problem;
    std::string symptoms;
    std::string channel;
    std::string source;  // "store" (C1/C2) or "aftersales" (C4)
    std::optional<std::string> delivered_on;
    std::string warranty;  // in_warranty, out_of_warranty, unknown
    std::optional<StaffId> agent_id;
    std::optional<StaffId> technician_id;
    std::optional<Instant> window_start;
    std::optional<Instant> window_end;
    std::string tools_to_prepare;
    bool major = false;
};

struct Call {
    Instant at;
    StaffId caller;
    std::string caller_name;
    std::string outcome;
    std::string note;
};

struct Visit {
    std::int64_t id = 0;
    StaffId technician;
    std::optional<Instant> window_start;
    std::optional<Instant> window_end;
    Instant arrived_at;
    std::optional<Instant> departed_at;
    std::int64_t late_minutes = 0;
    std::string outcome;
    std::string findings;
    std::string parts_used;
    std::string explanation;
    std::optional<int> rating;
    std::string remarks;
    std::optional<std::string> signature_file;
    std::string signer;
    std::string refusal_reason;
    std::string photos_json = "{}";  // {"photos_before": [file hash, …], "photos_after": […]}
};

struct Receipt {
    std::string number;
    std::string goods;
    Instant issued_at;
    std::optional<Instant> taken_back_at;
};

struct FollowUp {
    Instant at;
    int satisfaction = 0;
    std::string remarks;
};

// A ticket with its document columns, for lists.
struct TicketRow {
    kernel::Document document;
    Ticket ticket;
    std::optional<Instant> first_contact_deadline;  // the running first-contact timer
    bool breached = false;                          // any of its timers breached
};

struct TicketQuery {
    std::optional<StoreId> scope;  // the caller's store, or nullopt for every store
    std::optional<StoreId> store_id;
    std::string state;
    std::string sla;    // "", "running", "breached"
    bool open = false;  // only tickets still in someone's hands (not repaired, closed or cancelled)
    std::optional<StaffId> technician_id;
    std::optional<Instant> from;  // registered at or after
    std::optional<Instant> to;    // registered before
    std::string text;
    int page = 1;
    int page_size = 20;
};

}  // namespace ac::repair

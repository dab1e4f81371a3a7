// Chapter B: the delivery and installation job (SH), from goods in stock to the follow-up call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "kernel/document.hpp"

namespace ac::delivery {

inline constexpr std::string_view kType = "delivery_job";
inline constexpr std::string_view kResource = "deliveries";

struct Job {
    kernel::DocumentId id;
    kernel::DocumentId contract_id;
    std::string contract_number;
    std::string customer_name;
    std::string phone;
    std::string address;
    std::string installation_requirements;
    std::optional<StaffId> installer_id;
    std::string installer_name;
    std::string crew;
    std::optional<Instant> window_start;
    std::optional<Instant> window_end;
    std::optional<Instant> confirmed_at;
    std::optional<Instant> slip_sent_at;
    std::optional<Instant> inspected_at;
    std::optional<Instant> arrived_at;
    std::int64_t late_minutes = 0;
    std::optional<Instant> signed_at;
    std::string signer;
    std::optional<std::string> signature_file;
    std::optional<int> rating;
    std::string remarks;
    std::string photos_json = "{}";
    std::optional<Instant> voucher_returned_at;
};

// A delay (B3) or a replacement (B5) told to the customer.
struct Change {
    std::string kind;  // delay, replacement
    Instant at;
    StaffId staff_id;
    std::string reason;
    std::string goods;
    std::optional<Instant> old_start;
    std::optional<Instant> old_end;
    Instant new_start;
    Instant new_end;
    Instant notice_at;
};

struct FollowUp {
    Instant at;
    std::optional<StaffId> installer_id;
    int satisfaction = 0;
    std::string remarks;
};

struct JobRow {
    kernel::Document document;
    Job job;
    bool breached = false;
};

struct JobQuery {
    std::optional<StoreId> scope;
    std::optional<StoreId> store_id;
    std::string state;
    bool open = false;  // not yet signed for, nor cancelled
    std::optional<StaffId> installer_id;
    std::optional<kernel::DocumentId> contract_id;
    std::optional<Instant> from;  // window starting at or after
    std::optional<Instant> to;    // window starting before
    bool unscheduled = false;     // with no window yet (to be scheduled)
    std::string text;
    int page = 1;
    int page_size = 20;
};

}  // namespace ac::delivery

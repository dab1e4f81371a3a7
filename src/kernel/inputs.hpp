// Reading an action's inputs from the request body, by the action's declared input specs.
//
//   {"version": 3, "comment": "…", "inputs": {
//       "note": "text",                                   // kText
//       "appointment": "2026-11-28T14:00:00+08:00",       // kTime
//       "customer_notice": {"channel": "phone", "contacted_at": "…", "summary": "…"},
//       "approval": {"reason": "…"},                      // the approver is the caller
//       "signature": {"image": "data:image/png;base64,…", "signer": "王女士"},
//       "checklist": {"assembled": true, "cleaned": true},
//       "assignee": 17}}
#pragma once

#include <cstdint>
#include <optional>

#include "core/json.hpp"
#include "kernel/document.hpp"

namespace ac::kernel {

// The largest signature image accepted, decoded.
inline constexpr std::size_t kMaxSignatureBytes = 1024 * 1024;
// The largest action request body (a signature and photos in Base64, and the rest).
inline constexpr std::size_t kMaxPhotoBytes = 1024 * 1024;
inline constexpr std::size_t kMaxActionBodyBytes = 8 * 1024 * 1024;

struct ActionRequestBody {
    std::int64_t version = 0;
    ActionInputs inputs;
};

// Reads the body of an action request for `action`. Field errors name the field ("version",
// "inputs.customer_notice.channel"); an input the action does not declare is "inputs.<name>: not a known field".
// Whether the inputs satisfy the action (required ones present, the checklist complete, the approver's role) is
// the kernel's check, not this one's: here only their form.
[[nodiscard]] Result<ActionRequestBody> ReadActionRequest(const boost::json::object& body, const ActionDef& action);

// The customer notice channels (B3, Q8).
[[nodiscard]] std::span<const std::string_view> NoticeChannels();

}  // namespace ac::kernel

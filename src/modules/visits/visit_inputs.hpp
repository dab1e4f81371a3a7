// The pieces every field visit shares (chapter Q), whichever document it belongs to: a repair ticket's visit, a
// delivery and installation job. Input declarations, the guards on an agreed window and on the customer's
// signature, and helpers for effects.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "kernel/document.hpp"

namespace ac::visits {

// The longest window agreed with a customer.
inline constexpr auto kMaxWindow = std::chrono::hours(8);

[[nodiscard]] kernel::InputSpec TextInput(std::string name, bool required, std::size_t max_chars = 1000);
[[nodiscard]] kernel::InputSpec TimeInput(std::string name);
// Photos of the goods, images only, size-limited by the kernel.
[[nodiscard]] kernel::InputSpec PhotosInput(std::string name, bool required);
// The service record (Q23): the customer's rating, remarks and signature, and with `refusal` a field for why they
// did not sign.
[[nodiscard]] std::vector<kernel::InputSpec> ServiceRecord(bool signature_required, bool refusal = true);
[[nodiscard]] std::vector<kernel::InputSpec> Join(std::vector<kernel::InputSpec> a,
                                                  const std::vector<kernel::InputSpec>& b);

// The text input `name`, empty when not given.
[[nodiscard]] std::string Text(const kernel::ActionContext& context, const std::string& name);
// The photo inputs as {"<input>": [file hash, …]}.
[[nodiscard]] std::string PhotosJson(const kernel::ActionContext& context);
[[nodiscard]] std::string Quoted(std::string_view text);
[[nodiscard]] std::string TimeJson(const std::optional<Instant>& at);

// The "window_start"/"window_end" inputs: the window lies ahead, ends after it starts, lasts at most kMaxWindow.
Status WindowValid(const kernel::ActionContext& context);
// Q23: the customer signs, or the refusal is recorded with its reason.
Status SignedOrRefused(const kernel::ActionContext& context);
// B3, Q8: the customer notice came before `deadline` (the agreed window).
Status NoticeBefore(const kernel::ActionContext& context, const std::optional<Instant>& deadline);

[[nodiscard]] std::span<const MessageDef> Messages();

}  // namespace ac::visits

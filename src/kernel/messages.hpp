#pragma once

#include <span>

#include "core/i18n.hpp"

namespace ac::kernel {

// The catalog entries of kernel/: its errors, the SLA notifications, the labels of the SLA events.
[[nodiscard]] std::span<const MessageDef> KernelMessages();

}  // namespace ac::kernel

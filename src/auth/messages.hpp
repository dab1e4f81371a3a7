#pragma once

#include <span>

#include "core/i18n.hpp"

namespace ac::auth {

// The catalog entries of auth/ (auth.*, identity.* and the field messages of identity).
[[nodiscard]] std::span<const MessageDef> AuthMessages();

}  // namespace ac::auth

#pragma once

#include <span>

#include "core/i18n.hpp"

namespace ac::catalog {

// The catalog's errors and the column names its imports understand.
[[nodiscard]] std::span<const MessageDef> CatalogMessages();

}  // namespace ac::catalog

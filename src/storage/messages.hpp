#pragma once

#include <span>

#include "core/i18n.hpp"

namespace ac::storage {

// The catalog entries of storage/ (db.*): add them to the Catalog that renders errors.
[[nodiscard]] std::span<const MessageDef> StorageMessages();

}  // namespace ac::storage

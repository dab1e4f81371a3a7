// The message catalog of the whole program: every layer's entries in one place.
#pragma once

#include "core/i18n.hpp"

namespace ac::app {

// Core, storage, HTTP and application messages. Throws std::logic_error on a defective entry (see Catalog::Add).
[[nodiscard]] Catalog BuildCatalog();

}  // namespace ac::app

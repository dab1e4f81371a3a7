// The web application's built files (web/dist), compiled into the binary; empty when it was not built.
#pragma once

#include <span>

#include "core/embedded.hpp"

namespace ac::app {

[[nodiscard]] std::span<const EmbeddedFile> EmbeddedWebFiles();

}  // namespace ac::app

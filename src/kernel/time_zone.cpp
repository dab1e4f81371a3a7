#include "kernel/time_zone.hpp"

#include <stdexcept>
#include <string>

#include <date/tz.h>

namespace ac::kernel {

bool IsKnownTimeZone(std::string_view name) {
    if (name.empty() || name.size() > 64) {
        return false;
    }
    try {
        return date::locate_zone(std::string(name)) != nullptr;
    } catch (const std::runtime_error&) {
        return false;
    }
}

}  // namespace ac::kernel

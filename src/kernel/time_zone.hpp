// IANA time zones from the operating system's database (Debian's tzdata, read through Howard Hinnant's date/tz).
#pragma once

#include <string_view>

namespace ac::kernel {

// Whether `name` is a zone of the database ("Asia/Shanghai", "Asia/Urumqi", "UTC"). Thread-safe.
[[nodiscard]] bool IsKnownTimeZone(std::string_view name);

}  // namespace ac::kernel

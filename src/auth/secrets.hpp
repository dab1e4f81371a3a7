// Random tokens, digests and comparisons for credentials (libsodium).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/digest.hpp"

namespace ac::auth {

// Initialises libsodium. Call once, before other threads start; throws std::runtime_error if it cannot.
void InitCrypto();

// `bytes` random bytes from the operating system's CSPRNG, as URL-safe base64 without padding.
[[nodiscard]] std::string RandomToken(std::size_t bytes = 32);

// Equality in time that depends only on the lengths, not on where the strings differ.
[[nodiscard]] bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace ac::auth

// Digests and encodings: SHA-256 and HMAC-SHA256 as lowercase hex, Base64 (libsodium).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ac {

// SHA-256 of `data`, 64 hex digits.
[[nodiscard]] std::string Sha256Hex(std::string_view data);

// HMAC-SHA256 of `data` under `key` (any length), 64 hex digits.
[[nodiscard]] std::string HmacSha256Hex(std::string_view key, std::string_view data);

// Standard Base64 (RFC 4648, with padding).
[[nodiscard]] std::string Base64Encode(std::string_view bytes);
// Decodes standard Base64, ignoring white space; nullopt for anything else.
[[nodiscard]] std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace ac

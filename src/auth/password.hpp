// Passwords: argon2id hashes (libsodium's crypto_pwhash_str, interactive limits) and the password policy.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ac::auth {

// The encoded argon2id hash of `password` (algorithm, parameters and salt included). Slow on purpose (about
// 0.1 s and 64 MiB). Throws std::runtime_error when memory runs out.
[[nodiscard]] std::string HashPassword(std::string_view password);

// Whether `password` matches `hash`. A malformed hash matches nothing.
[[nodiscard]] bool VerifyPassword(std::string_view hash, std::string_view password);

// Takes as long as VerifyPassword on a real hash, so that an unknown account answers as slowly as a wrong password.
void VerifyAgainstDummy(std::string_view password);

// nullopt when `password` meets the policy (8 to 128 characters, at least one letter and one digit, not
// containing the username); otherwise the message for the field.
[[nodiscard]] std::optional<Message> CheckPasswordPolicy(std::string_view password, std::string_view username);

}  // namespace ac::auth

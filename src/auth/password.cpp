#include "auth/password.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <sodium.h>

#include "core/json.hpp"

namespace ac::auth {

std::string HashPassword(std::string_view password) {
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return hash;
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
    const std::string terminated(hash);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void VerifyAgainstDummy(std::string_view password) {
    // A hash of a random password, made once: verifying against it costs what a real verification costs.
    static const std::string kDummy = HashPassword("dummy-password-for-timing-1");
    (void)VerifyPassword(kDummy, password);
}

std::optional<Message> CheckPasswordPolicy(std::string_view password, std::string_view username) {
    const std::size_t length = json::Utf8Length(password);
    const bool has_letter = std::any_of(password.begin(), password.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) != 0 || (static_cast<unsigned char>(c) & 0x80) != 0;
    });
    const bool has_digit = std::any_of(password.begin(), password.end(),
                                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
    std::string lowered(password);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    const bool contains_username = username.size() >= 3 && lowered.find(username) != std::string::npos;
    if (length < 8 || length > 128 || !has_letter || !has_digit || contains_username) {
        return Message{"field.password_weak", {}};
    }
    return std::nullopt;
}

}  // namespace ac::auth

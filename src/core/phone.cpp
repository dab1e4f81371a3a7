#include "core/phone.hpp"

namespace ac {
namespace {

// The digits of `text` (and whether it began with '+'), or nullopt if it holds anything but digits and the
// usual separators.
std::optional<std::pair<std::string, bool>> Digits(std::string_view text) {
    std::string digits;
    bool plus = false;
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c == '+' && digits.empty() && !plus) {
            plus = true;
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
            return std::nullopt;
        }
    }
    return std::make_pair(digits, plus);
}

bool IsMobile(std::string_view digits) {
    return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

}  // namespace

std::optional<std::string> NormalizeMobile(std::string_view text) {
    auto parsed = Digits(text);
    if (!parsed) {
        return std::nullopt;
    }
    std::string digits = std::move(parsed->first);
    if (parsed->second && !digits.starts_with("86")) {
        return std::nullopt;  // an international number of another country
    }
    if (digits.size() == 15 && digits.starts_with("0086")) {
        digits.erase(0, 4);
    } else if (digits.size() == 13 && digits.starts_with("86")) {
        digits.erase(0, 2);
    }
    if (!IsMobile(digits)) {
        return std::nullopt;
    }
    return digits;
}

std::optional<std::string> NormalizePhone(std::string_view text) {
    if (auto mobile = NormalizeMobile(text)) {
        return mobile;
    }
    auto parsed = Digits(text);
    if (!parsed || parsed->first.size() < 5 || parsed->first.size() > 20) {
        return std::nullopt;
    }
    return parsed->second ? "+" + parsed->first : parsed->first;
}

}  // namespace ac

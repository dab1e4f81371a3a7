#include "core/phone.hpp"

namespace ac {
namespace {

struct PhoneDigits {
    bool valid = true;  // false: `text` held something besides digits and the usual separators
    bool plus = false;  // it began with '+'
    std::string digits;
};

PhoneDigits Digits(std::string_view text) {
    PhoneDigits parsed;
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            parsed.digits += c;
        } else if (c == '+' && parsed.digits.empty() && !parsed.plus) {
            parsed.plus = true;
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
            parsed.valid = false;
            break;
        }
    }
    return parsed;
}

bool IsMobile(std::string_view digits) {
    return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

}  // namespace

std::optional<std::string> NormalizeMobile(std::string_view text) {
    PhoneDigits parsed = Digits(text);
    if (!parsed.valid || (parsed.plus && !parsed.digits.starts_with("86"))) {
        return std::nullopt;  // not a number, or an international number of another country
    }
    std::string& digits = parsed.digits;
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
    const PhoneDigits parsed = Digits(text);
    if (!parsed.valid || parsed.digits.size() < 5 || parsed.digits.size() > 20) {
        return std::nullopt;
    }
    return parsed.plus ? "+" + parsed.digits : parsed.digits;
}

}  // namespace ac

#include "core/money.hpp"

#include <stdexcept>

namespace ac {

std::optional<Money> Money::ParseYuan(std::string_view text) {
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    std::int64_t whole = 0;
    int whole_digits = 0;
    std::size_t i = 0;
    for (; i < text.size() && text[i] != '.'; ++i) {
        const char c = text[i];
        if (c == ',') {
            // Thousands separators are accepted between digits only.
            if (whole_digits == 0 || i + 1 >= text.size() || text[i + 1] < '0' || text[i + 1] > '9') {
                return std::nullopt;
            }
            continue;
        }
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        whole = whole * 10 + (c - '0');
        ++whole_digits;
        if (whole > kMaxAbsFen / 100) {
            return std::nullopt;
        }
    }
    std::int64_t cents = 0;
    int cent_digits = 0;
    if (i < text.size()) {
        ++i;  // the '.'
        for (; i < text.size(); ++i) {
            const char c = text[i];
            if (c < '0' || c > '9' || cent_digits == 2) {
                return std::nullopt;
            }
            cents = cents * 10 + (c - '0');
            ++cent_digits;
        }
        if (cent_digits == 0) {
            return std::nullopt;
        }
    }
    if (whole_digits == 0 && cent_digits == 0) {
        return std::nullopt;
    }
    if (cent_digits == 1) {
        cents *= 10;
    }
    const std::int64_t fen = whole * 100 + cents;
    if (fen > kMaxAbsFen) {
        return std::nullopt;
    }
    return Money(negative ? -fen : fen);
}

std::string Money::ToYuanString() const {
    // Work on the unsigned magnitude so that INT64_MIN formats correctly too.
    const bool negative = fen_ < 0;
    const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(fen_) : static_cast<std::uint64_t>(fen_);
    std::string out = negative ? "-" : "";
    out += std::to_string(magnitude / 100);
    out += '.';
    const auto cents = static_cast<unsigned>(magnitude % 100);
    out += static_cast<char>('0' + cents / 10);
    out += static_cast<char>('0' + cents % 10);
    return out;
}

Money Money::operator+(Money other) const {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(fen_, other.fen_, &sum)) {
        throw std::overflow_error("Money addition overflows int64");
    }
    return Money(sum);
}

Money Money::operator-(Money other) const {
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(fen_, other.fen_, &difference)) {
        throw std::overflow_error("Money subtraction overflows int64");
    }
    return Money(difference);
}

Money Money::operator*(std::int64_t factor) const {
    std::int64_t product = 0;
    if (__builtin_mul_overflow(fen_, factor, &product)) {
        throw std::overflow_error("Money multiplication overflows int64");
    }
    return Money(product);
}

}  // namespace ac

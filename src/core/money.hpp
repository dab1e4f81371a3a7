// Money: an amount in integer fen (分, 1/100 yuan). Never a floating-point number.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ac {

class Money {
  public:
    constexpr Money() = default;

    [[nodiscard]] static constexpr Money FromFen(std::int64_t fen) { return Money(fen); }

    // Parses a yuan amount written by a person or a CSV file: "12", "12.3", "12.34", "-0.50", "1,234.50".
    // Returns nullopt for anything else: more than two decimals, letters, an empty string, or an amount beyond
    // kMaxAbsFen.
    [[nodiscard]] static std::optional<Money> ParseYuan(std::string_view text);

    [[nodiscard]] constexpr std::int64_t fen() const { return fen_; }

    // "12.34", "-0.05", "1000.00": always two decimals, no grouping, "." as the separator.
    [[nodiscard]] std::string ToYuanString() const;

    // Arithmetic throws std::overflow_error beyond the int64 range: amounts are validated against kMaxAbsFen on
    // the way in, so reaching it is a bug.
    [[nodiscard]] Money operator+(Money other) const;
    [[nodiscard]] Money operator-(Money other) const;
    [[nodiscard]] Money operator*(std::int64_t factor) const;
    Money& operator+=(Money other) { return *this = *this + other; }
    Money& operator-=(Money other) { return *this = *this - other; }

    friend constexpr auto operator<=>(const Money&, const Money&) = default;

    // The largest amount accepted from input: 10^15 fen (ten trillion yuan), far above any store's figures and
    // far below the int64 limit, so sums of many amounts cannot overflow.
    static constexpr std::int64_t kMaxAbsFen = 1'000'000'000'000'000;

  private:
    constexpr explicit Money(std::int64_t fen) : fen_(fen) {}
    std::int64_t fen_ = 0;
};

}  // namespace ac

// Id<Tag>: a typed 64-bit row id, so that a store id cannot be passed where a staff id is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace ac {

template <class Tag>
class Id {
  public:
    constexpr Id() = default;
    constexpr explicit Id(std::int64_t value) : value_(value) {}

    // The raw value as stored in the database. A default-constructed Id is 0, which no row has.
    [[nodiscard]] constexpr std::int64_t value() const { return value_; }
    [[nodiscard]] constexpr bool valid() const { return value_ > 0; }

    friend constexpr auto operator<=>(const Id&, const Id&) = default;

  private:
    std::int64_t value_ = 0;
};

}  // namespace ac

template <class Tag>
struct std::hash<ac::Id<Tag>> {
    std::size_t operator()(const ac::Id<Tag>& id) const noexcept { return std::hash<std::int64_t>{}(id.value()); }
};

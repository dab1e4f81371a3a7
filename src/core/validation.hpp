// Checking a candidate record field by field, and the page of a list: shared by every service.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/result.hpp"

namespace ac {

// One page of a list and the number of rows matching the filters.
template <class T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
    bool total_capped = false;  // `total` is a floor: more rows match (a list counts up to a cap)
    int page = 1;
    int page_size = 50;
};

inline constexpr int kMaxPageSize = 200;
inline constexpr int kMaxPage = 100'000;

// Field errors for a page number outside 1..kMaxPage or a page size outside 1..kMaxPageSize.
[[nodiscard]] Status CheckPage(int page, int page_size);

// Collects field errors while a candidate record is checked, so that every broken field is reported at once.
class FieldCheck {
  public:
    void Add(std::string field, Message message);
    [[nodiscard]] bool Failed(std::string_view field) const;
    // Trims `value` in place and checks it is `min`..`max` characters (code points) without control characters
    // (with `multiline`, line breaks and tabs are allowed).
    void Text(std::string_view field, std::string& value, std::size_t min, std::size_t max, bool multiline = false);
    // Checks min <= value <= max.
    void Range(std::string_view field, std::int64_t value, std::int64_t min, std::int64_t max);
    [[nodiscard]] bool ok() const { return errors_.empty(); }
    [[nodiscard]] const std::vector<FieldError>& errors() const { return errors_; }
    // Success when nothing was recorded, else Error::Validation with every error.
    [[nodiscard]] Status Finish() const;

  private:
    std::vector<FieldError> errors_;
};

// `text` without leading and trailing spaces, tabs and line breaks.
[[nodiscard]] std::string Trimmed(std::string_view text);

}  // namespace ac

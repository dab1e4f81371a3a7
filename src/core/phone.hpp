// Phone numbers as the stores write them, normalised so that one number has one spelling.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ac {

// A mainland China mobile number as 11 digits ("13800138000") from what people type: spaces, dashes, dots,
// brackets and a +86 / 0086 / 86 prefix are dropped. nullopt when what is left is not 1[3-9] + 9 digits.
[[nodiscard]] std::optional<std::string> NormalizeMobile(std::string_view text);

// Any phone (mobile or landline such as "021-6234 5678" or "400-820-8820"): digits, with a leading '+' kept, all
// separators dropped; mobiles as NormalizeMobile. nullopt unless 5 to 20 digits remain.
[[nodiscard]] std::optional<std::string> NormalizePhone(std::string_view text);

}  // namespace ac

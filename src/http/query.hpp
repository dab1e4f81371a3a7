// Reading a request's path ids and query parameters, with every problem collected as a field error.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/request.hpp"

namespace ac::http {

// The path parameter `name` as a positive 64-bit id. Error: kNotFound "http.bad_id" when it is not one (no
// record can have such an id).
[[nodiscard]] Result<std::int64_t> PathId(const Request& request, std::string_view name = "id");

// Reads query parameters like json::ObjectReader reads a body: each accessor records a field error for a bad
// value, RejectUnknown one for every parameter nobody asked for, Finish gives them all.
class QueryReader {
  public:
    explicit QueryReader(const Request& request) : params_(request.QueryParams()) {}

    [[nodiscard]] std::optional<std::string> Text(std::string_view name, std::size_t max_chars = 100);
    [[nodiscard]] std::optional<std::int64_t> Int(std::string_view name, std::int64_t min, std::int64_t max);
    [[nodiscard]] std::optional<bool> Bool(std::string_view name);
    // An RFC 3339 time with an offset.
    [[nodiscard]] std::optional<Instant> Time(std::string_view name);
    [[nodiscard]] std::optional<std::string> OneOf(std::string_view name, std::span<const std::string_view> allowed);
    void RejectUnknown();
    [[nodiscard]] Status Finish() const;

  private:
    const std::string* Find(std::string_view name);
    void AddError(std::string_view name, Message message);

    Params params_;
    std::vector<std::string> seen_;
    std::vector<FieldError> errors_;
};

}  // namespace ac::http

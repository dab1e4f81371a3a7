// JSON helpers for request and response bodies (Boost.JSON).
//
// Include only from files that handle JSON (api/ routes, renderers): Boost.JSON headers are heavy.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/money.hpp"
#include "core/result.hpp"

namespace ac {

// Money is written as integer fen, an Id as its integer value.
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& out, Money money) {
    out = money.fen();
}
template <class Tag>
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, Id<Tag> id) {
    out = id.value();
}

namespace json {

// The most deeply nested structure a request may have.
inline constexpr std::size_t kMaxDepth = 32;

// Parses a whole document. Fails with kInvalidArgument "json.malformed" (offset and reason) on a syntax error,
// invalid UTF-8, trailing data or nesting deeper than kMaxDepth.
[[nodiscard]] Result<boost::json::value> Parse(std::string_view text);

// Parses a document that must be an object; kInvalidArgument "json.not_object" when it is another value.
[[nodiscard]] Result<boost::json::object> ParseObject(std::string_view text);

// Compact serialisation.
[[nodiscard]] std::string Serialize(const boost::json::value& value);

// How a string field is checked. Lengths count Unicode code points, not bytes: "张三" has length 2.
struct StringRule {
    bool required = true;
    std::size_t min_chars = 0;
    std::size_t max_chars = 200;
    bool trim = true;        // leading and trailing white space is removed before checking
    bool multiline = false;  // whether '\n' and '\t' are allowed (other control characters never are)
};

struct IntRule {
    bool required = true;
    std::int64_t min = std::numeric_limits<std::int64_t>::min();
    std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

struct ArrayRule {
    bool required = true;
    std::size_t min_items = 0;
    std::size_t max_items = 1000;
};

// Reads the fields of one JSON object and collects every problem (not only the first) as FieldErrors.
//
// Each accessor returns the value when the field is present and valid; otherwise it records a field error (for
// a required field that is missing or null, a wrong type, a rule broken) and returns nullopt. A present `null`
// counts as absent. After reading, Finish() gives kValidationFailed with all field errors, or success.
//
// Child readers (for nested objects and array items) share the root's error list and prefix the field paths
// ("address.city", "lines[2].quantity"); they must not outlive the root. Not thread-safe.
class ObjectReader {
  public:
    explicit ObjectReader(const boost::json::object& object) : object_(object), errors_(&own_errors_) {}
    ObjectReader(const ObjectReader&) = delete;
    ObjectReader& operator=(const ObjectReader&) = delete;
    // A moved root keeps its own error list; a moved child keeps pointing at its root's.
    ObjectReader(ObjectReader&& other) noexcept
        : object_(other.object_),
          prefix_(std::move(other.prefix_)),
          own_errors_(std::move(other.own_errors_)),
          errors_(other.errors_ == &other.own_errors_ ? &own_errors_ : other.errors_),
          seen_(std::move(other.seen_)) {}
    ObjectReader& operator=(ObjectReader&&) = delete;

    [[nodiscard]] std::optional<std::string> String(std::string_view name, const StringRule& rule = {});
    [[nodiscard]] std::optional<std::int64_t> Int(std::string_view name, const IntRule& rule = {});
    [[nodiscard]] std::optional<bool> Bool(std::string_view name, bool required = true);
    // An amount in integer fen.
    [[nodiscard]] std::optional<Money> Fen(std::string_view name, const IntRule& rule = {});
    // An RFC 3339 time with an offset.
    [[nodiscard]] std::optional<Instant> Time(std::string_view name, bool required = true);
    // A string that must be one of `allowed`.
    [[nodiscard]] std::optional<std::string> OneOf(std::string_view name, std::span<const std::string_view> allowed,
                                                   bool required = true);
    // A nested object, read through the returned child reader; nullopt when absent or not an object.
    [[nodiscard]] std::optional<ObjectReader> Object(std::string_view name, bool required = true);
    // An array; its items are read with Item().
    [[nodiscard]] const boost::json::array* Array(std::string_view name, const ArrayRule& rule = {});
    // Reads item `index` of array field `name` as an object (records "must be an object" otherwise).
    [[nodiscard]] std::optional<ObjectReader> Item(std::string_view name, const boost::json::array& array,
                                                   std::size_t index);

    // Records "is not a known field" for every member that no accessor asked for.
    void RejectUnknownFields();

    // Records an error of the caller's own (a cross-field rule); `name` is relative to this reader.
    void AddError(std::string_view name, Message message);

    [[nodiscard]] bool ok() const { return errors_->empty(); }
    // The object being read (to read members whose names are not known in advance).
    [[nodiscard]] const boost::json::object& object() const { return object_; }
    [[nodiscard]] const std::vector<FieldError>& errors() const { return *errors_; }

    // Success when no field error was recorded, else Error::Validation with all of them.
    [[nodiscard]] Status Finish() const;

  private:
    ObjectReader(const boost::json::object& object, std::string prefix, std::vector<FieldError>* errors)
        : object_(object), prefix_(std::move(prefix)), errors_(errors) {}

    // The member `name` if present and not null; records a "required" error when absent and required.
    const boost::json::value* Find(std::string_view name, bool required);
    std::string Path(std::string_view name) const;

    const boost::json::object& object_;
    std::string prefix_;
    std::vector<FieldError> own_errors_;
    std::vector<FieldError>* errors_;  // own_errors_ of the root reader
    std::vector<std::string> seen_;
};

// Number of Unicode code points in a UTF-8 string (which Boost.JSON has already validated).
[[nodiscard]] std::size_t Utf8Length(std::string_view text);

}  // namespace json
}  // namespace ac

#include "core/json.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>

namespace ac::json {
namespace {

boost::json::parse_options Options() {
    boost::json::parse_options options;
    options.max_depth = kMaxDepth;
    return options;
}

// Whether the first `size` bytes of `text` already contain a syntax error (as opposed to being an incomplete,
// so far valid, document).
bool PrefixHasError(std::string_view text, std::size_t size) {
    boost::json::stream_parser parser({}, Options());
    boost::system::error_code ec;
    parser.write_some(text.data(), size, ec);
    return static_cast<bool>(ec);
}

// The byte offset of the first syntax error, found by bisecting over prefixes (errors are rare and bodies are
// size-limited, so the few extra parses cost nothing that matters).
std::size_t ErrorOffset(std::string_view text) {
    if (!PrefixHasError(text, text.size())) {
        return text.size();  // the document is valid so far but incomplete or has trailing data
    }
    std::size_t low = 0;
    std::size_t high = text.size();  // invariant: prefix(high) has an error, prefix(low) does not
    while (high - low > 1) {
        const std::size_t mid = low + (high - low) / 2;
        if (PrefixHasError(text, mid)) {
            high = mid;
        } else {
            low = mid;
        }
    }
    return high;
}

bool HasControlCharacter(std::string_view text, bool multiline) {
    return std::any_of(text.begin(), text.end(), [multiline](char c) {
        const auto u = static_cast<unsigned char>(c);
        if (multiline && (c == '\n' || c == '\t' || c == '\r')) {
            return false;
        }
        return u < 0x20 || u == 0x7f;
    });
}

std::string_view TrimSpace(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n\f\v";
    const std::size_t first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) {
        return {};
    }
    const std::size_t last = text.find_last_not_of(kSpace);
    return text.substr(first, last - first + 1);
}

}  // namespace

Result<boost::json::value> Parse(std::string_view text) {
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(text, ec, {}, Options());
    if (ec) {
        const std::size_t offset = ErrorOffset(text);
        return Fail(Error::Make(ErrorCode::kInvalidArgument, "json.malformed",
                                {{"offset", std::to_string(offset)}, {"reason", ec.message()}}));
    }
    return value;
}

Result<boost::json::object> ParseObject(std::string_view text) {
    AC_ASSIGN_OR_RETURN(boost::json::value value, Parse(text));
    if (!value.is_object()) {
        return Fail(Error::Make(ErrorCode::kInvalidArgument, "json.not_object"));
    }
    return std::move(value.as_object());
}

std::string Serialize(const boost::json::value& value) {
    return boost::json::serialize(value);
}

std::size_t Utf8Length(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string ObjectReader::Path(std::string_view name) const {
    return prefix_ + std::string(name);
}

void ObjectReader::AddError(std::string_view name, Message message) {
    errors_->push_back(FieldError{Path(name), std::move(message)});
}

const boost::json::value* ObjectReader::Find(std::string_view name, bool required) {
    seen_.emplace_back(name);
    const boost::json::value* value = object_.if_contains(name);
    if (value == nullptr || value->is_null()) {
        if (required) {
            AddError(name, Message{"field.required", {}});
        }
        return nullptr;
    }
    return value;
}

std::optional<std::string> ObjectReader::String(std::string_view name, const StringRule& rule) {
    const boost::json::value* value = Find(name, rule.required);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_string()) {
        AddError(name, Message{"field.must_be_string", {}});
        return std::nullopt;
    }
    std::string_view text = value->get_string();
    if (rule.trim) {
        text = TrimSpace(text);
    }
    if (HasControlCharacter(text, rule.multiline)) {
        AddError(name, Message{"field.control_characters", {}});
        return std::nullopt;
    }
    const std::size_t length = Utf8Length(text);
    if (length == 0 && rule.required) {
        AddError(name, Message{"field.blank", {}});
        return std::nullopt;
    }
    if (length < rule.min_chars) {
        AddError(name, Message{"field.too_short", {{"min", std::to_string(rule.min_chars)}}});
        return std::nullopt;
    }
    if (length > rule.max_chars) {
        AddError(name, Message{"field.too_long", {{"max", std::to_string(rule.max_chars)}}});
        return std::nullopt;
    }
    return std::string(text);
}

std::optional<std::int64_t> ObjectReader::Int(std::string_view name, const IntRule& rule) {
    const boost::json::value* value = Find(name, rule.required);
    if (value == nullptr) {
        return std::nullopt;
    }
    std::int64_t number = 0;
    if (value->is_int64()) {
        number = value->get_int64();
    } else if (value->is_uint64()) {
        // Only reached above INT64_MAX: out of every range we accept.
        AddError(name,
                 Message{"field.out_of_range", {{"min", std::to_string(rule.min)}, {"max", std::to_string(rule.max)}}});
        return std::nullopt;
    } else {
        AddError(name, Message{"field.must_be_integer", {}});
        return std::nullopt;
    }
    if (number < rule.min || number > rule.max) {
        AddError(name,
                 Message{"field.out_of_range", {{"min", std::to_string(rule.min)}, {"max", std::to_string(rule.max)}}});
        return std::nullopt;
    }
    return number;
}

std::optional<bool> ObjectReader::Bool(std::string_view name, bool required) {
    const boost::json::value* value = Find(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_bool()) {
        AddError(name, Message{"field.must_be_boolean", {}});
        return std::nullopt;
    }
    return value->get_bool();
}

std::optional<Money> ObjectReader::Fen(std::string_view name, const IntRule& rule) {
    IntRule bounded = rule;
    bounded.min = std::max(rule.min, -Money::kMaxAbsFen);
    bounded.max = std::min(rule.max, Money::kMaxAbsFen);
    const std::optional<std::int64_t> fen = Int(name, bounded);
    if (!fen) {
        return std::nullopt;
    }
    return Money::FromFen(*fen);
}

std::optional<Instant> ObjectReader::Time(std::string_view name, bool required) {
    const boost::json::value* value = Find(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    std::optional<Instant> instant;
    if (value->is_string()) {
        instant = ParseRfc3339(value->get_string());
    }
    if (!instant) {
        AddError(name, Message{"field.must_be_time", {}});
    }
    return instant;
}

std::optional<std::string> ObjectReader::OneOf(std::string_view name, std::span<const std::string_view> allowed,
                                               bool required) {
    const boost::json::value* value = Find(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_string()) {
        const std::string_view text = value->get_string();
        if (std::find(allowed.begin(), allowed.end(), text) != allowed.end()) {
            return std::string(text);
        }
    }
    std::string list;
    for (const std::string_view option : allowed) {
        if (!list.empty()) {
            list += ", ";
        }
        list += option;
    }
    AddError(name, Message{"field.not_one_of", {{"allowed", list}}});
    return std::nullopt;
}

std::optional<ObjectReader> ObjectReader::Object(std::string_view name, bool required) {
    const boost::json::value* value = Find(name, required);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_object()) {
        AddError(name, Message{"field.must_be_object", {}});
        return std::nullopt;
    }
    return ObjectReader(value->get_object(), Path(name) + ".", errors_);
}

const boost::json::array* ObjectReader::Array(std::string_view name, const ArrayRule& rule) {
    const boost::json::value* value = Find(name, rule.required);
    if (value == nullptr) {
        return nullptr;
    }
    if (!value->is_array()) {
        AddError(name, Message{"field.must_be_array", {}});
        return nullptr;
    }
    const boost::json::array& array = value->get_array();
    if (array.size() < rule.min_items) {
        AddError(name, Message{"field.too_few_items", {{"min", std::to_string(rule.min_items)}}});
        return nullptr;
    }
    if (array.size() > rule.max_items) {
        AddError(name, Message{"field.too_many_items", {{"max", std::to_string(rule.max_items)}}});
        return nullptr;
    }
    return &array;
}

std::optional<ObjectReader> ObjectReader::Item(std::string_view name, const boost::json::array& array,
                                               std::size_t index) {
    const std::string item_name = std::string(name) + "[" + std::to_string(index) + "]";
    if (index >= array.size() || !array[index].is_object()) {
        AddError(item_name, Message{"field.must_be_object", {}});
        return std::nullopt;
    }
    return ObjectReader(array[index].get_object(), Path(item_name) + ".", errors_);
}

void ObjectReader::RejectUnknownFields() {
    for (const auto& member : object_) {
        const std::string_view key = member.key();
        if (std::find(seen_.begin(), seen_.end(), key) == seen_.end()) {
            AddError(key, Message{"field.unknown", {}});
        }
    }
}

Status ObjectReader::Finish() const {
    if (errors_->empty()) {
        return Ok();
    }
    return Fail(Error::Validation(*errors_));
}

}  // namespace ac::json

#include "core/validation.hpp"

#include <algorithm>

#include "core/json.hpp"

namespace ac {

Status CheckPage(int page, int page_size) {
    FieldCheck check;
    check.Range("page", page, 1, kMaxPage);
    check.Range("page_size", page_size, 1, kMaxPageSize);
    return check.Finish();
}

void FieldCheck::Add(std::string field, Message message) {
    errors_.push_back(FieldError{std::move(field), std::move(message)});
}

bool FieldCheck::Failed(std::string_view field) const {
    return std::any_of(errors_.begin(), errors_.end(), [&](const FieldError& e) { return e.field == field; });
}

std::string Trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

void FieldCheck::Text(std::string_view field, std::string& value, std::size_t min, std::size_t max, bool multiline) {
    value = Trimmed(value);
    const std::size_t length = json::Utf8Length(value);
    const bool control = std::any_of(value.begin(), value.end(), [multiline](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'));
    });
    if (control) {
        Add(std::string(field), Message{"field.control_characters", {}});
    } else if (length == 0 && min > 0) {
        Add(std::string(field), Message{"field.blank", {}});
    } else if (length < min) {
        Add(std::string(field), Message{"field.too_short", {{"min", std::to_string(min)}}});
    } else if (length > max) {
        Add(std::string(field), Message{"field.too_long", {{"max", std::to_string(max)}}});
    }
}

void FieldCheck::Range(std::string_view field, std::int64_t value, std::int64_t min, std::int64_t max) {
    if (value < min || value > max) {
        Add(std::string(field),
            Message{"field.out_of_range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}}});
    }
}

Status FieldCheck::Finish() const {
    if (errors_.empty()) {
        return Ok();
    }
    return Fail(Error::Validation(errors_));
}

}  // namespace ac

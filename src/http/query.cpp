#include "http/query.hpp"

#include <algorithm>
#include <charconv>

#include "core/json.hpp"

namespace ac::http {

Result<std::int64_t> PathId(const Request& request, std::string_view name) {
    const std::string_view text = request.PathParam(name);
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id <= 0) {
        return Fail(Error::Make(ErrorCode::kNotFound, "http.bad_id", {{"value", std::string(text)}}));
    }
    return id;
}

const std::string* QueryReader::Find(std::string_view name) {
    seen_.emplace_back(name);
    const auto it = std::find_if(params_.begin(), params_.end(), [&](const auto& p) { return p.first == name; });
    if (it == params_.end() || it->second.empty()) {
        return nullptr;
    }
    return &it->second;
}

void QueryReader::AddError(std::string_view name, Message message) {
    errors_.push_back(FieldError{std::string(name), std::move(message)});
}

std::optional<std::string> QueryReader::Text(std::string_view name, std::size_t max_chars) {
    const std::string* value = Find(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (json::Utf8Length(*value) > max_chars) {
        AddError(name, Message{"field.too_long", {{"max", std::to_string(max_chars)}}});
        return std::nullopt;
    }
    return *value;
}

std::optional<std::int64_t> QueryReader::Int(std::string_view name, std::int64_t min, std::int64_t max) {
    const std::string* value = Find(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    std::int64_t number = 0;
    const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), number);
    if (ec != std::errc() || end != value->data() + value->size()) {
        AddError(name, Message{"field.must_be_integer", {}});
        return std::nullopt;
    }
    if (number < min || number > max) {
        AddError(name, Message{"field.out_of_range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}}});
        return std::nullopt;
    }
    return number;
}

std::optional<bool> QueryReader::Bool(std::string_view name) {
    const std::string* value = Find(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (*value == "true" || *value == "1") {
        return true;
    }
    if (*value == "false" || *value == "0") {
        return false;
    }
    AddError(name, Message{"field.must_be_boolean", {}});
    return std::nullopt;
}

std::optional<Instant> QueryReader::Time(std::string_view name) {
    const std::string* value = Find(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (auto at = ParseRfc3339(*value)) {
        return at;
    }
    AddError(name, Message{"field.must_be_time", {}});
    return std::nullopt;
}

std::optional<std::string> QueryReader::OneOf(std::string_view name, std::span<const std::string_view> allowed) {
    const std::string* value = Find(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) {
        return *value;
    }
    std::string list;
    for (const std::string_view option : allowed) {
        list += list.empty() ? "" : ", ";
        list += option;
    }
    AddError(name, Message{"field.not_one_of", {{"allowed", list}}});
    return std::nullopt;
}

void QueryReader::RejectUnknown() {
    for (const auto& [name, value] : params_) {
        if (std::find(seen_.begin(), seen_.end(), name) == seen_.end()) {
            AddError(name, Message{"field.unknown_parameter", {}});
        }
    }
}

Status QueryReader::Finish() const {
    if (errors_.empty()) {
        return Ok();
    }
    return Fail(Error::Validation(errors_));
}

}  // namespace ac::http

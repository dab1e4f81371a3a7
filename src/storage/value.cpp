#include "storage/value.hpp"

#include <charconv>
#include <stdexcept>

namespace ac::storage {
namespace {

[[noreturn]] void TypeMismatch(std::size_t column, std::string_view wanted) {
    throw std::logic_error("result column " + std::to_string(column) + " is not " + std::string(wanted));
}

}  // namespace

std::int64_t Row::Int(std::size_t column) const {
    const std::optional<std::int64_t> value = OptInt(column);
    if (!value) {
        TypeMismatch(column, "a non-NULL integer");
    }
    return *value;
}

std::optional<std::int64_t> Row::OptInt(std::size_t column) const {
    const Value::Variant& cell = cells_.at(column).variant();
    if (std::holds_alternative<std::monostate>(cell)) {
        return std::nullopt;
    }
    if (const auto* i = std::get_if<std::int64_t>(&cell)) {
        return *i;
    }
    if (const auto* text = std::get_if<std::string>(&cell)) {
        std::int64_t parsed = 0;
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), parsed);
        if (ec == std::errc() && end == text->data() + text->size()) {
            return parsed;
        }
    }
    TypeMismatch(column, "an integer");
}

double Row::Real(std::size_t column) const {
    const Value::Variant& cell = cells_.at(column).variant();
    if (const auto* d = std::get_if<double>(&cell)) {
        return *d;
    }
    if (const auto* i = std::get_if<std::int64_t>(&cell)) {
        return static_cast<double>(*i);
    }
    if (const auto* text = std::get_if<std::string>(&cell)) {
        double parsed = 0;
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), parsed);
        if (ec == std::errc() && end == text->data() + text->size()) {
            return parsed;
        }
    }
    TypeMismatch(column, "a number");
}

const std::string& Row::Text(std::size_t column) const {
    if (const auto* text = std::get_if<std::string>(&cells_.at(column).variant())) {
        return *text;
    }
    TypeMismatch(column, "text");
}

std::optional<std::string> Row::OptText(std::size_t column) const {
    if (IsNull(column)) {
        return std::nullopt;
    }
    return Text(column);
}

const std::string& Row::Bytes(std::size_t column) const {
    if (const auto* blob = std::get_if<Blob>(&cells_.at(column).variant())) {
        return blob->bytes;
    }
    TypeMismatch(column, "bytes");
}

}  // namespace ac::storage

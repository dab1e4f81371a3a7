// Values that cross the storage boundary: statement parameters and result cells.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/money.hpp"

namespace ac::storage {

// Binary data (BLOB / BYTEA), kept apart from text so that each backend binds it as bytes.
struct Blob {
    std::string bytes;
    friend bool operator==(const Blob&, const Blob&) = default;
};

// NULL, a 64-bit integer, a double, UTF-8 text or bytes. Booleans are stored as integers 0/1, money as fen,
// instants as epoch milliseconds, ids as their integer value: the portable column types of ARCHITECTURE.md.
class Value {
  public:
    using Variant = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

    Value() = default;
    Value(std::nullptr_t) {}
    Value(std::nullopt_t) {}
    Value(int v) : v_(static_cast<std::int64_t>(v)) {}
    Value(long v) : v_(static_cast<std::int64_t>(v)) {}
    Value(long long v) : v_(static_cast<std::int64_t>(v)) {}
    Value(unsigned v) : v_(static_cast<std::int64_t>(v)) {}
    Value(bool v) : v_(static_cast<std::int64_t>(v ? 1 : 0)) {}
    Value(double v) : v_(v) {}
    Value(std::string v) : v_(std::move(v)) {}
    Value(std::string_view v) : v_(std::string(v)) {}
    Value(const char* v) : v_(std::string(v)) {}
    Value(Blob v) : v_(std::move(v)) {}
    Value(Money v) : v_(v.fen()) {}
    Value(Instant v) : v_(ToEpochMs(v)) {}
    template <class Tag>
    Value(Id<Tag> id) : v_(id.value()) {}
    template <class T>
    Value(const std::optional<T>& v) {
        if (v) {
            *this = Value(*v);
        }
    }

    [[nodiscard]] bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
    [[nodiscard]] const Variant& variant() const { return v_; }

    friend bool operator==(const Value&, const Value&) = default;

  private:
    Variant v_;
};

// One result row. The typed getters throw std::logic_error when the cell has an incompatible type or is NULL where
// a value is required: that is a mismatch between a query and the code reading it, a bug.
class Row {
  public:
    explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}

    [[nodiscard]] std::size_t size() const { return cells_.size(); }
    [[nodiscard]] const Value& operator[](std::size_t column) const { return cells_.at(column); }
    [[nodiscard]] bool IsNull(std::size_t column) const { return cells_.at(column).is_null(); }

    // Integers; text holding a decimal integer (PostgreSQL's NUMERIC, e.g. from SUM) is converted.
    [[nodiscard]] std::int64_t Int(std::size_t column) const;
    [[nodiscard]] std::optional<std::int64_t> OptInt(std::size_t column) const;
    [[nodiscard]] bool Bool(std::size_t column) const { return Int(column) != 0; }
    [[nodiscard]] double Real(std::size_t column) const;
    [[nodiscard]] const std::string& Text(std::size_t column) const;
    [[nodiscard]] std::optional<std::string> OptText(std::size_t column) const;
    [[nodiscard]] const std::string& Bytes(std::size_t column) const;
    [[nodiscard]] Money Fen(std::size_t column) const { return Money::FromFen(Int(column)); }
    [[nodiscard]] Instant Time(std::size_t column) const { return FromEpochMs(Int(column)); }
    [[nodiscard]] std::optional<Instant> OptTime(std::size_t column) const {
        const std::optional<std::int64_t> ms = OptInt(column);
        return ms ? std::optional<Instant>(FromEpochMs(*ms)) : std::nullopt;
    }

  private:
    std::vector<Value> cells_;
};

// A fully read result.
class Rows {
  public:
    Rows() = default;
    Rows(std::vector<std::string> columns, std::vector<Row> rows)
        : columns_(std::move(columns)), rows_(std::move(rows)) {}

    [[nodiscard]] const std::vector<std::string>& columns() const { return columns_; }
    [[nodiscard]] std::size_t size() const { return rows_.size(); }
    [[nodiscard]] bool empty() const { return rows_.empty(); }
    [[nodiscard]] const Row& operator[](std::size_t index) const { return rows_.at(index); }
    [[nodiscard]] const Row& front() const { return rows_.at(0); }
    [[nodiscard]] auto begin() const { return rows_.begin(); }
    [[nodiscard]] auto end() const { return rows_.end(); }

  private:
    std::vector<std::string> columns_;
    std::vector<Row> rows_;
};

}  // namespace ac::storage

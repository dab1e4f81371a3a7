// Building a list query's WHERE clause from the filters a caller gave.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/value.hpp"

namespace ac::storage {

// The conditions of a list query, each with its parameter numbered in turn ("{}" in a condition stands for its
// $n, as often as it appears). Only the filters given become SQL, so the planner can serve them from indexes: a
// condition written "($1 IS NULL OR column = $1)" cannot use one.
class Where {
  public:
    explicit Where(std::string first) : sql_(" WHERE " + std::move(first)) {}

    void Add(std::string_view condition, std::optional<Value> value = std::nullopt) {
        std::string text(condition);
        if (value) {
            const std::string placeholder = Param(std::move(*value));
            for (std::size_t at = text.find("{}"); at != std::string::npos; at = text.find("{}", at)) {
                text.replace(at, 2, placeholder);
            }
        }
        sql_ += " AND " + text;
    }

    // Adds a parameter for a condition the caller writes itself, and returns its "$n".
    std::string Bind(Value value) { return Param(std::move(value)); }

    [[nodiscard]] const std::string& sql() const { return sql_; }
    [[nodiscard]] const std::vector<Value>& params() const { return params_; }
    // "$n" of the parameter `after` places past these (for LIMIT and OFFSET appended by the caller).
    [[nodiscard]] std::string Next(std::size_t after = 0) const {
        return "$" + std::to_string(params_.size() + 1 + after);
    }

  private:
    std::string Param(Value value) {
        params_.push_back(std::move(value));
        return "$" + std::to_string(params_.size());
    }

    std::string sql_;
    std::vector<Value> params_;
};

}  // namespace ac::storage

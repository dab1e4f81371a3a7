// Result<T>: the return type of every operation that can fail in an expected way.
#pragma once

#include <expected>
#include <utility>

#include "core/error.hpp"

namespace ac {

template <class T>
using Result = std::expected<T, Error>;

// Result of an operation that yields nothing but may fail.
using Status = std::expected<void, Error>;

// The success value of a Status.
[[nodiscard]] inline Status Ok() {
    return {};
}

// Shorthand for returning an error from a function that returns any Result.
[[nodiscard]] inline std::unexpected<Error> Fail(Error error) {
    return std::unexpected<Error>(std::move(error));
}

}  // namespace ac

#define AC_CONCAT_INNER_(a, b) a##b
#define AC_CONCAT_(a, b) AC_CONCAT_INNER_(a, b)

// Evaluates `expr` (a Result or Status) and returns its error from the enclosing function when it failed.
#define AC_RETURN_IF_ERROR(expr)                                                \
    do {                                                                        \
        if (auto ac_status_ = (expr); !ac_status_) {                            \
            return std::unexpected<::ac::Error>(std::move(ac_status_).error()); \
        }                                                                       \
    } while (false)

// Evaluates `expr` (a Result<T>); on failure returns its error, otherwise moves the value into `lhs`,
// which may be a declaration: AC_ASSIGN_OR_RETURN(auto rows, tx.Query(kSql, {id}));
#define AC_ASSIGN_OR_RETURN(lhs, expr) AC_ASSIGN_OR_RETURN_IMPL_(AC_CONCAT_(ac_result_, __LINE__), lhs, expr)
#define AC_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr)                    \
    auto tmp = (expr);                                               \
    if (!tmp) {                                                      \
        return std::unexpected<::ac::Error>(std::move(tmp).error()); \
    }                                                                \
    lhs = std::move(*tmp)

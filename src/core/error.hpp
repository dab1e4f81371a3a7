// The one closed set of error codes and the Error value that every layer returns for expected failures.
//
// Codes carry the meanings of absl::StatusCode: a failed compare-and-set (a stale document version) is kAborted,
// an action that is illegal in the current state is kFailedPrecondition, and so on. Nothing here knows about
// HTTP: http/error_mapping.cpp is the only place that turns a code into a status.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ac {

enum class ErrorCode : std::uint8_t {
    kInvalidArgument,       // the request is malformed: unparsable JSON or HTTP, a path id that is not a number
    kValidationFailed,      // the request is well-formed but one or more fields break a rule (see Error::fields)
    kNotFound,              // the addressed thing does not exist (or is hidden from the caller)
    kMethodNotAllowed,      // the resource exists but does not support the operation
    kAlreadyExists,         // creating something whose unique key is taken
    kAborted,               // a concurrency conflict: stale version, serialization failure; retrying may help
    kFailedPrecondition,    // the system is not in the state the operation needs (wrong workflow state, FK)
    kUnauthenticated,       // no valid credentials
    kPermissionDenied,      // valid credentials without the right to do this
    kResourceExhausted,     // a quota or rate limit was hit
    kPayloadTooLarge,       // the request body exceeds the limit
    kUnsupportedMediaType,  // the body is not in a format the operation accepts
    kDeadlineExceeded,      // the request did not arrive or complete in time
    kUnavailable,           // a dependency (the database) cannot be reached right now
    kInternal,              // a bug or lost infrastructure; details are in the log, not in the answer
};

// The stable snake_case name of a code as it appears in API answers ("validation_failed", ...).
[[nodiscard]] std::string_view ErrorCodeName(ErrorCode code);

// Every ErrorCode, for tests that walk them all.
[[nodiscard]] const std::vector<ErrorCode>& AllErrorCodes();

// A user-facing text by reference: a catalog key and named parameters, rendered in the caller's language at the
// boundary (see core/i18n.hpp). Parameters substitute "{name}" placeholders in the catalog text.
struct Message {
    std::string key;
    std::vector<std::pair<std::string, std::string>> params;

    friend bool operator==(const Message&, const Message&) = default;
};

// One invalid field of a request. `field` is a path into the request body ("phone", "lines[2].quantity").
struct FieldError {
    std::string field;
    Message message;

    friend bool operator==(const FieldError&, const FieldError&) = default;
};

// An expected failure. `message` is what the user reads; `detail` is for the log only (it may contain SQL or
// internal names and is never sent to a client).
struct Error {
    ErrorCode code = ErrorCode::kInternal;
    Message message;
    std::vector<FieldError> fields;
    std::string detail;

    // An error with the given code and message key. Params fill the key's placeholders.
    [[nodiscard]] static Error Make(ErrorCode code, std::string key,
                                    std::vector<std::pair<std::string, std::string>> params = {});
    // kValidationFailed carrying `fields`; the top-level message states how many fields failed.
    [[nodiscard]] static Error Validation(std::vector<FieldError> fields);
    // kInternal with a log-only detail; the user sees a generic message.
    [[nodiscard]] static Error Internal(std::string detail);

    // Returns a copy with `detail` set (for chaining at the point of failure).
    [[nodiscard]] Error WithDetail(std::string text) &&;
};

}  // namespace ac

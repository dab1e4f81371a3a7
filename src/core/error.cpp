#include "core/error.hpp"

#include <string>

namespace ac {

std::string_view ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return "bad_request";
        case ErrorCode::kValidationFailed:
            return "validation_failed";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kMethodNotAllowed:
            return "method_not_allowed";
        case ErrorCode::kAlreadyExists:
            return "already_exists";
        case ErrorCode::kAborted:
            return "conflict";
        case ErrorCode::kFailedPrecondition:
            return "failed_precondition";
        case ErrorCode::kUnauthenticated:
            return "unauthenticated";
        case ErrorCode::kPermissionDenied:
            return "permission_denied";
        case ErrorCode::kResourceExhausted:
            return "rate_limited";
        case ErrorCode::kPayloadTooLarge:
            return "payload_too_large";
        case ErrorCode::kUnsupportedMediaType:
            return "unsupported_media_type";
        case ErrorCode::kDeadlineExceeded:
            return "request_timeout";
        case ErrorCode::kUnavailable:
            return "unavailable";
        case ErrorCode::kInternal:
            return "internal";
    }
    return "internal";
}

const std::vector<ErrorCode>& AllErrorCodes() {
    static const std::vector<ErrorCode> kAll = {
        ErrorCode::kInvalidArgument,    ErrorCode::kValidationFailed, ErrorCode::kNotFound,
        ErrorCode::kMethodNotAllowed,   ErrorCode::kAlreadyExists,    ErrorCode::kAborted,
        ErrorCode::kFailedPrecondition, ErrorCode::kUnauthenticated,  ErrorCode::kPermissionDenied,
        ErrorCode::kResourceExhausted,  ErrorCode::kPayloadTooLarge,  ErrorCode::kUnsupportedMediaType,
        ErrorCode::kDeadlineExceeded,   ErrorCode::kUnavailable,      ErrorCode::kInternal,
    };
    return kAll;
}

Error Error::Make(ErrorCode code, std::string key, std::vector<std::pair<std::string, std::string>> params) {
    Error error;
    error.code = code;
    error.message = Message{std::move(key), std::move(params)};
    return error;
}

Error Error::Validation(std::vector<FieldError> fields) {
    Error error =
        Make(ErrorCode::kValidationFailed, "error.validation_failed", {{"count", std::to_string(fields.size())}});
    error.fields = std::move(fields);
    return error;
}

Error Error::Internal(std::string detail) {
    Error error = Make(ErrorCode::kInternal, "error.internal");
    error.detail = std::move(detail);
    return error;
}

Error Error::WithDetail(std::string text) && {
    detail = std::move(text);
    return std::move(*this);
}

}  // namespace ac

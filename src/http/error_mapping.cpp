#include "http/error_mapping.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace ac::http {
namespace {

constexpr MessageDef kHttpMessages[] = {
    {"http.route_not_found", "没有这个接口：{path}", "There is no such endpoint: {path}"},
    {"http.method_not_allowed", "接口 {path} 不支持 {method} 请求（支持：{allowed}）",
     "{path} does not support {method} (it supports {allowed})"},
    {"http.malformed_request", "无法解析的 HTTP 请求：{reason}", "The HTTP request cannot be parsed: {reason}"},
    {"http.malformed_target", "请求地址格式不正确：{reason}", "The request address is malformed: {reason}"},
    {"http.body_too_large", "请求内容超过 {limit} 字节的上限", "The request body exceeds the limit of {limit} bytes"},
    {"http.header_too_large", "请求头超过 {limit} 字节的上限", "The request headers exceed the limit of {limit} bytes"},
    {"http.request_timeout", "请求未能在 {seconds} 秒内完整送达",
     "The request did not arrive completely within {seconds} s"},
    {"http.bad_id", "找不到：{value} 不是有效的编号", "Not found: {value} is not a valid id"},
    {"http.listen_failed", "无法在 {address} 上监听：{reason}", "Cannot listen on {address}: {reason}"},
    {"http.not_ready", "服务尚未就绪：数据库无法访问", "The service is not ready: the database cannot be reached"},
};

}  // namespace

int HttpStatus(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return 400;
        case ErrorCode::kValidationFailed:
            return 422;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kMethodNotAllowed:
            return 405;
        case ErrorCode::kAlreadyExists:
        case ErrorCode::kAborted:
        case ErrorCode::kFailedPrecondition:
            return 409;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kPermissionDenied:
            return 403;
        case ErrorCode::kResourceExhausted:
            return 429;
        case ErrorCode::kPayloadTooLarge:
            return 413;
        case ErrorCode::kUnsupportedMediaType:
            return 415;
        case ErrorCode::kDeadlineExceeded:
            return 408;
        case ErrorCode::kUnavailable:
            return 503;
        case ErrorCode::kInternal:
            return 500;
    }
    return 500;
}

std::string RenderErrorBody(const Error& error, Lang lang, const Catalog& catalog, std::string_view request_id) {
    boost::json::object body;
    body["code"] = ErrorCodeName(error.code);
    const Message title =
        error.message.key.empty() ? Message{"error." + std::string(ErrorCodeName(error.code)), {}} : error.message;
    body["message"] = catalog.Render(lang, title);
    if (!error.fields.empty()) {
        boost::json::object fields;
        for (const FieldError& field : error.fields) {
            // A field with several problems shows the first; the others follow once it is fixed.
            if (!fields.contains(field.field)) {
                fields[field.field] = catalog.Render(lang, field.message);
            }
        }
        body["fields"] = std::move(fields);
    }
    if (!request_id.empty()) {
        body["request_id"] = request_id;
    }
    boost::json::object root;
    root["error"] = std::move(body);
    return boost::json::serialize(root);
}

std::span<const MessageDef> HttpMessages() {
    return kHttpMessages;
}

}  // namespace ac::http

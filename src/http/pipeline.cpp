#include "http/pipeline.hpp"

#include <random>

#include <boost/url/parse.hpp>

#include "http/error_mapping.hpp"
#include "log/log.hpp"

namespace ac::http {
namespace {

std::string AllowedList(const std::vector<Method>& methods) {
    std::string list;
    for (const Method method : methods) {
        if (!list.empty()) {
            list += ", ";
        }
        list += MethodName(method);
    }
    return list;
}

}  // namespace

std::string NewRequestId() {
    thread_local std::mt19937_64 generator(std::random_device{}());
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t value = generator();
    std::string id(16, '0');
    for (int i = 15; i >= 0; --i) {
        id[static_cast<std::size_t>(i)] = kHex[value & 0xF];
        value >>= 4;
    }
    return id;
}

bool IsValidRequestId(std::string_view id) {
    if (id.empty() || id.size() > 64) {
        return false;
    }
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == ':' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

Pipeline::Pipeline(const Router& router, const Catalog& catalog, Metrics& metrics, std::size_t default_body_limit)
    : router_(router), catalog_(catalog), metrics_(metrics), default_body_limit_(default_body_limit) {}

void Pipeline::Use(Middleware middleware) {
    middleware_.push_back(std::move(middleware));
}

RequestPlan Pipeline::Prepare(Request& request) const {
    if (request.request_id.empty()) {
        const std::optional<std::string_view> incoming = request.Header("X-Request-Id");
        request.request_id = incoming && IsValidRequestId(*incoming) ? std::string(*incoming) : NewRequestId();
    }
    request.lang = NegotiateLang(request.Header("Accept-Language").value_or(""));
    RequestPlan plan{.body_limit = default_body_limit_};
    const auto target = boost::urls::parse_origin_form(request.target);
    if (!target) {
        plan.reject =
            Error::Make(ErrorCode::kInvalidArgument, "http.malformed_target", {{"reason", target.error().message()}})
                .WithDetail("target: " + request.target);
        return plan;
    }
    request.path = std::string(target->encoded_path());
    request.query = std::string(target->encoded_query());
    Match match = router_.Find(request.method, request.path);
    if (match.kind == Match::Kind::kFound) {
        request.route = match.route;
        request.path_params = std::move(match.params);
        if (match.route->max_body_bytes != 0) {
            plan.body_limit = match.route->max_body_bytes;
        }
        plan.blocking = match.route->blocking;
    }
    return plan;
}

Result<Response> Pipeline::Dispatch(Request& request) const {
    if (request.route == nullptr) {
        const Match match = router_.Find(request.method, request.path);
        if (match.kind == Match::Kind::kMethodNotAllowed) {
            Error error =
                Error::Make(ErrorCode::kMethodNotAllowed, "http.method_not_allowed",
                            {{"path", request.path},
                             {"method", request.method == Method::kUnknown ? request.method_text
                                                                           : std::string(MethodName(request.method))},
                             {"allowed", AllowedList(match.allowed)}});
            Response response = ErrorResponse(request, error);
            response.SetHeader("Allow", AllowedList(match.allowed));
            return response;
        }
        if (fallback_) {
            if (std::optional<Response> served = fallback_(request)) {
                return std::move(*served);
            }
        }
        return Fail(Error::Make(ErrorCode::kNotFound, "http.route_not_found", {{"path", request.path}}));
    }
    // The chain is built per request from the fixed middleware list: middleware i calls i + 1, the last calls
    // the route's handler.
    const Handler& handler = request.route->handler;
    std::function<Result<Response>(std::size_t, Request&)> run = [&](std::size_t index,
                                                                     Request& current) -> Result<Response> {
        if (index == middleware_.size()) {
            return handler(current);
        }
        const Handler next = [&run, index](Request& r) { return run(index + 1, r); };
        return middleware_[index](current, next);
    };
    return run(0, request);
}

Response Pipeline::Handle(Request& request) const {
    const auto started = std::chrono::steady_clock::now();
    log::RequestScope scope(request.request_id);
    Response response;
    try {
        Result<Response> result = Dispatch(request);
        response = result ? std::move(*result) : ErrorResponse(request, result.error());
    } catch (const std::exception& e) {
        log::Error("http.unhandled_exception", {{"what", e.what()}, {"path", request.path}});
        response = ErrorResponse(request, Error::Internal(e.what()));
    } catch (...) {
        log::Error("http.unhandled_exception", {{"what", "unknown exception"}, {"path", request.path}});
        response = ErrorResponse(request, Error::Internal("unknown exception"));
    }
    Finish(request, response);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    const std::string_view route = request.route != nullptr ? std::string_view(request.route->pattern) : "unmatched";
    metrics_.ObserveRequest(route, request.method, response.status, elapsed);
    if (log::Enabled(log::Level::kInfo)) {
        log::Info("http.access", {{"method", request.method == Method::kUnknown ? std::string_view(request.method_text)
                                                                                : MethodName(request.method)},
                                  {"path", request.path},
                                  {"route", route},
                                  {"status", response.status},
                                  {"duration_ms", std::chrono::duration<double, std::milli>(elapsed).count()},
                                  {"bytes_in", request.body.size()},
                                  {"bytes_out", response.body.size()},
                                  {"remote", request.remote_address}});
    }
    return response;
}

Response Pipeline::Reject(Request& request, const Error& error) const {
    if (request.request_id.empty()) {
        request.request_id = NewRequestId();
    }
    log::RequestScope scope(request.request_id);
    Response response = ErrorResponse(request, error);
    response.close = true;
    Finish(request, response);
    metrics_.ObserveRequest("protocol_error", request.method, response.status, std::chrono::nanoseconds(0));
    log::Info("http.access", {{"method", request.method_text},
                              {"path", request.path},
                              {"route", "protocol_error"},
                              {"status", response.status},
                              {"error", error.detail},
                              {"remote", request.remote_address}});
    return response;
}

Response Pipeline::ErrorResponse(const Request& request, const Error& error) const {
    if (error.code == ErrorCode::kInternal || error.code == ErrorCode::kUnavailable) {
        log::Error("http.error",
                   {{"code", ErrorCodeName(error.code)}, {"key", error.message.key}, {"detail", error.detail}});
    } else if (!error.detail.empty()) {
        log::Debug("http.error",
                   {{"code", ErrorCodeName(error.code)}, {"key", error.message.key}, {"detail", error.detail}});
    }
    Response response =
        Response::Json(HttpStatus(error.code), RenderErrorBody(error, request.lang, catalog_, request.request_id));
    // A limit says when to come back: the "retry_after" parameter (seconds) becomes Retry-After.
    for (const auto& [name, value] : error.message.params) {
        if (name == "retry_after" && error.code == ErrorCode::kResourceExhausted) {
            response.SetHeader("Retry-After", value);
        }
    }
    return response;
}

void Pipeline::Finish(const Request& request, Response& response) const {
    response.SetHeader("X-Request-Id", request.request_id);
    // Security headers on every answer. The policy suits the single-page app: its own scripts only, inline
    // styles (Element Plus sets them), images also from data:/blob: (signatures, photos), never framed.
    response.SetHeader("Content-Security-Policy",
                       "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
                       "base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    response.SetHeader("X-Content-Type-Options", "nosniff");
    response.SetHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    response.SetHeader("X-Frame-Options", "DENY");
    if (!response.Header("Cache-Control")) {
        // Dynamic answers (a user's data, a sign-in with its CSRF token) are never stored by browsers or proxies;
        // a route that serves something cacheable says so itself.
        response.SetHeader("Cache-Control", "no-store");
    }
    if (response.status == 503 && !response.Header("Retry-After")) {
        response.SetHeader("Retry-After", "5");
    }
}

}  // namespace ac::http

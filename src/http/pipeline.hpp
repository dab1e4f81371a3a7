// What happens to every request between the server reading it and writing the answer:
// request id, language, routing (404/405), middleware, the handler, the exception guard, the JSON error shape,
// metrics and the access log.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/router.hpp"

namespace ac::http {

// A middleware wraps the handler: it may answer itself (refuse) or call `next` and adjust the response.
using Middleware = std::function<Result<Response>(Request&, const Handler& next)>;

// How the server must treat a request whose headers have been read.
struct RequestPlan {
    std::size_t body_limit = 0;   // bytes
    bool blocking = false;        // run on the worker pool
    std::optional<Error> reject;  // refuse the request at once (answer with Reject) instead of reading on
};

class Pipeline {
  public:
    // `router`, `catalog` and `metrics` must outlive the pipeline. `default_body_limit` applies to routes that do
    // not set their own (and to unmatched paths).
    Pipeline(const Router& router, const Catalog& catalog, Metrics& metrics, std::size_t default_body_limit);

    // Adds a middleware; the first added runs outermost. Only before serving starts.
    void Use(Middleware middleware);

    // What answers a request that no route matches (the web app's files) before it becomes a 404; it runs on the
    // I/O thread and returns nullopt for paths it does not serve. Only before serving starts.
    using Fallback = std::function<std::optional<Response>(const Request&)>;
    void SetFallback(Fallback fallback) { fallback_ = std::move(fallback); }

    // Called when the headers are complete: assigns the request id (a valid incoming X-Request-Id, else a new
    // one) and the language, splits and checks the target (an RFC 3986 origin-form path and query, else
    // `reject` is set), matches the route, and says how to read and run the rest. Never throws.
    [[nodiscard]] RequestPlan Prepare(Request& request) const;

    // Runs a prepared request to its response, which always carries X-Request-Id. Never throws: an exception
    // from a handler becomes a 500 with the request id in the body and in the log. Counts and logs the request.
    [[nodiscard]] Response Handle(Request& request) const;

    // The answer to a request that could not be read completely (malformed, too large, too slow): the error in
    // the JSON shape, counted and logged like any other response. `request` may be only partly filled; it gets a
    // request id if it has none. The connection is closed after it.
    [[nodiscard]] Response Reject(Request& request, const Error& error) const;

    // Renders `error` for `request` (status, JSON body, request id).
    [[nodiscard]] Response ErrorResponse(const Request& request, const Error& error) const;

    [[nodiscard]] const Catalog& catalog() const { return catalog_; }

  private:
    Result<Response> Dispatch(Request& request) const;
    void Finish(const Request& request, Response& response) const;

    const Router& router_;
    const Catalog& catalog_;
    Metrics& metrics_;
    std::size_t default_body_limit_;
    std::vector<Middleware> middleware_;  // set up before serving, then read-only
    Fallback fallback_;
};

// A new random request id: 16 lowercase hex digits.
[[nodiscard]] std::string NewRequestId();

// Whether an incoming X-Request-Id may be reused: 1 to 64 characters of [A-Za-z0-9._:-].
[[nodiscard]] bool IsValidRequestId(std::string_view id);

}  // namespace ac::http

// Routes: method + path pattern → handler, with the facts the server and the OpenAPI document need.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/request.hpp"

namespace ac::http {

// A handler returns a response or an Error, which the pipeline renders in the caller's language.
using Handler = std::function<Result<Response>(Request&)>;

// What the OpenAPI document says about a route.
struct RouteDoc {
    std::string summary;         // one line, English
    std::string tag;             // groups routes in the document ("system", "stores", ...)
    std::string request_schema;  // JSON Schema of the body as JSON text; empty when the route takes none
    std::string request_content_type = "application/json";
    std::string response_schema;  // JSON Schema of the success body as JSON text; empty: not described
    // The query parameters as a JSON object text, name → JSON Schema ({"q": {"type": "string"}}); all optional.
    std::string query_schema;
    int success_status = 200;
    std::string success_content_type = "application/json";
};

// Permissions every route may declare besides those of auth/'s table.
inline constexpr std::string_view kPublic = "public";                // no credentials needed
inline constexpr std::string_view kAuthenticated = "authenticated";  // any signed-in staff member

struct Route {
    Method method = Method::kGet;
    std::string pattern;  // "/api/v1/stores/{id}": literal segments and whole-segment {parameters}
    Handler handler;
    // What the caller needs: kPublic, kAuthenticated or a permission of auth/'s table ("stores.write").
    // Required: a route without one is refused at registration.
    std::string permission;
    RouteDoc doc;
    std::size_t max_body_bytes = 0;  // 0: the server's default limit
    // true: may block (database, disk), so it runs on the worker pool; false: cheap and non-blocking, it runs on
    // the I/O thread that read the request.
    bool blocking = true;
};

struct Match {
    enum class Kind : std::uint8_t { kFound, kNotFound, kMethodNotAllowed };
    Kind kind = Kind::kNotFound;
    const Route* route = nullptr;
    Params params;                // decoded path parameters when found
    std::vector<Method> allowed;  // the methods the path supports, for 405's Allow header
};

// A table of routes matched segment by segment; literal segments win over parameters. Built at start-up, then
// read-only (and safe to share between threads).
class Router {
  public:
    Router();
    ~Router();
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    // Adds a route. Throws std::logic_error for a pattern that is malformed (not starting with '/', an empty or
    // partial {parameter}), one that repeats an existing route's method and shape, a route without a permission,
    // or a non-public route that is not blocking (checking credentials reads the database): start-up bugs.
    void Add(Route route);

    // Finds the route for `method` and `path` (percent-encoded, without query). HEAD falls back to GET.
    [[nodiscard]] Match Find(Method method, std::string_view path) const;

    // Every route in the order added.
    [[nodiscard]] const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

  private:
    struct Node {
        std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
        std::unique_ptr<Node> parameter;
        std::string parameter_name;
        std::array<const Route*, kMethodCount> by_method{};
    };

    static bool FindIn(const Node& node, const std::vector<std::string_view>& segments, std::size_t index,
                       Method method, Match& match, const Node*& path_node);

    std::unique_ptr<Node> root_;
    std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace ac::http

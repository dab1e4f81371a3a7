#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace ac::http {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
    std::vector<std::string_view> segments;
    if (path.empty() || path.front() != '/') {
        return segments;
    }
    path.remove_prefix(1);
    while (true) {
        const std::size_t slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) {
            break;
        }
        path.remove_prefix(slash + 1);
    }
    return segments;
}

bool IsParameter(std::string_view segment) {
    return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::Add(Route route) {
    if (route.pattern.empty() || route.pattern.front() != '/') {
        throw std::logic_error("route pattern must start with '/': " + route.pattern);
    }
    if (route.method == Method::kUnknown || !route.handler) {
        throw std::logic_error("route needs a method and a handler: " + route.pattern);
    }
    if (route.permission.empty()) {
        throw std::logic_error("route declares no permission: " + route.pattern);
    }
    if (route.permission != kPublic && !route.blocking) {
        throw std::logic_error("route needs credentials, so it must be blocking: " + route.pattern);
    }
    Node* node = root_.get();
    for (const std::string_view segment : SplitPath(route.pattern)) {
        if (IsParameter(segment)) {
            const std::string name(segment.substr(1, segment.size() - 2));
            if (name.find_first_of("{}/") != std::string::npos) {
                throw std::logic_error("malformed parameter in route pattern: " + route.pattern);
            }
            if (!node->parameter) {
                node->parameter = std::make_unique<Node>();
                node->parameter_name = name;
            } else if (node->parameter_name != name) {
                throw std::logic_error("route " + route.pattern + " names parameter {" + name +
                                       "} where another route has {" + node->parameter_name + "}");
            }
            node = node->parameter.get();
        } else {
            if (segment.find_first_of("{}") != std::string_view::npos) {
                throw std::logic_error("malformed segment in route pattern: " + route.pattern);
            }
            auto& child = node->literals[std::string(segment)];
            if (!child) {
                child = std::make_unique<Node>();
            }
            node = child.get();
        }
    }
    const Route*& slot = node->by_method[static_cast<std::size_t>(route.method)];
    if (slot != nullptr) {
        throw std::logic_error("duplicate route " + std::string(MethodName(route.method)) + " " + route.pattern);
    }
    routes_.push_back(std::make_unique<Route>(std::move(route)));
    slot = routes_.back().get();
}

bool Router::FindIn(const Node& node, const std::vector<std::string_view>& segments, std::size_t index, Method method,
                    Match& match, const Node*& path_node) {
    if (index == segments.size()) {
        const bool has_any =
            std::any_of(node.by_method.begin(), node.by_method.end(), [](const Route* r) { return r != nullptr; });
        if (!has_any) {
            return false;
        }
        const Route* route = node.by_method[static_cast<std::size_t>(method)];
        if (route == nullptr && method == Method::kHead) {
            route = node.by_method[static_cast<std::size_t>(Method::kGet)];
        }
        if (route != nullptr) {
            match.route = route;
            return true;
        }
        if (path_node == nullptr) {
            path_node = &node;  // the path exists, but not for this method: remember for a 405
        }
        return false;
    }
    const std::string_view segment = segments[index];
    if (const auto literal = node.literals.find(segment); literal != node.literals.end()) {
        if (FindIn(*literal->second, segments, index + 1, method, match, path_node)) {
            return true;
        }
    }
    if (node.parameter && !segment.empty()) {
        match.params.emplace_back(node.parameter_name, PercentDecode(segment, false));
        if (FindIn(*node.parameter, segments, index + 1, method, match, path_node)) {
            return true;
        }
        match.params.pop_back();
    }
    return false;
}

Match Router::Find(Method method, std::string_view path) const {
    Match match;
    const std::vector<std::string_view> segments = SplitPath(path);
    if (segments.empty()) {
        return match;
    }
    const Node* path_node = nullptr;
    if (FindIn(*root_, segments, 0, method, match, path_node)) {
        match.kind = Match::Kind::kFound;
        return match;
    }
    match.params.clear();
    if (path_node != nullptr) {
        match.kind = Match::Kind::kMethodNotAllowed;
        for (std::size_t i = 0; i < kMethodCount; ++i) {
            if (path_node->by_method[i] != nullptr) {
                match.allowed.push_back(static_cast<Method>(i));
                if (static_cast<Method>(i) == Method::kGet) {
                    match.allowed.push_back(Method::kHead);
                }
            }
        }
    }
    return match;
}

}  // namespace ac::http

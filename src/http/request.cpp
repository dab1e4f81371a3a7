#include "http/request.hpp"

#include <array>

#include <boost/url/encoding_opts.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/pct_string_view.hpp>

namespace ac::http {
namespace {

constexpr std::array<std::string_view, kMethodCount> kMethodNames = {"GET",   "HEAD",   "POST",    "PUT",
                                                                     "PATCH", "DELETE", "OPTIONS", "UNKNOWN"};

}  // namespace

std::string_view MethodName(Method method) {
    return kMethodNames[static_cast<std::size_t>(method)];
}

Method ParseMethod(std::string_view token) {
    for (std::size_t i = 0; i + 1 < kMethodNames.size(); ++i) {
        if (kMethodNames[i] == token) {
            return static_cast<Method>(i);
        }
    }
    return Method::kUnknown;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') {
            x = static_cast<char>(x - 'A' + 'a');
        }
        if (y >= 'A' && y <= 'Z') {
            y = static_cast<char>(y - 'A' + 'a');
        }
        if (x != y) {
            return false;
        }
    }
    return true;
}

std::string PercentDecode(std::string_view text, bool plus_is_space) {
    const auto encoded = boost::urls::make_pct_string_view(text);
    if (!encoded) {
        return std::string(text);
    }
    boost::urls::encoding_opts options;
    options.space_as_plus = plus_is_space;
    return encoded->decode(options);
}

std::optional<std::string_view> Request::Header(std::string_view name) const {
    for (const HeaderField& field : headers) {
        if (EqualsIgnoreCase(field.name, name)) {
            return std::string_view(field.value);
        }
    }
    return std::nullopt;
}

std::string_view Request::PathParam(std::string_view name) const {
    for (const auto& [key, value] : path_params) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

Params Request::QueryParams() const {
    Params params;
    try {
        boost::urls::encoding_opts options;
        options.space_as_plus = true;
        for (const auto& param : boost::urls::params_view(query, options)) {
            params.emplace_back(param.key, param.has_value ? param.value : std::string());
        }
    } catch (const std::exception&) {
        // Not a valid query: the pipeline refuses such targets before a handler runs, so only a request built by
        // hand gets here, and it has no parameters.
        params.clear();
    }
    return params;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
    for (const HeaderField& field : headers) {
        if (!EqualsIgnoreCase(field.name, "Cookie")) {
            continue;
        }
        std::string_view rest = field.value;
        while (!rest.empty()) {
            const std::size_t semicolon = rest.find(';');
            std::string_view pair = rest.substr(0, semicolon);
            rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
            while (!pair.empty() && pair.front() == ' ') {
                pair.remove_prefix(1);
            }
            const std::size_t eq = pair.find('=');
            if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
                std::string_view value = pair.substr(eq + 1);
                while (!value.empty() && value.back() == ' ') {
                    value.remove_suffix(1);
                }
                if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                    value = value.substr(1, value.size() - 2);
                }
                return std::string(value);
            }
        }
    }
    return std::nullopt;
}

std::string Request::RemoteHost() const {
    if (remote_address.starts_with('[')) {
        const std::size_t close = remote_address.find(']');
        return remote_address.substr(1, close == std::string::npos ? std::string::npos : close - 1);
    }
    return remote_address.substr(0, remote_address.rfind(':'));
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
    for (auto& [key, value] : QueryParams()) {
        if (key == name) {
            return std::move(value);
        }
    }
    return std::nullopt;
}

Response Response::Json(int status, std::string body) {
    Response response;
    response.status = status;
    response.content_type = "application/json; charset=utf-8";
    response.body = std::move(body);
    return response;
}

Response Response::Text(int status, std::string body, std::string content_type) {
    Response response;
    response.status = status;
    response.content_type = std::move(content_type);
    response.body = std::move(body);
    return response;
}

Response Response::NoContent() {
    Response response;
    response.status = 204;
    return response;
}

void Response::SetHeader(std::string_view name, std::string value) {
    for (HeaderField& field : headers) {
        if (EqualsIgnoreCase(field.name, name)) {
            field.value = std::move(value);
            return;
        }
    }
    headers.push_back(HeaderField{std::string(name), std::move(value)});
}

void Response::AddHeader(std::string_view name, std::string value) {
    headers.push_back(HeaderField{std::string(name), std::move(value)});
}

std::optional<std::string_view> Response::Header(std::string_view name) const {
    for (const HeaderField& field : headers) {
        if (EqualsIgnoreCase(field.name, name)) {
            return std::string_view(field.value);
        }
    }
    return std::nullopt;
}

}  // namespace ac::http

#include "support/http_client.hpp"

#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>

namespace ac::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

bool SameIgnoreCase(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string HttpResponse::Header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
        if (SameIgnoreCase(key, name)) {
            return value;
        }
    }
    return "";
}

boost::json::value HttpResponse::Json() const {
    return boost::json::parse(body);
}

struct HttpClient::Impl {
    Impl(std::uint16_t p, std::chrono::milliseconds t) : port(p), timeout(t), stream(io) {}

    void EnsureConnected() {
        if (stream.socket().is_open()) {
            return;
        }
        stream.expires_after(timeout);
        stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        buffer.clear();
    }

    void WriteRaw(const std::string& raw) {
        EnsureConnected();
        stream.expires_after(timeout);
        beast::error_code ec;
        asio::write(stream.socket(), asio::buffer(raw), ec);
        if (ec) {
            throw std::runtime_error("write failed: " + ec.message());
        }
    }

    // `head`: the answer to a HEAD request, which has headers only (whatever its Content-Length says).
    HttpResponse Read(bool head = false) {
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        parser.skip(head);
        stream.expires_after(timeout);
        beast::error_code ec;
        bhttp::read(stream, buffer, parser, ec);
        if (ec) {
            stream.close();
            throw std::runtime_error("reading the response failed: " + ec.message());
        }
        auto& message = parser.get();
        HttpResponse response;
        response.status = static_cast<int>(message.result_int());
        for (const auto& field : message) {
            response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        }
        response.body = std::move(message.body());
        response.keep_alive = message.keep_alive();
        if (!response.keep_alive) {
            stream.close();
        }
        return response;
    }

    std::uint16_t port;
    std::chrono::milliseconds timeout;
    asio::io_context io;
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
};

HttpClient::HttpClient(std::uint16_t port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(port, timeout)) {}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::Get(const std::string& target, const Headers& headers) {
    return Request("GET", target, "", headers);
}

HttpResponse HttpClient::Post(const std::string& target, const std::string& body, const Headers& headers) {
    Headers all = headers;
    bool has_type = false;
    for (const auto& [name, value] : headers) {
        has_type = has_type || SameIgnoreCase(name, "Content-Type");
    }
    if (!has_type) {
        all.emplace_back("Content-Type", "application/json");
    }
    return Request("POST", target, body, all);
}

HttpResponse HttpClient::Request(const std::string& method, const std::string& target, const std::string& body,
                                 const Headers& headers) {
    std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& [name, value] : headers) {
        raw += name + ": " + value + "\r\n";
    }
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    raw += "\r\n";
    raw += body;
    impl_->WriteRaw(raw);
    return impl_->Read(method == "HEAD");
}

HttpResponse HttpClient::SendRaw(const std::string& raw) {
    impl_->WriteRaw(raw);
    return impl_->Read();
}

void HttpClient::Write(const std::string& raw) {
    impl_->WriteRaw(raw);
}

HttpResponse HttpClient::ReadResponse() {
    return impl_->Read();
}

bool HttpClient::ServerClosed(std::chrono::milliseconds wait) {
    if (!impl_->stream.socket().is_open()) {
        return true;
    }
    impl_->stream.expires_after(wait);
    char scratch[4096];
    for (;;) {
        beast::error_code ec;
        impl_->stream.read_some(asio::buffer(scratch), ec);
        if (ec == beast::error::timeout) {
            return false;
        }
        if (ec) {
            impl_->stream.close();
            return true;
        }
    }
}

void HttpClient::Close() {
    if (impl_->stream.socket().is_open()) {
        impl_->stream.close();
    }
}

bool CanConnect(std::uint16_t port) {
    asio::io_context io;
    tcp::socket socket(io);
    beast::error_code ec;
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    return !ec;
}

}  // namespace ac::testing

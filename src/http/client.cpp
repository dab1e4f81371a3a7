#include "http/client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/url/parse.hpp>

// GCC 12 with the sanitizers pairs this coroutine's frame allocation (Asio's aligned operator new) with the wrong
// delete in its -Wmismatched-new-delete analysis; Asio's frame operator new and delete do match.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace ac::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

asio::awaitable<void> Exchange(const ClientRequest& request, const std::string& host, const std::string& port,
                               std::string target, ClientResponse& response) {
    const auto executor = co_await asio::this_coro::executor;
    tcp::resolver resolver(executor);
    beast::tcp_stream stream(executor);
    stream.expires_after(request.timeout);
    auto [resolve_error, endpoints] = co_await resolver.async_resolve(host, port, kUseTuple);
    if (resolve_error) {
        response.error = "resolve: " + resolve_error.message();
        co_return;
    }
    auto [connect_error, endpoint] = co_await stream.async_connect(endpoints, kUseTuple);
    (void)endpoint;
    if (connect_error) {
        response.error = "connect: " + connect_error.message();
        co_return;
    }
    bhttp::request<bhttp::string_body> message{bhttp::verb::post, std::move(target), 11};
    message.set(bhttp::field::host, host);
    for (const auto& [name, value] : request.headers) {
        message.set(name, value);
    }
    message.body() = request.body;
    message.prepare_payload();
    auto [write_error, written] = co_await bhttp::async_write(stream, message, kUseTuple);
    (void)written;
    if (write_error) {
        response.error = "send: " + write_error.message();
        co_return;
    }
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(request.max_response_bytes);
    auto [read_error, read] = co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
    (void)read;
    if (read_error && read_error != bhttp::error::body_limit) {
        response.error = "receive: " + read_error.message();
        co_return;
    }
    response.status = static_cast<int>(parser.get().result_int());
    response.body = std::move(parser.get().body());
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

}  // namespace

ClientResponse Post(const ClientRequest& request) {
    ClientResponse response;
    const auto url = boost::urls::parse_absolute_uri(request.url);
    if (!url || url->scheme() != "http" || url->host().empty()) {
        response.error = "not an http:// URL";
        return response;
    }
    const std::string host = url->host_address();
    const std::string port = url->has_port() ? std::string(url->port()) : "80";
    std::string target = std::string(url->encoded_path());
    if (target.empty()) {
        target = "/";
    }
    if (url->has_query()) {
        target += "?" + std::string(url->encoded_query());
    }
    try {
        asio::io_context io;
        asio::co_spawn(io, Exchange(request, host, port, std::move(target), response), [&](std::exception_ptr error) {
            if (error) {
                try {
                    std::rethrow_exception(error);
                } catch (const std::exception& e) {
                    response.error = e.what();
                }
            }
        });
        io.run();
    } catch (const std::exception& e) {
        response.error = e.what();
    }
    return response;
}

}  // namespace ac::http

#include "support/websocket_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

namespace ac::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

struct WebSocketClient::Impl {
    asio::io_context io;
    websocket::stream<beast::tcp_stream> ws{io};
    bool open = false;
    int status = 0;
};

WebSocketClient::WebSocketClient(std::uint16_t port, const Options& options) : impl_(std::make_unique<Impl>()) {
    beast::get_lowest_layer(impl_->ws).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    impl_->ws.set_option(websocket::stream_base::decorator([options](websocket::request_type& request) {
        if (!options.cookie.empty()) {
            request.set(beast::http::field::cookie, options.cookie);
        }
        if (!options.origin.empty()) {
            request.set(beast::http::field::origin, options.origin);
        }
        if (!options.accept_language.empty()) {
            request.set(beast::http::field::accept_language, options.accept_language);
        }
    }));
    websocket::response_type response;
    beast::error_code ec;
    impl_->ws.handshake(response, "127.0.0.1:" + std::to_string(port), options.target, ec);
    impl_->status = static_cast<int>(response.result_int());
    impl_->open = !ec;
}

WebSocketClient::~WebSocketClient() {
    if (impl_->open) {
        beast::error_code ignored;
        beast::get_lowest_layer(impl_->ws).socket().close(ignored);
    }
}

bool WebSocketClient::ok() const {
    return impl_->open;
}

int WebSocketClient::status() const {
    return impl_->status;
}

std::optional<std::string> WebSocketClient::Read(std::chrono::milliseconds timeout) {
    if (!impl_->open) {
        return std::nullopt;
    }
    beast::flat_buffer buffer;
    bool done = false;
    beast::error_code result;
    impl_->ws.async_read(buffer, [&](beast::error_code ec, std::size_t) {
        done = true;
        result = ec;
    });
    impl_->io.restart();
    impl_->io.run_for(timeout);
    if (!done) {
        // Nothing came: give up on this connection (a cancelled read leaves the stream unusable).
        beast::get_lowest_layer(impl_->ws).cancel();
        impl_->io.restart();
        impl_->io.run();
        impl_->open = false;
        return std::nullopt;
    }
    if (result) {
        impl_->open = false;
        return std::nullopt;
    }
    return beast::buffers_to_string(buffer.data());
}

}  // namespace ac::testing

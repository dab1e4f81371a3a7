#include "support/webhook_receiver.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace ac::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using asio::ip::tcp;

std::string ReceivedRequest::Header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
        if (beast::iequals(key, name)) {
            return value;
        }
    }
    return "";
}

struct WebhookReceiver::Impl {
    asio::io_context io;
    tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    std::uint16_t port = acceptor.local_endpoint().port();
    mutable std::mutex mutex;
    std::condition_variable arrived;
    std::deque<int> statuses;
    std::vector<ReceivedRequest> requests;
    bool stopping = false;
    std::thread thread;

    void Serve() {
        for (;;) {
            tcp::socket socket(io);
            beast::error_code ec;
            acceptor.accept(socket, ec);
            {
                std::lock_guard lock(mutex);
                if (stopping) {
                    return;
                }
            }
            if (ec) {
                continue;
            }
            beast::flat_buffer buffer;
            http::request<http::string_body> request;
            http::read(socket, buffer, request, ec);
            if (ec) {
                continue;
            }
            ReceivedRequest received{
                std::string(request.method_string()), std::string(request.target()), {}, request.body()};
            for (const auto& field : request) {
                received.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
            }
            int status = 200;
            {
                std::lock_guard lock(mutex);
                if (!statuses.empty()) {
                    status = statuses.front();
                    statuses.pop_front();
                }
                requests.push_back(std::move(received));
            }
            arrived.notify_all();
            http::response<http::string_body> response{static_cast<http::status>(status), 11};
            response.body() = "ok";
            response.keep_alive(false);
            response.prepare_payload();
            http::write(socket, response, ec);
            socket.shutdown(tcp::socket::shutdown_both, ec);
        }
    }
};

WebhookReceiver::WebhookReceiver(std::deque<int> statuses) : impl_(std::make_unique<Impl>()) {
    impl_->statuses = std::move(statuses);
    impl_->thread = std::thread([impl = impl_.get()] { impl->Serve(); });
}

WebhookReceiver::~WebhookReceiver() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
    }
    // Wake the blocking accept with a connection of our own.
    beast::error_code ec;
    tcp::socket poke(impl_->io);
    poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), impl_->port), ec);
    impl_->thread.join();
}

std::uint16_t WebhookReceiver::port() const {
    return impl_->port;
}

std::string WebhookReceiver::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(impl_->port) + path;
}

std::vector<ReceivedRequest> WebhookReceiver::WaitFor(std::size_t count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->mutex);
    impl_->arrived.wait_for(lock, timeout, [&] { return impl_->requests.size() >= count; });
    return impl_->requests;
}

std::vector<ReceivedRequest> WebhookReceiver::received() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->requests;
}

}  // namespace ac::testing

#include "http/server.hpp"

#include <algorithm>
#include <csignal>
#include <deque>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "core/thread_name.hpp"
#include "log/log.hpp"

namespace ac::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// What the shutdown needs to reach a connection: its strand and, while the session runs, its stream.
struct SessionControl {
    explicit SessionControl(asio::any_io_executor ex) : executor(std::move(ex)) {}
    asio::any_io_executor executor;       // the connection's strand
    beast::tcp_stream* stream = nullptr;  // accessed only on the strand
    bool idle = false;                    // waiting for a next request; accessed only on the strand
};

std::string FormatEndpoint(const tcp::endpoint& endpoint) {
    const asio::ip::address address = endpoint.address();
    std::string host = address.to_string();
    if (address.is_v6()) {
        host = "[" + host + "]";
    }
    return host + ":" + std::to_string(endpoint.port());
}

// Runs `work` through `submit` (which runs a task elsewhere: on a thread pool, on a fiber) and resumes the calling
// coroutine on its own executor with the result. The work guard keeps the I/O threads running while the result is
// pending (also during shutdown).
template <class Submit, class Work>
awaitable<Response> RunElsewhere(Submit submit, Work work) {
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
        [&submit](auto handler, Work job) {
            auto guard = asio::make_work_guard(asio::get_associated_executor(handler));
            submit([handler = std::move(handler), job = std::move(job), guard = std::move(guard)]() mutable {
                Response response = job();
                auto executor = guard.get_executor();
                asio::post(executor, [handler = std::move(handler), response = std::move(response)]() mutable {
                    std::move(handler)(std::move(response));
                });
            });
        },
        asio::use_awaitable, std::move(work));
}

// A deadline for reading a request. beast::tcp_stream's own timeout closes the socket, which leaves no way to answer
// 408; this one only cancels the read. Used on the session's strand only. Each Arm starts a new generation, and a
// timer handler acts only for the generation that armed it and only while armed: a handler that was already
// queued when its read completed can neither cancel that read nor the next one.
class ReadDeadline {
  public:
    ReadDeadline(const asio::any_io_executor& executor, beast::tcp_stream& stream)
        : timer_(executor), state_(std::make_shared<State>(&stream)) {}
    ~ReadDeadline() { state_->armed = false; }

    void Arm(std::chrono::milliseconds timeout) {
        const std::uint64_t generation = ++state_->generation;
        state_->armed = true;
        state_->fired = false;
        timer_.expires_after(timeout);
        timer_.async_wait([state = state_, generation](const beast::error_code& ec) {
            if (!ec && state->armed && state->generation == generation) {
                state->fired = true;
                state->stream->socket().cancel();
            }
        });
    }
    // Stops the deadline; true when it had fired (the read was cancelled because it took too long).
    bool Disarm() {
        state_->armed = false;
        timer_.cancel();
        return state_->fired;
    }

  private:
    struct State {
        explicit State(beast::tcp_stream* s) : stream(s) {}
        beast::tcp_stream* stream;
        std::uint64_t generation = 0;
        bool armed = false;
        bool fired = false;
    };
    asio::steady_timer timer_;
    std::shared_ptr<State> state_;
};

// The Date header value, formatted once per second per thread.
const std::string& CachedHttpDate(const Clock& clock) {
    thread_local std::int64_t cached_second = -1;
    thread_local std::string cached;
    const Instant now = clock.Now();
    const std::int64_t second = ToEpochMs(now) / 1000;
    if (second != cached_second) {
        cached = FormatHttpDate(now);
        cached_second = second;
    }
    return cached;
}

// Whether `ec` is a syntax error of the request (as opposed to the connection closing or timing out).
bool IsParseError(const beast::error_code& ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
           ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message && ec != bhttp::error::body_limit &&
           ec != bhttp::error::header_limit;
}

}  // namespace

struct Server::Impl {
    Impl(ServerOptions opts, Pipeline& pipe, Metrics& met)
        : options(std::move(opts)),
          pipeline(pipe),
          metrics(met),
          io(static_cast<int>(options.io_threads)),
          workers(options.worker_threads),
          readers(options.read_threads),
          acceptor(io),
          signals(io),
          shutdown_strand(asio::make_strand(io)),
          grace_timer(shutdown_strand) {}

    awaitable<void> AcceptLoop();
    awaitable<void> Session(std::shared_ptr<SessionControl> control, tcp::socket socket);
    awaitable<bool> Write(beast::tcp_stream& stream, const Request& request, Response response, bool keep_alive);
    awaitable<void> WebSocket(std::shared_ptr<SessionControl> control, beast::tcp_stream stream,
                              bhttp::request<bhttp::string_body> request, WebSocketUpgrade upgrade,
                              std::string request_id);
    void BeginShutdown();  // on shutdown_strand
    void SessionEnded(const std::shared_ptr<SessionControl>& control);
    std::size_t SessionCount() {
        std::lock_guard lock(sessions_mutex);
        return sessions.size();
    }

    const ServerOptions options;
    Pipeline& pipeline;
    Metrics& metrics;
    asio::io_context io;
    asio::thread_pool workers;  // blocking handlers of requests that may write
    asio::thread_pool readers;  // blocking handlers of GET and HEAD requests
    tcp::acceptor acceptor;
    asio::signal_set signals;
    // The shutdown's steps and its grace timer, one at a time: arming the timer and cancelling it when the last
    // connection ends may otherwise run at once on two I/O threads, and a cancel that comes first is lost.
    asio::strand<asio::io_context::executor_type> shutdown_strand;
    asio::steady_timer grace_timer;
    std::atomic<bool> stopping{false};
    std::atomic<bool> forced{false};

    std::mutex sessions_mutex;
    std::unordered_set<std::shared_ptr<SessionControl>> sessions;  // guarded by sessions_mutex
};

awaitable<void> Server::Impl::AcceptLoop() {
    while (!stopping.load()) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(io), kTuple);
        if (ec) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) {
                break;
            }
            // Out of file descriptors and the like: say so, pause briefly instead of spinning, go on.
            log::Warn("http.accept_failed", {{"error", ec.message()}});
            asio::steady_timer pause(io, std::chrono::milliseconds(50));
            co_await pause.async_wait(kTuple);
            continue;
        }
        if (SessionCount() >= options.max_connections) {
            log::Warn("http.connection_refused", {{"reason", "max_connections"}, {"limit", options.max_connections}});
            beast::error_code ignored;
            socket.close(ignored);
            continue;
        }
        auto control = std::make_shared<SessionControl>(socket.get_executor());
        {
            std::lock_guard lock(sessions_mutex);
            sessions.insert(control);
        }
        metrics.ConnectionOpened();
        asio::co_spawn(control->executor, Session(control, std::move(socket)), [this, control](std::exception_ptr e) {
            if (e) {
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& ex) {
                    log::Error("http.session_failed", {{"what", ex.what()}});
                } catch (...) {
                    log::Error("http.session_failed", {{"what", "unknown exception"}});
                }
            }
            metrics.ConnectionClosed();
            SessionEnded(control);
        });
    }
}

awaitable<bool> Server::Impl::Write(beast::tcp_stream& stream, const Request& request, Response response,
                                    bool keep_alive) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), 11};
    out.set(bhttp::field::server, "aftercare");
    if (options.clock != nullptr) {
        out.set(bhttp::field::date, CachedHttpDate(*options.clock));
    }
    if (!response.content_type.empty()) {
        out.set(bhttp::field::content_type, response.content_type);
    }
    for (const HeaderField& header : response.headers) {
        out.set(header.name, header.value);
    }
    out.keep_alive(keep_alive);
    if (request.method == Method::kHead) {
        // The headers of the GET answer, without its body.
        out.content_length(response.body.size());
    } else {
        out.body() = std::move(response.body);
        out.prepare_payload();
    }
    stream.expires_after(options.write_timeout);
    auto [ec, written] = co_await bhttp::async_write(stream, out, kTuple);
    co_return !ec;
}

awaitable<void> Server::Impl::Session(std::shared_ptr<SessionControl> control, tcp::socket socket) {
    beast::error_code endpoint_error;
    const tcp::endpoint remote = socket.remote_endpoint(endpoint_error);
    const std::string remote_address = endpoint_error ? std::string("unknown") : FormatEndpoint(remote);
    socket.set_option(tcp::no_delay(true), endpoint_error);

    beast::tcp_stream stream(std::move(socket));
    control->stream = &stream;
    beast::flat_buffer buffer;
    ReadDeadline deadline(co_await asio::this_coro::executor, stream);
    // Set when a handler accepted a WebSocket upgrade: the connection leaves the HTTP loop for it.
    std::optional<WebSocketUpgrade> upgrade;
    bhttp::request<bhttp::string_body> upgrade_request;
    std::string upgrade_request_id;

    for (;;) {
        // Idle: wait for the first byte of the next request. This is the only wait a shutdown interrupts.
        if (buffer.size() == 0) {
            if (stopping.load()) {
                break;
            }
            control->idle = true;
            stream.expires_after(options.idle_timeout);
            auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
            control->idle = false;
            if (ec) {
                break;  // closed by the client, idle too long, or cut by the shutdown
            }
            buffer.commit(n);
        }

        Request request;
        request.remote_address = remote_address;
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
        // The route decides the body limit once the headers are in (below); until then nothing is refused.
        parser.body_limit(std::numeric_limits<std::uint64_t>::max());

        stream.expires_never();
        deadline.Arm(options.header_timeout);
        auto [header_ec, header_bytes] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
        const bool header_timed_out = deadline.Disarm();
        if (header_ec) {
            std::optional<Error> error;
            if (header_timed_out) {
                error = Error::Make(ErrorCode::kDeadlineExceeded, "http.request_timeout",
                                    {{"seconds", std::to_string(options.header_timeout.count() / 1000.0)}});
            } else if (header_ec == bhttp::error::header_limit) {
                error = Error::Make(ErrorCode::kPayloadTooLarge, "http.header_too_large",
                                    {{"limit", std::to_string(options.max_header_bytes)}});
            } else if (IsParseError(header_ec)) {
                error = Error::Make(ErrorCode::kInvalidArgument, "http.malformed_request",
                                    {{"reason", header_ec.message()}});
            }
            if (error) {
                error->detail = header_ec.message();
                request.method = Method::kUnknown;
                co_await Write(stream, request, pipeline.Reject(request, *error), false);
            }
            break;
        }

        const auto& header = parser.get();
        request.method_text = std::string(header.method_string());
        request.method = ParseMethod(request.method_text);
        request.target = std::string(header.target());
        request.headers.reserve(16);
        for (const auto& field : header) {
            request.headers.push_back(HeaderField{std::string(field.name_string()), std::string(field.value())});
        }
        const RequestPlan plan = pipeline.Prepare(request);
        if (plan.reject) {
            co_await Write(stream, request, pipeline.Reject(request, *plan.reject), false);
            break;
        }

        // Refuse a declared oversized body before reading it.
        const auto declared = parser.content_length();
        if (declared && *declared > plan.body_limit) {
            const Error error = Error::Make(ErrorCode::kPayloadTooLarge, "http.body_too_large",
                                            {{"limit", std::to_string(plan.body_limit)}});
            co_await Write(stream, request, pipeline.Reject(request, error), false);
            break;
        }
        parser.body_limit(plan.body_limit);

        if (!parser.is_done()) {
            const std::optional<std::string_view> expect = request.Header("Expect");
            if (expect && EqualsIgnoreCase(*expect, "100-continue")) {
                bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
                stream.expires_after(options.write_timeout);
                auto [continue_ec, continue_bytes] = co_await bhttp::async_write(stream, go_on, kTuple);
                if (continue_ec) {
                    break;
                }
            }
            stream.expires_never();
            deadline.Arm(options.body_timeout);
            auto [body_ec, body_bytes] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
            const bool body_timed_out = deadline.Disarm();
            if (body_ec) {
                std::optional<Error> error;
                if (body_ec == bhttp::error::body_limit) {
                    error = Error::Make(ErrorCode::kPayloadTooLarge, "http.body_too_large",
                                        {{"limit", std::to_string(plan.body_limit)}});
                } else if (body_timed_out) {
                    error = Error::Make(ErrorCode::kDeadlineExceeded, "http.request_timeout",
                                        {{"seconds", std::to_string(options.body_timeout.count() / 1000.0)}});
                } else if (IsParseError(body_ec)) {
                    error = Error::Make(ErrorCode::kInvalidArgument, "http.malformed_request",
                                        {{"reason", body_ec.message()}});
                }
                if (error) {
                    error->detail = body_ec.message();
                    co_await Write(stream, request, pipeline.Reject(request, *error), false);
                }
                break;
            }
        }
        const bool client_keep_alive = parser.get().keep_alive();
        request.body = std::move(parser.get().body());

        Response response;
        if (plan.blocking) {
            const bool read = request.method == Method::kGet || request.method == Method::kHead;
            const auto handle = [this, &request]() { return pipeline.Handle(request); };
            if (read) {
                response = co_await RunElsewhere([this](auto task) { asio::post(readers, std::move(task)); }, handle);
            } else {
                // A worker hands its writes to the database's write fibers (SQLite) and waits; woken, it lets the
                // writer's thread go on rather than preempt it.
                const auto handle_write = [&handle]() {
                    LetOthersRunFirstWhenWoken();
                    return handle();
                };
                response =
                    co_await RunElsewhere([this](auto task) { asio::post(workers, std::move(task)); }, handle_write);
            }
        } else {
            response = pipeline.Handle(request);
        }
        if (response.websocket && response.status == 101 && options.websockets != nullptr) {
            upgrade = response.websocket;
            upgrade_request = parser.release();
            upgrade_request.body() = {};
            upgrade_request_id = request.request_id;
            break;
        }
        const bool keep_alive = client_keep_alive && !response.close && !stopping.load();
        if (!co_await Write(stream, request, std::move(response), keep_alive) || !keep_alive) {
            break;
        }
    }

    if (upgrade) {
        control->stream = nullptr;
        co_await WebSocket(control, std::move(stream), std::move(upgrade_request), *upgrade,
                           std::move(upgrade_request_id));
        co_return;
    }
    control->stream = nullptr;
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.socket().close(ignored);
}

// A WebSocket for live updates: the handshake, then one loop reading (pings, close; anything the client sends is
// ignored) while a writer coroutine sends what the hub queues. Both run on the connection's strand.
awaitable<void> Server::Impl::WebSocket(std::shared_ptr<SessionControl> control, beast::tcp_stream stream,
                                        bhttp::request<bhttp::string_body> request, WebSocketUpgrade upgrade,
                                        std::string request_id) {
    namespace ws = beast::websocket;
    using WsStream = ws::stream<beast::tcp_stream>;
    struct Outgoing {
        explicit Outgoing(const asio::any_io_executor& executor) : wake(executor) {}
        std::deque<std::shared_ptr<const std::string>> queue;
        asio::steady_timer wake;
        bool closed = false;
    };
    const asio::any_io_executor executor = co_await asio::this_coro::executor;
    stream.expires_never();
    auto socket = std::make_shared<WsStream>(std::move(stream));
    socket->set_option(ws::stream_base::timeout::suggested(beast::role_type::server));
    socket->set_option(ws::stream_base::decorator([request_id](ws::response_type& response) {
        response.set(bhttp::field::server, "aftercare");
        response.set("X-Request-Id", request_id);
    }));
    socket->read_message_max(4096);
    auto [accept_error] = co_await socket->async_accept(request, kTuple);
    if (accept_error) {
        co_return;
    }
    control->stream = &socket->next_layer();
    auto out = std::make_shared<Outgoing>(executor);
    out->wake.expires_at(asio::steady_timer::time_point::max());
    const std::size_t max_queue = options.websocket_queue;
    const auto close = [socket, out] {
        out->closed = true;
        out->wake.cancel();
        socket->next_layer().cancel();
    };
    const std::uint64_t attached = options.websockets->Attach(
        WebSocketHub::Client{upgrade.staff, upgrade.lang},
        [executor, out, max_queue, close](std::shared_ptr<const std::string> text) {
            asio::post(executor, [out, text = std::move(text), max_queue, close] {
                if (out->closed) {
                    return;
                }
                if (out->queue.size() >= max_queue) {
                    close();  // a client that does not read: let it reconnect and reload
                    return;
                }
                out->queue.push_back(text);
                out->wake.cancel();
            });
        },
        [executor, close] { asio::post(executor, close); });
    asio::co_spawn(
        executor,
        [socket, out]() -> awaitable<void> {
            while (!out->closed) {
                while (!out->queue.empty() && !out->closed) {
                    const std::shared_ptr<const std::string> text = out->queue.front();
                    out->queue.pop_front();
                    socket->text(true);
                    auto [write_error, written] = co_await socket->async_write(asio::buffer(*text), kTuple);
                    if (write_error) {
                        out->closed = true;
                        socket->next_layer().cancel();
                    }
                }
                if (out->closed) {
                    break;
                }
                out->wake.expires_at(asio::steady_timer::time_point::max());
                co_await out->wake.async_wait(kTuple);
            }
        },
        asio::detached);
    log::Info("ws.opened", {{"request_id", request_id}, {"staff", upgrade.staff.value()}});
    for (;;) {
        if (stopping.load()) {
            break;
        }
        beast::flat_buffer incoming;
        control->idle = true;  // a shutdown may cut this wait
        auto [read_error, read] = co_await socket->async_read(incoming, kTuple);
        control->idle = false;
        if (read_error) {
            break;
        }
    }
    options.websockets->Detach(attached);
    close();
    control->stream = nullptr;
    beast::error_code ignored;
    socket->next_layer().socket().shutdown(tcp::socket::shutdown_both, ignored);
    socket->next_layer().socket().close(ignored);
    log::Info("ws.closed", {{"request_id", request_id}});
}

void Server::Impl::BeginShutdown() {
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    std::vector<std::shared_ptr<SessionControl>> open;
    {
        std::lock_guard lock(sessions_mutex);
        open.assign(sessions.begin(), sessions.end());
    }
    log::Info("http.shutdown_started", {{"connections", open.size()}});
    if (open.empty()) {
        return;
    }
    // Armed before any connection is told to close: the last one to end cancels it (SessionEnded).
    grace_timer.expires_after(options.shutdown_grace);
    grace_timer.async_wait([this](const beast::error_code& ec) {
        if (ec) {
            return;  // every connection finished in time
        }
        forced = true;
        log::Warn("http.shutdown_forced", {{"connections", SessionCount()}});
        io.stop();
    });
    for (const auto& control : open) {
        asio::post(control->executor, [control] {
            if (control->idle && control->stream != nullptr) {
                control->stream->cancel();
            }
        });
    }
    if (SessionCount() == 0) {
        grace_timer.cancel();  // the last connection ended before the timer was armed
    }
}

void Server::Impl::SessionEnded(const std::shared_ptr<SessionControl>& control) {
    bool last = false;
    {
        std::lock_guard lock(sessions_mutex);
        sessions.erase(control);
        last = sessions.empty();
    }
    if (last && stopping.load()) {
        asio::post(shutdown_strand, [this] {
            if (SessionCount() == 0) {
                grace_timer.cancel();
            }
        });
    }
}

std::size_t DefaultWorkerThreads() {
    // A request waiting for its group commit holds a worker, so as many may wait as connections write at once.
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    return std::max<std::size_t>(64, 16 * cores);
}

Server::Server(ServerOptions options, Pipeline& pipeline, Metrics& metrics) {
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    if (options.io_threads == 0) {
        options.io_threads = cores;
    }
    if (options.worker_threads == 0) {
        options.worker_threads = DefaultWorkerThreads();
    }
    if (options.read_threads == 0) {
        options.read_threads = 2 * cores;
    }
    impl_ = std::make_unique<Impl>(std::move(options), pipeline, metrics);
    if (impl_->options.handle_signals) {
        // Caught from now on; one that arrives before Run() waits for it is queued, not lost.
        impl_->signals.add(SIGINT);
        impl_->signals.add(SIGTERM);
    }
}

Server::~Server() {
    impl_->workers.stop();
    impl_->readers.stop();
    impl_->workers.join();
    impl_->readers.join();
}

Result<std::string> Server::Listen() {
    Impl& impl = *impl_;
    const auto failed = [&](const std::string& reason) {
        return Fail(Error::Make(
            ErrorCode::kUnavailable, "http.listen_failed",
            {{"address", impl.options.host + ":" + std::to_string(impl.options.port)}, {"reason", reason}}));
    };
    beast::error_code ec;
    asio::ip::address address = asio::ip::make_address(impl.options.host, ec);
    if (ec) {
        tcp::resolver resolver(impl.io);
        const auto results = resolver.resolve(impl.options.host, "", ec);
        if (ec || results.empty()) {
            return failed(ec ? ec.message() : "host not found");
        }
        address = results.begin()->endpoint().address();
    }
    const tcp::endpoint endpoint(address, impl.options.port);
    impl.acceptor.open(endpoint.protocol(), ec);
    if (!ec) {
        impl.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        impl.acceptor.bind(endpoint, ec);
    }
    if (!ec) {
        impl.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        impl.acceptor.close();
        return failed(ec.message());
    }
    return FormatEndpoint(impl.acceptor.local_endpoint());
}

bool Server::Run() {
    Impl& impl = *impl_;
    asio::co_spawn(impl.io, impl.AcceptLoop(), [](std::exception_ptr e) {
        if (e) {
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                log::Error("http.accept_loop_failed", {{"what", ex.what()}});
            }
        }
    });
    if (impl.options.handle_signals) {
        impl.signals.async_wait([this](const beast::error_code& ec, int signal_number) {
            if (!ec) {
                log::Info("http.signal", {{"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"}});
                Shutdown();
            }
        });
    }
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < impl.options.io_threads; ++i) {
        threads.emplace_back([&impl] {
            NameThisThread("ac-io");
            impl.io.run();
        });
    }
    impl.io.run();
    for (std::thread& thread : threads) {
        thread.join();
    }
    if (!impl.forced) {
        impl.workers.join();
        impl.readers.join();
    }
    log::Info("http.stopped", {{"graceful", !impl.forced.load()}});
    return !impl.forced;
}

void Server::Shutdown() {
    if (impl_->stopping.exchange(true)) {
        return;
    }
    asio::post(impl_->shutdown_strand, [impl = impl_.get()] { impl->BeginShutdown(); });
}

}  // namespace ac::http

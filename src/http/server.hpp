// The HTTP/1.1 server (Boost.Beast on Asio), kept behind this small header so that the rest of the program never
// compiles Beast.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/metrics.hpp"
#include "http/pipeline.hpp"
#include "http/websocket_hub.hpp"

namespace ac::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;       // 0: the system picks a free port (Listen returns it)
    std::size_t io_threads = 0;      // threads that read and write connections; 0: one per core
    std::size_t worker_threads = 0;  // threads that run blocking handlers; 0: sixteen per core, at least 64
    std::size_t read_threads = 0;    // threads that run blocking GET and HEAD handlers instead; 0: two per core
    std::size_t max_connections = 4096;
    std::size_t max_header_bytes = 16 * 1024;
    std::size_t max_body_bytes = 1024 * 1024;          // the default; a route may set its own
    std::chrono::milliseconds header_timeout{10'000};  // from a request's first byte to its complete headers
    std::chrono::milliseconds body_timeout{30'000};    // for the complete body after the headers
    std::chrono::milliseconds idle_timeout{60'000};    // a kept-alive connection with no new request
    std::chrono::milliseconds write_timeout{30'000};
    std::chrono::milliseconds shutdown_grace{10'000};  // how long requests in flight may take after a stop
    bool handle_signals = true;          // from construction on, SIGTERM and SIGINT stop the server gracefully
    const Clock* clock = nullptr;        // the source of the Date header; no Date header without one
    WebSocketHub* websockets = nullptr;  // where upgraded connections are attached; no upgrades without one
    std::size_t websocket_queue = 256;   // messages waiting for a slow client; beyond it the connection closes
};

// The worker pool's size when ServerOptions leaves it at 0.
[[nodiscard]] std::size_t DefaultWorkerThreads();

// Serves HTTP/1.1 with keep-alive. Each request goes through the Pipeline: routes marked blocking run on a pool,
// the rest on the I/O thread that read them. Reads (GET, HEAD) have their own small pool: they keep the cores busy
// rather than wait, and a pool no larger than the cores can use hands work over without waking a sleeping thread
// for every request. Writes wait for their group commit, so their pool is as large as the writers at once.
//
// Graceful shutdown (Shutdown(), SIGTERM, SIGINT): stop accepting; close idle connections at once; let requests
// being read or handled finish and answer them with "Connection: close"; after shutdown_grace, close whatever
// is left. Run() returns when every connection is gone.
class Server {
  public:
    // `pipeline` and `metrics` must outlive the server.
    Server(ServerOptions options, Pipeline& pipeline, Metrics& metrics);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and listens. Returns the address listened on as "host:port", with the port the system chose when the
    // options asked for 0. Errors: kUnavailable "http.listen_failed" (address in use, permission, bad host).
    [[nodiscard]] Result<std::string> Listen();

    // Serves until shut down; the calling thread is one of the I/O threads. Returns true when every request in
    // flight finished within the grace period, false when some connections had to be cut.
    bool Run();

    // Starts the graceful shutdown. Thread-safe, idempotent, returns at once.
    void Shutdown();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ac::http

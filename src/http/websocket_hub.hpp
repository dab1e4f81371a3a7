// Open WebSocket connections by staff member, for pushing live updates (new notifications). The server attaches
// each upgraded connection; the rest of the program publishes to a staff member's connections without knowing
// Beast. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/i18n.hpp"
#include "core/principal.hpp"

namespace ac::http {

class WebSocketHub {
  public:
    // Queues a text message on the connection (from any thread; the connection writes it on its own strand).
    using Send = std::function<void(std::shared_ptr<const std::string>)>;
    // Closes the connection (from any thread).
    using Close = std::function<void()>;

    struct Client {
        StaffId staff;
        Lang lang = Lang::kZhCn;
    };

    // Returns the id to Detach with.
    std::uint64_t Attach(Client client, Send send, Close close);
    void Detach(std::uint64_t id);

    // Sends to every connection of `staff` the text `render` gives for the connection's language (rendered once per
    // language). Returns how many connections it went to.
    std::size_t Publish(StaffId staff, const std::function<std::string(Lang)>& render);
    // Closes every connection (the server is stopping).
    void CloseAll();
    [[nodiscard]] std::size_t size() const;
    // Whether `staff` has a connection now.
    [[nodiscard]] bool Connected(StaffId staff) const;

  private:
    struct Entry {
        Client client;
        Send send;
        Close close;
    };
    mutable std::mutex mutex_;
    std::uint64_t next_id_ = 1;
    std::unordered_map<std::uint64_t, Entry> entries_;
};

}  // namespace ac::http

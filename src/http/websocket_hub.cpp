#include "http/websocket_hub.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace ac::http {

std::uint64_t WebSocketHub::Attach(Client client, Send send, Close close) {
    std::lock_guard lock(mutex_);
    const std::uint64_t id = next_id_++;
    entries_.emplace(id, Entry{client, std::move(send), std::move(close)});
    return id;
}

void WebSocketHub::Detach(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    entries_.erase(id);
}

std::size_t WebSocketHub::Publish(StaffId staff, const std::function<std::string(Lang)>& render) {
    std::vector<std::pair<Lang, Send>> targets;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, entry] : entries_) {
            if (entry.client.staff == staff) {
                targets.emplace_back(entry.client.lang, entry.send);
            }
        }
    }
    std::map<Lang, std::shared_ptr<const std::string>> rendered;
    for (const auto& [lang, send] : targets) {
        auto& text = rendered[lang];
        if (!text) {
            text = std::make_shared<const std::string>(render(lang));
        }
        send(text);
    }
    return targets.size();
}

void WebSocketHub::CloseAll() {
    std::vector<Close> closers;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, entry] : entries_) {
            closers.push_back(entry.close);
        }
    }
    for (const Close& close : closers) {
        close();
    }
}

bool WebSocketHub::Connected(StaffId staff) const {
    std::lock_guard lock(mutex_);
    return std::any_of(entries_.begin(), entries_.end(),
                       [staff](const auto& entry) { return entry.second.client.staff == staff; });
}

std::size_t WebSocketHub::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace ac::http

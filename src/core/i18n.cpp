#include "core/i18n.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace ac {
namespace {

char Lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (Lower(text[i]) != Lower(prefix[i])) {
            return false;
        }
    }
    return true;
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

}  // namespace

std::string_view LangTag(Lang lang) {
    return lang == Lang::kEn ? "en" : "zh-CN";
}

std::optional<Lang> ParseLangTag(std::string_view tag) {
    tag = Trim(tag);
    const auto matches = [&](std::string_view base) {
        return StartsWithIgnoreCase(tag, base) &&
               (tag.size() == base.size() || tag[base.size()] == '-' || tag[base.size()] == '_');
    };
    if (matches("zh")) {
        return Lang::kZhCn;
    }
    if (matches("en")) {
        return Lang::kEn;
    }
    return std::nullopt;
}

Lang NegotiateLang(std::string_view accept_language) {
    std::optional<Lang> best;
    double best_q = 0.0;
    while (!accept_language.empty()) {
        const std::size_t comma = accept_language.find(',');
        std::string_view item = accept_language.substr(0, comma);
        accept_language = comma == std::string_view::npos ? std::string_view{} : accept_language.substr(comma + 1);

        double q = 1.0;
        const std::size_t semicolon = item.find(';');
        if (semicolon != std::string_view::npos) {
            std::string_view param = Trim(item.substr(semicolon + 1));
            item = item.substr(0, semicolon);
            if (StartsWithIgnoreCase(param, "q=")) {
                const std::string value(param.substr(2));
                char* end = nullptr;
                q = std::strtod(value.c_str(), &end);
                if (end == value.c_str()) {
                    q = 0.0;
                }
            }
        }
        const std::optional<Lang> lang = ParseLangTag(item);
        if (lang && q > best_q) {
            best = lang;
            best_q = q;
        }
    }
    return best.value_or(Lang::kZhCn);
}

std::vector<std::string_view> Placeholders(std::string_view text) {
    std::vector<std::string_view> names;
    std::size_t pos = 0;
    while ((pos = text.find('{', pos)) != std::string_view::npos) {
        const std::size_t close = text.find('}', pos + 1);
        if (close == std::string_view::npos) {
            break;
        }
        names.push_back(text.substr(pos + 1, close - pos - 1));
        pos = close + 1;
    }
    return names;
}

void Catalog::Add(std::span<const MessageDef> defs) {
    for (const MessageDef& def : defs) {
        if (def.key.empty() || def.zh_cn.empty() || def.en.empty()) {
            throw std::logic_error("message catalog entry with an empty key or text: " + std::string(def.key));
        }
        auto zh = Placeholders(def.zh_cn);
        auto en = Placeholders(def.en);
        std::sort(zh.begin(), zh.end());
        std::sort(en.begin(), en.end());
        if (zh != en) {
            throw std::logic_error("message " + std::string(def.key) + " has different placeholders in zh-CN and en");
        }
        if (!entries_.emplace(def.key, &def).second) {
            throw std::logic_error("duplicate message key " + std::string(def.key));
        }
    }
}

std::string Catalog::Render(Lang lang, const Message& message) const {
    const auto it = entries_.find(message.key);
    if (it == entries_.end()) {
        return message.key;
    }
    const std::string_view text = lang == Lang::kEn ? it->second->en : it->second->zh_cn;
    std::string out;
    out.reserve(text.size() + 16);
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t open = text.find('{', pos);
        if (open == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        out.append(text.substr(pos, open - pos));
        const std::size_t close = text.find('}', open + 1);
        if (close == std::string_view::npos) {
            out.append(text.substr(open));
            break;
        }
        const std::string_view name = text.substr(open + 1, close - open - 1);
        const auto param =
            std::find_if(message.params.begin(), message.params.end(), [&](const auto& p) { return p.first == name; });
        if (param != message.params.end()) {
            out.append(param->second);
        } else {
            out.append(text.substr(open, close - open + 1));
        }
        pos = close + 1;
    }
    return out;
}

std::vector<std::string_view> Catalog::Keys() const {
    std::vector<std::string_view> keys;
    keys.reserve(entries_.size());
    for (const auto& [key, def] : entries_) {
        keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

}  // namespace ac

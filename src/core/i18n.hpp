// User-facing text in the caller's language. Chinese (zh-CN) first, English second.
//
// Code never builds user-facing sentences; it returns a Message (a catalog key plus parameters) and the boundary
// renders it with a Catalog in the language the caller asked for.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"

namespace ac {

enum class Lang : std::uint8_t { kZhCn, kEn };

// "zh-CN" or "en".
[[nodiscard]] std::string_view LangTag(Lang lang);

// "zh", "zh-CN", "zh-Hans", "en", "en-US", ... (case-insensitive); nullopt for a language we do not speak.
[[nodiscard]] std::optional<Lang> ParseLangTag(std::string_view tag);

// The best language for an Accept-Language header value, honouring q-values; zh-CN when nothing matches.
[[nodiscard]] Lang NegotiateLang(std::string_view accept_language);

// One catalog entry. Texts may hold "{name}" placeholders; both languages must use the same set.
struct MessageDef {
    std::string_view key;
    std::string_view zh_cn;
    std::string_view en;
};

// Key → texts. Built once at start-up, read-only afterwards (then safe to share between threads).
class Catalog {
  public:
    // Adds entries. The definitions must have static storage duration (they are referenced, not copied).
    // Throws std::logic_error for a duplicate key, an empty text or placeholders that differ between languages:
    // all of them are bugs that must stop the program at start-up.
    void Add(std::span<const MessageDef> defs);

    // The text of `message` in `lang` with its params substituted. An unknown key renders as the key itself so
    // that nothing is lost; tests make sure every key used exists.
    [[nodiscard]] std::string Render(Lang lang, const Message& message) const;

    [[nodiscard]] bool Has(std::string_view key) const { return entries_.contains(key); }
    [[nodiscard]] std::vector<std::string_view> Keys() const;

  private:
    std::unordered_map<std::string_view, const MessageDef*> entries_;
};

// The placeholder names of a text, in order of appearance ("{count} of {max}" → {"count", "max"}).
[[nodiscard]] std::vector<std::string_view> Placeholders(std::string_view text);

// Messages of core/: the title of every ErrorCode ("error.<code name>"), validation and JSON messages.
[[nodiscard]] std::span<const MessageDef> CoreMessages();

}  // namespace ac

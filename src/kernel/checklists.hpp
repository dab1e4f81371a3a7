// Checklist templates: the items a field worker confirms on a visit (the checklist rules of B, C and Q), declared
// by modules with their zh-CN and English wording and configurable per chain and per store.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace ac::kernel {

struct ChecklistItem {
    std::string key;    // "tools_prepared": [a-z0-9_], what the action's input sends
    std::string zh_cn;  // 已备好可能需要的工具和配件
    std::string en;     // Tools and likely parts prepared

    friend bool operator==(const ChecklistItem&, const ChecklistItem&) = default;
};

struct ChecklistTemplate {
    std::string name;  // "repair.arrival": one per visit type and moment
    std::vector<ChecklistItem> items;
};

// A stored override of a template: for the chain (store_id 0) or one store.
struct ChecklistOverride {
    std::string name;
    std::int64_t store_id = 0;
    std::vector<ChecklistItem> items;
    std::int64_t version = 0;
    Instant updated_at;
};

inline constexpr std::size_t kMaxChecklistItems = 30;

// Checks items: 1..kMaxChecklistItems, keys [a-z0-9_]{1,40} and unique, both wordings 1..100 characters.
// Errors name the field ("items[2].zh_cn").
[[nodiscard]] Status CheckChecklistItems(const std::vector<ChecklistItem>& items);

[[nodiscard]] std::string ChecklistItemsJson(const std::vector<ChecklistItem>& items);
[[nodiscard]] std::vector<ChecklistItem> ChecklistItemsFrom(std::string_view json);

class ChecklistRepository {
  public:
    // The override for exactly (name, store_id), if any.
    static Result<std::optional<ChecklistOverride>> Find(storage::Transaction& tx, std::string_view name,
                                                         std::int64_t store_id);
    static Result<std::vector<ChecklistOverride>> All(storage::Transaction& tx);
    // Writes the override if `version` is its current version (0: there is none yet). false: stale.
    static Result<bool> Put(storage::Transaction& tx, const ChecklistOverride& override_, std::int64_t version,
                            StaffId actor, Instant now);
    static Result<bool> Delete(storage::Transaction& tx, std::string_view name, std::int64_t store_id);
};

}  // namespace ac::kernel

#include "kernel/checklists.hpp"

#include <algorithm>
#include <set>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "core/json.hpp"

namespace ac::kernel {

Status CheckChecklistItems(const std::vector<ChecklistItem>& items) {
    std::vector<FieldError> errors;
    if (items.empty() || items.size() > kMaxChecklistItems) {
        errors.push_back(
            {"items", Message{"field.out_of_range", {{"min", "1"}, {"max", std::to_string(kMaxChecklistItems)}}}});
    }
    std::set<std::string> keys;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string at = "items[" + std::to_string(i) + "]";
        const ChecklistItem& item = items[i];
        const bool key_ok =
            !item.key.empty() && item.key.size() <= 40 && std::all_of(item.key.begin(), item.key.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            });
        if (!key_ok) {
            errors.push_back({at + ".key", Message{"kernel.checklist_key", {}}});
        } else if (!keys.insert(item.key).second) {
            errors.push_back({at + ".key", Message{"field.duplicate", {}}});
        }
        for (const auto& [field, text] : {std::pair{"zh_cn", &item.zh_cn}, std::pair{"en", &item.en}}) {
            const std::size_t length = json::Utf8Length(*text);
            if (length == 0) {
                errors.push_back({at + "." + field, Message{"field.blank", {}}});
            } else if (length > 100) {
                errors.push_back({at + "." + field, Message{"field.too_long", {{"max", "100"}}}});
            }
        }
    }
    return errors.empty() ? Ok() : Fail(Error::Validation(std::move(errors)));
}

std::string ChecklistItemsJson(const std::vector<ChecklistItem>& items) {
    boost::json::array array;
    for (const ChecklistItem& item : items) {
        array.push_back(boost::json::object{{"key", item.key}, {"zh_cn", item.zh_cn}, {"en", item.en}});
    }
    return json::Serialize(array);
}

std::vector<ChecklistItem> ChecklistItemsFrom(std::string_view text) {
    std::vector<ChecklistItem> items;
    boost::system::error_code ec;
    const boost::json::value value = boost::json::parse(text, ec);
    if (ec || !value.is_array()) {
        return items;
    }
    for (const boost::json::value& entry : value.get_array()) {
        const auto* object = entry.if_object();
        if (object == nullptr) {
            continue;
        }
        const auto text_of = [object](const char* name) {
            const auto* member = object->if_contains(name);
            return member != nullptr && member->is_string() ? std::string(member->get_string()) : std::string();
        };
        items.push_back(ChecklistItem{text_of("key"), text_of("zh_cn"), text_of("en")});
    }
    return items;
}

Result<std::optional<ChecklistOverride>> ChecklistRepository::Find(storage::Transaction& tx, std::string_view name,
                                                                   std::int64_t store_id) {
    AC_ASSIGN_OR_RETURN(const storage::Rows rows,
                        tx.Query("SELECT items, version, updated_at_ms FROM checklist_templates "
                                 "WHERE name = $1 AND store_id = $2",
                                 {name, store_id}));
    if (rows.empty()) {
        return std::optional<ChecklistOverride>();
    }
    return std::optional<ChecklistOverride>(ChecklistOverride{
        std::string(name), store_id, ChecklistItemsFrom(rows[0].Text(0)), rows[0].Int(1), rows[0].Time(2)});
}

Result<std::vector<ChecklistOverride>> ChecklistRepository::All(storage::Transaction& tx) {
    AC_ASSIGN_OR_RETURN(const storage::Rows rows,
                        tx.Query("SELECT name, store_id, items, version, updated_at_ms FROM checklist_templates "
                                 "ORDER BY name, store_id"));
    std::vector<ChecklistOverride> all;
    for (const storage::Row& row : rows) {
        all.push_back(
            ChecklistOverride{row.Text(0), row.Int(1), ChecklistItemsFrom(row.Text(2)), row.Int(3), row.Time(4)});
    }
    return all;
}

Result<bool> ChecklistRepository::Put(storage::Transaction& tx, const ChecklistOverride& o, std::int64_t version,
                                      StaffId actor, Instant now) {
    if (version == 0) {
        AC_ASSIGN_OR_RETURN(const auto existing, Find(tx, o.name, o.store_id));
        if (existing) {
            return false;
        }
        AC_RETURN_IF_ERROR(
            tx.Execute("INSERT INTO checklist_templates (name, store_id, items, version, "
                       "updated_at_ms, updated_by) VALUES ($1, $2, $3, 1, $4, $5)",
                       {o.name, o.store_id, ChecklistItemsJson(o.items), now, actor}));
        return true;
    }
    AC_ASSIGN_OR_RETURN(const std::int64_t changed,
                        tx.Execute("UPDATE checklist_templates SET items = $3, version = version + 1, "
                                   "updated_at_ms = $4, updated_by = $5 WHERE name = $1 AND store_id = $2 "
                                   "AND version = $6",
                                   {o.name, o.store_id, ChecklistItemsJson(o.items), now, actor, version}));
    return changed == 1;
}

Result<bool> ChecklistRepository::Delete(storage::Transaction& tx, std::string_view name, std::int64_t store_id) {
    AC_ASSIGN_OR_RETURN(
        const std::int64_t changed,
        tx.Execute("DELETE FROM checklist_templates WHERE name = $1 AND store_id = $2", {name, store_id}));
    return changed == 1;
}

}  // namespace ac::kernel

#include "kernel/api/document_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "core/json.hpp"
#include "kernel/inputs.hpp"

namespace ac::kernel::api {
namespace {

boost::json::value OptStaff(const std::optional<StaffId>& id) {
    return id ? boost::json::value(id->value()) : boost::json::value(nullptr);
}

boost::json::value OptTime(const std::optional<Instant>& at) {
    return at ? boost::json::value(FormatRfc3339(*at)) : boost::json::value(nullptr);
}

boost::json::array RoleCodes(const RoleSet& roles) {
    boost::json::array codes;
    for (const RoleInfo& info : Roles()) {
        if (Has(roles, info.role)) {
            codes.emplace_back(info.code);
        }
    }
    return codes;
}

boost::json::object InputJson(Kernel& kernel, const Catalog& catalog, Lang lang, const DocumentType& type,
                              const Document& document, const InputSpec& spec) {
    const std::string prefix = "doc." + type.type + ".";
    boost::json::object input{{"name", spec.name},
                              {"kind", InputKindName(spec.kind)},
                              {"required", spec.required},
                              {"label", Label(catalog, lang, prefix + "input." + spec.name, spec.name)}};
    switch (spec.kind) {
        case InputKind::kText:
            input["max_chars"] = spec.max_chars;
            break;
        case InputKind::kCustomerNotice: {
            boost::json::array channels;
            for (const std::string_view channel : NoticeChannels()) {
                channels.push_back(boost::json::object{
                    {"value", channel},
                    {"label", Label(catalog, lang, "notice.channel." + std::string(channel), channel)}});
            }
            input["channels"] = std::move(channels);
            break;
        }
        case InputKind::kApproval:
            input["approver_roles"] = RoleCodes(spec.approver_roles);
            break;
        case InputKind::kSignature:
            input["media_types"] = boost::json::array{"image/png", "image/jpeg"};
            input["max_bytes"] = kMaxSignatureBytes;
            break;
        case InputKind::kChecklist: {
            boost::json::array items;
            if (!spec.checklist_template.empty()) {
                // The store's wording, in the caller's language; the built-in items if the store's cannot be read.
                Result<std::vector<ChecklistItem>> effective =
                    kernel.EffectiveChecklist(document.store_id, spec.checklist_template);
                const ChecklistTemplate* built_in = kernel.registry().FindChecklist(spec.checklist_template);
                const std::vector<ChecklistItem> fallback =
                    built_in != nullptr ? built_in->items : std::vector<ChecklistItem>{};
                for (const ChecklistItem& item : effective ? *effective : fallback) {
                    items.push_back(
                        boost::json::object{{"key", item.key}, {"label", lang == Lang::kEn ? item.en : item.zh_cn}});
                }
                input["items"] = std::move(items);
                break;
            }
            for (const std::string& item : spec.checklist) {
                items.push_back(boost::json::object{
                    {"key", item}, {"label", Label(catalog, lang, prefix + "checklist." + item, item)}});
            }
            input["items"] = std::move(items);
            break;
        }
        case InputKind::kAssignee:
            input["roles"] = RoleCodes(spec.assignee_roles);
            break;
        case InputKind::kPhotos:
            input["media_types"] = boost::json::array{"image/png", "image/jpeg"};
            input["max_bytes"] = kMaxPhotoBytes;
            input["max_items"] = spec.max_items;
            break;
        case InputKind::kNumber:
            input["min"] = spec.min;
            input["max"] = spec.max;
            break;
        case InputKind::kChoice: {
            boost::json::array options;
            for (const std::string& option : spec.options) {
                options.push_back(boost::json::object{
                    {"value", option},
                    {"label", Label(catalog, lang, prefix + "choice." + spec.name + "." + option, option)}});
            }
            input["options"] = std::move(options);
            break;
        }
        case InputKind::kTime:
            break;
    }
    return input;
}

}  // namespace

std::string Label(const Catalog& catalog, Lang lang, const std::string& key, std::string_view fallback) {
    return catalog.Has(key) ? catalog.Render(lang, Message{key, {}}) : std::string(fallback);
}

boost::json::object DocumentSummaryJson(const Catalog& catalog, Lang lang, const Document& document) {
    const std::string prefix = "doc." + document.type;
    return boost::json::object{
        {"id", document.id.value()},
        {"type", document.type},
        {"type_label", Label(catalog, lang, prefix, document.type)},
        {"number", document.number},
        {"store_id", document.store_id.value()},
        {"state", document.state},
        {"state_label", Label(catalog, lang, prefix + ".state." + document.state, document.state)},
        {"version", document.version},
        {"assignee_id", OptStaff(document.assignee_id)},
        {"created_at", FormatRfc3339(document.created_at)},
        {"created_by", OptStaff(document.created_by)},
        {"updated_at", FormatRfc3339(document.updated_at)},
        {"updated_by", OptStaff(document.updated_by)},
    };
}

boost::json::object TimerJson(const Catalog& catalog, Lang lang, const TimerRow& timer) {
    return boost::json::object{
        {"name", timer.name},
        {"label", Label(catalog, lang, "sla." + timer.name, timer.name)},
        {"state", timer.state},
        {"state_label", Label(catalog, lang, "timer." + timer.state, timer.state)},
        {"started_at", FormatRfc3339(timer.started_at)},
        {"deadline", FormatRfc3339(timer.deadline)},
        {"warn_at", FormatRfc3339(timer.warn_at)},
        {"warned", timer.warned},
        {"escalation", timer.escalation},
        {"paused_at", OptTime(timer.paused_at)},
        {"stopped_at", OptTime(timer.stopped_at)},
        {"breached_at", OptTime(timer.breached_at)},
    };
}

boost::json::object DocumentJson(Kernel& kernel, const Catalog& catalog, Lang lang, const Principal& actor,
                                 const Document& document, const std::vector<TimerRow>& timers,
                                 boost::json::value fields) {
    boost::json::object json = DocumentSummaryJson(catalog, lang, document);
    json["fields"] = std::move(fields);
    boost::json::array timer_list;
    for (const TimerRow& timer : timers) {
        timer_list.push_back(TimerJson(catalog, lang, timer));
    }
    json["timers"] = std::move(timer_list);
    const DocumentType* type = kernel.registry().Find(document.type);
    boost::json::array actions;
    for (const ActionDef* action : kernel.AvailableActions(actor, document)) {
        const std::string prefix = "doc." + document.type + ".";
        boost::json::array inputs;
        for (const InputSpec& spec : action->inputs) {
            inputs.push_back(InputJson(kernel, catalog, lang, *type, document, spec));
        }
        actions.push_back(boost::json::object{
            {"name", action->name},
            {"label", Label(catalog, lang, prefix + "action." + action->name, action->name)},
            {"to", action->to.empty() ? boost::json::value(nullptr) : boost::json::value(action->to)},
            {"inputs", std::move(inputs)},
        });
    }
    json["actions"] = std::move(actions);
    return json;
}

boost::json::object NotificationJson(const Catalog& catalog, Lang lang, const NotificationRow& row,
                                     const std::optional<Document>& document, const Registry& registry) {
    Message message{row.message_key, {}};
    const Result<boost::json::object> params = json::ParseObject(row.params);
    if (params) {
        for (const auto& [key, value] : *params) {
            std::string text = value.is_string() ? std::string(value.get_string()) : json::Serialize(value);
            if (key == "timer") {
                text = Label(catalog, lang, "sla." + text, text);
            } else if (key == "state" && document) {
                text = Label(catalog, lang, "doc." + document->type + ".state." + text, text);
            }
            message.params.emplace_back(std::string(key), std::move(text));
        }
    }
    boost::json::value link = nullptr;
    if (document) {
        const DocumentType* type = registry.Find(document->type);
        link = boost::json::object{{"id", document->id.value()},
                                   {"type", document->type},
                                   {"resource", type != nullptr ? type->resource : ""},
                                   {"number", document->number}};
    }
    return boost::json::object{
        {"id", row.id},
        {"kind", row.kind},
        {"at", FormatRfc3339(row.at)},
        {"read", row.read_at.has_value()},
        {"read_at", OptTime(row.read_at)},
        {"text", catalog.Render(lang, message)},
        {"document", std::move(link)},
    };
}

}  // namespace ac::kernel::api

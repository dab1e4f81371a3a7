// Store calendars and SLA policies over HTTP: the configuration behind every deadline.
#include <boost/json/array.hpp>

#include "core/json.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"
#include "kernel/api/document_json.hpp"
#include "kernel/api/routes.hpp"
#include "kernel/calendar_json.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::kernel::api {
namespace {

using storage::Transaction;
using storage::TxMode;

constexpr std::string_view kCalendarSchema = R"json({
  "type": "object", "required": ["version", "week"], "additionalProperties": false,
  "properties": {
    "version": {"type": "integer", "minimum": 0, "description": "the version read (0 when none was stored yet)"},
    "week": {"type": "object", "description": "mon … sun: {\"open\": \"09:00\", \"close\": \"18:00\"} or null (closed)"},
    "exceptions": {"type": "array", "maxItems": 800,
                   "items": {"type": "object", "required": ["date"],
                             "properties": {"date": {"type": "string", "format": "date"},
                                            "hours": {"type": ["object", "null"]}}}}
  }
})json";

constexpr std::string_view kPolicySchema = R"json({
  "type": "object", "required": ["rule"], "additionalProperties": false,
  "properties": {
    "store_id": {"type": ["integer", "null"], "description": "null or absent: the whole chain"},
    "rule": {"type": "object", "description": "{kind: elapsed_minutes|working_minutes|end_of_day|local_time|end_of_working_day, minutes, days_after, time, warn_percent, escalate_after_minutes}"}
  }
})json";

Result<StoreId> VisibleStore(const http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    if (!request.principal->CanSeeStore(StoreId(id))) {
        return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
    }
    return StoreId(id);
}

Result<http::Response> CalendarResponse(Kernel& kernel, StoreId store) {
    return storage::RunInTransaction(kernel.db(), TxMode::kRead, [&](Transaction& tx) -> Result<http::Response> {
        AC_ASSIGN_OR_RETURN(const Calendar calendar, kernel.StoreCalendar(tx, store));
        AC_ASSIGN_OR_RETURN(const auto stored, CalendarRepository::Find(tx, store));
        boost::json::object json = CalendarConfigToJson(calendar.config());
        json["store_id"] = store.value();
        json["time_zone"] = calendar.config().time_zone;
        json["version"] = stored ? stored->version : 0;
        const Instant now = kernel.clock().Now();
        json["today"] = calendar.DateOf(now).ToString();
        json["local_time"] = FormatMinuteOfDay(calendar.MinuteOfDay(now));
        return http::JsonResponse(200, json);
    });
}

Result<http::Response> GetCalendar(Kernel& kernel, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const StoreId store, VisibleStore(request));
    return CalendarResponse(kernel, store);
}

Result<http::Response> PutCalendar(Kernel& kernel, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const StoreId store, VisibleStore(request));
    AC_ASSIGN_OR_RETURN(const boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    const auto version = reader.Int("version", {.min = 0});
    CalendarConfig config = ReadCalendarConfig(reader);
    AC_RETURN_IF_ERROR(reader.Finish());
    const Status written = storage::RunInTransaction(kernel.db(), TxMode::kWrite, [&](Transaction& tx) -> Status {
        AC_ASSIGN_OR_RETURN(const std::string zone, kernel.directory().StoreTimeZone(tx, store));
        config.time_zone = zone;
        AC_RETURN_IF_ERROR(Calendar::Make(config));
        AC_ASSIGN_OR_RETURN(const bool stored,
                            CalendarRepository::Put(tx, store, CalendarConfigToText(config), *version,
                                                    request.principal->staff_id, kernel.clock().Now()));
        if (!stored) {
            return Fail(Error::Make(ErrorCode::kAborted, "error.conflict"));
        }
        return Ok();
    });
    AC_RETURN_IF_ERROR(written);
    return CalendarResponse(kernel, store);
}

boost::json::value RuleValue(const std::optional<std::string>& rule_json) {
    if (!rule_json) {
        return nullptr;
    }
    const Result<boost::json::value> parsed = json::Parse(*rule_json);
    return parsed ? *parsed : boost::json::value(nullptr);
}

// The store a policy request names (0: the chain), which must exist and be the caller's to see.
Result<std::int64_t> StoreScopeOf(Kernel& kernel, const http::Request& request, std::optional<std::int64_t> store) {
    if (!store) {
        return std::int64_t{0};
    }
    if (!request.principal->CanSeeStore(StoreId(*store))) {
        return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
    }
    AC_RETURN_IF_ERROR(storage::RunInTransaction(kernel.db(), TxMode::kRead, [&](Transaction& tx) {
        return kernel.directory().StoreTimeZone(tx, StoreId(*store));
    }));
    return *store;
}

Result<http::Response> ListPolicies(Kernel& kernel, const Catalog& catalog, http::Request& request) {
    http::QueryReader query(request);
    const auto store_param = query.Int("store_id", 1, std::numeric_limits<std::int64_t>::max());
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const std::int64_t store, StoreScopeOf(kernel, request, store_param));
    return storage::RunInTransaction(kernel.db(), TxMode::kRead, [&](Transaction& tx) -> Result<http::Response> {
        boost::json::array items;
        for (const PolicyDef& policy : kernel.policies().all()) {
            AC_ASSIGN_OR_RETURN(const auto chain, TimerRepository::PolicyOverride(tx, 0, policy.name));
            std::optional<std::string> own;
            if (store != 0) {
                AC_ASSIGN_OR_RETURN(own, TimerRepository::PolicyOverride(tx, store, policy.name));
            }
            const std::string effective = own ? *own : chain ? *chain : RuleToJson(policy.rule);
            items.push_back(
                boost::json::object{{"name", policy.name},
                                    {"label", Label(catalog, request.lang, "sla." + policy.name, policy.name)},
                                    {"default", RuleValue(RuleToJson(policy.rule))},
                                    {"chain", RuleValue(chain)},
                                    {"store", RuleValue(own)},
                                    {"effective", RuleValue(effective)}});
        }
        return http::JsonResponse(
            200, boost::json::object{{"store_id", store == 0 ? boost::json::value(nullptr) : boost::json::value(store)},
                                     {"items", std::move(items)}});
    });
}

Result<const PolicyDef*> FindPolicy(Kernel& kernel, const http::Request& request) {
    const std::string name(request.PathParam("name"));
    const PolicyDef* policy = kernel.policies().Find(name);
    if (policy == nullptr) {
        return Fail(Error::Make(ErrorCode::kNotFound, "kernel.policy_unknown", {{"name", name}}));
    }
    return policy;
}

Result<http::Response> PutPolicy(Kernel& kernel, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const PolicyDef* policy, FindPolicy(kernel, request));
    AC_ASSIGN_OR_RETURN(const boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    const auto store_param = reader.Int("store_id", {.required = false, .min = 1});
    const boost::json::value* rule_value = body.if_contains("rule");
    const bool has_rule = rule_value != nullptr && rule_value->is_object();
    (void)reader.Object("rule");
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    // The rule's own fields are named under "rule.".
    Result<DeadlineRule> rule = has_rule ? RuleFromJson(json::Serialize(*rule_value))
                                         : Fail(Error::Make(ErrorCode::kInternal, "error.internal"));
    if (!rule) {
        Error error = std::move(rule).error();
        for (FieldError& field : error.fields) {
            field.field = "rule." + field.field;
        }
        return Fail(std::move(error));
    }
    AC_ASSIGN_OR_RETURN(const std::int64_t store, StoreScopeOf(kernel, request, store_param));
    AC_RETURN_IF_ERROR(storage::RunInTransaction(kernel.db(), TxMode::kWrite, [&](Transaction& tx) {
        return TimerRepository::PutPolicyOverride(tx, store, policy->name, RuleToJson(*rule),
                                                  request.principal->staff_id, kernel.clock().Now());
    }));
    return http::JsonResponse(
        200, boost::json::object{{"name", policy->name},
                                 {"store_id", store == 0 ? boost::json::value(nullptr) : boost::json::value(store)},
                                 {"rule", RuleValue(RuleToJson(*rule))}});
}

Result<http::Response> DeletePolicy(Kernel& kernel, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const PolicyDef* policy, FindPolicy(kernel, request));
    http::QueryReader query(request);
    const auto store_param = query.Int("store_id", 1, std::numeric_limits<std::int64_t>::max());
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const std::int64_t store, StoreScopeOf(kernel, request, store_param));
    const Status deleted = storage::RunInTransaction(kernel.db(), TxMode::kWrite, [&](Transaction& tx) -> Status {
        AC_RETURN_IF_ERROR(TimerRepository::DeletePolicyOverride(tx, store, policy->name));
        return Ok();
    });
    AC_RETURN_IF_ERROR(deleted);
    return http::Response::NoContent();
}

// ---- checklist templates --------------------------------------------------------------------------------------

boost::json::value ItemsValue(const std::vector<ChecklistItem>& items) {
    boost::json::array array;
    for (const ChecklistItem& item : items) {
        array.push_back(boost::json::object{{"key", item.key}, {"zh_cn", item.zh_cn}, {"en", item.en}});
    }
    return array;
}

boost::json::value OverrideValue(const std::optional<ChecklistOverride>& o) {
    if (!o) {
        return nullptr;
    }
    return boost::json::object{{"items", ItemsValue(o->items)}, {"version", o->version}};
}

Result<http::Response> ListChecklists(Kernel& kernel, http::Request& request) {
    http::QueryReader query(request);
    const auto store_param = query.Int("store_id", 1, std::numeric_limits<std::int64_t>::max());
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const std::int64_t store, StoreScopeOf(kernel, request, store_param));
    return storage::RunInTransaction(kernel.db(), TxMode::kRead, [&](Transaction& tx) -> Result<http::Response> {
        boost::json::array items;
        for (const ChecklistTemplate& checklist : kernel.registry().checklists()) {
            AC_ASSIGN_OR_RETURN(const auto chain, ChecklistRepository::Find(tx, checklist.name, 0));
            std::optional<ChecklistOverride> own;
            if (store != 0) {
                AC_ASSIGN_OR_RETURN(own, ChecklistRepository::Find(tx, checklist.name, store));
            }
            const std::vector<ChecklistItem>& effective = own ? own->items : chain ? chain->items : checklist.items;
            items.push_back(boost::json::object{{"name", checklist.name},
                                                {"default", ItemsValue(checklist.items)},
                                                {"chain", OverrideValue(chain)},
                                                {"store", OverrideValue(own)},
                                                {"effective", ItemsValue(effective)}});
        }
        return http::JsonResponse(
            200, boost::json::object{{"store_id", store == 0 ? boost::json::value(nullptr) : boost::json::value(store)},
                                     {"items", std::move(items)}});
    });
}

Result<const ChecklistTemplate*> FindChecklist(Kernel& kernel, const http::Request& request) {
    const std::string name(request.PathParam("name"));
    const ChecklistTemplate* checklist = kernel.registry().FindChecklist(name);
    if (checklist == nullptr) {
        return Fail(Error::Make(ErrorCode::kNotFound, "kernel.checklist_unknown", {{"name", name}}));
    }
    return checklist;
}

Result<http::Response> PutChecklist(Kernel& kernel, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const ChecklistTemplate* checklist, FindChecklist(kernel, request));
    AC_ASSIGN_OR_RETURN(const boost::json::object body, http::ReadJsonObject(request));
    json::ObjectReader reader(body);
    const auto store_param = reader.Int("store_id", {.required = false, .min = 1});
    const auto version = reader.Int("version", {.min = 0});
    std::vector<ChecklistItem> items;
    if (const boost::json::array* array = reader.Array("items", {.max_items = kMaxChecklistItems})) {
        for (std::size_t i = 0; i < array->size(); ++i) {
            if (auto item = reader.Item("items", *array, i)) {
                ChecklistItem parsed;
                // Types here; the rules (blank, length, key characters) for all items at once below.
                constexpr json::StringRule kAny{.required = false, .max_chars = 1000};
                parsed.key = item->String("key", kAny).value_or("");
                parsed.zh_cn = item->String("zh_cn", kAny).value_or("");
                parsed.en = item->String("en", kAny).value_or("");
                item->RejectUnknownFields();
                items.push_back(std::move(parsed));
            }
        }
    }
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    AC_RETURN_IF_ERROR(CheckChecklistItems(items));
    AC_ASSIGN_OR_RETURN(const std::int64_t store, StoreScopeOf(kernel, request, store_param));
    ChecklistOverride stored{checklist->name, store, items, 0, kernel.clock().Now()};
    AC_ASSIGN_OR_RETURN(
        const std::optional<ChecklistOverride> written,
        storage::RunInTransaction(
            kernel.db(), TxMode::kWrite, [&](Transaction& tx) -> Result<std::optional<ChecklistOverride>> {
                AC_ASSIGN_OR_RETURN(
                    const bool done,
                    ChecklistRepository::Put(tx, stored, *version, request.principal->staff_id, stored.updated_at));
                if (!done) {
                    return std::optional<ChecklistOverride>();
                }
                return ChecklistRepository::Find(tx, checklist->name, store);
            }));
    if (!written) {
        return Fail(Error::Make(ErrorCode::kAborted, "error.conflict"));
    }
    return http::JsonResponse(
        200, boost::json::object{{"name", checklist->name},
                                 {"store_id", store == 0 ? boost::json::value(nullptr) : boost::json::value(store)},
                                 {"items", ItemsValue(written->items)},
                                 {"version", written->version}});
}

Result<http::Response> DeleteChecklist(Kernel& kernel, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const ChecklistTemplate* checklist, FindChecklist(kernel, request));
    http::QueryReader query(request);
    const auto store_param = query.Int("store_id", 1, std::numeric_limits<std::int64_t>::max());
    query.RejectUnknown();
    AC_RETURN_IF_ERROR(query.Finish());
    AC_ASSIGN_OR_RETURN(const std::int64_t store, StoreScopeOf(kernel, request, store_param));
    const Status deleted = storage::RunInTransaction(kernel.db(), TxMode::kWrite, [&](Transaction& tx) -> Status {
        AC_RETURN_IF_ERROR(ChecklistRepository::Delete(tx, checklist->name, store));
        return Ok();
    });
    AC_RETURN_IF_ERROR(deleted);
    return http::Response::NoContent();
}

}  // namespace

void AddCalendarRoutes(http::Router& router, Kernel& kernel, const Catalog& catalog) {
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/checklist-templates",
        .handler = [&kernel](http::Request& request) { return ListChecklists(kernel, request); },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "Checklist templates: built-in items, chain and store overrides, and the items in effect "
                           "(?store_id=)",
                .tag = "settings"}});
    router.Add(http::Route{
        .method = http::Method::kPut,
        .pattern = "/api/v1/checklist-templates/{name}",
        .handler = [&kernel](http::Request& request) { return PutChecklist(kernel, request); },
        .permission = "checklists.manage",
        .doc = {.summary = "Set a template's items for the chain or one store: {store_id?, version (0 for a new "
                           "override), items: [{key, zh_cn, en}]}",
                .tag = "settings"}});
    router.Add(
        http::Route{.method = http::Method::kDelete,
                    .pattern = "/api/v1/checklist-templates/{name}",
                    .handler = [&kernel](http::Request& request) { return DeleteChecklist(kernel, request); },
                    .permission = "checklists.manage",
                    .doc = {.summary = "Remove an override (?store_id=; none: the chain's)", .tag = "settings"}});
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/stores/{id}/calendar",
        .handler = [&kernel](http::Request& request) { return GetCalendar(kernel, request); },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "A store's business calendar: time zone, working hours, holidays and make-up days",
                .tag = "calendar"},
    });
    router.Add(http::Route{
        .method = http::Method::kPut,
        .pattern = "/api/v1/stores/{id}/calendar",
        .handler = [&kernel](http::Request& request) { return PutCalendar(kernel, request); },
        .permission = "calendar.write",
        .doc = {.summary = "Set a store's working hours and exceptions (new timers use them)",
                .tag = "calendar",
                .request_schema = std::string(kCalendarSchema)},
    });
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = "/api/v1/sla-policies",
        .handler = [&kernel, &catalog](http::Request& request) { return ListPolicies(kernel, catalog, request); },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "SLA policies: built-in rule, chain and store overrides, and the rule in effect "
                           "(?store_id=)",
                .tag = "calendar"},
    });
    router.Add(http::Route{
        .method = http::Method::kPut,
        .pattern = "/api/v1/sla-policies/{name}",
        .handler = [&kernel](http::Request& request) { return PutPolicy(kernel, request); },
        .permission = "sla.manage",
        .doc = {.summary = "Override a policy's rule for the chain or one store (new timers use it)",
                .tag = "calendar",
                .request_schema = std::string(kPolicySchema)},
    });
    router.Add(http::Route{
        .method = http::Method::kDelete,
        .pattern = "/api/v1/sla-policies/{name}",
        .handler = [&kernel](http::Request& request) { return DeletePolicy(kernel, request); },
        .permission = "sla.manage",
        .doc = {.summary = "Remove an override (?store_id=; none: the chain's)",
                .tag = "calendar",
                .success_status = 204},
    });
}

std::vector<std::string> MissingLabels(const Registry& registry, const Policies& policies, const Catalog& catalog) {
    std::vector<std::string> missing;
    const auto need = [&](const std::string& key) {
        if (!catalog.Has(key)) {
            missing.push_back(key);
        }
    };
    for (const auto& type : registry.types()) {
        const std::string prefix = "doc." + type->type;
        need(prefix);
        for (const std::string& state : type->states) {
            need(prefix + ".state." + state);
        }
        for (const NotifyRule& rule : type->notify_on_create) {
            need(rule.message_key);
        }
        for (const ActionDef& action : type->actions) {
            need(prefix + ".action." + action.name);
            for (const InputSpec& input : action.inputs) {
                need(prefix + ".input." + input.name);
                for (const std::string& option : input.options) {
                    need(prefix + ".choice." + input.name + "." + option);
                }
                if (!input.checklist_template.empty() && registry.FindChecklist(input.checklist_template) == nullptr) {
                    missing.push_back("checklist template " + input.checklist_template);
                }
                for (const std::string& item : input.checklist) {
                    need(prefix + ".checklist." + item);
                }
            }
            for (const NotifyRule& rule : action.notify) {
                need(rule.message_key);
            }
        }
    }
    for (const PolicyDef& policy : policies.all()) {
        need("sla." + policy.name);
    }
    return missing;
}

}  // namespace ac::kernel::api

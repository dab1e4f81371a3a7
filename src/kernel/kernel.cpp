#include "kernel/kernel.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/json.hpp"
#include "kernel/audit.hpp"
#include "kernel/calendar_json.hpp"
#include "kernel/webhook_repository.hpp"
#include "log/log.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::kernel {
namespace {

using storage::Transaction;
using storage::TxMode;

constexpr auto kNoticeClockSkew = std::chrono::minutes(5);

boost::json::value ParseOrString(const std::string& text) {
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(text, ec);
    if (ec) {
        return boost::json::value(text);
    }
    return value;
}

// The "changes" object of an event: {"field": {"before": …, "after": …}}.
class ChangeSet {
  public:
    void Add(std::string_view field, boost::json::value before, boost::json::value after) {
        object_[field] = boost::json::object{{"before", std::move(before)}, {"after", std::move(after)}};
    }
    void Add(const FieldChange& change) {
        Add(change.field, ParseOrString(change.before_json), ParseOrString(change.after_json));
    }
    [[nodiscard]] std::string Json() const { return boost::json::serialize(object_); }

  private:
    boost::json::object object_;
};

boost::json::value OptStaffJson(const std::optional<StaffId>& id) {
    return id ? boost::json::value(id->value()) : boost::json::value(nullptr);
}

std::string InputsJson(const ActionInputs& inputs) {
    boost::json::object json;
    for (const auto& [name, text] : inputs.text) {
        json[name] = text;
    }
    for (const auto& [name, time] : inputs.times) {
        json[name] = FormatRfc3339(time);
    }
    if (inputs.notice) {
        json["customer_notice"] = boost::json::object{{"channel", inputs.notice->channel},
                                                      {"contacted_at", FormatRfc3339(inputs.notice->contacted_at)},
                                                      {"summary", inputs.notice->summary}};
    }
    if (inputs.approval) {
        json["approval"] = boost::json::object{{"reason", inputs.approval->reason},
                                               {"approver_id", inputs.approval->approver.value()}};
    }
    for (const auto& [name, number] : inputs.numbers) {
        json[name] = number;
    }
    for (const auto& [name, choice] : inputs.choices) {
        json[name] = choice;
    }
    for (const auto& [name, hashes] : inputs.photo_hashes) {
        boost::json::array files;
        for (const std::string& hash : hashes) {
            files.emplace_back(hash);
        }
        json[name] = std::move(files);
    }
    if (inputs.signature_hash) {
        json["signature"] = boost::json::object{{"file", *inputs.signature_hash},
                                                {"media_type", inputs.signature ? inputs.signature->media_type : ""},
                                                {"signer", inputs.signature ? inputs.signature->signer : ""}};
    }
    if (!inputs.checklist.empty()) {
        boost::json::object items;
        for (const auto& [item, checked] : inputs.checklist) {
            items[item] = checked;
        }
        json["checklist"] = std::move(items);
    }
    if (inputs.assignee) {
        json["assignee_id"] = inputs.assignee->value();
    }
    return boost::json::serialize(json);
}

std::string NumberOf(std::string_view prefix, LocalDate day, std::int64_t sequence) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s%04d%02u%02u-%04lld", std::string(prefix).c_str(), day.year, day.month,
                  day.day, static_cast<long long>(sequence));
    return buffer;
}

std::string DayKey(LocalDate day) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", day.year, day.month, day.day);
    return buffer;
}

std::optional<StaffId> ActorId(const Principal& actor) {
    return actor.staff_id.valid() ? std::optional<StaffId>(actor.staff_id) : std::nullopt;
}

boost::json::object DocumentSummary(const Document& document) {
    return boost::json::object{{"id", document.id.value()},
                               {"type", document.type},
                               {"number", document.number},
                               {"store_id", document.store_id.value()},
                               {"state", document.state},
                               {"version", document.version},
                               {"assignee_id", OptStaffJson(document.assignee_id)}};
}

}  // namespace

struct Kernel::Work {
    std::vector<Signal> signals;
    // What the scheduler fired (event, document number, timer), logged once the transaction committed.
    std::vector<std::array<std::string, 3>> fired;
};

std::string ActionEventType(std::string_view type, std::string_view action) {
    return "document." + std::string(type) + "." + std::string(action);
}

Kernel::Kernel(storage::Database& db, const Clock& clock, const Registry& registry, const Policies& policies,
               Directory& directory, BlobStore& blobs, Fanout& fanout)
    : db_(db),
      clock_(clock),
      registry_(registry),
      policies_(policies),
      directory_(directory),
      blobs_(blobs),
      fanout_(fanout) {}

Result<Calendar> Kernel::StoreCalendar(Transaction& tx, StoreId store) {
    AC_ASSIGN_OR_RETURN(std::string time_zone, directory_.StoreTimeZone(tx, store));
    AC_ASSIGN_OR_RETURN(const auto stored, CalendarRepository::Find(tx, store));
    CalendarConfig config;
    if (stored) {
        AC_ASSIGN_OR_RETURN(config, CalendarConfigFromText(stored->config_json));
    }
    config.time_zone = std::move(time_zone);
    return Calendar::Make(std::move(config));
}

Result<DeadlineRule> Kernel::EffectiveRule(Transaction& tx, StoreId store, std::string_view name) {
    for (const std::int64_t scope : {store.value(), std::int64_t{0}}) {
        AC_ASSIGN_OR_RETURN(const auto override_json, TimerRepository::PolicyOverride(tx, scope, name));
        if (override_json) {
            return RuleFromJson(*override_json);
        }
    }
    const PolicyDef* policy = policies_.Find(name);
    if (policy == nullptr) {
        return Fail(Error::Internal("no SLA policy " + std::string(name)));
    }
    return policy->rule;
}

Result<std::int64_t> Kernel::Append(Transaction& tx, Document& document, EventRow& event) {
    event.document_id = document.id;
    event.seq = document.event_count + 1;
    event.prev_hash = document.last_event_hash;
    event.hash = EventHash(event);
    document.event_count = event.seq;
    document.last_event_hash = event.hash;
    AC_ASSIGN_OR_RETURN(event.id, DocumentRepository::InsertEvent(tx, event));
    return event.id;
}

Status Kernel::NotifyStaff(Transaction& tx, const Document& document, const std::vector<StaffId>& recipients,
                           std::string_view kind, const std::string& message_key, const std::string& params,
                           Instant now, Work& work) {
    std::set<StaffId> seen;
    for (const StaffId staff : recipients) {
        if (!seen.insert(staff).second) {
            continue;
        }
        NotificationRow notification;
        notification.staff_id = staff;
        notification.at = now;
        notification.kind = std::string(kind);
        notification.document_id = document.id;
        notification.message_key = message_key;
        notification.params = params;
        AC_ASSIGN_OR_RETURN(const std::int64_t id, NotificationRepository::Insert(tx, notification));
        work.signals.push_back(Signal{Signal::Kind::kNotification, id, staff});
    }
    return Ok();
}

Status Kernel::Notify(Transaction& tx, const Document& document, const std::vector<NotifyRule>& rules,
                      const Principal& actor, std::string_view kind, Instant now, Work& work) {
    for (const NotifyRule& rule : rules) {
        std::vector<StaffId> recipients;
        switch (rule.to) {
            case NotifyRule::To::kAssignee:
                if (document.assignee_id) {
                    recipients.push_back(*document.assignee_id);
                }
                break;
            case NotifyRule::To::kCreator:
                if (document.created_by) {
                    recipients.push_back(*document.created_by);
                }
                break;
            case NotifyRule::To::kNamed:
                if (rule.named) {
                    AC_ASSIGN_OR_RETURN(recipients, rule.named(tx, document));
                }
                break;
            case NotifyRule::To::kStoreRole: {
                const std::optional<StoreId> store =
                    InfoOf(rule.role).chain_wide ? std::nullopt : std::optional<StoreId>(document.store_id);
                AC_ASSIGN_OR_RETURN(recipients, directory_.ActiveWithRole(tx, store, rule.role));
                break;
            }
        }
        // Nobody is told of what they did themselves.
        std::erase(recipients, actor.staff_id);
        const std::string params = boost::json::serialize(
            boost::json::object{{"number", document.number}, {"actor", actor.name}, {"state", document.state}});
        AC_RETURN_IF_ERROR(NotifyStaff(tx, document, recipients, kind, rule.message_key, params, now, work));
    }
    return Ok();
}

Status Kernel::EnqueueWebhooks(Transaction& tx, const Document& document, const EventRow& event,
                               std::string_view event_type, Instant now, Work& work) {
    AC_ASSIGN_OR_RETURN(const std::vector<Subscription> subscriptions, WebhookRepository::Subscriptions(tx, true));
    bool any = false;
    for (const Subscription& subscription : subscriptions) {
        if (!Matches(subscription, event_type)) {
            continue;
        }
        const boost::json::object payload{{"type", event_type},
                                          {"event_id", event.id},
                                          {"occurred_at", FormatRfc3339(event.at)},
                                          {"document", DocumentSummary(document)},
                                          {"action", event.action},
                                          {"from_state", event.from_state},
                                          {"to_state", event.to_state},
                                          {"actor_id", OptStaffJson(event.actor_id)},
                                          {"changes", ParseOrString(event.changes)},
                                          {"comment", event.comment}};
        AC_RETURN_IF_ERROR(WebhookRepository::Enqueue(tx, subscription.id, event.id, event_type,
                                                      boost::json::serialize(payload), now));
        any = true;
    }
    if (any) {
        work.signals.push_back(Signal{Signal::Kind::kOutbox, 0, StaffId()});
    }
    return Ok();
}

Status Kernel::StartTimer(Transaction& tx, const Document& document, const std::string& name, const Calendar& calendar,
                          Instant now, Work& work) {
    AC_ASSIGN_OR_RETURN(const DeadlineRule rule, EffectiveRule(tx, document.store_id, name));
    TimerRow timer;
    timer.document_id = document.id;
    timer.name = name;
    timer.state = "running";
    timer.started_at = now;
    timer.deadline = Deadline(rule, now, calendar);
    timer.warn_at = WarnAt(rule, now, timer.deadline);
    timer.next_fire = timer.warn_at;
    AC_RETURN_IF_ERROR(TimerRepository::Upsert(tx, timer));
    work.signals.push_back(Signal{Signal::Kind::kTimers, ToEpochMs(timer.warn_at), StaffId()});
    return Ok();
}

Status Kernel::ApplyTimers(Transaction& tx, const Document& document, const std::vector<TimerEffect>& effects,
                           const Calendar& calendar, Instant now, Work& work, std::string& changes_json, bool created) {
    boost::json::object changes = boost::json::parse(changes_json).as_object();
    for (const TimerEffect& effect : effects) {
        // A document created in this transaction has no timers to find. On PostgreSQL the lookup would also leave a
        // SERIALIZABLE predicate lock on the page of sla_timers' index that every concurrent creation's timers go to
        // (their document ids come in order), and concurrent registrations failed each other's commits.
        std::optional<TimerRow> found;
        if (!created) {
            AC_ASSIGN_OR_RETURN(found, TimerRepository::Find(tx, document.id, effect.timer));
        }
        const std::string before = found ? found->state : "";
        std::string after = before;
        switch (effect.op) {
            case TimerEffect::Op::kStart:
                AC_RETURN_IF_ERROR(StartTimer(tx, document, effect.timer, calendar, now, work));
                after = "running";
                break;
            case TimerEffect::Op::kPause:
                if (found && found->state == "running") {
                    found->state = "paused";
                    found->paused_at = now;
                    found->next_fire.reset();
                    AC_RETURN_IF_ERROR(TimerRepository::Update(tx, *found));
                    after = "paused";
                }
                break;
            case TimerEffect::Op::kResume:
                if (found && found->state == "paused" && found->paused_at) {
                    // The time spent waiting does not count: the deadline moves by it.
                    const auto waited = now - *found->paused_at;
                    found->deadline += waited;
                    found->warn_at += waited;
                    found->state = "running";
                    found->paused_at.reset();
                    found->next_fire = found->warned ? found->deadline : found->warn_at;
                    AC_RETURN_IF_ERROR(TimerRepository::Update(tx, *found));
                    work.signals.push_back(Signal{Signal::Kind::kTimers, ToEpochMs(*found->next_fire), StaffId()});
                    after = "running";
                }
                break;
            case TimerEffect::Op::kStop:
                if (found && found->state != "stopped" && !found->stopped_at) {
                    if (found->state != "breached") {
                        found->state = "stopped";
                    }
                    found->stopped_at = now;
                    found->next_fire.reset();
                    AC_RETURN_IF_ERROR(TimerRepository::Update(tx, *found));
                    after = found->state == "breached" ? "breached (stopped)" : "stopped";
                }
                break;
        }
        if (after != before) {
            changes["timer:" + effect.timer] = boost::json::object{
                {"before", before.empty() ? boost::json::value(nullptr) : boost::json::value(before)},
                {"after", after}};
        }
    }
    changes_json = boost::json::serialize(changes);
    return Ok();
}

Status Kernel::CheckInputs(Transaction& tx, const Principal& actor, const Document& document, const ActionDef& action,
                           ActionInputs& inputs, Instant now) {
    std::vector<FieldError> errors;
    const auto add = [&](const std::string& field, Message message) {
        errors.push_back(FieldError{"inputs." + field, std::move(message)});
    };
    for (const InputSpec& spec : action.inputs) {
        switch (spec.kind) {
            case InputKind::kText: {
                const auto it = inputs.text.find(spec.name);
                const bool blank =
                    it == inputs.text.end() || it->second.find_first_not_of(" \t\r\n") == std::string::npos;
                if (blank && spec.required) {
                    add(spec.name, Message{"field.required", {}});
                } else if (!blank && json::Utf8Length(it->second) > spec.max_chars) {
                    add(spec.name, Message{"field.too_long", {{"max", std::to_string(spec.max_chars)}}});
                }
                break;
            }
            case InputKind::kTime:
                if (spec.required && !inputs.times.contains(spec.name)) {
                    add(spec.name, Message{"field.required", {}});
                }
                break;
            case InputKind::kCustomerNotice:
                if (!inputs.notice) {
                    if (spec.required) {
                        add(spec.name, Message{"field.required", {}});
                    }
                } else if (inputs.notice->contacted_at > now + kNoticeClockSkew) {
                    add(spec.name + ".contacted_at", Message{"kernel.notice_in_future", {}});
                }
                break;
            case InputKind::kApproval:
                if (!inputs.approval) {
                    if (spec.required) {
                        add(spec.name, Message{"field.required", {}});
                    }
                } else if ((actor.roles & spec.approver_roles).none()) {
                    add(spec.name, Message{"kernel.approver_required", {}});
                } else {
                    inputs.approval->approver = actor.staff_id;
                }
                break;
            case InputKind::kSignature:
                if (!inputs.signature) {
                    if (spec.required) {
                        add(spec.name, Message{"field.required", {}});
                    }
                }
                break;
            case InputKind::kChecklist: {
                std::vector<std::string> keys = spec.checklist;
                if (!spec.checklist_template.empty()) {
                    AC_ASSIGN_OR_RETURN(const std::vector<ChecklistItem> items,
                                        EffectiveChecklist(tx, document.store_id, spec.checklist_template));
                    keys.clear();
                    for (const ChecklistItem& item : items) {
                        keys.push_back(item.key);
                    }
                    for (const auto& [key, checked] : inputs.checklist) {
                        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                            add(spec.name + "." + key, Message{"field.unknown", {}});
                        }
                    }
                }
                for (const std::string& item : keys) {
                    const auto it = inputs.checklist.find(item);
                    if (it == inputs.checklist.end() || !it->second) {
                        add(spec.name + "." + item, Message{"kernel.checklist_unchecked", {}});
                    }
                }
                break;
            }
            case InputKind::kAssignee: {
                if (!inputs.assignee) {
                    if (spec.required) {
                        add(spec.name, Message{"field.required", {}});
                    }
                    break;
                }
                AC_ASSIGN_OR_RETURN(const auto person, directory_.FindStaff(tx, *inputs.assignee));
                if (!person) {
                    add(spec.name, Message{"field.not_found", {}});
                } else if (!person->active) {
                    add(spec.name, Message{"kernel.assignee_inactive", {}});
                } else if (person->store_id != document.store_id) {
                    add(spec.name, Message{"kernel.assignee_other_store", {}});
                } else if ((person->roles & spec.assignee_roles).none()) {
                    add(spec.name, Message{"kernel.assignee_role", {}});
                }
                break;
            }
            case InputKind::kNumber: {
                const auto it = inputs.numbers.find(spec.name);
                if (it == inputs.numbers.end()) {
                    if (spec.required) {
                        add(spec.name, Message{"field.required", {}});
                    }
                } else if (it->second < spec.min || it->second > spec.max) {
                    add(spec.name, Message{"field.out_of_range",
                                           {{"min", std::to_string(spec.min)}, {"max", std::to_string(spec.max)}}});
                }
                break;
            }
            case InputKind::kPhotos: {
                const auto it = inputs.photos.find(spec.name);
                if ((it == inputs.photos.end() || it->second.empty()) && spec.required) {
                    add(spec.name, Message{"field.required", {}});
                }
                break;
            }
            case InputKind::kChoice: {
                const auto it = inputs.choices.find(spec.name);
                if (it == inputs.choices.end() || it->second.empty()) {
                    if (spec.required) {
                        add(spec.name, Message{"field.required", {}});
                    }
                } else if (std::find(spec.options.begin(), spec.options.end(), it->second) == spec.options.end()) {
                    std::string allowed;
                    for (const std::string& option : spec.options) {
                        allowed += (allowed.empty() ? "" : ", ") + option;
                    }
                    add(spec.name, Message{"field.not_one_of", {{"allowed", allowed}}});
                }
                break;
            }
        }
    }
    if (!errors.empty()) {
        return Fail(Error::Validation(std::move(errors)));
    }
    // Only a valid action stores its signature and photos.
    for (const auto& [name, photos] : inputs.photos) {
        for (const SignatureImage& photo : photos) {
            AC_ASSIGN_OR_RETURN(std::string hash, blobs_.Put(tx, photo.media_type, photo.bytes, now));
            AC_RETURN_IF_ERROR(DocumentRepository::AttachFile(tx, document.id, hash, photo.media_type, now));
            inputs.photo_hashes[name].push_back(std::move(hash));
        }
    }
    if (inputs.signature) {
        AC_ASSIGN_OR_RETURN(inputs.signature_hash,
                            blobs_.Put(tx, inputs.signature->media_type, inputs.signature->bytes, now));
        AC_RETURN_IF_ERROR(
            DocumentRepository::AttachFile(tx, document.id, *inputs.signature_hash, inputs.signature->media_type, now));
    }
    return Ok();
}

Result<std::vector<ChecklistItem>> Kernel::EffectiveChecklist(Transaction& tx, StoreId store, std::string_view name) {
    const ChecklistTemplate* built_in = registry_.FindChecklist(name);
    if (built_in == nullptr) {
        return Fail(Error::Make(ErrorCode::kNotFound, "kernel.checklist_unknown", {{"name", std::string(name)}}));
    }
    for (const std::int64_t scope : {store.value(), std::int64_t{0}}) {
        AC_ASSIGN_OR_RETURN(const auto found, ChecklistRepository::Find(tx, name, scope));
        if (found) {
            return found->items;
        }
    }
    return built_in->items;
}

Result<std::vector<ChecklistItem>> Kernel::EffectiveChecklist(StoreId store, std::string_view name) {
    return storage::RunInTransaction(db_, TxMode::kRead,
                                     [&](Transaction& tx) { return EffectiveChecklist(tx, store, name); });
}

Result<Document> Kernel::Create(const Principal& actor, const CreateRequest& request) {
    const DocumentType* type = registry_.Find(request.type);
    if (type == nullptr) {
        return Fail(Error::Make(ErrorCode::kNotFound, "kernel.unknown_type", {{"type", request.type}}));
    }
    if ((actor.roles & type->creators).none()) {
        return Fail(Error::Make(ErrorCode::kPermissionDenied, "kernel.create_forbidden"));
    }
    if (!actor.CanSeeStore(request.store_id)) {
        return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
    }
    const Instant now = clock_.Now();
    AC_ASSIGN_OR_RETURN(const std::optional<Number> number, TakeNumber(*type, request.store_id, now));
    Work work;
    AC_ASSIGN_OR_RETURN(Document created,
                        storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Document> {
                            work = Work{};
                            AC_ASSIGN_OR_RETURN(Document document, CreateIn(tx, actor, request, now, work, number));
                            AC_RETURN_IF_ERROR(fanout_.Stage(tx, work.signals));
                            return document;
                        }));
    Finish(work);
    log::Info("kernel.created", {{"document", created.number}, {"type", created.type}});
    return created;
}

Result<std::optional<Kernel::Number>> Kernel::TakeNumber(const DocumentType& type, StoreId store, Instant now) {
    if (db_.backend() != storage::Backend::kPostgres) {
        return std::optional<Number>();  // SQLite has one writer: the number is taken in the creation itself
    }
    AC_ASSIGN_OR_RETURN(const Calendar calendar, storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) {
                            return StoreCalendar(tx, store);
                        }));
    const LocalDate day = calendar.DateOf(now);
    AC_ASSIGN_OR_RETURN(const std::int64_t sequence,
                        storage::RunInTransaction(db_, TxMode::kCounter, [&](Transaction& tx) {
                            return DocumentRepository::NextNumber(tx, type.prefix, DayKey(day));
                        }));
    return std::optional<Number>(Number{day, sequence});
}

Result<Document> Kernel::CreateIn(Transaction& tx, const Principal& actor, const CreateRequest& request, Instant now,
                                  Work& work, const std::optional<Number>& number) {
    const DocumentType* type = registry_.Find(request.type);
    if (type == nullptr) {
        return Fail(Error::Make(ErrorCode::kNotFound, "kernel.unknown_type", {{"type", request.type}}));
    }
    AC_ASSIGN_OR_RETURN(const Calendar calendar, StoreCalendar(tx, request.store_id));
    if (request.assignee) {
        AC_ASSIGN_OR_RETURN(const auto person, directory_.FindStaff(tx, *request.assignee));
        if (!person || !person->active || person->store_id != request.store_id) {
            return Fail(Error::Validation({FieldError{"assignee_id", Message{"kernel.assignee_other_store", {}}}}));
        }
    }
    LocalDate day = calendar.DateOf(now);
    std::int64_t sequence = 0;
    if (number) {
        day = number->day;
        sequence = number->sequence;
    } else {
        AC_ASSIGN_OR_RETURN(sequence, DocumentRepository::NextNumber(tx, type->prefix, DayKey(day)));
    }
    Document document;
    document.type = type->type;
    document.number = NumberOf(type->prefix, day, sequence);
    document.store_id = request.store_id;
    document.state = type->initial_state;
    document.assignee_id = request.assignee;
    document.created_at = now;
    document.created_by = ActorId(actor);
    document.updated_at = now;
    document.updated_by = document.created_by;
    AC_ASSIGN_OR_RETURN(document.id, DocumentRepository::Insert(tx, document));
    if (request.write) {
        AC_RETURN_IF_ERROR(request.write(tx, document));
    }
    ChangeSet changes;
    changes.Add("state", nullptr, boost::json::value(document.state));
    if (document.assignee_id) {
        changes.Add("assignee_id", nullptr, boost::json::value(document.assignee_id->value()));
    }
    for (const FieldChange& field : request.fields) {
        changes.Add(field);
    }
    std::string changes_json = changes.Json();
    std::vector<TimerEffect> starts;
    for (const std::string& timer : type->timers_on_create) {
        starts.push_back(TimerEffect{TimerEffect::Op::kStart, timer});
    }
    AC_RETURN_IF_ERROR(ApplyTimers(tx, document, starts, calendar, now, work, changes_json, /*created=*/true));
    EventRow event;
    event.at = now;
    event.actor_id = document.created_by;
    event.action = "create";
    event.to_state = document.state;
    event.changes = changes_json;
    event.comment = request.comment;
    event.request_id = request.request_id;
    AC_RETURN_IF_ERROR(Append(tx, document, event));
    AC_RETURN_IF_ERROR(
        DocumentRepository::SetEventHead(tx, document.id, document.event_count, document.last_event_hash));
    AC_RETURN_IF_ERROR(Notify(tx, document, type->notify_on_create, actor, "document.created", now, work));
    AC_RETURN_IF_ERROR(EnqueueWebhooks(tx, document, event, ActionEventType(type->type, "created"), now, work));
    return document;
}

Result<Document> Kernel::Apply(const Principal& actor, ApplyRequest request) {
    const Instant now = clock_.Now();
    Work work;
    AC_ASSIGN_OR_RETURN(Document applied,
                        storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Document> {
                            work = Work{};
                            AC_ASSIGN_OR_RETURN(Document document, ApplyIn(tx, actor, request, now, work, 0));
                            AC_RETURN_IF_ERROR(fanout_.Stage(tx, work.signals));
                            return document;
                        }));
    // (8) committed: now signal
    Finish(work);
    return applied;
}

Result<Document> Kernel::ApplyIn(Transaction& tx, const Principal& actor, const ApplyRequest& request, Instant now,
                                 Work& work, int depth) {
    // A follow-on may lead to another, but not without end.
    constexpr int kMaxDepth = 4;
    const bool follow_on = depth > 0;
    // (1) authorise
    AC_ASSIGN_OR_RETURN(const auto found, DocumentRepository::Find(tx, request.id));
    if (!found) {
        return Fail(Error::Make(ErrorCode::kNotFound, "kernel.document_not_found",
                                {{"id", std::to_string(request.id.value())}}));
    }
    const Document& current = *found;
    const DocumentType* type = registry_.Find(current.type);
    const ActionDef* action = type != nullptr ? type->FindAction(request.action) : nullptr;
    if (action == nullptr || action->system != follow_on) {
        return Fail(Error::Make(ErrorCode::kNotFound, "kernel.unknown_action", {{"action", request.action}}));
    }
    if (!follow_on) {
        if (!actor.CanSeeStore(current.store_id)) {
            return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
        }
        if ((actor.roles & action->roles).none()) {
            return Fail(
                Error::Make(ErrorCode::kPermissionDenied, "kernel.action_forbidden", {{"action", action->name}}));
        }
        if (action->assignee_only && current.assignee_id != actor.staff_id) {
            return Fail(Error::Make(ErrorCode::kPermissionDenied, "kernel.not_assignee", {{"action", action->name}}));
        }
        // (2) the caller saw the current version
        if (request.version != current.version) {
            return Fail(Error::Make(
                ErrorCode::kAborted, "kernel.stale_version",
                {{"version", std::to_string(request.version)}, {"current", std::to_string(current.version)}}));
        }
    }
    if (std::find(action->from.begin(), action->from.end(), current.state) == action->from.end()) {
        if (follow_on) {
            return current;  // already past it: nothing to do
        }
        return Fail(Error::Make(ErrorCode::kFailedPrecondition, "kernel.wrong_state",
                                {{"action", action->name}, {"state", current.state}}));
    }
    // (3) inputs and guards
    ActionInputs inputs = request.inputs;
    AC_RETURN_IF_ERROR(CheckInputs(tx, actor, current, *action, inputs, now));
    AC_ASSIGN_OR_RETURN(const Calendar calendar, StoreCalendar(tx, current.store_id));
    std::vector<FollowOn> follow_ons;
    const ActionContext context{tx, actor, current, inputs, now, calendar, &follow_ons};
    for (const Guard& guard : action->guards) {
        AC_RETURN_IF_ERROR(guard(context));
    }
    // (4) the module's own rows
    std::vector<FieldChange> module_changes;
    if (action->effect) {
        AC_ASSIGN_OR_RETURN(module_changes, action->effect(context));
    }
    Document document = current;
    document.state = action->to.empty() ? current.state : action->to;
    if (inputs.assignee) {
        document.assignee_id = inputs.assignee;
    }
    document.updated_at = now;
    document.updated_by = ActorId(actor);
    ChangeSet changes;
    if (document.state != current.state) {
        changes.Add("state", boost::json::value(current.state), boost::json::value(document.state));
    }
    if (document.assignee_id != current.assignee_id) {
        changes.Add("assignee_id", OptStaffJson(current.assignee_id), OptStaffJson(document.assignee_id));
    }
    for (const FieldChange& change : module_changes) {
        changes.Add(change);
    }
    std::string changes_json = changes.Json();
    // (6) timers (before the event, so that it records them)
    AC_RETURN_IF_ERROR(ApplyTimers(tx, document, action->timers, calendar, now, work, changes_json, /*created=*/false));
    // (5) the event, chained to the document's last; the document row is written first so that a concurrent
    // writer of the same document fails here (and is retried) rather than on the event's sequence number.
    EventRow event;
    event.at = now;
    event.actor_id = ActorId(actor);
    event.action = action->name;
    event.from_state = current.state;
    event.to_state = document.state;
    event.changes = changes_json;
    event.inputs = InputsJson(inputs);
    event.comment = inputs.comment;
    event.request_id = request.request_id;
    Document with_event = document;
    with_event.event_count = current.event_count + 1;
    event.document_id = current.id;
    event.seq = with_event.event_count;
    event.prev_hash = current.last_event_hash;
    event.hash = EventHash(event);
    with_event.last_event_hash = event.hash;
    AC_ASSIGN_OR_RETURN(const bool written, DocumentRepository::Update(tx, with_event, current.version));
    if (!written) {
        return Fail(Error::Make(ErrorCode::kAborted, "kernel.stale_version",
                                {{"version", std::to_string(request.version)}, {"current", "?"}}));
    }
    AC_ASSIGN_OR_RETURN(event.id, DocumentRepository::InsertEvent(tx, event));
    with_event.version = current.version + 1;
    // (7) notifications and webhook deliveries
    AC_RETURN_IF_ERROR(Notify(tx, with_event, action->notify, actor, "document." + action->name, now, work));
    AC_RETURN_IF_ERROR(EnqueueWebhooks(tx, with_event, event, ActionEventType(type->type, action->name), now, work));
    // Follow-ons, each its own event in this transaction.
    bool moved_self = false;
    for (const FollowOn& next : follow_ons) {
        if (depth >= kMaxDepth) {
            return Fail(Error::Internal("follow-on actions nested more than " + std::to_string(kMaxDepth) + " deep"));
        }
        if (next.create) {
            AC_RETURN_IF_ERROR(CreateIn(tx, actor, *next.create, now, work));
            continue;
        }
        ApplyRequest step{.id = next.document, .action = next.action, .request_id = request.request_id};
        step.inputs.comment = next.comment;
        AC_RETURN_IF_ERROR(ApplyIn(tx, actor, step, now, work, depth + 1));
        moved_self = moved_self || next.document == current.id;
    }
    if (moved_self) {
        AC_ASSIGN_OR_RETURN(const auto reread, DocumentRepository::Find(tx, current.id));
        return *reread;
    }
    return with_event;
}

void Kernel::Finish(Work& work) {
    for (const auto& [event, document, timer] : work.fired) {
        log::Info("kernel.sla", {{"event", event}, {"document", document}, {"timer", timer}});
    }
    if (!work.signals.empty()) {
        fanout_.Committed(work.signals);
    }
}

Result<Document> Kernel::Get(const Principal& actor, DocumentId id, std::string_view type) {
    return storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) { return GetIn(tx, actor, id, type); });
}

Result<Document> Kernel::GetIn(Transaction& tx, const Principal& actor, DocumentId id, std::string_view type) {
    AC_ASSIGN_OR_RETURN(const auto found, DocumentRepository::Find(tx, id));
    if (!found || found->type != type) {
        return Fail(
            Error::Make(ErrorCode::kNotFound, "kernel.document_not_found", {{"id", std::to_string(id.value())}}));
    }
    if (!actor.CanSeeStore(found->store_id)) {
        return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
    }
    return *found;
}

std::vector<const ActionDef*> Kernel::AvailableActions(const Principal& actor, const Document& document) const {
    std::vector<const ActionDef*> available;
    const DocumentType* type = registry_.Find(document.type);
    if (type == nullptr || !actor.CanSeeStore(document.store_id)) {
        return available;
    }
    for (const ActionDef& action : type->actions) {
        const bool in_state = std::find(action.from.begin(), action.from.end(), document.state) != action.from.end();
        const bool role = (actor.roles & action.roles).any();
        const bool assignee = !action.assignee_only || document.assignee_id == actor.staff_id;
        if (in_state && role && assignee) {
            available.push_back(&action);
        }
    }
    return available;
}

Result<std::vector<TimelineEntry>> Kernel::Timeline(const Principal& actor, DocumentId id, std::string_view type) {
    return storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::vector<TimelineEntry>> {
        AC_RETURN_IF_ERROR(GetIn(tx, actor, id, type));
        AC_ASSIGN_OR_RETURN(const std::vector<EventRow> events, DocumentRepository::Events(tx, id));
        std::vector<TimelineEntry> timeline;
        std::map<std::int64_t, std::string> names;
        for (const EventRow& event : events) {
            std::string name;
            if (event.actor_id) {
                auto cached = names.find(event.actor_id->value());
                if (cached == names.end()) {
                    AC_ASSIGN_OR_RETURN(const auto person, directory_.FindStaff(tx, *event.actor_id));
                    cached = names.emplace(event.actor_id->value(), person ? person->name : "").first;
                }
                name = cached->second;
            }
            timeline.push_back(TimelineEntry{event, std::move(name)});
        }
        return timeline;
    });
}

Result<std::vector<TimerRow>> Kernel::Timers(DocumentId id) {
    return storage::RunInTransaction(db_, TxMode::kRead,
                                     [&](Transaction& tx) { return TimerRepository::OfDocument(tx, id); });
}

Result<std::optional<Instant>> Kernel::NextTimerFire() {
    return storage::RunInTransaction(db_, TxMode::kRead,
                                     [&](Transaction& tx) { return TimerRepository::NextFire(tx); });
}

Status Kernel::FireOne(Transaction& tx, TimerRow timer, Instant now, Work& work) {
    AC_ASSIGN_OR_RETURN(auto found, DocumentRepository::Find(tx, timer.document_id));
    if (!found) {
        timer.next_fire.reset();
        return TimerRepository::Update(tx, timer);
    }
    Document document = *found;
    // A timer of a policy no longer registered still breaches and escalates, with the default delay, rather than
    // stopping every other timer behind it.
    DeadlineRule rule;
    if (policies_.Find(timer.name) != nullptr) {
        AC_ASSIGN_OR_RETURN(rule, EffectiveRule(tx, document.store_id, timer.name));
    }
    AC_ASSIGN_OR_RETURN(const Calendar calendar, StoreCalendar(tx, document.store_id));
    // The deadline as the store's staff read it: local date and time.
    const std::string deadline_local =
        calendar.DateOf(timer.deadline).ToString() + " " + FormatMinuteOfDay(calendar.MinuteOfDay(timer.deadline));
    const std::string params = boost::json::serialize(
        boost::json::object{{"number", document.number}, {"timer", timer.name}, {"deadline", deadline_local}});
    const boost::json::object details{{"timer", timer.name}, {"deadline", FormatRfc3339(timer.deadline)}};
    std::vector<std::pair<std::string, EventRow>> events;  // (webhook type, event)
    const auto record = [&](std::string action, boost::json::object changes) {
        EventRow event;
        event.at = now;
        event.action = action;
        event.from_state = document.state;
        event.to_state = document.state;
        event.changes = boost::json::serialize(changes);
        events.emplace_back(std::move(action), std::move(event));
    };
    const auto supervisors = [&]() -> Result<std::vector<StaffId>> {
        return directory_.ActiveWithRole(tx, document.store_id, Role::kAftersalesSupervisor);
    };
    const auto heads = [&]() -> Result<std::vector<StaffId>> {
        return directory_.ActiveWithRole(tx, std::nullopt, Role::kAftersalesHead);
    };
    const std::vector<StaffId> assignee =
        document.assignee_id ? std::vector<StaffId>{*document.assignee_id} : std::vector<StaffId>{};

    if (timer.state == "running" && !timer.warned && now >= timer.warn_at) {
        timer.warned = true;
        timer.next_fire = timer.deadline;
        if (now < timer.deadline) {
            record("sla.warning", details);
            AC_ASSIGN_OR_RETURN(std::vector<StaffId> to, supervisors());
            AC_RETURN_IF_ERROR(NotifyStaff(tx, document, assignee.empty() ? to : assignee, "sla.warning",
                                           "notify.sla_warning", params, now, work));
        }
    }
    if (timer.state == "running" && now >= timer.deadline) {
        timer.state = "breached";
        timer.breached_at = now;
        AC_RETURN_IF_ERROR(TimerRepository::InsertBreach(tx, timer, document.store_id, document.assignee_id, now));
        record("sla.breach", details);
        // First the store's supervisors (and the assignee); with no supervisor, straight to the head.
        AC_ASSIGN_OR_RETURN(std::vector<StaffId> to, supervisors());
        if (to.empty()) {
            AC_ASSIGN_OR_RETURN(to, heads());
            timer.escalation = 2;
            timer.next_fire.reset();
        } else {
            timer.escalation = 1;
            timer.next_fire = timer.deadline + std::chrono::minutes(rule.escalate_after_minutes);
        }
        to.insert(to.end(), assignee.begin(), assignee.end());
        AC_RETURN_IF_ERROR(NotifyStaff(tx, document, to, "sla.breach", "notify.sla_breach", params, now, work));
    } else if (timer.state == "breached" && timer.escalation == 1 && timer.next_fire && now >= *timer.next_fire) {
        timer.escalation = 2;
        timer.next_fire.reset();
        record("sla.escalated", details);
        AC_ASSIGN_OR_RETURN(const std::vector<StaffId> to, heads());
        AC_RETURN_IF_ERROR(NotifyStaff(tx, document, to, "sla.escalated", "notify.sla_escalated", params, now, work));
    } else if (timer.state != "running" && timer.state != "breached") {
        timer.next_fire.reset();  // paused or stopped meanwhile: nothing to do
    }
    if (!events.empty()) {
        // The document row first (see Apply), then the events.
        Document head = document;
        std::vector<EventRow> chained;
        for (auto& [type, event] : events) {
            event.document_id = head.id;
            event.seq = head.event_count + 1;
            event.prev_hash = head.last_event_hash;
            event.hash = EventHash(event);
            head.event_count = event.seq;
            head.last_event_hash = event.hash;
        }
        AC_RETURN_IF_ERROR(DocumentRepository::SetEventHead(tx, head.id, head.event_count, head.last_event_hash));
        for (auto& [type, event] : events) {
            AC_ASSIGN_OR_RETURN(event.id, DocumentRepository::InsertEvent(tx, event));
            AC_RETURN_IF_ERROR(EnqueueWebhooks(tx, head, event, type, now, work));
            work.fired.push_back({type, document.number, timer.name});
        }
    }
    return TimerRepository::Update(tx, timer);
}

Result<int> Kernel::FireDueTimers(int limit) {
    const Instant now = clock_.Now();
    Work work;
    AC_ASSIGN_OR_RETURN(const int fired,
                        storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<int> {
                            work = Work{};
                            AC_ASSIGN_OR_RETURN(const std::vector<TimerRow> due, TimerRepository::Due(tx, now, limit));
                            for (const TimerRow& timer : due) {
                                AC_RETURN_IF_ERROR(FireOne(tx, timer, now, work));
                            }
                            AC_RETURN_IF_ERROR(fanout_.Stage(tx, work.signals));
                            return static_cast<int>(due.size());
                        }));
    Finish(work);
    return fired;
}

}  // namespace ac::kernel

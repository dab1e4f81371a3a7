// Documents and their declared state machines.
//
// A module declares each document type as data — states, and actions with their from-states, to-state, roles,
// required inputs, guards, its own effect, SLA timer effects and who is notified — and registers it. The kernel
// (kernel.hpp) runs every action of every type the same way.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "kernel/calendar.hpp"
#include "kernel/checklists.hpp"
#include "storage/database.hpp"

namespace ac::kernel {

using DocumentId = Id<struct DocumentTag>;

// The columns every document has.
struct Document {
    DocumentId id;
    std::string type;
    std::string number;  // "WX20261127-0007"
    StoreId store_id;
    std::string state;
    std::int64_t version = 1;
    std::optional<StaffId> assignee_id;
    std::int64_t event_count = 0;
    std::string last_event_hash;
    Instant created_at;
    std::optional<StaffId> created_by;
    Instant updated_at;
    std::optional<StaffId> updated_by;
};

// The kinds of input an action may require.
enum class InputKind : std::uint8_t {
    kText,            // a free text field
    kTime,            // an instant (RFC 3339 with offset)
    kCustomerNotice,  // the customer was told: channel, when, what (B3, Q8)
    kApproval,        // an approval with a written reason, by a holder of one of `approver_roles` (D4, H7)
    kSignature,       // an image of a signature (PNG or JPEG)
    kChecklist,       // every item of `checklist` confirmed
    kAssignee,        // a staff member of the document's store holding one of `assignee_roles`; becomes the assignee
    kNumber,          // an integer from `min` to `max` (a rating 1-5)
    kChoice,          // one of `options` (labels are "doc.<type>.choice.<input>.<option>" messages)
    kPhotos,          // up to `max_items` PNG or JPEG photos (before/after a repair)
};

[[nodiscard]] std::string_view InputKindName(InputKind kind);

struct InputSpec {
    std::string name;
    InputKind kind = InputKind::kText;
    bool required = true;
    std::size_t max_chars = 500;         // kText
    RoleSet approver_roles;              // kApproval: the actor must hold one
    std::vector<std::string> checklist;  // kChecklist: item keys (labels are "checklist.<key>" messages)
    std::string checklist_template;      // kChecklist: or the items of this template (configurable per store)
    RoleSet assignee_roles;              // kAssignee
    std::int64_t min = 0;                // kNumber
    std::int64_t max = 0;                // kNumber
    std::vector<std::string> options;    // kChoice
    std::size_t max_items = 4;           // kPhotos
};

struct CustomerNotice {
    std::string channel;  // phone, sms, wechat, visit
    Instant contacted_at;
    std::string summary;
};

struct Approval {
    std::string reason;
    StaffId approver;
};

struct SignatureImage {
    std::string media_type;  // image/png or image/jpeg
    std::string bytes;
    std::string signer;  // who signed (the customer's name)
};

// The inputs of one action, parsed from the request (kernel/inputs.hpp) and checked by the kernel.
struct ActionInputs {
    std::map<std::string, std::string> text;
    std::map<std::string, Instant> times;
    std::optional<CustomerNotice> notice;
    std::optional<Approval> approval;
    std::optional<SignatureImage> signature;
    std::optional<std::string> signature_hash;  // set by the kernel once the image is stored
    std::map<std::string, bool> checklist;
    std::optional<StaffId> assignee;
    std::map<std::string, std::int64_t> numbers;
    std::map<std::string, std::string> choices;
    std::map<std::string, std::vector<SignatureImage>> photos;     // images only (no signer)
    std::map<std::string, std::vector<std::string>> photo_hashes;  // set by the kernel once stored
    std::string comment;
};

// A field a module changed, for the event: JSON texts of the values before and after.
struct FieldChange {
    std::string field;
    std::string before_json;
    std::string after_json;
};

struct CreateRequest {
    std::string type;
    StoreId store_id;
    std::optional<StaffId> assignee;
    std::vector<FieldChange> fields;  // the module's first values, for the creation event
    // Writes the module's rows for the new document (its id and number are set). May be empty.
    std::function<Status(storage::Transaction&, const Document&)> write;
    std::string comment;
    std::string request_id;
};

// What an effect asks the kernel to do in the same transaction once the action's own event is written: take a
// system action of a document (one document's step moving another, e.g. the last goods arriving make a contract
// ready), or create a document (the delivery job of a ready contract). Each becomes its own chained event.
struct FollowOn {
    DocumentId document;  // with `action`
    std::string action;   // a system action of that document's type
    std::string comment;
    std::optional<CreateRequest> create;  // or this new document
};

// What guards and effects see. `tx` is the action's transaction: a module writes its own rows in it.
struct ActionContext {
    storage::Transaction& tx;
    const Principal& actor;
    const Document& document;
    const ActionInputs& inputs;
    Instant now;
    const Calendar& calendar;
    std::vector<FollowOn>* follow_ons = nullptr;  // set by the kernel for effects

    // Effects only: after this action, take `document`'s system `action` (skipped when it is not in a state the
    // action starts from).
    void Then(DocumentId document_id, std::string action, std::string comment = {}) const {
        follow_ons->push_back(FollowOn{document_id, std::move(action), std::move(comment), std::nullopt});
    }
    // Effects only: after this action, create a document (no creator role needed: the action authorises it).
    void Spawn(CreateRequest request) const {
        follow_ons->push_back(FollowOn{DocumentId{}, {}, {}, std::move(request)});
    }
};

// A guard refuses an action with an Error (kFailedPrecondition or kValidationFailed naming the field).
using Guard = std::function<Status(const ActionContext&)>;
// An effect writes the module's own rows and returns the fields it changed.
using Effect = std::function<Result<std::vector<FieldChange>>(const ActionContext&)>;

struct TimerEffect {
    enum class Op : std::uint8_t { kStart, kPause, kResume, kStop };
    Op op = Op::kStart;
    std::string timer;  // an SLA policy name
};

// Who hears about an action: the (new) assignee, everyone in the document's store holding a role, its creator, or
// whom the module names (a contract's salesperson).
struct NotifyRule {
    enum class To : std::uint8_t { kAssignee, kStoreRole, kCreator, kNamed };
    To to = To::kAssignee;
    Role role = Role::kAftersalesSupervisor;
    std::string message_key;  // params: number, action, actor
    // kNamed: the recipients, read in the action's transaction after its effect.
    std::function<Result<std::vector<StaffId>>(storage::Transaction&, const Document&)> named;
};

struct ActionDef {
    std::string name;               // "contact_customer"
    std::vector<std::string> from;  // states it may be taken in
    std::string to;                 // the state it leads to; empty: stays
    RoleSet roles;                  // who may take it
    bool assignee_only = false;     // only the document's assignee among them
    bool system = false;            // taken only as another action's follow-on (FollowOn), never by a caller
    std::vector<InputSpec> inputs;
    std::vector<Guard> guards;
    Effect effect;  // may be empty
    std::vector<TimerEffect> timers;
    std::vector<NotifyRule> notify;
};

struct DocumentType {
    std::string type;      // "repair_ticket"
    std::string prefix;    // "WX"
    std::string resource;  // "repair-tickets": the API path
    std::string api_tag;   // groups its routes in the OpenAPI document; empty: the resource
    std::vector<std::string> states;
    std::string initial_state;
    RoleSet creators;
    std::vector<std::string> timers_on_create;
    std::vector<NotifyRule> notify_on_create;
    std::vector<ActionDef> actions;

    [[nodiscard]] const ActionDef* FindAction(std::string_view name) const;
};

// The document types of the running program. Built at start-up, read-only afterwards.
class Registry {
  public:
    // Adds a type. Throws std::logic_error for a defect: duplicate type/prefix/resource, an unknown state in an
    // action, duplicate action or input names, an action without roles.
    void Add(DocumentType type);
    [[nodiscard]] const DocumentType* Find(std::string_view type) const;
    [[nodiscard]] const std::vector<std::unique_ptr<DocumentType>>& types() const { return types_; }

    // Adds a checklist template (its built-in items). Throws std::logic_error for a duplicate name or bad items.
    void AddChecklist(ChecklistTemplate checklist);
    [[nodiscard]] const ChecklistTemplate* FindChecklist(std::string_view name) const;
    [[nodiscard]] const std::vector<ChecklistTemplate>& checklists() const { return checklists_; }

  private:
    std::vector<std::unique_ptr<DocumentType>> types_;
    std::vector<ChecklistTemplate> checklists_;
};

// What the kernel needs to know about people and stores, provided by the identity module (auth/).
class Directory {
  public:
    virtual ~Directory() = default;

    struct Person {
        StaffId id;
        std::string name;
        std::optional<StoreId> store_id;
        RoleSet roles;
        bool active = true;
    };
    [[nodiscard]] virtual Result<std::optional<Person>> FindStaff(storage::Transaction& tx, StaffId id) = 0;
    // Active staff holding `role`: of `store` when given (a store's supervisors), else everyone (the heads).
    [[nodiscard]] virtual Result<std::vector<StaffId>> ActiveWithRole(storage::Transaction& tx,
                                                                      std::optional<StoreId> store, Role role) = 0;
    [[nodiscard]] virtual Result<std::string> StoreTimeZone(storage::Transaction& tx, StoreId store) = 0;
};

}  // namespace ac::kernel

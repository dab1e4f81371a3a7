// The SQL of the kernel's tables. Every function runs in the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/document.hpp"
#include "storage/database.hpp"
#include "storage/text_search.hpp"

namespace ac::kernel {

struct EventRow {
    std::int64_t id = 0;
    DocumentId document_id;
    std::int64_t seq = 0;
    Instant at;
    std::optional<StaffId> actor_id;
    std::string action;
    std::string from_state;
    std::string to_state;
    std::string changes = "{}";  // JSON {"field": {"before": …, "after": …}}
    std::string inputs = "{}";   // JSON of the action's inputs (a signature by its file hash)
    std::string comment;
    std::string request_id;
    std::string prev_hash;
    std::string hash;
};

struct TimerRow {
    std::int64_t id = 0;
    DocumentId document_id;
    std::string name;
    std::string state;  // running, paused, stopped, breached
    Instant started_at;
    Instant deadline;
    Instant warn_at;
    std::optional<Instant> next_fire;
    bool warned = false;
    int escalation = 0;  // 1: the store's supervisors were told of the breach; 2: the head too
    std::optional<Instant> paused_at;
    std::optional<Instant> stopped_at;
    std::optional<Instant> breached_at;
};

struct NotificationRow {
    std::int64_t id = 0;
    StaffId staff_id;
    Instant at;
    std::string kind;
    std::optional<DocumentId> document_id;
    std::string message_key;
    std::string params = "{}";  // JSON object of string values
    std::optional<Instant> read_at;
};

// The columns of `documents` under the table alias `alias` ("d.id, d.type, …"), for a module's list query that
// joins its own table; DocumentFromRow reads them back from `offset` on.
[[nodiscard]] std::string DocumentColumns(std::string_view alias);
inline constexpr std::size_t kDocumentColumnCount = 13;
[[nodiscard]] Document DocumentFromRow(const storage::Row& row, std::size_t offset = 0);

// A document list's common filters (documents aliased "d"), added to `where`: the caller's store (`scope`), a
// chosen store and a state, each only when given.
void AddDocumentFilters(storage::Where& where, std::optional<StoreId> scope, std::optional<StoreId> store_id,
                        std::string_view state);

// A document list's text search over `table`'s search index (documents aliased "d"), its condition added to
// `where`; narrowed to the store of `scope` (the caller's) or else of `store_id` (a filter). nullopt without terms.
[[nodiscard]] std::optional<storage::TextSearch> AddDocumentSearch(storage::Where& where, storage::Backend backend,
                                                                   std::string_view table, std::optional<StoreId> scope,
                                                                   std::optional<StoreId> store_id,
                                                                   std::string_view text);

class DocumentRepository {
  public:
    // The next number of the day for `prefix`: 1, 2, … (one sequence for the whole chain).
    static Result<std::int64_t> NextNumber(storage::Transaction& tx, std::string_view prefix, std::string_view day);
    static Result<DocumentId> Insert(storage::Transaction& tx, const Document& document);
    static Result<std::optional<Document>> Find(storage::Transaction& tx, DocumentId id);
    // Writes state, assignee, event count and hash, and the update stamp, and increments the version — only if
    // the stored version is `expected_version`. Returns false when it was not.
    static Result<bool> Update(storage::Transaction& tx, const Document& document, std::int64_t expected_version);
    // Writes only the event count and hash (the scheduler's events leave the version alone).
    static Status SetEventHead(storage::Transaction& tx, DocumentId id, std::int64_t count, const std::string& hash);

    static Result<std::int64_t> InsertEvent(storage::Transaction& tx, const EventRow& event);
    static Result<std::vector<EventRow>> Events(storage::Transaction& tx, DocumentId id);
    // Records that file `hash` belongs to the document (once).
    static Status AttachFile(storage::Transaction& tx, DocumentId id, const std::string& hash,
                             std::string_view media_type, Instant now);
    static Result<bool> HasFile(storage::Transaction& tx, DocumentId id, std::string_view hash);
    // Documents in id order after `after`, at most `limit` (for the audit walk).
    static Result<std::vector<Document>> Page(storage::Transaction& tx, DocumentId after, int limit);
};

class TimerRepository {
  public:
    // Inserts the timer, or restarts the document's timer of that name.
    static Status Upsert(storage::Transaction& tx, const TimerRow& timer);
    static Result<std::optional<TimerRow>> Find(storage::Transaction& tx, DocumentId document, std::string_view name);
    static Result<std::vector<TimerRow>> OfDocument(storage::Transaction& tx, DocumentId document);
    static Status Update(storage::Transaction& tx, const TimerRow& timer);
    // Timers with next_fire <= now, soonest first, at most `limit`; on PostgreSQL locked, skipping those another
    // server holds, so that each fires once.
    static Result<std::vector<TimerRow>> Due(storage::Transaction& tx, Instant now, int limit);
    static Result<std::optional<Instant>> NextFire(storage::Transaction& tx);
    static Status InsertBreach(storage::Transaction& tx, const TimerRow& timer, StoreId store,
                               std::optional<StaffId> responsible, Instant at);

    // The override of policy `name` for `store` (0: the whole chain), as rule JSON.
    static Result<std::optional<std::string>> PolicyOverride(storage::Transaction& tx, std::int64_t store,
                                                             std::string_view name);
    static Status PutPolicyOverride(storage::Transaction& tx, std::int64_t store, std::string_view name,
                                    const std::string& rule_json, StaffId actor, Instant now);
    // Removes the override; returns whether there was one.
    static Result<bool> DeletePolicyOverride(storage::Transaction& tx, std::int64_t store, std::string_view name);
};

class NotificationRepository {
  public:
    static Result<std::int64_t> Insert(storage::Transaction& tx, const NotificationRow& notification);
    static Result<std::optional<NotificationRow>> Find(storage::Transaction& tx, std::int64_t id);
    // Newest first.
    static Result<std::vector<NotificationRow>> OfStaff(storage::Transaction& tx, StaffId staff, bool unread_only,
                                                        int limit, int offset);
    static Result<std::int64_t> Count(storage::Transaction& tx, StaffId staff, bool unread_only);
    // Marks one (or, without id, all) of the staff member's notifications read; returns how many changed.
    static Result<std::int64_t> MarkRead(storage::Transaction& tx, StaffId staff, std::optional<std::int64_t> id,
                                         Instant now);
};

class CalendarRepository {
  public:
    struct Stored {
        std::string config_json;
        std::int64_t version = 0;
    };
    static Result<std::optional<Stored>> Find(storage::Transaction& tx, StoreId store);
    // Inserts (expected_version 0) or updates when the stored version matches; false when stale.
    static Result<bool> Put(storage::Transaction& tx, StoreId store, const std::string& config_json,
                            std::int64_t expected_version, StaffId actor, Instant now);
};

class BlobRepository {
  public:
    // Stores the bytes under their hash (a second store of the same content changes nothing).
    static Status Put(storage::Transaction& tx, const std::string& hash, std::string_view media_type,
                      const std::string& bytes, Instant now);
    struct Blob {
        std::string media_type;
        std::string bytes;
    };
    static Result<std::optional<Blob>> Get(storage::Transaction& tx, std::string_view hash);
};

}  // namespace ac::kernel

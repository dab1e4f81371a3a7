#include "kernel/repository.hpp"

namespace ac::kernel {
namespace {

using storage::Row;
using storage::Rows;
using storage::Transaction;
using storage::Value;

// ---- documents and events -----------------------------------------------------------------------------------

// Two statements rather than one with RETURNING: SQLite builds and drops a temporary table for RETURNING on every
// execution, which cost more than reading the row back (the row is the transaction's until it ends).
constexpr std::string_view kNextNumber =
    "INSERT INTO document_numbers (prefix, day, last) VALUES ($1, $2, 1) "
    "ON CONFLICT (prefix, day) DO UPDATE SET last = document_numbers.last + 1";
constexpr std::string_view kLastNumber = "SELECT last FROM document_numbers WHERE prefix = $1 AND day = $2";
constexpr std::string_view kInsertDocument =
    "INSERT INTO documents (type, number, store_id, state, version, assignee_id, event_count, last_event_hash, "
    "created_at_ms, created_by, updated_at_ms, updated_by) VALUES ($1, $2, $3, $4, 1, $5, 0, '', $6, $7, $6, $7) "
    "RETURNING id";
constexpr std::string_view kSelectDocument =
    "SELECT id, type, number, store_id, state, version, assignee_id, event_count, last_event_hash, created_at_ms, "
    "created_by, updated_at_ms, updated_by FROM documents WHERE id = $1";
constexpr std::string_view kPageDocuments =
    "SELECT id, type, number, store_id, state, version, assignee_id, event_count, last_event_hash, created_at_ms, "
    "created_by, updated_at_ms, updated_by FROM documents WHERE id > $1 ORDER BY id LIMIT $2";
constexpr std::string_view kUpdateDocument =
    "UPDATE documents SET state = $2, version = version + 1, assignee_id = $3, event_count = $4, last_event_hash = $5, "
    "updated_at_ms = $6, updated_by = $7 WHERE id = $1 AND version = $8";
constexpr std::string_view kSetEventHead = "UPDATE documents SET event_count = $2, last_event_hash = $3 WHERE id = $1";
constexpr std::string_view kInsertEvent =
    "INSERT INTO events (document_id, seq, at_ms, actor_id, action, from_state, to_state, changes, inputs, comment, "
    "request_id, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id";
constexpr std::string_view kSelectEvents =
    "SELECT id, document_id, seq, at_ms, actor_id, action, from_state, to_state, changes, inputs, comment, request_id, "
    "prev_hash, hash FROM events WHERE document_id = $1 ORDER BY seq";

// ---- timers ---------------------------------------------------------------------------------------------------

constexpr std::string_view kTimerColumns =
    "id, document_id, name, state, started_at_ms, deadline_ms, warn_at_ms, next_fire_ms, warned, escalation, "
    "paused_at_ms, stopped_at_ms, breached_at_ms";
constexpr std::string_view kUpsertTimer =
    "INSERT INTO sla_timers (document_id, name, state, started_at_ms, deadline_ms, warn_at_ms, next_fire_ms, warned, "
    "escalation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (document_id, name) DO UPDATE SET state = excluded.state, started_at_ms = excluded.started_at_ms, "
    "deadline_ms = excluded.deadline_ms, warn_at_ms = excluded.warn_at_ms, next_fire_ms = excluded.next_fire_ms, "
    "warned = excluded.warned, escalation = excluded.escalation, paused_at_ms = NULL, stopped_at_ms = NULL, "
    "breached_at_ms = NULL";
constexpr std::string_view kUpdateTimer =
    "UPDATE sla_timers SET state = $2, deadline_ms = $3, warn_at_ms = $4, next_fire_ms = $5, warned = $6, "
    "escalation = $7, paused_at_ms = $8, stopped_at_ms = $9, breached_at_ms = $10 WHERE id = $1";
constexpr std::string_view kNextFire = "SELECT MIN(next_fire_ms) FROM sla_timers WHERE next_fire_ms IS NOT NULL";
constexpr std::string_view kInsertBreach =
    "INSERT INTO sla_breaches (timer_id, document_id, store_id, name, responsible_id, deadline_ms, breached_at_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kSelectPolicy = "SELECT rule FROM sla_policies WHERE store_id = $1 AND name = $2";
constexpr std::string_view kUpsertPolicy =
    "INSERT INTO sla_policies (store_id, name, rule, updated_at_ms, updated_by) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (store_id, name) DO UPDATE SET rule = excluded.rule, updated_at_ms = excluded.updated_at_ms, "
    "updated_by = excluded.updated_by";

// ---- notifications, calendars, blobs -------------------------------------------------------------------------

constexpr std::string_view kInsertNotification =
    "INSERT INTO notifications (staff_id, at_ms, kind, document_id, message_key, params) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view kNotificationColumns =
    "id, staff_id, at_ms, kind, document_id, message_key, params, read_at_ms";
constexpr std::string_view kMarkRead =
    "UPDATE notifications SET read_at_ms = $3 WHERE staff_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR id = $2) "
    "AND read_at_ms IS NULL";
constexpr std::string_view kSelectCalendar = "SELECT config, version FROM store_calendars WHERE store_id = $1";
constexpr std::string_view kInsertCalendar =
    "INSERT INTO store_calendars (store_id, config, version, updated_at_ms, updated_by) VALUES ($1, $2, 1, $3, $4) "
    "ON CONFLICT (store_id) DO NOTHING";
constexpr std::string_view kUpdateCalendar =
    "UPDATE store_calendars SET config = $2, version = version + 1, updated_at_ms = $3, updated_by = $4 "
    "WHERE store_id = $1 AND version = $5";
constexpr std::string_view kInsertBlob =
    "INSERT INTO blobs (hash, media_type, size, data, created_at_ms) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (hash) DO NOTHING";
constexpr std::string_view kSelectBlob = "SELECT media_type, data FROM blobs WHERE hash = $1";

std::optional<Instant> OptTime(const Row& row, std::size_t column) {
    const auto ms = row.OptInt(column);
    return ms ? std::optional<Instant>(FromEpochMs(*ms)) : std::nullopt;
}

std::optional<StaffId> OptStaff(const Row& row, std::size_t column) {
    const auto id = row.OptInt(column);
    return id ? std::optional<StaffId>(StaffId(*id)) : std::nullopt;
}

Value OptValue(const std::optional<Instant>& instant) {
    return instant ? Value(*instant) : Value();
}
Value OptValue(const std::optional<StaffId>& id) {
    return id ? Value(*id) : Value();
}

Document DocumentFrom(const Row& row) {
    return DocumentFromRow(row, 0);
}

}  // namespace

void AddDocumentFilters(storage::Where& where, std::optional<StoreId> scope, std::optional<StoreId> store_id,
                        std::string_view state) {
    if (scope) {
        where.Add("d.store_id = {}", storage::Value(*scope));
    }
    if (store_id) {
        where.Add("d.store_id = {}", storage::Value(*store_id));
    }
    if (!state.empty()) {
        where.Add("d.state = {}", storage::Value(std::string(state)));
    }
}

std::optional<storage::TextSearch> AddDocumentSearch(storage::Where& where, storage::Backend backend,
                                                     std::string_view table, std::optional<StoreId> scope,
                                                     std::optional<StoreId> store_id, std::string_view text) {
    std::optional<std::int64_t> store;
    if (scope || store_id) {
        store = scope ? scope->value() : store_id->value();
    }
    std::optional<storage::TextSearch> search =
        storage::SearchFor(where, backend, {table, "document_id", "d.id", true, store}, text);
    if (search) {
        where.Add(search->condition);
    }
    return search;
}

std::string DocumentColumns(std::string_view alias) {
    std::string columns;
    for (const std::string_view column :
         {"id", "type", "number", "store_id", "state", "version", "assignee_id", "event_count", "last_event_hash",
          "created_at_ms", "created_by", "updated_at_ms", "updated_by"}) {
        if (!columns.empty()) {
            columns += ", ";
        }
        columns += std::string(alias) + "." + std::string(column);
    }
    return columns;
}

Document DocumentFromRow(const Row& row, std::size_t offset) {
    Document document;
    document.id = DocumentId(row.Int(offset + 0));
    document.type = row.Text(offset + 1);
    document.number = row.Text(offset + 2);
    document.store_id = StoreId(row.Int(offset + 3));
    document.state = row.Text(offset + 4);
    document.version = row.Int(offset + 5);
    document.assignee_id = OptStaff(row, offset + 6);
    document.event_count = row.Int(offset + 7);
    document.last_event_hash = row.Text(offset + 8);
    document.created_at = row.Time(offset + 9);
    document.created_by = OptStaff(row, offset + 10);
    document.updated_at = row.Time(offset + 11);
    document.updated_by = OptStaff(row, offset + 12);
    return document;
}

namespace {

EventRow EventFrom(const Row& row) {
    EventRow event;
    event.id = row.Int(0);
    event.document_id = DocumentId(row.Int(1));
    event.seq = row.Int(2);
    event.at = row.Time(3);
    event.actor_id = OptStaff(row, 4);
    event.action = row.Text(5);
    event.from_state = row.Text(6);
    event.to_state = row.Text(7);
    event.changes = row.Text(8);
    event.inputs = row.Text(9);
    event.comment = row.Text(10);
    event.request_id = row.Text(11);
    event.prev_hash = row.Text(12);
    event.hash = row.Text(13);
    return event;
}

TimerRow TimerFrom(const Row& row) {
    TimerRow timer;
    timer.id = row.Int(0);
    timer.document_id = DocumentId(row.Int(1));
    timer.name = row.Text(2);
    timer.state = row.Text(3);
    timer.started_at = row.Time(4);
    timer.deadline = row.Time(5);
    timer.warn_at = row.Time(6);
    timer.next_fire = OptTime(row, 7);
    timer.warned = row.Bool(8);
    timer.escalation = static_cast<int>(row.Int(9));
    timer.paused_at = OptTime(row, 10);
    timer.stopped_at = OptTime(row, 11);
    timer.breached_at = OptTime(row, 12);
    return timer;
}

NotificationRow NotificationFrom(const Row& row) {
    NotificationRow notification;
    notification.id = row.Int(0);
    notification.staff_id = StaffId(row.Int(1));
    notification.at = row.Time(2);
    notification.kind = row.Text(3);
    if (const auto document = row.OptInt(4)) {
        notification.document_id = DocumentId(*document);
    }
    notification.message_key = row.Text(5);
    notification.params = row.Text(6);
    notification.read_at = OptTime(row, 7);
    return notification;
}

}  // namespace

Result<std::int64_t> DocumentRepository::NextNumber(Transaction& tx, std::string_view prefix, std::string_view day) {
    AC_RETURN_IF_ERROR(tx.Execute(kNextNumber, {prefix, day}));
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kLastNumber, {prefix, day}));
    return rows.front().Int(0);
}

Result<DocumentId> DocumentRepository::Insert(Transaction& tx, const Document& document) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kInsertDocument, {document.type, document.number, document.store_id,
                                                              document.state, OptValue(document.assignee_id),
                                                              document.created_at, OptValue(document.created_by)}));
    return DocumentId(rows.front().Int(0));
}

Result<std::optional<Document>> DocumentRepository::Find(Transaction& tx, DocumentId id) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectDocument, {id}));
    if (rows.empty()) {
        return std::optional<Document>();
    }
    return std::optional<Document>(DocumentFrom(rows.front()));
}

Result<bool> DocumentRepository::Update(Transaction& tx, const Document& document, std::int64_t expected_version) {
    AC_ASSIGN_OR_RETURN(
        const std::int64_t changed,
        tx.Execute(kUpdateDocument,
                   {document.id, document.state, OptValue(document.assignee_id), document.event_count,
                    document.last_event_hash, document.updated_at, OptValue(document.updated_by), expected_version}));
    return changed == 1;
}

Status DocumentRepository::SetEventHead(Transaction& tx, DocumentId id, std::int64_t count, const std::string& hash) {
    AC_RETURN_IF_ERROR(tx.Execute(kSetEventHead, {id, count, hash}));
    return Ok();
}

Result<std::int64_t> DocumentRepository::InsertEvent(Transaction& tx, const EventRow& event) {
    AC_ASSIGN_OR_RETURN(
        Rows rows, tx.Query(kInsertEvent, {event.document_id, event.seq, event.at, OptValue(event.actor_id),
                                           event.action, event.from_state, event.to_state, event.changes, event.inputs,
                                           event.comment, event.request_id, event.prev_hash, event.hash}));
    return rows.front().Int(0);
}

Result<std::vector<EventRow>> DocumentRepository::Events(Transaction& tx, DocumentId id) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectEvents, {id}));
    std::vector<EventRow> events;
    events.reserve(rows.size());
    for (const Row& row : rows) {
        events.push_back(EventFrom(row));
    }
    return events;
}

Status DocumentRepository::AttachFile(Transaction& tx, DocumentId id, const std::string& hash,
                                      std::string_view media_type, Instant now) {
    AC_RETURN_IF_ERROR(
        tx.Execute("INSERT INTO document_files (document_id, hash, media_type, created_at_ms) "
                   "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                   {id, hash, media_type, now}));
    return Ok();
}

Result<bool> DocumentRepository::HasFile(Transaction& tx, DocumentId id, std::string_view hash) {
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT 1 FROM document_files WHERE document_id = $1 AND hash = $2", {id, hash}));
    return rows.size() > 0;
}

Result<std::vector<Document>> DocumentRepository::Page(Transaction& tx, DocumentId after, int limit) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kPageDocuments, {after, limit}));
    std::vector<Document> documents;
    for (const Row& row : rows) {
        documents.push_back(DocumentFrom(row));
    }
    return documents;
}

Status TimerRepository::Upsert(Transaction& tx, const TimerRow& timer) {
    AC_RETURN_IF_ERROR(
        tx.Execute(kUpsertTimer, {timer.document_id, timer.name, timer.state, timer.started_at, timer.deadline,
                                  timer.warn_at, OptValue(timer.next_fire), timer.warned, timer.escalation}));
    return Ok();
}

Result<std::optional<TimerRow>> TimerRepository::Find(Transaction& tx, DocumentId document, std::string_view name) {
    const std::string sql =
        "SELECT " + std::string(kTimerColumns) + " FROM sla_timers WHERE document_id = $1 AND name = $2";
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {document, name}));
    if (rows.empty()) {
        return std::optional<TimerRow>();
    }
    return std::optional<TimerRow>(TimerFrom(rows.front()));
}

Result<std::vector<TimerRow>> TimerRepository::OfDocument(Transaction& tx, DocumentId document) {
    const std::string sql =
        "SELECT " + std::string(kTimerColumns) + " FROM sla_timers WHERE document_id = $1 ORDER BY id";
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {document}));
    std::vector<TimerRow> timers;
    for (const Row& row : rows) {
        timers.push_back(TimerFrom(row));
    }
    return timers;
}

Status TimerRepository::Update(Transaction& tx, const TimerRow& timer) {
    AC_RETURN_IF_ERROR(tx.Execute(
        kUpdateTimer,
        {timer.id, timer.state, timer.deadline, timer.warn_at, OptValue(timer.next_fire), timer.warned,
         timer.escalation, OptValue(timer.paused_at), OptValue(timer.stopped_at), OptValue(timer.breached_at)}));
    return Ok();
}

Result<std::vector<TimerRow>> TimerRepository::Due(Transaction& tx, Instant now, int limit) {
    // PostgreSQL: lock the rows taken, and skip those another server has locked, so that each timer fires in
    // exactly one server. SQLite has one writer, which already makes the scan exclusive.
    const std::string sql = "SELECT " + std::string(kTimerColumns) +
                            " FROM sla_timers WHERE next_fire_ms IS NOT NULL AND next_fire_ms <= $1"
                            " ORDER BY next_fire_ms LIMIT $2" +
                            (tx.backend() == storage::Backend::kPostgres ? " FOR UPDATE SKIP LOCKED" : "");
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {now, limit}));
    std::vector<TimerRow> timers;
    for (const Row& row : rows) {
        timers.push_back(TimerFrom(row));
    }
    return timers;
}

Result<std::optional<Instant>> TimerRepository::NextFire(Transaction& tx) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kNextFire));
    return OptTime(rows.front(), 0);
}

Status TimerRepository::InsertBreach(Transaction& tx, const TimerRow& timer, StoreId store,
                                     std::optional<StaffId> responsible, Instant at) {
    AC_RETURN_IF_ERROR(tx.Execute(
        kInsertBreach, {timer.id, timer.document_id, store, timer.name, OptValue(responsible), timer.deadline, at}));
    return Ok();
}

Result<std::optional<std::string>> TimerRepository::PolicyOverride(Transaction& tx, std::int64_t store,
                                                                   std::string_view name) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectPolicy, {store, name}));
    if (rows.empty()) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(rows.front().Text(0));
}

Status TimerRepository::PutPolicyOverride(Transaction& tx, std::int64_t store, std::string_view name,
                                          const std::string& rule_json, StaffId actor, Instant now) {
    AC_RETURN_IF_ERROR(tx.Execute(kUpsertPolicy, {store, name, rule_json, now, actor}));
    return Ok();
}

Result<bool> TimerRepository::DeletePolicyOverride(Transaction& tx, std::int64_t store, std::string_view name) {
    AC_ASSIGN_OR_RETURN(const std::int64_t deleted,
                        tx.Execute("DELETE FROM sla_policies WHERE store_id = $1 AND name = $2", {store, name}));
    return deleted > 0;
}

Result<std::int64_t> NotificationRepository::Insert(Transaction& tx, const NotificationRow& notification) {
    AC_ASSIGN_OR_RETURN(
        Rows rows, tx.Query(kInsertNotification, {notification.staff_id, notification.at, notification.kind,
                                                  notification.document_id ? Value(*notification.document_id) : Value(),
                                                  notification.message_key, notification.params}));
    return rows.front().Int(0);
}

Result<std::optional<NotificationRow>> NotificationRepository::Find(Transaction& tx, std::int64_t id) {
    const std::string sql = "SELECT " + std::string(kNotificationColumns) + " FROM notifications WHERE id = $1";
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {id}));
    if (rows.empty()) {
        return std::optional<NotificationRow>();
    }
    return std::optional<NotificationRow>(NotificationFrom(rows.front()));
}

Result<std::vector<NotificationRow>> NotificationRepository::OfStaff(Transaction& tx, StaffId staff, bool unread_only,
                                                                     int limit, int offset) {
    const std::string sql = "SELECT " + std::string(kNotificationColumns) +
                            " FROM notifications WHERE staff_id = $1 AND ($2 = 0 OR read_at_ms IS NULL)"
                            " ORDER BY id DESC LIMIT $3 OFFSET $4";
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {staff, unread_only ? 1 : 0, limit, offset}));
    std::vector<NotificationRow> notifications;
    for (const Row& row : rows) {
        notifications.push_back(NotificationFrom(row));
    }
    return notifications;
}

Result<std::int64_t> NotificationRepository::Count(Transaction& tx, StaffId staff, bool unread_only) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT count(*) FROM notifications WHERE staff_id = $1 AND "
                                            "($2 = 0 OR read_at_ms IS NULL)",
                                            {staff, unread_only ? 1 : 0}));
    return rows.front().Int(0);
}

Result<std::int64_t> NotificationRepository::MarkRead(Transaction& tx, StaffId staff, std::optional<std::int64_t> id,
                                                      Instant now) {
    return tx.Execute(kMarkRead, {staff, id ? Value(static_cast<long long>(*id)) : Value(), now});
}

Result<std::optional<CalendarRepository::Stored>> CalendarRepository::Find(Transaction& tx, StoreId store) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectCalendar, {store}));
    if (rows.empty()) {
        return std::optional<Stored>();
    }
    return std::optional<Stored>(Stored{rows.front().Text(0), rows.front().Int(1)});
}

Result<bool> CalendarRepository::Put(Transaction& tx, StoreId store, const std::string& config_json,
                                     std::int64_t expected_version, StaffId actor, Instant now) {
    if (expected_version == 0) {
        AC_ASSIGN_OR_RETURN(const std::int64_t inserted, tx.Execute(kInsertCalendar, {store, config_json, now, actor}));
        return inserted == 1;
    }
    AC_ASSIGN_OR_RETURN(const std::int64_t updated,
                        tx.Execute(kUpdateCalendar, {store, config_json, now, actor, expected_version}));
    return updated == 1;
}

Status BlobRepository::Put(Transaction& tx, const std::string& hash, std::string_view media_type,
                           const std::string& bytes, Instant now) {
    AC_RETURN_IF_ERROR(
        tx.Execute(kInsertBlob, {hash, media_type, static_cast<long long>(bytes.size()), storage::Blob{bytes}, now}));
    return Ok();
}

Result<std::optional<BlobRepository::Blob>> BlobRepository::Get(Transaction& tx, std::string_view hash) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectBlob, {hash}));
    if (rows.empty()) {
        return std::optional<Blob>();
    }
    return std::optional<Blob>(Blob{rows.front().Text(0), rows.front().Bytes(1)});
}

}  // namespace ac::kernel

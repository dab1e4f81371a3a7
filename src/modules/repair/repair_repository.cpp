#include "modules/repair/repair_repository.hpp"

#include "kernel/repository.hpp"
#include "modules/catalog/catalog_repository.hpp"
#include "storage/text_search.hpp"
#include "storage/where.hpp"

namespace ac::repair {
namespace {

using storage::Row;
using storage::Rows;
using storage::Transaction;
using storage::Value;

Value TimeValue(const std::optional<Instant>& at) {
    return at ? Value(*at) : Value();
}

std::string SearchText(const Ticket& ticket) {
    std::string text = ticket.customer_name + '\n' + ticket.phone + '\n' + ticket.district + ' ' + ticket.address +
                       '\n' + ticket.product_model + '\n' + ticket.problem;
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

constexpr std::string_view kTicketColumns =
    "t.customer_id, t.customer_name, t.phone, t.district, t.address, t.product_id, t.product_model, t.problem, "
    "t.symptoms, t.channel, t.source, t.delivered_on, t.warranty, t.agent_id, t.technician_id, t.window_start_ms, "
    "t.window_end_ms, t.major, t.tools_to_prepare";

Ticket TicketFrom(const Row& row, std::size_t at) {
    Ticket t;
    t.customer_id = catalog::CustomerId(row.Int(at + 0));
    t.customer_name = row.Text(at + 1);
    t.phone = row.Text(at + 2);
    t.district = row.Text(at + 3);
    t.address = row.Text(at + 4);
    if (const auto product = row.OptInt(at + 5)) {
        t.product_id = catalog::ProductId(*product);
    }
    t.product_model = row.Text(at + 6);
    t.problem = row.Text(at + 7);
    t.symptoms = row.Text(at + 8);
    t.channel = row.Text(at + 9);
    t.source = row.Text(at + 10);
    t.delivered_on = row.OptText(at + 11);
    t.warranty = row.Text(at + 12);
    if (const auto agent = row.OptInt(at + 13)) {
        t.agent_id = StaffId(*agent);
    }
    if (const auto technician = row.OptInt(at + 14)) {
        t.technician_id = StaffId(*technician);
    }
    t.window_start = row.OptTime(at + 15);
    t.window_end = row.OptTime(at + 16);
    t.major = row.Bool(at + 17);
    t.tools_to_prepare = row.Text(at + 18);
    return t;
}

constexpr std::string_view kVisitColumns =
    "id, technician_id, window_start_ms, window_end_ms, arrived_at_ms, departed_at_ms, late_minutes, "
    "COALESCE(outcome, ''), findings, parts_used, explanation, rating, remarks, signature_file, signer, "
    "refusal_reason, photos";

Visit VisitFrom(const Row& row) {
    Visit v;
    v.id = row.Int(0);
    v.technician = StaffId(row.Int(1));
    v.window_start = row.OptTime(2);
    v.window_end = row.OptTime(3);
    v.arrived_at = row.Time(4);
    v.departed_at = row.OptTime(5);
    v.late_minutes = row.Int(6);
    v.outcome = row.Text(7);
    v.findings = row.Text(8);
    v.parts_used = row.Text(9);
    v.explanation = row.Text(10);
    if (const auto rating = row.OptInt(11)) {
        v.rating = static_cast<int>(*rating);
    }
    v.remarks = row.Text(12);
    v.signature_file = row.OptText(13);
    v.signer = row.Text(14);
    v.refusal_reason = row.Text(15);
    v.photos_json = row.Text(16);
    return v;
}

}  // namespace

Status RepairRepository::Insert(Transaction& tx, kernel::DocumentId id, const Ticket& t) {
    return tx.Run(
        "INSERT INTO repair_tickets (document_id, customer_id, customer_name, phone, district, address, "
        "product_id, "
        "product_model, problem, symptoms, channel, source, delivered_on, warranty, search_text) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        {id, t.customer_id, t.customer_name, t.phone, t.district, t.address,
         t.product_id ? Value(*t.product_id) : Value(), t.product_model, t.problem, t.symptoms, t.channel, t.source,
         t.delivered_on, t.warranty, SearchText(t)});
}

Result<std::optional<Ticket>> RepairRepository::Find(Transaction& tx, kernel::DocumentId id) {
    AC_ASSIGN_OR_RETURN(
        const Rows rows,
        tx.Query("SELECT " + std::string(kTicketColumns) + " FROM repair_tickets t WHERE t.document_id = $1", {id}));
    if (rows.empty()) {
        return std::optional<Ticket>();
    }
    Ticket ticket = TicketFrom(rows[0], 0);
    ticket.id = id;
    return std::optional<Ticket>(std::move(ticket));
}

Status RepairRepository::SetAgent(Transaction& tx, kernel::DocumentId id, StaffId agent) {
    return tx.Run("UPDATE repair_tickets SET agent_id = $2 WHERE document_id = $1", {id, agent});
}

Status RepairRepository::SetTechnician(Transaction& tx, kernel::DocumentId id, StaffId technician) {
    return tx.Run("UPDATE repair_tickets SET technician_id = $2 WHERE document_id = $1", {id, technician});
}

Status RepairRepository::SetWindow(Transaction& tx, kernel::DocumentId id, Instant start, Instant end) {
    return tx.Run("UPDATE repair_tickets SET window_start_ms = $2, window_end_ms = $3 WHERE document_id = $1",
                  {id, start, end});
}

Status RepairRepository::SetMajor(Transaction& tx, kernel::DocumentId id) {
    return tx.Run("UPDATE repair_tickets SET major = 1 WHERE document_id = $1", {id});
}

Status RepairRepository::SetToolsToPrepare(Transaction& tx, kernel::DocumentId id, const std::string& tools) {
    return tx.Run("UPDATE repair_tickets SET tools_to_prepare = $2 WHERE document_id = $1", {id, tools});
}

Status RepairRepository::InsertCall(Transaction& tx, kernel::DocumentId id, const Call& call) {
    return tx.Run("INSERT INTO repair_calls (document_id, at_ms, caller_id, outcome, note) VALUES ($1, $2, $3, $4, $5)",
                  {id, call.at, call.caller, call.outcome, call.note});
}

Result<std::vector<Call>> RepairRepository::Calls(Transaction& tx, kernel::DocumentId id) {
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT c.at_ms, c.caller_id, s.name, c.outcome, c.note FROM repair_calls c "
                                 "JOIN staff s ON s.id = c.caller_id WHERE c.document_id = $1 ORDER BY c.id",
                                 {id}));
    std::vector<Call> calls;
    for (const Row& row : rows) {
        calls.push_back(Call{row.Time(0), StaffId(row.Int(1)), row.Text(2), row.Text(3), row.Text(4)});
    }
    return calls;
}

Result<std::int64_t> RepairRepository::OpenVisit(Transaction& tx, kernel::DocumentId id, const Visit& v) {
    AC_ASSIGN_OR_RETURN(
        const Rows rows,
        tx.Query("INSERT INTO repair_visits (document_id, technician_id, window_start_ms, "
                 "window_end_ms, arrived_at_ms, late_minutes) VALUES ($1, $2, $3, $4, $5, $6) "
                 "RETURNING id",
                 {id, v.technician, TimeValue(v.window_start), TimeValue(v.window_end), v.arrived_at, v.late_minutes}));
    return rows[0].Int(0);
}

Result<std::optional<Visit>> RepairRepository::OpenVisitOf(Transaction& tx, kernel::DocumentId id) {
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT " + std::string(kVisitColumns) +
                                     " FROM repair_visits WHERE document_id = $1 AND departed_at_ms IS NULL "
                                     "ORDER BY id DESC LIMIT 1",
                                 {id}));
    if (rows.empty()) {
        return std::optional<Visit>();
    }
    return std::optional<Visit>(VisitFrom(rows[0]));
}

Status RepairRepository::CloseVisit(Transaction& tx, const Visit& v) {
    return tx.Run(
        "UPDATE repair_visits SET departed_at_ms = $2, outcome = $3, findings = $4, parts_used = $5, "
        "explanation = $6, rating = $7, remarks = $8, signature_file = $9, signer = $10, "
        "refusal_reason = $11, photos = $12 WHERE id = $1",
        {v.id, TimeValue(v.departed_at), v.outcome, v.findings, v.parts_used, v.explanation,
         v.rating ? Value(*v.rating) : Value(), v.remarks, v.signature_file, v.signer, v.refusal_reason,
         v.photos_json});
}

Result<std::vector<Visit>> RepairRepository::Visits(Transaction& tx, kernel::DocumentId id) {
    AC_ASSIGN_OR_RETURN(const Rows rows, tx.Query("SELECT " + std::string(kVisitColumns) +
                                                      " FROM repair_visits WHERE document_id = $1 ORDER BY id",
                                                  {id}));
    std::vector<Visit> visits;
    for (const Row& row : rows) {
        visits.push_back(VisitFrom(row));
    }
    return visits;
}

Status RepairRepository::IssueReceipt(Transaction& tx, kernel::DocumentId id, const Receipt& r, StaffId by) {
    return tx.Run(
        "INSERT INTO repair_receipts (document_id, number, goods, issued_at_ms, issued_by) "
        "VALUES ($1, $2, $3, $4, $5)",
        {id, r.number, r.goods, r.issued_at, by});
}

Status RepairRepository::TakeBackReceipts(Transaction& tx, kernel::DocumentId id, Instant at, StaffId by) {
    return tx.Run(
        "UPDATE repair_receipts SET taken_back_at_ms = $2, taken_back_by = $3 "
        "WHERE document_id = $1 AND taken_back_at_ms IS NULL",
        {id, at, by});
}

Result<std::vector<Receipt>> RepairRepository::Receipts(Transaction& tx, kernel::DocumentId id) {
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT number, goods, issued_at_ms, taken_back_at_ms FROM repair_receipts "
                                 "WHERE document_id = $1 ORDER BY id",
                                 {id}));
    std::vector<Receipt> receipts;
    for (const Row& row : rows) {
        receipts.push_back(Receipt{row.Text(0), row.Text(1), row.Time(2), row.OptTime(3)});
    }
    return receipts;
}

Status RepairRepository::InsertFollowUp(Transaction& tx, kernel::DocumentId id, std::optional<StaffId> technician,
                                        const FollowUp& f, StaffId by) {
    return tx.Run(
        "INSERT INTO repair_follow_ups (document_id, technician_id, at_ms, by_id, satisfaction, remarks) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {id, technician ? Value(*technician) : Value(), f.at, by, f.satisfaction, f.remarks});
}

Result<std::vector<FollowUp>> RepairRepository::FollowUps(Transaction& tx, kernel::DocumentId id) {
    AC_ASSIGN_OR_RETURN(const Rows rows, tx.Query("SELECT at_ms, satisfaction, remarks FROM repair_follow_ups "
                                                  "WHERE document_id = $1 ORDER BY id",
                                                  {id}));
    std::vector<FollowUp> follow_ups;
    for (const Row& row : rows) {
        follow_ups.push_back(FollowUp{row.Time(0), static_cast<int>(row.Int(1)), row.Text(2)});
    }
    return follow_ups;
}

Result<Page<TicketRow>> RepairRepository::List(Transaction& tx, const TicketQuery& q) {
    storage::Where where("d.type = 'repair_ticket'");
    bool ticket_columns = false;  // whether a condition reads repair_tickets (t)
    kernel::AddDocumentFilters(where, q.scope, q.store_id, q.state);
    if (q.sla == "breached") {
        where.Add("EXISTS (SELECT 1 FROM sla_timers b WHERE b.document_id = d.id AND b.breached_at_ms IS NOT NULL)");
    } else if (q.sla == "running") {
        where.Add("EXISTS (SELECT 1 FROM sla_timers r WHERE r.document_id = d.id AND r.state = 'running')");
    }
    if (q.technician_id) {
        where.Add("t.technician_id = {}", Value(*q.technician_id));
        ticket_columns = true;
    }
    const std::optional<storage::TextSearch> search =
        kernel::AddDocumentSearch(where, tx.backend(), "repair_tickets", q.scope, q.store_id, q.text);
    if (q.from) {
        where.Add("d.created_at_ms >= {}", Value(*q.from));
    }
    if (q.to) {
        where.Add("d.created_at_ms < {}", Value(*q.to));
    }
    if (q.open) {
        where.Add("d.state NOT IN ('repaired', 'closed', 'followed_up', 'cancelled')");
    }
    // The page's ids come from the documents (and their index) alone; only those 50 are joined with their ticket
    // and timers, so a deep page or a count does not read every row before it.
    const std::string filter = " FROM " + (search ? search->leading : std::string()) + "documents d" +
                               (ticket_columns ? " JOIN repair_tickets t ON t.document_id = d.id" : "") + where.sql();
    std::vector<Value> paged = where.params();
    paged.emplace_back(q.page_size);
    paged.emplace_back((q.page - 1) * q.page_size);
    AC_ASSIGN_OR_RETURN(
        const Rows rows,
        tx.Query("SELECT " + kernel::DocumentColumns("d") +
                     ", f.deadline_ms, f.state, (SELECT count(*) FROM sla_timers b WHERE b.document_id = "
                     "d.id AND b.breached_at_ms IS NOT NULL), " +
                     std::string(kTicketColumns) + " FROM (SELECT d.id" + filter + " ORDER BY " +
                     (search ? search->newest_first : std::string("d.id DESC")) + " LIMIT " + where.Next() +
                     " OFFSET " + where.Next(1) +
                     ") page JOIN documents d ON d.id = page.id JOIN repair_tickets t ON t.document_id = d.id"
                     " LEFT JOIN sla_timers f ON f.document_id = d.id AND f.name = 'repair.first_contact'"
                     " ORDER BY d.id DESC",
                 paged));
    AC_ASSIGN_OR_RETURN(const std::int64_t counted,
                        storage::CountRows(tx, filter, where.params(), rows.size(), q.page, q.page_size));
    Page<TicketRow> page;
    storage::SetTotal(page, counted, q.page, q.page_size);
    for (const Row& row : rows) {
        TicketRow item;
        constexpr std::size_t n = kernel::kDocumentColumnCount;
        item.document = kernel::DocumentFromRow(row);
        if (row.OptText(n + 1).value_or("") == "running") {
            item.first_contact_deadline = row.OptTime(n);
        }
        item.breached = row.Int(n + 2) > 0;
        item.ticket = TicketFrom(row, n + 3);
        item.ticket.id = item.document.id;
        page.items.push_back(std::move(item));
    }
    return page;
}

}  // namespace ac::repair

#include "modules/delivery/delivery_repository.hpp"

#include "kernel/repository.hpp"
#include "modules/catalog/catalog_repository.hpp"
#include "storage/text_search.hpp"
#include "storage/where.hpp"

namespace ac::delivery {
namespace {

using storage::Row;
using storage::Rows;
using storage::Transaction;
using storage::Value;

std::string SearchText(const Job& job) {
    std::string text = job.customer_name + '\n' + job.phone + '\n' + job.address;
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

constexpr std::string_view kJobColumns =
    "j.contract_id, cd.number, j.customer_name, j.phone, j.address, j.installation_requirements, j.installer_id, "
    "COALESCE(s.name, ''), j.crew, j.window_start_ms, j.window_end_ms, j.confirmed_at_ms, j.slip_sent_at_ms, "
    "j.inspected_at_ms, j.arrived_at_ms, j.late_minutes, j.signed_at_ms, j.signer, j.signature_file, j.rating, "
    "j.remarks, j.photos, j.voucher_returned_at_ms";
constexpr std::string_view kJobJoins =
    " JOIN documents cd ON cd.id = j.contract_id LEFT JOIN staff s ON s.id = j.installer_id";

Job JobFrom(const Row& row, std::size_t at) {
    Job j;
    j.contract_id = kernel::DocumentId(row.Int(at + 0));
    j.contract_number = row.Text(at + 1);
    j.customer_name = row.Text(at + 2);
    j.phone = row.Text(at + 3);
    j.address = row.Text(at + 4);
    j.installation_requirements = row.Text(at + 5);
    if (const auto installer = row.OptInt(at + 6)) {
        j.installer_id = StaffId(*installer);
    }
    j.installer_name = row.Text(at + 7);
    j.crew = row.Text(at + 8);
    j.window_start = row.OptTime(at + 9);
    j.window_end = row.OptTime(at + 10);
    j.confirmed_at = row.OptTime(at + 11);
    j.slip_sent_at = row.OptTime(at + 12);
    j.inspected_at = row.OptTime(at + 13);
    j.arrived_at = row.OptTime(at + 14);
    j.late_minutes = row.Int(at + 15);
    j.signed_at = row.OptTime(at + 16);
    j.signer = row.Text(at + 17);
    j.signature_file = row.OptText(at + 18);
    if (const auto rating = row.OptInt(at + 19)) {
        j.rating = static_cast<int>(*rating);
    }
    j.remarks = row.Text(at + 20);
    j.photos_json = row.Text(at + 21);
    j.voucher_returned_at = row.OptTime(at + 22);
    return j;
}

}  // namespace

Status DeliveryRepository::Insert(Transaction& tx, kernel::DocumentId id, const Job& job) {
    return tx.Run(
        "INSERT INTO delivery_jobs (document_id, contract_id, customer_name, phone, address, "
        "installation_requirements, search_text) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {id, job.contract_id, job.customer_name, job.phone, job.address, job.installation_requirements,
         SearchText(job)});
}

Result<std::optional<Job>> DeliveryRepository::Find(Transaction& tx, kernel::DocumentId id) {
    AC_ASSIGN_OR_RETURN(const Rows rows, tx.Query("SELECT " + std::string(kJobColumns) + " FROM delivery_jobs j" +
                                                      std::string(kJobJoins) + " WHERE j.document_id = $1",
                                                  {id}));
    if (rows.empty()) {
        return std::nullopt;
    }
    Job job = JobFrom(rows[0], 0);
    job.id = id;
    return job;
}

Status DeliveryRepository::Update(Transaction& tx, const Job& j) {
    return tx.Run(
        "UPDATE delivery_jobs SET address = $2, installer_id = $3, crew = $4, window_start_ms = $5, "
        "window_end_ms = $6, confirmed_at_ms = $7, slip_sent_at_ms = $8, inspected_at_ms = $9, arrived_at_ms = $10, "
        "late_minutes = $11, signed_at_ms = $12, signer = $13, signature_file = $14, rating = $15, remarks = $16, "
        "photos = $17, voucher_returned_at_ms = $18, search_text = $19 WHERE document_id = $1",
        {j.id, j.address, Value(j.installer_id), j.crew, Value(j.window_start), Value(j.window_end),
         Value(j.confirmed_at), Value(j.slip_sent_at), Value(j.inspected_at), Value(j.arrived_at), j.late_minutes,
         Value(j.signed_at), j.signer, Value(j.signature_file), Value(j.rating), j.remarks, j.photos_json,
         Value(j.voucher_returned_at), SearchText(j)});
}

Status DeliveryRepository::InsertChange(Transaction& tx, kernel::DocumentId id, const Change& c) {
    return tx.Run(
        "INSERT INTO delivery_changes (document_id, kind, at_ms, staff_id, reason, goods, "
        "old_start_ms, old_end_ms, new_start_ms, new_end_ms, notice_at_ms) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        {id, c.kind, c.at, c.staff_id, c.reason, c.goods, Value(c.old_start), Value(c.old_end), c.new_start, c.new_end,
         c.notice_at});
}

Result<std::vector<Change>> DeliveryRepository::Changes(Transaction& tx, kernel::DocumentId id) {
    AC_ASSIGN_OR_RETURN(const Rows rows, tx.Query("SELECT kind, at_ms, staff_id, reason, goods, old_start_ms, "
                                                  "old_end_ms, new_start_ms, new_end_ms, notice_at_ms "
                                                  "FROM delivery_changes WHERE document_id = $1 ORDER BY id",
                                                  {id}));
    std::vector<Change> out;
    for (const Row& row : rows) {
        out.push_back(Change{row.Text(0), row.Time(1), StaffId(row.Int(2)), row.Text(3), row.Text(4), row.OptTime(5),
                             row.OptTime(6), row.Time(7), row.Time(8), row.Time(9)});
    }
    return out;
}

Status DeliveryRepository::InsertFollowUp(Transaction& tx, kernel::DocumentId id, const FollowUp& f, StaffId by) {
    return tx.Run(
        "INSERT INTO delivery_follow_ups (document_id, installer_id, at_ms, satisfaction, "
        "remarks, staff_id) VALUES ($1, $2, $3, $4, $5, $6)",
        {id, Value(f.installer_id), f.at, f.satisfaction, f.remarks, by});
}

Result<std::vector<FollowUp>> DeliveryRepository::FollowUps(Transaction& tx, kernel::DocumentId id) {
    AC_ASSIGN_OR_RETURN(const Rows rows, tx.Query("SELECT at_ms, installer_id, satisfaction, remarks FROM "
                                                  "delivery_follow_ups WHERE document_id = $1 ORDER BY id",
                                                  {id}));
    std::vector<FollowUp> out;
    for (const Row& row : rows) {
        FollowUp f;
        f.at = row.Time(0);
        if (const auto installer = row.OptInt(1)) {
            f.installer_id = StaffId(*installer);
        }
        f.satisfaction = static_cast<int>(row.Int(2));
        f.remarks = row.Text(3);
        out.push_back(std::move(f));
    }
    return out;
}

Result<Page<JobRow>> DeliveryRepository::List(Transaction& tx, const JobQuery& q) {
    storage::Where where("d.type = 'delivery_job'");
    kernel::AddDocumentFilters(where, q.scope, q.store_id, q.state);
    if (q.installer_id) {
        where.Add("j.installer_id = {}", Value(*q.installer_id));
    }
    if (q.contract_id) {
        where.Add("j.contract_id = {}", Value(*q.contract_id));
    }
    if (q.from) {
        where.Add("j.window_start_ms >= {}", Value(*q.from));
    }
    if (q.to) {
        where.Add("j.window_start_ms < {}", Value(*q.to));
    }
    if (!q.text.empty()) {
        where.Add(
            storage::TextSearchCondition(where, tx.backend(), {"delivery_jobs", "document_id", "d.id", true}, q.text));
    }
    if (q.open) {
        where.Add("d.state NOT IN ('delivered', 'voucher_returned', 'followed_up', 'cancelled')");
    }
    if (q.unscheduled) {
        where.Add("j.window_start_ms IS NULL");
    }
    const std::string filter =
        " FROM documents d JOIN delivery_jobs j ON j.document_id = d.id" + std::string(kJobJoins) + where.sql();
    std::vector<Value> paged = where.params();
    paged.emplace_back(q.page_size);
    paged.emplace_back((q.page - 1) * q.page_size);
    AC_ASSIGN_OR_RETURN(
        const Rows rows,
        tx.Query("SELECT " + kernel::DocumentColumns("d") +
                     ", (SELECT count(*) FROM sla_timers b WHERE b.document_id = d.id AND "
                     "b.breached_at_ms IS NOT NULL), " +
                     std::string(kJobColumns) + filter + " ORDER BY COALESCE(j.window_start_ms, 0), d.id LIMIT " +
                     where.Next() + " OFFSET " + where.Next(1),
                 paged));
    AC_ASSIGN_OR_RETURN(const std::int64_t counted,
                        storage::CountRows(tx, filter, where.params(), rows.size(), q.page, q.page_size));
    Page<JobRow> page;
    storage::SetTotal(page, counted, q.page, q.page_size);
    for (const Row& row : rows) {
        JobRow item;
        constexpr std::size_t n = kernel::kDocumentColumnCount;
        item.document = kernel::DocumentFromRow(row);
        item.breached = row.Int(n) > 0;
        item.job = JobFrom(row, n + 1);
        item.job.id = item.document.id;
        page.items.push_back(std::move(item));
    }
    return page;
}

}  // namespace ac::delivery

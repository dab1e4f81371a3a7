#include "modules/delivery/delivery_service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/json.hpp"
#include "modules/contracts/contract_workflow.hpp"
#include "modules/delivery/delivery_repository.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::delivery {
namespace {

using storage::Transaction;
using storage::TxMode;

boost::json::value OptTimeJson(const std::optional<Instant>& at) {
    return at ? boost::json::value(FormatRfc3339(*at)) : boost::json::value(nullptr);
}

constexpr int kMaxBoardDays = 31;

}  // namespace

Result<Page<JobRow>> DeliveryService::List(const Principal& actor, JobQuery query) {
    AC_RETURN_IF_ERROR(CheckPage(query.page, query.page_size));
    query.scope = actor.StoreScope();
    query.text = Trimmed(query.text);
    return storage::RunInTransaction(kernel_.db(), TxMode::kRead,
                                     [&](Transaction& tx) { return DeliveryRepository::List(tx, query); });
}

Result<Board> DeliveryService::DispatchBoard(const Principal& actor, std::optional<StoreId> store,
                                             const std::string& from, int days) {
    FieldCheck check;
    std::optional<kernel::LocalDate> first;
    if (!from.empty()) {
        first = kernel::LocalDate::Parse(from);
        if (!first) {
            check.Add("from", Message{"field.date_invalid", {}});
        }
    }
    check.Range("days", days, 1, kMaxBoardDays);
    if (!store) {
        store = actor.store_id;
    }
    if (!store) {
        check.Add("store_id", Message{"contracts.store_required", {}});
    }
    AC_RETURN_IF_ERROR(check.Finish());
    if (!actor.CanSeeStore(*store)) {
        return Fail(Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden"));
    }
    return storage::RunInTransaction(kernel_.db(), TxMode::kRead, [&](Transaction& tx) -> Result<Board> {
        AC_ASSIGN_OR_RETURN(const kernel::Calendar calendar, kernel_.StoreCalendar(tx, *store));
        const kernel::LocalDate start = first ? *first : calendar.DateOf(kernel_.clock().Now());
        Board board;
        board.from = start.ToString();
        board.days = days;
        board.store_id = *store;
        AC_ASSIGN_OR_RETURN(const std::vector<StaffId> ids,
                            kernel_.directory().ActiveWithRole(tx, *store, Role::kInstaller));
        for (const StaffId id : ids) {
            AC_ASSIGN_OR_RETURN(const auto person, kernel_.directory().FindStaff(tx, id));
            if (person) {
                board.installers.push_back(Installer{id, person->name});
            }
        }
        JobQuery scheduled;
        scheduled.scope = actor.StoreScope();
        scheduled.store_id = store;
        scheduled.from = calendar.StartOfDay(start);
        scheduled.to = calendar.StartOfDay(start.Plus(days));
        scheduled.page_size = kMaxPageSize;
        AC_ASSIGN_OR_RETURN(Page<JobRow> in_window, DeliveryRepository::List(tx, scheduled));
        JobQuery waiting;
        waiting.scope = actor.StoreScope();
        waiting.store_id = store;
        waiting.unscheduled = true;
        waiting.open = true;
        waiting.page_size = kMaxPageSize;
        AC_ASSIGN_OR_RETURN(Page<JobRow> unscheduled, DeliveryRepository::List(tx, waiting));
        board.jobs = std::move(unscheduled.items);
        for (JobRow& row : in_window.items) {
            board.jobs.push_back(std::move(row));
        }
        return board;
    });
}

Result<boost::json::object> DeliveryService::FieldsJson(Transaction& tx, const kernel::Document& document) {
    AC_ASSIGN_OR_RETURN(const auto found, DeliveryRepository::Find(tx, document.id));
    if (!found) {
        return boost::json::object();
    }
    const Job& j = *found;
    AC_ASSIGN_OR_RETURN(const auto contract, contracts::FindContract(tx, j.contract_id));
    AC_ASSIGN_OR_RETURN(const std::vector<Change> changes, DeliveryRepository::Changes(tx, document.id));
    AC_ASSIGN_OR_RETURN(const std::vector<FollowUp> follow_ups, DeliveryRepository::FollowUps(tx, document.id));
    boost::json::array lines;
    std::string special;
    std::string salesperson;
    if (contract) {
        special = contract->special_requirements;
        salesperson = contract->salesperson_name;
        for (const contracts::Line& line : contract->lines) {
            lines.push_back(boost::json::object{{"line_no", line.line_no},
                                                {"product_name", line.product_name},
                                                {"model", line.model},
                                                {"quantity", line.quantity}});
        }
    }
    boost::json::array change_list;
    for (const Change& c : changes) {
        change_list.push_back(boost::json::object{{"kind", c.kind},
                                                  {"at", FormatRfc3339(c.at)},
                                                  {"staff_id", c.staff_id.value()},
                                                  {"reason", c.reason},
                                                  {"goods", c.goods},
                                                  {"old_start", OptTimeJson(c.old_start)},
                                                  {"old_end", OptTimeJson(c.old_end)},
                                                  {"new_start", FormatRfc3339(c.new_start)},
                                                  {"new_end", FormatRfc3339(c.new_end)},
                                                  {"notice_at", FormatRfc3339(c.notice_at)}});
    }
    boost::json::array follow_up_list;
    for (const FollowUp& f : follow_ups) {
        follow_up_list.push_back(boost::json::object{
            {"at", FormatRfc3339(f.at)},
            {"installer_id", f.installer_id ? boost::json::value(f.installer_id->value()) : nullptr},
            {"satisfaction", f.satisfaction},
            {"remarks", f.remarks}});
    }
    return boost::json::object{
        {"contract_id", j.contract_id.value()},
        {"contract_number", j.contract_number},
        {"customer_name", j.customer_name},
        {"phone", j.phone},
        {"address", j.address},
        {"installation_requirements", j.installation_requirements},
        {"special_requirements", special},
        {"salesperson_name", salesperson},
        {"installer_id", j.installer_id ? boost::json::value(j.installer_id->value()) : nullptr},
        {"installer_name", j.installer_name},
        {"crew", j.crew},
        {"window_start", OptTimeJson(j.window_start)},
        {"window_end", OptTimeJson(j.window_end)},
        {"confirmed_at", OptTimeJson(j.confirmed_at)},
        {"slip_sent_at", OptTimeJson(j.slip_sent_at)},
        {"inspected_at", OptTimeJson(j.inspected_at)},
        {"arrived_at", OptTimeJson(j.arrived_at)},
        {"late_minutes", j.late_minutes},
        {"signed_at", OptTimeJson(j.signed_at)},
        {"signer", j.signer},
        {"signature_file", j.signature_file ? boost::json::value(*j.signature_file) : nullptr},
        {"rating", j.rating ? boost::json::value(*j.rating) : nullptr},
        {"remarks", j.remarks},
        {"photos", json::ParseObject(j.photos_json).value_or(boost::json::object{})},
        {"voucher_returned_at", OptTimeJson(j.voucher_returned_at)},
        {"lines", std::move(lines)},
        {"changes", std::move(change_list)},
        {"follow_ups", std::move(follow_up_list)},
    };
}

}  // namespace ac::delivery

#include "modules/repair/repair_service.hpp"

#include <algorithm>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/json.hpp"
#include "core/phone.hpp"
#include "modules/catalog/catalog_repository.hpp"
#include "modules/repair/repair_repository.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::repair {
namespace {

using storage::Transaction;
using storage::TxMode;

// The day `months` months after `date` (the last day of the month when it has no such day).
kernel::LocalDate PlusMonths(kernel::LocalDate date, int months) {
    const int total = date.year * 12 + static_cast<int>(date.month) - 1 + months;
    kernel::LocalDate out{total / 12, static_cast<unsigned>(total % 12) + 1, date.day};
    while (!kernel::LocalDate::Parse(out.ToString())) {
        --out.day;
    }
    return out;
}

// C1/C2 against C4: who registered decides whether the form came through the store or straight to after-sales.
std::string SourceOf(const Principal& actor) {
    const RoleSet aftersales = RolesOf({Role::kAftersalesAgent, Role::kAftersalesSupervisor, Role::kAftersalesHead});
    return (actor.roles & aftersales).any() ? "aftersales" : "store";
}

boost::json::value OptTimeJson(const std::optional<Instant>& at) {
    return at ? boost::json::value(FormatRfc3339(*at)) : boost::json::value(nullptr);
}

boost::json::value OptIdJson(const std::optional<StaffId>& id) {
    return id ? boost::json::value(id->value()) : boost::json::value(nullptr);
}

}  // namespace

Result<kernel::Document> RepairService::Register(const Principal& actor, Registration r,
                                                 const std::string& request_id) {
    FieldCheck check;
    check.Text("customer_name", r.customer_name, 1, 50);
    check.Text("phone", r.phone, 1, 30);
    if (!check.Failed("phone")) {
        if (const auto phone = NormalizePhone(r.phone)) {
            r.phone = *phone;
        } else {
            check.Add("phone", Message{"field.phone_invalid", {}});
        }
    }
    check.Text("district", r.district, 0, 30);
    check.Text("address", r.address, 1, 200);
    check.Text("product_model", r.product_model, 1, 64);
    check.Text("problem", r.problem, 1, 500, true);
    check.Text("symptoms", r.symptoms, 1, 1000, true);
    if (std::find(std::begin(kChannels), std::end(kChannels), r.channel) == std::end(kChannels)) {
        check.Add("channel", Message{"repair.channel", {}});
    }
    std::optional<kernel::LocalDate> delivered;
    if (r.delivered_on && !r.delivered_on->empty()) {
        delivered = kernel::LocalDate::Parse(*r.delivered_on);
        if (!delivered) {
            check.Add("delivered_on", Message{"field.date_invalid", {}});
        }
    }
    StoreId store;
    if (r.store_id) {
        store = *r.store_id;
    } else if (actor.store_id) {
        store = *actor.store_id;
    } else {
        check.Add("store_id", Message{"repair.store_required", {}});
    }
    AC_RETURN_IF_ERROR(check.Finish());

    Ticket ticket;
    ticket.customer_name = r.customer_name;
    ticket.phone = r.phone;
    ticket.district = r.district;
    ticket.address = r.address;
    ticket.product_model = r.product_model;
    ticket.problem = r.problem;
    ticket.symptoms = r.symptoms;
    ticket.channel = r.channel;
    ticket.source = SourceOf(actor);
    ticket.delivered_on = delivered ? std::optional<std::string>(delivered->ToString()) : std::nullopt;
    ticket.warranty = "unknown";

    kernel::CreateRequest create;
    create.type = std::string(kType);
    create.store_id = store;
    create.request_id = request_id;
    create.fields = {{"customer_name", "null", json::Serialize(boost::json::value(ticket.customer_name))},
                     {"phone", "null", json::Serialize(boost::json::value(ticket.phone))},
                     {"product_model", "null", json::Serialize(boost::json::value(ticket.product_model))},
                     {"problem", "null", json::Serialize(boost::json::value(ticket.problem))},
                     {"channel", "null", json::Serialize(boost::json::value(ticket.channel))},
                     {"source", "null", json::Serialize(boost::json::value(ticket.source))}};
    const Instant now = kernel_.clock().Now();
    create.write = [&](Transaction& tx, const kernel::Document& document) -> Status {
        // The customer: the one this phone belongs to, else a new one with this address.
        AC_ASSIGN_OR_RETURN(const auto owners, catalog::CatalogRepository::FindPhoneOwners(tx, {ticket.phone}));
        if (const auto it = owners.find(ticket.phone); it != owners.end()) {
            ticket.customer_id = it->second.id;
        } else {
            catalog::Customer customer;
            customer.name = ticket.customer_name;
            customer.phones = {ticket.phone};
            customer.addresses = {catalog::Address{ticket.district, ticket.address}};
            AC_ASSIGN_OR_RETURN(ticket.customer_id,
                                catalog::CatalogRepository::InsertCustomer(tx, customer, actor.staff_id, now));
        }
        // The product, by model or code; with a delivery date, its warranty.
        AC_ASSIGN_OR_RETURN(auto product, catalog::CatalogRepository::FindProductByModel(tx, ticket.product_model));
        if (product) {
            ticket.product_id = product->id;
            if (delivered) {
                AC_ASSIGN_OR_RETURN(const kernel::Calendar calendar, kernel_.StoreCalendar(tx, document.store_id));
                const kernel::LocalDate today = calendar.DateOf(now);
                ticket.warranty =
                    today <= PlusMonths(*delivered, product->warranty_months) ? "in_warranty" : "out_of_warranty";
            }
        }
        return RepairRepository::Insert(tx, document.id, ticket);
    };
    return kernel_.Create(actor, create);
}

Result<Page<TicketRow>> RepairService::List(const Principal& actor, TicketQuery query) {
    AC_RETURN_IF_ERROR(CheckPage(query.page, query.page_size));
    query.scope = actor.StoreScope();
    query.text = Trimmed(query.text);
    return storage::RunInTransaction(kernel_.db(), TxMode::kRead,
                                     [&](Transaction& tx) { return RepairRepository::List(tx, query); });
}

Result<boost::json::object> RepairService::FieldsJson(Transaction& tx, const kernel::Document& document) {
    AC_ASSIGN_OR_RETURN(const auto found, RepairRepository::Find(tx, document.id));
    if (!found) {
        return boost::json::object();
    }
    const Ticket& t = *found;
    AC_ASSIGN_OR_RETURN(const std::vector<Call> calls, RepairRepository::Calls(tx, document.id));
    AC_ASSIGN_OR_RETURN(const std::vector<Visit> visits, RepairRepository::Visits(tx, document.id));
    AC_ASSIGN_OR_RETURN(const std::vector<Receipt> receipts, RepairRepository::Receipts(tx, document.id));
    AC_ASSIGN_OR_RETURN(const std::vector<FollowUp> follow_ups, RepairRepository::FollowUps(tx, document.id));
    boost::json::array call_list;
    for (const Call& c : calls) {
        call_list.push_back(boost::json::object{{"at", FormatRfc3339(c.at)},
                                                {"caller_id", c.caller.value()},
                                                {"caller_name", c.caller_name},
                                                {"outcome", c.outcome},
                                                {"note", c.note}});
    }
    boost::json::array visit_list;
    for (const Visit& v : visits) {
        visit_list.push_back(boost::json::object{
            {"technician_id", v.technician.value()},
            {"window_start", OptTimeJson(v.window_start)},
            {"window_end", OptTimeJson(v.window_end)},
            {"arrived_at", FormatRfc3339(v.arrived_at)},
            {"departed_at", OptTimeJson(v.departed_at)},
            {"late_minutes", v.late_minutes},
            {"outcome", v.outcome},
            {"findings", v.findings},
            {"parts_used", v.parts_used},
            {"explanation", v.explanation},
            {"rating", v.rating ? boost::json::value(*v.rating) : boost::json::value(nullptr)},
            {"remarks", v.remarks},
            {"signature_file", v.signature_file ? boost::json::value(*v.signature_file) : boost::json::value(nullptr)},
            {"signer", v.signer},
            {"refusal_reason", v.refusal_reason},
            {"photos", json::ParseObject(v.photos_json).value_or(boost::json::object{})},
        });
    }
    boost::json::array receipt_list;
    for (const Receipt& r : receipts) {
        receipt_list.push_back(boost::json::object{{"number", r.number},
                                                   {"goods", r.goods},
                                                   {"issued_at", FormatRfc3339(r.issued_at)},
                                                   {"taken_back_at", OptTimeJson(r.taken_back_at)}});
    }
    boost::json::array follow_up_list;
    for (const FollowUp& f : follow_ups) {
        follow_up_list.push_back(
            boost::json::object{{"at", FormatRfc3339(f.at)}, {"satisfaction", f.satisfaction}, {"remarks", f.remarks}});
    }
    return boost::json::object{
        {"customer_id", t.customer_id.value()},
        {"customer_name", t.customer_name},
        {"phone", t.phone},
        {"district", t.district},
        {"address", t.address},
        {"product_id", t.product_id ? boost::json::value(t.product_id->value()) : boost::json::value(nullptr)},
        {"product_model", t.product_model},
        {"problem", t.problem},
        {"symptoms", t.symptoms},
        {"channel", t.channel},
        {"source", t.source},
        {"delivered_on", t.delivered_on ? boost::json::value(*t.delivered_on) : boost::json::value(nullptr)},
        {"warranty", t.warranty},
        {"agent_id", OptIdJson(t.agent_id)},
        {"technician_id", OptIdJson(t.technician_id)},
        {"window_start", OptTimeJson(t.window_start)},
        {"window_end", OptTimeJson(t.window_end)},
        {"major", t.major},
        {"tools_to_prepare", t.tools_to_prepare},
        {"calls", std::move(call_list)},
        {"visits", std::move(visit_list)},
        {"receipts", std::move(receipt_list)},
        {"follow_ups", std::move(follow_up_list)},
    };
}

}  // namespace ac::repair

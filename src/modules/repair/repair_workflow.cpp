#include "modules/repair/repair_workflow.hpp"

#include "core/json.hpp"
#include "modules/repair/repair.hpp"
#include "modules/repair/repair_repository.hpp"
#include "modules/visits/visit_inputs.hpp"

namespace ac::repair {
namespace {

using enum Role;
using kernel::ActionContext;
using kernel::ActionDef;
using kernel::FieldChange;
using kernel::InputKind;
using kernel::InputSpec;
using kernel::NotifyRule;
using kernel::TimerEffect;

using visits::Join;
using visits::Quoted;
using visits::SignedOrRefused;
using visits::Text;
using visits::TextInput;
using visits::TimeInput;
using visits::TimeJson;
using visits::WindowValid;

constexpr std::string_view kFirstContact = "repair.first_contact";
constexpr std::string_view kSlipReturn = "repair.slip_return";

Result<Ticket> Load(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(auto ticket, RepairRepository::Find(context.tx, context.document.id));
    if (!ticket) {
        return Fail(
            Error::Internal("repair ticket row missing for document " + std::to_string(context.document.id.value())));
    }
    return std::move(*ticket);
}

// Sets the visit window from the "window_start" and "window_end" inputs.
Result<std::vector<FieldChange>> PlanWindow(const ActionContext& context);

// ---- inputs ---------------------------------------------------------------------------------------------------

// The checklist confirmed on arrival: prepared (C6, Q6), the problem read (Q7), greeting and ID (Q9), the
// customer's consent (Q12), shoe covers and floor protection (Q14/Q15).
InputSpec ArrivalChecklist() {
    return InputSpec{
        .name = "arrival_checklist", .kind = InputKind::kChecklist, .checklist_template = "repair.arrival"};
}

// The checklist confirmed before leaving: nothing damaged (C9, Q20/Q21), cause and usage explained (C10), the
// three don'ts (Q11), to specification and checked against the order (Q13, Q16), waste taken away (C11, Q22),
// farewell and nothing else needed (Q24).
InputSpec DepartureChecklist() {
    return InputSpec{
        .name = "departure_checklist", .kind = InputKind::kChecklist, .checklist_template = "repair.departure"};
}

// Photos of the goods before and after the work.
std::vector<InputSpec> Photos() {
    return {visits::PhotosInput("photos_before", false), visits::PhotosInput("photos_after", false)};
}

std::vector<InputSpec> ServiceRecord(bool signature_required) {
    return visits::ServiceRecord(signature_required);
}

// ---- effects --------------------------------------------------------------------------------------------------

Result<std::vector<FieldChange>> AssignAgent(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Ticket ticket, Load(context));
    AC_RETURN_IF_ERROR(RepairRepository::SetAgent(context.tx, context.document.id, *context.inputs.assignee));
    return std::vector<FieldChange>{{"agent_id", ticket.agent_id ? std::to_string(ticket.agent_id->value()) : "null",
                                     std::to_string(context.inputs.assignee->value())}};
}

Result<std::vector<FieldChange>> LogCall(const ActionContext& context) {
    const std::string outcome = context.inputs.choices.at("outcome");
    AC_RETURN_IF_ERROR(
        RepairRepository::InsertCall(context.tx, context.document.id,
                                     Call{context.now, context.actor.staff_id, "", outcome, Text(context, "note")}));
    return std::vector<FieldChange>{};
}

Result<std::vector<FieldChange>> AgreeVisit(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Ticket ticket, Load(context));
    const Instant start = context.inputs.times.at("window_start");
    const Instant end = context.inputs.times.at("window_end");
    AC_RETURN_IF_ERROR(
        RepairRepository::InsertCall(context.tx, context.document.id,
                                     Call{context.now, context.actor.staff_id, "", "agreed", Text(context, "note")}));
    AC_RETURN_IF_ERROR(RepairRepository::SetWindow(context.tx, context.document.id, start, end));
    std::vector<FieldChange> changes{{"window_start", TimeJson(ticket.window_start), TimeJson(start)},
                                     {"window_end", TimeJson(ticket.window_end), TimeJson(end)}};
    if (!ticket.agent_id) {
        AC_RETURN_IF_ERROR(RepairRepository::SetAgent(context.tx, context.document.id, context.actor.staff_id));
        changes.push_back({"agent_id", "null", std::to_string(context.actor.staff_id.value())});
    }
    return changes;
}

// C6, Q6: the dispatcher says what to bring; the technician's visit page lists it.
Result<std::vector<FieldChange>> Dispatch(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Ticket ticket, Load(context));
    AC_RETURN_IF_ERROR(RepairRepository::SetTechnician(context.tx, context.document.id, *context.inputs.assignee));
    const std::string prepare = Text(context, "tools_to_prepare");
    AC_RETURN_IF_ERROR(RepairRepository::SetToolsToPrepare(context.tx, context.document.id, prepare));
    return std::vector<FieldChange>{
        {"technician_id", ticket.technician_id ? std::to_string(ticket.technician_id->value()) : "null",
         std::to_string(context.inputs.assignee->value())},
        {"tools_to_prepare", Quoted(ticket.tools_to_prepare), Quoted(prepare)}};
}

// Arrival opens a visit; lateness is measured against the end of the agreed window (C6, Q4).
// Q8: told before the agreed window ends, with the new window.
Status ToldInAdvance(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Ticket ticket, Load(context));
    return visits::NoticeBefore(context, ticket.window_end);
}

Result<std::vector<FieldChange>> AnnounceDelay(const ActionContext& context) {
    return PlanWindow(context);
}

Result<std::vector<FieldChange>> Arrive(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Ticket ticket, Load(context));
    Visit visit;
    visit.technician = context.actor.staff_id;
    visit.window_start = ticket.window_start;
    visit.window_end = ticket.window_end;
    visit.arrived_at = context.now;
    if (ticket.window_end && context.now > *ticket.window_end) {
        visit.late_minutes = std::chrono::duration_cast<std::chrono::minutes>(context.now - *ticket.window_end).count();
    }
    AC_RETURN_IF_ERROR(RepairRepository::OpenVisit(context.tx, context.document.id, visit));
    return std::vector<FieldChange>{{"arrived_at", "null", TimeJson(context.now)},
                                    {"late_minutes", "0", std::to_string(visit.late_minutes)}};
}

// Ends the visit in progress with `outcome` and the service record.
Result<Visit> EndVisit(const ActionContext& context, std::string outcome) {
    AC_ASSIGN_OR_RETURN(auto open, RepairRepository::OpenVisitOf(context.tx, context.document.id));
    Visit visit;
    if (open) {
        visit = *open;
    } else {
        // The return of goods from the workshop is one visit: it opens and ends now.
        AC_ASSIGN_OR_RETURN(const Ticket ticket, Load(context));
        visit.technician = context.actor.staff_id;
        visit.window_start = ticket.window_start;
        visit.window_end = ticket.window_end;
        visit.arrived_at = context.now;
        AC_ASSIGN_OR_RETURN(visit.id, RepairRepository::OpenVisit(context.tx, context.document.id, visit));
    }
    visit.departed_at = context.now;
    visit.outcome = std::move(outcome);
    visit.findings = Text(context, "findings");
    visit.parts_used = Text(context, "parts_used");
    visit.explanation = Text(context, "explanation");
    if (const auto it = context.inputs.numbers.find("rating"); it != context.inputs.numbers.end()) {
        visit.rating = static_cast<int>(it->second);
    }
    visit.remarks = Text(context, "remarks");
    visit.signature_file = context.inputs.signature_hash;
    visit.signer = context.inputs.signature ? context.inputs.signature->signer : "";
    visit.refusal_reason = Text(context, "refusal_reason");
    visit.photos_json = visits::PhotosJson(context);
    AC_RETURN_IF_ERROR(RepairRepository::CloseVisit(context.tx, visit));
    return visit;
}

std::vector<FieldChange> VisitChanges(const Visit& visit) {
    return {{"visit_outcome", "null", Quoted(visit.outcome)},
            {"rating", "null", visit.rating ? std::to_string(*visit.rating) : "null"}};
}

Result<std::vector<FieldChange>> FinishFixed(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Visit visit, EndVisit(context, "fixed"));
    return VisitChanges(visit);
}

Result<std::vector<FieldChange>> Escalate(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Visit visit, EndVisit(context, "escalated"));
    return VisitChanges(visit);
}

// C8: the goods go to the workshop against a numbered receipt given to the customer.
Result<std::vector<FieldChange>> TakeBack(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Visit visit, EndVisit(context, "taken_back"));
    AC_ASSIGN_OR_RETURN(const std::vector<Receipt> earlier,
                        RepairRepository::Receipts(context.tx, context.document.id));
    Receipt receipt;
    receipt.number = "SJ" + context.document.number.substr(2) + "-" + std::to_string(earlier.size() + 1);
    receipt.goods = Text(context, "goods");
    receipt.issued_at = context.now;
    AC_RETURN_IF_ERROR(
        RepairRepository::IssueReceipt(context.tx, context.document.id, receipt, context.actor.staff_id));
    std::vector<FieldChange> changes = VisitChanges(visit);
    changes.push_back({"receipt", "null", Quoted(receipt.number)});
    return changes;
}

// C8: the repaired goods come back; the receipt is taken back and the customer signs the repair slip.
Result<std::vector<FieldChange>> ReturnGoods(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Visit visit, EndVisit(context, "returned"));
    AC_RETURN_IF_ERROR(
        RepairRepository::TakeBackReceipts(context.tx, context.document.id, context.now, context.actor.staff_id));
    std::vector<FieldChange> changes = VisitChanges(visit);
    changes.push_back({"receipt_taken_back", "false", "true"});
    return changes;
}

Result<std::vector<FieldChange>> PlanSupport(const ActionContext& context) {
    return PlanWindow(context);
}

Result<std::vector<FieldChange>> PlanWindow(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Ticket ticket, Load(context));
    const Instant start = context.inputs.times.at("window_start");
    const Instant end = context.inputs.times.at("window_end");
    AC_RETURN_IF_ERROR(RepairRepository::SetWindow(context.tx, context.document.id, start, end));
    return std::vector<FieldChange>{{"window_start", TimeJson(ticket.window_start), TimeJson(start)},
                                    {"window_end", TimeJson(ticket.window_end), TimeJson(end)}};
}

Result<std::vector<FieldChange>> CloseMajor(const ActionContext& context) {
    AC_RETURN_IF_ERROR(RepairRepository::SetMajor(context.tx, context.document.id));
    return std::vector<FieldChange>{{"major", "false", "true"}};
}

// C13: the follow-up call, kept for the technician's assessment.
Result<std::vector<FieldChange>> FollowUpCall(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Ticket ticket, Load(context));
    const FollowUp follow_up{context.now, static_cast<int>(context.inputs.numbers.at("satisfaction")),
                             Text(context, "remarks")};
    AC_RETURN_IF_ERROR(RepairRepository::InsertFollowUp(context.tx, context.document.id, ticket.technician_id,
                                                        follow_up, context.actor.staff_id));
    return std::vector<FieldChange>{{"satisfaction", "null", std::to_string(follow_up.satisfaction)}};
}

constexpr MessageDef kMessages[] = {
    {"doc.repair_ticket", "维修登记", "Repair ticket"},
    {"doc.repair_ticket.state.registered", "已登记", "Registered"},
    {"doc.repair_ticket.state.scheduled", "已约上门", "Visit agreed"},
    {"doc.repair_ticket.state.dispatched", "已派工", "Dispatched"},
    {"doc.repair_ticket.state.on_site", "上门中", "On site"},
    {"doc.repair_ticket.state.escalated", "待支援", "Needs support"},
    {"doc.repair_ticket.state.in_workshop", "返厂维修", "In the workshop"},
    {"doc.repair_ticket.state.repaired", "已修复", "Repaired"},
    {"doc.repair_ticket.state.closed", "已结单", "Closed"},
    {"doc.repair_ticket.state.followed_up", "已回访", "Followed up"},
    {"doc.repair_ticket.state.cancelled", "已取消", "Cancelled"},
    {"doc.repair_ticket.action.assign_agent", "指派售后人员", "Assign an agent"},
    {"doc.repair_ticket.action.log_call", "记录来电/去电", "Log a call"},
    {"doc.repair_ticket.action.agree_visit", "约定上门", "Agree a visit"},
    {"doc.repair_ticket.action.dispatch", "派工", "Dispatch a technician"},
    {"doc.repair_ticket.action.arrive", "到达现场", "Arrive"},
    {"doc.repair_ticket.action.announce_delay", "告知客户改时间", "Tell the customer of a delay"},
    {"doc.repair_ticket.input.customer_notice", "已告知客户（致歉）", "Customer told (with an apology)"},
    {"doc.repair_ticket.input.tools_to_prepare", "需准备的工具和配件", "Tools and parts to bring"},
    {"doc.repair_ticket.action.finish_fixed", "修复完工", "Fixed"},
    {"doc.repair_ticket.action.escalate", "请求支援", "Escalate for support"},
    {"doc.repair_ticket.action.take_back", "带回维修", "Take the goods back"},
    {"doc.repair_ticket.action.plan_support", "安排支援", "Plan the support"},
    {"doc.repair_ticket.action.return_goods", "送回修好的商品", "Return the repaired goods"},
    {"doc.repair_ticket.action.close", "交回维修单、结单", "Repair slip back: close"},
    {"doc.repair_ticket.action.close_major", "结单并上报重大问题", "Close and report a major problem"},
    {"doc.repair_ticket.action.follow_up", "回访", "Follow-up call"},
    {"doc.repair_ticket.action.cancel", "取消", "Cancel"},
    {"doc.repair_ticket.input.assignee", "人员", "Staff member"},
    {"doc.repair_ticket.input.outcome", "结果", "Outcome"},
    {"doc.repair_ticket.input.note", "通话内容", "What was said"},
    {"doc.repair_ticket.input.window_start", "上门时间（起）", "Visit window from"},
    {"doc.repair_ticket.input.window_end", "上门时间（止）", "Visit window to"},
    {"doc.repair_ticket.input.arrival_checklist", "上门前后检查", "On arrival"},
    {"doc.repair_ticket.input.departure_checklist", "离开前检查", "Before leaving"},
    {"doc.repair_ticket.input.findings", "检查结果", "Findings"},
    {"doc.repair_ticket.input.parts_used", "使用配件", "Parts used"},
    {"doc.repair_ticket.input.explanation", "向客户说明的原因和使用建议", "Cause and usage advice given"},
    {"doc.repair_ticket.input.reason", "原因", "Reason"},
    {"doc.repair_ticket.input.goods", "带回的商品", "Goods taken back"},
    {"doc.repair_ticket.input.photos_before", "维修前照片", "Photos before"},
    {"doc.repair_ticket.input.photos_after", "维修后照片", "Photos after"},
    {"doc.repair_ticket.input.rating", "客户评分（1–5）", "Customer's rating (1-5)"},
    {"doc.repair_ticket.input.remarks", "客户意见", "Customer's remarks"},
    {"doc.repair_ticket.input.signature", "客户签名", "Customer's signature"},
    {"doc.repair_ticket.input.refusal_reason", "客户未签名的原因", "Why the customer did not sign"},
    {"doc.repair_ticket.input.slip", "维修单", "Repair slip"},
    {"doc.repair_ticket.input.return_checklist", "送回检查", "Return checklist"},
    {"doc.repair_ticket.input.satisfaction", "满意度（1–5）", "Satisfaction (1-5)"},
    {"doc.repair_ticket.choice.outcome.no_answer", "无人接听", "No answer"},
    {"doc.repair_ticket.choice.outcome.busy", "占线", "Busy"},
    {"doc.repair_ticket.choice.outcome.wrong_number", "号码错误", "Wrong number"},
    {"doc.repair_ticket.choice.outcome.reached_not_agreed", "已接通，未约定", "Reached, nothing agreed"},
    {"doc.repair_ticket.checklist.slip_returned", "维修单已交回售后部", "Repair slip returned to after-sales"},
    {"sla.repair.first_contact", "30 分钟内联系客户", "Contact within 30 minutes"},
    {"sla.repair.slip_return", "维修单交回", "Repair slip returned"},
    {"notify.repair.registered", "新的维修登记 {number}，请在 30 分钟内联系客户",
     "New repair ticket {number}: phone the customer within 30 minutes"},
    {"notify.repair.assigned", "维修登记 {number} 已指派给您（{actor}）",
     "Repair ticket {number} was assigned to you by {actor}"},
    {"notify.repair.escalated", "维修登记 {number} 现场无法解决，请求支援（{actor}）",
     "Repair ticket {number} needs support: {actor} could not fix it on site"},
    {"notify.repair.major", "维修登记 {number} 上报重大问题（{actor}）",
     "Repair ticket {number}: a major problem reported by {actor}"},
    {"repair.channel", "应为：电话、信函、来访、网上", "must be phone, letter, visit or web"},
    {"repair.store_required", "总部人员登记时须指定门店", "head-office staff must name the store"},
};

}  // namespace

kernel::DocumentType TicketType() {
    const RoleSet desk = RolesOf({kAftersalesAgent, kAftersalesSupervisor, kAftersalesHead});
    const RoleSet leads = RolesOf({kAftersalesSupervisor, kAftersalesHead});
    const RoleSet technicians = RolesOf({kTechnician});
    kernel::DocumentType type;
    type.type = std::string(kType);
    type.prefix = "WX";
    type.resource = std::string(kResource);
    type.states = {"registered",  "scheduled", "dispatched", "on_site",     "escalated",
                   "in_workshop", "repaired",  "closed",     "followed_up", "cancelled"};
    type.initial_state = "registered";
    // C1: salespeople and the store register; C4: after-sales registers directly.
    type.creators = RolesOf({kSalesperson, kStoreManager, kAftersalesAgent, kAftersalesSupervisor, kAftersalesHead});
    type.timers_on_create = {std::string(kFirstContact)};
    // C2: the form reaches after-sales at once and they are told to phone the customer.
    type.notify_on_create = {NotifyRule{NotifyRule::To::kStoreRole, kAftersalesAgent, "notify.repair.registered"},
                             NotifyRule{NotifyRule::To::kStoreRole, kAftersalesSupervisor, "notify.repair.registered"}};
    const std::vector<InputSpec> service_record = ServiceRecord(false);
    type.actions = {
        ActionDef{.name = "assign_agent",
                  .from = {"registered"},
                  .roles = desk,
                  .inputs = {InputSpec{.name = "assignee",
                                       .kind = InputKind::kAssignee,
                                       .assignee_roles = RolesOf({kAftersalesAgent, kAftersalesSupervisor})}},
                  .effect = AssignAgent,
                  .notify = {NotifyRule{NotifyRule::To::kAssignee, kAftersalesAgent, "notify.repair.assigned"}}},
        ActionDef{.name = "log_call",
                  .from = {"registered", "scheduled", "dispatched"},
                  .roles = desk,
                  .inputs = {InputSpec{.name = "outcome",
                                       .kind = InputKind::kChoice,
                                       .options = {"no_answer", "busy", "wrong_number", "reached_not_agreed"}},
                             TextInput("note", false, 500)},
                  .effect = LogCall},
        // C3/C5: only a call that agrees the visit stops the 30-minute timer.
        ActionDef{.name = "agree_visit",
                  .from = {"registered"},
                  .to = "scheduled",
                  .roles = desk,
                  .inputs = {TimeInput("window_start"), TimeInput("window_end"), TextInput("note", true, 500)},
                  .guards = {WindowValid},
                  .effect = AgreeVisit,
                  .timers = {TimerEffect{TimerEffect::Op::kStop, std::string(kFirstContact)}}},
        ActionDef{.name = "dispatch",
                  .from = {"scheduled"},
                  .to = "dispatched",
                  .roles = desk,
                  .inputs = {InputSpec{.name = "assignee", .kind = InputKind::kAssignee, .assignee_roles = technicians},
                             TextInput("tools_to_prepare", true, 500)},
                  .effect = Dispatch,
                  .notify = {NotifyRule{NotifyRule::To::kAssignee, kTechnician, "notify.repair.assigned"}}},
        // Q8: late or unable to come, the customer is told in advance, with an apology and a new window.
        ActionDef{.name = "announce_delay",
                  .from = {"dispatched"},
                  .roles = RolesOf({kTechnician, kAftersalesAgent, kAftersalesSupervisor}),
                  .inputs = {InputSpec{.name = "customer_notice", .kind = InputKind::kCustomerNotice},
                             TimeInput("window_start"), TimeInput("window_end")},
                  .guards = {ToldInAdvance, WindowValid},
                  .effect = AnnounceDelay},
        ActionDef{.name = "arrive",
                  .from = {"dispatched"},
                  .to = "on_site",
                  .roles = technicians,
                  .assignee_only = true,
                  .inputs = {ArrivalChecklist()},
                  .effect = Arrive},
        ActionDef{.name = "finish_fixed",
                  .from = {"on_site"},
                  .to = "repaired",
                  .roles = technicians,
                  .assignee_only = true,
                  .inputs = Join({TextInput("findings", true), TextInput("parts_used", false),
                                  TextInput("explanation", true), DepartureChecklist()},
                                 Join(Photos(), service_record)),
                  .guards = {SignedOrRefused},
                  .effect = FinishFixed,
                  .timers = {TimerEffect{TimerEffect::Op::kStart, std::string(kSlipReturn)}}},
        // C7: what cannot be solved on site goes back to after-sales for support.
        ActionDef{.name = "escalate",
                  .from = {"on_site"},
                  .to = "escalated",
                  .roles = technicians,
                  .assignee_only = true,
                  .inputs = Join({TextInput("findings", true), TextInput("reason", true), DepartureChecklist()},
                                 Join(Photos(), service_record)),
                  .guards = {SignedOrRefused},
                  .effect = Escalate,
                  .notify = {NotifyRule{NotifyRule::To::kStoreRole, kAftersalesSupervisor, "notify.repair.escalated"}}},
        // C8, Q19: goods that cannot be fixed on site are taken back against a receipt.
        ActionDef{.name = "take_back",
                  .from = {"on_site"},
                  .to = "in_workshop",
                  .roles = technicians,
                  .assignee_only = true,
                  .inputs = Join({TextInput("findings", true), TextInput("goods", true, 200), DepartureChecklist()},
                                 Join(Photos(), service_record)),
                  .guards = {SignedOrRefused},
                  .effect = TakeBack},
        ActionDef{.name = "plan_support",
                  .from = {"escalated"},
                  .to = "dispatched",
                  .roles = leads,
                  .inputs = {TimeInput("window_start"), TimeInput("window_end"), TextInput("note", true, 500)},
                  .guards = {WindowValid},
                  .effect = PlanSupport},
        // C8: the receipt is taken back and the customer signs the repair slip (a refusal does not do here).
        ActionDef{.name = "return_goods",
                  .from = {"in_workshop"},
                  .to = "repaired",
                  .roles = technicians,
                  .assignee_only = true,
                  .inputs = Join({InputSpec{.name = "return_checklist",
                                            .kind = InputKind::kChecklist,
                                            .checklist_template = "repair.return"}},
                                 ServiceRecord(true)),
                  .effect = ReturnGoods,
                  .timers = {TimerEffect{TimerEffect::Op::kStart, std::string(kSlipReturn)}}},
        // C12: the repair slip back at after-sales closes the ticket; a major problem goes to the head.
        ActionDef{.name = "close",
                  .from = {"repaired"},
                  .to = "closed",
                  .roles = desk,
                  .inputs = {InputSpec{.name = "slip", .kind = InputKind::kChecklist, .checklist = {"slip_returned"}}},
                  .timers = {TimerEffect{TimerEffect::Op::kStop, std::string(kSlipReturn)}}},
        ActionDef{.name = "close_major",
                  .from = {"repaired"},
                  .to = "closed",
                  .roles = desk,
                  .inputs = {InputSpec{.name = "slip", .kind = InputKind::kChecklist, .checklist = {"slip_returned"}},
                             TextInput("reason", true, 500)},
                  .effect = CloseMajor,
                  .timers = {TimerEffect{TimerEffect::Op::kStop, std::string(kSlipReturn)}},
                  .notify = {NotifyRule{NotifyRule::To::kStoreRole, kAftersalesHead, "notify.repair.major"}}},
        // C13: the follow-up call.
        ActionDef{.name = "follow_up",
                  .from = {"closed"},
                  .to = "followed_up",
                  .roles = desk,
                  .inputs = {InputSpec{.name = "satisfaction", .kind = InputKind::kNumber, .min = 1, .max = 5},
                             TextInput("remarks", false, 500)},
                  .effect = FollowUpCall},
        ActionDef{.name = "cancel",
                  .from = {"registered", "scheduled", "dispatched"},
                  .to = "cancelled",
                  .roles = leads,
                  .inputs = {TextInput("reason", true, 500)},
                  .timers = {TimerEffect{TimerEffect::Op::kStop, std::string(kFirstContact)}}},
    };
    return type;
}

void AddChecklists(kernel::Registry& registry) {
    using kernel::ChecklistItem;
    // On arrival: prepared (C6, Q6), the problem read (Q7), greeting and ID (Q9), consent (Q12), shoe covers and
    // floor protection (Q14, Q15).
    registry.AddChecklist(
        {"repair.arrival",
         {ChecklistItem{"tools_prepared", "已备好可能需要的工具和配件", "Tools and likely parts prepared"},
          ChecklistItem{"problem_read", "上门前已阅读登记的问题", "Read the registered problem"},
          ChecklistItem{"greeted_with_id", "微笑问候、自我介绍并出示工作证", "Greeted, introduced myself, showed ID"},
          ChecklistItem{"consent", "经客户同意后开始工作", "Started with the customer's consent"},
          ChecklistItem{"protection", "已穿鞋套、铺好地面保护", "Shoe covers on, floor protected"}}});
    // Before leaving: nothing damaged and the customer not disturbed (C9, Q20, Q21), explained (C10), the three
    // don'ts (Q11), to specification and checked against the order (Q13, Q16), waste taken away (C11, Q22),
    // farewell (Q24).
    const ChecklistItem no_damage{"no_damage", "未损坏客户家中其他物品，未打扰客户休息用餐",
                                  "Nothing else damaged, the customer not disturbed"};
    const ChecklistItem to_specification{"to_specification", "按规范操作，无漏装错装，与订单核对无误",
                                         "To specification, checked against the order"};
    const ChecklistItem cleaned_up{"cleaned_up", "已清理并带走作业垃圾", "Waste cleaned up and taken away"};
    const ChecklistItem farewell{"farewell", "已道别并询问是否还有其他需要",
                                 "Said goodbye and asked if anything else is needed"};
    registry.AddChecklist(
        {"repair.departure",
         {no_damage,
          ChecklistItem{"explained", "已向客户说明故障原因和使用注意事项", "Explained the cause and how to use it"},
          ChecklistItem{"three_donts", "三不要：不吃喝、不收礼，不乱动客户物品，不乱说话", "The three don'ts kept"},
          to_specification, cleaned_up, farewell}});
    // Returning repaired goods: the receipt taken back (C8) and the same care.
    registry.AddChecklist({"repair.return",
                           {ChecklistItem{"receipt_taken_back", "已收回取件收据", "Receipt taken back"},
                            to_specification, no_damage, cleaned_up, farewell}});
}

void AddPolicies(kernel::Policies& policies) {
    using kernel::DeadlineRule;
    policies.Add(kernel::PolicyDef{std::string(kFirstContact),
                                   DeadlineRule{.kind = DeadlineRule::Kind::kElapsedMinutes, .minutes = 30}});
    policies.Add(kernel::PolicyDef{std::string(kSlipReturn),
                                   DeadlineRule{.kind = DeadlineRule::Kind::kEndOfDay, .days_after = 1}});
}

std::span<const MessageDef> Messages() {
    return kMessages;
}

}  // namespace ac::repair

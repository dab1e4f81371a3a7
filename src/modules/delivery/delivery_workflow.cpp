#include "modules/delivery/delivery_workflow.hpp"

#include "core/json.hpp"
#include "modules/contracts/contract_workflow.hpp"
#include "modules/delivery/delivery_repository.hpp"
#include "modules/visits/visit_inputs.hpp"

namespace ac::delivery {
namespace {

using enum Role;
using kernel::ActionContext;
using kernel::ActionDef;
using kernel::FieldChange;
using kernel::InputKind;
using kernel::InputSpec;
using kernel::NotifyRule;
using kernel::TimerEffect;
using visits::Quoted;
using visits::Text;
using visits::TextInput;
using visits::TimeInput;
using visits::TimeJson;

constexpr std::string_view kVoucherReturn = "delivery.voucher_return";

Result<Job> Load(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(auto job, DeliveryRepository::Find(context.tx, context.document.id));
    if (!job) {
        return Fail(
            Error::Internal("delivery job row missing for document " + std::to_string(context.document.id.value())));
    }
    return std::move(*job);
}

InputSpec Checklist(std::string name, std::string template_name) {
    return InputSpec{
        .name = std::move(name), .kind = InputKind::kChecklist, .checklist_template = std::move(template_name)};
}

InputSpec Notice() {
    return InputSpec{.name = "customer_notice", .kind = InputKind::kCustomerNotice};
}

std::string IdJson(const std::optional<StaffId>& id) {
    return id ? std::to_string(id->value()) : "null";
}

std::vector<FieldChange> WindowChanges(const Job& before, Instant start, Instant end) {
    return {{"window_start", TimeJson(before.window_start), TimeJson(start)},
            {"window_end", TimeJson(before.window_end), TimeJson(end)}};
}

// B1: the date, time window, address and crew.
Result<std::vector<FieldChange>> Schedule(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(Job job, Load(context));
    const Job before = job;
    job.window_start = context.inputs.times.at("window_start");
    job.window_end = context.inputs.times.at("window_end");
    job.installer_id = context.inputs.assignee;
    job.crew = Text(context, "crew");
    if (const std::string address = Text(context, "address"); !address.empty()) {
        job.address = address;
    }
    AC_RETURN_IF_ERROR(DeliveryRepository::Update(context.tx, job));
    std::vector<FieldChange> changes = WindowChanges(before, *job.window_start, *job.window_end);
    changes.push_back({"installer_id", IdJson(before.installer_id), IdJson(job.installer_id)});
    if (job.address != before.address) {
        changes.push_back({"address", Quoted(before.address), Quoted(job.address)});
    }
    if (job.crew != before.crew) {
        changes.push_back({"crew", Quoted(before.crew), Quoted(job.crew)});
    }
    return changes;
}

// The dispatch board moves a job to another crew (before the slip went out).
Result<std::vector<FieldChange>> Reassign(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(Job job, Load(context));
    const std::optional<StaffId> before = job.installer_id;
    job.installer_id = context.inputs.assignee;
    job.slip_sent_at.reset();
    AC_RETURN_IF_ERROR(DeliveryRepository::Update(context.tx, job));
    return std::vector<FieldChange>{{"installer_id", IdJson(before), IdJson(job.installer_id)}};
}

// B2: the customer confirmed name, time and model.
Result<std::vector<FieldChange>> Confirm(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(Job job, Load(context));
    job.confirmed_at = context.inputs.notice->contacted_at;
    AC_RETURN_IF_ERROR(DeliveryRepository::Update(context.tx, job));
    return std::vector<FieldChange>{{"confirmed_at", "null", TimeJson(job.confirmed_at)}};
}

Status NoticeNotAhead(const ActionContext& context) {
    return visits::NoticeBefore(context, std::nullopt);
}

// B12: the slip goes to the crew ahead of the visit.
Status AheadOfVisit(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Job job, Load(context));
    if (job.window_start && context.now >= *job.window_start) {
        return Fail(Error::Make(ErrorCode::kFailedPrecondition, "delivery.slip_too_late"));
    }
    return Ok();
}

Result<std::vector<FieldChange>> SendSlip(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(Job job, Load(context));
    job.slip_sent_at = context.now;
    AC_RETURN_IF_ERROR(DeliveryRepository::Update(context.tx, job));
    return std::vector<FieldChange>{{"slip_sent_at", "null", TimeJson(job.slip_sent_at)}};
}

// B3, Q8: told before the agreed time, with the reason; then the new time.
Status ToldBeforeAgreedTime(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Job job, Load(context));
    return visits::NoticeBefore(context, job.window_start);
}

Result<std::vector<FieldChange>> Rechedule(const ActionContext& context, std::string kind) {
    AC_ASSIGN_OR_RETURN(Job job, Load(context));
    const Job before = job;
    Change change;
    change.kind = std::move(kind);
    change.at = context.now;
    change.staff_id = context.actor.staff_id;
    change.reason = Text(context, "reason");
    change.goods = Text(context, "goods");
    change.old_start = job.window_start;
    change.old_end = job.window_end;
    change.new_start = context.inputs.times.at("window_start");
    change.new_end = context.inputs.times.at("window_end");
    change.notice_at = context.inputs.notice->contacted_at;
    AC_RETURN_IF_ERROR(DeliveryRepository::InsertChange(context.tx, job.id, change));
    job.window_start = change.new_start;
    job.window_end = change.new_end;
    job.confirmed_at.reset();
    job.slip_sent_at.reset();
    job.inspected_at.reset();
    AC_RETURN_IF_ERROR(DeliveryRepository::Update(context.tx, job));
    return WindowChanges(before, change.new_start, change.new_end);
}

// B4: unpacked, inspected and repacked, with photos.
Result<std::vector<FieldChange>> Inspect(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(Job job, Load(context));
    job.inspected_at = context.now;
    job.photos_json = visits::PhotosJson(context);
    AC_RETURN_IF_ERROR(DeliveryRepository::Update(context.tx, job));
    return std::vector<FieldChange>{{"inspected_at", "null", TimeJson(job.inspected_at)}};
}

Result<std::vector<FieldChange>> Arrive(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(Job job, Load(context));
    job.arrived_at = context.now;
    job.late_minutes = 0;
    if (job.window_end && context.now > *job.window_end) {
        job.late_minutes = std::chrono::duration_cast<std::chrono::minutes>(context.now - *job.window_end).count();
    }
    AC_RETURN_IF_ERROR(DeliveryRepository::Update(context.tx, job));
    return std::vector<FieldChange>{{"arrived_at", "null", TimeJson(job.arrived_at)},
                                    {"late_minutes", "0", std::to_string(job.late_minutes)}};
}

// B10, Q23: the customer inspected the goods and signed for them; the goods leave the warehouse's books and the
// contract is delivered.
Result<std::vector<FieldChange>> SignOff(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(Job job, Load(context));
    job.signed_at = context.now;
    job.signer = context.inputs.signature->signer;
    job.signature_file = context.inputs.signature_hash;
    job.rating = static_cast<int>(context.inputs.numbers.at("rating"));
    job.remarks = Text(context, "remarks");
    if (!context.inputs.photo_hashes.empty()) {
        // Keep the inspection photos beside the ones taken after the work.
        auto before = json::ParseObject(job.photos_json).value_or(boost::json::object{});
        auto after = json::ParseObject(visits::PhotosJson(context)).value_or(boost::json::object{});
        for (auto& [key, value] : after) {
            before[key] = value;
        }
        job.photos_json = json::Serialize(before);
    }
    AC_RETURN_IF_ERROR(DeliveryRepository::Update(context.tx, job));
    AC_RETURN_IF_ERROR(contracts::IssueGoods(context, job.contract_id));
    context.Then(job.contract_id, "delivered");
    return std::vector<FieldChange>{{"signed_at", "null", TimeJson(job.signed_at)},
                                    {"rating", "null", std::to_string(*job.rating)}};
}

// B15: the voucher is back; the salesperson is told.
Result<std::vector<FieldChange>> ReturnVoucher(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(Job job, Load(context));
    job.voucher_returned_at = context.now;
    AC_RETURN_IF_ERROR(DeliveryRepository::Update(context.tx, job));
    return std::vector<FieldChange>{{"voucher_returned_at", "null", TimeJson(job.voucher_returned_at)}};
}

Result<std::vector<StaffId>> Salesperson(storage::Transaction& tx, const kernel::Document& document) {
    AC_ASSIGN_OR_RETURN(const auto job, DeliveryRepository::Find(tx, document.id));
    if (!job) {
        return std::vector<StaffId>{};
    }
    AC_ASSIGN_OR_RETURN(const auto contract, contracts::FindContract(tx, job->contract_id));
    if (!contract) {
        return std::vector<StaffId>{};
    }
    return std::vector<StaffId>{contract->salesperson_id};
}

// B16: the follow-up call, kept for the crew leader's assessment.
Result<std::vector<FieldChange>> FollowUpCall(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const Job job, Load(context));
    FollowUp follow_up;
    follow_up.at = context.now;
    follow_up.installer_id = job.installer_id;
    follow_up.satisfaction = static_cast<int>(context.inputs.numbers.at("satisfaction"));
    follow_up.remarks = Text(context, "remarks");
    AC_RETURN_IF_ERROR(DeliveryRepository::InsertFollowUp(context.tx, job.id, follow_up, context.actor.staff_id));
    return std::vector<FieldChange>{{"satisfaction", "null", std::to_string(follow_up.satisfaction)}};
}

constexpr MessageDef kMessages[] = {
    {"doc.delivery_job", "送货安装单", "Delivery job"},
    {"doc.delivery_job.state.to_schedule", "待安排", "To schedule"},
    {"doc.delivery_job.state.scheduled", "已安排", "Scheduled"},
    {"doc.delivery_job.state.confirmed", "已确认", "Confirmed with the customer"},
    {"doc.delivery_job.state.slip_sent", "已派提货单", "Slip sent to the crew"},
    {"doc.delivery_job.state.inspected", "已开箱检验", "Inspected"},
    {"doc.delivery_job.state.on_site", "现场安装中", "On site"},
    {"doc.delivery_job.state.delivered", "已签收", "Signed for"},
    {"doc.delivery_job.state.voucher_returned", "凭证已交回", "Voucher returned"},
    {"doc.delivery_job.state.followed_up", "已回访", "Followed up"},
    {"doc.delivery_job.state.cancelled", "已取消", "Cancelled"},
    {"doc.delivery_job.action.schedule", "安排送货", "Schedule"},
    {"doc.delivery_job.action.reassign", "改派安装组", "Reassign the crew"},
    {"doc.delivery_job.action.confirm", "与客户确认", "Confirm with the customer"},
    {"doc.delivery_job.action.send_slip", "发提货单给安装工", "Send the slip to the crew"},
    {"doc.delivery_job.action.reschedule", "告知客户改期", "Tell the customer of a delay"},
    {"doc.delivery_job.action.inspect", "出发前开箱检验", "Inspect before leaving"},
    {"doc.delivery_job.action.replace_goods", "更换商品", "Replace the goods"},
    {"doc.delivery_job.action.arrive", "到达客户家", "Arrive"},
    {"doc.delivery_job.action.sign_off", "客户验收签收", "Customer inspects and signs"},
    {"doc.delivery_job.action.return_voucher", "交回送货凭证", "Voucher back at after-sales"},
    {"doc.delivery_job.action.follow_up", "回访", "Follow-up call"},
    {"doc.delivery_job.action.cancel", "取消", "Cancel"},
    {"doc.delivery_job.input.window_start", "送货时间（起）", "Delivery window from"},
    {"doc.delivery_job.input.window_end", "送货时间（止）", "Delivery window to"},
    {"doc.delivery_job.input.assignee", "安装组负责人", "Crew leader"},
    {"doc.delivery_job.input.crew", "其他安装人员", "Other crew members"},
    {"doc.delivery_job.input.address", "送货地址（如有变更）", "Delivery address (if changed)"},
    {"doc.delivery_job.input.customer_notice", "已联系客户", "Customer contacted"},
    {"doc.delivery_job.input.confirmation", "确认内容", "Confirmed"},
    {"doc.delivery_job.input.reason", "原因（已向客户致歉）", "Reason (with an apology)"},
    {"doc.delivery_job.input.goods", "更换并带回的商品", "Goods replaced and taken back"},
    {"doc.delivery_job.input.inspection", "开箱检验", "Inspection"},
    {"doc.delivery_job.input.inspection_photos", "检验照片", "Inspection photos"},
    {"doc.delivery_job.input.notes", "备注", "Notes"},
    {"doc.delivery_job.input.arrival_checklist", "进门检查", "On arrival"},
    {"doc.delivery_job.input.departure_checklist", "离开前检查", "Before leaving"},
    {"doc.delivery_job.input.photos_after", "安装后照片", "Photos after"},
    {"doc.delivery_job.input.rating", "客户评分（1–5）", "Customer's rating (1-5)"},
    {"doc.delivery_job.input.remarks", "客户意见", "Customer's remarks"},
    {"doc.delivery_job.input.signature", "客户签收", "Customer's signature"},
    {"doc.delivery_job.input.voucher", "送货凭证", "Delivery voucher"},
    {"doc.delivery_job.input.satisfaction", "满意度（1–5）", "Satisfaction (1-5)"},
    {"doc.delivery_job.checklist.voucher_returned", "客户签收的送货凭证已交回售后部",
     "The signed delivery voucher is back at after-sales"},
    {"sla.delivery.voucher_return", "送货凭证交回", "Delivery voucher returned"},
    {"notify.delivery.ready", "合同货已齐，请安排送货 {number}", "Goods are in: schedule delivery {number}"},
    {"notify.delivery.assigned", "送货安装 {number} 已安排给您（{actor}）",
     "Delivery {number} was given to you by {actor}"},
    {"notify.delivery.slip", "送货安装 {number} 的提货单已发给您，请提前查看",
     "The installation slip of {number} is ready for you: read it before the visit"},
    {"notify.delivery.replaced", "送货安装 {number} 更换了商品（{actor}），已与客户约定新时间",
     "Delivery {number}: goods replaced by {actor}, a new time agreed with the customer"},
    {"notify.delivery.completed", "您的客户已签收送货 {number}", "Your customer signed for delivery {number}"},
    {"delivery.slip_too_late", "提货单应在送货时间之前发出", "the slip must go out before the delivery time"},
};

}  // namespace

kernel::DocumentType JobType() {
    const RoleSet desk = RolesOf({kAftersalesAgent, kAftersalesSupervisor, kAftersalesHead});
    const RoleSet leads = RolesOf({kAftersalesSupervisor, kAftersalesHead});
    const RoleSet installers = RolesOf({kInstaller});
    const InputSpec crew_leader{.name = "assignee", .kind = InputKind::kAssignee, .assignee_roles = installers};
    kernel::DocumentType type;
    type.type = std::string(kType);
    type.prefix = "SH";
    type.resource = std::string(kResource);
    type.states = {"to_schedule", "scheduled", "confirmed",        "slip_sent",   "inspected",
                   "on_site",     "delivered", "voucher_returned", "followed_up", "cancelled"};
    type.initial_state = "to_schedule";
    // Created by a contract whose goods are all in stock (A6), never by hand.
    type.creators = RolesOf({kOrderFollower});
    type.notify_on_create = {NotifyRule{NotifyRule::To::kStoreRole, kAftersalesAgent, "notify.delivery.ready"},
                             NotifyRule{NotifyRule::To::kStoreRole, kAftersalesSupervisor, "notify.delivery.ready"}};
    const NotifyRule tell_crew{NotifyRule::To::kAssignee, kInstaller, "notify.delivery.assigned"};
    const std::vector<InputSpec> new_window{TimeInput("window_start"), TimeInput("window_end")};
    type.actions = {
        ActionDef{.name = "schedule",
                  .from = {"to_schedule"},
                  .to = "scheduled",
                  .roles = desk,
                  .inputs = {TimeInput("window_start"), TimeInput("window_end"), crew_leader,
                             TextInput("crew", false, 200), TextInput("address", false, 200)},
                  .guards = {visits::WindowValid},
                  .effect = Schedule,
                  .notify = {tell_crew}},
        ActionDef{.name = "reassign",
                  .from = {"scheduled", "confirmed"},
                  .roles = desk,
                  .inputs = {crew_leader},
                  .effect = Reassign,
                  .notify = {tell_crew}},
        ActionDef{.name = "confirm",
                  .from = {"scheduled"},
                  .to = "confirmed",
                  .roles = desk,
                  .inputs = {Notice(), Checklist("confirmation", "delivery.confirmation")},
                  .guards = {NoticeNotAhead},
                  .effect = Confirm},
        ActionDef{.name = "send_slip",
                  .from = {"confirmed"},
                  .to = "slip_sent",
                  .roles = desk,
                  .guards = {AheadOfVisit},
                  .effect = SendSlip,
                  .notify = {NotifyRule{NotifyRule::To::kAssignee, kInstaller, "notify.delivery.slip"}}},
        ActionDef{.name = "reschedule",
                  .from = {"scheduled", "confirmed", "slip_sent", "inspected"},
                  .to = "scheduled",
                  .roles = RolesOf({kAftersalesAgent, kAftersalesSupervisor, kAftersalesHead, kInstaller}),
                  .inputs = visits::Join({Notice(), TextInput("reason", true, 500)}, new_window),
                  .guards = {ToldBeforeAgreedTime, visits::WindowValid},
                  .effect = [](const ActionContext& c) { return Rechedule(c, "delay"); }},
        ActionDef{.name = "inspect",
                  .from = {"slip_sent"},
                  .to = "inspected",
                  .roles = installers,
                  .assignee_only = true,
                  .inputs = {Checklist("inspection", "delivery.inspection"),
                             visits::PhotosInput("inspection_photos", true), TextInput("notes", false, 500)},
                  .effect = Inspect},
        ActionDef{
            .name = "replace_goods",
            .from = {"inspected", "on_site"},
            .to = "scheduled",
            .roles = RolesOf({kAftersalesSupervisor, kInstaller}),
            .inputs =
                visits::Join({TextInput("goods", true, 200), TextInput("reason", true, 500), Notice()}, new_window),
            .guards = {NoticeNotAhead, visits::WindowValid},
            .effect = [](const ActionContext& c) { return Rechedule(c, "replacement"); },
            .notify = {NotifyRule{NotifyRule::To::kStoreRole, kAftersalesSupervisor, "notify.delivery.replaced"}}},
        ActionDef{.name = "arrive",
                  .from = {"inspected"},
                  .to = "on_site",
                  .roles = installers,
                  .assignee_only = true,
                  .inputs = {Checklist("arrival_checklist", "delivery.arrival")},
                  .effect = Arrive},
        ActionDef{.name = "sign_off",
                  .from = {"on_site"},
                  .to = "delivered",
                  .roles = installers,
                  .assignee_only = true,
                  .inputs = visits::Join({Checklist("departure_checklist", "delivery.departure"),
                                          visits::PhotosInput("photos_after", false)},
                                         visits::ServiceRecord(true, false)),
                  .effect = SignOff,
                  .timers = {TimerEffect{TimerEffect::Op::kStart, std::string(kVoucherReturn)}}},
        ActionDef{
            .name = "return_voucher",
            .from = {"delivered"},
            .to = "voucher_returned",
            .roles = desk,
            .inputs = {InputSpec{.name = "voucher", .kind = InputKind::kChecklist, .checklist = {"voucher_returned"}}},
            .effect = ReturnVoucher,
            .timers = {TimerEffect{TimerEffect::Op::kStop, std::string(kVoucherReturn)}},
            .notify = {NotifyRule{
                .to = NotifyRule::To::kNamed, .message_key = "notify.delivery.completed", .named = Salesperson}}},
        ActionDef{.name = "follow_up",
                  .from = {"voucher_returned"},
                  .to = "followed_up",
                  .roles = desk,
                  .inputs = {InputSpec{.name = "satisfaction", .kind = InputKind::kNumber, .min = 1, .max = 5},
                             TextInput("remarks", false, 500)},
                  .effect = FollowUpCall},
        ActionDef{.name = "cancel",
                  .from = {"to_schedule", "scheduled", "confirmed"},
                  .to = "cancelled",
                  .roles = leads,
                  .inputs = {TextInput("reason", true, 500)}},
    };
    return type;
}

kernel::CreateRequest JobFor(const contracts::Contract& contract, const kernel::Document& document) {
    kernel::CreateRequest create;
    create.type = std::string(kType);
    create.store_id = document.store_id;
    create.fields = {{"contract_id", "null", std::to_string(contract.id.value())}};
    create.comment = document.number;
    create.write = [contract](storage::Transaction& tx, const kernel::Document& job_document) -> Status {
        Job job;
        job.contract_id = contract.id;
        job.customer_name = contract.customer_name;
        job.phone = contract.phone;
        job.address = (contract.district.empty() ? "" : contract.district + " ") + contract.address;
        job.installation_requirements = contract.installation_requirements;
        return DeliveryRepository::Insert(tx, job_document.id, job);
    };
    return create;
}

void AddChecklists(kernel::Registry& registry) {
    using kernel::ChecklistItem;
    // B2: before delivery the customer confirms name, time and model.
    registry.AddChecklist({"delivery.confirmation",
                           {ChecklistItem{"name_confirmed", "已核对客户姓名", "Customer's name confirmed"},
                            ChecklistItem{"time_confirmed", "已确认送货时间", "Delivery time confirmed"},
                            ChecklistItem{"model_confirmed", "已核对商品型号", "Product model confirmed"}}});
    // B4: unpacked, inspected, repacked before the crew leaves.
    registry.AddChecklist({"delivery.inspection",
                           {ChecklistItem{"unpacked", "已开箱", "Unpacked"},
                            ChecklistItem{"inspected", "已检验商品无损坏、配件齐全", "Inspected: undamaged, complete"},
                            ChecklistItem{"repacked", "已重新包装", "Repacked"},
                            ChecklistItem{"slip_read", "已阅读提货单和安装要求", "Read the slip and requirements"}}});
    // At the door: greeting and introduction (B6, Q9), ID (B13), shoe covers (B7, Q14), floor protected (B9, Q15).
    registry.AddChecklist(
        {"delivery.arrival",
         {ChecklistItem{"greeted", "礼貌问候，自我介绍是本店售后人员", "Greeted, introduced as the store's staff"},
          ChecklistItem{"id_shown", "佩戴并出示工作证", "Carrying and showing ID"},
          ChecklistItem{"shoe_covers", "进门前穿好鞋套", "Shoe covers on before entering"},
          ChecklistItem{"floor_protected", "作业区域地面已保护", "Floor protected while working"}}});
    // Before leaving: placed where wanted, lifted not dragged (B8), installed to specification (Q13, Q16), nothing
    // damaged (Q20, Q21), explained (Q10), waste cleaned up and taken away (B14, Q22), the customer inspected the
    // goods (B10), farewell (Q24).
    registry.AddChecklist(
        {"delivery.departure",
         {ChecklistItem{"placed_as_wanted", "按客户要求摆放，搬运时抬起、未拖拉",
                        "Placed as wanted, lifted not dragged"},
          ChecklistItem{"to_specification", "按规范安装，与订单核对无误",
                        "Installed to specification, checked against the order"},
          ChecklistItem{"no_damage", "未损坏客户家中物品", "Nothing of the customer's damaged"},
          ChecklistItem{"explained", "已向客户说明使用和保养方法", "Use and care explained"},
          ChecklistItem{"waste_removed", "包装垃圾已清理并带走", "Packaging waste cleaned up and taken away"},
          ChecklistItem{"customer_inspected", "客户已验收商品", "The customer inspected the goods"},
          ChecklistItem{"farewell", "已道别并询问是否还有其他需要",
                        "Said goodbye and asked if anything else is needed"}}});
}

void AddPolicies(kernel::Policies& policies) {
    using kernel::DeadlineRule;
    policies.Add(kernel::PolicyDef{std::string(kVoucherReturn),
                                   DeadlineRule{.kind = DeadlineRule::Kind::kEndOfDay, .days_after = 1}});
}

std::span<const MessageDef> Messages() {
    return kMessages;
}

}  // namespace ac::delivery

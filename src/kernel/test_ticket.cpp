#include "kernel/test_ticket.hpp"

#include "storage/transaction_runner.hpp"

namespace ac::kernel::test_ticket {
namespace {

using enum Role;

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS kernel_test_tickets ("
    " document_id BIGINT PRIMARY KEY REFERENCES documents (id),"
    " title TEXT NOT NULL,"
    " appointment_at_ms BIGINT)";

Status SetAppointment(storage::Transaction& tx, DocumentId id, Instant at) {
    AC_RETURN_IF_ERROR(
        tx.Execute("UPDATE kernel_test_tickets SET appointment_at_ms = $2 WHERE document_id = $1", {id, at}));
    return Ok();
}

std::string TimeJson(const std::optional<Instant>& at) {
    if (!at) {
        return "null";
    }
    std::string json(1, '"');
    json.append(FormatRfc3339(*at));
    json.push_back('"');
    return json;
}

// The appointment input must lie ahead.
Status AppointmentAhead(const ActionContext& context) {
    const auto it = context.inputs.times.find("appointment");
    if (it != context.inputs.times.end() && it->second <= context.now) {
        return Fail(Error::Validation({FieldError{"inputs.appointment", Message{"test.appointment_past", {}}}}));
    }
    return Ok();
}

// Rescheduling: the customer must have been told before the appointment that is being moved.
Status NoticeBeforeAppointment(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const auto fields, Load(context.tx, context.document.id));
    if (fields && fields->appointment && context.inputs.notice &&
        context.inputs.notice->contacted_at >= *fields->appointment) {
        return Fail(Error::Validation(
            {FieldError{"inputs.customer_notice.contacted_at", Message{"test.notice_too_late", {}}}}));
    }
    return Ok();
}

Result<std::vector<FieldChange>> WriteAppointment(const ActionContext& context) {
    AC_ASSIGN_OR_RETURN(const auto fields, Load(context.tx, context.document.id));
    const Instant at = context.inputs.times.at("appointment");
    AC_RETURN_IF_ERROR(SetAppointment(context.tx, context.document.id, at));
    return std::vector<FieldChange>{
        FieldChange{"appointment", TimeJson(fields ? fields->appointment : std::nullopt), TimeJson(at)}};
}

InputSpec Notice() {
    return InputSpec{.name = "customer_notice", .kind = InputKind::kCustomerNotice};
}
InputSpec Appointment() {
    return InputSpec{.name = "appointment", .kind = InputKind::kTime};
}

constexpr MessageDef kMessages[] = {
    {"doc.test_ticket", "测试工单", "Test ticket"},
    {"doc.test_ticket.state.new", "新建", "New"},
    {"doc.test_ticket.state.contacted", "已联系", "Contacted"},
    {"doc.test_ticket.state.scheduled", "已预约", "Scheduled"},
    {"doc.test_ticket.state.waiting_customer", "等待客户", "Waiting for the customer"},
    {"doc.test_ticket.state.done", "已完成", "Done"},
    {"doc.test_ticket.state.cancelled", "已取消", "Cancelled"},
    {"doc.test_ticket.action.assign", "指派", "Assign"},
    {"doc.test_ticket.action.contact", "联系客户", "Contact the customer"},
    {"doc.test_ticket.action.schedule", "预约上门", "Schedule a visit"},
    {"doc.test_ticket.action.reschedule", "改约", "Reschedule"},
    {"doc.test_ticket.action.hold", "等待客户", "Wait for the customer"},
    {"doc.test_ticket.action.unhold", "继续处理", "Resume"},
    {"doc.test_ticket.action.approve_exception", "特批", "Approve an exception"},
    {"doc.test_ticket.action.complete", "完工签收", "Complete with signature"},
    {"doc.test_ticket.action.cancel", "取消", "Cancel"},
    {"doc.test_ticket.input.assignee", "负责人", "Assignee"},
    {"doc.test_ticket.input.customer_notice", "告知客户", "Customer notice"},
    {"doc.test_ticket.input.appointment", "预约时间", "Appointment"},
    {"doc.test_ticket.input.approval", "审批", "Approval"},
    {"doc.test_ticket.input.signature", "客户签名", "Customer signature"},
    {"doc.test_ticket.input.checklist", "完工检查", "Completion checklist"},
    {"doc.test_ticket.input.reason", "原因", "Reason"},
    {"doc.test_ticket.checklist.assembled", "已安装到位", "Assembled in place"},
    {"doc.test_ticket.checklist.cleaned", "已清理现场", "Site cleaned up"},
    {"sla.test.first_contact", "首次联系", "First contact"},
    {"sla.test.visit", "上门完工", "Visit completed"},
    {"notify.test.created", "新的测试工单 {number}", "New test ticket {number}"},
    {"notify.test.assigned", "测试工单 {number} 已指派给您（{actor}）",
     "Test ticket {number} was assigned to you by {actor}"},
    {"test.appointment_past", "预约时间应晚于现在", "must be later than now"},
    {"test.notice_too_late", "应在原预约时间之前告知客户", "the customer must be told before the appointment"},
};

}  // namespace

DocumentType Type() {
    const RoleSet desk = RolesOf({kAftersalesAgent, kAftersalesSupervisor, kAftersalesHead});
    const RoleSet leads = RolesOf({kAftersalesSupervisor, kAftersalesHead});
    const std::vector<std::string> open = {"new", "contacted", "scheduled", "waiting_customer"};
    DocumentType type;
    type.type = std::string(kType);
    type.prefix = "TT";
    type.resource = "test-tickets";
    type.api_tag = "test";  // served only with --enable-test-routes
    type.states = {"new", "contacted", "scheduled", "waiting_customer", "done", "cancelled"};
    type.initial_state = "new";
    type.creators = desk;
    type.timers_on_create = {"test.first_contact"};
    type.notify_on_create = {NotifyRule{NotifyRule::To::kStoreRole, kAftersalesSupervisor, "notify.test.created"}};
    type.actions = {
        ActionDef{.name = "assign",
                  .from = open,
                  .roles = leads,
                  .inputs = {InputSpec{.name = "assignee",
                                       .kind = InputKind::kAssignee,
                                       .assignee_roles = RolesOf({kTechnician, kInstaller, kAftersalesAgent})}},
                  .notify = {NotifyRule{NotifyRule::To::kAssignee, kAftersalesSupervisor, "notify.test.assigned"}}},
        ActionDef{.name = "contact",
                  .from = {"new"},
                  .to = "contacted",
                  .roles = RolesOf({kAftersalesAgent, kAftersalesSupervisor, kTechnician}),
                  .inputs = {Notice()},
                  .timers = {TimerEffect{TimerEffect::Op::kStop, "test.first_contact"}}},
        ActionDef{.name = "schedule",
                  .from = {"contacted"},
                  .to = "scheduled",
                  .roles = desk,
                  .inputs = {Appointment()},
                  .guards = {AppointmentAhead},
                  .effect = WriteAppointment,
                  .timers = {TimerEffect{TimerEffect::Op::kStart, "test.visit"}}},
        ActionDef{.name = "reschedule",
                  .from = {"scheduled"},
                  .roles = desk,
                  .inputs = {Appointment(), Notice()},
                  .guards = {AppointmentAhead, NoticeBeforeAppointment},
                  .effect = WriteAppointment},
        ActionDef{.name = "hold",
                  .from = {"scheduled"},
                  .to = "waiting_customer",
                  .roles = desk,
                  .inputs = {InputSpec{.name = "reason", .kind = InputKind::kText, .max_chars = 200}},
                  .timers = {TimerEffect{TimerEffect::Op::kPause, "test.visit"}}},
        ActionDef{.name = "unhold",
                  .from = {"waiting_customer"},
                  .to = "scheduled",
                  .roles = desk,
                  .timers = {TimerEffect{TimerEffect::Op::kResume, "test.visit"}}},
        ActionDef{.name = "approve_exception",
                  .from = {"scheduled"},
                  .roles = desk,
                  .inputs = {InputSpec{.name = "approval", .kind = InputKind::kApproval, .approver_roles = leads}}},
        ActionDef{
            .name = "complete",
            .from = {"scheduled"},
            .to = "done",
            .roles = RolesOf({kTechnician, kInstaller}),
            .assignee_only = true,
            .inputs = {InputSpec{.name = "signature", .kind = InputKind::kSignature},
                       InputSpec{
                           .name = "checklist", .kind = InputKind::kChecklist, .checklist = {"assembled", "cleaned"}}},
            .timers = {TimerEffect{TimerEffect::Op::kStop, "test.visit"}}},
        ActionDef{.name = "cancel",
                  .from = open,
                  .to = "cancelled",
                  .roles = leads,
                  .inputs = {InputSpec{.name = "reason", .kind = InputKind::kText, .max_chars = 200}},
                  .timers = {TimerEffect{TimerEffect::Op::kStop, "test.first_contact"},
                             TimerEffect{TimerEffect::Op::kStop, "test.visit"}}},
    };
    return type;
}

void AddPolicies(Policies& policies) {
    policies.Add(
        PolicyDef{"test.first_contact", DeadlineRule{.kind = DeadlineRule::Kind::kElapsedMinutes, .minutes = 30}});
    policies.Add(PolicyDef{"test.visit", DeadlineRule{.kind = DeadlineRule::Kind::kEndOfDay, .days_after = 1}});
}

std::span<const MessageDef> Messages() {
    return kMessages;
}

Status EnsureTable(storage::Database& db) {
    return storage::RunInTransaction(db, storage::TxMode::kSchema,
                                     [](storage::Transaction& tx) { return tx.ExecuteScript(kCreateTable); });
}

Result<std::optional<Fields>> Load(storage::Transaction& tx, DocumentId id) {
    AC_ASSIGN_OR_RETURN(
        const storage::Rows rows,
        tx.Query("SELECT title, appointment_at_ms FROM kernel_test_tickets WHERE document_id = $1", {id}));
    if (rows.size() == 0) {
        return std::optional<Fields>();
    }
    const storage::Row& row = rows[0];
    Fields fields{row.Text(0), std::nullopt};
    if (const auto at = row.OptInt(1)) {
        fields.appointment = FromEpochMs(*at);
    }
    return std::optional<Fields>(std::move(fields));
}

Status Insert(storage::Transaction& tx, DocumentId id, const std::string& title) {
    AC_RETURN_IF_ERROR(tx.Execute("INSERT INTO kernel_test_tickets (document_id, title) VALUES ($1, $2)", {id, title}));
    return Ok();
}

}  // namespace ac::kernel::test_ticket

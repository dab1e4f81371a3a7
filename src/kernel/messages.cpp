#include "kernel/messages.hpp"

namespace ac::kernel {
namespace {

constexpr MessageDef kKernelMessages[] = {
    {"kernel.unknown_type", "没有 {type} 这种单据", "There is no document type {type}"},
    {"kernel.create_forbidden", "您的角色不能新建此类单据", "Your role may not create this kind of document"},
    {"kernel.document_not_found", "没有编号为 {id} 的单据", "There is no document {id}"},
    {"kernel.unknown_action", "此类单据没有“{action}”这项操作", "This kind of document has no action \"{action}\""},
    {"kernel.action_forbidden", "您的角色不能进行“{action}”操作", "Your role may not take the action \"{action}\""},
    {"kernel.not_assignee", "只有单据的负责人才能进行“{action}”操作",
     "Only the document's assignee may take the action \"{action}\""},
    {"kernel.stale_version", "单据已被其他人修改（您看到的是第 {version} 版，当前是第 {current} 版），请刷新后重试",
     "The document was changed by someone else (you saw version {version}, it is now {current}); reload and try "
     "again"},
    {"kernel.wrong_state", "单据当前状态为“{state}”，不能进行“{action}”操作",
     "The action \"{action}\" is not possible while the document is \"{state}\""},
    {"kernel.notice_in_future", "联系时间不能晚于现在", "must not be later than now"},
    {"kernel.approver_required", "您的角色不能审批此项", "your role may not approve this"},
    {"kernel.checklist_unchecked", "此项尚未确认", "has not been confirmed"},
    {"kernel.assignee_inactive", "该员工已停用", "is a deactivated staff member"},
    {"kernel.assignee_other_store", "该员工不属于本单据的门店", "does not work in the document's store"},
    {"kernel.assignee_role", "该员工没有承担此工作的角色", "does not hold a role for this work"},
    {"kernel.signature_not_image", "签名应为 PNG 或 JPEG 图片（Base64 或 data URL）",
     "must be a PNG or JPEG image (Base64 or a data URL)"},
    {"kernel.checklist_unknown", "没有名为 {name} 的检查表", "There is no checklist template named {name}"},
    {"kernel.checklist_key", "只能使用小写字母、数字和下划线（最多 40 个）",
     "may use only a-z, 0-9 and _ (at most 40)"},
    {"kernel.photo_not_image", "照片应为 PNG 或 JPEG 图片", "must be a PNG or JPEG image"},
    {"kernel.photo_too_large", "每张照片不能超过 {max_kib} KiB", "must be at most {max_kib} KiB"},
    {"kernel.signature_too_large", "签名图片不能超过 {max_kib} KiB", "must be at most {max_kib} KiB"},
    {"kernel.policy_unknown", "没有名为 {name} 的时限规则", "There is no SLA policy named {name}"},
    {"kernel.blob_not_found", "没有这个文件", "There is no such file"},

    // The scheduler's notifications. {timer} is rendered through its "sla.<name>" label.
    {"notify.sla_warning", "单据 {number}：“{timer}”即将超时（期限 {deadline}）",
     "{number}: \"{timer}\" is about to run out (due {deadline})"},
    {"notify.sla_breach", "单据 {number}：“{timer}”已超时（期限 {deadline}）",
     "{number}: \"{timer}\" is overdue (was due {deadline})"},
    {"notify.sla_escalated", "单据 {number}：“{timer}”超时未处理，已上报售后部经理（期限 {deadline}）",
     "{number}: \"{timer}\" is still overdue and was escalated to the head of after-sales (was due {deadline})"},

    // Events the scheduler records in a document's timeline.
    {"event.create", "新建", "Created"},
    {"event.sla.warning", "即将超时提醒", "SLA warning"},
    {"event.sla.breach", "超时", "SLA breached"},
    {"event.sla.escalated", "超时上报", "SLA escalated"},

    // Timer states, as the document JSON shows them.
    {"timer.running", "计时中", "running"},
    {"timer.paused", "已暂停", "paused"},
    {"timer.stopped", "已完成", "met"},
    {"timer.breached", "已超时", "breached"},

    // How the customer was told (customer notice inputs).
    {"notice.channel.phone", "电话", "Phone call"},
    {"notice.channel.sms", "短信", "Text message"},
    {"notice.channel.wechat", "微信", "WeChat"},
    {"notice.channel.visit", "当面", "In person"},

    {"notifications.websocket_required", "此地址只接受 WebSocket 连接",
     "This address only accepts WebSocket connections"},
    {"notifications.origin_forbidden", "不允许从其他网站打开此连接",
     "This connection may not be opened from another site"},

    // Webhooks and the inbox.
    {"webhooks.not_found", "没有编号为 {id} 的 Webhook 订阅", "There is no webhook subscription {id}"},
    {"notifications.not_found", "没有编号为 {id} 的通知", "There is no notification {id}"},
    {"field.url_invalid", "应为 http:// 开头的完整网址", "must be a full URL starting with http://"},
    {"field.event_type_invalid", "应为事件类型（如 sla.breach）、以 .* 结尾的前缀或 *",
     "must be an event type (such as sla.breach), a prefix ending in .*, or *"},

    // aftercare audit verify
    {"generate.done", "已生成 {rows} 行，用时 {seconds} 秒（每秒 {rate} 行）",
     "Generated {rows} rows in {seconds} s ({rate} rows per second)"},
    {"generate.phases", "其中写入数据 {load} 秒，建立索引和搜索表 {indexes} 秒",
     "of which {load} s writing the rows and {indexes} s building the indexes and search tables"},
    {"generate.not_empty", "数据库中已有门店：只能在空数据库中生成",
     "the database already has stores: generate needs an empty one"},
    {"generate.search_tables_missing", "数据库缺少搜索表：请先完成数据库迁移",
     "the database lacks its search tables: migrate it first"},
    {"audit.intact", "审计链完好：{documents} 份单据，{events} 条事件",
     "The audit trail is intact: {documents} documents, {events} events"},
    {"audit.broken", "审计链在单据 {document} 的第 {seq} 条事件处断开：{problem}",
     "The audit trail is broken at document {document}, event {seq}: {problem}"},
};

}  // namespace

std::span<const MessageDef> KernelMessages() {
    return kKernelMessages;
}

}  // namespace ac::kernel

// The catalog entries of core/: one title per ErrorCode and the messages of request validation.
#include "core/i18n.hpp"

namespace ac {
namespace {

constexpr MessageDef kCoreMessages[] = {
    // Titles of the error codes ("error." + ErrorCodeName), used when nothing more specific is known.
    {"error.bad_request", "请求格式不正确", "The request is malformed"},
    {"error.validation_failed", "请求中有 {count} 个字段填写不正确", "{count} field(s) of the request are invalid"},
    {"error.not_found", "未找到请求的内容", "The requested item was not found"},
    {"error.method_not_allowed", "不支持此操作", "This operation is not supported here"},
    {"error.already_exists", "记录已存在", "The record already exists"},
    {"error.conflict", "数据已被其他人修改，请刷新后重试",
     "The data was changed by someone else; reload and try again"},
    {"error.failed_precondition", "当前状态下不能进行此操作", "This operation is not possible in the current state"},
    {"error.unauthenticated", "请先登录", "Please sign in first"},
    {"error.permission_denied", "没有进行此操作的权限", "You are not allowed to do this"},
    {"error.rate_limited", "操作过于频繁，请稍后再试", "Too many attempts; please wait and try again"},
    {"error.payload_too_large", "提交的内容太大", "The submitted content is too large"},
    {"error.unsupported_media_type", "不支持的内容格式", "The content format is not supported"},
    {"error.request_timeout", "请求超时", "The request timed out"},
    {"error.unavailable", "服务暂时不可用，请稍后重试", "The service is temporarily unavailable; please try again"},
    {"error.internal", "服务器内部错误，请稍后重试；如问题持续，请将请求编号告知管理员",
     "Internal server error; please try again, and give the request id to an administrator if it persists"},

    // The request body as a whole.
    {"json.malformed", "请求内容不是有效的 JSON（约第 {offset} 字节处：{reason}）",
     "The request body is not valid JSON (near byte {offset}: {reason})"},
    {"json.not_object", "请求内容应为 JSON 对象", "The request body must be a JSON object"},
    {"json.content_type", "请求内容应为 JSON（Content-Type: application/json）",
     "The request body must be JSON (Content-Type: application/json)"},

    // One field of a request.
    {"field.required", "必填", "is required"},
    {"field.blank", "不能为空", "must not be blank"},
    {"field.unknown", "不是可识别的字段", "is not a known field"},
    {"field.unknown_parameter", "不是可识别的参数", "is not a known parameter"},
    {"field.time_of_day_invalid", "应为 HH:MM 格式的时刻，例如 17:00", "must be a time of day as HH:MM, such as 17:00"},
    {"field.hours_invalid", "营业时间不正确（开始须早于结束，均在 00:00–24:00 之间）",
     "are not valid hours (opening before closing, both within 00:00–24:00)"},
    {"field.date_invalid", "应为日期，例如 2026-10-01", "must be a date such as 2026-10-01"},
    {"field.duplicate", "与前面的项重复", "repeats an earlier item"},
    {"field.must_be_string", "应为文本", "must be a string"},
    {"field.must_be_integer", "应为整数", "must be an integer"},
    {"field.must_be_number", "应为数字", "must be a number"},
    {"field.must_be_boolean", "应为 true 或 false", "must be true or false"},
    {"field.must_be_object", "应为对象", "must be an object"},
    {"field.must_be_array", "应为列表", "must be a list"},
    {"field.must_be_money", "应为金额（元，最多两位小数）", "must be an amount in yuan with at most two decimals"},
    {"field.must_be_time", "应为带时区的时间，例如 2026-11-27T14:30:00+08:00",
     "must be a time with an offset, such as 2026-11-27T14:30:00+08:00"},
    {"field.too_short", "至少需要 {min} 个字符", "must be at least {min} characters"},
    {"field.too_long", "不能超过 {max} 个字符", "must be at most {max} characters"},
    {"field.too_few_items", "至少需要 {min} 项", "must have at least {min} item(s)"},
    {"field.too_many_items", "不能超过 {max} 项", "must have at most {max} item(s)"},
    {"field.out_of_range", "应在 {min} 到 {max} 之间", "must be between {min} and {max}"},
    {"field.not_one_of", "应为以下之一：{allowed}", "must be one of: {allowed}"},
    {"csv.malformed", "CSV 文件第 {row} 行格式不正确（引号不成对）",
     "Row {row} of the CSV file is malformed (unbalanced quotes)"},
    {"csv.encoding", "CSV 文件应为 UTF-8 或 GB18030（GBK）编码",
     "The CSV file must be encoded as UTF-8 or GB18030 (GBK)"},
    {"field.control_characters", "不能包含控制字符", "must not contain control characters"},
};

}  // namespace

std::span<const MessageDef> CoreMessages() {
    return kCoreMessages;
}

}  // namespace ac

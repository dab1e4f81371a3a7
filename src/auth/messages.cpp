#include "auth/messages.hpp"

namespace ac::auth {
namespace {

constexpr MessageDef kAuthMessages[] = {
    {"auth.required", "请先登录", "Please sign in"},
    {"auth.invalid_credentials", "用户名/手机号或密码不正确", "The username/mobile number or the password is wrong"},
    {"auth.rate_limited", "登录失败次数过多，请在 {retry_after} 秒后再试",
     "Too many failed sign-ins; try again in {retry_after} seconds"},
    {"auth.session_invalid", "登录已失效，请重新登录", "Your session has ended; please sign in again"},
    {"auth.token_invalid", "API 令牌无效或已被吊销", "The API token is invalid or revoked"},
    {"auth.csrf_invalid", "请求缺少有效的 CSRF 令牌，请刷新页面后重试",
     "The request lacks a valid CSRF token; reload the page and try again"},
    {"auth.forbidden", "没有权限（需要：{permission}）", "Not allowed (this needs {permission})"},
    {"auth.store_forbidden", "无权访问其他门店的数据", "You may not access another store's data"},
    {"auth.password_wrong", "当前密码不正确", "The current password is wrong"},
    {"auth.password_unchanged", "新密码不能与当前密码相同", "The new password must differ from the current one"},
    {"auth.token_not_found", "没有编号为 {id} 的 API 令牌", "There is no API token {id}"},
    {"identity.store_not_found", "没有编号为 {id} 的门店", "There is no store {id}"},
    {"identity.store_code_not_found", "没有代码为 {code} 的门店", "There is no store with code {code}"},
    {"identity.staff_not_found", "没有编号为 {id} 的员工", "There is no staff member {id}"},
    {"identity.user_not_found", "没有用户名为 {username} 的员工", "There is no staff member with username {username}"},
    {"identity.last_admin", "这是最后一位在职的系统管理员，不能停用或取消其管理员角色",
     "This is the last active administrator: they cannot be deactivated or lose the admin role"},
    {"field.password_weak", "密码需 8–128 位，同时包含字母和数字，且不能包含用户名",
     "must be 8 to 128 characters with letters and digits, and must not contain the username"},
    {"field.phone_invalid", "不是有效的电话号码", "is not a valid phone number"},
    {"field.username_invalid", "只能使用小写字母、数字、点、下划线和连字符，并以字母或数字开头",
     "may only use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit"},
    {"field.code_invalid", "只能使用字母、数字、下划线和连字符", "may only use letters, digits, '_' and '-'"},
    {"field.time_zone_unknown", "不是有效的时区（例如 Asia/Shanghai）",
     "is not a known time zone (such as Asia/Shanghai)"},
    {"field.taken", "已被使用", "is already taken"},
    {"field.not_found", "不存在", "does not exist"},
    {"field.role_unknown", "不是有效的角色：{role}", "is not a role: {role}"},
};

}  // namespace

std::span<const MessageDef> AuthMessages() {
    return kAuthMessages;
}

}  // namespace ac::auth

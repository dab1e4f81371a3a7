#include "app/catalog.hpp"

#include "auth/messages.hpp"
#include "http/error_mapping.hpp"
#include "kernel/messages.hpp"
#include "kernel/test_ticket.hpp"
#include "modules/catalog/messages.hpp"
#include "modules/contracts/contract_workflow.hpp"
#include "modules/delivery/delivery_workflow.hpp"
#include "modules/repair/repair_workflow.hpp"
#include "modules/visits/visit_inputs.hpp"
#include "storage/messages.hpp"

namespace ac::app {
namespace {

constexpr MessageDef kAppMessages[] = {
    {"app.data_dir_failed", "无法创建数据目录 {path}：{reason}", "Cannot create the data folder {path}: {reason}"},
    {"app.log_failed", "无法打开日志文件 {path}：{reason}", "Cannot open the log file {path}: {reason}"},
    {"app.migrated", "数据库 {database} 已升级到结构版本 {version}（本次应用：{applied}）",
     "Database {database} is now at schema version {version} (applied now: {applied})"},
    {"app.up_to_date", "数据库 {database} 已是最新结构版本 {version}",
     "Database {database} is already at the latest schema version {version}"},
    {"app.no_admin", "还没有系统管理员，也没有任何默认密码。创建第一位管理员：{command}",
     "There is no administrator yet, and no default password. Create the first one: {command}"},
    {"app.user_added", "已添加员工 {username}（编号 {id}）", "Added staff member {username} (id {id})"},
    {"app.token_created", "API 令牌 {id} 已为 {username} 签发；它只显示这一次，请妥善保存",
     "API token {id} issued for {username}; it is shown only this once, keep it safe"},
    {"app.token_revoked", "API 令牌 {id} 已吊销", "API token {id} is revoked"},
    {"app.serving", "aftercare {version} 正在运行：http://{address}/（数据库：{database}）",
     "aftercare {version} is serving http://{address}/ (database: {database})"},
};

}  // namespace

Catalog BuildCatalog() {
    Catalog catalog;
    catalog.Add(CoreMessages());
    catalog.Add(storage::StorageMessages());
    catalog.Add(http::HttpMessages());
    catalog.Add(auth::AuthMessages());
    catalog.Add(kernel::KernelMessages());
    catalog.Add(kernel::test_ticket::Messages());
    catalog.Add(catalog::CatalogMessages());
    catalog.Add(repair::Messages());
    catalog.Add(visits::Messages());
    catalog.Add(contracts::Messages());
    catalog.Add(delivery::Messages());
    catalog.Add(kAppMessages);
    return catalog;
}

}  // namespace ac::app

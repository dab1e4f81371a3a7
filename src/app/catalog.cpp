#include "app/catalog.hpp"

#include "http/error_mapping.hpp"
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
    {"app.serving", "aftercare {version} 正在运行：http://{address}/（数据库：{database}）",
     "aftercare {version} is serving http://{address}/ (database: {database})"},
};

}  // namespace

Catalog BuildCatalog() {
    Catalog catalog;
    catalog.Add(CoreMessages());
    catalog.Add(storage::StorageMessages());
    catalog.Add(http::HttpMessages());
    catalog.Add(kAppMessages);
    return catalog;
}

}  // namespace ac::app

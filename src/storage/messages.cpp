// The catalog entries of storage/.
#include "storage/messages.hpp"

namespace ac::storage {
namespace {

constexpr MessageDef kStorageMessages[] = {
    {"db.unique_violation", "记录已存在（与已有数据重复）", "The record already exists (it duplicates existing data)"},
    {"db.foreign_key_violation", "引用的记录不存在，或该记录仍被其他数据引用",
     "A referenced record does not exist, or the record is still referenced by other data"},
    {"db.not_null_violation", "缺少必需的数据", "Required data is missing"},
    {"db.check_violation", "数据不符合规则", "The data breaks a rule"},
    {"db.serialization_failure", "数据正被他人同时修改，请重试",
     "The data is being changed by someone else; please retry"},
    {"db.busy", "数据库繁忙，请稍后重试", "The database is busy; please try again shortly"},
    {"db.connection_lost", "与数据库的连接中断，请稍后重试",
     "The connection to the database was lost; please try again"},
    {"db.pool_timeout", "数据库繁忙（没有空闲连接），请稍后重试",
     "The database is busy (no free connection); please try again shortly"},
    {"db.read_only", "只读事务中不能写入数据", "Data cannot be written in a read-only transaction"},
    {"db.transaction_failed", "事务已失败，不能继续", "The transaction has failed and cannot continue"},
    {"db.schema_newer", "数据库结构版本 {database} 比本程序支持的版本 {binary} 新，请升级 aftercare",
     "The database schema version {database} is newer than this program supports ({binary}); upgrade aftercare"},
    {"db.error", "数据库错误", "Database error"},
    {"db.bad_url", "无法识别的数据库地址：{url}", "Unrecognised database address: {url}"},
    {"db.unavailable", "无法打开数据库：{target}", "Cannot open the database: {target}"},
};

}  // namespace

std::span<const MessageDef> StorageMessages() {
    return kStorageMessages;
}

}  // namespace ac::storage

#include "modules/catalog/messages.hpp"

namespace ac::catalog {
namespace {

constexpr MessageDef kMessages[] = {
    {"catalog.customer_not_found", "没有编号为 {id} 的客户", "There is no customer {id}"},
    {"catalog.product_not_found", "没有编号为 {id} 的商品", "There is no product {id}"},
    {"catalog.customer_merged", "客户 {id} 已并入客户 {into}", "Customer {id} was merged into customer {into}"},
    {"catalog.merge_self", "不能与自己合并", "cannot be merged with itself"},
    {"catalog.phone_taken", "已是客户“{name}”（编号 {id}）的电话", "already belongs to customer \"{name}\" (id {id})"},
    {"catalog.phone_repeated", "与第 {row} 行的电话重复", "repeats a phone of row {row}"},
    {"catalog.code_repeated", "与第 {row} 行的编码重复", "repeats the code of row {row}"},
    {"catalog.code_invalid", "只能包含字母、数字和 - _ .", "may contain only letters, digits and - _ ."},
    {"catalog.import_content_type", "导入的内容应为 CSV 文件（Content-Type: text/csv）",
     "The import must be a CSV file (Content-Type: text/csv)"},
    {"catalog.import_empty", "CSV 文件没有数据行", "The CSV file has no data rows"},
    {"catalog.import_too_many_rows", "一次最多导入 {max} 行", "At most {max} rows can be imported at once"},
    {"catalog.import_missing_column", "缺少必需的列“{column}”", "The required column \"{column}\" is missing"},
    {"catalog.import_unknown_column", "不认识的列“{column}”", "The column \"{column}\" is not known"},
    {"catalog.import_bool", "应为 是/否", "must be yes or no (是/否)"},
};

}  // namespace

std::span<const MessageDef> CatalogMessages() {
    return kMessages;
}

}  // namespace ac::catalog

#include "modules/catalog/catalog_service.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "core/csv.hpp"
#include "core/json.hpp"
#include "core/money.hpp"
#include "core/phone.hpp"
#include "modules/catalog/catalog_repository.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::catalog {
namespace {

using storage::Transaction;
using storage::TxMode;

constexpr std::int64_t kMaxUnitPriceFen = 100'000'000'00;  // one hundred million yuan

Error CustomerNotFound(CustomerId id) {
    return Error::Make(ErrorCode::kNotFound, "catalog.customer_not_found", {{"id", std::to_string(id.value())}});
}

Error ProductNotFound(ProductId id) {
    return Error::Make(ErrorCode::kNotFound, "catalog.product_not_found", {{"id", std::to_string(id.value())}});
}

Error Merged(const Customer& customer) {
    return Error::Make(
        ErrorCode::kFailedPrecondition, "catalog.customer_merged",
        {{"id", std::to_string(customer.id.value())}, {"into", std::to_string(customer.merged_into->value())}});
}

Error Stale() {
    return Error::Make(ErrorCode::kAborted, "error.conflict");
}

std::string Field(std::string_view prefix, std::string_view name) {
    return prefix.empty() ? std::string(name) : std::string(prefix) + "." + std::string(name);
}

std::string Item(std::string_view prefix, std::string_view name, std::size_t index) {
    return Field(prefix, name) + "[" + std::to_string(index) + "]";
}

// Errors for phones that belong to a customer other than `self`.
Status CheckPhonesFree(Transaction& tx, const Customer& customer, FieldCheck& check, std::string_view prefix) {
    AC_ASSIGN_OR_RETURN(const auto owners, CatalogRepository::FindPhoneOwners(tx, customer.phones));
    for (std::size_t i = 0; i < customer.phones.size(); ++i) {
        const auto it = owners.find(customer.phones[i]);
        if (it != owners.end() && it->second.id != customer.id) {
            check.Add(Item(prefix, "phones", i),
                      Message{"catalog.phone_taken",
                              {{"name", it->second.name}, {"id", std::to_string(it->second.id.value())}}});
        }
    }
    return Ok();
}

// ---- CSV import -----------------------------------------------------------------------------------------------

struct ColumnDef {
    std::string_view key;
    std::array<std::string_view, 5> aliases;  // lower case; the key itself is accepted too
    bool required;
};

constexpr ColumnDef kCustomerColumns[] = {
    {"name", {"姓名", "客户姓名", "客户", "名称", ""}, true},
    {"phones", {"电话", "手机", "联系电话", "phone", "手机号"}, true},
    {"district", {"区", "区县", "所在区", "区域", ""}, false},
    {"address", {"地址", "详细地址", "送货地址", "", ""}, false},
    {"notes", {"备注", "note", "", "", ""}, false},
};

constexpr ColumnDef kProductColumns[] = {
    {"code", {"编码", "商品编码", "货号", "", ""}, true},
    {"name", {"名称", "商品名称", "品名", "", ""}, true},
    {"model", {"型号", "规格型号", "", "", ""}, false},
    {"category", {"类别", "分类", "品类", "", ""}, false},
    {"unit_price", {"单价", "单价（元）", "单价(元)", "价格", "price"}, true},
    {"warranty_months", {"保修月数", "保修期（月）", "保修期(月)", "保修期", ""}, false},
    {"lead_time_days", {"生产周期", "生产周期（天）", "生产周期(天)", "交期", ""}, false},
    {"installation_required", {"需安装", "是否安装", "需要安装", "安装", ""}, false},
    {"active", {"在售", "启用", "", "", ""}, false},
};

std::string LowerAscii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return text;
}

// The data rows of a CSV file, each as column key → text, with its spreadsheet row number (the header is row 1).
struct CsvRecords {
    std::vector<std::pair<std::size_t, std::map<std::string, std::string>>> rows;
    std::set<std::string> columns;  // the keys present
};

template <std::size_t N>
Result<CsvRecords> ReadRecords(std::string_view bytes, const ColumnDef (&defs)[N]) {
    AC_ASSIGN_OR_RETURN(const std::string text, CsvTextToUtf8(bytes));
    AC_ASSIGN_OR_RETURN(const std::vector<CsvRow> table, ParseCsv(text));
    if (table.size() < 2) {
        return Fail(Error::Make(ErrorCode::kInvalidArgument, "catalog.import_empty"));
    }
    if (table.size() - 1 > kMaxImportRows) {
        return Fail(Error::Make(ErrorCode::kInvalidArgument, "catalog.import_too_many_rows",
                                {{"max", std::to_string(kMaxImportRows)}}));
    }
    FieldCheck check;
    std::vector<std::string> keys;
    CsvRecords records;
    for (std::size_t i = 0; i < table[0].size(); ++i) {
        const std::string header = LowerAscii(Trimmed(table[0][i]));
        std::string key;
        for (const ColumnDef& def : defs) {
            const bool alias = std::find(def.aliases.begin(), def.aliases.end(), header) != def.aliases.end();
            if (!header.empty() && (header == def.key || alias)) {
                key = std::string(def.key);
            }
        }
        if (key.empty() && !header.empty()) {
            check.Add("columns[" + std::to_string(i + 1) + "]",
                      Message{"catalog.import_unknown_column", {{"column", table[0][i]}}});
        } else if (!key.empty() && records.columns.contains(key)) {
            check.Add("columns[" + std::to_string(i + 1) + "]", Message{"field.duplicate", {}});
        }
        records.columns.insert(key);
        keys.push_back(key);
    }
    for (const ColumnDef& def : defs) {
        if (def.required && !records.columns.contains(std::string(def.key))) {
            check.Add("columns", Message{"catalog.import_missing_column", {{"column", std::string(def.key)}}});
        }
    }
    AC_RETURN_IF_ERROR(check.Finish());
    for (std::size_t r = 1; r < table.size(); ++r) {
        std::map<std::string, std::string> values;
        bool blank = true;
        for (std::size_t i = 0; i < table[r].size() && i < keys.size(); ++i) {
            if (!keys[i].empty()) {
                values[keys[i]] = table[r][i];
                blank = blank && Trimmed(table[r][i]).empty();
            }
        }
        if (!blank) {
            records.rows.emplace_back(r + 1, std::move(values));
        }
    }
    if (records.rows.empty()) {
        return Fail(Error::Make(ErrorCode::kInvalidArgument, "catalog.import_empty"));
    }
    return records;
}

std::string RowPrefix(std::size_t row) {
    return "rows[" + std::to_string(row) + "]";
}

// "13800138000 / 021-62345678；…": the phones of one cell.
std::vector<std::string> SplitPhoneCell(const std::string& cell) {
    // Full-width separators become spaces.
    std::string text;
    for (std::size_t i = 0; i < cell.size();) {
        bool separator = false;
        for (const std::string_view wide : {"；", "，", "、", "／"}) {
            if (cell.compare(i, wide.size(), wide) == 0) {
                text.push_back(' ');
                i += wide.size();
                separator = true;
                break;
            }
        }
        if (!separator) {
            text.push_back(cell[i++]);
        }
    }
    std::vector<std::string> phones;
    std::string current;
    const auto flush = [&] {
        if (!Trimmed(current).empty()) {
            phones.push_back(Trimmed(current));
        }
        current.clear();
    };
    for (const char c : text) {
        if (c == '/' || c == ';' || c == ',' || c == '|' || c == '\n') {
            flush();
        } else if (c == ' ' && !current.empty() && std::isdigit(static_cast<unsigned char>(current.back())) != 0 &&
                   Trimmed(current).size() >= 7) {
            flush();  // "13800138000 13900139000"; "021 6234 5678" stays one number
        } else {
            current += c;
        }
    }
    flush();
    return phones;
}

std::optional<bool> ParseYesNo(std::string text) {
    text = LowerAscii(Trimmed(text));
    if (text == "是" || text == "yes" || text == "y" || text == "true" || text == "1" || text == "需要") {
        return true;
    }
    if (text == "否" || text == "no" || text == "n" || text == "false" || text == "0" || text == "不需要" ||
        text.empty()) {
        return false;
    }
    return std::nullopt;
}

std::optional<std::int64_t> ParseCount(const std::string& text) {
    const std::string trimmed = Trimmed(text);
    if (trimmed.empty() || trimmed.size() > 6 || !std::all_of(trimmed.begin(), trimmed.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
        })) {
        return std::nullopt;
    }
    return std::stoll(trimmed);
}

}  // namespace

// ---- checks ---------------------------------------------------------------------------------------------------

void CheckCustomer(Customer& customer, FieldCheck& check, std::string_view prefix) {
    check.Text(Field(prefix, "name"), customer.name, 1, 50);
    if (customer.phones.empty()) {
        check.Add(Field(prefix, "phones"), Message{"field.too_few_items", {{"min", "1"}}});
    } else if (customer.phones.size() > kMaxPhones) {
        check.Add(Field(prefix, "phones"), Message{"field.too_many_items", {{"max", std::to_string(kMaxPhones)}}});
    }
    for (std::size_t i = 0; i < customer.phones.size(); ++i) {
        const std::optional<std::string> phone = NormalizePhone(customer.phones[i]);
        if (!phone) {
            check.Add(Item(prefix, "phones", i), Message{"field.phone_invalid", {}});
            continue;
        }
        customer.phones[i] = *phone;
        if (std::find(customer.phones.begin(), customer.phones.begin() + static_cast<std::ptrdiff_t>(i), *phone) !=
            customer.phones.begin() + static_cast<std::ptrdiff_t>(i)) {
            check.Add(Item(prefix, "phones", i), Message{"field.duplicate", {}});
        }
    }
    if (customer.addresses.size() > kMaxAddresses) {
        check.Add(Field(prefix, "addresses"),
                  Message{"field.too_many_items", {{"max", std::to_string(kMaxAddresses)}}});
    }
    for (std::size_t i = 0; i < customer.addresses.size(); ++i) {
        const std::string item = Item(prefix, "addresses", i);
        check.Text(item + ".district", customer.addresses[i].district, 0, 30);
        check.Text(item + ".address", customer.addresses[i].address, 1, 200);
    }
    check.Text(Field(prefix, "notes"), customer.notes, 0, 500, true);
}

void CheckProduct(Product& product, FieldCheck& check, std::string_view prefix) {
    std::transform(product.code.begin(), product.code.end(), product.code.begin(),
                   [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
    check.Text(Field(prefix, "code"), product.code, 1, 32);
    const bool code_chars = std::all_of(product.code.begin(), product.code.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    });
    if (!check.Failed(Field(prefix, "code")) && !code_chars) {
        check.Add(Field(prefix, "code"), Message{"catalog.code_invalid", {}});
    }
    check.Text(Field(prefix, "name"), product.name, 1, 100);
    check.Text(Field(prefix, "model"), product.model, 0, 64);
    check.Text(Field(prefix, "category"), product.category, 0, 32);
    check.Range(Field(prefix, "unit_price_fen"), product.unit_price.fen(), 0, kMaxUnitPriceFen);
    check.Range(Field(prefix, "warranty_months"), product.warranty_months, 0, 120);
    check.Range(Field(prefix, "lead_time_days"), product.lead_time_days, 0, 365);
    check.Text(Field(prefix, "factory"), product.factory, 0, 64);
}

// ---- customers ------------------------------------------------------------------------------------------------

Result<Customer> CatalogService::CreateCustomer(const Principal& actor, const CustomerInput& input) {
    Customer customer;
    customer.name = input.name;
    customer.phones = input.phones;
    customer.addresses = input.addresses;
    customer.notes = input.notes;
    FieldCheck check;
    CheckCustomer(customer, check);
    AC_RETURN_IF_ERROR(check.Finish());
    const Instant now = clock_.Now();
    return storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Customer> {
        FieldCheck taken;
        AC_RETURN_IF_ERROR(CheckPhonesFree(tx, customer, taken, ""));
        AC_RETURN_IF_ERROR(taken.Finish());
        AC_ASSIGN_OR_RETURN(const CustomerId id, CatalogRepository::InsertCustomer(tx, customer, actor.staff_id, now));
        AC_ASSIGN_OR_RETURN(auto created, CatalogRepository::FindCustomer(tx, id));
        return std::move(*created);
    });
}

Result<Customer> CatalogService::GetCustomer(const Principal&, CustomerId id) {
    return storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<Customer> {
        AC_ASSIGN_OR_RETURN(auto customer, CatalogRepository::FindCustomer(tx, id));
        if (!customer) {
            return Fail(CustomerNotFound(id));
        }
        return std::move(*customer);
    });
}

Result<Customer> CatalogService::UpdateCustomer(const Principal& actor, CustomerId id, const CustomerPatch& patch) {
    const Instant now = clock_.Now();
    return storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Customer> {
        AC_ASSIGN_OR_RETURN(auto current, CatalogRepository::FindCustomer(tx, id));
        if (!current) {
            return Fail(CustomerNotFound(id));
        }
        if (current->merged_into) {
            return Fail(Merged(*current));
        }
        Customer customer = *current;
        customer.name = patch.name.value_or(customer.name);
        customer.phones = patch.phones.value_or(customer.phones);
        customer.addresses = patch.addresses.value_or(customer.addresses);
        customer.notes = patch.notes.value_or(customer.notes);
        customer.version = patch.version;
        FieldCheck check;
        CheckCustomer(customer, check);
        AC_RETURN_IF_ERROR(check.Finish());
        if (current->version != patch.version) {
            return Fail(Stale());
        }
        AC_RETURN_IF_ERROR(CheckPhonesFree(tx, customer, check, ""));
        AC_RETURN_IF_ERROR(check.Finish());
        AC_ASSIGN_OR_RETURN(const bool written, CatalogRepository::UpdateCustomer(tx, customer, actor.staff_id, now));
        if (!written) {
            return Fail(Stale());
        }
        AC_ASSIGN_OR_RETURN(auto updated, CatalogRepository::FindCustomer(tx, id));
        return std::move(*updated);
    });
}

Result<Page<Customer>> CatalogService::ListCustomers(const Principal&, CustomerQuery query) {
    AC_RETURN_IF_ERROR(CheckPage(query.page, query.page_size));
    query.text = Trimmed(query.text);
    // A phone typed with separators ("138 0013-8000") is searched as its digits.
    if (!query.text.empty() && std::all_of(query.text.begin(), query.text.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == ' ' || c == '-' || c == '+';
        })) {
        std::erase_if(query.text, [](char c) { return c == ' ' || c == '-'; });
    }
    return storage::RunInTransaction(db_, TxMode::kRead,
                                     [&](Transaction& tx) { return CatalogRepository::ListCustomers(tx, query); });
}

Result<Customer> CatalogService::MergeCustomers(const Principal& actor, CustomerId keep, const CustomerMerge& merge) {
    if (merge.duplicate == keep) {
        return Fail(Error::Validation({FieldError{"duplicate_id", Message{"catalog.merge_self", {}}}}));
    }
    const Instant now = clock_.Now();
    return storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Customer> {
        AC_ASSIGN_OR_RETURN(auto kept, CatalogRepository::FindCustomer(tx, keep));
        if (!kept) {
            return Fail(CustomerNotFound(keep));
        }
        AC_ASSIGN_OR_RETURN(auto duplicate, CatalogRepository::FindCustomer(tx, merge.duplicate));
        if (!duplicate) {
            return Fail(Error::Validation(
                {FieldError{"duplicate_id", Message{"catalog.customer_not_found",
                                                    {{"id", std::to_string(merge.duplicate.value())}}}}}));
        }
        if (kept->merged_into) {
            return Fail(Merged(*kept));
        }
        if (duplicate->merged_into) {
            return Fail(Merged(*duplicate));
        }
        if (kept->version != merge.version || duplicate->version != merge.duplicate_version) {
            return Fail(Stale());
        }
        Customer merged = *kept;
        for (const std::string& phone : duplicate->phones) {
            if (std::find(merged.phones.begin(), merged.phones.end(), phone) == merged.phones.end()) {
                merged.phones.push_back(phone);
            }
        }
        for (const Address& address : duplicate->addresses) {
            if (std::find(merged.addresses.begin(), merged.addresses.end(), address) == merged.addresses.end()) {
                merged.addresses.push_back(address);
            }
        }
        if (!duplicate->notes.empty()) {
            merged.notes = merged.notes.empty() ? duplicate->notes : merged.notes + "\n" + duplicate->notes;
        }
        // The merged record keeps to the limits: the first phones and addresses win, long notes are cut.
        merged.phones.resize(std::min(merged.phones.size(), kMaxPhones));
        merged.addresses.resize(std::min(merged.addresses.size(), kMaxAddresses));
        if (json::Utf8Length(merged.notes) > 500) {
            merged.notes = kept->notes;
        }
        AC_ASSIGN_OR_RETURN(const bool marked, CatalogRepository::MarkMerged(tx, duplicate->id, duplicate->version,
                                                                             keep, actor.staff_id, now));
        AC_ASSIGN_OR_RETURN(const bool written, CatalogRepository::UpdateCustomer(tx, merged, actor.staff_id, now));
        if (!marked || !written) {
            return Fail(Stale());
        }
        AC_ASSIGN_OR_RETURN(auto updated, CatalogRepository::FindCustomer(tx, keep));
        return std::move(*updated);
    });
}

Result<ImportReport> CatalogService::ImportCustomers(const Principal& actor, std::string_view csv, bool dry_run) {
    AC_ASSIGN_OR_RETURN(const CsvRecords records, ReadRecords(csv, kCustomerColumns));
    FieldCheck check;
    std::vector<std::pair<std::size_t, Customer>> customers;
    std::map<std::string, std::size_t> phone_rows;
    for (const auto& [row, values] : records.rows) {
        const auto value = [&values](const std::string& key) {
            const auto it = values.find(key);
            return it == values.end() ? std::string() : it->second;
        };
        Customer customer;
        customer.name = value("name");
        customer.phones = SplitPhoneCell(value("phones"));
        customer.notes = value("notes");
        if (!Trimmed(value("address")).empty() || !Trimmed(value("district")).empty()) {
            customer.addresses.push_back(Address{value("district"), value("address")});
        }
        const std::string prefix = RowPrefix(row);
        CheckCustomer(customer, check, prefix);
        for (std::size_t i = 0; i < customer.phones.size(); ++i) {
            const auto [it, fresh] = phone_rows.emplace(customer.phones[i], row);
            if (!fresh && it->second != row) {
                check.Add(Item(prefix, "phones", i),
                          Message{"catalog.phone_repeated", {{"row", std::to_string(it->second)}}});
            }
        }
        customers.emplace_back(row, std::move(customer));
    }
    AC_RETURN_IF_ERROR(check.Finish());
    const Instant now = clock_.Now();
    const TxMode mode = dry_run ? TxMode::kRead : TxMode::kWrite;
    return storage::RunInTransaction(db_, mode, [&](Transaction& tx) -> Result<ImportReport> {
        FieldCheck taken;
        for (const auto& [row, customer] : customers) {
            AC_RETURN_IF_ERROR(CheckPhonesFree(tx, customer, taken, RowPrefix(row)));
        }
        AC_RETURN_IF_ERROR(taken.Finish());
        ImportReport report{.rows = static_cast<int>(customers.size()), .dry_run = dry_run};
        if (!dry_run) {
            for (const auto& [row, customer] : customers) {
                AC_RETURN_IF_ERROR(CatalogRepository::InsertCustomer(tx, customer, actor.staff_id, now));
            }
        }
        report.created = report.rows;
        return report;
    });
}

// ---- products -------------------------------------------------------------------------------------------------

Result<Product> CatalogService::CreateProduct(const Principal& actor, const ProductInput& input) {
    Product product;
    product.code = input.code;
    product.name = input.name;
    product.model = input.model;
    product.category = input.category;
    product.unit_price = Money::FromFen(input.unit_price_fen);
    product.warranty_months = input.warranty_months;
    product.lead_time_days = input.lead_time_days;
    product.factory = input.factory;
    product.installation_required = input.installation_required;
    product.active = input.active;
    FieldCheck check;
    CheckProduct(product, check);
    AC_RETURN_IF_ERROR(check.Finish());
    const Instant now = clock_.Now();
    return storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Product> {
        AC_ASSIGN_OR_RETURN(auto taken, CatalogRepository::FindProductByCode(tx, product.code));
        if (taken) {
            return Fail(Error::Validation({FieldError{"code", Message{"field.taken", {}}}}));
        }
        AC_ASSIGN_OR_RETURN(const ProductId id, CatalogRepository::InsertProduct(tx, product, actor.staff_id, now));
        AC_ASSIGN_OR_RETURN(auto created, CatalogRepository::FindProduct(tx, id));
        return std::move(*created);
    });
}

Result<Product> CatalogService::GetProduct(const Principal&, ProductId id) {
    return storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<Product> {
        AC_ASSIGN_OR_RETURN(auto product, CatalogRepository::FindProduct(tx, id));
        if (!product) {
            return Fail(ProductNotFound(id));
        }
        return std::move(*product);
    });
}

Result<Product> CatalogService::UpdateProduct(const Principal& actor, ProductId id, const ProductPatch& patch) {
    const Instant now = clock_.Now();
    return storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Product> {
        AC_ASSIGN_OR_RETURN(auto current, CatalogRepository::FindProduct(tx, id));
        if (!current) {
            return Fail(ProductNotFound(id));
        }
        Product product = *current;
        product.code = patch.code.value_or(product.code);
        product.name = patch.name.value_or(product.name);
        product.model = patch.model.value_or(product.model);
        product.category = patch.category.value_or(product.category);
        if (patch.unit_price_fen) {
            product.unit_price = Money::FromFen(*patch.unit_price_fen);
        }
        product.warranty_months = patch.warranty_months.value_or(product.warranty_months);
        product.lead_time_days = patch.lead_time_days.value_or(product.lead_time_days);
        product.factory = patch.factory.value_or(product.factory);
        product.installation_required = patch.installation_required.value_or(product.installation_required);
        product.active = patch.active.value_or(product.active);
        product.version = patch.version;
        FieldCheck check;
        CheckProduct(product, check);
        AC_RETURN_IF_ERROR(check.Finish());
        if (product.code != current->code) {
            AC_ASSIGN_OR_RETURN(auto taken, CatalogRepository::FindProductByCode(tx, product.code));
            if (taken) {
                return Fail(Error::Validation({FieldError{"code", Message{"field.taken", {}}}}));
            }
        }
        AC_ASSIGN_OR_RETURN(const bool written, CatalogRepository::UpdateProduct(tx, product, actor.staff_id, now));
        if (!written) {
            return Fail(Stale());
        }
        AC_ASSIGN_OR_RETURN(auto updated, CatalogRepository::FindProduct(tx, id));
        return std::move(*updated);
    });
}

Result<Page<Product>> CatalogService::ListProducts(const Principal&, ProductQuery query) {
    AC_RETURN_IF_ERROR(CheckPage(query.page, query.page_size));
    query.text = Trimmed(query.text);
    return storage::RunInTransaction(db_, TxMode::kRead,
                                     [&](Transaction& tx) { return CatalogRepository::ListProducts(tx, query); });
}

Result<std::vector<std::string>> CatalogService::Categories(const Principal&) {
    return storage::RunInTransaction(db_, TxMode::kRead,
                                     [&](Transaction& tx) { return CatalogRepository::Categories(tx); });
}

Result<ImportReport> CatalogService::ImportProducts(const Principal& actor, std::string_view csv, bool dry_run) {
    AC_ASSIGN_OR_RETURN(const CsvRecords records, ReadRecords(csv, kProductColumns));
    // Parsing is done per row against a base product (the existing one, or defaults) inside the transaction, so
    // that a missing column keeps what the product had.
    const Instant now = clock_.Now();
    const TxMode mode = dry_run ? TxMode::kRead : TxMode::kWrite;
    return storage::RunInTransaction(db_, mode, [&](Transaction& tx) -> Result<ImportReport> {
        FieldCheck rows_check;
        std::map<std::string, std::size_t> seen;
        std::vector<std::pair<Product, bool>> writes;  // product, exists
        for (const auto& [row, values] : records.rows) {
            const std::string prefix = RowPrefix(row);
            const auto has = [&values](const std::string& key) { return values.contains(key); };
            const auto value = [&values](const std::string& key) {
                const auto it = values.find(key);
                return it == values.end() ? std::string() : it->second;
            };
            std::string code = value("code");
            std::transform(code.begin(), code.end(), code.begin(),
                           [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
            code = Trimmed(code);
            AC_ASSIGN_OR_RETURN(auto existing, CatalogRepository::FindProductByCode(tx, code));
            Product product = existing.value_or(Product{});
            product.code = code;
            product.name = value("name");
            if (has("model"))
                product.model = value("model");
            if (has("category"))
                product.category = value("category");
            if (const auto price = Money::ParseYuan(Trimmed(value("unit_price")))) {
                product.unit_price = *price;
            } else {
                rows_check.Add(prefix + ".unit_price", Message{"field.must_be_money", {}});
            }
            const auto count = [&](const std::string& key, int& target) {
                if (!has(key) || Trimmed(value(key)).empty()) {
                    return;
                }
                if (const auto parsed = ParseCount(value(key))) {
                    target = static_cast<int>(*parsed);
                } else {
                    rows_check.Add(prefix + "." + key, Message{"field.must_be_integer", {}});
                }
            };
            count("warranty_months", product.warranty_months);
            count("lead_time_days", product.lead_time_days);
            const auto yes_no = [&](const std::string& key, bool& target) {
                if (!has(key) || Trimmed(value(key)).empty()) {
                    return;
                }
                if (const auto parsed = ParseYesNo(value(key))) {
                    target = *parsed;
                } else {
                    rows_check.Add(prefix + "." + key, Message{"catalog.import_bool", {}});
                }
            };
            yes_no("installation_required", product.installation_required);
            yes_no("active", product.active);
            CheckProduct(product, rows_check, prefix);
            if (!product.code.empty()) {
                const auto [it, fresh] = seen.emplace(product.code, row);
                if (!fresh) {
                    rows_check.Add(prefix + ".code",
                                   Message{"catalog.code_repeated", {{"row", std::to_string(it->second)}}});
                }
            }
            writes.emplace_back(std::move(product), existing.has_value());
        }
        AC_RETURN_IF_ERROR(rows_check.Finish());
        ImportReport report{.rows = static_cast<int>(writes.size()), .dry_run = dry_run};
        for (const auto& [product, exists] : writes) {
            if (exists) {
                ++report.updated;
                if (!dry_run) {
                    AC_ASSIGN_OR_RETURN(const bool written,
                                        CatalogRepository::UpdateProduct(tx, product, actor.staff_id, now));
                    if (!written) {
                        return Fail(Stale());
                    }
                }
            } else {
                ++report.created;
                if (!dry_run) {
                    AC_RETURN_IF_ERROR(CatalogRepository::InsertProduct(tx, product, actor.staff_id, now));
                }
            }
        }
        return report;
    });
}

}  // namespace ac::catalog

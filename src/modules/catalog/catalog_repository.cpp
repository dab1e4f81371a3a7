#include "modules/catalog/catalog_repository.hpp"

#include <algorithm>
#include <cctype>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "storage/text_search.hpp"
#include "storage/where.hpp"

namespace ac::catalog {
namespace {

using storage::Row;
using storage::Rows;
using storage::Transaction;
using storage::Value;

std::string AsciiLower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return text;
}

// Sorting text the same way on both databases: by code point (SQLite's BINARY, PostgreSQL's "C").
std::string_view ByCodePoint(const Transaction& tx) {
    return tx.backend() == storage::Backend::kPostgres ? " COLLATE \"C\"" : "";
}

// ---- customers ------------------------------------------------------------------------------------------------

constexpr std::string_view kCustomerColumns =
    "id, name, phones, addresses, notes, merged_into, version, created_at_ms, updated_at_ms";

std::string JoinPhones(const std::vector<std::string>& phones) {
    std::string joined;
    for (const std::string& phone : phones) {
        if (!joined.empty()) {
            joined += ' ';
        }
        joined += phone;
    }
    return joined;
}

std::vector<std::string> SplitPhones(const std::string& joined) {
    std::vector<std::string> phones;
    std::size_t start = 0;
    while (start < joined.size()) {
        const std::size_t end = std::min(joined.find(' ', start), joined.size());
        if (end > start) {
            phones.push_back(joined.substr(start, end - start));
        }
        start = end + 1;
    }
    return phones;
}

std::string AddressesJson(const std::vector<Address>& addresses) {
    boost::json::array array;
    for (const Address& a : addresses) {
        array.push_back(boost::json::object{{"district", a.district}, {"address", a.address}});
    }
    return boost::json::serialize(array);
}

std::vector<Address> AddressesFrom(const std::string& text) {
    std::vector<Address> addresses;
    boost::system::error_code ec;
    const boost::json::value value = boost::json::parse(text, ec);
    if (ec || !value.is_array()) {
        return addresses;
    }
    for (const boost::json::value& item : value.get_array()) {
        if (const auto* object = item.if_object()) {
            Address address;
            if (const auto* d = object->if_contains("district"); d != nullptr && d->is_string()) {
                address.district = std::string(d->get_string());
            }
            if (const auto* a = object->if_contains("address"); a != nullptr && a->is_string()) {
                address.address = std::string(a->get_string());
            }
            addresses.push_back(std::move(address));
        }
    }
    return addresses;
}

std::string CustomerSearchText(const Customer& customer) {
    std::string text = AsciiLower(customer.name);
    for (const std::string& phone : customer.phones) {
        text += '\n' + phone;
    }
    for (const Address& address : customer.addresses) {
        text += '\n' + AsciiLower(address.district) + ' ' + AsciiLower(address.address);
    }
    return text;
}

Customer CustomerFrom(const Row& row) {
    Customer customer;
    customer.id = CustomerId(row.Int(0));
    customer.name = row.Text(1);
    customer.phones = SplitPhones(row.Text(2));
    customer.addresses = AddressesFrom(row.Text(3));
    customer.notes = row.Text(4);
    if (const auto into = row.OptInt(5)) {
        customer.merged_into = CustomerId(*into);
    }
    customer.version = row.Int(6);
    customer.created_at = row.Time(7);
    customer.updated_at = row.Time(8);
    return customer;
}

std::string_view CustomerOrder(CustomerSort sort) {
    switch (sort) {
        case CustomerSort::kUpdatedAsc:
            return "updated_at_ms ASC, id ASC";
        case CustomerSort::kNameAsc:
            return "name{C} ASC, id ASC";
        case CustomerSort::kNameDesc:
            return "name{C} DESC, id DESC";
        case CustomerSort::kCreatedDesc:
            return "id DESC";
        case CustomerSort::kUpdatedDesc:
            break;
    }
    return "updated_at_ms DESC, id DESC";
}

// ---- products -------------------------------------------------------------------------------------------------

constexpr std::string_view kProductColumns =
    "id, code, name, model, category, unit_price_fen, warranty_months, lead_time_days, installation_required, "
    "active, version, created_at_ms, updated_at_ms, factory";

std::string ProductSearchText(const Product& product) {
    return AsciiLower(product.code) + '\n' + AsciiLower(product.name) + '\n' + AsciiLower(product.model);
}

Product ProductFrom(const Row& row) {
    Product product;
    product.id = ProductId(row.Int(0));
    product.code = row.Text(1);
    product.name = row.Text(2);
    product.model = row.Text(3);
    product.category = row.Text(4);
    product.unit_price = row.Fen(5);
    product.warranty_months = static_cast<int>(row.Int(6));
    product.lead_time_days = static_cast<int>(row.Int(7));
    product.installation_required = row.Bool(8);
    product.active = row.Bool(9);
    product.version = row.Int(10);
    product.created_at = row.Time(11);
    product.updated_at = row.Time(12);
    product.factory = row.Text(13);
    return product;
}

std::string_view ProductOrder(ProductSort sort) {
    switch (sort) {
        case ProductSort::kCodeDesc:
            return "code{C} DESC";
        case ProductSort::kNameAsc:
            return "name{C} ASC, code{C} ASC";
        case ProductSort::kPriceAsc:
            return "unit_price_fen ASC, code{C} ASC";
        case ProductSort::kPriceDesc:
            return "unit_price_fen DESC, code{C} ASC";
        case ProductSort::kUpdatedDesc:
            return "updated_at_ms DESC, id DESC";
        case ProductSort::kCodeAsc:
            break;
    }
    return "code{C} ASC";
}

// `order` with {C} replaced by the backend's code-point collation.
std::string OrderBy(const Transaction& tx, std::string_view order) {
    std::string text(order);
    for (std::size_t at = text.find("{C}"); at != std::string::npos; at = text.find("{C}", at)) {
        text.replace(at, 3, ByCodePoint(tx));
    }
    return " ORDER BY " + text;
}

}  // namespace

std::string ContainsPattern(std::string_view text) {
    std::string pattern = "%";
    for (const char c : AsciiLower(std::string(text))) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    pattern += '%';
    return pattern;
}

Result<CustomerId> CatalogRepository::InsertCustomer(Transaction& tx, const Customer& customer, StaffId actor,
                                                     Instant now) {
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("INSERT INTO customers (name, phones, addresses, notes, search_text, created_at_ms, "
                                 "created_by, updated_at_ms, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $7) "
                                 "RETURNING id",
                                 {customer.name, JoinPhones(customer.phones), AddressesJson(customer.addresses),
                                  customer.notes, CustomerSearchText(customer), now, actor}));
    const CustomerId id(rows[0].Int(0));
    AC_RETURN_IF_ERROR(ReplacePhones(tx, id, customer.phones));
    return id;
}

Result<bool> CatalogRepository::UpdateCustomer(Transaction& tx, const Customer& customer, StaffId actor, Instant now) {
    AC_ASSIGN_OR_RETURN(
        const std::int64_t changed,
        tx.Execute("UPDATE customers SET name = $2, phones = $3, addresses = $4, notes = $5, "
                   "search_text = $6, version = version + 1, updated_at_ms = $7, updated_by = $8 "
                   "WHERE id = $1 AND version = $9 AND merged_into IS NULL",
                   {customer.id, customer.name, JoinPhones(customer.phones), AddressesJson(customer.addresses),
                    customer.notes, CustomerSearchText(customer), now, actor, customer.version}));
    if (changed == 0) {
        return false;
    }
    AC_RETURN_IF_ERROR(ReplacePhones(tx, customer.id, customer.phones));
    return true;
}

Result<std::optional<Customer>> CatalogRepository::FindCustomer(Transaction& tx, CustomerId id) {
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT " + std::string(kCustomerColumns) + " FROM customers WHERE id = $1", {id}));
    if (rows.empty()) {
        return std::optional<Customer>();
    }
    return std::optional<Customer>(CustomerFrom(rows[0]));
}

Result<Page<Customer>> CatalogRepository::ListCustomers(Transaction& tx, const CustomerQuery& query) {
    storage::Where where("customers.merged_into IS NULL");
    // Newest first, a search reads its matches from the search index in that order and stops after the page; in
    // another order it reads them all.
    std::optional<storage::TextSearch> search;
    if (!query.text.empty() && query.sort == CustomerSort::kCreatedDesc) {
        search = storage::SearchFor(where, tx.backend(), {"customers", "id", "customers.id"}, query.text);
        if (search) {
            where.Add(search->condition);
        }
    } else if (!query.text.empty()) {
        where.Add(storage::TextSearchCondition(where, tx.backend(), {"customers", "id", "customers.id"}, query.text));
    }
    const std::string filter = " FROM " + (search ? search->leading : std::string()) + "customers" + where.sql();
    std::vector<Value> paged = where.params();
    paged.emplace_back(query.page_size);
    paged.emplace_back((query.page - 1) * query.page_size);
    AC_ASSIGN_OR_RETURN(const Rows rows, tx.Query("SELECT " + std::string(kCustomerColumns) + filter +
                                                      (search ? " ORDER BY " + search->newest_first
                                                              : OrderBy(tx, CustomerOrder(query.sort))) +
                                                      " LIMIT " + where.Next() + " OFFSET " + where.Next(1),
                                                  paged));
    AC_ASSIGN_OR_RETURN(const std::int64_t counted,
                        storage::CountRows(tx, filter, where.params(), rows.size(), query.page, query.page_size));
    Page<Customer> page;
    storage::SetTotal(page, counted, query.page, query.page_size);
    for (const Row& row : rows) {
        page.items.push_back(CustomerFrom(row));
    }
    return page;
}

Result<std::map<std::string, PhoneOwner>> CatalogRepository::FindPhoneOwners(Transaction& tx,
                                                                             const std::vector<std::string>& phones) {
    std::map<std::string, PhoneOwner> owners;
    for (const std::string& phone : phones) {
        AC_ASSIGN_OR_RETURN(const Rows rows,
                            tx.Query("SELECT c.id, c.name FROM customer_phones p JOIN customers c ON c.id = "
                                     "p.customer_id WHERE p.phone = $1",
                                     {phone}));
        if (!rows.empty()) {
            owners[phone] = PhoneOwner{CustomerId(rows[0].Int(0)), rows[0].Text(1)};
        }
    }
    return owners;
}

Status CatalogRepository::ReplacePhones(Transaction& tx, CustomerId id, const std::vector<std::string>& phones) {
    AC_RETURN_IF_ERROR(tx.Execute("DELETE FROM customer_phones WHERE customer_id = $1", {id}));
    for (const std::string& phone : phones) {
        AC_RETURN_IF_ERROR(tx.Execute("INSERT INTO customer_phones (phone, customer_id) VALUES ($1, $2)", {phone, id}));
    }
    return Ok();
}

Result<bool> CatalogRepository::MarkMerged(Transaction& tx, CustomerId duplicate, std::int64_t version, CustomerId into,
                                           StaffId actor, Instant now) {
    AC_RETURN_IF_ERROR(tx.Execute("DELETE FROM customer_phones WHERE customer_id = $1", {duplicate}));
    AC_ASSIGN_OR_RETURN(const std::int64_t changed,
                        tx.Execute("UPDATE customers SET merged_into = $2, merged_at_ms = $3, merged_by = $4, "
                                   "version = version + 1, updated_at_ms = $3, updated_by = $4 "
                                   "WHERE id = $1 AND version = $5 AND merged_into IS NULL",
                                   {duplicate, into, now, actor, version}));
    return changed == 1;
}

Result<ProductId> CatalogRepository::InsertProduct(Transaction& tx, const Product& product, StaffId actor,
                                                   Instant now) {
    AC_ASSIGN_OR_RETURN(
        const Rows rows,
        tx.Query("INSERT INTO products (code, name, model, category, unit_price_fen, warranty_months, lead_time_days, "
                 "installation_required, active, search_text, created_at_ms, created_by, updated_at_ms, updated_by, "
                 "factory) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11, $12, $13) RETURNING id",
                 {product.code, product.name, product.model, product.category, product.unit_price,
                  product.warranty_months, product.lead_time_days, product.installation_required, product.active,
                  ProductSearchText(product), now, actor, product.factory}));
    return ProductId(rows[0].Int(0));
}

Result<bool> CatalogRepository::UpdateProduct(Transaction& tx, const Product& product, StaffId actor, Instant now) {
    AC_ASSIGN_OR_RETURN(
        const std::int64_t changed,
        tx.Execute("UPDATE products SET code = $2, name = $3, model = $4, category = $5, unit_price_fen = $6, "
                   "warranty_months = $7, lead_time_days = $8, installation_required = $9, active = $10, "
                   "search_text = $11, version = version + 1, updated_at_ms = $12, updated_by = $13, factory = $15 "
                   "WHERE id = $1 AND version = $14",
                   {product.id, product.code, product.name, product.model, product.category, product.unit_price,
                    product.warranty_months, product.lead_time_days, product.installation_required, product.active,
                    ProductSearchText(product), now, actor, product.version, product.factory}));
    return changed == 1;
}

Result<std::optional<Product>> CatalogRepository::FindProduct(Transaction& tx, ProductId id) {
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT " + std::string(kProductColumns) + " FROM products WHERE id = $1", {id}));
    if (rows.empty()) {
        return std::optional<Product>();
    }
    return std::optional<Product>(ProductFrom(rows[0]));
}

Result<std::optional<Product>> CatalogRepository::FindProductByCode(Transaction& tx, const std::string& code) {
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT " + std::string(kProductColumns) + " FROM products WHERE code = $1", {code}));
    if (rows.empty()) {
        return std::optional<Product>();
    }
    return std::optional<Product>(ProductFrom(rows[0]));
}

Result<std::optional<Product>> CatalogRepository::FindProductByModel(Transaction& tx, const std::string& model) {
    std::string code = model;
    std::transform(code.begin(), code.end(), code.begin(),
                   [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
    // The first product by id whose model or code it is: two index lookups (one statement with OR sorted the
    // union of both indexes through a temporary table, on SQLite, on every registration).
    AC_ASSIGN_OR_RETURN(const Rows by_model, tx.Query("SELECT " + std::string(kProductColumns) +
                                                          " FROM products WHERE model = $1 ORDER BY id LIMIT 1",
                                                      {model}));
    AC_ASSIGN_OR_RETURN(const Rows by_code, tx.Query("SELECT " + std::string(kProductColumns) +
                                                         " FROM products WHERE code = $1 ORDER BY id LIMIT 1",
                                                     {code}));
    const Row* first = nullptr;
    for (const Rows* rows : {&by_model, &by_code}) {
        if (!rows->empty() && (first == nullptr || (*rows)[0].Int(0) < first->Int(0))) {
            first = &(*rows)[0];
        }
    }
    if (first == nullptr) {
        return std::optional<Product>();
    }
    return std::optional<Product>(ProductFrom(*first));
}

Result<Page<Product>> CatalogRepository::ListProducts(Transaction& tx, const ProductQuery& query) {
    const std::string filter =
        " FROM products WHERE (CAST($1 AS TEXT) IS NULL OR search_text LIKE $1 ESCAPE '\\')"
        " AND (CAST($2 AS TEXT) IS NULL OR category = $2) AND (CAST($3 AS INTEGER) IS NULL OR active = $3)";
    const Value pattern = query.text.empty() ? Value() : Value(ContainsPattern(query.text));
    const Value category = query.category.empty() ? Value() : Value(query.category);
    const Value active = query.active ? Value(*query.active) : Value();
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT " + std::string(kProductColumns) + filter +
                                     OrderBy(tx, ProductOrder(query.sort)) + " LIMIT $4 OFFSET $5",
                                 {pattern, category, active, query.page_size, (query.page - 1) * query.page_size}));
    AC_ASSIGN_OR_RETURN(const Rows count, tx.Query("SELECT count(*)" + filter, {pattern, category, active}));
    Page<Product> page;
    page.total = count[0].Int(0);
    page.page = query.page;
    page.page_size = query.page_size;
    for (const Row& row : rows) {
        page.items.push_back(ProductFrom(row));
    }
    return page;
}

Result<std::vector<std::string>> CatalogRepository::Categories(Transaction& tx) {
    AC_ASSIGN_OR_RETURN(const Rows rows,
                        tx.Query("SELECT category FROM products WHERE category <> '' GROUP BY category "
                                 "ORDER BY category" +
                                 std::string(ByCodePoint(tx))));
    std::vector<std::string> categories;
    for (const Row& row : rows) {
        categories.push_back(row.Text(0));
    }
    return categories;
}

}  // namespace ac::catalog

// The catalog's SQL: the only code that knows its tables.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/validation.hpp"
#include "modules/catalog/catalog.hpp"
#include "storage/database.hpp"

namespace ac::catalog {

struct PhoneOwner {
    CustomerId id;
    std::string name;
};

class CatalogRepository {
  public:
    // ---- customers
    static Result<CustomerId> InsertCustomer(storage::Transaction& tx, const Customer& customer, StaffId actor,
                                             Instant now);
    // Writes `customer` if its version is still `customer.version` (then increments it). false: stale.
    static Result<bool> UpdateCustomer(storage::Transaction& tx, const Customer& customer, StaffId actor, Instant now);
    static Result<std::optional<Customer>> FindCustomer(storage::Transaction& tx, CustomerId id);
    static Result<Page<Customer>> ListCustomers(storage::Transaction& tx, const CustomerQuery& query);
    // The customers that own any of `phones`, by phone.
    static Result<std::map<std::string, PhoneOwner>> FindPhoneOwners(storage::Transaction& tx,
                                                                     const std::vector<std::string>& phones);
    // Makes `phones` exactly the phones of customer `id` in the look-up table.
    static Status ReplacePhones(storage::Transaction& tx, CustomerId id, const std::vector<std::string>& phones);
    // Marks `duplicate` (at `version`) as merged into `into`. false: stale.
    static Result<bool> MarkMerged(storage::Transaction& tx, CustomerId duplicate, std::int64_t version,
                                   CustomerId into, StaffId actor, Instant now);

    // ---- products
    static Result<ProductId> InsertProduct(storage::Transaction& tx, const Product& product, StaffId actor,
                                           Instant now);
    static Result<bool> UpdateProduct(storage::Transaction& tx, const Product& product, StaffId actor, Instant now);
    static Result<std::optional<Product>> FindProduct(storage::Transaction& tx, ProductId id);
    static Result<std::optional<Product>> FindProductByCode(storage::Transaction& tx, const std::string& code);
    // The product whose model or code is `model` (codes compared in upper case).
    static Result<std::optional<Product>> FindProductByModel(storage::Transaction& tx, const std::string& model);
    static Result<Page<Product>> ListProducts(storage::Transaction& tx, const ProductQuery& query);
    // Every category in use, sorted.
    static Result<std::vector<std::string>> Categories(storage::Transaction& tx);
};

// "%text%" for LIKE, lower-cased, with %, _ and \ escaped by '\'.
[[nodiscard]] std::string ContainsPattern(std::string_view text);

}  // namespace ac::catalog

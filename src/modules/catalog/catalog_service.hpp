// The catalog's use cases: customers and products, checked field by field, each in one transaction.
#pragma once

#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "core/validation.hpp"
#include "modules/catalog/catalog.hpp"
#include "storage/database.hpp"

namespace ac::catalog {

class CatalogService {
  public:
    CatalogService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Errors: kValidationFailed with every broken field ("phones[1]": not a phone, or another customer's).
    Result<Customer> CreateCustomer(const Principal& actor, const CustomerInput& input);
    // A merged duplicate is returned too, with merged_into set. Error: kNotFound.
    Result<Customer> GetCustomer(const Principal& actor, CustomerId id);
    // Errors: kNotFound, kValidationFailed, kAborted (stale version), kFailedPrecondition (merged).
    Result<Customer> UpdateCustomer(const Principal& actor, CustomerId id, const CustomerPatch& patch);
    Result<Page<Customer>> ListCustomers(const Principal& actor, CustomerQuery query);
    // Moves the duplicate's phones, addresses and notes to `keep` and marks the duplicate merged into it.
    // Errors: kNotFound, kValidationFailed (itself), kAborted (either version stale), kFailedPrecondition.
    Result<Customer> MergeCustomers(const Principal& actor, CustomerId keep, const CustomerMerge& merge);
    // Imports customers from CSV bytes (UTF-8 or GB18030): every row is checked, and either all are created or,
    // on any error, none; the errors name the row ("rows[3].phones"). With `dry_run` nothing is written.
    Result<ImportReport> ImportCustomers(const Principal& actor, std::string_view csv, bool dry_run);

    Result<Product> CreateProduct(const Principal& actor, const ProductInput& input);
    Result<Product> GetProduct(const Principal& actor, ProductId id);
    Result<Product> UpdateProduct(const Principal& actor, ProductId id, const ProductPatch& patch);
    Result<Page<Product>> ListProducts(const Principal& actor, ProductQuery query);
    Result<std::vector<std::string>> Categories(const Principal& actor);
    // Imports products from CSV: a row whose code exists updates that product, others create one; all or none.
    Result<ImportReport> ImportProducts(const Principal& actor, std::string_view csv, bool dry_run);

  private:
    storage::Database& db_;
    const Clock& clock_;
};

// Checks and normalises a customer's fields in place (phones to their normal form); field names get `prefix`.
void CheckCustomer(Customer& customer, FieldCheck& check, std::string_view prefix = "");
// Checks and normalises a product's fields in place (code upper case).
void CheckProduct(Product& product, FieldCheck& check, std::string_view prefix = "");

}  // namespace ac::catalog

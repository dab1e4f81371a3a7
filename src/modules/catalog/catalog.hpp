// The catalog: customers and products, the records every other module refers to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/money.hpp"
#include "core/principal.hpp"

namespace ac::catalog {

using CustomerId = Id<struct CustomerTag>;
using ProductId = Id<struct ProductTag>;

struct Address {
    std::string district;  // 区/县, e.g. "浦东新区"
    std::string address;   // street, building, room

    friend bool operator==(const Address&, const Address&) = default;
};

struct Customer {
    CustomerId id;
    std::string name;
    std::vector<std::string> phones;  // normalised (see NormalizePhone), unique across customers
    std::vector<Address> addresses;
    std::string notes;
    std::optional<CustomerId> merged_into;  // set on a duplicate merged into another customer
    std::int64_t version = 1;
    Instant created_at;
    Instant updated_at;
};

struct Product {
    ProductId id;
    std::string code;  // unique, upper case: "SF-1021"
    std::string name;
    std::string model;
    std::string category;
    Money unit_price;  // fen
    int warranty_months = 12;
    int lead_time_days = 3;  // factory production time (rule A5)
    std::string factory;     // who makes it: factory orders are grouped by it (A4)
    bool installation_required = false;
    bool active = true;
    std::int64_t version = 1;
    Instant created_at;
    Instant updated_at;
};

// ---- inputs and queries -------------------------------------------------------------------------------------

struct CustomerInput {
    std::string name;
    std::vector<std::string> phones;
    std::vector<Address> addresses;
    std::string notes;
};

struct CustomerPatch {
    std::int64_t version = 0;
    std::optional<std::string> name;
    std::optional<std::vector<std::string>> phones;
    std::optional<std::vector<Address>> addresses;
    std::optional<std::string> notes;
};

struct CustomerMerge {
    std::int64_t version = 0;  // of the customer that stays
    CustomerId duplicate;
    std::int64_t duplicate_version = 0;
};

enum class CustomerSort : std::uint8_t { kUpdatedDesc, kUpdatedAsc, kNameAsc, kNameDesc, kCreatedDesc };

struct CustomerQuery {
    std::string text;  // substring of the name, a phone, a district or an address
    CustomerSort sort = CustomerSort::kUpdatedDesc;
    int page = 1;
    int page_size = 20;
};

struct ProductInput {
    std::string code;
    std::string name;
    std::string model;
    std::string category;
    std::int64_t unit_price_fen = 0;
    int warranty_months = 12;
    int lead_time_days = 3;
    std::string factory;
    bool installation_required = false;
    bool active = true;
};

struct ProductPatch {
    std::int64_t version = 0;
    std::optional<std::string> code;
    std::optional<std::string> name;
    std::optional<std::string> model;
    std::optional<std::string> category;
    std::optional<std::int64_t> unit_price_fen;
    std::optional<int> warranty_months;
    std::optional<int> lead_time_days;
    std::optional<std::string> factory;
    std::optional<bool> installation_required;
    std::optional<bool> active;
};

enum class ProductSort : std::uint8_t { kCodeAsc, kCodeDesc, kNameAsc, kPriceAsc, kPriceDesc, kUpdatedDesc };

struct ProductQuery {
    std::string text;  // substring of code, name or model
    std::string category;
    std::optional<bool> active;
    ProductSort sort = ProductSort::kCodeAsc;
    int page = 1;
    int page_size = 20;
};

// What an import did (or, with dry_run, would do).
struct ImportReport {
    int rows = 0;
    int created = 0;
    int updated = 0;
    bool dry_run = false;
};

// Limits of the catalog's records.
inline constexpr std::size_t kMaxPhones = 5;
inline constexpr std::size_t kMaxAddresses = 5;
inline constexpr std::size_t kMaxImportRows = 5000;
inline constexpr std::size_t kMaxImportBytes = 5 * 1024 * 1024;

}  // namespace ac::catalog

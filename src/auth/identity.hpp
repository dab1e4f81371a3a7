// Stores and staff: the records of identity and their queries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "core/validation.hpp"

namespace ac::auth {

struct Store {
    StoreId id;
    std::string code;  // short, unique: "SH01"
    std::string name;
    std::string address;
    std::string phone;
    std::string time_zone = "Asia/Shanghai";  // IANA name; business hours and deadlines are in this zone
    bool active = true;
    std::int64_t version = 1;
    Instant created_at;
    Instant updated_at;
};

struct Staff {
    StaffId id;
    std::string username;  // lowercase, unique
    std::string name;
    std::optional<std::string> phone;        // normalised mobile, unique
    std::optional<std::string> employee_no;  // unique
    std::optional<StoreId> store_id;         // nullopt: head office
    bool active = true;
    bool has_password = false;
    RoleSet roles;
    std::vector<std::string> skills;  // what a field worker can do, for dispatch
    std::int64_t version = 1;
    Instant created_at;
    Instant updated_at;
};

using ac::Page;

struct StoreQuery {
    std::optional<StoreId> scope;  // the only store the caller sees; nullopt: all
    std::string text;              // substring of code, name, address or phone
    std::optional<bool> active;
    int page = 1;
    int page_size = 50;
};

struct StaffQuery {
    std::optional<StoreId> scope;     // the only store the caller sees; nullopt: all
    std::optional<StoreId> store_id;  // filter
    std::optional<Role> role;         // filter
    std::string text;                 // substring of name, username, phone or employee number
    std::optional<bool> active;
    int page = 1;
    int page_size = 50;
};

}  // namespace ac::auth

#include "auth/identity_repository.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace ac::auth {
namespace {

using storage::Row;
using storage::Rows;
using storage::Transaction;
using storage::Value;

// ---- stores -------------------------------------------------------------------------------------------------

constexpr std::string_view kStoreColumns =
    "id, code, name, address, phone, time_zone, active, version, created_at_ms, updated_at_ms";

constexpr std::string_view kInsertStore =
    "INSERT INTO stores (code, name, address, phone, time_zone, active, created_at_ms, created_by, updated_at_ms, "
    "updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8) RETURNING id";
constexpr std::string_view kUpdateStore =
    "UPDATE stores SET code = $2, name = $3, address = $4, phone = $5, time_zone = $6, active = $7, "
    "version = version + 1, updated_at_ms = $8, updated_by = $9 WHERE id = $1 AND version = $10";
constexpr std::string_view kSelectStore =
    "SELECT id, code, name, address, phone, time_zone, active, version, created_at_ms, updated_at_ms "
    "FROM stores WHERE id = $1";
constexpr std::string_view kSelectStoreIdByCode = "SELECT id FROM stores WHERE code = $1";

// Filters shared by the page and the count: $1 scope, $2 text pattern, $3 active.
constexpr std::string_view kStoreFilter =
    " WHERE (CAST($1 AS BIGINT) IS NULL OR id = $1)"
    " AND (CAST($2 AS TEXT) IS NULL OR lower(code) LIKE $2 ESCAPE '\\' OR lower(name) LIKE $2 ESCAPE '\\'"
    " OR lower(address) LIKE $2 ESCAPE '\\' OR phone LIKE $2 ESCAPE '\\')"
    " AND (CAST($3 AS INTEGER) IS NULL OR active = $3)";

Store StoreFrom(const Row& row) {
    Store store;
    store.id = StoreId(row.Int(0));
    store.code = row.Text(1);
    store.name = row.Text(2);
    store.address = row.Text(3);
    store.phone = row.Text(4);
    store.time_zone = row.Text(5);
    store.active = row.Bool(6);
    store.version = row.Int(7);
    store.created_at = row.Time(8);
    store.updated_at = row.Time(9);
    return store;
}

// ---- staff --------------------------------------------------------------------------------------------------

constexpr std::string_view kInsertStaff =
    "INSERT INTO staff (username, name, phone, employee_no, store_id, active, password_hash, password_changed_at_ms, "
    "created_at_ms, created_by, updated_at_ms, updated_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $10) RETURNING id";
constexpr std::string_view kUpdateStaff =
    "UPDATE staff SET username = $2, name = $3, phone = $4, employee_no = $5, store_id = $6, active = $7, "
    "version = version + 1, updated_at_ms = $8, updated_by = $9 WHERE id = $1 AND version = $10";
constexpr std::string_view kSetPassword =
    "UPDATE staff SET password_hash = $2, password_changed_at_ms = $3, version = version + 1, updated_at_ms = $3, "
    "updated_by = $4 WHERE id = $1";
constexpr std::string_view kInsertRole = "INSERT INTO staff_roles (staff_id, role) VALUES ($1, $2)";
constexpr std::string_view kDeleteRoles = "DELETE FROM staff_roles WHERE staff_id = $1";
constexpr std::string_view kInsertSkill = "INSERT INTO staff_skills (staff_id, skill) VALUES ($1, $2)";
constexpr std::string_view kDeleteSkills = "DELETE FROM staff_skills WHERE staff_id = $1";

#define AC_STAFF_COLUMNS                                                       \
    "s.id, s.username, s.name, s.phone, s.employee_no, s.store_id, s.active, " \
    "CASE WHEN s.password_hash IS NULL THEN 0 ELSE 1 END, s.version, s.created_at_ms, s.updated_at_ms"

constexpr std::string_view kSelectStaff = "SELECT " AC_STAFF_COLUMNS " FROM staff s WHERE s.id = $1";
constexpr std::string_view kSelectStaffForLogin =
    "SELECT " AC_STAFF_COLUMNS
    ", COALESCE(s.password_hash, '') FROM staff s WHERE s.username = $1 OR s.phone = $2 "
    "ORDER BY s.id LIMIT 1";
constexpr std::string_view kSelectRolesOf = "SELECT staff_id, role FROM staff_roles WHERE staff_id = $1";
constexpr std::string_view kSelectSkillsOf =
    "SELECT staff_id, skill FROM staff_skills WHERE staff_id = $1 ORDER BY skill";

// Filters shared by the page, its roles and skills, and the count: $1 scope, $2 store, $3 role, $4 text pattern,
// $5 active.
#define AC_STAFF_FILTER                                                                                               \
    " WHERE (CAST($1 AS BIGINT) IS NULL OR s.store_id = $1)"                                                          \
    " AND (CAST($2 AS BIGINT) IS NULL OR s.store_id = $2)"                                                            \
    " AND (CAST($3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM staff_roles r WHERE r.staff_id = s.id AND r.role = $3))" \
    " AND (CAST($4 AS TEXT) IS NULL OR lower(s.name) LIKE $4 ESCAPE '\\' OR lower(s.username) LIKE $4 ESCAPE '\\'"    \
    " OR s.phone LIKE $4 ESCAPE '\\' OR lower(s.employee_no) LIKE $4 ESCAPE '\\')"                                    \
    " AND (CAST($5 AS INTEGER) IS NULL OR s.active = $5)"
#define AC_STAFF_PAGE_IDS "SELECT s.id FROM staff s" AC_STAFF_FILTER " ORDER BY s.id LIMIT $6 OFFSET $7"

constexpr std::string_view kSelectStaffPage =
    "SELECT " AC_STAFF_COLUMNS " FROM staff s" AC_STAFF_FILTER " ORDER BY s.id LIMIT $6 OFFSET $7";
constexpr std::string_view kCountStaff = "SELECT count(*) FROM staff s" AC_STAFF_FILTER;
constexpr std::string_view kSelectPageRoles =
    "SELECT staff_id, role FROM staff_roles WHERE staff_id IN (" AC_STAFF_PAGE_IDS ")";
constexpr std::string_view kSelectPageSkills =
    "SELECT staff_id, skill FROM staff_skills WHERE staff_id IN (" AC_STAFF_PAGE_IDS ") ORDER BY skill";

#undef AC_STAFF_PAGE_IDS
#undef AC_STAFF_FILTER
#undef AC_STAFF_COLUMNS

constexpr std::string_view kStaffWithUsername = "SELECT id FROM staff WHERE username = $1 AND id <> $2";
constexpr std::string_view kStaffWithPhone = "SELECT id FROM staff WHERE phone = $1 AND id <> $2";
constexpr std::string_view kStaffWithEmployeeNo = "SELECT id FROM staff WHERE employee_no = $1 AND id <> $2";
constexpr std::string_view kCountActiveWithRole =
    "SELECT count(*) FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = $1 AND s.active = 1";
// Chain-wide: by the role's index. In one store: by the store's index (a store has a few dozen staff, a role
// hundreds chain-wide), in id order without a sort. Every registration asks this twice.
constexpr std::string_view kSelectActiveWithRole =
    "SELECT s.id FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = $1 AND s.active = 1 "
    "ORDER BY s.id";
constexpr std::string_view kSelectActiveWithRoleInStore =
    "SELECT s.id FROM staff s WHERE s.store_id = $2 AND s.active = 1 "
    "AND EXISTS (SELECT 1 FROM staff_roles r WHERE r.staff_id = s.id AND r.role = $1) ORDER BY s.id";

Staff StaffFrom(const Row& row) {
    Staff staff;
    staff.id = StaffId(row.Int(0));
    staff.username = row.Text(1);
    staff.name = row.Text(2);
    staff.phone = row.OptText(3);
    staff.employee_no = row.OptText(4);
    if (const auto store = row.OptInt(5)) {
        staff.store_id = StoreId(*store);
    }
    staff.active = row.Bool(6);
    staff.has_password = row.Bool(7);
    staff.version = row.Int(8);
    staff.created_at = row.Time(9);
    staff.updated_at = row.Time(10);
    return staff;
}

// Adds the roles and skills rows ((staff_id, value) pairs) to the staff they belong to.
void AttachRolesAndSkills(std::vector<Staff>& staff, const Rows& roles, const Rows& skills) {
    std::map<std::int64_t, Staff*> by_id;
    for (Staff& member : staff) {
        by_id[member.id.value()] = &member;
    }
    for (const Row& row : roles) {
        const auto it = by_id.find(row.Int(0));
        const std::optional<Role> role = RoleFromCode(row.Text(1));
        if (it != by_id.end() && role) {
            Add(it->second->roles, *role);
        }
    }
    for (const Row& row : skills) {
        if (const auto it = by_id.find(row.Int(0)); it != by_id.end()) {
            it->second->skills.push_back(row.Text(1));
        }
    }
}

Status WriteRolesAndSkills(Transaction& tx, const Staff& staff) {
    for (const RoleInfo& info : Roles()) {
        if (Has(staff.roles, info.role)) {
            AC_RETURN_IF_ERROR(tx.Execute(kInsertRole, {staff.id, info.code}));
        }
    }
    for (const std::string& skill : staff.skills) {
        AC_RETURN_IF_ERROR(tx.Execute(kInsertSkill, {staff.id, skill}));
    }
    return Ok();
}

Value OptionalText(const std::string& text) {
    return text.empty() ? Value() : Value(ContainsPattern(text));
}
Value OptionalBool(const std::optional<bool>& flag) {
    return flag ? Value(static_cast<long long>(*flag ? 1 : 0)) : Value();
}

Result<std::optional<StaffId>> FindOtherStaff(Transaction& tx, std::string_view sql, std::string_view value,
                                              StaffId except) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {value, except}));
    if (rows.empty()) {
        return std::optional<StaffId>();
    }
    return std::optional<StaffId>(StaffId(rows.front().Int(0)));
}

}  // namespace

std::string ContainsPattern(std::string_view text) {
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    pattern += '%';
    return pattern;
}

Result<StoreId> IdentityRepository::InsertStore(Transaction& tx, const Store& store, StaffId actor, Instant now) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kInsertStore, {store.code, store.name, store.address, store.phone,
                                                           store.time_zone, store.active, now, actor}));
    return StoreId(rows.front().Int(0));
}

Result<bool> IdentityRepository::UpdateStore(Transaction& tx, const Store& store, StaffId actor, Instant now) {
    AC_ASSIGN_OR_RETURN(const std::int64_t changed,
                        tx.Execute(kUpdateStore, {store.id, store.code, store.name, store.address, store.phone,
                                                  store.time_zone, store.active, now, actor, store.version}));
    return changed == 1;
}

Result<std::optional<Store>> IdentityRepository::FindStore(Transaction& tx, StoreId id) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectStore, {id}));
    if (rows.empty()) {
        return std::optional<Store>();
    }
    return std::optional<Store>(StoreFrom(rows.front()));
}

Result<std::optional<StoreId>> IdentityRepository::FindStoreIdByCode(Transaction& tx, std::string_view code) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectStoreIdByCode, {code}));
    if (rows.empty()) {
        return std::optional<StoreId>();
    }
    return std::optional<StoreId>(StoreId(rows.front().Int(0)));
}

Result<Page<Store>> IdentityRepository::ListStores(Transaction& tx, const StoreQuery& query) {
    const Value filters[] = {query.scope ? Value(*query.scope) : Value(), OptionalText(query.text),
                             OptionalBool(query.active)};
    const std::string select = "SELECT " + std::string(kStoreColumns) + " FROM stores" + std::string(kStoreFilter) +
                               " ORDER BY id LIMIT $4 OFFSET $5";
    const std::string count = "SELECT count(*) FROM stores" + std::string(kStoreFilter);
    const Value page_params[] = {filters[0], filters[1], filters[2], query.page_size,
                                 static_cast<long long>(query.page - 1) * query.page_size};
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(select, page_params));
    AC_ASSIGN_OR_RETURN(Rows total, tx.Query(count, filters));
    Page<Store> page;
    for (const Row& row : rows) {
        page.items.push_back(StoreFrom(row));
    }
    page.total = total.front().Int(0);
    page.page = query.page;
    page.page_size = query.page_size;
    return page;
}

Result<StaffId> IdentityRepository::InsertStaff(Transaction& tx, const Staff& staff, const std::string& password_hash,
                                                StaffId actor, Instant now) {
    const Value hash = password_hash.empty() ? Value() : Value(password_hash);
    const Value changed_at = password_hash.empty() ? Value() : Value(now);
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kInsertStaff, {staff.username, staff.name, staff.phone, staff.employee_no,
                                                           staff.store_id ? Value(*staff.store_id) : Value(),
                                                           staff.active, hash, changed_at, now, actor}));
    Staff inserted = staff;
    inserted.id = StaffId(rows.front().Int(0));
    AC_RETURN_IF_ERROR(WriteRolesAndSkills(tx, inserted));
    return inserted.id;
}

Result<bool> IdentityRepository::UpdateStaff(Transaction& tx, const Staff& staff, StaffId actor, Instant now) {
    AC_ASSIGN_OR_RETURN(const std::int64_t changed,
                        tx.Execute(kUpdateStaff, {staff.id, staff.username, staff.name, staff.phone, staff.employee_no,
                                                  staff.store_id ? Value(*staff.store_id) : Value(), staff.active, now,
                                                  actor, staff.version}));
    if (changed != 1) {
        return false;
    }
    AC_RETURN_IF_ERROR(tx.Execute(kDeleteRoles, {staff.id}));
    AC_RETURN_IF_ERROR(tx.Execute(kDeleteSkills, {staff.id}));
    AC_RETURN_IF_ERROR(WriteRolesAndSkills(tx, staff));
    return true;
}

Result<void> IdentityRepository::SetPasswordHash(Transaction& tx, StaffId id, const std::string& hash, StaffId actor,
                                                 Instant now) {
    AC_RETURN_IF_ERROR(tx.Execute(kSetPassword, {id, hash, now, actor}));
    return Ok();
}

Result<std::optional<Staff>> IdentityRepository::FindStaff(Transaction& tx, StaffId id) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectStaff, {id}));
    if (rows.empty()) {
        return std::optional<Staff>();
    }
    std::vector<Staff> staff = {StaffFrom(rows.front())};
    AC_ASSIGN_OR_RETURN(Rows roles, tx.Query(kSelectRolesOf, {id}));
    AC_ASSIGN_OR_RETURN(Rows skills, tx.Query(kSelectSkillsOf, {id}));
    AttachRolesAndSkills(staff, roles, skills);
    return std::optional<Staff>(std::move(staff.front()));
}

Result<std::optional<std::pair<Staff, std::string>>> IdentityRepository::FindStaffForLogin(Transaction& tx,
                                                                                           std::string_view username,
                                                                                           std::string_view phone) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectStaffForLogin, {username, phone}));
    if (rows.empty()) {
        return std::optional<std::pair<Staff, std::string>>();
    }
    std::vector<Staff> staff = {StaffFrom(rows.front())};
    std::string hash = rows.front().Text(11);
    AC_ASSIGN_OR_RETURN(Rows roles, tx.Query(kSelectRolesOf, {staff.front().id}));
    AC_ASSIGN_OR_RETURN(Rows skills, tx.Query(kSelectSkillsOf, {staff.front().id}));
    AttachRolesAndSkills(staff, roles, skills);
    return std::optional<std::pair<Staff, std::string>>(std::make_pair(std::move(staff.front()), std::move(hash)));
}

Result<Page<Staff>> IdentityRepository::ListStaff(Transaction& tx, const StaffQuery& query) {
    const Value filters[] = {
        query.scope ? Value(*query.scope) : Value(), query.store_id ? Value(*query.store_id) : Value(),
        query.role ? Value(InfoOf(*query.role).code) : Value(), OptionalText(query.text), OptionalBool(query.active)};
    const Value page_params[] = {filters[0],
                                 filters[1],
                                 filters[2],
                                 filters[3],
                                 filters[4],
                                 query.page_size,
                                 static_cast<long long>(query.page - 1) * query.page_size};
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectStaffPage, page_params));
    AC_ASSIGN_OR_RETURN(Rows roles, tx.Query(kSelectPageRoles, page_params));
    AC_ASSIGN_OR_RETURN(Rows skills, tx.Query(kSelectPageSkills, page_params));
    AC_ASSIGN_OR_RETURN(Rows total, tx.Query(kCountStaff, filters));
    Page<Staff> page;
    for (const Row& row : rows) {
        page.items.push_back(StaffFrom(row));
    }
    AttachRolesAndSkills(page.items, roles, skills);
    page.total = total.front().Int(0);
    page.page = query.page;
    page.page_size = query.page_size;
    return page;
}

Result<std::optional<StaffId>> IdentityRepository::StaffWithUsername(Transaction& tx, std::string_view username,
                                                                     StaffId except) {
    return FindOtherStaff(tx, kStaffWithUsername, username, except);
}

Result<std::optional<StaffId>> IdentityRepository::StaffWithPhone(Transaction& tx, std::string_view phone,
                                                                  StaffId except) {
    return FindOtherStaff(tx, kStaffWithPhone, phone, except);
}

Result<std::optional<StaffId>> IdentityRepository::StaffWithEmployeeNo(Transaction& tx, std::string_view number,
                                                                       StaffId except) {
    return FindOtherStaff(tx, kStaffWithEmployeeNo, number, except);
}

Result<std::int64_t> IdentityRepository::CountActiveWithRole(Transaction& tx, Role role) {
    AC_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCountActiveWithRole, {InfoOf(role).code}));
    return rows.front().Int(0);
}

Result<std::int64_t> IdentityRepository::DirectoryToken(Transaction& tx) {
    AC_ASSIGN_OR_RETURN(const Rows rows, tx.Query("SELECT token FROM directory_generation WHERE id = 1"));
    if (rows.empty()) {
        return Fail(Error::Internal("directory_generation has no row"));
    }
    return rows.front().Int(0);
}

Result<std::vector<StaffId>> IdentityRepository::ActiveWithRole(Transaction& tx, std::optional<StoreId> store,
                                                                Role role) {
    AC_ASSIGN_OR_RETURN(const Rows rows, store ? tx.Query(kSelectActiveWithRoleInStore, {InfoOf(role).code, *store})
                                               : tx.Query(kSelectActiveWithRole, {InfoOf(role).code}));
    std::vector<StaffId> ids;
    ids.reserve(rows.size());
    for (const Row& row : rows) {
        ids.emplace_back(row.Int(0));
    }
    return ids;
}

}  // namespace ac::auth

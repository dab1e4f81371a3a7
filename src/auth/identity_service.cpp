#include "auth/identity_service.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "auth/credential_repository.hpp"
#include "auth/identity_repository.hpp"
#include "auth/password.hpp"
#include "core/json.hpp"
#include "core/phone.hpp"
#include "core/validation.hpp"
#include "kernel/time_zone.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::auth {
namespace {

using storage::Transaction;
using storage::TxMode;

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return text;
}

std::string Upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
    return text;
}

bool AllOf(std::string_view text, std::string_view extra) {
    return std::all_of(text.begin(), text.end(), [&](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || extra.find(c) != std::string_view::npos;
    });
}

Error NotFound(std::string_view key, std::int64_t id) {
    return Error::Make(ErrorCode::kNotFound, std::string(key), {{"id", std::to_string(id)}});
}

Error OtherStore() {
    return Error::Make(ErrorCode::kPermissionDenied, "auth.store_forbidden");
}

Error Stale() {
    return Error::Make(ErrorCode::kAborted, "error.conflict");
}

// Normalises and checks a store's fields in place.
void CheckStore(Store& store, FieldCheck& check) {
    store.code = Upper(store.code);
    check.Text("code", store.code, 2, 16);
    if (!check.Failed("code") && !AllOf(store.code, "_-")) {
        check.Add("code", Message{"field.code_invalid", {}});
    }
    check.Text("name", store.name, 1, 50);
    check.Text("address", store.address, 0, 200);
    check.Text("phone", store.phone, 0, 30);
    if (!store.phone.empty() && !check.Failed("phone")) {
        if (const auto phone = NormalizePhone(store.phone)) {
            store.phone = *phone;
        } else {
            check.Add("phone", Message{"field.phone_invalid", {}});
        }
    }
    check.Text("time_zone", store.time_zone, 1, 64);
    if (!check.Failed("time_zone") && !kernel::IsKnownTimeZone(store.time_zone)) {
        check.Add("time_zone", Message{"field.time_zone_unknown", {}});
    }
}

// Normalises and checks a staff member's own fields in place (not uniqueness or the store).
void CheckStaff(Staff& staff, const std::vector<std::string>& role_codes, std::vector<std::string>& skills,
                FieldCheck& check) {
    staff.username = Lower(staff.username);
    check.Text("username", staff.username, 3, 32);
    if (!check.Failed("username") &&
        (!AllOf(staff.username, "._-") || !std::isalnum(static_cast<unsigned char>(staff.username.front())))) {
        check.Add("username", Message{"field.username_invalid", {}});
    }
    check.Text("name", staff.name, 1, 50);
    if (staff.phone) {
        if (staff.phone->empty()) {
            staff.phone.reset();
        } else if (const auto mobile = NormalizeMobile(*staff.phone)) {
            staff.phone = *mobile;
        } else {
            check.Add("phone", Message{"field.phone_invalid", {}});
        }
    }
    if (staff.employee_no) {
        check.Text("employee_no", *staff.employee_no, 0, 20);
        if (staff.employee_no->empty()) {
            staff.employee_no.reset();
        } else if (!check.Failed("employee_no") && !AllOf(*staff.employee_no, "_-")) {
            check.Add("employee_no", Message{"field.code_invalid", {}});
        }
    }
    staff.roles.reset();
    if (role_codes.empty()) {
        check.Add("roles", Message{"field.too_few_items", {{"min", "1"}}});
    }
    for (std::size_t i = 0; i < role_codes.size(); ++i) {
        if (const auto role = RoleFromCode(role_codes[i])) {
            Add(staff.roles, *role);
        } else {
            check.Add("roles[" + std::to_string(i) + "]", Message{"field.role_unknown", {{"role", role_codes[i]}}});
        }
    }
    if (skills.size() > 20) {
        check.Add("skills", Message{"field.too_many_items", {{"max", "20"}}});
    }
    std::set<std::string> unique_skills;
    for (std::size_t i = 0; i < skills.size() && i < 20; ++i) {
        check.Text("skills[" + std::to_string(i) + "]", skills[i], 1, 30);
        unique_skills.insert(skills[i]);
    }
    staff.skills.assign(unique_skills.begin(), unique_skills.end());
}

// Checks what needs the database: the store exists and is visible, and username, phone and employee number are
// free.
Status CheckStaffInDatabase(Transaction& tx, const Principal& actor, const Staff& staff, FieldCheck& check) {
    if (staff.store_id) {
        AC_ASSIGN_OR_RETURN(auto store, IdentityRepository::FindStore(tx, *staff.store_id));
        if (!store) {
            check.Add("store_id", Message{"field.not_found", {}});
        }
    }
    if (!check.Failed("username")) {
        AC_ASSIGN_OR_RETURN(auto other, IdentityRepository::StaffWithUsername(tx, staff.username, staff.id));
        if (other) {
            check.Add("username", Message{"field.taken", {}});
        }
    }
    if (staff.phone && !check.Failed("phone")) {
        AC_ASSIGN_OR_RETURN(auto other, IdentityRepository::StaffWithPhone(tx, *staff.phone, staff.id));
        if (other) {
            check.Add("phone", Message{"field.taken", {}});
        }
    }
    if (staff.employee_no && !check.Failed("employee_no")) {
        AC_ASSIGN_OR_RETURN(auto other, IdentityRepository::StaffWithEmployeeNo(tx, *staff.employee_no, staff.id));
        if (other) {
            check.Add("employee_no", Message{"field.taken", {}});
        }
    }
    AC_RETURN_IF_ERROR(check.Finish());
    if (!actor.CanSeeStore(staff.store_id)) {
        return Fail(OtherStore());
    }
    return Ok();
}

Result<Staff> LoadStaff(Transaction& tx, const Principal& actor, StaffId id) {
    AC_ASSIGN_OR_RETURN(auto staff, IdentityRepository::FindStaff(tx, id));
    if (!staff) {
        return Fail(NotFound("identity.staff_not_found", id.value()));
    }
    if (!actor.CanSeeStore(staff->store_id)) {
        return Fail(OtherStore());
    }
    return std::move(*staff);
}

}  // namespace

Principal PrincipalOf(const Staff& staff, Principal::Via via, std::int64_t credential_id, std::string csrf_token) {
    Principal principal;
    principal.staff_id = staff.id;
    principal.username = staff.username;
    principal.name = staff.name;
    principal.store_id = staff.store_id;
    principal.roles = staff.roles;
    principal.via = via;
    principal.credential_id = credential_id;
    principal.csrf_token = std::move(csrf_token);
    return principal;
}

Principal SystemPrincipal() {
    Principal principal;
    principal.username = "system";
    principal.name = "system";
    Add(principal.roles, Role::kAdmin);
    principal.via = Principal::Via::kSystem;
    return principal;
}

Result<Store> IdentityService::CreateStore(const Principal& actor, const StoreInput& input) {
    Store store;
    store.code = input.code;
    store.name = input.name;
    store.address = input.address;
    store.phone = input.phone;
    store.time_zone = input.time_zone;
    store.active = input.active;
    FieldCheck check;
    CheckStore(store, check);
    AC_RETURN_IF_ERROR(check.Finish());
    if (!actor.SeesAllStores()) {
        return Fail(OtherStore());
    }
    const Instant now = clock_.Now();
    return storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Store> {
        AC_ASSIGN_OR_RETURN(auto taken, IdentityRepository::FindStoreIdByCode(tx, store.code));
        if (taken) {
            return Fail(Error::Validation({FieldError{"code", Message{"field.taken", {}}}}));
        }
        AC_ASSIGN_OR_RETURN(const StoreId id, IdentityRepository::InsertStore(tx, store, actor.staff_id, now));
        AC_ASSIGN_OR_RETURN(auto created, IdentityRepository::FindStore(tx, id));
        return std::move(*created);
    });
}

Result<Store> IdentityService::GetStore(const Principal& actor, StoreId id) {
    return storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<Store> {
        AC_ASSIGN_OR_RETURN(auto store, IdentityRepository::FindStore(tx, id));
        if (!store) {
            return Fail(NotFound("identity.store_not_found", id.value()));
        }
        if (!actor.CanSeeStore(store->id)) {
            return Fail(OtherStore());
        }
        return std::move(*store);
    });
}

Result<Store> IdentityService::UpdateStore(const Principal& actor, StoreId id, const StorePatch& patch) {
    const Instant now = clock_.Now();
    Result<Store> result = storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Store> {
        AC_ASSIGN_OR_RETURN(auto current, IdentityRepository::FindStore(tx, id));
        if (!current) {
            return Fail(NotFound("identity.store_not_found", id.value()));
        }
        if (!actor.CanSeeStore(current->id)) {
            return Fail(OtherStore());
        }
        Store store = *current;
        store.code = patch.code.value_or(store.code);
        store.name = patch.name.value_or(store.name);
        store.address = patch.address.value_or(store.address);
        store.phone = patch.phone.value_or(store.phone);
        store.time_zone = patch.time_zone.value_or(store.time_zone);
        store.active = patch.active.value_or(store.active);
        store.version = patch.version;
        FieldCheck check;
        CheckStore(store, check);
        AC_RETURN_IF_ERROR(check.Finish());
        if (store.code != current->code) {
            AC_ASSIGN_OR_RETURN(auto taken, IdentityRepository::FindStoreIdByCode(tx, store.code));
            if (taken) {
                return Fail(Error::Validation({FieldError{"code", Message{"field.taken", {}}}}));
            }
        }
        AC_ASSIGN_OR_RETURN(const bool written, IdentityRepository::UpdateStore(tx, store, actor.staff_id, now));
        if (!written) {
            return Fail(Stale());
        }
        AC_ASSIGN_OR_RETURN(auto updated, IdentityRepository::FindStore(tx, id));
        return std::move(*updated);
    });
    if (result) {
        Changed();
    }
    return result;
}

Result<Page<Store>> IdentityService::ListStores(const Principal& actor, StoreQuery query) {
    AC_RETURN_IF_ERROR(CheckPage(query.page, query.page_size));
    query.scope = actor.StoreScope();
    return storage::RunInTransaction(db_, TxMode::kRead,
                                     [&](Transaction& tx) { return IdentityRepository::ListStores(tx, query); });
}

Result<Staff> IdentityService::CreateStaff(const Principal& actor, const StaffInput& input) {
    Staff staff;
    staff.username = input.username;
    staff.name = input.name;
    staff.phone = input.phone;
    staff.employee_no = input.employee_no;
    staff.store_id = input.store_id;
    staff.active = input.active;
    std::vector<std::string> skills = input.skills;
    FieldCheck check;
    CheckStaff(staff, input.roles, skills, check);
    if (!input.password.empty()) {
        if (auto weak = CheckPasswordPolicy(input.password, staff.username)) {
            check.Add("password", std::move(*weak));
        }
    }
    // Hash before the transaction: it takes a tenth of a second that the writer lock should not wait for.
    const std::string hash = input.password.empty() ? std::string() : HashPassword(input.password);
    const Instant now = clock_.Now();
    return storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Staff> {
        FieldCheck attempt = check;
        AC_RETURN_IF_ERROR(CheckStaffInDatabase(tx, actor, staff, attempt));
        AC_ASSIGN_OR_RETURN(const StaffId id, IdentityRepository::InsertStaff(tx, staff, hash, actor.staff_id, now));
        AC_ASSIGN_OR_RETURN(auto created, IdentityRepository::FindStaff(tx, id));
        return std::move(*created);
    });
}

Result<Staff> IdentityService::GetStaff(const Principal& actor, StaffId id) {
    return storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) { return LoadStaff(tx, actor, id); });
}

Result<Staff> IdentityService::UpdateStaff(const Principal& actor, StaffId id, const StaffPatch& patch) {
    const Instant now = clock_.Now();
    Result<Staff> result = storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Staff> {
        AC_ASSIGN_OR_RETURN(Staff current, LoadStaff(tx, actor, id));
        Staff staff = current;
        staff.username = patch.username.value_or(staff.username);
        staff.name = patch.name.value_or(staff.name);
        if (patch.phone) {
            staff.phone = *patch.phone;
        }
        if (patch.employee_no) {
            staff.employee_no = *patch.employee_no;
        }
        if (patch.store_id) {
            staff.store_id = *patch.store_id;
        }
        staff.active = patch.active.value_or(staff.active);
        staff.version = patch.version;
        std::vector<std::string> role_codes;
        for (const RoleInfo& info : Roles()) {
            if (Has(current.roles, info.role)) {
                role_codes.emplace_back(info.code);
            }
        }
        std::vector<std::string> skills = patch.skills.value_or(current.skills);
        FieldCheck check;
        CheckStaff(staff, patch.roles.value_or(role_codes), skills, check);
        AC_RETURN_IF_ERROR(CheckStaffInDatabase(tx, actor, staff, check));

        const bool was_admin = current.active && Has(current.roles, Role::kAdmin);
        const bool is_admin = staff.active && Has(staff.roles, Role::kAdmin);
        if (was_admin && !is_admin) {
            AC_ASSIGN_OR_RETURN(const std::int64_t admins, IdentityRepository::CountActiveWithRole(tx, Role::kAdmin));
            if (admins <= 1) {
                return Fail(Error::Make(ErrorCode::kFailedPrecondition, "identity.last_admin"));
            }
        }
        AC_ASSIGN_OR_RETURN(const bool written, IdentityRepository::UpdateStaff(tx, staff, actor.staff_id, now));
        if (!written) {
            return Fail(Stale());
        }
        if (current.active && !staff.active) {
            AC_RETURN_IF_ERROR(CredentialRepository::RevokeSessionsOf(tx, staff.id, now));
        }
        AC_ASSIGN_OR_RETURN(auto updated, IdentityRepository::FindStaff(tx, id));
        return std::move(*updated);
    });
    if (result) {
        Changed();
    }
    return result;
}

Result<Page<Staff>> IdentityService::ListStaff(const Principal& actor, StaffQuery query) {
    AC_RETURN_IF_ERROR(CheckPage(query.page, query.page_size));
    query.scope = actor.StoreScope();
    return storage::RunInTransaction(db_, TxMode::kRead,
                                     [&](Transaction& tx) { return IdentityRepository::ListStaff(tx, query); });
}

Result<Staff> IdentityService::SetPassword(const Principal& actor, StaffId id, const std::string& password) {
    AC_ASSIGN_OR_RETURN(Staff target, GetStaff(actor, id));
    if (auto weak = CheckPasswordPolicy(password, target.username)) {
        return Fail(Error::Validation({FieldError{"password", std::move(*weak)}}));
    }
    const std::string hash = HashPassword(password);
    const Instant now = clock_.Now();
    return storage::RunInTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Staff> {
        AC_ASSIGN_OR_RETURN(Staff staff, LoadStaff(tx, actor, id));
        AC_RETURN_IF_ERROR(IdentityRepository::SetPasswordHash(tx, id, hash, actor.staff_id, now));
        AC_RETURN_IF_ERROR(CredentialRepository::RevokeSessionsOf(tx, id, now));
        AC_ASSIGN_OR_RETURN(auto updated, IdentityRepository::FindStaff(tx, id));
        return std::move(*updated);
    });
}

Result<Store> IdentityService::FindStoreByCode(const Principal& actor, const std::string& code) {
    AC_ASSIGN_OR_RETURN(const auto id, storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) {
                            return IdentityRepository::FindStoreIdByCode(tx, Upper(code));
                        }));
    if (!id) {
        return Fail(Error::Make(ErrorCode::kNotFound, "identity.store_code_not_found", {{"code", code}}));
    }
    return GetStore(actor, *id);
}

Result<Staff> IdentityService::FindByUsername(const Principal& actor, const std::string& username) {
    return storage::RunInTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<Staff> {
        AC_ASSIGN_OR_RETURN(auto found, IdentityRepository::FindStaffForLogin(tx, Lower(username), ""));
        if (!found) {
            return Fail(Error::Make(ErrorCode::kNotFound, "identity.user_not_found", {{"username", username}}));
        }
        if (!actor.CanSeeStore(found->first.store_id)) {
            return Fail(OtherStore());
        }
        return std::move(found->first);
    });
}

Result<std::int64_t> IdentityService::CountActiveAdmins() {
    return storage::RunInTransaction(
        db_, TxMode::kRead, [&](Transaction& tx) { return IdentityRepository::CountActiveWithRole(tx, Role::kAdmin); });
}

}  // namespace ac::auth

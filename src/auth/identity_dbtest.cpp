// Stores and staff on a real database (both backends).
#include <atomic>
#include <barrier>
#include <thread>

#include <gtest/gtest.h>

#include "auth/auth_service.hpp"
#include "auth/directory.hpp"
#include "auth/identity_service.hpp"
#include "auth/secrets.hpp"
#include "storage/migrations.hpp"
#include "storage/transaction_runner.hpp"
#include "support/test_database.hpp"

namespace ac::auth {
namespace {

std::string FieldKey(const Error& error, std::string_view field) {
    for (const FieldError& e : error.fields) {
        if (e.field == field) {
            return e.message.key;
        }
    }
    return "";
}

class IdentityTest : public ::testing::Test {
  protected:
    void SetUp() override {
        InitCrypto();
        ASSERT_TRUE(storage::Migrate(*db_, clock_));
        store_a_ = identity_.CreateStore(system_, {.code = "sh01", .name = "上海徐汇店"}).value();
        store_b_ = identity_.CreateStore(system_, {.code = "SH02", .name = "上海浦东店"}).value();
    }

    Staff Add(std::string username, std::optional<StoreId> store, std::vector<std::string> roles,
              std::string phone = "") {
        StaffInput input;
        input.username = std::move(username);
        input.name = "员工" + input.username;
        input.store_id = store;
        input.roles = std::move(roles);
        input.phone = std::move(phone);
        auto staff = identity_.CreateStaff(system_, input);
        EXPECT_TRUE(staff) << (staff ? "" : staff.error().message.key);
        return *staff;
    }

    Principal As(const Staff& staff) { return PrincipalOf(staff, Principal::Via::kSession, 0, ""); }

    // Declaration order is initialisation order: the service needs the open database and the clock.
    testing::TestDatabase test_db_;
    std::unique_ptr<storage::Database> db_ = test_db_.Open();
    FakeClock clock_{FromEpochMs(1'795'761'000'000)};
    IdentityService identity_{*db_, clock_};
    Principal system_ = SystemPrincipal();
    Store store_a_;
    Store store_b_;
};

TEST_F(IdentityTest, StoresAndStaffAreStoredNormalised) {
    EXPECT_EQ(store_a_.code, "SH01");
    EXPECT_EQ(store_a_.time_zone, "Asia/Shanghai");
    StaffInput input;
    input.username = "  Wang.Fang ";
    input.name = " 王芳 ";
    input.phone = "+86 139-0000-1111";
    input.employee_no = "E-007";
    input.store_id = store_a_.id;
    input.roles = {"technician", "installer"};
    input.skills = {"沙发维修", " 皮革修复 ", "沙发维修"};
    const Staff staff = identity_.CreateStaff(system_, input).value();
    EXPECT_EQ(staff.username, "wang.fang");
    EXPECT_EQ(staff.name, "王芳");
    EXPECT_EQ(staff.phone, "13900001111");
    EXPECT_EQ(staff.employee_no, "E-007");
    EXPECT_EQ(staff.store_id, store_a_.id);
    EXPECT_TRUE(Has(staff.roles, Role::kTechnician));
    EXPECT_TRUE(Has(staff.roles, Role::kInstaller));
    EXPECT_EQ(staff.skills, (std::vector<std::string>{"沙发维修", "皮革修复"}));
    EXPECT_FALSE(staff.has_password);
    EXPECT_EQ(staff.created_at, clock_.Now());
    EXPECT_EQ(identity_.GetStaff(system_, staff.id).value().username, "wang.fang");
}

TEST_F(IdentityTest, EveryBadFieldIsReportedAndNothingIsWritten) {
    StaffInput input;
    input.username = "x";
    input.name = "";
    input.phone = "12345";
    input.roles = {"admin", "boss"};
    input.skills = {std::string(31, 'a')};
    input.password = "short";
    input.store_id = StoreId(999);
    const auto result = identity_.CreateStaff(system_, input);
    ASSERT_FALSE(result);
    const Error& error = result.error();
    EXPECT_EQ(error.code, ErrorCode::kValidationFailed);
    EXPECT_EQ(FieldKey(error, "username"), "field.too_short");
    EXPECT_EQ(FieldKey(error, "name"), "field.blank");
    EXPECT_EQ(FieldKey(error, "phone"), "field.phone_invalid");
    EXPECT_EQ(FieldKey(error, "roles[1]"), "field.role_unknown");
    EXPECT_EQ(FieldKey(error, "skills[0]"), "field.too_long");
    EXPECT_EQ(FieldKey(error, "password"), "field.password_weak");
    EXPECT_EQ(FieldKey(error, "store_id"), "field.not_found");
    EXPECT_EQ(identity_.ListStaff(system_, {}).value().total, 0);

    const auto bad_store =
        identity_.CreateStore(system_, {.code = "a b", .name = "", .phone = "call", .time_zone = "Asia/Beijing"});
    ASSERT_FALSE(bad_store);
    EXPECT_EQ(FieldKey(bad_store.error(), "code"), "field.code_invalid");
    EXPECT_EQ(FieldKey(bad_store.error(), "name"), "field.blank");
    EXPECT_EQ(FieldKey(bad_store.error(), "phone"), "field.phone_invalid");
    EXPECT_EQ(FieldKey(bad_store.error(), "time_zone"), "field.time_zone_unknown");
    EXPECT_EQ(identity_.ListStores(system_, {}).value().total, 2);
}

TEST_F(IdentityTest, TakenValuesAreFieldErrors) {
    StaffInput first;
    first.username = "agent";
    first.name = "李娜";
    first.phone = "13800000005";
    first.employee_no = "E1";
    first.roles = {"aftersales_agent"};
    ASSERT_TRUE(identity_.CreateStaff(system_, first));
    StaffInput second = first;
    second.username = "AGENT";
    second.phone = "138 0000 0005";
    second.employee_no = "E1";
    const auto result = identity_.CreateStaff(system_, second);
    ASSERT_FALSE(result);
    EXPECT_EQ(FieldKey(result.error(), "username"), "field.taken");
    EXPECT_EQ(FieldKey(result.error(), "phone"), "field.taken");
    EXPECT_EQ(FieldKey(result.error(), "employee_no"), "field.taken");
    const auto store = identity_.CreateStore(system_, {.code = "Sh01", .name = "重复"});
    ASSERT_FALSE(store);
    EXPECT_EQ(FieldKey(store.error(), "code"), "field.taken");
}

TEST_F(IdentityTest, StoreStaffSeeOnlyTheirStore) {
    const Staff agent_a = Add("agent_a", store_a_.id, {"aftersales_agent"});
    const Staff tech_a = Add("tech_a", store_a_.id, {"technician"});
    const Staff agent_b = Add("agent_b", store_b_.id, {"aftersales_agent"});
    const Staff head = Add("head", std::nullopt, {"aftersales_head"});

    const auto seen_by_a = identity_.ListStaff(As(agent_a), {}).value();
    EXPECT_EQ(seen_by_a.total, 2);
    for (const Staff& staff : seen_by_a.items) {
        EXPECT_EQ(staff.store_id, store_a_.id);
    }
    EXPECT_TRUE(identity_.GetStaff(As(agent_a), tech_a.id));
    const auto other = identity_.GetStaff(As(agent_a), agent_b.id);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
    EXPECT_FALSE(identity_.GetStaff(As(agent_a), head.id)) << "head-office staff are not a store's";
    EXPECT_EQ(identity_.ListStores(As(agent_a), {}).value().total, 1);
    EXPECT_FALSE(identity_.GetStore(As(agent_a), store_b_.id));

    EXPECT_EQ(identity_.ListStaff(As(head), {}).value().total, 4);
    EXPECT_EQ(identity_.ListStores(As(head), {}).value().total, 2);
    EXPECT_TRUE(identity_.GetStaff(As(head), agent_b.id));
    const auto not_found = identity_.GetStaff(As(head), StaffId(424242));
    ASSERT_FALSE(not_found);
    EXPECT_EQ(not_found.error().code, ErrorCode::kNotFound);
}

TEST_F(IdentityTest, ListsFilterSearchAndPage) {
    Add("zhangsan", store_a_.id, {"technician"}, "13900000001");
    Add("lisi", store_a_.id, {"installer"}, "13900000002");
    Add("wangwu", store_b_.id, {"technician"}, "13900000003");
    StaffQuery technicians;
    technicians.role = Role::kTechnician;
    EXPECT_EQ(identity_.ListStaff(system_, technicians).value().total, 2);
    StaffQuery in_a;
    in_a.store_id = store_a_.id;
    EXPECT_EQ(identity_.ListStaff(system_, in_a).value().total, 2);
    StaffQuery by_name;
    by_name.text = "员工zhang";
    const auto found = identity_.ListStaff(system_, by_name).value();
    ASSERT_EQ(found.total, 1);
    EXPECT_EQ(found.items[0].username, "zhangsan");
    EXPECT_EQ(found.items[0].roles, RoleSet().set(static_cast<std::size_t>(Role::kTechnician)));
    StaffQuery by_phone;
    by_phone.text = "0000002";
    EXPECT_EQ(identity_.ListStaff(system_, by_phone).value().items.at(0).username, "lisi");
    StaffQuery wildcard;
    wildcard.text = "%";
    EXPECT_EQ(identity_.ListStaff(system_, wildcard).value().total, 0) << "% is a character, not a wildcard";
    StaffQuery paged;
    paged.page = 2;
    paged.page_size = 2;
    const auto page = identity_.ListStaff(system_, paged).value();
    EXPECT_EQ(page.total, 3);
    EXPECT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].username, "wangwu");
    StaffQuery too_big;
    too_big.page_size = 201;
    EXPECT_EQ(identity_.ListStaff(system_, too_big).error().code, ErrorCode::kValidationFailed);
    StoreQuery stores;
    stores.text = "浦东";
    EXPECT_EQ(identity_.ListStores(system_, stores).value().items.at(0).code, "SH02");
}

TEST_F(IdentityTest, AStaleVersionIsAConflictAndChangesNothing) {
    const Staff staff = Add("tech", store_a_.id, {"technician"});
    StaffPatch rename;
    rename.name = "周涛";
    rename.version = staff.version;
    const Staff renamed = identity_.UpdateStaff(system_, staff.id, rename).value();
    EXPECT_EQ(renamed.version, staff.version + 1);
    StaffPatch late;
    late.name = "迟到的修改";
    late.version = staff.version;
    const auto conflict = identity_.UpdateStaff(system_, staff.id, late);
    ASSERT_FALSE(conflict);
    EXPECT_EQ(conflict.error().code, ErrorCode::kAborted);
    EXPECT_EQ(identity_.GetStaff(system_, staff.id).value().name, "周涛");

    StorePatch store_patch;
    store_patch.name = "新名字";
    store_patch.version = store_a_.version + 5;
    EXPECT_EQ(identity_.UpdateStore(system_, store_a_.id, store_patch).error().code, ErrorCode::kAborted);
    store_patch.version = store_a_.version;
    EXPECT_EQ(identity_.UpdateStore(system_, store_a_.id, store_patch).value().name, "新名字");
}

TEST_F(IdentityTest, PatchesChangeOnlyWhatTheyName) {
    const Staff staff = Add("mover", store_a_.id, {"installer"}, "13700000001");
    StaffPatch patch;
    patch.store_id = std::optional<StoreId>(store_b_.id);
    patch.phone = "";
    patch.roles = std::vector<std::string>{"installer", "technician"};
    patch.version = staff.version;
    const Staff moved = identity_.UpdateStaff(system_, staff.id, patch).value();
    EXPECT_EQ(moved.store_id, store_b_.id);
    EXPECT_EQ(moved.phone, std::nullopt);
    EXPECT_TRUE(Has(moved.roles, Role::kTechnician));
    EXPECT_EQ(moved.name, staff.name);
    StaffPatch to_head_office;
    to_head_office.store_id = std::optional<StoreId>();
    to_head_office.version = moved.version;
    EXPECT_EQ(identity_.UpdateStaff(system_, staff.id, to_head_office).value().store_id, std::nullopt);
}

TEST_F(IdentityTest, TheLastAdministratorStays) {
    const Staff admin = Add("admin", std::nullopt, {"admin"});
    StaffPatch deactivate;
    deactivate.active = false;
    deactivate.version = admin.version;
    const auto refused = identity_.UpdateStaff(system_, admin.id, deactivate);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message.key, "identity.last_admin");
    StaffPatch demote;
    demote.roles = std::vector<std::string>{"store_manager"};
    demote.version = admin.version;
    EXPECT_EQ(identity_.UpdateStaff(system_, admin.id, demote).error().message.key, "identity.last_admin");
    Add("admin2", std::nullopt, {"admin"});
    EXPECT_TRUE(identity_.UpdateStaff(system_, admin.id, deactivate)) << "with another administrator it may go";
}

TEST_F(IdentityTest, ConcurrentCreatesOfOneUsernameMakeOneAccount) {
    constexpr int kThreads = 4;
    std::atomic<int> created{0};
    std::atomic<int> refused{0};
    std::barrier start(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            StaffInput input;
            input.username = "same";
            input.name = "同名" + std::to_string(t);
            input.roles = {"installer"};
            start.arrive_and_wait();
            const auto result = identity_.CreateStaff(system_, input);
            if (result) {
                ++created;
            } else if (result.error().code == ErrorCode::kValidationFailed ||
                       result.error().code == ErrorCode::kAlreadyExists) {
                ++refused;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(created.load(), 1);
    EXPECT_EQ(refused.load(), kThreads - 1);
}

// Who holds a role where is remembered between transactions (every registration asks), but never past a change:
// one committed by another process, or one a transaction made, asked about, and rolled back.
TEST_F(IdentityTest, RoleHoldersFollowEveryCommittedChangeAndNoRolledBackOne) {
    IdentityDirectory directory;
    const Staff first = Add("agent1", store_a_.id, {"aftersales_agent"});
    (void)Add("agent_b", store_b_.id, {"aftersales_agent"});
    const auto holders = [&](storage::Database& db) {
        return storage::RunInTransaction(db, storage::TxMode::kRead,
                                         [&](storage::Transaction& tx) {
                                             return directory.ActiveWithRole(tx, store_a_.id, Role::kAftersalesAgent);
                                         })
            .value();
    };
    EXPECT_EQ(holders(*db_), std::vector<StaffId>{first.id});
    EXPECT_EQ(holders(*db_), std::vector<StaffId>{first.id});

    // Another process (its own connections to the same database) adds an agent to the store.
    const std::unique_ptr<storage::Database> other = test_db_.Open();
    IdentityService other_identity{*other, clock_};
    StaffInput input;
    input.username = "agent2";
    input.name = "员工agent2";
    input.store_id = store_a_.id;
    input.roles = {"aftersales_agent"};
    const Staff second = other_identity.CreateStaff(system_, input).value();
    EXPECT_EQ(holders(*db_), (std::vector<StaffId>{first.id, second.id}));

    // A transaction deactivates the first, asks (and sees its own change), and rolls back.
    {
        auto tx = db_->Begin(storage::TxMode::kWrite).value();
        ASSERT_TRUE(tx->Execute("UPDATE staff SET active = 0 WHERE id = $1", {first.id.value()}));
        EXPECT_EQ(directory.ActiveWithRole(*tx, store_a_.id, Role::kAftersalesAgent).value(),
                  std::vector<StaffId>{second.id});
    }
    EXPECT_EQ(holders(*db_), (std::vector<StaffId>{first.id, second.id}));

    // The other process takes the role away from the second; chain-wide answers follow too.
    auto tx = other->Begin(storage::TxMode::kWrite).value();
    ASSERT_TRUE(tx->Execute("DELETE FROM staff_roles WHERE staff_id = $1", {second.id.value()}));
    ASSERT_TRUE(tx->Commit());
    EXPECT_EQ(holders(*db_), std::vector<StaffId>{first.id});
    EXPECT_EQ(storage::RunInTransaction(*db_, storage::TxMode::kRead,
                                        [&](storage::Transaction& read) {
                                            return directory.ActiveWithRole(read, std::nullopt, Role::kAftersalesAgent);
                                        })
                  .value()
                  .size(),
              2U);

    // Again, but this time the other process commits a different change before anyone asks.
    {
        auto rolled_back = db_->Begin(storage::TxMode::kWrite).value();
        ASSERT_TRUE(rolled_back->Execute("UPDATE staff SET active = 0 WHERE id = $1", {first.id.value()}));
        EXPECT_TRUE(directory.ActiveWithRole(*rolled_back, store_a_.id, Role::kAftersalesAgent).value().empty());
    }
    auto restore = other->Begin(storage::TxMode::kWrite).value();
    ASSERT_TRUE(restore->Execute("INSERT INTO staff_roles (staff_id, role) VALUES ($1, 'aftersales_agent')",
                                 {second.id.value()}));
    ASSERT_TRUE(restore->Commit());
    EXPECT_EQ(holders(*db_), (std::vector<StaffId>{first.id, second.id}));
}

// A store's time zone is remembered the same way: a change by another process shows at once, a rolled-back one
// never.
TEST_F(IdentityTest, AStoresTimeZoneFollowsEveryCommittedChangeAndNoRolledBackOne) {
    IdentityDirectory directory;
    const auto zone = [&] {
        return storage::RunInTransaction(
                   *db_, storage::TxMode::kRead,
                   [&](storage::Transaction& tx) { return directory.StoreTimeZone(tx, store_a_.id); })
            .value();
    };
    EXPECT_EQ(zone(), "Asia/Shanghai");
    EXPECT_EQ(zone(), "Asia/Shanghai");
    const std::unique_ptr<storage::Database> other = test_db_.Open();
    const auto set_zone = [&](storage::Database& db, const std::string& name, bool commit) {
        auto tx = db.Begin(storage::TxMode::kWrite).value();
        ASSERT_TRUE(tx->Execute("UPDATE stores SET time_zone = $1 WHERE id = $2", {name, store_a_.id.value()}));
        EXPECT_EQ(directory.StoreTimeZone(*tx, store_a_.id).value(), name);
        if (commit) {
            ASSERT_TRUE(tx->Commit());
        }
    };
    set_zone(*other, "Asia/Urumqi", true);
    EXPECT_EQ(zone(), "Asia/Urumqi");
    set_zone(*db_, "Asia/Hong_Kong", false);
    EXPECT_EQ(zone(), "Asia/Urumqi");
    EXPECT_FALSE(storage::RunInTransaction(*db_, storage::TxMode::kRead, [&](storage::Transaction& tx) {
        return directory.StoreTimeZone(tx, StoreId(9999));
    })) << "an unknown store is an error, not a remembered answer";
}

// A staff member's name, store, roles and state as the kernel sees them: remembered, and changed by the next
// transaction after any committed change, never by a rolled-back one.
TEST_F(IdentityTest, APersonFollowsEveryCommittedChangeAndNoRolledBackOne) {
    IdentityDirectory directory;
    const Staff agent = Add("agent1", store_a_.id, {"aftersales_agent"});
    const auto person = [&] {
        return storage::RunInTransaction(*db_, storage::TxMode::kRead,
                                         [&](storage::Transaction& tx) { return directory.FindStaff(tx, agent.id); })
            .value();
    };
    ASSERT_TRUE(person());
    EXPECT_EQ(person()->name, "员工agent1");
    EXPECT_TRUE(Has(person()->roles, Role::kAftersalesAgent));
    const std::unique_ptr<storage::Database> other = test_db_.Open();
    {
        auto tx = other->Begin(storage::TxMode::kWrite).value();
        ASSERT_TRUE(tx->Execute("UPDATE staff SET name = $1 WHERE id = $2", {"王芳", agent.id.value()}));
        ASSERT_TRUE(
            tx->Execute("INSERT INTO staff_roles (staff_id, role) VALUES ($1, 'technician')", {agent.id.value()}));
        ASSERT_TRUE(tx->Commit());
    }
    EXPECT_EQ(person()->name, "王芳");
    EXPECT_TRUE(Has(person()->roles, Role::kTechnician));
    {
        auto tx = db_->Begin(storage::TxMode::kWrite).value();
        ASSERT_TRUE(tx->Execute("UPDATE staff SET active = 0 WHERE id = $1", {agent.id.value()}));
        EXPECT_FALSE(directory.FindStaff(*tx, agent.id).value()->active);
    }
    EXPECT_TRUE(person()->active);
    EXPECT_FALSE(storage::RunInTransaction(*db_, storage::TxMode::kRead, [&](storage::Transaction& tx) {
                     return directory.FindStaff(tx, StaffId(999999));
                 }).value());
}

}  // namespace
}  // namespace ac::auth

#include "app/demo.hpp"

#include <iomanip>

namespace ac::app {
namespace {

struct DemoStore {
    const char* code;
    const char* name;
    const char* address;
    const char* phone;
};

struct DemoPerson {
    const char* username;
    const char* name;
    Role role;
    const char* store_code;  // nullptr: head office
    const char* phone;
    std::vector<std::string> skills;
};

const DemoStore kStores[] = {
    {"SH01", "上海徐汇店", "上海市徐汇区漕溪北路 88 号", "021-6400 0001"},
    {"SH02", "上海浦东店", "上海市浦东新区张杨路 500 号", "021-5800 0002"},
    {"HZ01", "杭州西湖店", "杭州市西湖区文三路 100 号", "0571-8800 0003"},
};

const std::vector<DemoPerson>& People() {
    static const std::vector<DemoPerson> kPeople = {
        {"admin", "系统管理员", Role::kAdmin, nullptr, "13800000001", {}},
        {"head", "陈静", Role::kAftersalesHead, nullptr, "13800000002", {}},
        {"manager", "刘强", Role::kStoreManager, "SH01", "13800000003", {}},
        {"supervisor", "王磊", Role::kAftersalesSupervisor, "SH01", "13800000004", {}},
        {"agent", "李娜", Role::kAftersalesAgent, "SH01", "13800000005", {}},
        {"sales", "张敏", Role::kSalesperson, "SH01", "13800000006", {}},
        {"follower", "赵军", Role::kOrderFollower, "SH01", "13800000007", {}},
        {"installer", "孙浩", Role::kInstaller, "SH01", "13800000008", {"沙发安装", "床具安装", "橱柜安装"}},
        {"technician", "周涛", Role::kTechnician, "SH01", "13800000009", {"沙发维修", "皮革修复", "五金更换"}},
        {"agent2", "吴婷", Role::kAftersalesAgent, "SH02", "13800000010", {}},
    };
    return kPeople;
}

std::string StoreName(const char* code) {
    if (code == nullptr) {
        return "";
    }
    for (const DemoStore& store : kStores) {
        if (std::string_view(store.code) == code) {
            return store.name;
        }
    }
    return code;
}

}  // namespace

Result<std::vector<DemoLogin>> EnsureDemoData(auth::IdentityService& identity) {
    const Principal system = auth::SystemPrincipal();
    auth::StaffQuery any;
    any.page_size = 1;
    AC_ASSIGN_OR_RETURN(const auto existing, identity.ListStaff(system, any));
    std::vector<DemoLogin> logins;
    for (const DemoPerson& person : People()) {
        logins.push_back(DemoLogin{person.username, person.role, StoreName(person.store_code)});
    }
    if (existing.total > 0) {
        // Created before (the demo administrator is there), or a real installation (nothing to show).
        Result<auth::Staff> admin = identity.FindByUsername(system, "admin");
        if (!admin || admin->phone != std::optional<std::string>(People().front().phone)) {
            logins.clear();
        }
        return logins;
    }
    for (const DemoStore& store : kStores) {
        auth::StoreInput input;
        input.code = store.code;
        input.name = store.name;
        input.address = store.address;
        input.phone = store.phone;
        AC_RETURN_IF_ERROR(identity.CreateStore(system, input));
    }
    for (const DemoPerson& person : People()) {
        auth::StaffInput input;
        input.username = person.username;
        input.name = person.name;
        input.phone = person.phone;
        input.roles = {std::string(InfoOf(person.role).code)};
        input.skills = person.skills;
        input.password = std::string(kDemoPassword);
        if (person.store_code != nullptr) {
            AC_ASSIGN_OR_RETURN(const auth::Store store, identity.FindStoreByCode(system, person.store_code));
            input.store_id = store.id;
        }
        AC_RETURN_IF_ERROR(identity.CreateStaff(system, input));
    }
    return logins;
}

void PrintDemoLogins(const std::vector<DemoLogin>& logins, Lang lang, std::ostream& out) {
    const bool zh = lang == Lang::kZhCn;
    out << (zh ? "演示账号（密码均为 " : "Demo sign-ins (password ") << kDemoPassword << (zh ? "）：" : "):") << "\n";
    for (const DemoLogin& login : logins) {
        const RoleInfo& role = InfoOf(login.role);
        const std::string store =
            login.store.empty() ? (zh ? "总部（全部门店）" : "head office, all stores") : login.store;
        out << "  " << std::left << std::setw(12) << login.username << (zh ? role.zh_cn : role.en) << " · " << store
            << "\n";
    }
    out << std::flush;
}

}  // namespace ac::app

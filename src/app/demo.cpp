#include "app/demo.hpp"

#include <iomanip>

#include "modules/catalog/catalog_repository.hpp"
#include "modules/delivery/delivery_service.hpp"
#include "storage/transaction_runner.hpp"

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

struct DemoCustomer {
    const char* name;
    const char* phone;
    const char* district;
    const char* address;
    const char* notes;
};

const DemoCustomer kCustomers[] = {
    {"王建国", "13912345601", "徐汇区", "漕溪北路 201 弄 5 号 802 室", "周末在家"},
    {"李秀英", "13912345602", "徐汇区", "田林路 140 号 3 号楼 1201 室", ""},
    {"张伟", "13912345603", "浦东新区", "张杨路 1200 弄 8 号 601 室", "电梯房，需提前预约电梯"},
    {"刘洋", "13912345604", "闵行区", "莘庄镇莘松路 380 弄 12 号 302 室", ""},
    {"陈丽华", "13912345605", "长宁区", "天山路 600 弄 2 号 1502 室", "老人在家，请先电话联系"},
    {"杨帆", "13912345606", "静安区", "延长路 149 号 1101 室", ""},
    {"赵敏", "13912345607", "浦东新区", "世纪大道 1500 号 2204 室", ""},
    {"黄志强", "13912345608", "杨浦区", "国定路 335 号 4 号楼 503 室", ""},
    {"周小燕", "13912345609", "普陀区", "真北路 1000 弄 6 号 901 室", "只在工作日晚上 7 点后方便"},
    {"吴刚", "13912345610", "宝山区", "友谊路 1588 弄 10 号 402 室", ""},
    {"徐静", "13912345611", "徐汇区", "虹桥路 1 号港汇中心附近 1801 室", ""},
    {"孙丽", "13912345612", "黄浦区", "西藏南路 1200 号 703 室", ""},
    {"马超", "13912345613", "浦东新区", "花木路 800 弄 3 号 1001 室", "新房装修中"},
    {"朱海燕", "13912345614", "西湖区", "文三路 478 号 2 单元 601 室", ""},
    {"胡军", "13912345615", "拱墅区", "莫干山路 100 号 1203 室", ""},
    {"郭美玲", "13912345616", "滨江区", "江南大道 3688 号 7 幢 1102 室", ""},
};

struct DemoProduct {
    const char* code;
    const char* name;
    const char* model;
    const char* category;
    std::int64_t price_fen;
    int warranty_months;
    int lead_time_days;
    bool installation;
    const char* factory;
};

const DemoProduct kProducts[] = {
    {"SF-1021", "真皮三人沙发", "SF-1021-BR", "沙发", 1288000, 36, 3, true, "佛山顺德沙发厂"},
    {"SF-1022", "布艺转角沙发", "SF-1022-GY", "沙发", 899000, 24, 3, true, "佛山顺德沙发厂"},
    {"SF-1030", "单人功能沙发", "SF-1030-BK", "沙发", 459900, 24, 5, false, "佛山顺德沙发厂"},
    {"BD-2001", "实木双人床 1.8 米", "BD-2001-180", "床具", 668000, 60, 5, true, "南康实木家具厂"},
    {"BD-2002", "儿童上下床", "BD-2002-120", "床具", 398000, 36, 5, true, "南康实木家具厂"},
    {"MT-3001", "乳胶床垫 1.8 米", "MT-3001-180", "床垫", 359900, 120, 3, false, "南康实木家具厂"},
    {"TB-4001", "岩板餐桌 1.6 米", "TB-4001-160", "餐桌椅", 528000, 24, 3, true, "佛山岩板家具厂"},
    {"CH-4002", "餐椅（一对）", "CH-4002-WH", "餐桌椅", 119800, 12, 3, false, "佛山岩板家具厂"},
    {"CB-5001", "四门衣柜", "CB-5001-200", "柜类", 789000, 36, 7, true, "成都板式家具厂"},
    {"CB-5002", "电视柜", "CB-5002-240", "柜类", 298000, 24, 3, true, "成都板式家具厂"},
    {"KT-6001", "整体橱柜（每延米）", "KT-6001-M", "橱柜", 260000, 60, 15, true, "成都板式家具厂"},
    {"DC-7001", "装饰落地灯", "DC-7001-GD", "饰品", 69900, 12, 3, false, ""},
};

Status SeedCatalog(catalog::CatalogService& catalog) {
    const Principal system = auth::SystemPrincipal();
    for (const DemoCustomer& c : kCustomers) {
        catalog::CustomerInput input;
        input.name = c.name;
        input.phones = {c.phone};
        input.addresses = {catalog::Address{c.district, c.address}};
        input.notes = c.notes;
        AC_RETURN_IF_ERROR(catalog.CreateCustomer(system, input));
    }
    for (const DemoProduct& p : kProducts) {
        catalog::ProductInput input;
        input.code = p.code;
        input.name = p.name;
        input.model = p.model;
        input.category = p.category;
        input.unit_price_fen = p.price_fen;
        input.warranty_months = p.warranty_months;
        input.lead_time_days = p.lead_time_days;
        input.installation_required = p.installation;
        input.factory = p.factory;
        AC_RETURN_IF_ERROR(catalog.CreateProduct(system, input));
    }
    return Ok();
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

Result<std::vector<DemoLogin>> EnsureDemoData(auth::IdentityService& identity, catalog::CatalogService& catalog) {
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
    AC_RETURN_IF_ERROR(SeedCatalog(catalog));
    return logins;
}

namespace {

Result<Principal> DemoPrincipal(auth::IdentityService& identity, const char* username) {
    AC_ASSIGN_OR_RETURN(const auth::Staff staff, identity.FindByUsername(auth::SystemPrincipal(), username));
    Principal actor;
    actor.staff_id = staff.id;
    actor.username = staff.username;
    actor.name = staff.name;
    actor.roles = staff.roles;
    actor.store_id = staff.store_id;
    actor.via = Principal::Via::kSystem;
    return actor;
}

}  // namespace

Status EnsureDemoRepairs(auth::IdentityService& identity, repair::RepairService& repairs) {
    const Principal system = auth::SystemPrincipal();
    repair::TicketQuery any;
    any.page_size = 1;
    AC_ASSIGN_OR_RETURN(const auto existing, repairs.List(system, any));
    if (existing.total > 0) {
        return Ok();
    }
    struct DemoTicket {
        const char* registered_by;
        repair::Registration form;
    };
    const DemoTicket tickets[] = {
        {"sales",
         {"王建国", "13912345601", "徐汇区", "漕溪北路 201 弄 5 号 802 室", "SF-1021-BR", "沙发扶手松动",
          "左侧扶手一坐就晃，有响声", "visit", "2026-03-15", std::nullopt}},
        {"agent",
         {"陈丽华", "13912345605", "长宁区", "天山路 600 弄 2 号 1502 室", "BD-2001-180", "床板异响",
          "翻身时床板中间吱吱响", "phone", "2025-06-01", std::nullopt}},
        {"agent",
         {"周小燕", "13912345609", "普陀区", "真北路 1000 弄 6 号 901 室", "CB-5001-200", "衣柜门下垂",
          "右侧柜门关不严，下沿擦地", "web", std::nullopt, std::nullopt}},
    };
    for (const DemoTicket& ticket : tickets) {
        AC_ASSIGN_OR_RETURN(const Principal actor, DemoPrincipal(identity, ticket.registered_by));
        AC_RETURN_IF_ERROR(repairs.Register(actor, ticket.form, "demo"));
    }
    return Ok();
}

Status EnsureDemoContracts(auth::IdentityService& identity, contracts::ContractService& contracts,
                           kernel::Kernel& kernel) {
    const Principal system = auth::SystemPrincipal();
    AC_ASSIGN_OR_RETURN(const auto warehouses, contracts.Warehouses(system));
    if (!warehouses.empty()) {
        return Ok();
    }
    for (const DemoStore& store : kStores) {
        AC_ASSIGN_OR_RETURN(const auth::Store found, identity.FindStoreByCode(system, store.code));
        contracts::Warehouse warehouse;
        warehouse.store_id = found.id;
        warehouse.code = std::string("WH-") + store.code;
        warehouse.name = std::string(store.name) + "仓库";
        AC_RETURN_IF_ERROR(contracts.CreateWarehouse(system, warehouse));
    }
    AC_ASSIGN_OR_RETURN(const Principal follower, DemoPrincipal(identity, "follower"));
    AC_ASSIGN_OR_RETURN(const Principal sales, DemoPrincipal(identity, "sales"));
    AC_ASSIGN_OR_RETURN(const Principal agent, DemoPrincipal(identity, "agent"));
    AC_ASSIGN_OR_RETURN(const Principal installer, DemoPrincipal(identity, "installer"));
    AC_ASSIGN_OR_RETURN(const auto own, contracts.Warehouses(follower));
    const auto product = [&](const char* code) -> Result<catalog::ProductId> {
        AC_ASSIGN_OR_RETURN(const auto found, storage::RunInTransaction(
                                                  kernel.db(), storage::TxMode::kRead, [&](storage::Transaction& tx) {
                                                      return catalog::CatalogRepository::FindProductByCode(tx, code);
                                                  }));
        if (!found) {
            return Fail(Error::Internal(std::string("demo product missing: ") + code));
        }
        return found->id;
    };
    // Finished goods in the Xuhui store's warehouse.
    for (const auto& [code, quantity] : std::vector<std::pair<const char*, int>>{
             {"SF-1021", 3}, {"TB-4001", 2}, {"CH-4002", 4}, {"MT-3001", 2}, {"DC-7001", 5}, {"CB-5002", 1}}) {
        contracts::ReceiptInput receipt;
        receipt.warehouse_id = own.front().id;
        AC_ASSIGN_OR_RETURN(receipt.product_id, product(code));
        receipt.quantity = quantity;
        receipt.note = "期初库存";
        AC_RETURN_IF_ERROR(contracts.Receive(follower, receipt));
    }
    struct DemoContract {
        const char* customer;
        const char* phone;
        const char* district;
        const char* address;
        const char* installation;
        std::vector<std::pair<const char*, int>> lines;
        bool check;
    };
    const DemoContract demo[] = {
        {"李秀英",
         "13912345602",
         "徐汇区",
         "田林路 140 号 3 号楼 1201 室",
         "沙发需上楼，无电梯",
         {{"SF-1021", 1}, {"DC-7001", 1}},
         true},
        {"张伟",
         "13912345603",
         "浦东新区",
         "张杨路 1200 弄 8 号 601 室",
         "床需安装，请带工具",
         {{"BD-2001", 1}, {"MT-3001", 1}},
         true},
        {"杨帆", "13912345606", "静安区", "延长路 149 号 1101 室", "", {{"SF-1022", 1}}, true},
        {"徐静", "13912345611", "徐汇区", "虹桥路 1 号港汇中心附近 1801 室", "电视柜靠墙安装", {{"CB-5002", 1}}, true},
        {"刘洋",
         "13912345604",
         "闵行区",
         "莘庄镇莘松路 380 弄 12 号 302 室",
         "餐桌需组装",
         {{"TB-4001", 1}, {"CH-4002", 2}},
         false},
    };
    std::vector<kernel::Document> ready;
    for (const DemoContract& c : demo) {
        contracts::ContractInput input;
        input.customer_name = c.customer;
        input.phone = c.phone;
        input.district = c.district;
        input.address = c.address;
        input.installation_requirements = c.installation;
        for (const auto& [code, quantity] : c.lines) {
            contracts::LineInput line;
            AC_ASSIGN_OR_RETURN(line.product_id, product(code));
            line.quantity = quantity;
            input.lines.push_back(line);
        }
        AC_ASSIGN_OR_RETURN(const kernel::Document contract, contracts.Create(sales, input, "demo"));
        if (c.check) {
            AC_RETURN_IF_ERROR(
                kernel.Apply(follower, kernel::ApplyRequest{.id = contract.id, .action = "check_stock", .version = 1}));
        }
    }
    // The day's factory orders for what stock lacks.
    AC_RETURN_IF_ERROR(contracts.DraftFactoryOrders(follower, std::nullopt, "demo"));
    // One delivery scheduled for tomorrow afternoon; the others wait on the dispatch board.
    delivery::JobQuery waiting;
    waiting.unscheduled = true;
    waiting.page_size = 10;
    AC_ASSIGN_OR_RETURN(const auto jobs, delivery::DeliveryService(kernel).List(agent, waiting));
    if (!jobs.items.empty()) {
        AC_ASSIGN_OR_RETURN(
            const kernel::Calendar calendar,
            storage::RunInTransaction(kernel.db(), storage::TxMode::kRead, [&](storage::Transaction& tx) {
                return kernel.StoreCalendar(tx, jobs.items.front().document.store_id);
            }));
        const kernel::LocalDate tomorrow = calendar.DateOf(kernel.clock().Now()).Plus(1);
        kernel::ApplyRequest schedule{
            .id = jobs.items.back().document.id, .action = "schedule", .version = jobs.items.back().document.version};
        schedule.inputs.times["window_start"] = calendar.At(tomorrow, 14 * 60);
        schedule.inputs.times["window_end"] = calendar.At(tomorrow, 17 * 60);
        schedule.inputs.assignee = installer.staff_id;
        AC_RETURN_IF_ERROR(kernel.Apply(agent, schedule));
    }
    return Ok();
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

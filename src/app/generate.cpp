#include "app/generate.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <random>
#include <span>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "kernel/audit.hpp"
#include "kernel/calendar.hpp"
#include "log/log.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::app {
namespace {

using namespace std::chrono_literals;
using storage::Transaction;
using storage::Value;

constexpr std::int64_t kStores = 20;
constexpr std::int64_t kProducts = 2000;
constexpr double kCustomers = 500'000;
constexpr double kContracts = 600'000;
constexpr double kRepairs = 1'000'000;
constexpr auto kHistory = std::chrono::days(3650);
constexpr std::string_view kRequestId = "generated";  // of every generated event
// Rows written between commits: large enough that commits cost nothing, small enough to bound memory.
constexpr std::int64_t kRowsPerCommit = 200'000;

constexpr std::array<std::string_view, 60> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "欧阳"};
constexpr std::array<std::string_view, 48> kGiven = {
    "伟", "芳",   "娜", "敏", "静",   "丽", "强", "磊",   "军", "洋",   "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "华", "慧", "建国", "平", "刚", "桂兰", "霞", "斌",   "文", "辉", "玲", "红", "梅", "鑫",
    "波", "宇",   "浩", "凯", "健",   "俊", "帆", "鹏",   "晨", "欣怡", "佳", "琪", "婷", "雪", "倩", "小明"};
struct City {
    std::string_view name;
    std::string_view code;
    std::array<std::string_view, 6> districts;
};
constexpr std::array<City, 4> kCities = {{
    {"上海", "SH", {"徐汇区", "浦东新区", "静安区", "长宁区", "闵行区", "杨浦区"}},
    {"杭州", "HZ", {"西湖区", "上城区", "拱墅区", "滨江区", "萧山区", "余杭区"}},
    {"苏州", "SZ", {"姑苏区", "吴中区", "相城区", "虎丘区", "吴江区", "工业园区"}},
    {"南京", "NJ", {"玄武区", "秦淮区", "建邺区", "鼓楼区", "栖霞区", "江宁区"}},
}};
constexpr std::array<std::string_view, 24> kRoads = {"漕溪北路", "田林路", "张杨路", "世纪大道", "延长路", "国定路",
                                                     "真北路",   "友谊路", "虹桥路", "花木路",   "文三路", "莫干山路",
                                                     "江南大道", "人民路", "中山路", "解放路",   "建设路", "长江路",
                                                     "淮海路",   "学院路", "南京路", "湖滨路",   "干将路", "龙蟠路"};
struct Category {
    std::string_view code;
    std::string_view name;
    std::string_view factory;
    int lead_time_days;
    bool installation;
    std::int64_t base_price_fen;
    std::array<std::string_view, 4> problems;
};
constexpr std::array<Category, 10> kCategories = {{
    {"SF", "沙发", "佛山顺德沙发厂", 3, true, 600000, {"沙发异响", "扶手松动", "皮面开裂", "坐垫塌陷"}},
    {"BD", "床", "南康实木家具厂", 5, true, 450000, {"床板异响", "床头松动", "床腿断裂", "漆面起泡"}},
    {"MT", "床垫", "南康实木家具厂", 3, false, 250000, {"床垫塌陷", "弹簧异响", "面料起球", "异味"}},
    {"TB", "餐桌", "佛山岩板家具厂", 3, true, 380000, {"桌面开裂", "桌腿不稳", "岩板崩边", "漆面划伤"}},
    {"CH", "餐椅", "佛山岩板家具厂", 3, false, 90000, {"椅腿松动", "坐面开裂", "异响", "脚垫脱落"}},
    {"CB", "衣柜", "成都板式家具厂", 7, true, 700000, {"柜门下垂", "抽屉卡滞", "合页损坏", "背板脱落"}},
    {"TV", "电视柜", "成都板式家具厂", 3, true, 250000, {"抽屉卡滞", "台面变形", "柜门松动", "拉手脱落"}},
    {"CT", "茶几", "佛山岩板家具厂", 3, false, 180000, {"台面划伤", "玻璃破裂", "桌腿不稳", "漆面脱落"}},
    {"KT", "橱柜", "成都板式家具厂", 15, true, 260000, {"台面渗水", "柜门变形", "拉篮卡滞", "水槽漏水"}},
    {"DC", "灯具", "", 3, false, 60000, {"不亮", "闪烁", "开关失灵", "灯罩破裂"}},
}};
constexpr std::array<std::string_view, 8> kStyles = {"真皮", "布艺", "实木", "岩板", "北欧", "轻奢", "中式", "现代"};
constexpr std::array<std::string_view, 6> kColours = {"BR", "GY", "WH", "BK", "OAK", "WAL"};
constexpr std::array<std::string_view, 4> kChannels = {"phone", "letter", "visit", "web"};

std::string Lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

std::string Padded(std::int64_t n, int width) {
    std::string text = std::to_string(n);
    return text.size() < static_cast<std::size_t>(width) ? std::string(width - text.size(), '0') + text : text;
}

// Multi-row INSERT of one table: rows are buffered and written many per statement.
class Bulk {
  public:
    Bulk(std::string table, std::vector<std::string> columns)
        : table_(std::move(table)),
          columns_(std::move(columns)),
          per_statement_(std::max<std::size_t>(1, std::min<std::size_t>(100, 2'000 / columns_.size()))) {}

    template <class... Values>
    void Add(Values&&... values) {
        static_assert(sizeof...(Values) > 0);
        if (pending_.capacity() == 0) {
            pending_.reserve(Capacity());
        }
        (Put(Value(std::forward<Values>(values))), ...);
        ++rows_;
    }
    [[nodiscard]] bool Full() const { return used_ >= Capacity(); }
    [[nodiscard]] std::int64_t rows() const { return rows_; }
    [[nodiscard]] const std::string& table() const { return table_; }

    // Rows taken for Write: the first `used` cells of `cells`. The cells after them are older rows' values, kept so
    // that the buffer's next rows replace them one by one (below).
    struct Taken {
        std::vector<Value> cells;
        std::size_t used = 0;
        [[nodiscard]] std::span<const Value> rows() const { return {cells.data(), used}; }
    };

    // The rows added since the last call, for Write. The next rows go into a buffer given back by Recycle when there
    // is one, each replacing a written value in its place: the written rows' strings are freed one at a time between
    // the allocations of the new ones, on the thread that made them. Freeing a whole batch's strings at once, then
    // allocating as many, overflowed malloc's per-thread cache and took its slow paths (with the batch's cells freed
    // at once, malloc and free were two fifths of this thread's time).
    [[nodiscard]] Taken Take() {
        Taken taken;
        if (used_ == 0) {
            return taken;
        }
        {
            std::lock_guard lock(spare_mutex_);
            if (!spare_.empty()) {
                taken.cells = std::move(spare_.back());
                spare_.pop_back();
            }
        }
        taken.cells.swap(pending_);
        taken.used = std::exchange(used_, 0);
        return taken;
    }

    // Gives back rows taken from this table once they are written (from the writer thread).
    void Recycle(Taken taken) {
        if (taken.cells.capacity() == 0) {
            return;
        }
        std::lock_guard lock(spare_mutex_);
        spare_.push_back(std::move(taken.cells));
    }

    // Writes rows taken from this table. Only the load's writer thread calls it (it owns the statement texts).
    Status Write(Transaction& tx, std::span<const Value> rows) {
        const std::size_t width = columns_.size();
        std::size_t offset = 0;
        while (offset < rows.size()) {
            const std::size_t count = std::min(per_statement_, (rows.size() - offset) / width);
            const std::span<const Value> values(rows.data() + offset, count * width);
            AC_ASSIGN_OR_RETURN(const std::int64_t written, tx.Execute(Sql(count), values));
            (void)written;
            offset += count * width;
        }
        return Ok();
    }

  private:
    // Statements' worth of rows handed to the writer at once: each hand-off may wake a thread.
    static constexpr std::size_t kStatementsPerBatch = 8;

    [[nodiscard]] std::size_t Capacity() const { return kStatementsPerBatch * per_statement_ * columns_.size(); }

    void Put(Value value) {
        if (used_ < pending_.size()) {
            pending_[used_] = std::move(value);
        } else {
            pending_.push_back(std::move(value));
        }
        ++used_;
    }

    // "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), …" for `count` rows, built once per count.
    const std::string& Sql(std::size_t count) {
        std::string& sql = sql_[count];
        if (sql.empty()) {
            const std::size_t width = columns_.size();
            sql = "INSERT INTO " + table_ + " (";
            for (std::size_t c = 0; c < width; ++c) {
                sql += (c ? ", " : "") + columns_[c];
            }
            sql += ") VALUES ";
            for (std::size_t r = 0; r < count; ++r) {
                sql += r ? ", (" : "(";
                for (std::size_t c = 0; c < width; ++c) {
                    sql += (c ? ", $" : "$") + std::to_string(r * width + c + 1);
                }
                sql += ")";
            }
        }
        return sql;
    }

    std::string table_;
    std::vector<std::string> columns_;
    std::size_t per_statement_;
    std::map<std::size_t, std::string> sql_;
    std::vector<Value> pending_;
    std::size_t used_ = 0;  // cells of pending_ holding rows not yet taken
    std::int64_t rows_ = 0;
    std::mutex spare_mutex_;
    std::vector<std::vector<Value>> spare_;  // guarded by spare_mutex_
};

// Rows handed from the generating thread to the writing one, and what ends them.
struct Batch {
    enum class End : std::uint8_t { kNone, kCommit, kLast };  // kLast: the load's final rows
    std::vector<std::pair<Bulk*, Bulk::Taken>> parts;
    End end = End::kNone;
    std::function<Status()> then;  // run by the writer after the batch's commit, when set
};

// A thread that writes batches in the order they come, a bounded number queued (the generator waits when the
// database falls behind). After the first failure it drops the rest; Push and Finish then return that failure.
class BatchWriter {
  public:
    // `max_queued`: how many batches the generator may be ahead by.
    BatchWriter(std::function<Status(Batch&)> write, std::size_t max_queued)
        : write_(std::move(write)), max_queued_(max_queued), thread_([this] { Run(); }) {}
    BatchWriter(const BatchWriter&) = delete;
    BatchWriter& operator=(const BatchWriter&) = delete;
    ~BatchWriter() { (void)Finish(); }

    Status Push(Batch batch) {
        std::unique_lock lock(mutex_);
        if (queue_.size() >= max_queued_) {
            // Full: wait until the writer has taken half, rather than waking for every batch it takes.
            room_.wait(lock, [&] { return queue_.size() <= max_queued_ / 2 || !status_; });
        }
        if (!status_) {
            return status_;
        }
        queue_.push_back(std::move(batch));
        if (queue_.size() == 1) {
            ready_.notify_one();  // the writer waits only on an empty queue
        }
        return Ok();
    }

    // Waits until every batch is written and stops the thread.
    Status Finish() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        ready_.notify_one();
        if (thread_.joinable()) {
            thread_.join();
        }
        std::lock_guard lock(mutex_);
        return status_;
    }

  private:
    void Run() {
        std::unique_lock lock(mutex_);
        while (true) {
            ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
            if (queue_.empty()) {
                return;
            }
            Batch batch = std::move(queue_.front());
            queue_.pop_front();
            if (queue_.size() == max_queued_ / 2) {
                room_.notify_one();  // the generator waits on a full queue until half is taken
            }
            if (!status_) {
                continue;
            }
            lock.unlock();
            Status written = write_(batch);
            lock.lock();
            if (!written) {
                status_ = std::move(written);
                room_.notify_all();
            }
        }
    }

    std::function<Status(Batch&)> write_;
    std::size_t max_queued_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::condition_variable room_;
    std::deque<Batch> queue_;  // guarded by mutex_
    bool closed_ = false;      // guarded by mutex_
    Status status_ = Ok();     // guarded by mutex_
    std::thread thread_;       // last: starts once the rest is ready
};

struct Person {
    std::int64_t id;
    std::int64_t store;
};

struct Staff {
    std::vector<Person> sales, followers, agents, supervisors, installers, technicians;
};

class Generator {
  public:
    Generator(storage::Database& db, const Clock& clock, const GenerateOptions& options)
        : db_(db),
          options_(options),
          now_(clock.Now()),
          random_(options.seed),
          calendar_(kernel::Calendar::Make({}).value()) {}

    Result<GenerateReport> Run() {
        const auto started = std::chrono::steady_clock::now();
        const Status empty = CheckEmpty();
        Result<std::vector<Deferred>> deferred = empty ? DeferIndexes() : Fail(empty.error());
        if (deferred) {
            deferred_ = &*deferred;
        }
        Status loaded = deferred ? Load() : Fail(deferred.error());
        // The indexes come back even when the load failed, so the database keeps its schema; then the WAL if the
        // database was opened for a bulk load.
        const auto loaded_at = std::chrono::steady_clock::now();
        Status restored = deferred ? RestoreIndexes(*deferred) : Ok();
        const double index_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - loaded_at).count();
        Status journaled = db_.EndBulkLoad();
        AC_RETURN_IF_ERROR(loaded);
        AC_RETURN_IF_ERROR(restored);
        AC_RETURN_IF_ERROR(journaled);
        GenerateReport report;
        for (const Bulk* bulk : All()) {
            report.rows[bulk->table()] = bulk->rows();
            report.total_rows += bulk->rows();
        }
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        report.index_seconds = index_seconds;
        return report;
    }

  private:
    // ---- plumbing ----------------------------------------------------------------------------------------------

    // An index or search trigger dropped for the load and made again after it.
    struct Deferred {
        std::string kind;  // "INDEX" or "TRIGGER"
        std::string name;
        std::string sql;
        std::string table;
        bool restored = false;
    };

    // Drops the non-unique indexes (ix_…), the search triggers (…_search_insert) and, on SQLite, the unique index of
    // the documents' numbers: building them once after the load is faster than keeping them up to date row by row.
    // Documents come in a random order of dates, so each number would land on a random page of its index; made
    // again, the unique index still refuses a number twice.
    Result<std::vector<Deferred>> DeferIndexes() {
        return storage::RunInTransaction(
            db_, storage::TxMode::kWrite, [&](Transaction& tx) -> Result<std::vector<Deferred>> {
                const bool sqlite = db_.backend() == storage::Backend::kSqlite;
                AC_ASSIGN_OR_RETURN(
                    const storage::Rows rows,
                    tx.Query(
                        sqlite ? "SELECT upper(type), name, sql, tbl_name FROM sqlite_schema WHERE (type = 'index' AND "
                                 "(name LIKE 'ix\\_%' ESCAPE '\\' OR name = 'ux_documents_number')) OR (type = "
                                 "'trigger' AND name LIKE '%\\_search\\_insert' ESCAPE '\\') ORDER BY type, name"
                               : "SELECT 'INDEX', indexname, indexdef, tablename FROM pg_indexes WHERE schemaname = "
                                 "current_schema() AND indexname LIKE 'ix\\_%' ORDER BY indexname"));
                std::vector<Deferred> deferred;
                for (const storage::Row& row : rows) {
                    deferred.push_back(Deferred{row.Text(0), row.Text(1), row.Text(2), row.Text(3)});
                    AC_RETURN_IF_ERROR(tx.Run("DROP " + deferred.back().kind + " " + deferred.back().name));
                }
                return deferred;
            });
    }

    // Makes the deferred indexes again and fills each search table from its content. The indexes are built while
    // the search thread indexes the last of the rows (in its own database: each uses a core), the search tables once
    // it is done.
    Status RestoreIndexes(const std::vector<Deferred>& deferred) {
        Status status = Ok();
        for (const Deferred& item : deferred) {
            if (item.kind != "TRIGGER" && !item.restored && status) {
                status = Restore(item);
            }
        }
        Status searched = FinishSearch();  // when it failed, the search tables are rebuilt from their content below
        if (searched && scratch_ && scratch_->built) {
            scratch_->db.reset();
            searched = db_.AttachToWriter(kScratchSchema, scratch_->path);
            attached_ = static_cast<bool>(searched);
        }
        for (const Deferred& item : deferred) {
            if (item.kind == "TRIGGER" && status) {
                status = Restore(item);
            }
        }
        if (attached_) {
            attached_ = false;
            const Status detached = db_.DetachFromWriter(kScratchSchema);
            searched = searched ? detached : searched;
        }
        scratch_.reset();
        AC_RETURN_IF_ERROR(status);
        return searched;
    }

    Status Restore(const Deferred& item) {
        const bool sqlite = db_.backend() == storage::Backend::kSqlite;
        const auto started = std::chrono::steady_clock::now();
        const Status restored = storage::RunInTransaction(db_, storage::TxMode::kWrite, [&](Transaction& tx) -> Status {
            if (sqlite) {
                // Back to SQLite's default page cache (2 MB) from the load's 256 MB: CREATE INDEX then sorts in runs
                // it merges instead of one list of every key, a quarter faster at full scale.
                AC_RETURN_IF_ERROR(tx.Run("PRAGMA cache_size = -2000"));
                // Those runs are sorted by helper threads only when they go to temporary files: the connections keep
                // temporary data in memory, where SQLite sorts on one thread. On files, with a helper per core, the
                // index phase at full scale took 28 s instead of 44.
                AC_RETURN_IF_ERROR(tx.Run("PRAGMA temp_store = FILE"));
                AC_RETURN_IF_ERROR(
                    tx.Run("PRAGMA threads = " + std::to_string(std::max(1U, std::thread::hardware_concurrency()))));
            }
            if (item.kind == "TRIGGER") {
                const std::string table = item.name.substr(0, item.name.size() - std::string("_insert").size());
                if (attached_) {
                    AC_RETURN_IF_ERROR(CopySearchTable(tx, table));
                } else {
                    AC_RETURN_IF_ERROR(tx.Run("INSERT INTO " + table + " (" + table + ") VALUES ('rebuild')"));
                }
            }
            return tx.Run(item.sql);
        });
        AC_RETURN_IF_ERROR(restored);
        log::Debug(
            "generate.index_built",
            {{"name", item.name},
             {"ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count()}});
        return Ok();
    }

    // ---- search tables ---------------------------------------------------------------------------------------------
    // On SQLite the FTS5 search tables are built during the load, on a third thread in a scratch database of the
    // same tables, from the texts the generator makes; afterwards their shadow tables (the index itself) are copied
    // in. An FTS5 'rebuild' after the load took two thirds of the time the indexes took, with the cores otherwise
    // idle; the scratch build runs while the other threads make and write the rows. A copied index equals a rebuilt
    // one: same tokenizer, same texts (generate_dbtest compares every term at every position with FTS5's rebuild).

    static constexpr const char* kScratchSchema = "search_build";

    // The scratch database beside the main file, with the main file's search tables; removed when done.
    struct Scratch {
        std::string path;
        std::unique_ptr<storage::Database> db;
        bool built = false;  // every search row written and committed
        explicit Scratch(std::string file) : path(std::move(file)) { RemoveFiles(); }  // a failed run's leftovers
        Scratch(const Scratch&) = delete;
        Scratch& operator=(const Scratch&) = delete;
        ~Scratch() {
            db.reset();
            RemoveFiles();
        }
        void RemoveFiles() const {
            for (const char* suffix : {"", "-wal", "-shm"}) {
                std::error_code ignored;
                std::filesystem::remove(path + suffix, ignored);
            }
        }
    };

    // The staged rows of each search table, in the scratch database's temporary <table>_rows.
    std::array<Bulk*, 4> SearchBulks() {
        return {&customers_search_, &repairs_search_, &contracts_search_, &deliveries_search_};
    }
    static std::string SearchTableOf(const Bulk& staged) {
        return staged.table().substr(0, staged.table().size() - std::string_view("_rows").size());
    }

    Status OpenScratch() {
        if (db_.backend() != storage::Backend::kSqlite) {
            return Ok();
        }
        std::string url = db_.Describe();
        while (url.starts_with("sqlite:")) {
            url.erase(0, std::string_view("sqlite:").size());
        }
        if (url.empty() || url == ":memory:" || url.starts_with("file:")) {
            return Ok();  // no folder to build in: the search tables are rebuilt after the load
        }
        auto scratch = std::make_unique<Scratch>(url + ".search-build");
        AC_ASSIGN_OR_RETURN(
            scratch->db,
            storage::Open(storage::OpenOptions{
                .url = scratch->path, .pool_size = 1, .sqlite_synchronous = "NORMAL", .sqlite_bulk_load = true}));
        std::string names;
        for (const Bulk* staged : SearchBulks()) {
            names += (names.empty() ? "'" : ", '") + SearchTableOf(*staged) + "'";
        }
        AC_ASSIGN_OR_RETURN(
            const storage::Rows tables,
            storage::RunInTransaction(db_, storage::TxMode::kRead, [&](Transaction& tx) -> Result<storage::Rows> {
                return tx.Query("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name IN (" + names +
                                ") ORDER BY name");
            }));
        if (tables.size() != SearchBulks().size()) {
            return Fail(Error::Make(ErrorCode::kFailedPrecondition, "generate.search_tables_missing"));
        }
        const Status created =
            storage::RunInTransaction(*scratch->db, storage::TxMode::kWrite, [&](Transaction& tx) -> Status {
                for (const storage::Row& table : tables) {
                    AC_RETURN_IF_ERROR(tx.Run(table.Text(1)));
                    AC_RETURN_IF_ERROR(tx.Run("CREATE TEMP TABLE " + table.Text(0) +
                                              "_rows (id INTEGER PRIMARY KEY, search_text TEXT)"));
                }
                return Ok();
            });
        AC_RETURN_IF_ERROR(created);
        scratch_ = std::move(scratch);
        return Ok();
    }

    Status PushSearch(Batch::End end) {
        if (!search_writer_) {
            return Ok();
        }
        Batch batch;
        batch.end = end;
        for (Bulk* bulk : SearchBulks()) {
            batch.parts.emplace_back(bulk, bulk->Take());
        }
        return search_writer_->Push(std::move(batch));
    }

    // On the search thread: the rows into the scratch database's search tables.
    Status WriteSearchBatch(Batch& batch) {
        if (!scratch_tx_) {
            AC_ASSIGN_OR_RETURN(scratch_tx_, scratch_->db->Begin(storage::TxMode::kWrite));
            // FTS5 merges its segments inside the transaction: with SQLite's default 2 MB cache it wrote the pages out
            // and read them back while merging.
            AC_RETURN_IF_ERROR(scratch_tx_->Run("PRAGMA cache_size = -262144"));
        }
        for (auto& [bulk, rows] : batch.parts) {
            AC_RETURN_IF_ERROR(bulk->Write(*scratch_tx_, rows.rows()));
            bulk->Recycle(std::move(rows));
        }
        if (batch.end != Batch::End::kNone) {
            // One statement per table: FTS5 writes out what it holds at every statement, so rows inserted a hundred
            // at a time would each make a small segment to merge.
            for (const auto& [bulk, rows] : batch.parts) {
                AC_RETURN_IF_ERROR(scratch_tx_->Run("INSERT INTO " + SearchTableOf(*bulk) +
                                                    " (rowid, search_text) SELECT id, search_text FROM " +
                                                    bulk->table() + " ORDER BY id"));
                AC_RETURN_IF_ERROR(scratch_tx_->Run("DELETE FROM " + bulk->table()));
            }
            AC_RETURN_IF_ERROR(scratch_tx_->Commit());
            scratch_tx_.reset();
            scratch_->built = batch.end == Batch::End::kLast;
        }
        return Ok();
    }

    // Replaces the index of the (empty) search table `table` with the scratch one's: its shadow tables' rows, from the
    // scratch database attached to the writer as kScratchSchema. `INSERT INTO t SELECT * FROM u` of two tables of
    // one definition copies the records as they are (SQLite's transfer optimization), without decoding them.
    static Status CopySearchTable(Transaction& tx, const std::string& table) {
        for (const char* shadow : {"_data", "_idx", "_docsize"}) {
            const std::string name = table + shadow;
            AC_RETURN_IF_ERROR(tx.Run("DELETE FROM main." + name));
            AC_RETURN_IF_ERROR(tx.Run("INSERT INTO main." + name + " SELECT * FROM " + kScratchSchema + "." + name));
        }
        return Ok();
    }

    // The text a document's search table indexes: as the view <table>_search_content of migration 0011 makes it.
    static std::string DocumentSearchText(const std::string& text, const std::string& number, std::int64_t store) {
        return text + "\n" + Lower(number) + "\n#" + std::to_string(store) + "#";
    }

    // Batches the generator may be ahead of each thread. The search thread falls behind early on (the customers come
    // first, each a text to index and little else to write, then each contract brings two texts, against one per
    // repair later) and catches up during the repairs: with 64 batches for it too, the generator waited for it with a
    // core idle for the first seconds (8 s at full scale).
    static constexpr std::size_t kWriterQueue = 64;
    static constexpr std::size_t kSearchQueue = 1024;

    // Makes the rows on this thread and has them written on another (BatchWriter): the generation's own work and
    // the database's each take about half of a single thread's time.
    Status Load() {
        AC_RETURN_IF_ERROR(OpenScratch());
        writer_.emplace([this](Batch& batch) { return WriteBatch(batch); }, kWriterQueue);
        if (scratch_) {
            search_writer_.emplace([this](Batch& batch) { return WriteSearchBatch(batch); }, kSearchQueue);
        }
        Status made = Make();
        Status written = writer_->Finish();
        writer_.reset();
        tx_.reset();  // after a failure: gives the writer connection back for RestoreIndexes
        AC_RETURN_IF_ERROR(made);
        AC_RETURN_IF_ERROR(written);
        return Ok();  // the search thread may still be indexing the last rows: FinishSearch
    }

    // Waits for the search thread to index the last of the rows and stops it.
    Status FinishSearch() {
        Status searched = search_writer_ ? search_writer_->Finish() : Ok();
        search_writer_.reset();
        scratch_tx_.reset();
        return searched;
    }

    Status Make() {
        AC_RETURN_IF_ERROR(Organisation());
        AC_RETURN_IF_ERROR(Catalog());
        AC_RETURN_IF_ERROR(
            TablesDone({"stores", "staff", "staff_roles", "products", "warehouses", "customers", "customer_phones"}));
        const auto contracts = static_cast<std::int64_t>(std::llround(kContracts * options_.scale));
        for (std::int64_t i = 0; i < contracts; ++i) {
            AC_RETURN_IF_ERROR(Contract());
        }
        AC_RETURN_IF_ERROR(TablesDone({"contracts", "contract_lines", "delivery_jobs", "delivery_follow_ups"}));
        const auto repairs = static_cast<std::int64_t>(std::llround(kRepairs * options_.scale));
        for (std::int64_t i = 0; i < repairs; ++i) {
            AC_RETURN_IF_ERROR(Repair());
        }
        for (const auto& [key, last] : numbers_) {
            documents_numbers_.Add(key.first, std::to_string(key.second), last);
        }
        AC_RETURN_IF_ERROR(PushSearch(Batch::End::kLast));
        return writer_->Push(TakeAll(Batch::End::kLast));
    }

    // `tables` get no more rows: the writer commits and builds their indexes now. Meanwhile the generator goes on
    // until the writer's queue is full, and the search thread, which is behind then (kSearchQueue), catches up: both
    // cores stay busy, where the indexes built after the load have one of them.
    Status TablesDone(std::vector<std::string> tables) {
        since_commit_ = 0;
        Batch batch = TakeAll(Batch::End::kCommit);
        batch.then = [this, tables = std::move(tables)]() -> Status {
            for (Deferred& item : *deferred_) {
                if (item.kind == "INDEX" && std::ranges::find(tables, item.table) != tables.end()) {
                    AC_RETURN_IF_ERROR(Restore(item));
                    item.restored = true;  // read by RestoreIndexes once the writer thread has ended
                }
            }
            return Ok();
        };
        return writer_->Push(std::move(batch));
    }

    // Everything added since the last batch, parents before children.
    Batch TakeAll(Batch::End end) {
        Batch batch;
        batch.end = end;
        for (Bulk* bulk : All()) {
            batch.parts.emplace_back(bulk, bulk->Take());
        }
        return batch;
    }

    // On the writer thread: the batch's rows in the open transaction (begun when needed), then its end.
    Status WriteBatch(Batch& batch) {
        if (!tx_) {
            AC_RETURN_IF_ERROR(Begin());
        }
        for (auto& [bulk, rows] : batch.parts) {
            AC_RETURN_IF_ERROR(bulk->Write(*tx_, rows.rows()));
            bulk->Recycle(std::move(rows));
        }
        if (batch.end == Batch::End::kLast) {
            AC_RETURN_IF_ERROR(AdvanceSequences());
        }
        if (batch.end != Batch::End::kNone) {
            AC_RETURN_IF_ERROR(tx_->Commit());
            tx_.reset();
        }
        return batch.then ? batch.then() : Ok();
    }

    std::vector<Bulk*> All() {
        // Parents before children: a statement's foreign keys are checked when it runs.
        return {&stores_,           &staff_,     &staff_roles_, &products_,
                &warehouses_,       &customers_, &phones_,      &documents_,
                &events_,           &contracts_, &lines_,       &deliveries_,
                &follow_ups_,       &repairs_,   &visits_,      &repair_follow_ups_,
                &documents_numbers_};
    }

    Status CheckEmpty() {
        return storage::RunInTransaction(db_, storage::TxMode::kRead, [&](Transaction& tx) -> Status {
            AC_ASSIGN_OR_RETURN(const storage::Rows rows, tx.Query("SELECT count(*) FROM stores"));
            if (rows[0].Int(0) != 0) {
                return Fail(Error::Make(ErrorCode::kFailedPrecondition, "generate.not_empty"));
            }
            return Ok();
        });
    }

    Status Begin() {
        AC_ASSIGN_OR_RETURN(tx_, db_.Begin(storage::TxMode::kWrite));
        if (db_.backend() == storage::Backend::kSqlite) {
            // Index pages of the growing tables stay in memory instead of being read back for every batch.
            AC_RETURN_IF_ERROR(tx_->Run("PRAGMA cache_size = -262144"));
        }
        return Ok();
    }

    // Called after each generated record: hands full batches to the writer, with a commit every kRowsPerCommit rows.
    Status Written(std::int64_t rows) {
        since_commit_ += rows;
        bool full = false;
        for (const Bulk* bulk : All()) {
            full = full || bulk->Full();
        }
        if (since_commit_ >= kRowsPerCommit) {
            since_commit_ = 0;
            AC_RETURN_IF_ERROR(PushSearch(Batch::End::kCommit));
            return writer_->Push(TakeAll(Batch::End::kCommit));
        }
        // The search rows go at their own pace: a few of them come with each record, and batches of a few rows each
        // filled the search thread's queue while it indexed a commit's texts, so the generator waited with a core idle.
        if (std::ranges::any_of(SearchBulks(), [](const Bulk* bulk) { return bulk->Full(); })) {
            AC_RETURN_IF_ERROR(PushSearch(Batch::End::kNone));
        }
        if (full) {
            return writer_->Push(TakeAll(Batch::End::kNone));
        }
        return Ok();
    }

    // PostgreSQL's identity columns do not see explicit ids: move them past the largest.
    Status AdvanceSequences() {
        if (db_.backend() != storage::Backend::kPostgres) {
            return Ok();
        }
        for (const char* table :
             {"stores", "staff", "products", "warehouses", "customers", "documents", "contract_lines", "events",
              "delivery_follow_ups", "repair_visits", "repair_follow_ups"}) {
            const std::string t(table);
            AC_RETURN_IF_ERROR(
                tx_->Run("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), (SELECT max(id) FROM " + t + "))"));
        }
        return Ok();
    }

    // ---- randomness --------------------------------------------------------------------------------------------

    std::int64_t Between(std::int64_t low, std::int64_t high) {
        return std::uniform_int_distribution<std::int64_t>(low, high)(random_);
    }
    bool Chance(double p) { return std::bernoulli_distribution(p)(random_); }
    template <class C>
    const auto& Pick(const C& items) {
        return items[static_cast<std::size_t>(Between(0, static_cast<std::int64_t>(items.size()) - 1))];
    }
    std::string Name() { return std::string(Pick(kSurnames)) + std::string(Pick(kGiven)); }

    // A mobile number unique to `n`: a multiplicative permutation of the eight last digits.
    static std::string Mobile(std::int64_t n) {
        constexpr std::array<std::string_view, 6> kPrefixes = {"139", "138", "137", "158", "186", "189"};
        const std::int64_t digits = (n * 48'271 + 12'345) % 100'000'000;
        return std::string(kPrefixes[static_cast<std::size_t>(n % 6)]) + Padded(digits, 8);
    }

    std::string Number(std::string_view prefix, Instant at) {
        const kernel::LocalDate date = calendar_.DateOf(at);
        const std::int64_t day = date.year * 10'000 + static_cast<std::int64_t>(date.month * 100 + date.day);
        const std::int64_t seq = ++numbers_[{std::string(prefix), day}];
        std::string number(prefix);
        number += std::to_string(day);
        number += '-';
        number += Padded(seq, 4);
        return number;
    }

    // ---- documents ---------------------------------------------------------------------------------------------

    struct Step {
        std::string action;
        std::string to;
        Instant at;
        std::int64_t actor;
    };

    // What the events of one kind of step (action, state before, state after) share: their changes, and the tail
    // of their hashed text (kernel::EventHashTail), made once.
    struct StepKind {
        std::string changes;
        std::string tail;
    };

    const StepKind& KindOf(const std::string& action, const std::string& from, const std::string& to) {
        step_key_.assign(action).append(1, '\0').append(from).append(1, '\0').append(to);
        if (const auto found = step_kinds_.find(step_key_); found != step_kinds_.end()) {
            return found->second;
        }
        kernel::EventRow event;
        event.action = action;
        event.from_state = from;
        event.to_state = to;
        event.changes = from == to ? "{}"
                                   : R"({"state":{"before":)" + (from.empty() ? "null" : "\"" + from + "\"") +
                                         R"(,"after":")" + to + "\"}}";
        event.request_id = std::string(kRequestId);
        StepKind kind{event.changes, kernel::EventHashTail(event)};
        return step_kinds_.emplace(step_key_, std::move(kind)).first->second;
    }

    // A document with its chained events; returns its id.
    std::int64_t Document(std::string_view type, std::string_view prefix, std::int64_t store,
                          std::optional<std::int64_t> assignee, const std::vector<Step>& steps) {
        const std::int64_t id = ++document_id_;
        std::string previous;
        const std::string none;
        const std::string* state = &none;
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Step& step = steps[i];
            const StepKind& kind = KindOf(step.action, *state, step.to);
            const auto seq = static_cast<std::int64_t>(i + 1);
            std::string hash =
                kernel::EventHash(previous, kernel::DocumentId(id), seq, step.at, StaffId(step.actor), kind.tail);
            events_.Add(id, seq, step.at, step.actor, step.action, *state, step.to, kind.changes, "{}", "",
                        std::string(kRequestId), std::move(previous), hash);
            previous = std::move(hash);
            state = &step.to;
        }
        last_number_ = Number(prefix, steps.front().at);
        documents_.Add(id, std::string(type), last_number_, store, *state, static_cast<std::int64_t>(steps.size()),
                       assignee ? Value(*assignee) : Value(), static_cast<std::int64_t>(steps.size()),
                       std::move(previous), steps.front().at, steps.front().actor, steps.back().at, steps.back().actor);
        rows_in_record_ += 1 + static_cast<std::int64_t>(steps.size());
        return id;
    }

    // The steps of a flow up to the first one that would lie in the future; `open` documents may stop earlier.
    static std::vector<Step> Until(std::vector<Step> steps, Instant now, std::size_t keep) {
        std::size_t end = std::min(keep, steps.size());
        while (end > 1 && steps[end - 1].at > now) {
            --end;
        }
        steps.resize(end);
        return steps;
    }

    Instant When() {
        const auto ago = std::chrono::milliseconds(
            Between(0, std::chrono::duration_cast<std::chrono::milliseconds>(kHistory).count()));
        return now_ - ago;
    }

    // ---- the chain ---------------------------------------------------------------------------------------------

    Status Organisation() {
        for (std::int64_t s = 1; s <= kStores; ++s) {
            const City& city = kCities[static_cast<std::size_t>((s - 1) % kCities.size())];
            stores_.Add(
                s, std::string(city.code) + Padded(s, 2),
                std::string(city.name) + std::string(Pick(city.districts)) + "店",
                std::string(city.name) + "市" + std::string(Pick(kRoads)) + std::to_string(Between(1, 999)) + "号",
                "400-800-" + Padded(s, 4), now_ - kHistory, now_ - kHistory);
            warehouses_.Add(s, s, "WH-" + std::string(city.code) + Padded(s, 2), "门店仓库", now_ - kHistory);
            const auto add = [&](std::vector<Person>& into, std::string_view role, int count) {
                for (int i = 0; i < count; ++i) {
                    const std::int64_t id = ++staff_id_;
                    // Appended, not "s" + …: GCC 12 warns wrongly (-Wrestrict) on operator+(const char*, string&&).
                    std::string username = "s";
                    username += Padded(s, 2) + "_" + std::string(role) + std::to_string(i + 1);
                    staff_.Add(id, std::move(username), Name(), Mobile(900'000'000 + id), s, now_ - kHistory,
                               now_ - kHistory);
                    staff_roles_.Add(id, std::string(role));
                    into.push_back(Person{id, s});
                }
            };
            add(staff_people_.sales, "salesperson", 4);
            add(staff_people_.followers, "order_follower", 1);
            add(staff_people_.agents, "aftersales_agent", 3);
            add(staff_people_.supervisors, "aftersales_supervisor", 1);
            add(staff_people_.installers, "installer", 4);
            add(staff_people_.technicians, "technician", 4);
        }
        return Written(kStores * 20);
    }

    Status Catalog() {
        for (std::int64_t p = 0; p < kProducts; ++p) {
            const Category& category = kCategories[static_cast<std::size_t>(p % kCategories.size())];
            const std::string code = std::string(category.code) + "-" + std::to_string(1000 + p);
            const std::string name =
                std::string(kStyles[static_cast<std::size_t>((p / 10) % kStyles.size())]) + std::string(category.name);
            const std::string model = code + "-" + std::string(Pick(kColours));
            products_.Add(p + 1, code, name, model, std::string(category.name),
                          category.base_price_fen + Between(0, 40) * 10'000, 12 + 12 * Between(0, 4),
                          category.lead_time_days, category.installation, std::string(category.factory),
                          Lower(code) + "\n" + name + "\n" + Lower(model), now_ - kHistory, now_ - kHistory);
            AC_RETURN_IF_ERROR(Written(1));
        }
        const auto customers = static_cast<std::int64_t>(std::llround(kCustomers * options_.scale));
        for (std::int64_t c = 1; c <= customers; ++c) {
            const Customer customer = CustomerOf(c);
            const Instant at = When();
            std::string text = customer.Text();
            if (search_writer_) {
                customers_search_.Add(c, text);
            }
            customers_.Add(c, customer.name, customer.phone,
                           R"([{"district":")" + customer.district + R"(","address":")" + customer.address + "\"}]",
                           std::move(text), at, at);
            phones_.Add(customer.phone, c);
            customer_count_ = c;
            AC_RETURN_IF_ERROR(Written(2));
        }
        return Ok();
    }

    struct Customer {
        std::int64_t id;
        std::string name;
        std::string phone;
        std::string district;
        std::string address;
        // As the customer's search text holds it: name, phone, district and address.
        [[nodiscard]] std::string Text() const { return name + "\n" + phone + "\n" + district + " " + address; }
    };

    // SplitMix64: a generator whose whole state is one word, cheap to seed for every customer (std::mt19937_64 fills
    // 312 words when seeded).
    struct SplitMix {
        using result_type = std::uint64_t;
        std::uint64_t state;
        static constexpr result_type min() { return 0; }
        static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
        result_type operator()() {
            std::uint64_t z = (state += 0x9E37'79B9'7F4A'7C15ULL);
            z = (z ^ (z >> 30U)) * 0xBF58'476D'1CE4'E5B9ULL;
            z = (z ^ (z >> 27U)) * 0x94D0'49BB'1331'11EBULL;
            return z ^ (z >> 31U);
        }
    };

    // Customer `id` as the catalogue holds it and the documents copy it (name, phone, district, address): made from
    // the seed and the id alone, so that a document's copy is its customer's.
    Customer CustomerOf(std::int64_t id) const {
        SplitMix local{options_.seed * 1'000'003 + static_cast<std::uint64_t>(id)};
        const auto below = [&](std::size_t n) { return static_cast<std::size_t>(local() % n); };
        const City& city = kCities[below(kCities.size())];
        std::string name(kSurnames[below(kSurnames.size())]);
        name += kGiven[below(kGiven.size())];
        std::string address(kRoads[below(kRoads.size())]);
        address += std::to_string(below(2000) + 1) + "弄" + std::to_string(below(60) + 1) + "号";
        return Customer{id, std::move(name), Mobile(id), std::string(city.districts[below(city.districts.size())]),
                        std::move(address)};
    }

    // One of the customers, for a document.
    Customer SomeCustomer() { return CustomerOf(Between(1, std::max<std::int64_t>(1, customer_count_))); }

    // A sales contract (A): received, stock checked, goods ready and delivered by its job (B), or, when recent,
    // still received or waiting for goods.
    Status Contract() {
        const std::int64_t store = Between(1, kStores);
        const Person& sales = staff_people_.sales[static_cast<std::size_t>((store - 1) * 4 + Between(0, 3))];
        const Person& follower = staff_people_.followers[static_cast<std::size_t>(store - 1)];
        const Person& agent = staff_people_.agents[static_cast<std::size_t>((store - 1) * 3 + Between(0, 2))];
        const Person& installer = staff_people_.installers[static_cast<std::size_t>((store - 1) * 4 + Between(0, 3))];
        const Customer customer = SomeCustomer();
        const Instant received = When();
        const Instant ready = received + std::chrono::hours(Between(16, 24 * 8));
        const Instant window = ready + std::chrono::hours(Between(24, 72));
        const Instant signed_at = window + std::chrono::minutes(Between(10, 170));
        std::vector<Step> flow = {
            {"create", "received", received, sales.id},
            {"check_stock", "checked", received + std::chrono::hours(Between(1, 16)), follower.id},
            {"goods_ready", "ready", ready, follower.id},
            {"delivered", "delivered", signed_at, installer.id}};
        // The delivery job only exists once the goods are in; a contract is delivered only when its job is signed.
        const bool delivered = signed_at <= now_;
        flow = Until(flow, now_, delivered ? 4 : (ready <= now_ ? 2 : 2));
        const std::string state = flow.back().to;
        const std::int64_t id = Document("sales_contract", "HT", store, std::nullopt, flow);
        const std::string number = last_number_;
        const int line_count = static_cast<int>(Between(1, 3));
        std::int64_t total = 0;
        for (int l = 1; l <= line_count; ++l) {
            const std::int64_t product = Between(1, kProducts);
            const Category& category = kCategories[static_cast<std::size_t>((product - 1) % kCategories.size())];
            const std::int64_t quantity = Between(1, 2);
            const std::int64_t price = category.base_price_fen;
            total += quantity * price;
            lines_.Add(++line_id_, id, l, product,
                       std::string(kStyles[static_cast<std::size_t>(((product - 1) / 10) % kStyles.size())]) +
                           std::string(category.name),
                       std::string(category.code) + "-" + std::to_string(999 + product), quantity, price,
                       state == "delivered" ? quantity : 0, 0);
        }
        const bool late = calendar_.MinuteOfDay(received) >= 17 * 60;
        std::string text = Lower(customer.Text());
        if (search_writer_) {
            contracts_search_.Add(id, DocumentSearchText(text, number, store));
        }
        contracts_.Add(id, customer.id, customer.name, customer.phone, customer.district, customer.address,
                       Chance(0.3) ? "需上门安装" : "", Chance(0.1) ? "周末送货" : "", sales.id, store, received,
                       calendar_.WorkingBatchDate(received, 17 * 60).ToString(), late, total, text);
        rows_in_record_ += 1 + line_count;
        if (delivered) {
            // Its delivery job, from scheduling to the follow-up call.
            std::vector<Step> job = {
                {"create", "to_schedule", ready, follower.id},
                {"schedule", "scheduled", ready + std::chrono::hours(2), agent.id},
                {"confirm", "confirmed", window - std::chrono::hours(20), agent.id},
                {"send_slip", "slip_sent", window - std::chrono::hours(18), agent.id},
                {"inspect", "inspected", window - std::chrono::minutes(90), installer.id},
                {"arrive", "on_site", signed_at - std::chrono::minutes(60), installer.id},
                {"sign_off", "delivered", signed_at, installer.id},
                {"return_voucher", "voucher_returned", signed_at + std::chrono::hours(Between(2, 30)), agent.id},
                {"follow_up", "followed_up", signed_at + std::chrono::hours(Between(24, 96)), agent.id}};
            job = Until(job, now_, job.size());
            const std::int64_t job_id = Document("delivery_job", "SH", store, installer.id, job);
            if (search_writer_) {
                deliveries_search_.Add(job_id, DocumentSearchText(text, last_number_, store));
            }
            deliveries_.Add(job_id, id, customer.name, customer.phone, customer.district + " " + customer.address,
                            installer.id, window, window + 3h, job[2].at, job[3].at, job[4].at, job[5].at, signed_at,
                            customer.name, Between(3, 5), job.back().to == "followed_up" ? job[7].at : Value(), text);
            rows_in_record_ += 1;
            if (job.back().to == "followed_up") {
                follow_ups_.Add(++follow_up_id_, job_id, installer.id, job.back().at, Between(3, 5), agent.id);
                rows_in_record_ += 1;
            }
        }
        const std::int64_t rows = rows_in_record_;
        rows_in_record_ = 0;
        return Written(rows);
    }

    // A repair ticket (C): registered, a visit agreed and made, closed and followed up; recent ones still open.
    Status Repair() {
        const std::int64_t store = Between(1, kStores);
        const Person& agent = staff_people_.agents[static_cast<std::size_t>((store - 1) * 3 + Between(0, 2))];
        const Person& technician = staff_people_.technicians[static_cast<std::size_t>((store - 1) * 4 + Between(0, 3))];
        const Customer customer = SomeCustomer();
        const std::int64_t product = Between(1, kProducts);
        const Category& category = kCategories[static_cast<std::size_t>((product - 1) % kCategories.size())];
        const std::string model = std::string(category.code) + "-" + std::to_string(999 + product);
        const std::string problem(Pick(category.problems));
        const Instant registered = When();
        const Instant window = registered + std::chrono::hours(Between(20, 72));
        const Instant fixed = window + std::chrono::minutes(Between(30, 150));
        std::vector<Step> flow = {
            {"create", "registered", registered, agent.id},
            {"agree_visit", "scheduled", registered + std::chrono::minutes(Between(3, 29)), agent.id},
            {"dispatch", "dispatched", registered + std::chrono::hours(2), agent.id},
            {"arrive", "on_site", window + std::chrono::minutes(Between(0, 40)), technician.id},
            {"finish_fixed", "repaired", fixed, technician.id},
            {"close", "closed", fixed + std::chrono::hours(Between(4, 30)), agent.id},
            {"follow_up", "followed_up", fixed + std::chrono::hours(Between(24, 96)), agent.id}};
        // Registered tickets wait for their first call, which a generated ticket always got.
        flow = Until(flow, now_, flow.size());
        if (flow.size() == 1) {
            flow.push_back({"agree_visit", "scheduled", registered, agent.id});
        }
        const std::string state = flow.back().to;
        const bool visited = flow.size() >= 5;
        const std::int64_t id = Document("repair_ticket", "WX", store, agent.id, flow);
        std::string text = Lower(customer.Text() + "\n" + model + "\n" + problem);
        if (search_writer_) {
            repairs_search_.Add(id, DocumentSearchText(text, last_number_, store));
        }
        repairs_.Add(id, customer.id, customer.name, customer.phone, customer.district, customer.address, product,
                     model, problem, "客户反映：" + problem, std::string(Pick(kChannels)), "aftersales",
                     Chance(0.7) ? "in_warranty" : "out_of_warranty", agent.id, technician.id, window, window + 2h, "",
                     std::move(text));
        rows_in_record_ += 1;
        if (visited) {
            visits_.Add(++visit_id_, id, technician.id, window, window + 2h, flow[3].at, fixed, "fixed", "已检查",
                        "已修复", Between(3, 5), customer.name);
            rows_in_record_ += 1;
        }
        if (state == "followed_up") {
            repair_follow_ups_.Add(++repair_follow_up_id_, id, technician.id, flow.back().at, agent.id, Between(3, 5));
            rows_in_record_ += 1;
        }
        const std::int64_t rows = rows_in_record_;
        rows_in_record_ = 0;
        return Written(rows);
    }

    storage::Database& db_;
    GenerateOptions options_;
    Instant now_;
    std::mt19937_64 random_;
    kernel::Calendar calendar_;
    std::optional<BatchWriter> writer_;
    std::unique_ptr<Transaction> tx_;  // the writer thread's
    std::unique_ptr<Scratch> scratch_;
    std::vector<Deferred>* deferred_ = nullptr;  // what DeferIndexes dropped
    bool attached_ = false;                      // the scratch database is attached to the writer as kScratchSchema
    std::optional<BatchWriter> search_writer_;
    std::unique_ptr<Transaction> scratch_tx_;  // the search thread's
    std::string last_number_;                  // of the last document made
    std::int64_t since_commit_ = 0;
    std::int64_t rows_in_record_ = 0;
    std::int64_t staff_id_ = 0, document_id_ = 0, line_id_ = 0, follow_up_id_ = 0, visit_id_ = 0,
                 repair_follow_up_id_ = 0, customer_count_ = 0;
    Staff staff_people_;
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> numbers_;  // (prefix, yyyymmdd) → last
    std::map<std::string, StepKind, std::less<>> step_kinds_;
    std::string step_key_;  // KindOf's key, its buffer reused

    Bulk stores_{"stores", {"id", "code", "name", "address", "phone", "created_at_ms", "updated_at_ms"}};
    Bulk staff_{"staff", {"id", "username", "name", "phone", "store_id", "created_at_ms", "updated_at_ms"}};
    Bulk staff_roles_{"staff_roles", {"staff_id", "role"}};
    Bulk products_{"products",
                   {"id", "code", "name", "model", "category", "unit_price_fen", "warranty_months", "lead_time_days",
                    "installation_required", "factory", "search_text", "created_at_ms", "updated_at_ms"}};
    Bulk warehouses_{"warehouses", {"id", "store_id", "code", "name", "created_at_ms"}};
    Bulk customers_{"customers",
                    {"id", "name", "phones", "addresses", "search_text", "created_at_ms", "updated_at_ms"}};
    Bulk phones_{"customer_phones", {"phone", "customer_id"}};
    Bulk documents_{"documents",
                    {"id", "type", "number", "store_id", "state", "version", "assignee_id", "event_count",
                     "last_event_hash", "created_at_ms", "created_by", "updated_at_ms", "updated_by"}};
    Bulk events_{"events",
                 {"document_id", "seq", "at_ms", "actor_id", "action", "from_state", "to_state", "changes", "inputs",
                  "comment", "request_id", "prev_hash", "hash"}};
    Bulk contracts_{"contracts",
                    {"document_id", "customer_id", "customer_name", "phone", "district", "address",
                     "installation_requirements", "special_requirements", "salesperson_id", "warehouse_id",
                     "received_at_ms", "batch_date", "late", "total_fen", "search_text"}};
    Bulk lines_{"contract_lines",
                {"id", "contract_id", "line_no", "product_id", "product_name", "model", "quantity", "unit_price_fen",
                 "reserved", "ordered"}};
    Bulk deliveries_{"delivery_jobs",
                     {"document_id", "contract_id", "customer_name", "phone", "address", "installer_id",
                      "window_start_ms", "window_end_ms", "confirmed_at_ms", "slip_sent_at_ms", "inspected_at_ms",
                      "arrived_at_ms", "signed_at_ms", "signer", "rating", "voucher_returned_at_ms", "search_text"}};
    Bulk follow_ups_{"delivery_follow_ups", {"id", "document_id", "installer_id", "at_ms", "satisfaction", "staff_id"}};
    Bulk repairs_{"repair_tickets",
                  {"document_id", "customer_id", "customer_name", "phone", "district", "address", "product_id",
                   "product_model", "problem", "symptoms", "channel", "source", "warranty", "agent_id", "technician_id",
                   "window_start_ms", "window_end_ms", "tools_to_prepare", "search_text"}};
    Bulk visits_{"repair_visits",
                 {"id", "document_id", "technician_id", "window_start_ms", "window_end_ms", "arrived_at_ms",
                  "departed_at_ms", "outcome", "findings", "explanation", "rating", "signer"}};
    Bulk repair_follow_ups_{"repair_follow_ups",
                            {"id", "document_id", "technician_id", "at_ms", "by_id", "satisfaction"}};
    Bulk documents_numbers_{"document_numbers", {"prefix", "day", "last"}};
    // The search tables' rows, for the scratch database (SQLite).
    Bulk customers_search_{"customers_search_rows", {"id", "search_text"}};
    Bulk repairs_search_{"repair_tickets_search_rows", {"id", "search_text"}};
    Bulk contracts_search_{"contracts_search_rows", {"id", "search_text"}};
    Bulk deliveries_search_{"delivery_jobs_search_rows", {"id", "search_text"}};
};

}  // namespace

Result<GenerateReport> Generate(storage::Database& db, const Clock& clock, const GenerateOptions& options) {
    Generator generator(db, clock, options);
    return generator.Run();
}

}  // namespace ac::app

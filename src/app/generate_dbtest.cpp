// The data generator on a real database (both backends): the rows a scale asks for, every audit chain intact, the
// same data for the same seed, and numbering that new documents continue without a clash.
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "app/generate.hpp"
#include "kernel/audit.hpp"
#include "modules/catalog/catalog_repository.hpp"
#include "modules/repair/repair_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/transaction_runner.hpp"
#include "support/test_database.hpp"

namespace ac::app {
namespace {

class FixedClock final : public Clock {
  public:
    [[nodiscard]] Instant Now() const override { return ParseRfc3339("2026-11-27T10:00:00+08:00").value(); }
};

std::int64_t Count(storage::Database& db, const std::string& sql) {
    return storage::RunInTransaction(db, storage::TxMode::kRead,
                                     [&](storage::Transaction& tx) -> Result<std::int64_t> {
                                         AC_ASSIGN_OR_RETURN(const storage::Rows rows, tx.Query(sql));
                                         return rows[0].Int(0);
                                     })
        .value();
}

// Every index and trigger with its definition.
std::string Schema(storage::Database& db) {
    const bool sqlite = db.backend() == storage::Backend::kSqlite;
    return storage::RunInTransaction(
               db, storage::TxMode::kRead,
               [&](storage::Transaction& tx) -> Result<std::string> {
                   AC_ASSIGN_OR_RETURN(
                       const storage::Rows rows,
                       tx.Query(sqlite ? "SELECT name || ': ' || coalesce(sql, '') FROM sqlite_schema WHERE type IN "
                                         "('index', 'trigger') ORDER BY name"
                                       : "SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = "
                                         "current_schema() UNION ALL SELECT tgname || ': ' || "
                                         "pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1"));
                   std::string out;
                   for (std::size_t i = 0; i < rows.size(); ++i) {
                       out += rows[i].Text(0) + "\n";
                   }
                   return out;
               })
        .value();
}

std::string Fingerprint(storage::Database& db) {
    return storage::RunInTransaction(
               db, storage::TxMode::kRead,
               [&](storage::Transaction& tx) -> Result<std::string> {
                   std::string out;
                   for (const char* sql : {"SELECT number || state FROM documents ORDER BY id LIMIT 50",
                                           "SELECT name || phones FROM customers ORDER BY id LIMIT 50",
                                           "SELECT hash FROM events ORDER BY document_id DESC, seq DESC LIMIT 20"}) {
                       AC_ASSIGN_OR_RETURN(const storage::Rows rows, tx.Query(sql));
                       for (std::size_t i = 0; i < rows.size(); ++i) {
                           out += rows[i].Text(0) + "\n";
                       }
                   }
                   return out;
               })
        .value();
}

TEST(Generate, AScaleGivesItsRowsWithIntactAuditChainsAndTheSameDataForTheSameSeed) {
    const FixedClock clock;
    testing::TestDatabase first_db;
    auto first = first_db.Open();
    ASSERT_TRUE(storage::Migrate(*first, clock));
    const std::string schema = Schema(*first);
    const GenerateOptions options{.scale = 0.002, .seed = 7};
    const Result<GenerateReport> report = Generate(*first, clock, options);
    ASSERT_TRUE(report) << report.error().message.key;
    // The indexes and triggers dropped for the load are all back, as the migrations made them.
    EXPECT_EQ(Schema(*first), schema);
    EXPECT_EQ(report->rows.at("customers"), 1000);
    EXPECT_EQ(report->rows.at("contracts"), 1200);
    EXPECT_EQ(report->rows.at("repair_tickets"), 2000);
    EXPECT_EQ(Count(*first, "SELECT count(*) FROM stores"), 20);
    EXPECT_EQ(Count(*first, "SELECT count(*) FROM documents WHERE type = 'repair_ticket'"), 2000);
    // Old documents are finished, recent ones open; deliveries exist for delivered contracts.
    EXPECT_GT(Count(*first, "SELECT count(*) FROM documents WHERE type = 'repair_ticket' AND state = 'followed_up'"),
              1500);
    EXPECT_GT(Count(*first, "SELECT count(*) FROM documents WHERE type = 'sales_contract' AND state = 'delivered'"),
              1000);
    EXPECT_EQ(Count(*first, "SELECT count(*) FROM delivery_jobs"),
              Count(*first, "SELECT count(*) FROM documents WHERE type = 'sales_contract' AND state = 'delivered'"));
    // A document's copy of its customer is that customer's name, phone, district and address.
    for (const char* table : {"repair_tickets", "contracts"}) {
        EXPECT_EQ(Count(*first, std::string("SELECT count(*) FROM ") + table +
                                    " x JOIN customers c ON c.id = x.customer_id WHERE x.customer_name <> c.name OR "
                                    "x.phone <> c.phones OR c.addresses NOT LIKE '%\"district\":\"' || x.district || "
                                    "'\",\"address\":\"' || x.address || '\"%'"),
                  0)
            << table;
    }
    EXPECT_EQ(Count(*first, "SELECT count(*) FROM events"), report->rows.at("events"));
    EXPECT_GT(report->rows.at("events"), 20'000);
    EXPECT_EQ(report->total_rows, [&] {
        std::int64_t sum = 0;
        for (const auto& [table, rows] : report->rows) {
            sum += rows;
        }
        return sum;
    }());

    const Result<kernel::VerifyReport> audit = kernel::VerifyAuditTrail(*first);
    ASSERT_TRUE(audit);
    EXPECT_FALSE(audit->broken_document) << audit->problem;
    EXPECT_EQ(audit->events, report->rows.at("events"));

    // Numbering continues after the generated documents of a day.
    EXPECT_EQ(Count(*first,
                    "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_numbers n "
                    "WHERE d.number LIKE n.prefix || n.day || '-%')"),
              0);

    // A database that already has a chain is refused.
    const Result<GenerateReport> again = Generate(*first, clock, options);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().message.key, "generate.not_empty");

    // The same seed, the same data, also when loaded as `aftercare generate` does, without SQLite's WAL; the file is
    // in WAL again afterwards.
    testing::TestDatabase second_db;
    storage::OpenOptions bulk;
    bulk.sqlite_bulk_load = true;
    auto second = second_db.Open(bulk);
    ASSERT_TRUE(storage::Migrate(*second, clock));
    ASSERT_TRUE(Generate(*second, clock, options));
    EXPECT_EQ(Fingerprint(*first), Fingerprint(*second));
    if (second->backend() == storage::Backend::kSqlite) {
        auto tx = second->Begin(storage::TxMode::kWrite).value();
        EXPECT_EQ(tx->Query("PRAGMA journal_mode").value().front().Text(0), "wal");
        EXPECT_EQ(tx->Query("PRAGMA integrity_check").value().front().Text(0), "ok");
        // The bulk load does not check foreign keys row by row: every generated row has its parents.
        EXPECT_EQ(tx->Query("PRAGMA foreign_key_check").value().size(), 0u);
    }
}

// The search index finds exactly what a LIKE scan of the search text finds, for terms of one, two and more
// characters, several terms at once, and ASCII in either case; a document also by its number; and a term that
// matches more rows than the cap reports the cap as a floor.
TEST(Generate, SearchThroughTheIndexFindsWhatAScanFinds) {
    const FixedClock clock;
    testing::TestDatabase test_db;
    auto db = test_db.Open();
    ASSERT_TRUE(storage::Migrate(*db, clock));
    ASSERT_TRUE(Generate(*db, clock, GenerateOptions{.scale = 0.002, .seed = 3}));

    const auto customers = [&](const std::string& text) {
        return storage::RunInTransaction(*db, storage::TxMode::kRead,
                                         [&](storage::Transaction& tx) {
                                             return catalog::CatalogRepository::ListCustomers(
                                                 tx, catalog::CustomerQuery{.text = text, .page = 1, .page_size = 200});
                                         })
            .value();
    };
    const auto tickets = [&](const std::string& text) {
        return storage::RunInTransaction(*db, storage::TxMode::kRead,
                                         [&](storage::Transaction& tx) {
                                             return repair::RepairRepository::List(
                                                 tx, repair::TicketQuery{.text = text, .page_size = 200});
                                         })
            .value();
    };
    const auto like = [](const std::vector<std::string>& terms) {
        std::string where;
        for (const std::string& term : terms) {
            where += " AND search_text LIKE '%" + term + "%'";
        }
        return where;
    };
    const std::vector<std::vector<std::string>> customer_terms = {
        {"王"}, {"秀英"}, {"徐汇"}, {"漕溪北路"}, {"139"}, {"1583"}, {"王", "吴中"}, {"区"}, {"路"}};
    for (const auto& terms : customer_terms) {
        std::string text;
        for (const std::string& term : terms) {
            text += (text.empty() ? "" : " ") + term;
        }
        const std::int64_t scanned =
            Count(*db, "SELECT count(*) FROM customers WHERE merged_into IS NULL" + like(terms));
        const auto found = customers(text);
        EXPECT_EQ(found.total, std::min<std::int64_t>(scanned, 1000)) << text;
        EXPECT_EQ(found.total_capped, scanned > 1000) << text;
        EXPECT_GT(scanned, 0) << text << " should occur in the generated data";
    }
    for (const std::string term : {"异响", "沙", "门松动", "柜门下垂", "sf-1", "SF-1"}) {
        std::string lower = term;
        for (char& c : lower) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        const std::int64_t scanned =
            Count(*db, "SELECT count(*) FROM repair_tickets" + std::string(" WHERE 1 = 1") + like({lower}));
        const auto found = tickets(term);
        EXPECT_EQ(found.total, std::min<std::int64_t>(scanned, 1000)) << term;
        EXPECT_EQ(found.total_capped, scanned > 1000) << term;
        for (const repair::TicketRow& row : found.items) {
            EXPECT_NE((row.ticket.problem + row.ticket.product_model).size(), 0u);
        }
    }
    // Every phone has a 1: more tickets than the cap.
    const auto ones = tickets("1");
    EXPECT_EQ(ones.total, 1000);
    EXPECT_TRUE(ones.total_capped);
    EXPECT_EQ(ones.items.size(), 200u);
    EXPECT_GT(ones.items.front().document.id.value(), ones.items.back().document.id.value()) << "newest first";
    // A ticket by its number, in either case.
    const std::string number =
        storage::RunInTransaction(*db, storage::TxMode::kRead, [&](storage::Transaction& tx) -> Result<std::string> {
            AC_ASSIGN_OR_RETURN(const storage::Rows rows, tx.Query("SELECT number FROM documents WHERE type = "
                                                                   "'repair_ticket' ORDER BY id LIMIT 1"));
            return rows[0].Text(0);
        }).value();
    for (std::string text : {number, std::string(number)}) {
        const auto found = tickets(text);
        ASSERT_GE(found.items.size(), 1u) << text;
        EXPECT_EQ(found.items.front().document.number, number);
    }
    std::string lower_number = number;
    for (char& c : lower_number) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    EXPECT_EQ(tickets(lower_number).items.front().document.number, number);

    if (db->backend() == storage::Backend::kSqlite) {
        // The search tables were built beside the database during the load and copied in. Each index holds what
        // FTS5's own 'rebuild' from the content (the views that add a document's number and store) makes: every
        // term of every row at every position, compared through fts5vocab before and after a rebuild.
        ASSERT_TRUE(storage::RunInTransaction(*db, storage::TxMode::kWrite, [&](storage::Transaction& tx) -> Status {
            for (const std::string table : {"customers", "repair_tickets", "contracts", "delivery_jobs"}) {
                const std::string search = table + "_search";
                AC_RETURN_IF_ERROR(tx.Run("INSERT INTO " + search + " (" + search + ") VALUES ('integrity-check')"));
                AC_RETURN_IF_ERROR(tx.Run("CREATE VIRTUAL TABLE temp." + search + "_terms USING fts5vocab(main, " +
                                          search + ", instance)"));
                const std::string terms =
                    "SELECT term, doc, offset FROM temp." + search + "_terms ORDER BY term, doc, offset";
                AC_ASSIGN_OR_RETURN(const storage::Rows copied, tx.Query(terms));
                AC_ASSIGN_OR_RETURN(const storage::Rows counts,
                                    tx.Query("SELECT (SELECT count(*) FROM " + search + "_docsize), (SELECT " +
                                             "count(*) FROM " + table + ")"));
                EXPECT_EQ(counts[0].Int(0), counts[0].Int(1)) << table;
                EXPECT_GT(counts[0].Int(0), 0) << table;
                AC_RETURN_IF_ERROR(tx.Run("INSERT INTO " + search + " (" + search + ") VALUES ('rebuild')"));
                AC_ASSIGN_OR_RETURN(const storage::Rows rebuilt, tx.Query(terms));
                EXPECT_GT(copied.size(), 0u) << table;
                EXPECT_EQ(copied.size(), rebuilt.size()) << table;
                std::size_t differing = 0;
                for (std::size_t i = 0; i < std::min(copied.size(), rebuilt.size()); ++i) {
                    differing +=
                        copied[i][0] == rebuilt[i][0] && copied[i][1] == rebuilt[i][1] && copied[i][2] == rebuilt[i][2]
                            ? 0
                            : 1;
                }
                EXPECT_EQ(differing, 0u) << table;
            }
            return Ok();
        }));
        EXPECT_FALSE(std::filesystem::exists(test_db.url() + ".search-build"));
        EXPECT_FALSE(std::filesystem::exists(test_db.url() + ".search-build-wal"));
    }
}

// A row changed several times before its commit, removed, put back, and rows written by overlapping writers (one
// commit for several on SQLite) of which some roll back: the search finds exactly the last committed texts, and on
// SQLite every search index still matches its content (FTS5 'integrity-check').
TEST(Search, FollowsEveryChangeOfARowInOneCommitAndAcrossOverlappingWriters) {
    const FixedClock clock;
    testing::TestDatabase test_db;
    auto db = test_db.Open();
    ASSERT_TRUE(storage::Migrate(*db, clock));

    const auto found = [&](const std::string& text) {
        return storage::RunInTransaction(*db, storage::TxMode::kRead,
                                         [&](storage::Transaction& tx) {
                                             return catalog::CatalogRepository::ListCustomers(
                                                 tx, catalog::CustomerQuery{.text = text, .page = 1, .page_size = 50});
                                         })
            .value()
            .total;
    };
    const auto insert = [](storage::Transaction& tx, const std::string& text) -> Result<std::int64_t> {
        AC_ASSIGN_OR_RETURN(const storage::Rows rows,
                            tx.Query("INSERT INTO customers (name, search_text, created_at_ms, updated_at_ms) "
                                     "VALUES ($1, $1, 0, 0) RETURNING id",
                                     {storage::Value(text)}));
        return rows[0].Int(0);
    };
    const auto set_text = [](storage::Transaction& tx, std::int64_t id, const std::string& text) {
        return tx.Run("UPDATE customers SET search_text = $1 WHERE id = $2",
                      {storage::Value(text), storage::Value(id)});
    };

    std::int64_t first = 0;
    ASSERT_TRUE(storage::RunInTransaction(*db, storage::TxMode::kWrite, [&](storage::Transaction& tx) -> Status {
        AC_ASSIGN_OR_RETURN(first, insert(tx, "甲乙丙"));
        AC_RETURN_IF_ERROR(set_text(tx, first, "丁戊己"));
        AC_RETURN_IF_ERROR(set_text(tx, first, "庚辛壬"));
        AC_ASSIGN_OR_RETURN(const std::int64_t gone, insert(tx, "子丑寅"));
        return tx.Run("DELETE FROM customers WHERE id = $1", {storage::Value(gone)});
    }));
    EXPECT_EQ(found("庚辛"), 1);
    EXPECT_EQ(found("甲乙"), 0);
    EXPECT_EQ(found("丁戊"), 0);
    EXPECT_EQ(found("子丑"), 0);

    ASSERT_TRUE(storage::RunInTransaction(*db, storage::TxMode::kWrite, [&](storage::Transaction& tx) -> Status {
        AC_RETURN_IF_ERROR(set_text(tx, first, "卯辰巳"));
        AC_RETURN_IF_ERROR(tx.Run("DELETE FROM customers WHERE id = $1", {storage::Value(first)}));
        AC_RETURN_IF_ERROR(insert(tx, "丁戊午"));
        return Ok();
    }));
    EXPECT_EQ(found("庚辛"), 0);
    EXPECT_EQ(found("卯辰"), 0);
    EXPECT_EQ(found("丁戊"), 1);

    // 8 writers × 12 customers each, every third rolled back after its insert and update.
    std::vector<std::thread> writers;
    for (int w = 0; w < 8; ++w) {
        writers.emplace_back([&, w] {
            for (int i = 0; i < 12; ++i) {
                const std::string text = "并发" + std::to_string(w * 100 + i) + "号";
                const Status written =
                    storage::RunInTransaction(*db, storage::TxMode::kWrite, [&](storage::Transaction& tx) -> Status {
                        AC_ASSIGN_OR_RETURN(const std::int64_t id, insert(tx, "草稿"));
                        AC_RETURN_IF_ERROR(set_text(tx, id, text));
                        if (i % 3 == 2) {
                            return Fail(Error::Make(ErrorCode::kInvalidArgument, "rolled back"));
                        }
                        return Ok();
                    });
                EXPECT_EQ(written.has_value(), i % 3 != 2);
            }
        });
    }
    for (std::thread& writer : writers) {
        writer.join();
    }
    EXPECT_EQ(found("并发"), 8 * 8);
    EXPECT_EQ(found("草稿"), 0);
    EXPECT_EQ(found("并发102号"), 0) << "rolled back";
    EXPECT_EQ(found("并发701号"), 1);

    if (db->backend() == storage::Backend::kSqlite) {
        ASSERT_TRUE(storage::RunInTransaction(*db, storage::TxMode::kWrite, [&](storage::Transaction& tx) -> Status {
            for (const char* table :
                 {"customers_search", "repair_tickets_search", "contracts_search", "delivery_jobs_search"}) {
                AC_RETURN_IF_ERROR(
                    tx.Run("INSERT INTO " + std::string(table) + " (" + table + ") VALUES ('integrity-check')"));
            }
            AC_ASSIGN_OR_RETURN(const storage::Rows pending, tx.Query("SELECT count(*) FROM search_pending"));
            EXPECT_EQ(pending[0].Int(0), 0);
            return Ok();
        }));
    }
}

}  // namespace
}  // namespace ac::app

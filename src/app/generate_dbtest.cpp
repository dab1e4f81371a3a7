// The data generator on a real database (both backends): the rows a scale asks for, every audit chain intact, the
// same data for the same seed, and numbering that new documents continue without a clash.
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
    const GenerateOptions options{.scale = 0.002, .seed = 7};
    const Result<GenerateReport> report = Generate(*first, clock, options);
    ASSERT_TRUE(report) << report.error().message.key;
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

    // The same seed, the same data.
    testing::TestDatabase second_db;
    auto second = second_db.Open();
    ASSERT_TRUE(storage::Migrate(*second, clock));
    ASSERT_TRUE(Generate(*second, clock, options));
    EXPECT_EQ(Fingerprint(*first), Fingerprint(*second));
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
        {"王"}, {"秀英"}, {"徐汇"}, {"漕溪北路"}, {"139"}, {"1583"}, {"王", "徐汇"}, {"区"}, {"路"}};
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
}

}  // namespace
}  // namespace ac::app

// The data generator on a real database (both backends): the rows a scale asks for, every audit chain intact, the
// same data for the same seed, and numbering that new documents continue without a clash.
#include <gtest/gtest.h>

#include "app/generate.hpp"
#include "kernel/audit.hpp"
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

}  // namespace
}  // namespace ac::app

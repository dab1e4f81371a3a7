// `aftercare generate`: a store chain's data at a chosen scale, for benchmarks and for trying the app with years of
// records. Seeded, so a scale and a seed always give the same data.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace ac::app {

struct GenerateOptions {
    // 1.0 is a chain of 20 stores after ten years: 500,000 customers, 600,000 contracts with their delivery jobs,
    // 1,000,000 repair tickets and about 13 million events. Stores and the product catalog do not scale.
    double scale = 0.01;
    std::uint64_t seed = 1;
};

struct GenerateReport {
    std::map<std::string, std::int64_t> rows;  // per table
    std::int64_t total_rows = 0;
    double seconds = 0;
    double index_seconds = 0;  // of seconds: building the indexes and search tables after the load
};

// Fills an empty database (no stores yet) with stores, staff, products, customers, sales contracts, delivery jobs
// and repair tickets spread over the ten years before `clock.Now()`, each document with its hash-chained events,
// old ones finished and recent ones open. Rows are written in large batched transactions; on an SQLite file the
// search tables are built meanwhile in a scratch file beside it (`<file>.search-build`, removed at the end). Errors:
// kFailedPrecondition "generate.not_empty" for a database that already has stores, "generate.search_tables_missing"
// for an SQLite file without its search tables (not migrated); storage errors.
[[nodiscard]] Result<GenerateReport> Generate(storage::Database& db, const Clock& clock,
                                              const GenerateOptions& options);

}  // namespace ac::app

// Substring search over a table's `search_text`, served by the table's search index (migration 0011): an FTS5
// table `<table>_search` with the ac_bigram tokenizer on SQLite (whose text, for a document, ends with its
// number), a GIN index of the text's one- and two-character grams (ac_grams) on PostgreSQL. Both find the rows
// whose text contains every whitespace-separated term.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/validation.hpp"
#include "storage/database.hpp"
#include "storage/where.hpp"

namespace ac::storage {

// A list counts its rows only up to four pages past the one asked for; beyond, it says "more than"
// (Page::total_capped). So a short search term, or a state that a hundred thousand tickets have reached, costs a
// few pages to count, not every matching row, and paging on moves the cap along.
inline constexpr int kCountPagesAhead = 4;
[[nodiscard]] inline std::int64_t CountCap(int page, int page_size) {
    return static_cast<std::int64_t>(page + kCountPagesAhead) * page_size;
}

struct SearchTarget {
    std::string_view table;        // the table that owns the search text, e.g. "repair_tickets"
    std::string_view key;          // its key column, e.g. "document_id"
    std::string_view outer;        // what the key is compared with in the query, e.g. "d.id"
    bool document_number = false;  // the key is a document's id, and the text may also be its whole number
    // A document search within one store: on SQLite the index narrows to the store's documents itself (their
    // text carries the marker "#<store id>#"); the caller keeps its own store condition as well.
    std::optional<std::int64_t> store = std::nullopt;
};

// How a list query finds the rows that contain the text.
struct TextSearch {
    // Put before the query's first table: on SQLite the search table leads the join ("<table>_search CROSS JOIN
    // "), so that with `newest_first` a page reads only as many matches as it shows. Empty on PostgreSQL.
    std::string leading;
    std::string condition;     // for the WHERE clause
    std::string newest_first;  // ORDER BY for the newest match first (by the key, descending)
};

// The search for `text` (ASCII letters folded to lower case), with its parameters added to `where`; nullopt when
// the text has no term.
[[nodiscard]] std::optional<TextSearch> SearchFor(Where& where, Backend backend, const SearchTarget& target,
                                                  std::string_view text);

// The condition alone, as `outer IN (keys)`, for a list sorted by something else than its key. "1 = 1" when the
// text has no term.
[[nodiscard]] std::string TextSearchCondition(Where& where, Backend backend, const SearchTarget& target,
                                              std::string_view text);

// A list's count up to CountCap + 1: from the page itself when it is short (it holds the last rows: no other
// query), else a count of at most CountCap + 1 rows over `filter` (" FROM … WHERE …") with the filter's parameters. A
// rare search term's page reads every match, and the count would read them all again.
[[nodiscard]] Result<std::int64_t> CountRows(Transaction& tx, const std::string& filter, std::span<const Value> params,
                                             std::size_t page_rows, int page, int page_size);

// Sets a page's total (and page number and size) from what CountRows counted.
template <class T>
void SetTotal(Page<T>& page, std::int64_t counted, int page_number, int page_size) {
    const std::int64_t cap = CountCap(page_number, page_size);
    page.page = page_number;
    page.page_size = page_size;
    page.total_capped = counted > cap;
    page.total = page.total_capped ? cap : counted;
}

}  // namespace ac::storage

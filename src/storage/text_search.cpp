#include "storage/text_search.hpp"

#include <optional>

#include "storage/sqlite/bigram_tokenizer.hpp"

namespace ac::storage {
namespace {

bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string AsciiCase(std::string_view text, bool upper) {
    std::string folded(text);
    for (char& c : folded) {
        if (!upper && c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        } else if (upper && c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return folded;
}

std::string LikeContains(std::string_view term) {
    std::string pattern = "%";
    for (const char c : term) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    return pattern + '%';
}

// A query giving the keys of the rows that contain every term of `lower`; empty when it has no term.
std::string MatchingKeys(Where& where, Backend backend, const SearchTarget& target, const std::string& lower) {
    const std::string table(target.table);
    if (backend == Backend::kSqlite) {
        const std::string match = BigramMatchExpression(lower);
        if (match.empty()) {
            return {};
        }
        return "SELECT rowid FROM " + table + "_search WHERE " + table + "_search MATCH " + where.Bind(Value(match));
    }
    // PostgreSQL: the GIN index finds the rows holding every gram of a term; LIKE keeps those where the grams
    // stand together.
    std::string condition;
    std::size_t at = 0;
    while (at < lower.size()) {
        while (at < lower.size() && IsSpace(lower[at])) {
            ++at;
        }
        std::size_t end = at;
        while (end < lower.size() && !IsSpace(lower[end])) {
            ++end;
        }
        if (end > at) {
            const std::string term = lower.substr(at, end - at);
            if (!condition.empty()) {
                condition += " AND ";
            }
            condition += "ac_grams(search_text) @> ac_query_grams(" + where.Bind(Value(term)) +
                         ") AND search_text LIKE " + where.Bind(Value(LikeContains(term))) + " ESCAPE '\\'";
        }
        at = end;
    }
    if (condition.empty()) {
        return {};
    }
    return "SELECT " + std::string(target.key) + " FROM " + table + " WHERE " + condition;
}

std::string DocumentNumber(std::string_view text) {
    std::string number;
    for (const char c : AsciiCase(text, true)) {
        if (!IsSpace(c)) {
            number += c;
        }
    }
    return number;
}

}  // namespace

std::optional<TextSearch> SearchFor(Where& where, Backend backend, const SearchTarget& target, std::string_view text) {
    const std::string lower = AsciiCase(text, false);
    if (backend == Backend::kSqlite) {
        std::string match = BigramMatchExpression(lower);
        if (match.empty()) {
            return std::nullopt;
        }
        if (target.store) {
            match += " AND \"#" + std::to_string(*target.store) + "#\"";
        }
        const std::string table = std::string(target.table) + "_search";
        return TextSearch{.leading = table + " CROSS JOIN ",
                          .condition = table + " MATCH " + where.Bind(Value(match)) + " AND " +
                                       std::string(target.outer) + " = " + table + ".rowid",
                          .newest_first = table + ".rowid DESC"};
    }
    const std::string condition = TextSearchCondition(where, backend, target, text);
    if (condition == "1 = 1") {
        return std::nullopt;
    }
    return TextSearch{.leading = {}, .condition = condition, .newest_first = std::string(target.outer) + " DESC"};
}

std::string TextSearchCondition(Where& where, Backend backend, const SearchTarget& target, std::string_view text) {
    std::string keys = MatchingKeys(where, backend, target, AsciiCase(text, false));
    if (keys.empty()) {
        return "1 = 1";
    }
    // SQLite's search text of a document already ends with its number.
    if (target.document_number && backend == Backend::kPostgres) {
        keys += " UNION ALL SELECT id FROM documents WHERE number = " + where.Bind(Value(DocumentNumber(text)));
    }
    return std::string(target.outer) + " IN (" + keys + ")";
}

Result<std::int64_t> CountRows(Transaction& tx, const std::string& filter, std::span<const Value> params,
                               std::size_t page_rows, int page, int page_size) {
    const auto shown = static_cast<std::int64_t>(page_rows);
    if (shown > 0 && shown < page_size) {
        return static_cast<std::int64_t>(page - 1) * page_size + shown;
    }
    if (shown == 0 && page == 1) {
        return 0;
    }
    AC_ASSIGN_OR_RETURN(const Rows count, tx.Query("SELECT count(*) FROM (SELECT 1" + filter + " LIMIT " +
                                                       std::to_string(CountCap(page, page_size) + 1) + ") capped",
                                                   params));
    return count[0].Int(0);
}

}  // namespace ac::storage

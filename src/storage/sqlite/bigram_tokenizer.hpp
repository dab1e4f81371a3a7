// "ac_bigram", an FTS5 tokenizer for substring search in Chinese (and any other) text.
//
// A document is cut at whitespace into segments; each segment of n characters gives n tokens: the pair of
// characters starting at each position and, at its last position, that character alone ("漕溪北路" →
// 漕溪 溪北 北路 路). A query term of two or more characters gives its pairs only, so the FTS5 string "北路"
// is the phrase 北路 and "漕溪北" the phrase 漕溪 溪北: the term occurs in a segment exactly when the phrase
// matches. A one-character term is asked as a prefix ("路" *), matching every pair that starts with it and the
// lone last character. ASCII letters are folded to lower case.
#pragma once

#include <string>
#include <string_view>

struct sqlite3;

namespace ac::storage {

// Registers the tokenizer on the connection; returns SQLITE_OK or an SQLite error code.
int RegisterBigramTokenizer(sqlite3* db);

// The FTS5 MATCH expression for a search box's text: each whitespace-separated term must occur. Empty when the
// text has no term.
[[nodiscard]] std::string BigramMatchExpression(std::string_view text);

}  // namespace ac::storage

// CSV files as spreadsheets write them (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace ac {

using CsvRow = std::vector<std::string>;

// The text of a CSV file as UTF-8: a UTF-8 byte-order mark is dropped; bytes that are not valid UTF-8 are read as
// GB18030 (what a spreadsheet in Chinese saves as plain "CSV"). Error: kInvalidArgument "csv.encoding" when they
// are neither.
[[nodiscard]] Result<std::string> CsvTextToUtf8(std::string_view bytes);

// The records of `text`, each a list of fields with surrounding spaces removed. Blank lines are skipped.
// Error: kInvalidArgument "csv.malformed" {row} at a stray or unterminated quote.
[[nodiscard]] Result<std::vector<CsvRow>> ParseCsv(std::string_view text);

// Whether `text` is well-formed UTF-8.
[[nodiscard]] bool IsValidUtf8(std::string_view text);

}  // namespace ac

#include "storage/sqlite/bigram_tokenizer.hpp"

#include <cstdint>
#include <vector>

#include <sqlite3.h>

namespace ac::storage {
namespace {

// Length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte, so bad input advances).
std::size_t SequenceLength(unsigned char lead) {
    if (lead < 0xC0) {
        return 1;
    }
    if (lead < 0xE0) {
        return 2;
    }
    if (lead < 0xF0) {
        return 3;
    }
    return 4;
}

bool IsSpaceAt(std::string_view text, std::size_t at, std::size_t length) {
    if (length == 1) {
        const char c = text[at];
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    }
    return text.substr(at, length) == "\u3000";  // the ideographic space
}

// Cuts `text` at whitespace and calls `segment(begin offsets of its characters, end offset)` for each piece.
template <class Segment>
int ForEachSegment(std::string_view text, Segment&& segment) {
    std::vector<std::size_t> starts;
    std::size_t at = 0;
    while (at <= text.size()) {
        const bool end = at == text.size();
        const std::size_t length =
            end ? 0 : std::min(SequenceLength(static_cast<unsigned char>(text[at])), text.size() - at);
        if (end || IsSpaceAt(text, at, length)) {
            if (!starts.empty()) {
                if (const int rc = segment(starts, at); rc != SQLITE_OK) {
                    return rc;
                }
                starts.clear();
            }
            if (end) {
                break;
            }
        } else {
            starts.push_back(at);
        }
        at += length;
    }
    return SQLITE_OK;
}

using TokenCallback = int (*)(void*, int, const char*, int, int, int);

int Tokenize(Fts5Tokenizer* /*tokenizer*/, void* context, int flags, const char* data, int size, TokenCallback token) {
    const std::string_view text(data, static_cast<std::size_t>(size));
    const bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    std::string folded;
    return ForEachSegment(text, [&](const std::vector<std::size_t>& starts, std::size_t end) {
        const std::size_t n = starts.size();
        for (std::size_t i = 0; i < n; ++i) {
            const bool last = i + 1 == n;
            if (query && last && n > 1) {
                break;  // a query term of two or more characters is its pairs only
            }
            const std::size_t from = starts[i];
            const std::size_t to = i + 2 < n ? starts[i + 2] : end;
            folded.assign(text.substr(from, to - from));
            for (char& c : folded) {
                if (c >= 'A' && c <= 'Z') {
                    c = static_cast<char>(c - 'A' + 'a');
                }
            }
            if (const int rc = token(context, 0, folded.data(), static_cast<int>(folded.size()), static_cast<int>(from),
                                     static_cast<int>(to));
                rc != SQLITE_OK) {
                return rc;
            }
        }
        return SQLITE_OK;
    });
}

int Create(void* /*context*/, const char** /*args*/, int /*count*/, Fts5Tokenizer** out) {
    static int instance = 0;  // stateless: every table shares one
    *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
    return SQLITE_OK;
}

void Delete(Fts5Tokenizer* /*tokenizer*/) {}

fts5_api* Fts5Api(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    return api;
}

}  // namespace

int RegisterBigramTokenizer(sqlite3* db) {
    fts5_api* api = Fts5Api(db);
    if (api == nullptr || api->iVersion < 2) {
        return SQLITE_ERROR;
    }
    static fts5_tokenizer tokenizer{Create, Delete, Tokenize};
    return api->xCreateTokenizer(api, "ac_bigram", nullptr, &tokenizer, nullptr);
}

std::string BigramMatchExpression(std::string_view text) {
    std::string expression;
    ForEachSegment(text, [&](const std::vector<std::size_t>& starts, std::size_t end) {
        const std::size_t from = starts.front();
        std::string term;
        for (const char c : text.substr(from, end - from)) {
            term += c;
            if (c == '"') {
                term += '"';  // FTS5 strings double their quotes
            }
        }
        if (!expression.empty()) {
            expression += " AND ";
        }
        expression += '"' + term + '"';
        if (starts.size() == 1) {
            expression += " *";
        }
        return SQLITE_OK;
    });
    return expression;
}

}  // namespace ac::storage

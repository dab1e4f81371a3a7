#include "kernel/audit.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>

#include "core/digest.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::kernel {

namespace {

// Whether any of the eight bytes of `word` is below 0x20, '"' or '\\'. A word without them is appended as it is; a
// false positive only sends the word through the byte-by-byte check.
bool MayNeedEscape(std::uint64_t word) {
    constexpr std::uint64_t kOnes = 0x0101'0101'0101'0101;
    constexpr std::uint64_t kHighs = 0x8080'8080'8080'8080;
    const auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
    const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighs;
    return (below_space | has_zero(word ^ (kOnes * '"')) | has_zero(word ^ (kOnes * '\\'))) != 0;
}

// A JSON string as Boost.JSON's serializer writes it (the hashes of stored events were made by it): '"' and '\\'
// escaped, \b \t \n \f \r by name, the other control characters as \u00xx (lower-case hex), every other byte as
// it is. Not log::AppendJsonString, which replaces invalid UTF-8 and names fewer escapes: the bytes hashed must not
// change.
void AppendJsonString(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t plain = 0;  // where the bytes not yet appended begin: each run of them is appended at once
    std::size_t i = 0;
    while (i < text.size()) {
        if (i + sizeof(std::uint64_t) <= text.size()) {
            std::uint64_t word = 0;
            std::memcpy(&word, text.data() + i, sizeof word);
            if (!MayNeedEscape(word)) {
                i += sizeof word;
                continue;
            }
        }
        const char c = text[i++];
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        out.append(text.data() + plain, i - 1 - plain);
        plain = i;
        out += '\\';
        switch (c) {
            case '"':
            case '\\':
                out += c;
                break;
            case '\b':
                out += 'b';
                break;
            case '\t':
                out += 't';
                break;
            case '\n':
                out += 'n';
                break;
            case '\f':
                out += 'f';
                break;
            case '\r':
                out += 'r';
                break;
            default:
                out += "u00";
                out += kHex[byte >> 4];
                out += kHex[byte & 15];
        }
    }
    out.append(text.data() + plain, text.size() - plain);
    out += '"';
}

}  // namespace

std::string EventHashTail(const EventRow& event) {
    std::string tail;
    tail.reserve(32 + event.action.size() + event.from_state.size() + event.to_state.size() + event.changes.size() +
                 event.inputs.size() + event.comment.size() + event.request_id.size());
    for (const std::string* text : {&event.action, &event.from_state, &event.to_state, &event.changes, &event.inputs,
                                    &event.comment, &event.request_id}) {
        tail += ',';
        AppendJsonString(tail, *text);
    }
    tail += ']';
    return tail;
}

std::string EventHash(std::string_view prev_hash, DocumentId document_id, std::int64_t seq, Instant at,
                      std::optional<StaffId> actor_id, std::string_view tail) {
    // A JSON array in a fixed order: unambiguous, and the same bytes on every platform. Written directly rather than
    // through a JSON document (the generator hashes millions of events); audit_test.cpp checks it byte for byte
    // against Boost.JSON's serialization of the same array.
    std::string json;
    json.reserve(96 + prev_hash.size() + tail.size());
    json += '[';
    AppendJsonString(json, prev_hash);
    for (const std::int64_t number : {document_id.value(), seq, ToEpochMs(at)}) {
        json += ',';
        json += std::to_string(number);
    }
    json += ',';
    json += actor_id ? std::to_string(actor_id->value()) : std::string("null");
    json += tail;
    return Sha256Hex(json);
}

std::string EventHash(const EventRow& event) {
    return EventHash(event.prev_hash, event.document_id, event.seq, event.at, event.actor_id, EventHashTail(event));
}

Result<VerifyReport> VerifyAuditTrail(storage::Database& db) {
    VerifyReport report;
    DocumentId after(0);
    constexpr int kPage = 500;
    for (;;) {
        AC_ASSIGN_OR_RETURN(const std::vector<Document> documents,
                            storage::RunInTransaction(db, storage::TxMode::kRead, [&](storage::Transaction& tx) {
                                return DocumentRepository::Page(tx, after, kPage);
                            }));
        for (const Document& document : documents) {
            ++report.documents;
            AC_ASSIGN_OR_RETURN(const std::vector<EventRow> events,
                                storage::RunInTransaction(db, storage::TxMode::kRead, [&](storage::Transaction& tx) {
                                    return DocumentRepository::Events(tx, document.id);
                                }));
            std::string previous;
            std::int64_t expected_seq = 1;
            const auto broken = [&](std::int64_t seq, std::string problem) {
                report.broken_document = document.id;
                report.broken_seq = seq;
                report.problem = std::move(problem);
                return report;
            };
            for (const EventRow& event : events) {
                ++report.events;
                if (event.seq != expected_seq) {
                    return broken(expected_seq, "event " + std::to_string(expected_seq) + " is missing");
                }
                if (event.prev_hash != previous) {
                    return broken(event.seq, "its link to the previous event does not match");
                }
                if (EventHash(event) != event.hash) {
                    return broken(event.seq, "its content does not match its hash");
                }
                previous = event.hash;
                ++expected_seq;
            }
            if (document.event_count != static_cast<std::int64_t>(events.size()) ||
                document.last_event_hash != previous) {
                return broken(document.event_count, "the document records " + std::to_string(document.event_count) +
                                                        " events ending in another hash than the chain's " +
                                                        std::to_string(events.size()));
            }
        }
        if (documents.size() < kPage) {
            break;
        }
        after = documents.back().id;
    }
    return report;
}

}  // namespace ac::kernel

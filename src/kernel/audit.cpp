#include "kernel/audit.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "core/digest.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::kernel {

std::string EventHash(const EventRow& event) {
    // A JSON array in a fixed order: unambiguous, and the same bytes on every platform.
    boost::json::array fields;
    fields.emplace_back(event.prev_hash);
    fields.emplace_back(event.document_id.value());
    fields.emplace_back(event.seq);
    fields.emplace_back(ToEpochMs(event.at));
    if (event.actor_id) {
        fields.emplace_back(event.actor_id->value());
    } else {
        fields.emplace_back(nullptr);
    }
    fields.emplace_back(event.action);
    fields.emplace_back(event.from_state);
    fields.emplace_back(event.to_state);
    fields.emplace_back(event.changes);
    fields.emplace_back(event.inputs);
    fields.emplace_back(event.comment);
    fields.emplace_back(event.request_id);
    return Sha256Hex(boost::json::serialize(fields));
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

// The audit trail's integrity: each event's hash covers its content and the hash of the document's previous
// event, and the document row holds the count and the last hash; `aftercare audit verify` walks it all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "kernel/repository.hpp"
#include "storage/database.hpp"

namespace ac::kernel {

// The SHA-256 (hex) of an event's content and its predecessor's hash (`event.prev_hash`); `event.hash` and
// `event.id` are not part of it.
[[nodiscard]] std::string EventHash(const EventRow& event);

// The same hash in two parts, for writers of many events alike (the data generator): the hashed text's tail, which
// holds the action, the states, the changes, the inputs, the comment and the request id, and the hash of one
// event from its own fields and that tail. EventHash(e) == EventHash(e.prev_hash, e.document_id, e.seq, e.at,
// e.actor_id, EventHashTail(e)).
[[nodiscard]] std::string EventHashTail(const EventRow& event);
[[nodiscard]] std::string EventHash(std::string_view prev_hash, DocumentId document_id, std::int64_t seq, Instant at,
                                    std::optional<StaffId> actor_id, std::string_view tail);

struct VerifyReport {
    std::int64_t documents = 0;
    std::int64_t events = 0;
    // The first broken link, if any: where, and what is wrong there.
    std::optional<DocumentId> broken_document;
    std::int64_t broken_seq = 0;
    std::string problem;
};

// Walks every document's chain: sequence numbers without gaps, each prev_hash equal to the previous hash, each
// hash equal to the recomputed one, and the document's event count and last hash equal to the chain's end.
// Stops at the first broken link.
[[nodiscard]] Result<VerifyReport> VerifyAuditTrail(storage::Database& db);

}  // namespace ac::kernel

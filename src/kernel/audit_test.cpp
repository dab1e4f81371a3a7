// An event's hash is the SHA-256 of a JSON array of its fields. Stored events were hashed over Boost.JSON's
// serialization of that array; EventHash writes the JSON itself, so it must give the same bytes for every content,
// or `aftercare audit verify` would call intact chains broken.
#include "kernel/audit.hpp"

#include <limits>
#include <random>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "core/digest.hpp"

namespace ac::kernel {
namespace {

// The hash as it was first defined: Boost.JSON's serialization of the fields in this order.
std::string ReferenceHash(const EventRow& event) {
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

EventRow Typical() {
    EventRow event;
    event.document_id = DocumentId(42);
    event.seq = 3;
    event.at = FromEpochMs(1'764'300'000'123);
    event.actor_id = StaffId(7);
    event.action = "agree_visit";
    event.from_state = "registered";
    event.to_state = "scheduled";
    event.changes = R"({"state":{"before":"registered","after":"scheduled"}})";
    event.inputs = R"({"window_start":"2026-11-28T14:00:00+08:00"})";
    event.comment = "客户要求下午上门，电话 13912345678";
    event.request_id = "req-0001";
    event.prev_hash = std::string(64, 'a');
    return event;
}

TEST(EventHash, EqualsTheHashOverBoostJsonsSerialization) {
    EventRow event = Typical();
    EXPECT_EQ(EventHash(event), ReferenceHash(event));
    EXPECT_EQ(EventHash(event).size(), 64u);

    // No actor (a system event), the first event of a chain, empty texts, extreme numbers.
    event.actor_id.reset();
    event.prev_hash.clear();
    event.comment.clear();
    event.seq = 1;
    event.document_id = DocumentId(std::numeric_limits<std::int64_t>::max());
    event.at = FromEpochMs(-1);
    EXPECT_EQ(EventHash(event), ReferenceHash(event));
}

// The generator hashes millions of events from a tail made once per kind of step; the parts give the same hash.
TEST(EventHash, FromItsPartsEqualsTheWholeEventsHash) {
    EventRow event = Typical();
    const std::string tail = EventHashTail(event);
    EXPECT_EQ(EventHash(event.prev_hash, event.document_id, event.seq, event.at, event.actor_id, tail),
              ReferenceHash(event));
    // Another event of the same kind: only its own fields change, the tail is shared.
    event.document_id = DocumentId(43);
    event.seq = 1;
    event.prev_hash.clear();
    event.actor_id.reset();
    EXPECT_EQ(EventHash(event.prev_hash, event.document_id, event.seq, event.at, event.actor_id, tail),
              ReferenceHash(event));
    event.comment = "a \"quoted\" line\n";
    EXPECT_NE(EventHashTail(event), tail);
    EXPECT_EQ(EventHash(event.prev_hash, event.document_id, event.seq, event.at, event.actor_id, EventHashTail(event)),
              ReferenceHash(event));
}

TEST(EventHash, EscapesEveryByteAsBoostJsonDoes) {
    // Each byte value alone, and all of them in one text, in each text field.
    std::string all;
    for (int byte = 0; byte < 256; ++byte) {
        all += static_cast<char>(byte);
        EventRow event = Typical();
        event.comment = std::string("x") + static_cast<char>(byte) + "y";
        EXPECT_EQ(EventHash(event), ReferenceHash(event)) << "byte " << byte;
    }
    for (std::string EventRow::*field :
         {&EventRow::prev_hash, &EventRow::action, &EventRow::from_state, &EventRow::to_state, &EventRow::changes,
          &EventRow::inputs, &EventRow::comment, &EventRow::request_id}) {
        EventRow event = Typical();
        event.*field = all;
        EXPECT_EQ(EventHash(event), ReferenceHash(event));
    }
}

TEST(EventHash, EscapesEveryByteAtEveryPlaceOfALongText) {
    // Plain runs are checked eight bytes at a time: each byte value at each offset of a word, and at the tail.
    for (int byte = 0; byte < 256; ++byte) {
        for (std::size_t at = 0; at < 19; ++at) {
            EventRow event = Typical();
            event.comment = std::string(19, 'a');
            event.comment[at] = static_cast<char>(byte);
            ASSERT_EQ(EventHash(event), ReferenceHash(event)) << "byte " << byte << " at " << at;
        }
    }
}

TEST(EventHash, MatchesOnRandomTexts) {
    std::mt19937_64 random(20261128);
    const std::string alphabet = std::string("\"\\/\b\f\n\r\t\x01\x1f\x7f abc{}[]:,") + "售后维修";
    for (int i = 0; i < 500; ++i) {
        EventRow event = Typical();
        for (std::string* text : {&event.changes, &event.comment, &event.inputs}) {
            text->clear();
            const auto length = random() % 40;
            for (std::uint64_t c = 0; c < length; ++c) {
                *text += alphabet[random() % alphabet.size()];
            }
        }
        event.seq = static_cast<std::int64_t>(random() % 1000) - 500;
        ASSERT_EQ(EventHash(event), ReferenceHash(event)) << event.comment;
    }
}

TEST(EventHash, ChangesWithEveryField) {
    const EventRow base = Typical();
    const std::string hash = EventHash(base);
    EventRow event = base;
    event.request_id += "x";
    EXPECT_NE(EventHash(event), hash);
    event = base;
    event.actor_id = StaffId(8);
    EXPECT_NE(EventHash(event), hash);
    event = base;
    event.actor_id.reset();
    EXPECT_NE(EventHash(event), hash);
    event = base;
    event.at += std::chrono::milliseconds(1);
    EXPECT_NE(EventHash(event), hash);
    event = base;
    event.hash = "ignored";
    EXPECT_EQ(EventHash(event), hash) << "the hash itself is not part of its input";
}

}  // namespace
}  // namespace ac::kernel

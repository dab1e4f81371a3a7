#include "core/json.hpp"

#include <array>

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <gtest/gtest.h>

namespace ac::json {
namespace {

boost::json::object Obj(std::string_view text) {
    return ParseObject(text).value();
}

std::string FieldKey(const std::vector<FieldError>& errors, std::string_view field) {
    for (const FieldError& error : errors) {
        if (error.field == field) {
            return error.message.key;
        }
    }
    return "";
}

TEST(JsonParse, ReportsWhereTheSyntaxBreaks) {
    const auto result = Parse(R"({"a": 1,, "b": 2})");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().message.key, "json.malformed");
    EXPECT_EQ(result.error().message.params.at(0), (std::pair<std::string, std::string>{"offset", "9"}));
}

TEST(JsonParse, RefusesIncompleteTrailingAndDeepDocuments) {
    EXPECT_FALSE(Parse(R"({"a": )"));
    EXPECT_FALSE(Parse(R"({"a": 1} x)"));
    EXPECT_FALSE(Parse(""));
    EXPECT_FALSE(Parse(std::string(kMaxDepth + 1, '[') + std::string(kMaxDepth + 1, ']')));
    EXPECT_TRUE(Parse(std::string(kMaxDepth, '[') + std::string(kMaxDepth, ']')));
}

TEST(JsonParse, RefusesInvalidUtf8) {
    EXPECT_FALSE(Parse("{\"name\": \"\xff\xfe\"}"));
    EXPECT_TRUE(Parse("{\"name\": \"张三\"}"));
}

TEST(JsonParse, ObjectRequired) {
    const auto result = ParseObject("[1, 2]");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message.key, "json.not_object");
}

TEST(ObjectReader, ReadsValidFields) {
    const auto body = Obj(R"({"name": "  张三  ", "qty": 3, "paid": true, "price": 1999,
                              "due": "2026-11-27T14:30:00+08:00", "kind": "repair",
                              "address": {"city": "上海"}, "lines": [{"sku": "A1"}]})");
    ObjectReader reader(body);
    EXPECT_EQ(reader.String("name"), "张三");
    EXPECT_EQ(reader.Int("qty", {.min = 1, .max = 10}), 3);
    EXPECT_EQ(reader.Bool("paid"), true);
    EXPECT_EQ(reader.Fen("price")->fen(), 1999);
    EXPECT_EQ(reader.Time("due"), FromEpochMs(1'795'761'000'000));
    constexpr std::array<std::string_view, 2> kKinds = {"repair", "delivery"};
    EXPECT_EQ(reader.OneOf("kind", kKinds), "repair");
    auto address = reader.Object("address");
    ASSERT_TRUE(address);
    EXPECT_EQ(address->String("city"), "上海");
    const boost::json::array* lines = reader.Array("lines", {.min_items = 1});
    ASSERT_NE(lines, nullptr);
    auto line = reader.Item("lines", *lines, 0);
    ASSERT_TRUE(line);
    EXPECT_EQ(line->String("sku"), "A1");
    reader.RejectUnknownFields();
    EXPECT_TRUE(reader.Finish());
}

TEST(ObjectReader, CollectsEveryFieldErrorAtOnce) {
    const auto body = Obj(R"({"name": "   ", "qty": "3", "price": -1, "paid": 1, "extra": 1,
                              "lines": [{"sku": 5}, 7], "note": "a\u0001b"})");
    ObjectReader reader(body);
    (void)reader.String("name");
    (void)reader.Int("qty");
    (void)reader.Fen("price", {.min = 0});
    (void)reader.Bool("paid");
    (void)reader.String("phone");
    (void)reader.String("note");
    const boost::json::array* lines = reader.Array("lines");
    ASSERT_NE(lines, nullptr);
    for (std::size_t i = 0; i < lines->size(); ++i) {
        if (auto line = reader.Item("lines", *lines, i)) {
            (void)line->String("sku");
        }
    }
    reader.RejectUnknownFields();
    const Status status = reader.Finish();
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kValidationFailed);
    const auto& errors = status.error().fields;
    EXPECT_EQ(FieldKey(errors, "name"), "field.blank");
    EXPECT_EQ(FieldKey(errors, "qty"), "field.must_be_integer");
    EXPECT_EQ(FieldKey(errors, "price"), "field.out_of_range");
    EXPECT_EQ(FieldKey(errors, "paid"), "field.must_be_boolean");
    EXPECT_EQ(FieldKey(errors, "phone"), "field.required");
    EXPECT_EQ(FieldKey(errors, "note"), "field.control_characters");
    EXPECT_EQ(FieldKey(errors, "lines[0].sku"), "field.must_be_string");
    EXPECT_EQ(FieldKey(errors, "lines[1]"), "field.must_be_object");
    EXPECT_EQ(FieldKey(errors, "extra"), "field.unknown");
    EXPECT_EQ(errors.size(), 9u);
    EXPECT_EQ(status.error().message.params.at(0).second, "9");
}

TEST(ObjectReader, CountsCharactersNotBytes) {
    const auto body = Obj(R"({"a": "张三丰", "b": "张三丰x"})");
    ObjectReader reader(body);
    EXPECT_EQ(reader.String("a", {.max_chars = 3}), "张三丰");
    EXPECT_FALSE(reader.String("b", {.max_chars = 3}));
    ASSERT_EQ(reader.errors().size(), 1u);
    EXPECT_EQ(reader.errors()[0].message, (Message{"field.too_long", {{"max", "3"}}}));
}

TEST(ObjectReader, OptionalFieldsMayBeAbsentOrNull) {
    const auto body = Obj(R"({"note": null})");
    ObjectReader reader(body);
    EXPECT_FALSE(reader.String("note", {.required = false}));
    EXPECT_FALSE(reader.Int("qty", {.required = false}));
    EXPECT_EQ(reader.Array("lines", {.required = false}), nullptr);
    reader.RejectUnknownFields();
    EXPECT_TRUE(reader.Finish());
}

TEST(ObjectReader, MultilineAllowsNewlinesOnlyWhenAsked) {
    const auto body = Obj(R"({"a": "one\ntwo", "b": "one\ntwo"})");
    ObjectReader reader(body);
    EXPECT_EQ(reader.String("a", {.multiline = true}), "one\ntwo");
    EXPECT_FALSE(reader.String("b"));
}

TEST(ObjectReader, RejectsHugeAndFractionalIntegers) {
    const auto body = Obj(R"({"a": 18446744073709551615, "b": 2.5, "c": 1e3})");
    ObjectReader reader(body);
    EXPECT_FALSE(reader.Int("a"));
    EXPECT_FALSE(reader.Int("b"));
    EXPECT_FALSE(reader.Int("c"));
    EXPECT_EQ(FieldKey(reader.errors(), "a"), "field.out_of_range");
    EXPECT_EQ(FieldKey(reader.errors(), "b"), "field.must_be_integer");
}

TEST(ObjectReader, MovedRootKeepsItsErrors) {
    const auto body = Obj(R"({})");
    ObjectReader first(body);
    (void)first.String("name");
    ObjectReader moved(std::move(first));
    (void)moved.String("phone");
    EXPECT_EQ(moved.errors().size(), 2u);
}

TEST(JsonValues, MoneyAndIdsAreIntegers) {
    struct StoreTag;
    boost::json::object out{{"price", boost::json::value_from(Money::FromFen(1234))},
                            {"id", boost::json::value_from(Id<StoreTag>(42))}};
    EXPECT_EQ(boost::json::serialize(out), R"({"price":1234,"id":42})");
}

TEST(Utf8, LengthCountsCodePoints) {
    EXPECT_EQ(Utf8Length(""), 0u);
    EXPECT_EQ(Utf8Length("abc"), 3u);
    EXPECT_EQ(Utf8Length("售后服务"), 4u);
    EXPECT_EQ(Utf8Length("a😀"), 2u);
}

}  // namespace
}  // namespace ac::json

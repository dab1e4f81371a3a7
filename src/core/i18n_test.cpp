#include "core/i18n.hpp"

#include <set>
#include <stdexcept>

#include <gtest/gtest.h>

namespace ac {
namespace {

constexpr MessageDef kSample[] = {
    {"sample.hello", "你好，{name}！共 {count} 件", "Hello, {name}! {count} item(s)"},
    {"sample.plain", "无参数", "No parameters"},
};

TEST(Lang, NegotiatesFromAcceptLanguage) {
    EXPECT_EQ(NegotiateLang(""), Lang::kZhCn);
    EXPECT_EQ(NegotiateLang("en"), Lang::kEn);
    EXPECT_EQ(NegotiateLang("en-US,en;q=0.9"), Lang::kEn);
    EXPECT_EQ(NegotiateLang("zh-CN,zh;q=0.9,en;q=0.8"), Lang::kZhCn);
    EXPECT_EQ(NegotiateLang("en;q=0.5, zh-Hans;q=0.8"), Lang::kZhCn);
    EXPECT_EQ(NegotiateLang("fr-FR, en;q=0.3"), Lang::kEn);
    EXPECT_EQ(NegotiateLang("fr-FR, de"), Lang::kZhCn);
    EXPECT_EQ(NegotiateLang("en;q=0"), Lang::kZhCn);
    EXPECT_EQ(NegotiateLang("EN-gb"), Lang::kEn);
    EXPECT_EQ(NegotiateLang("english"), Lang::kZhCn);
}

TEST(Lang, ParsesLocaleNames) {
    EXPECT_EQ(ParseLangTag("zh_CN.UTF-8"), Lang::kZhCn);
    EXPECT_EQ(ParseLangTag("en_US.UTF-8"), Lang::kEn);
    EXPECT_EQ(ParseLangTag("C.UTF-8"), std::nullopt);
    EXPECT_EQ(LangTag(Lang::kZhCn), "zh-CN");
    EXPECT_EQ(LangTag(Lang::kEn), "en");
}

TEST(Catalog, RendersInEachLanguageWithParameters) {
    Catalog catalog;
    catalog.Add(kSample);
    const Message message{"sample.hello", {{"name", "张三"}, {"count", "3"}}};
    EXPECT_EQ(catalog.Render(Lang::kZhCn, message), "你好，张三！共 3 件");
    EXPECT_EQ(catalog.Render(Lang::kEn, message), "Hello, 张三! 3 item(s)");
    EXPECT_EQ(catalog.Render(Lang::kEn, Message{"sample.plain", {}}), "No parameters");
}

TEST(Catalog, KeepsWhatItCannotFill) {
    Catalog catalog;
    catalog.Add(kSample);
    EXPECT_EQ(catalog.Render(Lang::kEn, Message{"sample.hello", {{"name", "A"}}}), "Hello, A! {count} item(s)");
    EXPECT_EQ(catalog.Render(Lang::kEn, Message{"sample.unknown", {}}), "sample.unknown");
}

TEST(Catalog, RefusesDefectsAtStartUp) {
    static constexpr MessageDef kDuplicate[] = {{"sample.plain", "重复", "Duplicate"}};
    static constexpr MessageDef kMismatch[] = {{"sample.mismatch", "{a}", "{b}"}};
    static constexpr MessageDef kEmpty[] = {{"sample.empty", "", "Empty"}};
    Catalog catalog;
    catalog.Add(kSample);
    EXPECT_THROW(catalog.Add(kDuplicate), std::logic_error);
    EXPECT_THROW(catalog.Add(kMismatch), std::logic_error);
    EXPECT_THROW(catalog.Add(kEmpty), std::logic_error);
}

TEST(Catalog, CoreMessagesCoverEveryErrorCode) {
    Catalog catalog;
    catalog.Add(CoreMessages());
    for (const ErrorCode code : AllErrorCodes()) {
        EXPECT_TRUE(catalog.Has("error." + std::string(ErrorCodeName(code)))) << ErrorCodeName(code);
    }
}

TEST(ErrorCode, NamesAreDistinctSnakeCase) {
    std::set<std::string_view> names;
    for (const ErrorCode code : AllErrorCodes()) {
        const std::string_view name = ErrorCodeName(code);
        EXPECT_TRUE(names.insert(name).second) << name;
        for (const char c : name) {
            EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << name;
        }
    }
    EXPECT_EQ(ErrorCodeName(ErrorCode::kValidationFailed), "validation_failed");
}

}  // namespace
}  // namespace ac

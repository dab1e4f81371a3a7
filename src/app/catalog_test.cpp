#include "app/catalog.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

namespace ac::app {
namespace {

// Every message key written in the sources ("http.route_not_found", "field.required", ...) is in the catalog,
// in both languages: a missing entry would show the raw key to a user. Keys are recognised where messages are
// made: Message{"key", ...}, Error::Make(code, "key", ...) and the storage error table.
TEST(Catalog, HasEveryKeyTheSourcesUse) {
    const Catalog catalog = BuildCatalog();
    const std::regex key_literal(
        R"re((?:Message\{|Error::Make\([^,()]+,|KindInfo\{[^,{}]+,)\s*"([a-z_]+\.[a-z_]+)")re");
    std::set<std::string> missing;
    std::size_t seen = 0;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::filesystem::path(AC_SOURCE_DIR) / "src")) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || entry.path().extension() != ".cpp" || name.ends_with("_test.cpp")) {
            continue;
        }
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        for (auto it = std::sregex_iterator(source.begin(), source.end(), key_literal); it != std::sregex_iterator();
             ++it) {
            ++seen;
            if (!catalog.Has((*it)[1].str())) {
                missing.insert((*it)[1].str() + " (" + name + ")");
            }
        }
    }
    EXPECT_GT(seen, 30u) << "the scan found the sources";
    EXPECT_TRUE(missing.empty()) << ::testing::PrintToString(missing);
}

TEST(Catalog, EveryEntryHasBothLanguages) {
    const Catalog catalog = BuildCatalog();
    for (const std::string_view key : catalog.Keys()) {
        const Message message{std::string(key), {}};
        EXPECT_NE(catalog.Render(Lang::kZhCn, message), catalog.Render(Lang::kEn, message)) << key;
    }
}

}  // namespace
}  // namespace ac::app

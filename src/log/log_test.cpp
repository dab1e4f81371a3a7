#include "log/log.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "support/test_database.hpp"

namespace ac::log {
namespace {

std::vector<boost::json::object> ReadLines(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::vector<boost::json::object> lines;
    std::string line;
    while (std::getline(in, line)) {
        lines.push_back(boost::json::parse(line).as_object());  // throws if a line is not one JSON object
    }
    return lines;
}

class LogTest : public ::testing::Test {
  protected:
    void SetUp() override { Init(Options{Level::kDebug, (dir_.path() / "test.log").string()}); }
    void TearDown() override { Init(Options{}); }
    std::vector<boost::json::object> Lines() {
        Flush();
        return ReadLines(dir_.path() / "test.log");
    }
    ac::testing::TempDir dir_;
};

TEST_F(LogTest, WritesOneJsonObjectPerLine) {
    Info("test.event", {{"text", "张三 \"quoted\"\n"},
                        {"count", 3},
                        {"ratio", 0.5},
                        {"ok", true},
                        {"big", static_cast<unsigned long long>(18446744073709551615ull)}});
    const auto lines = Lines();
    ASSERT_EQ(lines.size(), 1u);
    const auto& line = lines[0];
    EXPECT_EQ(line.at("level"), "info");
    EXPECT_EQ(line.at("event"), "test.event");
    EXPECT_EQ(line.at("text"), "张三 \"quoted\"\n");
    EXPECT_EQ(line.at("count"), 3);
    EXPECT_EQ(line.at("ratio"), 0.5);
    EXPECT_EQ(line.at("ok"), true);
    EXPECT_EQ(line.at("big").as_uint64(), 18446744073709551615ull);
    EXPECT_EQ(line.at("ts").as_string().size(), std::string("2026-11-27T06:30:00.123Z").size());
    EXPECT_FALSE(line.contains("request_id"));
}

TEST_F(LogTest, StampsTheRequestIdOfTheScope) {
    {
        RequestScope outer("req-outer");
        Info("a");
        {
            RequestScope inner("req-inner");
            Info("b");
        }
        Info("c");
    }
    Info("d");
    const auto lines = Lines();
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0].at("request_id"), "req-outer");
    EXPECT_EQ(lines[1].at("request_id"), "req-inner");
    EXPECT_EQ(lines[2].at("request_id"), "req-outer");
    EXPECT_FALSE(lines[3].contains("request_id"));
}

TEST_F(LogTest, InvalidUtf8AndControlCharactersStayValidJson) {
    Warn("test.garbage", {{"path", std::string("/a\xff\xfe/\x01/\xe5\xbc")}});
    const auto lines = Lines();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].at("path"), "/a\xef\xbf\xbd\xef\xbf\xbd/\x01/\xef\xbf\xbd\xef\xbf\xbd");
}

TEST_F(LogTest, LevelFiltersLines) {
    SetLevel(Level::kWarn);
    EXPECT_FALSE(Enabled(Level::kInfo));
    Info("hidden");
    Error("shown");
    const auto lines = Lines();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].at("level"), "error");
}

TEST(LogLevel, ParsesNames) {
    EXPECT_EQ(ParseLevel("debug"), Level::kDebug);
    EXPECT_EQ(ParseLevel("warning"), Level::kWarn);
    EXPECT_EQ(ParseLevel("loud"), std::nullopt);
    EXPECT_EQ(LevelName(Level::kError), "error");
}

}  // namespace
}  // namespace ac::log

// The web app's files as the binary serves them: history-mode routing, caching of hashed assets, ETags, gzip.
#include <fstream>

#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace ac::testing {
namespace {

void Write(const std::filesystem::path& path, const std::string& data) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << data;
}

TEST(WebAppApi, TheFolderIsServedWithHistoryRoutingAndCaching) {
    TempDir site;
    const std::string index = "<!doctype html><title>售后</title><script type=module src=/assets/app-1a2b.js></script>";
    Write(site.path() / "index.html", index);
    Write(site.path() / "assets/app-1a2b.js", "console.log('app')");
    Write(site.path() / "assets/app-1a2b.js.gz", "GZIPPED");
    Write(site.path() / "favicon.svg", "<svg/>");
    TestDatabase db;
    ServerProcess server(ServerConfig{.db_url = db.url(), .extra_args = {"--web-dir", site.path().string()}});
    HttpClient client(server.port());

    const HttpResponse root = client.Get("/");
    EXPECT_EQ(root.status, 200);
    EXPECT_EQ(root.body, index);
    EXPECT_EQ(root.Header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(root.Header("Cache-Control"), "no-cache") << "the page is checked each time";
    // Any page of the app (a deep link, a reload) gets index.html; the browser routes it.
    const HttpResponse deep = client.Get("/customers/42?tab=history");
    EXPECT_EQ(deep.status, 200);
    EXPECT_EQ(deep.body, index);

    const HttpResponse asset = client.Get("/assets/app-1a2b.js");
    EXPECT_EQ(asset.status, 200);
    EXPECT_EQ(asset.body, "console.log('app')");
    EXPECT_EQ(asset.Header("Content-Type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(asset.Header("Cache-Control"), "public, max-age=31536000, immutable");
    const HttpResponse gzipped = client.Get("/assets/app-1a2b.js", {{"Accept-Encoding", "gzip, deflate, br"}});
    EXPECT_EQ(gzipped.body, "GZIPPED");
    EXPECT_EQ(gzipped.Header("Content-Encoding"), "gzip");
    EXPECT_EQ(gzipped.Header("Vary"), "Accept-Encoding");

    const std::string etag = root.Header("ETag");
    ASSERT_FALSE(etag.empty());
    const HttpResponse unchanged = client.Get("/", {{"If-None-Match", etag}});
    EXPECT_EQ(unchanged.status, 304);
    EXPECT_TRUE(unchanged.body.empty());

    EXPECT_EQ(client.Get("/favicon.svg").Header("Content-Type"), "image/svg+xml");
    const HttpResponse missing_asset = client.Get("/assets/gone-9z9z.js");
    EXPECT_EQ(missing_asset.status, 404) << "a missing asset is not the page";
    const HttpResponse api = client.Get("/api/v1/nothing-here");
    EXPECT_EQ(api.status, 404);
    EXPECT_EQ(api.Header("Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(client.Get("/..%2f..%2fetc/passwd").status, 404) << "no path leaves the folder";
    EXPECT_EQ(client.Post("/customers", "{}", {{"Content-Type", "application/json"}}).status, 404);
}

TEST(WebAppApi, TheBinaryServesItsEmbeddedCopy) {
    TestDatabase db;
    ServerProcess server(ServerConfig{.db_url = db.url()});
    HttpClient client(server.port());
    const HttpResponse root = client.Get("/");
    ASSERT_EQ(root.status, 200) << "build the web app (scripts/build-web) before the binary";
    EXPECT_NE(root.body.find("<div id=\"app\">"), std::string::npos);
    EXPECT_EQ(client.Get("/customers").body, root.body);
}

}  // namespace
}  // namespace ac::testing

#include "http/static_site.hpp"

#include <fstream>
#include <sstream>

#include "core/digest.hpp"

namespace ac::http {
namespace {

constexpr std::string_view kAssetsPrefix = "assets/";

std::string EtagOf(std::string_view data) {
    const std::string hex = Sha256Hex(data);
    std::string etag(1, '"');
    etag.append(hex, 0, 32);
    etag.push_back('"');
    return etag;
}

bool AcceptsGzip(const Request& request) {
    const std::string_view accepted = request.Header("Accept-Encoding").value_or("");
    return accepted.find("gzip") != std::string_view::npos;
}

std::optional<std::string> ReadWhole(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The file name a request path points at: "" for "/", without the leading '/', nullopt when it climbs out.
std::optional<std::string> NameOf(std::string_view path) {
    std::string name = PercentDecode(path, false);
    while (!name.empty() && name.front() == '/') {
        name.erase(0, 1);
    }
    if (name.find("..") != std::string::npos || name.find('\\') != std::string::npos ||
        name.find('\0') != std::string::npos) {
        return std::nullopt;
    }
    return name;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view name) {
    const auto dot = name.rfind('.');
    const std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
    if (ext == "html")
        return "text/html; charset=utf-8";
    if (ext == "js" || ext == "mjs")
        return "text/javascript; charset=utf-8";
    if (ext == "css")
        return "text/css; charset=utf-8";
    if (ext == "json" || ext == "map")
        return "application/json";
    if (ext == "webmanifest")
        return "application/manifest+json";
    if (ext == "svg")
        return "image/svg+xml";
    if (ext == "png")
        return "image/png";
    if (ext == "jpg" || ext == "jpeg")
        return "image/jpeg";
    if (ext == "ico")
        return "image/x-icon";
    if (ext == "woff2")
        return "font/woff2";
    if (ext == "woff")
        return "font/woff";
    if (ext == "ttf")
        return "font/ttf";
    if (ext == "txt")
        return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

StaticSite StaticSite::FromEmbedded(std::span<const EmbeddedFile> files) {
    StaticSite site;
    for (const EmbeddedFile& file : files) {
        if (file.name.ends_with(".gz")) {
            continue;
        }
        File entry{std::string(file.data), "", EtagOf(file.data)};
        for (const EmbeddedFile& other : files) {
            if (other.name.size() == file.name.size() + 3 && other.name.starts_with(file.name) &&
                other.name.ends_with(".gz")) {
                entry.gzip = std::string(other.data);
            }
        }
        site.files_.emplace(std::string(file.name), std::move(entry));
    }
    return site;
}

StaticSite StaticSite::FromFolder(std::filesystem::path root) {
    StaticSite site;
    site.folder_ = std::move(root);
    return site;
}

bool StaticSite::has_index() const {
    std::optional<File> loaded;
    return Find("index.html", loaded) != nullptr;
}

const StaticSite::File* StaticSite::Find(const std::string& name, std::optional<File>& loaded) const {
    if (!folder_) {
        const auto it = files_.find(name);
        return it == files_.end() ? nullptr : &it->second;
    }
    const std::filesystem::path path = *folder_ / name;
    std::error_code ec;
    if (name.empty() || !std::filesystem::is_regular_file(path, ec)) {
        return nullptr;
    }
    auto data = ReadWhole(path);
    if (!data) {
        return nullptr;
    }
    loaded = File{std::move(*data), "", ""};
    loaded->etag = EtagOf(loaded->data);
    if (auto gzip = ReadWhole(path.string() + ".gz")) {
        loaded->gzip = std::move(*gzip);
    }
    return &*loaded;
}

std::optional<Response> StaticSite::Serve(const Request& request) const {
    if (request.method != Method::kGet && request.method != Method::kHead) {
        return std::nullopt;
    }
    const std::optional<std::string> name = NameOf(request.path);
    if (!name || name->starts_with("api/") || *name == "api") {
        return std::nullopt;
    }
    std::string served = *name;
    std::optional<File> loaded;
    const File* file = served.empty() ? nullptr : Find(served, loaded);
    if (file == nullptr) {
        // A missing asset is a 404; any other path is a page of the app, which routes it in the browser.
        if (served.starts_with(kAssetsPrefix)) {
            return std::nullopt;
        }
        served = "index.html";
        file = Find(served, loaded);
        if (file == nullptr) {
            return std::nullopt;
        }
    }
    Response response;
    response.status = 200;
    response.content_type = std::string(ContentTypeFor(served));
    // Hashed assets never change under their name; everything else is checked with the server each time.
    response.SetHeader("Cache-Control",
                       served.starts_with(kAssetsPrefix) ? "public, max-age=31536000, immutable" : "no-cache");
    response.SetHeader("ETag", file->etag);
    response.SetHeader("Vary", "Accept-Encoding");
    if (request.Header("If-None-Match").value_or("") == file->etag) {
        response.status = 304;
        return response;
    }
    if (!file->gzip.empty() && AcceptsGzip(request)) {
        response.SetHeader("Content-Encoding", "gzip");
        response.body = file->gzip;
    } else {
        response.body = file->data;
    }
    return response;
}

}  // namespace ac::http

// The web application's files: served at "/" with history-mode routing (any path that is not a file nor under
// /api/ gets index.html), long-lived caching for hashed assets, ETags and precompressed gzip variants.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/embedded.hpp"
#include "http/request.hpp"

namespace ac::http {

class StaticSite {
  public:
    // The files compiled into the binary; `files[i].name` is the path under the site root ("assets/app-1a2b.js").
    static StaticSite FromEmbedded(std::span<const EmbeddedFile> files);
    // The files of `root`, read at each request (for development: rebuild the web app and reload the page).
    static StaticSite FromFolder(std::filesystem::path root);

    // Whether there is an index.html to serve.
    [[nodiscard]] bool has_index() const;

    // The answer for a GET or HEAD of `request.path` that no API route matched; nullopt when the path is not the
    // site's (under /api/, or a missing asset), so that the caller answers 404.
    [[nodiscard]] std::optional<Response> Serve(const Request& request) const;

  private:
    struct File {
        std::string data;
        std::string gzip;  // the precompressed variant ("<name>.gz"), or empty
        std::string etag;
    };

    // The file `name`: a pointer into the embedded table, or into `loaded` after reading it from the folder.
    [[nodiscard]] const File* Find(const std::string& name, std::optional<File>& loaded) const;

    std::map<std::string, File, std::less<>> files_;
    std::optional<std::filesystem::path> folder_;
};

// The Content-Type for a file name by its extension ("application/octet-stream" when unknown).
[[nodiscard]] std::string_view ContentTypeFor(std::string_view name);

}  // namespace ac::http

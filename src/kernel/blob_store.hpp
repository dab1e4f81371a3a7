// Stored files (signatures, photos), addressed by the SHA-256 of their content.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace ac::kernel {

struct StoredFile {
    std::string media_type;
    std::string bytes;
};

class BlobStore {
  public:
    virtual ~BlobStore() = default;
    // Stores `bytes` and returns their SHA-256 (hex). Storing the same content again changes nothing. The database
    // store writes in `tx`; the file store writes before (a rollback leaves at worst an unreferenced file).
    [[nodiscard]] virtual Result<std::string> Put(storage::Transaction& tx, std::string_view media_type,
                                                  const std::string& bytes, Instant now) = 0;
    [[nodiscard]] virtual Result<std::optional<StoredFile>> Get(storage::Transaction& tx, std::string_view hash) = 0;
};

// Files under `folder`, one per content (folder/ab/abcdef…): the default for one server.
[[nodiscard]] std::unique_ptr<BlobStore> MakeFileBlobStore(std::filesystem::path folder);
// The blobs table: for several servers sharing PostgreSQL.
[[nodiscard]] std::unique_ptr<BlobStore> MakeDatabaseBlobStore();

// The media type of image bytes, by their signature: image/png, image/jpeg or image/webp; nullopt otherwise.
[[nodiscard]] std::optional<std::string> SniffImageType(std::string_view bytes);

}  // namespace ac::kernel

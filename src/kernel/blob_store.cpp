#include "kernel/blob_store.hpp"

#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

#include "core/digest.hpp"
#include "kernel/repository.hpp"

namespace ac::kernel {
namespace {

bool IsHash(std::string_view text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

class FileBlobStore final : public BlobStore {
  public:
    explicit FileBlobStore(std::filesystem::path folder) : folder_(std::move(folder)) {}

    Result<std::string> Put(storage::Transaction&, std::string_view, const std::string& bytes, Instant) override {
        const std::string hash = Sha256Hex(bytes);
        const std::filesystem::path path = PathOf(hash);
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) {
            return hash;
        }
        std::filesystem::create_directories(path.parent_path(), ec);
        // Write beside, then rename: a reader never sees half a file.
        const std::filesystem::path temporary = path.string() + ".tmp" + std::to_string(std::random_device{}());
        {
            std::ofstream out(temporary, std::ios::binary);
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            out.flush();
            if (!out) {
                return Fail(Error::Internal("cannot write " + temporary.string()));
            }
        }
        std::filesystem::rename(temporary, path, ec);
        if (ec) {
            return Fail(Error::Internal("cannot store " + path.string() + ": " + ec.message()));
        }
        return hash;
    }

    Result<std::optional<StoredFile>> Get(storage::Transaction&, std::string_view hash) override {
        if (!IsHash(hash)) {
            return std::optional<StoredFile>();
        }
        std::ifstream in(PathOf(std::string(hash)), std::ios::binary);
        if (!in) {
            return std::optional<StoredFile>();
        }
        std::ostringstream bytes;
        bytes << in.rdbuf();
        StoredFile file;
        file.bytes = bytes.str();
        file.media_type = SniffImageType(file.bytes).value_or("application/octet-stream");
        return std::optional<StoredFile>(std::move(file));
    }

  private:
    std::filesystem::path PathOf(const std::string& hash) const { return folder_ / hash.substr(0, 2) / hash; }

    std::filesystem::path folder_;
};

class DatabaseBlobStore final : public BlobStore {
  public:
    Result<std::string> Put(storage::Transaction& tx, std::string_view media_type, const std::string& bytes,
                            Instant now) override {
        std::string hash = Sha256Hex(bytes);
        AC_RETURN_IF_ERROR(BlobRepository::Put(tx, hash, media_type, bytes, now));
        return hash;
    }

    Result<std::optional<StoredFile>> Get(storage::Transaction& tx, std::string_view hash) override {
        AC_ASSIGN_OR_RETURN(auto blob, BlobRepository::Get(tx, hash));
        if (!blob) {
            return std::optional<StoredFile>();
        }
        return std::optional<StoredFile>(StoredFile{std::move(blob->media_type), std::move(blob->bytes)});
    }
};

}  // namespace

std::unique_ptr<BlobStore> MakeFileBlobStore(std::filesystem::path folder) {
    return std::make_unique<FileBlobStore>(std::move(folder));
}

std::unique_ptr<BlobStore> MakeDatabaseBlobStore() {
    return std::make_unique<DatabaseBlobStore>();
}

std::optional<std::string> SniffImageType(std::string_view bytes) {
    if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
        return "image/png";
    }
    if (bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xff\xd8\xff", 3)) {
        return "image/jpeg";
    }
    if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP") {
        return "image/webp";
    }
    return std::nullopt;
}

}  // namespace ac::kernel

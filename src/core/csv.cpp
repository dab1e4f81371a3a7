#include "core/csv.hpp"

#include <memory>

#include <csv.h>
#include <iconv.h>

namespace ac {
namespace {

struct Collector {
    std::vector<CsvRow> rows;
    CsvRow current;
};

void OnField(void* data, std::size_t size, void* user) {
    auto* collector = static_cast<Collector*>(user);
    collector->current.emplace_back(static_cast<const char*>(data), size);
}

void OnRecord(int, void* user) {
    auto* collector = static_cast<Collector*>(user);
    collector->rows.push_back(std::move(collector->current));
    collector->current.clear();
}

Error Malformed(std::size_t row) {
    return Error::Make(ErrorCode::kInvalidArgument, "csv.malformed", {{"row", std::to_string(row)}});
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t code = 0;
        if (byte < 0x80) {
            ++i;
            continue;
        }
        if ((byte & 0xE0) == 0xC0) {
            extra = 1;
            code = byte & 0x1F;
        } else if ((byte & 0xF0) == 0xE0) {
            extra = 2;
            code = byte & 0x0F;
        } else if ((byte & 0xF8) == 0xF0) {
            extra = 3;
            code = byte & 0x07;
        } else {
            return false;
        }
        if (i + extra >= text.size()) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) {
                return false;
            }
            code = (code << 6) | (next & 0x3F);
        }
        const bool overlong =
            (extra == 1 && code < 0x80) || (extra == 2 && code < 0x800) || (extra == 3 && code < 0x10000);
        if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

Result<std::string> CsvTextToUtf8(std::string_view bytes) {
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (bytes.starts_with(kBom)) {
        bytes.remove_prefix(kBom.size());
    }
    if (IsValidUtf8(bytes)) {
        return std::string(bytes);
    }
    const iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        return Fail(Error::Make(ErrorCode::kInvalidArgument, "csv.encoding"));
    }
    const std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
    std::string out(bytes.size() * 2 + 16, '\0');
    char* in_ptr = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char* out_ptr = out.data();
    std::size_t out_left = out.size();
    if (iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<std::size_t>(-1) || in_left != 0) {
        return Fail(Error::Make(ErrorCode::kInvalidArgument, "csv.encoding"));
    }
    out.resize(out.size() - out_left);
    return out;
}

Result<std::vector<CsvRow>> ParseCsv(std::string_view text) {
    csv_parser parser{};
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        return Fail(Error::Internal("csv_init failed"));
    }
    const std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, csv_free);
    Collector collector;
    if (csv_parse(&parser, text.data(), text.size(), OnField, OnRecord, &collector) != text.size()) {
        return Fail(Malformed(collector.rows.size() + 1));
    }
    if (csv_fini(&parser, OnField, OnRecord, &collector) != 0) {
        return Fail(Malformed(collector.rows.size() + 1));
    }
    return std::move(collector.rows);
}

}  // namespace ac

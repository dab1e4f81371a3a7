#include "kernel/inputs.hpp"

#include <array>

#include "core/digest.hpp"
#include "kernel/blob_store.hpp"

namespace ac::kernel {
namespace {

constexpr std::array<std::string_view, 4> kChannels = {"phone", "sms", "wechat", "visit"};
constexpr std::size_t kMaxSummaryChars = 500;
constexpr std::size_t kMaxReasonChars = 500;
constexpr std::size_t kMaxSignerChars = 50;
constexpr std::size_t kMaxCommentChars = 1000;

// "data:image/png;base64,AAAA" or bare Base64: the decoded bytes, if the text is either.
std::optional<std::string> DecodeImageText(std::string_view text) {
    if (text.starts_with("data:")) {
        const std::size_t comma = text.find(',');
        if (comma == std::string_view::npos || !text.substr(0, comma).ends_with(";base64")) {
            return std::nullopt;
        }
        text.remove_prefix(comma + 1);
    }
    return Base64Decode(text);
}

// Photos: a list of data URLs (or Base64), each a PNG or JPEG of at most kMaxPhotoBytes.
void ReadPhotos(json::ObjectReader& inputs, const InputSpec& spec, ActionInputs& out) {
    const boost::json::array* array =
        inputs.Array(spec.name, json::ArrayRule{.required = false, .max_items = spec.max_items});
    if (array == nullptr) {
        return;
    }
    std::vector<SignatureImage> photos;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string field = spec.name + "[" + std::to_string(i) + "]";
        const boost::json::value& item = (*array)[i];
        const std::size_t max_text = (kMaxPhotoBytes + 2) / 3 * 4 + 64;
        if (!item.is_string()) {
            inputs.AddError(field, Message{"field.must_be_string", {}});
            continue;
        }
        if (item.get_string().size() > max_text) {
            inputs.AddError(field,
                            Message{"kernel.photo_too_large", {{"max_kib", std::to_string(kMaxPhotoBytes / 1024)}}});
            continue;
        }
        std::optional<std::string> bytes = DecodeImageText(std::string_view(item.get_string()));
        const std::optional<std::string> type = bytes ? SniffImageType(*bytes) : std::nullopt;
        if (!type || (*type != "image/png" && *type != "image/jpeg")) {
            inputs.AddError(field, Message{"kernel.photo_not_image", {}});
            continue;
        }
        if (bytes->size() > kMaxPhotoBytes) {
            inputs.AddError(field,
                            Message{"kernel.photo_too_large", {{"max_kib", std::to_string(kMaxPhotoBytes / 1024)}}});
            continue;
        }
        photos.push_back(SignatureImage{*type, std::move(*bytes), ""});
    }
    out.photos[spec.name] = std::move(photos);
}

void ReadSignature(json::ObjectReader& inputs, const InputSpec& spec, ActionInputs& out) {
    std::optional<json::ObjectReader> reader = inputs.Object(spec.name, false);
    if (!reader) {
        return;
    }
    // Base64 of the largest image, plus a data URL's prefix.
    const std::size_t max_text = (kMaxSignatureBytes + 2) / 3 * 4 + 64;
    const std::optional<std::string> image = reader->String("image", json::StringRule{.max_chars = max_text});
    const std::optional<std::string> signer =
        reader->String("signer", json::StringRule{.min_chars = 1, .max_chars = kMaxSignerChars});
    reader->RejectUnknownFields();
    if (!image || !signer) {
        return;
    }
    const std::optional<std::string> bytes = DecodeImageText(*image);
    const std::optional<std::string> type = bytes ? SniffImageType(*bytes) : std::nullopt;
    if (!type || (*type != "image/png" && *type != "image/jpeg")) {
        reader->AddError("image", Message{"kernel.signature_not_image", {}});
        return;
    }
    if (bytes->size() > kMaxSignatureBytes) {
        reader->AddError(
            "image", Message{"kernel.signature_too_large", {{"max_kib", std::to_string(kMaxSignatureBytes / 1024)}}});
        return;
    }
    out.signature = SignatureImage{*type, std::move(*bytes), *signer};
}

void ReadChecklist(json::ObjectReader& inputs, const InputSpec& spec, ActionInputs& out) {
    std::optional<json::ObjectReader> reader = inputs.Object(spec.name, false);
    if (!reader) {
        return;
    }
    if (!spec.checklist_template.empty()) {
        // The items depend on the store's template: every member is read here, the kernel checks the keys.
        for (const auto& member : reader->object()) {
            const std::string key(member.key());
            if (const std::optional<bool> checked = reader->Bool(key, false)) {
                out.checklist[key] = *checked;
            }
        }
        return;
    }
    for (const std::string& item : spec.checklist) {
        if (const std::optional<bool> checked = reader->Bool(item, false)) {
            out.checklist[item] = *checked;
        }
    }
    reader->RejectUnknownFields();
}

}  // namespace

std::span<const std::string_view> NoticeChannels() {
    return kChannels;
}

Result<ActionRequestBody> ReadActionRequest(const boost::json::object& body, const ActionDef& action) {
    json::ObjectReader reader(body);
    ActionRequestBody request;
    request.version = reader.Int("version", json::IntRule{.min = 1}).value_or(0);
    request.inputs.comment =
        reader.String("comment", json::StringRule{.required = false, .max_chars = kMaxCommentChars, .multiline = true})
            .value_or("");
    ActionInputs& out = request.inputs;
    if (std::optional<json::ObjectReader> inputs = reader.Object("inputs", false)) {
        for (const InputSpec& spec : action.inputs) {
            switch (spec.kind) {
                case InputKind::kText:
                    if (auto text = inputs->String(
                            spec.name,
                            json::StringRule{.required = false, .max_chars = spec.max_chars, .multiline = true})) {
                        out.text[spec.name] = std::move(*text);
                    }
                    break;
                case InputKind::kTime:
                    if (const auto time = inputs->Time(spec.name, false)) {
                        out.times[spec.name] = *time;
                    }
                    break;
                case InputKind::kCustomerNotice:
                    if (std::optional<json::ObjectReader> notice = inputs->Object(spec.name, false)) {
                        auto channel = notice->OneOf("channel", kChannels);
                        const auto at = notice->Time("contacted_at");
                        auto summary = notice->String(
                            "summary",
                            json::StringRule{.min_chars = 1, .max_chars = kMaxSummaryChars, .multiline = true});
                        notice->RejectUnknownFields();
                        if (channel && at && summary) {
                            out.notice = CustomerNotice{std::move(*channel), *at, std::move(*summary)};
                        }
                    }
                    break;
                case InputKind::kApproval:
                    if (std::optional<json::ObjectReader> approval = inputs->Object(spec.name, false)) {
                        auto reason = approval->String(
                            "reason",
                            json::StringRule{.min_chars = 1, .max_chars = kMaxReasonChars, .multiline = true});
                        approval->RejectUnknownFields();
                        if (reason) {
                            out.approval = Approval{std::move(*reason), StaffId()};
                        }
                    }
                    break;
                case InputKind::kSignature:
                    ReadSignature(*inputs, spec, out);
                    break;
                case InputKind::kChecklist:
                    ReadChecklist(*inputs, spec, out);
                    break;
                case InputKind::kAssignee:
                    if (const auto id = inputs->Int(spec.name, json::IntRule{.required = false, .min = 1})) {
                        out.assignee = StaffId(*id);
                    }
                    break;
                case InputKind::kNumber:
                    if (const auto number = inputs->Int(spec.name, json::IntRule{.required = false})) {
                        out.numbers[spec.name] = *number;
                    }
                    break;
                case InputKind::kPhotos:
                    ReadPhotos(*inputs, spec, out);
                    break;
                case InputKind::kChoice:
                    if (auto choice = inputs->String(spec.name, json::StringRule{.required = false, .max_chars = 64})) {
                        out.choices[spec.name] = std::move(*choice);
                    }
                    break;
            }
        }
        inputs->RejectUnknownFields();
    }
    reader.RejectUnknownFields();
    AC_RETURN_IF_ERROR(reader.Finish());
    return request;
}

}  // namespace ac::kernel

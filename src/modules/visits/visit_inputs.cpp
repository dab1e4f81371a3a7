#include "modules/visits/visit_inputs.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/json.hpp"

namespace ac::visits {

using kernel::ActionContext;
using kernel::InputKind;
using kernel::InputSpec;

InputSpec TextInput(std::string name, bool required, std::size_t max_chars) {
    return InputSpec{.name = std::move(name), .kind = InputKind::kText, .required = required, .max_chars = max_chars};
}

InputSpec TimeInput(std::string name) {
    return InputSpec{.name = std::move(name), .kind = InputKind::kTime};
}

InputSpec PhotosInput(std::string name, bool required) {
    return InputSpec{.name = std::move(name), .kind = InputKind::kPhotos, .required = required};
}

std::vector<InputSpec> ServiceRecord(bool signature_required, bool refusal) {
    std::vector<InputSpec> inputs{
        InputSpec{.name = "rating", .kind = InputKind::kNumber, .min = 1, .max = 5}, TextInput("remarks", false, 500),
        InputSpec{.name = "signature", .kind = InputKind::kSignature, .required = signature_required}};
    if (refusal) {
        inputs.push_back(TextInput("refusal_reason", false, 200));
    }
    return inputs;
}

std::vector<InputSpec> Join(std::vector<InputSpec> a, const std::vector<InputSpec>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

std::string Text(const ActionContext& context, const std::string& name) {
    const auto it = context.inputs.text.find(name);
    return it == context.inputs.text.end() ? std::string() : it->second;
}

std::string PhotosJson(const ActionContext& context) {
    boost::json::object photos;
    for (const auto& [name, hashes] : context.inputs.photo_hashes) {
        boost::json::array files;
        for (const std::string& hash : hashes) {
            files.emplace_back(hash);
        }
        photos[name] = std::move(files);
    }
    return json::Serialize(photos);
}

std::string Quoted(std::string_view text) {
    return json::Serialize(boost::json::value(boost::json::string_view(text.data(), text.size())));
}

std::string TimeJson(const std::optional<Instant>& at) {
    return at ? Quoted(FormatRfc3339(*at)) : "null";
}

Status WindowValid(const ActionContext& context) {
    const Instant start = context.inputs.times.at("window_start");
    const Instant end = context.inputs.times.at("window_end");
    std::vector<FieldError> errors;
    if (start <= context.now) {
        errors.push_back({"inputs.window_start", Message{"visit.window_past", {}}});
    }
    if (end <= start) {
        errors.push_back({"inputs.window_end", Message{"visit.window_order", {}}});
    } else if (end - start > kMaxWindow) {
        errors.push_back({"inputs.window_end", Message{"visit.window_too_long", {{"hours", "8"}}}});
    }
    return errors.empty() ? Ok() : Fail(Error::Validation(std::move(errors)));
}

Status SignedOrRefused(const ActionContext& context) {
    if (context.inputs.signature || !Text(context, "refusal_reason").empty()) {
        return Ok();
    }
    return Fail(Error::Validation({FieldError{"inputs.signature", Message{"visit.signature_or_refusal", {}}}}));
}

Status NoticeBefore(const ActionContext& context, const std::optional<Instant>& deadline) {
    if (context.inputs.notice && deadline && context.inputs.notice->contacted_at > *deadline) {
        return Fail(Error::Validation(
            {FieldError{"inputs.customer_notice.contacted_at", Message{"visit.notice_too_late", {}}}}));
    }
    if (context.inputs.notice && context.inputs.notice->contacted_at > context.now) {
        return Fail(Error::Validation(
            {FieldError{"inputs.customer_notice.contacted_at", Message{"visit.notice_in_future", {}}}}));
    }
    return Ok();
}

namespace {

constexpr MessageDef kMessages[] = {
    {"visit.window_past", "时间应晚于现在", "must be later than now"},
    {"visit.notice_too_late", "应在原约定时间之前告知客户", "the customer must be told before the agreed time"},
    {"visit.notice_in_future", "告知时间不能晚于现在", "cannot be later than now"},
    {"visit.window_order", "应晚于开始时间", "must be after the start"},
    {"visit.window_too_long", "时间段不能超过 {hours} 小时", "the window may be at most {hours} hours"},
    {"visit.signature_or_refusal", "请客户签名，或填写客户未签名的原因",
     "the customer signs, or the reason they did not is given"},
};

}  // namespace

std::span<const MessageDef> Messages() {
    return kMessages;
}

}  // namespace ac::visits

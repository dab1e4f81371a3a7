#include "kernel/inputs.hpp"

#include <gtest/gtest.h>

#include "core/digest.hpp"
#include "kernel/test_ticket.hpp"

namespace ac::kernel {
namespace {

const std::string kPng("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);

class InputsTest : public ::testing::Test {
  protected:
    const ActionDef& Action(std::string_view name) { return *type_.FindAction(name); }

    Result<ActionRequestBody> Read(std::string_view action, std::string_view body) {
        return ReadActionRequest(json::ParseObject(body).value(), Action(action));
    }

    std::vector<std::string> Errors(std::string_view action, std::string_view body) {
        std::vector<std::string> out;
        const auto read = Read(action, body);
        if (!read) {
            for (const FieldError& error : read.error().fields) {
                out.push_back(error.field + ":" + error.message.key);
            }
        }
        return out;
    }

    DocumentType type_ = test_ticket::Type();
};

TEST_F(InputsTest, ReadsEveryKindOfInput) {
    const auto contact = Read("contact", R"({"version": 3, "comment": "已电话联系",
        "inputs": {"customer_notice": {"channel": "phone", "contacted_at": "2026-11-27T10:05:00+08:00",
                                        "summary": "约明天下午"}}})")
                             .value();
    EXPECT_EQ(contact.version, 3);
    EXPECT_EQ(contact.inputs.comment, "已电话联系");
    ASSERT_TRUE(contact.inputs.notice);
    EXPECT_EQ(contact.inputs.notice->channel, "phone");
    EXPECT_EQ(contact.inputs.notice->contacted_at, ParseRfc3339("2026-11-27T02:05:00Z").value());

    const auto assign = Read("assign", R"({"version": 1, "inputs": {"assignee": 17}})").value();
    EXPECT_EQ(assign.inputs.assignee, StaffId(17));

    const std::string complete_body = R"({"version": 4, "inputs": {"signature": {"image": "data:image/png;base64,)" +
                                      Base64Encode(kPng) +
                                      R"(", "signer": "王女士"}, "checklist": {"assembled": true, "cleaned": false}}})";
    const auto complete = Read("complete", complete_body).value();
    ASSERT_TRUE(complete.inputs.signature);
    EXPECT_EQ(complete.inputs.signature->bytes, kPng);
    EXPECT_EQ(complete.inputs.signature->media_type, "image/png");
    EXPECT_EQ(complete.inputs.signature->signer, "王女士");
    EXPECT_EQ(complete.inputs.checklist, (std::map<std::string, bool>{{"assembled", true}, {"cleaned", false}}));

    const auto schedule = Read("schedule", R"({"version": 2, "inputs": {"appointment": "2026-11-28T14:00:00+08:00"}})");
    EXPECT_EQ(schedule->inputs.times.at("appointment"), ParseRfc3339("2026-11-28T06:00:00Z").value());
}

TEST_F(InputsTest, MalformedInputsAreNamed) {
    EXPECT_EQ(Errors("contact", R"({"inputs": {}})"), (std::vector<std::string>{"version:field.required"}));
    EXPECT_EQ(Errors("contact", R"({"version": "3"})"), (std::vector<std::string>{"version:field.must_be_integer"}));
    EXPECT_EQ(Errors("contact", R"({"version": 1, "inputs": {"customer_notice": {"channel": "fax",
        "contacted_at": "yesterday", "summary": ""}}})"),
              (std::vector<std::string>{"inputs.customer_notice.channel:field.not_one_of",
                                        "inputs.customer_notice.contacted_at:field.must_be_time",
                                        "inputs.customer_notice.summary:field.blank"}));
    // An input the action does not take, a field the body does not have.
    EXPECT_EQ(Errors("contact", R"({"version": 1, "inputs": {"signature": {}}, "colour": 1})"),
              (std::vector<std::string>{"inputs.signature:field.unknown", "colour:field.unknown"}));
    EXPECT_EQ(Errors("complete", R"({"version": 1, "inputs": {"checklist": {"assembled": "yes", "polished": true}}})"),
              (std::vector<std::string>{"inputs.checklist.assembled:field.must_be_boolean",
                                        "inputs.checklist.polished:field.unknown"}));
    EXPECT_EQ(Errors("assign", R"({"version": 1, "inputs": {"assignee": "tech"}})"),
              (std::vector<std::string>{"inputs.assignee:field.must_be_integer"}));
}

TEST_F(InputsTest, ASignatureMustBeAPngOrJpegImage) {
    const auto signature = [&](const std::string& image) {
        return Errors("complete",
                      R"({"version": 1, "inputs": {"signature": {"image": ")" + image + R"(", "signer": "王女士"}}})");
    };
    EXPECT_TRUE(signature(Base64Encode(kPng)).empty());  // bare Base64 is fine too
    EXPECT_TRUE(signature("data:image/jpeg;base64," + Base64Encode("\xff\xd8\xff\xe0 jfif")).empty());
    const std::vector<std::string> not_image{"inputs.signature.image:kernel.signature_not_image"};
    EXPECT_EQ(signature("data:text/plain;base64," + Base64Encode("hello, world")), not_image);
    EXPECT_EQ(signature("not base64 at all!"), not_image);
    EXPECT_EQ(signature("data:image/png," + Base64Encode(kPng)), not_image);  // not Base64-encoded
    EXPECT_EQ(signature(Base64Encode("RIFF\0\0\0\0WEBPVP8 ")), not_image);    // WebP is not accepted
    EXPECT_EQ(signature(Base64Encode(kPng + std::string(kMaxSignatureBytes, 'x'))),
              (std::vector<std::string>{"inputs.signature.image:kernel.signature_too_large"}));
    EXPECT_EQ(
        Errors("complete", R"({"version": 1, "inputs": {"signature": {"image": ""}}})"),
        (std::vector<std::string>{"inputs.signature.image:field.blank", "inputs.signature.signer:field.required"}));
}

}  // namespace
}  // namespace ac::kernel

#include "http/pipeline.hpp"

#include <stdexcept>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "http/error_mapping.hpp"

namespace ac::http {
namespace {

class PipelineTest : public ::testing::Test {
  protected:
    using Headers = std::vector<HeaderField>;

    PipelineTest() {
        catalog_.Add(CoreMessages());
        catalog_.Add(HttpMessages());
        router_.Add(Route{.method = Method::kGet,
                          .pattern = "/ok/{id}",
                          .handler = [](Request& r) -> Result<Response> {
                              return Response::Text(200, std::string(r.PathParam("id")));
                          },
                          .permission = std::string(kPublic)});
        router_.Add(Route{.method = Method::kGet,
                          .pattern = "/throw",
                          .handler = [](Request&) -> Result<Response> { throw std::runtime_error("boom"); },
                          .permission = std::string(kPublic)});
        router_.Add(Route{.method = Method::kGet,
                          .pattern = "/invalid",
                          .handler = [](Request&) -> Result<Response> {
                              return Fail(Error::Validation({FieldError{"phone", Message{"field.required", {}}}}));
                          },
                          .permission = std::string(kPublic)});
        router_.Add(Route{.method = Method::kPost,
                          .pattern = "/big",
                          .handler = [](Request&) -> Result<Response> { return Response::NoContent(); },
                          .permission = std::string(kPublic),
                          .max_body_bytes = 10 * 1024 * 1024,
                          .blocking = true});
    }

    Response Run(Method method, std::string path, Headers headers = {}) {
        Request request;
        request.method = method;
        request.method_text = std::string(MethodName(method));
        request.target = std::move(path);
        request.headers = std::move(headers);
        (void)pipeline_.Prepare(request);
        return pipeline_.Handle(request);
    }

    Catalog catalog_;
    Router router_;
    Metrics metrics_;
    Pipeline pipeline_{router_, catalog_, metrics_, 1024};
};

TEST_F(PipelineTest, RunsTheHandlerWithPathParameters) {
    const Response response = Run(Method::kGet, "/ok/17");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "17");
    EXPECT_EQ(response.Header("X-Request-Id")->size(), 16u);
}

TEST_F(PipelineTest, KeepsAValidIncomingRequestIdAndReplacesAnInvalidOne) {
    EXPECT_EQ(Run(Method::kGet, "/ok/1", {{"X-Request-Id", "client-abc.123"}}).Header("X-Request-Id"),
              "client-abc.123");
    const Response response = Run(Method::kGet, "/ok/1", {{"X-Request-Id", "bad id with spaces"}});
    const std::string replaced(*response.Header("X-Request-Id"));
    EXPECT_NE(replaced, "bad id with spaces");
    EXPECT_TRUE(IsValidRequestId(replaced));
    EXPECT_FALSE(IsValidRequestId(std::string(65, 'a')));
    EXPECT_FALSE(IsValidRequestId(""));
}

TEST_F(PipelineTest, UnknownPathIs404InTheErrorShape) {
    const Response response = Run(Method::kGet, "/nowhere");
    EXPECT_EQ(response.status, 404);
    const auto body = boost::json::parse(response.body).as_object().at("error").as_object();
    EXPECT_EQ(body.at("code"), "not_found");
    EXPECT_EQ(body.at("message"), "没有这个接口：/nowhere");
    EXPECT_EQ(body.at("request_id").as_string(), *response.Header("X-Request-Id"));
}

TEST_F(PipelineTest, WrongMethodIs405WithAllow) {
    const Response response = Run(Method::kDelete, "/ok/1", {{"Accept-Language", "en"}});
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.Header("Allow"), "GET, HEAD");
    const auto body = boost::json::parse(response.body).as_object().at("error").as_object();
    EXPECT_EQ(body.at("code"), "method_not_allowed");
    EXPECT_EQ(body.at("message"), "/ok/1 does not support DELETE (it supports GET, HEAD)");
}

TEST_F(PipelineTest, AnEscapedExceptionBecomesA500WithTheRequestId) {
    const Response response = Run(Method::kGet, "/throw", {{"X-Request-Id", "trace-1"}});
    EXPECT_EQ(response.status, 500);
    const auto body = boost::json::parse(response.body).as_object().at("error").as_object();
    EXPECT_EQ(body.at("code"), "internal");
    EXPECT_EQ(body.at("request_id"), "trace-1");
    EXPECT_EQ(response.body.find("boom"), std::string::npos) << "internal details must not reach the client";
    // and the pipeline goes on serving
    EXPECT_EQ(Run(Method::kGet, "/ok/2").status, 200);
}

TEST_F(PipelineTest, FieldErrorsAreRenderedInTheCallersLanguage) {
    const Response zh = Run(Method::kGet, "/invalid");
    EXPECT_EQ(zh.status, 422);
    auto body = boost::json::parse(zh.body).as_object().at("error").as_object();
    EXPECT_EQ(body.at("fields").as_object().at("phone"), "必填");
    EXPECT_EQ(body.at("message"), "请求中有 1 个字段填写不正确");
    const Response en = Run(Method::kGet, "/invalid", {{"Accept-Language", "en-US,en;q=0.9"}});
    body = boost::json::parse(en.body).as_object().at("error").as_object();
    EXPECT_EQ(body.at("fields").as_object().at("phone"), "is required");
}

TEST_F(PipelineTest, PlansBodyLimitAndThreadPerRoute) {
    Request small;
    small.method = Method::kGet;
    small.target = "/ok/1";
    EXPECT_EQ(pipeline_.Prepare(small).body_limit, 1024u);
    Request big;
    big.method = Method::kPost;
    big.target = "/big?x=1";
    const RequestPlan plan = pipeline_.Prepare(big);
    EXPECT_EQ(plan.body_limit, 10u * 1024 * 1024);
    EXPECT_TRUE(plan.blocking);
}

TEST_F(PipelineTest, SplitsTheTargetAndRefusesMalformedOnes) {
    Request request;
    request.method = Method::kGet;
    request.target = "/ok/%E5%BA%8A?q=a+b";
    EXPECT_FALSE(pipeline_.Prepare(request).reject);
    EXPECT_EQ(request.path, "/ok/%E5%BA%8A");
    EXPECT_EQ(request.PathParam("id"), "床");
    EXPECT_EQ(request.QueryParam("q"), "a b");
    for (const char* target : {"/ok/1?bad=%zz", "/ok/%g1", "http://example.com/ok/1", "*", "ok/1"}) {
        Request bad;
        bad.method = Method::kGet;
        bad.target = target;
        const RequestPlan plan = pipeline_.Prepare(bad);
        ASSERT_TRUE(plan.reject) << target;
        EXPECT_EQ(plan.reject->code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(plan.reject->message.key, "http.malformed_target");
    }
}

TEST_F(PipelineTest, MiddlewareRunsOutermostFirstAndMayAnswerItself) {
    std::vector<std::string> order;
    pipeline_.Use([&](Request& r, const Handler& next) -> Result<Response> {
        order.push_back("outer");
        Result<Response> response = next(r);
        if (response) {
            response->SetHeader("X-Outer", "1");
        }
        return response;
    });
    pipeline_.Use([&](Request& r, const Handler& next) -> Result<Response> {
        order.push_back("inner");
        if (r.PathParam("id") == "forbidden") {
            return Fail(Error::Make(ErrorCode::kPermissionDenied, ""));
        }
        return next(r);
    });
    const Response allowed = Run(Method::kGet, "/ok/5");
    EXPECT_EQ(allowed.body, "5");
    EXPECT_EQ(allowed.Header("X-Outer"), "1");
    EXPECT_EQ(order, (std::vector<std::string>{"outer", "inner"}));
    const Response refused = Run(Method::kGet, "/ok/forbidden");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(boost::json::parse(refused.body).at("error").at("message"), "没有进行此操作的权限");
}

TEST_F(PipelineTest, RejectClosesTheConnectionAndCountsTheRequest) {
    Request request;
    request.method = Method::kUnknown;
    const Response response =
        pipeline_.Reject(request, Error::Make(ErrorCode::kPayloadTooLarge, "http.body_too_large", {{"limit", "1024"}}));
    EXPECT_EQ(response.status, 413);
    EXPECT_TRUE(response.close);
    EXPECT_FALSE(request.request_id.empty());
    EXPECT_NE(metrics_.Render().find(R"(route="protocol_error",method="UNKNOWN",status="413"} 1)"), std::string::npos);
}

TEST(ErrorMapping, EveryCodeHasAStatusInItsClass) {
    for (const ErrorCode code : AllErrorCodes()) {
        const int status = HttpStatus(code);
        EXPECT_GE(status, 400) << ErrorCodeName(code);
        EXPECT_LT(status, 600) << ErrorCodeName(code);
    }
    EXPECT_EQ(HttpStatus(ErrorCode::kValidationFailed), 422);
    EXPECT_EQ(HttpStatus(ErrorCode::kAborted), 409);
    EXPECT_EQ(HttpStatus(ErrorCode::kInternal), 500);
    EXPECT_EQ(HttpStatus(ErrorCode::kUnavailable), 503);
}

}  // namespace
}  // namespace ac::http

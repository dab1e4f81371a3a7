// Sign-in, sessions, limits and API tokens on a real database (both backends), with a fake clock.
#include <chrono>

#include <gtest/gtest.h>

#include "auth/auth_service.hpp"
#include "auth/identity_service.hpp"
#include "auth/secrets.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"

namespace ac::auth {
namespace {

using namespace std::chrono_literals;

class AuthTest : public ::testing::Test {
  protected:
    void SetUp() override {
        InitCrypto();
        ASSERT_TRUE(storage::Migrate(*db_, clock_));
        store_ = identity_.CreateStore(SystemPrincipal(), {.code = "SH01", .name = "上海徐汇店"}).value();
        agent_ = identity_
                     .CreateStaff(SystemPrincipal(), {.username = "agent",
                                                      .name = "李娜",
                                                      .phone = "13800000005",
                                                      .store_id = store_.id,
                                                      .roles = {"aftersales_agent"},
                                                      .password = "Sofa2026x"})
                     .value();
    }

    AuthOptions Options() {
        AuthOptions options;
        options.max_failures_per_account = 3;
        options.max_failures_per_address = 5;
        return options;
    }

    testing::TestDatabase test_db_;
    std::unique_ptr<storage::Database> db_ = test_db_.Open();
    FakeClock clock_{FromEpochMs(1'795'761'000'000)};
    IdentityService identity_{*db_, clock_};
    AuthService auth_{*db_, clock_, Options()};
    Store store_;
    Staff agent_;
};

TEST_F(AuthTest, SignsInWithUsernameOrPhone) {
    const SignIn by_name = auth_.Login(" Agent ", "Sofa2026x", "10.0.0.1", "test").value();
    EXPECT_EQ(by_name.principal.staff_id, agent_.id);
    EXPECT_EQ(by_name.principal.store_id, store_.id);
    EXPECT_TRUE(Has(by_name.principal.roles, Role::kAftersalesAgent));
    EXPECT_EQ(by_name.session_token.size(), 43u);
    EXPECT_FALSE(by_name.principal.csrf_token.empty());
    const SignIn by_phone = auth_.Login("+86 138-0000-0005", "Sofa2026x", "10.0.0.1", "test").value();
    EXPECT_NE(by_phone.session_token, by_name.session_token);
    EXPECT_EQ(auth_.AuthenticateSession(by_name.session_token).value().staff_id, agent_.id);
    EXPECT_EQ(auth_.AuthenticateSession(by_phone.session_token).value().csrf_token, by_phone.principal.csrf_token);
}

TEST_F(AuthTest, EveryFailedSignInLooksTheSame) {
    const Staff no_password =
        identity_.CreateStaff(SystemPrincipal(), {.username = "nopass", .name = "无密码", .roles = {"installer"}})
            .value();
    const Staff inactive =
        identity_
            .CreateStaff(
                SystemPrincipal(),
                {.username = "gone", .name = "离职", .roles = {"installer"}, .active = false, .password = "Leave2026x"})
            .value();
    for (const auto& [login, password] : std::vector<std::pair<std::string, std::string>>{
             {"agent", "wrong-password1"}, {"nobody", "Sofa2026x"}, {"nopass", ""}, {"gone", "Leave2026x"}}) {
        const auto result = auth_.Login(login, password, "10.0.0.9", "test");
        ASSERT_FALSE(result) << login;
        EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated) << login;
        EXPECT_EQ(result.error().message, (Message{"auth.invalid_credentials", {}})) << login;
    }
    (void)no_password;
    (void)inactive;
}

TEST_F(AuthTest, ASessionEndsWhenIdleAndLivesOnWithUse) {
    const SignIn sign_in = auth_.Login("agent", "Sofa2026x", "10.0.0.1", "test").value();
    for (int i = 0; i < 3; ++i) {
        clock_.Advance(11h);
        EXPECT_TRUE(auth_.AuthenticateSession(sign_in.session_token)) << "used within 12 h, so still open";
    }
    clock_.Advance(12h);
    const auto expired = auth_.AuthenticateSession(sign_in.session_token);
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().message.key, "auth.session_invalid");
}

TEST_F(AuthTest, ASessionEndsAfterItsLifetimeEvenInUse) {
    const SignIn sign_in = auth_.Login("agent", "Sofa2026x", "10.0.0.1", "test").value();
    for (int hours = 0; hours < 24 * 30 - 10; hours += 10) {
        clock_.Advance(10h);
        ASSERT_TRUE(auth_.AuthenticateSession(sign_in.session_token)) << hours;
    }
    clock_.Advance(10h);
    EXPECT_FALSE(auth_.AuthenticateSession(sign_in.session_token)) << "30 days is the most";
}

TEST_F(AuthTest, LogoutAndDeactivationEndSessionsAtOnce) {
    const SignIn first = auth_.Login("agent", "Sofa2026x", "10.0.0.1", "test").value();
    const SignIn second = auth_.Login("agent", "Sofa2026x", "10.0.0.1", "test").value();
    ASSERT_TRUE(auth_.Logout(first.principal));
    EXPECT_FALSE(auth_.AuthenticateSession(first.session_token));
    EXPECT_TRUE(auth_.AuthenticateSession(second.session_token)) << "only that session ended";
    StaffPatch deactivate;
    deactivate.active = false;
    deactivate.version = agent_.version;
    ASSERT_TRUE(identity_.UpdateStaff(SystemPrincipal(), agent_.id, deactivate));
    EXPECT_FALSE(auth_.AuthenticateSession(second.session_token));
    StaffPatch reactivate;
    reactivate.active = true;
    reactivate.version = agent_.version + 1;
    ASSERT_TRUE(identity_.UpdateStaff(SystemPrincipal(), agent_.id, reactivate));
    EXPECT_FALSE(auth_.AuthenticateSession(second.session_token)) << "revoked sessions stay revoked";
}

TEST_F(AuthTest, TooManyFailuresLockTheAccountForTheWindow) {
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(auth_.Login("agent", "wrong-password1", "10.0.0.1", "test").error().code,
                  ErrorCode::kUnauthenticated);
        clock_.Advance(1min);
    }
    const auto locked = auth_.Login("agent", "Sofa2026x", "10.0.0.2", "test");
    ASSERT_FALSE(locked) << "even the right password, from elsewhere";
    EXPECT_EQ(locked.error().code, ErrorCode::kResourceExhausted);
    EXPECT_EQ(locked.error().message.params,
              (std::vector<std::pair<std::string, std::string>>{{"retry_after", std::to_string(15 * 60 - 3 * 60)}}));
    const auto by_phone = auth_.Login("13800000005", "Sofa2026x", "10.0.0.2", "test");
    EXPECT_EQ(by_phone.error().code, ErrorCode::kResourceExhausted) << "username and phone share the limit";
    clock_.Advance(12min + 1s);
    EXPECT_TRUE(auth_.Login("agent", "Sofa2026x", "10.0.0.2", "test")) << "the first failure left the window";
}

TEST_F(AuthTest, TooManyFailuresFromOneAddressLockThatAddress) {
    for (int i = 0; i < 5; ++i) {
        (void)auth_.Login("user" + std::to_string(i), "whatever-1", "10.9.9.9", "test");
    }
    const auto locked = auth_.Login("agent", "Sofa2026x", "10.9.9.9", "test");
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, ErrorCode::kResourceExhausted);
    EXPECT_TRUE(auth_.Login("agent", "Sofa2026x", "10.0.0.1", "test")) << "other addresses are not affected";
}

TEST_F(AuthTest, ASuccessfulSignInClearsTheAccountsFailures) {
    for (int i = 0; i < 2; ++i) {
        (void)auth_.Login("agent", "wrong-password1", "10.0.0.1", "test");
    }
    ASSERT_TRUE(auth_.Login("agent", "Sofa2026x", "10.0.0.1", "test"));
    for (int i = 0; i < 2; ++i) {
        (void)auth_.Login("agent", "wrong-password1", "10.0.0.1", "test");
    }
    EXPECT_TRUE(auth_.Login("agent", "Sofa2026x", "10.0.0.1", "test")) << "the count started again";
}

TEST_F(AuthTest, ChangingThePasswordEndsEverySessionAndOpensANewOne) {
    const SignIn one = auth_.Login("agent", "Sofa2026x", "10.0.0.1", "test").value();
    const SignIn two = auth_.Login("agent", "Sofa2026x", "10.0.0.1", "test").value();
    const auto wrong = auth_.ChangePassword(one.principal, "not-it-1", "NewPass2026", "10.0.0.1", "test");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().fields.at(0).field, "current_password");
    const auto weak = auth_.ChangePassword(one.principal, "Sofa2026x", "weak", "10.0.0.1", "test");
    ASSERT_FALSE(weak);
    EXPECT_EQ(weak.error().fields.at(0).field, "new_password");
    EXPECT_TRUE(auth_.AuthenticateSession(one.session_token)) << "failed attempts change nothing";

    const SignIn renewed = auth_.ChangePassword(one.principal, "Sofa2026x", "NewPass2026", "10.0.0.1", "test").value();
    EXPECT_FALSE(auth_.AuthenticateSession(one.session_token));
    EXPECT_FALSE(auth_.AuthenticateSession(two.session_token));
    EXPECT_TRUE(auth_.AuthenticateSession(renewed.session_token));
    EXPECT_FALSE(auth_.Login("agent", "Sofa2026x", "10.0.0.1", "test"));
    EXPECT_TRUE(auth_.Login("agent", "NewPass2026", "10.0.0.1", "test"));
}

TEST_F(AuthTest, ApiTokensActAsTheirOwnerUntilRevoked) {
    const NewApiToken created = auth_.CreateApiTokenFor(SystemPrincipal(), "agent", "ERP 同步").value();
    EXPECT_TRUE(created.token.starts_with(kApiTokenPrefix));
    EXPECT_EQ(created.row.prefix, created.token.substr(0, 10));
    const Principal principal = auth_.AuthenticateApiToken(created.token).value();
    EXPECT_EQ(principal.staff_id, agent_.id);
    EXPECT_EQ(principal.via, Principal::Via::kApiToken);
    EXPECT_FALSE(auth_.AuthenticateApiToken(created.token + "x"));
    EXPECT_FALSE(auth_.AuthenticateApiToken("act_" + RandomToken(32)));
    EXPECT_FALSE(auth_.AuthenticateSession(created.token)) << "a token is not a session";

    const auto listed = auth_.ListApiTokens(SystemPrincipal()).value();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].name, "ERP 同步");
    EXPECT_TRUE(listed[0].last_used_at.has_value());

    ASSERT_TRUE(auth_.RevokeApiToken(SystemPrincipal(), created.row.id));
    ASSERT_TRUE(auth_.RevokeApiToken(SystemPrincipal(), created.row.id)) << "revoking twice is harmless";
    EXPECT_FALSE(auth_.AuthenticateApiToken(created.token));
    EXPECT_EQ(auth_.RevokeApiToken(SystemPrincipal(), 9999).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(auth_.CreateApiTokenFor(SystemPrincipal(), "nobody", "x").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(auth_.CreateApiTokenFor(SystemPrincipal(), "agent", " ").error().code, ErrorCode::kValidationFailed);
}

TEST_F(AuthTest, AnInactiveOwnersTokenStopsWorking) {
    const NewApiToken created = auth_.CreateApiTokenFor(SystemPrincipal(), "agent", "script").value();
    StaffPatch deactivate;
    deactivate.active = false;
    deactivate.version = agent_.version;
    ASSERT_TRUE(identity_.UpdateStaff(SystemPrincipal(), agent_.id, deactivate));
    EXPECT_FALSE(auth_.AuthenticateApiToken(created.token));
}

}  // namespace
}  // namespace ac::auth

#include "auth/password.hpp"

#include <gtest/gtest.h>

#include "auth/secrets.hpp"

namespace ac::auth {
namespace {

class PasswordTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { InitCrypto(); }
};

TEST_F(PasswordTest, HashesAreArgon2idSaltedAndVerifiable) {
    const std::string first = HashPassword("Sofa2026!");
    const std::string second = HashPassword("Sofa2026!");
    EXPECT_TRUE(first.starts_with("$argon2id$"));
    EXPECT_NE(first, second) << "each hash has its own salt";
    EXPECT_TRUE(VerifyPassword(first, "Sofa2026!"));
    EXPECT_TRUE(VerifyPassword(second, "Sofa2026!"));
    EXPECT_FALSE(VerifyPassword(first, "sofa2026!"));
    EXPECT_FALSE(VerifyPassword(first, ""));
    EXPECT_FALSE(VerifyPassword("not a hash", "Sofa2026!"));
    EXPECT_FALSE(VerifyPassword("", ""));
}

TEST_F(PasswordTest, ChineseAndLongPasswordsWork) {
    const std::string hash = HashPassword("售后服务2026");
    EXPECT_TRUE(VerifyPassword(hash, "售后服务2026"));
    const std::string long_password(128, 'a');
    EXPECT_TRUE(VerifyPassword(HashPassword(long_password + "1"), long_password + "1"));
}

TEST(PasswordPolicy, NeedsLengthLettersAndDigitsAndNotTheUsername) {
    EXPECT_EQ(CheckPasswordPolicy("Sofa2026", "agent"), std::nullopt);
    EXPECT_EQ(CheckPasswordPolicy("售后服务2026", "agent"), std::nullopt);
    for (const char* weak : {"short1", "allletters", "12345678", "agent2026x", "Agent2026x"}) {
        const auto message = CheckPasswordPolicy(weak, "agent");
        ASSERT_TRUE(message.has_value()) << weak;
        EXPECT_EQ(message->key, "field.password_weak");
    }
    EXPECT_TRUE(CheckPasswordPolicy(std::string(129, 'a') + "1", "x").has_value());
}

TEST(Secrets, TokensAreRandomUrlSafeAndLongEnough) {
    InitCrypto();
    const std::string a = RandomToken(32);
    const std::string b = RandomToken(32);
    EXPECT_EQ(a.size(), 43u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
}

TEST(Secrets, ConstantTimeEquality) {
    EXPECT_TRUE(ConstantTimeEquals("same-token", "same-token"));
    EXPECT_FALSE(ConstantTimeEquals("same-token", "same-tokeN"));
    EXPECT_FALSE(ConstantTimeEquals("short", "shorter"));
    EXPECT_TRUE(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace ac::auth

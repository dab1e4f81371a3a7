#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/postgres/postgres_database.hpp"

namespace ac::storage {
namespace {

TEST(PostgresUrl, PasswordsNeverReachTheLogs) {
    EXPECT_EQ(RedactUrl("postgresql://app:s3cret@db1:5432/aftercare"), "postgresql://app:****@db1:5432/aftercare");
    EXPECT_EQ(RedactUrl("postgresql://app@db1/aftercare"), "postgresql://app@db1/aftercare");
    EXPECT_EQ(RedactUrl("postgresql://db1/aftercare?sslmode=require&password=s3cret&x=1"),
              "postgresql://db1/aftercare?sslmode=require&password=****&x=1");
    EXPECT_EQ(RedactUrl("postgres://a:b@h"), "postgres://a:****@h");
}

TEST(PostgresUrl, SchemesAreRecognised) {
    EXPECT_TRUE(IsPostgresUrl("postgresql://h/db"));
    EXPECT_TRUE(IsPostgresUrl("postgres://h/db"));
    EXPECT_FALSE(IsPostgresUrl("data/aftercare.db"));
    EXPECT_FALSE(IsPostgresUrl("sqlite:///srv/a.db"));
}

}  // namespace
}  // namespace ac::storage

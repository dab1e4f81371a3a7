#include "storage/migrations.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace ac::storage {
namespace {

TEST(Migrations, PicksTheBackendsFileAndOrdersByVersion) {
    const EmbeddedFile files[] = {
        {"0002_people.postgres.sql", "CREATE TABLE people (id BIGINT GENERATED ALWAYS AS IDENTITY)"},
        {"0001_init.sql", "CREATE TABLE a (x INTEGER)"},
        {"0002_people.sqlite.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY)"},
    };
    const auto sqlite = LoadMigrations(Backend::kSqlite, files);
    ASSERT_EQ(sqlite.size(), 2u);
    EXPECT_EQ(sqlite[0].version, 1);
    EXPECT_EQ(sqlite[0].name, "init");
    EXPECT_EQ(sqlite[1].name, "people");
    EXPECT_EQ(sqlite[1].sql, "CREATE TABLE people (id INTEGER PRIMARY KEY)");
    const auto postgres = LoadMigrations(Backend::kPostgres, files);
    EXPECT_EQ(postgres[1].sql, "CREATE TABLE people (id BIGINT GENERATED ALWAYS AS IDENTITY)");
    EXPECT_NE(sqlite[1].checksum, postgres[1].checksum);
    EXPECT_EQ(sqlite[0].checksum, postgres[0].checksum);
}

TEST(Migrations, RefusesMalformedSets) {
    const auto load = [](std::initializer_list<EmbeddedFile> files) {
        return LoadMigrations(Backend::kSqlite, std::span<const EmbeddedFile>(files.begin(), files.size()));
    };
    EXPECT_THROW(load({{"0002_gap.sql", "x"}}), std::logic_error);
    EXPECT_THROW(load({{"0001_a.sql", "x"}, {"0001_b.sql", "y"}}), std::logic_error);
    EXPECT_THROW(load({{"0001_a.sqlite.sql", "x"}}), std::logic_error) << "PostgreSQL has no script";
    EXPECT_THROW(load({{"0001_a.sql", "x"}, {"0001_a.sqlite.sql", "y"}, {"0001_a.postgres.sql", "z"}}),
                 std::logic_error);
    EXPECT_THROW(load({{"1_a.sql", "x"}}), std::logic_error);
    EXPECT_THROW(load({{"0001_a.txt", "x"}}), std::logic_error);
    EXPECT_THROW(load({{"000x_a.sql", "x"}}), std::logic_error);
    EXPECT_NO_THROW(load({}));
}

TEST(Migrations, TheBuiltInSetIsWellFormedForBothBackends) {
    const auto sqlite = LoadMigrations(Backend::kSqlite, EmbeddedMigrations());
    const auto postgres = LoadMigrations(Backend::kPostgres, EmbeddedMigrations());
    ASSERT_FALSE(sqlite.empty());
    EXPECT_EQ(sqlite.size(), postgres.size());
    EXPECT_EQ(LatestSchemaVersion(Backend::kSqlite), sqlite.back().version);
}

}  // namespace
}  // namespace ac::storage

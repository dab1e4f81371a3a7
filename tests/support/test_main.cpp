// main() of the database and API test binaries: runs the tests against the backend AC_TEST_DB names and leaves
// out the tests that only make sense on the other backend (suites named *SqliteOnly* / *PostgresOnly*).
#include <iostream>
#include <string>

#include <gtest/gtest.h>

#include "support/test_database.hpp"

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    const bool postgres = ac::testing::TestBackend() == ac::storage::Backend::kPostgres;
    const std::string exclude = postgres ? "*SqliteOnly*" : "*PostgresOnly*";
    std::string filter = GTEST_FLAG_GET(filter);
    filter += filter.find('-') == std::string::npos ? "-" + exclude : ":" + exclude;
    GTEST_FLAG_SET(filter, filter);
    std::cout << "[ backend  ] " << ac::testing::TestBackendName() << std::endl;
    return RUN_ALL_TESTS();
}

// The subcommands of the binary. Each returns the process exit code: 0 success, 1 failure (the reason is printed
// on standard error in the language of LANG, and logged).
#pragma once

#include <iosfwd>

#include "app/config.hpp"

namespace ac::app {

// Opens the database, migrates it and serves HTTP until SIGTERM/SIGINT.
int RunServe(const Config& config);

// Opens the database, migrates it and reports what it did.
int RunMigrate(const Config& config);

// Prints the version and the libraries built in.
int RunVersion(std::ostream& out);

}  // namespace ac::app

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

// Adds a staff member (the first administrator of a fresh installation, for one) straight in the database.
int RunUserAdd(const Config& config, const UserAddOptions& options);

// Issues an API token for a user and prints it on standard output.
int RunTokenCreate(const Config& config, const TokenOptions& options);

// Revokes an API token.
int RunTokenRevoke(const Config& config, const TokenOptions& options);

// Walks the audit trail; prints the first broken link and returns 1, or prints the totals and returns 0.
int RunAuditVerify(const Config& config);
// Fills an empty database with generated records and prints what it wrote and how fast.
int RunGenerate(const Config& config, const GenerateArgs& args);
// Prints the version and the libraries built in.
int RunVersion(std::ostream& out);

}  // namespace ac::app

// aftercare: the one binary. See `aftercare --help`.
#include <exception>
#include <iostream>
#include <variant>

#include "app/commands.hpp"
#include "app/config.hpp"
#include "log/log.hpp"

int main(int argc, char** argv) {
    const auto parsed = ac::app::ParseCommandLine(argc, argv, std::cout, std::cerr);
    if (const int* exit_code = std::get_if<int>(&parsed)) {
        return *exit_code;
    }
    const auto& invocation = std::get<ac::app::Invocation>(parsed);
    try {
        switch (invocation.command) {
            case ac::app::Command::kServe:
                return ac::app::RunServe(invocation.config);
            case ac::app::Command::kMigrate:
                return ac::app::RunMigrate(invocation.config);
            case ac::app::Command::kVersion:
                return ac::app::RunVersion(std::cout);
            case ac::app::Command::kUserAdd:
                return ac::app::RunUserAdd(invocation.config, invocation.user_add);
            case ac::app::Command::kTokenCreate:
                return ac::app::RunTokenCreate(invocation.config, invocation.token);
            case ac::app::Command::kTokenRevoke:
                return ac::app::RunTokenRevoke(invocation.config, invocation.token);
            case ac::app::Command::kAuditVerify:
                return ac::app::RunAuditVerify(invocation.config);
            case ac::app::Command::kGenerate:
                return ac::app::RunGenerate(invocation.config, invocation.generate);
        }
    } catch (const std::exception& e) {
        ac::log::Error("app.crashed", {{"what", e.what()}});
        std::cerr << "aftercare: " << e.what() << std::endl;
    }
    return 1;
}

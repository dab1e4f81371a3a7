// What identity costs: verifying a password at sign-in (argon2id, on purpose slow) and recognising a session on
// every API request (one read transaction on SQLite, on the disk under test: $AC_BENCH_DIR).
#include <cstdlib>
#include <filesystem>

#include <benchmark/benchmark.h>

#include "auth/auth_service.hpp"
#include "auth/identity_service.hpp"
#include "auth/password.hpp"
#include "auth/secrets.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace {

void BM_Argon2idVerify(benchmark::State& state) {
    ac::auth::InitCrypto();
    const std::string hash = ac::auth::HashPassword("Counter2026x");
    for (auto _ : state) {
        benchmark::DoNotOptimize(ac::auth::VerifyPassword(hash, "Counter2026x"));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Argon2idVerify)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_AuthenticateSession(benchmark::State& state) {
    ac::auth::InitCrypto();
    const char* dir = std::getenv("AC_BENCH_DIR");
    const auto path = std::filesystem::path(dir != nullptr ? dir : ".") / "auth.db";
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path.string() + suffix);
    }
    ac::storage::OpenOptions options;
    options.url = path.string();
    auto db = ac::storage::Open(options).value();
    ac::FakeClock clock(ac::FromEpochMs(1'795'761'000'000));
    (void)ac::storage::Migrate(*db, clock).value();
    ac::auth::IdentityService identity(*db, clock);
    (void)identity
        .CreateStaff(ac::auth::SystemPrincipal(),
                     {.username = "agent", .name = "李娜", .roles = {"aftersales_agent"}, .password = "Sofa2026x"})
        .value();
    ac::auth::AuthService auth(*db, clock, {});
    const ac::auth::SignIn sign_in = auth.Login("agent", "Sofa2026x", "127.0.0.1", "bench").value();
    for (auto _ : state) {
        auto principal = auth.AuthenticateSession(sign_in.session_token);
        if (!principal) {
            state.SkipWithError("session not recognised");
            break;
        }
        benchmark::DoNotOptimize(principal);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AuthenticateSession)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

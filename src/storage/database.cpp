#include "storage/database.hpp"

#include <array>

#include "core/fiber.hpp"
#include "storage/postgres/postgres_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace ac::storage {
namespace {

struct KindInfo {
    DbErrorKind kind;
    std::string_view key;
    ErrorCode code;
};

constexpr std::array kKinds = {
    KindInfo{DbErrorKind::kUniqueViolation, "db.unique_violation", ErrorCode::kAlreadyExists},
    KindInfo{DbErrorKind::kForeignKeyViolation, "db.foreign_key_violation", ErrorCode::kFailedPrecondition},
    KindInfo{DbErrorKind::kNotNullViolation, "db.not_null_violation", ErrorCode::kInternal},
    KindInfo{DbErrorKind::kCheckViolation, "db.check_violation", ErrorCode::kInternal},
    KindInfo{DbErrorKind::kSerializationFailure, "db.serialization_failure", ErrorCode::kAborted},
    KindInfo{DbErrorKind::kBusy, "db.busy", ErrorCode::kUnavailable},
    KindInfo{DbErrorKind::kConnectionLost, "db.connection_lost", ErrorCode::kUnavailable},
    KindInfo{DbErrorKind::kPoolTimeout, "db.pool_timeout", ErrorCode::kUnavailable},
    KindInfo{DbErrorKind::kReadOnly, "db.read_only", ErrorCode::kInternal},
    KindInfo{DbErrorKind::kTransactionFailed, "db.transaction_failed", ErrorCode::kInternal},
    KindInfo{DbErrorKind::kSchemaNewer, "db.schema_newer", ErrorCode::kFailedPrecondition},
    KindInfo{DbErrorKind::kOther, "db.error", ErrorCode::kInternal},
};

constexpr std::string_view kSqlitePrefix = "sqlite:";

}  // namespace

std::string_view BackendName(Backend backend) {
    return backend == Backend::kPostgres ? "postgresql" : "sqlite";
}

DbErrorKind KindOf(const Error& error) {
    for (const KindInfo& info : kKinds) {
        if (error.message.key == info.key) {
            return info.kind;
        }
    }
    return DbErrorKind::kNone;
}

bool IsRetryable(const Error& error) {
    const DbErrorKind kind = KindOf(error);
    return kind == DbErrorKind::kSerializationFailure || kind == DbErrorKind::kBusy;
}

Error MakeDbError(DbErrorKind kind, std::string detail) {
    for (const KindInfo& info : kKinds) {
        if (info.kind == kind) {
            return Error::Make(info.code, std::string(info.key)).WithDetail(std::move(detail));
        }
    }
    return Error::Internal(std::move(detail));
}

Status Transaction::CheckUsable() {
    switch (state_) {
        case State::kActive:
            return Ok();
        case State::kFailed:
            return Fail(MakeDbError(DbErrorKind::kTransactionFailed,
                                    "statement after a failed statement; first failure: " +
                                        (failure_ ? failure_->detail : std::string("unknown"))));
        case State::kEnded:
            break;
    }
    return Fail(MakeDbError(DbErrorKind::kTransactionFailed, "statement on a transaction that has ended"));
}

Error Transaction::Poison(Error error) {
    state_ = State::kFailed;
    failure_ = error;
    DoRollback();
    return error;
}

namespace {

// Text must not hold NUL: PostgreSQL cannot store it, so neither backend accepts it (request validation rejects
// control characters long before this).
Status CheckParams(std::string_view sql, std::span<const Value> params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        const auto* text = std::get_if<std::string>(&params[i].variant());
        if (text != nullptr && text->find('\0') != std::string::npos) {
            return Fail(MakeDbError(DbErrorKind::kOther, "text parameter $" + std::to_string(i + 1) +
                                                             " contains a NUL character: " + std::string(sql)));
        }
    }
    return Ok();
}

}  // namespace

Result<Rows> Transaction::Query(std::string_view sql, std::span<const Value> params) {
    AC_RETURN_IF_ERROR(CheckUsable());
    if (Status checked = CheckParams(sql, params); !checked) {
        return Fail(Poison(std::move(checked).error()));
    }
    Result<Rows> rows = DoQuery(sql, params);
    if (!rows) {
        return Fail(Poison(std::move(rows).error()));
    }
    return rows;
}

Result<std::int64_t> Transaction::Execute(std::string_view sql, std::span<const Value> params) {
    AC_RETURN_IF_ERROR(CheckUsable());
    if (Status checked = CheckParams(sql, params); !checked) {
        return Fail(Poison(std::move(checked).error()));
    }
    Result<std::int64_t> changed = DoExecute(sql, params);
    if (!changed) {
        return Fail(Poison(std::move(changed).error()));
    }
    return changed;
}

Status Transaction::ExecuteScript(std::string_view sql) {
    AC_RETURN_IF_ERROR(CheckUsable());
    Status done = DoExecuteScript(sql);
    if (!done) {
        return Fail(Poison(std::move(done).error()));
    }
    return done;
}

Status Transaction::Commit() {
    AC_RETURN_IF_ERROR(CheckUsable());
    Status committed = DoCommit();
    if (!committed) {
        return Fail(Poison(std::move(committed).error()));
    }
    state_ = State::kEnded;
    return committed;
}

void Transaction::Rollback() {
    if (state_ == State::kActive) {
        DoRollback();
    }
    state_ = State::kEnded;
}

Status Database::AttachToWriter(std::string_view name, std::string_view path) {
    (void)path;
    return Fail(Error::Make(ErrorCode::kFailedPrecondition, "db.unavailable", {{"target", std::string(name)}})
                    .WithDetail("only SQLite attaches files"));
}

Status Database::DetachFromWriter(std::string_view name) {
    return AttachToWriter(name, {});
}

bool IsPostgresUrl(std::string_view url) {
    return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

Result<std::unique_ptr<Database>> Open(const OpenOptions& options) {
    if (IsPostgresUrl(options.url)) {
        return OpenPostgres(options);
    }
    std::string_view path = options.url;
    if (path.starts_with(kSqlitePrefix)) {
        path.remove_prefix(kSqlitePrefix.size());
        // "sqlite:///abs/path" and "sqlite:/abs/path" both name /abs/path.
        if (path.starts_with("//")) {
            path.remove_prefix(2);
        }
    }
    if (path.empty()) {
        return Fail(Error::Make(ErrorCode::kInvalidArgument, "db.bad_url", {{"url", options.url}}));
    }
    OpenOptions sqlite_options = options;
    sqlite_options.url = std::string(path);
    return OpenSqlite(sqlite_options);
}

void Database::RunWrite(void (*task)(void*), void* arg) {
    fiber::FiberPool* fibers = write_fibers_.load(std::memory_order_acquire);
    if (fibers == nullptr) {
        task(arg);
        return;
    }
    fibers->Run(task, arg);
}

}  // namespace ac::storage

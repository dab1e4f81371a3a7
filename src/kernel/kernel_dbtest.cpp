// The workflow kernel on a real database (both backends), with the test ticket type.
#include <barrier>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "auth/directory.hpp"
#include "auth/identity_service.hpp"
#include "auth/secrets.hpp"
#include "core/digest.hpp"
#include "kernel/audit.hpp"
#include "kernel/kernel.hpp"
#include "kernel/scheduler.hpp"
#include "kernel/test_ticket.hpp"
#include "kernel/webhook_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/transaction_runner.hpp"
#include "support/test_database.hpp"

namespace ac::kernel {
namespace {

using namespace std::chrono_literals;
using storage::Transaction;
using storage::TxMode;

const std::string kPng("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);

Instant At(std::string_view rfc3339) {
    return ParseRfc3339(rfc3339).value();
}

std::string FieldKey(const Error& error, std::string_view field) {
    for (const FieldError& e : error.fields) {
        if (e.field == field) {
            return e.message.key;
        }
    }
    return "";
}

// Remembers what the kernel signalled after its commits.
class RecordingSink final : public SignalSink {
  public:
    void Deliver(const std::vector<Signal>& signals) override {
        std::lock_guard lock(mutex_);
        signals_.insert(signals_.end(), signals.begin(), signals.end());
    }
    std::vector<Signal> Take() {
        std::lock_guard lock(mutex_);
        return std::exchange(signals_, {});
    }

  private:
    std::mutex mutex_;
    std::vector<Signal> signals_;
};

class KernelTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auth::InitCrypto();
        ASSERT_TRUE(storage::Migrate(*db_, clock_));
        ASSERT_TRUE(test_ticket::EnsureTable(*db_));
        registry_.Add(test_ticket::Type());
        test_ticket::AddPolicies(policies_);
        const Principal system = auth::SystemPrincipal();
        store_a_ = identity_.CreateStore(system, {.code = "SH01", .name = "上海徐汇店"})->id;
        store_b_ = identity_.CreateStore(system, {.code = "SH02", .name = "上海浦东店"})->id;
        agent_ = Add("agent", store_a_, "aftersales_agent");
        supervisor_ = Add("supervisor", store_a_, "aftersales_supervisor");
        head_ = Add("head", std::nullopt, "aftersales_head");
        tech_ = Add("tech", store_a_, "technician");
        tech2_ = Add("tech2", store_a_, "technician");
        tech_b_ = Add("techb", store_b_, "technician");
        agent_b_ = Add("agentb", store_b_, "aftersales_agent");
        (void)sink_.Take();
    }

    Principal Add(const std::string& username, std::optional<StoreId> store, const std::string& role) {
        auth::StaffInput input;
        input.username = username;
        input.name = "员工" + username;
        input.store_id = store;
        input.roles = {role};
        auto staff = identity_.CreateStaff(auth::SystemPrincipal(), input);
        EXPECT_TRUE(staff) << (staff ? "" : staff.error().message.key);
        return auth::PrincipalOf(*staff, Principal::Via::kSession, 0, "");
    }

    Document Create(const Principal& actor, StoreId store, const std::string& title = "沙发异响") {
        CreateRequest request;
        request.type = std::string(test_ticket::kType);
        request.store_id = store;
        request.fields = {FieldChange{"title", "null", "\"" + title + "\""}};
        request.write = [&](Transaction& tx, const Document& document) {
            return test_ticket::Insert(tx, document.id, title);
        };
        request.request_id = "req-create";
        auto created = kernel_.Create(actor, request);
        EXPECT_TRUE(created) << (created ? "" : created.error().message.key);
        return *created;
    }

    Result<Document> Apply(const Principal& actor, const Document& document, const std::string& action,
                           ActionInputs inputs = {}) {
        return kernel_.Apply(actor, ApplyRequest{document.id, action, document.version, std::move(inputs), "req-1"});
    }

    static ActionInputs Notice(Instant at) {
        ActionInputs inputs;
        inputs.notice = CustomerNotice{"phone", at, "约好明天下午上门"};
        return inputs;
    }

    Document Scheduled(Instant appointment) {
        Document document = Create(agent_, store_a_);
        document = Apply(agent_, document, "contact", Notice(clock_.Now())).value();
        ActionInputs inputs;
        inputs.times["appointment"] = appointment;
        return Apply(agent_, document, "schedule", inputs).value();
    }

    std::vector<EventRow> Events(DocumentId id) {
        return storage::RunInTransaction(*db_, TxMode::kRead,
                                         [&](Transaction& tx) { return DocumentRepository::Events(tx, id); })
            .value();
    }

    std::optional<TimerRow> Timer(DocumentId id, std::string_view name) {
        return storage::RunInTransaction(*db_, TxMode::kRead,
                                         [&](Transaction& tx) { return TimerRepository::Find(tx, id, name); })
            .value();
    }

    std::vector<NotificationRow> Inbox(const Principal& who) {
        return storage::RunInTransaction(
                   *db_, TxMode::kRead,
                   [&](Transaction& tx) { return NotificationRepository::OfStaff(tx, who.staff_id, false, 100, 0); })
            .value();
    }

    std::int64_t Count(const std::string& sql) {
        return storage::RunInTransaction(*db_, TxMode::kRead,
                                         [&](Transaction& tx) -> Result<std::int64_t> {
                                             AC_ASSIGN_OR_RETURN(const storage::Rows rows, tx.Query(sql));
                                             return rows.front().Int(0);
                                         })
            .value();
    }

    testing::TestDatabase test_db_;
    std::unique_ptr<storage::Database> db_ = test_db_.Open();
    // 10:00 in Shanghai on Friday 27 November 2026.
    FakeClock clock_{At("2026-11-27T10:00:00+08:00")};
    auth::IdentityService identity_{*db_, clock_};
    Registry registry_;
    Policies policies_;
    auth::IdentityDirectory directory_;
    std::unique_ptr<BlobStore> blobs_ = MakeDatabaseBlobStore();
    RecordingSink sink_;
    LocalFanout fanout_{sink_};
    Kernel kernel_{*db_, clock_, registry_, policies_, directory_, *blobs_, fanout_};
    StoreId store_a_;
    StoreId store_b_;
    Principal agent_, supervisor_, head_, tech_, tech2_, tech_b_, agent_b_;
};

TEST_F(KernelTest, CreatedDocumentsAreNumberedPerLocalDayAndStartTheirTimers) {
    const Document first = Create(agent_, store_a_);
    const Document second = Create(agent_b_, store_b_);
    EXPECT_EQ(first.number, "TT20261127-0001");
    EXPECT_EQ(second.number, "TT20261127-0002");  // one sequence for the chain
    EXPECT_EQ(first.state, "new");
    EXPECT_EQ(first.version, 1);
    EXPECT_EQ(first.created_by, agent_.staff_id);

    // 00:30 on the 28th in Shanghai is still the 27th in UTC: the store's date decides, and the count restarts.
    clock_.Set(At("2026-11-28T00:30:00+08:00"));
    EXPECT_EQ(Create(agent_, store_a_).number, "TT20261128-0001");

    const std::optional<TimerRow> timer = Timer(first.id, "test.first_contact");
    ASSERT_TRUE(timer);
    EXPECT_EQ(timer->state, "running");
    EXPECT_EQ(timer->deadline, At("2026-11-27T10:30:00+08:00"));
    EXPECT_EQ(timer->warn_at, At("2026-11-27T10:24:00+08:00"));  // 80 %

    const std::vector<EventRow> events = Events(first.id);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].action, "create");
    EXPECT_EQ(events[0].actor_id, agent_.staff_id);
    EXPECT_EQ(events[0].request_id, "req-create");
    EXPECT_NE(events[0].changes.find("\"title\""), std::string::npos);
    EXPECT_NE(events[0].changes.find("timer:test.first_contact"), std::string::npos);

    // The store's supervisor hears of both tickets of store A; the creator does not.
    ASSERT_EQ(Inbox(supervisor_).size(), 2u);
    EXPECT_EQ(Inbox(supervisor_)[0].message_key, "notify.test.created");
    EXPECT_TRUE(Inbox(agent_).empty());
}

// rules: Q1 Q2 Q3
// Concurrent creations all succeed with distinct, consecutive numbers of the day (on PostgreSQL the day's counter
// is taken in a transaction of its own, Kernel::TakeNumber; on SQLite within the creation).
TEST_F(KernelTest, ConcurrentCreationsAllSucceedWithDistinctConsecutiveNumbers) {
    constexpr int kThreads = 12;
    constexpr int kEach = 5;
    std::vector<std::vector<std::string>> numbers(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                numbers[static_cast<std::size_t>(t)].push_back(Create(agent_, store_a_).number);
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    std::set<std::string> distinct;
    for (const auto& of_thread : numbers) {
        distinct.insert(of_thread.begin(), of_thread.end());
    }
    ASSERT_EQ(distinct.size(), static_cast<std::size_t>(kThreads * kEach));
    EXPECT_EQ(*distinct.begin(), "TT20261127-0001");
    EXPECT_EQ(*distinct.rbegin(), "TT20261127-00" + std::to_string(kThreads * kEach)) << "no gaps without failures";
}

// On PostgreSQL (SERIALIZABLE) a creation starts its timers without looking them up first: the lookup left a predicate
// lock on the page of sla_timers' index that every concurrent creation's timers go to (their document ids come in
// order), and concurrent registrations failed each other's commits. A committed transaction's predicate locks stay
// while a transaction that overlapped it is open: the one held open here sees them.
TEST_F(KernelTest, PostgresOnly_ACreationStartsItsTimersWithoutAPredicateLockOnTheTimersTable) {
    const std::unique_ptr<Transaction> open = db_->Begin(TxMode::kWrite).value();
    ASSERT_TRUE(open->Query("SELECT count(*) FROM stores"));  // takes its snapshot
    const Document created = Create(agent_, store_a_);
    ASSERT_TRUE(Timer(created.id, "test.first_contact"));
    const storage::Rows locks =
        open->Query(
                "SELECT count(*) FROM pg_locks WHERE mode = 'SIReadLock' AND relation IN (SELECT 'sla_timers'::"
                "regclass UNION ALL SELECT indexrelid FROM pg_index WHERE indrelid = 'sla_timers'::regclass)")
            .value();
    EXPECT_EQ(locks[0].Int(0), 0);
}

TEST_F(KernelTest, AnActionChangesStateVersionAndAppendsAChainedEventWithWhoAndWhen) {
    const Document created = Create(agent_, store_a_);
    clock_.Advance(5min);
    ActionInputs inputs = Notice(clock_.Now() - 1min);
    inputs.comment = "客户在家";
    const Document contacted = Apply(agent_, created, "contact", inputs).value();
    EXPECT_EQ(contacted.state, "contacted");
    EXPECT_EQ(contacted.version, 2);
    EXPECT_EQ(contacted.updated_by, agent_.staff_id);

    const std::vector<EventRow> events = Events(created.id);
    ASSERT_EQ(events.size(), 2u);
    const EventRow& event = events[1];
    EXPECT_EQ(event.seq, 2);
    EXPECT_EQ(event.action, "contact");
    EXPECT_EQ(event.actor_id, agent_.staff_id);
    EXPECT_EQ(event.at, At("2026-11-27T10:05:00+08:00"));
    EXPECT_EQ(event.from_state, "new");
    EXPECT_EQ(event.to_state, "contacted");
    EXPECT_EQ(event.comment, "客户在家");
    EXPECT_EQ(event.request_id, "req-1");
    EXPECT_EQ(event.prev_hash, events[0].hash);
    EXPECT_EQ(event.hash, EventHash(event));
    EXPECT_NE(event.changes.find(R"("state":{"before":"new","after":"contacted"})"), std::string::npos);
    EXPECT_NE(event.changes.find(R"("timer:test.first_contact":{"before":"running","after":"stopped"})"),
              std::string::npos);
    EXPECT_NE(event.inputs.find(R"("channel":"phone")"), std::string::npos);
    EXPECT_EQ(Timer(created.id, "test.first_contact")->state, "stopped");

    const auto timeline = kernel_.Timeline(supervisor_, created.id, test_ticket::kType).value();
    ASSERT_EQ(timeline.size(), 2u);
    EXPECT_EQ(timeline[1].actor_name, "员工agent");
}

TEST_F(KernelTest, RefusedActionsWriteNothing) {
    const Document created = Create(agent_, store_a_);
    const Document contacted = Apply(agent_, created, "contact", Notice(clock_.Now())).value();
    const std::int64_t events_before = Count("SELECT count(*) FROM events");
    const std::int64_t notifications_before = Count("SELECT count(*) FROM notifications");

    // A stale version: the caller saw version 1, the document is at 2.
    auto stale = Apply(agent_, created, "contact", Notice(clock_.Now()));
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::kAborted);
    EXPECT_EQ(stale.error().message.key, "kernel.stale_version");

    // Not from this state.
    auto wrong_state = Apply(agent_, contacted, "complete");
    ASSERT_FALSE(wrong_state);
    EXPECT_EQ(wrong_state.error().code, ErrorCode::kPermissionDenied);  // a technician's action, first the role
    auto not_now = Apply(agent_, contacted, "unhold");
    ASSERT_FALSE(not_now);
    EXPECT_EQ(not_now.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(not_now.error().message.key, "kernel.wrong_state");

    // No such action.
    auto unknown = Apply(agent_, contacted, "teleport");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(unknown.error().message.key, "kernel.unknown_action");

    // Not the caller's role, not the caller's store.
    auto role = Apply(agent_, contacted, "cancel");
    ASSERT_FALSE(role);
    EXPECT_EQ(role.error().message.key, "kernel.action_forbidden");
    auto store = Apply(agent_b_, contacted, "schedule");
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().message.key, "auth.store_forbidden");

    // A guard: the appointment must lie ahead.
    ActionInputs past;
    past.times["appointment"] = clock_.Now() - 1h;
    auto guarded = Apply(agent_, contacted, "schedule", past);
    ASSERT_FALSE(guarded);
    EXPECT_EQ(FieldKey(guarded.error(), "inputs.appointment"), "test.appointment_past");

    EXPECT_EQ(Count("SELECT count(*) FROM events"), events_before);
    EXPECT_EQ(Count("SELECT count(*) FROM notifications"), notifications_before);
    EXPECT_EQ(kernel_.Get(agent_, created.id, test_ticket::kType)->version, 2);
}

TEST_F(KernelTest, RequiredInputsAreCheckedAndNamed) {
    const Document created = Create(agent_, store_a_);

    auto no_notice = Apply(agent_, created, "contact");
    ASSERT_FALSE(no_notice);
    EXPECT_EQ(no_notice.error().code, ErrorCode::kValidationFailed);
    EXPECT_EQ(FieldKey(no_notice.error(), "inputs.customer_notice"), "field.required");

    auto future = Apply(agent_, created, "contact", Notice(clock_.Now() + 1h));
    ASSERT_FALSE(future);
    EXPECT_EQ(FieldKey(future.error(), "inputs.customer_notice.contacted_at"), "kernel.notice_in_future");

    // The assignee must be active, of the document's store, and hold a role for the work.
    ActionInputs other_store;
    other_store.assignee = tech_b_.staff_id;
    EXPECT_EQ(FieldKey(Apply(supervisor_, created, "assign", other_store).error(), "inputs.assignee"),
              "kernel.assignee_other_store");
    ActionInputs wrong_role;
    wrong_role.assignee = supervisor_.staff_id;
    EXPECT_EQ(FieldKey(Apply(supervisor_, created, "assign", wrong_role).error(), "inputs.assignee"),
              "kernel.assignee_role");
    ActionInputs nobody;
    nobody.assignee = StaffId(9999);
    EXPECT_EQ(FieldKey(Apply(supervisor_, created, "assign", nobody).error(), "inputs.assignee"), "field.not_found");

    ActionInputs assign;
    assign.assignee = tech_.staff_id;
    Document assigned = Apply(supervisor_, created, "assign", assign).value();
    EXPECT_EQ(assigned.assignee_id, tech_.staff_id);
    ASSERT_EQ(Inbox(tech_).size(), 1u);
    EXPECT_EQ(Inbox(tech_)[0].message_key, "notify.test.assigned");

    // An approval needs an approver's role; the approver is the caller.
    ActionInputs notice = Notice(clock_.Now());
    assigned = Apply(agent_, assigned, "contact", notice).value();
    ActionInputs schedule;
    schedule.times["appointment"] = clock_.Now() + 24h;
    assigned = Apply(agent_, assigned, "schedule", schedule).value();
    ActionInputs approval;
    approval.approval = Approval{"客户是老客户，特批上门费减免", StaffId()};
    EXPECT_EQ(FieldKey(Apply(agent_, assigned, "approve_exception", approval).error(), "inputs.approval"),
              "kernel.approver_required");
    assigned = Apply(supervisor_, assigned, "approve_exception", approval).value();
    EXPECT_NE(Events(assigned.id).back().inputs.find("\"approver_id\":" + std::to_string(supervisor_.staff_id.value())),
              std::string::npos);

    // Completion: only the assignee, with a signature and every checklist item.
    EXPECT_EQ(Apply(tech2_, assigned, "complete").error().message.key, "kernel.not_assignee");
    ActionInputs partial;
    partial.checklist["assembled"] = true;
    partial.checklist["cleaned"] = false;
    auto incomplete = Apply(tech_, assigned, "complete", partial);
    ASSERT_FALSE(incomplete);
    EXPECT_EQ(FieldKey(incomplete.error(), "inputs.signature"), "field.required");
    EXPECT_EQ(FieldKey(incomplete.error(), "inputs.checklist.cleaned"), "kernel.checklist_unchecked");
    EXPECT_EQ(FieldKey(incomplete.error(), "inputs.checklist.assembled"), "");
    EXPECT_EQ(Count("SELECT count(*) FROM blobs"), 0);

    ActionInputs complete;
    complete.checklist = {{"assembled", true}, {"cleaned", true}};
    complete.signature = SignatureImage{"image/png", kPng, "王女士"};
    const Document done = Apply(tech_, assigned, "complete", complete).value();
    EXPECT_EQ(done.state, "done");
    EXPECT_EQ(Count("SELECT count(*) FROM blobs"), 1);
    const std::string hash = Sha256Hex(kPng);
    EXPECT_NE(Events(done.id).back().inputs.find(hash), std::string::npos);
    EXPECT_TRUE(storage::RunInTransaction(*db_, TxMode::kRead, [&](Transaction& tx) {
                    return DocumentRepository::HasFile(tx, done.id, hash);
                }).value());
}

TEST_F(KernelTest, AvailableActionsFollowStateRoleAndAssignee) {
    const Document created = Create(agent_, store_a_);
    const auto names = [&](const Principal& who, const Document& document) {
        std::vector<std::string> out;
        for (const ActionDef* action : kernel_.AvailableActions(who, document)) {
            out.push_back(action->name);
        }
        return out;
    };
    EXPECT_EQ(names(agent_, created), (std::vector<std::string>{"contact"}));
    EXPECT_EQ(names(supervisor_, created), (std::vector<std::string>{"assign", "contact", "cancel"}));
    EXPECT_TRUE(names(agent_b_, created).empty());  // another store
    EXPECT_EQ(names(head_, created), (std::vector<std::string>{"assign", "cancel"}));
}

TEST_F(KernelTest, ACreationNotifiesTheActiveHoldersOfTheRoleInItsOwnStoreOnly) {
    const Principal supervisor2 = Add("supervisor2", store_a_, "aftersales_supervisor");
    const Principal supervisor_b = Add("supervisorb", store_b_, "aftersales_supervisor");
    auth::StaffInput retired;
    retired.username = "retired";
    retired.name = "离职主管";
    retired.store_id = store_a_;
    retired.roles = {"aftersales_supervisor"};
    retired.active = false;
    const auth::Staff inactive = identity_.CreateStaff(auth::SystemPrincipal(), retired).value();
    const Principal head_supervisor = Add("hqsupervisor", std::nullopt, "aftersales_supervisor");

    const Document created = Create(agent_, store_a_);
    EXPECT_EQ(Inbox(supervisor_).size(), 1u);
    EXPECT_EQ(Inbox(supervisor2).size(), 1u);
    EXPECT_TRUE(Inbox(supervisor_b).empty()) << "another store";
    EXPECT_TRUE(Inbox(head_supervisor).empty()) << "head office is not the document's store";
    EXPECT_TRUE(Inbox(auth::PrincipalOf(inactive, Principal::Via::kSession, 0, "")).empty()) << "inactive";
    EXPECT_TRUE(Inbox(agent_).empty()) << "not the rule's role";
    EXPECT_EQ(Inbox(supervisor_).front().document_id, created.id);
}

TEST_F(KernelTest, SlaTimersWarnBreachAndEscalate) {
    Document document = Create(agent_, store_a_);
    ActionInputs assign;
    assign.assignee = tech_.staff_id;
    document = Apply(supervisor_, document, "assign", assign).value();
    (void)sink_.Take();
    const std::int64_t events_before = static_cast<std::int64_t>(Events(document.id).size());

    EXPECT_EQ(kernel_.NextTimerFire().value(), At("2026-11-27T10:24:00+08:00"));
    clock_.Set(At("2026-11-27T10:23:59+08:00"));
    EXPECT_EQ(kernel_.FireDueTimers(64).value(), 0);

    // 80 %: a warning to the assignee.
    clock_.Set(At("2026-11-27T10:24:00+08:00"));
    EXPECT_EQ(kernel_.FireDueTimers(64).value(), 1);
    std::vector<EventRow> events = Events(document.id);
    ASSERT_EQ(events.size(), static_cast<std::size_t>(events_before + 1));
    EXPECT_EQ(events.back().action, "sla.warning");
    EXPECT_FALSE(events.back().actor_id);
    ASSERT_FALSE(Inbox(tech_).empty());
    EXPECT_EQ(Inbox(tech_)[0].message_key, "notify.sla_warning");
    EXPECT_NE(Inbox(tech_)[0].params.find("2026-11-27 10:30"), std::string::npos);  // store-local deadline
    EXPECT_EQ(kernel_.NextTimerFire().value(), At("2026-11-27T10:30:00+08:00"));

    // 100 %: a breach record, the supervisor and the assignee told.
    clock_.Set(At("2026-11-27T10:30:00.500+08:00"));
    EXPECT_EQ(kernel_.FireDueTimers(64).value(), 1);
    events = Events(document.id);
    EXPECT_EQ(events.back().action, "sla.breach");
    EXPECT_EQ(Timer(document.id, "test.first_contact")->state, "breached");
    EXPECT_EQ(Count("SELECT count(*) FROM sla_breaches WHERE name = 'test.first_contact' AND responsible_id = " +
                    std::to_string(tech_.staff_id.value())),
              1);
    EXPECT_EQ(Inbox(supervisor_)[0].message_key, "notify.sla_breach");
    EXPECT_EQ(Inbox(tech_)[0].message_key, "notify.sla_breach");
    EXPECT_TRUE(Inbox(head_).empty());
    const std::vector<Signal> signals = sink_.Take();
    EXPECT_TRUE(std::any_of(signals.begin(), signals.end(), [&](const Signal& s) {
        return s.kind == Signal::Kind::kNotification && s.staff == supervisor_.staff_id;
    }));

    // Still not handled after the escalation delay (30 minutes): the head of after-sales.
    clock_.Set(At("2026-11-27T10:59:59+08:00"));
    EXPECT_EQ(kernel_.FireDueTimers(64).value(), 0);
    clock_.Set(At("2026-11-27T11:00:00+08:00"));
    EXPECT_EQ(kernel_.FireDueTimers(64).value(), 1);
    EXPECT_EQ(Events(document.id).back().action, "sla.escalated");
    ASSERT_EQ(Inbox(head_).size(), 1u);
    EXPECT_EQ(Inbox(head_)[0].message_key, "notify.sla_escalated");
    EXPECT_FALSE(kernel_.NextTimerFire().value());

    // The chain still holds across the scheduler's events.
    const VerifyReport report = VerifyAuditTrail(*db_).value();
    EXPECT_FALSE(report.broken_document) << report.problem;

    // A contact after the breach still stops the clock; the breach stays on record.
    document = kernel_.Get(agent_, document.id, test_ticket::kType).value();
    ASSERT_TRUE(Apply(agent_, document, "contact", Notice(clock_.Now())));
    EXPECT_EQ(Timer(document.id, "test.first_contact")->state, "breached");
    EXPECT_TRUE(Timer(document.id, "test.first_contact")->stopped_at);
    EXPECT_EQ(Count("SELECT count(*) FROM sla_breaches"), 1);
}

TEST_F(KernelTest, AMetDeadlineNeverFires) {
    const Document document = Create(agent_, store_a_);
    clock_.Advance(10min);
    ASSERT_TRUE(Apply(agent_, document, "contact", Notice(clock_.Now())));
    EXPECT_FALSE(kernel_.NextTimerFire().value());
    clock_.Advance(2h);
    EXPECT_EQ(kernel_.FireDueTimers(64).value(), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM sla_breaches"), 0);
}

TEST_F(KernelTest, PausingMovesTheDeadlineByTheTimeSpentWaiting) {
    Document document = Scheduled(At("2026-11-28T15:00:00+08:00"));
    // "test.visit": by the end of the next local day.
    const TimerRow started = *Timer(document.id, "test.visit");
    EXPECT_EQ(started.deadline, At("2026-11-28T23:59:59.999+08:00"));

    clock_.Set(At("2026-11-27T12:00:00+08:00"));
    ActionInputs hold;
    hold.text["reason"] = "客户出差";
    document = Apply(agent_, document, "hold", hold).value();
    EXPECT_EQ(Timer(document.id, "test.visit")->state, "paused");
    EXPECT_FALSE(kernel_.NextTimerFire().value());

    clock_.Set(At("2026-11-28T20:00:00+08:00"));  // 32 hours of waiting
    document = Apply(agent_, document, "unhold").value();
    const TimerRow resumed = *Timer(document.id, "test.visit");
    EXPECT_EQ(resumed.state, "running");
    EXPECT_EQ(resumed.deadline, started.deadline + 32h);
    EXPECT_EQ(resumed.warn_at, started.warn_at + 32h);
    EXPECT_NE(Events(document.id).back().changes.find(R"("timer:test.visit":{"before":"paused","after":"running"})"),
              std::string::npos);
}

TEST_F(KernelTest, PoliciesComeFromTheStoreThenTheChainThenTheDefault) {
    storage::RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
        AC_RETURN_IF_ERROR(TimerRepository::PutPolicyOverride(
            tx, 0, "test.first_contact", RuleToJson(DeadlineRule{.minutes = 20}), head_.staff_id, clock_.Now()));
        return TimerRepository::PutPolicyOverride(
            tx, store_b_.value(), "test.first_contact",
            RuleToJson(DeadlineRule{.kind = DeadlineRule::Kind::kWorkingMinutes, .minutes = 60}), head_.staff_id,
            clock_.Now());
    }).value();
    // Store A: the chain's 20 minutes.
    EXPECT_EQ(Timer(Create(agent_, store_a_).id, "test.first_contact")->deadline, clock_.Now() + 20min);
    // Store B: 60 working minutes; at 17:30 with the default hours (09:00–18:00) that ends at 09:30 next morning.
    clock_.Set(At("2026-11-27T17:30:00+08:00"));
    EXPECT_EQ(Timer(Create(agent_b_, store_b_).id, "test.first_contact")->deadline, At("2026-11-28T09:30:00+08:00"));
}

TEST_F(KernelTest, TimersSurviveARestartAndMissedDeadlinesFireAtOnce) {
    const Document document = Create(agent_, store_a_);
    // The server is down from 10:01 to 12:00; a new kernel over the same database picks up where it was.
    clock_.Set(At("2026-11-27T12:00:00+08:00"));
    FakeClock later{clock_.Now()};
    RecordingSink sink;
    LocalFanout fanout{sink};
    Kernel restarted{*db_, later, registry_, policies_, directory_, *blobs_, fanout};
    EXPECT_EQ(restarted.NextTimerFire().value(), At("2026-11-27T10:24:00+08:00"));
    EXPECT_EQ(restarted.FireDueTimers(64).value(), 1);
    // The warning is moot by now: straight to the breach, in one firing.
    std::vector<std::string> actions;
    for (const EventRow& event : Events(document.id)) {
        actions.push_back(event.action);
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"create", "sla.breach"}));
    EXPECT_EQ(Count("SELECT count(*) FROM sla_breaches"), 1);
    // The escalation is 30 minutes after the deadline: also past.
    EXPECT_EQ(restarted.FireDueTimers(64).value(), 1);
    EXPECT_EQ(Events(document.id).back().action, "sla.escalated");
}

TEST_F(KernelTest, ATimerOfAPolicyNoLongerRegisteredStillFiresAndBlocksNoOther) {
    const Document document = Create(agent_, store_a_);
    storage::RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
        TimerRow orphan;
        orphan.document_id = document.id;
        orphan.name = "retired.policy";
        orphan.state = "running";
        orphan.started_at = clock_.Now();
        orphan.deadline = clock_.Now() + 1min;
        orphan.warn_at = orphan.deadline;
        orphan.warned = true;
        orphan.next_fire = orphan.deadline;
        return TimerRepository::Upsert(tx, orphan);
    }).value();
    clock_.Advance(31min);
    EXPECT_EQ(kernel_.FireDueTimers(64).value(), 2);
    EXPECT_EQ(Timer(document.id, "retired.policy")->state, "breached");
    EXPECT_EQ(Timer(document.id, "test.first_contact")->state, "breached");
}

TEST_F(KernelTest, EightConcurrentActionsOnOneVersionExactlyOneWins) {
    const Document document = Create(agent_, store_a_);
    constexpr int kClients = 8;
    std::barrier start(kClients);
    std::atomic<int> won{0};
    std::atomic<int> stale{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.emplace_back([&, i] {
            ActionInputs inputs = Notice(clock_.Now());
            inputs.comment = "client " + std::to_string(i);
            start.arrive_and_wait();
            auto result = kernel_.Apply(agent_, ApplyRequest{document.id, "contact", 1, inputs, "r"});
            if (result) {
                ++won;
            } else if (result.error().message.key == "kernel.stale_version") {
                ++stale;
            } else {
                ADD_FAILURE() << result.error().message.key << " " << result.error().detail;
            }
        });
    }
    for (std::thread& client : clients) {
        client.join();
    }
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(stale.load(), kClients - 1);
    EXPECT_EQ(Events(document.id).size(), 2u);
    EXPECT_EQ(kernel_.Get(agent_, document.id, test_ticket::kType)->version, 2);
    EXPECT_FALSE(VerifyAuditTrail(*db_)->broken_document);
}

// rules: Q1 Q2 Q3
TEST_F(KernelTest, EventsCannotBeChangedAndTamperingIsFound) {
    const Document document = Create(agent_, store_a_);
    ASSERT_TRUE(Apply(agent_, document, "contact", Notice(clock_.Now())));
    Create(agent_, store_a_);

    VerifyReport report = VerifyAuditTrail(*db_).value();
    EXPECT_EQ(report.documents, 2);
    EXPECT_EQ(report.events, 3);
    EXPECT_FALSE(report.broken_document);

    // The database itself refuses to change or remove an event.
    for (const std::string sql : {"UPDATE events SET comment = 'x'", "DELETE FROM events"}) {
        const Status changed = storage::RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
            AC_RETURN_IF_ERROR(tx.Execute(sql));
            return Ok();
        });
        EXPECT_FALSE(changed) << sql;
    }
    EXPECT_EQ(Count("SELECT count(*) FROM events"), 3);

    // Someone with the database owner's rights drops the guard and edits history: verify finds the link.
    const std::string drop = db_->backend() == storage::Backend::kSqlite
                                 ? "DROP TRIGGER events_no_update"
                                 : "DROP TRIGGER events_no_update_or_delete ON events";
    ASSERT_TRUE(storage::RunInTransaction(*db_, TxMode::kSchema, [&](Transaction& tx) -> Status {
        AC_RETURN_IF_ERROR(tx.ExecuteScript(drop));
        AC_RETURN_IF_ERROR(
            tx.Execute("UPDATE events SET comment = '改过' WHERE document_id = $1 AND seq = 2", {document.id}));
        return Ok();
    }));
    report = VerifyAuditTrail(*db_).value();
    ASSERT_TRUE(report.broken_document);
    EXPECT_EQ(*report.broken_document, document.id);
    EXPECT_EQ(report.broken_seq, 2);
    EXPECT_FALSE(report.problem.empty());
}

TEST_F(KernelTest, MatchingWebhooksAreQueuedInTheSameTransaction) {
    storage::RunInTransaction(*db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
        Subscription all{0, "http://127.0.0.1:9/all", "s1", {"document.test_ticket.*"}, true, clock_.Now()};
        Subscription breaches{0, "http://127.0.0.1:9/sla", "s2", {"sla.breach"}, true, clock_.Now()};
        AC_RETURN_IF_ERROR(WebhookRepository::InsertSubscription(tx, all, head_.staff_id));
        AC_RETURN_IF_ERROR(WebhookRepository::InsertSubscription(tx, breaches, head_.staff_id));
        return Ok();
    }).value();
    const Document document = Create(agent_, store_a_);
    ASSERT_TRUE(Apply(agent_, document, "contact", Notice(clock_.Now())));
    EXPECT_EQ(Count("SELECT count(*) FROM outbox WHERE subscription_id = 1"), 2);  // created, contact
    EXPECT_EQ(Count("SELECT count(*) FROM outbox WHERE subscription_id = 2"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM outbox WHERE event_type = 'document.test_ticket.contact' AND payload LIKE "
                    "'%\"from_state\":\"new\"%'"),
              1);
    // A refused action queues nothing.
    ASSERT_FALSE(Apply(agent_, document, "contact", Notice(clock_.Now())));
    EXPECT_EQ(Count("SELECT count(*) FROM outbox"), 2);
}

// A new timer wakes the scheduler only when it fires before the scheduler would wake anyway: every registration
// starts a 30-minute timer, and each needless wake-up is a transaction and two thread switches.
TEST_F(KernelTest, TheSchedulerSleepsOnThroughATimerLaterThanItsOwnWakeUp) {
    Scheduler scheduler(kernel_, clock_, {.max_sleep = std::chrono::seconds(60)});
    scheduler.Start();
    const auto settles_at = [&](std::uint64_t wakeups) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (scheduler.stats().wakeups < wakeups && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));  // no further wake-up follows
        return scheduler.stats().wakeups;
    };
    ASSERT_EQ(settles_at(1), 1u) << "no timers: it sleeps for its longest sleep, a minute";
    scheduler.WakeFor(clock_.Now() + 30min);
    EXPECT_EQ(settles_at(1), 1u) << "a timer 30 minutes out does not wake it";
    scheduler.WakeFor(clock_.Now() + 10s);
    EXPECT_EQ(settles_at(2), 2u) << "a timer before its own wake-up does";
    scheduler.Wake();
    EXPECT_EQ(settles_at(3), 3u);
    scheduler.Stop();
}

}  // namespace
}  // namespace ac::kernel

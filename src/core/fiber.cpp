#include "core/fiber.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/context/fiber.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>

#include "core/thread_name.hpp"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define AC_FIBER_ASAN 1
#endif

namespace ac::fiber {
namespace {

namespace ctx = boost::context;

thread_local Locals tl_thread_locals;
thread_local Locals* tl_locals = &tl_thread_locals;

// A stack's lowest address and size, as AddressSanitizer wants them when the thread switches stacks.
struct StackBounds {
    const void* bottom = nullptr;
    std::size_t size = 0;
};

// AddressSanitizer must hear of every switch of stacks (its bookkeeping of the stack in use, and the fake frames of
// detect_stack_use_after_return). Each switch is: Leaving() before, Arrived() on the other side.
void Leaving([[maybe_unused]] void** fake_stack, [[maybe_unused]] const StackBounds& to) {
#if AC_FIBER_ASAN
    __sanitizer_start_switch_fiber(fake_stack, to.bottom, to.size);
#endif
}

void Arrived([[maybe_unused]] void* fake_stack, [[maybe_unused]] StackBounds* from) {
#if AC_FIBER_ASAN
    __sanitizer_finish_switch_fiber(fake_stack, from != nullptr ? &from->bottom : nullptr,
                                    from != nullptr ? &from->size : nullptr);
#endif
}

struct Worker;
struct Scheduler;

}  // namespace

struct FiberPool::Impl {
    explicit Impl(Options o) : options(o) {}

    void ThreadMain();
    std::unique_ptr<Job> TakeJob(bool wait, Scheduler& s);

    const Options options;
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<std::unique_ptr<Job>> jobs;  // guarded by mutex
    std::atomic<std::size_t> queued{0};     // jobs.size(), read without the mutex
    std::size_t sleeping = 0;               // threads waiting for a job; guarded by mutex
    bool stopping = false;                  // guarded by mutex
    std::vector<std::thread> threads;
};

namespace {

// One thread's fibers and its queue of fibers ready to go on. Used by that thread only, but for `woken`.
struct Scheduler {
    FiberPool::Impl* pool = nullptr;
    const std::atomic<std::size_t>* queued = nullptr;  // the pool's jobs not yet started
    std::vector<Worker*> woken;     // fibers whose Event was set by another thread; guarded by pool->mutex
    std::size_t event_waiters = 0;  // fibers suspended in Event::Wait (this thread stays until they went on)
    Worker* current = nullptr;
    std::deque<Worker*> ready;
    std::vector<Worker*> idle_waiters;  // suspended in WaitForIdle
    std::vector<Worker*> free;          // done with their job, waiting for the next
    std::vector<std::unique_ptr<Worker>> workers;
    StackBounds thread_stack;  // learnt when a fiber first starts
    void* fake_stack = nullptr;
};

thread_local Scheduler* tl_scheduler = nullptr;

// A fiber that runs one job after another.
struct Worker {
    ctx::fiber fiber;      // where the scheduler resumes it
    ctx::fiber scheduler;  // while it runs: where it returns to
    StackBounds stack;
    void* fake_stack = nullptr;
    Locals locals;
    std::unique_ptr<FiberPool::Job> job;
    Scheduler* owner = nullptr;  // the thread's scheduler
    bool retire = false;

    // On the fiber: gives the thread back to the scheduler until resumed.
    void Suspend() {
        tl_locals = &tl_thread_locals;
        Leaving(&fake_stack, tl_scheduler->thread_stack);
        scheduler = std::move(scheduler).resume();
        Arrived(fake_stack, nullptr);
        tl_locals = &locals;
    }

    // On the scheduler: runs the fiber until it suspends.
    void Resume(Scheduler& s) {
        s.current = this;
        tl_locals = &locals;
        Leaving(&s.fake_stack, stack);
        fiber = std::move(fiber).resume();
        Arrived(s.fake_stack, nullptr);
        tl_locals = &tl_thread_locals;
        s.current = nullptr;
    }
};

// Stacks from mmap with a guard page; remembers where the stack is, for AddressSanitizer.
class RecordingStack {
  public:
    RecordingStack(std::size_t size, StackBounds& bounds) : stacks_(size), bounds_(bounds) {}
    ctx::stack_context allocate() {
        ctx::stack_context stack = stacks_.allocate();
        bounds_.bottom = static_cast<char*>(stack.sp) - stack.size;
        bounds_.size = stack.size;
        return stack;
    }
    void deallocate(ctx::stack_context& stack) noexcept { stacks_.deallocate(stack); }

  private:
    ctx::protected_fixedsize_stack stacks_;
    StackBounds& bounds_;
};

Worker& NewWorker(Scheduler& s, std::size_t stack_bytes) {
    auto owned = std::make_unique<Worker>();
    Worker* w = owned.get();
    w->owner = &s;
    w->fiber = ctx::fiber(std::allocator_arg, RecordingStack(stack_bytes, w->stack), [w](ctx::fiber&& from) {
        Scheduler& scheduler = *tl_scheduler;
        Arrived(nullptr, &scheduler.thread_stack);
        w->scheduler = std::move(from);
        tl_locals = &w->locals;
        for (;;) {
            if (w->job) {
                w->job->Run();  // a job that throws ends the process, as it would on a thread
                w->job.reset();
            }
            w->locals = Locals{};
            if (w->retire) {
                break;
            }
            scheduler.free.push_back(w);
            w->Suspend();
        }
        tl_locals = &tl_thread_locals;
        Leaving(nullptr, scheduler.thread_stack);  // this stack is done
        return std::move(w->scheduler);
    });
    s.workers.push_back(std::move(owned));
    return *w;
}

}  // namespace

// Takes the next job; with `wait`, sleeps until one comes or a fiber of `s` is woken (then nullptr). Moves the fibers
// other threads woke to `s.ready`.
std::unique_ptr<FiberPool::Job> FiberPool::Impl::TakeJob(bool wait, Scheduler& s) {
    std::unique_lock lock(mutex);
    if (wait) {
        ++sleeping;
        wake.wait(lock, [&] { return (stopping && s.event_waiters == 0) || !jobs.empty() || !s.woken.empty(); });
        --sleeping;
    }
    if (!s.woken.empty()) {
        s.event_waiters -= s.woken.size();
        s.ready.insert(s.ready.end(), s.woken.begin(), s.woken.end());
        s.woken.clear();
        if (wait) {
            return nullptr;
        }
    }
    if (jobs.empty()) {
        return nullptr;
    }
    std::unique_ptr<Job> job = std::move(jobs.front());
    jobs.pop_front();
    queued.store(jobs.size(), std::memory_order_relaxed);
    return job;
}

void FiberPool::Impl::ThreadMain() {
    Scheduler s;
    s.pool = this;
    s.queued = &queued;
    tl_scheduler = &s;
    // Gives `job` to a free fiber, or to a new one.
    const auto assign = [&](std::unique_ptr<Job> job) -> Worker* {
        Worker* worker = nullptr;
        if (s.free.empty()) {
            worker = &NewWorker(s, options.stack_bytes);
        } else {
            worker = s.free.back();
            s.free.pop_back();
        }
        worker->job = std::move(job);
        return worker;
    };
    // Fibers that are suspended go on first, then new jobs start, then the fibers waiting for an idle thread go on;
    // when none of them is left, every fiber is free and the thread sleeps until a job comes.
    for (;;) {
        Worker* next = nullptr;
        if (!s.ready.empty()) {
            next = s.ready.front();
            s.ready.pop_front();
        } else if (std::unique_ptr<Job> job = TakeJob(false, s)) {
            next = assign(std::move(job));
        } else if (!s.ready.empty()) {
            continue;  // fibers another thread woke
        } else if (!s.idle_waiters.empty()) {
            s.ready.insert(s.ready.end(), s.idle_waiters.begin(), s.idle_waiters.end());
            s.idle_waiters.clear();
            continue;
        } else if (std::unique_ptr<Job> awaited = TakeJob(true, s)) {
            next = assign(std::move(awaited));
        } else if (!s.ready.empty()) {
            continue;
        } else {
            break;  // stopping, and nothing is left
        }
        next->Resume(s);
    }
    for (const std::unique_ptr<Worker>& w : s.workers) {
        w->retire = true;
        w->Resume(s);  // it leaves its loop and its stack is freed
    }
    tl_scheduler = nullptr;
}

Locals& CurrentLocals() {
    return *tl_locals;
}

bool InFiber() {
    return tl_scheduler != nullptr && tl_scheduler->current != nullptr;
}

bool OthersReady() {
    const Scheduler* s = tl_scheduler;
    if (s == nullptr || s->current == nullptr) {
        return false;
    }
    return !s->ready.empty() || s->queued->load(std::memory_order_relaxed) > 0;
}

void WaitForIdle() {
    Scheduler* s = tl_scheduler;
    if (s == nullptr || s->current == nullptr) {
        return;
    }
    Worker* self = s->current;
    s->idle_waiters.push_back(self);
    self->Suspend();
}

void WakeIdle() {
    Scheduler* s = tl_scheduler;
    if (s == nullptr) {
        return;
    }
    s->ready.insert(s->ready.end(), s->idle_waiters.begin(), s->idle_waiters.end());
    s->idle_waiters.clear();
}

void Event::Wait() {
    std::unique_lock lock(mutex_);
    if (set_) {
        return;
    }
    Scheduler* s = tl_scheduler;
    if (s == nullptr || s->current == nullptr) {
        set_signal_.wait(lock, [this] { return set_; });
        return;
    }
    Worker* self = s->current;
    fiber_waiters_.push_back(self);
    ++s->event_waiters;  // this thread's own count: Set only touches `woken`, under the pool's mutex
    lock.unlock();
    // A Set from now on puts this fiber into `woken`, which its thread looks at only after the fiber is suspended.
    self->Suspend();
}

void Event::Set() {
    std::vector<void*> waiters;
    {
        std::lock_guard lock(mutex_);
        set_ = true;
        waiters.swap(fiber_waiters_);
    }
    set_signal_.notify_all();
    for (void* waiter : waiters) {
        Worker* worker = static_cast<Worker*>(waiter);
        FiberPool::Impl* pool = worker->owner->pool;
        {
            std::lock_guard lock(pool->mutex);
            worker->owner->woken.push_back(worker);
        }
        pool->wake.notify_all();  // the threads share one condition: the fiber's own must hear it
    }
}

FiberPool::FiberPool(Options options) : impl_(std::make_unique<Impl>(options)) {
    const std::size_t threads = std::max<std::size_t>(1, options.threads);
    for (std::size_t i = 0; i < threads; ++i) {
        impl_->threads.emplace_back([impl = impl_.get()] {
            NameThisThread("ac-write-fiber");
            impl->ThreadMain();
        });
    }
}

FiberPool::~FiberPool() {
    Join();
}

void FiberPool::Post(std::unique_ptr<Job> job) {
    bool notify = false;
    {
        std::lock_guard lock(impl_->mutex);
        impl_->jobs.push_back(std::move(job));
        impl_->queued.store(impl_->jobs.size(), std::memory_order_relaxed);
        notify = impl_->sleeping > 0;
    }
    if (notify) {
        impl_->wake.notify_one();
    }
}

void FiberPool::Run(void (*task)(void*), void* arg) {
    if (InFiber()) {
        task(arg);
        return;
    }
    // Shared by the caller and the job: the job may still be signalling when the caller, woken, returns.
    struct Done {
        std::mutex mutex;
        std::condition_variable signal;
        bool done = false;  // guarded by mutex
    };
    struct Handoff final : Job {
        Handoff(void (*t)(void*), void* a, std::shared_ptr<Done> d)
            : task(t), arg(a), locals(CurrentLocals()), done(std::move(d)) {}
        void Run() override {
            CurrentLocals() = locals;
            task(arg);
            {
                std::lock_guard lock(done->mutex);
                done->done = true;
            }
            done->signal.notify_one();
        }
        void (*task)(void*);
        void* arg;
        Locals locals;
        std::shared_ptr<Done> done;
    };
    auto done = std::make_shared<Done>();
    Post(std::unique_ptr<Job>(new Handoff(task, arg, done)));
    std::unique_lock lock(done->mutex);
    done->signal.wait(lock, [&] { return done->done; });
}

void FiberPool::Join() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->wake.notify_all();
    for (std::thread& thread : impl_->threads) {
        if (thread.joinable()) {
            thread.join();
        }
    }
}

}  // namespace ac::fiber

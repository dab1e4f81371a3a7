// Fibers: many requests on a few threads. A FiberPool runs each job on a fiber (a stack of its own) of one of its
// threads; a job that has to wait for something the same thread will do (its group commit) suspends its fiber and
// the thread runs the next job meanwhile, instead of parking a thread and waking another. Switching fibers costs
// tens of nanoseconds; switching threads costs a trip through the kernel (and, on a paravirtualised machine, the
// hypervisor).
//
// A fiber stays on the thread that started it. Code running on a fiber may block its thread like any code (a mutex,
// a system call): the thread's other fibers then wait too, so fibers suit jobs that mostly compute and wait for each
// other, not for the network.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

namespace ac::fiber {

// What belongs to the work being done, not to the thread that does it: on a fiber, its own copy, which goes with it
// when it is suspended; elsewhere, the thread's.
struct Locals {
    std::string_view request_id;  // the request being served, for the log
};
[[nodiscard]] Locals& CurrentLocals();

// Whether the caller runs on a FiberPool's fiber.
[[nodiscard]] bool InFiber();

// On a fiber: whether its thread has other work it could do now (fibers ready to go on, jobs not yet started).
// Elsewhere: false.
[[nodiscard]] bool OthersReady();

// On a fiber: suspends it until its thread has nothing else ready, or until WakeIdle() on that thread. Elsewhere:
// returns at once.
void WaitForIdle();

// Makes the fibers of the calling thread that wait in WaitForIdle ready again (the state they wait for changed).
// Does nothing off a fiber thread.
void WakeIdle();

// A one-shot signal that another thread gives. Waiting on a fiber suspends only the fiber (its thread runs its other
// work, or sleeps); waiting elsewhere blocks the thread. Set may come before Wait; both are thread-safe.
class Event {
  public:
    void Wait();
    void Set();

  private:
    std::mutex mutex_;
    std::condition_variable set_signal_;
    bool set_ = false;                  // guarded by mutex_
    std::vector<void*> fiber_waiters_;  // guarded by mutex_; suspended fibers (of their pools' threads)
};

class FiberPool {
  public:
    struct Options {
        std::size_t threads = 1;
        std::size_t stack_bytes = 512 * 1024;  // each fiber's stack (pages are used as touched), with a guard page
    };

    // A job: run once, on some fiber.
    class Job {
      public:
        virtual ~Job() = default;
        virtual void Run() = 0;
    };

    explicit FiberPool(Options options);
    ~FiberPool();  // Join()
    FiberPool(const FiberPool&) = delete;
    FiberPool& operator=(const FiberPool&) = delete;

    // Queues `job`; thread-safe.
    void Post(std::unique_ptr<Job> job);
    template <class F>
    void Post(F function) {
        struct Wrapped final : Job {
            explicit Wrapped(F f) : function(std::move(f)) {}
            void Run() override { function(); }
            F function;
        };
        Post(std::unique_ptr<Job>(new Wrapped(std::move(function))));
    }

    // Runs `task(arg)` on one of the pool's fibers, with the caller's Locals, and returns once it has run. On a
    // fiber (of this pool: the caller must not be another pool's), runs it there and then. Thread-safe.
    void Run(void (*task)(void*), void* arg);

    // Runs every job queued and started to its end, then stops the threads. Posting after Join is a bug.
    void Join();

    struct Impl;  // opaque: fiber.cpp's

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ac::fiber

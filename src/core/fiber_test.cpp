#include "core/fiber.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "log/log.hpp"

namespace ac::fiber {
namespace {

TEST(Fiber, EveryJobRunsOnAFiberAndJoinWaitsForThem) {
    std::atomic<int> ran{0};
    std::atomic<int> off_fiber{0};
    {
        FiberPool pool({.threads = 2});
        for (int i = 0; i < 1000; ++i) {
            pool.Post([&] {
                if (!InFiber()) {
                    ++off_fiber;
                }
                ++ran;
            });
        }
        pool.Join();
        EXPECT_EQ(ran.load(), 1000);
    }
    EXPECT_EQ(off_fiber.load(), 0);
    EXPECT_FALSE(InFiber());
    EXPECT_FALSE(OthersReady()) << "off a fiber there is nothing to hand over to";
    WaitForIdle();  // off a fiber: returns at once
}

// A job that waits lets the thread run the others first; it goes on once the thread has nothing else to do.
TEST(Fiber, AWaitingFiberGoesOnWhenItsThreadIsIdle) {
    FiberPool pool({.threads = 1});
    std::promise<void> both_posted;
    std::shared_future<void> gate = both_posted.get_future().share();
    std::vector<std::string> order;  // written on the pool's one thread only
    bool others_ready_seen = false;
    pool.Post([&] {
        gate.wait();  // the second job is queued before this one looks
        others_ready_seen = OthersReady();
        order.push_back("first waits");
        WaitForIdle();
        order.push_back("first goes on");
        EXPECT_FALSE(OthersReady());
    });
    pool.Post([&] { order.push_back("second runs"); });
    both_posted.set_value();
    pool.Join();
    EXPECT_TRUE(others_ready_seen);
    EXPECT_EQ(order, (std::vector<std::string>{"first waits", "second runs", "first goes on"}));
}

// WakeIdle lets the waiting fibers go on at once, before jobs not yet started.
TEST(Fiber, WakeIdleLetsWaitersGoOnBeforeNewJobs) {
    FiberPool pool({.threads = 1});
    std::promise<void> posted;
    std::shared_future<void> gate = posted.get_future().share();
    std::vector<std::string> order;
    pool.Post([&] {
        gate.wait();
        order.push_back("a waits");
        WaitForIdle();
        order.push_back("a goes on");
    });
    pool.Post([&] {
        order.push_back("b wakes");
        WakeIdle();
    });
    pool.Post([&] { order.push_back("c runs"); });
    posted.set_value();
    pool.Join();
    EXPECT_EQ(order, (std::vector<std::string>{"a waits", "b wakes", "a goes on", "c runs"}));
}

// Many fibers suspended at once, each with its own request id for the log, which it finds again when it goes on;
// the thread's own id is left alone.
TEST(Fiber, EachFiberKeepsItsOwnRequestId) {
    const log::RequestScope outside("outside");
    std::mutex mutex;
    std::set<std::string> mismatched;
    std::atomic<int> done{0};
    {
        FiberPool pool({.threads = 2});
        for (int i = 0; i < 300; ++i) {
            pool.Post([&, i] {
                const std::string id = "r" + std::to_string(i);
                EXPECT_EQ(log::CurrentRequestId(), "") << "a fiber starts without the previous job's id";
                const log::RequestScope scope(id);
                for (int round = 0; round < 3; ++round) {
                    WaitForIdle();
                    if (log::CurrentRequestId() != id) {
                        std::lock_guard lock(mutex);
                        mismatched.insert(id + " saw " + std::string(log::CurrentRequestId()));
                    }
                }
                ++done;
            });
        }
        pool.Join();
    }
    EXPECT_EQ(done.load(), 300);
    EXPECT_TRUE(mismatched.empty()) << *mismatched.begin();
    EXPECT_EQ(log::CurrentRequestId(), "outside");
}

// Run hands a task from plain threads to a fiber of the pool, with the caller's request id, and returns once it has
// run; called on the pool's own fiber it runs the task there and then (a pool of one thread would otherwise wait for
// itself).
TEST(Fiber, RunHandsATaskToAFiberAndWaitsForIt) {
    FiberPool pool({.threads = 1});
    std::mutex mutex;
    std::set<std::thread::id> pool_threads;
    std::atomic<int> off_fiber{0};
    std::atomic<int> wrong_id{0};
    std::atomic<int> not_done{0};
    std::vector<std::thread> callers;
    for (int t = 0; t < 8; ++t) {
        callers.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                const std::string id = "c" + std::to_string(t) + "-" + std::to_string(i);
                const log::RequestScope scope(id);
                struct Task {
                    std::mutex* mutex;
                    std::set<std::thread::id>* threads;
                    std::atomic<int>* off_fiber;
                    std::atomic<int>* wrong_id;
                    const std::string* id;
                    bool ran = false;
                } task{&mutex, &pool_threads, &off_fiber, &wrong_id, &id};
                pool.Run(
                    [](void* arg) {
                        auto& handed = *static_cast<Task*>(arg);
                        if (!InFiber()) {
                            ++*handed.off_fiber;
                        }
                        if (log::CurrentRequestId() != *handed.id) {
                            ++*handed.wrong_id;
                        }
                        {
                            std::lock_guard lock(*handed.mutex);
                            handed.threads->insert(std::this_thread::get_id());
                        }
                        WaitForIdle();  // the fiber may wait and go on before Run returns
                        handed.ran = true;
                    },
                    &task);
                if (!task.ran) {
                    ++not_done;
                }
                if (log::CurrentRequestId() != id) {
                    ++wrong_id;
                }
            }
        });
    }
    for (auto& caller : callers) {
        caller.join();
    }
    EXPECT_EQ(off_fiber.load(), 0);
    EXPECT_EQ(wrong_id.load(), 0);
    EXPECT_EQ(not_done.load(), 0) << "Run returned before its task had run";
    ASSERT_EQ(pool_threads.size(), 1u) << "every task ran on the pool's one thread";
    EXPECT_EQ(pool_threads.count(std::this_thread::get_id()), 0u);

    std::atomic<bool> nested_inline{false};
    pool.Post([&] {
        const std::thread::id here = std::this_thread::get_id();
        struct Nested {
            std::thread::id here;
            bool same = false;
        } nested{here};
        pool.Run(
            [](void* arg) {
                auto& n = *static_cast<Nested*>(arg);
                n.same = std::this_thread::get_id() == n.here;
            },
            &nested);
        nested_inline = nested.same;
    });
    pool.Join();
    EXPECT_TRUE(nested_inline.load()) << "on a fiber, Run runs the task in place";
}

// Fibers waiting for an Event leave their thread to other jobs (and to sleep) until another thread sets it; Join
// waits for them; an Event already set does not wait; a plain thread waiting blocks until it is set.
TEST(Fiber, AFiberWaitsForAnEventThatAnotherThreadSets) {
    constexpr int kWaiters = 20;
    std::vector<std::unique_ptr<Event>> events;
    for (int i = 0; i < kWaiters; ++i) {
        events.push_back(std::make_unique<Event>());
    }
    std::atomic<int> woke{0};
    std::atomic<int> others_ran{0};
    std::atomic<int> woke_before_set{0};
    std::atomic<bool> all_set{false};
    FiberPool pool({.threads = 1});
    for (int i = 0; i < kWaiters; ++i) {
        pool.Post([&, i] {
            events[static_cast<std::size_t>(i)]->Wait();
            if (!all_set.load()) {
                ++woke_before_set;
            }
            ++woke;
        });
    }
    std::promise<void> others_done;
    pool.Post([&] {
        ++others_ran;  // runs although every fiber before it is waiting
        others_done.set_value();
    });
    ASSERT_EQ(others_done.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
    EXPECT_EQ(woke.load(), 0);
    std::thread setter([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the pool's thread goes to sleep meanwhile
        all_set = true;
        for (auto& event : events) {
            event->Set();
        }
    });
    pool.Join();  // returns only once every waiter went on
    setter.join();
    EXPECT_EQ(woke.load(), kWaiters);
    EXPECT_EQ(woke_before_set.load(), 0);
    EXPECT_EQ(others_ran.load(), 1);

    Event early;
    early.Set();
    early.Wait();  // set before: returns at once
    Event later;
    std::atomic<bool> passed{false};
    std::thread plain([&] {
        later.Wait();
        passed = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_FALSE(passed.load());
    later.Set();
    plain.join();
    EXPECT_TRUE(passed.load());
}

// A fiber's stack holds deep calls and large frames (a parser's recursion, SQLite's statements).
int Deep(int depth) {
    volatile char frame[1024];
    frame[0] = static_cast<char>(depth);
    return depth == 0 ? frame[0] : Deep(depth - 1) + frame[0] - static_cast<char>(depth) + 1;
}

TEST(Fiber, AFiberHasRoomForDeepCalls) {
    FiberPool pool({.threads = 1});
    std::atomic<int> result{-1};
    pool.Post([&] { result = Deep(150); });  // about 150 KiB of frames
    pool.Join();
    EXPECT_EQ(result.load(), 150);
}

}  // namespace
}  // namespace ac::fiber

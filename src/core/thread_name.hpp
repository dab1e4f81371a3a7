// Names the calling thread for `top -H`, `perf` and debuggers (Linux keeps the first 15 bytes); marks a thread as
// one that need not run the moment it is woken.
#pragma once

#include <string>
#include <string_view>

#include <pthread.h>
#include <sched.h>

namespace ac {

inline void NameThisThread(std::string_view name) {
    const std::string text(name.substr(0, 15));
    (void)pthread_setname_np(pthread_self(), text.c_str());
}

// Marks the calling thread SCHED_BATCH (once; later calls do nothing): when woken it waits for its turn on a core
// instead of preempting the thread that runs there. For threads that hand work to the write fibers and wait for it:
// the fibers' thread wakes one of them per write, and being preempted each time would leave the database's single
// writer waiting for a core.
inline void LetOthersRunFirstWhenWoken() {
    thread_local const bool marked = [] {
        sched_param param{};
        return pthread_setschedparam(pthread_self(), SCHED_BATCH, &param) == 0;
    }();
    (void)marked;
}

}  // namespace ac

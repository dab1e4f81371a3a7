// Names the calling thread for `top -H`, `perf` and debuggers (Linux keeps the first 15 bytes).
#pragma once

#include <string>
#include <string_view>

#include <pthread.h>

namespace ac {

inline void NameThisThread(std::string_view name) {
    const std::string text(name.substr(0, 15));
    (void)pthread_setname_np(pthread_self(), text.c_str());
}

}  // namespace ac

// The monotonic clock that statement budgets and query timings read (several times per
// statement). Natively it is std::chrono::steady_clock. Under Emscripten, libc++'s
// steady_clock::now() reaches clock_gettime through a JavaScript invoke trampoline (the
// libc++ gramlab links there is built with exception catching, for yaml-cpp) and costs
// several times a query's own work on a primary key lookup; emscripten_get_now() is one
// direct call into performance.now() (node: process.hrtime).
#pragma once

#include <chrono>
#include <cstdint>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#endif

namespace gramlab {

#ifdef __EMSCRIPTEN__
struct MonotonicClock {
    using duration = std::chrono::nanoseconds;
    using rep = duration::rep;
    using period = duration::period;
    using time_point = std::chrono::time_point<MonotonicClock>;
    static constexpr bool is_steady = true;
    static time_point now() noexcept {
        // Milliseconds as a double with microsecond resolution or better.
        return time_point(duration(static_cast<int64_t>(emscripten_get_now() * 1e6)));
    }
};
#else
using MonotonicClock = std::chrono::steady_clock;
#endif

}  // namespace gramlab

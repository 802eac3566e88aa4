// heap_bytes_in_use() per allocator (see heap.hpp).
#include "core/common/heap.hpp"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GRAMLAB_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define GRAMLAB_ASAN 1
#endif

#if defined(GRAMLAB_ASAN)
// Exported by the sanitizer runtime (g++ ships no header for it).
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#elif defined(__EMSCRIPTEN__)
#include <unistd.h>
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

namespace gramlab {

size_t heap_bytes_in_use() {
#if defined(GRAMLAB_ASAN)
    return __sanitizer_get_current_allocated_bytes();
#elif defined(__EMSCRIPTEN__)
    // dlmalloc's mallinfo() walks every chunk of the heap: milliseconds on a big heap, paid at
    // every statement (benchmarked: 2-5 ms per pk lookup). The top of the heap (sbrk(0)) is
    // free to read; it grows when the allocator needs more memory than the freed chunks give,
    // which is what a runaway statement does. Memory reused from earlier frees is not counted.
    return reinterpret_cast<size_t>(sbrk(0));
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
#else
    return 0;
#endif
}

}  // namespace gramlab

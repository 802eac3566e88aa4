// How many bytes the process's heap holds right now, for the shell's memory budget: the
// interpreter compares it with the value at the start of a statement. Uses the allocator's
// own statistics (glibc's mallinfo2, the sanitizer allocator under ASan) so it costs
// microseconds and needs no hooks in operator new; under Emscripten, the top of the heap
// (sbrk(0)), since dlmalloc's mallinfo walks the whole heap.
#pragma once

#include <cstddef>

namespace gramlab {

//! Bytes currently allocated from the heap (0 when the allocator cannot tell).
size_t heap_bytes_in_use();

}  // namespace gramlab

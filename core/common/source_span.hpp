// A place in user-supplied text (models.py, a shell statement, a Dockerfile).
// Spans are byte offsets; line and column are computed only when rendering.
#pragma once

#include <cstdint>
#include <string_view>

namespace gramlab {

struct SourceSpan {
    uint32_t offset = UINT32_MAX;  // UINT32_MAX marks a synthesised node with no source
    uint32_t length = 0;

    bool valid() const { return offset != UINT32_MAX; }
    uint32_t end() const { return offset + length; }
    //! The smallest span covering both (either may be invalid).
    static SourceSpan cover(SourceSpan a, SourceSpan b) {
        if (!a.valid()) return b;
        if (!b.valid()) return a;
        uint32_t lo = a.offset < b.offset ? a.offset : b.offset;
        uint32_t hi = a.end() > b.end() ? a.end() : b.end();
        return SourceSpan{lo, hi - lo};
    }
};

//! 1-based line and column (column counts Unicode code points, as Python's tracebacks do).
struct LineCol {
    int line = 0;
    int column = 0;
};

//! Computes the line and column of `offset` in `text`.
LineCol line_col(std::string_view text, uint32_t offset);

//! The full text of the 1-based line `line` (without its newline).
std::string_view line_text(std::string_view text, int line);

}  // namespace gramlab

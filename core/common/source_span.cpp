// Line/column computation for SourceSpan, done lazily at render time.
#include "core/common/source_span.hpp"

namespace gramlab {

LineCol line_col(std::string_view text, uint32_t offset) {
    LineCol lc{1, 1};
    if (offset > text.size()) offset = static_cast<uint32_t>(text.size());
    for (uint32_t i = 0; i < offset; ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++lc.line;
            lc.column = 1;
        } else if ((c & 0xC0) != 0x80) {  // count code points, not UTF-8 continuation bytes
            ++lc.column;
        }
    }
    return lc;
}

std::string_view line_text(std::string_view text, int line) {
    size_t start = 0;
    for (int l = 1; l < line; ++l) {
        size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) return {};
        start = nl + 1;
    }
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view s = text.substr(start, end - start);
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    return s;
}

}  // namespace gramlab

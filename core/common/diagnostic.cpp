// The single error renderer: location, headline, source line, carets under the span.
#include "core/common/diagnostic.hpp"

namespace gramlab {

namespace {
// Display width of a UTF-8 slice: wide (East Asian) code points take two columns, which
// keeps carets aligned under Korean text in a terminal.
int display_width(std::string_view s) {
    int w = 0;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        uint32_t cp = c;
        int n = 1;
        if (c >= 0xF0) { n = 4; cp = c & 0x07; }
        else if (c >= 0xE0) { n = 3; cp = c & 0x0F; }
        else if (c >= 0xC0) { n = 2; cp = c & 0x1F; }
        for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        i += n;
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF);
        w += wide ? 2 : 1;
    }
    return w;
}
}  // namespace

std::string render_diagnostic(std::string_view source, const std::string& file, SourceSpan span,
                              const std::string& headline) {
    std::string out;
    if (!span.valid()) {
        if (!file.empty()) out += file + ": ";
        out += headline;
        return out;
    }
    LineCol lc = line_col(source, span.offset);
    out += (file.empty() ? std::string("<input>") : file) + ":" + std::to_string(lc.line) + ":" +
           std::to_string(lc.column) + ": " + headline + "\n";
    std::string_view line = line_text(source, lc.line);
    out += "    ";
    out += line;
    out += "\n    ";
    // Offset of the line start, to measure the prefix before the span.
    size_t line_start = span.offset;
    while (line_start > 0 && source[line_start - 1] != '\n') --line_start;
    std::string_view prefix = source.substr(line_start, span.offset - line_start);
    out.append(static_cast<size_t>(display_width(prefix)), ' ');
    size_t avail = line.size() > prefix.size() ? line.size() - prefix.size() : 0;
    size_t len = span.length < avail ? span.length : avail;
    int carets = display_width(source.substr(span.offset, len));
    out.append(static_cast<size_t>(carets < 1 ? 1 : carets), '^');
    return out;
}

std::string render_error(std::string_view source, const Error& e) {
    return render_diagnostic(source, e.file, e.span, e.to_string());
}

}  // namespace gramlab

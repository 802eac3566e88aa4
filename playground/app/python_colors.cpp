// Syntax colours for the Python subset (see python_colors.hpp): keywords, strings, comments,
// numbers, decorators, calls and the names after `class` / `def`.
#include "playground/app/python_colors.hpp"

#include <cctype>
#include <cstring>
#include <string_view>

namespace gramlab::playground {

namespace {

constexpr ImU32 kPlain = IM_COL32(220, 220, 220, 255);
constexpr ImU32 kKeyword = IM_COL32(198, 120, 221, 255);
constexpr ImU32 kConstant = IM_COL32(209, 154, 102, 255);  // None True False, numbers
constexpr ImU32 kString = IM_COL32(152, 195, 121, 255);
constexpr ImU32 kComment = IM_COL32(120, 128, 140, 255);
constexpr ImU32 kCall = IM_COL32(97, 175, 239, 255);
constexpr ImU32 kDefinition = IM_COL32(229, 192, 123, 255);

bool is_keyword(std::string_view w) {
    static constexpr std::string_view kWords[] = {
        "and", "as", "assert", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally",
        "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield"};
    for (auto k : kWords)
        if (k == w) return true;
    return false;
}

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }

}  // namespace

void colour_python_line(const char* b, const char* e, PythonLineState& state,
                        const std::function<void(const char*, const char*, ImU32)>& run) {
    const char* p = b;
    // The end of a triple-quoted string closed by q q q on this line, or null.
    auto find_triple = [&](const char* from, char q) -> const char* {
        for (const char* s = from; s + 3 <= e; ++s) {
            if (*s == '\\') { ++s; continue; }
            if (s[0] == q && s[1] == q && s[2] == q) return s + 3;
        }
        return nullptr;
    };
    if (state.triple) {
        const char* end = find_triple(p, state.triple);
        if (!end) { run(p, e, kString); return; }
        run(p, end, kString);
        p = end;
        state.triple = 0;
    }
    bool after_def = false;
    while (p < e) {
        const char c = *p;
        if (c == '#') { run(p, e, kComment); return; }
        // Strings, with an optional prefix (f, r, b, rb, ...).
        const char* q = p;
        while (q < e && q - p < 2 && std::strchr("rRbBfFuU", *q)) ++q;
        if (q < e && (*q == '\'' || *q == '"')) {
            const char quote = *q;
            if (q + 2 < e && q[1] == quote && q[2] == quote) {
                const char* end = find_triple(q + 3, quote);
                if (!end) { run(p, e, kString); state.triple = quote; return; }
                run(p, end, kString);
                p = end;
                continue;
            }
            const char* s = q + 1;
            while (s < e && *s != quote) s += (*s == '\\' && s + 1 < e) ? 2 : 1;
            if (s < e) ++s;
            run(p, s, kString);
            p = s;
            continue;
        }
        if (std::isdigit(static_cast<unsigned char>(c))) {
            const char* s = p;
            while (s < e && (std::isalnum(static_cast<unsigned char>(*s)) || *s == '.' || *s == '_')) ++s;
            run(p, s, kConstant);
            p = s;
            continue;
        }
        if (c == '@') {
            const char* s = p + 1;
            while (s < e && (ident_char(*s) || *s == '.')) ++s;
            run(p, s, kCall);
            p = s;
            continue;
        }
        if (ident_char(c)) {
            const char* s = p;
            while (s < e && ident_char(*s)) ++s;
            std::string_view w(p, static_cast<size_t>(s - p));
            const char* n = s;
            while (n < e && *n == ' ') ++n;
            ImU32 col = kPlain;
            if (after_def) col = kDefinition;
            else if (w == "None" || w == "True" || w == "False") col = kConstant;
            else if (is_keyword(w)) col = kKeyword;
            else if (n < e && *n == '(') col = kCall;
            after_def = w == "class" || w == "def";
            run(p, s, col);
            p = s;
            continue;
        }
        const char* s = p + 1;
        while (s < e && !ident_char(*s) && *s != '#' && *s != '\'' && *s != '"' && *s != '@' &&
               !std::isdigit(static_cast<unsigned char>(*s)))
            ++s;
        run(p, s, kPlain);
        p = s;
    }
}

void draw_python_text(const char* text, const char* text_end) {
    if (!text_end) text_end = text + std::strlen(text);
    PythonLineState st;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize(), line_h = ImGui::GetTextLineHeight();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 start = pos;
    float width = 0;
    const char* line = text;
    int lines = 0;
    const float clip_top = ImGui::GetWindowPos().y - line_h, clip_bottom = clip_top + ImGui::GetWindowHeight() + 2 * line_h;
    while (line <= text_end) {
        const char* nl = static_cast<const char*>(std::memchr(line, '\n', static_cast<size_t>(text_end - line)));
        const char* end = nl ? nl : text_end;
        float x = start.x;
        const bool visible = pos.y >= clip_top && pos.y <= clip_bottom;
        colour_python_line(line, end, st, [&](const char* b, const char* e, ImU32 col) {
            if (visible) dl->AddText(font, size, ImVec2(x, pos.y), col, b, e);
            x += font->CalcTextSizeA(size, FLT_MAX, 0.0f, b, e).x;
        });
        width = width > x - start.x ? width : x - start.x;
        pos.y += line_h;
        ++lines;
        if (!nl) break;
        line = nl + 1;
    }
    ImGui::Dummy(ImVec2(width, line_h * static_cast<float>(lines)));
}

}  // namespace gramlab::playground

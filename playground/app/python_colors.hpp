// Syntax colours for the Python subset gramlab reads (models.py, migration files): splits a
// line into coloured runs, carrying triple-quoted strings across lines. Presentation only;
// the core's lexer (core/python/) is what parses.
#pragma once

#include <functional>

#include <imgui.h>

namespace gramlab::playground {

//! What a multi-line token left open at the end of a line ('"' or '\'' for a triple-quoted string).
struct PythonLineState {
    char triple = 0;
};

//! Calls `run(begin, end, colour)` for consecutive runs covering [b, e) (one line, no '\n').
void colour_python_line(const char* b, const char* e, PythonLineState& state,
                        const std::function<void(const char*, const char*, ImU32)>& run);

//! Draws `text` (many lines) coloured at the cursor, as TextUnformatted would lay it out.
void draw_python_text(const char* text, const char* text_end = nullptr);

}  // namespace gramlab::playground

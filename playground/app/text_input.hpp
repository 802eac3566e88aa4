// Text that does not come as key presses: Korean typed with an IME (composition events), and
// text a browser inserts directly. A canvas cannot receive either, so a hidden <textarea>
// takes the keyboard focus while an ImGui text field is active; what it receives is handed to
// the input queue (input_queue.hpp), while ordinary keys keep reaching GLFW's window listeners.
#pragma once

#include <string>

namespace gramlab::playground {

//! Creates the hidden text field on the page (once, at start).
void install_text_input();
//! Gives the hidden field the focus while ImGui wants text (io.WantTextInput), and the
//! canvas back when the field has it and ImGui no longer wants text; once per frame.
void sync_text_input_focus(bool want_text);
//! The IME's composition in progress ("바" while typing 박), "" when none.
const std::string& preedit_text();
//! Draws the composition in progress at the text cursor (underlined, over everything), so
//! the learner sees the syllable being built; ImGui itself only gets the committed text.
//! Call after the windows, before ImGui::Render().
void draw_preedit();

}  // namespace gramlab::playground
